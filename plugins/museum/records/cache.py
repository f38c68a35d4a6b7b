"""Records remembered between runs, so that an unchanged file is not parsed and validated again.

An entry is a file's record and problems exactly as loading it gave them (before the catalogue
resolves anything), under the file's size, modification time and inode; any change to the file, or
to the code that reads records, makes it be read anew. The cache lives in ``.cache/records/`` of
the project (made by us, never committed); it is a pickle, so only a folder of one's own should
hold it. A damaged or unreadable cache is ignored, never an error.

A process that loads the same collection again and again (the preview) passes ``memory``, a dict
it keeps: unchanged records then come back as the very objects of the last run, neither read from
the cache file nor unpickled (0.3 s at 10,000 records). Nothing changes a loaded record (the
catalogue normalises copies), so sharing them is safe.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import Any

def cache_folder(root: Path) -> Path:
    """Where the project at ``root`` keeps its remembered records."""
    return root / ".cache" / "records"


KEEP = 6  # cache files kept, the most recently written
_CODE = Path(__file__).resolve().parent  # records/: what decides what a file reads as


def _code_version() -> str:
    h = hashlib.blake2b(digest_size=12)
    for path in sorted(_CODE.glob("*.py")):
        h.update(path.name.encode() + path.read_bytes())
    return h.hexdigest()


Stamp = tuple[int, int, int]


class RecordCache:
    def __init__(self, folder: Path | None, collections: Path, root: Path, memory: dict | None = None):
        self.file = None
        self.entries: dict[str, tuple[Stamp, bytes]] = {}
        self.used: dict[str, tuple[Stamp, bytes]] = {}
        self.objects: dict[str, tuple[Stamp, Any]] = {}  # from ``memory``: what earlier runs here gave
        self.kept: dict[str, tuple[Stamp, Any]] = {}  # for ``memory``: what this run gives
        self.memory = memory
        self.changed = False
        if folder is None:
            return
        name = hashlib.blake2b(f"{collections}\0{root}\0{_code_version()}".encode(), digest_size=12).hexdigest()
        self.file = folder / f"{name}.pickle"
        if memory is not None and self.file in memory:
            self.entries, self.objects = memory[self.file]
            return
        try:
            with self.file.open("rb") as fh:
                entries = pickle.load(fh)
            if isinstance(entries, dict):
                self.entries = entries
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError, TypeError):
            self.entries = {}

    @staticmethod
    def stamp(path: Path) -> tuple[int, int, int] | None:
        try:
            st = path.stat()
        except OSError:
            return None
        return (st.st_size, st.st_mtime_ns, st.st_ino)

    def get(self, path: Path) -> Any | None:
        """What loading ``path`` gave last time, if the file is unchanged; None otherwise."""
        if self.file is None:
            return None
        key = str(path)
        entry = self.entries.get(key)
        try:
            stamp = self.stamp(path)
            if entry is None or entry[0] != stamp:  # (a file gone: None, never equal)
                return None
            known = self.objects.get(key)
            value = known[1] if known is not None and known[0] == stamp else pickle.loads(entry[1])
        except Exception:  # a damaged entry: read the file
            return None
        self.used[key] = entry
        if self.memory is not None:
            self.kept[key] = (stamp, value)
        return value

    def put(self, path: Path, stamp: Stamp | None, value: Any) -> None:
        if self.file is None or stamp is None:
            return
        self.used[str(path)] = (stamp, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        if self.memory is not None:
            self.kept[str(path)] = (stamp, value)
        self.changed = True

    def save(self) -> None:
        """Keep the entries of this run's files (a deleted file's entry goes)."""
        if self.memory is not None and self.file is not None:
            self.memory.clear()  # (one collection's records at a time)
            self.memory[self.file] = (self.used, self.kept)
        if self.file is None or not (self.changed or self.used.keys() != self.entries.keys()):
            return
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.file.with_suffix(f".tmp-{os.getpid()}")
            with tmp.open("wb") as fh:
                pickle.dump(self.used, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.file)
            # One file per collections folder: keep the few most recent (tests build many folders).
            others = sorted(self.file.parent.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
            for old in others[KEEP:]:
                old.unlink(missing_ok=True)
        except OSError:
            pass  # a cache that cannot be written only costs time
