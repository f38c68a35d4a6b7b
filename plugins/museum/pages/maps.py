"""The map (地图): museums and heritage sites on a map of China's provinces, with a list beside it.

The points are placed by ``geo.py`` and written into the site as ``map/points.json``, which only the
map page fetches, so no other page grows with the collection. The same points are listed as plain
HTML, grouped by province, on the map page itself — the list works without JavaScript and with a
screen reader. A large collection moves the list to one page per province (paginated), so that no
page passes ~150 KB. Route pages get a small map of their stops, in order.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from museum.pages import jsonld, urls
from museum.catalogue.index import Catalogue
from museum.records.fields import Text
from museum.pages.geo import APPROXIMATE_TEXT, SOURCES, MapPoint, Placer
from museum.records.models import KINDS, Route, Stop
from museum.pages.spec import SITE_NAME, PageSpec, home_crumb
from museum.pages.views import Link

POINTS = f"{urls.MAP}points.json"
OUTLINES = "assets/map/china-provinces.geo.json"
LIST_INLINE_MAX = 300  # more points than this: the list moves to one page per province (~250 B a line)
LIST_PAGE_SIZE = 300  # points on one page of a province's list
# The kinds placed on the map, with their labels (records/kinds.py).
KIND_LABELS = {name: kind.zh for name, kind in KINDS.items() if kind.on_map}
TITLE = "工业遗产与博物馆地图"


@dataclass(frozen=True)
class MapItem:
    """One line of the list fallback."""

    name: Text
    url: str
    kind: str
    kind_label: str
    meta: str  # level or industries, and city
    approximate_text: str


@dataclass
class ProvinceGroup:
    anchor: str
    title: Text
    items: list[MapItem]


class MapPages:
    def __init__(self, cat: Catalogue, placer: Placer, absolute: Callable[[str], str]):
        self.cat = cat
        self.placer = placer
        self.absolute = absolute
        self.points = placer.points()

    # --- data ---------------------------------------------------------------------------------------
    def points_json(self) -> bytes:
        labels = {
            "kinds": KIND_LABELS,
            "industries": {i: e.label.zh for i, e in self.cat.vocab.get("industries", {}).items()},
            "levels": {i: e.label.zh for i, e in self.cat.vocab.get("heritage-levels", {}).items()},
            "provinces": {i: e.label.zh for i, e in self.cat.vocab.get("provinces", {}).items()},
            "approximate": APPROXIMATE_TEXT,
        }
        data = {"format": "museum-map-points/1", "sources": SOURCES, "labels": labels,
                "points": [p.as_json() for p in self.points]}
        return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")

    def files(self) -> dict[str, bytes]:
        return {POINTS: self.points_json()}

    # --- the list fallback ----------------------------------------------------------------------------
    def item(self, p: MapPoint) -> MapItem:
        parts = []
        if p.level:
            parts.append(self.cat.label("heritage-levels", p.level).zh)
        parts.extend(self.cat.label("industries", i).zh for i in p.industries)
        meta = "、".join(parts)
        if p.city:
            meta = f"{meta} · {p.city}" if meta else p.city
        return MapItem(p.name, p.url, p.kind, KIND_LABELS[p.kind], meta, p.approximate_text)

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
            "kinds": [(k, label, kinds[k]) for k, label in KIND_LABELS.items() if kinds[k]],
            "industries": [(i, self.cat.label("industries", i).zh, industries[i])
                           for i in self.cat.vocab.get("industries", {}) if industries[i]],
            "levels": [(v, self.cat.label("heritage-levels", v).zh, levels[v])
                       for v in self.cat.vocab.get("heritage-levels", {}) if levels[v]],
        }

    def _stats(self) -> list[tuple[str, int]]:
        counts: dict[str, int] = defaultdict(int)
        for p in self.points:
            counts[p.source] += 1
        return [(SOURCES[s], counts[s]) for s in SOURCES if counts[s]]

    def pages(self) -> list[PageSpec]:
        groups = self.by_province()
        inline = len(self.points) <= LIST_INLINE_MAX
        crumbs = [home_crumb(), Link("地图", urls.MAP)]
        context = {
            "heading": TITLE,
            "points_url": POINTS,
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
            url=urls.MAP, template="map.html", title="地图",
            description=f"{SITE_NAME}地图：{len(self.points)} 处工业博物馆和工业遗产的位置，按省份列出。",
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
        label = self.cat.label("provinces", province)
        base = self.province_url(province)
        chunks = [points[i:i + LIST_PAGE_SIZE] for i in range(0, len(points), LIST_PAGE_SIZE)]
        specs = []
        for n, chunk in enumerate(chunks, 1):
            crumbs = [home_crumb(), Link("地图", urls.MAP), Link(label, base)]
            title = f"{label.zh}的工业博物馆和工业遗产" + (f"（第 {n} 页）" if n > 1 else "")
            pager = [Link(str(i), urls.paged(base, i)) for i in range(1, len(chunks) + 1)] if len(chunks) > 1 else []
            specs.append(PageSpec(
                url=urls.paged(base, n), template="maplist.html", title=title,
                description=f"{label.zh}：{len(points)} 处工业博物馆和工业遗产，含地图坐标来源。",
                context={"heading": title, "group": self._group(province, chunk), "total": len(points),
                         "pager": pager, "current": n},
                breadcrumbs=crumbs, jsonld=[jsonld.breadcrumbs(crumbs, self.absolute)],
            ))
        return specs

    # --- route maps -----------------------------------------------------------------------------------
    def route_map(self, route: Route, stops: list[Stop] | None = None) -> dict:
        """The stops in order (the line) and one marker per place: stops at the same point (two
        records in one city, placed approximately) share a marker labelled with both numbers.
        ``stops``: the first of the route's stops, those its page shows (all by default)."""
        line, places, at = [], [], {}
        for n, stop in enumerate(route.stops if stops is None else stops, 1):
            target = self.cat.get(stop.stop)
            assert target is not None
            p = self.placer.place(target)
            lat, lon = round(p.lat, 5), round(p.lon, 5)
            line.append([lat, lon])
            if (lat, lon) not in at:
                at[(lat, lon)] = len(places)
                places.append({"lat": lat, "lon": lon, "kind": p.kind, "approximate": p.approximate_text, "stops": []})
            place = places[at[(lat, lon)]]
            place["stops"].append({"n": n, "name": p.name.zh, "url": p.url})
            if p.approximate_text and not place["approximate"]:
                place["approximate"] = p.approximate_text
        for place in places:
            place["label"] = "·".join(str(s["n"]) for s in place["stops"])
        data = {"line": line, "places": places}
        return {"outlines_url": OUTLINES,
                "label": f"线路地图：{route.title.zh}（{len(line)} 站，按顺序连线）",
                "stops": json.dumps(data, ensure_ascii=False, separators=(",", ":")),
                "approximate": sum(len(p["stops"]) for p in places if p["approximate"])}
