"""The search index: documents in, small content-addressed files out, one index per language.

What a visitor's browser fetches for a query is bounded, however large the collection:

- ``meta.json``: the entry point (a few kilobytes; its tables grow by one name per 512 records, and
  its filter of the terms with files of their own by about a byte and a quarter per such term).
- **Term shards** ``t/``: every term is filed in one of ``buckets`` shards by a hash of its key
  (text.key: a word's first letters, so one shard holds every word a typed prefix can extend to).
  A shard maps each term to its postings; a term whose postings are large gets a file of its own
  (``x/``), fetched only when a query needs it. Shards are filed 64 to a folder named after their
  content (``t/<group>/<n>.json``); meta.json lists the folders, so a shard is one request away.
  A term's own file is in the folder of its shard's group, named after the term
  (``x/<group>/<own_name>.json``), and meta.json's Bloom filter (``own``) says which terms have one:
  the browser asks for a Chinese term's own file alone (a word's shard too: it lists the words a prefix
  extends to). An own file names its term, so a term the filter passes wrongly, or one whose file
  had to be named otherwise (two terms of a group, one CRC), is read from its shard after all.
  It also holds what its first results show (``first``: FIRST rows, as in ``d/``), so that a query
  of one common term, the most common kind, is answered from one file in one round trip.
  The group's name covers its own files too, so a change to them renames it.
- **Documents** ``d/``: what a result shows (title, kind, museum, thumbnail, summary), CHUNK
  records to a file, so only the results shown are fetched; in folders of 64 as for terms.
- **Facets** ``f/``: one file per facet (kind, industry, …), each value with its count and its
  records, fetched when the visitor opens that facet.
- **Folding** ``fold/``: traditional → simplified, one file (about 20 KB gzipped, the same for any
  collection) that the page fetches once, as soon as it opens: a query then folds its characters at
  once, where fetching the table's shards for each query's characters cost it a round trip and a
  file's handling for each shard.

Postings are varints of (gap to the previous record << 2 | field weight), in base64: records are
numbered in the order the producer gives them (short titles first), which is also the order of
equal scores. Every file is named after its content, so a host may cache it for ever and an
unchanged shard keeps its name from one build to the next.
"""

from __future__ import annotations

import base64
import hashlib
import json
import multiprocessing
import os
import shutil
import zlib
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import count
from pathlib import Path

import numpy as np

from museum.search import text

FORMAT = 6  # raise on any change to the files: an index of another format is made anew
SOURCE = "source.json"  # beside the languages' folders: the digest of the documents it was made from
GROUP = 64  # file names per group table
# Records per document file. The first 10 results of a query span 2-4 files at 32 (4-9 at 8), and at
# 100,000 objects each file cost a query more in the browser's handling than its bytes did in transfer.
CHUNK = 32
# Postings bytes aimed at per term shard: a query reads one shard per term and parses all of it (at
# 24,000, shards of 40-80 KB took the browser longer to read than the postings the query wanted).
SHARD_BYTES = 8_000
OWN_FILE = 12_000  # postings bytes past which a term gets a file of its own
# Results whose rows a term's own file holds: a page of them (museum-search.js PAGE). At 100,000
# objects the second round trip, for the document files of the results shown, took a third of a
# query's time; with these rows a one-term query needs none (a phrase often does: the rows its pairs'
# files lack come from the document files).
FIRST = 10
# The Bloom filter of terms with files of their own: about 1% of other terms pass it (the browser
# then asks for a file that is not there, and reads the term from its shard).
OWN_HASHES, OWN_BITS_PER_TERM = 7, 10
SUMMARY = 160  # characters of a result's summary
# Characters of a record's longer text that are indexed: names, tags and places are indexed whole.
TEXT_LIMIT = {"zh": 400, "en": 1200}


def _text(value, lang: str) -> str:
    """A {"zh": …, "en": …} value in ``lang``, else in Chinese (a record's only required language)."""
    if isinstance(value, dict):
        return value.get(lang) or value.get("zh") or ""
    return value or ""


class _Files:
    """Writes content-addressed files under one folder: ``sub/<n>.<hash>.json``."""

    def __init__(self, root: Path):
        self.root = root
        self.count = 0
        self.bytes = 0
        self.folders: set[str] = set()

    def write(self, sub: str, n: int | str, data) -> str:
        body = _json(data)
        name = f"{n}.{hashlib.blake2b(body, digest_size=5).hexdigest()}"
        folder = self.root / sub
        if sub not in self.folders:
            folder.mkdir(parents=True, exist_ok=True)
            self.folders.add(sub)
        (folder / f"{name}.json").write_bytes(body)
        self.count += 1
        self.bytes += len(body)
        return name



class _Grouped:
    """Files written GROUP at a time into a folder named after their content: ``sub/<hash>/<n>.json``.
    A reader finds file n from the group's name alone (meta.json lists the groups), with no table
    between; a change renames the GROUP files of its group, and no other. ``extra``: files that go
    with the group's (its terms' own files), written into ``extra/<hash>/<name>.json`` and counted
    in the hash."""

    def __init__(self, files: _Files, sub: str, extra: str | None = None):
        self.files, self.sub, self.extra = files, sub, extra
        self.groups: list[str] = []
        self.bodies: list[bytes] = []
        self.extras: dict[str, bytes] = {}
        self.count = 0

    def add(self, data, extras: dict[str, object] | None = None) -> None:
        self.bodies.append(_json(data))
        self.extras.update((name, _json(value)) for name, value in (extras or {}).items())
        self.count += 1
        if len(self.bodies) == GROUP:
            self.flush()

    def _write(self, folder: Path, bodies) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        for name, body in bodies:
            (folder / f"{name}.json").write_bytes(body)
            self.files.count += 1
            self.files.bytes += len(body)

    def flush(self) -> None:
        if not self.bodies:
            return
        digest = hashlib.blake2b(digest_size=5)
        for body in [*self.bodies, *(n.encode() + b for n, b in sorted(self.extras.items()))]:
            digest.update(len(body).to_bytes(4, "little"))
            digest.update(body)
        name = digest.hexdigest()
        first = self.count - len(self.bodies)
        self._write(self.files.root / self.sub / name, ((first + i, body) for i, body in enumerate(self.bodies)))
        if self.extras:
            self._write(self.files.root / self.extra / name, sorted(self.extras.items()))
        self.groups.append(name)
        self.bodies, self.extras = [], {}


def _json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def own_name(term: str) -> str:
    """The name of a term's own file in its group's folder (the browser makes it from the term)."""
    return f"{zlib.crc32(term.encode('utf-8')):08x}"


def own_bits(term: str, size: int) -> list[int]:
    """The bits of ``term`` in a Bloom filter of ``size`` bits (double hashing of two CRC-32s)."""
    a, b = zlib.crc32(term.encode("utf-8")), zlib.crc32((term + "\0").encode("utf-8")) | 1
    return [(a + i * b) % size for i in range(OWN_HASHES)]


def own_filter(terms: list[str]) -> str:
    """The Bloom filter of ``terms``, base64 (bit n is bit n % 8 of byte n // 8)."""
    size = max(8, -(-len(terms) * OWN_BITS_PER_TERM // 8)) * 8
    bits = bytearray(size // 8)
    for term in terms:
        for n in own_bits(term, size):
            bits[n // 8] |= 1 << (n % 8)
    return _b64(bits)


def varints(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """LEB128 bytes of unsigned ``values``; and where each value's bytes start."""
    values = values.astype(np.uint64)
    sizes = np.ones(len(values), dtype=np.int64)
    for shift in (7, 14, 21, 28, 35):
        sizes += values >= (1 << shift)
    ends = np.cumsum(sizes)
    starts = ends - sizes
    out = np.zeros(int(ends[-1]) if len(values) else 0, dtype=np.uint8)
    for k in range(6):
        mask = sizes > k
        if not mask.any():
            break
        part = (values[mask] >> np.uint64(7 * k)) & np.uint64(0x7F)
        more = (sizes[mask] > k + 1).astype(np.uint64) << np.uint64(7)
        out[starts[mask] + k] = (part | more).astype(np.uint8)
    return out, starts


def _b64(data) -> str:
    return base64.b64encode(bytes(data)).decode("ascii")


def name_weights(doc: dict) -> dict[str, int]:
    """The terms of a record's names and titles, the same in every language's index (both titles:
    visitors type a name in either language)."""
    terms: dict[str, int] = {}
    for name in [*doc.get("names", ()), *doc["title"].values()]:
        terms.update(dict.fromkeys(text.terms_of(_text(name, "zh"), names=True), text.NAME))
    return terms


def document_terms(doc: dict, lang: str, names: dict[str, int] | None = None) -> dict[str, int]:
    """Every term of one record in ``lang``'s index, with its best field weight (the fields are
    taken from the weakest up, each overriding what it shares with those before)."""
    terms: dict[str, int] = {}
    body = doc.get("text", {}).get(lang)
    if body:
        terms.update(dict.fromkeys(text.terms_of(body[:TEXT_LIMIT[lang]]), text.TEXT))
    for values in doc.get("facets", {}).values():
        for value in values:
            terms.update(dict.fromkeys(text.tag_terms(value.get(lang) or value["zh"]), text.TAG))
    for tag in doc.get("tags", ()):
        terms.update(dict.fromkeys(text.name_terms(_text(tag, lang)), text.TAG))
    terms.update(name_weights(doc) if names is None else names)
    return terms


def _result(doc: dict, lang: str) -> list:
    """What one result shows, in ``lang``: [url, title, other title, kind, museum, image, alt, summary]."""
    other = "en" if lang == "zh" else "zh"
    title = _text(doc["title"], lang)
    alt_title = doc["title"].get(other) or ""
    return [doc["url"], title, "" if alt_title == title else alt_title, _text(doc["kind"], lang),
            _text(doc.get("museum"), lang), doc.get("image") or "", _text(doc.get("alt"), lang),
            _text(doc.get("summary"), lang)[:SUMMARY]]


class _Postings:
    """(term, record, weight) triples, packed as one integer each (term id << 22 | record << 2 | weight)
    until they are written: at 100,000 records, tens of millions of them in one array, sorted in place."""

    SLICE = 1 << 21  # postings encoded at a time (memory, not speed)

    def __init__(self):
        self.ids: dict[str, int] = defaultdict(count().__next__)  # a new term gets the next number
        self.codes = array("Q")
        self._terms: list[int] = []
        self._numbers: list[int] = []
        self._weights: list[int] = []

    def add(self, number: int, terms: dict[str, int]) -> None:
        self._terms += map(self.ids.__getitem__, terms)
        self._weights += terms.values()
        self._numbers += [number] * len(terms)
        if len(self._terms) > self.SLICE:
            self.flush()

    def flush(self) -> None:
        """Pack what was added since the last flush (numpy, not a Python loop per posting)."""
        if self._terms:
            packed = ((np.array(self._terms, dtype=np.uint64) << np.uint64(22))
                      | (np.array(self._numbers, dtype=np.uint64) << np.uint64(2))
                      | np.array(self._weights, dtype=np.uint64))
            self.codes.frombytes(packed.tobytes())
        self._terms, self._numbers, self._weights = [], [], []

    def buckets(self) -> int:
        """Shards enough for SHARD_BYTES each, from the postings' count (about 1.5 bytes each) and
        leaving out the terms that get a file of their own."""
        self.flush()
        counts = np.bincount(np.frombuffer(self.codes, dtype=np.uint64) >> np.uint64(22), minlength=len(self.ids))
        small = counts[counts * 1.5 <= OWN_FILE].sum() * 1.5
        buckets = 64
        while small / buckets > SHARD_BYTES:
            buckets *= 2
        return buckets

    def by_bucket(self, buckets: int) -> Iterator[tuple[int, str, bytes, list[int] | None]]:
        """(shard, term, postings as varints of gap << 2 | weight, first), shard by shard, terms sorted
        within; ``first``: for a term whose postings get a file of their own, its FIRST records in the
        order of a query's results (weight, then number), else None."""
        terms = list(self.ids)
        self.ids = {}
        if not terms:
            return
        shard_of = [text.bucket(t, buckets) for t in terms]
        order = sorted(range(len(terms)), key=lambda i: (shard_of[i], terms[i]))
        rank = np.empty(len(terms), dtype=np.uint64)
        rank[order] = np.arange(len(terms), dtype=np.uint64)
        terms = [terms[i] for i in order]
        shard_of = [shard_of[i] for i in order]
        codes = np.frombuffer(self.codes, dtype=np.uint64)
        low = np.uint64((1 << 22) - 1)
        for a in range(0, len(codes), self.SLICE):  # renumber the terms in shard order, in place
            part = codes[a:a + self.SLICE]
            part[:] = (rank[part >> np.uint64(22)] << np.uint64(22)) | (part & low)
        del rank
        codes.sort()
        pos, n = 0, len(codes)
        while pos < n:
            end = min(n, pos + self.SLICE)
            if end < n:  # to the end of the last term begun
                end = int(np.searchsorted(codes, ((codes[end - 1] >> np.uint64(22)) + np.uint64(1)) << np.uint64(22)))
            part = codes[pos:end]
            tids = part >> np.uint64(22)
            docs = (part >> np.uint64(2)) & np.uint64((1 << 20) - 1)
            starts = np.flatnonzero(np.diff(tids, prepend=np.uint64(1 << 63)))
            gaps = np.diff(docs, prepend=np.uint64(0))
            gaps[starts] = docs[starts]
            weights = part & np.uint64(3)
            data, offsets = varints((gaps << np.uint64(2)) | weights)
            bounds = np.append(offsets[starts], len(data)).tolist()
            ends = [*starts[1:].tolist(), len(part)]
            raw = data.tobytes()
            for i, tid in enumerate(tids[starts].tolist()):
                first = None
                if bounds[i + 1] - bounds[i] > OWN_FILE:
                    own = slice(int(starts[i]), ends[i])
                    order = np.argsort(-weights[own].astype(np.int64), kind="stable")[:FIRST]
                    first = docs[own][order].tolist()
                yield shard_of[tid], terms[tid], raw[bounds[i]:bounds[i + 1]], first
            pos = end
        self.codes = array("Q")


class _Language:
    """One language's index as the records go by, then its files."""

    def __init__(self, out: Path, lang: str, facets: list[dict]):
        self.out, self.lang, self.facets = out, lang, facets
        self.files = _Files(out)
        self.postings = _Postings()
        self.facet_docs: dict[str, dict[str, array]] = {f["id"]: {} for f in facets}
        self.facet_labels: dict[str, dict[str, str]] = {f["id"]: {} for f in facets}
        self.chunk: list[list] = []
        self.documents = _Grouped(self.files, "d")
        self.count = 0

    def add(self, doc: dict, names: dict[str, int]) -> None:
        number, lang = self.count, self.lang
        self.count += 1
        self.postings.add(number, document_terms(doc, lang, names))
        for facet, values in doc.get("facets", {}).items():
            for value in values:
                self.facet_docs[facet].setdefault(value["id"], array("I")).append(number)
                self.facet_labels[facet].setdefault(value["id"], value.get(lang) or value["zh"])
        self.chunk.append(_result(doc, lang))
        if len(self.chunk) == CHUNK:
            self._write_chunk()

    def _write_chunk(self) -> None:
        self.documents.add(self.chunk)
        self.chunk = []

    def _rows(self, numbers: list[int], read: dict[int, list]) -> list[list]:
        """[number, *row] of each record, read back from the document files written (``read``: the
        files read so far; the first results of the terms are mostly the same few records)."""
        out = []
        for n in numbers:
            k = n // CHUNK
            if k not in read:
                if len(read) > 256:
                    read.clear()
                path = self.out / "d" / self.documents.groups[k // GROUP] / f"{k}.json"
                read[k] = json.loads(path.read_bytes())
            out.append([n, *read[k][n % CHUNK]])
        return out

    def finish(self, fold_name: str) -> dict:
        """Write the shards, facets and meta.json; return meta.json's content."""
        files = self.files
        if self.chunk:
            self._write_chunk()
        self.documents.flush()  # the own files hold rows of theirs
        read: dict[int, list] = {}
        buckets = self.postings.buckets()
        shards = _Grouped(files, "t", extra="x")
        shard: dict[str, object] = {}
        extras: dict[str, object] = {}
        owners: list[str] = []  # the terms whose own file has the name the browser makes (own_name)
        for b, term, data, first in self.postings.by_bucket(buckets):
            while shards.count < b:  # the shards before this one are complete (some may be empty)
                shards.add(shard, extras)
                shard, extras = {}, {}
            entry: object = _b64(data)
            if first is not None:
                name = own_name(term)
                if name in shards.extras or name in extras:  # two terms of one group, one CRC: the shard names it
                    name = next(f"{name}-{n}" for n in count(1)
                                if f"{name}-{n}" not in shards.extras and f"{name}-{n}" not in extras)
                else:
                    owners.append(term)
                extras[name] = {"term": term, "postings": entry, "first": self._rows(first, read)}
                entry = [name]
            shard[term] = entry
        while shards.count < buckets:
            shards.add(shard, extras)
            shard, extras = {}, {}
        shards.flush()
        facet_meta = []
        for facet in self.facets:
            values = []
            found = self.facet_docs[facet["id"]]
            for vid, numbers in sorted(found.items(), key=lambda kv: (-len(kv[1]), kv[0])):
                gaps = np.diff(np.frombuffer(numbers, dtype=np.uint32).astype(np.uint64), prepend=np.uint64(0))
                values.append([vid, self.facet_labels[facet["id"]][vid], len(numbers), _b64(varints(gaps)[0])])
            if values:
                facet_meta.append({"id": facet["id"], "label": facet.get(self.lang) or facet["zh"],
                                   "values": len(values), "file": files.write("f", facet["id"], values)})
        meta = {
            "format": FORMAT, "lang": self.lang, "docs": self.count, "chunk": CHUNK, "group": GROUP,
            "buckets": buckets, "key": text.KEY_LENGTH, "pinyin": text.PINYIN,
            "terms": shards.groups, "documents": self.documents.groups,
            "own": {"hashes": OWN_HASHES, "filter": own_filter(owners)},
            "facets": facet_meta, "fold": fold_name, "syllables": " ".join(text.syllables()),
        }
        (self.out / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, separators=(",", ":")),
                                            encoding="utf-8")
        meta["_files"], meta["_bytes"] = files.count + 1, files.bytes
        return meta


def write_indexes(docs: Iterable[dict], root: Path, langs: Iterable[str], facets: list[dict],
                  fold_name: str) -> dict[str, dict]:
    """Index ``docs`` (in their order) into ``root/<lang>/`` for each language, in one pass (a record's
    names are read once for all); return each meta.json's content."""
    indexes = [_Language(root / lang, lang, facets) for lang in langs]
    for doc in docs:
        names = name_weights(doc)
        for index in indexes:
            index.add(doc, names)
    return {index.lang: index.finish(fold_name) for index in indexes}


def write_fold(out: Path) -> str:
    """The folding table as one string of pairs, each a traditional character and its simplified one
    (a string, not an object of thousands of keys: the browser reads it faster)."""
    pairs = "".join(chr(code) + simple for code, simple in sorted(text.simplified_table().items()))
    return _Files(out).write("fold", "table", pairs)


def _index_language(documents: Path, root: Path, lang: str, fold_name: str) -> dict:
    with documents.open(encoding="utf-8") as lines:
        header = json.loads(lines.readline())
        return write_indexes((json.loads(line) for line in lines), root, [lang], header["facets"],
                             f"../fold/{fold_name}")[lang]


def _child(documents: Path, root: Path, lang: str, fold_name: str, conn) -> None:
    conn.send(_index_language(documents, root, lang, fold_name))
    conn.close()


def build(documents: Path, out: Path, source: str, langs: Iterable[str] = ("zh", "en")) -> dict[str, dict]:
    """Index the documents file (JSON lines: a header {"facets": […]}, then one record a line) into
    ``out``, written beside it first and swapped in whole, so a visitor never sees half an index.
    The languages are indexed side by side, one process each. ``source``: the documents' digest,
    kept with the index (run.made_from)."""
    staging = out.with_name(out.name + ".new")
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    fold_name = write_fold(staging)
    first, *others = langs
    context = multiprocessing.get_context("fork")
    children = []
    try:
        for lang in others:
            receive, send = context.Pipe(duplex=False)
            child = context.Process(target=_child, args=(documents, staging, lang, fold_name, send), daemon=True)
            child.start()
            send.close()
            children.append((lang, child, receive))
        metas = {first: _index_language(documents, staging, first, fold_name)}
        for lang, child, receive in children:
            try:
                metas[lang] = receive.recv()
            except EOFError:
                raise RuntimeError(f"the {lang} index failed (its process ended with {child.exitcode})") from None
            child.join()
    finally:
        for _, child, _ in children:
            if child.is_alive():
                child.terminate()
                child.join()
    (staging / SOURCE).write_text(json.dumps({"documents": source}), encoding="utf-8")
    old = out.with_name(out.name + ".old")
    if out.exists():
        if old.exists():
            shutil.rmtree(old)
        os.replace(out, old)
    os.replace(staging, out)
    if old.exists():
        shutil.rmtree(old)
    return metas
