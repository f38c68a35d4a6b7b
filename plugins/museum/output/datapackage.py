"""The data package (Frictionless Data Package v2): one CSV per kind, the full records as JSON Lines,
the places as GeoJSON, and ``datapackage.json`` describing them, in the site's ``data/`` folder.

What goes in is declared in pages/opendata.py. Written record by record, each file at once (memory stays
flat however large the collection), in catalogue order, with no time stamp: the same collection gives
the same bytes. ``datapackage.json`` is written last, so a package that has it is complete.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from museum.catalogue.index import images_of
from museum.pages import i18n, opendata, urls
from museum.pages.iiif import has_manifest
from museum.pages.opendata import OpenData, Resource
from museum.pages.spec import SITE_NAME, SITE_NAME_EN, Pictures
from museum.records import licences
from museum.records.models import Record


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return opendata.inert(value)
    return value


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


class PackageWriter:
    def __init__(self, data: OpenData, pictures: Pictures, site: Path, site_url: str):
        self.data = data
        self.pictures = pictures
        self.folder = site / urls.DATA
        self.base = site_url.rstrip("/") + "/"

    def line(self, record: Record) -> dict:
        """A record of ``records.jsonl``: its fields as its file gives them, its URLs, its pictures."""
        pictures = []
        for where, image in images_of(record):
            if self.data.reusable(image):
                picture = self.pictures.figure(record, image).picture
                shown = {"at": ".".join(str(p) for p in where), "url": self.base + picture.url(picture.largest),
                         "width": picture.largest.width, "height": picture.largest.height,
                         "original_width": picture.width, "original_height": picture.height}
                if picture.zoom_info:
                    shown["iiif_image"] = self.base + picture.folder + picture.zoom
                pictures.append(shown)
        line = {"kind": record.kind, "id": record.id,
                "url": {lang: self.base + i18n.localized(urls.record(record.key), lang) for lang in i18n.LANGUAGES},
                "record": self.data.public(record), "pictures": pictures}
        if record.kind == "artifact":
            line["era"] = self.data.cat.era_of.get(record.id or "")
        if has_manifest(record):
            line["iiif_manifest"] = self.base + urls.manifest(record.key)
        withheld = self.data.withheld(record)
        if withheld:
            line["withheld"] = withheld
        return line

    def write(self, progress: Callable[[int], None] | None = None) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        done = self.folder / opendata.PACKAGE
        done.unlink(missing_ok=True)  # (written last: a folder without it is being written)
        tables = {r.kind: r for r in opendata.RESOURCES if r.kind}
        with ExitStack() as stack:
            writers = {}
            for kind, resource in tables.items():
                f = stack.enter_context((self.folder / resource.path).open("w", encoding="utf-8", newline=""))
                writers[kind] = csv.writer(f, lineterminator="\n")
                writers[kind].writerow([col.name for col in self.data.columns[kind]])
            records = stack.enter_context((self.folder / opendata.RECORDS).open("w", encoding="utf-8"))
            for table in self.data.cat.records.values():
                for record in table.values():
                    writers[record.kind].writerow([_cell(v) for v in self.data.row(record)])
                    records.write(_dumps(self.line(record)) + "\n")
                    if progress:
                        progress(1)
        with (self.folder / opendata.PLACES).open("w", encoding="utf-8") as f:
            f.write('{"type":"FeatureCollection","features":[\n')
            for n, feature in enumerate(self.data.places()):
                f.write(("," if n else "") + _dumps(feature) + "\n")
            f.write("]}\n")
        done.write_text(json.dumps(self.descriptor(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    def descriptor(self) -> dict:
        text = licences.SITE_TEXT
        site_licence = {"name": text.name, "path": text.uri, "title": text.title}
        pictures, texts = self.data.left_out
        left = (f"Left out: {pictures} picture(s) whose licence does not allow reuse (or is not one the museum "
                f"recognises), and the descriptive texts of {texts} artifact(s) whose rights forbid reuse; each "
                "record in records.jsonl lists what it lacks under `withheld`. ")
        return {
            "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
            "name": "national-digital-industrial-museum",
            "title": f"{SITE_NAME} {SITE_NAME_EN}",
            "description": (f"{SITE_NAME}的开放数据：藏品、博物馆、展览、工业遗产、线路、人物、企业和研学课程。The open "
                            f"data of the {SITE_NAME_EN}: its artifacts, museums, exhibitions, heritage sites, routes, "
                            "people, enterprises and study courses. "
                            + left + "Pictures keep their own licences (each image's `license` in records.jsonl). "
                            f"Lists in a CSV cell are separated by '{opendata.LIST_SEP.strip()}'; a text cell "
                            "that would start with = + - @ starts with an apostrophe instead, so that no "
                            "spreadsheet runs it as a formula. Positions: `position` is exact only for a "
                            "curator's checked coordinates; otherwise the point is the city's or the "
                            "province's (from the cpca division table, MIT), not the site's."),
            "homepage": self.base + urls.DATA,
            "licenses": [site_licence],
            "sources": [{"title": SITE_NAME_EN, "path": self.base}],
            "resources": [self.resource(r, site_licence) for r in opendata.RESOURCES],
        }

    def resource(self, r: Resource, site_licence: dict) -> dict:
        out: dict[str, Any] = {"name": r.name, "path": r.path, "title": f"{r.title.zh} / {r.title.en}",
                               "description": f"{r.description.zh} / {r.description.en}", "format": r.format,
                               "mediatype": r.mediatype, "encoding": "utf-8", "licenses": [site_licence]}
        if r.kind is None:
            out["type"] = "file"  # (not a table: nested JSON)
            return out
        fields = []
        for col in self.data.columns[r.kind]:
            field: dict[str, Any] = {"name": col.name, "type": col.type, "description": col.description}
            if col.enum:
                field["constraints"] = {"enum": list(col.enum)}
            if col.type == "boolean":
                field["trueValues"], field["falseValues"] = ["true"], ["false"]
            fields.append(field)
        fields[0]["constraints"] = {"required": True, "unique": True}
        out["type"] = "table"
        out["dialect"] = {"header": True, "delimiter": ",", "lineTerminator": "\n"}
        out["schema"] = {"fields": fields, "primaryKey": ["id"], "missingValues": [""]}
        return out


def write_package(data: OpenData, pictures: Pictures, site: Path, site_url: str,
                  progress: Callable[[int], None] | None = None) -> None:
    PackageWriter(data, pictures, site, site_url).write(progress)
