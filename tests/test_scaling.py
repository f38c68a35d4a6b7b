"""Page weight must not grow with the collection: the same object's page at 100 and 10,000 objects."""

from __future__ import annotations

import statistics
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from synth import generate  # noqa: E402

pytestmark = pytest.mark.slow


def build(tmp: Path, n: int) -> Path:
    coll = generate(tmp / f"n{n}", n)
    site = tmp / f"n{n}" / "site"
    result = subprocess.run([sys.executable, "build.py", "--collections", str(coll), "build", "--site-dir", str(site)],
                            cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return site


@pytest.fixture(scope="module")
def small_and_large(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("scale")
    return build(tmp, 100), build(tmp, 10_000)


def sizes(site: Path, folder: str, ids: list[str]) -> list[int]:
    return [(site / folder / i / "index.html").stat().st_size for i in ids]


def test_an_artifact_page_is_the_same_size_within_5_percent_at_100_and_10000_objects(small_and_large):
    small, large = small_and_large
    ids = [f"artifact-{i:06d}" for i in range(100)]
    a, b = statistics.mean(sizes(small, "artifacts", ids)), statistics.mean(sizes(large, "artifacts", ids))
    assert abs(b - a) / a <= 0.05, (a, b)


def listing_pages(site: Path) -> list[Path]:
    pages = [site / "index.html"]
    for folder in ("collection", "directory"):
        pages += (site / folder).rglob("index.html")
    for folder in ("exhibitions", "heritage", "routes"):
        pages.append(site / folder / "index.html")
        for sub in ("page", "level", "batch", "province", "industry"):
            pages += (site / folder / sub).rglob("index.html")
    return pages


def test_no_listing_directory_or_home_page_exceeds_150_kb_at_10000_objects(small_and_large):
    _, large = small_and_large
    pages = listing_pages(large)
    assert len(pages) > 300  # 10,000 objects fill many listing pages
    heavy = [(p.relative_to(large).as_posix(), p.stat().st_size) for p in pages if p.stat().st_size > 150_000]
    assert heavy == []
