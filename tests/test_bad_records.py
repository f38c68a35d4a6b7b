"""What a bad record gets (RECORDS.md): every problem in every file, at its line and column, in Chinese
and English, in one run.

``tests/fixtures/bad/collections`` holds one bad thing per file, next to the valid vocabularies and the
few valid records they refer to. ``tests/fixtures/bad/expected.txt`` is the golden list of problems,
exactly as ``python build.py --collections tests/fixtures/bad/collections check`` prints them (minus
the ``tests/fixtures/bad/`` prefix). Every line of it was checked by hand against its file: when the
checker's output changes, read the new lines before you accept them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from museum.catalogue.check import check_collection
from museum.records.loader import load_record
from museum.records.models import Artifact
from museum.records.problems import Problem

BAD = Path(__file__).resolve().parent / "fixtures" / "bad"
COLLECTIONS = BAD / "collections"
EXPECTED = BAD / "expected.txt"
LEDGER = "published-urls.txt"  # beside collections/, as problems show it (the root is tests/fixtures/bad)

# Each bad file under collections/, and what is wrong with it.
BAD_FILES = {
    # YAML syntax and what the safe loader refuses
    "artifacts/syntax-unclosed-bracket.yaml": "a flow list [ that is never closed",
    "artifacts/syntax-bad-indentation.yaml": "a key indented under a text value",
    "artifacts/syntax-tab-indentation.yaml": "a line indented with a tab",
    "artifacts/syntax-unclosed-quote.yaml": "a quote that is never closed",
    "artifacts/multiple-documents.yaml": "two YAML documents in one file",
    "artifacts/syntax-fullwidth-colon.yaml": "a full-width colon after a field name (a Chinese input method)",
    "artifacts/syntax-no-space-after-colon.yaml": "no space after a field's colon",
    "artifacts/duplicate-keys.yaml": "the same key twice",
    "artifacts/yaml-anchors.yaml": "an anchor and an alias",
    "artifacts/merge-key.yaml": "a merge key <<",
    "artifacts/unsupported-tag.yaml": "a !!binary tag",
    "artifacts/empty.yaml": "an empty file",
    "artifacts/only-comments.yaml": "nothing but comments",
    "artifacts/top-level-list.yaml": "a list at the top level",
    "artifacts/gbk-encoded.yaml": "GBK bytes, not UTF-8",
    # wrong types
    "artifacts/type-list-where-text.yaml": "a list where text is expected",
    "museums/type-text-where-list.yaml": "text where a list is expected",
    "heritage/type-mapping-where-number.yaml": "a mapping where a whole number is expected",
    # missing required fields, one per kind
    "museums/missing-required-city.yaml": "a museum without city",
    "artifacts/missing-required-date.yaml": "an artifact without date",
    "exhibitions/missing-required-summary.yaml": "an exhibition without summary",
    "heritage/missing-required-core-items.yaml": "a heritage site without core_items",
    "routes/missing-required-stops.yaml": "a route without stops",
    "people/missing-required-sources.yaml": "a person without sources",
    "enterprises/missing-required-founded.yaml": "an enterprise without founded",
    "courses/missing-required-objectives.yaml": "a course without objectives",
    "artifacts/image-without-alt.yaml": "an image without alt text",
    "artifacts/image-without-alt-and-missing.yaml": "an image without alt text whose file is missing: both said",
    "museums/wrong-grade-but-named.yaml": "a wrong grade in a museum an artifact names (not said to be missing)",
    "exhibitions/section-missing-text.yaml": "a section without text",
    # unknown fields
    "artifacts/unknown-field-typo.yaml": "a misspelt field (with a did-you-mean hint)",
    # ids
    "artifacts/dup-b/same-stem.yaml": "the same id as artifacts/dup-a/same-stem.yaml",
    "artifacts/id-differs-from-file-name.yaml": "an id: field that differs from the file name",
    "artifacts/Upper-Case-Name.yaml": "a file name with upper-case letters",
    "artifacts/under_score_name.yaml": "a file name with underscores",
    "artifacts/this-file-name-is-far-too-long-to-be-an-id-because-ids-stop-at-64-chars.yaml":
        "a file name longer than 64 characters",
    "artifacts/alias-collides-with-id.yaml": "an old id that is another record's id",
    "museums/repeats-an-alias.yaml": "an old id that another record already keeps",
    # references
    "artifacts/dangling-museum.yaml": "museum names no museum",
    "artifacts/dangling-related.yaml": "related names no artifact",
    "artifacts/refers-to-itself.yaml": "related names the record itself",
    "exhibitions/dangling-section-artifact.yaml": "a section's artifacts name no artifact",
    "routes/dangling-stop.yaml": "a stop names no heritage site",
    "routes/stop-of-wrong-kind.yaml": "a stop names an artifact",
    "routes/stop-without-kind.yaml": "a stop without its kind",
    "heritage/dangling-museums.yaml": "museums names no museum",
    "people/dangling-enterprise.yaml": "enterprises names no enterprise",
    "enterprises/dangling-person.yaml": "people names no person (beside one that exists)",
    "courses/dangling-use.yaml": "uses names no route (beside a museum that exists)",
    "courses/use-of-wrong-kind.yaml": "uses names an artifact",
    "courses/use-without-kind.yaml": "a use without its kind",
    # images
    "artifacts/image-missing.yaml": "an image file that does not exist",
    "artifacts/image-outside-relative.yaml": "an image path that climbs out of collections/",
    "artifacts/image-absolute-path.yaml": "an absolute image path",
    "artifacts/image-symlink-escape.yaml": "an image symlink that leads out of collections/",
    "artifacts/image-not-an-image.yaml": "a text file named .png",
    "artifacts/image-truncated.yaml": "a PNG cut off in its header",
    # vocabularies
    "artifacts/vocab-unknown-industry.yaml": "an unknown industry",
    "artifacts/vocab-unknown-era.yaml": "an unknown era",
    "museums/vocab-unknown-province.yaml": "an unknown province",
    "museums/vocab-unknown-type.yaml": "an unknown museum type and industry",
    "exhibitions/vocab-unknown-audience.yaml": "an unknown audience",
    "heritage/vocab-unknown-level.yaml": "an unknown heritage level",
    "heritage/listing-unknown-terms.yaml": "a listing at an unknown level and by an unknown issuer, and an unknown designation",
    "people/vocab-unknown-role.yaml": "an unknown person role",
    "enterprises/vocab-unknown-industry.yaml": "an unknown industry",
    "courses/vocab-unknown-audience.yaml": "an unknown audience",
    "vocab/colours.yaml": "a vocabulary that is not one of the nine",
    # localized text
    "artifacts/text-without-zh.yaml": "localized text without zh",
    "artifacts/text-bad-language-key.yaml": "localized text with a key that is not a language code",
    "artifacts/text-empty.yaml": "blank text",
    # dates
    "artifacts/date-impossible.yaml": "2023-13-45",
    "artifacts/date-start-after-end.yaml": "an uncertain date whose start is after its end",
    "artifacts/date-missing-display.yaml": "an uncertain date without display",
    "artifacts/date-outside-every-era.yaml": "a year in no era, and no era given",
    "artifacts/era-contradicts-date.yaml": "an era the date is not in",
    "people/date-impossible.yaml": "a birth date of 30 February",
    "enterprises/event-date-wrong.yaml": "an event dated in words no date reads, a name whose end date runs backwards",
    # values out of range, lists too short
    "exhibitions/no-sections.yaml": "an exhibition with no sections",
    "routes/one-stop.yaml": "a route with one stop",
    "museums/no-industries.yaml": "a museum with no industries",
    "museums/bad-coordinates.yaml": "a latitude of 123",
    "museums/bad-url.yaml": "a website that is not a web address",
    "museums/bad-grade.yaml": "a grade that is not first/second/third",
    # layout
    "artifacts/wrong-extension.yml": "a record file ending in .yml",
    "visitors/someone.yaml": "a record in a folder that is no kind (the folder is reported)",
}
# And beside the collection, its ledger of published URLs (tests/fixtures/bad/published-urls.txt): a URL no
# record answers to, a folder that is no kind, a line that is no URL (its lines for ok-artifact,
# ok-heritage and ok-museum are answered; the one for missing-required-date is left to that file's own
# problem). Its problems are in the golden file too.

# Files that must pass: the records the bad ones refer to, and valid records that look unusual.
VALID_FILES = {
    "museums/ok-museum.yaml": "referred to by the bad records",
    "artifacts/ok-artifact.yaml": "referred to by the bad records",
    "heritage/ok-heritage.yaml": "referred to by the bad records",
    "people/ok-person.yaml": "referred to by the bad records",
    "artifacts/dup-a/same-stem.yaml": "the first file with its id keeps it",
    "artifacts/with-bom.yaml": "a UTF-8 byte-order mark is harmless",
    "artifacts/crlf-line-endings.yaml": "Windows line endings are fine",
    "heritage/province-as-code.yaml": "a province given as its GB/T 2260 code",
    "artifacts/uses-extra-field.yaml": "free fields under extra:",
    "artifacts/names-a-museum-with-a-problem.yaml": "names a museum whose file has a problem: it is not told it is missing",
    **{f"vocab/{name}.yaml": "a valid vocabulary" for name in
       ("industries", "provinces", "eras", "museum-types", "audiences", "heritage-levels", "person-roles")},
}

# Images, not records: the records that use them get the problems.
MEDIA_FILES = {"media/ok.png", "media/not-an-image.png", "media/truncated.png", "media/escape.png"}


@pytest.fixture(scope="module")
def checked() -> tuple[object, list[Problem]]:
    return check_collection(COLLECTIONS, root=BAD)


@pytest.fixture(scope="module")
def printed(checked) -> list[str]:
    return [str(problem) for problem in checked[1]]


def expected_lines() -> list[str]:
    return EXPECTED.read_text(encoding="utf-8").splitlines()


def about(problem_path: str, file: str) -> bool:
    """Whether a problem concerns ``file``: it names the file itself, or a folder that holds it."""
    shown = f"collections/{file}"
    return shown == problem_path or shown.startswith(problem_path.rstrip("/") + "/")


def test_the_fixture_has_at_least_forty_bad_files():
    assert len(BAD_FILES) >= 40


def test_every_file_of_the_fixture_is_accounted_for():
    on_disk = {p.relative_to(COLLECTIONS).as_posix() for p in COLLECTIONS.rglob("*") if p.is_file() or p.is_symlink()}
    declared = set(BAD_FILES) | set(VALID_FILES) | MEDIA_FILES
    assert on_disk == declared, (f"not declared in this test: {sorted(on_disk - declared)}; "
                                 f"declared but missing: {sorted(declared - on_disk)}")


def test_check_reports_exactly_the_problems_in_the_golden_file(printed):
    expected = expected_lines()
    missing = [line for line in expected if line not in printed]
    unexpected = [line for line in printed if line not in expected]
    assert not missing and not unexpected, (
        "the checker's output differs from tests/fixtures/bad/expected.txt\n"
        + "".join(f"  no longer reported: {line}\n" for line in missing)
        + "".join(f"  newly reported:     {line}\n" for line in unexpected)
        + "Read every changed line against its file before you update the golden file.")
    assert printed == expected  # same order (sorted by file, line, column) and no line twice


def test_the_golden_file_is_what_the_command_prints(run_cli):
    result = run_cli("--collections", COLLECTIONS, "check")
    # The command shows paths relative to the project, so here they start with tests/fixtures/bad/.
    shown = BAD.relative_to(Path(__file__).resolve().parents[1]).as_posix() + "/"
    lines = [line.replace(shown + "collections/", "collections/").replace(shown + LEDGER, LEDGER)
             for line in result.stdout.splitlines()]
    assert result.returncode == 1
    assert lines == expected_lines()


@pytest.mark.parametrize("file", sorted(BAD_FILES), ids=lambda f: f.rsplit("/", 1)[-1])
def test_every_bad_file_gets_a_problem(file, checked):
    problems = [p for p in checked[1] if about(p.path, file)]
    assert problems, f"{file} ({BAD_FILES[file]}) got no problem"


@pytest.mark.parametrize("file", sorted(VALID_FILES), ids=lambda f: f.rsplit("/", 1)[-1])
def test_valid_files_get_no_problem(file, checked):
    problems = [str(p) for p in checked[1] if about(p.path, file)]
    assert problems == [], f"{file} ({VALID_FILES[file]}) is valid"


def test_every_problem_concerns_a_declared_bad_file(checked):
    strays = [str(p) for p in checked[1] if not any(about(p.path, f) for f in BAD_FILES) and p.path != LEDGER]
    assert strays == []


def test_the_ledger_beside_the_collection_gets_its_problems(checked):
    assert [(p.line, p.field) for p in checked[1] if p.path == LEDGER] == [
        (18, "exhibitions/old-id"), (20, "museum/ok-museum"), (22, "")]


def test_every_problem_points_inside_its_file(checked):
    for problem in checked[1]:
        target = BAD / problem.path
        assert problem.line >= 1 and problem.column >= 1, problem
        if target.is_file():
            lines = target.read_bytes().split(b"\n")
            assert problem.line <= len(lines), problem
            line = lines[problem.line - 1].decode("utf-8", "replace")
            assert problem.column <= len(line) + 1 or problem.line == 1 and problem.column == 1, problem


def test_every_problem_is_said_in_chinese_and_in_english(checked):
    for problem in checked[1]:
        assert problem.zh and problem.en and problem.zh != problem.en, problem
        assert any("\u4e00" <= ch <= "\u9fff" for ch in problem.zh), problem
        assert any(ch.isascii() and ch.isalpha() for ch in problem.en), problem


def test_an_unknown_field_gets_a_did_you_mean_hint(checked):
    [problem] = [p for p in checked[1] if p.field == "descripton"]
    assert "did you mean 'description'" in problem.en
    assert "是否想写“description”" in problem.zh


def test_the_duplicate_id_names_the_file_that_has_it_first(checked):
    [problem] = [p for p in checked[1] if p.path.endswith("dup-b/same-stem.yaml")]
    assert "collections/artifacts/dup-a/same-stem.yaml" in problem.en


def test_a_province_code_is_accepted_and_becomes_the_province_id(checked):
    cat = checked[0]
    assert cat.heritage["province-as-code"].province == "jilin"


def test_bad_records_stay_out_of_the_catalogue_and_good_ones_stay_in(checked):
    cat = checked[0]
    for kept in ("ok-artifact", "with-bom", "crlf-line-endings", "uses-extra-field", "same-stem"):
        assert kept in cat.artifacts
    for dropped in ("missing-required-date", "syntax-unclosed-quote", "id-differs-from-file-name", "another-id",
                    "Upper-Case-Name", "gbk-encoded", "text-without-zh"):
        assert dropped not in cat.artifacts
    assert cat.artifacts["same-stem"].source == "collections/artifacts/dup-a/same-stem.yaml"
    assert cat.artifacts["uses-extra-field"].extra == {"colour": "红色", "notes": ["任何内容"]}


def test_a_problem_is_one_line_in_the_documented_format():
    problem = Problem("collections/artifacts/x.yaml", 3, 9, "museum", "中文", "English")
    assert str(problem) == "collections/artifacts/x.yaml:3:9: museum: 中文 / English"
    assert str(Problem("collections/artifacts/x.yaml", 1, 1, "", "中文", "English")).startswith(
        "collections/artifacts/x.yaml:1:1: -: ")


# --- found while writing these tests: bugs in plugins/museum, kept visible until they are fixed --------
_ARTIFACT = """\
title: 测试藏品
museum: ceshi-gongye-bowuguan
industry: steel
date: 1956
description: 测试。
"""


def _check_with(mini_copy: Path, text: str, name: str = "probe") -> list[Problem]:
    (mini_copy / "artifacts" / f"{name}.yaml").write_text(_ARTIFACT + text, encoding="utf-8")
    _, problems = check_collection(mini_copy, root=mini_copy.parent)
    return problems


def test_an_unknown_field_left_empty_is_still_called_unknown(mini_copy):
    [problem] = _check_with(mini_copy, "inventory_numbr:\n")
    assert problem.field == "inventory_numbr"
    assert problem.en.startswith("unknown field")
    assert "did you mean 'inventory_number'" in problem.en


def test_an_id_with_a_trailing_newline_is_refused(mini_copy):
    problems = _check_with(mini_copy, 'aliases: ["old-id\\n"]\n')
    assert [p.field for p in problems] == ["aliases.0"]


def test_an_image_path_with_a_nul_byte_is_a_problem_not_a_crash(mini_copy):
    problems = _check_with(mini_copy, 'images:\n  - {src: "media/a\\0.png", alt: 图, credit: 测试, license: CC0}\n')
    assert [p.field for p in problems] == ["images.0.src"]


def test_an_image_cut_short_after_its_header_is_unreadable(mini_copy):
    png = (mini_copy / "media" / "ceshi-tu.png").read_bytes()
    (mini_copy / "media" / "cut.png").write_bytes(png[:-12])
    problems = _check_with(mini_copy, "images:\n  - {src: media/cut.png, alt: 图, credit: 测试, license: CC0}\n")
    assert [p.field for p in problems] == ["images.0.src"]


def test_load_record_reports_a_bad_file_and_returns_only_what_is_valid_of_it(tmp_path):
    folder = tmp_path / "collections" / "artifacts"
    folder.mkdir(parents=True)
    shutil.copy(COLLECTIONS / "artifacts" / "missing-required-date.yaml", folder)
    problems: list[Problem] = []
    record = load_record(Artifact, folder / "missing-required-date.yaml", tmp_path, problems)
    assert record is not None and record.broken  # checked further (records/salvage.py), never published
    assert record.date is None and str(record.title) == "测试藏品"
    assert [p.field for p in problems] == ["date"]
    assert problems[0].path == "collections/artifacts/missing-required-date.yaml"


def test_a_record_file_that_is_a_symlink_out_of_collections_is_refused(mini_copy):
    outside = mini_copy.parent / "outside.yaml"
    outside.write_text(_ARTIFACT, encoding="utf-8")
    (mini_copy / "artifacts" / "linked.yaml").symlink_to(outside)
    cat, problems = check_collection(mini_copy, root=mini_copy.parent)
    assert "linked" not in cat.artifacts
    assert [p.path for p in problems] == ["collections/artifacts/linked.yaml"]
