"""Reading one curator's YAML file safely, keeping where every value stands.

PyYAML's libyaml-backed composer builds the node tree (fast, and every node knows its line and
column); this module turns nodes into plain Python values itself instead of using PyYAML's
constructor, because it must:

* record positions, so that a problem found later can point at the right line;
* refuse anchors and aliases (an alias bomb expands to billions of values) and deep nesting;
* keep dates as the text the curator wrote (records validate dates themselves);
* report duplicate keys, which PyYAML would silently overwrite.

Every failure becomes a :class:`Problem`; nothing here raises to the caller.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

from museum.records.yamlhelp import explain
from museum.records.problems import Problem, os_error_text

try:  # the PyPI wheels carry libyaml; fall back to pure Python where they do not
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the platform's wheel
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 1024 * 1024  # a record is a few KB; a 1 MB record is a mistake or an attack
MAX_DEPTH = 24
NOT_UTF8 = ("文件不是 UTF-8 编码，请以 UTF-8 保存", "the file is not UTF-8; save it as UTF-8")  # (any text file of a curator's)
MAX_NODES = 50_000

Pos = tuple[int, int]
FieldPath = tuple[str | int, ...]

_scalars = SafeConstructor()
_PLAIN_TAGS = {
    "tag:yaml.org,2002:null": _scalars.construct_yaml_null,
    "tag:yaml.org,2002:bool": _scalars.construct_yaml_bool,
    "tag:yaml.org,2002:int": _scalars.construct_yaml_int,
    "tag:yaml.org,2002:float": _scalars.construct_yaml_float,
}
# Dates, and anything tagged as a string, stay as the text written in the file.
_TEXT_TAGS = {"tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"}


@dataclass
class Document:
    """A parsed file: its data and the position of every value and key in it."""

    path: str  # as shown to curators, e.g. "collections/museums/x.yaml"
    data: Any = None
    values: dict[FieldPath, Pos] = field(default_factory=dict)
    keys: dict[FieldPath, Pos] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def position(self, where: FieldPath, *, key: bool = False) -> Pos:
        """Where a field stands; the nearest enclosing value when it is absent (a missing field)."""
        probe = tuple(where)
        if key and probe in self.keys:
            return self.keys[probe]
        while probe:
            if probe in self.values:
                return self.values[probe]
            if probe in self.keys:
                return self.keys[probe]
            probe = probe[:-1]
        return self.values.get((), (1, 1))

    def problem(self, where: FieldPath, zh: str, en: str, *, key: bool = False) -> Problem:
        line, col = self.position(where, key=key)
        return Problem(self.path, line, col, dotted(where), zh, en)


def dotted(where: FieldPath) -> str:
    return ".".join(str(part) for part in where)


class _Refused(Exception):
    def __init__(self, node: yaml.Node, where: FieldPath, zh: str, en: str):
        self.node, self.where, self.zh, self.en = node, where, zh, en


def _pos(node: yaml.Node) -> Pos:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Builder:
    def __init__(self, doc: Document):
        self.doc = doc
        self.seen: set[int] = set()

    def build(self, node: yaml.Node, where: FieldPath, depth: int) -> Any:
        if id(node) in self.seen:
            raise _Refused(node, where, "不支持 YAML 锚点和别名（& 与 *），请直接写出内容",
                           "YAML anchors and aliases (& and *) are not supported; write the value out")
        self.seen.add(id(node))
        if len(self.seen) > MAX_NODES:
            raise _Refused(node, where, f"文件内容过多（超过 {MAX_NODES} 个值）",
                           f"the file holds too many values (more than {MAX_NODES})")
        if depth > MAX_DEPTH:
            raise _Refused(node, where, f"嵌套层级过深（超过 {MAX_DEPTH} 层）",
                           f"nesting is too deep (more than {MAX_DEPTH} levels)")
        self.doc.values[where] = _pos(node)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, where)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*where, i), depth + 1) for i, item in enumerate(node.value)]
        return self.mapping(node, where, depth)

    def scalar(self, node: yaml.ScalarNode, where: FieldPath) -> Any:
        if node.tag in _TEXT_TAGS:
            return node.value
        make = _PLAIN_TAGS.get(node.tag)
        if make is None:
            raise _Refused(node, where, f"不支持的 YAML 标签 {node.tag}",
                           f"unsupported YAML tag {node.tag}")
        try:
            return make(node)
        except (ConstructorError, ValueError) as exc:
            raise _Refused(node, where, f"无法读取的取值：{exc}", f"unreadable value: {exc}") from None

    def mapping(self, node: yaml.MappingNode, where: FieldPath, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                raise _Refused(key_node, where, "键必须是简单文本（不支持合并键 <<）",
                               "keys must be plain text (merge keys << are not supported)")
            key = str(self.scalar(key_node, where))
            here = (*where, key)
            if key in out:
                raise _Refused(key_node, here, f"重复的键“{key}”", f"duplicate key '{key}'")
            self.doc.keys[here] = _pos(key_node)
            out[key] = self.build(value_node, here, depth + 1)
        return out


def _too_deep(text: str) -> Pos | None:
    """Where nesting first goes deeper than MAX_DEPTH, found without recursion.

    libyaml's composer recurses once per level, so 25,000 nested '[' (50 KB) overflow the C stack
    and kill the process before any Python check could run. Its parser is a state machine: count
    levels in its event stream first. Only texts with many brackets or many lines can nest that
    deep, so ordinary records skip the extra pass."""
    if text.count("[") + text.count("{") <= MAX_DEPTH and text.count("\n") <= MAX_DEPTH * 4:
        return None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH + 1:
                    return event.start_mark.line + 1, event.start_mark.column + 1
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return None  # the composer reports the syntax error with its position
    return None


class _NotRegular(Exception):
    pass


def _read_regular(file: Path, limit: int) -> tuple[bytes, int]:
    """At most ``limit`` + 1 bytes of a regular file, and its size; a FIFO named *.yaml must not hang
    the check, nor a huge file fill the memory."""
    fd = os.open(file, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _NotRegular
        raw = fh.read(limit + 1)
    return raw, max(info.st_size, len(raw))


def load_document(file: Path, shown_as: str) -> Document:
    """Read, decode and parse one YAML file. Problems are collected in ``Document.problems``."""
    doc = Document(shown_as)
    try:
        raw, size = _read_regular(file, MAX_FILE_BYTES)
    except _NotRegular:
        doc.problems.append(Problem(shown_as, 1, 1, "", "这不是普通文件（可能是管道、设备或套接字），未读取",
                                    "this is not a regular file (a pipe, a device or a socket?); it was not read"))
        return doc
    except OSError as exc:
        zh, en = os_error_text(OSError(exc.errno, exc.strerror), ("无法读取文件", "cannot read the file"))
        doc.problems.append(Problem(shown_as, 1, 1, "", zh, en))
        return doc
    return parse_document(raw, shown_as, size)


def parse_document(raw: bytes, shown_as: str, size: int | None = None) -> Document:
    """Decode and parse a file's bytes (``size``: the whole file's, when only its start was read)."""
    doc = Document(shown_as)
    size = len(raw) if size is None else size
    if size > MAX_FILE_BYTES:
        doc.problems.append(Problem(shown_as, 1, 1, "", f"文件过大（{size} 字节，上限 {MAX_FILE_BYTES}）",
                                    f"the file is too large ({size} bytes, limit {MAX_FILE_BYTES})"))
        return doc
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark is harmless; strip it
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        doc.problems.append(Problem(shown_as, line, col, "", *NOT_UTF8))
        return doc
    too_deep = _too_deep(text)
    if too_deep:
        doc.problems.append(Problem(shown_as, too_deep[0], too_deep[1], "", f"嵌套层级过深（超过 {MAX_DEPTH} 层）",
                                    f"nesting is too deep (more than {MAX_DEPTH} levels)"))
        return doc
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        said = explain(text, exc)  # (at the mistake, in plain words: records/yamlhelp.py)
        doc.problems.append(Problem(shown_as, said.line, said.column, said.field, said.zh, said.en))
        return doc
    except yaml.YAMLError as exc:
        doc.problems.append(Problem(shown_as, 1, 1, "", f"YAML 错误：{exc}", f"YAML error: {exc}"))
        return doc
    except RecursionError:
        doc.problems.append(Problem(shown_as, 1, 1, "", "嵌套层级过深", "nesting is too deep"))
        return doc
    if root is None:
        doc.problems.append(Problem(shown_as, 1, 1, "", "文件是空的", "the file is empty"))
        return doc
    try:
        doc.data = _Builder(doc).build(root, (), 0)
    except _Refused as refused:
        line, col = _pos(refused.node)
        doc.problems.append(Problem(shown_as, line, col, dotted(refused.where), refused.zh, refused.en))
        doc.data = None
        return doc
    if not isinstance(doc.data, dict):
        doc.problems.append(doc.problem((), "文件的顶层应是“字段: 取值”的映射",
                                        "the top level of the file must be a mapping of fields"))
        doc.data = None
    return doc
