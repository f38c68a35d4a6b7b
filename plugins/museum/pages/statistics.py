"""The statistics page: how many records there are, by kind, industry, province, era, museum type,
heritage level, batch and issuer, each as a bar chart drawn at build time (inline SVG) and its data table.

What is counted is declared once, in ``MEASURES``: a kind, what it is counted by, the vocabulary that
orders and names the values, and the listing of a value's records where the site has one (the table
links each count there). The page is laid out here, chart geometry included; the template only draws
it. Its size is bounded by the vocabularies', never by the number of records.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from museum.catalogue.index import Catalogue
from museum.pages import i18n, jsonld, urls
from museum.pages.i18n import N_
from museum.pages import listed
from museum.pages.listed import listings_of
from museum.pages.spec import PageSpec, home_crumb
from museum.pages.timeline import kind_label
from museum.pages.views import Link
from museum.records.fields import Text
from museum.records.models import Record


@dataclass(frozen=True)
class Measure:
    kind: str
    by: str  # the section it is shown in (BY)
    title: str  # the chart's name (N_): "藏品：按行业"
    vocab: str | None  # orders and names the values; None: batch numbers
    values: Callable[[Catalogue, Record], list[str]]  # a record's values (a museum has several industries)
    listing: Callable[[str], str] | None = None  # a value's listing page, where there is one


def _facet(name: str) -> Callable[[str], str]:
    return lambda value: urls.facet(name, value)


def _grouped(base: str, name: str) -> Callable[[str], str]:
    return lambda value: urls.grouped(base, name, value)


# Each section: its heading, and what the first column of its tables names.
BY = {"industry": (N_("按行业"), N_("行业")), "province": (N_("按地区"), N_("地区")), "era": (N_("按时期"), N_("时期")),
      "type": (N_("按类型"), N_("类型")), "level": (N_("按级别"), N_("级别")), "batch": (N_("按批次"), N_("批次")),
      "issuer": (N_("按公布方"), N_("公布方"))}
# The links are those of the listings (pages/listings.py): an artifact's province is its museum's.
MEASURES = [
    Measure("artifact", "industry", N_("藏品：按行业"), "industries", lambda c, a: [a.industry], _facet("industry")),
    Measure("museum", "industry", N_("博物馆：按行业"), "industries", lambda c, m: list(m.industries),
            _grouped(urls.DIRECTORY, "industry")),
    Measure("heritage", "industry", N_("工业遗产：按行业"), "industries", lambda c, h: [h.industry] if h.industry else [],
            _grouped(urls.HERITAGE_LIST, "industry")),
    Measure("artifact", "province", N_("藏品：按地区"), "provinces", lambda c, a: [c.target(a.museum).province],
            _facet("province")),
    Measure("museum", "province", N_("博物馆：按地区"), "provinces", lambda c, m: [m.province],
            _grouped(urls.DIRECTORY, "province")),
    Measure("heritage", "province", N_("工业遗产：按地区"), "provinces", lambda c, h: [h.province],
            _grouped(urls.HERITAGE_LIST, "province")),
    Measure("artifact", "era", N_("藏品：按时期"), "eras", lambda c, a: [c.era_of[a.id]] if a.id in c.era_of else [],
            _facet("era")),
    Measure("museum", "type", N_("博物馆：按类型"), "museum-types", lambda c, m: [m.type]),
    # A site listed at two levels counts at both, as the heritage list shows it; the batches are the
    # national list's (another list's batches are its issuer's, counted by issuer).
    Measure("heritage", "level", N_("工业遗产：按级别"), "heritage-levels",
            lambda c, h: listed.levels(listings_of(h, c)), _grouped(urls.HERITAGE_LIST, "level")),
    Measure("heritage", "batch", N_("国家工业遗产：按批次"), None,
            lambda c, h: listed.national_batches(listings_of(h, c)),
            _grouped(urls.HERITAGE_LIST, "batch")),
    Measure("heritage", "issuer", N_("工业遗产：按公布方"), "heritage-issuers",
            lambda c, h: listed.issuers(listings_of(h, c)), _grouped(urls.HERITAGE_LIST, "issuer")),
]

# The chart's drawing, in SVG units: each bar under its label, so that long names need no column of
# their own and the chart reads the same at 390 px as on a wide screen (museum.css sets its width).
WIDTH = 360
ROW = 42  # a label and its bar
BAR = 14
LABEL_Y = 16  # a label's baseline in its row
COUNT_ROOM = 52  # right of the longest bar, for its count


@dataclass(frozen=True)
class Row:
    label: Text | str
    count: int
    url: str | None
    top: int  # the row's top in the chart
    width: float  # the bar's length


@dataclass(frozen=True)
class Chart:
    anchor: str
    title: str  # in the page's language
    desc: str  # what the chart shows, for a reader who cannot see it
    column: str  # what its table's first column names
    rows: tuple[Row, ...]
    height: int
    label_y: int = LABEL_Y
    bar: int = BAR
    bar_y: int = LABEL_Y + 7  # a bar's top in its row
    width: int = WIDTH


@dataclass(frozen=True)
class Section:
    anchor: str
    title: str
    charts: tuple[Chart, ...]


def counts(cat: Catalogue, measure: Measure) -> dict[str, int]:
    """value -> records, values in the vocabulary's order (batches by number); only values with records."""
    found: Counter[str] = Counter()
    for record in cat.records[measure.kind].values():
        found.update(set(measure.values(cat, record)))  # each value of a record once
    order = list(cat.vocab.get(measure.vocab, {})) if measure.vocab else sorted(found, key=int)
    return {value: found[value] for value in order if found[value]}


def chart(anchor: str, title: str, desc: str, column: str, rows: list[tuple[Text | str, int, str | None]]) -> Chart:
    most = max((n for _, n, _ in rows), default=0) or 1
    drawn = tuple(Row(label, n, url, i * ROW, round((WIDTH - COUNT_ROOM) * n / most, 1))
                  for i, (label, n, url) in enumerate(rows))
    return Chart(anchor, title, desc, column, drawn, max(1, len(rows)) * ROW)


class Statistics:
    """The counts of one catalogue (the same in every language: only the words differ)."""

    def __init__(self, cat: Catalogue):
        self.cat = cat
        self.by_kind = {kind: len(table) for kind, table in cat.records.items() if table}
        self.measures = [(m, counts(cat, m)) for m in MEASURES if m.kind in cat.records]

    def _label(self, measure: Measure, value: str, s: i18n.Strings) -> Text | str:
        return self.cat.label(measure.vocab, value) if measure.vocab else s._("第%(n)s批", n=value)

    def _desc(self, s: i18n.Strings, rows: list[tuple[Text | str, int, str | None]]) -> str:
        if not rows:
            return s._("没有记录。")
        label, n, _ = max(rows, key=lambda row: row[1])  # (the first of the largest: vocabulary order)
        return s.ngettext("条形图，共 %(num)s 项；最多的是%(label)s（%(most)s）。数据见下表。",
                          "条形图，共 %(num)s 项；最多的是%(label)s（%(most)s）。数据见下表。",
                          len(rows), label=s.pick(label), most=n)

    def sections(self, s: i18n.Strings) -> list[Section]:
        kinds = [(kind_label(kind, plural=True), n, urls.KIND_LISTINGS.get(kind)) for kind, n in self.by_kind.items()]
        out = [Section("by-kind", s._("总览"), (chart("chart-kind", s._("各类记录"), self._desc(s, kinds), s._("类别"), kinds),))]
        for by, (heading, column) in BY.items():
            charts = []
            for measure, found in self.measures:
                if measure.by != by or not found:
                    continue  # (no chart of nothing: a collection without issuers has none by issuer)
                rows = [(self._label(measure, v, s), n, measure.listing(v) if measure.listing else None)
                        for v, n in found.items()]
                charts.append(chart(f"chart-{measure.kind}-{by}", s._(measure.title), self._desc(s, rows), s._(column), rows))
            if charts:
                out.append(Section(f"by-{by}", s._(heading), tuple(charts)))
        return out

    def page(self, absolute: Callable[[str], str], lang: str = i18n.DEFAULT) -> PageSpec:
        s = i18n.strings(lang)
        title = s._("统计")
        crumbs = [home_crumb(s), Link(title, urls.STATISTICS)]
        return PageSpec(
            url=urls.STATISTICS, template="statistics.html", title=title,
            description=s._("博物馆的记录按类别、行业、地区、时期、博物馆类型、遗产级别、批次和公布方统计，每张图附数据表。"),
            context={"sections": self.sections(s)},
            breadcrumbs=crumbs, jsonld=[jsonld.breadcrumbs(crumbs, absolute)],
        )
