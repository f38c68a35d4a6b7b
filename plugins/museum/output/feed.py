"""The Atom feed of new and changed records, one per language (``feed.xml``, ``en/feed.xml``), with feedgen.

Entries are the ``SIZE`` records changed last, dated by the repository's history (records/history.py):
``published`` when the file was first committed, ``updated`` when it last changed. The same history
gives the same feed; the feed's size does not grow with the collection.
"""

from __future__ import annotations

import heapq
from datetime import datetime, timezone
from pathlib import Path

from feedgen.feed import FeedGenerator

from museum.catalogue.index import Catalogue
from museum.pages import i18n, urls
from museum.pages.markup import flat
from museum.pages.spec import SITE_NAME, SITE_NAME_EN
from museum.records.history import Dates, History
from museum.records.models import KINDS, Record

SIZE = 50


def _when(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, timezone.utc)


def record_dates(cat: Catalogue) -> dict[tuple[str, str], Dates]:
    """Every record's dates, from the history of its file."""
    history = History(cat.collections)
    return {(record.kind, record.id or ""): history.dates(cat.root / record.source)
            for table in cat.records.values() for record in table.values()}


def latest(cat: Catalogue, dates: dict[tuple[str, str], Dates], size: int = SIZE) -> list[tuple[Record, Dates]]:
    """The ``size`` records changed last, newest first (ties by kind and id, so the order is fixed)."""
    every = ((record, dates[(record.kind, record.id or "")]) for table in cat.records.values() for record in table.values())
    return heapq.nsmallest(size, every, key=lambda item: (-item[1].updated, item[0].kind, item[0].id))


def feed(entries: list[tuple[Record, Dates]], site_url: str, lang: str) -> bytes:
    s = i18n.strings(lang)
    base = site_url.rstrip("/") + "/"
    home = base + i18n.localized(urls.HOME, lang)
    fg = FeedGenerator()
    fg.id(home)
    fg.title(s._("%(site)s：新增和修改的记录", site=s._(SITE_NAME)))
    fg.subtitle(s._("藏品、博物馆、展览、工业遗产和线路的最近更新"))
    fg.author(name=SITE_NAME if lang == i18n.DEFAULT else SITE_NAME_EN, uri=home)
    fg.link(href=base + i18n.localized(urls.FEED, lang), rel="self", type="application/atom+xml")
    fg.link(href=home, rel="alternate", type="text/html")
    fg.language(lang)
    fg.updated(_when(entries[0][1].updated) if entries else _when(0))
    for record, when in entries:
        url = base + i18n.localized(urls.record(record.key), lang)
        entry = fg.add_entry(order="append")
        entry.id(url)
        entry.title(record.label.get(lang) or record.label.zh)
        entry.link(href=url, rel="alternate", type="text/html")
        entry.published(_when(when.created))
        entry.updated(_when(when.updated))
        kind = KINDS[record.kind]
        entry.category(term=record.kind, label=kind.zh if lang == i18n.DEFAULT else kind.en)
        about = getattr(record, "description", None) or getattr(record, "summary", None)
        if about is not None:
            entry.summary(flat(about.get(lang) or about.zh, 300))
    return fg.atom_str(pretty=True)


def write_feeds(cat: Catalogue, dates: dict[tuple[str, str], Dates], site: Path, site_url: str,
                languages: tuple[str, ...]) -> None:
    entries = latest(cat, dates)
    for lang in languages:
        target = site / i18n.localized(urls.FEED, lang)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(feed(entries, site_url, lang))
