"""What the importers share besides the engine: reading a spreadsheet, and saying what happened.

``build.py import heritage`` (heritage.py) and ``build.py import artifacts`` (artifacts.py) both read
a table of rows; engine.py turns rows into records. The pieces here carry no rules of either list:

* **Reading**: :func:`read_table` reads only a regular file (a named pipe would hang), names OS
  errors in both languages, and reads either an Excel workbook (``.xlsx``, with ``openpyxl`` in
  read-only mode: the first sheet, or the one named) or a CSV. :func:`decode_csv` accepts UTF-8
  (with or without BOM) and refuses GBK/GB18030 and UTF-16 (with or without BOM) with advice; a CSV
  row is numbered by the line it starts on, a sheet's row by its row number (the header is 1), and
  a quote that is never closed is named by its row and column. The header checks and the rows'
  cells are the same for both kinds of file. Nothing in reading is worse than linear in the file's size.
* **Vocabularies** are read by the museum's own loader (records/loader.py), validated as
  ``build.py check`` validates them; :func:`spellings` is every way a cell may name an entry.
* **Reporting**: :class:`RowProblem` prints as ``FILE:ROW: column: 中文 / English``;
  :class:`ImportReport` collects problems, warnings and what was written, and ends with a summary:
  counts by outcome and the problems grouped by message. :class:`Refused` stops the whole file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import stat
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from museum.records.loader import load_vocabularies
from museum.records.models import Vocabulary
from museum.records.problems import os_error_text


# --- what an importer says ---------------------------------------------------------------------
@dataclass(frozen=True)
class RowProblem:
    path: str  # the spreadsheet as shown to the user
    row: int  # the line the row starts on (the header is line 1); 0 for the whole file
    column: str  # the column, or the record field for a conflict; "" for the whole row
    zh: str
    en: str
    conflict: bool = False  # a curator's edit that disagrees with the spreadsheet (the record is kept)

    def __str__(self) -> str:
        return f"{self.path}:{self.row}: {self.column or '-'}: {self.zh} / {self.en}"


EXAMPLE_ROWS = 5  # rows named for each kind of problem in the summary


@dataclass
class ImportReport:
    problems: list[Any] = field(default_factory=list)  # RowProblem (or a Problem in a mapping file): exit 1
    warnings: list[RowProblem] = field(default_factory=list)  # worth reading, nothing failed
    notes: list[str] = field(default_factory=list)
    created: list[str] = field(default_factory=list)  # record paths, as shown
    updated: list[str] = field(default_factory=list)
    changed: dict[str, list[str]] = field(default_factory=dict)  # updated record path -> the fields changed
    unchanged: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)  # records left as they were: a curator's edit disagrees
    rows: int = 0  # the rows of data read (blank rows aside)
    whole_file: bool = False  # the file was refused: nothing of it was imported

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def refused(self) -> list[int]:
        """The rows not imported because of a problem (conflicts aside), by the line they start on."""
        return sorted({p.row for p in self.problems if isinstance(p, RowProblem) and p.row > 1 and not p.conflict})

    def lines(self) -> list[str]:
        """What the command prints: every problem and outcome, then the summary."""
        return self.details() + self.summary()

    def details(self) -> list[str]:
        out = [str(p) for p in self.problems]
        out += [f"{w}（提示 / warning）" for w in self.warnings]
        out += self.notes
        for path in self.created:
            out.append(f"新建 / created: {path}")
        for path in self.updated:
            fields = self.changed.get(path, [])
            what = f"：{'、'.join(fields)} / {', '.join(fields)}" if fields else ""
            out.append(f"更新 / updated: {path}{what}")
        return out

    def summary(self) -> list[str]:
        """The counts by outcome, then the problems (and warnings) grouped by message, with a few of their rows."""
        if self.whole_file:
            out = ["汇总：整个文件未导入，见上 / summary: the file was not imported (see above)"]
        else:
            c, u, n, k, r = (len(self.created), len(self.updated), len(self.unchanged), len(self.conflicts),
                             len(self.refused))
            out = [f"汇总：读取 {self.rows} 行：新建 {c}，更新 {u}，未变 {n}，冲突 {k}，未导入 {r}；问题 {len(self.problems)} 条 / "
                   f"summary: {self.rows} row(s) read: {c} created, {u} updated, {n} unchanged, {k} conflict(s), "
                   f"{r} refused; {len(self.problems)} problem(s)"]
        for title, found in (("问题，按说明归类 / problems by message", self.problems),
                             ("提示，按说明归类 / warnings by message", self.warnings)):
            groups = group_by_message(found)
            if groups and len(found) > 1:
                out.append(f"{title}:")
                out += [f"  {g}" for g in groups]
        return out


# Parts of a message that differ from row to row: quoted cell values, numbers and the files named.
# Masked, messages of one kind are one group ("词表 industries 中没有“…”" however many values).
_VARYING = re.compile(r"“[^”]*”|‘[^’]*’|'[^']*'|\S+\.(?:yaml|csv|xlsx)\b"
                      r"|(?<![A-Za-z0-9_.\-/–])\d+(?![A-Za-z0-9_.\-/–])")


def _masked(text: str) -> str:
    def mask(match: re.Match[str]) -> str:
        found = match.group()
        return found[0] + "…" + found[-1] if found[0] in "“‘'" else "…"

    return _VARYING.sub(mask, text)


@dataclass
class ProblemGroup:
    column: str
    zh: str
    en: str
    rows: list[int]

    def __str__(self) -> str:
        shown = sorted(set(self.rows))
        rows = ", ".join(str(r) for r in shown[:EXAMPLE_ROWS]) + (" …" if len(shown) > EXAMPLE_ROWS else "")
        where = f"（行 / rows {rows}）" if any(self.rows) else ""
        return f"{len(self.rows)} × {self.column or '-'}: {self.zh} / {self.en}{where}"


def group_by_message(problems: Iterable[Any]) -> list[ProblemGroup]:
    """Problems of one kind (the same column and message, values aside) together, the largest group first."""
    groups: dict[tuple[str, str, str], ProblemGroup] = {}
    for problem in problems:
        column = getattr(problem, "column", "") if isinstance(problem, RowProblem) else getattr(problem, "field", "")
        row = problem.row if isinstance(problem, RowProblem) else getattr(problem, "line", 0)
        key = (column, _masked(problem.zh), _masked(problem.en))
        groups.setdefault(key, ProblemGroup(*key, rows=[])).rows.append(row)
    # Largest first; then in the order first met, which is the order of the rows.
    return sorted(groups.values(), key=lambda g: -len(g.rows))


class Refused(Exception):
    """The whole file cannot be imported."""

    def __init__(self, *problems: Any):
        self.problems = list(problems)


# --- reading the spreadsheet -----------------------------------------------------------------------
@dataclass
class Row:
    line: int
    cells: dict[str, str]


@dataclass
class Table:
    rows: list[Row]
    noun: tuple[str, str]  # what to call the file in a message: ("CSV", "the CSV") or ("表格", "the spreadsheet")


UNKNOWN_COLUMN = ("不认识的列，已忽略", "unknown column, ignored")
UNKNOWN_SHOWN = 20  # unknown columns named one by one
EXCEL = (".xlsx", ".xlsm")
_ZIP = b"PK\x03\x04"  # an .xlsx is a zip archive
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old Excel format (.xls)


def read_table(path: Path, shown: str, report: ImportReport, required: Iterable[str],
               known: Iterable[str] | None = None, unknown: tuple[str, str] = UNKNOWN_COLUMN,
               sheet: str | None = None) -> Table:
    """The rows of a spreadsheet (.xlsx or CSV), cells keyed by the lower-cased column name.

    The whole file is refused when a ``required`` column is missing or a column name repeats.
    A column not in ``known`` (when given) is a warning. Blank rows are skipped; a row with more
    cells than columns is a problem of that row. ``sheet``: the sheet of a workbook (else its first)."""
    raw = read_file(path, shown)
    if raw.startswith(_OLE) or path.suffix.lower() == ".xls":
        raise Refused(RowProblem(shown, 0, "", "这是旧的 Excel 格式（.xls），请另存为 Excel 工作簿（.xlsx）或 CSV UTF-8",
                                 "this is the old Excel format (.xls); save it as an Excel workbook (.xlsx) or as "
                                 "CSV UTF-8"))
    if raw.startswith(_ZIP) or path.suffix.lower() in EXCEL:
        records: Iterator[tuple[int, list[str]]] = _sheet_records(raw, shown, sheet)
        noun = ("表格", "the spreadsheet")
    else:
        text = decode_csv(raw, shown)
        records = _csv_records(text, shown)
        noun = ("CSV", "the CSV")
    limit = csv.field_size_limit()
    # csv refuses a cell over 128 KB; no cell is larger than the file, and how large a record may be
    # is for the record check (engine.passes_check) to say, by row and column.
    csv.field_size_limit(max(limit, len(raw) + 1))
    try:
        return Table(_rows(records, shown, report, tuple(required), known, unknown), noun)
    finally:
        csv.field_size_limit(limit)


def _rows(records: Iterator[tuple[int, list[str]]], shown: str, report: ImportReport, required: tuple[str, ...],
          known: Iterable[str] | None, unknown: tuple[str, str]) -> list[Row]:
    header = next(records, None)
    if header is None or not any(cell.strip() for cell in header[1]):
        raise Refused(RowProblem(shown, 1, "", "文件是空的，第一行应是列名", "the file is empty; line 1 must name the columns"))
    columns = [cell.strip().lower() for cell in header[1]]
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
    for line, cells in records:
        if not any(cell.strip() for cell in cells):
            continue  # a blank line, or a row of empty cells a spreadsheet left behind
        report.rows += 1
        if len(cells) > len(columns) and any(c.strip() for c in cells[len(columns):]):
            report.problems.append(RowProblem(
                shown, line, "", f"这一行有 {len(cells)} 格，比列名多（可能是文本中的英文逗号没有加引号）",
                f"this row has {len(cells)} cells, more than there are columns (an unquoted comma in the text?)"))
            continue
        padded = cells + [""] * (len(columns) - len(cells))
        rows.append(Row(line, {name: value.strip() for name, value in zip(columns, padded) if name}))
    return rows


# --- a CSV -------------------------------------------------------------------------------------------
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


def _csv_records(text: str, shown: str) -> Iterator[tuple[int, list[str]]]:
    """(the line a row starts on, its cells), the header first; a quote csv cannot read refuses the file."""
    # strict: a quote never closed is an error, not the rest of the file read silently into one cell
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1  # the line the row being read starts on
    columns: list[str] = []
    try:
        for cells in reader:
            line, start = start, reader.line_num + 1
            if not columns:
                columns = [cell.strip().lower() for cell in cells]
            yield line, cells
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


# --- an Excel workbook ---------------------------------------------------------------------------------
def _sheet_records(raw: bytes, shown: str, sheet: str | None) -> Iterator[tuple[int, list[str]]]:
    """(row number, its cells as text), the header first, from the first sheet or the one named."""
    from openpyxl import load_workbook

    unreadable = ("无法读取 Excel 文件", "cannot read the Excel file")
    try:
        with warnings.catch_warnings():  # openpyxl warns of styles and extensions it ignores: not the curator's concern
            warnings.simplefilter("ignore")
            book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # a damaged or foreign zip: whatever openpyxl raises, the file is refused
        raise Refused(RowProblem(shown, 0, "", f"{unreadable[0]}（{exc}）；请确认它是 .xlsx 工作簿，或另存为 CSV UTF-8",
                                 f"{unreadable[1]} ({exc}); check that it is an .xlsx workbook, or save it as "
                                 f"CSV UTF-8")) from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            names = book.sheetnames
            raise Refused(RowProblem(shown, 0, "", f"工作簿中没有名为“{sheet}”的工作表（有：{'、'.join(names)}）",
                                     f"the workbook has no sheet named '{sheet}' (it has: {', '.join(names)})"))
        if not book.worksheets:
            raise Refused(RowProblem(shown, 0, "", "工作簿中没有工作表", "the workbook has no sheet"))
        pages = book[sheet] if sheet is not None else book.worksheets[0]
        # Read to the last cell written, whatever size the file says the sheet is (a wrong size would cut rows).
        pages.reset_dimensions()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                for number, values in enumerate(pages.iter_rows(values_only=True), start=1):
                    yield number, [cell_text(v) for v in values]
        except Refused:
            raise
        except Exception as exc:
            raise Refused(RowProblem(shown, 0, "", f"{unreadable[0]}（{exc}）", f"{unreadable[1]} ({exc})")) from None
    finally:
        book.close()


def cell_text(value: Any) -> str:
    """A cell of a sheet as the text the same cell has in a CSV saved from it: 1956, 35.5, 1956-07-13."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel keeps every number as a float: 1956.0 is the year 1956
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


# --- vocabularies -------------------------------------------------------------------------------------
def vocabularies(collections: Path, shown: str, names: Iterable[str]) -> dict[str, Vocabulary]:
    """The vocabularies ``names``, read and validated by the museum's loader; the file is refused, with the
    loader's problems, when one of them is missing or invalid."""
    found, problems = load_vocabularies(collections) if (collections / "vocab").is_dir() else ({}, [])
    refused: list[Any] = []
    for name in names:
        if name in found:
            continue
        refused += [p for p in problems if Path(p.path).stem == name]
        refused.append(RowProblem(shown, 0, "", f"无法读取词表 {name}（collections/vocab/{name}.yaml；先运行 build.py check）",
                                  f"cannot read the vocabulary {name} (collections/vocab/{name}.yaml; run build.py "
                                  f"check first)"))
    if refused:
        raise Refused(*refused)
    return found


def spellings(vocabulary: Vocabulary) -> dict[str, str]:
    """Every way a cell may name an entry (its id, code, Chinese or English label) -> its id; look a cell up
    with :func:`spelled`."""
    table: dict[str, str] = {}
    for entry in vocabulary.entries:
        table[entry.id] = entry.id
    for entry in vocabulary.entries:
        for text in (entry.code, entry.label.zh, entry.label.en):
            if text:
                table.setdefault(text.strip().casefold(), entry.id)
    return table


def spelled(table: dict[str, str], text: Any) -> str | None:
    """The entry a cell names, or None."""
    if not isinstance(text, str):
        return None
    return table.get(text) or table.get(text.strip().casefold())


# --- files ----------------------------------------------------------------------------------------------
def read_file(path: Path, shown: str) -> bytes:
    """The file's bytes. Refused, in both languages, when it cannot be read or is no regular file
    (reading a named pipe would wait for ever; a folder or a device is no spreadsheet)."""
    doing = ("无法读取文件", "cannot read the file")
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        raise Refused(RowProblem(shown, 0, "", *os_error_text(_as(exc, None), doing))) from None
    if stat.S_ISDIR(mode):
        raise Refused(RowProblem(shown, 0, "", "这是一个目录，不是文件", "it is a folder, not a file"))
    if not stat.S_ISREG(mode):
        raise Refused(RowProblem(shown, 0, "", "这不是普通文件（可能是管道或设备），请给出表格文件本身",
                                 "this is not a regular file (a pipe or a device?); give the spreadsheet file itself"))
    try:
        return path.read_bytes()
    except OSError as exc:
        raise Refused(RowProblem(shown, 0, "", *os_error_text(_as(exc, None), doing))) from None


def _as(exc: OSError, name: str | None) -> OSError:
    """The same error about the file ``name`` (None: about no file, when the message names it already)."""
    if exc.errno is None:
        return OSError(f"{name}: {exc}" if name else str(exc))
    return OSError(exc.errno, exc.strerror or os.strerror(exc.errno), *([name] if name else []))


def rel(path: Path, root: Path) -> str:
    """A path as shown to the user: relative to ``root`` when it is inside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
