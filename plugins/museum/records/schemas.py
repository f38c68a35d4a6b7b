"""JSON Schema for each kind of record, for curators' editors (yaml-language-server).

The committed files in ``schemas/`` are generated from the models and the museum's vocabularies, so an
editor completes ``industry:`` with the ids and shows each one's name; a test fails when they drift.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from museum.records.models import KINDS, VocabEntry, Vocabulary

SCHEMA_ID_BASE = "https://museum.invalid/schemas/"  # identifiers only, never fetched


def schema_for(name: str, model: type[BaseModel]) -> dict:
    schema = model.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_ID_BASE}{name}.schema.json",
        **schema,
    }


def _terms(entries: list[VocabEntry]) -> dict:
    """A vocabulary field's values: each id, titled with its names; or one of the names (or codes), which
    the checker takes for the id."""
    names = sorted({text for e in entries for _, text in e.label.values} | {e.code for e in entries if e.code})
    return {"anyOf": [*({"const": e.id, "title": " / ".join(text for _, text in e.label.values)} for e in entries),
                      {"enum": names, "description": "名称也可以，检查时换成编号 / a name is taken for its id"}]}


def _with_terms(node: dict, terms: dict) -> None:
    """Put ``terms`` where ``node`` (a property's schema) takes text: itself, its items, or its text option."""
    if node.get("type") == "array":
        node = node["items"]
    if "anyOf" in node:
        node["anyOf"] = [terms if option.get("type") == "string" else option for option in node["anyOf"]]
        return
    kept = {k: v for k, v in node.items() if k in ("description", "title")}
    node.clear()
    node.update(kept, **terms)


def with_vocabularies(name: str, schema: dict, vocabularies: dict[str, list[VocabEntry]]) -> dict:
    for field, vocabulary in KINDS[name].vocab.items():
        if not vocabularies.get(vocabulary):
            continue
        if "." in field:  # a field of a list's items (listings.level): in the item model's definition
            outer, inner = field.split(".", 1)
            ref = schema["properties"][outer]["items"]["$ref"].rsplit("/", 1)[-1]
            _with_terms(schema["$defs"][ref]["properties"][inner], _terms(vocabularies[vocabulary]))
        else:
            _with_terms(schema["properties"][field], _terms(vocabularies[vocabulary]))
    return schema


def all_schemas(vocabularies: dict[str, list[VocabEntry]] | None = None) -> dict[str, dict]:
    """``vocabularies``: the entries of each, to enumerate in the vocabulary fields (without: any text)."""
    schemas = {name: with_vocabularies(name, schema_for(name, kind.model), vocabularies or {})
               for name, kind in KINDS.items()}
    schemas["vocabulary"] = schema_for("vocabulary", Vocabulary)
    return schemas


def render(schema: dict) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(folder: Path, vocabularies: dict[str, list[VocabEntry]] | None = None) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in all_schemas(vocabularies).items():
        path = folder / f"{name}.schema.json"
        text = render(schema)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
