"""Curators' Markdown to safe HTML.

Raw HTML in records is not trusted: markdown-it-py with ``html`` off escapes it, and its link
validation drops ``javascript:``, ``vbscript:``, ``file:`` and non-image ``data:`` URLs. Images
written in Markdown are not rendered as images (they would bypass the image pipeline's checks and
alt-text rule): they become links, whose URLs pass the same validation.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markupsafe import Markup

from museum.records import cjk
from museum.records.fields import Text

_SAFE_SCHEMES = ("http://", "https://", "mailto:", "#", "/", "./", "../")


def _validate_link(url: str) -> bool:
    lowered = url.strip().lower()
    if ":" not in lowered.split("/")[0]:
        return True  # relative link
    return lowered.startswith(_SAFE_SCHEMES)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.validateLink = _validate_link
    md.disable("image")

    def render_link_open(renderer, tokens, idx, options, env):  # external links open safely
        token = tokens[idx]
        href = token.attrGet("href") or ""
        if href.startswith(("http://", "https://")):
            token.attrSet("rel", "noopener noreferrer")
        return renderer.renderToken(tokens, idx, options, env)

    md.add_render_rule("link_open", render_link_open)

    def render_softbreak(renderer, tokens, idx, options, env):  # a wrapped line of Chinese is no space
        return "" if _joined(tokens, idx) else "\n"

    def render_text(renderer, tokens, idx, options, env):
        return escapeHtml(cjk.join(tokens[idx].content, lines=False))

    md.add_render_rule("softbreak", render_softbreak)
    md.add_render_rule("text", render_text)
    return md


def _joined(tokens, idx: int) -> bool:
    """Whether the line break ``tokens[idx]`` falls between Chinese text (``cjk.joins``)."""
    before = tokens[idx - 1].content if idx > 0 else ""
    after = tokens[idx + 1].content if idx + 1 < len(tokens) else ""
    return bool(before and after) and cjk.joins(before[-1], after[0])


def markdown(text: str | None) -> Markup:
    if not text:
        return Markup("")
    return Markup(_parser().render(text))


def markdown_text(text: Text | None, lang: str = "zh") -> Markup:
    if text is None:
        return Markup("")
    return markdown(text.get(lang) or text.zh)


def plain(text: str, limit: int = 160) -> str:
    """A one-line plain-text summary (for meta descriptions and cards)."""
    tokens = _parser().parseInline(text or "", {})
    words: list[str] = []
    for token in tokens:
        for child in token.children or []:
            if child.type in ("text", "code_inline"):
                words.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                words.append(" ")  # a wrapped line of Chinese: joined by cjk.join below
    return _shorten(cjk.join(" ".join("".join(words).split())), limit)


def _shorten(text: str, limit: int | None) -> str:
    return text if limit is None or len(text) <= limit else text[: limit - 1].rstrip() + "…"


# Markdown's marks, not its words (raw HTML in a record is text, as on its page).
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKS = re.compile(r"[*_`#|]+|^\s*(?:[-+>]|\d+\.)\s+", re.M)


def flat(text: str, limit: int | None = None) -> str:
    """Plain text by pattern, not by parsing: ``plain`` is exact, but parsing the Markdown of every
    record costs seconds at 100,000 records in two languages (search documents, JSON-LD)."""
    return _shorten(cjk.join(" ".join(_MARKS.sub("", _LINK.sub(r"\1", text)).split())), limit)
