"""Writing records as curators write YAML, and changing them without losing what curators wrote.

A new record is written in its model's field order (``extra`` last), lists of ids and localized
text on one line, the way the sample records are written. An existing record is changed in place
with ``ruamel.yaml``'s round trip: only the values that change are touched, so the curator's
comments (above a field, beside it, between items of a list), key order, quoting and blank lines
stay as they were, and a field the importer adds goes where the model puts it.

ruamel keeps a comment with the value *before* it (a comment above ``city:`` belongs to the end of
the value of the key above), so every change here that replaces, removes or adds a value first takes
the comment lines that follow the value and gives them back afterwards (:func:`_detach_following`,
:func:`_attach_following`). Two checks stand behind that work: the changed text must read back, by
the museum's own reader, as exactly the record intended, and every comment line of the old file must
still be in the new one. Either failing is :class:`CannotEdit`, and the file is left as it is.

Plain scalars are typed as the museum's reader types them (PyYAML's YAML 1.1 rules, see
records/yamlsource.py), not by ruamel's YAML 1.2 default, under which a digest such as
``315697e92544`` would read as a float and be written back as ``.inf``.
"""

from __future__ import annotations

import io
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from difflib import SequenceMatcher
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.scalarstring import LiteralScalarString
from ruamel.yaml.tokens import CommentToken

from museum.records.fields import ID_RE, LANG_RE

WIDTH = 1000  # long text stays on one line, as curators write it


class CannotEdit(Exception):
    """A record's file cannot be changed safely; ``zh`` and ``en`` say why."""

    def __init__(self, zh: str, en: str):
        super().__init__(en)
        self.zh, self.en = zh, en


# --- reading and writing ----------------------------------------------------------------------------
_MUSEUM_SCALARS = {first: list(rules) for first, rules in yaml.resolver.Resolver.yaml_implicit_resolvers.items()}
# (ruamel's resolve() extends the list it gets for a first character with those for None: there are none)
assert None not in _MUSEUM_SCALARS


class _MuseumResolver(VersionedResolver):
    """Plain scalars resolved as the museum's reader resolves them (PyYAML's rules)."""

    @property
    def versioned_resolver(self) -> Any:
        return _MUSEUM_SCALARS


def _yaml(layout: tuple[int, int, int] = (2, 4, 2)) -> YAML:
    """ruamel's round trip, typing scalars as the museum does; ``layout``: (mapping, sequence, offset) indents,
    by default "  - item" under a key, as curators write lists."""
    rt = YAML(typ="rt")
    rt.Resolver = _MuseumResolver
    rt.width = WIDTH
    mapping, sequence, offset = layout
    rt.indent(mapping=mapping, sequence=sequence, offset=offset)
    rt.preserve_quotes = True
    rt.allow_unicode = True
    rt.representer.ignore_aliases = lambda data: True  # the museum's reader refuses anchors and aliases
    return rt


def _dump(tree: Any, layout: tuple[int, int, int] = (2, 4, 2)) -> str:
    out = io.StringIO()
    _yaml(layout).dump(tree, out)
    return out.getvalue()


_KEY_ALONE = re.compile(r"^( *)[^\s#-][^#]*:\s*(#.*)?$")  # a key whose value is on the lines below


def layout(text: str) -> tuple[int, int, int]:
    """The indentation a file uses: (mapping, sequence, offset) as ruamel counts them, so that a changed file
    keeps the layout its curator gave it (``key:\n- item`` as well as ``key:\n  - item``)."""
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    mapping = offset = None
    for above, below in zip(lines, lines[1:]):
        key = _KEY_ALONE.match(above)
        if key is None:
            continue
        step = (len(below) - len(below.lstrip(" "))) - len(key.group(1))
        if below.lstrip(" ").startswith("- "):
            offset = step if offset is None and step >= 0 else offset
        elif mapping is None and step > 0:
            mapping = step
        if mapping is not None and offset is not None:
            break
    offset = 2 if offset is None else offset
    return mapping or 2, offset + 2, offset


def _load(text: str) -> Any:
    return _yaml().load(text)


# --- how values are written --------------------------------------------------------------------------
def ids_only(items: list[Any]) -> bool:
    """A list of record ids (``[ansteel-museum]``, ``[heritage/x]``): written on one line."""
    return all(isinstance(v, str) and ID_RE.match(v.split("/")[-1]) for v in items)


def single_lines(items: list[Any]) -> bool:
    """A list of short texts (``[钢, 木]``): written on one line."""
    return all(isinstance(v, str) and "\n" not in v for v in items)


def node(value: Any, flow_list: Callable[[list[Any]], bool] = ids_only, literal: bool = False) -> Any:
    """A plain value as the YAML node written for it.

    On one line: a list ``flow_list`` accepts, localized text ``{zh: …, en: …}``, numbers such as
    ``{lat: …, lon: …}`` and an uncertain date ``{display, start, end}``. With ``literal``, text of
    several lines is a ``|`` block, as curators write long text."""
    if isinstance(value, (CommentedMap, CommentedSeq)):
        return value
    if isinstance(value, str):
        return LiteralScalarString(value) if literal and "\n" in value else value
    if isinstance(value, list):
        seq = CommentedSeq(node(v, flow_list, literal) for v in value)
        if value and flow_list(value):
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, dict):
        mapping = CommentedMap((k, node(v, flow_list, literal)) for k, v in value.items())
        if value and (_is_text(value) or _is_numbers(value) or set(value) == {"display", "start", "end"}):
            mapping.fa.set_flow_style()
        return mapping
    return value


def _is_text(value: dict[Any, Any]) -> bool:
    return ("zh" in value and all(isinstance(k, str) and LANG_RE.match(k) for k in value)
            and all(isinstance(v, str) and "\n" not in v for v in value.values()))


def _is_numbers(value: dict[Any, Any]) -> bool:
    return all(isinstance(v, (int, float, bool)) for v in value.values())


def same(a: Any, b: Any) -> bool:
    """Whether two plain values are the same record content (``True`` is not ``1``; key order does not count)."""
    return _canon(a) == _canon(b)


def _canon(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


# --- a new record ---------------------------------------------------------------------------------------
def new_text(data: dict[str, Any], head: str, style: Callable[[Any], Any]) -> str:
    """``head`` (comment lines, each ending in a newline), then the record, each value as ``style`` writes it."""
    return head + _dump(CommentedMap((k, style(v)) for k, v in data.items()))


# --- changing a record ---------------------------------------------------------------------------------
def edited_text(text: str, old: dict[str, Any], new: dict[str, Any], order: Iterable[str],
                style: Callable[[Any], Any]) -> str:
    """``text`` (a record whose content is ``old``, as the museum's reader reads it) changed to hold ``new``.

    Keys keep their order and a new key goes where ``order`` (the model's fields) puts it; comments,
    quoting and layout of what does not change are kept. Raises :class:`CannotEdit`."""
    try:
        tree = _load(text)
    except YAMLError as error:
        raise CannotEdit(f"ruamel.yaml 无法读取这个文件：{error}", f"ruamel.yaml cannot read the file: {error}") from None
    if not isinstance(tree, CommentedMap) or list(tree) != list(old):
        raise CannotEdit("ruamel.yaml 读出的字段与 build.py check 读出的不同",
                         "ruamel.yaml reads other fields than build.py check")
    before = comment_lines(tree)
    _reconcile_map(tree, old, new, style, list(order))
    out = _dump(tree, layout(text))
    lost = before - comment_lines(_load(out))
    if lost:
        shown = "；".join(sorted(lost)[:3])
        raise CannotEdit(f"更新会丢失文件中的注释（{shown}）", f"updating it would lose comments of the file ({shown})")
    return out


def comment_lines(tree: Any) -> Counter[str]:
    """Every comment line in a loaded tree, as text without its indentation."""
    return Counter(_collect([tree], set()))


def _collect(things: list[Any], seen: set[int]) -> list[str]:
    """The comment lines of trees (mappings and lists, loaded or made here) and of the comment parts ruamel
    keeps for them, each token once: ruamel keeps some comments in two places (a value on one line, and
    the key it is the value of), the same token in both."""
    lines: list[str] = []
    for thing in things:
        if isinstance(thing, (CommentedMap, CommentedSeq)):
            children = list(thing.values()) if isinstance(thing, CommentedMap) else list(thing)
            lines += _comment_parts([thing.ca.comment, list(thing.ca.items.values()), getattr(thing.ca, "end", None)],
                                    seen)
            lines += _collect(children, seen)
    return lines


def _comment_parts(parts: Any, seen: set[int]) -> list[str]:
    """The lines of comment tokens, in the nested lists ruamel keeps them in (with None for no comment, and
    plain text for the comment beside a ``|`` block)."""
    if isinstance(parts, list):
        return [line for part in parts for line in _comment_parts(part, seen)]
    if not isinstance(parts, (CommentToken, str)) or id(parts) in seen:
        return []
    seen.add(id(parts))
    text = parts.value if isinstance(parts, CommentToken) else parts
    return [line.strip() for line in text.split("\n") if line.strip().startswith("#")]


def _reconcile_map(mapping: CommentedMap, old: dict[str, Any], new: dict[str, Any], style: Callable[[Any], Any],
                   order: list[str] | None = None, owner: tuple[Any, Any] | None = None) -> None:
    """``owner``: the container and key ``mapping`` is the value of (None for the record itself)."""
    for key in [k for k in mapping if k not in new]:
        _delete(mapping, key, owner)
    for key, value in new.items():
        if key not in mapping:
            _insert(mapping, _position(mapping, key, order), key, style(value))
        elif not same(old.get(key), value):
            _update(mapping, key, old.get(key), value, style)
    # A mapping on one line that comes to hold a mapping (extra: {import: {batch: 1}} gains the digests)
    # is written as a block: on one line it would be unreadable.
    if mapping.fa.flow_style() and any(isinstance(v, dict) for v in new.values()):
        mapping.fa.set_block_style()


def _position(mapping: CommentedMap, key: str, order: list[str] | None) -> int:
    """Where a new key goes: before the first key that comes after it in ``order``; at the end otherwise
    (or before ``extra``, which is last)."""
    keys = list(mapping)
    if order and key in order:
        rank = order.index(key)
        for i, other in enumerate(keys):
            if other in order and order.index(other) > rank:
                return i
    return keys.index("extra") if "extra" in keys and key != "extra" else len(keys)


def _update(parent: Any, key: Any, old: Any, new: Any, style: Callable[[Any], Any]) -> None:
    current = parent[key]
    if isinstance(current, CommentedMap) and isinstance(old, dict) and isinstance(new, dict):
        _reconcile_map(current, old, new, style, owner=(parent, key))
    elif isinstance(current, CommentedSeq) and isinstance(old, list) and isinstance(new, list):
        _reconcile_seq(parent, key, current, old, new, style)
    else:
        _replace(parent, key, style(new))


def _reconcile_seq(parent: Any, key: Any, seq: CommentedSeq, old: list[Any], new: list[Any],
                   style: Callable[[Any], Any]) -> None:
    """Items that stay keep their comments; only the items that change are replaced, removed or added."""
    following = _detach_following(parent, key)  # the comments after the list belong after its new last item
    matcher = SequenceMatcher(None, [_canon(v) for v in old], [_canon(v) for v in new], autojunk=False)
    for tag, i1, i2, j1, j2 in reversed(matcher.get_opcodes()):  # from the end: indices before stay valid
        if tag == "equal":
            continue
        if tag == "replace" and i2 - i1 == j2 - j1:
            for i, j in zip(range(i1, i2), range(j1, j2)):
                _update(seq, i, old[i], new[j], style)
            continue
        for i in reversed(range(i1, i2)):
            _delete(seq, i, (parent, key))
        for offset, j in enumerate(range(j1, j2)):
            _insert(seq, i1 + offset, None, style(new[j]))
    _attach_following(parent, key, following)


def _replace(parent: Any, key: Any, value: Any) -> None:
    current = parent[key]
    if not (_is_block(current) or _is_block(value)):
        parent[key] = value  # the comments beside and after it stay where they are (ca.items[key])
        return
    following = _detach_following(parent, key)
    inside = _indented(_comments_of(parent, key), _column(parent))
    _clear(parent, key)
    parent[key] = value
    _attach_following(parent, key, inside + following)


def _delete(container: Any, key: Any, owner: tuple[Any, Any] | None) -> None:
    """Remove an entry; its comments stay where it was, as comment lines. ``owner``: the container and key
    ``container`` is the value of (None for the record itself)."""
    index = list(container).index(key) if isinstance(container, CommentedMap) else key
    following = _detach_following(container, key)
    kept = _indented(_comments_of(container, key), _column(container)) + following
    _clear(container, key)
    del container[key]
    if not kept:
        return
    if index > 0:
        previous = list(container)[index - 1] if isinstance(container, CommentedMap) else index - 1
        _attach_following(container, previous, kept)
        return
    if owner is None:  # the first field of the record: its comments join those at the top of the file
        comments = container.ca.comment or [None, None]
        above = [CommentToken(line.strip() + "\n", CommentMark(0)) for line in kept.splitlines() if line.strip()]
        container.ca.comment = [comments[0], (comments[1] or []) + above, *comments[2:]]
        return
    # The first entry of a list or mapping: its comments go below the key the list is the value of, where
    # ruamel keeps them (in the list, and a copy in its owner).
    parent, name = owner
    comments = container.ca.comment or [None, None]
    token = comments[0]
    head = token.value if isinstance(token, CommentToken) else "\n"
    opening = CommentToken((head if head.endswith("\n") else head + "\n") + kept,
                           token.start_mark if isinstance(token, CommentToken) else CommentMark(0))
    container.ca.comment = [opening, *comments[1:]]
    entry = parent.ca.items.get(name)
    if entry is not None and len(entry) > 2 and entry[2] is token:
        entry[2] = opening


def _insert(container: Any, index: int, key: Any, value: Any) -> None:
    """Add an entry at ``index``; the comment lines above the entry that was there stay above it."""
    following = ""
    if index > 0:
        previous = list(container)[index - 1] if isinstance(container, CommentedMap) else index - 1
        following = _detach_following(container, previous)
    if isinstance(container, CommentedMap):
        container.insert(index, key, value)
    else:
        container.insert(index, value)
    _attach_following(container, key if isinstance(container, CommentedMap) else index, following)


# --- where ruamel keeps comments -----------------------------------------------------------------------
def _is_block(value: Any) -> bool:
    return isinstance(value, (CommentedMap, CommentedSeq)) and len(value) > 0 and not value.fa.flow_style()


def _tail_slot(container: Any, key: Any) -> tuple[list[Any], int]:
    """The list and index where ruamel keeps the comment after ``container[key]``: the comment at the end of
    its last line and the comment lines below it, up to the next key."""
    value = container[key]
    if _is_block(value):
        last = list(value)[-1] if isinstance(value, CommentedMap) else len(value) - 1
        return _tail_slot(value, last)
    entry = container.ca.items.setdefault(key, [None, None, None, None])
    return entry, 2 if isinstance(container, CommentedMap) else 0


def _set_tail(container: Any, key: Any, token: CommentToken | None) -> None:
    holder, slot = _tail_slot(container, key)
    holder[slot] = token
    value = container[key]
    if isinstance(value, (CommentedMap, CommentedSeq)) and not _is_block(value) and value.ca.comment:
        value.ca.comment[0] = token  # a value on one line keeps a copy of the comment after it: the same


def _detach_following(container: Any, key: Any) -> str:
    """Take the comment lines below ``container[key]`` (the end-of-line comment stays)."""
    holder, slot = _tail_slot(container, key)
    token = holder[slot]
    if token is None or not isinstance(token, CommentToken):
        return ""
    eol, _, rest = token.value.partition("\n")
    if not rest:
        return ""
    _set_tail(container, key, CommentToken(eol + "\n", token.start_mark) if eol.strip() else None)
    return rest


def _attach_following(container: Any, key: Any, lines: str) -> None:
    """Put comment lines (text with their indentation, each ending in a newline) below ``container[key]``."""
    if not lines:
        return
    holder, slot = _tail_slot(container, key)
    token = holder[slot]
    if isinstance(token, CommentToken):
        head = token.value if token.value.endswith("\n") else token.value + "\n"
        _set_tail(container, key, CommentToken(head + lines, token.start_mark))
    else:
        _set_tail(container, key, CommentToken("\n" + lines, CommentMark(0)))


def _comments_of(container: Any, key: Any) -> list[str]:
    """The comment lines that stay when an entry is replaced or removed: its own, and those inside it."""
    seen: set[int] = set()
    return _comment_parts(container.ca.items.get(key), seen) + _collect([container[key]], seen)


def _clear(container: Any, key: Any) -> None:
    container.ca.items.pop(key, None)
    value = container[key]
    if isinstance(value, (CommentedMap, CommentedSeq)):
        value.ca.comment = None


def _indented(lines: list[str], column: int) -> str:
    return "".join(f"{' ' * column}{line}\n" for line in lines)


def _column(container: Any) -> int:
    """The column the entries of a loaded mapping or list start at (0 for one made here)."""
    column = getattr(container.lc, "col", None)
    return column if isinstance(column, int) else 0
