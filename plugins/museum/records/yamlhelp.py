"""A YAML syntax error, said in a curator's words: the line where the mistake is, what it is, the fix.

PyYAML reports where it gave up, which is often the line after the mistake (or the end of the file),
in its own English ("mapping values are not allowed in this context"). The mistakes curators make are
few and easy to see in the text itself: a full-width colon or a tab, a missing space after a colon, a
quote or bracket left open, an indentation that does not line up. ``explain`` looks for them up to
where PyYAML stopped, and otherwise says what PyYAML found, in plain words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

_KEY = r"[A-Za-z_][A-Za-z0-9_-]*"
_FULLWIDTH_COLON = re.compile(rf"^(\s*(?:-\s+)?)({_KEY})\s*：")
_NO_SPACE = re.compile(rf"^(\s*(?:-\s+)?)({_KEY}):(?![\s/]|$)")
_TAB = re.compile(r"^[ ]*\t")


@dataclass(frozen=True)
class Explained:
    line: int  # 1-based
    column: int
    zh: str
    en: str
    field: str = ""  # the field the line names, when it names one


def _found(lines: list[str], last: int) -> Explained | None:
    """The first mistake a curator makes that is visible in lines 1…``last`` (1-based)."""
    for number, text in enumerate(lines[:last], 1):
        if text.lstrip().startswith("#"):
            continue
        if _TAB.match(text):
            return Explained(number, text.index("\t") + 1,
                             "这一行用制表符（Tab）缩进；YAML 只能用空格缩进，请把 Tab 换成空格（通常每层两个空格）",
                             "this line is indented with a tab; YAML indents with spaces only: replace the tab "
                             "with spaces (usually two a level)")
        match = _FULLWIDTH_COLON.match(text)
        if match:
            key = match.group(2)
            return Explained(number, text.index("：") + 1,
                             f"字段名“{key}”后面是全角冒号“：”；请改为半角冒号加一个空格：“{key}: ”",
                             f"the field name '{key}' is followed by a full-width colon '：'; write a half-width "
                             f"colon and a space: '{key}: '", key)
        match = _NO_SPACE.match(text)
        if match:
            key = match.group(2)
            return Explained(number, len(match.group(0)),
                             f"字段名“{key}”的冒号后面缺少空格；请写成“{key}: 取值”",
                             f"the colon after the field name '{key}' needs a space after it: write '{key}: value'",
                             key)
    return None


def explain(text: str, error: yaml.MarkedYAMLError) -> Explained:
    lines = text.splitlines()
    mark = error.problem_mark or error.context_mark
    stop = mark.line + 1 if mark else len(lines)
    found = _found(lines, min(stop + 1, len(lines)))
    if found:
        return found
    context, problem = error.context or "", error.problem or ""
    start = error.context_mark
    at = (start.line + 1, start.column + 1) if start else (stop, (mark.column + 1) if mark else 1)
    if "quoted scalar" in context:
        quote = lines[start.line][start.column] if start and start.column < len(lines[start.line]) else '"'
        return Explained(*at, f"从这里开始的引号 {quote} 没有闭合：请在文字末尾补上同样的引号 {quote}",
                         f"the quote {quote} opened here is never closed: put the same quote {quote} at the end of "
                         "the text")
    if "flow sequence" in context or "flow mapping" in context:
        opening, closing = ("[", "]") if "sequence" in context else ("{", "}")
        return Explained(*at, f"从这里开始的“{opening}”没有闭合，或其中缺少逗号：请检查每项之间的“,”和结尾的“{closing}”",
                         f"the '{opening}' opened here is never closed, or a comma is missing: check the ',' between "
                         f"the items and the closing '{closing}'")
    where = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    if "mapping values are not allowed" in problem:
        return Explained(*where, "这里不能再写“字段: 取值”：这一行的缩进比上一行深，看起来属于上一行的字段，但上一行已经有取值；"
                                 "请让同一层的字段左端对齐。如果文字本身含有“: ”，请给整段文字加引号",
                         "a 'field: value' cannot start here: this line is indented more than the one before, as if "
                         "it belonged to that field, which already has a value; line up the fields of one level. If "
                         "the text itself contains ': ', put the whole text in quotes")
    if "expected <block end>" in problem or "expected ':'" in problem or "expected <block mapping start>" in problem:
        return Explained(*where, "缩进不一致，或缺少冒号：同一层的字段请左端对齐，每个字段写成“字段: 取值”",
                         "the indentation does not line up, or a colon is missing: line up the fields of one level, "
                         "and write each as 'field: value'")
    if "expected a single document" in context + problem:
        return Explained(*where, "文件中有第二份文档（从“---”开始）：每个文件只写一条记录，请删去“---”及其后的内容，或另建文件",
                         "the file holds a second document (from '---'): one record a file; remove the '---' and "
                         "what follows, or put it in a file of its own")
    what = " ".join(filter(None, [context, problem]))
    return Explained(*where, f"YAML 语法错误，请检查这一行和上一行的冒号、引号和缩进（技术信息：{what}）",
                     f"YAML syntax error: check the colons, quotes and indentation of this line and the one before "
                     f"({what})")
