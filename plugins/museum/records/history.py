"""When each record file was first published and last changed, from the repository's history.

The feed and the sitemap date records by their history, not by the build: the same commit gives the
same dates on any machine, so the exports stay byte-for-byte the same. One ``git log`` reads the whole
history at once (it streams: 100,000 files are one pass). A file git does not know (not yet committed,
or a collection outside any repository) is dated by its modification time; a file changed since its
last commit, by the later of the two.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path


@dataclass(frozen=True)
class Dates:
    created: int  # Unix seconds
    updated: int

    @property
    def created_iso(self) -> str:
        return iso(self.created)

    @property
    def updated_iso(self) -> str:
        return iso(self.updated)


def iso(seconds: int) -> str:
    return datetime.fromtimestamp(seconds, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _git_dates(folder: Path) -> dict[Path, Dates]:
    """Every file git has seen under ``folder``, with its first and last commit times."""
    try:
        proc = subprocess.Popen(
            ["git", "-C", str(folder), "log", "--format=%x00%ct", "--name-only", "--no-renames",
             "--diff-filter=AM", "--relative", "--", "."],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, encoding="utf-8",
            env={**os.environ, "GIT_CONFIG_PARAMETERS": "'core.quotepath=false'"})
    except OSError:  # no git on this machine
        return {}
    found: dict[Path, Dates] = {}
    when = 0
    assert proc.stdout is not None
    for line in proc.stdout:  # newest commit first
        line = line.rstrip("\n")
        if line.startswith("\0"):
            when = int(line[1:])
        elif line:
            path = folder / line
            seen = found.get(path)
            found[path] = Dates(when, seen.updated if seen else when)
    if proc.wait() != 0:  # not a repository
        return {}
    return found


class History:
    """The dates of the record files under one collections folder."""

    def __init__(self, collections: Path):
        self.collections = collections.resolve()
        self.known = _git_dates(self.collections)
        self.edited = _edited(self.collections) if self.known else set()

    def dates(self, source: Path) -> Dates:
        path = source.resolve()
        seen = self.known.get(path)
        if seen is not None and path not in self.edited:
            return seen
        try:
            mtime = int(path.stat().st_mtime)
        except OSError:
            mtime = 0
        return Dates(seen.created if seen else mtime, max(mtime, seen.updated if seen else 0))


def _edited(folder: Path) -> set[Path]:
    """The files changed since their last commit (a curator's edit not yet committed)."""
    try:
        done = subprocess.run(["git", "-C", str(folder), "status", "--porcelain", "-z", "--untracked-files=no",
                               "--no-renames", "--", "."], capture_output=True)
        top = subprocess.run(["git", "-C", str(folder), "rev-parse", "--show-toplevel"], capture_output=True, text=True)
    except OSError:
        return set()
    if done.returncode or top.returncode:
        return set()
    root = Path(top.stdout.strip())
    return {(root / entry[3:].decode("utf-8")).resolve() for entry in done.stdout.split(b"\0") if len(entry) > 3}
