"""The map (地图): museums and heritage sites on a map of China's provinces, with a list beside it.

The points are placed by ``geo.py`` and written into the site as ``map/points.json``, which only the
map page fetches, so no other page grows with the collection. The same points are listed as plain
HTML, grouped by province, on the map page itself — the list works without JavaScript and with a
screen reader. A large collection moves the list to one page per province (paginated), so that no
page passes ~150 KB. Route pages get a small map of their stops, in order; heritage and museum pages a
locator map of their place (``locator.py``) and a line saying how precise that place is.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from museum.pages import i18n, jsonld, locator, urls
from museum.pages.i18n import N_
from museum.catalogue.index import Catalogue
from museum.records.fields import Text
from museum.pages.geo import APPROXIMATE_TEXT, PRECISION_TEXT, SOURCES, MapPoint, Placer
from museum.records.models import KINDS, Heritage, Museum, Route, Stop
from museum.pages.spec import SITE_NAME, PageSpec, home_crumb
from museum.pages.views import Joined, Link, Locator

POINTS = f"{urls.MAP}points.json"
OUTLINES = "assets/map/china-provinces.geo.json"
LIST_INLINE_MAX = 300  # more points than this: the list moves to one page per province (~250 B a line)
LIST_PAGE_SIZE = 300  # points on one page of a province's list
# The kinds placed on the map, with their labels (records/kinds.py).
KIND_LABELS = {name: kind.zh for name, kind in KINDS.items() if kind.on_map}
TITLE = N_("工业遗产与博物馆地图")
# What the map's script says, in the page's language (it has no catalogue of its own).
WORDS = {"places": N_("%(n)s 处地点"), "zoom": N_("%(n)s 处地点，按 Enter 放大"), "approximate": N_("近似位置"),
         "source": N_("坐标："), "shown": N_("地图上显示 %(shown)s 处（共 %(all)s 处）"),
         "failed": N_("地图数据未能加载；请使用下方的列表。"), "stop": N_("第 %(n)s 站"), "outlines": N_("省界：ECharts（Apache-2.0）"),
         "named": N_("%(what)s：%(name)s"), "aside": N_("（%(text)s）")}


@dataclass(frozen=True)
class MapItem:
    """One line of the list fallback."""

    name: Text
    url: str
    kind: str
    kind_label: str
    meta: Joined  # level or industries, and city
    approximate_text: str
    name_lang: str = ""  # the language of ``name`` where it is not the page's


@dataclass
class ProvinceGroup:
    anchor: str
    title: Text
    items: list[MapItem]


class MapPages:
    def __init__(self, cat: Catalogue, placer: Placer, absolute: Callable[[str], str], lang: str = i18n.DEFAULT,
                 points: list[MapPoint] | None = None):
        """``points``: the places, if they are placed already (they are the same in every language)."""
        self.cat = cat
        self.lang = lang
        self.s = i18n.strings(lang)
        self.placer = placer
        self.absolute = absolute
        self.points = placer.points() if points is None else points

    # --- data ---------------------------------------------------------------------------------------
    def points_json(self) -> bytes:
        s = self.s
        labels = {
            "kinds": self.kind_labels(),
            "industries": {i: s.pick(e.label) for i, e in self.cat.vocab.get("industries", {}).items()},
            "levels": {i: s.pick(e.label) for i, e in self.cat.vocab.get("heritage-levels", {}).items()},
            "provinces": {i: s.pick(e.label) for i, e in self.cat.vocab.get("provinces", {}).items()},
            "approximate": {k: s._(v) for k, v in APPROXIMATE_TEXT.items()},
        }
        data = {"format": "museum-map-points/1", "lang": self.lang, "sources": {k: s._(v) for k, v in SOURCES.items()},
                "labels": labels, "points": [self._point(p) for p in self.points]}
        return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")

    def _point(self, p: MapPoint) -> dict:
        data = p.as_json()
        if self.lang != i18n.DEFAULT:  # the name in the page's language, else in Chinese (and said so)
            data["name"] = self.s.pick(p.name)
            if not p.name.get(self.lang):
                data["name_lang"] = i18n.DEFAULT
        return data

    def kind_labels(self) -> dict[str, str]:
        """The kinds on the map, as the kind registry names them in each language."""
        return {name: KINDS[name].zh if self.lang == i18n.DEFAULT else KINDS[name].en.capitalize() for name in KIND_LABELS}

    def words(self) -> str:
        """The map script's words, as the JSON of its element's data-words."""
        return json.dumps({k: self.s.gettext(v) for k, v in WORDS.items()}, ensure_ascii=False, separators=(",", ":"))

    def files(self) -> dict[str, bytes]:
        return {i18n.localized(POINTS, self.lang): self.points_json()}

    # --- the list fallback ----------------------------------------------------------------------------
    def item(self, p: MapPoint) -> MapItem:
        s = self.s
        parts = []
        if p.level:
            parts.append(s.pick(self.cat.label("heritage-levels", p.level)))
        parts.extend(s.pick(self.cat.label("industries", i)) for i in p.industries)
        place = p.city + (p.district if p.district not in p.city else "")
        meta = Joined((s._("、").join(parts), Text.of(place) if place else ""))  # (a city: its Chinese name)
        approximate = s._(p.approximate_text) if p.approximate_text else ""
        return MapItem(p.name, p.url, p.kind, self.kind_labels()[p.kind], meta, approximate)

    def by_province(self) -> dict[str, list[MapPoint]]:
        found: dict[str, list[MapPoint]] = defaultdict(list)
        for p in self.points:
            found[p.province].append(p)
        order = list(self.cat.vocab.get("provinces", {}))
        return {v: found[v] for v in [*order, *sorted(set(found) - set(order))] if v in found}

    def province_url(self, province: str) -> str:
        return f"{urls.MAP}province/{province}/"

    # --- pages ----------------------------------------------------------------------------------------
    def _filters(self) -> dict:
        kinds, industries, levels = defaultdict(int), defaultdict(int), defaultdict(int)
        for p in self.points:
            kinds[p.kind] += 1
            for i in p.industries:
                industries[i] += 1
            if p.level:
                levels[p.level] += 1
        return {
            "kinds": [(k, label, kinds[k]) for k, label in self.kind_labels().items() if kinds[k]],
            "industries": [(i, self.s.pick(self.cat.label("industries", i)), industries[i])
                           for i in self.cat.vocab.get("industries", {}) if industries[i]],
            "levels": [(v, self.s.pick(self.cat.label("heritage-levels", v)), levels[v])
                       for v in self.cat.vocab.get("heritage-levels", {}) if levels[v]],
        }

    def _stats(self) -> list[tuple[str, int]]:
        counts: dict[str, int] = defaultdict(int)
        for p in self.points:
            counts[p.source] += 1
        return [(self.s._(SOURCES[s]), counts[s]) for s in SOURCES if counts[s]]

    def pages(self) -> list[PageSpec]:
        groups = self.by_province()
        inline = len(self.points) <= LIST_INLINE_MAX
        s = self.s
        crumbs = [home_crumb(s), Link(s._("地图"), urls.MAP)]
        context = {
            "heading": s._(TITLE),
            "points_url": i18n.localized(POINTS, self.lang),
            "words": self.words(),
            "outlines_url": OUTLINES,
            "total": len(self.points),
            "filters": self._filters(),
            "stats": self._stats(),
            "exact": sum(1 for p in self.points if not p.approximate),
            "groups": [self._group(v, ps) for v, ps in groups.items()] if inline else [],
            "province_links": [] if inline else [
                Link(self.cat.label("provinces", v), self.province_url(v), len(ps)) for v, ps in groups.items()],
        }
        specs = [PageSpec(
            url=urls.MAP, template="map.html", title=s._("地图"),
            description=s._("%(site)s地图：%(n)s 处工业博物馆和工业遗产的位置，按省份列出。", site=s._(SITE_NAME),
                            n=len(self.points)),
            context=context, breadcrumbs=crumbs, jsonld=[jsonld.breadcrumbs(crumbs, self.absolute)],
        )]
        if not inline:
            for province, points in groups.items():
                specs.extend(self._province_pages(province, points))
        return specs

    def _group(self, province: str, points: list[MapPoint]) -> ProvinceGroup:
        return ProvinceGroup(f"province-{province}", self.cat.label("provinces", province),
                             [self.item(p) for p in points])

    def _province_pages(self, province: str, points: list[MapPoint]) -> list[PageSpec]:
        s = self.s
        label = self.cat.label("provinces", province)
        base = self.province_url(province)
        chunks = [points[i:i + LIST_PAGE_SIZE] for i in range(0, len(points), LIST_PAGE_SIZE)]
        specs = []
        for n, chunk in enumerate(chunks, 1):
            crumbs = [home_crumb(s), Link(s._("地图"), urls.MAP), Link(label, base)]
            title = s._("%(place)s的工业博物馆和工业遗产", place=s.pick(label))
            if n > 1:
                title = s._("%(title)s（第 %(n)s 页）", title=title, n=n)
            pager = [Link(str(i), urls.paged(base, i)) for i in range(1, len(chunks) + 1)] if len(chunks) > 1 else []
            specs.append(PageSpec(
                url=urls.paged(base, n), template="maplist.html", title=title,
                description=s._("%(place)s：%(n)s 处工业博物馆和工业遗产，含地图坐标来源。", place=s.pick(label),
                                n=len(points)),
                context={"heading": title, "group": self._group(province, chunk), "total": len(points),
                         "pager": pager, "current": n},
                breadcrumbs=crumbs, jsonld=[jsonld.breadcrumbs(crumbs, self.absolute)],
            ))
        return specs

    # --- a record's place ----------------------------------------------------------------------------
    def locator(self, record: Museum | Heritage) -> Locator:
        """The place of a heritage site or museum, in words and as a dot on the small map of China."""
        s, p = self.s, self.placer.place(record)
        province = self.cat.label("provinces", p.province)
        names = [province]
        if p.city and p.city != province.zh:  # (a municipality is its own city)
            names.append(Text.of(p.city))
        if p.district and p.district not in p.city:
            names.append(Text.of(p.district))
        where = Joined(tuple(names), "" if self.lang == i18n.DEFAULT else " ")
        x, y = locator.project(p.lat, p.lon)
        label = Joined((where, s._(WORDS["aside"], text=s._(PRECISION_TEXT[p.precision]))), "")
        return Locator(label, x, y, approximate=p.approximate)

    # --- route maps -----------------------------------------------------------------------------------
    def route_map(self, route: Route, stops: list[Stop] | None = None) -> dict:
        """The stops in order (the line) and one marker per place: stops at the same point (two
        records in one city, placed approximately) share a marker labelled with both numbers.
        ``stops``: the first of the route's stops, those its page shows (all by default)."""
        s = self.s
        line, places, at = [], [], {}
        for n, stop in enumerate(route.stops if stops is None else stops, 1):
            target = self.cat.get(stop.stop)
            assert target is not None
            p = self.placer.place(target)
            approximate = s._(p.approximate_text) if p.approximate_text else ""
            lat, lon = round(p.lat, 5), round(p.lon, 5)
            line.append([lat, lon])
            if (lat, lon) not in at:
                at[(lat, lon)] = len(places)
                places.append({"lat": lat, "lon": lon, "kind": p.kind, "approximate": approximate, "stops": []})
            place = places[at[(lat, lon)]]
            place["stops"].append({"n": n, "name": s.pick(p.name), "url": p.url})
            if approximate and not place["approximate"]:
                place["approximate"] = approximate
        for place in places:
            place["label"] = "·".join(str(s["n"]) for s in place["stops"])
        data = {"line": line, "places": places}
        return {"outlines_url": OUTLINES, "words": self.words(),
                "label": s._("线路地图：%(title)s（%(n)s 站，按顺序连线）", title=s.pick(route.title), n=len(line)),
                "stops": json.dumps(data, ensure_ascii=False, separators=(",", ":")),
                "approximate": sum(len(p["stops"]) for p in places if p["approximate"])}
