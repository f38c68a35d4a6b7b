"""``python build.py check --summary``: many problems at a glance, after the list.

Problems are grouped by kind of record and by message, the message's specifics (ids, values, files,
numbers) taken out, so that a spreadsheet import with 300 unknown industries reads as one line with its
count and a few places. On GitHub Actions the same summary goes, as Markdown, into the file that
GITHUB_STEP_SUMMARY names, which GitHub shows on the workflow run.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from museum.catalogue.overview import pattern

UNKNOWN_INDUSTRY = ("词表 industries 中没有“…”；可选：steel（钢铁）、automobile（汽车）、textile（纺织）、railway（铁路）、shipbuilding（船舶） / "
                    "'…' is not in the industries vocabulary; choose one of: steel (Iron and steel), automobile (Automobiles), textile (Textiles), railway (Railways), shipbuilding (Shipbuilding)")


def add_artifacts(collections: Path, n: int, name: str = "probe", **fields: object) -> list[Path]:
    """``n`` artifacts of the mini museum, each with ``fields`` (a value may use {i}); industry is on line 3."""
    written = []
    for i in range(n):
        values = {"title": f"测试藏品{i}", "museum": "ceshi-gongye-bowuguan", "industry": "steel", "date": 1956,
                  "description": "测试。", **{k: str(v).format(i=i) for k, v in fields.items()}}
        path = collections / "artifacts" / f"zz-{name}-{i:02d}.yaml"
        path.write_text("".join(f"{k}: {v}\n" for k, v in values.items()), encoding="utf-8")
        written.append(path)
    return written


def summary_of(stdout: str) -> list[str]:
    lines = stdout.splitlines()
    return lines[next(n for n, line in enumerate(lines) if line.startswith("问题汇总")):]


def without_places(line: str) -> str:
    return line.rpartition("（")[0] if line.startswith("  ") else line


def test_many_problems_of_one_kind_become_one_line_with_their_count_and_a_few_places(run_cli, mini_copy):
    probes = add_artifacts(mini_copy, 12, industry="no-such-industry-{i}")
    result = run_cli("--collections", mini_copy, "check", "--summary")
    assert result.returncode == 1
    listed = [line for line in result.stdout.splitlines() if "is not in the industries vocabulary" in line]
    assert len(listed) == 13  # the twelve problems, one by one, then their summary
    first = [f"{p.as_posix()}:3:11" for p in probes[:3]]
    assert summary_of(result.stdout) == [
        "问题汇总：12 个问题，涉及 12 个文件，共 1 种 / Summary: 12 problem(s) in 12 file(s), 1 different one(s)",
        "藏品 / artifacts：12",
        f"  12 × {UNKNOWN_INDUSTRY}（{', '.join(first)}；另有 9 处 / and 9 more）",
    ]


def test_different_mistakes_stay_apart_and_each_kind_of_record_has_its_own(run_cli, mini_copy):
    add_artifacts(mini_copy, 4, industry="no-such-industry-{i}")
    add_artifacts(mini_copy, 2, name="era", era="no-such-era")
    route = mini_copy / "routes" / "ceshi-xianlu.yaml"
    route.write_text(route.read_text(encoding="utf-8").replace("heritage/ceshi-gangtiechang", "heritage/nowhere"),
                     encoding="utf-8")
    lines = summary_of(run_cli("--collections", mini_copy, "check", "--summary").stdout)
    assert [without_places(line) for line in lines[1:]] == [
        "藏品 / artifacts：6",
        f"  4 × {UNKNOWN_INDUSTRY}",
        "  2 × 词表 eras 中没有“…”；可选：late-qing（晚清）、republic（民国）、socialist-construction（社会主义建设时期）、"
        "reform-and-opening（改革开放）、new-era（新时代） / '…' is not in the eras vocabulary; choose one of: late-qing "
        "(Late Qing), republic (Republic of China), socialist-construction (Socialist construction), reform-and-opening "
        "(Reform and opening-up), new-era (New era)",
        "线路 / routes：1",
        "  1 × 引用的记录不存在：collections/heritage/ 中没有“…” / dangling reference: there is no '…' in "
        "collections/heritage/",
    ]


def test_the_summary_comes_only_when_asked_for(run_cli, mini_copy, tmp_path):
    add_artifacts(mini_copy, 2, industry="no-such-industry")
    step = tmp_path / "step-summary.md"
    result = run_cli("--collections", mini_copy, "check", env={"GITHUB_STEP_SUMMARY": str(step)})
    assert "问题汇总" not in result.stdout and not step.exists()


def test_on_github_the_summary_is_appended_as_markdown_to_the_step_summary(run_cli, mini_copy, tmp_path):
    probes = add_artifacts(mini_copy, 5, industry="no-such-industry-{i}")
    step = tmp_path / "step-summary.md"
    step.write_text("an earlier step's summary\n", encoding="utf-8")
    result = run_cli("--collections", mini_copy, "check", "--summary",
                     env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(step)})
    assert result.returncode == 1
    where = "<br>".join(f"{p.as_posix()}:3:11".replace("_", "\\_") for p in probes[:3])
    assert step.read_text(encoding="utf-8") == (
        "an earlier step's summary\n"
        "### 记录检查：5 个问题，涉及 5 个文件 / Records check: 5 problem(s) in 5 file(s)\n"
        "\n"
        "| 记录类别 / Kind | 个数 / Count | 问题 / Problem | 例如 / For example |\n"
        "| --- | ---: | --- | --- |\n"
        f"| 藏品 / artifacts | 5 | 词表 industries 中没有“…”；可选：steel（钢铁）、automobile（汽车）、textile（纺织）、railway（铁路）、shipbuilding（船舶）<br>"
        f"'…' is not in the industries vocabulary; choose one of: steel (Iron and steel), automobile (Automobiles), textile (Textiles), railway (Railways), shipbuilding (Shipbuilding) "
        f"| {where}<br>另有 2 处 / and 2 more |\n"
        "\n")


def test_in_markdown_a_message_is_shown_as_it_is_written(run_cli, mini_copy, tmp_path):
    ledger = mini_copy.parent / "published-urls.txt"
    ledger.write_text(ledger.read_text(encoding="utf-8") + "not a url\n", encoding="utf-8")
    step = tmp_path / "step-summary.md"
    run_cli("--collections", mini_copy, "check", "--summary", env={"GITHUB_STEP_SUMMARY": str(step)})
    text = step.read_text(encoding="utf-8")
    assert "| 已发布的网址 / published URLs | 1 |" in text
    assert r"write \<folder\>/\<id\>" in text and "<folder>" not in text  # no HTML tag, nothing hidden


def test_a_clean_check_says_so_in_the_step_summary(run_cli, mini_copy, tmp_path):
    step = tmp_path / "step-summary.md"
    result = run_cli("--collections", mini_copy, "check", "--summary", env={"GITHUB_STEP_SUMMARY": str(step)})
    assert result.returncode == 0
    said = "".join(f"{line}\n\n" for line in result.stdout.strip().splitlines())  # (a paragraph each)
    assert step.read_text(encoding="utf-8") == f"### 记录检查通过 / Records check passed\n\n{said}"


def test_json_output_stays_json_with_the_summary_in_the_step_summary(run_cli, mini_copy, tmp_path):
    add_artifacts(mini_copy, 3, industry="no-such-industry-{i}")
    step = tmp_path / "step-summary.md"
    result = run_cli("--collections", mini_copy, "check", "--format", "json", "--summary",
                     env={"GITHUB_STEP_SUMMARY": str(step)})
    assert len(json.loads(result.stdout)) == 3
    assert "| 藏品 / artifacts | 3 |" in step.read_text(encoding="utf-8")


def test_a_step_summary_that_cannot_be_written_does_not_change_the_result(run_cli, mini_copy, tmp_path):
    result = run_cli("--collections", mini_copy, "check", "--summary",
                     env={"GITHUB_STEP_SUMMARY": str(tmp_path / "no-such-folder" / "summary.md")})
    assert result.returncode == 0
    assert "cannot write GITHUB_STEP_SUMMARY" in result.stderr and "无法写入" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("message, grouped", [
    ("'autos' is not in the industries vocabulary", "'…' is not in the industries vocabulary"),
    ("词表 industries 中没有“autos”", "词表 industries 中没有“…”"),
    ("old id 'x' is already used by collections/artifacts/sub/y.yaml", "old id '…' is already used by …"),
    ("year 1800 falls in no era of the eras vocabulary; give an era",
     "year … falls in no era of the eras vocabulary; give an era"),
    ("start (1969) is after end (1960)", "start (…) is after end (…)"),
    ("the published URL exhibitions/old-id/ would break: … add aliases: [old-id] to it",
     "the published URL exhibitions/…/ would break: … add aliases: […] to it"),
    ("dangling reference: there is no 'x' in collections/museums/",
     "dangling reference: there is no '…' in collections/museums/"),
    ("the file is not UTF-8; save it as UTF-8", "the file is not UTF-8; save it as UTF-8"),
    ("a site folder the museum's build.py made", "a site folder the museum's build.py made"),
])
def test_a_messages_specifics_are_taken_out_and_what_tells_mistakes_apart_stays(message, grouped):
    assert pattern(message) == grouped
