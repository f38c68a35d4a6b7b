"""From the files in ``collections/`` to typed records and vocabularies (phase 1 of the build).

Loading never stops at the first problem: every file is read, and every problem in every file is
collected, so that a curator sees them all in one run.
"""

from __future__ import annotations

import gc
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from museum.records.cache import RecordCache
from museum.records.fields import ID_MAX, ID_RE
from museum.records.messages import problems_from_validation
from museum.records.salvage import salvage
from museum.records.models import FOLDER_KIND, KINDS, OPTIONAL_VOCABULARIES, VOCABULARIES, Record, VocabEntry, Vocabulary
from museum.records.problems import Problem
from museum.records.yamlsource import Document, load_document

VOCAB_FOLDER = "vocab"
MEDIA_FOLDER = "media"


@dataclass
class Loaded:
    """What phase 1 produces: records by kind (in file order), vocabularies, and problems."""

    root: Path  # the project folder; problem paths are relative to it
    collections: Path
    records: dict[str, list[Record]] = field(default_factory=lambda: {kind: [] for kind in KINDS})
    # Records that failed validation, with what is valid of them (records/salvage.py): checked, never published.
    broken: dict[str, list[Record]] = field(default_factory=lambda: {kind: [] for kind in KINDS})
    vocabularies: dict[str, Vocabulary] = field(default_factory=dict)
    vocab_sources: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def place_in(collections: Path, root: Path, path: str) -> tuple[str, str] | None:
    """(the folder or file right under ``collections``, the rest of the path) of a path as problems show
    it (``shown``): ("artifacts", "sub/x.yaml"), ("vocab", "industries.yaml"); None outside ``collections``."""
    base = shown(collections, root).rstrip("/") + "/"
    if not path.startswith(base):
        return None
    first, _, rest = path[len(base):].partition("/")
    return first, rest


@contextmanager
def collector_paused() -> Iterator[None]:
    """For work whose every object is kept (loading, planning): the cyclic collector walking it again
    and again as it grows only costs time (0.3 s of 0.7 to load 10,000 remembered records). Nests:
    the outermost restores."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def load_collection(collections: Path, root: Path | None = None, cache: Path | None = None,
                    memory: dict | None = None) -> Loaded:
    """``cache``: a folder where records are remembered between runs; ``memory``: a dict the caller
    keeps, where they are remembered between runs in this process (records/cache.py)."""
    collections = collections.resolve()
    root = (root or collections.parent).resolve()
    loaded = Loaded(root, collections)
    remembered = RecordCache(cache, collections, root, memory)
    if not collections.is_dir():
        loaded.problems.append(Problem(shown(collections, root), 1, 1, "", "找不到藏品目录",
                                       "the collections folder does not exist"))
        return loaded
    for entry in sorted(collections.iterdir()):
        name = entry.name
        if name.startswith(".") or not entry.is_dir():
            continue
        if name == VOCAB_FOLDER:
            _load_vocabularies(entry, loaded)
        elif name in FOLDER_KIND:
            _load_kind(FOLDER_KIND[name], entry, loaded, remembered)
        elif name != MEDIA_FOLDER:
            folders = "、".join([*FOLDER_KIND, VOCAB_FOLDER, MEDIA_FOLDER])
            loaded.problems.append(Problem(
                shown(entry, root), 1, 1, "", f"未知的目录（应为 {folders} 之一）",
                f"unknown folder (expected one of {', '.join([*FOLDER_KIND, VOCAB_FOLDER, MEDIA_FOLDER])})"))
    for name in VOCABULARIES:
        if name in OPTIONAL_VOCABULARIES:
            continue
        if name not in loaded.vocabularies and not any(p.path.endswith(f"/{name}.yaml") for p in loaded.problems):
            loaded.problems.append(Problem(shown(collections / VOCAB_FOLDER / f"{name}.yaml", root), 1, 1, "",
                                           f"缺少词表 {name}", f"vocabulary {name} is missing"))
    remembered.save()
    return loaded


# Names that look like a record but would not be read: said, never skipped in silence.
_ALMOST = re.compile(r"\.(ya?ml)(\.[^./]+)*$", re.IGNORECASE)
_EDITING = re.compile(r"^\.#|\.sw[a-p]$")  # an editor's lock or swap file while a record is open


def _misnamed(name: str, hidden: bool) -> tuple[str, str] | None:
    """Why a file that looks like a record is not read as one (None when it is one, or no record at
    all); ``hidden``: the file or a folder it is in has a name starting with "."."""
    if not _ALMOST.search(name) or _EDITING.search(name):
        return None
    if hidden:
        return ("隐藏文件（名称以“.”开头）不会作为记录读取，请去掉开头的“.”",
                "hidden files (names starting with '.') are not read as records; remove the leading '.'")
    if name.endswith(".yaml"):
        return None
    suffix = _ALMOST.search(name).group(0)  # type: ignore[union-attr]
    return (f"记录文件的扩展名应为小写的 .yaml，而不是“{suffix}”，否则不会被读取",
            f"record files must end in lower-case .yaml, not '{suffix}', or they are not read")


def _files_in(folder: Path, hidden: bool = False) -> Iterator[tuple[Path, os.DirEntry, bool]]:
    """Every file under ``folder`` with its directory entry and whether it is hidden. Like
    ``Path.rglob``, a link to a folder is not followed; unlike it, nothing is stat-ed twice."""
    try:
        with os.scandir(folder) as found:
            entries = list(found)
    except PermissionError:
        return
    for entry in entries:
        path = folder / entry.name
        is_hidden = hidden or entry.name.startswith(".")
        if entry.is_dir(follow_symlinks=False):
            yield from _files_in(path, is_hidden)
        elif not entry.is_dir():  # (a link to a folder is passed over, as by rglob's callers)
            yield path, entry, is_hidden


def _yaml_files(folder: Path, loaded: Loaded) -> list[Path]:
    files = []
    real_dirs: dict[Path, Path] = {}  # each folder resolved once, not each of its 100,000 files

    def real(path: Path, entry: os.DirEntry) -> Path:
        if entry.is_symlink():
            return path.resolve()
        parent = real_dirs.get(path.parent)
        if parent is None:
            parent = real_dirs[path.parent] = path.parent.resolve()
        return parent / path.name

    for path, entry, hidden in sorted(_files_in(folder), key=lambda found: found[0].parts):  # (as Paths sort)
        why = _misnamed(entry.name, hidden)
        if why is not None:
            loaded.problems.append(Problem(shown(path, loaded.root), 1, 1, "", *why))
        elif entry.name.endswith(".yaml") and len(entry.name) > 5 and not hidden:
            if not real(path, entry).is_relative_to(loaded.collections):
                loaded.problems.append(Problem(shown(path, loaded.root), 1, 1, "", "记录文件是指向 collections/ 之外的链接",
                                               "the record file is a link to a file outside collections/"))
                continue
            files.append(path)
    return files


def _load_kind(kind: str, folder: Path, loaded: Loaded, remembered: RecordCache) -> None:
    model = KINDS[kind].model
    for path in _yaml_files(folder, loaded):
        found = remembered.get(path)
        if found is None:
            stamp, problems = RecordCache.stamp(path), []  # stamped before reading: a later edit misses
            found = (load_record(model, path, loaded.root, problems), problems)
            remembered.put(path, stamp, found)
        record, problems = found
        loaded.problems.extend(problems)
        if record is not None:
            (loaded.broken if record.broken else loaded.records)[kind].append(record)


def load_record(model: type[Record], path: Path, root: Path, problems: list[Problem]) -> Record | None:
    return record_from(model, load_document(path, shown(path, root)), path.stem, problems)


def record_from(model: type[Record], doc: Document, stem: str, problems: list[Problem]) -> Record | None:
    """The record in a parsed file named ``stem``.yaml, or None with its problems added to ``problems``."""
    problems.extend(doc.problems)
    if doc.data is None:
        return None
    id_ok = _check_file_id(doc, stem, problems)
    try:
        record = model.model_validate(doc.data)
    except ValidationError as error:
        problems.extend(problems_from_validation(doc, model, error))
        if not id_ok:
            return None
        record = salvage(model, doc.data, error)  # its other problems are found too (records/salvage.py)
        record.id = stem
        record._source = doc.path
        record._broken = True
        return record
    if not id_ok:
        return None
    if record.id is not None and record.id != stem:
        problems.append(doc.problem(("id",), f"id“{record.id}”与文件名“{stem}”不一致",
                                    f"id '{record.id}' differs from the file name '{stem}'"))
        return None
    record.id = stem
    record._source = doc.path
    return record


def _check_file_id(doc: Document, stem: str, problems: list[Problem]) -> bool:
    if len(stem) <= ID_MAX and ID_RE.fullmatch(stem):
        return True
    problems.append(Problem(
        doc.path, 1, 1, "id",
        f"文件名“{stem}”不能作为编号：只能用小写英文字母、数字和连字符，最多 {ID_MAX} 个字符",
        f"file name '{stem}' is not a valid id: lower-case ASCII letters, digits and hyphens, "
        f"at most {ID_MAX} characters"))
    return False


def vocabulary_entries(collections: Path) -> dict[str, list[VocabEntry]]:
    """The valid vocabularies of a collection, by name (for the JSON Schemas: records/schemas.py)."""
    return {name: list(vocab.entries) for name, vocab in load_vocabularies(collections)[0].items()}


def load_vocabularies(collections: Path) -> tuple[dict[str, Vocabulary], list[Problem]]:
    """The valid vocabularies of a collection by name, and the problems of the others, as check finds them
    (for the importers, which read a cell by a vocabulary's ids and labels)."""
    collections = collections.resolve()
    loaded = Loaded(collections.parent, collections)
    _load_vocabularies(collections / VOCAB_FOLDER, loaded)
    return loaded.vocabularies, loaded.problems


def _load_vocabularies(folder: Path, loaded: Loaded) -> None:
    for path in _yaml_files(folder, loaded):
        doc = load_document(path, shown(path, loaded.root))
        loaded.problems.extend(doc.problems)
        if doc.data is None:
            continue
        name = path.stem
        if name not in VOCABULARIES:
            loaded.problems.append(Problem(doc.path, 1, 1, "", f"未知的词表（应为 {'、'.join(VOCABULARIES)} 之一）",
                                           f"unknown vocabulary (expected one of {', '.join(VOCABULARIES)})"))
            continue
        try:
            vocab = Vocabulary.model_validate(doc.data)
        except ValidationError as error:
            loaded.problems.extend(problems_from_validation(doc, Vocabulary, error))
            continue
        if vocab.vocabulary is not None and vocab.vocabulary != name:
            loaded.problems.append(doc.problem(("vocabulary",), f"词表名“{vocab.vocabulary}”与文件名“{name}”不一致",
                                               f"vocabulary '{vocab.vocabulary}' differs from the file name '{name}'"))
            continue
        seen: dict[str, int] = {}
        ok = True
        for i, entry in enumerate(vocab.entries):
            for value in (entry.id, entry.code):
                if value is None:
                    continue
                if value in seen:
                    where = ("entries", i, "id" if value == entry.id else "code")
                    loaded.problems.append(doc.problem(where, f"词表中重复的编号“{value}”",
                                                       f"duplicate id '{value}' in the vocabulary"))
                    ok = False
                seen[value] = i
        if ok:
            loaded.vocabularies[name] = vocab
            loaded.vocab_sources[name] = doc.path
