"""Pydantic's validation errors, said to curators in Chinese and English, at the right line."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ValidationError

from museum.records.problems import Problem
from museum.records.yamlsource import Document

# error type -> (Chinese, English); {name} placeholders come from the error's context.
_TEXTS: dict[str, tuple[str, str]] = {
    "missing": ("缺少必填字段", "required field is missing"),
    "extra_forbidden": ("未知字段", "unknown field"),
    "string_type": ("应为文本", "expected text"),
    "string_too_short": ("不能为空", "must not be empty"),
    "string_too_long": ("文本过长（上限 {max_length} 个字符）", "text is too long (at most {max_length} characters)"),
    "int_type": ("应为整数", "expected a whole number"),
    "int_parsing": ("应为整数", "expected a whole number"),
    "int_from_float": ("应为整数", "expected a whole number"),
    "float_type": ("应为数字", "expected a number"),
    "float_parsing": ("应为数字", "expected a number"),
    "bool_type": ("应为 true 或 false", "expected true or false"),
    "bool_parsing": ("应为 true 或 false", "expected true or false"),
    "list_type": ("应为列表（每项以“- ”开头）", "expected a list (items starting with '- ')"),
    "dict_type": ("应为“字段: 取值”映射", "expected a mapping of fields"),
    "model_type": ("应为“字段: 取值”映射", "expected a mapping of fields"),
    "model_attributes_type": ("应为“字段: 取值”映射", "expected a mapping of fields"),
    "too_short": ("至少需要 {min_length} 项", "needs at least {min_length} item(s)"),
    "too_long": ("最多 {max_length} 项", "at most {max_length} item(s)"),
    "literal_error": ("取值应为 {expected}", "must be one of {expected}"),
    "greater_than_equal": ("应不小于 {ge}", "must be at least {ge}"),
    "less_than_equal": ("应不大于 {le}", "must be at most {le}"),
    "url_parsing": ("不是有效的网址", "not a valid web address"),
    "url_scheme": ("网址应以 http:// 或 https:// 开头", "a web address must start with http:// or https://"),
    "url_type": ("应为网址", "expected a web address"),
}


def _say(error: dict[str, Any]) -> tuple[str, str]:
    if error["type"] not in ("missing", "extra_forbidden") and error.get("input", ...) is None:
        return "未填写：此字段为空", "empty: this field has no value"
    ctx = error.get("ctx") or {}
    if "zh" in ctx and "en" in ctx:  # raised by fields.bilingual
        return ctx["zh"], ctx["en"]
    texts = _TEXTS.get(error["type"])
    if texts is None:
        return f"取值无效：{error['msg']}", f"invalid value: {error['msg']}"
    zh, en = texts
    values = {k: (v if not isinstance(v, str) else v.replace("'", "")) for k, v in ctx.items()}
    try:
        return zh.format(**values), en.format(**values)
    except (KeyError, IndexError):
        return zh, en


def problems_from_validation(doc: Document, model: type[BaseModel], error: ValidationError) -> list[Problem]:
    problems = []
    for item in error.errors(include_url=False):
        where = tuple(item["loc"])
        zh, en = _say(item)
        if item["type"] == "extra_forbidden":
            hint = _closest(model, where)
            if hint:
                zh, en = f"{zh}（是否想写“{hint}”？）", f"{en} (did you mean '{hint}'?)"
        problems.append(doc.problem(where, zh, en, key=item["type"] == "extra_forbidden"))
    return problems


def _closest(model: type[BaseModel], where: tuple) -> str | None:
    """Suggest the nearest allowed field name for a misspelt one."""
    fields = _fields_at(model, where[:-1])
    if not fields:
        return None
    match = difflib.get_close_matches(str(where[-1]), fields, n=1, cutoff=0.6)
    return match[0] if match else None


def _fields_at(model: type[BaseModel], path: tuple) -> list[str]:
    current: Any = model
    for part in path:
        if isinstance(part, int):
            continue
        info = getattr(current, "model_fields", {}).get(part)
        if info is None:
            return []
        current = _model_in(info.annotation)
        if current is None:
            return []
    return list(getattr(current, "model_fields", {}))


def _model_in(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _model_in(arg)
        if found is not None:
            return found
    return None
