"""The core's page writer (output/pages.py) and its shells, tested without MkDocs; then one real rebuild."""

from __future__ import annotations

import gzip
import os
import re
import shutil
from pathlib import Path

import pytest

from museum.output import shell, sitemap
from museum.output.pages import CARRY, MANIFEST, PageWriter, carry_in, read_manifest, write_pages
from museum.output.shell import Shell, ShellError
from museum.pages.plan import SitePlan
from museum.records.fields import Text
from museum.render.html import Renderer

SITE_URL = "https://museum.example/"
SHELL = (f"<html><head><meta content=\"{shell.CSP}\"><title>{shell.TITLE} - 馆</title>"
         f"<meta name=\"description\" content=\"{shell.DESCRIPTION}\"><link rel=\"canonical\" href=\"{shell.CANONICAL}\">"
         f"{shell.HEAD}</head><body><header>{shell.TITLE} <a href=\"{shell.TWIN}\">switch</a><b {shell.TITLE_LANG}>t</b></header><article>{shell.BODY}</article></body></html>")


@pytest.fixture
def plan(mini_checked) -> SitePlan:
    cat, problems = mini_checked
    assert problems == []
    plan = SitePlan(cat, SITE_URL)
    plan.plan_pictures()
    return plan


def make_writer(site: Path, previous: Path | None = None) -> PageWriter:
    shells = {(lang, n): Shell.parse(SHELL) for lang in ("zh", "en") for n in range(10)}
    return PageWriter(Renderer(SITE_URL), shells, site, SITE_URL, previous=previous)


def test_a_shell_that_lost_a_slot_is_refused():
    with pytest.raises(ShellError, match="MUSEUMSLOTHEAD"):
        Shell.parse(SHELL.replace(shell.HEAD, ""))


def test_the_shell_gets_the_page_title_and_description_as_text_never_as_markup():
    filled = Shell.parse(SHELL).fill(title="</title><script>x</script>", description='"><b>', canonical="u",
                                     csp="c", head="<meta>", body="<h1>B</h1>")
    assert "<script>" not in filled and filled.count("&lt;/title&gt;&lt;script&gt;") == 2
    assert 'content="&#x27;' not in filled and "&quot;&gt;&lt;b&gt;" in filled
    assert "<article><h1>B</h1></article>" in filled


def test_every_record_page_is_written_into_its_shell_and_listed_in_the_manifest(plan, tmp_path):
    site = tmp_path / "site"
    done = write_pages(plan, [], make_writer(site), workers=1)
    records = [r for table in plan.cat.records.values() for r in table.values()]
    assert done.pages >= len(records) and done.reused == 0
    artifact = next(r for r in records if r.kind == "artifact")
    page = (site / "artifacts" / artifact.id / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{SITE_URL}artifacts/{artifact.id}/">' in page
    assert f"<title>{artifact.title.zh} - 馆</title>" in page
    assert "MUSEUMSLOT" not in page and 'property="og:title"' in page
    assert set(read_manifest(site)) == {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def test_two_workers_write_the_same_bytes_as_one(plan, tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    write_pages(plan, plan.other_groups(), make_writer(one), workers=1)
    write_pages(plan, plan.other_groups(), make_writer(two), workers=2)
    files = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(two) for p in two.rglob("*") if p.is_file())
    assert all((one / f).read_bytes() == (two / f).read_bytes() for f in files)


def test_a_rebuild_links_the_unchanged_pages_and_writes_only_the_changed_one(plan, tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    write_pages(plan, [], make_writer(old), workers=1)
    original = next(iter(plan.cat.artifacts.values()))
    artifact = plan.cat.records["artifact"][original.id] = original.model_copy(
        update={"title": Text((("zh", original.title.zh + "（修订）"), *original.title.values[1:]))})
    try:
        done = write_pages(plan, [], make_writer(new, previous=old), workers=1)
    finally:  # the catalogue is shared by the session's tests
        plan.cat.records["artifact"][original.id] = original
    changed = f"artifacts/{artifact.id}/index.html"
    assert done.reused == done.pages - 1 - _listing_pages_showing(new, artifact.title.zh)
    assert (new / changed).stat().st_ino != (old / changed).stat().st_ino
    same = next(p for p in read_manifest(new) if p != changed and read_manifest(old)[p] == read_manifest(new)[p])
    assert (new / same).stat().st_ino == (old / same).stat().st_ino  # the very same file, untouched


def _listing_pages_showing(site: Path, title: str) -> int:
    """Other pages the edit shows on (a related card, a museum's list): they change too."""
    return sum(1 for p in site.rglob("index.html") if title in p.read_text(encoding="utf-8")) - 1


def test_a_manifest_that_is_damaged_means_writing_everything(tmp_path):
    (tmp_path / MANIFEST).write_bytes(b"\xff\xfe not text")
    assert read_manifest(tmp_path) == {}
    assert read_manifest(None) == {}


def test_the_sitemap_lists_every_page_once_in_order_and_splits_past_the_protocol_limit(tmp_path, monkeypatch):
    assert sitemap.write_sitemap(tmp_path, SITE_URL, ["b/", "", "a/", "a/"], "2026-12-02") == 1
    text = (tmp_path / "sitemap.xml").read_text(encoding="utf-8")
    assert re.findall(r"<loc>([^<]+)</loc>", text) == [SITE_URL, f"{SITE_URL}a/", f"{SITE_URL}b/"]
    assert gzip.decompress((tmp_path / "sitemap.xml.gz").read_bytes()).decode("utf-8") == text
    first_gz = (tmp_path / "sitemap.xml.gz").read_bytes()
    sitemap.write_sitemap(tmp_path, SITE_URL, ["b/", "", "a/"], "2026-12-02")
    assert (tmp_path / "sitemap.xml.gz").read_bytes() == first_gz  # no time stamp in the gzip

    monkeypatch.setattr(sitemap, "PER_FILE", 2)
    split = tmp_path / "split"
    split.mkdir()
    assert sitemap.write_sitemap(split, SITE_URL, ["a/", "b/", "c/", "d/", "e/"], "2026-12-02") == 3
    index = (split / "sitemap.xml").read_text(encoding="utf-8")
    assert "<sitemapindex" in index and re.findall(r"<loc>([^<]+)</loc>", index)[-1] == f"{SITE_URL}sitemap-3.xml"
    assert re.findall(r"<loc>([^<]+)</loc>", (split / "sitemap-3.xml").read_text(encoding="utf-8")) == [f"{SITE_URL}e/"]


def test_each_sitemap_file_pairs_its_pages_with_their_twins_wherever_those_are_listed(tmp_path, monkeypatch):
    monkeypatch.setattr(sitemap, "PER_FILE", 2)
    monkeypatch.setattr(sitemap, "ROWS_PER_WRITE", 1)  # (its rows are written a few at a time)
    pages = iter(["", "en/", "a/", "en/a/", "b/"])  # (any iterable: the page writer's URLs as they come)
    assert sitemap.write_sitemap(tmp_path, SITE_URL, pages, "2026-12-02", {"en/a/": "2026-01-05"}) == 3
    rows = {loc: rest for n in (1, 2, 3) for loc, rest in re.findall(
        r"<url><loc>([^<]+)</loc>(.*?)</url>", (tmp_path / f"sitemap-{n}.xml").read_text(encoding="utf-8"))}
    assert list(rows) == [SITE_URL + u for u in ("", "a/", "b/", "en/", "en/a/")]
    twins = f'hreflang="zh" href="{SITE_URL}a/"/><xhtml:link rel="alternate" hreflang="en" href="{SITE_URL}en/a/"'
    assert twins in rows[f"{SITE_URL}a/"] and twins in rows[f"{SITE_URL}en/a/"]  # (a/ in file 1, en/a/ in file 3)
    assert "hreflang" not in rows[f"{SITE_URL}b/"]  # no twin: no alternates
    assert "<lastmod>2026-01-05</lastmod>" in rows[f"{SITE_URL}en/a/"] and "2026-12-02" in rows[f"{SITE_URL}a/"]
    for n in (1, 2, 3):
        text = (tmp_path / f"sitemap-{n}.xml").read_bytes()
        assert gzip.decompress((tmp_path / f"sitemap-{n}.xml.gz").read_bytes()) == text


def test_the_other_pages_come_in_groups_planned_when_called_leaving_out_the_hosts(plan):
    groups = plan.other_groups()
    urls = [spec.url for group in groups for spec in group()]
    assert urls == [spec.url for spec in plan.other_pages()] and len(set(urls)) == len(urls)
    assert {"", "en/"} <= set(urls)  # (both languages)
    first = next(iter(groups[0]()))
    assert next(iter(groups[0]())) is not first  # planned anew at each call: nothing held between
    left_out = frozenset({first.src_uri, "en/index.md"})
    kept = [spec.src_uri for group in plan.other_groups(left_out) for spec in group()]
    assert kept == [spec.src_uri for spec in plan.other_pages() if spec.src_uri not in left_out]
    assert len(kept) == len(urls) - 2


def test_a_real_rebuild_leaves_unchanged_pages_untouched_on_disk(run_cli, mini_copy, tmp_path):
    site = tmp_path / "site"
    assert run_cli("--collections", str(mini_copy), "build", "--no-search", "--site-dir", str(site)).returncode == 0
    before = {p.relative_to(site).as_posix(): p.stat().st_ino for p in site.rglob("index.html")}
    record = mini_copy / "artifacts" / "ceshi-zhengqi-jiche.yaml"
    text = record.read_text(encoding="utf-8")
    assert "tags: [机车, 蒸汽]" in text
    record.write_text(text.replace("tags: [机车, 蒸汽]", "tags: [机车, 蒸汽, 修订]"), encoding="utf-8")
    result = run_cli("--collections", str(mini_copy), "build", "--no-search", "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    after = {p.relative_to(site).as_posix(): p.stat().st_ino for p in site.rglob("index.html")}
    assert after.keys() == before.keys()
    kept = [p for p in after if after[p] == before[p]]
    changed = f"artifacts/{record.stem}/index.html"
    assert changed not in kept and len(kept) >= len(after) // 2, (len(kept), len(after))
    assert "修订" in (site / changed).read_text(encoding="utf-8")
    assert not list(site.glob("museum-shell-*")), "the shells are not part of the site"


def test_the_tabs_of_a_listing_page_lead_to_their_sections(sample_site):
    # The shells are rendered where no real page is, so a tab link depends only on the page's depth.
    # (When tabs were reused by depth from the first page, heritage listings' 藏品 tab led to heritage/.)
    page = (sample_site / "heritage" / "industry" / "salt" / "index.html").read_text(encoding="utf-8")
    tabs = dict(re.findall(r'<a href="([^"]+)" class="md-tabs__link[^"]*">\s*([^<\s]+)', page))
    assert {name: href for href, name in tabs.items()}["藏品"] == "../../../collection/"


# --- carrying unchanged record folders whole (what build.py build does at the swap) ----------------
def carried_rebuild(plan, tmp_path, *, stray: str | None = None):
    """A first site, then a rebuild with ``carry`` into a new folder; ``stray``: a file left beside
    one record's page in the first site."""
    old, new = tmp_path / "old", tmp_path / "new"
    write_pages(plan, [], make_writer(old), workers=1, inputs=_inputs(plan))
    if stray:
        (old / stray).write_text("left by hand", encoding="utf-8")
    writer = PageWriter(make_writer(new).renderer, make_writer(new).shells, new, SITE_URL, previous=old, carry=True)
    done = write_pages(plan, [], writer, workers=1, inputs=_inputs(plan))
    return old, new, done


def _inputs(plan):
    from museum.pages.inputs import PageInputs, salt

    return PageInputs(plan.cat, plan.planned_pictures, salt(plan.cat, SITE_URL))


def test_an_unchanged_record_folder_is_carried_whole_not_linked_page_by_page(plan, tmp_path):
    old, new, done = carried_rebuild(plan, tmp_path)
    artifact = next(iter(plan.cat.artifacts.values()))
    folder = f"artifacts/{artifact.id}/"
    assert folder in done.carried and not (new / folder).exists()  # not yet: the swap moves it
    inode = (old / folder).stat().st_ino
    assert carry_in(new, old) > 0
    assert (new / folder).stat().st_ino == inode and not (old / folder).exists()  # the same folder, moved
    assert not (new / CARRY).exists()
    fresh = tmp_path / "fresh"
    write_pages(plan, [], make_writer(fresh), workers=1)
    pages = sorted(p.relative_to(fresh).as_posix() for p in fresh.rglob("*.html"))
    assert pages == sorted(p.relative_to(new).as_posix() for p in new.rglob("*.html"))
    assert all((new / p).read_bytes() == (fresh / p).read_bytes() for p in pages)


def test_a_kind_folder_with_nothing_changed_moves_in_one_rename(plan, tmp_path):
    old, new, done = carried_rebuild(plan, tmp_path)
    inode = (old / "artifacts").stat().st_ino
    kinds = {folder.rstrip("/").rpartition("/")[0] for folder in done.carried}  # (artifacts, en/artifacts, …)
    assert carry_in(new, old) == len(kinds)
    assert (new / "artifacts").stat().st_ino == inode


def test_a_record_folder_holding_a_stray_file_is_linked_page_by_page_and_the_stray_stays_behind(plan, tmp_path):
    artifact = next(iter(plan.cat.artifacts.values()))
    old, new, done = carried_rebuild(plan, tmp_path, stray=f"artifacts/{artifact.id}/notes.txt")
    assert f"artifacts/{artifact.id}/" not in done.carried
    assert (new / f"artifacts/{artifact.id}/index.html").exists()  # linked now, in the new site
    carry_in(new, old)
    assert not (new / f"artifacts/{artifact.id}/notes.txt").exists()


def test_when_a_folder_cannot_be_carried_the_previous_site_is_put_back_whole(plan, tmp_path):
    old, new, done = carried_rebuild(plan, tmp_path)
    (new / "museums").mkdir()  # the kind folders must move one record at a time
    before = sorted(p.relative_to(old).as_posix() for p in old.rglob("*"))
    missing = sorted(done.carried)[-1]
    shutil.move(old / missing, tmp_path / "elsewhere")  # one folder vanished from the previous site
    with pytest.raises(OSError):
        carry_in(new, old)
    shutil.move(tmp_path / "elsewhere", old / missing)
    assert sorted(p.relative_to(old).as_posix() for p in old.rglob("*")) == before


@pytest.fixture
def many(mini_copy) -> SitePlan:
    """The mini collection and twelve more trucks that nothing names: a kind folder mostly unchanged."""
    from museum.catalogue.check import check_collection

    import yaml

    truck = yaml.safe_load((mini_copy / "artifacts" / "ceshi-kache.yaml").read_text(encoding="utf-8"))
    for field in ("aliases", "related", "id"):
        truck.pop(field, None)
    for n in range(12):
        (mini_copy / "artifacts" / f"ceshi-kache-{n}.yaml").write_text(
            yaml.safe_dump(truck, allow_unicode=True), encoding="utf-8")
    cat, problems = check_collection(mini_copy, mini_copy.parent)
    assert problems == []
    plan = SitePlan(cat, SITE_URL)
    plan.plan_pictures()
    return plan


def _changed_one_rebuild(plan, tmp_path):
    """A first site; one artifact retitled; the rebuild with carry (not yet carried in)."""
    old, new = tmp_path / "old", tmp_path / "new"
    write_pages(plan, [], make_writer(old), workers=1, inputs=_inputs(plan))
    original = next(iter(plan.cat.artifacts.values()))
    plan.cat.records["artifact"][original.id] = original.model_copy(
        update={"title": Text((("zh", original.title.zh + "（修订）"), *original.title.values[1:]))})
    writer = PageWriter(make_writer(new).renderer, make_writer(new).shells, new, SITE_URL, previous=old, carry=True)
    done = write_pages(plan, [], writer, workers=1, inputs=_inputs(plan))
    return old, new, done, original


def test_a_kind_folder_with_one_record_changed_takes_the_new_pages_and_moves_as_one(many, tmp_path):
    plan = many
    old, new, done, original = _changed_one_rebuild(plan, tmp_path)
    try:
        inode = (old / "artifacts").stat().st_ino
        carried = sum(f.startswith("artifacts/") for f in done.carried)
        assert carried > 4, "the sample needs a few unchanged artifacts"
        renames = carry_in(new, old)
        assert (new / "artifacts").stat().st_ino == inode  # the folder itself moved
        assert renames < carried + sum(1 for f in done.carried if not f.startswith("artifacts/"))
        fresh = tmp_path / "fresh"
        write_pages(plan, [], make_writer(fresh), workers=1)
        pages = sorted(p.relative_to(fresh).as_posix() for p in fresh.rglob("*.html"))
        assert pages == sorted(p.relative_to(new).as_posix() for p in new.rglob("*.html"))
        assert all((new / p).read_bytes() == (fresh / p).read_bytes() for p in pages)
    finally:
        plan.cat.records["artifact"][original.id] = original


def test_a_rename_that_fails_at_any_step_is_undone_and_both_sites_are_as_before(many, tmp_path, monkeypatch):
    import museum.output.pages as pages_module

    old0, new0, _, original = _changed_one_rebuild(many, tmp_path)
    many.cat.records["artifact"][original.id] = original

    def copies(name: str) -> tuple[Path, Path]:
        old, new = tmp_path / name / "old", tmp_path / name / "new"
        shutil.copytree(old0, old)
        shutil.copytree(new0, new)
        return old, new

    steps = carry_in(*reversed(copies("whole")))
    assert steps > 3  # stale pages aside, new ones in, the folders swapped
    real = os.rename
    for failing in range(1, steps + 1):
        old, new = copies(f"fail-{failing}")
        tree = lambda root: sorted((p.relative_to(root).as_posix(), p.stat().st_ino) for p in root.rglob("*"))  # noqa: E731
        old_before, new_before = tree(old), tree(new)
        calls = []

        def rename(source, target):
            calls.append(source)
            if len(calls) == failing:
                raise OSError(28, "No space left on device")
            real(source, target)

        monkeypatch.setattr(pages_module.os, "rename", rename)
        with pytest.raises(OSError):
            carry_in(new, old)
        monkeypatch.setattr(pages_module.os, "rename", real)
        assert tree(old) == old_before and tree(new) == new_before, f"rename {failing} of {steps}"


def test_folders_carried_at_two_depths_of_one_folder_all_arrive(tmp_path):
    # A listing's own pages (L/page/2/) sit beside the listings below it (L/a/): both are carried.
    old, new = tmp_path / "old", tmp_path / "new"
    carried = [f"L/{name}/" for name in "abcdefgh"] + ["L/page/2/", "L/page/3/"]  # L/ is mostly unchanged
    for page in ["L/index.html", *(f"{folder}index.html" for folder in carried)]:
        (old / page).parent.mkdir(parents=True, exist_ok=True)
        (old / page).write_text(f"old {page}", encoding="utf-8")
    (new / "L").mkdir(parents=True)
    (new / "L" / "index.html").write_text("new L/index.html", encoding="utf-8")  # this one changed
    (new / CARRY).write_text("".join(f"{folder}\n" for folder in carried), encoding="utf-8")
    carry_in(new, old)
    assert {p.relative_to(new).as_posix(): p.read_text(encoding="utf-8") for p in new.rglob("*.html")} == {
        "L/index.html": "new L/index.html", **{f"{f}index.html": f"old {f}index.html" for f in carried}}


def test_unchanged_listing_pages_are_carried_like_record_folders(many, tmp_path):
    plan = many
    others = plan.other_groups()
    old, new = tmp_path / "old", tmp_path / "new"
    write_pages(plan, others, make_writer(old), workers=1, inputs=_inputs(plan))
    writer = PageWriter(make_writer(new).renderer, make_writer(new).shells, new, SITE_URL, previous=old, carry=True)
    done = write_pages(plan, others, writer, workers=1, inputs=_inputs(plan))
    kinds = {"artifacts", "museums", "exhibitions", "heritage", "routes"}
    assert any(folder.split("/")[0] not in kinds for folder in done.carried)
    assert "" not in done.carried and "/" not in done.carried  # never the whole site
    carry_in(new, old)
    fresh = tmp_path / "fresh"
    write_pages(plan, others, make_writer(fresh), workers=1)
    pages = sorted(p.relative_to(fresh).as_posix() for p in fresh.rglob("*.html"))
    assert pages == sorted(p.relative_to(new).as_posix() for p in new.rglob("*.html"))
    assert all((new / p).read_bytes() == (fresh / p).read_bytes() for p in pages)
