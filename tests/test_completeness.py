"""How complete each record is, against the published rubric: on the curators' page and in check --summary."""

from __future__ import annotations

import shutil

from museum.catalogue import completeness
from museum.catalogue.check import check_collection
from museum.pages.plan import plan_site


def test_the_rubric_is_out_of_100():
    assert sum(c.points for c in completeness.RUBRIC) == 100


def test_a_record_scores_what_it_has_and_is_told_what_it_lacks(mini_copy):
    (mini_copy / "artifacts" / "bare.yaml").write_text(
        "title: 空白藏品\nmuseum: ceshi-gongye-bowuguan\nindustry: steel\ndate: {display: 约1950年代, start: 1950, "
        "end: 1959}\ndescription: 很短。\n", encoding="utf-8")
    cat, problems = check_collection(mini_copy, root=mini_copy.parent)
    assert not problems
    bare = completeness.score(cat, cat.artifacts["bare"])
    assert bare.score == 0
    assert [c.name for c in bare.missing] == ["pictures", "description", "english", "sources", "dates", "links"]
    rich = completeness.score(cat, cat.artifacts["ceshi-fangshaji"])
    assert rich.score > bare.score and "pictures" not in [c.name for c in rich.missing]


def test_the_curators_page_lists_what_to_improve_museum_by_museum(mini_checked):
    cat, _ = mini_checked
    pages = {spec.url: spec for spec in plan_site(cat, "https://museum.example/").pages}
    page = pages["contributing/completeness/"]
    assert [points for _, points in page.context["rubric"]] == [c.points for c in completeness.RUBRIC]
    museums = page.context["museums"]
    assert sum(g.count for g in museums) == len(cat.artifacts)
    assert all(len(g.worst) <= 5 for g in museums + page.context["groups"])
    assert "en/contributing/completeness/" in pages


def test_check_summary_gives_each_kinds_average(run_cli, mini, tmp_path):
    coll = tmp_path / "collections"
    shutil.copytree(mini / "collections", coll)
    result = run_cli("--collections", coll, "check", "--summary")
    assert result.returncode == 0
    assert "完整度（满分 100" in result.stdout and "藏品 / artifacts: 平均" in result.stdout
