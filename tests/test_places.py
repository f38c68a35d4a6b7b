"""Places where they are: every heritage site and museum at its district when its address (or city) names
one, matched within its city, at its city otherwise, at its province failing that; a curator's own
coordinates always win. Each says which, on its page (with a small locator map), in map/points.json and
in the open data."""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT / "tools"))

import make_map_data  # noqa: E402
from museum.catalogue.check import check_collection  # noqa: E402
from museum.pages import locator  # noqa: E402
from museum.pages.geo import PRECISION, Placer, county_stem, load_places  # noqa: E402
from museum.pages.maps import MapPages  # noqa: E402
from museum.records.fields import Text  # noqa: E402
from museum.records.models import Location  # noqa: E402
from museum.render.html import Filters  # noqa: E402

OUTLINES_SVG = ROOT / "plugins" / "museum" / "theme" / locator.OUTLINES_SVG


@pytest.fixture(scope="module")
def catalogue():
    cat, problems = check_collection(ROOT / "collections", ROOT)
    assert not problems
    return cat


@pytest.fixture(scope="module")
def row():
    """The bundled table's row of a code: ``row("420104")``."""
    rows = {r.code: r for r in load_places()}
    return rows.__getitem__


@pytest.fixture()
def site_at(catalogue):
    """``site_at(province, city, address, location=None)``: where a heritage site written so is placed."""
    template = next(iter(catalogue.heritage.values()))
    placer = Placer(catalogue)
    made = []

    def place(province: str, city: str | None, address: str | None, location: Location | None = None):
        made.append(1)
        record = template.model_copy(update={
            "id": f"test-site-{len(made)}", "province": province, "location": location,
            "city": Text.of(city) if city else None, "address": Text.of(address) if address else None})
        return placer.place(record)
    return place


def _at(point, place) -> bool:
    return (point.lat, point.lon) == (place.lat, place.lon)


# --- the sample -----------------------------------------------------------------------------------------
def test_every_sample_site_and_museum_says_how_precisely_it_is_placed(catalogue):
    placer = Placer(catalogue)
    for record in (*catalogue.heritage.values(), *catalogue.museums.values()):
        point = placer.place(record)
        assert point.precision in {"exact", "approximate", "district", "city", "province"}, record.id
        if record.city:  # a known city is never left at the province
            assert point.precision != "province", record.id
        if record.location is not None:
            assert point.precision == ("approximate" if record.location.approximate else "exact"), record.id


def test_most_sample_heritage_sites_are_now_at_their_district(catalogue, row):
    placer = Placer(catalogue)
    heritage = [placer.place(h) for h in catalogue.heritage.values()]
    assert sum(p.precision == "district" for p in heritage) >= 250  # of 264; it was 0
    anshan = placer.place(catalogue.heritage["an-shan-gang-tie-chang"])  # address: 辽宁省鞍山市铁西区
    assert (anshan.precision, anshan.city, anshan.district) == ("district", "鞍山市", "铁西区")
    assert _at(anshan, row("210303")) and not _at(anshan, row("210106"))  # 鞍山's 铁西区, not 沈阳's


# --- matching a district --------------------------------------------------------------------------------
def test_an_importers_address_places_a_site_at_its_district(site_at, row):
    point = site_at("hubei", "武汉市", "武汉市硚口区解放大道")
    assert (point.precision, point.source, point.city, point.district) == ("district", "district", "武汉市", "硚口区")
    assert _at(point, row("420104")) and point.approximate


def test_a_district_is_taken_only_within_the_records_city(site_at, row):
    # 鼓楼区 is in 南京 and 徐州 (and 福州, 开封): the record's city chooses.
    assert _at(site_at("jiangsu", "徐州市", "鼓楼区中山北路"), row("320302"))
    assert _at(site_at("jiangsu", "南京市", "鼓楼区中山北路"), row("320106"))
    # A district of another city is not taken: the site stays at its own city.
    wuhan = site_at("hubei", "武汉市", "黄石市下陆区")
    assert (wuhan.precision, wuhan.district) == ("city", "")
    assert _at(wuhan, next(r for r in load_places() if r.name == "武汉市"))
    # 矿区 is in 大同 and 阳泉.
    assert _at(site_at("shanxi", "阳泉市", "山西省阳泉市矿区"), row("140303"))


def test_without_a_city_a_district_is_taken_only_if_its_province_has_one_of_that_name(site_at, row, catalogue):
    twice = site_at("jiangsu", None, "江苏省鼓楼区")
    assert twice.precision == "province"
    once = site_at("fujian", None, "福建省鼓楼区")  # 福州's, the only one in 福建
    assert (once.precision, once.city, once.district) == ("district", "福州市", "鼓楼区") and _at(once, row("350102"))
    # A municipality's districts belong to it; a county-level city under its province is its own city.
    beijing = site_at("beijing", None, "北京市东城区")
    assert (beijing.precision, beijing.city, beijing.district) == ("district", "北京市", "东城区")
    xiantao = site_at("hubei", None, "湖北省仙桃市")
    assert (xiantao.precision, xiantao.city, xiantao.district) == ("district", "仙桃市", "") and _at(xiantao, row("429004"))


@pytest.mark.parametrize("city, address, code", [
    ("武汉市", "武汉硚口", "420104"),  # neither 市 nor 区 written
    ("武汉市", "硚口区", "420104"),
    ("石家庄市", "河北省石家庄市井陉", "130121"),  # 井陉县 without 县
    ("安顺市", "贵州省安顺市镇宁县", "520423"),  # 镇宁布依族苗族自治县, as people write it
    ("济南市", "山东省济南市章丘区", "370181"),  # cpca still has 章丘市 (a district since 2016)
    ("仙桃市", None, "429004"),  # a county-level city as the record's city
])
def test_district_names_match_with_or_without_their_suffix(site_at, row, city, address, code):
    province = {"4": "hubei", "1": "hebei", "5": "guizhou", "3": "shandong"}[code[0]]
    point = site_at(province, city, address)
    assert point.precision == "district" and _at(point, row(code)), point


def test_a_city_whose_name_a_county_shares_is_not_read_as_that_county(site_at, row):
    # 抚顺县 shortened is 抚顺, the city's own name: 望花区 is the district this address names.
    assert _at(site_at("liaoning", "抚顺市", "辽宁省抚顺市望花区"), row("210404"))
    city = site_at("liaoning", "抚顺市", "辽宁省抚顺市")
    assert city.precision == "city"


def test_short_names_keep_two_characters():
    assert [county_stem(n) for n in ("硚口区", "矿区", "井陉县", "镇宁布依族苗族自治县", "浦东新区", "仙桃市")] == [
        "硚口", "矿区", "井陉", "镇宁", "浦东", "仙桃"]


def test_a_curators_location_always_wins(site_at):
    exact = site_at("hubei", "武汉市", "武汉市硚口区", Location(lat=30.58, lon=114.26))
    assert (exact.lat, exact.lon, exact.precision, exact.approximate) == (30.58, 114.26, "exact", False)
    rough = site_at("hubei", "武汉市", "武汉市硚口区", Location(lat=30.6, lon=114.3, approximate=True))
    assert (rough.lat, rough.lon, rough.precision, rough.approximate) == (30.6, 114.3, "approximate", True)


# --- what pages and data say ------------------------------------------------------------------------------
def test_the_place_is_said_with_its_precision_in_both_languages(catalogue):
    record = catalogue.heritage["wu-han-shi-jian-min-zhi-yao-chang"]  # 湖北省武汉市汉阳区
    placer = Placer(catalogue)
    zh = MapPages(catalogue, placer, str).locator(record)
    assert Filters("zh").t(zh.label) == "湖北省武汉市汉阳区（位置精确到区县）"
    en = MapPages(catalogue, placer, str, "en").locator(record)
    assert str(Filters("en").tx(en.label)) == 'Hubei <span lang="zh">武汉市</span> <span lang="zh">汉阳区</span> (Position: district)'
    assert (zh.x, zh.y) == locator.project(placer.place(record).lat, placer.place(record).lon)
    assert 0 < zh.x < locator.WIDTH and 0 < zh.y < locator.HEIGHT
    museum = MapPages(catalogue, placer, str).locator(catalogue.museums["china-railway-museum"])
    assert Filters("zh").t(museum.label) == "北京市（位置精确到城市）"  # (a municipality is its own city)


def test_every_precision_has_its_phrase():
    from museum.pages.geo import PRECISION_TEXT
    assert set(PRECISION_TEXT) == set(PRECISION.values())


@pytest.mark.slow
def test_a_heritage_page_shows_its_locator_map_and_says_how_precise_it_is(sample_site):
    page = (sample_site / "heritage" / "wu-han-shi-jian-min-zhi-yao-chang" / "index.html").read_text(encoding="utf-8")
    assert "<dt>地图位置</dt>\n    <dd>湖北省武汉市汉阳区（位置精确到区县）</dd>" in page
    figure = re.search(r'<figure class="museum-locator">.*?</figure>', page, re.S).group(0)
    assert 'role="img" aria-labelledby="locator-caption"' in figure
    assert '<figcaption id="locator-caption">湖北省武汉市汉阳区（位置精确到区县）</figcaption>' in figure
    image = re.search(r'<image href="([^"]+)"', figure).group(1)
    assert image == "../../assets/map/china-provinces.svg" and (sample_site / "assets/map/china-provinces.svg").is_file()
    assert "<script" not in figure and "http" not in figure.replace('xmlns="http://www.w3.org/2000/svg"', "")
    english = (sample_site / "en" / "heritage" / "wu-han-shi-jian-min-zhi-yao-chang" / "index.html").read_text(
        encoding="utf-8")
    assert "(Position: district)</figcaption>" in english
    museum = (sample_site / "museums" / "china-railway-museum" / "index.html").read_text(encoding="utf-8")
    assert '<figcaption id="locator-caption">北京市（位置精确到城市）</figcaption>' in museum


@pytest.mark.slow
def test_points_json_and_the_open_data_say_the_precision(sample_site, catalogue):
    placer = Placer(catalogue)
    points = json.loads((sample_site / "map" / "points.json").read_text(encoding="utf-8"))["points"]
    for p in points:
        assert p["precision"] == placer.place(catalogue.records[p["kind"]][p["id"]]).precision
    hanyang = next(p for p in points if p["id"] == "wu-han-shi-jian-min-zhi-yao-chang")
    assert (hanyang["precision"], hanyang["city"], hanyang["district"]) == ("district", "武汉市", "汉阳区")
    with (sample_site / "data" / "heritage.csv").open(encoding="utf-8") as f:
        rows = {r["id"]: r for r in csv.DictReader(f)}
    assert rows["wu-han-shi-jian-min-zhi-yao-chang"]["position"] == "district"
    package = json.loads((sample_site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in package["resources"] if r["name"] == "heritage")
    field = next(f for f in resource["schema"]["fields"] if f["name"] == "position")
    assert field["constraints"]["enum"] == ["exact", "approximate", "district", "city", "province"]


# --- the shared outlines ------------------------------------------------------------------------------------
def test_the_locator_outlines_are_one_small_file_made_from_the_maps_outlines():
    made = make_map_data.make_outlines_svg(make_map_data.OUTLINES.read_text(encoding="utf-8"))
    assert OUTLINES_SVG.read_text(encoding="utf-8") == made  # regenerated whenever the outlines or projection change
    assert len(made.encode()) < 40_000
    assert made.startswith(f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {locator.WIDTH} {locator.HEIGHT}"')
    assert made.count("<path ") == 35  # 34 provinces and the 南海诸岛 inset
