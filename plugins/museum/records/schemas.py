"""JSON Schema for each kind of record, for curators' editors (yaml-language-server).

The committed files in ``schemas/`` are generated from the models; a test fails when they drift.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from museum.records.models import KINDS, Vocabulary

SCHEMA_ID_BASE = "https://museum.invalid/schemas/"  # identifiers only, never fetched


def schema_for(name: str, model: type[BaseModel]) -> dict:
    schema = model.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_ID_BASE}{name}.schema.json",
        **schema,
    }


def all_schemas() -> dict[str, dict]:
    schemas = {name: schema_for(name, kind.model) for name, kind in KINDS.items()}
    schemas["vocabulary"] = schema_for("vocabulary", Vocabulary)
    return schemas


def render(schema: dict) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in all_schemas().items():
        path = folder / f"{name}.schema.json"
        text = render(schema)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
