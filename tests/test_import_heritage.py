"""``build.py import heritage``: the national industrial heritage list (CSV) becomes heritage records.

The rules tested here are written down for curators in docs/heritage-import.md.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from museum.catalogue.check import check_collection  # noqa: E402
from museum.records.fields import ID_MAX, ID_RE  # noqa: E402
from museum.importers.heritage import import_heritage, split_core_items  # noqa: E402
from museum.importers.ids import slug_id  # noqa: E402

SHIPPED = Path("/work/shared/data/national-industrial-heritage/batches-1-5.csv")
HEADER = "batch,no,name,address,province,city,core_items,applicant_unit\n"
ROWS = (
    "1,1,张裕酿酒公司,山东省烟台市芝罘区,山东省,烟台市,地下酒窖、蒸馏器。,\n"
    "1,2,鞍山钢铁厂,辽宁省鞍山市铁西区,辽宁省,鞍山市,东山宾馆建筑群（主楼、1号楼、2号楼）、昭和制钢所1号高炉。,\n"
    "2,3,北京卫星制造厂,北京市海淀区,北京市,北京市,一号、四号厂房，坐标镗床。,\n"
)


@pytest.fixture
def collections(tmp_path: Path) -> Path:
    """An empty collection with the project's real vocabularies."""
    target = tmp_path / "collections"
    shutil.copytree(ROOT / "collections" / "vocab", target / "vocab")
    return target


def write_csv(tmp_path: Path, body: str, name: str = "list.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes((HEADER + body).encode(encoding))
    return path


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in sorted(folder.rglob("*")) if p.is_file()}


def record(collections: Path, rid: str) -> dict:
    return yaml.safe_load((collections / "heritage" / f"{rid}.yaml").read_text(encoding="utf-8"))


def edit(collections: Path, rid: str, **changes) -> None:
    path = collections / "heritage" / f"{rid}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(changes)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


# --- the shipped list ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def shipped(tmp_path_factory) -> tuple[Path, object]:
    tmp = tmp_path_factory.mktemp("shipped")
    target = tmp / "collections"
    shutil.copytree(ROOT / "collections" / "vocab", target / "vocab")
    return target, import_heritage(SHIPPED, target)


def test_shipped_csv_gives_195_valid_records(shipped):
    collections, report = shipped
    assert report.ok, report.lines()
    assert len(report.created) == 195
    files = sorted((collections / "heritage").glob("*.yaml"))
    assert len(files) == 195
    for path in files:
        assert len(path.stem) <= ID_MAX and ID_RE.match(path.stem)
    cat, problems = check_collection(collections, collections.parent)
    assert problems == []
    assert len(cat.heritage) == 195
    anshan = cat.heritage["an-shan-gang-tie-chang"]
    assert (anshan.batch, anshan.listed.iso, anshan.province, anshan.industry) == (1, "2017", "liaoning", "steel")
    assert "东山宾馆建筑群（主楼、1号楼、2号楼、3号楼、贵宾楼）" in [str(i) for i in anshan.core_items]
    assert str(anshan.issuer) == "工业和信息化部" and anshan.level == "national"
    assert anshan.issuer.en == "Ministry of Industry and Information Technology"  # (English pages show it)
    assert anshan.founded is None  # the list says nothing reliable about founding years
    # Batch 4 no. 62 is a supplement to a batch-2 site of the same name: its own record, its own id.
    assert cat.heritage["bei-jing-wei-xing-zhi-zao-chang"].batch == 2
    assert cat.heritage["bei-jing-wei-xing-zhi-zao-chang-b4"].batch == 4
    # The three sites whose address names no city have no city.
    assert sum(1 for h in cat.heritage.values() if h.city is None) == 3
    assert str(cat.heritage["bei-jing-dian-zi-guan-chang"].applicant) == "京东方科技集团股份有限公司"
    assert {h.listed.iso for h in cat.heritage.values()} == {"2017", "2018", "2019", "2020", "2021"}


def test_second_run_changes_nothing(shipped):
    collections, _ = shipped
    before = snapshot(collections)
    report = import_heritage(SHIPPED, collections)
    assert report.ok and len(report.unchanged) == 195 and not report.created and not report.updated
    assert snapshot(collections) == before


def test_unplaced_sites_are_reported(shipped):
    collections, report = shipped
    unplaced = {rid for rid, *_ in report.unplaced}
    assert "chang-chun-dian-ying-zhi-pian-chang" in unplaced
    for rid in unplaced:
        assert "industry" not in record(collections, rid)
    assert any("could not place" in line for line in report.lines())


# --- updating, and what curators added -------------------------------------------------------------
def test_changed_row_updates_record_and_keeps_hand_added_fields(tmp_path, collections):
    assert import_heritage(write_csv(tmp_path, ROWS), collections).ok
    edit(collections, "an-shan-gang-tie-chang", description="鞍钢是新中国第一个恢复建设的钢铁基地。", open_to_public=True)
    changed = ROWS.replace("辽宁省鞍山市铁西区,辽宁省", "辽宁省鞍山市铁西区环钢路,辽宁省")
    report = import_heritage(write_csv(tmp_path, changed), collections)
    assert report.ok, report.lines()
    assert report.updated == ["collections/heritage/an-shan-gang-tie-chang.yaml"]
    data = record(collections, "an-shan-gang-tie-chang")
    assert data["address"] == "辽宁省鞍山市铁西区环钢路"
    assert data["description"] == "鞍钢是新中国第一个恢复建设的钢铁基地。" and data["open_to_public"] is True
    assert list(data)[-3:] == ["extra", "description", "open_to_public"]  # the curator's order (edit() appends)
    assert check_collection(collections, collections.parent)[1] == []


def test_changed_name_keeps_the_id(tmp_path, collections):
    import_heritage(write_csv(tmp_path, ROWS), collections)
    report = import_heritage(write_csv(tmp_path, ROWS.replace(",鞍山钢铁厂,", ",鞍山钢铁公司,")), collections)
    assert report.ok and report.updated == ["collections/heritage/an-shan-gang-tie-chang.yaml"]
    assert record(collections, "an-shan-gang-tie-chang")["name"] == "鞍山钢铁公司"
    assert not (collections / "heritage" / "an-shan-gang-tie-gong-si.yaml").exists()


def test_hand_edited_owned_field_is_a_conflict(tmp_path, collections):
    import_heritage(write_csv(tmp_path, ROWS), collections)
    edit(collections, "an-shan-gang-tie-chang", core_items=["昭和制钢所一号高炉"])
    path = collections / "heritage" / "an-shan-gang-tie-chang.yaml"
    before = path.read_bytes()
    report = import_heritage(write_csv(tmp_path, ROWS.replace("、昭和制钢所1号高炉", "、烧结厂办公楼")), collections)
    assert not report.ok
    [problem] = report.problems
    assert str(problem).startswith(f"{tmp_path / 'list.csv'}:3: core_items: ")
    assert "collections/heritage/an-shan-gang-tie-chang.yaml" in problem.zh and "edited by hand" in problem.en
    assert path.read_bytes() == before


def test_hand_edit_that_agrees_with_the_csv_is_no_conflict(tmp_path, collections):
    import_heritage(write_csv(tmp_path, ROWS), collections)
    edit(collections, "an-shan-gang-tie-chang", city="鞍山")
    report = import_heritage(write_csv(tmp_path, ROWS.replace(",辽宁省,鞍山市,", ",辽宁省,鞍山,")), collections)
    assert report.ok, report.lines()
    again = import_heritage(write_csv(tmp_path, ROWS.replace(",辽宁省,鞍山市,", ",辽宁省,鞍山,")), collections)
    assert again.ok and not again.updated


def test_english_added_by_a_curator_is_no_edit(tmp_path, collections):
    import_heritage(write_csv(tmp_path, ROWS), collections)
    edit(collections, "an-shan-gang-tie-chang", name={"zh": "鞍山钢铁厂", "en": "Anshan Iron and Steel Works"},
         province="210000")
    assert import_heritage(write_csv(tmp_path, ROWS), collections).unchanged
    report = import_heritage(write_csv(tmp_path, ROWS.replace("、昭和制钢所1号高炉", "、烧结厂办公楼")), collections)
    assert report.ok, report.lines()
    data = record(collections, "an-shan-gang-tie-chang")
    assert data["name"] == {"zh": "鞍山钢铁厂", "en": "Anshan Iron and Steel Works"}
    assert data["core_items"][-1] == "烧结厂办公楼"


def test_a_curators_industry_and_listed_date_win(tmp_path, collections):
    import_heritage(write_csv(tmp_path, ROWS), collections)
    edit(collections, "zhang-yu-niang-jiu-gong-si", industry="light-industry", listed="2017-12-20")
    report = import_heritage(write_csv(tmp_path, ROWS.replace("、蒸馏器", "、蒸馏器、板框过滤机")), collections)
    assert report.ok, report.lines()
    data = record(collections, "zhang-yu-niang-jiu-gong-si")
    assert (data["industry"], data["listed"]) == ("light-industry", "2017-12-20")
    assert data["core_items"][-1] == "板框过滤机"
    assert "industry" not in data["extra"]["import"]["fields"]


def test_a_hand_made_record_is_never_overwritten(tmp_path, collections):
    folder = collections / "heritage"
    folder.mkdir()
    mine = folder / "an-shan-gang-tie-chang.yaml"
    mine.write_text("name: 鞍山钢铁厂\nlevel: national\nprovince: liaoning\ncore_items: [高炉]\n", encoding="utf-8")
    report = import_heritage(write_csv(tmp_path, ROWS), collections)
    assert [p.row for p in report.problems] == [3]
    assert "extra: {import: {batch: 1, number: 2}}" in report.problems[0].en
    assert mine.read_text(encoding="utf-8").startswith("name: 鞍山钢铁厂\n")
    assert len(report.created) == 2  # the other rows still import
    # Adopted as the text says, the record is filled in, keeping what the curator wrote.
    mine.write_text(mine.read_text(encoding="utf-8") + "description: 手写。\nextra: {import: {batch: 1, number: 2}}\n",
                    encoding="utf-8")
    report = import_heritage(write_csv(tmp_path, ROWS), collections)
    assert [p.column for p in report.problems] == ["core_items"]  # 高炉 is not what the list says
    mine.write_text(mine.read_text(encoding="utf-8").replace("core_items: [高炉]\n", ""), encoding="utf-8")
    report = import_heritage(write_csv(tmp_path, ROWS), collections)
    assert report.ok and report.updated == ["collections/heritage/an-shan-gang-tie-chang.yaml"]
    assert record(collections, "an-shan-gang-tie-chang")["description"] == "手写。"


# --- bad CSVs ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(("body", "expected"), [
    ("x,4,旅顺船坞,辽宁省大连市,辽宁省,大连市,船坞,\n", ":5: batch: 批次应为 1–99 的正整数，而不是“x”"),
    ("0,4,旅顺船坞,辽宁省大连市,辽宁省,大连市,船坞,\n", ":5: batch: "),
    ("1,4,,辽宁省大连市,辽宁省,大连市,船坞,\n", ":5: name: 名称为空 / name is empty"),
    ("1,2,旅顺船坞,辽宁省大连市,辽宁省,大连市,船坞,\n", ":5: no: 重复的行：第1批第2项已在第 3 行出现"),
    ("1,4,鞍山钢铁厂,辽宁省鞍山市,辽宁省,鞍山市,高炉,\n", ":5: name: 重复的行"),
    ("1,4,旅顺船坞,辽宁省大连市,辽宁,大连市,船坞,\n", None),  # a short province name is accepted
    ("1,4,旅顺船坞,辽宁省大连市,辽林省,大连市,船坞,\n", ":5: province: provinces 词表中没有“辽林省”（是否想写“辽宁省”？）"),
    ("1,4,旅顺船坞,辽宁省大连市,辽宁省,大连市,、；,\n", ":5: core_items: 核心物项为空 / core_items is empty"),
])
def test_a_bad_row_is_reported_and_good_rows_import(tmp_path, collections, body, expected):
    report = import_heritage(write_csv(tmp_path, ROWS + body), collections)
    files = {p.stem for p in (collections / "heritage").glob("*.yaml")}
    assert {"zhang-yu-niang-jiu-gong-si", "an-shan-gang-tie-chang", "bei-jing-wei-xing-zhi-zao-chang"} <= files
    if expected is None:
        assert report.ok and "lv-shun-chuan-wu" in files
        return
    assert not report.ok
    assert any(expected in str(p) for p in report.problems), report.lines()
    assert all(str(p).startswith(str(tmp_path / "list.csv") + ":5: ") for p in report.problems)
    assert "lv-shun-chuan-wu" not in files


def test_a_missing_column_refuses_the_file(tmp_path, collections):
    path = tmp_path / "list.csv"
    path.write_text("batch,no,name,province\n1,1,张裕酿酒公司,山东省\n", encoding="utf-8")
    report = import_heritage(path, collections, shown="list.csv")
    assert [str(p) for p in report.problems] == [
        "list.csv:1: core_items: 缺少必需的列“core_items”，整个文件未导入 / required column 'core_items' is missing; "
        "the file was not imported"]
    assert not (collections / "heritage").exists()


def test_a_gbk_file_is_refused_with_advice(tmp_path, collections):
    report = import_heritage(write_csv(tmp_path, ROWS, encoding="gbk"), collections, shown="list.csv")
    [problem] = report.problems
    assert problem.row == 2  # the first line that is not UTF-8
    assert "GBK" in problem.zh and "UTF-8" in problem.zh and "save it as UTF-8" in problem.en
    assert not (collections / "heritage").exists()


def test_the_command_line(tmp_path, collections, run_cli):
    bad = write_csv(tmp_path, ROWS + "x,4,旅顺船坞,辽宁省大连市,辽宁省,大连市,船坞,\n", name="bad.csv")
    result = run_cli("import", "heritage", bad, "--collections", collections)
    assert result.returncode == 1
    assert "bad.csv:5: batch: 批次应为 1–99 的正整数，而不是“x” / batch must be a positive whole number (1–99), not 'x'" \
        in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert len(list((collections / "heritage").glob("*.yaml"))) == 3
    good = write_csv(tmp_path, ROWS, name="good.csv")
    result = run_cli("--collections", collections, "import", "heritage", good)
    assert result.returncode == 0 and "3 unchanged" in result.stdout
    missing = run_cli("import", "heritage", tmp_path / "nope.csv", "--collections", collections)
    assert missing.returncode == 1 and "nope.csv:0: -: 无法读取文件" in missing.stdout


# --- ids and core items -----------------------------------------------------------------------------
def test_ids_are_deterministic(tmp_path):
    assert slug_id("鞍山钢铁厂") == "an-shan-gang-tie-chang"
    assert slug_id("国营738厂") == "guo-ying-738-chang"
    assert slug_id("原子能“一堆一器”") == "yuan-zi-neng-yi-dui-yi-qi"
    long = slug_id("自贡井盐——大安盐厂自贡井盐——东源井自贡井盐——燊海井")
    assert len(long) <= ID_MAX and ID_RE.match(long) and not long.endswith("-")
    # The same rows in another order, into another folder, give the same files.
    reordered = "".join(reversed(ROWS.splitlines(keepends=True))) + "4,62,北京卫星制造厂,北京市海淀区,北京市,北京市,三号厂房,\n"
    outputs = []
    for name, body in (("a", ROWS + "4,62,北京卫星制造厂,北京市海淀区,北京市,北京市,三号厂房,\n"), ("b", reordered)):
        target = tmp_path / name / "collections"
        shutil.copytree(ROOT / "collections" / "vocab", target / "vocab")
        assert import_heritage(write_csv(tmp_path / name, body), target).ok
        outputs.append({p.name: p.read_bytes() for p in (target / "heritage").glob("*.yaml")})
    assert outputs[0] == outputs[1]
    assert "bei-jing-wei-xing-zhi-zao-chang-b4.yaml" in outputs[0]


def test_core_items_split_outside_brackets():
    assert split_core_items("东山宾馆建筑群（主楼、1号楼、2号楼）、老式石灰竖窑，“张裕路”石牌；1150轧机。") == [
        "东山宾馆建筑群（主楼、1号楼、2号楼）", "老式石灰竖窑", "“张裕路”石牌", "1150轧机"]
    assert split_core_items("标准件厂（八角亭)，理化中心") == ["标准件厂（八角亭)", "理化中心"]
    assert split_core_items("10吨、5吨冲天炉，一、二、三号井，宋、元、明、清代酒具,8.75车间") == [
        "10吨、5吨冲天炉", "一、二、三号井", "宋、元、明、清代酒具", "8.75车间"]
    assert split_core_items("（未闭合、括号") == ["（未闭合", "括号"]
