"""A real browser on the built sample site: Debian's Chromium driven by Playwright for Python.

CI (.ci/run) installs Chromium and a CJK font. Elsewhere, a machine without Chromium skips these
tests; with CI=true a missing browser is a failure, never a skip.

Every tab the fixtures open reports what the page's Content-Security-Policy refused (plugins/museum/csp.py),
and a test fails if anything was: the policy must never be what breaks a page.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]


def _need_browser():
    if Path(CHROMIUM).exists():
        try:
            import playwright  # noqa: F401
            return
        except ImportError:
            reason = "playwright is not installed"
    else:
        reason = f"no Chromium at {CHROMIUM}"
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests must run in CI: {reason}")
    pytest.skip(reason)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(site: Path):
    """Serve a built site on a loopback port of its own: yields its URL, stops when resumed."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def base_url(sample_site: Path):
    """The sample site on a loopback port of its own."""
    yield from serve(sample_site)


# Each `securitypolicyviolation` event (one for every thing the policy refused: a script, a style, a
# request, an inline handler) is passed to the test, wherever it happens in the tab and on every page
# it goes to. The listener is added before any of the page's own scripts.
_CSP_WATCH = """
document.addEventListener("securitypolicyviolation", function (e) {
  window.__museumCspViolation(e.effectiveDirective + " refused " + (e.blockedURI || "(inline)") + " on "
    + e.documentURI + (e.sourceFile ? " (" + e.sourceFile + ":" + e.lineNumber + ")" : "")
    + (e.sample ? ": " + e.sample : ""));
}, true);
"""


def watch_csp(context) -> list[str]:
    """What the policy refuses in any tab of ``context``, as it happens."""
    violations: list[str] = []
    context.expose_binding("__museumCspViolation", lambda source, text: violations.append(text))
    context.add_init_script(_CSP_WATCH)
    return violations


@pytest.fixture(scope="session")
def browser():
    _need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def guarded_tab(browser, base_url: str):
    """A desktop tab that may fetch from ``base_url`` only; yields it, then fails the test on any request to
    another host, script error or refusal by the Content-Security-Policy."""
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    outside: list[str] = []

    # Nothing may be fetched from another host: every request is checked, and refused.
    def guard(route):
        url = route.request.url
        if url.startswith(base_url) or url.startswith("data:") or url.startswith("blob:"):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", guard)
    refused = watch_csp(context)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert outside == [], f"requests to other hosts: {outside}"
    assert errors == [], f"script errors: {errors}"
    assert refused == [], "the Content-Security-Policy refused:\n" + "\n".join(refused)


@pytest.fixture
def page(browser, base_url):
    yield from guarded_tab(browser, base_url)


@pytest.fixture(scope="session")
def awkward_url(tmp_path_factory):
    """tests/sitecheck.py's small museum ("&" and "<" in its names, an old id), built and served."""
    from sitecheck import build_awkward_site

    yield from serve(build_awkward_site(tmp_path_factory.mktemp("awkward")))


@pytest.fixture
def awkward(browser, awkward_url):
    """A tab on the small museum, as `page` is on the sample one."""
    yield from guarded_tab(browser, awkward_url)


@pytest.fixture
def phone(browser, base_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
                                  has_touch=True, locale="zh-CN")
    refused = watch_csp(context)
    tab = context.new_page()
    yield tab
    context.close()
    assert refused == [], "the Content-Security-Policy refused:\n" + "\n".join(refused)


@pytest.fixture(scope="session", params=["named", "colliding"])
def crowded(request, sample_site, tmp_path_factory):
    """The sample site with the search index of 3,000 alike records in place of its own, made as at
    100,000 objects: its common terms in files of their own. ``colliding``: those files named alike
    within each group (as two terms with one CRC are), so the browser finds them through their shards.
    Yields the site's URL, its search-index folder and which of the two it is."""
    import shutil

    from museum.search import index
    from sitecheck import crowded_documents, write_search_index

    site = tmp_path_factory.mktemp("crowded") / "site"
    shutil.copytree(sample_site, site, copy_function=os.link, ignore=shutil.ignore_patterns("search-index"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(index, "OWN_FILE", 200)
        if request.param == "colliding":
            patch.setattr(index, "own_name", lambda term: "same")
        write_search_index(crowded_documents(), site / "search-index")
    for url in serve(site):
        yield url, site / "search-index", request.param


@pytest.fixture
def crowded_tab(browser, crowded):
    yield from guarded_tab(browser, crowded[0])
