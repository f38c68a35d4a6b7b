"""``build.py import heritage FILE`` for a list of any level: a province's or a city's heritage list.

A national list has the Ministry's columns (batch, no, core_items: heritage.py); any other list is read
here, told apart by its ``level`` column. What a row of such a list means is written for curators in
docs/heritage-import.md ("省、市名单"); keep the two in step.

* A row is a site. Its listing — level, issuer, batch or year, number, grade — comes from the columns
  of those names, or, where a list gives only its title, from the ``list`` text as published
  (``武汉市首批工业遗产一级``: issuer 武汉市, batch 1, grade 一级; ``湖北省第二批省级工业遗产（2025年度）``:
  issuer 湖北省, batch 2, year 2025). Issuers are the heritage-issuers vocabulary; a province's or
  city's GB/T 2260 code there also gives the site's province. Parts of ``list`` after ``；`` that name
  another kind of list (a cultural relic list, a news report) are kept as the listing's note.
* A row is identified by the list's own id (``inventory_id`` or ``id``), kept in ``extra.listing``
  (not ``extra.import``, which the national list keeps), or else by issuer, batch or year and number.
* A site that another list already made a record of (same province, same name or one of the row's
  other names) is not made twice: the row adds its listing to that record and writes nothing else.
* The importer owns the fields in ``OWNED`` of the records it creates; ``industry`` is a suggestion.

Problems are reported as ``FILE:ROW: column: 中文 / English``; good rows are imported even when others
fail. Nothing here raises to the caller.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from museum.importers.common import (
    UNKNOWN_COLUMN,
    ImportReport,
    RowProblem,
    Table,
    spelled,
    spellings,
    vocabularies,
)
from museum.importers.engine import Item, Source, project
from museum.importers.heritage import check_name, classify
from museum.records.loader import load_document
from museum.records.models import Heritage

REQUIRED_COLUMNS = ("name", "level")
OPTIONAL_COLUMNS = ("inventory_id", "id", "list", "issuer", "batch", "year", "number", "no", "grade", "province",
                    "city", "district", "address", "core_items", "aliases")

OWNED = ("name", "level", "province", "core_items", "city", "address", "industry", "listings", "other_names")
SUGGESTED = ("industry",)
ADOPTED = ("listings",)  # what a row writes into a record another list made
FIELD_COLUMNS = {"name": "name", "level": "level", "province": "province", "core_items": "core_items", "city": "city",
                 "address": "district", "listings": "list", "other_names": "aliases"}

_NUMERALS = {"首": 1, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_BATCH = re.compile(r"(首|第([一二三四五六七八九十]+|[0-9]+))批")
_GRADE = re.compile(r"([一二三]级)$")
_YEAR = re.compile(r"^([12][0-9]{3})年度?$")
_ON_LIST = re.compile(r"^(公布名|保护名)：(.+)$")
_BRACKETS = re.compile(r"（([^（）]*)）")


def batch_number(text: str) -> int | None:
    """首批 → 1, 第二批 → 2, 第12批 → 12."""
    found = _BATCH.search(text)
    if not found:
        return None
    if found.group(1) == "首":
        return 1
    word = found.group(2)
    if word.isdigit():
        return int(word)
    if word.startswith("十"):
        return 10 + _NUMERALS.get(word[1:], 0)
    if "十" in word:
        tens, _, ones = word.partition("十")
        return _NUMERALS[tens] * 10 + _NUMERALS.get(ones, 0)
    return _NUMERALS.get(word)


@dataclass
class ListText:
    """What the published title of a listing says."""

    issuer: str | None
    level: str | None
    batch: int | None
    year: int | None
    grade: str | None
    name: str | None  # the site's name on the list (公布名), when the title gives one
    notes: list[str]


class Issuers:
    """The heritage-issuers vocabulary, read for a list's title: who, and which province."""

    def __init__(self, vocabulary: Any, provinces: Any):
        self.entries = list(vocabulary.entries)
        self.spelled = spellings(vocabulary)
        self.province_of_code = {e.code: e.id for e in provinces.entries if e.code}

    def prefixed(self, text: str) -> str | None:
        """The issuer a title starts with (湖北省第二批…, 武汉市首批…), the longest name first."""
        names = sorted(((e.label.zh, e.id) for e in self.entries), key=lambda n: -len(n[0]))
        return next((vid for name, vid in names if text.startswith(name)), None)

    def level(self, vid: str) -> str | None:
        code = self.code(vid)
        if not code:
            return None
        return "provincial" if code.endswith("0000") else "municipal"

    def code(self, vid: str) -> str | None:
        return next((e.code for e in self.entries if e.id == vid), None)

    def province(self, vid: str) -> str | None:
        code = self.code(vid)
        return self.province_of_code.get(code[:2] + "0000") if code else None

    def of_province(self, province: str | None) -> str | None:
        """The issuer that is the province itself (a title that says only 省级工业遗产)."""
        code = next((c for c, pid in self.province_of_code.items() if pid == province), None)
        return next((e.id for e in self.entries if code and e.code == code), None)


def read_title(part: str, issuers: Issuers, province: str | None) -> ListText | None:
    """One part of a ``list`` cell as a listing, or None when it names another kind of list."""
    notes: list[str] = []
    on_list = None
    year = None
    for inner in _BRACKETS.findall(part):
        if _YEAR.match(inner):
            year = int(_YEAR.match(inner).group(1))
        elif _ON_LIST.match(inner):
            on_list = _ON_LIST.match(inner).group(2)
        else:
            notes.append(inner)
    bare = _BRACKETS.sub("", part).strip()
    if "工业遗产" not in bare:
        return None
    issuer = issuers.prefixed(bare)
    if issuer is None and bare.startswith(("省级", "市级")):
        issuer = issuers.of_province(province) if bare.startswith("省级") else None
    if issuer is None:
        return None
    grade = _GRADE.search(bare)
    return ListText(issuer, issuers.level(issuer), batch_number(bare), year, grade.group(1) if grade else None,
                    on_list, notes)


class GradedList(Source):
    """A province's or a city's heritage list: a row is a site."""

    folder = "heritage"
    model = Heritage
    owned = OWNED
    suggested = SUGGESTED
    mark_field = "listing"
    thing = ("这处遗产", "this site")
    missing_key = ("extra.listing 应写明名单中的编号 id，或 issuer、batch（或 year）和 number",
                   "extra.listing needs the list's own id, or issuer, batch (or year) and number")

    def __init__(self, collections: Path, shown: str):
        found = vocabularies(collections, shown, ("provinces", "industries", "heritage-levels", "heritage-issuers"))
        self.levels = {e.id for e in found["heritage-levels"].entries}
        self.level_spelled = spellings(found["heritage-levels"])
        for entry in found["heritage-levels"].entries:  # 省级, 市级 as lists write them
            self.level_spelled.setdefault(entry.label.zh.replace("工业遗产", ""), entry.id)
        self.level_order = [e.id for e in found["heritage-levels"].entries]
        self.provinces = spellings(found["provinces"])
        self.issuers = Issuers(found["heritage-issuers"], found["provinces"])
        self.industries = {e.id for e in found["industries"].entries}
        self.others = _other_lists(collections / self.folder)

    def columns(self) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, str]]:
        return REQUIRED_COLUMNS, REQUIRED_COLUMNS + OPTIONAL_COLUMNS, UNKNOWN_COLUMN

    def key_of(self, mark: Any) -> tuple[Any, ...] | None:
        if not isinstance(mark, dict):
            return None
        if isinstance(mark.get("id"), str) and mark["id"].strip():
            return ("id", mark["id"].strip())
        parts = [mark.get(k) for k in ("issuer", "batch", "year", "number")]
        if isinstance(parts[0], str) and isinstance(parts[3], int) and (parts[1] or parts[2]):
            return ("listed", parts[0], parts[1] or 0, parts[2] or 0, parts[3])
        return None

    def describe(self, key: tuple[Any, ...]) -> tuple[str, str]:
        if key[0] == "id":
            return f"名单编号 {key[1]}", f"list id {key[1]}"
        return f"{key[1]} 第{key[2] or key[3]}批第{key[4]}项", f"{key[1]} batch {key[2] or key[3]} no. {key[4]}"

    def id_column(self, item: Item) -> str:
        return "name"

    def head(self, item: Item) -> str:
        lists = "；".join(project(listing.get("list")) or "" for listing in item.values.get("listings", []))
        return (f"# {lists}。由 build.py import heritage 导入；导入字段与手工字段的规则见 docs/heritage-import.md\n"
                f"# On a provincial or municipal heritage list; imported. Which fields the importer owns: "
                f"docs/heritage-import.md\n")

    def project(self, slot: str, value: Any) -> Any:
        return project(value)

    def items(self, table: Table, shown: str, report: ImportReport) -> list[Item]:
        items: list[Item] = []
        seen: dict[tuple[Any, ...], int] = {}
        for row in table.rows:
            cells, line = row.cells, row.line
            errors: list[RowProblem] = []

            def bad(column: str, zh: str, en: str) -> None:
                errors.append(RowProblem(shown, line, column, zh, en))

            name = cells.get("name", "")
            check_name(name, bad)
            level_text = cells.get("level", "")
            level = spelled(self.level_spelled, level_text)
            if not level_text:
                bad("level", "级别为空", "level is empty")
            elif level is None:
                bad("level", f"heritage-levels 词表中没有“{level_text}”（应为 {'、'.join(sorted(self.levels))} 之一）",
                    f"'{level_text}' is not in the heritage-levels vocabulary (expected one of "
                    f"{', '.join(sorted(self.levels))})")
            province = spelled(self.provinces, cells.get("province", "")) if cells.get("province") else None
            if cells.get("province") and province is None:
                bad("province", f"provinces 词表中没有“{cells['province']}”",
                    f"'{cells['province']}' is not in the provinces vocabulary")
            if province is None and cells.get("city"):  # a city that publishes a list says its province (武汉市)
                city_issuer = spelled(self.issuers.spelled, cells["city"])
                province = self.issuers.province(city_issuer) if city_issuer else None
            listings, notes = self._listings(cells, level, province, bad)
            if listings and province is None:
                province = self.issuers.province(listings[0]["issuer"])
                if province is None:
                    bad("province", "这份名单没有 province 列，公布方也不是一个省或市；请加上 province 列",
                        "the list has no province column and its issuer is not a province or city; add a province "
                        "column")
            key = self._key(cells, listings, bad)
            if key is not None:
                if key in seen:
                    bad("inventory_id" if key[0] == "id" else "number",
                        f"重复的行：与第 {seen[key]} 行是同一处", f"duplicate row: the same site as row {seen[key]}")
                else:
                    seen[key] = line
            if errors:
                report.problems.extend(errors)
                continue
            assert key is not None and level is not None
            levels = [entry["level"] for entry in listings]
            if level not in levels:
                report.warnings.append(RowProblem(
                    shown, line, "level",
                    f"level 列写的是“{level_text}”，但这一行的工业遗产名单的级别是 {'、'.join(levels)}；记录按名单写 "
                    f"{levels[0]}", f"the level column says '{level_text}' but the row's heritage lists are "
                    f"{', '.join(levels)}; the record follows the lists: {levels[0]}"))
            highest = min(levels, key=self.level_order.index)
            for entry, note in zip(listings, notes):
                if note:
                    entry["note"] = note
            core = [part.strip() for part in re.split(r"[、，；;]", cells["core_items"]) if part.strip()] \
                if cells.get("core_items") else [name]  # a list that names no core items lists the site itself
            aliases = [a.strip() for a in cells.get("aliases", "").split("|") if a.strip()]
            others = list(dict.fromkeys(a for a in aliases if a != name))
            values: dict[str, Any] = {"name": name, "level": highest, "province": province, "core_items": core,
                                      "listings": listings}
            if cells.get("city"):
                values["city"] = cells["city"]
            if cells.get("address"):
                values["address"] = cells["address"]
            elif cells.get("district"):
                values["address"] = cells.get("city", "") + cells["district"]
            if others:
                values["other_names"] = others
            industry, _ = classify(name, core if cells.get("core_items") else [], self.industries)
            if industry:
                values["industry"] = industry
            try:
                Heritage.model_validate(values)
            except ValidationError as error:
                first = error.errors(include_url=False)[0]
                column = FIELD_COLUMNS.get(str(first["loc"][0]), "") if first["loc"] else ""
                report.problems.append(RowProblem(shown, line, column, f"取值无效：{first['msg']}",
                                                  f"invalid value: {first['msg']}"))
                continue
            mark = {"id": key[1]} if key[0] == "id" else \
                {k: v for k, v in zip(("issuer", "batch", "year", "number"), key[1:]) if v}
            adopt = self.others.get((province, name)) or next(
                (self.others[(province, a)] for a in aliases if (province, a) in self.others), None)
            item = Item(row, key, mark, name, values, dict(FIELD_COLUMNS))
            if adopt is not None:
                item.adopt, item.owned = adopt, ADOPTED
                report.notes.append(f"{shown}:{line}: “{name}”已有记录 {adopt.name}（另一份名单导入）；只写入本名单的 "
                                    f"listings / already a record from another list; only its listing is added")
            items.append(item)
        return items

    def _listings(self, cells: dict[str, str], level: str | None, province: str | None,
                  bad: Any) -> tuple[list[dict[str, Any]], list[str]]:
        """The row's listings (its columns win over its title), and each one's note."""
        explicit = {k: cells.get(k, "") for k in ("issuer", "batch", "year", "number", "no", "grade")}
        title = cells.get("list", "")
        parts = [p.strip() for p in title.split("；") if p.strip()] if title else []
        read = [(part, read_title(part, self.issuers, province)) for part in parts]
        found = [(part, t) for part, t in read if t is not None]
        elsewhere = [part for part, t in read if t is None]
        if explicit["issuer"]:
            issuer = spelled(self.issuers.spelled, explicit["issuer"])
            if issuer is None:
                bad("issuer", f"heritage-issuers 词表中没有“{explicit['issuer']}”；请先在词表中加上它",
                    f"'{explicit['issuer']}' is not in the heritage-issuers vocabulary; add it there first")
                return [], []
            base = found[0][1] if found else ListText(issuer, None, None, None, None, None, [])
            base.issuer = issuer
            found = [(found[0][0] if found else "", base)]
        if not found:
            if title:
                bad("list", f"“{title}”中认不出工业遗产名单（公布方须在 heritage-issuers 词表中）；或写 issuer 列",
                    f"no heritage list recognised in '{title}' (its issuer must be in the heritage-issuers "
                    f"vocabulary); or give an issuer column")
            else:
                bad("list", "没有写名单：请写 list 列（名单名称）或 issuer 列",
                    "no list given: write the list column (the list's name) or an issuer column")
            return [], []
        listings, notes = [], []
        for i, (part, text) in enumerate(found):
            entry: dict[str, Any] = {"level": text.level or level, "issuer": text.issuer}
            if part:
                entry["list"] = _BRACKETS.sub("", part).strip()  # what the brackets say is kept apart
            numbers = {"batch": text.batch, "year": text.year, "number": None}
            for column, target in (("batch", "batch"), ("year", "year"), ("number", "number"), ("no", "number")):
                value = explicit[column]
                if i == 0 and value:
                    if not value.isdigit():
                        bad(column, f"{column} 应为正整数，而不是“{value}”", f"{column} must be a whole number, not '{value}'")
                        return [], []
                    numbers[target] = int(value)
            entry.update({k: v for k, v in numbers.items() if v is not None})
            grade = explicit["grade"] if i == 0 and explicit["grade"] else text.grade
            if grade:
                entry["grade"] = grade
            if text.name and text.name != cells.get("name"):
                entry["name"] = text.name
            if entry["level"] is None:
                entry["level"] = level
            listings.append(entry)
            note = [*text.notes, *([f"亦见：{'；'.join(elsewhere)}"] if elsewhere and i == 0 else [])]
            notes.append("；".join(note))
        return listings, notes

    def _key(self, cells: dict[str, str], listings: list[dict[str, Any]], bad: Any) -> tuple[Any, ...] | None:
        own = cells.get("inventory_id") or cells.get("id")
        if own:
            return ("id", own)
        if listings and listings[0].get("number") and (listings[0].get("batch") or listings[0].get("year")):
            first = listings[0]
            return ("listed", first["issuer"], first.get("batch") or 0, first.get("year") or 0, first["number"])
        if listings:
            bad("inventory_id", "这一行无法识别：请写 inventory_id 列（名单中的编号），或写出批次（或年份）和序号",
                "cannot tell which site this row is: give an inventory_id column (the list's own id), or the batch "
                "(or year) and number")
        return None


def _other_lists(folder: Path) -> dict[tuple[str, str], Path]:
    """(province, name) -> a record another list's import made (``extra.import``), to add listings to."""
    found: dict[tuple[str, str], Path] = {}
    for path in sorted(folder.rglob("*.yaml")) if folder.is_dir() else []:
        doc = load_document(path, str(path))
        data = doc.data if not doc.problems and isinstance(doc.data, dict) else None
        extra = data.get("extra") if data else None
        if not isinstance(extra, dict) or not isinstance(extra.get("import"), dict):
            continue
        name = project(data.get("name"))
        province = data.get("province")
        if isinstance(name, str) and isinstance(province, str):
            found.setdefault((province, name), path)
    return found
