"""Files that look like records are read as records or said to be skipped, never passed over in silence.

Only regular files are read (a pipe named *.yaml must not hang `check`), at most what the size limit
allows, and a file that cannot be read says why in both languages.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from museum.catalogue.check import check_collection

ROOT = Path(__file__).resolve().parents[1]
GOOD = "title: 测试\nmuseum: ceshi-gongye-bowuguan\nindustry: railway\ndate: 1956\ndescription: 测试。\n"


def problems_for(coll, name):
    _, problems = check_collection(coll, coll.parent)
    return [p for p in problems if p.path.endswith(name)]


@pytest.mark.parametrize("name", ["X.YAML", "jiche.Yml", "jiche.yml", "jiche.yaml.txt", "jiche.YAML.bak",
                                  ".jiche.yaml", "drafts/.jiche.yaml"])
def test_a_file_named_almost_like_a_record_is_reported(mini_copy, name):
    target = mini_copy / "artifacts" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(GOOD, encoding="utf-8")
    found = problems_for(mini_copy, name)
    assert len(found) == 1, found
    assert "不会" in found[0].zh or "应为" in found[0].zh
    assert "not read" in found[0].en or "must end in" in found[0].en


@pytest.mark.parametrize("name", [".jiche.yaml.swp", ".#jiche.yaml", "notes.txt", ".DS_Store"])
def test_editors_working_files_and_other_files_are_not_records(mini_copy, name):
    (mini_copy / "artifacts" / name).write_text("x", encoding="utf-8")
    assert problems_for(mini_copy, name) == []


def test_a_pipe_named_like_a_record_is_reported_and_does_not_hang_check(mini_copy):
    os.mkfifo(mini_copy / "artifacts" / "pipe.yaml")
    result = subprocess.run([sys.executable, "build.py", "--collections", str(mini_copy), "check"], cwd=ROOT,
                            capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 1
    assert "pipe.yaml" in result.stdout and "not a regular file" in result.stdout and "不是普通文件" in result.stdout


def test_an_unreadable_record_says_why_in_both_languages(mini_copy, monkeypatch):
    import errno

    from museum.records import yamlsource

    target = mini_copy / "artifacts" / "ceshi-kache.yaml"
    real_open = os.open

    def denied(path, *args, **kwargs):  # as for another user's file (the tests run as root in CI)
        if str(path) == str(target):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(yamlsource.os, "open", denied)
    found = problems_for(mini_copy, "ceshi-kache.yaml")
    assert any("没有权限" in p.zh and "permission denied" in p.en for p in found), found


def test_a_huge_file_is_refused_without_reading_it_whole(mini_copy, monkeypatch):
    from museum.records import yamlsource

    target = mini_copy / "artifacts" / "huge.yaml"
    with target.open("wb") as fh:
        fh.truncate(3 * 1024 * 1024 * 1024)  # 3 GB, sparse
    read = []
    real = yamlsource._read_regular

    def spy(file, limit):
        raw, size = real(file, limit)
        read.append(len(raw))
        return raw, size

    monkeypatch.setattr(yamlsource, "_read_regular", spy)
    found = problems_for(mini_copy, "huge.yaml")
    assert any("too large" in p.en for p in found), found
    assert max(read) <= yamlsource.MAX_FILE_BYTES + 1
