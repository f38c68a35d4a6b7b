"""What both importers do at the edges: records ``check`` would refuse, CSVs that cannot be read as
they were meant, very wide files, and a disk or a file that says no.

Safe by construction: an importer writes only what ``build.py check`` accepts, and says what went
wrong in words a curator can act on (file, row, column; Chinese and English).
"""

from __future__ import annotations

import errno
import os
import shutil
import sys
import threading
import time
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from museum.importers import engine  # noqa: E402
from museum.importers.artifacts import import_artifacts  # noqa: E402
from museum.catalogue.check import check_collection  # noqa: E402
from museum.importers.heritage import import_heritage, split_core_items  # noqa: E402
from museum.records.yamlsource import MAX_FILE_BYTES, MAX_NODES  # noqa: E402

# --- the heritage list ------------------------------------------------------------------------------
HEADER = "batch,no,name,address,province,city,core_items,applicant_unit\n"
ROWS = (
    "1,1,张裕酿酒公司,山东省烟台市芝罘区,山东省,烟台市,地下酒窖、蒸馏器。,\n"
    "1,2,鞍山钢铁厂,辽宁省鞍山市铁西区,辽宁省,鞍山市,东山宾馆建筑群（主楼、1号楼、2号楼）、昭和制钢所1号高炉。,\n"
    "2,3,北京卫星制造厂,北京市海淀区,北京市,北京市,一号、四号厂房，坐标镗床。,\n"
)
HERITAGE_IDS = {"zhang-yu-niang-jiu-gong-si", "an-shan-gang-tie-chang", "bei-jing-wei-xing-zhi-zao-chang"}

# --- the artifact example (docs/examples/artifact-import) --------------------------------------------
EXAMPLE = ROOT / "docs" / "examples" / "artifact-import"
CSV_TEXT = (EXAMPLE / "inventory.csv").read_text(encoding="utf-8")
MAPPING_TEXT = (EXAMPLE / "mapping.yaml").read_text(encoding="utf-8")
FOLDER = "artifacts/china-industrial-museum"
NEXT = 11  # the line a row added at the end of the example starts on
SEWING = "hu-die-pai-jia-yong-feng-ren-ji"  # the id of the row added in these tests

BIG = "很长的说明文字" * 56_000  # 392,000 characters, 1.18 MB in UTF-8
assert 1.1 * 1024 * 1024 < len(BIG.encode("utf-8")) < 1.2 * 1024 * 1024


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


def heritage(tmp_path: Path, collections: Path, body: str = ROWS, *, raw: bytes | None = None, header: str = HEADER):
    path = tmp_path / "list.csv"
    path.write_bytes(raw if raw is not None else (header + body).encode("utf-8"))
    return import_heritage(path, collections, shown="list.csv")


def artifacts(tmp_path: Path, collections: Path, text: str = CSV_TEXT, rules: str = MAPPING_TEXT, *,
              raw: bytes | None = None):
    path = tmp_path / "inventory.csv"
    path.write_bytes(raw if raw is not None else text.encode("utf-8"))
    (tmp_path / "mapping.yaml").write_text(rules, encoding="utf-8")
    return import_artifacts(path, tmp_path / "mapping.yaml", collections, shown="inventory.csv",
                            mapping_shown="mapping.yaml")


def sewing_machine(description: str = "说明。") -> str:
    """A row for the example inventory (its columns: 藏品编号,名称,英文名称,行业,年代,制造者,制造地,材质,尺寸,说明)."""
    return f"示例-009,蝴蝶牌家用缝纫机,,轻工,1966,上海协昌缝纫机厂,上海市,,,{description}\n"


def problems_in(collections: Path, under: str) -> list[str]:
    """What check says about the records under ``collections/<under>``."""
    _, problems = check_collection(collections, collections.parent)
    return [str(p) for p in problems if p.path.startswith(f"collections/{under}/")]


# --- 1. what an importer writes, check accepts --------------------------------------------------------
@pytest.mark.parametrize(("row", "column", "expected"), [
    (f"1,4,旅顺船坞,{BIG},辽宁省,大连市,船坞,\n", "address", f"limit {MAX_FILE_BYTES}"),
    ("1,4,旅顺船坞,辽宁省大连市,辽宁省,大连市," + "，".join(["井"] * 60_000) + ",\n", "core_items",
     f"more than {MAX_NODES}"),
])
def test_heritage_row_check_would_refuse_is_not_written(tmp_path, heritage_collections, row, column, expected):
    report = heritage(tmp_path, heritage_collections, ROWS + row)
    [problem] = report.problems
    assert (problem.path, problem.row, problem.column) == ("list.csv", 5, column), report.lines()
    assert "build.py check" in problem.zh and "build.py check" in problem.en
    assert expected in problem.en and "collections/heritage/lv-shun-chuan-wu.yaml" in problem.en
    assert "未写入" in problem.zh and "not written" in problem.en
    files = {p.stem for p in (heritage_collections / "heritage").glob("*.yaml")}
    assert files == HERITAGE_IDS  # the other rows still import
    assert problems_in(heritage_collections, "heritage") == []


def test_heritage_update_check_would_refuse_leaves_the_record(tmp_path, heritage_collections):
    assert heritage(tmp_path, heritage_collections).ok
    path = heritage_collections / "heritage" / "an-shan-gang-tie-chang.yaml"
    before = path.read_bytes()
    report = heritage(tmp_path, heritage_collections, ROWS.replace("辽宁省鞍山市铁西区", BIG))
    [problem] = report.problems
    assert (problem.row, problem.column) == (3, "address") and "not written" in problem.en
    assert path.read_bytes() == before and not report.updated
    assert problems_in(heritage_collections, "heritage") == []


TAGS_RULES = MAPPING_TEXT + '  tags: {column: 标签, split: "、"}\n'


@pytest.mark.parametrize(("text", "rules", "column", "expected"), [
    (CSV_TEXT + sewing_machine(BIG), MAPPING_TEXT, "说明", f"limit {MAX_FILE_BYTES}"),
    (CSV_TEXT.replace(",说明\n", ",说明,标签\n", 1) + sewing_machine()[:-1] + "," + "、".join(["机"] * 60_000) + "\n",
     TAGS_RULES, "标签", f"more than {MAX_NODES}"),
])
def test_artifact_row_check_would_refuse_is_not_written(tmp_path, artifact_collections, text, rules, column, expected):
    report = artifacts(tmp_path, artifact_collections, text, rules)
    [problem] = report.problems
    assert (problem.path, problem.row, problem.column) == ("inventory.csv", NEXT, column), report.lines()
    assert "build.py check" in problem.zh and "build.py check" in problem.en
    assert expected in problem.en and f"collections/{FOLDER}/{SEWING}.yaml" in problem.en
    assert "未写入" in problem.zh and "not written" in problem.en
    files = {p.stem for p in (artifact_collections / FOLDER).glob("*.yaml")}
    assert len(files) == 8 and SEWING not in files  # the other rows still import
    assert problems_in(artifact_collections, "artifacts") == []


def test_a_long_cell_under_the_limit_imports(tmp_path, artifact_collections):
    """csv's own limit on a cell (128 KB) is not the museum's: a 400 KB description is a valid record."""
    text = "很长的说明文字" * 20_000
    report = artifacts(tmp_path, artifact_collections, CSV_TEXT + sewing_machine(text))
    assert report.ok, report.lines()
    written = yaml.safe_load((artifact_collections / FOLDER / f"{SEWING}.yaml").read_text(encoding="utf-8"))
    assert written["description"] == text
    assert problems_in(artifact_collections, "artifacts") == []


# --- 2. CSVs that cannot be read as they were meant ------------------------------------------------------
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_named(tmp_path, heritage_collections, artifact_collections, encoding):
    for report, folder in (
            (heritage(tmp_path, heritage_collections, raw=(HEADER + ROWS).encode(encoding)), heritage_collections),
            (artifacts(tmp_path, artifact_collections, raw=CSV_TEXT.encode(encoding)), artifact_collections)):
        [problem] = report.problems
        assert "UTF-16" in problem.zh and "字节顺序标记" in problem.zh and "另存为 UTF-8" in problem.zh
        assert "the file is UTF-16 (without a byte-order mark); save it as UTF-8 (CSV UTF-8)" in problem.en
        assert "GBK" not in problem.zh + problem.en
        assert not (folder / "heritage").exists() and not (folder / "artifacts").exists()


def test_gbk_is_still_gbk(tmp_path, heritage_collections):
    [problem] = heritage(tmp_path, heritage_collections, raw=(HEADER + ROWS).encode("gbk")).problems
    assert "GBK" in problem.en and "UTF-16" not in problem.en


@pytest.mark.parametrize(("body", "row", "column", "zh", "en"), [
    # A quote that never closes: csv reads the rest of the file into one cell (then "province is empty").
    (ROWS + '1,4,旅顺船坞,"辽宁省大连市,辽宁省,大连市,船坞,\n1,5,大连造船厂,辽宁省大连市,辽宁省,大连市,船台,\n',
     5, "address", "从第 5 行开始的这一行中，引号（\"）没有闭合",
     "the quote (\") opened in the row starting on line 5 is never closed; everything after it was read as one cell"),
    # The same on the first row of data, in the first cell.
    ('"1,1,张裕酿酒公司,山东省烟台市芝罘区,山东省,烟台市,地下酒窖,\n' + ROWS[ROWS.index("\n") + 1:],
     2, "batch", "从第 2 行开始的这一行中，引号（\"）没有闭合", "opened in the row starting on line 2 is never closed"),
    # Text after a closing quote, in the middle of a cell.
    (ROWS + '1,4,旅顺船坞,"辽宁省"大连市,辽宁省,大连市,船坞,\n', 5, "address", "第 5 行：引号（\"）结束后",
     "line 5: there is more text in the cell after its closing quote (\")"),
    # An unclosed quote that a later quote seems to close: named at the row where it opened.
    (ROWS + '1,4,旅顺船坞,"辽宁省大连市,辽宁省,大连市,船坞,\n1,5,大连造船厂,"辽宁省"大连市,辽宁省,大连市,船台,\n',
     5, "address", "第 6 行：引号（\"）结束后", "this row starts on line 5: perhaps a quote opened there is never closed"),
])
def test_a_bad_quote_is_named_at_its_row(tmp_path, heritage_collections, body, row, column, zh, en):
    report = heritage(tmp_path, heritage_collections, body)
    [problem] = report.problems
    assert (problem.row, problem.column) == (row, column), report.lines()
    assert zh in problem.zh and en in problem.en, report.lines()
    assert "整个文件未导入" in problem.zh and "the file was not imported" in problem.en
    assert not (heritage_collections / "heritage").exists()


def test_a_bad_quote_in_an_inventory_is_named_at_its_row(tmp_path, artifact_collections):
    report = artifacts(tmp_path, artifact_collections, CSV_TEXT + sewing_machine('"说明。'))
    [problem] = report.problems
    assert (problem.path, problem.row, problem.column) == ("inventory.csv", NEXT, "说明"), report.lines()
    assert f"the quote (\") opened in the row starting on line {NEXT} is never closed" in problem.en
    assert not (artifact_collections / "artifacts").exists()


def test_a_quote_inside_a_plain_cell_is_text(tmp_path, heritage_collections):
    """csv reads 12"管 as it stands, and so does a curator: it is no error."""
    report = heritage(tmp_path, heritage_collections, ROWS + '1,4,旅顺船坞,辽宁省大连市,辽宁省,大连市,12"船坞,\n')
    assert report.ok, report.lines()
    data = yaml.safe_load((heritage_collections / "heritage" / "lv-shun-chuan-wu.yaml").read_text(encoding="utf-8"))
    assert data["core_items"] == ['12"船坞']


# --- reading is linear in the number of columns ---------------------------------------------------------
def best_of(run, tries: int = 5) -> float:
    """The shortest of a few runs: the machine may be busy with something else for any one of them."""
    times = []
    for _ in range(tries):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def wide_heritage(tmp_path: Path, collections: Path, columns: int):
    extra = ",".join(f"extra{i}" for i in range(columns))
    body = "".join(line[:-1] + "," * columns + "\n" for line in ROWS.splitlines(keepends=True))
    return lambda: heritage(tmp_path, collections, body, header=HEADER[:-1] + "," + extra + "\n")


def wide_inventory(tmp_path: Path, collections: Path, columns: int):
    header, rest = CSV_TEXT.split("\n", 1)
    text = header + "," + ",".join(f"备注{i}" for i in range(columns)) + "\n" + rest
    return lambda: artifacts(tmp_path, collections, text)


@pytest.mark.parametrize("wide", [wide_heritage, wide_inventory])
def test_reading_is_linear_in_the_number_of_columns(tmp_path, heritage_collections, artifact_collections, wide):
    collections = heritage_collections if wide is wide_heritage else artifact_collections
    report = wide(tmp_path, collections, 100)()
    # Twenty unknown columns named one by one, then one line for the other 80: a summary, not a wall.
    assert report.ok and len(report.warnings) == 21, report.lines()
    assert "80" in str(report.warnings[-1]) and "unknown column" in str(report.warnings[-1])
    small = best_of(wide(tmp_path, collections, 10_000))
    large = best_of(wide(tmp_path, collections, 40_000))
    assert large / small < 8, (small, large)  # linear: about 4; quadratic: about 16


@pytest.mark.parametrize("unit", ["井、", "甲乙、", "1号、2号井，"])
def test_splitting_core_items_is_linear_in_the_length_of_the_cell(unit):
    """A long core_items cell (check allows up to 1 MB) is split in time proportional to its length."""
    def cell(n: int) -> str:
        return "（" + unit * n + "）" if unit == "甲乙、" else unit * n

    assert len(split_core_items(cell(3))) == (3 if unit == "1号、2号井，" else 1)
    n = 100_000 // len(unit)  # cells of 100,000 and 400,000 characters
    small = best_of(lambda: split_core_items(cell(n)))
    large = best_of(lambda: split_core_items(cell(4 * n)))
    assert large / small < 8, (small, large)  # linear: about 4; quadratic: about 16


# --- the disk, and the file, say no -------------------------------------------------------------------------
@pytest.mark.parametrize(("code", "zh", "en"), [
    (errno.ENOSPC, "磁盘已满", "the disk is full"),
    (errno.EACCES, "没有权限", "permission denied"),
    (errno.EROFS, "磁盘是只读的", "the disk is read-only"),
])
def test_a_write_that_fails_is_named_in_both_languages(tmp_path, heritage_collections, artifact_collections,
                                                       monkeypatch, code, zh, en):
    def refuse(path, text):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(engine, "write_atomic", refuse)
    report = heritage(tmp_path, heritage_collections)
    assert len(report.problems) == 3 and not report.created
    assert str(report.problems[0]) == (
        f"list.csv:2: -: 无法写入 collections/heritage/zhang-yu-niang-jiu-gong-si.yaml：{zh} / "
        f"cannot write collections/heritage/zhang-yu-niang-jiu-gong-si.yaml: {en}")
    report = artifacts(tmp_path, artifact_collections)
    assert len(report.problems) == 8 and not report.created
    assert str(report.problems[0]).endswith(
        f"无法写入 collections/{FOLDER}/jie-fang-pai-ca10-xing-zai-huo-qi-che.yaml：{zh} / "
        f"cannot write collections/{FOLDER}/jie-fang-pai-ca10-xing-zai-huo-qi-che.yaml: {en}")


def test_a_csv_that_cannot_be_read_is_named_in_both_languages(tmp_path, heritage_collections, artifact_collections,
                                                               monkeypatch):
    read_bytes = Path.read_bytes

    def guarded(path: Path) -> bytes:
        if path.suffix == ".csv":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", guarded)
    for report in (heritage(tmp_path, heritage_collections), artifacts(tmp_path, artifact_collections)):
        [problem] = report.problems
        assert problem.row == 0 and problem.path in ("list.csv", "inventory.csv")
        assert (problem.zh, problem.en) == ("无法读取文件：没有权限", "cannot read the file: permission denied")


def test_a_csv_that_is_no_file_is_refused_without_reading_it(tmp_path, heritage_collections, artifact_collections):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    # Something will write to the pipe, so that an importer that reads it gets a good CSV and does not hang.
    writer = threading.Thread(target=lambda: fifo.write_text(HEADER + ROWS, encoding="utf-8"), daemon=True)
    writer.start()
    report = import_heritage(fifo, heritage_collections, shown="pipe.csv")
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # releases the writer when the importer did not read
    writer.join()
    os.close(reader)
    [problem] = report.problems
    assert (problem.path, problem.row) == ("pipe.csv", 0)
    assert "不是普通文件" in problem.zh and "not a regular file" in problem.en
    assert not (heritage_collections / "heritage").exists()
    (tmp_path / "folder.csv").mkdir()
    for report in (import_heritage(tmp_path / "folder.csv", heritage_collections, shown="folder.csv"),
                   import_artifacts(tmp_path / "folder.csv", EXAMPLE / "mapping.yaml", artifact_collections,
                                    shown="folder.csv")):
        [problem] = report.problems
        assert (problem.zh, problem.en) == ("这是一个目录，不是文件", "it is a folder, not a file")
