"""``build.py import heritage FILE``: rows of the national industrial heritage list → heritage records.

What a row of the list means is said here (the list as published: see
/work/shared/data/national-industrial-heritage/SOURCE.md); what every import does with its rows
(finding each row's record, ids, merging, conflicts, writing, the report) is engine.py's. The rules
are written for curators in docs/heritage-import.md; keep the two in step.

* A row is a site, identified by its batch and number, which its record keeps in ``extra.import``.
  A new record's id is made of the site's name (ids.py); an id another imported site already has
  gets ``-b<batch>``, then ``-b<batch>-<no>``.
* **The importer owns** the fields in ``OWNED``; every other field (description, images, location,
  museums, open_to_public, founded, ...) belongs to curators and is never touched. ``industry`` and
  ``listed`` are only the importer's suggestions: a curator's different value wins.
* Provinces are named through the provinces vocabulary (its Chinese labels, their short forms,
  English labels, GB/T 2260 codes and ids); the industry comes from the keyword rule below.

Problems are reported as ``FILE:ROW: column: 中文 / English``; good rows are imported even when
others fail. Nothing here raises to the caller.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from museum.importers.common import (
    UNKNOWN_COLUMN,
    ImportReport,
    Refused,
    RowProblem,
    Table,
    read_table,
    spelled,
    spellings,
    vocabularies,
)
from museum.importers.engine import Item, Source, project, refusals, run
from museum.importers.ids import slug_id
from museum.records.models import Heritage

# --- the list's columns ----------------------------------------------------------------------------
REQUIRED_COLUMNS = ("batch", "no", "name", "province", "core_items")
OPTIONAL_COLUMNS = ("address", "city", "applicant_unit")

LEVEL = "national"
ISSUER = {"zh": "工业和信息化部", "en": "Ministry of Industry and Information Technology"}  # (its own English name)

# The year the Ministry of Industry and Information Technology announced each batch:
# batch 1 on 2017-12-20, batch 2 late in 2018 (plaques presented 2018-12-17), batch 3 on 2019-12-06,
# batch 4 in 2020, batch 5 on 2021-11-30 (published 2021-12-14). A later batch gets no `listed` until it
# is added here (and in docs/heritage-import.md).
LISTED_YEARS = {1: 2017, 2: 2018, 3: 2019, 4: 2020, 5: 2021}

# The fields the importer writes, in the order of the Heritage model.
OWNED = ("name", "level", "province", "core_items", "batch", "number", "listed", "issuer", "city", "address",
         "industry", "applicant")
# Of those, the importer's suggestions that a curator may overrule (the others are facts of the list).
SUGGESTED = ("listed", "industry")
# The CSV column each owned field comes from, to say where a record check refuses would come from.
FIELD_COLUMNS = {"name": "name", "province": "province", "core_items": "core_items", "batch": "batch",
                 "number": "no", "listed": "batch", "city": "city", "address": "address", "applicant": "applicant_unit"}

# --- the industry rule --------------------------------------------------------------------------
# Ordered: the first row with a keyword in the site's NAME gives its industry. When the name has
# no keyword, the CORE ITEMS decide: the row whose keywords occur there most often, ties broken by
# this order. A row with industry None means "no industry in the vocabulary fits" (ports, film
# studios): such a name is left unplaced; it is never used on core items. Proper names stand for
# enterprises whose industry is not in their name (开滦 = Kailuan coal mines).
INDUSTRY_RULE: tuple[tuple[str | None, tuple[str, ...]], ...] = (
    ("nuclear", ("中核", "核工业", "核武器", "核动力", "核聚变", "反应堆", "铀", "原子能", "工程物理")),
    ("aerospace", ("航天", "卫星", "火箭", "导弹")),
    ("aviation", ("航空", "飞机")),
    ("mint", ("造币", "印钞")),
    ("arms", ("兵工", "军械", "兵器", "机器局", "火工")),  # 清末的“机器局”是兵工厂（金陵机器局）
    ("forestry", ("森工", "森林")),
    ("railway", ("铁路", "机车", "机务段", "桥梁厂")),
    ("shipbuilding", ("船厂", "造船", "船坞", "船政")),
    ("machinery", ("机床", "车床", "拖拉机", "机器厂", "铸造", "锻造", "水压机", "冷冻机", "压缩机", "电机厂",
                   "锅炉厂", "煤机", "重型机器", "一重")),
    ("water-conservancy", ("水利",)),
    ("electronics", ("无线电",)),  # before power: 无线电厂 is a radio factory, not a power plant
    ("power", ("电厂", "电站", "发电", "水电", "热电", "地热", "潮汐")),
    ("petroleum", ("油田", "油矿", "炼油", "石油", "气田", "气矿", "钻井", "油井")),
    (None, ("港", "电影", "阿胶", "制药", "药厂")),  # 港口、电影制片、医药：词表中没有对应行业
    ("steel", ("钢铁", "钢厂", "型钢", "炼钢", "轧钢", "高炉", "炼铁", "铁厂", "煤铁")),
    ("food-and-drink", ("酒", "酿", "窖池", "烧锅", "茶", "面粉", "醋", "酱", "蜜饯", "糖", "甘蔗")),
    ("chemical", ("化工", "化学", "铔", "纯碱", "矾", "煤气", "裂解", "永利")),
    ("coal", ("煤", "开滦", "抚顺西露天矿")),
    ("nonferrous", ("钨", "铜矿", "铜加工", "汞", "锑", "金矿", "轻合金", "铝", "稀有金属", "可可托海")),
    ("salt", ("盐",)),
    ("textile", ("纱厂", "纺", "丝厂", "丝织", "缫", "国棉", "棉纺", "织布", "印染")),
    ("ceramics", ("瓷", "陶", "御窑", "窑址", "窑遗址", "龙窑")),
    ("light-industry", ("造纸", "宣纸", "纸厂", "墨厂", "湖笔", "卷烟", "烟草", "烟公司", "烟叶", "香粉", "手表",
                        "表业", "珐琅")),
    ("building-materials", ("水泥", "耐火", "石棉", "粘土")),
    ("telecom", ("电报", "邮电", "电台", "授时", "通信", "电话")),
    ("electronics", ("电子", "磁学", "雷达", "电器", "电波")),
    ("printing", ("印刷",)),
    ("instruments", ("仪器", "仪表", "显微镜", "投影仪", "刻线机", "刻度机")),
    ("automotive", ("汽车",)),
)


# --- splitting the core items -------------------------------------------------------------------
_OPENERS = "（(“‘《【「[〔"
_CLOSERS = "）)”’》】」]〕"
_SEPARATORS = "、，；;,。．."
_NUMERAL = re.compile(r"[0-9０-９一二三四五六七八九十百〇零两]")


def split_core_items(text: str) -> list[str]:
    """Split on 、，；; , and full stops, never inside matched brackets or quotes.

    ASCII ``,`` and ``.`` between two digits (1,000, 8.75) are not separators; ``、`` between two
    numbers belongs to one item (``1、2号井``, ``10吨、5吨冲天炉``), and so does ``、`` after a single
    character (``宋、元、明、清代饮酒具``).
    """
    protected = [False] * len(text)
    stack: list[int] = []
    for i, ch in enumerate(text):
        if ch in _OPENERS:
            stack.append(i)
        elif ch in _CLOSERS and stack:
            start = stack.pop()
            for j in range(start + 1, i):
                protected[j] = True
    items, current = [], []
    since = 0  # where the text since the last 、 of the current item begins (linear: no joins per character)
    for i, ch in enumerate(text):
        single = ch == "、" and len(text[since:i].strip()) == 1  # 宋、元、明、清代: one item
        if ch in _SEPARATORS and not protected[i] and not single and not _joins(text, i):
            items.append("".join(current))
            current = []
            since = i + 1
        else:
            current.append(ch)
            if ch == "、":
                since = i + 1
    items.append("".join(current))
    return [item.strip() for item in items if item.strip()]


def _joins(text: str, i: int) -> bool:
    before = text[i - 1] if i else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    ch = text[i]
    if ch in ",.":
        return before.isdigit() and after.isdigit() or (ch == "." and before.isascii() and before.isalpha()
                                                          and after.isascii() and after.isalpha())
    if ch == "、" and after and _NUMERAL.match(after):
        j = i  # looking back from the 、 (not text[:i]: a long cell would be copied at every 、)
        while j and text[j - 1].isspace():
            j -= 1
        if j and text[j - 1] in "号吨#级层栋":
            j -= 1
        return bool(j) and bool(_NUMERAL.match(text[j - 1]))
    return False


# --- the industry rule, applied ---------------------------------------------------------------------
def classify(name: str, core_items: list[str], known: set[str]) -> tuple[str | None, str]:
    """(industry id or None, the keyword that decided) for one site."""
    for industry, words in INDUSTRY_RULE:
        if industry is not None and industry not in known:
            continue
        for word in words:
            if word in name:
                return industry, word
    text = "，".join(core_items)
    best: tuple[int, str | None, str] = (0, None, "")
    for industry, words in INDUSTRY_RULE:
        if industry is None or industry not in known:
            continue
        pattern = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        hits = re.findall(pattern, text)
        if len(hits) > best[0]:
            best = (len(hits), industry, max(sorted(set(hits)), key=hits.count))
    return best[1], best[2]


# --- what the importer says ---------------------------------------------------------------------
@dataclass
class HeritageReport(ImportReport):
    unplaced: list[tuple[str, str, int, int]] = field(default_factory=list)  # (id, name, batch, no)

    def details(self) -> list[str]:
        out = super().details()
        if self.unplaced:
            out.append(f"行业规则未能归类 {len(self.unplaced)} 处（未写 industry，请策展人补充）/ "
                       f"{len(self.unplaced)} site(s) the industry rule could not place (no industry written):")
            for rid, name, batch, no in self.unplaced:
                out.append(f"  heritage/{rid}  {name}（第{batch}批第{no}项 / batch {batch} no. {no}）")
        return out


def check_name(name: str, bad: Any) -> None:
    """A site's name must be there and make an id (every list's rows: graded.py too)."""
    if not name:
        bad("name", "名称为空", "name is empty")
    elif not slug_id(name):
        bad("name", f"无法由名称“{name}”生成编号（需要汉字、字母或数字）",
            f"cannot make an id from the name '{name}' (it needs Chinese characters, letters or digits)")


# --- the import ----------------------------------------------------------------------------------------
def import_heritage(table: Path, collections: Path, *, shown: str | None = None) -> HeritageReport:
    """Import the list ``table`` (CSV or .xlsx) into ``collections``; everything that happened is in the report."""
    report = HeritageReport()
    shown = shown or str(table)
    with refusals(report):
        if _graded(Path(table), shown):
            from museum.importers.graded import GradedList  # (it reads this module's industry rule)

            run(GradedList(Path(collections), shown), Path(table), Path(collections), shown, report)
        else:
            run(HeritageList(Path(collections), shown), Path(table), Path(collections), shown, report)
    return report


def _graded(table: Path, shown: str) -> bool:
    """Whether the file is a list of another level than the national one: it has a ``level`` column and not
    the national list's ``no`` (graded.py). A file that cannot be read is left to the national reader to say so."""
    try:
        rows = read_table(table, shown, ImportReport(), ()).rows
    except Refused:
        return False
    columns = set(rows[0].cells) if rows else set()
    return "level" in columns and "no" not in columns


class HeritageList(Source):
    """The national industrial heritage list: a row is a site."""

    folder = "heritage"
    model = Heritage
    owned = OWNED
    suggested = SUGGESTED
    thing = ("这处遗产", "this site")
    missing_key = ("extra.import 应写明 batch 和 number（正整数）", "extra.import needs batch and number (whole numbers)")

    def __init__(self, collections: Path, shown: str):
        found = vocabularies(collections, shown, ("provinces", "industries", "heritage-levels"))
        if LEVEL not in {entry.id for entry in found["heritage-levels"].entries}:
            raise Refused(RowProblem(shown, 0, "", f"heritage-levels 词表中没有“{LEVEL}”",
                                     f"'{LEVEL}' is not in the heritage-levels vocabulary"))
        provinces = found["provinces"]
        self.provinces = spellings(provinces)
        for entry in provinces.entries:  # 辽宁 for 辽宁省, as lists often write it
            short = re.sub(r"(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$", "", entry.label.zh)
            self.provinces.setdefault(short, entry.id)
        self.province_labels = [entry.label.zh for entry in provinces.entries]
        self.codes = {entry.code: entry.id for entry in provinces.entries if entry.code}
        self.industries = {entry.id for entry in found["industries"].entries}

    def columns(self) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, str]]:
        return REQUIRED_COLUMNS, REQUIRED_COLUMNS + OPTIONAL_COLUMNS, UNKNOWN_COLUMN

    def key_of(self, mark: Any) -> tuple[int, int] | None:
        if not isinstance(mark, dict):
            return None
        values = []
        for name in ("batch", "number"):
            value = mark.get(name)
            if isinstance(value, str) and value.strip().isdigit():
                value = int(value)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                return None
            values.append(value)
        return values[0], values[1]

    def describe(self, key: tuple[Any, ...]) -> tuple[str, str]:
        return f"第{key[0]}批第{key[1]}项", f"batch {key[0]} no. {key[1]}"

    def suffixes(self, item: Item) -> list[str]:
        batch, no = item.key
        return [f"-b{batch}", f"-b{batch}-{no}", *super().suffixes(item)]

    def id_column(self, item: Item) -> str:
        return "name"

    def head(self, item: Item) -> str:
        batch, no = item.key
        return (f"# 国家工业遗产 第{batch}批第{no}项。由 build.py import heritage 导入；导入字段与手工字段的规则见 "
                f"docs/heritage-import.md\n"
                f"# National industrial heritage, batch {batch} no. {no}; imported. Which fields the importer "
                f"owns: docs/heritage-import.md\n")

    def project(self, slot: str, value: Any) -> Any:
        """Chinese text only, numbers as text, and a province by its id (a code is the same province)."""
        projected = project(value)
        if slot == "province" and isinstance(projected, str):
            return self.codes.get(projected, projected)
        return projected

    def done(self, item: Item, where: str, data: dict[str, Any], report: ImportReport) -> None:
        if "industry" in item.values or not isinstance(report, HeritageReport):
            return
        batch, no = item.key
        report.unplaced.append((Path(where).stem, item.values["name"], batch, no))
        if data.get("industry"):
            report.notes.append(f"{where}: industry: "
                                f"规则未能归类，保留策展人填写的“{data['industry']}” / the rule could not place it; "
                                f"kept the curator's '{data['industry']}'")

    def items(self, table: Table, shown: str, report: ImportReport) -> list[Item]:
        items: list[Item] = []
        first_key: dict[tuple[int, int], int] = {}
        first_name: dict[tuple[int, str], int] = {}
        for row in table.rows:
            cells, line = row.cells, row.line
            errors: list[RowProblem] = []

            def bad(column: str, zh: str, en: str) -> None:
                errors.append(RowProblem(shown, line, column, zh, en))

            numbers = {}
            for column, zh_name in (("batch", "批次"), ("no", "序号")):
                text = cells.get(column, "")
                if not text:
                    bad(column, f"{zh_name}为空", f"{column} is empty")
                elif not re.fullmatch(r"[0-9]+", text) or not 1 <= int(text) <= 99:
                    bad(column, f"{zh_name}应为 1–99 的正整数，而不是“{text}”",
                        f"{column} must be a positive whole number (1–99), not '{text}'")
                else:
                    numbers[column] = int(text)
            name = cells.get("name", "")
            check_name(name, bad)
            province_text = cells.get("province", "")
            province = spelled(self.provinces, province_text)
            if not province_text:
                bad("province", "省份为空", "province is empty")
            elif province is None:
                near = difflib.get_close_matches(province_text, self.province_labels, n=1, cutoff=0.5)
                hint_zh, hint_en = (f"（是否想写“{near[0]}”？）", f" (did you mean '{near[0]}'?)") if near else ("", "")
                bad("province", f"provinces 词表中没有“{province_text}”{hint_zh}",
                    f"'{province_text}' is not in the provinces vocabulary{hint_en}")
            core = split_core_items(cells.get("core_items", ""))
            if not core:
                bad("core_items", "核心物项为空", "core_items is empty")

            if "batch" in numbers and "no" in numbers:
                key = (numbers["batch"], numbers["no"])
                if key in first_key:
                    bad("no", f"重复的行：第{key[0]}批第{key[1]}项已在第 {first_key[key]} 行出现",
                        f"duplicate row: batch {key[0]} no. {key[1]} is already on row {first_key[key]}")
                else:
                    first_key[key] = line
            if "batch" in numbers and name:
                nkey = (numbers["batch"], name)
                if nkey in first_name:
                    bad("name", f"重复的行：第{nkey[0]}批中“{name}”已在第 {first_name[nkey]} 行出现",
                        f"duplicate row: '{name}' is already on row {first_name[nkey]} of batch {nkey[0]}")
                else:
                    first_name[nkey] = line
            if errors:
                report.problems.extend(errors)
                continue

            batch, no = numbers["batch"], numbers["no"]
            values: dict[str, Any] = {"name": name, "level": LEVEL, "province": province, "core_items": core,
                                      "batch": batch, "number": no, "issuer": ISSUER}
            if batch in LISTED_YEARS:
                values["listed"] = LISTED_YEARS[batch]
            else:
                report.warnings.append(RowProblem(shown, line, "batch",
                                                  f"不知道第{batch}批的公布年份，未写 listed（见 LISTED_YEARS）",
                                                  f"the year of batch {batch} is not known; no listed written (see "
                                                  f"LISTED_YEARS)"))
            for column, target in (("city", "city"), ("address", "address"), ("applicant_unit", "applicant")):
                if cells.get(column):
                    values[target] = cells[column]
            industry, _ = classify(name, core, self.industries)
            if industry:
                values["industry"] = industry
            try:
                Heritage.model_validate(values)
            except ValidationError as error:  # pragma: no cover - the checks above should catch everything
                first = error.errors(include_url=False)[0]
                column = str(first["loc"][0]) if first["loc"] else ""
                report.problems.append(RowProblem(shown, line, column, f"取值无效：{first['msg']}",
                                                  f"invalid value: {first['msg']}"))
                continue
            items.append(Item(row, (batch, no), {"batch": batch, "number": no}, name, values, dict(FIELD_COLUMNS)))
        return items
