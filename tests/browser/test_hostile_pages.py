"""Hostile records in a real browser: no payload runs (tests/hostile.py; the threat model is tests/test_hostile.py).

Every payload would set ``window.__xss = 1`` or open a dialog. Each page is opened with the flag at 0,
then used as a visitor would (the lightbox opened, the search run, map popups opened), and the flag
must still be 0, with no dialog, no script error, no request to another host and nothing refused by
the Content-Security-Policy (plugins/museum/csp.py).
"""

from __future__ import annotations

import functools
import http.server
import threading

import pytest

import hostile
from conftest import watch_csp

pytestmark = pytest.mark.browser

# Before any of the page's scripts: the flag, and a hook that keeps every Leaflet map the page makes
# (so that the national map's clustered markers can have their popups opened).
INIT = """
window.__xss = 0;
window.__maps = [];
(function () {
  var leaflet;
  Object.defineProperty(window, "L", {configurable: true, get: function () { return leaflet; }, set: function (value) {
    leaflet = value;
    try { value.Map.addInitHook(function () { window.__maps.push(this); }); } catch (e) {}
  }});
})();
"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    site = hostile.build_once(tmp_path_factory)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture
def tab(browser, hostile_url):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    context.add_init_script(INIT)
    outside: list[str] = []

    def guard(route):
        url = route.request.url
        if url.startswith(hostile_url) or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", guard)
    refused = watch_csp(context)
    page = context.new_page()
    dialogs: list[str] = []
    errors: list[str] = []

    def on_dialog(dialog):
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert dialogs == [], f"a payload opened a dialog: {dialogs}"
    assert errors == [], f"script errors: {errors}"
    assert outside == [], f"requests to other hosts: {outside}"
    # Escaping keeps every payload text; were one to reach the page as markup, the policy would refuse it.
    assert refused == [], "the Content-Security-Policy refused:\n" + "\n".join(refused)


def ran(page) -> int:
    page.wait_for_timeout(300)  # let late handlers (onerror of images that failed to load) fire
    return page.evaluate("window.__xss")


@pytest.mark.parametrize("url", [*hostile.PAGES.values(), *hostile.LISTINGS], ids=lambda u: u or "home")
def test_no_payload_runs_on_the_page(tab, hostile_url, url):
    tab.goto(hostile_url + url)
    tab.wait_for_load_state("load")
    if url:
        assert "XSSPROBE" in tab.inner_text("body")  # the hostile text is there, as text
    tab.mouse.move(10, 10)
    tab.mouse.move(600, 400)  # a payload on mouseover
    assert ran(tab) == 0


def test_no_payload_runs_in_the_lightbox(tab, hostile_url):
    tab.goto(hostile_url + hostile.PAGES["artifact"])
    zoom = tab.locator("a.museum-zoom").first
    if zoom.count() == 0:
        pytest.fail("this build has no lightbox")
    zoom.click()
    tab.locator("dialog.museum-lightbox").wait_for(state="visible")
    assert "XSSPROBE" in tab.locator("dialog.museum-lightbox figcaption").inner_text()
    tab.keyboard.press("ArrowRight")
    assert ran(tab) == 0


def test_no_payload_runs_in_search_results(tab, hostile_url):
    tab.goto(hostile_url + "search/?q=XSSPROBE")
    tab.wait_for_selector(".museum-result__link", timeout=15_000)
    tab.wait_for_timeout(500)
    links = tab.eval_on_selector_all(".museum-result__link", "els => els.map(e => e.getAttribute('href'))")
    assert any("hostile-" in link for link in links), links
    assert "XSSPROBE" in tab.inner_text(".museum-search__results")
    # Facet values (a museum's name, a vocabulary label) are set as text, like everything the client shows.
    tab.locator("summary", has_text="收藏单位").click()
    tab.wait_for_selector('.museum-search__facets input[name="museum"]')
    assert "<img src=x onerror=window.__xss=1>" in tab.inner_text(".museum-search__facets")
    assert ran(tab) == 0


def test_no_payload_runs_in_map_popups(tab, hostile_url):
    tab.goto(hostile_url + hostile.PAGES["route"])
    pins = tab.locator(".museum-routemap .museum-pin")
    if tab.locator(".museum-routemap").count():
        tab.wait_for_selector(".museum-routemap[data-ready=true]", timeout=10_000)
        for i in range(pins.count()):
            pins.nth(i).click(force=True)
            tab.wait_for_selector(".leaflet-popup-content", timeout=5_000)
        assert ran(tab) == 0

    tab.goto(hostile_url + "map/")
    if tab.locator("#museum-map").count() == 0:
        pytest.fail("this build has no map page")
    tab.wait_for_selector("#museum-map[data-ready=true]", timeout=15_000)
    # The hostile museum and heritage site sit in a cluster: take their markers from the cluster layer,
    # show each one and open its popup, as a visitor zooming in and clicking would.
    opened = tab.evaluate("""async () => {
        const found = [];
        for (const map of window.__maps) map.eachLayer(layer => {
            if (layer.getLayers && layer.zoomToShowLayer) layer.getLayers()
                .filter(m => (m.options.title || '').includes('XSSPROBE')).forEach(m => found.push([layer, m]));
        });
        for (const [layer, marker] of found) {
            await new Promise(done => { layer.zoomToShowLayer(marker, done); setTimeout(done, 3000); });
            marker.openPopup();
            await new Promise(done => setTimeout(done, 200));
        }
        return found.length;
    }""")
    assert opened == 2, "the hostile museum and heritage site should both be on the map"
    assert "XSSPROBE" in tab.inner_text(".leaflet-popup-content")
    assert ran(tab) == 0
