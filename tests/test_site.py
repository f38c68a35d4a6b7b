"""The sample museum, built: a page for every record, complete listings, sound links, metadata."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sitecheck import broken_links, html_pages, jsonld_blocks, parse_page

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from museum.catalogue.check import check_collection  # noqa: E402
from museum.records.fields import Ref  # noqa: E402
from museum.pages import urls  # noqa: E402

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def sample(sample_site):
    """The sample collection's catalogue and its site (built once per session, in conftest.py)."""
    site = sample_site
    cat, problems = check_collection(ROOT / "collections", ROOT)
    assert not problems
    return cat, site


def page_file(site: Path, url: str) -> Path:
    return site / url / "index.html"


def all_pages_of_listing(site: Path, base: str) -> list[Path]:
    """A listing's first page and every page its pager reaches."""
    site = site.resolve()
    own_page = re.compile(rf"{re.escape(base)}(page/\d+/)?index\.html")
    seen, todo = [], [page_file(site, base)]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.append(path)
        for link in parse_page(path).links:
            target = (path.parent / link).resolve() / "index.html"
            if target.is_file() and own_page.fullmatch(target.relative_to(site).as_posix()):
                todo.append(target)
    return seen


def linked_records(site: Path, pages: list[Path], kind_path: str) -> set[str]:
    found = set()
    for path in pages:
        for link in parse_page(path).links:
            target = (path.parent / link).resolve()
            try:
                rel = target.relative_to(site.resolve()).as_posix()
            except ValueError:
                continue
            m = re.fullmatch(rf"{kind_path}/([a-z0-9-]+)", rel)
            if m:
                found.add(m.group(1))
    return found


def test_every_record_has_its_page(sample):
    cat, site = sample
    for kind, table in cat.records.items():
        for rid in table:
            assert page_file(site, urls.record(Ref(kind, rid))).exists(), f"{kind}/{rid} has no page"


def test_the_collection_listing_links_every_artifact(sample):
    cat, site = sample
    pages = all_pages_of_listing(site, urls.COLLECTION)
    assert linked_records(site, pages, "artifacts") == set(cat.artifacts)


@pytest.mark.parametrize("facet", ["industry", "era", "museum", "province"])
def test_each_facet_listing_links_exactly_its_members(sample, facet):
    cat, site = sample
    expected: dict[str, set[str]] = {}
    for aid, a in cat.artifacts.items():
        value = {"industry": a.industry, "era": cat.era_of[aid], "museum": a.museum.id,
                 "province": cat.museums[a.museum.id].province}[facet]
        expected.setdefault(value, set()).add(aid)
    for value, members in expected.items():
        pages = all_pages_of_listing(site, urls.facet(facet, value))
        assert linked_records(site, pages, "artifacts") == members, f"{facet}/{value}"


def test_the_museum_directory_lists_every_museum_by_industry_and_by_region(sample):
    cat, site = sample
    assert linked_records(site, all_pages_of_listing(site, urls.DIRECTORY), "museums") == set(cat.museums)
    by_industry: dict[str, set[str]] = {}
    by_province: dict[str, set[str]] = {}
    for mid, m in cat.museums.items():
        for industry in m.industries:
            by_industry.setdefault(industry, set()).add(mid)
        by_province.setdefault(m.province, set()).add(mid)
    for name, groups in (("industry", by_industry), ("province", by_province)):
        for value, members in groups.items():
            pages = all_pages_of_listing(site, f"{urls.DIRECTORY}{name}/{value}/")
            assert linked_records(site, pages, "museums") == members, f"directory {name}/{value}"


def test_the_exhibitions_index_links_every_exhibition(sample):
    cat, site = sample
    pages = all_pages_of_listing(site, urls.EXHIBITIONS)
    assert linked_records(site, pages, "exhibitions") == set(cat.exhibitions)


def test_listings_show_at_most_60_cards_a_page_each_with_a_thumbnail_or_initial(sample):
    _, site = sample
    for path in site.joinpath("collection").rglob("index.html"):
        html = path.read_text(encoding="utf-8")
        cards = html.count('class="museum-card"')
        assert cards <= 60, path
        assert html.count('class="museum-card__media"') == cards


def test_no_page_links_to_a_missing_page_or_anchor(sample):
    _, site = sample
    # broken_links also reads the style sheets, the sitemap, the data-* attributes that scripts load
    # pictures' zoom tiles and map data from, and the search index (every result's page and picture).
    assert list(site.glob("search-index/zh/d/*/*.json")) and list(site.glob("media/*/*"))
    assert broken_links(site) == []


def test_every_page_declares_its_language_title_description_and_canonical_url(sample):
    _, site = sample
    for path in html_pages(site):
        page = parse_page(path)
        if 'http-equiv="refresh"' in path.read_text(encoding="utf-8")[:600]:
            continue  # an alias redirect: checked separately
        assert page.lang == ("en" if path.relative_to(site).parts[0] == "en" else "zh"), path
        assert page.title.strip(), path
        assert page.meta.get("description"), path
        if path.name == "index.html" and path.parent != site and path.parent.name != "404":
            assert page.canonical, path


def test_record_pages_carry_opengraph_and_parseable_json_ld(sample):
    cat, site = sample
    expected_types = {"artifact": "CreativeWork", "museum": "Museum", "exhibition": "ExhibitionEvent",
                      "heritage": "LandmarksOrHistoricalBuildings", "route": "TouristTrip", "person": "Person",
                      "enterprise": "Organization", "course": "Course"}
    for kind, table in cat.records.items():
        for rid in table:
            page = parse_page(page_file(site, urls.record(Ref(kind, rid))))
            blocks = jsonld_blocks(page)
            types = {b["@type"] for b in blocks}
            assert {expected_types[kind], "BreadcrumbList"} <= types, f"{kind}/{rid}"
            assert page.meta["og:title"] and page.meta["og:url"].endswith(f"/{rid}/")


def test_every_json_ld_block_in_the_site_parses(sample):
    _, site = sample
    count = 0
    for path in html_pages(site):
        for block in jsonld_blocks(parse_page(path)):
            assert block["@context"] == "https://schema.org"
            count += 1
    assert count > 0


def test_every_image_has_alt_text_and_dimensions(sample):
    _, site = sample
    for path in html_pages(site):
        for img in parse_page(path).imgs:
            assert img.get("alt") is not None, path
            if "museum" in (img.get("src") or "") or "media/" in (img.get("src") or ""):
                assert img.get("width") and img.get("height"), (path, img)


def test_no_page_requests_another_host(sample):
    _, site = sample
    for path in html_pages(site):
        html = path.read_text(encoding="utf-8")
        for m in re.finditer(r'<(?:script|link|img|source|iframe)[^>]+(?:src|href|srcset)="(https?:)?//([^/"]+)', html):
            tag = m.group(0)
            if 'rel="canonical"' in tag or 'rel="alternate"' in tag or "og:" in tag:  # (named, not loaded)
                continue
            pytest.fail(f"{path}: loads from another host: {tag}")


def test_record_pages_are_not_in_the_navigation(sample):
    cat, site = sample
    home = page_file(site, "").read_text(encoding="utf-8")
    nav = home.split('<nav class="md-tabs"', 1)[1].split("</nav>", 1)[0]
    assert "artifacts/" not in nav and "museums/" not in nav


def test_an_old_id_in_aliases_still_reaches_the_record(tmp_path):
    from sitecheck import copy_collection_without

    coll = tmp_path / "collections"

    copy_collection_without(ROOT / "collections", coll, "heritage", "routes", "exhibitions")  # (not the ledger,
    # which promises the records left out)
    first = sorted((coll / "artifacts").rglob("*.yaml"))[0]
    data = yaml.safe_load(first.read_text(encoding="utf-8"))
    data["aliases"] = ["an-old-id"]
    first.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    site = tmp_path / "site"
    result = subprocess.run([sys.executable, "build.py", "--collections", str(coll), "build", "--site-dir", str(site)],
                            cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    redirect = (site / "artifacts" / "an-old-id" / "index.html").read_text(encoding="utf-8")
    assert f'url=../{first.stem}/' in redirect
    assert f'rel="canonical" href="http://127.0.0.1:8000/artifacts/{first.stem}/"' in redirect


def test_search_results_hold_names_as_written_and_summaries_of_the_record_text(tmp_path):
    """What a result shows comes from the index's documents as plain text, never HTML-escaped (the
    client sets it as text: tests/browser/test_search.py), and the summary is the record's own text."""
    import json

    from sitecheck import AWKWARD_MUSEUM, AWKWARD_TITLE, build_awkward_site

    site = build_awkward_site(tmp_path)
    shown = {}
    for chunk in (site / "search-index" / "zh" / "d").glob("*/*.json"):
        for fields in json.loads(chunk.read_text(encoding="utf-8")):
            shown[fields[0]] = fields
    url, title, _other, kind, museum, _image, _alt, summary = shown["artifacts/lathe/"]
    assert (kind, museum) == ("藏品", AWKWARD_MUSEUM)
    assert shown["artifacts/rd-truck/"][1] == AWKWARD_TITLE
    for url, fields in shown.items():
        for text in fields:
            assert not re.search(r"&#?[0-9a-zA-Z]+;", text), f"{url}: {text!r}"
    assert summary == "一台机床，只用于测试。"
    assert shown["artifacts/rd-truck/"][7] == "一辆 R&D 卡车 <i>斜</i>，只用于测试。"  # as the page shows it: text
