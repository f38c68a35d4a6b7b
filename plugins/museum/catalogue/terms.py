"""A vocabulary field's value as a curator writes it: the id, or a label, or a near miss.

``industry: 石油`` means ``petroleum``: a label (Chinese or English, in any case) is taken for its id.
A value that is neither gets a message a curator can act on: the valid values when the vocabulary is
short, else the nearest ("did you mean"), else where the list is.
"""

from __future__ import annotations

import difflib

from museum.records.models import VocabEntry

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
