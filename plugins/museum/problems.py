"""Problems found in curators' files, as data.

A problem says where (file, line, column, field) and what (one message in Chinese and one in
English). The command line formats problems for people, for JSON tools and for GitHub
annotations; nothing else in the museum prints them.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the project root, e.g. "collections/artifacts/x.yaml"
    line: int  # 1-based; 0 when the problem concerns the whole file
    column: int  # 1-based
    field: str  # dotted path inside the record, e.g. "sections.0.title"; "" for the file
    zh: str
    en: str

    def __str__(self) -> str:
        field = self.field or "-"
        return f"{self.path}:{self.line}:{self.column}: {field}: {self.zh} / {self.en}"

    def github_annotation(self) -> str:
        # GitHub workflow commands need %, CR and LF escaped in both properties and message.
        def esc(text: str) -> str:
            return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

        def prop(text: str) -> str:  # properties escape ',' and ':' too, as GitHub's toolkit does
            return esc(text).replace(":", "%3A").replace(",", "%2C")

        props = f"file={prop(self.path)},line={self.line},col={self.column}"
        field = self.field or "-"
        return f"::error {props}::{esc(field)}: {esc(self.zh)} / {esc(self.en)}"


class CollectionError(Exception):
    """Raised by stages that refuse to go on because the collection has problems."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(f"{len(self.problems)} problem(s) in the collection")


def problems_to_json(problems: list[Problem]) -> str:
    return json.dumps([asdict(p) for p in sorted(problems)], ensure_ascii=False, indent=2)
