"""The page shell: the host's page (header, tabs, footer, assets) with slots the core fills.

The host (today MkDocs with Material, see adapters/mkdocs) renders one shell per folder depth, since
a page's links to the assets are relative and depend only on its depth. A shell is that page with
each of ``SLOTS`` standing where the page's own text goes; ``Shell.fill`` puts a page's values in.
Every slot must occur in a shell, so a change of theme that loses one fails loudly, not silently.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

# What the host is given in place of a page's values, and what the core puts there for a page.
TITLE = "MUSEUMSLOTTITLE"  # the page title, as HTML text (in <title> and the header)
DESCRIPTION = "MUSEUMSLOTDESCRIPTION"  # <meta name="description">, as HTML text
CANONICAL = "MUSEUMSLOTCANONICAL"  # the page's absolute URL
CSP = "MUSEUMSLOTCSP"  # the Content-Security-Policy (output/csp.py)
HEAD = "MUSEUMSLOTHEAD"  # the core's extra <head> tags: OpenGraph, JSON-LD, the other languages' pages
TWIN = "MUSEUMSLOTTWIN"  # the relative link to the same page in the other language (the language switch)
TITLE_LANG = "MUSEUMSLOTTITLELANG"  # in the header's title tag: lang="zh" where the title is not in the page's language
# The body: written as a heading so that a theme which adds an <h1> to pages without one (Material
# does) sees one; every body template has its own <h1>.
BODY = "<h1>MUSEUMSLOTBODY</h1>"
SLOTS = (TITLE, DESCRIPTION, CANONICAL, CSP, HEAD, TWIN, TITLE_LANG, BODY)
_SPLIT = re.compile("(" + "|".join(re.escape(slot) for slot in sorted(SLOTS, key=len, reverse=True)) + ")")  # longest first


class ShellError(Exception):
    pass


@dataclass(frozen=True)
class Shell:
    parts: tuple[str, ...]  # literal text and slot names, alternating (literal first)

    @classmethod
    def parse(cls, text: str, slots: tuple[str, ...] = SLOTS) -> Shell:
        """``slots``: those the shell must have (a site in one language has no language switch: TWIN)."""
        parts = tuple(_SPLIT.split(text))
        missing = [slot for slot in slots if slot not in parts[1::2]]
        if missing:
            raise ShellError(f"the page shell lacks {', '.join(missing)}: the theme's templates changed")
        return cls(parts)

    def fill(self, *, title: str, description: str, canonical: str, csp: str, head: str, body: str,
             twin: str = "", title_lang: str = "") -> str:
        values = {TITLE: html.escape(title), DESCRIPTION: html.escape(description), CANONICAL: canonical,
                  CSP: csp, HEAD: head, TWIN: html.escape(twin), BODY: body,
                  TITLE_LANG: f'lang="{title_lang}"' if title_lang else ""}
        parts = list(self.parts)
        parts[1::2] = [values[slot] for slot in parts[1::2]]
        return "".join(parts)


def depth(url: str) -> int:
    """A page's folder depth: "" is 0, "artifacts/x/" is 2. Pages at one depth (and in one
    language) share a shell."""
    return url.count("/")
