"""A failed build changes nothing: the last good site stays byte-identical, records untouched.

Also: a build that fails inside MkDocs (not only on bad records), and ``import heritage``, whose failures
must leave collections/ and site/ as they were and whose success touches only collections/heritage/.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sitecheck import broken_links

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


def digest_tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def run_build(coll: Path, site: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "build.py", "--collections", str(coll), "build", "--site-dir", str(site)],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_a_build_that_fails_leaves_the_previous_site_and_the_records_as_they_were(tmp_path):
    coll = tmp_path / "collections"
    shutil.copytree(ROOT / "collections", coll)
    site = tmp_path / "site"
    records_at_start = digest_tree(coll)
    assert run_build(coll, site).returncode == 0
    assert digest_tree(coll) == records_at_start, "a successful build changed the records"
    site_before, records_before = digest_tree(site), digest_tree(coll)

    broken = sorted((coll / "artifacts").rglob("*.yaml"))[0]
    broken.write_text(broken.read_text(encoding="utf-8") + "\nnot_a_field: 1\n", encoding="utf-8")
    records_before = digest_tree(coll)
    result = run_build(coll, site)

    assert result.returncode == 1
    assert "not_a_field" in result.stdout and "Traceback" not in result.stderr
    assert digest_tree(site) == site_before
    assert digest_tree(coll) == records_before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site.") and p.is_dir()], "staging folders left behind"


def test_the_link_checker_finds_a_missing_page_and_a_missing_anchor(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/">ok</a><a href="b/">gone</a><a href="a/#x">no anchor</a>',
                                         encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text('<h1 id="y">a</h1>', encoding="utf-8")
    assert broken_links(tmp_path) == ["index.html → b/: missing", "index.html → a/#x: no anchor #x"]


def test_the_link_checker_also_reads_styles_scripts_data_attributes_the_sitemap_and_the_search_index(tmp_path):

    site_url = "https://museum.example/"
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text("<h1>a</h1>", encoding="utf-8")
    (tmp_path / "index.html").write_text(
        f'<meta property="og:url" content="{site_url}"><meta property="og:image" content="{site_url}media/gone.jpg">'
        '<div data-zoom="media/tiles/info.json" data-osd="assets/nowhere/" data-base="./"></div>'
        '<link rel="stylesheet" href="style.css"><script src="gone.js"></script>', encoding="utf-8")
    (tmp_path / "style.css").write_text("a{background:url(img/gone.png)} b{background:url(data:image/png;base64,AA==)}",
                                        encoding="utf-8")
    (tmp_path / "sitemap.xml").write_text(f"<urlset><url><loc>{site_url}a/</loc></url>"
                                          f"<url><loc>{site_url}b/</loc></url></urlset>", encoding="utf-8")
    documents = tmp_path / "search-index" / "zh" / "d" / "ab12"
    documents.mkdir(parents=True)
    for name, fields in (("0", ["a/", "", "", "", "", "", "", ""]), ("1", ["c/", "", "", "", "", "/media/t.webp", "", ""])):
        (documents / f"{name}.json").write_text(json.dumps([fields]), encoding="utf-8")
    assert sorted(broken_links(tmp_path)) == sorted([
        "index.html → assets/nowhere/: no such folder",
        f"index.html → {site_url}media/gone.jpg: missing", "index.html → gone.js: missing",
        "index.html → media/tiles/info.json: missing", "style.css → url(img/gone.png): missing",
        f"sitemap.xml → {site_url}b/: missing",
        "search-index/zh/d/ab12/1.json → c/: missing",
        "search-index/zh/d/ab12/1.json → /media/t.webp: missing",
    ])


# --- a failure inside MkDocs, after the records were found good ---------------------------------------
@pytest.fixture
def last_good_site(tmp_path) -> Path:
    from museum.adapters.mkdocs.build import MARK, MARK_TEXT

    site = tmp_path / "site"
    (site / "artifacts" / "x").mkdir(parents=True)
    (site / MARK).write_text(MARK_TEXT, encoding="utf-8")  # made by an earlier build
    (site / "index.html").write_text("<h1>上一次的网站</h1>", encoding="utf-8")
    (site / "artifacts" / "x" / "index.html").write_text("<h1>x</h1>", encoding="utf-8")
    return site


def _no_staging_left(folder: Path) -> bool:
    return not [p for p in folder.iterdir() if p.name.startswith(".site.") and p.is_dir()]


def test_a_build_that_mkdocs_refuses_leaves_the_previous_site(tmp_path, last_good_site):
    from museum.adapters.mkdocs.build import BuildFailed, build_site

    config = tmp_path / "mkdocs.yml"
    config.write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("docs_dir: docs",
                      f"docs_dir: {tmp_path / 'no-such-docs'}"), encoding="utf-8")
    before = digest_tree(last_good_site)
    with pytest.raises(BuildFailed):
        build_site(config, last_good_site)
    assert digest_tree(last_good_site) == before
    assert _no_staging_left(tmp_path)


def test_a_build_that_crashes_leaves_the_previous_site(tmp_path, last_good_site, monkeypatch):
    import mkdocs.commands.build

    from museum.adapters.mkdocs.build import build_site

    def crash(config, **kwargs):
        (Path(config.site_dir) / "half-written.html").write_text("…", encoding="utf-8")
        raise RuntimeError("disk full")

    monkeypatch.setattr(mkdocs.commands.build, "build", crash)
    before = digest_tree(last_good_site)
    with pytest.raises(RuntimeError):
        build_site(ROOT / "mkdocs.yml", last_good_site)
    assert digest_tree(last_good_site) == before
    assert _no_staging_left(tmp_path)


# --- import heritage ----------------------------------------------------------------------------------
HEADER = "batch,no,name,address,province,city,core_items,applicant_unit\n"
ROW = "1,1,张裕酿酒公司,山东省烟台市芝罘区,山东省,烟台市,地下酒窖、蒸馏器。,\n"


@pytest.fixture
def project(tmp_path) -> tuple[Path, Path]:
    """A copy of the sample collection, and a site folder that must never be touched by an import."""
    coll = tmp_path / "collections"
    shutil.copytree(ROOT / "collections", coll, ignore=shutil.ignore_patterns("media"))
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<h1>网站</h1>", encoding="utf-8")
    return coll, site


@pytest.mark.parametrize("content", [
    (HEADER + ROW).encode("gbk"),                       # not UTF-8: refused whole
    b"batch,no,name\n1,1,x\n",                          # required columns missing: refused whole
    (HEADER + "x,1,旅顺船坞,辽宁省大连市,辽宁省,大连市,船坞,\n").encode(),  # its only row is bad
    b"",                                                # empty
], ids=["gbk", "missing-columns", "bad-row", "empty"])
def test_an_import_that_fails_changes_nothing(run_cli, project, tmp_path, content):
    coll, site = project
    csv = tmp_path / "list.csv"
    csv.write_bytes(content)
    before = digest_tree(coll), digest_tree(site)
    result = run_cli("--collections", coll, "import", "heritage", csv)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert (digest_tree(coll), digest_tree(site)) == before


def test_an_import_writes_only_heritage_records_and_a_second_run_nothing(run_cli, project, tmp_path):
    coll, site = project
    csv = tmp_path / "list.csv"
    csv.write_text(HEADER + ROW + "1,2,旅顺船坞,辽宁省大连市,辽宁省,大连市,船坞,\n", encoding="utf-8")
    before = digest_tree(coll)
    result = run_cli("--collections", coll, "import", "heritage", csv)
    assert result.returncode == 0, result.stdout + result.stderr
    after = digest_tree(coll)
    changed = {name for name in set(before) | set(after) if before.get(name) != after.get(name)}
    assert changed and all(name.startswith("heritage/") for name in changed), changed
    assert (site / "index.html").read_text(encoding="utf-8") == "<h1>网站</h1>" and len(list(site.iterdir())) == 1
    assert run_cli("--collections", coll, "import", "heritage", csv).returncode == 0
    assert digest_tree(coll) == after


def test_a_hand_written_page_where_the_core_writes_a_record_page_is_refused(tmp_path, monkeypatch, caplog):
    from museum.adapters.mkdocs.build import BuildFailed, build_site

    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    (docs / "artifacts" / "ceshi-kache").mkdir(parents=True)
    (docs / "artifacts" / "ceshi-kache" / "index.md").write_text("# 我的卡车\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8")
                      .replace("docs_dir: docs", f"docs_dir: {docs}")
                      .replace("custom_dir: plugins/museum/theme", f"custom_dir: {ROOT / 'plugins/museum/theme'}"),
                      encoding="utf-8")
    monkeypatch.setenv("MUSEUM_COLLECTIONS", str(ROOT / "tests" / "fixtures" / "mini" / "collections"))
    monkeypatch.setenv("MUSEUM_SEARCH", "off")
    site = tmp_path / "site"
    with pytest.raises(BuildFailed):
        build_site(config, site)
    assert "docs/artifacts/ceshi-kache/index.md 与生成的页面冲突 / collides with a generated page" in caplog.text
    assert not site.exists() and _no_staging_left(tmp_path)
