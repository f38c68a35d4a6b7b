"""The catalogue built from the mini fixture: records by kind and id, old ids, reverse references,
derived eras, normalised provinces and vocabulary labels."""

from __future__ import annotations

import pytest

from museum.catalogue.check import check_collection, summary
from museum.records.fields import Date, Ref, Text
from museum.records.models import Artifact, Museum

MUSEUM = Ref("museum", "ceshi-gongye-bowuguan")
TEXTILE_MUSEUM = Ref("museum", "ceshi-fangzhi-bowuguan")
LOCOMOTIVE = Ref("artifact", "ceshi-zhengqi-jiche")
TRUCK = Ref("artifact", "ceshi-kache")
SPINNER = Ref("artifact", "ceshi-fangshaji")
STEELWORKS = Ref("heritage", "ceshi-gangtiechang")


@pytest.fixture(scope="module")
def cat(mini_checked):
    catalogue, problems = mini_checked
    assert problems == []
    return catalogue


def ids(records) -> set[str]:
    return {record.id for record in records}


def test_the_mini_collection_has_no_problems(mini_checked):
    assert mini_checked[1] == []


def test_records_are_indexed_by_kind_and_id(cat):
    assert cat.counts() == {"museum": 2, "artifact": 3, "exhibition": 1, "heritage": 1, "route": 1, "person": 1,
                            "enterprise": 1, "course": 1}
    assert set(cat.artifacts) == {"ceshi-zhengqi-jiche", "ceshi-kache", "ceshi-fangshaji"}
    assert isinstance(cat.museums["ceshi-gongye-bowuguan"], Museum)
    assert cat.get(LOCOMOTIVE) is cat.artifacts["ceshi-zhengqi-jiche"]
    assert cat.get(Ref("artifact", "no-such-thing")) is None
    assert cat.get(Ref("museum", "ceshi-kache")) is None  # ids are unique within a kind, not across kinds


def test_a_record_takes_its_id_from_its_file_name_even_in_a_sub_folder(cat):
    spinner = cat.get(SPINNER)
    assert spinner.id == "ceshi-fangshaji"
    assert spinner.key == SPINNER
    assert spinner.source == "collections/artifacts/ceshi-fangzhi-bowuguan/ceshi-fangshaji.yaml"


def test_an_old_id_resolves_to_the_record(cat):
    assert cat.aliases["museum"] == {"ceshi-bowuguan": "ceshi-gongye-bowuguan"}
    assert cat.aliases["artifact"] == {"ceshi-jiu-kache": "ceshi-kache"}
    assert cat.resolve("museum", "ceshi-bowuguan") == "ceshi-gongye-bowuguan"
    assert cat.resolve("museum", "ceshi-gongye-bowuguan") == "ceshi-gongye-bowuguan"
    assert cat.resolve("museum", "no-such-museum") is None
    assert cat.get(Ref("artifact", "ceshi-jiu-kache")) is cat.artifacts["ceshi-kache"]


def test_a_reference_written_with_an_old_id_reaches_the_record(cat):
    truck = cat.get(TRUCK)  # its file names the museum by its old id, ceshi-bowuguan
    assert truck.museum == Ref("museum", "ceshi-gongye-bowuguan")  # resolved once: later phases see the current id
    assert cat.get(Ref("museum", "ceshi-bowuguan")) is cat.museums["ceshi-gongye-bowuguan"]
    assert "ceshi-kache" in ids(cat.referring(MUSEUM, "artifact"))


def test_a_museum_knows_its_artifacts_and_exhibitions(cat):
    assert ids(cat.referring(MUSEUM, "artifact")) == {"ceshi-zhengqi-jiche", "ceshi-kache"}
    assert ids(cat.referring(TEXTILE_MUSEUM, "artifact")) == {"ceshi-fangshaji"}
    assert ids(cat.referring(MUSEUM, "exhibition")) == {"ceshi-zhanlan"}
    assert cat.referring(TEXTILE_MUSEUM, "exhibition") == []


def test_an_artifact_knows_the_exhibitions_that_show_it(cat):
    for artifact in (LOCOMOTIVE, TRUCK, SPINNER):
        assert ids(cat.referring(artifact, "exhibition")) == {"ceshi-zhanlan"}


def test_an_artifact_knows_the_artifacts_that_relate_to_it(cat):
    assert ids(cat.referring(TRUCK, "artifact")) == {"ceshi-zhengqi-jiche"}
    assert cat.referring(LOCOMOTIVE, "artifact") == []


def test_a_heritage_site_knows_its_museums_artifacts_and_routes(cat):
    assert ids(cat.referring(STEELWORKS, "museum")) == {"ceshi-gongye-bowuguan"}
    assert ids(cat.referring(STEELWORKS, "artifact")) == {"ceshi-zhengqi-jiche"}
    assert ids(cat.referring(STEELWORKS, "route")) == {"ceshi-xianlu"}
    # and the other way round: the museum is named by the site's museums list
    assert ids(cat.referring(MUSEUM, "heritage")) == {"ceshi-gangtiechang"}
    assert ids(cat.referring(MUSEUM, "route")) == {"ceshi-xianlu"}


def test_reverse_references_come_in_the_same_order_every_time(mini):
    orders = []
    for _ in range(2):
        cat, _ = check_collection(mini / "collections", root=mini)
        orders.append([[r.id for r in cat.referring(MUSEUM, kind)] for kind in ("artifact", "exhibition")])
    assert orders[0] == orders[1]


@pytest.mark.parametrize("artifact, era", [
    ("ceshi-zhengqi-jiche", "socialist-construction"),  # date: 1956
    ("ceshi-kache", "reform-and-opening"),  # date: {display: 约1980年代, start: 1980, end: 1989}
    ("ceshi-fangshaji", "republic"),  # date: "1921-05-01"
])
def test_the_era_is_derived_from_the_date(cat, artifact, era):
    assert cat.artifacts[artifact].era is None
    assert cat.era_of[artifact] == era


@pytest.fixture(scope="module")
def boundary_years(tmp_path_factory, mini):
    """The mini collection plus one artifact for each year at an era's edge, and one with its era given."""
    import shutil

    root = tmp_path_factory.mktemp("eras")
    shutil.copytree(mini / "collections", root / "collections")
    body = "title: 测试\nmuseum: ceshi-gongye-bowuguan\nindustry: steel\ndescription: 测试。\n"
    for year in (1840, 1911, 1912, 1948, 1949, 1977, 1978, 2011, 2012, 2100):
        (root / "collections" / "artifacts" / f"year-{year}.yaml").write_text(f"{body}date: {year}\n", "utf-8")
    # An uncertain date across two eras: the date alone would say late-qing (its first year), the curator says republic.
    (root / "collections" / "artifacts" / "era-given.yaml").write_text(
        f"{body}date: {{display: 约1910年代, start: 1905, end: 1915}}\nera: republic\n", "utf-8")
    cat, problems = check_collection(root / "collections", root=root)
    assert problems == []
    return cat


@pytest.mark.parametrize("year, era", [
    (1840, "late-qing"), (1911, "late-qing"), (1912, "republic"), (1948, "republic"),
    (1949, "socialist-construction"), (1977, "socialist-construction"), (1978, "reform-and-opening"),
    (2011, "reform-and-opening"), (2012, "new-era"), (2100, "new-era"),
])
def test_era_edges_belong_to_the_era_that_names_them(boundary_years, year, era):
    assert boundary_years.era_of[f"year-{year}"] == era


def test_an_era_given_by_the_curator_wins_over_the_date_it_agrees_with(boundary_years):
    assert boundary_years.era_of["era-given"] == "republic"


def test_a_province_code_becomes_the_province_id(cat):
    assert cat.museums["ceshi-fangzhi-bowuguan"].province == "shanghai"  # written "310000"
    assert cat.heritage["ceshi-gangtiechang"].province == "liaoning"  # written 210000, unquoted
    assert cat.museums["ceshi-gongye-bowuguan"].province == "liaoning"  # written liaoning


def test_vocabulary_ids_have_localized_labels(cat):
    assert cat.label("industries", "steel") == Text.of("钢铁", "Iron and steel")
    assert cat.label("provinces", "liaoning").zh == "辽宁省"
    assert cat.label("eras", "new-era").en == "New era"
    assert cat.vocab["provinces"]["shanghai"].code == "310000"
    assert cat.vocab["eras"]["new-era"].end is None  # still going on


def test_an_unknown_vocabulary_id_is_labelled_with_itself(cat):
    assert cat.label("industries", "no-such-industry") == Text.of("no-such-industry")
    assert cat.label("no-such-vocabulary", "x") == Text.of("x")


def test_localized_text_keeps_chinese_first_and_english_when_given(cat):
    locomotive, truck = cat.artifacts["ceshi-zhengqi-jiche"], cat.artifacts["ceshi-kache"]
    assert (locomotive.title.zh, locomotive.title.en) == ("测试蒸汽机车", "Test steam locomotive")
    assert (truck.title.zh, truck.title.en) == ("测试卡车", None)  # a plain string is Chinese
    assert str(truck.title) == "测试卡车"
    assert [m.as_dict() for m in locomotive.materials] == [{"zh": "钢"}, {"zh": "铸铁", "en": "cast iron"}]
    assert cat.museums["ceshi-gongye-bowuguan"].label == Text.of("测试工业博物馆", "Test Industrial Museum")


def test_dates_keep_what_the_curator_wrote(cat):
    locomotive, truck, spinner = (cat.artifacts[i] for i in ("ceshi-zhengqi-jiche", "ceshi-kache", "ceshi-fangshaji"))
    assert locomotive.date == Date(1956, 1956, "1956") and str(locomotive.date) == "1956年"
    assert spinner.date.iso == "1921-05-01" and str(spinner.date) == "1921年5月1日"
    assert not truck.date.certain and (truck.date.start, truck.date.end) == (1980, 1989)
    assert str(truck.date) == "约1980年代"


def test_a_route_stop_may_be_written_as_just_its_reference(cat):
    route = cat.routes["ceshi-xianlu"]
    assert [stop.stop for stop in route.stops] == [STEELWORKS, MUSEUM]
    assert route.stops[0].note is None and route.stops[1].note == Text.of("参观蒸汽机车")


def test_images_are_checked_once_and_found_from_either_kind_of_path(cat):
    [(path, info)] = cat.images.items()  # four uses, one file
    assert (info.width, info.height, info.format) == (64, 48, "PNG")
    via_media = cat.image_src(cat.artifacts["ceshi-zhengqi-jiche"], cat.artifacts["ceshi-zhengqi-jiche"].images[0])
    via_relative = cat.image_src(cat.artifacts["ceshi-fangshaji"], cat.artifacts["ceshi-fangshaji"].images[0])
    assert via_media == via_relative == path


def test_the_summary_counts_every_kind_and_vocabulary(cat):
    line = summary(cat)
    assert ("OK: 2 museums, 3 artifacts, 1 exhibitions, 1 heritage sites, 1 routes, 1 people, 1 enterprises, "
            "1 courses, 7 vocabularies") in line
    assert "词表 7 个" in line


def test_records_are_typed(cat):
    assert all(isinstance(a, Artifact) for a in cat.artifacts.values())
    assert cat.museums["ceshi-gongye-bowuguan"].grade == "first"
    assert str(cat.museums["ceshi-gongye-bowuguan"].website) == "https://example.org/museum/"
    assert cat.heritage["ceshi-gangtiechang"].core_items == [Text.of("测试高炉"), Text.of("测试轧机")]


def test_the_catalogue_leaves_the_loaded_records_as_they_were_read(mini):
    # The preview keeps loaded records between builds: normalising one must not change what was read.
    from museum.catalogue.index import build_catalogue
    from museum.records.loader import load_collection

    loaded = load_collection(mini / "collections", mini)
    before = {r.source: r.model_dump_json() for records in loaded.records.values() for r in records}
    cat, problems = build_catalogue(loaded)
    assert problems == []
    assert cat.museums["ceshi-fangzhi-bowuguan"].province == "shanghai"  # normalised in the catalogue
    assert {r.source: r.model_dump_json() for records in loaded.records.values() for r in records} == before
    assert build_catalogue(loaded)[0].museums["ceshi-fangzhi-bowuguan"].province == "shanghai"  # and again
