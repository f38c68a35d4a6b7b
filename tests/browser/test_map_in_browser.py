"""The map in a real browser: clustered markers, filters that change what is shown, a popup that leads
to its record, keyboard use, and a route's small map. The `page` fixture refuses (and reports) any
request to another host."""

from __future__ import annotations

import json
import re

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def points(sample_site) -> list[dict]:
    return json.loads((sample_site / "map" / "points.json").read_text(encoding="utf-8"))["points"]


def open_map(page, base_url):
    page.goto(f"{base_url}map/")
    page.wait_for_selector('#museum-map[data-ready="true"]', timeout=15_000)


def shown(page) -> int:
    return int(page.get_attribute("#museum-map", "data-shown"))


def test_the_map_shows_every_point_in_clusters(page, base_url, points):
    open_map(page, base_url)
    assert shown(page) == len(points)
    assert page.locator("#museum-map .museum-cluster").count() > 0
    counts = page.eval_on_selector_all("#museum-map .museum-cluster", "els => els.map(e => +e.textContent)")
    singles = page.locator("#museum-map .leaflet-marker-icon.museum-pin").count()
    assert sum(counts) + singles == len(points)
    assert page.locator(".leaflet-overlay-pane path").count() >= 34  # the province outlines
    assert f"共 {len(points)} 处" in page.inner_text("#museum-map-status")


def test_the_level_filter_shows_only_that_levels_heritage_sites(page, base_url, points):
    open_map(page, base_url)
    page.select_option("#museum-map-level", "national")
    expected = sum(1 for p in points if p["level"] == "national")
    page.wait_for_function(f"() => document.querySelector('#museum-map').dataset.shown === '{expected}'")
    assert expected < len(points)
    assert f"显示 {expected} 处" in page.inner_text("#museum-map-status")
    page.click("text=显示全部")
    page.wait_for_function(f"() => document.querySelector('#museum-map').dataset.shown === '{len(points)}'")


def test_the_kind_and_industry_filters_combine(page, base_url, points):
    open_map(page, base_url)
    page.uncheck('input[name="kind"][value="heritage"]')
    museums = sum(1 for p in points if p["kind"] == "museum")
    page.wait_for_function(f"() => document.querySelector('#museum-map').dataset.shown === '{museums}'")
    page.select_option("#museum-map-industry", "petroleum")
    oil_museums = sum(1 for p in points if p["kind"] == "museum" and "petroleum" in p["industries"])
    page.wait_for_function(f"() => document.querySelector('#museum-map').dataset.shown === '{oil_museums}'")
    assert 0 < oil_museums < museums


def test_a_markers_popup_leads_to_its_record_by_keyboard(page, base_url):
    open_map(page, base_url)
    marker = page.locator("#museum-map .leaflet-marker-icon.museum-pin").first
    label = marker.get_attribute("aria-label")
    assert label and "：" in label
    name = re.sub(r"（近似位置.*$", "", label.split("：", 1)[1])
    assert marker.get_attribute("tabindex") == "0" and marker.get_attribute("role") == "button"
    marker.focus()
    page.keyboard.press("Enter")
    link = page.locator(".leaflet-popup-content .museum-popup__name a")
    link.wait_for(timeout=5_000)
    assert link.inner_text() == name
    if "近似位置" in label:
        assert "近似位置" in page.inner_text(".leaflet-popup-content")
    link.click()
    page.wait_for_url(re.compile(r"/(museums|heritage)/[a-z0-9-]+/$"))  # (load state alone: still the map's)
    assert name in page.inner_text("h1")


def test_enter_on_a_cluster_zooms_in(page, base_url):
    open_map(page, base_url)
    before = float(page.get_attribute("#museum-map", "data-zoom"))
    counts = page.eval_on_selector_all("#museum-map .museum-cluster", "els => els.map(e => +e.textContent)")
    cluster = page.locator("#museum-map .museum-cluster").nth(counts.index(max(counts)))  # spans several cities
    assert "处地点" in (cluster.get_attribute("aria-label") or "")
    cluster.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => +document.querySelector('#museum-map').dataset.zoom > {before}", timeout=5_000)


def test_a_route_page_maps_its_stops_in_order(page, base_url):
    page.goto(f"{base_url}routes/liaoning-heavy-industry/")
    page.wait_for_selector('.museum-routemap[data-ready="true"]', timeout=15_000)
    data = json.loads(page.get_attribute(".museum-routemap", "data-stops"))
    assert page.locator(".museum-routemap .leaflet-marker-icon").count() == len(data["places"])
    labels = page.eval_on_selector_all(".museum-routemap .leaflet-marker-icon", "els => els.map(e => e.textContent)")
    assert labels[0].startswith("1")
    assert page.locator(".museum-routemap .leaflet-overlay-pane path").count() >= 2  # outlines + the line
    # The numbered list is still the page's content, above the map.
    assert page.locator("ol.museum-stops > li").count() == len(data["line"])


def test_the_english_map_speaks_english_and_leads_to_english_pages(page, base_url, sample_site):
    english = json.loads((sample_site / "en" / "map" / "points.json").read_text(encoding="utf-8"))
    assert english["lang"] == "en" and english["labels"]["kinds"] == {"museum": "Museum", "heritage": "Heritage site"}
    page.goto(f"{base_url}en/map/")
    page.wait_for_selector('#museum-map[data-ready="true"]', timeout=15_000)
    assert re.match(r"^\d+ of \d+ places shown on the map$", page.inner_text("#museum-map-status"))
    marker = page.locator("#museum-map .leaflet-marker-icon.museum-pin").first
    label = marker.get_attribute("aria-label")
    assert re.match(r"^(Museum|Heritage site): ", label), label
    marker.focus()
    page.keyboard.press("Enter")
    link = page.locator(".leaflet-popup-content .museum-popup__name a")
    link.wait_for(timeout=5_000)
    assert "/en/" in link.get_attribute("href")
    assert not re.search(r"[\u4e00-\u9fff]", page.inner_text(".leaflet-popup-content .museum-popup__kind"))
