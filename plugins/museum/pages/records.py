"""One page per record: artifacts, museums, exhibitions, heritage sites, routes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from museum.pages import jsonld, urls
from museum.catalogue.index import Catalogue
from museum.records.fields import Ref, Text
from museum.pages.markup import plain
from museum.records.models import KINDS, Artifact, Exhibition, Heritage, Museum, Record, Route
from museum.pages.spec import SITE_NAME, PageSpec, Pictures, home_crumb, text_of
from museum.pages.views import Card, Fact, Link, Section

# Every list on a record page shows at most this many records, then links to a listing of all of them
# (a museum's objects: their facet listing; any other list: its own paginated page, see bounded()), so
# no page grows with the records that point at it.
LIST_LIMIT = 12
# A route is read in order, stop by stop, so its page shows more of it than of other lists; past
# this, the rest is on the listing of all its stops (and the map and structured data show these).
STOP_LIMIT = 60
GRADES = {"first": "国家一级博物馆", "second": "国家二级博物馆", "third": "国家三级博物馆"}
STATUS = {"permanent": "常设展览", "temporary": "临时展览", "online": "网上展览"}


@dataclass(frozen=True)
class Overflow:
    """A list too long for its record's page: its own listing at ``url`` (listings.Listings writes it)."""

    url: str
    title: str
    owner: Record
    members: tuple[Record, ...]


class RecordPages:
    def __init__(self, cat: Catalogue, pictures: Pictures, absolute: Callable[[str], str],
                 route_map: Callable[[Route], dict] | None = None):
        self.cat = cat
        self.route_map = route_map  # the small map of a route's stops (maps.MapPages.route_map)
        self.pictures = pictures
        self.absolute = absolute
        self.overflow: list[Overflow] = []

    def bounded(self, owner: Record, anchor: str, title: str, members: list[Record], *,
                links: bool = False) -> Section:
        """A section of at most LIST_LIMIT records; past that, a link to the listing of all of them."""
        shown, more = members[:LIST_LIMIT], self._more(owner, anchor, title, members, LIST_LIMIT, "项")
        if links:
            return Section(anchor, title, links=[self.link(r) for r in shown], more=more)
        return Section(anchor, title, cards=[self.card(r) for r in shown], more=more)

    def _more(self, owner: Record, anchor: str, title: str, members: list[Record], limit: int,
              unit: str) -> Link | None:
        """Past ``limit`` members, the link to the listing of all of them (written as an Overflow)."""
        if len(members) <= limit:
            return None
        url = f"{urls.record(owner.key)}{anchor}/"
        self.overflow.append(Overflow(url, f"{owner.label.zh}：{title}", owner, tuple(members)))
        return Link(f"查看全部 {len(members)} {unit}", url)

    # --- shared pieces ----------------------------------------------------------------------------
    def card(self, record: Record) -> Card:
        figure = self.pictures.first(record)
        if isinstance(record, Artifact):
            museum = self.cat.target(record.museum)
            return Card(urls.record(record.key), record.title, self.vocab("industries", record.industry).zh,
                        f"{record.date} · {museum.name.zh}", figure)
        if isinstance(record, Museum):
            return Card(urls.record(record.key), record.name, self.vocab("museum-types", record.type).zh,
                        f"{self.vocab('provinces', record.province).zh} · {record.city.zh}", figure)
        if isinstance(record, Exhibition):
            return Card(urls.record(record.key), record.title, STATUS[record.status], plain(record.summary.zh, 60),
                        figure)
        if isinstance(record, Heritage):
            return Card(urls.record(record.key), record.name, self.vocab("heritage-levels", record.level).zh,
                        f"{self.vocab('provinces', record.province).zh}{' · ' + record.city.zh if record.city else ''}",
                        figure)
        assert isinstance(record, Route)
        return Card(urls.record(record.key), record.title, "工业旅游线路", f"{len(record.stops)} 站", figure)

    def vocab(self, vocabulary: str, vid: str) -> Text:
        return self.cat.label(vocabulary, vid)

    def link(self, record: Record) -> Link:
        return Link(record.label, urls.record(record.key))

    def og_image(self, record: Record) -> str | None:
        figure = self.pictures.first(record)
        return figure.picture.url(figure.picture.fallback) if figure else None

    def _abs_image(self, record: Record) -> str | None:
        image = self.og_image(record)
        return self.absolute(image) if image else None

    def _spec(self, record: Record, description: str, crumbs: list[Link], data: dict,
              context: dict, og_type: str = "article") -> PageSpec:
        url = urls.record(record.key)
        crumbs = [*crumbs, Link(record.label, url)]
        context.setdefault("facts", []).append(Fact("记录编号", record.id or ""))
        return PageSpec(
            url=url,
            template=KINDS[record.kind].template,
            title=record.label.zh,
            description=plain(description) or record.label.zh,
            context={"record": record, "permalink": self.absolute(url), **context},
            breadcrumbs=crumbs,
            jsonld=[data, jsonld.breadcrumbs(crumbs, self.absolute)],
            og_type=og_type,
            og_image=self.og_image(record),
        )

    # --- artifact ---------------------------------------------------------------------------------
    def artifact(self, a: Artifact) -> PageSpec:
        cat = self.cat
        museum = cat.target(a.museum)
        era = cat.era_of.get(a.id or "", "")
        industry = self.vocab("industries", a.industry)
        facts = [
            Fact("收藏单位", museum.name, (self.link(museum),)),
            Fact("行业", industry, (Link(industry, urls.facet("industry", a.industry)),)),
            Fact("时期", self.vocab("eras", era), (Link(self.vocab("eras", era), urls.facet("era", era)),)),
            Fact("年代", str(a.date)),
        ]
        optional = [("制造者", a.maker), ("产地", a.place_made), ("尺寸", a.dimensions)]
        facts += [Fact(label, value) for label, value in optional if value]
        if a.materials:
            facts.append(Fact("材质", "、".join(m.zh for m in a.materials)))
        if a.inventory_number:
            facts.append(Fact("藏品编号", a.inventory_number))
        if a.heritage:
            facts.append(Fact("相关工业遗产", "", tuple(self.link(cat.target(r)) for r in a.heritage)))
        if a.rights:
            facts.append(Fact("权利说明", a.rights))
        exhibitions = cat.referring(a.key, "exhibition")
        # Objects that name this one as related are related too, in both directions.
        related = _unique([*(cat.target(r) for r in a.related), *cat.referring(a.key, "artifact")])
        sections = [
            self.bounded(a, "exhibitions", "展出本藏品的展览", exhibitions, links=True),
            self.bounded(a, "related", "相关藏品", related),
        ]
        permalink = self.absolute(urls.record(a.key))
        citation = (f"{a.title.zh}，{a.date}，{museum.name.zh}藏。{SITE_NAME}，{permalink}")
        data = jsonld.artifact(a, permalink, museum.name, self.absolute(urls.record(museum.key)),
                               self._abs_image(a), self.vocab("eras", era))
        crumbs = [home_crumb(), Link("藏品", urls.COLLECTION), Link(industry, urls.facet("industry", a.industry))]
        return self._spec(a, a.description.zh, crumbs, data, {
            "figures": self.pictures.figures(a),
            "facts": facts,
            "sections": [s for s in sections if s.cards or s.links],
            "citation": citation,
            "kicker": industry.zh,
        })

    # --- museum -----------------------------------------------------------------------------------
    def museum(self, m: Museum) -> PageSpec:
        cat = self.cat
        province = self.vocab("provinces", m.province)
        facts = [
            Fact("类型", self.vocab("museum-types", m.type)),
            Fact("行业", "", tuple(Link(self.vocab("industries", i), f"{urls.DIRECTORY}industry/{i}/")
                                 for i in m.industries)),
            Fact("地区", f"{province.zh} {m.city.zh}", (Link(province, f"{urls.DIRECTORY}province/{m.province}/"),)),
        ]
        if m.grade:
            facts.append(Fact("等级", GRADES[m.grade]))
        optional = [("地址", m.address), ("开放时间", m.opening_hours), ("门票", m.admission)]
        facts += [Fact(label, value) for label, value in optional if value]
        if m.founded:
            facts.append(Fact("建成开放", str(m.founded)))
        if m.website:
            facts.append(Fact("官方网站", "", (Link(str(m.website), str(m.website)),)))
        if m.location:
            approx = "（近似位置）" if m.location.approximate else ""
            facts.append(Fact("坐标", f"北纬 {m.location.lat:.4f}°，东经 {m.location.lon:.4f}°{approx}"))
        artifacts = cat.referring(m.key, "artifact")
        heritage = [cat.target(r) for r in m.heritage] + [
            h for h in cat.referring(m.key, "heritage") if h.key not in m.heritage]
        listing = urls.facet("museum", m.id or "")
        sections = [
            Section("artifacts", f"馆藏精品（{len(artifacts)} 件）", cards=[self.card(a) for a in artifacts[:LIST_LIMIT]],
                    more=Link(f"查看全部 {len(artifacts)} 件藏品", listing) if artifacts else None),
            self.bounded(m, "exhibitions", "展览", cat.referring(m.key, "exhibition")),
            self.bounded(m, "heritage", "相关工业遗产", heritage, links=True),
            self.bounded(m, "routes", "途经本馆的线路", cat.referring(m.key, "route"), links=True),
        ]
        data = jsonld.museum(m, self.absolute(urls.record(m.key)), province, self._abs_image(m))
        crumbs = [home_crumb(), Link("博物馆名录", urls.DIRECTORY), Link(province, f"{urls.DIRECTORY}province/{m.province}/")]
        return self._spec(m, text_of(m.description) or m.name.zh, crumbs, data, {
            "figures": self.pictures.figures(m),
            "facts": facts,
            "sections": [s for s in sections if s.cards or s.links],
            "kicker": self.vocab("museum-types", m.type).zh,
        })

    # --- exhibition -------------------------------------------------------------------------------
    def exhibition(self, e: Exhibition) -> PageSpec:
        cat = self.cat
        host = cat.target(e.museum) if e.museum else None
        facts = [Fact("展览类型", STATUS[e.status])]
        if host:
            facts.append(Fact("主办", host.name, (self.link(host),)))
        if e.dates and (e.dates.start or e.dates.end):
            facts.append(Fact("展期", f"{e.dates.start or ''} — {e.dates.end or ''}"))
        if e.curators:
            facts.append(Fact("策展", "、".join(c.zh for c in e.curators)))
        if e.audience:
            facts.append(Fact("适合对象", "、".join(self.vocab("audiences", a).zh for a in e.audience)))
        sections = []
        for i, s in enumerate(e.sections, 1):
            members = self.bounded(e, f"section-{i}", s.title.zh, [cat.target(r) for r in s.artifacts])
            sections.append({
                "anchor": f"section-{i}",
                "number": i,
                "title": s.title,
                "text": s.text,
                "cards": members.cards,
                "more": members.more,
                "figures": [self.pictures.figure(e, image) for image in s.images],
            })
        related = _unique([cat.target(r) for r in e.related])
        cover = self.pictures.figure(e, e.cover) if e.cover else None
        data = jsonld.exhibition(e, self.absolute(urls.record(e.key)),
                                 (host.name, self.absolute(urls.record(host.key))) if host else None,
                                 self._abs_image(e))
        crumbs = [home_crumb(), Link("展览", urls.EXHIBITIONS)]
        return self._spec(e, e.summary.zh, crumbs, data, {
            "cover": cover,
            "facts": facts,
            "chapters": sections,
            "related": self.bounded(e, "related", "相关内容", related, links=True),
            "kicker": STATUS[e.status],
        })

    # --- heritage ---------------------------------------------------------------------------------
    def heritage(self, h: Heritage) -> PageSpec:
        cat = self.cat
        province = self.vocab("provinces", h.province)
        level = self.vocab("heritage-levels", h.level)
        facts = [Fact("级别", level, (Link(level, f"{urls.HERITAGE_LIST}level/{h.level}/"),))]
        if h.batch:
            facts.append(Fact("批次", f"第{h.batch}批", (Link(f"第{h.batch}批", f"{urls.HERITAGE_LIST}batch/{h.batch}/"),)))
        facts.append(Fact("地区", f"{province.zh} {text_of(h.city)}".strip(),
                          (Link(province, f"{urls.HERITAGE_LIST}province/{h.province}/"),)))
        if h.address:
            facts.append(Fact("地址", h.address))
        if h.industry:
            industry = self.vocab("industries", h.industry)
            facts.append(Fact("行业", industry, (Link(industry, f"{urls.HERITAGE_LIST}industry/{h.industry}/"),)))
        for label, value in [("始建", h.founded), ("公布时间", h.listed)]:
            if value:
                facts.append(Fact(label, str(value)))
        for label, text in [("公布机关", h.issuer), ("申报单位", h.applicant)]:
            if text:
                facts.append(Fact(label, text))
        if h.open_to_public is not None:
            facts.append(Fact("对外开放", "是" if h.open_to_public else "否"))
        if h.status == "revoked":
            facts.append(Fact("状态", "已撤销"))
        if h.location:
            approx = "（城市级近似位置）" if h.location.approximate else ""
            source = f"；来源：{h.location.source.zh}" if h.location.source else ""
            facts.append(Fact("坐标", f"北纬 {h.location.lat:.4f}°，东经 {h.location.lon:.4f}°{approx}{source}"))
        museums = [cat.target(r) for r in h.museums] + [
            m for m in cat.referring(h.key, "museum") if m.key not in h.museums]
        sections = [
            self.bounded(h, "museums", "相关博物馆", museums),
            self.bounded(h, "artifacts", "相关藏品", cat.referring(h.key, "artifact")),
            self.bounded(h, "routes", "途经此地的线路", cat.referring(h.key, "route"), links=True),
        ]
        data = jsonld.heritage(h, self.absolute(urls.record(h.key)), self._abs_image(h))
        crumbs = [home_crumb(), Link("工业遗产名录", urls.HERITAGE_LIST)]
        return self._spec(h, text_of(h.description) or "、".join(i.zh for i in h.core_items),
                          crumbs, data, {
                              "figures": self.pictures.figures(h),
                              "facts": facts,
                              "core_items": h.core_items,
                              "sections": [s for s in sections if s.cards or s.links],
                              "kicker": level.zh,
                          })

    # --- route ------------------------------------------------------------------------------------
    def route(self, r: Route) -> PageSpec:
        cat = self.cat
        stops = []
        for i, stop in enumerate(r.stops[:STOP_LIMIT], 1):
            target = cat.target(stop.stop)
            stops.append({"number": i, "card": self.card(target), "note": stop.note, "duration": stop.duration})
        more = self._more(r, "stops", "线路站点", [cat.target(s.stop) for s in r.stops], STOP_LIMIT, "站")
        facts = [Fact(label, value) for label, value in
                 [("主题", r.theme), ("建议时长", r.duration), ("适宜季节", r.season)] if value]
        if r.audience:
            facts.append(Fact("适合对象", "、".join(self.vocab("audiences", a).zh for a in r.audience)))
        data = jsonld.route(r, self.absolute(urls.record(r.key)),
                            [(s["card"].title, self.absolute(s["card"].url)) for s in stops])
        crumbs = [home_crumb(), Link("线路", urls.ROUTES)]
        context = {"facts": facts, "stops": stops, "more_stops": more, "kicker": "工业旅游与研学线路"}
        if self.route_map is not None:
            context["route_map"] = self.route_map(r, r.stops[:STOP_LIMIT])
        return self._spec(r, text_of(r.description) or r.title.zh, crumbs, data, context)

    def page(self, record: Record) -> PageSpec:
        return getattr(self, record.kind)(record)


def _unique(records: list[Record]) -> list[Record]:
    """Each record once, in first-seen order (an id and its old id name the same record)."""
    seen: dict[Ref, Record] = {}
    for record in records:
        seen.setdefault(record.key, record)
    return list(seen.values())
