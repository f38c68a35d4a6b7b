"""Answering a query from the index files, as the visitor's browser does (museum-search.js).

The browser is the real reader; this one is its specification in Python, for tests and for the
recall figures in bench/, and the browser tests check that the two answer alike.

A query is split as a record is (text.tokens). Every token must match (AND):
- a Chinese run by all its bigrams (one character: that character, in names and tags);
- a word by its stem, or as the prefix of a longer word (typing), or, if it reads as pinyin,
  by its syllables (``jiefang`` → ~jiefang, one less: a reading of the word, not the word).
A record's score is the sum over tokens of its best match: 2 × field weight (name 3, tag 2,
text 1) for a run or an exact word, one less for a prefix. Equal scores keep the index's order.
"""

from __future__ import annotations

import base64
import json
from itertools import accumulate
from dataclasses import dataclass, field
from pathlib import Path

from museum.search import text
from museum.search.index import own_bits, own_name


def _varints(raw: bytes) -> list[int]:
    """The values of LEB128 varints (search.index.varints writes them)."""
    out, value, shift = [], 0, 0
    for byte in raw:
        value |= (byte & 0x7F) << shift
        if byte & 0x80:
            shift += 7
            continue
        out.append(value)
        value, shift = 0, 0
    return out


def decode(data: str) -> list[tuple[int, int]]:
    """Postings: (record number, field weight) from base64 varints of gap << 2 | weight."""
    out, doc = [], 0
    for value in _varints(base64.b64decode(data)):
        doc += value >> 2
        out.append((doc, value & 3))
    return out


def _running(raw: bytes) -> list[int]:
    """A facet value's records from varints of gaps."""
    return list(accumulate(_varints(raw)))


def split_pinyin(word: str, syllables: set[str]) -> list[str] | None:
    """``jiefang`` → [jie, fang]: the fewest syllables, or None if the word is not pinyin."""
    best: list[list[str] | None] = [None] * (len(word) + 1)
    best[0] = []
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - 6), end):
            head = best[start]
            if head is not None and word[start:end] in syllables:
                if best[end] is None or len(head) + 1 < len(best[end]):
                    best[end] = [*head, word[start:end]]
    return best[len(word)]


@dataclass
class Result:
    number: int
    score: int
    url: str = ""
    title: str = ""
    fields: list = field(default_factory=list)


class Index:
    """One language's index in a built site's folder."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        self.syllables = set(self.meta["syllables"].split())
        self.fetched: list[str] = []  # the files a query read, as the browser would fetch them
        self._cache: dict[str, object] = {}
        self.rows: dict[int, list] = {}  # what records show, from the own files read (their ``first``)

    def _file(self, sub: str, name: str):
        path = f"{sub}/{name}.json"
        if path not in self._cache:
            self.fetched.append(path)
            try:
                self._cache[path] = json.loads((self.folder / path).read_text(encoding="utf-8"))
            except FileNotFoundError:  # as the browser is answered 404
                self._cache[path] = None
        return self._cache[path]

    def _named(self, sub: str, groups: list[str], n: int) -> str:
        return f"{groups[n // self.meta['group']]}/{n}"

    def shard(self, term: str) -> dict:
        return self._file("t", self._named("t", self.meta["terms"], text.bucket(term, self.meta["buckets"])))

    def _group(self, term: str) -> str:
        return self.meta["terms"][text.bucket(term, self.meta["buckets"]) // self.meta["group"]]

    def may_own(self, term: str) -> str | None:
        """Where the term's own file is if meta.json's filter says it may have one; None if it has none."""
        data = base64.b64decode(self.meta["own"]["filter"])
        if all(data[n // 8] >> (n % 8) & 1 for n in own_bits(term, len(data) * 8)):
            return f"x/{self._group(term)}/{own_name(term)}.json"
        return None

    def _own(self, term: str, name: str) -> str | None:
        """The postings in the own file ``name`` of ``term``'s group if that file is the term's (keeping
        the rows of its first results); None if there is no such file or it is another term's."""
        own = self._file("x", f"{self._group(term)}/{name}")
        if not own or own["term"] != term:
            return None
        self.rows.update((row[0], row[1:]) for row in own["first"])
        return own["postings"]

    def postings(self, term: str) -> dict[int, int]:
        """A term looked up whole (a Chinese pair or character, a reading): from its own file alone if
        the filter says it may have one and the file is its, else from its shard."""
        if self.may_own(term):
            found = self._own(term, own_name(term))
            if found is not None:
                return dict(decode(found))
        return self._entry(term, self.shard(term).get(term))

    def _entry(self, term: str, entry) -> dict[int, int]:
        if isinstance(entry, list):
            entry = self._own(term, entry[0])
        return dict(decode(entry)) if entry else {}

    def _word(self, word: str) -> dict[int, int]:
        """Record → score for one typed word: its stem, words it begins, its pinyin."""
        scores: dict[int, int] = {}
        stemmed = text.stem(word)
        for candidate in {stemmed, word}:
            if self.may_own(candidate):  # the browser asks for it with the shard
                self._own(candidate, own_name(candidate))
            shard = self.shard(candidate)
            for term, entry in shard.items():
                if term == stemmed or (len(word) >= text.KEY_LENGTH and term.startswith(candidate)
                                       and not term.startswith(text.PINYIN)):
                    bonus = 0 if term == stemmed else -1
                    for doc, weight in self._entry(term, entry).items():
                        scores[doc] = max(scores.get(doc, 0), 2 * weight + bonus)
        syllables = split_pinyin(word, self.syllables) if word.isascii() and word.isalpha() else None
        if syllables:
            terms = ([text.PINYIN + syllables[0]] if len(syllables) == 1 else
                     [text.PINYIN + a + b for a, b in zip(syllables, syllables[1:])])
            for doc, weight in _all_of([self.postings(t) for t in terms]).items():
                scores[doc] = max(scores.get(doc, 0), 2 * weight - 1)  # a reading, not the word itself
        return scores

    def _token(self, token: str) -> dict[int, int]:
        if not text.is_cjk(token):
            return self._word(token)
        terms = [token] if len(token) == 1 else [token[i:i + 2] for i in range(len(token) - 1)]
        return {doc: 2 * weight for doc, weight in _all_of([self.postings(t) for t in terms]).items()}

    def search(self, query: str, facets: dict[str, list[str]] | None = None) -> list[Result]:
        tokens = list(dict.fromkeys(text.tokens(query)))
        scores: dict[int, int] | None = None
        for token in tokens:
            found = self._token(token)
            scores = found if scores is None else {d: s + found[d] for d, s in scores.items() if d in found}
            if not scores:
                return []
        for facet, wanted in (facets or {}).items():
            allowed = self.facet_records(facet, wanted)
            scores = ({d: 0 for d in sorted(allowed)} if scores is None else
                      {d: s for d, s in scores.items() if d in allowed})
        if scores is None:
            return []
        return [Result(d, s) for d, s in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))]

    def facet_records(self, facet: str, wanted: list[str]) -> set[int]:
        entry = next(f for f in self.meta["facets"] if f["id"] == facet)
        allowed: set[int] = set()
        for vid, _label, _count, data in self._file("f", entry["file"]):
            if vid in wanted:
                allowed.update(_running(base64.b64decode(data)))
        return allowed

    def shown(self, results: list[Result], count: int = 10) -> list[Result]:
        """The first ``count`` results with what they show: from the own files the query read, else
        from their document files."""
        out = []
        for result in results[:count]:
            fields = self.rows.get(result.number)
            if fields is None:
                chunk = self._file("d", self._named("d", self.meta["documents"], result.number // self.meta["chunk"]))
                fields = chunk[result.number % self.meta["chunk"]]
            out.append(Result(result.number, result.score, fields[0], fields[1], fields))
        return out

    def urls(self, query: str, count: int = 10, facets: dict[str, list[str]] | None = None) -> list[str]:
        return [r.url for r in self.shown(self.search(query, facets), count)]


def _all_of(lists: list[dict[int, int]]) -> dict[int, int]:
    """Records in every list, with their lowest weight (a phrase is as strong as its weakest pair)."""
    if not lists:
        return {}
    lists = sorted(lists, key=len)
    out = dict(lists[0])
    for other in lists[1:]:
        out = {d: min(w, other[d]) for d, w in out.items() if d in other}
    return out
