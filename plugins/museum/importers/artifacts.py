"""``build.py import artifacts FILE --mapping MAPPING.yaml``: a museum's inventory spreadsheet → artifacts.

What a row of an inventory means is said here; what every import does with its rows (finding each
row's record, ids, merging, conflicts, writing, the report) is engine.py's. The rules are written for
curators in docs/artifact-import.md; keep the two in step.

* A mapping file (YAML, checked by :class:`MappingFile`) says which column gives which record field,
  and which column is the row's ``key`` (usually the inventory number): a row is identified by its
  museum and key, which its record keeps in ``extra.import``. The spreadsheet is a CSV or an Excel
  workbook (.xlsx: its first sheet, or the ``sheet`` the mapping names).
* **Rows** become ``collections/artifacts/<museum>/<id>.yaml``. Every row is checked with the
  ``Artifact`` model and against the collection (the museum exists; industry and era are in the
  vocabularies; the date is understood and falls in an era) before anything is written. A bad row
  is reported as ``FILE:ROW: column: 中文 / English`` and skipped; good rows still import.
* **Ids** come from the mapping's ``id`` column or, when that cell is empty or no column is named, from
  ``pinyin_of`` (ids.py). An id another imported record has gets ``-<key>``, then ``-2``, ``-3``...
* **The importer owns** the fields the mapping names (and ``museum``); everything else belongs to
  curators. Vocabulary cells may give an entry's id or its Chinese or English label.

Nothing here raises to the caller.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_core import PydanticCustomError

from museum.importers.common import ImportReport, Refused, Row, RowProblem, Table, spelled, spellings, vocabularies
from museum.importers.engine import Item, Source, refusals, run, set_slot
from museum.importers.ids import slug_id
from museum.importers.roundtrip import node, single_lines
from museum.records.fields import Date, bilingual
from museum.records.messages import problems_from_validation
from museum.records.models import Artifact
from museum.records.problems import Problem
from museum.records.yamlsource import Document, load_document

# --- what a mapping may name ------------------------------------------------------------------------
# The Artifact fields a spreadsheet column can fill, in the model's order. The others (images,
# heritage, related, aliases, id, extra) are the curators' own: they need files, or references, or
# judgement, that an inventory spreadsheet does not hold.
MAPPABLE = ("title", "industry", "date", "description", "era", "inventory_number", "maker", "place_made",
            "materials", "dimensions", "significance", "provenance", "tags", "rights")
REQUIRED = ("title", "industry", "date", "description")  # with museum, what every artifact must have
LISTS = ("materials", "tags")  # need ``split``
TEXTS = ("title", "description", "maker", "place_made", "dimensions", "significance", "provenance", "rights")
EN = {f"{name}_en": name for name in TEXTS}  # title_en: the English of title
VOCAB = {"industry": "industries", "era": "eras"}
CURATORS = ("images", "heritage", "related", "aliases", "id", "extra")


# --- the mapping file ------------------------------------------------------------------------------
class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)


class Rule(_Strict):
    """One record field: a column (``名称`` or ``{column: 名称}``), or a constant ``{value: …}``."""

    column: str | None = Field(None, min_length=1, description="CSV 列名 / the CSV column")
    value: Any = Field(None, description="每一行都相同的取值 / the same value for every row")
    split: str | None = Field(None, min_length=1, description="列表字段的分隔符，如“、” / separator of a list field")
    map: dict[str, str] | None = Field(None, description="单元格文字 → 取值 / cell text → value")

    @model_validator(mode="before")
    @classmethod
    def _column_name(cls, data: Any) -> Any:
        return {"column": data} if isinstance(data, str) else data

    @model_validator(mode="after")
    def _one_source(self) -> "Rule":
        if (self.column is None) == ("value" not in self.model_fields_set):
            raise bilingual("mapping_rule", "应写列名、{column: 列名} 或 {value: 取值}，只写其中一种",
                            "give one of: a column name, {column: name} or {value: …}")
        if self.column is None and (self.split or self.map):
            raise bilingual("mapping_rule", "split 和 map 只用于列（column）", "split and map apply to a column only")
        return self


class IdRule(_Strict):
    """The id: from a column (made into an id), else the pinyin of another column."""

    column: str | None = Field(None, min_length=1)
    pinyin_of: str | None = Field(None, min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _column_name(cls, data: Any) -> Any:
        return {"column": data} if isinstance(data, str) else data

    @model_validator(mode="after")
    def _some_source(self) -> "IdRule":
        if self.column is None and self.pinyin_of is None:
            raise bilingual("mapping_id", "id 需要 column 或 pinyin_of", "id needs column or pinyin_of")
        return self


class MappingFile(_Strict):
    museum: Rule = Field(description="博物馆编号，或 {column: 列名} / a museum id, or {column: name}")
    id: IdRule
    key: str = Field(min_length=1, description="在重新导入时认出一行的列（通常是藏品编号）/ the column that identifies a row")
    fields: dict[str, Rule] = Field(min_length=1)
    sheet: str | None = Field(None, min_length=1,
                              description="Excel 工作簿中要读的工作表（默认第一个）/ the sheet of a workbook (else its first)")

    @field_validator("museum", mode="before")
    @classmethod
    def _museum_id(cls, value: Any) -> Any:
        return {"value": value} if isinstance(value, str) else value


@dataclass
class Lookup:
    """The little of the collection an import needs."""

    museums: dict[str, str]  # id, old id or Chinese name -> museum id
    vocab: dict[str, dict[str, str]]  # vocabulary -> any accepted spelling -> id
    labels: dict[str, list[str]]  # vocabulary -> ids and Chinese labels, for "did you mean"
    eras: list[tuple[int | None, int | None]]


@dataclass
class Mapping:
    rules: dict[str, Rule]  # record field (or title_en ...) -> rule, in MAPPABLE order
    museum: Rule
    id: IdRule
    key: str
    sheet: str | None = None

    def columns(self) -> list[str]:
        """Every column the mapping names, as written (the spreadsheet must have them all)."""
        names = [r.column for r in (self.museum, *self.rules.values()) if r.column]
        names += [c for c in (self.id.column, self.id.pinyin_of, self.key) if c]
        return list(dict.fromkeys(names))


def load_mapping(path: Path, shown: str, cat: Lookup) -> Mapping:
    doc = load_document(path, shown)
    if doc.problems:
        raise Refused(*doc.problems)
    try:
        parsed = MappingFile.model_validate(doc.data)
    except ValidationError as error:
        raise Refused(*[_hinted(p) for p in problems_from_validation(doc, MappingFile, error)]) from None
    problems = []

    def bad(where: tuple, zh: str, en: str, key: bool = False) -> None:
        problems.append(doc.problem(where, zh, en, key=key))

    for name, rule in parsed.fields.items():
        here = ("fields", name)
        if name in CURATORS or name == "museum":
            where_zh, where_en = ("写在映射文件的顶层", "is given at the top of the mapping") if name == "museum" else \
                ("由策展人在记录中填写，不从表格导入", "is the curators' to write in the record, not imported")
            bad(here, f"“{name}”{where_zh}", f"'{name}' {where_en}", key=True)
        elif name not in MAPPABLE and name not in EN:
            near = difflib.get_close_matches(name, [*MAPPABLE, *EN], n=1, cutoff=0.6)
            hint = (f"（是否想写“{near[0]}”？）", f" (did you mean '{near[0]}'?)") if near else ("", "")
            bad(here, f"不能导入的字段“{name}”{hint[0]}；可导入：{'、'.join(MAPPABLE)}，以及 title_en 等英文",
                f"'{name}' cannot be imported{hint[1]}; importable: {', '.join(MAPPABLE)}, and title_en etc.", key=True)
        elif name in EN and EN[name] not in parsed.fields:
            bad(here, f"有 {name} 就要有 {EN[name]}（中文）", f"{name} needs {EN[name]} (the Chinese) as well", key=True)
        elif name in LISTS and rule.column and not rule.split:
            bad(here, f"{name} 是列表，请写分隔符，如 {{column: {rule.column}, split: \"、\"}}",
                f"{name} is a list: give its separator, e.g. {{column: {rule.column}, split: \"、\"}}")
        elif name not in LISTS and rule.split:
            bad((*here, "split"), f"{name} 不是列表，不能用 split", f"{name} is not a list; split does not apply")
        if name in VOCAB:
            vocabulary = VOCAB[name]
            targets = [("map", k, v) for k, v in (rule.map or {}).items()]
            if "value" in rule.model_fields_set:
                targets.append(("value", None, rule.value))
            for part, key, value in targets:
                if _vocab_id(cat, vocabulary, value) is None:
                    where = (*here, part) if key is None else (*here, part, key)
                    bad(where, f"词表 {vocabulary} 中没有“{value}”", f"'{value}' is not in the {vocabulary} vocabulary")
    for name in REQUIRED:
        if name not in parsed.fields:
            bad(("fields",), f"缺少 {name}：藏品必须有 {name}", f"{name} is missing: every artifact needs a {name}",
                key=True)
    if parsed.museum.split:
        bad(("museum", "split"), "museum 不是列表，不能用 split", "museum is not a list; split does not apply")
    if "value" in parsed.museum.model_fields_set and _museum_id(cat, parsed.museum.value) is None:
        bad(("museum",), f"collections/museums/ 中没有“{parsed.museum.value}”",
            f"there is no '{parsed.museum.value}' in collections/museums/")
    for key, value in (parsed.museum.map or {}).items():
        if _museum_id(cat, value) is None:
            bad(("museum", "map", key), f"collections/museums/ 中没有“{value}”", f"there is no '{value}' in collections/museums/")
    if problems:
        raise Refused(*problems)
    rules = {name: parsed.fields[name] for name in (*MAPPABLE, *EN) if name in parsed.fields}
    return Mapping(rules, parsed.museum, parsed.id, parsed.key, parsed.sheet)


def _hinted(problem: Problem) -> Problem:
    """A misspelt key inside a field's rule (``mapp``), with the nearest of column/value/split/map."""
    parts = problem.field.split(".")
    if len(parts) == 3 and parts[0] == "fields" and problem.en == "unknown field":
        near = difflib.get_close_matches(parts[2], list(Rule.model_fields), n=1, cutoff=0.6)
        if near:
            return replace(problem, zh=f"{problem.zh}（是否想写“{near[0]}”？）", en=f"{problem.en} (did you mean '{near[0]}'?)")
    return problem


# --- the collection ---------------------------------------------------------------------------------
def load_lookup(collections: Path, shown: str) -> Lookup:
    found = vocabularies(collections, shown, VOCAB.values())
    vocab = {name: spellings(found[name]) for name in VOCAB.values()}
    labels = {name: [part for e in found[name].entries for part in (e.id, e.label.zh)] for name in VOCAB.values()}
    eras = [(e.start, e.end) for e in found["eras"].entries]
    museums: dict[str, str] = {}
    folder = collections / "museums"
    for path in sorted(folder.rglob("*.yaml")) if folder.is_dir() else []:
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        museums[path.stem] = path.stem
        doc = load_document(path, str(path))
        data = doc.data if isinstance(doc.data, dict) else {}
        aliases = data.get("aliases")
        for alias in aliases if isinstance(aliases, list) else []:
            if isinstance(alias, str):
                museums.setdefault(alias, path.stem)
        name = data.get("name")
        zh = name.get("zh") if isinstance(name, dict) else name
        if isinstance(zh, str):
            museums.setdefault(zh.strip(), path.stem)
    return Lookup(museums, vocab, labels, eras)


def _vocab_id(cat: Lookup, vocabulary: str, value: Any) -> str | None:
    return spelled(cat.vocab.get(vocabulary, {}), value)


def _museum_id(cat: Lookup, value: Any) -> str | None:
    return cat.museums.get(value.strip()) if isinstance(value, str) else None


# --- dates -------------------------------------------------------------------------------------------
_DASH = r"\s*[-–—~～至到]\s*"
_EXACT = (re.compile(r"(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?"),
          re.compile(r"(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?"))
_YEARS = re.compile(rf"(\d{{4}})年?{_DASH}(\d{{4}})年?")
_DECADES = re.compile(rf"(?:(?P<c>\d{{1,2}})世纪(?P<d1>\d)0|(?P<y1>\d{{3}})0)"
                      rf"(?:(?:年代)?{_DASH}(?:(?P<d2>\d)0|(?P<y2>\d{{3}})0))?年代")
DATE_FORMS_ZH = "年份（1956）、日期（1956-07-13、1956年7月13日）、年份范围（1950-1959）或年代（1950年代、约1950年代、20世纪50—80年代）"
DATE_FORMS_EN = "a year (1956), a date (1956-07-13), a range of years (1950-1959) or decades (1950年代, 约1950年代, 20世纪50—80年代)"


def parse_date(text: str) -> Any:
    """A cell as a record's date: a year (int), an ISO date, or ``{display, start, end}``; None if not a date.

    ``约``/``大约`` before, or ``前后``/``左右`` after, make a year uncertain: ``{display: 约1958年, start: 1958,
    end: 1958}``. Ranges and decades keep the cell's text as ``display``."""
    display = text.strip()
    core = display
    approx = False
    if match := re.match(r"(大约|约)\s*", core):
        approx, core = True, core[match.end():]
    if match := re.search(r"\s*(前后|左右)$", core):
        approx, core = True, core[:match.start()]
    for pattern in _EXACT:
        if match := pattern.fullmatch(core):
            year, month, day = match.groups()
            if approx:
                return {"display": display, "start": int(year), "end": int(year)}
            if not month:
                return int(year)
            return f"{year}-{int(month):02d}" + (f"-{int(day):02d}" if day else "")
    if match := _YEARS.fullmatch(core):
        return {"display": display, "start": int(match.group(1)), "end": int(match.group(2))}
    if match := _DECADES.fullmatch(core):
        g = match.groupdict()
        start = (int(g["c"]) - 1) * 100 + int(g["d1"]) * 10 if g["c"] else int(g["y1"]) * 10
        if g["y2"]:
            end = int(g["y2"]) * 10 + 9
        elif g["d2"]:
            end = start // 100 * 100 + int(g["d2"]) * 10 + 9
        else:
            end = start + 9
        return {"display": display, "start": start, "end": end}
    return None


# --- reading rows ---------------------------------------------------------------------------------------
def _cell(row: Row, column: str) -> str:
    """A cell's text: line breaks inside it as \\n, and no spaces at the ends of its lines."""
    text = row.cells.get(column.strip().lower(), "").replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n"))


def _parse(rows: list[Row], shown: str, mapping: Mapping, cat: Lookup, report: ImportReport) -> list[Item]:
    items: list[Item] = []
    first: dict[tuple[str, str], int] = {}
    for row in rows:
        errors: list[RowProblem] = []

        def bad(column: str, zh: str, en: str) -> None:
            errors.append(RowProblem(shown, row.line, column, zh, en))

        # the museum
        museum = None
        rule = mapping.museum
        if rule.column:
            text = _cell(row, rule.column)
            value = (rule.map or {}).get(text, text)
            museum = _museum_id(cat, value)
            if not text:
                bad(rule.column, "博物馆为空", "the museum is empty")
            elif museum is None:
                bad(rule.column, f"collections/museums/ 中没有“{value}”（可写博物馆编号或中文名称）",
                    f"there is no '{value}' in collections/museums/ (give a museum id or its Chinese name)")
        else:
            museum = _museum_id(cat, rule.value)
        # the key
        key = _cell(row, mapping.key)
        if not key:
            bad(mapping.key, "为空：这一列在重新导入时用来认出这一行，必须填写",
                "empty: this column identifies the row when the file is imported again")
        # the values
        values: dict[str, Any] = {"museum": museum} if museum else {}
        columns: dict[str, str] = {"museum": rule.column or "museum"}
        for name, rule in mapping.rules.items():
            column = rule.column or name
            columns[name] = column
            if rule.column:
                text = _cell(row, rule.column)
                if not text:
                    if name in REQUIRED:
                        bad(column, f"为空，而 {name} 是藏品的必填字段", f"empty, but {name} is required for an artifact")
                    continue
                if rule.split:
                    parts = [p.strip() for p in text.split(rule.split) if p.strip()]
                    value: Any = [(rule.map or {}).get(p, p) for p in parts]
                    if not value:
                        continue
                else:
                    value = (rule.map or {}).get(text, text)
            else:
                value = rule.value
            converted = _convert(name, value, cat, column, bad)
            if converted is not None:
                values[name] = converted
        for en, base in EN.items():
            if en in values and base not in values:
                bad(columns[en], f"有英文而 {base} 为空", f"there is English but {base} is empty")
        # the id
        name = ""
        if mapping.id.column and slug_id(_cell(row, mapping.id.column)):
            name = _cell(row, mapping.id.column)
        elif mapping.id.pinyin_of and slug_id(_cell(row, mapping.id.pinyin_of)):
            name = _cell(row, mapping.id.pinyin_of)
        if not name:
            column = mapping.id.column or mapping.id.pinyin_of or ""
            bad(column, "无法生成编号：这一格为空，或没有汉字、字母和数字",
                "cannot make an id: the cell is empty or has no Chinese characters, letters or digits")
        # the whole record, as the model and the collection see it
        if not errors:
            record = _record(values)
            try:
                Artifact.model_validate(record)
            except ValidationError as error:
                for problem in problems_from_validation(Document(shown), Artifact, error):
                    name = problem.field.split(".")[0]
                    bad(columns.get(name, name), problem.zh, problem.en)
        if not errors and "era" not in values and cat.eras:
            year = Date.validate(values["date"]).start
            if not any((s is None or s <= year) and (e is None or year <= e) for s, e in cat.eras):
                bad(columns["date"], f"年份 {year} 不属于 eras 词表中的任何时期，请在映射中加上 era",
                    f"year {year} falls in no era of the eras vocabulary; map an era")
        if key and museum:
            seen = first.get((museum, key))
            if seen is not None:
                bad(mapping.key, f"重复的行：“{key}”已在第 {seen} 行出现", f"duplicate row: '{key}' is already on row {seen}")
            else:
                first[(museum, key)] = row.line
        if errors:
            report.problems.extend(errors)
            continue
        items.append(Item(row, (museum, key), {"museum": museum, "key": key}, name, values, columns,
                          folder=museum))  # type: ignore[arg-type]
    return items


def _convert(name: str, value: Any, cat: Lookup, column: str, bad: Any) -> Any:
    """A cell's value as the record field wants it; None (and a problem) when it cannot be."""
    if name in VOCAB:
        vid = _vocab_id(cat, VOCAB[name], value)
        if vid is None:
            near = difflib.get_close_matches(str(value), cat.labels.get(VOCAB[name], []), n=1, cutoff=0.5)
            hint = (f"（是否想写“{near[0]}”？）", f" (did you mean '{near[0]}'?)") if near else ("", "")
            bad(column, f"词表 {VOCAB[name]} 中没有“{value}”{hint[0]}；可在映射中用 map 对应到词表编号",
                f"'{value}' is not in the {VOCAB[name]} vocabulary{hint[1]}; a map in the mapping can translate it")
        return vid
    if name == "date" and isinstance(value, str):
        parsed = parse_date(value)
        if parsed is None:
            bad(column, f"无法识别的年代“{value}”：应为{DATE_FORMS_ZH}", f"unrecognised date '{value}': expected {DATE_FORMS_EN}")
            return None
        try:
            Date.validate(parsed)
        except PydanticCustomError as error:
            ctx = error.context or {}
            bad(column, f"年代“{value}”：{ctx.get('zh', error.message())}", f"date '{value}': {ctx.get('en', error.message())}")
            return None
        return parsed
    return value


def _record(values: dict[str, Any]) -> dict[str, Any]:
    """A record made of the row's values alone."""
    data: dict[str, Any] = {}
    for slot in ["museum", *MAPPABLE, *EN]:
        if slot in values:
            set_slot(data, slot, values[slot], EN)
    return data


# --- the import ------------------------------------------------------------------------------------------
def import_artifacts(table: Path, mapping_file: Path, collections: Path, *, shown: str | None = None,
                     mapping_shown: str | None = None) -> ImportReport:
    """Import the inventory ``table`` (CSV or .xlsx) into ``collections`` as ``mapping_file`` says."""
    report = ImportReport()
    shown = shown or str(table)
    with refusals(report):
        cat = load_lookup(Path(collections), shown)
        mapping = load_mapping(Path(mapping_file), mapping_shown or str(mapping_file), cat)
        run(Inventory(mapping, cat), Path(table), Path(collections), shown, report)
    return report


class Inventory(Source):
    """A museum's inventory, read through a mapping: a row is an object."""

    folder = "artifacts"
    model = Artifact
    english = EN
    thing = ("这件藏品", "this object")
    missing_key = ("extra.import 应写明 museum 和 key", "extra.import needs museum and key")

    def __init__(self, mapping: Mapping, cat: Lookup):
        self.mapping, self.cat = mapping, cat
        self.owned = ("museum", *mapping.rules)
        self.sheet = mapping.sheet

    def columns(self) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, str]]:
        needed = tuple(c.strip().lower() for c in self.mapping.columns())
        return needed, needed, ("映射文件没有用到这一列，已忽略", "the mapping does not use this column; ignored")

    def key_of(self, mark: Any) -> tuple[str, str] | None:
        museum = mark.get("museum") if isinstance(mark, dict) else None
        key = mark.get("key") if isinstance(mark, dict) else None
        key = str(key).strip() if isinstance(key, (str, int)) and not isinstance(key, bool) else ""
        return (museum, key) if isinstance(museum, str) and museum and key else None

    def describe(self, key: tuple[Any, ...]) -> tuple[str, str]:
        return f" {key[0]} 的“{key[1]}”", f"'{key[1]}' of {key[0]}"

    def suffixes(self, item: Item) -> list[str]:
        own = slug_id(item.key[1])
        return ([f"-{own}"] if own else []) + list(super().suffixes(item))

    def id_column(self, item: Item) -> str:
        return self.mapping.id.column or self.mapping.id.pinyin_of or ""

    def head(self, item: Item) -> str:
        museum, key = item.key
        key = " ".join(key.split())
        return (f"# {museum} 藏品 {key}。由 build.py import artifacts 导入；导入字段与手工字段的规则见 docs/artifact-import.md\n"
                f"# Artifact {key} of {museum}; imported. Which fields the importer owns: docs/artifact-import.md\n")

    def style(self, value: Any) -> Any:
        """As curators write artifacts: text of several lines as a block, short lists and uncertain dates on
        one line."""
        return node(value, flow_list=single_lines, literal=True)

    def items(self, table: Table, shown: str, report: ImportReport) -> list[Item]:
        return _parse(table.rows, shown, self.mapping, self.cat, report)
