"""The map (map/): every museum and heritage site placed, listed without script, marked when approximate,
served only from the site itself; route pages carry a small map of their stops."""

from __future__ import annotations

import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from museum.pages import maps as mappage, urls  # noqa: E402
from museum.catalogue.check import check_collection  # noqa: E402
from museum.pages.geo import SOURCES, Placer, load_places  # noqa: E402
from museum.render.html import Renderer  # noqa: E402

OUTLINES = ROOT / "plugins" / "museum" / "theme" / "assets" / "map" / "china-provinces.geo.json"
MAP_JS = ROOT / "plugins" / "museum" / "theme" / "assets" / "museum-map.js"
VENDOR = ROOT / "plugins" / "museum" / "theme" / "assets" / "vendor"
# Generous box around China and its islands (the 南海诸岛 inset included).
LAT, LON = (3.0, 54.0), (73.0, 136.0)


@pytest.fixture(scope="module")
def catalogue():
    cat, problems = check_collection(ROOT / "collections", ROOT)
    assert not problems
    return cat


@pytest.fixture(scope="module")
def site(sample_site) -> Path:
    return sample_site


@pytest.fixture(scope="module")
def points(site) -> dict:
    return json.loads((site / "map" / "points.json").read_text(encoding="utf-8"))


# --- placing, without a build ------------------------------------------------------------------------
def test_every_museum_and_heritage_site_gets_one_point_inside_china(catalogue):
    found = Placer(catalogue).points()
    assert sorted((p.kind, p.id) for p in found) == sorted(
        [("museum", i) for i in catalogue.museums] + [("heritage", i) for i in catalogue.heritage])
    for p in found:
        assert LAT[0] < p.lat < LAT[1] and LON[0] < p.lon < LON[1], p
        assert p.source in SOURCES


def test_a_records_own_location_is_exact_and_everything_else_approximate(catalogue):
    placer = Placer(catalogue)
    for record in (*catalogue.museums.values(), *catalogue.heritage.values()):
        p = placer.place(record)
        if record.location is not None and not record.location.approximate:
            where = (record.location.lat, record.location.lon)
            assert (p.lat, p.lon, p.approximate, p.source) == (*where, False, "record")
        else:
            assert p.approximate and p.approximate_text.startswith("近似位置"), record.id


def test_a_site_is_placed_at_its_city_by_province_and_city_name(catalogue):
    placer = Placer(catalogue)
    changzhi = placer.place(catalogue.heritage["shi-ge-jie-mei-kuang"])  # 长治市潞州区: a district cpca lacks
    row = next(r for r in load_places() if r.name == "长治市")
    assert (changzhi.lat, changzhi.lon, changzhi.source) == (row.lat, row.lon, "city")
    assert changzhi.approximate_text == "近似位置（城市）"
    # (a site whose address names its district is placed there: tests/test_places.py)
    # A municipality is its own city.
    beijing = placer.place(catalogue.museums["china-railway-museum"])
    assert beijing.source == "city" and abs(beijing.lat - 39.9) < 0.2


def test_without_a_city_the_address_then_the_province_places_a_site(catalogue):
    placer = Placer(catalogue)
    daming = placer.place(catalogue.heritage["chang-zhou-da-ming-sha-chang"])  # address: 江苏常州经济开发区
    assert daming.source == "address-city" and daming.city == "常州市"
    the404 = placer.place(catalogue.heritage["zhong-he-si-0-si-chang"])  # only 甘肃省 is known
    assert the404.source == "province" and the404.approximate_text == "近似位置（省会）"


def test_the_places_table_is_small_and_has_every_province(catalogue):
    rows = load_places()
    provinces = {r.code for r in rows if r.level == "province"}
    for entry in catalogue.vocab["provinces"].values():
        assert entry.code in provinces, entry.id
    assert {r.level for r in rows} == {"province", "city", "county-city", "county"}
    assert (ROOT / "plugins" / "museum" / "data" / "places.csv").stat().st_size < 160_000


def test_a_large_collection_moves_the_list_to_province_pages_under_150_kb(catalogue, monkeypatch):
    """At 100,000 objects there are a few thousand sites: the map page then links one page per province,
    and a province's list is paginated. Simulated here by lowering the limits."""
    monkeypatch.setattr(mappage, "LIST_INLINE_MAX", 50)
    monkeypatch.setattr(mappage, "LIST_PAGE_SIZE", 10)
    maps = mappage.MapPages(catalogue, Placer(catalogue), lambda url: "http://example.org/" + url)
    specs = maps.pages()
    main, provinces = specs[0], specs[1:]
    assert main.url == urls.MAP and main.context["groups"] == []
    assert sum(link.count for link in main.context["province_links"]) == len(maps.points)
    listed = [item.url for spec in provinces for item in spec.context["group"].items]
    assert sorted(listed) == sorted(p.url for p in maps.points)
    assert any(spec.url.endswith("/page/2/") for spec in provinces)
    renderer = Renderer("http://example.org/")
    for spec in specs:
        assert len(str(renderer.body(spec)).encode()) < 120_000, spec.url  # + the theme's ~25 KB shell


# --- the built site -------------------------------------------------------------------------------------
@pytest.mark.slow
def test_points_json_is_valid_and_complete(site, points, catalogue):
    assert points["format"] == "museum-map-points/1"
    assert set(points["sources"]) == set(SOURCES)
    got = {(p["kind"], p["id"]) for p in points["points"]}
    assert got == {("museum", i) for i in catalogue.museums} | {("heritage", i) for i in catalogue.heritage}
    for p in points["points"]:
        assert LAT[0] < p["lat"] < LAT[1] and LON[0] < p["lon"] < LON[1]
        assert (site / p["url"] / "index.html").is_file(), p["url"]
        assert p["approximate"] == (p["source"] != "record")
        assert p["source"] in points["sources"]
        assert all(i in points["labels"]["industries"] for i in p["industries"])
        assert (p["level"] in points["labels"]["levels"]) if p["kind"] == "heritage" else p["level"] is None
        assert p["province"] in points["labels"]["provinces"]


@pytest.mark.slow
def test_every_point_is_in_the_list_fallback_and_approximate_ones_say_so(site, points):
    # On the map page, or, in a collection of more than LIST_INLINE_MAX places, on its province pages.
    pages = [site / "map" / "index.html", *sorted((site / "map" / "province").glob("**/index.html"))]
    html = "".join(page.read_text(encoding="utf-8") for page in pages)
    lists = "".join(re.findall(r'<ul class="museum-maplist">.*?</ul>', html, re.S))
    lines = re.findall(r'<li><a href="(?:\.\./)+([^"]+)">.*?</li>', lists)
    items = {m.group(1): m.group(0) for m in re.finditer(r'<li><a href="(?:\.\./)+([^"]+)">.*?</li>', lists)}
    assert len(lines) == len(points["points"])
    for p in points["points"]:
        line = items[p["url"]]
        assert ("近似位置" in line) == p["approximate"], line
    # grouped by province, each group a heading (a province's list may take more than one page)
    groups = html.count('class="museum-map-province"')
    provinces = len({p["province"] for p in points["points"]})
    assert groups == provinces if len(pages) == 1 else groups == len(pages) - 1 >= provinces


@pytest.mark.slow
def test_the_map_page_and_route_pages_request_nothing_from_other_hosts(site):
    pages = [site / "map" / "index.html", *sorted((site / "routes").glob("*/index.html"))]
    for path in pages:
        # Links to other sites are fine (a visitor follows them); what the page loads by itself is not.
        for tag in _resource_tags(path):
            assert not re.match(r"^(?:[a-z]+:)?//", tag), f"{path.relative_to(site)} loads {tag}"
    script = MAP_JS.read_text(encoding="utf-8")
    assert not re.search(r"https?:|tileLayer|wms", script, re.I)  # no tile server, no outside URL


def _resource_tags(path: Path) -> list[str]:
    """What a browser fetches by itself: script src, stylesheet href, img src."""
    found: list[str] = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag in ("script", "img", "iframe") and a.get("src"):
                found.append(a["src"])
            if tag == "link" and a.get("href") and a.get("rel") in ("stylesheet", "preload", "icon", "modulepreload"):
                found.append(a["href"])

    Parser().feed(path.read_text(encoding="utf-8"))
    return found


@pytest.mark.slow
def test_the_map_assets_are_served_from_the_site(site):
    for rel in ("assets/vendor/leaflet/leaflet.js", "assets/vendor/leaflet/leaflet.css",
                "assets/vendor/leaflet/LICENSE", "assets/vendor/leaflet.markercluster/leaflet.markercluster.js",
                "assets/vendor/leaflet.markercluster/MarkerCluster.css",
                "assets/vendor/leaflet.markercluster/MIT-LICENCE.txt", "assets/museum-map.js",
                "assets/museum-map.css", "assets/map/china-provinces.geo.json",
                "assets/map/LICENSE-ECharts.txt", "assets/map/NOTICE-ECharts.txt"):
        assert (site / rel).is_file(), rel
    html = (site / "map" / "index.html").read_text(encoding="utf-8")
    for rel in ("../assets/vendor/leaflet/leaflet.js",
                "../assets/vendor/leaflet.markercluster/leaflet.markercluster.js",
                "../assets/museum-map.js", 'data-points="points.json"',
                'data-outlines="../assets/map/china-provinces.geo.json"'):
        assert rel in html


def test_the_outlines_are_small_valid_geojson():
    data = json.loads(OUTLINES.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    assert OUTLINES.stat().st_size < 300_000
    codes = {f["properties"]["code"] for f in data["features"]}
    assert {"110000", "650000", "710000", "810000", "820000", "nanhai"} <= codes
    for f in data["features"]:
        assert f["geometry"]["type"] == "MultiPolygon"
        for polygon in f["geometry"]["coordinates"]:
            for ring in polygon:
                assert ring[0] == ring[-1] and len(ring) >= 4
                assert all(LON[0] <= x <= LON[1] and LAT[0] <= y <= LAT[1] for x, y in ring)
    for folder in ("leaflet", "leaflet.markercluster"):
        assert (VENDOR / folder / "SOURCE.md").is_file()


@pytest.mark.slow
def test_the_map_page_has_accessible_controls(site):
    html = (site / "map" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'id="museum-map"[^>]*role="region"[^>]*aria-label="[^"]+"', html)
    for control in ("museum-map-industry", "museum-map-level"):
        assert f'<label for="{control}">' in html and f'id="{control}"' in html
    assert "<legend>类别</legend>" in html and 'name="kind" value="museum"' in html
    assert 'role="status"' in html
    assert "坐标从哪里来" in html and "cpca" in html


@pytest.mark.slow
def test_the_nav_and_the_home_page_lead_to_the_map(site):
    home = (site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="map/"><span class="museum-entries__label">地图</span>', home)
    assert re.search(r'href="map/"[^>]*>\s*地图', home)  # the nav tab


@pytest.mark.slow
def test_every_route_page_maps_its_stops_in_order(site, catalogue):
    assert len(catalogue.routes) >= 5
    for rid, route in catalogue.routes.items():
        html = (site / "routes" / rid / "index.html").read_text(encoding="utf-8")
        m = re.search(r'class="museum-routemap"[^>]*data-stops="([^"]+)"', html)
        assert m, rid
        data = json.loads(m.group(1).replace("&#34;", '"').replace("&quot;", '"').replace("&amp;", "&"))
        assert len(data["line"]) == len(route.stops)
        numbers = [s["n"] for place in data["places"] for s in place["stops"]]
        assert sorted(numbers) == list(range(1, len(route.stops) + 1))
        urls_in_order = sorted(((s["n"], s["url"]) for place in data["places"] for s in place["stops"]))
        assert [u for _, u in urls_in_order] == [urls.record(catalogue.get(s.stop).key) for s in route.stops]
        # the stop list stays the page's content, before the map
        assert html.index('class="museum-stops"') < html.index('class="museum-routemap"')
