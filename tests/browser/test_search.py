"""Search in Chinese and English, in a real browser: each query's expected first result."""

from __future__ import annotations

import pytest

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
