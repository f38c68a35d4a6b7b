"""Provincial and municipal heritage lists: ``build.py import heritage`` takes a list of any level.

The rules are written for curators in docs/heritage-import.md ("省、市名单"). The shipped file is
Hubei's provincial lists and the municipal lists of Wuhan and Huangshi (58 sites, see its SOURCE.md).
"""

from __future__ import annotations

import csv
import io
import shutil
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from museum.catalogue.check import check_collection  # noqa: E402
from museum.importers.graded import batch_number  # noqa: E402
from museum.importers.heritage import import_heritage  # noqa: E402

HUBEI = Path("/work/shared/data/hubei-graded-heritage/hubei-provincial-municipal.csv")
NATIONAL = Path("/work/shared/data/national-industrial-heritage/batches-1-5.csv")


@pytest.fixture
def collections(tmp_path: Path) -> Path:
    """An empty collection with the project's real vocabularies."""
    target = tmp_path / "collections"
    shutil.copytree(ROOT / "collections" / "vocab", target / "vocab")
    return target


def records(collections: Path) -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((collections / "heritage").glob("*.yaml"))}


def by_list_id(collections: Path) -> dict[str, dict]:
    return {r["extra"]["listing"]["id"]: r for r in records(collections).values() if "listing" in r.get("extra", {})}


def digest(collections: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((collections / "heritage").glob("*.yaml"))}


def test_batch_words_are_numbers():
    assert [batch_number(t) for t in ("首批", "第二批", "第十批", "第十二批", "第二十一批", "第12批", "名单")] == \
        [1, 2, 10, 12, 21, 12, None]


def test_every_row_of_the_hubei_lists_becomes_a_record_that_check_accepts(collections):
    report = import_heritage(HUBEI, collections)
    assert report.ok, [str(p) for p in report.problems]
    assert len(report.created) == 58
    found = by_list_id(collections)
    assert len(found) == 58
    assert check_collection(collections, collections.parent)[1] == []
    levels = [r["level"] for r in found.values()]
    assert levels.count("provincial") == 14 and levels.count("municipal") == 44


def test_a_listing_says_level_issuer_batch_year_and_grade_as_the_list_title_does(collections):
    import_heritage(HUBEI, collections)
    found = by_list_id(collections)
    assert found["HBI-WUHAN-001"]["listings"] == [
        {"level": "municipal", "issuer": "wuhan", "list": "武汉市首批工业遗产一级", "batch": 1, "grade": "一级"}]
    assert found["HBI-PROV-004"]["listings"] == [
        {"level": "provincial", "issuer": "hubei", "list": "湖北省第二批省级工业遗产", "batch": 2, "year": 2025}]
    # a list recorded without its batch: no batch, and the province from the city that is on the issuers' list
    assert found["HBI-PROV-003"]["listings"] == [{"level": "provincial", "issuer": "hubei", "list": "省级工业遗产"}]
    assert found["HBI-PROV-003"]["province"] == "hubei"
    # what the title adds in brackets is kept apart: a remark as the note
    assert found["HBI-JZ-014"]["listings"][0]["note"] == "档案类项目"


def test_other_kinds_of_list_in_the_same_cell_are_kept_as_a_note_not_as_listings(collections):
    import_heritage(HUBEI, collections)
    zongguan = by_list_id(collections)["HBI-WUHAN-006"]
    assert [(x["level"], x["issuer"]) for x in zongguan["listings"]] == [("municipal", "wuhan")]
    assert zongguan["listings"][0]["note"] == "亦见：第一批中国工业遗产保护名录；湖北省省级文物保护单位名录"
    assert zongguan["address"] == "武汉市硚口区"  # the district the list gives
    assert "汉口既济水电公司宗关水厂" in zongguan["other_names"]


def test_a_level_column_that_no_heritage_list_in_the_row_bears_out_is_a_warning(collections):
    report = import_heritage(HUBEI, collections)
    zanyu = by_list_id(collections)["HBI-WUHAN-015"]  # a provincial cultural relic, on Wuhan's heritage list
    assert zanyu["level"] == "municipal"
    assert zanyu["listings"][0]["grade"] == "一级"
    assert any(w.column == "level" and "provincial" in w.en for w in report.warnings)


def test_a_site_another_list_already_made_a_record_of_gets_this_listing_and_nothing_else(collections):
    national = import_heritage(NATIONAL, collections)
    assert national.ok
    before = records(collections)["hua-xin-shui-ni-chang-jiu-zhi"]
    report = import_heritage(HUBEI, collections)
    after = records(collections)["hua-xin-shui-ni-chang-jiu-zhi"]
    assert "collections/heritage/hua-xin-shui-ni-chang-jiu-zhi.yaml" in report.updated
    assert after["listings"] == [{"level": "municipal", "issuer": "huangshi", "list": "黄石市首批工业遗产", "batch": 1}]
    assert {k: v for k, v in after.items() if k not in ("listings", "extra")} == \
        {k: v for k, v in before.items() if k != "extra"}
    assert after["extra"]["import"] == before["extra"]["import"]  # the national list's own mark, untouched
    assert len(report.created) == 57
    # and the national list, imported again, does not take the listing away
    again = import_heritage(NATIONAL, collections)
    assert again.updated == [] and records(collections)["hua-xin-shui-ni-chang-jiu-zhi"] == after


def reformatted(path: Path, tmp_path: Path) -> Path:
    """The same list as another office would save it: other column order, CRLF, a BOM, spaces round names."""
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    columns = list(reversed(list(rows[0])))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: (f"  {v} " if k in ("name", "city") and v else v) for k, v in row.items()})
    target = tmp_path / "reformatted.csv"
    target.write_bytes(b"\xef\xbb\xbf" + out.getvalue().encode("utf-8"))
    return target


def test_importing_the_list_again_or_a_reformatted_copy_of_it_changes_nothing(collections, tmp_path):
    import_heritage(NATIONAL, collections)
    import_heritage(HUBEI, collections)
    first = digest(collections)
    again = import_heritage(HUBEI, collections)
    assert again.created == [] and again.updated == [] and len(again.unchanged) == 58
    assert digest(collections) == first
    copy = import_heritage(reformatted(HUBEI, tmp_path), collections)
    assert copy.ok and copy.created == [] and copy.updated == [], [str(p) for p in copy.problems]
    assert digest(collections) == first
    national_copy = import_heritage(reformatted(NATIONAL, tmp_path), collections)
    assert national_copy.ok and national_copy.updated == [] and digest(collections) == first


def test_a_province_writes_its_own_list_with_explicit_columns(collections, tmp_path):
    listing = tmp_path / "list.csv"
    listing.write_text("name,level,issuer,batch,number,grade,city\n"
                       "汉口既济水塔,municipal,武汉市,1,5,一级,武汉市\n", encoding="utf-8")
    report = import_heritage(listing, collections)
    assert report.ok, [str(p) for p in report.problems]
    (record,) = records(collections).values()
    assert record["listings"] == [{"level": "municipal", "issuer": "wuhan", "batch": 1, "number": 5, "grade": "一级"}]
    assert record["extra"]["listing"]["issuer"] == "wuhan" and record["extra"]["listing"]["number"] == 5


def test_rows_that_cannot_be_read_say_where_and_what(collections, tmp_path):
    listing = tmp_path / "list.csv"
    listing.write_text("name,level,list,inventory_id\n"
                       "某厂,municipal,某某市首批工业遗产,X-1\n"
                       "另一厂,城市级,武汉市首批工业遗产,X-2\n"
                       "第三厂,municipal,武汉市首批工业遗产,X-2\n", encoding="utf-8")
    report = import_heritage(listing, collections)
    said = {(p.row, p.column): p for p in report.problems}
    assert "heritage-issuers" in said[(2, "list")].zh and "heritage-issuers" in said[(2, "list")].en
    assert "城市级" in said[(3, "level")].zh
    assert said[(4, "inventory_id")].en.startswith("duplicate row")
    assert records(collections) == {}


def test_the_sample_collection_holds_the_hubei_lists_as_imported(tmp_path):
    """The shipped records are what the importer makes of the shipped list: importing it changes nothing."""
    target = tmp_path / "collections"
    shutil.copytree(ROOT / "collections", target)
    before = digest(target)
    report = import_heritage(HUBEI, target)
    assert report.ok and report.created == [] and report.updated == []
    assert digest(target) == before


def listing(site: Path, *parts: str) -> str:
    """Every page of a paged listing, as one text."""
    base = site.joinpath(*parts)
    pages = [base / "index.html", *sorted(base.glob("page/*/index.html"))]
    return "".join(page.read_text(encoding="utf-8") for page in pages)


def test_the_heritage_list_is_browsed_by_issuer_and_each_lists_batches(sample_site):
    wuhan = (sample_site / "heritage" / "issuer" / "wuhan" / "index.html").read_text(encoding="utf-8")
    assert "宗关水厂" in wuhan and "华新水泥厂旧址" not in wuhan
    batch = (sample_site / "heritage" / "issuer" / "hubei" / "batch" / "2" / "index.html").read_text(encoding="utf-8")
    assert "国营石花酒厂" in batch and "国营红星化工机械厂" not in batch  # (that one is on the first)
    # a site listed at two levels is under both, and its page shows both
    for level in ("national", "municipal"):
        assert "hua-xin-shui-ni-chang-jiu-zhi" in listing(sample_site, "heritage", "level", level), level
    site = (sample_site / "heritage" / "hua-xin-shui-ni-chang-jiu-zhi" / "index.html").read_text(encoding="utf-8")
    assert "国家工业遗产" in site and "黄石市首批工业遗产" in site
    # the national batches stay the Ministry's (heritage/batch/1/ is printed in schools)
    assert "宗关水厂" not in listing(sample_site, "heritage", "batch", "1")


def test_designations_are_browsed_in_the_heritage_list_and_the_museum_directory(sample_site):
    parks = (sample_site / "heritage" / "designation" / "national-mine-park" / "index.html").read_text(encoding="utf-8")
    assert "开滦唐山矿" in parks and "大冶铁矿工业遗产群" in parks
    museums = (sample_site / "directory" / "designation" / "patriotic-education-base" / "index.html").read_text(
        encoding="utf-8")
    assert "铁人王进喜纪念馆" in museums
    site = (sample_site / "heritage" / "kai-luan-tang-shan-kuang" / "index.html").read_text(encoding="utf-8")
    assert "国家矿山公园（首批）" in site
    # a designation's page says who conferred it, when, and where that is documented
    assert "国土资源部 2005年公布。出处：维基百科“国家矿山公园”条目" in parks
    english = (sample_site / "en" / "heritage" / "designation" / "national-mine-park" / "index.html").read_text(
        encoding="utf-8")
    assert "Announced by the Ministry of Land and Resources in 2005." in english
