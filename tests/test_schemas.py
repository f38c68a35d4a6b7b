"""The JSON Schemas in schemas/ that curators' editors use: current with the models, and in agreement
with the checker about what a valid record is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from museum.records.models import KINDS
from museum.records.loader import vocabulary_entries
from museum.records.schemas import all_schemas, render
from museum.records.yamlsource import load_document

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = ROOT / "schemas"
MINI = Path(__file__).resolve().parent / "fixtures" / "mini"
HINT = "the committed schema is out of date: run `python build.py schemas` and commit schemas/"


def test_there_is_one_committed_schema_per_kind_and_for_vocabularies():
    committed = {p.name.removesuffix(".schema.json") for p in SCHEMAS.glob("*.schema.json")}
    assert committed == set(all_schemas()) == {*KINDS, "vocabulary"}, HINT


@pytest.mark.parametrize("name", sorted(all_schemas()))
def test_the_committed_schema_is_what_the_models_render(name):
    committed = (SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8")
    assert committed == render(all_schemas(vocabulary_entries(ROOT / "collections"))[name]), HINT


def test_editors_complete_a_vocabulary_field_with_its_ids_and_names():
    schema = json.loads((SCHEMAS / "artifact.schema.json").read_text(encoding="utf-8"))
    options = schema["properties"]["industry"]["anyOf"]
    assert {"const": "petroleum", "title": "石油 / Petroleum"} in options
    assert "石油" in options[-1]["enum"]  # a name is accepted too (the checker takes it for the id)
    museum = json.loads((SCHEMAS / "museum.schema.json").read_text(encoding="utf-8"))
    assert {"const": "petroleum", "title": "石油 / Petroleum"} in museum["properties"]["industries"]["items"]["anyOf"]
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(schema["properties"]["industry"])
    assert validator.is_valid("petroleum") and validator.is_valid("石油") and not validator.is_valid("petrolium")


@pytest.mark.parametrize("name", sorted(all_schemas()))
def test_a_schema_is_draft_2020_12_with_its_own_id(name):
    schema = all_schemas()[name]
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith(f"/{name}.schema.json")
    assert schema.get("additionalProperties") is False  # unknown fields are errors in editors too


def _mini_records() -> list:
    params = []
    for kind, folder in ((k, d.folder) for k, d in KINDS.items()):
        for path in sorted((MINI / "collections" / folder).rglob("*.yaml")):
            marks = []
            reason = KNOWN_DISAGREEMENTS.get(path.relative_to(MINI / "collections").as_posix())
            if reason:
                marks.append(pytest.mark.xfail(strict=True, reason=reason))
            params.append(pytest.param(kind, path, id=path.stem, marks=marks))
    for path in sorted((MINI / "collections" / "vocab").glob("*.yaml")):
        params.append(pytest.param("vocabulary", path, id=f"vocab-{path.stem}"))
    return params


# Valid records (the checker accepts them) that the schemas refuse; see the tests at the end of this file.
KNOWN_DISAGREEMENTS: dict[str, str] = {}


@pytest.mark.parametrize("kind, path", _mini_records())
def test_every_mini_record_validates_against_its_schema(kind, path):
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is not installed in the venv")
    doc = load_document(path, path.name)  # the museum's own reader: dates stay the text written
    assert doc.problems == []
    jsonschema.Draft202012Validator(all_schemas()[kind]).validate(doc.data)


# --- where the schemas and the checker disagree today (found while writing these tests) ------------
def _resolve(schema: dict, node: dict) -> dict:
    ref = node.get("$ref")
    return schema["$defs"][ref.rsplit("/", 1)[-1]] if ref else node


def _allows_type(schema: dict, node: dict, json_type: str) -> bool:
    node = _resolve(schema, node)
    if "anyOf" in node:
        return any(_allows_type(schema, option, json_type) for option in node["anyOf"])
    return node.get("type") in (None, json_type) or json_type in (node.get("type") or [])


def test_the_route_schema_allows_a_stop_written_as_its_reference():
    schema = all_schemas()["route"]
    assert _allows_type(schema, schema["properties"]["stops"]["items"], "string")


def test_the_heritage_schema_allows_a_province_code_written_as_a_number():
    schema = all_schemas()["heritage"]
    assert _allows_type(schema, schema["properties"]["province"], "integer")


def test_the_helpers_above_read_schemas_correctly():
    schema = all_schemas()["artifact"]
    assert _allows_type(schema, schema["properties"]["date"], "integer")
    assert _allows_type(schema, schema["properties"]["title"], "string")
    assert not _allows_type(schema, schema["properties"]["tags"], "string")
    assert json.loads(render(schema)) == schema
