"""The mistakes curators make, each said in their words, where it is (issue "Curators and teachers").

Every case here was seen when curators wrote records by hand: a full-width colon from a Chinese input
method, a tab, a quote left open; a vocabulary written as its Chinese name; an era the date is not in;
one wrong field hiding the record's other problems and making every record that names it "missing".
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from museum.catalogue.check import check_collection
from museum.records.yamlsource import parse_document

ROOT = Path(__file__).resolve().parents[1]
ASCII_WORDS = re.compile(r"[A-Za-z]{4,}")  # English words inside a Chinese message (ids and field names aside)
PYYAML = ("mapping values", "could not find", "while scanning", "while parsing", "expected <block end>")


def problem_of(text: str):
    doc = parse_document(text.encode("utf-8"), "collections/artifacts/a.yaml")
    assert doc.data is None and len(doc.problems) == 1, doc.problems
    return doc.problems[0]


def assert_plain(problem) -> None:
    """Neither half of the message is PyYAML's own words."""
    assert not any(words in problem.zh or words in problem.en for words in PYYAML), problem


def test_a_full_width_colon_is_named_on_its_own_line():
    problem = problem_of("title：解放牌汽车\nmuseum: china-industrial-museum\nindustry: automobile\n")
    assert (problem.line, problem.column, problem.field) == (1, 6, "title")
    assert "全角冒号“：”" in problem.zh and "title: " in problem.zh and "full-width colon" in problem.en
    assert_plain(problem)


def test_a_full_width_colon_in_the_middle_of_a_record():
    problem = problem_of("title: 解放牌汽车\nmuseum：china-industrial-museum\nindustry: automobile\ndate: 1956\n")
    assert (problem.line, problem.field) == (2, "museum")


def test_a_tab_is_named_where_it_is():
    problem = problem_of("title: 解放\nmaterials:\n\t- 钢\n")
    assert (problem.line, problem.column) == (3, 1)
    assert "制表符（Tab）" in problem.zh and "tab" in problem.en
    assert_plain(problem)


def test_a_quote_left_open_is_shown_where_it_opens():
    problem = problem_of('title: 解放\ndescription: "第一辆\n  国产汽车。\ndate: 1956\n')
    assert (problem.line, problem.column) == (2, 14)
    assert "引号" in problem.zh and "never closed" in problem.en
    assert_plain(problem)


def test_a_missing_space_after_a_colon():
    problem = problem_of("title: 解放\nindustry:automobile\ndate: 1956\n")
    assert (problem.line, problem.field) == (2, "industry")
    assert "缺少空格" in problem.zh


def test_a_colon_inside_text_suggests_quotes():
    problem = problem_of("title: 解放\ndescription: 时间: 1956年\n")
    assert problem.line == 2 and "引号" in problem.zh and "quotes" in problem.en
    assert_plain(problem)


# --- on a copy of the sample collection ----------------------------------------------------------
@pytest.fixture
def collection(tmp_path: Path) -> Path:
    coll = tmp_path / "collections"
    shutil.copytree(ROOT / "collections", coll, ignore=shutil.ignore_patterns("media"))
    shutil.copytree(ROOT / "collections" / "media", coll / "media")
    return coll


def write(coll: Path, path: str, text: str) -> None:
    (coll / path).write_text(text, encoding="utf-8")


ARTIFACT = """title: 测试藏品
museum: daqing-oilfield-history-exhibition-hall
industry: {industry}
date: {date}
description: 测试。
"""


def problems_of(coll: Path) -> list[str]:
    return [str(p) for p in check_collection(coll, root=coll.parent)[1]]


def test_a_vocabulary_label_is_taken_for_its_id(collection):
    write(collection, "artifacts/label-probe.yaml", ARTIFACT.format(industry="石油", date=1960))
    cat, problems = check_collection(collection, root=collection.parent)
    assert not problems
    assert cat.artifacts["label-probe"].industry == "petroleum"


def test_a_near_miss_gets_a_did_you_mean_and_a_short_vocabulary_is_listed(collection):
    write(collection, "artifacts/near-miss.yaml", ARTIFACT.format(industry="petrolium", date=1960))
    write(collection, "artifacts/era-probe.yaml", ARTIFACT.format(industry="petroleum", date=1960) + "era: tang\n")
    found = problems_of(collection)
    near = next(p for p in found if "near-miss.yaml" in p)
    assert "是否想写 petroleum（石油）" in near and "did you mean petroleum (Petroleum)" in near
    era = next(p for p in found if "era-probe.yaml" in p)
    assert "可选：" in era and "republic（" in era and "choose one of:" in era


def test_an_era_the_date_is_not_in_is_an_error(collection):
    write(collection, "artifacts/era-probe.yaml", ARTIFACT.format(industry="petroleum", date=1960) + "era: republic\n")
    [problem] = [p for p in problems_of(collection) if "era-probe.yaml" in p]
    assert ":6:6: era: " in problem and "1960" in problem and "does not match the date" in problem


def test_one_wrong_field_hides_no_other_problem_and_no_one_is_told_the_record_is_missing(collection):
    museum = (collection / "museums" / "daqing-oilfield-history-exhibition-hall.yaml").read_text(encoding="utf-8")
    write(collection, "museums/daqing-oilfield-history-exhibition-hall.yaml", museum + "grade: fifth\n")
    write(collection, "artifacts/broken.yaml", ARTIFACT.format(industry="petroleum", date="19x0")
          + "images:\n  - src: media/no-such-picture.png\n    credit: 测试\n    license: CC0 1.0\n"
          + "related: [no-such-artifact]\n")
    found = problems_of(collection)
    assert not any("引用的记录不存在" in p and "daqing-oilfield-history-exhibition-hall" in p for p in found)
    broken = [p for p in found if "artifacts/broken.yaml" in p]
    assert any(": date: " in p for p in broken)  # the wrong field itself
    assert any(": images.0.alt: " in p for p in broken)  # the image's missing alt …
    assert any(": images.0.src: " in p and "no-such-picture.png" in p for p in broken)  # … and its missing file
    assert any(": related.0: " in p and "no-such-artifact" in p for p in broken)  # and a dangling reference


def test_a_record_named_where_its_id_belongs_gets_the_id_to_write(collection):
    text = ARTIFACT.format(industry="petroleum", date=1960).replace(
        "museum: daqing-oilfield-history-exhibition-hall", "museum: 大庆油田历史陈列馆")
    write(collection, "artifacts/name-probe.yaml", text)
    [problem] = [p for p in problems_of(collection) if "name-probe.yaml" in p]
    assert ":2:9: museum: " in problem
    assert "请写它的编号：daqing-oilfield-history-exhibition-hall" in problem
    assert "write its id: daqing-oilfield-history-exhibition-hall" in problem
