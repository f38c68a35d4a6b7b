"""A failed build changes nothing: the last good site stays byte-identical, records untouched."""

from __future__ import annotations

import hashlib
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
    assert run_build(coll, site).returncode == 0
    site_before, records_before = digest_tree(site), digest_tree(coll)

    broken = sorted((coll / "artifacts").rglob("*.yaml"))[0]
    broken.write_text(broken.read_text(encoding="utf-8") + "\nnot_a_field: 1\n", encoding="utf-8")
    records_before = digest_tree(coll)
    result = run_build(coll, site)

    assert result.returncode == 1
    assert "not_a_field" in result.stdout and "Traceback" not in result.stderr
    assert digest_tree(site) == site_before
    assert digest_tree(coll) == records_before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site.")], "staging folders left behind"


def test_the_link_checker_finds_a_missing_page_and_a_missing_anchor(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/">ok</a><a href="b/">gone</a><a href="a/#x">no anchor</a>',
                                         encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text('<h1 id="y">a</h1>', encoding="utf-8")
    assert broken_links(tmp_path) == ["index.html → b/: missing", "index.html → a/#x: no anchor #x"]
