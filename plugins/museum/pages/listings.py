"""Pages that list records: the collection and its facets, the museum directory (工业博物馆名录),
the exhibitions index, the heritage list, routes, and the home page."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import replace

from museum.pages import jsonld, urls
from museum.catalogue.index import Catalogue
from museum.records.fields import Text
from museum.records.models import KINDS
from museum.pages.spec import LINKS_PAGE_SIZE, SITE_NAME, SITE_NAME_EN, PageSpec, home_crumb, paginate
from museum.pages.records import Overflow, RecordPages
from museum.pages.views import Card, Link, Section

FACET_NAMES = {"industry": "行业", "province": "地区", "era": "时期", "museum": "收藏单位"}
FACET_VOCAB = {"industry": "industries", "province": "provinces", "era": "eras"}
FEATURED_EXHIBITIONS = 6


class Listings:
    def __init__(self, cat: Catalogue, records: RecordPages, absolute: Callable[[str], str]):
        self.cat = cat
        self.records = records
        self.absolute = absolute
        self.artifact_cards = {aid: records.card(a) for aid, a in cat.artifacts.items()}
        self.by_facet = self._facets()

    def _facets(self) -> dict[str, dict[str, list[str]]]:
        """facet -> value -> artifact ids, values in vocabulary order, ids in catalogue order."""
        found: dict[str, dict[str, list[str]]] = {name: defaultdict(list) for name in FACET_NAMES}
        for aid, a in self.cat.artifacts.items():
            found["industry"][a.industry].append(aid)
            found["era"][self.cat.era_of[aid]].append(aid)
            found["museum"][a.museum.id].append(aid)
            found["province"][self.cat.target(a.museum).province].append(aid)
        ordered = {}
        for name, values in found.items():
            order = list(self.cat.vocab[FACET_VOCAB[name]]) if name in FACET_VOCAB else list(self.cat.museums)
            ordered[name] = {v: values[v] for v in order if v in values}
        return ordered

    def facet_label(self, facet: str, value: str) -> Text:
        if facet == "museum":
            return self.cat.museums[value].name
        return self.cat.label(FACET_VOCAB[facet], value)

    # --- listings of cards, paginated --------------------------------------------------------------
    def _listing(self, base: str, title: str, cards: list[Card], crumbs: list[Link], intro: str = "",
                 facets: list[Section] | None = None, description: str = "") -> Iterable[PageSpec]:
        for cards_on_page, pager in paginate(cards, base):
            url = urls.paged(base, pager.current)
            page_title = title if pager.current == 1 else f"{title}（第 {pager.current} 页）"
            trail = [*crumbs, Link(title, base)]
            yield PageSpec(
                url=url, template="listing.html", title=page_title,
                description=description or f"{title}：共 {len(cards)} 项。",
                context={"cards": cards_on_page, "pager": pager, "total": len(cards), "intro": intro,
                         "facets": facets or [], "heading": title},
                breadcrumbs=trail, jsonld=[jsonld.breadcrumbs(trail, self.absolute)],
            )

    def overflow(self, lists: Iterable[Overflow]) -> Iterable[PageSpec]:
        """The full listing of each list too long for its record's page (RecordPages.bounded)."""
        for found in lists:
            owner = Link(found.owner.label, urls.record(found.owner.key))
            cards = [self.records.card(member) for member in found.members]
            yield from self._listing(found.url, found.title, cards, [home_crumb(), owner])  # it shows the count

    def facet_links(self, facet: str) -> Section:
        links = [Link(self.facet_label(facet, v), urls.facet(facet, v), len(ids))
                 for v, ids in self.by_facet[facet].items()]
        return Section(f"by-{facet}", f"按{FACET_NAMES[facet]}", links=links)

    def collection(self) -> Iterable[PageSpec]:
        crumbs = [home_crumb()]
        cards = list(self.artifact_cards.values())
        facets = [self.facet_links(f) for f in ("industry", "era", "province")]
        intro = "全国工业博物馆的藏品：可按行业、时期、地区和收藏单位浏览。"
        yield from self._listing(urls.COLLECTION, "藏品", cards, crumbs, intro, facets)
        for facet in KINDS["artifact"].facets:
            index_url = urls.facet_index(facet)
            section = self.facet_links(facet)
            title = f"藏品：按{FACET_NAMES[facet]}"  # one link per museum: paginated like the cards
            for links, pager in paginate(section.links, index_url, LINKS_PAGE_SIZE):
                page_title = title if pager.current == 1 else f"{title}（第 {pager.current} 页）"
                yield PageSpec(
                    url=urls.paged(index_url, pager.current), template="links.html", title=page_title,
                    description=f"按{FACET_NAMES[facet]}浏览{SITE_NAME}的藏品。",
                    context={"heading": page_title, "groups": [replace(section, links=links)], "pager": pager},
                    breadcrumbs=[home_crumb(), Link("藏品", urls.COLLECTION),
                                 Link(f"按{FACET_NAMES[facet]}", index_url)],
                )
            for value, ids in self.by_facet[facet].items():
                label = self.facet_label(facet, value)
                yield from self._listing(
                    urls.facet(facet, value), f"{label.zh}", [self.artifact_cards[i] for i in ids],
                    [home_crumb(), Link("藏品", urls.COLLECTION), Link(f"按{FACET_NAMES[facet]}", index_url)],
                    intro=f"{FACET_NAMES[facet]}：{label.zh}，共 {len(ids)} 件藏品。")

    # --- the museum directory, which the national plan names -----------------------------------------
    def directory(self) -> Iterable[PageSpec]:
        by_industry: dict[str, list[str]] = defaultdict(list)
        by_province: dict[str, list[str]] = defaultdict(list)
        for mid, m in self.cat.museums.items():
            for industry in m.industries:
                by_industry[industry].append(mid)
            by_province[m.province].append(mid)
        groups = []
        for name, vocab, found in (("industry", "industries", by_industry), ("province", "provinces", by_province)):
            links = [Link(self.cat.label(vocab, v), f"{urls.DIRECTORY}{name}/{v}/", len(found[v]))
                     for v in self.cat.vocab[vocab] if v in found]
            groups.append(Section(f"by-{name}", f"按{FACET_NAMES[name]}", links=links))
        crumbs = [home_crumb()]
        cards = [self.records.card(m) for m in self.cat.museums.values()]
        yield from self._listing(urls.DIRECTORY, "工业博物馆名录", cards, crumbs,
                                 intro="全国工业博物馆名录，按行业和地区编排。", facets=groups,
                                 description="全国工业博物馆名录：按行业、按地区查找工业博物馆。")
        for name, vocab, found in (("industry", "industries", by_industry), ("province", "provinces", by_province)):
            for value in (v for v in self.cat.vocab[vocab] if v in found):
                label = self.cat.label(vocab, value)
                members = [self.records.card(self.cat.museums[mid]) for mid in found[value]]
                yield from self._listing(
                    f"{urls.DIRECTORY}{name}/{value}/", label.zh, members,
                    [home_crumb(), Link("工业博物馆名录", urls.DIRECTORY)],
                    intro=f"{FACET_NAMES[name]}：{label.zh}，共 {len(members)} 座博物馆。")

    def exhibitions(self) -> Iterable[PageSpec]:
        cards = [self.records.card(e) for e in self.cat.exhibitions.values()]
        yield from self._listing(urls.EXHIBITIONS, "展览", cards, [home_crumb()],
                                 intro="网上展览与各馆展览：可在课堂上直接引用和打印。")

    def heritage(self) -> Iterable[PageSpec]:
        heritage = self.cat.heritage
        groups_spec = [
            ("level", "级别", "heritage-levels", lambda h: [h.level]),
            ("batch", "批次", None, lambda h: [str(h.batch)] if h.batch else []),
            ("province", "地区", "provinces", lambda h: [h.province]),
            ("industry", "行业", "industries", lambda h: [h.industry] if h.industry else []),
        ]
        groups = []
        members: dict[tuple[str, str], list[str]] = defaultdict(list)
        for name, _, _, values in groups_spec:
            for hid, h in heritage.items():
                for v in values(h):
                    members[(name, v)].append(hid)
        labels: dict[tuple[str, str], Text] = {}
        for name, title, vocab, _ in groups_spec:
            values = [v for (n, v) in members if n == name]
            if vocab:
                values = [v for v in self.cat.vocab[vocab] if (name, v) in members]
                for v in values:
                    labels[(name, v)] = self.cat.label(vocab, v)
            else:
                values = sorted(values, key=int)
                for v in values:
                    labels[(name, v)] = Text.of(f"第{v}批", f"Batch {v}")
            groups.append(Section(f"by-{name}", f"按{title}", links=[
                Link(labels[(name, v)], f"{urls.HERITAGE_LIST}{name}/{v}/", len(members[(name, v)])) for v in values]))
        cards = [self.records.card(h) for h in heritage.values()]
        yield from self._listing(urls.HERITAGE_LIST, "工业遗产名录", cards, [home_crumb()],
                                 intro="国家工业遗产名单等分级名录，按批次、级别、地区和行业浏览。", facets=groups)
        for (name, value), ids in members.items():
            yield from self._listing(
                f"{urls.HERITAGE_LIST}{name}/{value}/", labels[(name, value)].zh,
                [self.records.card(heritage[i]) for i in ids],
                [home_crumb(), Link("工业遗产名录", urls.HERITAGE_LIST)],
                intro=f"{labels[(name, value)].zh}：共 {len(ids)} 处工业遗产。")

    def routes(self) -> Iterable[PageSpec]:
        cards = [self.records.card(r) for r in self.cat.routes.values()]
        yield from self._listing(urls.ROUTES, "工业旅游与研学线路", cards, [home_crumb()],
                                 intro="串联工业遗产与工业博物馆的旅游和研学线路。")

    # --- home -------------------------------------------------------------------------------------
    def home(self) -> PageSpec:
        cat = self.cat
        counts = cat.counts()
        featured = [self.records.card(e) for e in list(cat.exhibitions.values())[:FEATURED_EXHIBITIONS]]
        entries = [
            Link("藏品", urls.COLLECTION, counts["artifact"]),
            Link("工业博物馆名录", urls.DIRECTORY, counts["museum"]),
            Link("展览", urls.EXHIBITIONS, counts["exhibition"]),
            Link("工业遗产名录", urls.HERITAGE_LIST, counts["heritage"]),
            Link("旅游与研学线路", urls.ROUTES, counts["route"]),
            Link("地图", urls.MAP, counts["museum"] + counts["heritage"]),
        ]
        return PageSpec(
            url=urls.HOME, template="home.html", title=SITE_NAME,
            description="国家数字工业博物馆：在线浏览中国工业遗产、工业博物馆、藏品与展览。",
            context={"featured": featured, "entries": entries,
                     "by_industry": self.facet_links("industry"), "by_era": self.facet_links("era"),
                     "site_name": SITE_NAME, "site_name_en": SITE_NAME_EN},
            breadcrumbs=[], jsonld=[jsonld.website(self.absolute(""), SITE_NAME, SITE_NAME_EN)],
        )
