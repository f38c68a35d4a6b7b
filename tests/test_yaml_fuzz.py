"""Whatever a curator's file holds, reading it gives problems, never an exception.

Mangled copies of valid records, random bytes, and random values under each kind's field names
go through ``load_record`` and ``check_collection``; each must come back as a record or as
problems that name the file, with a line, a column and both languages.
"""

from __future__ import annotations

import copy
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from museum.catalogue.check import check_collection
from museum.records.loader import load_record
from museum.records.messages import _model_in  # noqa: E402  (the same walk the error hints use)
from museum.records.models import KINDS
from museum.records.problems import Problem

MINI = Path(__file__).resolve().parent / "fixtures" / "mini" / "collections"
FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# The mini fixture's records, as text: the starting points for mangling.
SEEDS = sorted((kind, p.read_text(encoding="utf-8")) for kind, folder in ((k, d.folder) for k, d in KINDS.items())
               for p in (MINI / folder).rglob("*.yaml"))

# Characters that matter to YAML, plus a few that matter to people (CJK, BOM, CR).
YAML_CHARS = list(":-[]{}\"'\n\t #&*!|>%@`,?\\") + ["中", "\ufeff", "\r", "\x00", "\x85", "0", "a"]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    """A project folder holding a copy of the mini collection; each example overwrites one file in it."""
    root = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(MINI, root / "collections")
    return root


def assert_well_formed(problems: list[Problem], shown: str | None = None) -> None:
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.line >= 1 and problem.column >= 1, problem
        assert problem.zh and problem.en, problem
        if shown is not None:
            assert problem.path == shown, problem


def load(workspace: Path, kind: str, content: bytes) -> list[Problem]:
    """Write ``content`` as a record of ``kind`` and load it: a valid record, or problems (and at most what is
    valid of the record, marked broken: records/salvage.py), never both or neither."""
    folder, model = KINDS[kind].folder, KINDS[kind].model
    path = workspace / "collections" / folder / "fuzzed.yaml"
    path.write_bytes(content)
    problems: list[Problem] = []
    try:
        record = load_record(model, path, workspace, problems)
    finally:
        path.unlink()  # leave the shared workspace as it was for the next test
    assert (record is None or record.broken) == bool(problems), problems
    assert_well_formed(problems, f"collections/{folder}/fuzzed.yaml")
    if record is not None:
        assert record.id == "fuzzed"
    return problems


@st.composite
def mangled(draw) -> tuple[str, str]:
    """A valid record's text with a few characters inserted, deleted or replaced."""
    kind, text = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        op = draw(st.sampled_from(["insert", "delete", "replace"]))
        char = draw(st.sampled_from(YAML_CHARS) | st.characters())
        if op == "insert":
            text = text[:at] + char + text[at:]
        elif op == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 8)):]
        else:
            text = text[:at] + char + text[at + 1:]
    return kind, text


@FUZZ
@given(case=mangled())
def test_a_mangled_record_gives_problems_not_exceptions(workspace, case):
    kind, text = case
    load(workspace, kind, text.encode("utf-8", "surrogatepass"))


@FUZZ
@given(kind=st.sampled_from(list(KINDS)), content=st.binary(max_size=600))
def test_random_bytes_give_problems_not_exceptions(workspace, kind, content):
    load(workspace, kind, content)


# --- random values under each kind's real field names ---------------------------------------------
# No NUL and no text longer than 40 characters: an image src with a NUL byte or a path component over
# 255 bytes are covered by their own tests below and in test_bad_records.py.
TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)
PLAUSIBLE = st.sampled_from([
    "ceshi-gongye-bowuguan", "ceshi-bowuguan", "ceshi-kache", "ceshi-zhengqi-jiche", "ceshi-fangshaji",
    "heritage/ceshi-gangtiechang", "museum/ceshi-gongye-bowuguan", "artifact/ceshi-kache", "route/ceshi-xianlu",
    "fuzzed", "steel", "textile", "liaoning", "310000", "national", "comprehensive", "general-public",
    "late-qing", "media/ceshi-tu.png", "../../media/ceshi-tu.png", "../media/ceshi-tu.png", "media/",
    "media/../../x.png", "/etc/hostname", "C:/x.png", "1956", "1956-07-13", "2023-02-30", "https://example.org/",
    "first", "permanent", "listed", "", " ", "测试", "约1950年代",
])
LEAF = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
                 TEXT, PLAUSIBLE, st.integers(999, 2101))
ANY = st.recursive(LEAF, lambda inner: st.lists(inner, max_size=4)
                   | st.dictionaries(TEXT | PLAUSIBLE | st.sampled_from(["zh", "en", "display", "start", "end"]),
                                     inner, max_size=4), max_leaves=12)


def field_values(model: type[BaseModel], depth: int = 0) -> dict[str, st.SearchStrategy]:
    """For each of ``model``'s fields, values of every shape: plausible ids and paths, nested mappings
    under the nested model's own field names, and anything at all."""
    fields = {}
    for name, info in model.model_fields.items():
        inner = _model_in(info.annotation)
        options = [PLAUSIBLE, st.lists(PLAUSIBLE, max_size=3), ANY]
        if inner is not None and depth < 2:
            options[:0] = [shaped(inner, depth + 1), st.lists(shaped(inner, depth + 1), min_size=1, max_size=3)]
        fields[name] = st.one_of(options)
    return fields


def shaped(model: type[BaseModel], depth: int = 0) -> st.SearchStrategy[dict]:
    """A mapping under ``model``'s field names (any of them left out, a stray one sometimes)."""
    return st.fixed_dictionaries({}, optional={**field_values(model, depth), "titel": ANY, "extra": ANY})


BASES = {kind: [yaml.safe_load(text) for k, text in SEEDS if k == kind] for kind in KINDS}
FIELDS = {kind: field_values(d.model) for kind, d in KINDS.items()}


def _places(value: Any, where: tuple = ()) -> list[tuple]:
    """Every position inside a parsed record: keys of mappings and indexes of lists, at any depth."""
    found = []
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, inner in items:
        found.append((*where, key))
        found.extend(_places(inner, (*where, key)))
    return found


@st.composite
def record_values(draw, kind: str) -> dict:
    """A valid record of ``kind`` with a value or two replaced or removed at any depth (an image's src,
    a section's artifacts...), and perhaps one field added, so that many examples get past the model
    and exercise the catalogue's references, vocabularies and images too."""
    values = copy.deepcopy(draw(st.sampled_from(BASES[kind])))
    for _ in range(draw(st.integers(0, 2))):
        where = draw(st.sampled_from(_places(values)))
        parent = values
        for step in where[:-1]:
            parent = parent[step]
        if draw(st.booleans()):
            parent[where[-1]] = draw(st.one_of(PLAUSIBLE, LEAF, ANY))
        elif isinstance(parent, dict):
            del parent[where[-1]]
    if draw(st.booleans()):
        name = draw(st.sampled_from(sorted(FIELDS[kind])))
        values[name] = draw(FIELDS[kind][name])
    return values


@FUZZ
@given(data=st.data())
def test_random_values_for_every_kind_give_problems_not_exceptions(workspace, data):
    kind = data.draw(st.sampled_from(list(KINDS)))
    values = data.draw(st.one_of(record_values(kind), record_values(kind), shaped(KINDS[kind].model)))
    text = yaml.safe_dump(values, allow_unicode=True, sort_keys=False)
    load(workspace, kind, text.encode("utf-8"))
    # The whole check too: the catalogue resolves references, vocabularies and images of what loaded.
    path = workspace / "collections" / KINDS[kind].folder / "fuzzed.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        _, problems = check_collection(workspace / "collections", root=workspace)
        assert_well_formed(problems)
    finally:
        path.unlink()


PATHISH = st.lists(st.sampled_from(list("./\\:~a中 -_%*?\n") + ["..", "media", "ceshi-tu.png", "/"]),
                   max_size=12).map("".join)


@FUZZ
@given(src=st.one_of(PATHISH, TEXT, st.builds("{}{}".format, PLAUSIBLE, PATHISH)))
def test_any_image_src_gives_an_image_or_a_problem_at_src(workspace, src):
    values = {**BASES["artifact"][0], "images": [{"src": src, "alt": "图", "credit": "测试", "license": "CC0"}]}
    path = workspace / "collections" / "artifacts" / "fuzzed.yaml"
    path.write_text(yaml.safe_dump(values, allow_unicode=True), encoding="utf-8")
    try:
        cat, problems = check_collection(workspace / "collections", root=workspace)
    finally:
        path.unlink()
    assert_well_formed(problems)
    mine = [p for p in problems if p.path == "collections/artifacts/fuzzed.yaml"]
    assert {p.field for p in mine} <= {"images.0.src"}, mine
    if not mine:  # accepted: then it is a real image inside collections/
        image = cat.image_src(cat.artifacts["fuzzed"], cat.artifacts["fuzzed"].images[0])
        assert image.is_relative_to((workspace / "collections").resolve())
        assert image.resolve() in cat.images


def test_the_mini_collection_is_still_valid_after_fuzzing(workspace):
    for stray in (workspace / "collections").rglob("fuzzed.yaml"):
        stray.unlink()
    _, problems = check_collection(workspace / "collections", root=workspace)
    assert problems == []


@pytest.mark.parametrize("text", [
    "a: " + "[" * 100 + "]" * 100,
    "a: " + "{b: " * 100 + "}" * 100,
    "".join("  " * i + f"k{i}:\n" for i in range(100)),
], ids=["flow-lists", "flow-mappings", "block-mappings"])
def test_nesting_deeper_than_the_limit_is_refused(workspace, text):
    [problem] = load(workspace, "artifact", text.encode())
    assert "nesting is too deep" in problem.en


def test_very_deep_nesting_is_refused_without_crashing(tmp_path):
    # In a child process: the crash is a segmentation fault, which would take pytest down with it.
    record = tmp_path / "collections" / "artifacts" / "deep.yaml"
    record.parent.mkdir(parents=True)
    record.write_text("title: " + "[" * 30_000 + "]" * 30_000 + "\n", encoding="utf-8")
    script = textwrap.dedent(f"""
        import sys; sys.path.insert(0, {str(Path(__file__).resolve().parents[1] / "plugins")!r})
        from pathlib import Path
        from museum.records.yamlsource import load_document
        doc = load_document(Path({str(record)!r}), "collections/artifacts/deep.yaml")
        print(doc.problems[0].en)
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"exit {result.returncode}"
    assert "nesting is too deep" in result.stdout


def test_an_overlong_image_path_is_a_problem_not_a_crash(workspace):
    src = "media/" + "a" * 300 + ".png"
    values = {"title": "测试", "museum": "ceshi-gongye-bowuguan", "industry": "steel", "date": 1956,
              "description": "测试", "images": [{"src": src, "alt": "图", "credit": "测试", "license": "CC0"}]}
    path = workspace / "collections" / "artifacts" / "long-src.yaml"
    path.write_text(yaml.safe_dump(values, allow_unicode=True), encoding="utf-8")
    try:
        _, problems = check_collection(workspace / "collections", root=workspace)
    finally:
        path.unlink()
    assert [(p.path, p.field) for p in problems] == [("collections/artifacts/long-src.yaml", "images.0.src")]
