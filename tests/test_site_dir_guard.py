"""`build --site-dir` writes only into a folder the museum made.

A build replaces its whole site folder, so it must refuse (exit 1, a bilingual reason, nothing
touched) any folder that is, holds or lies inside the records, the hand-written pages or the
checkout, and any existing folder it did not make. What a killed build leaves is cleaned up by the
next one; an interrupt after the new site is in place is a success.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest


ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "fixtures" / "mini"
pytestmark = pytest.mark.slow


@pytest.fixture
def clone(tmp_path) -> Path:
    """A throw-away checkout of the project with the mini collection: what a careless command may destroy."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("build.py", "mkdocs.yml"):
        shutil.copy2(ROOT / name, project / name)
    for name in ("plugins", "docs"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(MINI / "collections", project / "collections")
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    return project


def build(project: Path, site_dir: str | Path, *extra: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "MUSEUM_DEBUG"}
    return subprocess.run([sys.executable, "build.py", "build", "--no-search", "--site-dir", str(site_dir), *extra],
                          cwd=project, capture_output=True, text=True, encoding="utf-8", timeout=600, env=env)


def listing(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


@pytest.mark.parametrize("target", ["collections", "docs", ".", "collections/artifacts", "plugins"])
def test_build_refuses_the_records_the_pages_and_the_checkout(clone, target, digest):
    before = digest(clone)
    result = build(clone, target)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "拒绝" in result.stderr and "refus" in result.stderr, result.stderr
    assert digest(clone) == before, "the refused build changed the checkout"


def test_build_refuses_the_projects_parent_and_the_root_of_the_disk(clone, digest):
    parent = clone.parent
    for target in (parent, Path("/")):
        outside = listing(target)
        before = digest(clone)
        result = build(clone, target)
        assert result.returncode == 1, result.stdout + result.stderr
        assert "拒绝" in result.stderr and "refus" in result.stderr, result.stderr
        assert listing(target) == outside and digest(clone) == before


def test_build_refuses_a_folder_it_did_not_make(clone, tmp_path, digest):
    elsewhere = tmp_path / "photos"
    elsewhere.mkdir()
    (elsewhere / "holiday.jpg").write_bytes(b"not really a photo")
    before = digest(elsewhere)
    result = build(clone, elsewhere)
    assert result.returncode == 1, result.stdout + result.stderr
    assert ".museum-site" in result.stderr
    assert digest(elsewhere) == before
    assert listing(tmp_path) == ["photos", "project"]


def test_build_refuses_a_symlink_to_the_records(clone, tmp_path, digest):
    link = tmp_path / "site-link"
    link.symlink_to(clone / "collections")
    before = digest(clone)
    assert build(clone, link).returncode == 1
    assert digest(clone) == before


def test_a_site_folder_the_museum_made_is_replaced_and_marked(clone, tmp_path):
    site = tmp_path / "out" / "site"
    assert build(clone, site).returncode == 0
    assert (site / ".museum-site").is_file() and (site / "index.html").is_file()
    (site / "stale.html").write_text("old", encoding="utf-8")
    assert build(clone, site).returncode == 0
    assert not (site / "stale.html").exists(), "the second build did not replace the site"


def test_an_empty_folder_may_become_the_site(clone, tmp_path):
    site = tmp_path / "empty"
    site.mkdir()
    assert build(clone, site).returncode == 0
    assert (site / ".museum-site").is_file()


def test_what_killed_builds_left_behind_is_removed_and_nothing_else(clone, tmp_path):
    site = tmp_path / "site"
    assert build(clone, site).returncode == 0
    # A build killed while writing, and one killed while deleting the old site, left these:
    staging = tmp_path / ".site.new-killed"
    shutil.copytree(site, staging)
    old = tmp_path / ".site.old-killed"
    shutil.copytree(site, old)
    foreign = tmp_path / ".site.new-not-ours"  # a name like ours, but not the museum's
    foreign.mkdir()
    (foreign / "keep.txt").write_text("keep", encoding="utf-8")
    assert build(clone, site).returncode == 0
    assert not staging.exists() and not old.exists()
    assert (foreign / "keep.txt").read_text(encoding="utf-8") == "keep"


# --- the swap, without a real build ----------------------------------------------------------------
@pytest.fixture
def fake_mkdocs(monkeypatch):
    import mkdocs.commands.build

    def fake(config, **kwargs):
        (Path(config.site_dir) / "index.html").write_text("<h1>新网站</h1>", encoding="utf-8")

    monkeypatch.setattr(mkdocs.commands.build, "build", fake)


def test_an_interrupt_while_the_old_site_is_deleted_still_leaves_the_new_site_and_succeeds(
        tmp_path, fake_mkdocs, monkeypatch):
    from museum.adapters.mkdocs import build as sitebuild

    monkeypatch.setattr(sitebuild, "REMOVE_IN_BACKGROUND", False)  # deleted here, where Ctrl+C can reach it
    site = tmp_path / "site"
    sitebuild.build_site(ROOT / "mkdocs.yml", site)
    real_rmtree = shutil.rmtree

    def interrupted(path, *args, **kwargs):
        if ".site.old-" in str(path):
            raise KeyboardInterrupt
        real_rmtree(path, *args, **kwargs)

    monkeypatch.setattr(sitebuild.shutil, "rmtree", interrupted)
    sitebuild.build_site(ROOT / "mkdocs.yml", site)  # no KeyboardInterrupt escapes: the new site is in place
    assert (site / "index.html").read_text(encoding="utf-8") == "<h1>新网站</h1>"
    monkeypatch.setattr(sitebuild.shutil, "rmtree", real_rmtree)
    sitebuild.build_site(ROOT / "mkdocs.yml", site)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site.old-")], "the next build did not clean up"


def test_the_replaced_site_is_deleted_after_the_build_returns(tmp_path, fake_mkdocs):
    from museum.adapters.mkdocs import build as sitebuild

    site = tmp_path / "site"
    sitebuild.build_site(ROOT / "mkdocs.yml", site)
    (site / "old-page.html").write_text("旧", encoding="utf-8")
    sitebuild.build_site(ROOT / "mkdocs.yml", site)
    assert (site / "index.html").is_file() and not (site / "old-page.html").exists()
    deadline = time.monotonic() + 30
    while [p for p in tmp_path.iterdir() if p.name.startswith(".site.old-")] and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site.old-")], "the old site was left behind"


@pytest.mark.parametrize("code, zh, en", [("ENOSPC", "磁盘已满", "the disk is full"),
                                          ("EROFS", "磁盘是只读的", "the disk is read-only"),
                                          ("EACCES", "没有权限", "permission denied")])
def test_a_full_or_read_only_disk_is_named_in_both_languages(clone, tmp_path, monkeypatch, capsys, code, zh, en):
    import errno

    from museum import cli

    from museum.adapters.mkdocs import build as sitebuild

    def full(*args, **kwargs):
        raise OSError(getattr(errno, code), os.strerror(getattr(errno, code)), str(tmp_path / "site" / "index.html"))

    monkeypatch.setattr(sitebuild, "build_site", full)
    monkeypatch.chdir(clone)
    code = cli.main(["--collections", str(clone / "collections"), "build", "--site-dir", str(tmp_path / "site")])
    err = capsys.readouterr().err
    assert code == 1, err
    assert zh in err and en in err and "index.html" in err, err
    assert "internal error" not in err
