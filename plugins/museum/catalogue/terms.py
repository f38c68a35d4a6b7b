"""A vocabulary field's value, or a reference, as a curator writes it: the id, or a name, or a near miss.

``industry: 石油`` means ``petroleum``: a label (Chinese or English, in any case) is taken for its id.
A value that is neither gets a message a curator can act on: the valid values when the vocabulary is
short, else the nearest ("did you mean"), else where the list is. A reference written as a record's
name (``museum: 大庆油田历史陈列馆``) is not taken (names change, ids are permanent), but answered with
the id to write.
"""

from __future__ import annotations

import difflib

from museum.records.models import KINDS, Record, VocabEntry

LISTED = 12  # a vocabulary this short is listed whole in the message


def _forms(entry: VocabEntry) -> list[str]:
    return [entry.id, *(text for _, text in entry.label.values)]


def named(entries: dict[str, VocabEntry], value: str) -> str | None:
    """The id ``value`` names: an id in another case or with spaces, or a label in any language."""
    wanted = value.strip().casefold()
    for entry in entries.values():
        if any(form.strip().casefold() == wanted for form in _forms(entry)):
            return entry.id
    return None


def _shown(entry: VocabEntry) -> str:
    return f"{entry.id}（{entry.label.zh}）"


def _shown_en(entry: VocabEntry) -> str:
    return f"{entry.id} ({entry.label.en or entry.label.zh})"


def unknown(vocabulary: str, entries: dict[str, VocabEntry], value: str) -> tuple[str, str]:
    where_zh, where_en = f"词表 {vocabulary} 中没有“{value}”", f"'{value}' is not in the {vocabulary} vocabulary"
    if not entries:  # an optional vocabulary the collection does not have (records/models.py)
        return (f"{where_zh}：这个收藏还没有这个词表，请先建立 collections/vocab/{vocabulary}.yaml 并写上这一项",
                f"{where_en}: this collection has no such vocabulary yet; create collections/vocab/{vocabulary}.yaml "
                f"with this entry first")
    if len(entries) <= LISTED:
        return (f"{where_zh}；可选：{'、'.join(_shown(e) for e in entries.values())}",
                f"{where_en}; choose one of: {', '.join(_shown_en(e) for e in entries.values())}")
    by_form = {form.casefold(): entry for entry in entries.values() for form in _forms(entry)}
    close = difflib.get_close_matches(value.casefold(), list(by_form), n=3, cutoff=0.5)
    near = list(dict.fromkeys(by_form[form].id for form in close))
    if near:
        shown = [entries[i] for i in near]
        return (f"{where_zh}；是否想写 {'、'.join(_shown(e) for e in shown)}？",
                f"{where_en}; did you mean {' or '.join(_shown_en(e) for e in shown)}?")
    return (f"{where_zh}；可用的编号和名称见 collections/vocab/{vocabulary}.yaml 或字段参考页",
            f"{where_en}; the ids and names it has are in collections/vocab/{vocabulary}.yaml and the field reference")


def named_record(records: dict[str, Record], kind: str, name: str) -> tuple[str, str]:
    """What to say of a reference that gives a record's name where its id belongs."""
    label = KINDS[kind]
    by_name: dict[str, list[str]] = {}
    for record in records.values():
        for _, text in record.label.values:
            by_name.setdefault(text.strip().casefold(), []).append(record.id or "")
    found = by_name.get(name.casefold(), [])
    if len(found) == 1:
        return (f"“{name}”是{label.zh}的名称，不是编号；请写它的编号：{found[0]}",
                f"'{name}' is the name of a {label.en}, not its id; write its id: {found[0]}")
    close = difflib.get_close_matches(name.casefold(), list(by_name), n=3, cutoff=0.6)
    ids = list(dict.fromkeys(i for form in close for i in by_name[form]))[:3] if not found else found[:3]
    if ids:
        return (f"“{name}”不是编号：引用请写记录的编号（即文件名），是否想写 {'、'.join(ids)}？",
                f"'{name}' is not an id: a reference gives the record's id (its file name); did you mean "
                f"{' or '.join(ids)}?")
    return (f"“{name}”不是编号，也没有叫这个名称的{label.zh}：引用请写记录的编号（即 collections/{label.folder}/ 中的文件名）",
            f"'{name}' is not an id, and no {label.en} has this name: a reference gives the record's id (its file "
            f"name in collections/{label.folder}/)")
