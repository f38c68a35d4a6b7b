"""Search in Chinese and English, in a real browser: each query's expected first result."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest

from sitecheck import AWKWARD_MUSEUM, AWKWARD_TITLE

pytestmark = pytest.mark.browser

# query -> the page that must come first. Parts of compounds (水压机 in 万吨水压机), names of people,
# factories and cities, English titles, and a record's pinyin id.
FIRST_RESULTS = {
    "水压机": "artifacts/wandun-hydraulic-press/",
    "铝盔": "artifacts/wang-jinxi-aluminium-helmet/",
    "前进型": "artifacts/qianjin-steam-locomotive/",
    "龙号机车": "artifacts/longhao-locomotive/",
    "缝纫机": "artifacts/butterfly-sewing-machine/",
    "黄鹄": "artifacts/huanghu-steamship/",
    "鞍山钢铁厂": "heritage/an-shan-gang-tie-chang/",
    "江南造船": "museums/jiangnan-shipbuilding-museum/",
    "陶瓷博物馆": "museums/jingdezhen-china-ceramics-museum/",
    "jiefang-ca10-truck": "artifacts/jiefang-ca10-truck/",
    "CA10": "artifacts/jiefang-ca10-truck/",
    "Hongqi": "artifacts/hongqi-ca72/",
    "Butterfly": "artifacts/butterfly-sewing-machine/",
}


def results(page, base_url, query: str) -> list[str]:
    page.goto(f"{base_url}search/?q={query}")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15_000)
    page.wait_for_timeout(200)  # let the result list settle
    links = page.eval_on_selector_all(".pagefind-ui__result-link", "els => els.map(e => e.getAttribute('href'))")
    return [link.lstrip("/") for link in links]


@pytest.mark.parametrize("query,expected", FIRST_RESULTS.items(), ids=list(FIRST_RESULTS))
def test_a_query_finds_its_record_first(page, base_url, query, expected):
    assert results(page, base_url, query)[0] == expected


def test_part_of_a_compound_finds_the_compound(page, base_url):
    found = results(page, base_url, "机车")
    assert "artifacts/qianjin-steam-locomotive/" in found  # 前进型蒸汽机车
    assert "artifacts/dongfeng-diesel-locomotive/" in found  # 东风型内燃机车


def test_a_city_name_finds_the_places_in_that_city(page, base_url):
    found = results(page, base_url, "景德镇")[:5]
    assert "museums/jingdezhen-china-ceramics-museum/" in found
    assert "heritage/jing-de-zhen-ming-qing-yu-yao-chang-yi-zhi/" in found


def test_a_filter_narrows_the_results_to_museums(page, base_url):
    results(page, base_url, "机车")
    page.locator("summary", has_text="类别").click()
    page.locator('input[name="类别"][value="博物馆"]').check()
    page.wait_for_function(
        "() => (links => links.length > 0 && links.every(a => a.getAttribute('href').includes('/museums/')))"
        "([...document.querySelectorAll('.pagefind-ui__result-link')])",  # not while the list is being redrawn (empty)
        timeout=10_000)
    first = page.eval_on_selector(".pagefind-ui__result-link", "a => a.getAttribute('href')")
    assert first.lstrip("/") == "museums/china-railway-museum/"


def test_the_header_search_box_leads_to_the_search_page_by_keyboard(page, base_url):
    page.goto(base_url)
    page.focus("#museum-q")
    page.keyboard.type("缝纫机")
    page.keyboard.press("Enter")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15_000)
    assert "/search/" in page.url
    assert page.eval_on_selector(".pagefind-ui__result-link", "a => a.getAttribute('href')").endswith(
        "butterfly-sewing-machine/")


def test_results_show_kind_and_museum_not_index_tokens(page, base_url):
    results(page, base_url, "铝盔")
    first = page.inner_text(".pagefind-ui__result")
    assert "藏品" in first and "铁人王进喜纪念馆" in first
    assert "qz" not in first and "qy" not in first


def test_search_works_in_the_page_when_no_worker_starts(page, base_url):
    # Pagefind falls back to searching in the page itself, under the page's policy, which must let it
    # compile its WebAssembly (plugins/museum/csp.py); `page` fails the test on anything refused.
    page.route("**/pagefind-worker.js", lambda route: route.abort())
    assert results(page, base_url, "缝纫机")[0] == "artifacts/butterfly-sewing-machine/"


# --- names with "&" and "<" (tests/sitecheck.py's small museum) ---------------------------------------
ENTITY = re.compile(r"&(#?[0-9a-zA-Z]+);")


def result_texts(tab, url: str, query: str) -> dict[str, str]:
    """Each result's link → its text as shown (title, kind · museum, excerpt)."""
    tab.add_init_script("window.__xss = 0;")
    tab.goto(f"{url}search/?q={quote(query)}")
    tab.wait_for_selector(".pagefind-ui__result-link", timeout=15_000)
    tab.wait_for_timeout(300)
    return dict(tab.eval_on_selector_all(".pagefind-ui__result", "els => els.map(e => ["
                                         "e.querySelector('.pagefind-ui__result-link').getAttribute('href'),"
                                         "e.innerText])"))


def test_results_show_names_with_ampersands_and_brackets_as_written(awkward, awkward_url):
    shown = result_texts(awkward, awkward_url, "R&D")
    assert set(shown) >= {"/artifacts/rd-truck/", "/artifacts/lathe/", "/museums/rd-museum/"}, shown
    for link, text in shown.items():
        assert not ENTITY.search(text), f"{link} shows an escaped entity: {text!r}"
        # An excerpt is the page's text, never the hidden data the index is given (meta, filters).
        assert "测试机床藏品" not in text and "/media/" not in text, f"{link}: {text!r}"
    assert AWKWARD_TITLE in shown["/artifacts/rd-truck/"]  # "<b>" and "<img …>" as text
    assert f"藏品 · {AWKWARD_MUSEUM}" in shown["/artifacts/lathe/"]
    assert awkward.locator(".pagefind-ui__results img[src='x'], .pagefind-ui__results b").count() == 0
    assert awkward.evaluate("window.__xss") == 0

