"""The import engine: one loop that turns the rows of any list into records, and keeps doing so safely.

A :class:`Source` says what a row of its list means (heritage.py: the national heritage list;
artifacts.py: a museum's inventory): :meth:`Source.items` turns rows into :class:`Item` s, each the
row's key, the values it gives for the fields the importer owns and the column each came from, and a
few small methods say how its records are named and written. The rest is the same for every list:

1. **Finding the record** of an item: by the key kept in its ``extra.import``, never by its id, so
   that a renamed site or a changed mapping never makes a second record. Items are handled in key
   order, so the order of the rows in the file does not matter.
2. **A new record's id** is made of the item's name (ids.py). An id taken by another imported record
   gets the source's suffixes; one taken by a record the importer did not write is an error that says
   how to let the importer adopt it; nothing is ever overwritten, renamed or deleted.
3. **Merging**, field by field ("slots": a field, or the English of one, ``title_en``), with the short
   digest of each value last written kept in ``extra.import.fields``. A value nobody touched follows
   the list (and goes when the list no longer gives it); a curator's edit that agrees with the list is
   kept; one that disagrees is a conflict, shown with both values, and the record is left as it is;
   for a value the importer only suggests (:attr:`Source.suggested`) the curator's wins. Digests count
   the Chinese of a text only (:func:`project`), so a curator's ``en`` is no edit.
4. **Writing**: a record whose content would not change is not written, so a rerun changes no file;
   a new record is written in its model's order (roundtrip.new_text), a changed one is changed in place
   keeping the curator's comments and layout (roundtrip.edited_text). Before anything is written, the
   text is read back as ``build.py check`` reads a file (:func:`passes_check`); files are replaced
   atomically.
5. **Saying** what happened (common.ImportReport): created, updated and the fields changed, unchanged,
   conflicts, rows refused, and the problems by message.

Nothing here raises to the caller.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from museum.importers.common import ImportReport, Refused, Row, RowProblem, Table, _as, read_table, rel
from museum.importers.ids import slug_id, with_suffix
from museum.importers.roundtrip import CannotEdit, edited_text, new_text, node, same
from museum.records.fields import ID_RE
from museum.records.loader import record_from
from museum.records.problems import Problem, os_error_text
from museum.records.yamlsource import MAX_FILE_BYTES, load_document, parse_document


# --- what a source gives -------------------------------------------------------------------------------
@dataclass
class Item:
    """One good row: the record it is, and the values it gives."""

    row: Row
    key: tuple[Any, ...]  # identifies the row's record across imports (and orders the items)
    mark: dict[str, Any]  # the key as extra.import keeps it: {"batch": 1, "number": 2}
    name: str  # what a new record's id is made of
    values: dict[str, Any]  # slot -> the value the row gives; absent: no value
    columns: dict[str, str] = field(default_factory=dict)  # slot -> the column it came from
    folder: str = ""  # where a new record goes, under the source's folder ("china-industrial-museum")
    owned: tuple[str, ...] | None = None  # the slots of this item's record the importer writes (None: the source's)
    adopt: Path | None = None  # a record another list made of the same thing, which this row adds to

    def column_of(self, where: str) -> str:
        """The column a record field (``title.en``, ``core_items.3``) came from; "" for a curator's field."""
        parts = where.split(".")
        if len(parts) > 1 and parts[1] == "en" and f"{parts[0]}_en" in self.columns:
            return self.columns[f"{parts[0]}_en"]
        return self.columns.get(parts[0], "")


class Source:
    """What one list means. A subclass sets the attributes and says how its rows become items."""

    folder: str  # the records' folder in collections/
    model: type[BaseModel]
    owned: tuple[str, ...] = ()  # the slots the importer writes
    suggested: tuple[str, ...] = ()  # slots the importer only suggests: a curator's different value wins
    english: dict[str, str] = {}  # slot -> the text field whose English it is (title_en -> title)
    thing: tuple[str, str] = ("这一项", "this item")  # what a row is: "if it is this site"
    missing_key: tuple[str, str] = ("extra.import 不完整", "extra.import is incomplete")
    sheet: str | None = None  # the sheet of a workbook to read (None: the first)
    mark_field: str = "import"  # where in ``extra`` a record keeps what it was imported from (one per kind of list)

    def columns(self) -> tuple[tuple[str, ...], tuple[str, ...] | None, tuple[str, str]]:
        """The columns the file must have, those it may have (None: any), and what to say of another one."""
        raise NotImplementedError

    def items(self, table: Table, shown: str, report: ImportReport) -> list[Item]:
        """The good rows as items; a bad row is reported (by row and column) and left out."""
        raise NotImplementedError

    def key_of(self, mark: Any) -> tuple[Any, ...] | None:
        """The key ``extra.import`` gives, or None when it is malformed (see :attr:`missing_key`)."""
        raise NotImplementedError

    def describe(self, key: tuple[Any, ...]) -> tuple[str, str]:
        """A key in words, for the message about two records that claim it."""
        raise NotImplementedError

    def suffixes(self, item: Item) -> Iterable[str]:
        """What to add to an id that another imported record already has: ``-b4``, then ``-b4-62``…"""
        return (f"-{n}" for n in range(2, 1000))

    def id_column(self, item: Item) -> str:
        """The column a new record's id comes from (where to point when it cannot be used)."""
        return ""

    def head(self, item: Item) -> str:
        """The comment lines at the top of a new record."""
        return ""

    def style(self, value: Any) -> Any:
        """How a value is written (roundtrip.node)."""
        return node(value)

    def project(self, slot: str, value: Any) -> Any:
        """What counts when comparing a value (and what its digest is of)."""
        return project(value)

    def done(self, item: Item, where: str, data: dict[str, Any], report: ImportReport) -> None:
        """Called for each item whose record (``where``, as shown) is now as the list says: created,
        updated or unchanged."""


@contextmanager
def refusals(report: ImportReport) -> Iterator[None]:
    """A file refused as a whole: its problems, and nothing imported."""
    try:
        yield
    except Refused as refused:
        report.problems.extend(refused.problems)
        report.whole_file = True


def run(source: Source, path: Path, collections: Path, shown: str, report: ImportReport) -> None:
    """Import the spreadsheet ``path`` into ``collections`` as ``source`` reads it; call inside :func:`refusals`."""
    required, known, unknown = source.columns()
    table = read_table(path, shown, report, required, known, unknown, source.sheet)
    items = source.items(table, shown, report)
    _Run(source, collections, shown, table.noun, report).all(items)


# --- comparing values --------------------------------------------------------------------------------
def project(value: Any) -> Any:
    """What counts when comparing a field: Chinese text only, numbers as text."""
    if value is None:
        return None
    if isinstance(value, list):
        return [project(item) for item in value]
    if isinstance(value, dict):
        return project(value["zh"]) if "zh" in value else json.dumps(value, sort_keys=True, ensure_ascii=False)
    return str(value).strip()


def digest_of(projected: Any) -> str:
    """A short, stable hash of a projected value."""
    canonical = json.dumps(projected, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]


def keep_translations(old: Any, new: Any) -> Any:
    """The new value, keeping a curator's translations of the text that did not change."""
    if isinstance(new, list) and isinstance(old, list):
        by_zh = {item["zh"]: item for item in old if isinstance(item, dict) and "zh" in item}
        return [by_zh.get(item, item) if isinstance(item, str) else item for item in new]
    if isinstance(new, str) and isinstance(old, dict) and "zh" in old:
        return {**old, "zh": new}
    return new


# --- slots: a field, or the English of a text field ------------------------------------------------------
def get_slot(data: dict[str, Any], slot: str, english: dict[str, str]) -> Any:
    if slot in english:
        value = data.get(english[slot])
        return value.get("en") if isinstance(value, dict) else None
    return data.get(slot)


def set_slot(data: dict[str, Any], slot: str, new: Any, english: dict[str, str]) -> None:
    if slot in english:
        base = english[slot]
        current = data.get(base)
        zh = current.get("zh") if isinstance(current, dict) else current
        data[base] = {**(current if isinstance(current, dict) else {}), "zh": zh, "en": new}
    else:
        data[slot] = keep_translations(data.get(slot), new)


def delete_slot(data: dict[str, Any], slot: str, english: dict[str, str]) -> None:
    if slot in english:
        current = data.get(english[slot])
        if isinstance(current, dict):
            rest = {k: v for k, v in current.items() if k != "en"}
            data[english[slot]] = rest["zh"] if list(rest) == ["zh"] else rest
    else:
        data.pop(slot, None)


# --- merging ----------------------------------------------------------------------------------------------
@dataclass
class Merged:
    data: dict[str, Any]  # the record to write (when there are no conflicts)
    conflicts: list[tuple[str, Any, Any]]  # (slot, the file's value, the list's value)
    kept: list[str]  # suggested slots where the curator's value was kept, said the first time


def merge(source: Source, item: Item, old: dict[str, Any] | None) -> Merged:
    """The record ``old`` (None: a new one) with the item's values, under the ownership rules."""
    old = old or {}
    extra = dict(old["extra"]) if isinstance(old.get("extra"), dict) else {}
    mark_field = source.mark_field
    mark = dict(extra[mark_field]) if isinstance(extra.get(mark_field), dict) else {}
    snapshot = mark.get("fields") if isinstance(mark.get("fields"), dict) else {}
    fields: dict[str, str] = {}
    data = dict(old)
    conflicts: list[tuple[str, Any, Any]] = []
    kept: list[str] = []
    for slot in source.owned if item.owned is None else item.owned:  # a field dropped from the mapping: the curators', kept
        new = item.values.get(slot)
        current = get_slot(old, slot, source.english)
        had = current is not None
        untouched = had and snapshot.get(slot) == digest_of(source.project(slot, current))
        if new is None:
            if untouched:
                delete_slot(data, slot, source.english)  # the importer wrote it and the list no longer gives it
            continue
        if not had or untouched:
            set_slot(data, slot, new, source.english)
            fields[slot] = digest_of(source.project(slot, new))
        elif source.project(slot, current) == source.project(slot, new):
            fields[slot] = digest_of(source.project(slot, new))  # the curator's edit agrees with the list
        elif slot in source.suggested:
            if slot in snapshot:
                kept.append(slot)
        else:
            conflicts.append((slot, current, new))
    identity = {**item.mark, "fields": fields}
    extra[mark_field] = {**identity, **{k: v for k, v in mark.items() if k not in identity}}
    data["extra"] = extra
    return Merged(data, conflicts, kept)


def ordered(data: dict[str, Any], model: type[BaseModel]) -> dict[str, Any]:
    """The record's fields in the order of its model, unknown fields after, ``extra`` last."""
    order = field_order(model)
    out = {name: data[name] for name in order if name in data}
    out.update({k: v for k, v in data.items() if k not in out})
    if "extra" in out:
        out["extra"] = out.pop("extra")
    return out


def field_order(model: type[BaseModel]) -> list[str]:
    return [name for name in model.model_fields if name != "extra"] + ["extra"]


def changed_fields(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """The fields whose values differ, in the new record's order; ``extra.import`` when only the digests did."""
    names = [k for k in new if not same(old.get(k), new[k])] + [k for k in old if k not in new]
    return [k for k in names if k != "extra"] or (["extra.import"] if names else [])


# --- conflicts in words --------------------------------------------------------------------------------------
SHOWN = 60  # characters of a value shown in a conflict


def shown_value(value: Any) -> str:
    """A value as a curator reads it: text as it stands, a list as [a, b]."""
    if isinstance(value, list):
        return "[" + ", ".join(shown_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {shown_value(v)}" for k, v in value.items()) + "}"
    return str(value).replace("\n", "⏎")


def excerpts(mine: str, theirs: str, width: int = SHOWN) -> tuple[str, str]:
    """Both values, or, when long, both from a little before where they first differ."""
    if len(mine) <= width and len(theirs) <= width:
        return mine, theirs
    same_up_to = 0
    while same_up_to < min(len(mine), len(theirs)) and mine[same_up_to] == theirs[same_up_to]:
        same_up_to += 1
    start = max(0, same_up_to - width // 4)

    def cut(text: str) -> str:
        part = text[start:start + width]
        return ("…" if start else "") + part + ("…" if start + width < len(text) else "")

    return cut(mine), cut(theirs)


def _yaml_value(value: Any) -> str:
    """A value as a curator would write it in YAML: quoted unless it is a number or an id."""
    if isinstance(value, str) and not ID_RE.match(value):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


# --- records already in the folder ---------------------------------------------------------------------------
@dataclass
class Existing:
    path: Path
    data: dict[str, Any] | None  # None when the file cannot be read as a record
    key: Any = None  # what extra.import says the record was imported from
    problem: tuple[str, str] | None = None


def scan(folder: Path, source: Source) -> tuple[dict[Any, Existing], dict[str, Existing]]:
    """Imported records by their key, and every id (file name or old id) that is taken.

    A record that cannot be read, whose ``extra.import`` is malformed, or whose key another record
    claims too, carries the problem that its row will be told."""
    by_key: dict[Any, Existing] = {}
    taken: dict[str, Existing] = {}
    for path in sorted(folder.rglob("*.yaml")) if folder.is_dir() else []:
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        doc = load_document(path, str(path))
        data = doc.data if not doc.problems and isinstance(doc.data, dict) else None
        found = Existing(path, data)
        taken.setdefault(path.stem, found)
        if data is None:
            found.problem = ("已有记录无法读取，请先修正（build.py check 会指出问题）",
                             "the existing record cannot be read; fix it first (build.py check shows where)")
            continue
        aliases = data.get("aliases")
        for alias in aliases if isinstance(aliases, list) else []:
            if isinstance(alias, str):
                taken.setdefault(alias, found)
        extra = data.get("extra")
        mark = extra.get(source.mark_field) if isinstance(extra, dict) else None
        if mark is None:
            continue
        key = source.key_of(mark)
        if key is None:
            found.problem = source.missing_key
            continue
        found.key = key
        if key in by_key:
            other = by_key[key]
            zh, en = source.describe(key)
            other.problem = found.problem = (
                f"{other.path.name} 与 {path.name} 都标记为{zh}，请删除其一的 extra.import",
                f"both {other.path.name} and {path.name} claim {en}; remove one extra.import")
            continue
        by_key[key] = found
    return by_key, taken


# --- checking a record before it is written -----------------------------------------------------------
def record_problems(text: str, model: type[BaseModel], stem: str) -> tuple[list[Problem], Any]:
    """What ``build.py check`` would say of ``text`` as the file ``stem``.yaml (the same size limit, YAML
    reader, limits on values and nesting, id rule and model, read from memory), and what it reads."""
    found: list[Problem] = []
    doc = parse_document(text.encode("utf-8"), f"{stem}.yaml")
    record_from(model, doc, stem, found)  # type: ignore[arg-type]
    return found, doc.data


def passes_check(text: str, model: type[BaseModel], stem: str, data: dict[str, Any], item: Item, shown: str,
                 where: str, report: ImportReport) -> bool:
    """Whether ``check`` would accept ``text`` as the record ``where`` (the file ``stem``.yaml), and reads in it
    the record meant (``data``).

    If not, each problem is one of the item's row, at the column the record field (a dotted path such as
    ``core_items.49995``) came from; a record that is too large as a whole is put at the column of its
    largest field."""
    found, read = record_problems(text, model, stem)
    line = item.row.line
    for problem in found:
        column = item.column_of(problem.field) if problem.field else ""
        if not problem.field and len(text.encode("utf-8")) > MAX_FILE_BYTES and data:
            column = item.column_of(max(data, key=lambda k: len(json.dumps(data[k], ensure_ascii=False, default=str))))
        at_zh, at_en = (f"{problem.field}：", f"{problem.field}: ") if problem.field else ("", "")
        report.problems.append(RowProblem(
            shown, line, column,
            f"这一行生成的记录 {where} 会被 build.py check 拒绝，因此未写入：{at_zh}{problem.zh}",
            f"the record this row makes, {where}, would be refused by build.py check, so it was not written: "
            f"{at_en}{problem.en}"))
    if not found and not same(read, data):  # (the writer's fault, not the curator's: said so)
        report.problems.append(RowProblem(
            shown, line, "", f"写出的 {where} 读回来与应写的内容不同，因此未写入；请报告这个问题",
            f"{where} as written would read back other than meant, so it was not written; please report this"))
        return False
    return not found


# --- writing records ------------------------------------------------------------------------------------
def write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def write_record(path: Path, text: str, line: int, shown: str, root: Path, report: ImportReport) -> bool:
    """Write one record atomically; a failure is a problem of the row on ``line``."""
    try:
        write_atomic(path, text)
    except OSError as exc:  # named as the record, not as write_atomic's temporary file
        zh, en = os_error_text(_as(exc, rel(path, root)), ("无法写入", "cannot write"))
        report.problems.append(RowProblem(shown, line, "", zh, en))
        return False
    return True


# --- the loop -----------------------------------------------------------------------------------------------
class _Run:
    """One import: the items of a source, in key order, into the records of ``collections``."""

    def __init__(self, source: Source, collections: Path, shown: str, noun: tuple[str, str], report: ImportReport):
        self.source, self.shown, self.noun, self.report = source, shown, noun, report
        self.folder = collections / source.folder
        self.root = collections.parent  # paths are shown from the project folder: collections/…
        self.by_key, self.taken = scan(self.folder, source)

    def all(self, items: list[Item]) -> None:
        for item in sorted(items, key=lambda i: i.key):
            existing = self.by_key.get(item.key)
            if existing is None and item.adopt is not None:
                existing = next((e for e in self.taken.values() if e.path == item.adopt), None)
            if existing is None:
                self.create(item)
            else:
                self.update(item, existing)

    def problem(self, item: Item, column: str, zh: str, en: str, conflict: bool = False) -> None:
        self.report.problems.append(RowProblem(self.shown, item.row.line, column, zh, en, conflict))

    def create(self, item: Item) -> None:
        source = self.source
        rid, blocker = self.new_id(item)
        if blocker is not None:
            where = rel(blocker.path, self.root)
            hint = "extra: {" + source.mark_field + ": {" + ", ".join(f"{k}: {_yaml_value(v)}" for k, v in item.mark.items()) + "}}"
            self.problem(item, source.id_column(item),
                         f"编号“{rid}”已被 {where} 使用，而该文件不是导入生成的。若它就是{source.thing[0]}，请在其中加上 "
                         f"{hint} 后重新导入",
                         f"id '{rid}' is taken by {where}, which the importer did not write. If it is "
                         f"{source.thing[1]}, add {hint} to it and import again")
            return
        if not rid:
            self.problem(item, source.id_column(item), "无法生成 64 个字符以内、不截断词语的编号",
                         "cannot make an id of at most 64 characters without cutting a word")
            return
        path = self.folder / item.folder / f"{rid}.yaml"
        where = rel(path, self.root)
        data = ordered(merge(source, item, None).data, source.model)
        text = new_text(data, source.head(item), source.style)
        if not passes_check(text, source.model, rid, data, item, self.shown, where, self.report):
            return
        if not write_record(path, text, item.row.line, self.shown, self.root, self.report):
            return
        self.taken[rid] = Existing(path, data, item.key)
        self.report.created.append(where)
        source.done(item, where, data, self.report)

    def new_id(self, item: Item) -> tuple[str, Existing | None]:
        """An id for a new record, or the record the importer did not write that holds it."""
        base = slug_id(item.name)
        blocker = self.taken.get(base)
        if blocker is None:
            return base, None
        if blocker.key is None:
            return base, blocker  # a curator's own record: ask, never guess
        for suffix in self.source.suffixes(item):
            candidate = with_suffix(base, suffix)
            if candidate and candidate not in self.taken:
                return candidate, None
        return "", None

    def update(self, item: Item, existing: Existing) -> None:
        source, report = self.source, self.report
        where = rel(existing.path, self.root)
        if existing.problem is not None or existing.data is None:
            zh, en = existing.problem or ("已有记录无法读取", "the existing record cannot be read")
            self.problem(item, "", f"{zh}（{where}）", f"{en} ({where})")
            return
        merged = merge(source, item, existing.data)
        if merged.conflicts:
            self.conflicts(item, where, merged.conflicts)
            return
        for slot in merged.kept:
            report.notes.append(f"{where}: {slot}: 保留策展人填写的值 / kept the curator's value")
        data = merged.data
        if same(data, existing.data):
            report.unchanged.append(where)
            source.done(item, where, data, report)
            return
        try:
            old_text = existing.path.read_text(encoding="utf-8-sig")
            text = edited_text(old_text, existing.data, data, field_order(source.model), source.style)
        except OSError as exc:
            self.problem(item, "", *os_error_text(_as(exc, where), ("无法读取", "cannot read")))
            return
        except CannotEdit as cannot:
            self.problem(item, "", f"{where} 未更新：{cannot.zh}。请把这个文件改成普通的写法后再导入",
                         f"{where} was not updated: {cannot.en}. Write the file in the usual way and import again")
            return
        if not passes_check(text, source.model, existing.path.stem, data, item, self.shown, where, report):
            return
        if not write_record(existing.path, text, item.row.line, self.shown, self.root, report):
            return
        report.updated.append(where)
        report.changed[where] = changed_fields(existing.data, data)
        source.done(item, where, data, report)

    def conflicts(self, item: Item, where: str, conflicts: list[tuple[str, Any, Any]]) -> None:
        noun, noun_en = self.noun
        space = " " if noun.isascii() else ""  # 与 CSV 不一致, 与表格不一致
        for slot, mine, theirs in conflicts:
            column = item.columns.get(slot, slot)
            ours, listed = excerpts(shown_value(self.source.project(slot, mine)),
                                    shown_value(self.source.project(slot, theirs)))
            self.problem(
                item, slot,
                f"{where} 中的 {slot} 被手工改过，与{space}{noun}{space}不一致：文件中是“{ours}”，{noun}{space}的“{column}”"
                f"列是“{listed}”。此记录未更新；请改正{space}{noun}{space}或记录中错的一方后再导入",
                f"{slot} in {where} was edited by hand and differs from {noun_en}: the file has '{ours}', "
                f"column '{column}' of {noun_en} has '{listed}'. The record was not updated; correct whichever is "
                f"wrong, {noun_en} or the record, and import again", conflict=True)
        self.report.conflicts.append(where)
