"""Accessibility: axe-core finds no WCAG 2.1 A/AA violation on any kind of page of the sample museum.

axe-core is vendored as test tooling in tests/vendor/axe-core/ (axe.min.js and its licences, from the
npm package axe-core at the version named in its first line); the site never serves it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[1] / "vendor" / "axe-core" / "axe.min.js"
ROOT = Path(__file__).resolve().parents[2]
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _first(folder: str) -> str | None:
    files = sorted((ROOT / "collections" / folder).glob("*.yaml"))
    return files[0].stem if files else None


ROUTE = _first("routes")
PERSON, ENTERPRISE, COURSE = _first("people"), _first("enterprises"), _first("courses")
PAGES = {
    "home": "",
    "artifact": "artifacts/jiefang-ca10-truck/",
    "museum": "museums/china-railway-museum/",
    "exhibition": "exhibitions/three-wheels-and-a-sound/",
    "heritage": "heritage/an-shan-gang-tie-chang/",
    "route": f"routes/{ROUTE}/" if ROUTE else None,
    "listing": "collection/",
    "listing page 2": "collection/page/2/",
    "facet listing": "collection/industry/automotive/",
    "directory": "directory/",
    "directory by province": "directory/province/beijing/",
    "exhibitions": "exhibitions/",
    "exhibitions by audience": "exhibitions/audience/primary/",
    "class sheet": "exhibitions/three-wheels-and-a-sound/sheet/",
    "heritage list": "heritage/",
    "routes list": "routes/",
    "person": f"people/{PERSON}/" if PERSON else None,
    "people index": "people/",
    "people by role": "people/role/entrepreneur/",
    "enterprise": f"enterprises/{ENTERPRISE}/" if ENTERPRISE else None,
    "enterprise directory": "enterprises/",
    "course": f"courses/{COURSE}/" if COURSE else None,
    "course class sheet": f"courses/{COURSE}/sheet/" if COURSE else None,
    "courses list": "courses/",
    "search with results": "search/?q=机车",
    "about": "about/",
    "contributing": "contributing/",
    "field reference": "contributing/fields/",
    "completeness": "contributing/completeness/",
    "heritage import": "heritage-import/",
    "map": "map/",
    "data downloads": "data/",
    "timeline": "timeline/",
    "timeline decade": "timeline/1950s/",
    "statistics": "statistics/",
    "not found": "404.html",
}
# Every kind again in English, where a record's text without English is shown in Chinese (lang="zh").
PAGES.update({f"{name} (en)": "en/" + (url.replace("?q=机车", "?q=locomotive") if url.startswith("search/") else url)
              for name, url in list(PAGES.items()) if url is not None and url != "404.html"})


def axe_violations(page, context: str = "document") -> list[str]:
    # Loaded as a file of the page's own origin, as the site's Content-Security-Policy allows (an inline
    # copy, add_script_tag(path=…), would be refused); the site itself never has it.
    url = re.match(r"https?://[^/]+/", page.url).group(0) + "__tests__/axe.min.js"
    page.route(url, lambda route: route.fulfill(path=str(AXE), content_type="text/javascript"))
    page.add_script_tag(url=url)
    violations = page.evaluate(
        "async ([context, tags]) => (await axe.run(eval(context), {runOnly: {type: 'tag', values: tags}}))"
        ".violations.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => ({"
        "target: n.target.join(' '), summary: n.failureSummary}))}))", [context, TAGS])
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} — {len(v['nodes'])} element(s)")
        for node in v["nodes"][:5]:
            summary = " ".join((node["summary"] or "").split())[:300]
            lines.append(f"    {node['target']}: {summary}")
    return lines


def _open(page, base_url: str, sample_site: Path, name: str, url: str | None) -> None:
    if url is None:
        pytest.fail(f"the sample collection has no {name} page")
    file = sample_site / (url.split("?")[0] if url.endswith(".html") else url.split("?")[0] + "index.html")
    if not file.is_file():
        pytest.fail(f"this build has no {name} page ({url})")
    page.goto(base_url + url)
    page.wait_for_load_state("load")
    if url.startswith(("search/", "en/search/")):
        page.wait_for_selector(".museum-result__link", timeout=15_000)
        page.wait_for_timeout(300)  # results settle (images and the result count)


@pytest.mark.parametrize("url", PAGES.values(), ids=PAGES.keys())
def test_no_accessibility_violation(page, base_url, sample_site, url):
    name = next(k for k, v in PAGES.items() if v == url)
    _open(page, base_url, sample_site, name, url)
    problems = axe_violations(page)
    assert problems == [], f"{name} ({url}):\n" + "\n".join(problems)


@pytest.mark.parametrize("url", ["", "artifacts/jiefang-ca10-truck/", "collection/", "statistics/", "en/",
                                 "en/artifacts/jiefang-ca10-truck/"],
                         ids=["home", "artifact", "listing", "statistics", "home (en)", "artifact (en)"])
def test_no_accessibility_violation_on_a_phone(phone, base_url, sample_site, url):
    _open(phone, base_url, sample_site, url or "home", url)
    problems = axe_violations(phone)
    assert problems == [], f"{url or 'home'} on a phone:\n" + "\n".join(problems)


def test_no_accessibility_violation_in_the_open_lightbox(page, base_url, sample_site):
    pages = [p for p in sorted(sample_site.glob("artifacts/*/index.html"))
             if 'class="museum-zoom"' in p.read_text(encoding="utf-8")]
    if not pages:
        pytest.fail("no artifact in the sample collection has pictures, so there is no lightbox")
    page.goto(base_url + pages[0].parent.relative_to(sample_site).as_posix() + "/")
    page.locator("a.museum-zoom").first.click()
    page.locator("dialog.museum-lightbox").wait_for(state="visible")
    # (awaited from outside the page: Playwright's own polling evaluates a string, which the CSP refuses)
    page.locator("dialog.museum-lightbox img").evaluate(
        "img => img.complete || new Promise(done => img.addEventListener('load', done, {once: true}))")
    problems = axe_violations(page, "document.querySelector('dialog.museum-lightbox')")
    assert problems == [], "the open lightbox:\n" + "\n".join(problems)
