"""The timeline (timeline/): records by year, a page per decade, complete as HTML lists without JavaScript.

Page logic, without a build: the mini collection, with records added where a test needs them.
"""

from __future__ import annotations

import re
import typing

from museum.catalogue.check import check_collection
from museum.pages import timeline
from museum.pages.plan import plan_site
from museum.records.fields import Date
from museum.records.models import KINDS
from museum.render.html import Renderer

SITE_URL = "https://museum.example/"


def museum(coll, mid: str, founded: str) -> None:
    (coll / "museums" / f"{mid}.yaml").write_text(
        f"name: 测试{mid}\ntype: industry\nindustries: [steel]\nprovince: liaoning\ncity: 鞍山\nfounded: \"{founded}\"\n",
        encoding="utf-8")


def artifact(coll, aid: str, date: str) -> None:
    (coll / "artifacts" / f"{aid}.yaml").write_text(
        f"title: 测试{aid}\nmuseum: ceshi-gongye-bowuguan\nindustry: steel\ndate: \"{date}\"\ndescription: 测试。\n",
        encoding="utf-8")


def site(coll):
    cat, problems = check_collection(coll, root=coll.parent)
    assert problems == []
    renderer = Renderer(SITE_URL)
    specs = {spec.url: spec for spec in plan_site(cat, SITE_URL).pages}
    return cat, specs, (lambda url: str(renderer.body(specs[url])))


def entries(spec) -> list[timeline.Entry]:
    return [e for year in spec.context["years"] for e in year.entries]


def test_each_kind_is_placed_by_one_declared_date_field_of_its_model():
    for kind, fields in timeline.DATED.items():
        if kind not in KINDS:
            continue  # a kind declared in parallel: one line here, skipped until it exists
        hints = typing.get_type_hints(KINDS[kind].model)
        for name in fields:
            assert name in hints and Date in typing.get_args(hints[name]) + (hints[name],), (kind, name)
    assert timeline.DATED["heritage"] == ("founded",)  # not `listed`: a listing is not when a site was built


def test_records_go_under_the_decade_of_the_first_year_their_date_may_mean(mini_copy):
    museum(mini_copy, "circa", "c.1821")  # 1816–1826: under 1816
    artifact(mini_copy, "decade", "1950年代")
    artifact(mini_copy, "span", "1917—1919年")
    museum(mini_copy, "old", "1796–7")  # before 1800: by century
    _, specs, body = site(mini_copy)
    assert [e.link.url for e in entries(specs["timeline/1810s/"])] == ["museums/circa/"]
    assert entries(specs["timeline/1810s/"])[0].year == 1816
    assert [y.anchor for y in specs["timeline/1950s/"].context["years"]] == ["y1950", "y1956"]
    assert "artifacts/span/" in [e.link.url for e in entries(specs["timeline/1910s/"])]
    assert [e.link.url for e in entries(specs["timeline/1700-1799/"])] == ["museums/old/"]
    assert "18世纪" in body("timeline/1700-1799/") and "18th century" in body("en/timeline/1700-1799/")


def test_an_uncertain_date_is_shown_as_written(mini_copy):
    museum(mini_copy, "circa", "c.1821")
    museum(mini_copy, "about", "约1833年")
    _, _, body = site(mini_copy)
    assert "c.1821" in body("timeline/1810s/") and "约1833年" in body("timeline/1820s/")
    assert "c. 1821" in body("en/timeline/1810s/") and "c. 1833" in body("en/timeline/1820s/")


def test_a_heritage_site_is_placed_by_when_it_was_founded_not_listed(mini_checked):
    cat, _ = mini_checked
    specs = {spec.url: spec for spec in plan_site(cat, SITE_URL).pages}
    site_url = "heritage/ceshi-gangtiechang/"
    assert [e.link.url for e in entries(specs["timeline/1910s/"])] == [site_url]  # founded 约1910年代
    assert "timeline/2010s/" in specs and site_url not in [e.link.url for e in entries(specs["timeline/2010s/"])]


def test_the_index_counts_each_kinds_dated_records_per_period(mini_checked):
    cat, _ = mini_checked
    specs = {spec.url: spec for spec in plan_site(cat, SITE_URL).pages}
    index = specs["timeline/"].context
    dated = {kind: sum(timeline.date_of(r) is not None for r in cat.records[kind].values())
             for kind in timeline.DATED if kind in cat.records}
    columns = [kind for kind in KINDS if dated.get(kind)]  # (a kind without a dated record has no column)
    assert [k.zh for k in index["kinds"]] == [KINDS[k].zh for k in columns]
    for i, kind in enumerate(columns):
        assert sum(row.counts[i] for row in index["rows"]) == dated[kind]
    assert index["total"] == sum(dated.values()) == sum(row.link.count for row in index["rows"])
    for row in index["rows"]:
        assert sum(row.counts) == row.link.count == specs[row.link.url].context["total"]
    assert "en/timeline/" in specs and all("en/" + row.link.url in specs for row in index["rows"])


def test_a_crowded_decade_is_paged_and_lists_every_record_once(mini_copy):
    n = 2 * timeline.PAGE_SIZE + 7
    for i in range(n):
        artifact(mini_copy, f"many-{i}", "1958")
    _, specs, body = site(mini_copy)
    pages = [url for url in specs if url.startswith("timeline/1950s/")]
    assert pages == ["timeline/1950s/", "timeline/1950s/page/2/", "timeline/1950s/page/3/"]
    listed = [e.link.url for url in pages for e in entries(specs[url])]
    assert sorted(listed) == sorted([f"artifacts/many-{i}/" for i in range(n)] + ["artifacts/ceshi-zhengqi-jiche/"])
    assert all(len(entries(specs[url])) <= timeline.PAGE_SIZE for url in pages)
    assert 'rel="next"' in body("timeline/1950s/") and "1958年" in body("timeline/1950s/page/3/")


def test_the_pages_are_complete_lists_without_script(mini_checked):
    cat, _ = mini_checked
    renderer = Renderer(SITE_URL)
    for spec in plan_site(cat, SITE_URL).pages:
        if "timeline/" in spec.url:
            html = str(renderer.body(spec))
            assert "<script" not in html
            if spec.template == "timeline-period.html":
                lists = "".join(re.findall(r'<ul class="museum-timeline">(.*?)</ul>', html, re.S))
                assert lists.count("<li>") == spec.context["total"] == len(entries(spec))
