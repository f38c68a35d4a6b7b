"""The timeline: records by year, a page per decade (per century before 1800), complete as HTML lists.

Which records are on it, and by which date, is declared once, in ``DATED``. A record goes under the
first year its date may mean (the machine range of records/dates.py: ``1796–7`` under 1796, ``c.1821``
under 1816), and shows its date as written. The index lists the periods with their counts per kind; a
period's page lists its records year by year and is paginated, so no page grows with the collection.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import groupby

from museum.catalogue.index import Catalogue
from museum.pages import i18n, jsonld, urls
from museum.pages.spec import PageSpec, home_crumb, paginate
from museum.pages.views import Link
from museum.records import dates
from museum.records.fields import Date, Text
from museum.records.models import KINDS, Record

# kind -> its date fields, the first a record gives being the one it is placed by. A kind not declared
# (yet) is skipped. Heritage sites go by `founded`, not by `listed`: the timeline tells when industry
# built things; a listing is an administrative event of the last few years, which would put every site
# in the 2010s and 2020s (the statistics page counts the batches).
DATED: dict[str, tuple[str, ...]] = {
    "artifact": ("date",),  # when it was made
    "museum": ("founded",),
    "heritage": ("founded",),
    "person": ("born",),
    "enterprise": ("founded",),
}
# From this year on, a page per decade; before it, per century: older records are few, and a period's
# URL must not depend on how many records it has (URLs are permanent).
DECADES_FROM = 1800
PAGE_SIZE = 100  # records on a page of a period (one line each)


@dataclass(frozen=True)
class Period:
    start: int
    end: int

    @property
    def slug(self) -> str:
        return f"{self.start}s" if self.end - self.start == 9 else f"{self.start}-{self.end}"

    @property
    def url(self) -> str:
        return urls.period(self.slug)

    @property
    def label(self) -> Text:
        """1950年代 / 1950s, 18世纪 / 18th century: said as records/dates.py says such dates."""
        zh = f"{self.start}年代" if self.end - self.start == 9 else f"{self.start // 100 + 1}世纪"
        read = dates.read(zh)
        assert read is not None and read.english
        return Text.of(zh, read.english)


def period_of(year: int) -> Period:
    if year >= DECADES_FROM:
        return Period(year // 10 * 10, year // 10 * 10 + 9)
    return Period(year // 100 * 100, year // 100 * 100 + 99)


@dataclass(frozen=True)
class Entry:
    year: int  # the first year the date may mean
    kind: str
    link: Link  # the record's name, to its page
    date: Text  # as the curator wrote it (in English as records/fields.py Date says it)


@dataclass(frozen=True)
class Year:
    label: Text
    anchor: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class PeriodRow:
    link: Link  # the period, to its page, with its total
    counts: tuple[int, ...]  # per kind, in the order of the index's columns


def date_of(record: Record) -> Date | None:
    """The date a record is placed by on the timeline, None if it gives none."""
    for name in DATED.get(record.kind, ()):
        value = getattr(record, name, None)
        if isinstance(value, Date):
            return value
    return None


def kind_label(kind: str, plural: bool = False) -> Text:
    k = KINDS[kind]
    return Text.of(k.zh, (k.en_plural if plural else k.en).capitalize())


class Timeline:
    """The dated records of a catalogue, by period (the same in every language: only texts differ)."""

    def __init__(self, cat: Catalogue):
        self.kinds = [kind for kind in KINDS if kind in DATED and kind in cat.records]
        order = {kind: i for i, kind in enumerate(self.kinds)}
        found = []
        for kind in self.kinds:
            for record in cat.records[kind].values():
                date = date_of(record)
                if date is not None:
                    found.append((date.start, date.end, order[kind], record.id or "", record, date))
        found.sort(key=lambda item: item[:4])
        self.periods: dict[Period, list[Entry]] = {}
        for start, _, _, _, record, date in found:
            entry = Entry(start, record.kind, Link(record.label, urls.record(record.key)), date.text())
            self.periods.setdefault(period_of(start), []).append(entry)

    def columns(self) -> list[str]:
        """The kinds the index counts: those with a dated record (a column of noughts says nothing)."""
        found = {e.kind for entries in self.periods.values() for e in entries}
        return [kind for kind in self.kinds if kind in found]

    def rows(self) -> list[PeriodRow]:
        rows, columns = [], self.columns()
        for period, entries in self.periods.items():
            counts = Counter(e.kind for e in entries)
            rows.append(PeriodRow(Link(period.label, period.url, len(entries)), tuple(counts[k] for k in columns)))
        return rows

    def pages(self, absolute: Callable[[str], str], lang: str = i18n.DEFAULT) -> Iterable[PageSpec]:
        s = i18n.strings(lang)
        title = s._("时间线")
        crumbs = [home_crumb(s), Link(title, urls.TIMELINE)]
        total = sum(len(entries) for entries in self.periods.values())
        yield PageSpec(
            url=urls.TIMELINE, template="timeline.html", title=title,
            description=s.ngettext("按年代浏览 %(num)s 条有年份的记录：藏品按制作年代，博物馆和工业遗产按建成年份。",
                                   "按年代浏览 %(num)s 条有年份的记录：藏品按制作年代，博物馆和工业遗产按建成年份。", total),
            context={"kinds": [kind_label(k, plural=True) for k in self.columns()], "rows": self.rows(), "total": total},
            breadcrumbs=crumbs, jsonld=[jsonld.breadcrumbs(crumbs, absolute)],
        )
        periods = list(self.periods)
        for i, period in enumerate(periods):
            label = s.pick(period.label)
            heading = s._("时间线：%(period)s", period=label)
            around = [Link(p.label, p.url) if p else None
                      for p in (periods[i - 1] if i else None, periods[i + 1] if i + 1 < len(periods) else None)]
            entries = self.periods[period]
            trail = [*crumbs, Link(period.label, period.url)]
            for shown, pager in paginate(entries, period.url, PAGE_SIZE, s=s):
                years = [Year(Date.validate(year).text(), f"y{year}", tuple(group))
                         for year, group in groupby(shown, key=lambda e: e.year)]
                yield PageSpec(
                    url=urls.paged(period.url, pager.current),
                    template="timeline-period.html",
                    title=heading if pager.current == 1 else s._("%(title)s（第 %(n)s 页）", title=heading, n=pager.current),
                    description=s.ngettext("%(period)s的 %(num)s 条记录，按年份排列。", "%(period)s的 %(num)s 条记录，按年份排列。",
                                           len(entries), period=label),
                    context={"heading": heading, "years": years, "pager": pager, "total": len(entries),
                             "kinds": {k: kind_label(k) for k in self.kinds}, "earlier": around[0], "later": around[1]},
                    breadcrumbs=trail, jsonld=[jsonld.breadcrumbs(trail, absolute)],
                )
