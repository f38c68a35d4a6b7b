"""Running the indexer (``python -m museum.search``) for a build, and keeping an index that is still true.

The index is made in a process of its own: the build's process holds the catalogue, and the
index's memory is given back when it ends. A build whose documents are those of the site it
replaces takes that site's index as it is (linked, not copied).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from museum.search.index import SOURCE

FOLDER = "search-index"  # under the site: search-index/<lang>/meta.json, search-index/fold/


class SearchIndexError(Exception):
    pass


def digest(documents: Path) -> str:
    h = hashlib.sha256()
    with documents.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _command(documents: Path, site: Path) -> list[str]:
    return [sys.executable, "-m", "museum.search", str(documents), str(site / FOLDER), digest(documents)]


def made_from(site: Path) -> str | None:
    """The digest of the documents the index in ``site`` was made from, if it has one."""
    try:
        return json.loads((site / FOLDER / SOURCE).read_text(encoding="utf-8"))["documents"]
    except (OSError, ValueError, KeyError):
        return None


def carry(previous: Path | None, site: Path) -> str | None:
    """Link the index of the site being replaced into ``site``; return what it was made from."""
    if previous is None or made_from(previous) is None or previous.resolve() == site.resolve():
        return made_from(site)
    target = site / FOLDER
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(previous / FOLDER, target, copy_function=os.link)
    return made_from(site)


def start_indexing(documents: Path, site: Path) -> subprocess.Popen:
    """Index in the background (live preview: pages reload at once, search follows a moment later)."""
    return subprocess.Popen(_command(documents, site), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def index_site(documents: Path, site: Path) -> dict:
    """Index ``documents`` into ``site``; return the indexer's figures (seconds, files, bytes)."""
    result = subprocess.run(_command(documents, site), capture_output=True, text=True, timeout=1800)
    if result.returncode != 0:
        raise SearchIndexError((result.stderr or result.stdout).strip()[-2000:])
    return json.loads(result.stdout)
