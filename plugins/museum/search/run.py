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

from museum.search.index import FORMAT, SOURCE

FOLDER = "search-index"  # under the site: search-index/<lang>/meta.json, search-index/fold/


class SearchIndexError(Exception):
    pass


def digest(documents: Path) -> str:
    h = hashlib.sha256(f"index format {FORMAT}\n".encode())  # an index of another format is not reused
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
    """Index in the background: while the pages are written (build), or after the new site is in place
    (live preview: pages reload at once, search follows a moment later). ``finished`` waits for it."""
    return subprocess.Popen(_command(documents, site), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finished(indexer: subprocess.Popen) -> dict:
    """Wait for the indexer; its figures (seconds, files, bytes), or SearchIndexError."""
    out, err = indexer.communicate(timeout=1800)
    if indexer.returncode != 0:
        raise SearchIndexError((err or out).strip()[-2000:])
    return json.loads(out)


def index_site(documents: Path, site: Path) -> dict:
    """Index ``documents`` into ``site`` now."""
    return finished(start_indexing(documents, site))
