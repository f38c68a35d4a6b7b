"""The dates registrars write (records/dates.py): kept as written, read as the years they mean, and an
era for every one of them, the years before 1840 included (issue "The graded heritage system", item 7)."""

from __future__ import annotations

import shutil

import pytest

from museum.catalogue.check import check_collection
from museum.records.fields import Date


@pytest.mark.parametrize("written, start, end, english", [
    ("1958年", 1958, 1958, "1958"),
    ("1958年7月13日", 1958, 1958, "13 July 1958"),
    ("c.1821", 1816, 1826, "c. 1821"),
    ("ca. 1821", 1816, 1826, "c. 1821"),
    ("约1821年", 1816, 1826, "c. 1821"),
    ("1821年前后", 1816, 1826, "c. 1821"),
    ("1796–7", 1796, 1797, "1796–1797"),
    ("1796-97", 1796, 1797, "1796–1797"),
    ("1796至1797年", 1796, 1797, "1796–1797"),
    ("1950年代", 1950, 1959, "1950s"),
    ("1950s", 1950, 1959, "1950s"),
    ("19世纪", 1800, 1899, "19th century"),
    ("19世纪50年代", 1850, 1859, "1850s"),
])
def test_a_written_date_keeps_its_text_and_gives_its_years(written, start, end, english):
    date = Date.validate(written)
    assert (date.start, date.end, date.english) == (start, end, english)
    assert str(date) == written  # shown as the curator wrote it


def test_an_exact_date_written_in_chinese_is_a_certain_date():
    assert Date.validate("1958年7月13日").iso == "1958-07-13"
    assert Date.validate("1958年").as_json() == 1958


@pytest.mark.parametrize("written", ["清代", "1797-1796", "明朝中期", "1958年2月30日"])
def test_a_form_still_refused_says_what_to_write_instead(written):
    with pytest.raises(Exception) as refused:
        Date.validate(written)
    said = str(refused.value)
    assert written in said and ("c.1821" in said or "does not exist" in said)


def test_an_uncertain_date_round_trips_as_data():
    date = Date.validate("约1821年")
    assert Date.validate(date.as_json()) == date


def test_an_object_from_before_1840_gets_an_era(root, tmp_path):
    coll = tmp_path / "collections"
    shutil.copytree(root / "collections" / "vocab", coll / "vocab")
    (coll / "museums").mkdir()
    (coll / "artifacts").mkdir()
    (coll / "museums" / "m.yaml").write_text("name: 测试馆\ntype: industry\nindustries: [ceramics]\nprovince: jiangxi\n"
                                             "city: 景德镇市\n", encoding="utf-8")
    (coll / "artifacts" / "bowl.yaml").write_text("title: 青花碗\nmuseum: m\nindustry: ceramics\ndate: 约1821年\n"
                                                  "description: 测试。\n", encoding="utf-8")
    cat, problems = check_collection(coll, root=tmp_path)
    assert problems == []
    assert cat.era_of["bowl"] == "before-1840"
