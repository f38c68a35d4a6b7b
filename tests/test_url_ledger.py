"""Links that never break: the ledger of published URLs, ``published-urls.txt`` beside ``collections/``.

``build`` writes into it every record URL it has published and never takes one out; ``check`` fails
when a line names an id that no record has any more, neither as its id nor in its ``aliases``. A record
withdrawn on purpose has its line deleted by hand, in the same pull request. The mini fixture has its
ledger committed, as the sample museum has; a collection without one has promised nothing yet.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from museum.catalogue.check import check_collection
from museum.catalogue.ledger import HEADER, ledger_file, ledger_text, read_ledger, unrecorded

ROOT = Path(__file__).resolve().parents[1]
EXHIBITION = "exhibitions/ceshi-zhanlan"


def ledger_lines(collections: Path) -> list[str]:
    return [line for line in ledger_file(collections).read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]


def line_number(collections: Path, url: str) -> int:
    return ledger_file(collections).read_text(encoding="utf-8").splitlines().index(url) + 1


def rename_exhibition(collections: Path, *, keep_old_id: bool) -> Path:
    """Give the mini exhibition a new id (its file name), with or without the old one in aliases."""
    old = collections / "exhibitions" / "ceshi-zhanlan.yaml"
    new = old.with_name("ceshi-xin-zhanlan.yaml")
    text = old.read_text(encoding="utf-8")
    new.write_text(("aliases: [ceshi-zhanlan]\n" if keep_old_id else "") + text, encoding="utf-8")
    old.unlink()
    return new


def build(run_cli, collections: Path, site: Path):
    result = run_cli("--collections", collections, "build", "--no-search", "--site-dir", site)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return result


# --- check ------------------------------------------------------------------------------------------
def test_a_renamed_record_without_its_old_id_breaks_a_published_url_and_check_says_how_to_fix_it(run_cli, mini_copy):
    number = line_number(mini_copy, EXHIBITION)
    rename_exhibition(mini_copy, keep_old_id=False)
    result = run_cli("--collections", mini_copy, "check")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{ledger_file(mini_copy).as_posix()}:{number}:1: {EXHIBITION}: "
        f"已发布的网址 {EXHIBITION}/ 将失效：没有记录使用编号“ceshi-zhanlan”。如果记录改了名，请在新记录中加上 "
        f"aliases: [ceshi-zhanlan]；如果确实要撤下这条记录，请删除这一行，并在拉取请求中说明原因 / "
        f"the published URL {EXHIBITION}/ would break: no record has the id 'ceshi-zhanlan'. If the record was "
        f"renamed, add aliases: [ceshi-zhanlan] to it; if it is withdrawn on purpose, delete this line and say why "
        f"in the pull request"]


def test_the_broken_url_is_an_annotation_on_the_ledgers_line_in_a_pull_request(run_cli, mini_copy):
    number = line_number(mini_copy, EXHIBITION)
    (mini_copy / "exhibitions" / "ceshi-zhanlan.yaml").unlink()
    result = run_cli("--collections", mini_copy, "check", env={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    assert f"::error file={ledger_file(mini_copy).as_posix().replace(':', '%3A')},line={number},col=1::" in result.stdout


def test_a_renamed_record_that_keeps_its_old_id_in_aliases_passes(run_cli, mini_copy):
    rename_exhibition(mini_copy, keep_old_id=True)
    result = run_cli("--collections", mini_copy, "check")
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("检查通过")


def test_a_record_withdrawn_on_purpose_goes_with_its_ledger_line(mini_copy):
    (mini_copy / "exhibitions" / "ceshi-zhanlan.yaml").unlink()
    assert check_collection(mini_copy, mini_copy.parent)[1]
    ledger = ledger_file(mini_copy)
    ledger.write_text(ledger.read_text(encoding="utf-8").replace(f"{EXHIBITION}\n", ""), encoding="utf-8")
    assert check_collection(mini_copy, mini_copy.parent)[1] == []


def test_a_collection_without_a_ledger_has_promised_nothing_yet(run_cli, mini_copy):
    ledger_file(mini_copy).unlink()
    (mini_copy / "exhibitions" / "ceshi-zhanlan.yaml").unlink()
    result = run_cli("--collections", mini_copy, "check")
    assert result.returncode == 0, result.stdout
    assert result.stderr == ""


def test_a_record_whose_file_has_problems_gets_those_not_a_broken_url_as_well(mini_copy):
    record = mini_copy / "exhibitions" / "ceshi-zhanlan.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("summary:", "summery:"), encoding="utf-8")
    problems = check_collection(mini_copy, mini_copy.parent)[1]
    assert problems and all(p.path.endswith("exhibitions/ceshi-zhanlan.yaml") for p in problems), problems


def test_a_line_that_is_no_url_and_a_folder_that_is_no_kind_are_said_where_they_are(mini_copy):
    ledger = ledger_file(mini_copy)
    ledger.write_text(ledger.read_text(encoding="utf-8") + "  Jiefang Truck\nexhibition/ceshi-zhanlan\n",
                      encoding="utf-8")
    lines = ledger.read_text(encoding="utf-8").splitlines()
    shown = "published-urls.txt"  # (the root is the collection's parent here)
    problems = [(p.path, p.line, p.column, p.field, p.en) for p in check_collection(mini_copy, mini_copy.parent)[1]]
    assert problems == [
        (shown, len(lines) - 1, 3, "", "'Jiefang Truck' is not a published URL: write <folder>/<id>, "
                                       "e.g. artifacts/jiefang-ca10-truck; lines starting with # are comments"),
        (shown, len(lines), 1, "exhibition/ceshi-zhanlan", "there is no kind of record 'exhibition' (expected one of "
                                                           "museums, artifacts, exhibitions, heritage, routes, "
                                                           "people, enterprises, courses)"),
    ]


def test_a_ledger_saved_in_another_encoding_is_said_where_and_promises_nothing_else(mini_copy):
    ledger = ledger_file(mini_copy)
    ledger.write_bytes(ledger.read_bytes() + "artifacts/测试\n".encode("gbk"))
    (mini_copy / "exhibitions" / "ceshi-zhanlan.yaml").unlink()
    lines = ledger.read_bytes().count(b"\n")
    assert [(p.line, p.column, p.en) for p in check_collection(mini_copy, mini_copy.parent)[1]] == [
        (lines, 11, "the file is not UTF-8; save it as UTF-8")]


def test_a_new_record_is_no_problem_but_check_asks_for_its_ledger_line(run_cli, mini_copy):
    rename_exhibition(mini_copy, keep_old_id=True)
    result = run_cli("--collections", mini_copy, "check", env={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 0
    assert "1 new URL(s) not yet in" in result.stderr and "exhibitions/ceshi-xin-zhanlan" in result.stderr
    assert "个新网址尚未写入" in result.stderr
    assert f"::warning file={ledger_file(mini_copy).as_posix().replace(':', '%3A')}::" in result.stdout
    assert json.loads(run_cli("--collections", mini_copy, "check", "--format", "json").stdout) == []


# --- build ------------------------------------------------------------------------------------------
def test_build_adds_the_urls_it_publishes_and_keeps_every_line(run_cli, mini_copy, tmp_path):
    before = ledger_lines(mini_copy)
    rename_exhibition(mini_copy, keep_old_id=True)
    result = build(run_cli, mini_copy, tmp_path / "site")
    after = ledger_lines(mini_copy)
    assert set(after) == set(before) | {"exhibitions/ceshi-xin-zhanlan"}
    assert after == sorted(after)
    assert "1 new URL(s) written to" in result.stdout
    assert check_collection(mini_copy, mini_copy.parent)[1] == []


def test_each_line_of_the_ledger_is_a_page_in_every_language(run_cli, mini_copy, tmp_path):
    site = tmp_path / "site"
    build(run_cli, mini_copy, site)
    for url in ledger_lines(mini_copy):
        for lang in ("", "en/"):
            assert (site / f"{lang}{url}" / "index.html").is_file(), f"{lang}{url}/"


def test_a_new_museum_gets_its_ledger_from_its_first_build_and_the_same_bytes_from_the_next(run_cli, mini_copy,
                                                                                               tmp_path):
    ledger = ledger_file(mini_copy)
    committed = ledger.read_bytes()
    ledger.unlink()
    build(run_cli, mini_copy, tmp_path / "site")
    assert ledger.read_bytes() == committed
    assert ledger.read_text(encoding="utf-8").startswith(HEADER)
    stamp = ledger.stat().st_mtime_ns
    second = build(run_cli, mini_copy, tmp_path / "site")
    assert ledger.read_bytes() == committed and ledger.stat().st_mtime_ns == stamp
    assert "new URL" not in second.stdout


def test_the_sample_museums_ledger_holds_every_url_so_a_build_in_ci_has_nothing_to_commit():
    assert ledger_file(ROOT / "collections").is_file()
    cat, problems = check_collection(ROOT / "collections", ROOT)
    assert problems == []
    assert unrecorded(cat) == [], ("new records without their line in published-urls.txt: run "
                                   "python build.py build (or add the lines) and commit the file with them")


@pytest.mark.parametrize("collections", [ROOT / "collections", ROOT / "tests" / "fixtures" / "mini" / "collections"],
                         ids=["sample", "mini"])
def test_the_committed_ledgers_are_as_build_writes_them(collections):
    ledger = read_ledger(collections, ROOT)
    assert ledger_file(collections).read_text(encoding="utf-8") == ledger_text(set(ledger.lines))
