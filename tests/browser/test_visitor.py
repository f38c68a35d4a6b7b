"""A visitor's walk through the built sample museum, in a real browser: by mouse, by keyboard alone, on a phone."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

PHONE_WIDTH = 390


def path_of(page, base_url: str) -> str:
    return page.url[len(base_url):] if page.url.startswith(base_url) else page.url


def test_home_to_the_directory_to_a_museum_to_one_of_its_artifacts(page, base_url):
    page.goto(base_url)
    page.locator(".md-tabs").get_by_role("link", name="博物馆名录").click()
    page.wait_for_url(re.compile(r"/directory/$"))
    assert "博物馆名录" in page.locator("h1").first.inner_text()

    page.locator("main a[href*='museums/china-railway-museum/']").first.click()
    page.wait_for_url(re.compile(r"/museums/china-railway-museum/$"))
    assert "中国铁道博物馆" in page.locator("h1").first.inner_text()

    artifact = page.locator("main .museum-card a[href*='artifacts/']").first
    title = artifact.locator(".museum-card__title").inner_text().strip()
    artifact.click()
    page.wait_for_url(re.compile(r"/artifacts/[a-z0-9-]+/$"))
    assert title in page.locator("h1").first.inner_text()
    # The object's label names the museum that holds it, and leads back there.
    assert page.locator(".museum-facts a[href*='museums/china-railway-museum/']").count() >= 1
    assert page.locator(".museum-breadcrumbs").get_by_role("link", name="首页").count() == 1


def test_a_listing_pages_forward_and_back(page, base_url):
    page.goto(f"{base_url}collection/")
    first_cards = page.eval_on_selector_all(".museum-card a", "els => els.map(a => a.getAttribute('href'))")
    pager = page.get_by_role("navigation", name="分页")
    assert pager.locator("[aria-current=page]").inner_text() == "1"

    pager.get_by_role("link", name="下一页").click()
    page.wait_for_url(re.compile(r"/collection/page/2/$"))
    pager = page.get_by_role("navigation", name="分页")
    assert pager.locator("[aria-current=page]").inner_text() == "2"
    second_cards = page.eval_on_selector_all(".museum-card a", "els => els.map(a => a.getAttribute('href'))")
    assert second_cards and not set(second_cards) & set(first_cards)

    pager.locator("a[rel=prev]").click()
    page.wait_for_url(re.compile(r"/collection/$"))
    assert page.get_by_role("navigation", name="分页").locator("[aria-current=page]").inner_text() == "1"


def _first_page_with_a_zoom_link(sample_site):
    for path in sorted(sample_site.glob("artifacts/*/index.html")):
        if 'class="museum-zoom"' in path.read_text(encoding="utf-8"):
            return path.parent.relative_to(sample_site).as_posix() + "/"
    return None


def test_the_gallery_opens_and_closes_by_keyboard_alone(page, base_url, sample_site):
    url = _first_page_with_a_zoom_link(sample_site)
    if url is None:
        pytest.fail("no artifact in the sample collection has pictures, so no page has a lightbox to test")
    page.goto(base_url + url)
    page.wait_for_load_state("load")
    for _ in range(300):  # Tab through the page, as a keyboard user would, until a picture has focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('a.museum-zoom')"):
            break
    else:
        pytest.fail("Tab never reaches a picture of the gallery")
    href = page.evaluate("document.activeElement.href")

    page.keyboard.press("Enter")
    dialog = page.locator("dialog.museum-lightbox")
    dialog.wait_for(state="visible", timeout=5_000)
    assert page.evaluate("document.querySelector('dialog.museum-lightbox').open")
    large = dialog.locator("img").first
    assert large.get_attribute("src") and page.evaluate("new URL(document.querySelector("
                                                         "'dialog.museum-lightbox img').src).href") == href
    page.wait_for_function("document.querySelector('dialog.museum-lightbox img').naturalWidth > 0", timeout=10_000)
    assert page.evaluate("document.querySelector('dialog.museum-lightbox').contains(document.activeElement)")

    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden", timeout=5_000)
    assert not page.evaluate("document.querySelector('dialog.museum-lightbox').open")
    assert page.evaluate("document.activeElement.href") == href  # focus goes back to the picture


# --- on a phone --------------------------------------------------------------------------------------
PHONE_PAGES = {
    "home": "",
    "artifact": "artifacts/jiefang-ca10-truck/",
    "museum": "museums/china-railway-museum/",
    "exhibition": "exhibitions/three-wheels-and-a-sound/",
    "listing": "collection/",
    "facet listing": "collection/industry/automotive/",
    "directory": "directory/",
    "heritage": "heritage/an-shan-gang-tie-chang/",
}
PHONE_PAGES.update({f"{name} (en)": "en/" + url for name, url in list(PHONE_PAGES.items())})


@pytest.mark.parametrize("url", PHONE_PAGES.values(), ids=PHONE_PAGES.keys())
def test_no_page_scrolls_sideways_on_a_phone(phone, base_url, url):
    phone.goto(base_url + url)
    phone.wait_for_load_state("load")
    width = phone.evaluate("document.documentElement.scrollWidth")
    if width > PHONE_WIDTH:
        wide = phone.evaluate("""w => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > w + 1 && getComputedStyle(e).position !== 'fixed')
            .slice(0, 8).map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).trim()
            .replace(/\\s+/g, '.') : '') + ' ' + Math.round(e.getBoundingClientRect().right) + 'px')""", PHONE_WIDTH)
        pytest.fail(f"{url or 'home'}: the page is {width}px wide on a {PHONE_WIDTH}px phone; too wide: {wide}")


@pytest.mark.parametrize("url", ["", "en/artifacts/jiefang-ca10-truck/"], ids=["zh", "en"])
def test_on_a_phone_the_header_keeps_the_search_box_and_the_language_switch_on_screen(phone, base_url, url):
    # (A header too full pushed the switch past the right edge, where the header's overflow hid it.)
    phone.goto(base_url + url)
    for selector in ("#museum-q", ".museum-header-search button", ".museum-switch"):
        box = phone.locator(selector).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE_WIDTH, (selector, box)
    phone.click(".museum-switch")
    phone.wait_for_load_state("load")
    assert phone.evaluate("document.documentElement.lang") == ("en" if not url else "zh")


def test_the_header_search_works_on_a_phone(phone, base_url):
    phone.goto(base_url + "artifacts/jiefang-ca10-truck/")
    box = phone.locator("#museum-q")
    assert box.is_visible()
    bounds = box.bounding_box()
    assert bounds and bounds["x"] >= 0 and bounds["x"] + bounds["width"] <= PHONE_WIDTH
    assert bounds["width"] >= 80, "the search box is too narrow to type in"
    box.tap()
    phone.keyboard.type("缝纫机")
    phone.keyboard.press("Enter")
    phone.wait_for_url(re.compile(r"/search/\?q="))
    phone.wait_for_selector(".museum-result__link", timeout=15_000)
    first = phone.eval_on_selector(".museum-result__link", "a => a.getAttribute('href')")
    assert first.endswith("butterfly-sewing-machine/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH


@pytest.mark.parametrize("url", ["collection/", "directory/", "heritage/"])
def test_on_a_phone_the_filters_fold_behind_one_control_and_the_first_card_is_on_the_first_screen(phone, base_url, url):
    phone.goto(base_url + url)
    first_card = phone.locator(".museum-card").first
    assert first_card.bounding_box()["y"] < 844, "the first card is below the first screen"
    filters = phone.locator("details.museum-filters > summary")
    links = phone.locator(".museum-filters .museum-links a")
    assert filters.is_visible() and not links.first.is_visible()
    filters.focus()
    phone.keyboard.press("Enter")  # a keyboard (or a tap) opens them
    assert links.first.is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH


def test_on_a_wide_screen_the_filters_are_open_without_a_click(page, base_url):
    page.goto(base_url + "collection/")
    assert not page.locator("details.museum-filters > summary").is_visible()
    assert page.locator(".museum-filters .museum-links a").first.is_visible()
    assert page.get_by_role("link", name=re.compile("^汽车")).first.is_visible()
