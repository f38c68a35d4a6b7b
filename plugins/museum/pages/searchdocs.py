"""What the search index knows of each record: its names, tags, text and facets, in both languages.

One search document per record page, made from the catalogue (not from the rendered page, so the
index can be made while the pages are written, and an unchanged page need not be read back).
The index (search.index) decides how each part is weighted; this module decides what each kind
of record offers as a name, a tag, a text and a facet.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from museum.catalogue.index import Catalogue
from museum.pages import urls
from museum.pages.markup import flat
from museum.pages.spec import Pictures
from museum.records.fields import Text
from museum.records.models import KINDS, Artifact, Course, Enterprise, Exhibition, Heritage, Museum, Person, Record, Route

# The facets a visitor narrows results by, in the order the search page shows them.
FACETS = [
    {"id": "kind", "zh": "类别", "en": "Kind"},
    {"id": "industry", "zh": "行业", "en": "Industry"},
    {"id": "province", "zh": "地区", "en": "Region"},
    {"id": "era", "zh": "时期", "en": "Era"},
    {"id": "museum", "zh": "收藏单位", "en": "Museum"},
    {"id": "level", "zh": "遗产级别", "en": "Heritage level"},
    {"id": "batch", "zh": "公布批次", "en": "Batch"},
]
SUMMARY = 160
def _both(text: Text | None) -> dict[str, str]:
    if text is None:
        return {}
    return {lang: value for lang, value in (("zh", text.zh), ("en", text.en)) if value}


def _value(vid: str, label: Text) -> dict[str, str]:
    return {"id": vid, "zh": label.zh, "en": label.en or label.zh}


class SearchDocuments:
    def __init__(self, cat: Catalogue, pictures: Pictures, base_path: str = "/"):
        self.cat = cat
        self.pictures = pictures
        self.base_path = base_path  # the site's path on its host: thumbnails are fetched from the search page

    def vocab(self, vocabulary: str, vid: str) -> dict[str, str]:
        return _value(vid, self.cat.label(vocabulary, vid))

    def document(self, record: Record) -> dict:
        kind = KINDS[record.kind]
        names: list[Text | str] = [*(w for w in (record.id or "").split("-")), *record.aliases]
        tags: list[Text | str] = []
        texts: list[Text | None] = []
        facets: dict[str, list[dict]] = {"kind": [{"id": kind.name, "zh": kind.zh, "en": kind.en_plural.capitalize()}]}
        museum = None
        if isinstance(record, Artifact):
            host = self.cat.target(record.museum)
            museum = host.name
            era = self.cat.era_of.get(record.id or "", "")
            tags += [*record.tags, *(t for t in (record.maker, record.place_made, host.name, host.city) if t),
                     *record.materials]
            if record.inventory_number:
                names.append(record.inventory_number)
            texts += [record.description, record.significance, record.provenance]
            facets.update(industry=[self.vocab("industries", record.industry)],
                          province=[self.vocab("provinces", host.province)], era=[self.vocab("eras", era)],
                          museum=[_value(host.id or "", host.name)])
        elif isinstance(record, Museum):
            tags += [t for t in (record.city, record.address) if t]
            texts.append(record.description)
            facets.update(industry=[self.vocab("industries", i) for i in record.industries],
                          province=[self.vocab("provinces", record.province)])
        elif isinstance(record, Exhibition):
            host = self.cat.target(record.museum) if record.museum else None
            if host:
                museum = host.name
                tags.append(host.name)
                facets["museum"] = [_value(host.id or "", host.name)]
            tags += [*record.curators, *(s.title for s in record.sections)]
            texts += [record.summary, *(s.text for s in record.sections)]
        elif isinstance(record, Heritage):
            tags += [t for t in (record.city, record.address, record.applicant) if t]
            tags += record.core_items
            texts.append(record.description)
            facets.update(province=[self.vocab("provinces", record.province)],
                          level=[self.vocab("heritage-levels", record.level)])
            if record.industry:
                facets["industry"] = [self.vocab("industries", record.industry)]
            if record.batch:
                facets["batch"] = [{"id": str(record.batch), "zh": f"第{record.batch}批", "en": f"Batch {record.batch}"}]
        elif isinstance(record, Route):
            tags += [t for t in (record.theme,) if t]
            tags += [self.cat.target(s.stop).label for s in record.stops[:60]]
            texts.append(record.description)
        elif isinstance(record, Person):
            tags += [self.cat.label("person-roles", r) for r in record.roles]
            texts.append(record.biography)
        elif isinstance(record, Enterprise):
            names += [n.name.zh for n in record.names]  # found by any of its names over time
            tags += [n.name for n in record.names if n.name.en] + [t for t in (record.city,) if t]
            texts += [record.description, *(e.text for e in record.events)]
            facets["industry"] = [self.vocab("industries", record.industry)]
            if record.province:
                facets["province"] = [self.vocab("provinces", record.province)]
        elif isinstance(record, Course):
            tags += [self.cat.target(ref).label for ref in record.uses[:60]]
            texts += [record.description, *record.objectives, *record.activities]
        text = {lang: flat(" ".join(t.get(lang) or "" for t in texts if t)) for lang in ("zh", "en")}
        doc = {
            "url": urls.record(record.key),
            "title": _both(record.label),
            "kind": {"zh": kind.zh, "en": kind.en.capitalize()},
            "names": [n for n in names if n],
            "tags": [_both(t) if isinstance(t, Text) else t for t in tags],
            "text": {lang: value for lang, value in text.items() if value},
            "summary": {lang: value[:SUMMARY] for lang, value in text.items() if value},
            "facets": facets,
        }
        if museum:
            doc["museum"] = _both(museum)
        figure = self.pictures.first(record)
        if figure:
            doc["image"] = self.base_path + figure.picture.url(figure.picture.thumb)
            doc["alt"] = _both(figure.alt)
        return doc

    def documents(self) -> Iterator[dict]:
        """Every record's document, short titles first (the order of equal scores), then by title: records
        of one name or series (a brand, a model) are numbered together, so that the results a query
        shows first are in few document files (search.index.CHUNK records to a file)."""
        records = [r for table in self.cat.records.values() for r in table.values()]
        records.sort(key=lambda r: (len(r.label.zh), r.label.zh, urls.record(r.key)))
        for record in records:
            yield self.document(record)

    def write(self, path: Path) -> None:
        """The documents as JSON lines (a header line first), for the indexer's own process."""
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8") as out:
            out.write(json.dumps({"facets": FACETS}, ensure_ascii=False) + "\n")
            for doc in self.documents():
                out.write(json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n")
