"""What the CSV importers share: reading a CSV, reporting by row, ids, writing records, digests.

``build.py import heritage`` (heritage.py) and ``build.py import artifacts`` (artifacts.py)
both turn rows of a spreadsheet into records and keep doing so safely on every rerun. The pieces
here carry no rules of either list:

* **Reading**: :func:`read_csv_file` reads only a regular file (a named pipe would hang) and names
  OS errors in both languages; :func:`decode_csv` accepts UTF-8 (with or without BOM) and refuses
  GBK/GB18030 and UTF-16 (with or without BOM) with advice; :func:`read_rows` checks the header,
  numbers every row by the line it starts on (the header is line 1) and names a quote that is
  never closed by its row and column. Nothing in reading is worse than linear in the file's size.
* **Reporting**: :class:`RowProblem` prints as ``FILE:ROW: column: 中文 / English``;
  :class:`ImportReport` collects problems, warnings and what was written. :class:`Refused` stops the
  whole file.
* **Ids**: :func:`pinyin_id` (the heritage rule) and :func:`slug_id` (letters and digits kept in
  words), both at most 64 characters cut at a hyphen by :func:`trim_id`; polyphonic readings that
  pypinyin gets wrong are fixed in ``PINYIN_PHRASES``.
* **Writing**: :func:`render_record` dumps a record in its model's field order, the way curators
  write YAML; :func:`passes_check` reads that text back as ``build.py check`` reads a file
  (:func:`record_problems`), so that nothing check refuses is written; :func:`write_atomic` replaces
  a file through a temporary file and a rename, and :func:`write_record` reports a failure.
* **Digests**: :func:`project` is what counts when comparing a value (Chinese text only, so that a
  curator's ``en`` is not an edit); :func:`digest_of` is a short hash of it, kept in
  ``extra.import.fields`` to tell the importer's values from a curator's edits.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from museum.records.fields import ID_MAX, ID_RE, LANG_RE
from museum.records.loader import record_from
from museum.records.problems import Problem, os_error_text
from museum.records.yamlsource import MAX_FILE_BYTES, load_document, parse_document


# --- what an importer says ---------------------------------------------------------------------
@dataclass(frozen=True)
class RowProblem:
    path: str  # the CSV as shown to the user
    row: int  # the line the row starts on (the header is line 1); 0 for the whole file
    column: str  # the CSV column, or the record field for a conflict; "" for the whole row
    zh: str
    en: str

    def __str__(self) -> str:
        return f"{self.path}:{self.row}: {self.column or '-'}: {self.zh} / {self.en}"


@dataclass
class ImportReport:
    problems: list[Any] = field(default_factory=list)  # RowProblem (or a Problem in a mapping file): exit 1
    warnings: list[RowProblem] = field(default_factory=list)  # worth reading, nothing failed
    notes: list[str] = field(default_factory=list)
    created: list[str] = field(default_factory=list)  # record paths, as shown
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def lines(self) -> list[str]:
        out = [str(p) for p in self.problems]
        out += [f"{w}（提示 / warning）" for w in self.warnings]
        out += self.notes
        for path in self.created:
            out.append(f"新建 / created: {path}")
        for path in self.updated:
            out.append(f"更新 / updated: {path}")
        failed = len(self.problems)
        out.append(f"读取 {self.rows} 行：新建 {len(self.created)}，更新 {len(self.updated)}，未变 {len(self.unchanged)}，"
                   f"问题 {failed} / {self.rows} row(s) read: {len(self.created)} created, {len(self.updated)} updated, "
                   f"{len(self.unchanged)} unchanged, {failed} problem(s)")
        return out


class Refused(Exception):
    """The whole file cannot be imported."""

    def __init__(self, *problems: Any):
        self.problems = list(problems)


# --- reading the CSV ----------------------------------------------------------------------------
@dataclass
class Row:
    line: int
    cells: dict[str, str]


def _utf16_without_bom(raw: bytes) -> bool:
    """Whether the bytes look like UTF-16 without a byte-order mark.

    In UTF-16 every ASCII character (commas, line ends, digits) is a NUL byte and a letter, so NUL
    bytes stand in alternating positions; text in UTF-8 or GBK has no NUL bytes at all. A file with
    NUL bytes is UTF-16 when it reads as UTF-16 in one byte order: no NUL characters, and the commas
    or line ends of a CSV. (Counting NULs alone fails on Chinese text with few ASCII characters.)"""
    sample = raw[:65536]
    if sample.count(0) < 2:
        return False
    sample = sample[: len(sample) // 2 * 2]
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = sample.decode(codec)
        except UnicodeDecodeError as exc:
            if exc.start < len(sample) - 4:
                continue
            text = sample[: exc.start].decode(codec)  # a character cut where the sample ends
        if "\0" not in text and ("," in text or "\n" in text):
            return True
    return False


def decode_csv(raw: bytes, shown: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise Refused(RowProblem(shown, 1, "", "文件是 UTF-16 编码，请另存为 UTF-8（CSV UTF-8）",
                                 "the file is UTF-16; save it as UTF-8 (CSV UTF-8)"))
    if _utf16_without_bom(raw):
        raise Refused(RowProblem(shown, 1, "", "文件是 UTF-16 编码（没有字节顺序标记），请另存为 UTF-8（CSV UTF-8）",
                                 "the file is UTF-16 (without a byte-order mark); save it as UTF-8 (CSV UTF-8)"))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        try:
            looks_gbk = re.search(r"[\u4e00-\u9fff]", raw.decode("gb18030")) is not None
        except UnicodeDecodeError:
            looks_gbk = False
        if looks_gbk:
            raise Refused(RowProblem(
                shown, line, "", "文件不是 UTF-8 编码（看起来是 GBK/GB18030，Excel 常这样保存），请另存为 UTF-8（CSV UTF-8）",
                "the file is not UTF-8 (it looks like GBK/GB18030, as Excel often saves it); save it as UTF-8 "
                "(CSV UTF-8)")) from None
        raise Refused(RowProblem(shown, line, "", "文件不是 UTF-8 编码，请另存为 UTF-8",
                                 "the file is not UTF-8; save it as UTF-8")) from None


UNKNOWN_COLUMN = ("不认识的列，已忽略", "unknown column, ignored")
UNKNOWN_SHOWN = 20  # unknown columns named one by one


def read_rows(text: str, shown: str, report: ImportReport, required: Iterable[str],
              known: Iterable[str] | None = None, unknown: tuple[str, str] = UNKNOWN_COLUMN) -> list[Row]:
    """The rows of a CSV, cells keyed by the lower-cased column name.

    The whole file is refused when a ``required`` column is missing or a column name repeats.
    A column not in ``known`` (when given) is a warning. Blank rows are skipped; a row with more
    cells than columns is a problem of that row."""
    required = tuple(required)
    limit = csv.field_size_limit()
    # csv refuses a cell over 128 KB; no cell is larger than the file, and how large a record may be
    # is for the record check (passes_check) to say, by row and column.
    csv.field_size_limit(max(limit, len(text) + 1))
    try:
        return _read_rows(text, shown, report, required, known, unknown)
    finally:
        csv.field_size_limit(limit)


def _read_rows(text: str, shown: str, report: ImportReport, required: tuple[str, ...], known: Iterable[str] | None,
               unknown: tuple[str, str]) -> list[Row]:
    # strict: a quote never closed is an error, not the rest of the file read silently into one cell
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1  # the line the row being read starts on
    columns: list[str] = []
    try:
        header = next(reader, None)
        if header is None or not any(cell.strip() for cell in header):
            raise Refused(RowProblem(shown, 1, "", "文件是空的，第一行应是列名", "the file is empty; line 1 must name the columns"))
        columns = [cell.strip().lower() for cell in header]
        present: set[str] = set()
        repeated: set[str] = set()
        for name in columns:
            if name:
                (repeated if name in present else present).add(name)
        problems = []
        for name in required:
            if name not in present:
                problems.append(RowProblem(shown, 1, name, f"缺少必需的列“{name}”，整个文件未导入",
                                           f"required column '{name}' is missing; the file was not imported"))
        for name in sorted(repeated):
            problems.append(RowProblem(shown, 1, name, f"列“{name}”出现了不止一次", f"column '{name}' appears more than once"))
        if problems:
            raise Refused(*problems)
        if known is not None:
            allowed = set(known)
            strangers = [name for name in columns if name and name not in allowed]
            for name in strangers[:UNKNOWN_SHOWN]:
                report.warnings.append(RowProblem(shown, 1, name, *unknown))
            if len(strangers) > UNKNOWN_SHOWN:  # a sheet with thousands of columns: a summary, not a wall
                rest = len(strangers) - UNKNOWN_SHOWN
                report.warnings.append(RowProblem(shown, 1, "", f"另有 {rest} 个不认识的列，已忽略",
                                                  f"{rest} more unknown column(s), ignored"))
        rows = []
        start = reader.line_num + 1
        for cells in reader:
            line, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in cells):
                continue  # a blank line, or a row of empty cells a spreadsheet left behind
            if len(cells) > len(columns) and any(c.strip() for c in cells[len(columns):]):
                report.problems.append(RowProblem(
                    shown, line, "", f"这一行有 {len(cells)} 格，比列名多（可能是文本中的英文逗号没有加引号）",
                    f"this row has {len(cells)} cells, more than there are columns (an unquoted comma in the text?)"))
                continue
            padded = cells + [""] * (len(columns) - len(cells))
            rows.append(Row(line, {name: value.strip() for name, value in zip(columns, padded) if name}))
        return rows
    except csv.Error as exc:
        raise Refused(_unreadable(text, start, columns, shown, exc)) from None


_CELL_END = re.compile(r"[,\r\n]")
_LINE_END = re.compile(r"\r\n|\r|\n")  # where csv (reading with newline="") starts a new line


def _quote_trouble(rest: str) -> tuple[str, int, int] | None:
    """What is wrong with the quotes of a row, ``rest`` being the file from the row's start.

    ("open", cell, offset of the quote) for a quote that is never closed; ("stray", cell, offset)
    for text after a closing quote in the same cell; None for neither. Cells count from 0. Read as
    csv reads (a quote opens a quoted cell only as its first character; "" inside one is a quote),
    a cell at a time with str.find, so that a quote opened near the top of a large file is found fast."""
    cell, pos, end = 0, 0, len(rest)
    while True:
        if pos < end and rest[pos] == '"':
            opened, pos = pos, pos + 1
            while True:
                close = rest.find('"', pos)
                if close < 0:
                    return "open", cell, opened
                if rest.startswith('"', close + 1):
                    pos = close + 2  # "" is a quote inside the cell
                    continue
                pos = close + 1
                break
            if pos < end and rest[pos] not in ",\r\n":
                return "stray", cell, pos
        else:
            found = _CELL_END.search(rest, pos)
            if found is None:
                return None
            pos = found.start()
        if pos >= end or rest[pos] in "\r\n":
            return None  # the row ends: its quotes are fine
        cell, pos = cell + 1, pos + 1


def _unreadable(text: str, start: int, columns: list[str], shown: str, exc: csv.Error) -> RowProblem:
    """Why csv could not read the row starting on line ``start``, in a curator's words."""
    lines = io.StringIO(text, newline="").readlines()
    rest = "".join(lines[start - 1:])
    trouble = _quote_trouble(rest)
    if trouble is None:
        return RowProblem(shown, start, "", f"无法读取 CSV：{exc}；整个文件未导入", f"unreadable CSV: {exc}; the file was not imported")
    kind, cell, offset = trouble
    line = start + len(_LINE_END.findall(rest, 0, offset))
    column = columns[cell] if cell < len(columns) else ""
    if kind == "open":
        at_zh, at_en = (f"（引号在第 {line} 行）", f" (the quote is on line {line})") if line != start else ("", "")
        return RowProblem(
            shown, start, column,
            f"从第 {start} 行开始的这一行中，引号（\"）没有闭合，其后的全部内容都被读成了一格{at_zh}；"
            f"请补上结尾的引号（格中的引号要写成两个：\"\"）。整个文件未导入",
            f"the quote (\") opened in the row starting on line {start} is never closed; everything after it was "
            f"read as one cell{at_en}. Add the closing quote (a quote inside a cell is written twice: \"\"); "
            f"the file was not imported")
    hint_zh, hint_en = (f"（这一行从第 {start} 行开始，可能是那里的引号没有闭合）",
                        f" (this row starts on line {start}: perhaps a quote opened there is never closed)") \
        if line != start else ("", "")
    return RowProblem(
        shown, start, column,
        f"第 {line} 行：引号（\"）结束后同一格中还有文字；整格加了引号时，格中的引号要写成两个（\"\"）{hint_zh}。整个文件未导入",
        f"line {line}: there is more text in the cell after its closing quote (\"); in a quoted cell, write a quote "
        f"as two (\"\"){hint_en}; the file was not imported")


# --- ids -----------------------------------------------------------------------------------------
# Readings pypinyin gets wrong in these names (ids are permanent URLs: read them right first time).
# Add a phrase here when an imported id misreads a polyphonic character.
PINYIN_PHRASES = {
    "长风": [["cháng"], ["fēng"]],  # 重庆长风化工厂
    "重钢": [["chóng"], ["gāng"]],  # 重钢 = 重庆钢铁
    "江厦": [["jiāng"], ["xià"]],  # 温岭江厦潮汐试验电站
}


def _pinyin(text: str) -> list[str]:
    from pypinyin import Style, lazy_pinyin, load_phrases_dict

    load_phrases_dict(PINYIN_PHRASES)
    return lazy_pinyin(text, style=Style.NORMAL)


def pinyin_id(name: str) -> str:
    """The heritage rule: one part per pinyin chunk, anything but a–z0–9 dropped (CA-10 → ca10)."""
    parts = [re.sub(r"[^a-z0-9]", "", chunk.lower()) for chunk in _pinyin(name)]
    return trim_id("-".join(p for p in parts if p))


def slug_id(text: str) -> str:
    """Pinyin for Chinese, and letters and digits kept as words: 红旗CA72 Model 1 → hong-qi-ca72-model-1."""
    parts = [word for chunk in _pinyin(text) for word in re.findall(r"[a-z0-9]+", chunk.lower())]
    return trim_id("-".join(parts))


def trim_id(rid: str, limit: int = ID_MAX) -> str:
    if len(rid) <= limit:
        return rid
    cut = rid[: limit + 1]
    return cut[: cut.rfind("-")] if "-" in cut else rid[:limit]


def with_suffix(base: str, suffix: str) -> str:
    return f"{trim_id(base, ID_MAX - len(suffix))}{suffix}"


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
        return [by_zh.get(item, item) for item in new]
    if isinstance(new, str) and isinstance(old, dict) and "zh" in old:
        return {**old, "zh": new}
    return new


# --- writing YAML ----------------------------------------------------------------------------------
class Flow(list):
    """A list written on one line: ``[a, b]``."""


class FlowMap(dict):
    """A mapping written on one line: ``{zh: …, en: …}``."""


class Literal(str):
    """Text written as a YAML block (``|``), as curators write long text over several lines."""


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:  # the museum's YAML reader refuses anchors and aliases
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)  # "  - item" under a key, as curators write lists


_Dumper.add_representer(Flow, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True))
_Dumper.add_representer(FlowMap, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v, flow_style=True))
_Dumper.add_representer(Literal, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", str(v), style="|"))


def _styled(value: Any) -> Any:
    if isinstance(value, (Flow, FlowMap, Literal)):
        return value  # styled by the caller
    if isinstance(value, list):
        if value and all(isinstance(v, str) and ID_RE.match(v.split("/")[-1]) for v in value):
            return Flow(value)
        return [_styled(v) for v in value]
    if isinstance(value, dict):
        if value and all(isinstance(k, str) and LANG_RE.match(k) for k in value) and "zh" in value \
                and all(isinstance(v, str) for v in value.values()) and not any(isinstance(v, Literal) for v in value.values()):
            return FlowMap(value)  # localized text: {zh: …, en: …}
        if value and all(isinstance(v, (int, float, bool)) for v in value.values()):
            return FlowMap(value)  # e.g. location: {lat: …, lon: …}
        return {k: _styled(v) for k, v in value.items()}
    return value


def ordered(data: dict[str, Any], model: type[BaseModel]) -> dict[str, Any]:
    """The record's fields in the order of its model, unknown fields after, ``extra`` last."""
    order = [name for name in model.model_fields if name != "extra"]
    out = {name: data[name] for name in order if name in data}
    out.update({k: v for k, v in data.items() if k not in out and k != "extra"})
    if "extra" in data:
        out["extra"] = data["extra"]
    return out


def render_record(data: dict[str, Any], model: type[BaseModel], head: str) -> str:
    """``head`` (comment lines, each ending in a newline) and the record as YAML."""
    body = yaml.dump(_styled(ordered(data, model)), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000,
                     default_flow_style=False)
    return head + body


# --- checking a record before it is written -----------------------------------------------------------
def record_problems(text: str, model: type[BaseModel], stem: str) -> list[Problem]:
    """What ``build.py check`` would say of ``text`` as the file ``stem``.yaml: the same size limit, YAML
    reader, limits on values and nesting, id rule and model, read from memory."""
    found: list[Problem] = []
    record_from(model, parse_document(text.encode("utf-8"), f"{stem}.yaml"), stem, found)  # type: ignore[arg-type]
    return found


def passes_check(text: str, model: type[BaseModel], stem: str, data: dict[str, Any],
                 column_of: Callable[[str], str], line: int, shown: str, where: str, report: ImportReport) -> bool:
    """Whether ``check`` would accept ``text`` as the record ``where`` (the file ``stem``.yaml).

    If not, each problem is one of the row on ``line``, at the CSV column ``column_of`` gives for the
    record field (a dotted path such as ``core_items.49995``); a record that is too large as a whole
    is put at the column of its largest field."""
    found = record_problems(text, model, stem)
    for problem in found:
        column = column_of(problem.field) if problem.field else ""
        if not problem.field and len(text.encode("utf-8")) > MAX_FILE_BYTES and data:
            column = column_of(max(data, key=lambda k: len(json.dumps(data[k], ensure_ascii=False, default=str))))
        at_zh, at_en = (f"{problem.field}：", f"{problem.field}: ") if problem.field else ("", "")
        report.problems.append(RowProblem(
            shown, line, column,
            f"这一行生成的记录 {where} 会被 build.py check 拒绝，因此未写入：{at_zh}{problem.zh}",
            f"the record this row makes, {where}, would be refused by build.py check, so it was not written: "
            f"{at_en}{problem.en}"))
    return not found


# --- writing records ----------------------------------------------------------------------------------
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


def _as(exc: OSError, name: str | None) -> OSError:
    """The same error about the file ``name`` (None: about no file, when the message names it already)."""
    if exc.errno is None:
        return OSError(f"{name}: {exc}" if name else str(exc))
    return OSError(exc.errno, exc.strerror or os.strerror(exc.errno), *([name] if name else []))


def read_csv_file(path: Path, shown: str) -> bytes:
    """The CSV's bytes. Refused, in both languages, when it cannot be read or is no regular file
    (reading a named pipe would wait for ever; a folder or a device is no CSV)."""
    doing = ("无法读取文件", "cannot read the file")
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        raise Refused(RowProblem(shown, 0, "", *os_error_text(_as(exc, None), doing))) from None
    if stat.S_ISDIR(mode):
        raise Refused(RowProblem(shown, 0, "", "这是一个目录，不是文件", "it is a folder, not a file"))
    if not stat.S_ISREG(mode):
        raise Refused(RowProblem(shown, 0, "", "这不是普通文件（可能是管道或设备），请给出 CSV 文件本身",
                                 "this is not a regular file (a pipe or a device?); give the CSV file itself"))
    try:
        return path.read_bytes()
    except OSError as exc:
        raise Refused(RowProblem(shown, 0, "", *os_error_text(_as(exc, None), doing))) from None


def rel(path: Path, root: Path) -> str:
    """A path as shown to the user: relative to ``root`` when it is inside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


# --- records already in the folder ------------------------------------------------------------------
@dataclass
class Existing:
    path: Path
    data: dict[str, Any] | None  # None when the file cannot be read as a record
    key: Any = None  # what extra.import says the record was imported from
    problem: tuple[str, str] | None = None


def scan_existing(folder: Path, read_key: Callable[[Any], Any], describe: Callable[[Any], tuple[str, str]],
                  missing_key: tuple[str, str]) -> tuple[dict[Any, Existing], dict[str, Existing], list[Existing]]:
    """Imported records by their key, every id (file name or old id) that is taken, and records
    whose key another record claims too.

    ``read_key`` turns ``extra.import`` into a key (None when it is malformed: ``missing_key`` says
    what it needs); ``describe`` names a key in the message about two records claiming it."""
    by_key: dict[Any, Existing] = {}
    taken: dict[str, Existing] = {}
    clashes: list[Existing] = []
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
        mark = extra.get("import") if isinstance(extra, dict) else None
        if mark is None:
            continue
        key = read_key(mark)
        if key is None:
            found.problem = missing_key
            continue
        found.key = key
        if key in by_key:
            other = by_key[key]
            zh, en = describe(key)
            other.problem = found.problem = (
                f"{other.path.name} 与 {path.name} 都标记为{zh}，请删除其一的 extra.import",
                f"both {other.path.name} and {path.name} claim {en}; remove one extra.import")
            clashes.append(found)
            continue
        by_key[key] = found
    return by_key, taken, clashes
