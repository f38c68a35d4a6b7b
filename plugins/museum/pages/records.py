"""One page per record: artifacts, museums, exhibitions, heritage sites, routes, people, enterprises, courses."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup

from museum.pages import citation, i18n, iiif, jsonld, urls
from museum.pages.i18n import N_
from museum.catalogue.index import Catalogue
from museum.records.fields import Ref, Text
from museum.pages.markup import plain
from museum.pages.qr import qr_svg
from museum.pages.listed import describe, other_listings
from museum.records.models import (KINDS, Artifact, Course, Enterprise, Exhibition, Heritage, Museum, Person, Record,
                                   Route, Source)
from museum.pages.spec import SITE_NAME, SITE_NAME_EN, PageSpec, Pictures, home_crumb
from museum.pages.views import Card, Cited, Fact, Joined, Link, Locator, Section, SourceView

# Every list on a record page shows at most this many records, then links to a listing of all of them
# (a museum's objects: their facet listing; any other list: its own paginated page, see bounded()), so
# no page grows with the records that point at it.
LIST_LIMIT = 12
# A route is read in order, stop by stop, so its page shows more of it than of other lists; past
# this, the rest is on the listing of all its stops (and the map and structured data show these).
STOP_LIMIT = 60
SHEET_OBJECTS = 12  # the objects a class sheet shows: what fits on a printed page with the rest
GRADES = {"first": N_("国家一级博物馆"), "second": N_("国家二级博物馆"), "third": N_("国家三级博物馆")}
STATUS = {"permanent": N_("常设展览"), "temporary": N_("临时展览"), "online": N_("网上展览")}


@dataclass(frozen=True)
class Overflow:
    """A list too long for its record's page: its own listing at ``url`` (listings.Listings writes it)."""

    url: str
    title: str
    owner: Record
    members: tuple[Record, ...]


class RecordPages:
    def __init__(self, cat: Catalogue, pictures: Pictures, absolute: Callable[[str], str],
                 route_map: Callable[[Route], dict] | None = None, lang: str = i18n.DEFAULT,
                 absolute_file: Callable[[str], str] | None = None,
                 locator: Callable[[Museum | Heritage], Locator] | None = None):
        """``absolute``: a page's absolute URL (in ``lang``); ``absolute_file``: a file's (a picture's)."""
        self.cat = cat
        self.lang = lang
        self.s = i18n.strings(lang)
        self.absolute_file = absolute_file or absolute
        self.route_map = route_map  # the small map of a route's stops (maps.MapPages.route_map)
        self.locator = locator  # where a heritage site or museum is, and how precisely (maps.MapPages.locator)
        self.pictures = pictures
        self.absolute = absolute
        self.overflow: list[Overflow] = []

    def bounded(self, owner: Record, anchor: str, title: str, members: list[Record], *,
                links: bool = False) -> Section:
        """A section of at most LIST_LIMIT records; past that, a link to the listing of all of them."""
        shown, more = members[:LIST_LIMIT], self._more(owner, anchor, title, members, LIST_LIMIT, "items")
        if links:
            return Section(anchor, title, links=[self.link(r) for r in shown], more=more)
        return Section(anchor, title, cards=[self.card(r) for r in shown], more=more)

    def _more(self, owner: Record, anchor: str, title: str, members: list[Record], limit: int,
              unit: str) -> Link | None:
        """Past ``limit`` members, the link to the listing of all of them (written as an Overflow)."""
        if len(members) <= limit:
            return None
        s = self.s
        url = f"{urls.record(owner.key)}{anchor}/"
        self.overflow.append(Overflow(url, s._("%(owner)s：%(list)s", owner=self.pick(owner.label), list=title),
                                      owner, tuple(members)))
        if unit == "stops":
            return Link(s._("查看全部 %(n)s 站", n=len(members)), url)
        return Link(s._("查看全部 %(n)s 项", n=len(members)), url)

    def pick(self, text: Text | str | None) -> str:
        return self.s.pick(text)

    # --- shared pieces ----------------------------------------------------------------------------
    def card(self, record: Record) -> Card:
        figure = self.pictures.first(record)
        if isinstance(record, Artifact):
            museum = self.cat.target(record.museum)
            return Card(urls.record(record.key), record.title, self.vocab("industries", record.industry),
                        Joined((record.date.text(), museum.name)), figure)
        if isinstance(record, Museum):
            return Card(urls.record(record.key), record.name, self.vocab("museum-types", record.type),
                        Joined((self.vocab("provinces", record.province), record.city)), figure)
        if isinstance(record, Exhibition):
            return Card(urls.record(record.key), record.title, self.s._(STATUS[record.status]),
                        record.summary.map(lambda text: plain(text, 60)), figure)
        if isinstance(record, Heritage):
            place = (self.vocab("provinces", record.province), *((record.city,) if record.city else ()))
            if record.batch and record.number:
                listed: tuple = (self.s._("第%(batch)s批第%(n)s项", batch=record.batch, n=record.number),)
            elif record.listings:  # a provincial or municipal list: its issuer, batch and grade
                first = record.listings[0]
                listed = (self.s._("%(issuer)s第%(n)s批", issuer=self.s.pick(self.vocab("heritage-issuers", first.issuer)),
                                   n=first.batch) if first.batch else self.vocab("heritage-issuers", first.issuer),
                          *((first.grade,) if first.grade else ()))
            else:
                listed = ()
            return Card(urls.record(record.key), record.name, self.vocab("heritage-levels", record.level),
                        Joined((*place, *listed)), figure)
        if isinstance(record, Person):
            return Card(urls.record(record.key), record.name, self._roles(record), self._life(record), figure)
        if isinstance(record, Enterprise):
            place = tuple(p for p in (self.vocab("provinces", record.province) if record.province else None,
                                      record.city) if p)
            return Card(urls.record(record.key), record.name, self.vocab("industries", record.industry),
                        Joined((*place, record.founded.text())), figure)
        if isinstance(record, Course):
            return Card(urls.record(record.key), record.title, self.s._("研学课程"),
                        Joined(tuple(self.vocab("audiences", a) for a in record.audience), self.s._("、")), figure)
        assert isinstance(record, Route)
        return Card(urls.record(record.key), record.title, self.s._("工业旅游线路"),
                    self.s.ngettext("%(num)s 站", "%(num)s 站", len(record.stops)), figure)

    def _roles(self, p: Person) -> Joined:
        return Joined(tuple(self.vocab("person-roles", r) for r in p.roles), self.s._("、"))

    @staticmethod
    def _life(p: Person) -> Joined:
        """Life dates as a span, "1923年 — 1970年"; a living person's (or one whose death is not known) birth alone."""
        return Joined((p.born.text() if p.born else "", p.died.text() if p.died else ""), " — ")

    def _sources(self, sources: list[Source]) -> list[SourceView]:
        return [SourceView(x.title, str(x.url) if x.url else None, x.publisher,
                           str(x.year) if x.year is not None else None, x.note) for x in sources]

    def _people_and_enterprises(self, record: Record, named: list[Ref]) -> list[Section]:
        """The people a record names and those who name it, then the enterprises that name it."""
        cat, s = self.cat, self.s
        people = _unique([*(cat.target(r) for r in named), *cat.referring(record.key, "person")])
        return [self.bounded(record, "people", s._("相关人物"), people, links=True),
                self.bounded(record, "enterprises", s._("相关企业"), cat.referring(record.key, "enterprise"),
                             links=True)]

    def vocab(self, vocabulary: str, vid: str) -> Text:
        return self.cat.label(vocabulary, vid)

    def link(self, record: Record) -> Link:
        return Link(record.label, urls.record(record.key))

    def og_image(self, record: Record) -> str | None:
        figure = self.pictures.first(record)
        return figure.picture.url(figure.picture.fallback) if figure else None

    def _abs_image(self, record: Record) -> str | None:
        image = self.og_image(record)
        return self.absolute_file(image) if image else None

    def _spec(self, record: Record, description: Text | str | None, crumbs: list[Link], data: dict,
              context: dict, og_type: str = "article") -> PageSpec:
        url = urls.record(record.key)
        crumbs = [*crumbs, Link(record.label, url)]
        context.setdefault("facts", []).append(Fact(self.s._("记录编号"), record.id or ""))
        title = self.pick(record.label)
        return PageSpec(
            title_lang="" if record.label.get(self.lang) else i18n.DEFAULT,
            url=url,
            template=KINDS[record.kind].template,
            title=title,
            description=plain(self.pick(description)) or title,
            context={"record": record, "permalink": self.absolute(url), **context},
            breadcrumbs=crumbs,
            jsonld=[data, jsonld.breadcrumbs(crumbs, self.absolute)],
            og_type=og_type,
            og_image=self.og_image(record),
            iiif=(urls.manifest(record.key) if iiif.has_manifest(record)
                  else urls.iiif_collection(record.key) if iiif.has_collection(record) else None),
        )

    def citations(self, record: Record) -> list[Cited]:
        """The record's page cited in GB/T 7714 (in Chinese) and Chicago (in English where it has English)."""
        url = self.absolute(urls.record(record.key))
        english = record.label.en
        return [Cited("GB/T 7714—2015", citation.gbt7714(SITE_NAME, record.label.zh, url), "zh"),
                Cited("Chicago", citation.chicago(SITE_NAME_EN, english or record.label.zh, url), "en" if english else "zh")]

    def qr(self, record: Record) -> Markup:
        """The QR code of the record's permanent link, for a class handout."""
        return qr_svg(self.absolute(urls.record(record.key)), self.s._("二维码：扫码打开本页 %(link)s",
                                                                       link=self.absolute(urls.record(record.key))))

    def _audience(self, audience: list[str], listing: str) -> Fact:
        """Who it is for, each linked to the listing of what else is for them."""
        labels = tuple(self.vocab("audiences", a) for a in audience)
        return Fact(self.s._("适合对象"), Joined(labels, self.s._("、")),
                    tuple(Link(label, urls.grouped(listing, "audience", a)) for label, a in zip(labels, audience)))

    # --- artifact ---------------------------------------------------------------------------------
    def artifact(self, a: Artifact) -> PageSpec:
        cat, s = self.cat, self.s
        museum = cat.target(a.museum)
        era = cat.era_of.get(a.id or "", "")
        industry = self.vocab("industries", a.industry)
        facts = [
            Fact(s._("收藏单位"), museum.name, (self.link(museum),)),
            Fact(s._("行业"), industry, (Link(industry, urls.facet("industry", a.industry)),)),
            Fact(s._("时期"), self.vocab("eras", era), (Link(self.vocab("eras", era), urls.facet("era", era)),)),
            Fact(s._("年代"), a.date.text()),
        ]
        if a.maker:
            facts.append(Fact(s._("制造者"), a.maker))
        if a.associated_people:  # beside the maker: the people behind the object, as their own pages
            facts.append(Fact(s._("相关人物"), "", tuple(self.link(cat.target(r)) for r in a.associated_people)))
        optional = [(s._("产地"), a.place_made), (s._("尺寸"), a.dimensions)]
        facts += [Fact(label, value) for label, value in optional if value]
        if a.materials:
            facts.append(Fact(s._("材质"), Joined(tuple(a.materials), s._("、"))))
        if a.inventory_number:
            facts.append(Fact(s._("藏品编号"), a.inventory_number))
        if a.heritage:
            facts.append(Fact(s._("相关工业遗产"), "", tuple(self.link(cat.target(r)) for r in a.heritage)))
        if a.rights:
            facts.append(Fact(s._("权利说明"), a.rights))
        exhibitions = cat.referring(a.key, "exhibition")
        # Objects that name this one as related are related too, in both directions.
        related = _unique([*(cat.target(r) for r in a.related), *cat.referring(a.key, "artifact")])
        sections = [
            self.bounded(a, "exhibitions", s._("展出本藏品的展览"), exhibitions, links=True),
            self.bounded(a, "related", s._("相关藏品"), related),
        ]
        permalink = self.absolute(urls.record(a.key))
        data = jsonld.artifact(a, permalink, museum.name, self.absolute(urls.record(museum.key)),
                               self._abs_image(a), self.vocab("eras", era))
        crumbs = [home_crumb(s), Link(s._("藏品"), urls.COLLECTION), Link(industry, urls.facet("industry", a.industry))]
        return self._spec(a, a.description, crumbs, data, {
            "figures": self.pictures.figures(a),
            "facts": facts,
            "sections": [s for s in sections if s.cards or s.links],
            "citations": self.citations(a),
            "kicker": industry,
            "tags": [Text.of(tag) for tag in a.tags],  # (curators' keywords, in Chinese)
        })

    # --- museum -----------------------------------------------------------------------------------
    def museum(self, m: Museum) -> PageSpec:
        cat, s = self.cat, self.s
        province = self.vocab("provinces", m.province)
        facts = [
            Fact(s._("类型"), self.vocab("museum-types", m.type)),
            Fact(s._("行业"), "", tuple(Link(self.vocab("industries", i), f"{urls.DIRECTORY}industry/{i}/")
                                      for i in m.industries)),
            Fact(s._("地区"), Joined((province, m.city), " "),
                 (Link(province, f"{urls.DIRECTORY}province/{m.province}/"),)),
        ]
        if m.grade:
            facts.append(Fact(s._("等级"), s._(GRADES[m.grade])))
        facts += self._designations(m, urls.DIRECTORY)
        if m.address:
            facts.append(Fact(s._("地址"), m.address))
        place = self._place(m, facts)
        optional = [(s._("开放时间"), m.opening_hours), (s._("门票"), m.admission)]
        facts += [Fact(label, value) for label, value in optional if value]
        if m.founded:
            facts.append(Fact(s._("建成开放"), m.founded.text()))
        if m.website:
            facts.append(Fact(s._("官方网站"), "", (Link(str(m.website), str(m.website)),)))
        if m.location:
            facts.append(Fact(s._("坐标"), self._coordinates(m.location, s._("（近似位置）"))))
        artifacts = cat.referring(m.key, "artifact")
        heritage = [cat.target(r) for r in m.heritage] + [
            h for h in cat.referring(m.key, "heritage") if h.key not in m.heritage]
        listing = urls.facet("museum", m.id or "")
        sections = [
            Section("artifacts", s._("馆藏精品（%(n)s 件）", n=len(artifacts)),
                    cards=[self.card(a) for a in artifacts[:LIST_LIMIT]],
                    more=Link(s._("查看全部 %(n)s 件藏品", n=len(artifacts)), listing) if artifacts else None),
            self.bounded(m, "exhibitions", s._("展览"), cat.referring(m.key, "exhibition")),
            self.bounded(m, "heritage", s._("相关工业遗产"), heritage, links=True),
            self.bounded(m, "routes", s._("途经本馆的线路"), cat.referring(m.key, "route"), links=True),
            *self._people_and_enterprises(m, m.associated_people),
            self.bounded(m, "courses", s._("研学课程"), cat.referring(m.key, "course"), links=True),
        ]
        data = jsonld.museum(m, self.absolute(urls.record(m.key)), province, self._abs_image(m))
        crumbs = [home_crumb(s), Link(s._("博物馆名录"), urls.DIRECTORY),
                  Link(province, f"{urls.DIRECTORY}province/{m.province}/")]
        return self._spec(m, m.description or m.name, crumbs, data, {
            "figures": self.pictures.figures(m),
            "facts": facts,
            "sections": [s for s in sections if s.cards or s.links],
            "kicker": self.vocab("museum-types", m.type),
            "locator": place,
        })

    def _place(self, record: Museum | Heritage, facts: list[Fact]) -> Locator | None:
        """The record's place on the map, added to its facts beside its address, in the words that also
        name the locator map."""
        if self.locator is None:
            return None
        place = self.locator(record)
        facts.append(Fact(self.s._("地图位置"), place.label))
        return place

    def _coordinates(self, location, approximate: str, source: str = "") -> str:
        lat, lon = f"{location.lat:.4f}", f"{location.lon:.4f}"
        text = self.s._("北纬 %(lat)s°，东经 %(lon)s°", lat=lat, lon=lon)
        return text + (approximate if location.approximate else "") + source

    # --- exhibition -------------------------------------------------------------------------------
    def exhibition(self, e: Exhibition) -> PageSpec:
        cat, s = self.cat, self.s
        host = cat.target(e.museum) if e.museum else None
        facts = [Fact(s._("展览类型"), s._(STATUS[e.status]))]
        if host:
            facts.append(Fact(s._("主办"), host.name, (self.link(host),)))
        if e.dates and (e.dates.start or e.dates.end):
            facts.append(Fact(s._("展期"), Joined((e.dates.start.text() if e.dates.start else "",
                                                    e.dates.end.text() if e.dates.end else ""), " — ")))
        if e.curators:
            facts.append(Fact(s._("策展"), Joined(tuple(e.curators), s._("、"))))
        if e.audience:
            facts.append(self._audience(e.audience, urls.EXHIBITIONS))
        if e.associated_people:
            facts.append(Fact(s._("相关人物"), "", tuple(self.link(cat.target(r)) for r in e.associated_people)))
        sections = []
        for i, section in enumerate(e.sections, 1):
            members = self.bounded(e, f"section-{i}", self.pick(section.title), [cat.target(r) for r in section.artifacts])
            sections.append({
                "anchor": f"section-{i}",
                "number": s._("第%(n)s单元", n=i),
                "title": section.title,
                "text": section.text,
                "cards": members.cards,
                "more": members.more,
                "figures": [self.pictures.figure(e, image) for image in section.images],
            })
        # The courses that use an exhibition are related to it too.
        related = _unique([*(cat.target(r) for r in e.related), *cat.referring(e.key, "course")])
        cover = self.pictures.figure(e, e.cover) if e.cover else None
        data = jsonld.exhibition(e, self.absolute(urls.record(e.key)),
                                 (host.name, self.absolute(urls.record(host.key))) if host else None,
                                 self._abs_image(e))
        crumbs = [home_crumb(s), Link(s._("展览"), urls.EXHIBITIONS)]
        return self._spec(e, e.summary, crumbs, data, {
            "cover": cover,
            "facts": facts,
            "chapters": sections,
            "related": self.bounded(e, "related", s._("相关内容"), related, links=True),
            "kicker": s._(STATUS[e.status]),
            "qr": self.qr(e),
            "sheet": urls.sheet(e.key),
            "citations": self.citations(e),
        })

    def _designations(self, record: Museum | Heritage, base: str) -> list[Fact]:
        """Its designations, each linked to the part of the listing ``base`` (the directory, the heritage list) of
        those that carry it."""
        if not record.designations:
            return []
        names = tuple(self.vocab("designations", d) for d in record.designations)
        return [Fact(self.s._("称号"), Joined(names, "；"),
                     tuple(Link(n, urls.grouped(base, "designation", d)) for n, d in zip(names, record.designations)))]

    # --- heritage ---------------------------------------------------------------------------------
    def heritage(self, h: Heritage) -> PageSpec:
        cat, s = self.cat, self.s
        province = self.vocab("provinces", h.province)
        level = self.vocab("heritage-levels", h.level)
        facts = [Fact(s._("级别"), level, (Link(level, f"{urls.HERITAGE_LIST}level/{h.level}/"),))]
        if h.batch:
            batch = s._("第%(n)s批", n=h.batch)
            facts.append(Fact(s._("批次"), batch, (Link(batch, urls.grouped(urls.HERITAGE_LIST, "batch", str(h.batch))),)))
        if h.batch and h.number:
            facts.append(Fact(s._("名单序号"), s._("第%(batch)s批第%(n)s项", batch=h.batch, n=h.number)))
        for o in other_listings(h, cat):  # (the record's own listing is the facts above)
            facts.append(Fact(s._("列入名单"), Joined((self.vocab("heritage-levels", o.level), *describe(o, s)))))
        facts += self._designations(h, urls.HERITAGE_LIST)
        if h.other_names:
            facts.append(Fact(s._("其他名称"), Joined(tuple(h.other_names), "、")))
        facts.append(Fact(s._("地区"), Joined((province, *((h.city,) if h.city else ())), " "),
                          (Link(province, f"{urls.HERITAGE_LIST}province/{h.province}/"),)))
        if h.address:
            facts.append(Fact(s._("地址"), h.address))
        place = self._place(h, facts)
        if h.industry:
            industry = self.vocab("industries", h.industry)
            facts.append(Fact(s._("行业"), industry, (Link(industry, f"{urls.HERITAGE_LIST}industry/{h.industry}/"),)))
        for label, value in [(s._("始建"), h.founded), (s._("公布时间"), h.listed)]:
            if value:
                facts.append(Fact(label, value.text()))
        for label, text in [(s._("公布机关"), h.issuer), (s._("申报单位"), h.applicant)]:
            if text:
                facts.append(Fact(label, text))
        if h.open_to_public is not None:
            facts.append(Fact(s._("对外开放"), s._("是") if h.open_to_public else s._("否")))
        if h.status == "revoked":
            facts.append(Fact(s._("状态"), s._("已撤销")))
        if h.location:
            source = s._("；来源：%(source)s", source=self.pick(h.location.source)) if h.location.source else ""
            facts.append(Fact(s._("坐标"), self._coordinates(h.location, s._("（城市级近似位置）"), source)))
        museums = [cat.target(r) for r in h.museums] + [
            m for m in cat.referring(h.key, "museum") if m.key not in h.museums]
        sections = [
            self.bounded(h, "museums", s._("相关博物馆"), museums),
            self.bounded(h, "artifacts", s._("相关藏品"), cat.referring(h.key, "artifact")),
            self.bounded(h, "routes", s._("途经此地的线路"), cat.referring(h.key, "route"), links=True),
            *self._people_and_enterprises(h, h.associated_people),
            self.bounded(h, "courses", s._("研学课程"), cat.referring(h.key, "course"), links=True),
        ]
        data = jsonld.heritage(h, self.absolute(urls.record(h.key)), self._abs_image(h))
        crumbs = [home_crumb(s), Link(s._("工业遗产名录"), urls.HERITAGE_LIST)]
        description = h.description or s._("、").join(self.pick(i) for i in h.core_items)
        return self._spec(h, description, crumbs, data, {
                              "figures": self.pictures.figures(h),
                              "facts": facts,
                              "core_items": h.core_items,
                              "sections": [s for s in sections if s.cards or s.links],
                              "kicker": level,
                              "citations": self.citations(h),
                              "locator": place,
                          })

    # --- route ------------------------------------------------------------------------------------
    def route(self, r: Route) -> PageSpec:
        cat, s = self.cat, self.s
        stops = []
        for i, stop in enumerate(r.stops[:STOP_LIMIT], 1):
            target = cat.target(stop.stop)
            stops.append({"number": i, "card": self.card(target), "note": stop.note, "duration": stop.duration})
        more = self._more(r, "stops", s._("线路站点"), [cat.target(x.stop) for x in r.stops], STOP_LIMIT, "stops")
        facts = [Fact(label, value) for label, value in
                 [(s._("主题"), r.theme), (s._("建议时长"), r.duration), (s._("适宜季节"), r.season)] if value]
        if r.audience:
            facts.append(self._audience(r.audience, urls.ROUTES))
        data = jsonld.route(r, self.absolute(urls.record(r.key)),
                            [(x["card"].title, self.absolute(x["card"].url)) for x in stops])
        crumbs = [home_crumb(s), Link(s._("线路"), urls.ROUTES)]
        context = {"facts": facts, "stops": stops, "more_stops": more, "kicker": s._("工业旅游与研学线路"),
                   "qr": self.qr(r), "sheet": urls.sheet(r.key)}
        if self.route_map is not None:
            context["route_map"] = self.route_map(r, r.stops[:STOP_LIMIT])
        return self._spec(r, r.description or r.title, crumbs, data, context)

    # --- person -----------------------------------------------------------------------------------
    def person(self, p: Person) -> PageSpec:
        cat, s = self.cat, self.s
        roles = tuple(self.vocab("person-roles", r) for r in p.roles)
        facts = [Fact(s._("身份"), Joined(roles, s._("、")),
                      tuple(Link(label, urls.grouped(urls.PEOPLE, "role", r)) for label, r in zip(roles, p.roles)))]
        for label, value in [(s._("出生"), p.born), (s._("逝世"), p.died)]:
            if value:
                facts.append(Fact(label, value.text()))
        # What the person's record names, then what names the person, each record once.
        enterprises = _unique([*(cat.target(r) for r in p.enterprises), *cat.referring(p.key, "enterprise")])
        heritage = _unique([*(cat.target(r) for r in p.heritage), *cat.referring(p.key, "heritage")])
        museums = _unique([*(cat.target(r) for r in p.museums), *cat.referring(p.key, "museum")])
        sections = [
            self.bounded(p, "artifacts", s._("相关藏品"), cat.referring(p.key, "artifact")),
            self.bounded(p, "enterprises", s._("相关企业"), enterprises, links=True),
            self.bounded(p, "heritage", s._("相关工业遗产"), heritage, links=True),
            self.bounded(p, "museums", s._("相关博物馆"), museums, links=True),
            self.bounded(p, "exhibitions", s._("相关展览"), cat.referring(p.key, "exhibition"), links=True),
        ]
        data = jsonld.person(p, self.absolute(urls.record(p.key)), self._abs_image(p))
        crumbs = [home_crumb(s), Link(s._("人物"), urls.PEOPLE)]
        return self._spec(p, p.biography or p.name, crumbs, data, {
            "figures": self.pictures.figures(p),
            "facts": facts,
            "sources": self._sources(p.sources),
            "sections": [x for x in sections if x.cards or x.links],
            "kicker": Joined(roles, s._("、")),
            "citations": self.citations(p),
        }, og_type="profile")

    # --- enterprise -------------------------------------------------------------------------------
    def enterprise(self, e: Enterprise) -> PageSpec:
        cat, s = self.cat, self.s
        industry = self.vocab("industries", e.industry)
        facts = [Fact(s._("行业"), industry, (Link(industry, urls.grouped(urls.ENTERPRISES, "industry", e.industry)),)),
                 Fact(s._("创办"), e.founded.text())]
        if e.closed:
            facts.append(Fact(s._("关闭时间"), e.closed.text()))
        if e.province or e.city:
            province = self.vocab("provinces", e.province) if e.province else None
            facts.append(Fact(s._("地区"), Joined(tuple(x for x in (province, e.city) if x), " "),
                              (Link(province, urls.grouped(urls.ENTERPRISES, "province", e.province)),)
                              if province and e.province else ()))
        names = [{"name": n.name, "span": _span(n.start, n.end)} for n in e.names]
        events = [{"date": x.date.text(), "text": x.text} for x in sorted(e.events, key=lambda x: (x.date.start, x.date.end))]
        people = _unique([*(cat.target(r) for r in e.people), *cat.referring(e.key, "person")])
        heritage = _unique([*(cat.target(r) for r in e.heritage), *cat.referring(e.key, "heritage")])
        museums = _unique([*(cat.target(r) for r in e.museums), *cat.referring(e.key, "museum")])
        sections = [
            self.bounded(e, "people", s._("相关人物"), people, links=True),
            self.bounded(e, "heritage", s._("相关工业遗产"), heritage),
            self.bounded(e, "museums", s._("相关博物馆"), museums, links=True),
        ]
        data = jsonld.enterprise(e, self.absolute(urls.record(e.key)), self._abs_image(e))
        crumbs = [home_crumb(s), Link(s._("工业企业名录"), urls.ENTERPRISES)]
        return self._spec(e, e.description or e.name, crumbs, data, {
            "figures": self.pictures.figures(e),
            "facts": facts,
            "names": names,
            "events": events,
            "sources": self._sources(e.sources),
            "sections": [x for x in sections if x.cards or x.links],
            "kicker": industry,
            "citations": self.citations(e),
        })

    # --- course -----------------------------------------------------------------------------------
    def _course_facts(self, c: Course) -> list[Fact]:
        facts = [self._audience(c.audience, urls.COURSES)]
        if c.duration:
            facts.append(Fact(self.s._("建议时长"), c.duration))
        return facts

    def course(self, c: Course) -> PageSpec:
        cat, s = self.cat, self.s
        # What it uses, in the curator's order; a long list continues on its own listing, as every list does.
        uses = self.bounded(c, "uses", s._("课程用到的展览和场所"), _unique([cat.target(r) for r in c.uses]))
        data = jsonld.course(c, self.absolute(urls.record(c.key)),
                             [(card.title, self.absolute(card.url)) for card in uses.cards])
        crumbs = [home_crumb(s), Link(s._("研学课程"), urls.COURSES)]
        return self._spec(c, c.description or c.title, crumbs, data, {
            "facts": self._course_facts(c),
            "uses": uses,
            "kicker": s._("研学课程"),
            "qr": self.qr(c),
            "sheet": urls.sheet(c.key),
        })

    def page(self, record: Record) -> PageSpec:
        return getattr(self, record.kind)(record)

    # --- the class sheet of an exhibition, a route or a course -------------------------------------
    def sheet(self, record: Record) -> PageSpec | None:
        """One or two A4 pages to hand to a class: who it is for, what to learn and do, what to look at,
        and the permanent link with its QR code."""
        s = self.s
        if isinstance(record, Exhibition):
            members = _unique([self.cat.target(r) for section in record.sections for r in section.artifacts])
            objects = [self.card(a) for a in members[:SHEET_OBJECTS]]
            context = {"objectives": record.learning_objectives, "activities": record.activities, "objects": objects,
                       "more_objects": max(0, len(members) - SHEET_OBJECTS), "stops": []}
            listing = Link(s._("展览"), urls.EXHIBITIONS)
        elif isinstance(record, Route):
            stops = [{"number": i, "card": self.card(self.cat.target(stop.stop)), "duration": stop.duration}
                     for i, stop in enumerate(record.stops[:STOP_LIMIT], 1)]
            context = {"objectives": [], "activities": [], "objects": [], "more_objects": 0, "stops": stops}
            listing = Link(s._("线路"), urls.ROUTES)
        elif isinstance(record, Course):
            used = _unique([self.cat.target(r) for r in record.uses])
            context = {"objectives": record.objectives, "activities": record.activities, "objects": [],
                       "more_objects": 0, "stops": [], "materials": record.materials,
                       "uses": [self.card(u) for u in used[:SHEET_OBJECTS]],
                       "more_uses": max(0, len(used) - SHEET_OBJECTS)}
            listing = Link(s._("研学课程"), urls.COURSES)
        else:
            return None
        facts = [self._audience(record.audience, listing.url)] if record.audience else []
        if isinstance(record, Course):
            facts = self._course_facts(record)
        if isinstance(record, Route):
            facts += [Fact(label, value) for label, value in
                      [(s._("主题"), record.theme), (s._("建议时长"), record.duration)] if value]
        url = urls.sheet(record.key)
        title = s._("课堂学习单：%(title)s", title=self.pick(record.label))
        crumbs = [home_crumb(s), listing, Link(record.label, urls.record(record.key)), Link(s._("课堂学习单"), url)]
        return PageSpec(
            url=url, template="sheet.html", title=title, title_lang="" if record.label.get(self.lang) else i18n.DEFAULT,
            description=s._("%(title)s的课堂学习单：学习目标、活动和要看的展品，附永久链接和二维码。",
                            title=self.pick(record.label)),
            context={"record": record, "facts": facts, "permalink": self.absolute(urls.record(record.key)),
                     "qr": self.qr(record), "materials": [], "uses": [], "more_uses": 0, **context},
            breadcrumbs=crumbs, jsonld=[jsonld.breadcrumbs(crumbs, self.absolute)],
        )


def _span(start, end) -> Joined:
    """From when to when, "1916 — 1948"; an open end as "…" (a name still in use, or whose end is not known)."""
    if not (start or end):
        return Joined(())
    return Joined((start.text() if start else "…", end.text() if end else "…"), " — ")


def _unique(records: list[Record]) -> list[Record]:
    """Each record once, in first-seen order (an id and its old id name the same record)."""
    seen: dict[Ref, Record] = {}
    for record in records:
        seen.setdefault(record.key, record)
    return list(seen.values())
