"""People (人物), enterprises (企业) and courses (研学课程): the three kinds of issue 16, their pages, the
records that link to them, their listings and a course's class sheet (page logic on the mini collection,
and on crowded copies of it; no build)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from museum.catalogue.check import check_collection
from museum.pages.plan import plan_site
from museum.pages.records import LIST_LIMIT
from museum.pages.searchdocs import SearchDocuments
from museum.records.models import KINDS

SITE_URL = "https://museum.example/"
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def pages(mini_checked) -> dict:
    cat, problems = mini_checked
    assert problems == []
    return {spec.url: spec for spec in plan_site(cat, SITE_URL).pages}


def required(kind: str) -> set[str]:
    return {name for name, info in KINDS[kind].model.model_fields.items() if info.is_required()}


# --- the kinds, as RECORDS.md fixes them ---------------------------------------------------------------
def test_each_kind_requires_what_the_record_contract_says():
    assert required("person") == {"name", "roles", "sources"}
    assert required("enterprise") == {"name", "industry", "founded", "sources"}
    assert required("course") == {"title", "audience", "objectives", "uses"}
    assert (KINDS["person"].folder, KINDS["enterprise"].folder, KINDS["course"].folder) == (
        "people", "enterprises", "courses")


def test_lists_that_must_not_be_empty_are_refused_empty_where_written(mini_copy):
    (mini_copy / "courses" / "empty.yaml").write_text(
        "title: 空课程\naudience: []\nobjectives: []\nuses: []\n", encoding="utf-8")
    (mini_copy / "people" / "no-sources.yaml").write_text("name: 某人\nroles: [worker]\nsources: []\n", encoding="utf-8")
    _, problems = check_collection(mini_copy, root=mini_copy.parent)
    said = {(p.path.rsplit("/", 1)[-1], p.field, p.line) for p in problems}
    assert said == {("empty.yaml", "audience", 2), ("empty.yaml", "objectives", 3), ("empty.yaml", "uses", 4),
                    ("no-sources.yaml", "sources", 3)}
    assert all("至少" in p.zh and "at least" in p.en for p in problems)


def test_a_course_uses_only_exhibitions_routes_museums_and_heritage_sites(mini_copy):
    (mini_copy / "courses" / "uses-a-person.yaml").write_text(
        "title: 课程\naudience: [primary-school]\nobjectives: [目标]\nuses: [person/ceshi-gongjiang]\n", encoding="utf-8")
    _, problems = check_collection(mini_copy, root=mini_copy.parent)
    assert [(p.field, p.en) for p in problems] == [
        ("uses.0", "this field may name only exhibition, route, museum, heritage, not 'person'")]


def test_the_person_roles_vocabulary_is_the_one_fixed_for_the_samples():
    entries = yaml.safe_load((ROOT / "collections" / "vocab" / "person-roles.yaml").read_text(encoding="utf-8"))["entries"]
    assert {e["id"]: e["label"]["zh"] for e in entries} == {
        "craftsman": "工匠", "model-worker": "劳模", "entrepreneur": "企业家", "engineer": "工程师",
        "scientist": "科学家", "official": "官员", "worker": "工人"}


# --- a person's page: who they were, where that is written, and what links to them --------------------
def test_a_person_page_gives_roles_life_dates_and_every_source(pages):
    page = pages["people/ceshi-gongjiang/"]
    facts = {f.label: f for f in page.context["facts"]}
    assert [link.url for link in facts["身份"].links] == ["people/role/craftsman/", "people/role/model-worker/"]
    assert (str(facts["出生"].value), str(facts["逝世"].value)) == ("1923年", "1970年")
    sources = page.context["sources"]
    assert [(str(x.title), x.url, x.year) for x in sources] == [
        ("测试资料", "https://example.org/source/", "2020"), ("测试年鉴", None, None)]
    assert page.template == "person.html" and page.jsonld[0]["@type"] == "Person"
    assert page.jsonld[0]["birthDate"] == "1923" and page.jsonld[0]["subjectOf"] == ["https://example.org/source/"]


def test_a_person_page_lists_what_links_to_it_and_what_it_names(pages):
    sections = {s.anchor: s for s in pages["people/ceshi-gongjiang/"].context["sections"]}
    assert [c.url for c in sections["artifacts"].cards] == ["artifacts/ceshi-kache/"]  # associated_people
    # named by the person and naming the person back: listed once
    assert [link.url for link in sections["enterprises"].links] == ["enterprises/ceshi-gangtie-gongsi/"]
    assert [link.url for link in sections["heritage"].links] == ["heritage/ceshi-gangtiechang/"]


def test_the_artifact_page_shows_its_linked_people_beside_the_maker(pages):
    facts = [f.label for f in pages["artifacts/ceshi-kache/"].context["facts"]]
    assert facts[facts.index("制造者") + 1] == "相关人物"
    people = next(f for f in pages["artifacts/ceshi-kache/"].context["facts"] if f.label == "相关人物")
    assert [link.url for link in people.links] == ["people/ceshi-gongjiang/"]
    assert "相关人物" not in [f.label for f in pages["artifacts/ceshi-zhengqi-jiche/"].context["facts"]]


def test_heritage_and_museum_pages_show_their_people_enterprises_and_courses(pages):
    heritage = {s.anchor: s for s in pages["heritage/ceshi-gangtiechang/"].context["sections"]}
    assert [link.url for link in heritage["people"].links] == ["people/ceshi-gongjiang/"]
    assert [link.url for link in heritage["enterprises"].links] == ["enterprises/ceshi-gangtie-gongsi/"]
    assert [link.url for link in heritage["courses"].links] == ["courses/ceshi-kecheng/"]
    # the enterprise names the museum by its old id: the museum's page lists it all the same
    museum = {s.anchor: s for s in pages["museums/ceshi-gongye-bowuguan/"].context["sections"]}
    assert [link.url for link in museum["enterprises"].links] == ["enterprises/ceshi-gangtie-gongsi/"]
    assert "people" not in museum  # no empty section


def test_an_exhibition_lists_the_courses_that_use_it(mini_copy):
    (mini_copy / "courses" / "uses-the-exhibition.yaml").write_text(
        "title: 课程\naudience: [primary-school]\nobjectives: [目标]\nuses: [exhibition/ceshi-zhanlan]\n", encoding="utf-8")
    cat, _ = check_collection(mini_copy, root=mini_copy.parent)
    specs = {spec.url: spec for spec in plan_site(cat, SITE_URL, languages=("zh",)).pages}
    related = specs["exhibitions/ceshi-zhanlan/"].context["related"]
    assert [link.url for link in related.links] == ["courses/uses-the-exhibition/"]


# --- an enterprise's page ------------------------------------------------------------------------------
def test_an_enterprise_page_gives_its_names_over_time_and_its_history_in_order(pages):
    page = pages["en/enterprises/ceshi-gangtie-gongsi/"]
    assert [(str(n["name"]), [str(p) for p in n["span"].parts]) for n in page.context["names"]] == [
        ("测试铁厂", ["1921年", "1948年"]), ("测试钢铁公司", ["1948年", "…"])]
    assert [str(e["date"]) for e in page.context["events"]] == ["1930年代", "1948年"]  # by date, not as written
    facts = {f.label: f for f in page.context["facts"]}
    assert [link.url for link in facts["Industry"].links] == ["enterprises/industry/steel/"]
    sections = {s.anchor: s for s in page.context["sections"]}
    assert [link.url for link in sections["people"].links] == ["people/ceshi-gongjiang/"]
    assert [c.url for c in sections["heritage"].cards] == ["heritage/ceshi-gangtiechang/"]
    assert [link.url for link in sections["museums"].links] == ["museums/ceshi-gongye-bowuguan/"]
    assert page.jsonld[0]["@type"] == "Organization" and page.jsonld[0]["foundingDate"] == "1921"


# --- a course, and its class sheet ---------------------------------------------------------------------
def test_a_course_page_shows_what_it_uses_in_order_and_links_its_class_sheet(pages, mini_checked):
    cat, _ = mini_checked
    page = pages["courses/ceshi-kecheng/"]
    assert [c.url for c in page.context["uses"].cards] == ["routes/ceshi-xianlu/", "heritage/ceshi-gangtiechang/"]
    assert page.context["sheet"] == "courses/ceshi-kecheng/sheet/"
    assert "https://museum.example/courses/ceshi-kecheng/" in str(page.context["qr"])
    audience = next(f for f in page.context["facts"] if f.label == "适合对象")
    assert [link.url for link in audience.links] == ["courses/audience/secondary-school/"]


def test_a_course_has_a_printable_class_sheet_in_each_language(pages, mini_checked):
    cat, _ = mini_checked
    course = cat.courses["ceshi-kecheng"]
    for url in ("courses/ceshi-kecheng/sheet/", "en/courses/ceshi-kecheng/sheet/"):
        sheet = pages[url]
        assert sheet.template == "sheet.html"
        assert sheet.context["objectives"] == course.objectives
        assert sheet.context["activities"] == course.activities
        assert sheet.context["materials"] == course.materials
        assert [c.url for c in sheet.context["uses"]] == ["routes/ceshi-xianlu/", "heritage/ceshi-gangtiechang/"]
        assert "courses/ceshi-kecheng/" in str(sheet.context["qr"])
    assert pages["courses/ceshi-kecheng/sheet/"].title == "课堂学习单：测试研学课程"
    assert {f.label for f in pages["courses/ceshi-kecheng/sheet/"].context["facts"]} == {"适合对象", "建议时长"}


# --- the listings ----------------------------------------------------------------------------------
def test_the_people_index_is_browsed_by_role(pages):
    index = pages["people/"]
    assert [c.url for c in index.context["cards"]] == ["people/ceshi-gongjiang/"]
    assert [(link.url, link.count) for link in index.context["facets"][0].links] == [
        ("people/role/craftsman/", 1), ("people/role/model-worker/", 1)]
    assert "people/role/engineer/" not in pages  # no empty listing for a role no one has
    assert [c.url for c in pages["en/people/role/craftsman/"].context["cards"]] == ["people/ceshi-gongjiang/"]


def test_the_enterprise_directory_is_browsed_by_industry_and_region(pages):
    index = pages["enterprises/"]
    assert [s.anchor for s in index.context["facets"]] == ["by-industry", "by-province"]
    assert [link.url for s in index.context["facets"] for link in s.links] == [
        "enterprises/industry/steel/", "enterprises/province/liaoning/"]  # (its province written as a code)
    assert [c.url for c in pages["enterprises/province/liaoning/"].context["cards"]] == [
        "enterprises/ceshi-gangtie-gongsi/"]


def test_the_courses_are_browsed_by_audience(pages):
    assert [c.url for c in pages["courses/"].context["cards"]] == ["courses/ceshi-kecheng/"]
    assert [c.url for c in pages["courses/audience/secondary-school/"].context["cards"]] == ["courses/ceshi-kecheng/"]


def test_the_home_page_and_the_navigation_lead_to_the_three_listings(pages):
    entries = {link.url: link.count for link in pages[""].context["entries"]}
    assert (entries["people/"], entries["enterprises/"], entries["courses/"]) == (1, 1, 1)
    nav = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["nav"]
    assert {"people/index.md", "enterprises/index.md", "courses/index.md"} <= {
        value for item in nav for value in item.values()}


def test_a_listing_of_many_people_is_paged(tmp_path, mini):
    coll = tmp_path / "collections"
    import shutil

    shutil.copytree(mini / "collections", coll)
    for i in range(130):
        (coll / "people" / f"p-{i:03}.yaml").write_text(
            f"name: 测试人物{i}\nroles: [worker]\nsources: [{{title: 测试资料}}]\n", encoding="utf-8")
    cat, problems = check_collection(coll, root=tmp_path)
    assert [p for p in problems if "published-urls" not in p.path] == []
    urls = {spec.url: spec for spec in plan_site(cat, SITE_URL, languages=("zh",)).pages}
    first = urls["people/"]
    assert first.context["total"] == 131 and len(first.context["cards"]) < 131
    assert "people/page/2/" in urls and "people/role/worker/page/2/" in urls


# --- bounded back-links --------------------------------------------------------------------------------
def test_a_person_named_by_many_records_keeps_a_bounded_page(tmp_path, mini):
    """However many records name one person, the page shows LIST_LIMIT of each and links to the rest."""
    import shutil

    coll = tmp_path / "collections"
    shutil.copytree(mini / "collections", coll)
    n = LIST_LIMIT * 3
    for i in range(n):
        (coll / "artifacts" / f"by-{i}.yaml").write_text(
            f"title: 测试藏品 {i}\nmuseum: ceshi-gongye-bowuguan\nindustry: steel\ndate: 1956\n"
            f"description: 测试。\nassociated_people: [ceshi-gongjiang]\n", encoding="utf-8")
        (coll / "enterprises" / f"by-{i}.yaml").write_text(
            f"name: 测试企业 {i}\nindustry: steel\nfounded: 1950\nsources: [{{title: 测试}}]\n"
            f"people: [ceshi-gongjiang]\nheritage: [ceshi-gangtiechang]\n", encoding="utf-8")
    cat, _ = check_collection(coll, root=tmp_path)
    specs = {spec.url: spec for spec in plan_site(cat, SITE_URL, languages=("zh",)).pages}
    for owner in ("people/ceshi-gongjiang/", "heritage/ceshi-gangtiechang/"):
        sections = {s.anchor: s for s in specs[owner].context["sections"]}
        shown = sections["enterprises"].links or sections["enterprises"].cards
        assert len(shown) == LIST_LIMIT, owner
        assert sections["enterprises"].more.url == f"{owner}enterprises/"
        listing = specs[f"{owner}enterprises/"]
        assert listing.context["total"] == n + 1  # (and the mini collection's own enterprise)
    person = {s.anchor: s for s in specs["people/ceshi-gongjiang/"].context["sections"]}
    assert len(person["artifacts"].cards) == LIST_LIMIT
    assert specs["people/ceshi-gongjiang/artifacts/"].context["total"] == n + 1


def test_a_course_that_uses_many_places_keeps_a_bounded_page_and_sheet(mini_copy):
    n = LIST_LIMIT * 2
    for i in range(n):
        (mini_copy / "heritage" / f"site-{i}.yaml").write_text(
            f"name: 测试遗产 {i}\nlevel: national\nprovince: liaoning\ncore_items: [测试]\n", encoding="utf-8")
    uses = ", ".join(f"heritage/site-{i}" for i in range(n))
    (mini_copy / "courses" / "long.yaml").write_text(
        f"title: 长课程\naudience: [primary-school]\nobjectives: [目标]\nuses: [{uses}]\n", encoding="utf-8")
    cat, _ = check_collection(mini_copy, root=mini_copy.parent)
    specs = {spec.url: spec for spec in plan_site(cat, SITE_URL, languages=("zh",)).pages}
    page = specs["courses/long/"].context["uses"]
    assert len(page.cards) == LIST_LIMIT and page.more.url == "courses/long/uses/"
    assert specs["courses/long/uses/"].context["total"] == n
    sheet = specs["courses/long/sheet/"].context
    assert len(sheet["uses"]) + sheet["more_uses"] == n and len(sheet["uses"]) < n


# --- what the other phases make of them -----------------------------------------------------------------
def test_an_enterprise_is_found_by_its_old_names_and_a_person_by_role(mini_checked):
    cat, _ = mini_checked
    from museum.media.pictures import SourceHashes
    from museum.pages.spec import Pictures

    docs = SearchDocuments(cat, Pictures(cat, SourceHashes(None)))
    enterprise = docs.document(cat.enterprises["ceshi-gangtie-gongsi"])
    assert "测试铁厂" in enterprise["names"] and enterprise["facets"]["industry"][0]["id"] == "steel"
    person = docs.document(cat.people["ceshi-gongjiang"])
    assert person["facets"]["kind"][0]["id"] == "person"
    assert {"zh": "工匠", "en": "Craftsman"} in person["tags"]
