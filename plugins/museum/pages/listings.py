"""Pages that list records: the collection and its facets, the museum directory (工业博物馆名录),
the exhibitions index, the heritage list, routes, the people index, the enterprise directory, the
courses, and the home page."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import replace

from museum.pages import i18n, jsonld, urls
from museum.pages.i18n import N_
from museum.catalogue.index import Catalogue
from museum.records.fields import Text
from museum.records.models import KINDS
from museum.pages.spec import LINKS_PAGE_SIZE, SITE_NAME, SITE_NAME_EN, PageSpec, home_crumb, paginate
from museum.pages.listed import BIG, issuers, levels, listings_of, national_batches, order_key
from museum.pages.records import Overflow, RecordPages
from museum.pages.views import Card, Link, Section

# "按行业": "By industry" (each a string of the catalogue as a whole: word order differs by language).
FACET_NAMES = {"industry": N_("按行业"), "province": N_("按地区"), "era": N_("按时期"), "museum": N_("按收藏单位")}
DIRECTORY_GROUPS = {"industry": FACET_NAMES["industry"], "province": FACET_NAMES["province"], "designation": N_("按称号")}
FACET_VOCAB = {"industry": "industries", "province": "provinces", "era": "eras"}
FEATURED_EXHIBITIONS = 6


class Listings:
    def __init__(self, cat: Catalogue, records: RecordPages, absolute: Callable[[str], str],
                 like: Listings | None = None):
        """``like``: the listings of another language, whose artifact cards and facets these share
        (they are the same in every language but their text)."""
        self.cat = cat
        self.s = records.s
        self.records = records
        self.absolute = absolute
        if like is not None:
            self.artifact_cards, self.by_facet = like.artifact_cards, like.by_facet
        else:
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
    def _listing(self, base: str, name: Text | str, cards: list[Card], crumbs: list[Link], intro: str = "",
                 facets: list[Section] | None = None, description: str = "") -> Iterable[PageSpec]:
        """``name``: what is listed (a vocabulary's or a museum's name: shown in Chinese, marked so, where
        it has no English)."""
        s = self.s
        title = s.pick(name)
        title_lang = "" if isinstance(name, str) or name.get(s.lang) else i18n.DEFAULT
        for cards_on_page, pager in paginate(cards, base, s=s):
            url = urls.paged(base, pager.current)
            page_title = self._paged_title(title, pager.current)
            trail = [*crumbs, Link(name, base)]
            yield PageSpec(
                url=url, template="listing.html", title=page_title, title_lang=title_lang,
                description=description or s.ngettext("%(title)s：共 %(num)s 项。", "%(title)s：共 %(num)s 项。",
                                                         len(cards), title=title),
                context={"cards": cards_on_page, "pager": pager, "total": len(cards), "intro": intro,
                         "facets": facets or [], "heading": title},
                breadcrumbs=trail, jsonld=[jsonld.breadcrumbs(trail, self.absolute)],
            )

    def overflow(self, lists: Iterable[Overflow]) -> Iterable[PageSpec]:
        """The full listing of each list too long for its record's page (RecordPages.bounded)."""
        for found in lists:
            owner = Link(found.owner.label, urls.record(found.owner.key))
            cards = [self.records.card(member) for member in found.members]
            yield from self._listing(found.url, found.title, cards, [home_crumb(self.s), owner])  # it shows the count

    def facet_links(self, facet: str) -> Section:
        links = [Link(self.facet_label(facet, v), urls.facet(facet, v), len(ids))
                 for v, ids in self.by_facet[facet].items()]
        return Section(f"by-{facet}", self.s._(FACET_NAMES[facet]), links=links)

    def _paged_title(self, title: str, page: int) -> str:
        return title if page == 1 else self.s._("%(title)s（第 %(n)s 页）", title=title, n=page)

    def collection(self) -> Iterable[PageSpec]:
        s = self.s
        crumbs = [home_crumb(s)]
        cards = list(self.artifact_cards.values())
        facets = [self.facet_links(f) for f in ("industry", "era", "province")]
        intro = s._("全国工业博物馆的藏品：可按行业、时期、地区和收藏单位浏览。")
        yield from self._listing(urls.COLLECTION, s._("藏品"), cards, crumbs, intro, facets)
        for facet in KINDS["artifact"].facets:
            index_url = urls.facet_index(facet)
            section = self.facet_links(facet)
            by = s._(FACET_NAMES[facet])
            title = s._("藏品：%(by)s", by=by)  # one link per museum: paginated like the cards
            for links, pager in paginate(section.links, index_url, LINKS_PAGE_SIZE, s=s):
                page_title = self._paged_title(title, pager.current)
                yield PageSpec(
                    url=urls.paged(index_url, pager.current), template="links.html", title=page_title,
                    description=s._("%(by)s浏览%(site)s的藏品。", by=by, site=s._(SITE_NAME)),
                    context={"heading": page_title, "groups": [replace(section, links=links)], "pager": pager},
                    breadcrumbs=[home_crumb(s), Link(s._("藏品"), urls.COLLECTION), Link(by, index_url)],
                )
            for value, ids in self.by_facet[facet].items():
                name = self.facet_label(facet, value)
                label = s.pick(name)
                yield from self._listing(
                    urls.facet(facet, value), name, [self.artifact_cards[i] for i in ids],
                    [home_crumb(s), Link(s._("藏品"), urls.COLLECTION), Link(by, index_url)],
                    intro=s.ngettext("%(by)s：%(label)s，共 %(num)s 件藏品。", "%(by)s：%(label)s，共 %(num)s 件藏品。", len(ids),
                                     by=by, label=label))

    # --- the museum directory, which the national plan names -----------------------------------------
    def directory(self) -> Iterable[PageSpec]:
        s = self.s
        by_industry: dict[str, list[str]] = defaultdict(list)
        by_province: dict[str, list[str]] = defaultdict(list)
        by_designation: dict[str, list[str]] = defaultdict(list)
        for mid, m in self.cat.museums.items():
            for industry in m.industries:
                by_industry[industry].append(mid)
            by_province[m.province].append(mid)
            for designation in m.designations:
                by_designation[designation].append(mid)
        grouped = (("industry", "industries", by_industry), ("province", "provinces", by_province),
                   ("designation", "designations", by_designation))
        groups = []
        for name, vocab, found in grouped:
            links = [Link(self.cat.label(vocab, v), f"{urls.DIRECTORY}{name}/{v}/", len(found[v]))
                     for v in self.cat.vocab[vocab] if v in found]
            if links:
                groups.append(Section(f"by-{name}", s._(DIRECTORY_GROUPS[name]), links=links))
        crumbs = [home_crumb(s)]
        cards = [self.records.card(m) for m in self.cat.museums.values()]
        title = s._("工业博物馆名录")
        yield from self._listing(urls.DIRECTORY, title, cards, crumbs,
                                 intro=s._("全国工业博物馆名录，按行业、地区和称号编排。"), facets=groups,
                                 description=s._("全国工业博物馆名录：按行业、按地区查找工业博物馆。"))
        for name, vocab, found in grouped:
            for value in (v for v in self.cat.vocab[vocab] if v in found):
                listed = self.cat.label(vocab, value)
                label = s.pick(listed)
                members = [self.records.card(self.cat.museums[mid]) for mid in found[value]]
                yield from self._listing(
                    f"{urls.DIRECTORY}{name}/{value}/", listed, members,
                    [home_crumb(s), Link(title, urls.DIRECTORY)],
                    intro=s.ngettext("%(by)s：%(label)s，共 %(num)s 座博物馆。", "%(by)s：%(label)s，共 %(num)s 座博物馆。",
                                     len(members), by=s._(DIRECTORY_GROUPS[name]), label=label)
                    + (self._conferred(value) if name == "designation" else ""))

    def _conferred(self, designation: str) -> str:
        """Who confers a designation and when, and where that is documented (the vocabulary entry says)."""
        s, entry = self.s, self.cat.vocab.get("designations", {}).get(designation)
        if entry is None or entry.issuer is None:
            return ""
        said = (s._("%(issuer)s %(year)s年公布。", issuer=s.pick(entry.issuer), year=entry.year) if entry.year
                else s._("由%(issuer)s命名。", issuer=s.pick(entry.issuer)))
        shown = entry.source and (s.lang == i18n.DEFAULT or entry.source.en)  # (never Chinese in an English sentence)
        return said + (s._("出处：%(source)s", source=s.pick(entry.source)) if shown else "")

    def exhibitions(self) -> Iterable[PageSpec]:
        s = self.s
        yield from self._by_audience(urls.EXHIBITIONS, s._("展览"), self.cat.exhibitions,
                                     s._("网上展览与各馆展览：可在课堂上直接引用和打印。"))

    def _by_audience(self, base: str, title: str, records: dict, intro: str) -> Iterable[PageSpec]:
        """A listing, with a part for each audience its records are for (a teacher's first question)."""
        s = self.s
        members: dict[str, list] = {a: [] for a in self.cat.vocab.get("audiences", {})}
        for record in records.values():
            for audience in record.audience:
                members[audience].append(record)
        found = {a: rs for a, rs in members.items() if rs}
        facets = [Section("by-audience", s._("按适合对象"), links=[
            Link(self.cat.label("audiences", a), urls.grouped(base, "audience", a), len(rs)) for a, rs in found.items()])]
        cards = [self.records.card(r) for r in records.values()]
        yield from self._listing(base, title, cards, [home_crumb(s)], intro=intro, facets=facets if found else None)
        for audience, group in found.items():
            label = self.cat.label("audiences", audience)
            yield from self._listing(urls.grouped(base, "audience", audience), label,
                                     [self.records.card(r) for r in group], [home_crumb(s), Link(title, base)],
                                     intro=s._("%(title)s：适合%(audience)s。", title=title, audience=s.pick(label)))

    def heritage(self) -> Iterable[PageSpec]:
        s, cat = self.s, self.cat
        heritage = cat.heritage
        listed = {hid: listings_of(h, cat) for hid, h in heritage.items()}
        # (group, its title, its vocabulary or None, the values a site has in it); a site listed at two
        # levels is under both. Batches are the national list's (heritage/batch/3/ is printed in schools);
        # another list's batches are under its issuer: heritage/issuer/wuhan/batch/1/.
        groups_spec = [
            ("level", s._("按级别"), "heritage-levels", lambda hid: levels(listed[hid])),
            ("batch", s._("按批次"), None, lambda hid: national_batches(listed[hid])),
            ("issuer", s._("按公布方"), "heritage-issuers", lambda hid: issuers(listed[hid])),
            ("province", s._("按地区"), "provinces", lambda hid: [heritage[hid].province]),
            ("industry", s._("按行业"), "industries", lambda hid: [heritage[hid].industry] if heritage[hid].industry else []),
            ("designation", s._("按称号"), "designations", lambda hid: list(heritage[hid].designations)),
        ]
        groups = []
        members: dict[tuple[str, str], list[str]] = defaultdict(list)
        for name, _, _, values in groups_spec:
            for hid in heritage:
                for v in values(hid):
                    members[(name, v)].append(hid)
        labels: dict[tuple[str, str], Text | str] = {}
        urls_of: dict[tuple[str, str], str] = {}
        for name, title, vocab, _ in groups_spec:
            values = [v for (n, v) in members if n == name]
            if vocab:
                values = [v for v in cat.vocab.get(vocab, {}) if (name, v) in members]
                for v in values:
                    labels[(name, v)] = cat.label(vocab, v)
            else:
                values = sorted(values, key=int)
                for v in values:
                    labels[(name, v)] = s._("第%(n)s批", n=v)
            for v in values:
                urls_of[(name, v)] = urls.grouped(urls.HERITAGE_LIST, name, v)
            if values:
                groups.append(Section(f"by-{name}", title, links=[
                    Link(labels[(name, v)], urls_of[(name, v)], len(members[(name, v)])) for v in values]))
        # The batches of the other lists, each under its issuer.
        by_list: dict[tuple[str, int], list[str]] = defaultdict(list)
        for hid, found in listed.items():
            for o in found:
                if o.issuer and o.batch and o.level != "national":
                    by_list[(o.issuer, o.batch)].append(hid)
        issuer_order = list(cat.vocab.get("heritage-issuers", {}))
        list_links = []
        for issuer, batch in sorted(by_list, key=lambda k: (issuer_order.index(k[0]) if k[0] in issuer_order else BIG,
                                                            k[1])):
            key = ("list", f"{issuer}/{batch}")
            members[key] = by_list[(issuer, batch)]
            labels[key] = s._("%(issuer)s第%(n)s批", issuer=s.pick(cat.label("heritage-issuers", issuer)), n=batch)
            urls_of[key] = urls.grouped(urls.grouped(urls.HERITAGE_LIST, "issuer", issuer), "batch", str(batch))
            list_links.append(Link(labels[key], urls_of[key], len(members[key])))
        if list_links:
            groups.insert(3, Section("by-list", s._("省市名单的批次"), links=list_links))
        # As their lists publish them (listed.order_key), each site's key made once for every listing below.
        rank = {hid: order_key(h, cat, listed[hid]) for hid, h in heritage.items()}
        cards = [self.records.card(heritage[hid]) for hid in sorted(heritage, key=rank.__getitem__)]
        title = s._("工业遗产名录")
        yield from self._listing(urls.HERITAGE_LIST, title, cards, [home_crumb(s)],
                                 intro=s._("国家、省、市三级工业遗产名录：按级别、批次、公布方、地区、行业和称号浏览。"),
                                 facets=groups)
        for key, ids in members.items():
            label = s.pick(labels[key])
            yield from self._listing(
                urls_of[key], labels[key],
                [self.records.card(heritage[i]) for i in sorted(ids, key=rank.__getitem__)],
                [home_crumb(s), Link(title, urls.HERITAGE_LIST)],
                intro=s.ngettext("%(label)s：共 %(num)s 处工业遗产。", "%(label)s：共 %(num)s 处工业遗产。", len(ids),
                                 label=label) + (self._conferred(key[1]) if key[0] == "designation" else ""))

    def routes(self) -> Iterable[PageSpec]:
        s = self.s
        yield from self._by_audience(urls.ROUTES, s._("工业旅游与研学线路"), self.cat.routes,
                                     s._("串联工业遗产与工业博物馆的旅游和研学线路。"))

    def _grouped(self, base: str, title: str, records: dict, groups: list[tuple[str, str, str, str]], intro: str,
                 counted: Callable[[str, int], str]) -> Iterable[PageSpec]:
        """A paged listing of ``records``, and a paged part for each value of each of ``groups``: (its URL
        segment, the field, its heading, the field's vocabulary), values in the vocabulary's order;
        ``counted(label, n)``: a part's intro."""
        s = self.s
        members: dict[tuple[str, str], list] = defaultdict(list)
        for record in records.values():
            for segment, name, _, _ in groups:
                value = getattr(record, name)
                for v in value if isinstance(value, list) else [value] if value else []:
                    members[(segment, v)].append(record)
        parts = [(segment, vocab, [v for v in self.cat.vocab.get(vocab, {}) if (segment, v) in members])
                 for segment, _, _, vocab in groups]
        facets = [Section(f"by-{segment}", heading, links=[
            Link(self.cat.label(vocab, v), urls.grouped(base, segment, v), len(members[(segment, v)])) for v in values])
            for (segment, vocab, values), (_, _, heading, _) in zip(parts, groups) if values]
        cards = [self.records.card(r) for r in records.values()]
        yield from self._listing(base, title, cards, [home_crumb(s)], intro=intro, facets=facets)
        for segment, vocab, values in parts:
            for v in values:
                label = self.cat.label(vocab, v)
                found = members[(segment, v)]
                yield from self._listing(urls.grouped(base, segment, v), label, [self.records.card(r) for r in found],
                                         [home_crumb(s), Link(title, base)], intro=counted(s.pick(label), len(found)))

    def people(self) -> Iterable[PageSpec]:
        s = self.s
        yield from self._grouped(urls.PEOPLE, s._("人物"), self.cat.people, [("role", "roles", s._("按身份"), "person-roles")],
                                 s._("工匠、劳模、企业家、工程师和科学家：中国工业史上的人物，每条记录都注明资料来源。"),
                                 lambda label, n: s.ngettext("%(label)s：共 %(num)s 位人物。", "%(label)s：共 %(num)s 位人物。",
                                                             n, label=label))

    def enterprises(self) -> Iterable[PageSpec]:
        s = self.s
        yield from self._grouped(urls.ENTERPRISES, s._("工业企业名录"), self.cat.enterprises,
                                 [("industry", "industry", s._("按行业"), "industries"),
                                  ("province", "province", s._("按地区"), "provinces")],
                                 s._("工业文化企业名录：企业的历史名称、创办与沿革，以及相关的工业遗产、博物馆和人物。"),
                                 lambda label, n: s.ngettext("%(label)s：共 %(num)s 家企业。", "%(label)s：共 %(num)s 家企业。",
                                                             n, label=label))

    def courses(self) -> Iterable[PageSpec]:
        s = self.s
        yield from self._by_audience(urls.COURSES, s._("研学课程"), self.cat.courses,
                                     s._("博物馆为学校编写的研学课程：学习目标、活动和要去的展览与场所，附可打印的课堂学习单。"))

    # --- home -------------------------------------------------------------------------------------
    def home(self) -> PageSpec:
        cat, s = self.cat, self.s
        counts = cat.counts()
        featured = [self.records.card(e) for e in list(cat.exhibitions.values())[:FEATURED_EXHIBITIONS]]
        entries = [
            Link(s._("藏品"), urls.COLLECTION, counts["artifact"]),
            Link(s._("工业博物馆名录"), urls.DIRECTORY, counts["museum"]),
            Link(s._("展览"), urls.EXHIBITIONS, counts["exhibition"]),
            Link(s._("工业遗产名录"), urls.HERITAGE_LIST, counts["heritage"]),
            Link(s._("旅游与研学线路"), urls.ROUTES, counts["route"]),
            Link(s._("人物"), urls.PEOPLE, counts["person"]),
            Link(s._("工业企业名录"), urls.ENTERPRISES, counts["enterprise"]),
            Link(s._("研学课程"), urls.COURSES, counts["course"]),
            Link(s._("地图"), urls.MAP, counts["museum"] + counts["heritage"]),
            Link(s._("时间线"), urls.TIMELINE),
            Link(s._("统计"), urls.STATISTICS),
        ]
        return PageSpec(
            url=urls.HOME, template="home.html", title=s._(SITE_NAME),
            description=s._("国家数字工业博物馆：在线浏览中国工业遗产、工业博物馆、藏品与展览。"),
            context={"featured": featured, "entries": entries,
                     "by_industry": self.facet_links("industry"), "by_era": self.facet_links("era"),
                     "site_name": Text.of(SITE_NAME, SITE_NAME_EN)},
            breadcrumbs=[], jsonld=[jsonld.website(self.absolute(""), SITE_NAME, SITE_NAME_EN)],
        )
