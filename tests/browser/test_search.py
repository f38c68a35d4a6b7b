"""Search in a real browser, as visitors use it: what they type, what comes first, and how the page
behaves by keyboard, on a phone, for a screen reader and against hostile text. The browser's answers
are held to those of search/query.py (the Python reader the recall set is measured with)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml

from museum.search import text
from museum.search.query import Index
from sitecheck import AWKWARD_MUSEUM, AWKWARD_TITLE

pytestmark = pytest.mark.browser

QUERIES = yaml.safe_load((Path(__file__).parents[1] / "search" / "queries.yaml").read_text(encoding="utf-8"))
LINK = ".museum-result__link"


def settle(page) -> None:
    """Wait until the status says how many were found (or that none were)."""
    page.wait_for_function("() => (document.querySelector('.museum-search__status') || {}).textContent",
                           timeout=15_000)
    page.wait_for_timeout(100)


def results(page, base_url, query: str) -> list[str]:
    page.goto(f"{base_url}search/?q={quote(query)}")
    settle(page)
    links = page.eval_on_selector_all(LINK, "els => els.map(e => e.getAttribute('href'))")
    return [link.lstrip("/") for link in links]


@pytest.fixture(scope="module")
def reader(sample_site) -> Index:
    return Index(sample_site / "search-index" / "zh")


@pytest.mark.parametrize("entry", QUERIES, ids=[f"{e['kind']}:{e['q']}" for e in QUERIES])
def test_the_browser_answers_every_query_of_the_recall_set_as_the_index_reader_does(page, base_url, reader, entry):
    shown = results(page, base_url, entry["q"])
    assert shown == reader.urls(entry["q"], 10)
    assert [url for url in entry["find"] if url not in shown] == []


def test_the_browser_stems_english_words_as_the_indexer_does_or_finds_them_by_prefix(page, base_url, sample_site):
    import json

    words = set()
    for chunk in (sample_site / "search-index" / "en" / "d").glob("*/*.json"):
        for fields in json.loads(chunk.read_text(encoding="utf-8")):
            words.update(t for t in text.tokens(" ".join(fields[1:5] + fields[6:])) if t.isascii() and t.isalpha())
    page.goto(f"{base_url}search/")
    page.wait_for_function("() => window.exports && window.exports.stem")
    stems = page.evaluate("words => words.map(w => w.length >= 3 ? window.exports.stem(w) : w)", sorted(words))
    differ = {w: (s, text.stem(w)) for w, s in zip(sorted(words), stems) if s != text.stem(w)}
    # porter2.js is Porter2 as published; snowballstemmer has Snowball's later exceptions (university →
    # universiti, not univers). Where they differ, the browser's stem is the start of the index's, which
    # a query matches as a prefix: the word is found all the same.
    assert len(words) > 300 and len(differ) <= len(words) // 100
    assert all(indexed.startswith(browser) for browser, indexed in differ.values()), differ


def test_traditional_characters_pinyin_and_plurals_find_what_simplified_chinese_does(page, base_url):
    assert results(page, base_url, "縫紉機")[0] == "artifacts/butterfly-sewing-machine/"
    assert results(page, base_url, "jiefang")[0] == "artifacts/jiefang-ca10-truck/"
    singular = results(page, base_url, "locomotive")
    assert "artifacts/qianjin-steam-locomotive/" in results(page, base_url, "locomotives") and singular


def test_results_show_title_kind_museum_and_an_excerpt_with_the_words_marked(page, base_url):
    results(page, base_url, "铝盔")
    first = page.locator(".museum-result").first
    assert first.locator(".museum-result__title").inner_text() == "王进喜戴过的铝盔"
    assert first.locator(".museum-result__kind").inner_text() == "藏品 · 铁人王进喜纪念馆"
    assert first.locator(".museum-result__other").get_attribute("lang") == "en"
    assert "铝盔" in first.locator(".museum-result__title mark").all_inner_texts()
    assert first.locator("img").get_attribute("alt")
    assert "qz" not in first.inner_text() and "~" not in first.inner_text()


def test_a_facet_narrows_the_results_and_counts_what_each_value_would_show(page, base_url):
    results(page, base_url, "机车")
    page.locator("summary", has_text="类别").click()
    museums = page.locator('input[name="kind"][value="museum"]')
    museums.wait_for()
    count = int(re.search(r"\((\d+)\)", page.locator("label", has=museums).inner_text()).group(1))
    museums.check()
    page.wait_for_function("n => document.querySelectorAll('.museum-result').length === Math.min(n, 10)"
                           " && [...document.querySelectorAll('.museum-result__link')].every("
                           "a => a.getAttribute('href').includes('/museums/'))", arg=count, timeout=10_000)
    page.wait_for_url(re.compile("kind=museum"))  # a teacher can share the narrowed search
    page.reload()
    settle(page)
    assert page.locator('input[name="kind"][value="museum"]').is_checked()


def test_on_a_phone_the_first_result_is_on_the_first_screen_and_facets_wait_behind_one_button(phone, base_url):
    phone.goto(f"{base_url}search/?q={quote('机车')}")
    settle(phone)
    toggle = phone.locator(".museum-search__toggle")
    assert toggle.inner_text().startswith("筛选") and toggle.get_attribute("aria-expanded") == "false"
    assert not phone.locator(".museum-search__facets").is_visible()
    top = phone.locator(".museum-result").first.bounding_box()
    assert top["y"] + 60 < phone.viewport_size["height"]
    toggle.tap()
    assert toggle.get_attribute("aria-expanded") == "true"
    phone.locator("summary", has_text="地区").tap()
    phone.locator('input[name="province"]').first.wait_for()
    assert phone.evaluate("document.documentElement.scrollWidth") <= phone.viewport_size["width"]


def test_the_header_search_box_leads_to_the_search_page_by_keyboard(page, base_url):
    page.goto(base_url)
    page.focus("#museum-q")
    page.keyboard.type("缝纫机")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    settle(page)
    assert page.eval_on_selector(LINK, "a => a.getAttribute('href')").endswith("butterfly-sewing-machine/")


def test_typing_searches_and_the_count_is_announced(page, base_url):
    page.goto(f"{base_url}search/")
    assert page.evaluate("document.activeElement.id") == "museum-search-q"
    page.keyboard.type("机车")
    settle(page)
    status = page.locator(".museum-search__status")
    assert status.get_attribute("role") == "status" and re.fullmatch(r"找到 \d+ 条结果", status.inner_text())
    page.wait_for_url(re.compile("q=%E6%9C%BA%E8%BD%A6"))  # the address follows once typing pauses


def test_a_query_asked_again_reads_no_file_again(page, base_url):
    # Shards, postings and documents are fetched and read once a visit: typing on, or back, costs nothing.
    fetched = []
    page.on("request", lambda r: fetched.append(r.url) if "/search-index/" in r.url else None)
    results(page, base_url, "缝纫机")
    box = page.locator("#museum-search-q")
    for query in ("机车", "缝纫机"):
        before = len(fetched)
        page.evaluate("document.querySelector('.museum-search__status').textContent = ''")
        box.fill(query)
        box.press("Enter")
        settle(page)
        if query == "机车":
            assert len(fetched) > before
    assert len(fetched) == before  # the second 缝纫机 read nothing new


def test_more_results_come_by_keyboard_and_focus_moves_to_the_first_new_one(page, base_url):
    results(page, base_url, "机")
    assert page.locator(".museum-result").count() == 10
    more = page.locator(".museum-search__more")
    more.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelectorAll('.museum-result').length > 10")
    focused = page.evaluate("document.activeElement.closest('.museum-result') === document.querySelectorAll('.museum-result')[10]")
    assert focused


def test_a_misspelling_finds_nothing_rather_than_something_unrelated(page, base_url):
    assert results(page, base_url, "locomotivx sewign") == []
    assert "没有找到" in page.inner_text(".museum-search__status")


def test_the_empty_page_suggests_searches_and_listings(page, base_url):
    page.goto(f"{base_url}search/")
    start = page.locator(".museum-search__start")
    assert start.is_visible() and start.locator("a").count() >= 8
    start.locator("a", has_text="鞍鋼").click()
    settle(page)
    assert "museums/ansteel-museum/" in [link.lstrip("/") for link in
                                          page.eval_on_selector_all(LINK, "els => els.map(e => e.getAttribute('href'))")]
    assert not start.is_visible()


def test_without_javascript_the_page_leads_to_the_listings(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{base_url}search/?q=机车")
    hrefs = tab.eval_on_selector_all(".museum-search__start .museum-links a", "els => els.map(e => e.getAttribute('href'))")
    assert {"../collection/", "../directory/", "../heritage/"} <= set(hrefs)
    context.close()


# --- names with "&" and "<" (tests/sitecheck.py's small museum) ---------------------------------------
ENTITY = re.compile(r"&(#?[0-9a-zA-Z]+);")


def result_texts(tab, url: str, query: str) -> dict[str, str]:
    """Each result's link → its text as shown (title, kind · museum, excerpt)."""
    tab.add_init_script("window.__xss = 0;")
    tab.goto(f"{url}search/?q={quote(query)}")
    settle(tab)
    return dict(tab.eval_on_selector_all(".museum-result", "els => els.map(e => ["
                                         "e.querySelector('.museum-result__link').getAttribute('href'), e.innerText])"))


def test_results_show_names_with_ampersands_and_brackets_as_written(awkward, awkward_url):
    shown = result_texts(awkward, awkward_url, "R&D")
    assert set(shown) >= {"/artifacts/rd-truck/", "/artifacts/lathe/", "/museums/rd-museum/"}, shown
    for link, text_shown in shown.items():
        assert not ENTITY.search(text_shown), f"{link} shows an escaped entity: {text_shown!r}"
    assert AWKWARD_TITLE in shown["/artifacts/rd-truck/"]  # "<b>" and "<img …>" as text
    assert f"藏品 · {AWKWARD_MUSEUM}" in shown["/artifacts/lathe/"]
    assert awkward.locator(".museum-search__results img[src='x'], .museum-search__results b").count() == 0
    assert awkward.evaluate("window.__xss") == 0


@pytest.mark.parametrize("query", ["<img src=x onerror=window.__xss=1>", "\"><script>window.__xss=1</script>",
                                   "javascript:window.__xss=1", "%3Cb%3E"])
def test_a_hostile_query_stays_text(awkward, awkward_url, query):
    result_texts(awkward, awkward_url, query)
    assert awkward.input_value("#museum-search-q") == query
    assert awkward.locator(".museum-search img[src='x'], .museum-search script, .museum-search b").count() == 0
    assert awkward.evaluate("window.__xss") == 0


def test_the_english_search_page_answers_in_english_and_leads_to_english_pages(page, base_url):
    page.goto(f"{base_url}en/search/?q=locomotive")
    settle(page)
    assert re.match(r"^\d+ results?$", page.inner_text(".museum-search__status"))
    first = page.locator(".museum-result").first
    title = first.locator(".museum-result__title").inner_text()
    assert re.search(r"[Ll]ocomotive", title) and not re.search(r"[\u4e00-\u9fff]", title)
    assert first.locator(".museum-result__other").get_attribute("lang") == "zh"  # its Chinese name beside it
    assert first.locator(".museum-result__kind").inner_text().startswith("Artifact")
    links = page.eval_on_selector_all(LINK, "els => els.map(e => e.getAttribute('href'))")
    assert links and all("/en/" in link for link in links)


def test_on_the_english_search_page_a_chinese_only_name_is_marked_as_chinese(page, base_url):
    page.goto(f"{base_url}en/search/?q={quote('鞍山钢铁厂')}")
    settle(page)
    titles = page.locator(".museum-result__title")
    chinese = [titles.nth(i) for i in range(titles.count()) if re.search(r"[\u4e00-\u9fff]", titles.nth(i).inner_text())]
    assert chinese and all(t.get_attribute("lang") == "zh" for t in chinese)


def test_the_english_header_search_leads_to_the_english_search_page(page, base_url):
    page.goto(f"{base_url}en/")
    page.focus("#museum-q")
    page.keyboard.type("sewing machine")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/en/search/\?q="))
    settle(page)
    assert page.eval_on_selector(LINK, "a => a.getAttribute('href')").endswith("en/artifacts/butterfly-sewing-machine/")


# --- an index as large collections have it (tests/browser/conftest.py crowded) --------------------------
CROWDED_QUERIES = ["机车", "蒸汽", "機車蒸汽", "第1号", "word5", "common 机车", "com", "jiche", "电视 word3"]


def test_common_terms_read_from_files_of_their_own_answer_as_the_index_reader_does(crowded, crowded_tab):
    url, folder, _ = crowded
    reader = Index(folder / "zh")
    for query in CROWDED_QUERIES:
        assert results(crowded_tab, url, query) == reader.urls(query, 10), query


def test_a_query_of_one_common_term_reads_its_own_file_and_no_document_file(crowded, crowded_tab):
    url, _, names = crowded
    fetched = []
    crowded_tab.on("request", lambda r: fetched.append(r.url.split("/search-index/zh/")[-1])
                   if "/search-index/zh/" in r.url and not r.url.endswith("/meta.json") else None)
    assert len(results(crowded_tab, url, "机车")) == 10
    kinds = [path.split("/")[0] for path in fetched]
    if names == "named":
        assert kinds == ["x"], fetched  # one file, one round trip
    else:
        assert "d" not in kinds and kinds[-1] == "x", fetched  # its shard names its own file


def test_an_own_file_that_cannot_be_fetched_says_search_is_unavailable_not_nothing_found(crowded, crowded_tab):
    url = crowded[0]
    crowded_tab.route("**/search-index/zh/x/**", lambda route: route.abort())
    crowded_tab.goto(f"{url}search/?q={quote('机车')}")
    settle(crowded_tab)
    assert "暂时无法使用" in crowded_tab.inner_text(".museum-search__status")
