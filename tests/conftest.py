"""Shared fixtures: where things are, the two fixture collections, and a way to run the command line.

``tests/fixtures/mini`` and ``tests/fixtures/bad`` are laid out like the project itself: each holds a
``collections/`` folder, so problems found in them are reported as ``collections/<path>`` when the
fixture folder is passed as the root.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
MINI = FIXTURES / "mini"
BAD = FIXTURES / "bad"

sys.path.insert(0, str(ROOT / "plugins"))


@pytest.fixture(scope="session")
def root() -> Path:
    """The project folder (where build.py is)."""
    return ROOT


@pytest.fixture(scope="session")
def mini() -> Path:
    """A tiny, valid museum: tests/fixtures/mini (its records are in mini/collections)."""
    return MINI


@pytest.fixture(scope="session")
def bad() -> Path:
    """A collection of bad records: tests/fixtures/bad (records in bad/collections, golden file bad/expected.txt)."""
    return BAD


@pytest.fixture(scope="session")
def mini_checked():
    """The mini fixture, checked once: ``(catalogue, problems)``."""
    from museum.catalogue.check import check_collection

    return check_collection(MINI / "collections", root=MINI)


@pytest.fixture(scope="session")
def image_problems():
    """``image_problems(collections, src)``: what check says of an artifact showing the picture at ``src``."""
    from museum.catalogue.check import check_collection

    def probe(coll: Path, src: str):
        museum = sorted((coll / "museums").glob("*.yaml"))[0].stem
        (coll / "artifacts" / "probe.yaml").write_text(
            f"title: 测试\nmuseum: {museum}\nindustry: steel\ndate: 1956\ndescription: 测试\n"
            f"images:\n  - {{src: {src}, alt: 图, credit: 测试绘制, license: CC0}}\n", encoding="utf-8")
        return check_collection(coll, root=coll.parent)[1]

    return probe


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    """A private copy of the mini collection that a test may change; returns its collections/ folder."""
    target = tmp_path / "collections"
    shutil.copytree(MINI / "collections", target, symlinks=True)
    shutil.copy(MINI / "published-urls.txt", tmp_path)  # (its ledger of published URLs, beside it)
    return target


def run_build(*args: str, env: dict[str, str] | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run ``python build.py ARGS`` as a curator would, with a clean environment for the museum's switches."""
    full_env = {k: v for k, v in os.environ.items() if k not in {"GITHUB_ACTIONS", "MUSEUM_DEBUG"}}
    full_env["PYTHONIOENCODING"] = "utf-8"
    full_env.update(env or {})
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *map(str, args)], cwd=cwd, env=full_env,
                          capture_output=True, text=True, encoding="utf-8", timeout=300)


@pytest.fixture(scope="session")
def run_cli():
    """``run_cli("check", "--format", "json", env={...})`` -> CompletedProcess (stdout, stderr, returncode)."""
    return run_build


def tree_digest(folder: Path) -> dict[str, str]:
    """sha256 of every file under ``folder`` (a symlink by its target), keyed by relative path."""
    digest = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            digest[rel] = "symlink -> " + os.readlink(path)
        elif path.is_file():
            digest[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            digest[rel] = "folder"
    return digest


@pytest.fixture(scope="session")
def digest():
    """``digest(folder)``: the checksum of every file under a folder, to prove nothing was changed."""
    return tree_digest


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The sample museum, built once per test session by the real command (read it, do not change it)."""
    site = tmp_path_factory.mktemp("sample") / "site"
    result = subprocess.run([sys.executable, "build.py", "build", "--site-dir", str(site)], cwd=ROOT,
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return site
