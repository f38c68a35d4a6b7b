"""The benchmark's peer pipeline (Hugo + Pagefind) builds the same collection as the museum: the
same artifacts, in both languages, each page in its own language with its own text."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from run import hugo_site  # noqa: E402
from synth import generate  # noqa: E402


def _page(path: Path) -> tuple[dict, str]:
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(front), body


def test_each_artifact_has_a_chinese_and_an_english_page_each_with_its_own_text(tmp_path):
    coll = generate(tmp_path / "coll", 20)
    hugo_site(coll, tmp_path / "hugo")
    record = yaml.safe_load(sorted((coll / "artifacts").glob("*.yaml"))[0].read_text(encoding="utf-8"))
    stem = sorted((coll / "artifacts").glob("*.yaml"))[0].stem
    zh, zh_body = _page(tmp_path / "hugo" / "content" / "artifacts" / f"{stem}.md")
    en, en_body = _page(tmp_path / "hugo" / "content" / "en" / "artifacts" / f"{stem}.md")
    assert (zh["lang"], zh["title"]) == ("zh", record["title"]["zh"])
    assert (en["lang"], en["title"]) == ("en", record["title"]["en"])
    assert record["description"]["zh"] in zh_body and record["description"]["en"] not in zh_body
    assert record["description"]["en"] in en_body and record["description"]["zh"] not in en_body
    assert len(list((tmp_path / "hugo" / "content").rglob("*.md"))) == 2 * len(list((coll / "artifacts").glob("*.yaml")))


@pytest.mark.skipif(shutil.which("hugo") is None, reason="Debian's hugo is not installed")
def test_hugo_renders_each_page_in_its_language(tmp_path):
    coll = generate(tmp_path / "coll", 3)
    hugo_site(coll, tmp_path / "hugo")
    subprocess.run(["hugo", "--quiet", "-s", str(tmp_path / "hugo")], check=True, capture_output=True)
    stem = sorted((coll / "artifacts").glob("*.yaml"))[0].stem
    public = tmp_path / "hugo" / "public"
    assert '<html lang="zh">' in (public / "artifacts" / stem / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in (public / "en" / "artifacts" / stem / "index.html").read_text(encoding="utf-8")
