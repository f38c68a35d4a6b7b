"""The museum's data for other programs (phase 3): what the data package holds, and its downloads page.

One place declares the package: its resources (``RESOURCES``), the columns of each kind's table (made
from the kind's model, so a new field or kind gets its column without code here), and what is left
out of it. ``output/datapackage.py`` writes the files from these; the downloads page (``downloads``)
describes the same.

Left out: a picture whose licence the museum does not recognise as allowing reuse (records/licences.py),
and an artifact's descriptive texts when its ``rights`` forbid reuse. The package says how many, and
each record of ``records.jsonl`` lists what it lacks under ``withheld``.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, HttpUrl

from museum.catalogue.index import Catalogue, images_of
from museum.pages import i18n, urls
from museum.pages.geo import SOURCES as POSITION_SOURCES
from museum.pages.geo import PRECISION, Placer
from museum.pages.spec import SITE_NAME, SITE_NAME_EN, PageSpec, home_crumb
from museum.pages.views import Link
from museum.records import licences
from museum.records.fields import Date, Ref, Text
from museum.records.models import KINDS, Artifact, DateSpan, Image, Location, Record, Section, Stop

LIST_SEP = " | "  # between the items of a list in one cell
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet would run as a formula
TEXT_FIELDS = ("description", "significance", "provenance")  # an artifact's texts its `rights` govern
PACKAGE = "datapackage.json"
RECORDS = "records.jsonl"
PLACES = "places.geojson"


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Table Schema type: string, integer, number, boolean
    description: str
    get: Callable[[Record], Any]
    enum: tuple[str, ...] = ()


@dataclass(frozen=True)
class Resource:
    name: str
    path: str  # inside DATA
    format: str
    mediatype: str
    title: Text
    description: Text
    kind: str | None = None  # the record kind of a table


def inert(cell: str) -> str:
    """A cell a spreadsheet shows as text: one it would run as a formula gets a leading apostrophe."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def tables() -> list[Resource]:
    return [Resource(kind.folder, f"{kind.folder}.csv", "csv", "text/csv", Text.of(kind.zh, kind.en_plural.capitalize()),
                     Text.of(f"每条{kind.zh}记录一行", f"One row per {kind.en} record"), name)
            for name, kind in KINDS.items()]


RESOURCES = [
    *tables(),
    Resource("records", RECORDS, "jsonl", "application/x-ndjson", Text.of("完整记录", "Full records"),
             Text.of("每行一条完整记录（JSON），字段与藏品记录文件相同，另有网址和图片",
                     "One full record per line (JSON), with the fields of the record files, its URLs and pictures")),
    Resource("places", PLACES, "geojson", "application/geo+json", Text.of("地点", "Places"),
             Text.of("博物馆、工业遗产和线路站点的位置（GeoJSON，WGS-84）；position 说明位置是精确的还是仅到城市或省份",
                     "Where the museums, heritage sites and route stops are (GeoJSON, WGS-84); position says "
                     "whether a point is exact or only the city or province")),
]


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """The type inside Optional[...] and Annotated[...], and whether it is a list."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            annotation = next(a for a in get_args(annotation) if a is not type(None))
        elif origin is list:
            inner, _ = _unwrap(get_args(annotation)[0])
            return inner, True
        else:
            return annotation, False


def _joined(values: list[str]) -> str:
    return LIST_SEP.join(values)


class OpenData:
    """The package's tables and records, for one catalogue."""

    def __init__(self, cat: Catalogue, placer: Placer, base: str):
        self.cat = cat
        self.placer = placer
        self.base = base  # the site's absolute URL, ending in "/"

    # --- what is left out -----------------------------------------------------------------------
    @staticmethod
    def reusable(image: Image) -> bool:
        return licences.recognise(image.license).reusable

    @staticmethod
    def texts_withheld(record: Record) -> bool:
        return isinstance(record, Artifact) and record.rights is not None and not licences.recognise(record.rights).reusable

    def withheld(self, record: Record) -> list[str]:
        """The parts of a record the package leaves out, as paths ("images.0", "description")."""
        parts = [".".join(str(p) for p in where) for where, image in images_of(record) if not self.reusable(image)]
        if self.texts_withheld(record):
            parts += [name for name in TEXT_FIELDS if getattr(record, name) is not None]
        return parts

    def public(self, record: Record) -> dict:
        """The record as its file gives it (JSON), without what the package leaves out."""
        data = record.model_dump(mode="json", exclude_defaults=True)
        data.pop("id", None)  # (its id is the line's own)
        for where, image in sorted(images_of(record), key=lambda item: item[0], reverse=True):
            if not self.reusable(image):
                *parent, last = where
                holder: Any = data
                for step in parent:
                    holder = holder[step]
                if isinstance(last, int):
                    holder.pop(last)
                else:
                    holder.pop(last, None)
        if self.texts_withheld(record):
            for name in TEXT_FIELDS:
                data.pop(name, None)
        return data

    # --- the tables -----------------------------------------------------------------------------
    @cached_property
    def columns(self) -> dict[str, list[Column]]:
        return {name: self._columns(name) for name in KINDS}

    def _columns(self, kind: str) -> list[Column]:
        model = KINDS[kind].model
        cols = [Column("id", "string", "编号 / id", lambda r: r.id),
                Column("url", "string", "中文页面 / the page in Chinese", lambda r: self.base + urls.record(r.key)),
                Column("url_en", "string", "英文页面 / the page in English",
                       lambda r: self.base + i18n.localized(urls.record(r.key), "en"))]
        for name, info in model.model_fields.items():
            if name in ("id", "extra"):
                continue
            described = info.description or name
            if name == "era" and kind == "artifact":  # the era the catalogue gives it (derived from the date)
                cols.append(Column("era", "string", described, lambda r: self.cat.era_of.get(r.id, "")))
                continue
            made = self._field_columns(name, info.annotation, described)
            if kind == "artifact" and name in TEXT_FIELDS:  # left empty where the artifact's rights forbid reuse
                made = [Column(c.name, c.type, c.description,
                               lambda r, get=c.get: "" if self.texts_withheld(r) else get(r)) for c in made]
            cols += made
        if KINDS[kind].on_map:
            cols += [Column("lat", "number", "纬度（WGS-84）/ latitude (WGS-84)", lambda r: round(self.placer.place(r).lat, 5)),
                     Column("lon", "number", "经度（WGS-84）/ longitude (WGS-84)", lambda r: round(self.placer.place(r).lon, 5)),
                     Column("position", "string", "位置的精度 / how precise the position is",
                            lambda r: self.placer.place(r).precision, tuple(dict.fromkeys(PRECISION.values())))]
        return cols

    def _field_columns(self, name: str, annotation: Any, described: str) -> list[Column]:
        inner, many = _unwrap(annotation)

        def attr(r: Record) -> Any:
            return getattr(r, name)

        if inner is Text:
            if many:
                return [Column(f"{name}_{lang}", "string", f"{described} ({lang})",
                               lambda r, lang=lang: _joined([t.get(lang) or "" for t in attr(r)]) if any(
                                   t.get(lang) for t in attr(r)) else "")
                        for lang in i18n.LANGUAGES]
            return [Column(f"{name}_{lang}", "string", f"{described} ({lang})",
                           lambda r, lang=lang: (attr(r).get(lang) or "") if attr(r) is not None else "")
                    for lang in i18n.LANGUAGES]
        if inner is Date:
            return [Column(name, "string", f"{described}：ISO 日期或原文 / ISO date or the curator's wording",
                           lambda r: (attr(r).iso or attr(r).display) if attr(r) else ""),
                    Column(f"{name}_start", "integer", "最早年份 / earliest year", lambda r: attr(r).start if attr(r) else None),
                    Column(f"{name}_end", "integer", "最晚年份 / latest year", lambda r: attr(r).end if attr(r) else None)]
        if inner is DateSpan:
            return [Column(f"{name}_{end}", "string", f"{described} ({end})",
                           lambda r, end=end: str(getattr(attr(r), end).iso or getattr(attr(r), end).display)
                           if attr(r) and getattr(attr(r), end) else "")
                    for end in ("start", "end")]
        if inner is Image:
            def pictures(r: Record) -> int:
                value = attr(r)
                return sum(self.reusable(i) for i in (value if many else [value] if value else []))
            return [Column(name, "integer", "可再利用的图片数（见 records.jsonl）/ reusable pictures (see records.jsonl)", pictures)]
        if inner is Location:
            return []  # on_map kinds: lat, lon and position (the point the site shows)
        if inner is Stop:
            return [Column(name, "string", "站点（类型/编号）/ stops (kind/id)", lambda r: _joined([str(s.stop) for s in attr(r)]))]
        if inner is Section:
            return [Column(name, "integer", "章节数（见 records.jsonl）/ sections (see records.jsonl)", lambda r: len(attr(r)))]
        if isinstance(inner, type) and issubclass(inner, BaseModel) and many:
            # A list of parts (sources, names over time, events): counted here, given whole in records.jsonl.
            return [Column(name, "integer", f"{described}：条数（见 records.jsonl）/ how many (see records.jsonl)",
                           lambda r: len(attr(r)))]
        if inner is bool:
            return [Column(name, "boolean", described, attr)]
        if inner is int:
            return [Column(name, "integer", described, attr)]
        if inner is float:
            return [Column(name, "number", described, attr)]
        enum = tuple(get_args(inner)) if get_origin(inner) is Literal else ()
        if many:
            return [Column(name, "string", f"{described}（以“{LIST_SEP.strip()}”分隔）/ separated by “{LIST_SEP.strip()}”",
                           lambda r: _joined([str(v) for v in attr(r)]))]
        if inner in (str, Ref, HttpUrl) or enum:
            return [Column(name, "string", described, lambda r: "" if attr(r) is None else str(attr(r)), enum)]
        raise TypeError(f"opendata: no column for {name}: {annotation!r}")  # a new field type: say how to export it

    def row(self, record: Record) -> list[Any]:
        return [col.get(record) for col in self.columns[record.kind]]

    # --- the places -----------------------------------------------------------------------------
    def places(self) -> Iterator[dict]:
        """A GeoJSON feature for every museum and heritage site, with the routes that stop there."""
        stops: dict[Ref, list[str]] = {}
        for route in self.cat.routes.values():
            for stop in route.stops:
                stops.setdefault(stop.stop, []).append(route.id or "")
        for point in self.placer.points():
            ref = Ref(point.kind, point.id)
            yield {"type": "Feature", "id": f"{point.kind}/{point.id}",
                   "geometry": {"type": "Point", "coordinates": [round(point.lon, 5), round(point.lat, 5)]},
                   "properties": {"kind": point.kind, "name_zh": point.name.zh, "name_en": point.name.en,
                                  "url": self.base + point.url, "province": point.province, "city": point.city,
                                  "position": point.precision, "routes": stops.get(ref, [])}}

    # --- what the page and the package say ------------------------------------------------------
    @cached_property
    def left_out(self) -> tuple[int, int]:
        """(pictures, records whose texts) the package leaves out."""
        pictures = texts = 0
        for table in self.cat.records.values():
            for record in table.values():
                pictures += sum(not self.reusable(image) for _, image in images_of(record))
                texts += self.texts_withheld(record)
        return pictures, texts

    def approximate(self) -> int:
        return sum(point.source != "record" for point in self.placer.points())


def downloads(data: OpenData, absolute: Callable[[str], str], lang: str = i18n.DEFAULT) -> PageSpec:
    """The downloads page: what the package holds, its licences, and what it leaves out."""
    s = i18n.strings(lang)
    counts = data.cat.counts()
    pictures, texts = data.left_out
    files = [{"resource": r, "url": urls.DATA + r.path, "rows": counts.get(r.kind, 0) if r.kind else None}
             for r in RESOURCES]
    title = s._("数据下载")
    positions: dict[str, str] = {}  # each precision once, with the text of its first way of placing
    for source, code in PRECISION.items():
        positions.setdefault(code, s._(POSITION_SOURCES[source]))
    description = s._("国家数字工业博物馆的开放数据：全部记录的表格（CSV）、完整记录（JSON Lines）和地点（GeoJSON），"
                      "以 Frictionless 数据包发布。")
    dataset = {
        "@context": "https://schema.org", "@type": "Dataset", "name": [
            {"@language": "zh", "@value": f"{SITE_NAME}开放数据"}, {"@language": "en", "@value": f"{SITE_NAME_EN} open data"}],
        "description": description, "url": absolute(urls.DATA), "inLanguage": list(i18n.LANGUAGES),
        "license": licences.SITE_TEXT.uri, "isAccessibleForFree": True,
        "creator": {"@type": "Organization", "name": SITE_NAME, "alternateName": SITE_NAME_EN},
        "distribution": [{"@type": "DataDownload", "name": r.name, "encodingFormat": r.mediatype,
                          "contentUrl": data.base + urls.DATA + r.path} for r in RESOURCES]
        + [{"@type": "DataDownload", "name": "datapackage", "encodingFormat": "application/json",
            "contentUrl": data.base + urls.DATA + PACKAGE}],
    }
    return PageSpec(
        url=urls.DATA, template="data.html", title=title, description=description,
        context={"files": files, "package": urls.DATA + PACKAGE, "left_pictures": pictures, "left_texts": texts,
                 "approximate": data.approximate(), "licence": licences.SITE_TEXT, "sep": LIST_SEP.strip(),
                 "positions": list(positions.items()),
                 "feed": urls.FEED},
        breadcrumbs=[home_crumb(s), Link(title, urls.DATA)], jsonld=[dataset],
    )
