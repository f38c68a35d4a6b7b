"""``build.py import heritage FILE.csv``: rows of the national industrial heritage list → heritage records.

One job: read the list as published (see /work/shared/data/national-industrial-heritage/SOURCE.md),
turn each row into ``collections/heritage/<id>.yaml``, and keep doing so safely when the list is
imported again. The rules below are documented for curators in docs/heritage-import.md; keep the
two in step.

* **Ids** are the pinyin of the name (``lazy_pinyin``, style NORMAL, joined by ``-``), at most 64
  characters cut at a hyphen. Rows are given ids in (batch, no) order; a later row whose id is
  taken gets ``-b<batch>`` (then ``-b<batch>-<no>``). Once written, an id never changes: a record
  is found again by its batch and number, kept in ``extra.import``.
* **The importer owns** the fields in ``OWNED``. Every other field (description, images, location,
  museums, open_to_public, founded, ...) belongs to curators and is never touched.
  ``extra.import.fields`` keeps a short digest of each owned value as last written (Chinese text
  only, so that adding ``en`` is not an edit). On a rerun, a value that still matches its digest
  is updated from the CSV; a value a curator changed is kept when it agrees with the CSV, and
  otherwise the record is left unchanged and reported as a conflict. ``industry`` and ``listed``
  are only the importer's suggestions: a curator's different value wins and the field becomes
  the curator's.
* **Nothing is written** when a record's content would not change; files are replaced atomically.
  What is written has been read back first as ``build.py check`` reads a file
  (common.passes_check): a row whose record check would refuse is reported and not written.

Problems are reported as ``FILE:ROW: column: 中文 / English``; good rows are imported even when
others fail. Nothing here raises to the caller. What this importer shares with ``import artifacts``
(reading the CSV, reporting, pinyin ids, writing YAML, digests) is in common.py.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from museum.importers.common import (
    Existing,
    ImportReport,
    Refused,
    Row,
    RowProblem,
    decode_csv,
    read_csv_file,
    passes_check,
    scan_existing,
    digest_of,
    keep_translations,
    pinyin_id,
    project,
    read_rows,
    rel,
    render_record,
    with_suffix,
    write_record,
)
from museum.records.models import Heritage
from museum.records.yamlsource import load_document

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
OWNED = ("name", "level", "province", "core_items", "batch", "listed", "issuer", "city", "address",
         "industry", "applicant")
# Of those, the importer's suggestions that a curator may overrule (the others are facts of the list).
SUGGESTED = ("listed", "industry")
# The CSV column each owned field comes from, to say where a record check refuses would come from.
FIELD_COLUMNS = {"name": "name", "province": "province", "core_items": "core_items", "batch": "batch",
                 "listed": "batch", "city": "city", "address": "address", "applicant": "applicant_unit"}

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


# --- what the importer says ---------------------------------------------------------------------
@dataclass
class HeritageReport(ImportReport):
    unplaced: list[tuple[str, str, int, int]] = field(default_factory=list)  # (id, name, batch, no)

    def lines(self) -> list[str]:
        out = super().lines()
        if self.unplaced:
            out.append(f"行业规则未能归类 {len(self.unplaced)} 处（未写 industry，请策展人补充）/ "
                       f"{len(self.unplaced)} site(s) the industry rule could not place (no industry written):")
            for rid, name, batch, no in self.unplaced:
                out.append(f"  heritage/{rid}  {name}（第{batch}批第{no}项 / batch {batch} no. {no}）")
        return out


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


# --- the importer's view of the collection ---------------------------------------------------------
@dataclass
class Vocab:
    provinces: dict[str, str]  # any accepted spelling -> province id
    province_labels: list[str]
    codes: dict[str, str]  # GB/T 2260 code -> id
    industries: set[str]


def _load_vocab(collections: Path, shown: str) -> Vocab:
    entries: dict[str, list[dict]] = {}
    for name in ("provinces", "industries", "heritage-levels"):
        path = collections / "vocab" / f"{name}.yaml"
        doc = load_document(path, str(path))
        data = doc.data if isinstance(doc.data, dict) else {}
        items = data.get("entries")
        if doc.problems or not isinstance(items, list):
            raise Refused(RowProblem(shown, 0, "", f"无法读取词表 {path}（先运行 build.py check）",
                                     f"cannot read the vocabulary {path} (run build.py check first)"))
        entries[name] = [e for e in items if isinstance(e, dict) and isinstance(e.get("id"), str)]
    if LEVEL not in {e["id"] for e in entries["heritage-levels"]}:
        raise Refused(RowProblem(shown, 0, "", f"heritage-levels 词表中没有“{LEVEL}”",
                                 f"'{LEVEL}' is not in the heritage-levels vocabulary"))
    spellings: dict[str, str] = {}
    labels, codes = [], {}
    for entry in entries["provinces"]:
        pid = entry["id"]
        label = entry.get("label")
        zh = label.get("zh") if isinstance(label, dict) else label
        en = label.get("en") if isinstance(label, dict) else None
        spellings[pid] = pid
        if entry.get("code"):
            spellings[str(entry["code"])] = pid
            codes[str(entry["code"])] = pid
        if isinstance(zh, str):
            labels.append(zh)
            spellings[zh] = pid
            short = re.sub(r"(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$", "", zh)
            spellings.setdefault(short, pid)
        if isinstance(en, str):
            spellings.setdefault(en.lower(), pid)
    return Vocab(spellings, labels, codes, {e["id"] for e in entries["industries"]})


def _scan_existing(folder: Path) -> tuple[dict[tuple[int, int], Existing], dict[str, Existing], list[Existing]]:
    """Existing heritage records by import key, and every id (file name or old id) that is taken."""
    return scan_existing(
        folder, _key_of,
        describe=lambda key: (f"第{key[0]}批第{key[1]}项", f"batch {key[0]} no. {key[1]}"),
        missing_key=("extra.import 应写明 batch 和 number（正整数）", "extra.import needs batch and number (whole numbers)"))


def _key_of(mark: Any) -> tuple[int, int] | None:
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


# --- comparing values --------------------------------------------------------------------------------
def _project(name: str, value: Any, vocab: Vocab) -> Any:
    """What counts when comparing a field: Chinese text only, provinces by id, numbers as text."""
    projected = project(value)
    if name == "province" and isinstance(projected, str):
        return vocab.codes.get(projected, projected)
    return projected


def digest(name: str, value: Any, vocab: Vocab) -> str:
    return digest_of(_project(name, value, vocab))


# --- writing YAML ----------------------------------------------------------------------------------
def render(data: dict[str, Any], batch: int, no: int) -> str:
    head = (f"# 国家工业遗产 第{batch}批第{no}项。由 build.py import heritage 导入；导入字段与手工字段的规则见 "
            f"docs/heritage-import.md\n"
            f"# National industrial heritage, batch {batch} no. {no}; imported. Which fields the importer "
            f"owns: docs/heritage-import.md\n")
    return render_record(data, Heritage, head)


# --- the import ----------------------------------------------------------------------------------------
@dataclass
class Site:
    row: Row
    batch: int
    no: int
    values: dict[str, Any]  # the owned fields the CSV gives (absent = no value)


def import_heritage(csv_file: Path, collections: Path, *, shown: str | None = None) -> HeritageReport:
    report = HeritageReport()
    shown = shown or str(csv_file)
    try:
        _import(Path(csv_file), Path(collections), shown, report)
    except Refused as refused:
        report.problems.extend(refused.problems)
    return report


def _import(csv_file: Path, collections: Path, shown: str, report: HeritageReport) -> None:
    raw = read_csv_file(csv_file, shown)
    rows = read_rows(decode_csv(raw, shown), shown, report, REQUIRED_COLUMNS, REQUIRED_COLUMNS + OPTIONAL_COLUMNS)
    report.rows = len(rows)
    vocab = _load_vocab(collections, shown)
    sites = _parse(rows, shown, vocab, report)

    _write(sites, collections, shown, vocab, report)


def _column_of(field: str) -> str:
    """The CSV column a record field (``core_items.3``) comes from; "" for a curator's field."""
    return FIELD_COLUMNS.get(field.split(".")[0], "")


def _write(sites: list[Site], collections: Path, shown: str, vocab: Vocab,
           report: HeritageReport) -> None:
    folder = collections / "heritage"
    by_key, taken, clashes = _scan_existing(folder)
    shown_root = collections.parent
    for site in sorted(sites, key=lambda s: (s.batch, s.no)):
        existing = by_key.get((site.batch, site.no))
        clash = next((c for c in clashes if c.key == (site.batch, site.no)), None)
        if clash is not None:
            report.problems.append(RowProblem(shown, site.row.line, "", *clash.problem))  # type: ignore[misc]
            continue
        if existing is None:
            rid, blocker = _new_id(site, taken)
            if blocker is not None:
                where = rel(blocker.path, shown_root)
                report.problems.append(RowProblem(
                    shown, site.row.line, "name",
                    f"编号“{rid}”已被 {where} 使用，而该文件不是导入生成的。若它就是这处遗产，请在其中加上 "
                    f"extra: {{import: {{batch: {site.batch}, number: {site.no}}}}} 后重新导入",
                    f"id '{rid}' is taken by {where}, which the importer did not write. If it is this site, add "
                    f"extra: {{import: {{batch: {site.batch}, number: {site.no}}}}} to it and import again"))
                continue
            path = folder / f"{rid}.yaml"
            data = _merge(site, None, vocab, shown, report)
            assert data is not None
            text = render(data, site.batch, site.no)
            if not passes_check(text, Heritage, rid, data, _column_of, site.row.line, shown,
                                rel(path, shown_root), report):
                continue
            if not write_record(path, text, site.row.line, shown, shown_root, report):
                continue
            taken[rid] = Existing(path, data, (site.batch, site.no))
            report.created.append(rel(path, shown_root))
        else:
            path = existing.path
            if existing.problem is not None or existing.data is None:
                zh, en = existing.problem or ("已有记录无法读取", "the existing record cannot be read")
                report.problems.append(RowProblem(shown, site.row.line, "", f"{zh}（{rel(path, shown_root)}）",
                                                  f"{en} ({rel(path, shown_root)})"))
                continue
            data = _merge(site, existing, vocab, shown, report, where=rel(path, shown_root))
            if data is None:
                continue  # a conflict, reported
            if data == existing.data:
                report.unchanged.append(rel(path, shown_root))
            else:
                text = render(data, site.batch, site.no)
                if not passes_check(text, Heritage, path.stem, data, _column_of, site.row.line, shown,
                                    rel(path, shown_root), report):
                    continue
                if not write_record(path, text, site.row.line, shown, shown_root, report):
                    continue
                report.updated.append(rel(path, shown_root))
        if "industry" not in site.values:
            report.unplaced.append((path.stem, site.values["name"], site.batch, site.no))
            if isinstance(data, dict) and data.get("industry"):
                report.notes.append(f"{rel(path, shown_root)}: industry: 规则未能归类，保留策展人填写的“{data['industry']}”"
                                    f" / the rule could not place it; kept the curator's '{data['industry']}'")


def _new_id(site: Site, taken: dict[str, Existing]) -> tuple[str, Existing | None]:
    base = pinyin_id(site.values["name"])
    blocker = taken.get(base)
    if blocker is None:
        return base, None
    if blocker.key is None:
        return base, blocker  # a curator's own record: ask, never guess
    for candidate in (with_suffix(base, f"-b{site.batch}"), with_suffix(base, f"-b{site.batch}-{site.no}")):
        if candidate not in taken:
            return candidate, None
    n = 2
    while f"{base}-{n}" in taken:  # pragma: no cover - needs three rows of one name in one batch
        n += 1
    return with_suffix(base, f"-{n}"), None


def _parse(rows: list[Row], shown: str, vocab: Vocab, report: ImportReport) -> list[Site]:
    sites: list[Site] = []
    first_key: dict[tuple[int, int], int] = {}
    first_name: dict[tuple[int, str], int] = {}
    for row in rows:
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
        if not name:
            bad("name", "名称为空", "name is empty")
        elif not pinyin_id(name):
            bad("name", f"无法由名称“{name}”生成编号（需要汉字、字母或数字）",
                f"cannot make an id from the name '{name}' (it needs Chinese characters, letters or digits)")
        province_text = cells.get("province", "")
        province = vocab.provinces.get(province_text) or vocab.provinces.get(province_text.lower())
        if not province_text:
            bad("province", "省份为空", "province is empty")
        elif province is None:
            near = difflib.get_close_matches(province_text, vocab.province_labels, n=1, cutoff=0.5)
            hint_zh, hint_en = (f"（是否想写“{near[0]}”？）", f" (did you mean '{near[0]}'?)") if near else ("", "")
            bad("province", f"provinces 词表中没有“{province_text}”{hint_zh}",
                f"'{province_text}' is not in the provinces vocabulary{hint_en}")
        items = split_core_items(cells.get("core_items", ""))
        if not items:
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
        values: dict[str, Any] = {"name": name, "level": LEVEL, "province": province, "core_items": items,
                                  "batch": batch, "issuer": ISSUER}
        if batch in LISTED_YEARS:
            values["listed"] = LISTED_YEARS[batch]
        else:
            report.warnings.append(RowProblem(shown, line, "batch", f"不知道第{batch}批的公布年份，未写 listed（见 LISTED_YEARS）",
                                              f"the year of batch {batch} is not known; no listed written (see LISTED_YEARS)"))
        for column, target in (("city", "city"), ("address", "address"), ("applicant_unit", "applicant")):
            if cells.get(column):
                values[target] = cells[column]
        industry, _ = classify(name, items, vocab.industries)
        if industry:
            values["industry"] = industry
        site = Site(row, batch, no, values)
        try:
            Heritage.model_validate(values)
        except ValidationError as error:  # pragma: no cover - the checks above should catch everything
            first = error.errors(include_url=False)[0]
            column = str(first["loc"][0]) if first["loc"] else ""
            report.problems.append(RowProblem(shown, line, column, f"取值无效：{first['msg']}", f"invalid value: {first['msg']}"))
            continue
        sites.append(site)
    return sites


def _merge(site: Site, existing: Existing | None, vocab: Vocab, shown: str, report: ImportReport,
           where: str = "") -> dict[str, Any] | None:
    """The record to write, or None when a curator's edit conflicts with the CSV (reported)."""
    old: dict[str, Any] = dict(existing.data) if existing and existing.data else {}
    extra = dict(old.get("extra") or {})
    mark = dict(extra.get("import") or {})
    snapshot = mark.get("fields") if isinstance(mark.get("fields"), dict) else {}
    new_snapshot: dict[str, str] = {}
    data = dict(old)
    conflicts: list[str] = []
    for name in OWNED:
        new = site.values.get(name)
        had = name in old
        current = old.get(name)
        untouched = had and snapshot.get(name) == digest(name, current, vocab)
        if new is None:
            if untouched:
                del data[name]  # the importer wrote it and the CSV no longer gives it
            continue
        if not had or untouched:
            data[name] = keep_translations(current, new) if had else new
            new_snapshot[name] = digest(name, new, vocab)
        elif _project(name, current, vocab) == _project(name, new, vocab):
            new_snapshot[name] = digest(name, new, vocab)  # the curator's edit agrees with the CSV
        elif name in SUGGESTED:
            if name in snapshot:
                report.notes.append(f"{where}: {name}: 保留策展人填写的值 / kept the curator's value")
        else:
            conflicts.append(name)
    if conflicts:
        for name in conflicts:
            report.problems.append(RowProblem(
                shown, site.row.line, name,
                f"{where} 中的 {name} 被手工改过，与 CSV 不一致，此记录未更新；请改正 CSV 或记录中的一方",
                f"{name} in {where} was edited by hand and differs from the CSV; the record was not updated. "
                f"Correct the CSV or the record"))
        return None
    extra["import"] = {"batch": site.batch, "number": site.no, "fields": new_snapshot,
                       **{k: v for k, v in mark.items() if k not in ("batch", "number", "fields")}}
    data["extra"] = extra
    return data
