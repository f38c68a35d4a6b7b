"""The contributor's field reference, generated from the same JSON Schemas curators' editors use,
so the documentation cannot fall behind the models."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from museum.pages import i18n, urls
from museum.records.fields import Text
from museum.records.models import KINDS
from museum.pages.spec import PageSpec, home_crumb
from museum.records.schemas import all_schemas
from museum.pages.views import Link

VOCABULARY_TITLE = "词表 vocabulary"


def _type_of(spec: dict[str, Any], defs: dict[str, Any]) -> str:
    if "$ref" in spec:
        return spec["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in spec:
        kinds = [_type_of(s, defs) for s in spec["anyOf"] if s.get("type") != "null"]
        if spec.get("description", "").startswith("中文文本"):
            return "text"
        if spec.get("description", "").startswith("年份"):
            return "date"
        return " | ".join(dict.fromkeys(kinds))
    if spec.get("type") == "array":
        return f"list of {_type_of(spec.get('items', {}), defs)}"
    if "enum" in spec:
        return " / ".join(map(str, spec["enum"]))
    if "const" in spec:
        return str(spec["const"])
    if spec.get("description", "").startswith("中文文本"):
        return "text"
    if spec.get("description", "").startswith("年份"):
        return "date"
    return str(spec.get("type", "object"))


_PAIR = re.compile(r"^(.*?[\u3400-\u9fff].*?)\s*/\s*([^\u3400-\u9fff]+)$", re.S)


def _bilingual(description: str) -> Text | str:
    """A schema's description, "中文 / English", as localized text (the schemas say both, for editors)."""
    found = _PAIR.match(description)
    return Text.of(found.group(1), found.group(2)) if found else description


def field_rows(schema: dict[str, Any]) -> list[dict[str, Any]]:
    required = set(schema.get("required", []))
    defs = schema.get("$defs", {})
    rows = []
    for name, spec in schema.get("properties", {}).items():
        rows.append({
            "name": name,
            "required": name in required,
            "type": _type_of(spec, defs),
            "description": _bilingual(spec.get("description", "")),
        })
    return rows


def fields_reference(absolute: Callable[[str], str], s: i18n.Strings | None = None) -> PageSpec:
    s = s or i18n.strings(i18n.DEFAULT)
    schemas = all_schemas()
    tables = []
    for name in [*KINDS, "vocabulary"]:
        schema = schemas[name]
        parts = [{"name": name, "rows": field_rows(schema)}]
        for def_name, sub in sorted(schema.get("$defs", {}).items()):
            parts.append({"name": def_name, "rows": field_rows(sub)})
        if name in KINDS:
            kind = KINDS[name]
            title = kind.title if s.lang == i18n.DEFAULT else f"{kind.en_plural.capitalize()} ({name})"
        else:
            title = VOCABULARY_TITLE if s.lang == i18n.DEFAULT else "Vocabularies (vocabulary)"
        tables.append({"kind": name, "title": title, "parts": parts,
                       "schema": f"schemas/{name}.schema.json"})
    crumbs = [home_crumb(s), Link(s._("策展人专区"), urls.CURATORS), Link(s._("字段参考"), urls.FIELDS_REFERENCE)]
    return PageSpec(
        url=urls.FIELDS_REFERENCE, template="fields.html", title=s._("字段参考"),
        description=s._("每类记录的全部字段：必填与可选、类型和说明，由 JSON Schema 生成。"),
        context={"tables": tables}, breadcrumbs=crumbs,
    )
