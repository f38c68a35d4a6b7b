"""What a record's pages are made of, as one key: when the key is the same, so are the pages.

A record's pages (its page and the full listings of its long lists) show the record itself, the
records it names and the records that name it (one step both ways), and the museum of every
artifact among them (an artifact's card names its museum). Everything else they show is global:
the code and templates, the page shell, the vocabularies, the site's address; ``salt`` stands for
all of that. tests/test_incremental.py checks the claim: after edits of every kind, a rebuild that
reuses pages by key gives the same site as a build from nothing.

Every other page (home, listings, directories, the map) is made from its spec alone, so its key is
the spec itself, pickled, with the salt (``PageInputs.spec_key``): planning those pages is cheap,
rendering them is not.

The preview builds again and again in one process, and most of its records are the very objects of
its last build (records/cache.py): ``memory``, a dict it keeps, remembers their digests.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

from museum.catalogue.index import Catalogue, images_of, references_of
from museum.media.pictures import Picture
from museum.pages.spec import PageSpec
from museum.records.models import Artifact, Record


def digest_files(paths: Iterable[Path], *extra: str) -> str:
    """One digest of files' names and bytes (and of ``extra`` strings), in the order given."""
    h = hashlib.blake2b(digest_size=16)
    for path in paths:
        h.update(path.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for text in extra:
        h.update(text.encode() + b"\0")
    return h.hexdigest()


PACKAGE = Path(__file__).resolve().parents[1]  # plugins/museum: code, templates, theme, bundled data
# The libraries that turn specs into HTML: a new version may write other bytes from the same spec.
RENDERING = ("jinja2", "markupsafe", "markdown-it-py", "pydantic")


def salt(cat: Catalogue, *extra: str) -> str:
    """What every page depends on: the package's files, Python and the rendering libraries, the
    vocabularies, and ``extra`` (the page shells, the site's address)."""
    files = sorted(p for p in PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    versions = [sys.version, *(f"{name}=={metadata.version(name)}" for name in RENDERING)]
    vocab = [f"{name}:{entry.model_dump_json()}" for name, entries in cat.vocab.items() for entry in entries.values()]
    return digest_files(files, *versions, *vocab, *extra)


class PageInputs:
    def __init__(self, cat: Catalogue, pictures: dict[Path, Picture], salt: str, memory: dict | None = None):
        self.cat = cat
        self.pictures = pictures
        self.salt = salt
        self._digests: dict[tuple[str, str], str] = {}
        self.memory = memory  # id(record) -> (record, what else its digest covers, digest), from the last build
        self.kept: dict[int, tuple[Record, str, str]] = {}  # the same, for the next build

    def remember(self) -> None:
        """Hand this build's digests to the next (made in this process: a forked writer's are lost)."""
        if self.memory is not None:
            self.memory.clear()
            self.memory.update(self.kept)

    def shown(self, record: Record) -> list[Record]:
        """The records whose text or pictures can appear on ``record``'s pages, itself first."""
        found: dict = {record.key: record}
        for _, ref in references_of(record):
            target = self.cat.get(ref)
            if target is not None:
                found.setdefault(target.key, target)
        for kind, ids in self.cat.referrers.get(record.key, {}).items():
            for rid in ids:
                other = self.cat.records[kind][rid]
                found.setdefault(other.key, other)
        for other in list(found.values()):
            if isinstance(other, Artifact):
                museum = self.cat.get(other.museum)
                if museum is not None:
                    found.setdefault(museum.key, museum)
        return list(found.values())

    def digest(self, record: Record) -> str:
        """The record as the catalogue holds it (references made current), its file and its pictures."""
        slot = (record.kind, record.id or "")
        value = self._digests.get(slot)
        if value is None:
            era = self.cat.era_of.get(record.id or "", "") if record.kind == "artifact" else ""
            pictures = [self.pictures.get(self.cat.image_src(record, image)) for _, image in images_of(record)]
            rest = f"\0{record.source}\0{era}" + "".join(f"\0{p.key if p else '-'}" for p in pictures)
            known = self.memory.get(id(record)) if self.memory is not None else None
            if known is not None and known[0] is record and known[1] == rest:
                value = known[2]  # the same object, never changed (records/cache.py): the same digest
            else:
                h = hashlib.blake2b(digest_size=16)
                h.update(record.model_dump_json().encode())
                h.update(rest.encode())
                value = h.hexdigest()
            self._digests[slot] = value
            if self.memory is not None:
                self.kept[id(record)] = (record, rest, value)
        return value

    def key(self, record: Record) -> str:
        h = hashlib.blake2b(self.salt.encode(), digest_size=16)
        for other in self.shown(record):
            h.update(f"{other.kind}/{other.id}:{self.digest(other)};".encode())
        return h.hexdigest()

    def spec_key(self, spec: PageSpec) -> str:
        """The key of a page made from ``spec`` alone; "-" (never reused) if the spec will not pickle."""
        h = hashlib.blake2b(self.salt.encode(), digest_size=16)
        try:
            h.update(pickle.dumps(spec, protocol=pickle.HIGHEST_PROTOCOL))
        except (pickle.PicklingError, TypeError, AttributeError):
            return "-"
        return h.hexdigest()
