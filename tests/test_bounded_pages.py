"""No record page grows with the records that point at it (page logic, without a build).

Every list on a record page shows at most LIST_LIMIT records and links to a paginated listing of
all of them, however many records name the same one.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from museum.catalogue.check import check_collection
from museum.pages.records import LIST_LIMIT
from museum.render.html import Renderer
from museum.pages.plan import plan_site

MINI = Path(__file__).resolve().parent / "fixtures" / "mini" / "collections"
SITE_URL = "https://museum.example/"
TARGET = "artifacts/ceshi-zhengqi-jiche/"


def crowd(tmp_path: Path, n: int) -> Path:
    """The mini collection, with ``n`` more artifacts and exhibitions that all name one locomotive."""
    coll = tmp_path / f"c{n}" / "collections"
    shutil.copytree(MINI, coll)
    for i in range(n):
        (coll / "artifacts" / f"crowd-{i}.yaml").write_text(
            f"title: 测试藏品 {i}\nmuseum: ceshi-gongye-bowuguan\nindustry: railway\ndate: 1956\n"
            f"description: 测试。\nrelated: [ceshi-zhengqi-jiche]\nheritage: [ceshi-gangtiechang]\n", encoding="utf-8")
    for i in range(n // 10):
        (coll / "exhibitions" / f"crowd-{i}.yaml").write_text(
            f"title: 测试展览 {i}\nsummary: 测试。\nmuseum: ceshi-gongye-bowuguan\n"
            f"sections:\n  - title: 单元\n    text: 测试。\n    artifacts: [ceshi-zhengqi-jiche]\n", encoding="utf-8")
    return coll


def pages_of(coll: Path) -> dict[str, str]:
    cat, problems = check_collection(coll, coll.parent)
    assert not problems, problems[:3]
    renderer = Renderer(SITE_URL)
    return {spec.url: str(renderer.body(spec)) for spec in plan_site(cat, SITE_URL).pages}


@pytest.fixture(scope="module")
def small_and_large(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("crowd")
    return pages_of(crowd(tmp, 15 * LIST_LIMIT)), pages_of(crowd(tmp, 40 * LIST_LIMIT))  # both past every limit


@pytest.mark.parametrize("url", [TARGET, "museums/ceshi-gongye-bowuguan/", "heritage/ceshi-gangtiechang/"])
def test_a_page_named_by_many_records_does_not_grow_with_them(small_and_large, url):
    small, large = small_and_large
    assert len(large[url]) <= len(small[url]) + 20, (len(small[url]), len(large[url]))  # a count's digits at most


def test_the_full_list_is_one_link_away_and_paginated(small_and_large):
    _, large = small_and_large
    page = large[TARGET]
    assert f'href="related/">查看全部 {40 * LIST_LIMIT + 1} 项' in page  # the crowd and the truck it names
    assert page.count('class="museum-card"') <= 2 * LIST_LIMIT
    listing = [url for url in large if url.startswith(f"{TARGET}related/")]
    assert f"{TARGET}related/" in listing and f"{TARGET}related/page/2/" in listing
    assert f'href="../exhibitions/">查看全部' not in page and 'href="exhibitions/">查看全部' in page
    every = "".join(large[url] for url in listing)
    assert all(f"../../crowd-{i}/" in every or f"crowd-{i}/" in every for i in range(40 * LIST_LIMIT))


def test_a_short_list_has_no_listing_of_its_own(tmp_path):
    pages = pages_of(crowd(tmp_path, LIST_LIMIT - 2))  # with the truck: LIST_LIMIT - 1 related objects
    assert not any(url.startswith(f"{TARGET}related/") for url in pages)
    assert "查看全部" not in pages[TARGET]


def museums(tmp_path: Path, n: int) -> Path:
    """The mini collection with ``n`` more museums, each holding one artifact."""
    coll = tmp_path / f"m{n}" / "collections"
    shutil.copytree(MINI, coll)
    for i in range(n):
        (coll / "museums" / f"many-{i}.yaml").write_text(
            f"name: 测试博物馆 {i}\ntype: enterprise\nindustries: [railway]\nprovince: liaoning\ncity: 沈阳\n",
            encoding="utf-8")
        (coll / "artifacts" / f"many-{i}.yaml").write_text(
            f"title: 测试藏品 {i}\nmuseum: many-{i}\nindustry: railway\ndate: 1956\ndescription: 测试。\n",
            encoding="utf-8")
    return coll


def test_the_collection_by_museum_is_paginated_like_any_listing(tmp_path):
    from museum.pages.spec import LINKS_PAGE_SIZE

    small, large = pages_of(museums(tmp_path, LINKS_PAGE_SIZE + 5)), pages_of(museums(tmp_path, 3 * LINKS_PAGE_SIZE - 5))
    index = "collection/museum/"
    assert abs(len(large[index]) - len(small[index])) <= 200, (len(small[index]), len(large[index]))
    assert f"{index}page/3/" in large and f"{index}page/4/" not in large
    assert large[index].count('class="museum-links"') == 1 and 'rel="next"' in large[index]


def long_route(tmp_path: Path, n: int) -> Path:
    """The mini collection with a route of ``n`` stops, each a museum of its own."""
    coll = museums(tmp_path, n)
    stops = "".join(f"  - museum/many-{i}\n" for i in range(n))
    (coll / "routes" / "long-route.yaml").write_text(
        f"title: 测试长线路\ndescription: 测试。\nstops:\n{stops}", encoding="utf-8")
    return coll


def test_a_route_page_does_not_grow_with_its_stops_and_links_all_of_them(tmp_path):
    from museum.pages.records import STOP_LIMIT

    def pages(n):
        cat, problems = check_collection(long_route(tmp_path, n), tmp_path)
        assert not problems, problems[:3]
        renderer = Renderer(SITE_URL)
        return {spec.url: str(renderer.head(spec)) + str(renderer.body(spec)) for spec in plan_site(cat, SITE_URL).pages}

    small, large = pages(2 * STOP_LIMIT), pages(5 * STOP_LIMIT)
    url = "routes/long-route/"
    assert len(large[url]) <= len(small[url]) + 40, (len(small[url]), len(large[url]))  # counts' digits at most
    assert large[url].count('class="museum-stop"') == STOP_LIMIT
    assert f'href="stops/">查看全部 {5 * STOP_LIMIT} 站' in large[url]
    listing = "".join(page for u, page in large.items() if u.startswith(f"{url}stops/"))
    assert all(f"many-{i}/" in listing for i in range(5 * STOP_LIMIT))
