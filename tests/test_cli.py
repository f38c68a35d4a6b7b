"""The command line as curators and CI use it: ``python build.py check`` and ``python build.py new``."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from museum import cli
from museum.records.models import KINDS
from museum.records.problems import Problem

ANNOTATION = re.compile(r"^::error file=[^,]+,line=\d+,col=\d+::\S.* / .+$")
KIND_REQUIRED = {
    "museum": {"name", "type", "industries", "province", "city"},
    "artifact": {"title", "museum", "industry", "date", "description"},
    "exhibition": {"title", "summary", "sections.0.title", "sections.0.text"},
    "heritage": {"name", "level", "province", "core_items"},
    "route": {"title", "stops.0.stop", "stops.1.stop"},
    "person": {"name", "roles", "sources.0.title"},
    "enterprise": {"name", "industry", "founded", "sources.0.title"},
    "course": {"title", "audience", "objectives", "uses"},
}


def expected_problem_count(bad: Path) -> int:
    return len((bad / "expected.txt").read_text(encoding="utf-8").splitlines())


def no_traceback(result) -> None:
    assert "Traceback" not in result.stdout and "Traceback" not in result.stderr, result.stderr


# --- check ------------------------------------------------------------------------------------------
def test_check_passes_a_valid_collection_with_one_summary_line(run_cli, mini):
    result = run_cli("--collections", mini / "collections", "check")
    assert result.returncode == 0, result.stdout + result.stderr
    [line] = result.stdout.splitlines()
    assert line.startswith("检查通过：")
    for count in ("2 museums", "3 artifacts", "1 exhibitions", "1 heritage sites", "1 routes", "1 people", "1 enterprises", "1 courses",
                  "7 vocabularies"):
        assert count in line
    assert "博物馆 2" in line and "藏品 3" in line
    assert result.stderr == ""


def test_check_fails_a_bad_collection_with_every_problem_and_no_traceback(run_cli, bad):
    result = run_cli("--collections", bad / "collections", "check")
    assert result.returncode == 1
    no_traceback(result)
    lines = result.stdout.splitlines()
    assert len(lines) == expected_problem_count(bad)
    # (every record's problem, and those of the ledger of published URLs beside the collection)
    assert all(line.startswith(("tests/fixtures/bad/collections/", "tests/fixtures/bad/published-urls.txt"))
               for line in lines)
    files = len({line.split(":", 1)[0] for line in lines})
    assert f"{len(lines)} problem(s) in {files} file(s)" in result.stderr
    assert f"发现 {len(lines)} 个问题" in result.stderr


def test_check_can_print_problems_as_json(run_cli, bad):
    result = run_cli("--collections", bad / "collections", "check", "--format", "json")
    assert result.returncode == 1
    problems = json.loads(result.stdout)
    assert isinstance(problems, list) and len(problems) == expected_problem_count(bad)
    for item in problems:
        assert set(item) == {"path", "line", "column", "field", "zh", "en"}
        assert isinstance(item["line"], int) and isinstance(item["column"], int)
        assert item["path"].startswith(("tests/fixtures/bad/collections/", "tests/fixtures/bad/published-urls.txt"))
    assert problems == sorted(problems, key=lambda p: (p["path"], p["line"], p["column"], p["field"]))


def test_check_prints_an_empty_json_list_for_a_valid_collection(run_cli, mini):
    result = run_cli("--collections", mini / "collections", "check", "--format", "json")
    assert result.returncode == 0
    assert json.loads(result.stdout) == []


def test_check_adds_github_annotations_on_github_actions(run_cli, bad):
    result = run_cli("--collections", bad / "collections", "check", env={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    plain = [line for line in result.stdout.splitlines() if not line.startswith("::")]
    assert len(annotations) == len(plain) == expected_problem_count(bad)
    for line in annotations:
        assert ANNOTATION.match(line), line
    assert ("::error file=tests/fixtures/bad/collections/artifacts/dangling-museum.yaml,line=3,col=9::museum: "
            in result.stdout)


def test_check_adds_no_annotations_elsewhere(run_cli, bad):
    result = run_cli("--collections", bad / "collections", "check")
    assert "::error" not in result.stdout


def test_check_path_reports_only_that_file(run_cli, bad):
    target = bad / "collections" / "artifacts" / "dangling-museum.yaml"
    result = run_cli("--collections", bad / "collections", "check", target)
    assert result.returncode == 1
    [line] = result.stdout.splitlines()
    assert line.startswith("tests/fixtures/bad/collections/artifacts/dangling-museum.yaml:3:9: museum: ")


def test_check_path_may_name_a_folder(run_cli, bad):
    result = run_cli("--collections", bad / "collections", "check", bad / "collections" / "routes")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 5
    assert all(line.startswith("tests/fixtures/bad/collections/routes/") for line in lines)


def test_check_path_accepts_a_path_relative_to_the_working_folder(run_cli, bad):
    result = run_cli("--collections", bad / "collections", "check", "collections/routes/one-stop.yaml", cwd=bad)
    assert result.returncode == 1
    assert result.stdout.startswith("tests/fixtures/bad/collections/routes/one-stop.yaml:4:3: stops: ")


def test_check_path_passes_a_good_file_in_a_bad_collection(run_cli, bad):
    result = run_cli("--collections", bad / "collections", "check", bad / "collections" / "museums" / "ok-museum.yaml")
    assert result.returncode == 0
    assert result.stdout.startswith("检查通过")


def test_check_reports_a_missing_collections_folder(run_cli, tmp_path):
    result = run_cli("--collections", tmp_path / "nowhere", "check")
    assert result.returncode == 1
    no_traceback(result)
    assert "the collections folder does not exist" in result.stdout


def test_an_unexpected_failure_is_an_internal_error_without_traceback(monkeypatch, capsys, mini):
    import museum.catalogue.check

    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.delenv("MUSEUM_DEBUG", raising=False)
    monkeypatch.setattr(museum.catalogue.check, "check_collection", explode)
    assert cli.main(["--collections", str(mini / "collections"), "check"]) == 2
    err = capsys.readouterr().err
    assert "内部错误" in err and "internal error" in err and "MUSEUM_DEBUG=1" in err
    assert "Traceback" not in err


def test_a_github_annotation_escapes_newlines_and_percent_signs():
    problem = Problem("collections/artifacts/x.yaml", 2, 3, "title", "第一行\n第二行 100%", "line one\r\nline two")
    line = problem.github_annotation()
    assert "\n" not in line and "\r" not in line
    assert line == ("::error file=collections/artifacts/x.yaml,line=2,col=3::title: 第一行%0A第二行 100%25 / "
                    "line one%0D%0Aline two")


def test_a_github_annotation_escapes_commas_and_colons_in_the_file_name():
    line = Problem("collections/artifacts/a,b:c.yaml", 1, 1, "id", "中文", "English").github_annotation()
    assert line.startswith("::error file=collections/artifacts/a%2Cb%3Ac.yaml,line=1,col=1::")


# --- new --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", list(KINDS))
def test_new_writes_a_template_that_check_then_asks_to_fill_in(run_cli, mini_copy, kind):
    folder = KINDS[kind].folder
    result = run_cli("--collections", mini_copy, "new", kind, f"new-{kind}")
    assert result.returncode == 0, result.stderr
    written = mini_copy / folder / f"new-{kind}.yaml"
    assert written.is_file()
    assert f"created: {written.as_posix()}" in result.stdout

    check = run_cli("--collections", mini_copy, "check", "--format", "json")
    assert check.returncode == 1
    problems = json.loads(check.stdout)
    assert {p["path"] for p in problems} == {written.as_posix()}  # only the new file, and not a syntax error
    assert {p["field"] for p in problems} == KIND_REQUIRED[kind]
    for p in problems:
        assert "empty" in p["en"] or "at least" in p["en"], p


def test_new_artifact_names_each_required_field_as_empty(run_cli, mini_copy):
    run_cli("--collections", mini_copy, "new", "artifact", "some-id")
    result = run_cli("--collections", mini_copy, "check")
    lines = result.stdout.splitlines()
    assert result.returncode == 1
    for field in ("title", "museum", "industry", "date", "description"):
        assert any(f": {field}: " in line and "empty" in line for line in lines), field


def test_new_refuses_an_existing_id(run_cli, mini_copy, digest):
    before = digest(mini_copy)
    result = run_cli("--collections", mini_copy, "new", "artifact", "ceshi-kache")
    assert result.returncode == 1
    assert "已被" in result.stderr and "already used by" in result.stderr and "ceshi-kache.yaml" in result.stderr
    assert digest(mini_copy) == before


def test_new_refuses_an_id_used_in_a_sub_folder(run_cli, mini_copy, digest):
    before = digest(mini_copy)
    result = run_cli("--collections", mini_copy, "new", "artifact", "ceshi-fangshaji")
    assert result.returncode == 1
    assert "artifacts/ceshi-fangzhi-bowuguan/ceshi-fangshaji.yaml" in result.stderr
    assert digest(mini_copy) == before


@pytest.mark.parametrize("kind, alias, owner", [
    ("artifact", "ceshi-jiu-kache", "ceshi-kache.yaml"),
    ("museum", "ceshi-bowuguan", "ceshi-gongye-bowuguan.yaml"),
])
def test_new_refuses_an_old_id_so_that_an_old_url_is_never_reused(run_cli, mini_copy, digest, kind, alias, owner):
    before = digest(mini_copy)
    result = run_cli("--collections", mini_copy, "new", kind, alias)
    assert result.returncode == 1
    assert "已被" in result.stderr and "already used by" in result.stderr and owner in result.stderr
    assert digest(mini_copy) == before


@pytest.mark.parametrize("bad_id", ["Bad_Id", "has space", "-leading", "trailing-", "double--hyphen", "中文",
                                    "a" * 65])
def test_new_refuses_an_invalid_id_in_both_languages(run_cli, mini_copy, digest, bad_id):
    before = digest(mini_copy)
    result = run_cli("--collections", mini_copy, "new", "artifact", "--", bad_id)  # "--": "-leading" is no option
    assert result.returncode == 1
    no_traceback(result)
    assert "不合规" in result.stderr and "is invalid" in result.stderr
    assert digest(mini_copy) == before


def test_new_allows_an_id_that_another_kind_uses(run_cli, mini_copy):
    result = run_cli("--collections", mini_copy, "new", "heritage", "ceshi-kache")
    assert result.returncode == 0
    assert (mini_copy / "heritage" / "ceshi-kache.yaml").is_file()


# --- nothing under collections/ changes -------------------------------------------------------------
@pytest.mark.parametrize("args", [["check"], ["check", "--format", "json"], ["check", "artifacts"]],
                         ids=["text", "json", "filtered"])
@pytest.mark.parametrize("fixture", ["mini", "bad"])
def test_check_changes_nothing_under_collections(run_cli, digest, request, fixture, args):
    collections = request.getfixturevalue(fixture) / "collections"
    before = digest(collections)
    run_cli("--collections", collections, *args, env={"GITHUB_ACTIONS": "true"})
    assert digest(collections) == before


def test_the_fixtures_hold_what_their_tests_expect(digest, mini, bad):
    """The symlink that escapes collections/ is really there (git keeps symlinks; a copy might not)."""
    assert (bad / "collections" / "media" / "escape.png").is_symlink()
    assert digest(mini / "collections")["media/ceshi-tu.png"] != "folder"
