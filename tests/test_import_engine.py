"""The import engine that both importers share: what a re-import keeps of a curator's file, Excel
workbooks read as their CSV, conflicts and updates in words, the summary, and ids.

The rules tested here are written down for curators in docs/heritage-import.md and
docs/artifact-import.md (and docs/en/).
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import re
import shutil
import sys
from pathlib import Path

import pytest
import yaml
from openpyxl import Workbook

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from museum.importers.artifacts import import_artifacts  # noqa: E402
from museum.importers.engine import record_problems  # noqa: E402
from museum.importers.heritage import import_heritage  # noqa: E402
from museum.importers.ids import id_words, slug_id, with_suffix  # noqa: E402
from museum.importers.roundtrip import edited_text, node  # noqa: E402
from museum.records.fields import ID_MAX, ID_RE  # noqa: E402
from museum.records.models import Heritage  # noqa: E402
from museum.records.yamlsource import load_document  # noqa: E402

SHIPPED = Path("/work/shared/data/national-industrial-heritage")
HEADER = "batch,no,name,address,province,city,core_items,applicant_unit\n"
ROWS = (
    "1,1,张裕酿酒公司,山东省烟台市芝罘区,山东省,烟台市,地下酒窖、蒸馏器。,\n"
    "1,2,鞍山钢铁厂,辽宁省鞍山市铁西区,辽宁省,鞍山市,东山宾馆建筑群（主楼、1号楼、2号楼）、昭和制钢所1号高炉。,\n"
    "2,3,北京卫星制造厂,北京市海淀区,北京市,北京市,一号、四号厂房，坐标镗床。,\n"
)
ANSHAN = "collections/heritage/an-shan-gang-tie-chang.yaml"

EXAMPLE = ROOT / "docs" / "examples" / "artifact-import"
CSV_TEXT = (EXAMPLE / "inventory.csv").read_text(encoding="utf-8")
MAPPING_TEXT = (EXAMPLE / "mapping.yaml").read_text(encoding="utf-8")
FOLDER = "artifacts/china-industrial-museum"
WATCH = f"collections/{FOLDER}/shang-hai-pai-a581-xing-shou-biao.yaml"  # 示例-005, on line 7 of the example
DIGEST_LINE = re.compile(r"^ {6}\w+: [0-9a-f]{12}$")  # a line of extra.import.fields


@pytest.fixture
def heritage_collections(tmp_path: Path) -> Path:
    target = tmp_path / "heritage-project" / "collections"
    shutil.copytree(ROOT / "collections" / "vocab", target / "vocab")
    return target


@pytest.fixture
def artifact_collections(tmp_path: Path) -> Path:
    target = tmp_path / "artifact-project" / "collections"
    for name in ("vocab", "museums"):
        shutil.copytree(ROOT / "collections" / name, target / name)
    return target


def heritage(tmp_path: Path, collections: Path, body: str = ROWS, name: str = "list.csv"):
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return import_heritage(path, collections, shown=name)


def artifacts(tmp_path: Path, collections: Path, text: str = CSV_TEXT, rules: str = MAPPING_TEXT,
              name: str = "inventory.csv"):
    path = tmp_path / name
    if name.endswith(".csv"):
        path.write_text(text, encoding="utf-8")
    (tmp_path / "mapping.yaml").write_text(rules, encoding="utf-8")
    return import_artifacts(path, tmp_path / "mapping.yaml", collections, shown=name, mapping_shown="mapping.yaml")


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    """The lines removed and the lines added, the digests in extra.import.fields aside (and the spaces before
    a comment beside a value: it keeps its column when the value gets shorter)."""
    diff = [re.sub(r" +#", "  #", line) for line in difflib.ndiff(before.splitlines(), after.splitlines())
            if line[:2] in ("- ", "+ ")]
    removed = [line[2:] for line in diff if line.startswith("- ") and not DIGEST_LINE.match(line[2:])]
    added = [line[2:] for line in diff if line.startswith("+ ") and not DIGEST_LINE.match(line[2:])]
    return removed, added


# --- a re-import keeps what curators wrote ---------------------------------------------------------------
def curators_comments(text: str) -> str:
    """The record as a curator leaves it: comments above and beside fields and list items, and a field of theirs."""
    for old, new in (
            ("city: 鞍山市\n", "# 城市按名单填写 / the city as listed\ncity: 鞍山市  # 地级市 / prefecture-level city\n"),
            ("  - 昭和制钢所1号高炉\n", "  - 昭和制钢所1号高炉  # 1919 年建成 / built 1919\n  # 名单到此 / the list ends here\n"),
            ("batch: 1\n", "# 第一批 / the first batch\nbatch: 1\n"),
            ("extra:\n", "description: 鞍钢是新中国第一个恢复建设的钢铁基地。  # 策展人撰写 / by a curator\n\n"
                         "# 以下由导入程序维护 / kept by the importer\nextra:\n")):
        assert old in text
        text = text.replace(old, new, 1)
    return text


COMMENTS = ["# 城市按名单填写 / the city as listed", "# 地级市 / prefecture-level city", "# 1919 年建成 / built 1919",
            "# 名单到此 / the list ends here", "# 第一批 / the first batch", "# 策展人撰写 / by a curator",
            "# 以下由导入程序维护 / kept by the importer"]


def test_a_reimport_keeps_every_comment_of_a_hand_edited_record(tmp_path, heritage_collections):
    assert heritage(tmp_path, heritage_collections).ok
    path = heritage_collections / "heritage" / "an-shan-gang-tie-chang.yaml"
    edited = curators_comments(path.read_text(encoding="utf-8"))
    path.write_text(edited, encoding="utf-8")
    # The same list again: the record is unchanged, byte for byte, comments and all.
    report = heritage(tmp_path, heritage_collections)
    assert report.ok and ANSHAN in report.unchanged, report.lines()
    assert path.read_text(encoding="utf-8") == edited
    # The list changes the commented field, the field below a comment and the list with commented items:
    # only those values change; every comment stays beside or above what it was beside or above.
    changed = (ROWS.replace("辽宁省鞍山市铁西区,辽宁省,鞍山市", "辽宁省鞍山市铁西区环钢路,辽宁省,鞍山")
               .replace("昭和制钢所1号高炉。", "昭和制钢所1号高炉、烧结厂办公楼。"))
    report = heritage(tmp_path, heritage_collections, changed)
    assert report.ok and report.updated == [ANSHAN], report.lines()
    text = path.read_text(encoding="utf-8")
    assert changed_lines(edited, text) == (
        ["city: 鞍山市  # 地级市 / prefecture-level city", "address: 辽宁省鞍山市铁西区"],
        ["  - 烧结厂办公楼", "city: 鞍山  # 地级市 / prefecture-level city", "address: 辽宁省鞍山市铁西区环钢路"])
    for comment in COMMENTS:
        assert text.count(comment) == 1, comment
    assert ("  - 昭和制钢所1号高炉  # 1919 年建成 / built 1919\n  - 烧结厂办公楼\n  # 名单到此 / the list ends here\n"
            "# 第一批 / the first batch\nbatch: 1\n") in text
    data = yaml.safe_load(text)
    assert (data["city"], data["address"], data["core_items"][-1]) == ("鞍山", "辽宁省鞍山市铁西区环钢路", "烧结厂办公楼")
    assert data["description"] == "鞍钢是新中国第一个恢复建设的钢铁基地。"
    assert record_problems(text, Heritage, path.stem)[0] == []


def test_items_removed_from_a_list_leave_their_comments(tmp_path, heritage_collections):
    assert heritage(tmp_path, heritage_collections).ok
    path = heritage_collections / "heritage" / "an-shan-gang-tie-chang.yaml"
    path.write_text(curators_comments(path.read_text(encoding="utf-8")), encoding="utf-8")
    report = heritage(tmp_path, heritage_collections, ROWS.replace("、昭和制钢所1号高炉。", "。"))
    assert report.ok, report.lines()
    text = path.read_text(encoding="utf-8")
    assert yaml.safe_load(text)["core_items"] == ["东山宾馆建筑群（主楼、1号楼、2号楼）"]
    for comment in COMMENTS:  # the comment beside the item that went stays where the item was
        assert text.count(comment) == 1, comment


def test_a_reimport_keeps_the_curators_order_and_adds_fields_where_the_model_has_them(tmp_path, heritage_collections):
    assert heritage(tmp_path, heritage_collections, ROWS.replace(",鞍山市,东山", ",,东山")).ok  # no city at first
    path = heritage_collections / "heritage" / "an-shan-gang-tie-chang.yaml"
    text = path.read_text(encoding="utf-8")
    mine = text.replace("name: 鞍山钢铁厂\n", "").replace("extra:\n", "name: 鞍山钢铁厂\nextra:\n")  # name moved down
    path.write_text(mine, encoding="utf-8")
    assert heritage(tmp_path, heritage_collections).ok
    keys = list(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert keys == ["level", "province", "core_items", "batch", "number", "listed", "issuer", "city", "address", "industry",
                    "name", "extra"]


def test_an_artifacts_comments_and_text_blocks_survive_an_update(tmp_path, artifact_collections):
    assert artifacts(tmp_path, artifact_collections).ok
    path = artifact_collections.parent / WATCH
    text = path.read_text(encoding="utf-8")
    edited = text.replace("maker: 上海手表厂\n", "# 厂名以档案为准 / the maker as in the files\nmaker: 上海手表厂  # 国营\n")
    path.write_text(edited, encoding="utf-8")
    row = next(line for line in CSV_TEXT.splitlines() if line.startswith("示例-005,"))
    cells = row.split(",")
    cells[2], cells[9] = "Shanghai A581 watch", f'"{cells[9]}\n1960年代起大量出口。"'
    report = artifacts(tmp_path, artifact_collections, CSV_TEXT.replace(row, ",".join(cells)))
    assert report.ok and report.updated == [WATCH], report.lines()
    after = path.read_text(encoding="utf-8")
    assert "# 厂名以档案为准 / the maker as in the files\nmaker: 上海手表厂  # 国营\n" in after
    data = yaml.safe_load(after)
    assert data["title"] == {"zh": "上海牌A581型手表", "en": "Shanghai A581 watch"}
    assert data["description"].endswith("当年共生产13600只。\n1960年代起大量出口。")
    assert "description: |-\n" in after  # text of several lines is written as a block
    assert report.changed == {WATCH: ["title", "description"]}


def test_a_digest_that_yaml_12_reads_as_a_number_stays_text(tmp_path, digest):
    """焦作煤矿's name digest, 315697e92544, is a float in YAML 1.2: the museum reads YAML as 1.1, and so must
    the importer's round trip, or the digest is written back as .inf."""
    target = tmp_path / "collections"
    shutil.copytree(ROOT / "collections", target)
    before = digest(target)
    source = (SHIPPED / "batches-1-5.csv").read_text(encoding="utf-8")
    assert "5,14,焦作煤矿,河南省焦作市中站区、解放区," in source
    changed = tmp_path / "list.csv"
    changed.write_text(source.replace("5,14,焦作煤矿,河南省焦作市中站区、解放区,", "5,14,焦作煤矿,河南省焦作市中站区,"),
                       encoding="utf-8")
    report = import_heritage(changed, target)
    assert report.ok and report.updated == ["collections/heritage/jiao-zuo-mei-kuang.yaml"], report.lines()
    assert report.changed == {"collections/heritage/jiao-zuo-mei-kuang.yaml": ["address"]}
    after = digest(target)
    assert [name for name in before if before[name] != after[name]] == ["heritage/jiao-zuo-mei-kuang.yaml"]
    text = (target / "heritage" / "jiao-zuo-mei-kuang.yaml").read_text(encoding="utf-8")
    assert "      name: 315697e92544\n" in text and ".inf" not in text


def test_every_sample_record_is_written_back_as_it_is(root):
    """What a change does not touch stays byte for byte: each record of the sample collection, read and written
    by the round trip with nothing changed, is the same text."""
    for path in sorted((root / "collections").rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        data = load_document(path, str(path)).data
        assert edited_text(text, data, data, [], node) == text, path


def test_a_change_keeps_the_files_own_indentation(tmp_path, heritage_collections):
    assert heritage(tmp_path, heritage_collections).ok
    path = heritage_collections / "heritage" / "an-shan-gang-tie-chang.yaml"
    mine = path.read_text(encoding="utf-8").replace("\n  - ", "\n- ")  # lists written without indentation
    path.write_text(mine, encoding="utf-8")
    assert heritage(tmp_path, heritage_collections, ROWS.replace("辽宁省鞍山市铁西区,", "辽宁省鞍山市铁西区环钢路,")).ok
    text = path.read_text(encoding="utf-8")
    assert "core_items:\n- 东山宾馆建筑群（主楼、1号楼、2号楼）\n- 昭和制钢所1号高炉\n" in text
    assert changed_lines(mine, text) == (["address: 辽宁省鞍山市铁西区"], ["address: 辽宁省鞍山市铁西区环钢路"])


def test_a_record_adopted_from_one_line_gets_its_digests_as_a_block(tmp_path, heritage_collections):
    folder = heritage_collections / "heritage"
    folder.mkdir()
    mine = folder / "an-shan-gang-tie-chang.yaml"
    mine.write_text("# 手写的记录 / written by hand\nname: 鞍山钢铁厂\nlevel: national\nprovince: liaoning\n"
                    "description: 手写。\nextra: {import: {batch: 1, number: 2}}\n", encoding="utf-8")
    report = heritage(tmp_path, heritage_collections)
    assert report.ok and report.updated == [ANSHAN], report.lines()
    text = mine.read_text(encoding="utf-8")
    assert text.startswith("# 手写的记录 / written by hand\nname: 鞍山钢铁厂\nlevel: national\nprovince: liaoning\ncore_items:\n")
    assert "description: 手写。\nextra:\n  import:\n    batch: 1\n    number: 2\n    fields:\n      name: " in text


# --- the real list, again -------------------------------------------------------------------------------
def test_reimporting_the_national_list_changes_nothing_in_the_sample_collection(tmp_path, digest):
    target = tmp_path / "collections"
    shutil.copytree(ROOT / "collections", target)
    before = digest(target)
    for name, rows in (("batches-1-5.csv", 195), ("batches-6-7.csv", 69)):
        report = import_heritage(SHIPPED / name, target)
        assert report.ok and len(report.unchanged) == rows and not report.created and not report.updated, name
    assert digest(target) == before


# --- Excel workbooks ------------------------------------------------------------------------------------------
def typed(cell: str) -> object:
    """A cell as Excel holds what a registrar typed: whole numbers as numbers, dates as dates."""
    if re.fullmatch(r"[1-9][0-9]*", cell):
        return int(cell)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", cell):
        return dt.datetime.fromisoformat(cell)
    return cell


def workbook(csv_text: str, path: Path, *, sheet: str = "Sheet", before: tuple[str, ...] = ()) -> Path:
    """The CSV's rows in a sheet of an .xlsx, written by openpyxl; ``before``: sheets that come first."""
    book = Workbook()
    book.active.title = before[0] if before else sheet
    for name in before[1:] + ((sheet,) if before else ()):
        book.create_sheet(name)
    for row in csv.reader(io.StringIO(csv_text, newline="")):
        book[sheet].append([typed(cell) for cell in row])
    for name in before:
        if name != sheet:
            book[name].append(["说明 / notes"])
    book.save(path)
    return path


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.yaml"))}


def test_an_xlsx_and_the_same_data_as_csv_give_identical_records(tmp_path, artifact_collections):
    from_csv = artifacts(tmp_path, artifact_collections)
    assert from_csv.ok and len(from_csv.created) == 8, from_csv.lines()
    other = tmp_path / "other" / "collections"
    for name in ("vocab", "museums"):
        shutil.copytree(ROOT / "collections" / name, other / name)
    workbook(CSV_TEXT, tmp_path / "inventory.xlsx")
    from_xlsx = artifacts(tmp_path, other, name="inventory.xlsx")
    assert from_xlsx.ok and sorted(from_xlsx.created) == sorted(from_csv.created), from_xlsx.lines()
    assert files(other) == files(artifact_collections)
    # Dates typed as dates and years as numbers read as the CSV's text.
    assert yaml.safe_load((other.parent / WATCH).read_text(encoding="utf-8"))["date"] == "1958-07-01"


def test_the_national_list_as_xlsx_gives_the_records_of_the_csv(tmp_path, heritage_collections):
    csv_text = (SHIPPED / "batches-1-5.csv").read_text(encoding="utf-8")
    assert import_heritage(SHIPPED / "batches-1-5.csv", heritage_collections).ok
    other = tmp_path / "other" / "collections"
    shutil.copytree(ROOT / "collections" / "vocab", other / "vocab")
    report = import_heritage(workbook(csv_text, tmp_path / "list.xlsx"), other)
    assert report.ok and len(report.created) == 195, report.lines()
    assert files(other) == files(heritage_collections)


def test_a_workbook_is_read_from_the_sheet_the_mapping_names(tmp_path, artifact_collections):
    workbook(CSV_TEXT, tmp_path / "inventory.xlsx", sheet="藏品", before=("说明",))
    report = artifacts(tmp_path, artifact_collections, rules=MAPPING_TEXT + "sheet: 藏品\n", name="inventory.xlsx")
    assert report.ok and len(report.created) == 8, report.lines()
    report = artifacts(tmp_path, artifact_collections, rules=MAPPING_TEXT + "sheet: 目录\n", name="inventory.xlsx")
    assert [str(p) for p in report.problems] == [
        "inventory.xlsx:0: -: 工作簿中没有名为“目录”的工作表（有：说明、藏品） / the workbook has no sheet named '目录' "
        "(it has: 说明, 藏品)"]
    # Without a sheet in the mapping, the first sheet is read: here the notes, which have none of its columns.
    report = artifacts(tmp_path, artifact_collections, name="inventory.xlsx")
    assert not report.ok and all("缺少必需的列" in p.zh for p in report.problems)


def test_a_problem_in_a_workbook_is_named_by_its_sheet_row(tmp_path, artifact_collections):
    bad = CSV_TEXT + "示例-009,蝴蝶牌家用缝纫机,,纺织机械,1966,上海协昌缝纫机厂,上海市,,,说明。\n"
    workbook(bad, tmp_path / "inventory.xlsx")
    report = artifacts(tmp_path, artifact_collections, name="inventory.xlsx")
    # Row 10 of the sheet (the CSV's two-line first row is one row there, so the CSV says line 11).
    [problem] = report.problems
    assert str(problem).startswith("inventory.xlsx:10: 行业: 词表 industries 中没有“纺织机械”")


def test_the_command_line_reads_a_workbook(tmp_path, heritage_collections, run_cli):
    workbook(HEADER + ROWS, tmp_path / "list.xlsx")
    result = run_cli("import", "heritage", tmp_path / "list.xlsx", "--collections", heritage_collections)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1].startswith("汇总：读取 3 行：新建 3，") and "3 created" in result.stdout


def test_an_old_excel_file_and_a_damaged_workbook_are_refused_with_advice(tmp_path, artifact_collections):
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100))
    [problem] = import_artifacts(tmp_path / "old.xls", EXAMPLE / "mapping.yaml", artifact_collections,
                                 shown="old.xls").problems
    assert ".xls" in problem.zh and "save it as an Excel workbook (.xlsx) or as CSV UTF-8" in problem.en
    (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    [problem] = import_artifacts(tmp_path / "broken.xlsx", EXAMPLE / "mapping.yaml", artifact_collections,
                                 shown="broken.xlsx").problems
    assert problem.zh.startswith("无法读取 Excel 文件") and problem.en.startswith("cannot read the Excel file")
    assert not (artifact_collections / "artifacts").exists()


# --- conflicts and updates, in words ------------------------------------------------------------------------
def test_a_conflict_shows_the_value_in_the_file_and_the_value_in_the_spreadsheet(tmp_path, artifact_collections):
    assert artifacts(tmp_path, artifact_collections).ok
    path = artifact_collections.parent / WATCH
    path.write_text(path.read_text(encoding="utf-8").replace("maker: 上海手表厂\n", "maker: 上海手表厂（国营）\n"),
                    encoding="utf-8")
    before = path.read_bytes()
    report = artifacts(tmp_path, artifact_collections)
    [problem] = report.problems
    assert (problem.row, problem.column) == (7, "maker")
    assert f"{WATCH} 中的 maker 被手工改过" in problem.zh
    assert "与 CSV 不一致：文件中是“上海手表厂（国营）”，CSV 的“制造者”列是“上海手表厂”" in problem.zh
    assert "the file has '上海手表厂（国营）', column '制造者' of the CSV has '上海手表厂'" in problem.en
    assert path.read_bytes() == before
    assert report.conflicts == [WATCH] and report.refused == []
    assert "冲突 1" in report.summary()[0] and "1 conflict(s)" in report.summary()[0]


def test_a_long_conflict_shows_where_the_values_differ(tmp_path, heritage_collections):
    rows = ROWS.replace("东山宾馆建筑群（主楼、1号楼、2号楼）", "东山宾馆建筑群" * 9)
    assert heritage(tmp_path, heritage_collections, rows).ok
    path = heritage_collections / "heritage" / "an-shan-gang-tie-chang.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  - 昭和制钢所1号高炉\n", "  - 昭和制钢所一号高炉\n"),
                    encoding="utf-8")
    report = heritage(tmp_path, heritage_collections, rows)
    [problem] = report.problems
    assert problem.column == "core_items"
    assert "文件中是“…" in problem.zh and "昭和制钢所一号高炉]”" in problem.zh  # the end, where it differs
    assert "the CSV has '…" in problem.en and "昭和制钢所1号高炉]'" in problem.en


def test_updated_says_which_fields_changed(tmp_path, heritage_collections):
    assert heritage(tmp_path, heritage_collections).ok
    report = heritage(tmp_path, heritage_collections,
                      ROWS.replace("辽宁省鞍山市铁西区,", "辽宁省鞍山市铁西区环钢路,").replace("1号高炉。", "1号高炉、老式石灰竖窑。"))
    assert report.changed == {ANSHAN: ["core_items", "address"]}
    assert f"更新 / updated: {ANSHAN}：core_items、address / core_items, address" in report.lines()


# --- the summary ------------------------------------------------------------------------------------------------
def test_the_summary_counts_the_outcomes_and_groups_the_problems(tmp_path, artifact_collections):
    assert artifacts(tmp_path, artifact_collections).ok
    path = artifact_collections.parent / WATCH
    path.write_text(path.read_text(encoding="utf-8").replace("maker: 上海手表厂\n", "maker: 上海手表厂（国营）\n"),
                    encoding="utf-8")
    rows = "".join(f"新-{n:03d},缝纫机{n},,门类{n},1966,协昌,上海市,,,说明。\n" for n in range(12))
    rows += "".join(f"空-{n:03d},,,轻工,1966,协昌,上海市,,,说明。\n" for n in range(3))
    rows += "好-001,蝴蝶牌家用缝纫机,,轻工,1966,上海协昌缝纫机厂,上海市,,,说明。\n"
    changed = CSV_TEXT.replace("国营天津无线电厂,天津市", "国营天津无线电厂（七一二厂）,天津市") + rows
    report = artifacts(tmp_path, artifact_collections, changed)
    assert len(report.problems) == 12 + 3 * 2 + 1  # a row without a title has no id either
    assert report.summary() == [
        "汇总：读取 24 行：新建 1，更新 1，未变 6，冲突 1，未导入 15；问题 19 条 / summary: 24 row(s) read: 1 created, "
        "1 updated, 6 unchanged, 1 conflict(s), 15 refused; 19 problem(s)",
        "问题，按说明归类 / problems by message:",
        "  12 × 行业: 词表 industries 中没有“…”；可在映射中用 map 对应到词表编号 / '…' is not in the industries "
        "vocabulary; a map in the mapping can translate it（行 / rows 11, 12, 13, 14, 15 …）",
        "  3 × 名称: 为空，而 title 是藏品的必填字段 / empty, but title is required for an artifact（行 / rows 23, 24, 25）",
        "  3 × 名称: 无法生成编号：这一格为空，或没有汉字、字母和数字 / cannot make an id: the cell is empty or has no Chinese "
        "characters, letters or digits（行 / rows 23, 24, 25）",
        "  1 × maker: … 中的 maker 被手工改过，与 CSV 不一致：文件中是“…”，CSV 的“…”列是“…”。此记录未更新；请改正 CSV 或记录中"
        "错的一方后再导入 / maker in … was edited by hand and differs from the CSV: the file has '…', column '…' of the CSV "
        "has '…'. The record was not updated; correct whichever is wrong, the CSV or the record, and import again"
        "（行 / rows 7）"]
    assert report.lines()[-len(report.summary()):] == report.summary()  # the summary comes last


def test_a_refused_file_says_so_in_the_summary(tmp_path, heritage_collections):
    path = tmp_path / "list.csv"
    path.write_text("batch,no,name\n1,1,张裕酿酒公司\n", encoding="utf-8")
    report = import_heritage(path, heritage_collections, shown="list.csv")
    assert report.summary()[0] == "汇总：整个文件未导入，见上 / summary: the file was not imported (see above)"


# --- ids --------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("Sèvres", "sevres"),
    ("Manufacture nationale de Sèvres", "manufacture-nationale-de-sevres"),
    ("Straße der Arbeit", "strasse-der-arbeit"),
    ("Jacob's ladder", "jacobs-ladder"),
    ("Sèvres瓷瓶", "sevres-ci-ping"),
    ("解放牌CA10型载货汽车", "jie-fang-pai-ca10-xing-zai-huo-qi-che"),
    ("国营７３８厂", "guo-ying-738-chang"),
    ("原子能“一堆一器”", "yuan-zi-neng-yi-dui-yi-qi"),
    ("重庆长风化工厂", "chong-qing-chang-feng-hua-gong-chang"),
])
def test_ids_are_transliterated(text, expected):
    assert slug_id(text) == expected


def test_a_long_chinese_name_is_cut_between_syllables():
    name = "中国人民解放军军事工程学院旧址"
    full = "-".join(id_words(name))
    rid = slug_id(name)
    assert rid == "zhong-guo-ren-min-jie-fang-jun-jun-shi-gong-cheng-xue-yuan-jiu"
    assert len(rid) <= ID_MAX < len(rid) + len("-zhi") and full == rid + "-zhi"


def test_ids_never_cut_a_word():
    long = slug_id("Compagnie des cristalleries de Baccarat et manufacture de porcelaine de Limoges")
    assert long == "compagnie-des-cristalleries-de-baccarat-et-manufacture-de"  # 'porcelaine' would not fit
    assert slug_id("x" * (ID_MAX + 1)) == ""  # one word longer than an id: no id (the row says so)
    assert with_suffix("an-shan-gang-tie-chang-" + "ji" * 20, "-b4").endswith("-b4")
    for rid in (long, with_suffix(long, "-shi-li-010")):
        assert len(rid) <= ID_MAX and ID_RE.match(rid)
    assert with_suffix(long, "-shi-li-010") == "compagnie-des-cristalleries-de-baccarat-et-shi-li-010"


def test_a_name_that_makes_no_id_is_a_problem_of_its_row(tmp_path, heritage_collections):
    report = heritage(tmp_path, heritage_collections, ROWS + "1,4," + "x" * 70 + ",辽宁省大连市,辽宁省,大连市,船坞,\n")
    [problem] = report.problems
    assert (problem.row, problem.column) == (5, "name") and "cannot make an id" in problem.en


def test_an_id_once_written_stays_as_it_was(tmp_path, artifact_collections):
    """A record imported when ids lost accented letters keeps its id: records are found by extra.import."""
    rules = ("museum: china-industrial-museum\nid: {column: 名称}\nkey: 编号\n"
             "fields:\n  title: 名称\n  industry: 行业\n  date: 年代\n  description: 说明\n")
    old = artifact_collections / FOLDER / "s-vres-vase.yaml"
    old.parent.mkdir(parents=True)
    old.write_text("title: Sèvres vase\nmuseum: china-industrial-museum\nindustry: ceramics\ndate: 1956\n"
                   "description: 说明。\nextra:\n  import:\n    museum: china-industrial-museum\n    key: S-1\n",
                   encoding="utf-8")
    text = "编号,名称,行业,年代,说明\nS-1,Sèvres vase,陶瓷,1956,说明。\nS-2,Sèvres cup,陶瓷,1956,说明。\n"
    report = artifacts(tmp_path, artifact_collections, text, rules)
    assert report.ok, report.lines()
    assert report.created == [f"collections/{FOLDER}/sevres-cup.yaml"]  # the new one gets the new id
    assert report.updated == [f"collections/{FOLDER}/s-vres-vase.yaml"]  # the old one is adopted where it is
    assert sorted(p.name for p in (artifact_collections / FOLDER).iterdir()) == ["s-vres-vase.yaml", "sevres-cup.yaml"]
