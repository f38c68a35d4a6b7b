"""The validated, cross-referenced catalogue (phase 2 of the build).

Records are indexed by kind and id; vocabulary fields are checked and normalised (a province's
GB/T 2260 code becomes its id); every reference and image is checked; reverse references are
built once here so that pages never search the collection.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from museum.catalogue import terms
from museum.records.fields import Ref, Text
from museum.records.loader import Loaded
from museum.media.source import ImageFault, ImageInfo, inspect_image, resolve_src
from museum.records.models import (
    KINDS,
    OPTIONAL_VOCABULARIES,
    VOCAB_FIELDS,
    Artifact,
    Exhibition,
    Heritage,
    Image,
    Museum,
    Record,
    Route,
    VocabEntry,
)
from museum.records.problems import Problem
from museum.records.yamlsource import FieldPath, load_document

Where = FieldPath


@dataclass
class Catalogue:
    root: Path
    collections: Path
    records: dict[str, dict[str, Record]] = field(default_factory=lambda: {k: {} for k in KINDS})
    vocab: dict[str, dict[str, VocabEntry]] = field(default_factory=dict)
    aliases: dict[str, dict[str, str]] = field(default_factory=lambda: {k: {} for k in KINDS})
    images: dict[Path, ImageInfo] = field(default_factory=dict)  # resolved source files
    era_of: dict[str, str] = field(default_factory=dict)  # artifact id -> era id
    # Reverse references: target -> referring records, in a stable order.
    referrers: dict[Ref, dict[str, list[str]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(list)))
    _resolved: dict[tuple[str, str], Path] = field(default_factory=dict, repr=False, compare=False)

    # --- looking things up ----------------------------------------------------------------------
    def get(self, ref: Ref) -> Record | None:
        """The one resolver: a record by its id or by one of its old ids (aliases)."""
        table = self.records.get(ref.kind, {})
        return table.get(ref.id) or table.get(self.aliases.get(ref.kind, {}).get(ref.id, ""))

    def target(self, ref: Ref) -> Record:
        """The record a checked reference points at (the catalogue has resolved every one)."""
        found = self.get(ref)
        if found is None:
            raise KeyError(f"unresolved reference {ref}")  # a bug: check reports dangling references
        return found

    def resolve(self, kind: str, rid: str) -> str | None:
        """The current id for an id or an old id (alias); None when neither exists."""
        if rid in self.records[kind]:
            return rid
        return self.aliases[kind].get(rid)

    def label(self, vocabulary: str, vid: str) -> Text:
        entry = self.vocab.get(vocabulary, {}).get(vid)
        return entry.label if entry else Text.of(vid)

    def referring(self, target: Ref, kind: str) -> list[Record]:
        return [self.records[kind][rid] for rid in self.referrers.get(target, {}).get(kind, [])]

    def counts(self) -> dict[str, int]:
        return {kind: len(table) for kind, table in self.records.items()}

    @property
    def museums(self) -> dict[str, Museum]:
        return self.records["museum"]  # type: ignore[return-value]

    @property
    def artifacts(self) -> dict[str, Artifact]:
        return self.records["artifact"]  # type: ignore[return-value]

    @property
    def exhibitions(self) -> dict[str, Exhibition]:
        return self.records["exhibition"]  # type: ignore[return-value]

    @property
    def heritage(self) -> dict[str, Heritage]:
        return self.records["heritage"]  # type: ignore[return-value]

    @property
    def routes(self) -> dict[str, Route]:
        return self.records["route"]  # type: ignore[return-value]

    def image_src(self, record: Record, image: Image) -> Path:
        """The resolved source file of an image that the catalogue has checked."""
        key = (record.source, image.src)
        resolved = self._resolved.get(key)
        if resolved is None:  # (resolving a path asks the file system: remembered, for the pages and exports)
            resolved = resolve_src(image.src, self.root / record.source, self.collections)
            assert isinstance(resolved, Path)
            self._resolved[key] = resolved
        return resolved


# --- what a record points at ---------------------------------------------------------------------
def references_of(record: Record) -> Iterator[tuple[Where, Ref]]:
    if isinstance(record, Museum):
        for i, ref in enumerate(record.heritage):
            yield ("heritage", i), ref
    elif isinstance(record, Artifact):
        yield ("museum",), record.museum
        for name in ("heritage", "related"):
            for i, ref in enumerate(getattr(record, name)):
                yield (name, i), ref
    elif isinstance(record, Exhibition):
        if record.museum:
            yield ("museum",), record.museum
        for s, section in enumerate(record.sections):
            for i, ref in enumerate(section.artifacts):
                yield ("sections", s, "artifacts", i), ref
        for i, ref in enumerate(record.related):
            yield ("related", i), ref
    elif isinstance(record, Heritage):
        for i, ref in enumerate(record.museums):
            yield ("museums", i), ref
    elif isinstance(record, Route):
        for i, stop in enumerate(record.stops):
            yield ("stops", i, "stop"), stop.stop


def images_of(record: Record) -> Iterator[tuple[Where, Image]]:
    for i, image in enumerate(getattr(record, "images", [])):
        yield ("images", i), image
    if isinstance(record, Exhibition):
        if record.cover:
            yield ("cover",), record.cover
        for s, section in enumerate(record.sections):
            for i, image in enumerate(section.images):
                yield ("sections", s, "images", i), image


def vocab_values(record: Record) -> Iterator[tuple[Where, str, str]]:
    """(where, vocabulary, value) for every vocabulary field the record fills."""
    for name, vocabulary in VOCAB_FIELDS[record.kind].items():
        if "." in name:  # a field of each item of a list: listings.level
            outer, inner = name.split(".", 1)
            for i, item in enumerate(getattr(record, outer, None) or []):
                value = getattr(item, inner, None)
                if value is not None:
                    yield (outer, i, inner), vocabulary, value
            continue
        value = getattr(record, name, None)
        if isinstance(value, list):
            for i, item in enumerate(value):
                yield (name, i), vocabulary, item
        elif value is not None:
            yield (name,), vocabulary, value


# --- building --------------------------------------------------------------------------------------
class _Locator:
    """Finds the line of a field in a record's file, re-reading the file only when a problem needs it."""

    def __init__(self, root: Path):
        self.root = root
        self.cache: dict[str, Any] = {}

    def problem(self, source: str, where: Where, zh: str, en: str) -> Problem:
        if source not in self.cache:
            self.cache[source] = load_document(self.root / source, source)
        return self.cache[source].problem(where, zh, en)


def build_catalogue(loaded: Loaded, *, inspect_images: bool = True) -> tuple[Catalogue, list[Problem]]:
    cat = Catalogue(loaded.root, loaded.collections)
    problems: list[Problem] = list(loaded.problems)
    locate = _Locator(loaded.root)

    for name in OPTIONAL_VOCABULARIES:
        cat.vocab[name] = {}  # absent file: no terms (records/models.py)
    for name, vocabulary in loaded.vocabularies.items():
        cat.vocab[name] = {entry.id: entry for entry in vocabulary.entries}
    province_codes = {e.code: e.id for e in cat.vocab.get("provinces", {}).values() if e.code}

    _index(cat, loaded, problems, locate)
    # Records that failed validation: whoever names one is not told it is missing (its own problems say
    # what is wrong), and what is valid of it is checked too (records/salvage.py).
    failed = {Ref(kind, record.id) for kind, records in loaded.broken.items() for record in records
              if record.id not in cat.records[kind]}
    for records in loaded.broken.values():
        for record in records:
            list(_check_vocab(cat, record, province_codes, problems, locate))
            list(_check_references(cat, record, problems, locate, failed, register=False))
            _check_images(cat, record, problems, locate, inspect_images, keep=False)
    for kind, table in cat.records.items():
        for rid, record in table.items():
            changes = [*_check_vocab(cat, record, province_codes, problems, locate),
                       *_check_references(cat, record, problems, locate, failed)]
            if changes:  # the catalogue's own copy: the loaded record stays as it was read (the preview reuses it)
                record = table[rid] = record.model_copy(deep=True)
                for where, value in changes:
                    _replace(record, where, value)
            _check_images(cat, record, problems, locate, inspect_images)
    _derive_eras(cat, problems, locate)
    return cat, sorted(set(problems))


def _index(cat: Catalogue, loaded: Loaded, problems: list[Problem], locate: _Locator) -> None:
    first_seen: dict[tuple[str, str], str] = {}
    for kind, records in loaded.records.items():
        table = cat.records[kind]
        for record in records:
            assert record.id is not None
            if record.id in table:
                other = table[record.id].source
                problems.append(locate.problem(record.source, ("id",), f"编号“{record.id}”重复，已用于 {other}",
                                               f"duplicate id '{record.id}', already used by {other}"))
                continue
            table[record.id] = record
        for record in table.values():
            for i, alias in enumerate(record.aliases):
                taken = first_seen.get((kind, alias))
                if alias in table:
                    taken = table[alias].source
                if taken:
                    problems.append(locate.problem(record.source, ("aliases", i),
                                                   f"旧编号“{alias}”已被 {taken} 使用",
                                                   f"old id '{alias}' is already used by {taken}"))
                    continue
                first_seen[(kind, alias)] = record.source
                cat.aliases[kind][alias] = record.id  # type: ignore[assignment]


def _check_vocab(cat: Catalogue, record: Record, province_codes: dict[str, str],
                 problems: list[Problem], locate: _Locator) -> Iterator[tuple[Where, str]]:
    """Problems added; yields the changes to make (a province's code becomes its id)."""
    for where, vocabulary, value in list(vocab_values(record)):
        entries = cat.vocab.get(vocabulary)
        if entries is None:
            continue  # the missing vocabulary file is reported once, by the loader
        if vocabulary == "provinces" and value in province_codes:
            yield where, province_codes[value]
            continue
        if value in entries:
            continue
        named = terms.named(entries, value)
        if named is not None:  # a label (石油), or an id written another way (Petroleum): the id it means
            yield where, named
            continue
        zh, en = terms.unknown(vocabulary, entries, value)
        problems.append(locate.problem(record.source, where, zh, en))


def _check_references(cat: Catalogue, record: Record, problems: list[Problem], locate: _Locator,
                      failed: set[Ref], register: bool = True) -> Iterator[tuple[Where, Ref]]:
    """Problems and (with ``register``) reverse references added; yields the changes to make (an old id
    becomes the current one). A reference to one of the ``failed`` records is not reported."""
    for where, ref in list(references_of(record)):
        if ref is None:  # (a salvaged record's missing field)
            continue
        if ref.named:
            zh, en = terms.named_record(cat.records[ref.kind], ref.kind, ref.id)
            problems.append(locate.problem(record.source, where, zh, en))
            continue
        target = cat.get(ref)
        if target is None and ref in failed:
            continue
        if target is None:
            folder = KINDS[ref.kind].folder
            problems.append(locate.problem(record.source, where,
                                           f"引用的记录不存在：collections/{folder}/ 中没有“{ref.id}”",
                                           f"dangling reference: there is no '{ref.id}' in collections/{folder}/"))
            continue
        if target is record:
            problems.append(locate.problem(record.source, where, "记录不能引用自己", "a record cannot refer to itself"))
            continue
        if target.key != ref:
            yield where, target.key  # an old id: every later phase sees the current one
        if not register:
            continue
        bucket = cat.referrers[target.key][record.kind]
        if record.id not in bucket:
            bucket.append(record.id)  # type: ignore[arg-type]


def _replace(record: Record, where: Where, value: Any) -> None:
    """Put ``value`` at ``where`` (a path from references_of) inside the record."""
    holder: Any = record
    for step in where[:-1]:
        holder = holder[step] if isinstance(step, int) else getattr(holder, step)
    last = where[-1]
    if isinstance(last, int):
        holder[last] = value
    else:
        setattr(holder, last, value)


def _check_images(cat: Catalogue, record: Record, problems: list[Problem], locate: _Locator,
                  inspect: bool, keep: bool = True) -> None:
    """``keep``: the images found are the catalogue's (not those of a record that is never published)."""
    for where, image in images_of(record):
        resolved = resolve_src(image.src, cat.root / record.source, cat.collections)
        if isinstance(resolved, Path) and inspect:
            resolved = cat.images.get(resolved) or inspect_image(resolved)
        if isinstance(resolved, ImageFault):
            problems.append(locate.problem(record.source, (*where, "src"), resolved.zh, resolved.en))
        elif isinstance(resolved, ImageInfo) and keep:
            cat.images[resolved.path] = resolved


def _derive_eras(cat: Catalogue, problems: list[Problem], locate: _Locator) -> None:
    eras = sorted(cat.vocab.get("eras", {}).values(), key=lambda e: e.start or 0)
    for artifact in cat.artifacts.values():
        if artifact.era:
            era = cat.vocab.get("eras", {}).get(artifact.era)
            if era is not None:
                cat.era_of[artifact.id] = artifact.era  # type: ignore[index]
                date = artifact.date
                if (era.end is not None and date.start > era.end) or (era.start is not None and date.end < era.start):
                    first, last = (str(y) if y is not None else "…" for y in (era.start, era.end))
                    problems.append(locate.problem(
                        artifact.source, ("era",),
                        f"时期“{artifact.era}”（{era.label.zh}，{first}—{last}年）与日期“{date}”不符：请改正日期或时期，"
                        "或删去 era，由日期推定",
                        f"the era '{artifact.era}' ({era.label.en or era.label.zh}, {first}–{last}) does not match the date "
                        f"'{date.english}': correct the date or the era, or leave era out and let the date decide"))
            continue
        year = artifact.date.start
        for era in eras:
            if (era.start is None or era.start <= year) and (era.end is None or year <= era.end):
                cat.era_of[artifact.id] = era.id  # type: ignore[index]
                break
        else:
            if eras:
                problems.append(locate.problem(artifact.source, ("date",),
                                               f"年份 {year} 不属于 eras 词表中的任何时期，请填写 era",
                                               f"year {year} falls in no era of the eras vocabulary; give an era"))
