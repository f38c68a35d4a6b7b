"""The public face of a national site: a footer that says who runs it, a 404 that helps, a public menu.

The footer comes from `extra.museum` in mkdocs.yml (organiser, licence, contact, ICP record number);
the curators' pages are one section outside the public menu, reached from the footer.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from sitecheck import html_pages, parse_page, target_of

ROOT = Path(__file__).resolve().parents[1]
CURATOR_PAGES = ["contributing/", "contributing/fields/", "contributing/completeness/", "heritage-import/", "artifact-import/", "benchmarks/"]


def _footer(html: str) -> str:
    found = re.search(r'<footer class="md-footer museum-footer">.*?</footer>', html, re.S)
    assert found, "the page has no museum footer"
    return found.group(0)


def test_every_page_has_the_footer_from_configuration(sample_site):
    for page in html_pages(sample_site):
        html = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:
            continue  # a redirect of an old address
        footer = _footer(html)
        if page.relative_to(sample_site).parts[0] == "en":
            assert "Organiser" in footer and "The National Digital Industrial Museum project" in footer, page
            assert "Contact" in footer, page
        else:
            assert "主办单位" in footer and "国家数字工业博物馆项目组" in footer, page
            assert "联系" in footer, page
        assert 'rel="license"' in footer and "CC BY 4.0" in footer, page
        assert "Made with" not in html, page
        assert "备案" not in footer, f"{page}: an ICP record is shown, but none is configured"


def test_the_icp_record_and_contact_show_once_the_operator_sets_them(run_cli, mini, tmp_path):
    site = tmp_path / "site"
    result = run_cli("--collections", mini / "collections", "build", "--no-search", "--site-dir", site,
                     env={"MUSEUM_ICP": "测试ICP备0号", "MUSEUM_CONTACT_URL": "mailto:museum@example.org"})
    assert result.returncode == 0, result.stderr[-2000:]
    footer = _footer((site / "index.html").read_text(encoding="utf-8"))
    assert '<a href="https://beian.miit.gov.cn/">测试ICP备0号</a>' in footer
    assert 'href="mailto:museum@example.org"' in footer


def test_the_public_menu_leaves_the_curators_pages_to_their_section(sample_site):
    html = (sample_site / "index.html").read_text(encoding="utf-8")
    tabs = re.search(r'<nav class="md-tabs".*?</nav>', html, re.S).group(0)
    for label in ("藏品", "博物馆名录", "展览", "工业遗产", "线路", "地图", "关于"):
        assert label in tabs
    for curators_only in ("参与贡献", "字段参考", "性能基准", "导入"):
        assert curators_only not in tabs
    footer = _footer(html)
    link = re.search(r'<a href="([^"]+)">策展人专区', footer).group(1)
    assert target_of(sample_site, sample_site / "index.html", link)[0] == sample_site / "contributing" / "index.html"


def test_each_curators_page_lists_the_section_and_marks_itself(sample_site):
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert [item["url"] for item in config["extra"]["museum"]["curators"]] == CURATOR_PAGES
    for url in CURATOR_PAGES:
        if url in ("contributing/fields/", "contributing/completeness/"):
            continue  # written by the core: its breadcrumbs lead to the section
        page = sample_site / url / "index.html"
        html = page.read_text(encoding="utf-8")
        section = re.search(r'<nav class="museum-curators".*?</nav>', html, re.S).group(0)
        current = re.findall(r'<a href="([^"]+)" aria-current="page">', section)
        assert len(current) == 1 and target_of(sample_site, page, current[0])[0] == page
        targets = {target_of(sample_site, page, href)[0] for href in re.findall(r'href="([^"]+)"', section)}
        assert targets == {sample_site / u / "index.html" for u in CURATOR_PAGES}
    crumbs = (sample_site / "contributing" / "fields" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../">策展人专区</a>' in crumbs


def test_the_404_page_speaks_both_languages_and_offers_a_way_on(sample_site):
    page = sample_site / "404.html"
    html = page.read_text(encoding="utf-8")
    parsed = parse_page(page)
    assert parsed.lang == "zh"
    assert re.search(r'<h1>找不到这个页面 <span class="museum-en" lang="en">Page not found</span></h1>', html)
    assert "404 - Not found" not in html
    form = re.search(r'<form class="museum-search__form" role="search" action="([^"]+)" method="get">', html)
    assert form and form.group(1).rstrip("/").endswith("search")
    assert re.search(r'<input id="museum-notfound-q" type="search" name="q"', html)
    for entry in ("collection/", "directory/", "exhibitions/", "heritage/", "routes/", "map/"):
        assert re.search(rf'href="[^"]*/{entry}"', html), entry
