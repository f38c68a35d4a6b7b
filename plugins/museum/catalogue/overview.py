"""Many problems at a glance (``check --summary``): grouped by kind of record and by message.

A message is grouped by its pattern, its specifics taken out: the quoted values, file paths and
numbers, so that 300 "'autos' is not in the industries vocabulary" become one group of 300, with a few
places as examples, while what tells one mistake from another (the vocabulary, the field's rule) stays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from museum.catalogue.ledger import LEDGER, ledger_file
from museum.records.loader import MEDIA_FOLDER, VOCAB_FOLDER, place_in, shown
from museum.records.models import FOLDER_KIND, KINDS
from museum.records.problems import Problem

EXAMPLES = 3  # places shown for each group

# The specifics of a message, in the order they are taken out.
_SPECIFICS = [
    (re.compile(r"“[^”]*”"), "“…”"),
    (re.compile(r"(?<![\w'])'[^'\n]*'(?![\w'])"), "'…'"),  # (not the apostrophe in "museum's")
    (re.compile(r"[\w.-]*(?:/[\w.-]+)+\.[A-Za-z]\w*"), "…"),  # a file: collections/artifacts/x.yaml, media/y.png
    (re.compile(rf"\b({'|'.join(map(re.escape, FOLDER_KIND))})/[a-z0-9-]+"), r"\1/…"),  # a record's URL, not its kind
    (re.compile(r"\[[^\]\n]*\]"), "[…]"),  # a list of ids
    (re.compile(r"(?<![\w/.-])\d+(?:\.\d+)?(?![\w/])"), "…"),  # a year, a count, a limit (not UTF-8)
]


def pattern(text: str) -> str:
    for regex, stands_for in _SPECIFICS:
        text = regex.sub(stands_for, text)
    return text


@dataclass
class Group:
    kind: tuple[str, str]  # (中文, English) of the kind of record, or of the file, the problems are in
    zh: str  # the message's pattern
    en: str
    problems: list[Problem] = field(default_factory=list)

    @property
    def examples(self) -> list[Problem]:
        return self.problems[:EXAMPLES]


# What is not a record's file, in the order shown after the kinds.
_OTHERS = {VOCAB_FOLDER: ("词表", "vocabularies"), MEDIA_FOLDER: ("图片", "media"), LEDGER: ("已发布的网址", "published URLs")}
_ELSE = ("其他", "other")


def _kinds() -> list[tuple[str, str]]:
    return [*((k.zh, k.en_plural) for k in KINDS.values()), *_OTHERS.values(), _ELSE]


def kind_of(problem: Problem, collections: Path, root: Path) -> tuple[str, str]:
    if problem.path == shown(ledger_file(collections), root):
        return _OTHERS[LEDGER]
    place = place_in(collections, root, problem.path)
    if place is None:
        return _ELSE
    if place[0] in FOLDER_KIND:
        kind = KINDS[FOLDER_KIND[place[0]]]
        return kind.zh, kind.en_plural
    return _OTHERS.get(place[0], _ELSE)


def group_problems(problems: list[Problem], collections: Path, root: Path) -> list[Group]:
    """The groups by kind (in the catalogue's order), each kind's largest first; problems in their order."""
    groups: dict[tuple, Group] = {}
    for problem in sorted(problems):
        kind = kind_of(problem, collections, root)
        zh, en = pattern(problem.zh), pattern(problem.en)
        groups.setdefault((kind, zh, en), Group(kind, zh, en)).problems.append(problem)
    order = {kind: n for n, kind in enumerate(_kinds())}
    return sorted(groups.values(), key=lambda g: (order[g.kind], -len(g.problems), g.zh, g.en))
