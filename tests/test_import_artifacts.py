"""``build.py import artifacts FILE.csv --mapping MAPPING.yaml``: a museum's inventory spreadsheet becomes artifacts.

The rules tested here are written down for curators in docs/artifact-import.md; the example used
throughout is docs/examples/artifact-import/ (its rows describe objects of the sample collection,
with made-up inventory numbers).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from museum.importers.artifacts import import_artifacts, parse_date  # noqa: E402
from museum.catalogue.check import check_collection  # noqa: E402
from museum.importers.ids import slug_id  # noqa: E402
from museum.records.fields import ID_MAX, ID_RE  # noqa: E402

EXAMPLE = ROOT / "docs" / "examples" / "artifact-import"
CSV_TEXT = (EXAMPLE / "inventory.csv").read_text(encoding="utf-8")
MAPPING_TEXT = (EXAMPLE / "mapping.yaml").read_text(encoding="utf-8")
MUSEUM = "china-industrial-museum"
FOLDER = f"artifacts/{MUSEUM}"
IDS = {
    "示例-001": "jie-fang-pai-ca10-xing-zai-huo-qi-che",
    "示例-002": "dong-feng-pai-ca71-xing-jiao-che",
    "示例-003": "hong-qi-pai-ca72-xing-gao-ji-jiao-che",
    "示例-004": "yong-jiu-pai-zi-xing-che",
    "示例-005": "shang-hai-pai-a581-xing-shou-biao",
    "示例-006": "hong-deng-pai-711-xing-dian-zi-guan-shou-yin-ji",
    "示例-007": "bei-jing-pai-820-xing-hei-bai-dian-shi-ji",
    "示例-008": "hong-san-jiao-pai-chun-jian",
}
# The example's first row spans lines 2–3 (its description has two lines), so the last of its
# eight rows is on line 10 and a row added at the end is on line 11.
NEXT = 11


@pytest.fixture
def collections(tmp_path: Path) -> Path:
    """The project's vocabularies and museums, and no artifacts: all an import needs."""
    target = tmp_path / "collections"
    for name in ("vocab", "museums"):
        shutil.copytree(ROOT / "collections" / name, target / name)
    return target


def write(tmp_path: Path, text: str = CSV_TEXT, name: str = "inventory.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def mapping(tmp_path: Path, text: str = MAPPING_TEXT) -> Path:
    path = tmp_path / "mapping.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def run(tmp_path: Path, collections: Path, csv_text: str = CSV_TEXT, mapping_text: str = MAPPING_TEXT, **kw):
    return import_artifacts(write(tmp_path, csv_text), mapping(tmp_path, mapping_text), collections,
                            shown="inventory.csv", mapping_shown="mapping.yaml", **kw)


def path_of(collections: Path, key: str) -> Path:
    return collections / FOLDER / f"{IDS[key]}.yaml"


def record(collections: Path, key: str) -> dict:
    return yaml.safe_load(path_of(collections, key).read_text(encoding="utf-8"))


def edit(collections: Path, key: str, **changes) -> None:
    path = path_of(collections, key)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(changes)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
            for p in sorted(folder.rglob("*")) if p.is_file()}


# --- the example, into a copy of the real collection ----------------------------------------------
@pytest.fixture(scope="module")
def example(tmp_path_factory):
    """The whole sample collection (heritage too: routes and museums refer to it), plus the example."""
    tmp = tmp_path_factory.mktemp("example")
    target = tmp / "collections"
    shutil.copytree(ROOT / "collections", target)
    report = import_artifacts(EXAMPLE / "inventory.csv", EXAMPLE / "mapping.yaml", target)
    return target, report


def test_the_example_gives_valid_records(example):
    collections, report = example
    assert report.ok, report.lines()
    assert sorted(report.created) == sorted(f"collections/{FOLDER}/{rid}.yaml" for rid in IDS.values())
    cat, problems = check_collection(collections, collections.parent)
    assert problems == []
    assert len(cat.artifacts) == 70 + 8
    truck = cat.artifacts["jie-fang-pai-ca10-xing-zai-huo-qi-che"]
    assert truck.source == f"collections/{FOLDER}/jie-fang-pai-ca10-xing-zai-huo-qi-che.yaml"
    assert (truck.title.zh, truck.title.en) == ("解放牌CA10型载货汽车", "Jiefang CA10 truck")
    assert (str(truck.museum), truck.industry, truck.date.iso, truck.inventory_number) == (
        "museum/china-industrial-museum", "automotive", "1956-07-13", "示例-001")
    assert [str(m) for m in truck.materials] == ["钢", "木"]
    assert truck.description.zh.count("\n") == 1  # a two-line cell stays two lines
    assert cat.era_of[truck.id] == "socialist-construction"
    sedan = cat.artifacts["dong-feng-pai-ca71-xing-jiao-che"]
    assert sedan.date.iso == "1958-05-12"  # written 1958年5月12日 in the spreadsheet
    bicycle = cat.artifacts["yong-jiu-pai-zi-xing-che"]
    assert bicycle.industry == "light-industry"  # 日用轻工, through the mapping's map
    assert (bicycle.date.display, bicycle.date.start, bicycle.date.end) == ("20世纪50—80年代", 1950, 1989)
    assert cat.artifacts["hong-deng-pai-711-xing-dian-zi-guan-shou-yin-ji"].industry == "electronics"
    assert cat.artifacts["hong-san-jiao-pai-chun-jian"].industry == "chemical"  # 化工: the vocabulary's own label
    assert cat.artifacts["hong-san-jiao-pai-chun-jian"].date.iso == "1926"
    assert str(cat.artifacts["bei-jing-pai-820-xing-hei-bai-dian-shi-ji"].dimensions) == "屏幕35厘米"
    text = (collections / FOLDER / "yong-jiu-pai-zi-xing-che.yaml").read_text(encoding="utf-8")
    assert "date: {display: 20世纪50—80年代, start: 1950, end: 1989}\n" in text
    assert "materials: [钢, 橡胶]\n" in text
    assert list(yaml.safe_load(text))[-1] == "extra"


def test_a_second_run_changes_nothing(example):
    collections, _ = example
    before = snapshot(collections / "artifacts")
    report = import_artifacts(EXAMPLE / "inventory.csv", EXAMPLE / "mapping.yaml", collections)
    assert report.ok and len(report.unchanged) == 8 and not report.created and not report.updated
    assert snapshot(collections / "artifacts") == before


# --- updating, and what curators added -------------------------------------------------------------
def test_changed_row_updates_and_keeps_curator_fields(tmp_path, collections):
    assert run(tmp_path, collections).ok
    edit(collections, "示例-007", significance="北京牌820型被称为“华夏第一屏”。", related=["hongdeng-711-radio"],
         tags=["电视机"], description={"zh": record(collections, "示例-007")["description"], "en": "China's first TV."})
    changed = CSV_TEXT.replace("国营天津无线电厂,天津市", "国营天津无线电厂（七一二厂）,天津市")
    report = run(tmp_path, collections, changed)
    assert report.ok, report.lines()
    assert report.updated == [f"collections/{FOLDER}/{IDS['示例-007']}.yaml"] and len(report.unchanged) == 7
    data = record(collections, "示例-007")
    assert data["maker"] == "国营天津无线电厂（七一二厂）"
    assert data["significance"] == "北京牌820型被称为“华夏第一屏”。"
    assert data["related"] == ["hongdeng-711-radio"] and data["tags"] == ["电视机"]
    assert data["description"]["en"] == "China's first TV."  # a curator's English is not an edit
    assert list(data)[-4:] == ["extra", "significance", "related", "tags"]  # the curator's order (edit() appends)
    again = run(tmp_path, collections, changed)
    assert again.ok and not again.updated


def test_an_emptied_cell_removes_the_importers_value(tmp_path, collections):
    run(tmp_path, collections)
    report = run(tmp_path, collections, CSV_TEXT.replace(",木、电子管、显像管,屏幕35厘米,", ",木、电子管、显像管,,"))
    assert report.ok and len(report.updated) == 1
    assert "dimensions" not in record(collections, "示例-007")


def test_a_curators_edit_of_an_owned_field_is_a_conflict(tmp_path, collections):
    run(tmp_path, collections)
    edit(collections, "示例-005", maker="上海手表厂（国营）")
    path = path_of(collections, "示例-005")
    before = path.read_bytes()
    assert run(tmp_path, collections).problems[0].column == "maker"  # even with the CSV unchanged
    report = run(tmp_path, collections, CSV_TEXT.replace("当年共生产13600只", "当年生产13600只"))
    [problem] = report.problems
    assert str(problem).startswith("inventory.csv:7: maker: ")
    assert f"collections/{FOLDER}/{IDS['示例-005']}.yaml" in problem.zh and "edited by hand" in problem.en
    assert path.read_bytes() == before
    # An edit that agrees with the CSV is no conflict; the record then follows the CSV again.
    fixed = CSV_TEXT.replace(",上海手表厂,", ",上海手表厂（国营）,")
    report = run(tmp_path, collections, fixed)
    assert report.ok, report.lines()
    assert run(tmp_path, collections, fixed.replace("（国营）", "（地方国营）")).ok
    assert record(collections, "示例-005")["maker"] == "上海手表厂（地方国营）"


def test_a_hand_made_record_is_never_overwritten(tmp_path, collections):
    mine = collections / "artifacts" / "yong-jiu-pai-zi-xing-che.yaml"
    mine.parent.mkdir(parents=True)
    mine.write_text("title: 永久牌自行车\nmuseum: china-industrial-museum\nindustry: light-industry\ndate: 1955\n"
                    "description: 手写。\n", encoding="utf-8")
    report = run(tmp_path, collections)
    [problem] = report.problems
    assert (problem.row, problem.column) == (6, "名称")
    assert 'extra: {import: {museum: china-industrial-museum, key: "示例-004"}}' in problem.en
    assert mine.read_text(encoding="utf-8").endswith("description: 手写。\n")
    assert len(report.created) == 7
    # Adopted as the message says: the 1955 the curator wrote is not what the spreadsheet says.
    mine.write_text(mine.read_text(encoding="utf-8") + 'extra: {import: {museum: china-industrial-museum, key: "示例-004"}}\n',
                    encoding="utf-8")
    assert [p.column for p in run(tmp_path, collections).problems] == ["date", "description"]
    mine.write_text(mine.read_text(encoding="utf-8").replace("date: 1955\n", "").replace("description: 手写。\n", ""),
                    encoding="utf-8")
    report = run(tmp_path, collections)
    assert report.ok and report.updated == ["collections/artifacts/yong-jiu-pai-zi-xing-che.yaml"]
    assert yaml.safe_load(mine.read_text(encoding="utf-8"))["maker"] == "上海自行车厂"


# --- bad rows ------------------------------------------------------------------------------------------
BAD_ROWS = [
    ("示例-009,蝴蝶牌家用缝纫机,,纺织机械,1966,上海协昌缝纫机厂,上海市,,,说明。\n",
     "行业: 词表 industries 中没有“纺织机械”"),
    ("示例-009,蝴蝶牌家用缝纫机,,轻工,六十年代,上海协昌缝纫机厂,上海市,,,说明。\n", "年代: 无法识别的年代“六十年代”"),
    ("示例-009,蝴蝶牌家用缝纫机,,轻工,1966-02-30,上海协昌缝纫机厂,上海市,,,说明。\n", "年代: 年代“1966-02-30”：日期“1966-02-30”不存在"),
    ("示例-009,蝴蝶牌家用缝纫机,,轻工,999,上海协昌缝纫机厂,上海市,,,说明。\n", "年代:"),  # (every year from 1000 has an era)
    ("示例-009,,,轻工,1966,上海协昌缝纫机厂,上海市,,,说明。\n", "名称: 为空，而 title 是藏品的必填字段"),
    ("示例-009,蝴蝶牌家用缝纫机,,轻工,1966,上海协昌缝纫机厂,上海市,,,\n", "说明: 为空，而 description 是藏品的必填字段"),
    ("示例-009,蝴蝶牌家用缝纫机,Butterfly,轻工,1966,上海协昌缝纫机厂,上海市,,,说明。\n", None),
    ("示例-003,蝴蝶牌家用缝纫机,,轻工,1966,上海协昌缝纫机厂,上海市,,,说明。\n", "藏品编号: 重复的行：“示例-003”已在第 5 行出现"),
    (",蝴蝶牌家用缝纫机,,轻工,1966,上海协昌缝纫机厂,上海市,,,说明。\n", "藏品编号: 为空"),
    ("示例-009,蝴蝶牌家用缝纫机,,轻工,1966,上海协昌,缝纫机厂,上海市,,,说明。\n", "-: 这一行有 11 格"),
]


@pytest.mark.parametrize(("row", "expected"), BAD_ROWS)
def test_a_bad_row_is_reported_and_good_rows_import(tmp_path, collections, row, expected):
    report = run(tmp_path, collections, CSV_TEXT + row)
    files = {p.stem for p in (collections / FOLDER).glob("*.yaml")}
    assert set(IDS.values()) <= files
    if expected is None:
        assert report.ok and "hu-die-pai-jia-yong-feng-ren-ji" in files
        return
    assert not report.ok
    assert any(str(p).startswith(f"inventory.csv:{NEXT}: {expected}") for p in report.problems), report.lines()
    assert all(str(p).startswith(f"inventory.csv:{NEXT}: ") for p in report.problems), report.lines()
    assert "hu-die-pai-jia-yong-feng-ren-ji" not in files
    assert " / " in str(report.problems[0])  # Chinese, then English


def test_a_missing_mapped_column_refuses_the_file(tmp_path, collections):
    text = CSV_TEXT.replace("藏品编号,名称,英文名称,行业,年代,", "藏品编号,名称,英文名称,门类,年代,")
    report = run(tmp_path, collections, text)
    assert [str(p) for p in report.problems] == [
        "inventory.csv:1: 行业: 缺少必需的列“行业”，整个文件未导入 / required column '行业' is missing; the file was not imported"]
    assert not (collections / "artifacts").exists()


def test_an_unused_column_is_a_warning(tmp_path, collections):
    text = CSV_TEXT.replace("说明\n", "说明,备注\n", 1)
    report = run(tmp_path, collections, text)
    assert report.ok and len(report.created) == 8
    assert [str(w) for w in report.warnings] == [
        "inventory.csv:1: 备注: 映射文件没有用到这一列，已忽略 / the mapping does not use this column; ignored"]


def test_a_gbk_file_is_refused_with_advice(tmp_path, collections):
    report = import_artifacts(write(tmp_path, CSV_TEXT, encoding="gbk"), mapping(tmp_path), collections, shown="inventory.csv")
    [problem] = report.problems
    assert problem.row == 1 and problem.path == "inventory.csv"
    assert "GBK" in problem.zh and "请另存为 UTF-8" in problem.zh and "save it as UTF-8" in problem.en
    assert not (collections / "artifacts").exists()


@pytest.mark.parametrize(("change", "expected"), [
    (("map: {日用轻工", "mapp: {日用轻工"),
     "mapping.yaml:17:26: fields.industry.mapp: 未知字段（是否想写“map”？） / unknown field (did you mean 'map'?)"),
    (("无线电: electronics", "无线电: radio"),
     "mapping.yaml:17:59: fields.industry.map.无线电: 词表 industries 中没有“radio” / "
     "'radio' is not in the industries vocabulary"),
    (("  description: 说明\n", "  descripton: 说明\n"),
     "mapping.yaml:23:3: fields.descripton: 不能导入的字段“descripton”（是否想写“description”？）"),
    (("{column: 材质, split: \"、\"}", "材质"),
     "mapping.yaml:21:14: fields.materials: materials 是列表，请写分隔符"),
    (("museum: china-industrial-museum", "museum: shenyang-museum"),
     "mapping.yaml:9:9: museum: collections/museums/ 中没有“shenyang-museum”"),
    (("\nfields:\n", "\nkey: 名称\nfields:\n"), "mapping.yaml:13:1: key: 重复的键“key” / duplicate key 'key'"),
    (("  title_en: 英文名称\n", "  title_en: 英文名称\n  images: 图片\n"),
     "mapping.yaml:16:3: fields.images: “images”由策展人在记录中填写，不从表格导入"),
])
def test_a_bad_mapping_is_reported_at_its_line(tmp_path, collections, change, expected):
    assert change[0] in MAPPING_TEXT
    report = run(tmp_path, collections, mapping_text=MAPPING_TEXT.replace(*change))
    assert any(str(p).startswith(expected) for p in report.problems), report.lines()
    assert not (collections / "artifacts").exists()


# --- ids ---------------------------------------------------------------------------------------------------
def test_ids_are_deterministic(tmp_path):
    assert slug_id("解放牌CA10型载货汽车") == "jie-fang-pai-ca10-xing-zai-huo-qi-che"
    assert slug_id("北京牌820型 Model 820-A") == "bei-jing-pai-820-xing-model-820-a"
    assert slug_id("Jiefang-CA10 Truck") == "jiefang-ca10-truck"
    long = slug_id("东方红" * 30)
    assert len(long) <= ID_MAX and ID_RE.match(long)
    # Two objects of one name, and the rows in another order, into another folder: the same files.
    twin = "示例-010,永久牌自行车,,轻工,1958,上海自行车厂,上海市,,,永久牌的另一辆自行车。\n"
    header, *rows = CSV_TEXT.replace("\n1956年7月13日", " 1956年7月13日").splitlines(keepends=True)
    outputs = []
    for name, body in (("a", "".join(rows) + twin), ("b", twin + "".join(reversed(rows)))):
        target = tmp_path / name / "collections"
        for folder in ("vocab", "museums"):
            shutil.copytree(ROOT / "collections" / folder, target / folder)
        report = import_artifacts(write(tmp_path / name, header + body), mapping(tmp_path / name), target)
        assert report.ok, report.lines()
        outputs.append({p.name: p.read_bytes() for p in (target / FOLDER).glob("*.yaml")})
    assert outputs[0] == outputs[1] and len(outputs[0]) == 9
    assert "yong-jiu-pai-zi-xing-che-shi-li-010.yaml" in outputs[0]  # the second of the name gets its key


def test_ids_from_a_column_and_museums_from_a_column(tmp_path, collections):
    text = ("编号,网址编号,单位,名称,行业,年代,说明\n"
            "A-1,Jiefang CA10,中国工业博物馆,解放牌CA10型载货汽车,汽车,1956,说明。\n"
            "A-2,,china-railway-museum,建设型蒸汽机车,铁路,约1958年,说明。\n"
            "A-3,,铁道博物馆,前进型蒸汽机车,铁路,1950年代,说明。\n")
    rules = ("museum: {column: 单位, map: {铁道博物馆: china-railway-museum}}\n"
             "id: {column: 网址编号, pinyin_of: 名称}\nkey: 编号\n"
             "fields:\n  title: 名称\n  industry: 行业\n  date: 年代\n  description: 说明\n  inventory_number: 编号\n")
    report = run(tmp_path, collections, text, rules)
    assert report.ok, report.lines()
    assert sorted(report.created) == [
        "collections/artifacts/china-industrial-museum/jiefang-ca10.yaml",
        "collections/artifacts/china-railway-museum/jian-she-xing-zheng-qi-ji-che.yaml",
        "collections/artifacts/china-railway-museum/qian-jin-xing-zheng-qi-ji-che.yaml"]
    steam = yaml.safe_load((collections / "artifacts/china-railway-museum/jian-she-xing-zheng-qi-ji-che.yaml")
                           .read_text(encoding="utf-8"))
    assert steam["date"] == {"display": "约1958年", "start": 1958, "end": 1958}
    assert steam["extra"]["import"]["key"] == "A-2" and steam["museum"] == "china-railway-museum"
    bad = text + "A-4,,沈阳博物馆,东方红拖拉机,机械制造,1958,说明。\n"
    report = run(tmp_path, collections, bad, rules)
    [problem] = report.problems
    assert str(problem).startswith("inventory.csv:5: 单位: collections/museums/ 中没有“沈阳博物馆”")


@pytest.mark.parametrize(("text", "expected"), [
    ("1956", 1956),
    ("1956-07-13", "1956-07-13"),
    ("1956/7/3", "1956-07-03"),
    ("1958年5月12日", "1958-05-12"),
    ("1958年", 1958),
    ("1958年5月", "1958-05"),
    ("约1958年", {"display": "约1958年", "start": 1958, "end": 1958}),
    ("1958年前后", {"display": "1958年前后", "start": 1958, "end": 1958}),
    ("1950-1959", {"display": "1950-1959", "start": 1950, "end": 1959}),
    ("1958—1959年", {"display": "1958—1959年", "start": 1958, "end": 1959}),
    ("1950年代", {"display": "1950年代", "start": 1950, "end": 1959}),
    ("约1950年代", {"display": "约1950年代", "start": 1950, "end": 1959}),
    ("20世纪50年代", {"display": "20世纪50年代", "start": 1950, "end": 1959}),
    ("20世纪50—80年代", {"display": "20世纪50—80年代", "start": 1950, "end": 1989}),
    ("19世纪80年代—20世纪", None),
    ("1950年代-1970年代", {"display": "1950年代-1970年代", "start": 1950, "end": 1979}),
    ("五十年代", None),
    ("民国", None),
    ("", None),
])
def test_dates(text, expected):
    assert parse_date(text) == expected


def test_the_command_line(tmp_path, collections, run_cli):
    good = write(tmp_path)
    rules = mapping(tmp_path)
    result = run_cli("import", "artifacts", good, "--mapping", rules, "--collections", collections)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "8 created" in result.stdout
    bad = write(tmp_path, CSV_TEXT + BAD_ROWS[0][0], name="bad.csv")
    result = run_cli("--collections", collections, "import", "artifacts", bad, "--mapping", rules)
    assert result.returncode == 1 and "bad.csv:11: 行业: 词表 industries 中没有“纺织机械”" in result.stdout
    assert "8 unchanged" in result.stdout and "Traceback" not in result.stdout + result.stderr
    missing = run_cli("import", "artifacts", good, "--collections", collections)
    assert missing.returncode == 1 and "--mapping" in missing.stderr
