"""The statistics page (statistics/): counts by kind, industry, region, era, museum type, heritage level and
batch, each a bar chart drawn at build time as accessible SVG and followed by its data table.

Page logic, without a build: the mini collection, with records added where a test needs them.
"""

from __future__ import annotations

import re
from html import unescape

import pytest

from museum.catalogue.check import check_collection
from museum.pages import statistics, urls
from museum.pages.plan import plan_site
from museum.render.html import Renderer

SITE_URL = "https://museum.example/"


def planned(coll):
    cat, problems = check_collection(coll, root=coll.parent)
    assert problems == []
    renderer = Renderer(SITE_URL)
    specs = {spec.url: spec for spec in plan_site(cat, SITE_URL).pages}
    return cat, specs, (lambda url: str(renderer.body(specs[url])))


@pytest.fixture(scope="module")
def mini_site(mini_checked):
    cat, _ = mini_checked
    renderer = Renderer(SITE_URL)
    specs = {spec.url: spec for spec in plan_site(cat, SITE_URL).pages}
    return cat, specs, (lambda url: str(renderer.body(specs[url])))


def charts(spec) -> dict[str, statistics.Chart]:
    return {c.anchor: c for section in spec.context["sections"] for c in section.charts}


def test_the_counts_are_the_catalogues(mini_site):
    cat, specs, _ = mini_site
    found = charts(specs["statistics/"])
    assert [(r.label.zh, r.count) for r in found["chart-kind"].rows] == [
        (statistics.kind_label(kind, plural=True).zh, n) for kind, n in cat.counts().items() if n]
    for anchor, total in [("chart-artifact-industry", len(cat.artifacts)), ("chart-artifact-province", len(cat.artifacts)),
                          ("chart-artifact-era", len(cat.artifacts)), ("chart-museum-province", len(cat.museums)),
                          ("chart-museum-type", len(cat.museums)), ("chart-heritage-level", len(cat.heritage))]:
        assert sum(r.count for r in found[anchor].rows) == total, anchor
    # a museum of several industries is counted once in each
    assert sum(r.count for r in found["chart-museum-industry"].rows) == sum(len(m.industries) for m in cat.museums.values())
    assert [r.count for r in found["chart-heritage-batch"].rows] == [1] and found["chart-heritage-batch"].rows[0].label == "第1批"


def test_each_count_links_to_the_listing_of_those_records(mini_site):
    _, specs, _ = mini_site
    for chart in charts(specs["statistics/"]).values():
        for row in chart.rows:
            if chart.anchor == "chart-museum-type":
                assert row.url is None  # museums are not listed by type
                continue
            assert row.url in specs, (chart.anchor, row.url)
            assert specs[row.url].context["total"] == row.count, (chart.anchor, row.url)
    assert {r.url for r in charts(specs["statistics/"])["chart-kind"].rows} == set(urls.KIND_LISTINGS.values())


def test_a_chart_has_its_accessible_name_and_its_table_says_the_same(mini_site):
    _, specs, body = mini_site
    html = body("statistics/")
    assert "<script" not in html
    svgs = re.findall(r"<svg ([^>]*)>(.*?)</svg>\s*</figure>\s*<div [^>]*>\s*<table>(.*?)</table>", html, re.S)
    assert len(svgs) == len(charts(specs["statistics/"])) > 5
    for attrs, svg, table in svgs:
        assert 'role="img"' in attrs
        title, desc = re.search(r'aria-labelledby="(\S+) (\S+)"', attrs).groups()
        assert re.search(f'<title id="{title}">[^<]+</title>', svg) and re.search(f'<desc id="{desc}">[^<]+</desc>', svg)
        drawn = list(zip(re.findall(r'class="museum-chart__label"[^>]*>([^<]+)<', svg),
                         re.findall(r'class="museum-chart__count">(\d+)<', svg)))
        tabled = re.findall(r'<th scope="row"[^>]*>([^<]+)</th><td>(?:<a [^>]+>)?(\d+)', table)
        assert drawn and [(unescape(a), b) for a, b in drawn] == [(unescape(a), b) for a, b in tabled]
        assert "<caption>" in table and '<th scope="col">' in table


def test_the_longest_bar_fills_the_chart_and_the_others_are_in_proportion(mini_site):
    _, specs, _ = mini_site
    chart = charts(specs["statistics/"])["chart-kind"]
    most = max(r.count for r in chart.rows)
    longest = statistics.WIDTH - statistics.COUNT_ROOM
    for row in chart.rows:
        assert row.width == pytest.approx(longest * row.count / most, abs=0.1)
    assert chart.height == len(chart.rows) * statistics.ROW


def test_vocabulary_labels_are_in_the_pages_language(mini_site):
    cat, _, body = mini_site
    steel = cat.label("industries", "steel")
    assert steel.zh in body("statistics/") and steel.en in body("en/statistics/")
    assert "National heritage sites by batch" in body("en/statistics/") and "Batch 1" in body("en/statistics/")


def test_the_page_does_not_grow_with_the_collection(mini_copy):
    def size(n: int) -> int:
        for i in range(n):
            (mini_copy / "artifacts" / f"many-{i}.yaml").write_text(
                f"title: 测试藏品 {i}\nmuseum: ceshi-gongye-bowuguan\nindustry: railway\ndate: 1956\ndescription: 测试。\n",
                encoding="utf-8")
        return len(planned(mini_copy)[2]("statistics/"))

    small, large = size(20), size(2000)
    assert abs(large - small) <= 100, (small, large)  # only the counts' digits and the bars' lengths differ
