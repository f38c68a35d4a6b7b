"""IIIF Presentation 3: a manifest for every artifact with pictures, a collection for every exhibition,
museum and route (pages/iiif.py decides which), made with iiif-prezi3.

Each picture is a canvas of its original's size, painted with the largest picture the site publishes
and, where deep-zoom tiles exist, their level 0 image service, so any IIIF viewer (Mirador, the
Universal Viewer) can open it. Texts are language maps in both languages; each canvas carries its own
picture's licence (``rights``, when it is a Creative Commons or RightsStatements.org one) and credit
(``requiredStatement``), and the manifest those of its first picture. Written one file at a time; a
collection past ``PER_PART`` items continues in numbered parts, so no file grows with the collection.

The JSON is made here as plain data, in the order iiif-prezi3 writes it: building each manifest
through iiif-prezi3's models costs 1.4 ms (140 s at 100,000 objects, against 30 s for all the
exports; bench/exports_bench.py). The tests load every file back into iiif-prezi3's models and
validate it against the official IIIF Presentation 3 schema.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from museum.catalogue.index import Catalogue, images_of
from museum.pages import i18n, urls
from museum.pages.i18n import N_
from museum.pages.iiif import PRESENTATION, has_collection, has_manifest, members
from museum.pages.markup import flat
from museum.pages.spec import SITE_NAME, SITE_NAME_EN, Pictures
from museum.records import licences
from museum.records.fields import Text
from museum.records.models import KINDS, Artifact, Record

PER_PART = 1000


def _dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def lang_map(text: Text | str | None) -> dict[str, list[str]] | None:
    if text is None or text == "":
        return None
    if isinstance(text, str):
        return {"zh": [text]}
    return {lang: [value] for lang, value in text.values if lang in i18n.LANGUAGES}


@cache
def words(msgid: str) -> dict[str, list[str]]:
    """An interface string in every language (a label of the manifests' metadata)."""
    return {lang: [i18n.strings(lang)._(msgid)] for lang in i18n.LANGUAGES}


class Manifests:
    def __init__(self, cat: Catalogue, pictures: Pictures, site_url: str):
        self.cat = cat
        self.pictures = pictures
        self.base = site_url.rstrip("/") + "/"
        self.provider = [{"id": self.base, "type": "Agent", "label": {"zh": [SITE_NAME], "en": [SITE_NAME_EN]},
                          "homepage": [{"id": self.base, "type": "Text", "label": {"zh": [SITE_NAME], "en": [SITE_NAME_EN]},
                                        "format": "text/html"}]}]

    def homepage(self, record: Record) -> list[dict]:
        label = lang_map(record.label)
        return [{"id": self.base + i18n.localized(urls.record(record.key), lang), "type": "Text", "label": label,
                 "format": "text/html", "language": [lang]} for lang in i18n.LANGUAGES]

    def vocab(self, vocabulary: str, vid: str) -> dict | None:
        return lang_map(self.cat.label(vocabulary, vid)) if vid else None

    def manifest(self, a: Artifact) -> str:
        own = self.base + urls.manifest(a.key)
        museum = self.cat.target(a.museum)
        metadata = [(words("收藏单位"), lang_map(museum.label)), (words("行业"), self.vocab("industries", a.industry)),
                    (words("时期"), self.vocab("eras", self.cat.era_of.get(a.id or "", ""))),
                    (words("年代"), lang_map(a.date.text())), (words("制造者"), lang_map(a.maker)),
                    (words("产地"), lang_map(a.place_made)), (words("尺寸"), lang_map(a.dimensions)),
                    (words("藏品编号"), lang_map(a.inventory_number))]
        canvases, first = [], None
        for n, (_, image) in enumerate(images_of(a), 1):
            figure = self.pictures.figure(a, image)
            picture, largest = figure.picture, figure.picture.largest
            canvas_id = f"{own.removesuffix('.json')}/canvas/{n}"
            body: dict = {"id": self.base + picture.url(largest), "type": "Image", "format": "image/webp",
                          "width": largest.width, "height": largest.height}
            if picture.zoom:
                body["service"] = [{"id": f"{self.base}{picture.folder}{picture.zoom}", "type": "ImageService3",
                                    "profile": "level0"}]
            statement = self.statement(figure.credit, figure.license)
            licence = licences.recognise(figure.license)
            canvas = {"id": canvas_id, "type": "Canvas", "width": picture.width, "height": picture.height,
                      "label": lang_map(figure.caption or figure.alt), "requiredStatement": statement,
                      "items": [{"id": f"{canvas_id}/page", "type": "AnnotationPage", "items": [
                          {"id": f"{canvas_id}/page/painting", "type": "Annotation", "motivation": "painting",
                           "body": body, "target": canvas_id}]}],
                      "thumbnail": [self.thumbnail(picture)]}
            if licence.uri:
                canvas["rights"] = licence.uri
            canvases.append({k: v for k, v in canvas.items() if v is not None})
            first = first or (statement, licence, picture)
        assert first is not None, "only artifacts with pictures have a manifest (pages/iiif.py)"
        statement, licence, picture = first
        data = {"@context": PRESENTATION, "id": own, "type": "Manifest", "label": lang_map(a.title),
                "summary": lang_map(a.description.map(lambda text: flat(text, 500))),
                "metadata": [{"label": label, "value": value} for label, value in metadata if value],
                "requiredStatement": statement, "rights": licence.uri, "thumbnail": [self.thumbnail(picture)],
                "homepage": self.homepage(a), "provider": self.provider,
                "partOf": [{"id": self.base + urls.iiif_collection(museum.key), "type": "Collection"}]
                if has_collection(museum) else None,
                "items": canvases}
        return _dumps({k: v for k, v in data.items() if v is not None})

    def thumbnail(self, picture) -> dict:
        thumb = picture.thumb
        return {"id": self.base + picture.url(thumb), "type": "Image", "format": "image/webp",
                "width": thumb.width, "height": thumb.height}

    def statement(self, credit: Text, licence_text: Text) -> dict:
        value = {lang: [f"{credit.get(lang) or credit.zh} · {licence_text.get(lang) or licence_text.zh}"]
                 for lang in i18n.LANGUAGES}
        return {"label": words(N_("图片来源与许可")), "value": value}

    def collections(self, record: Record) -> list[tuple[str, str]]:
        """(site path, JSON) of a record's collection and its parts."""
        items = []
        for member in members(self.cat, record):
            if isinstance(member, Artifact):
                items.append({"id": self.base + urls.manifest(member.key), "type": "Manifest", "label": lang_map(member.label)})
            else:
                items.append({"id": self.base + urls.iiif_collection(member.key), "type": "Collection",
                              "label": lang_map(member.label)})
        parts = [items[i: i + PER_PART] for i in range(0, len(items), PER_PART)] or [[]]
        label = lang_map(record.label)
        files = []
        if len(parts) > 1:  # the first file lists the parts
            part_refs = [{"id": self.base + urls.iiif_collection(record.key, n), "type": "Collection",
                          "label": {lang: [f"{text[0]} ({n})"] for lang, text in label.items()}}
                         for n in range(2, len(parts) + 2)]
            parts = [part_refs, *parts]
        for n, part in enumerate(parts, 1):
            data = {"@context": PRESENTATION, "id": self.base + urls.iiif_collection(record.key, n),
                    "type": "Collection", "label": label, "items": part,
                    "homepage": self.homepage(record), "provider": self.provider}
            if n > 1:
                data["partOf"] = [{"id": self.base + urls.iiif_collection(record.key), "type": "Collection"}]
            files.append((urls.iiif_collection(record.key, n), _dumps(data)))
        return files


def write_iiif(cat: Catalogue, pictures: Pictures, site: Path, site_url: str, share: int = 0, shares: int = 1) -> int:
    """Every manifest and collection into ``site`` (with ``shares``: the manifests of every ``shares``-th
    artifact from the ``share``-th on, and the collections in share 0); returns how many files were written."""
    made = Manifests(cat, pictures, site_url)
    folders: set[Path] = set()
    count = 0

    def write(path: str, text: str) -> None:
        nonlocal count
        target = site / path
        if target.parent not in folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        target.write_text(text, encoding="utf-8")
        count += 1

    for artifact in list(cat.artifacts.values())[share::shares]:
        if has_manifest(artifact):
            write(urls.manifest(artifact.key), made.manifest(artifact))
    for kind, records in cat.records.items() if share == 0 else ():
        if KINDS[kind].collected:
            for record in records.values():
                for path, text in made.collections(record):
                    write(path, text)
    return count

