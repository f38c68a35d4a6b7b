"""Joining wrapped lines of Chinese text the way Chinese is written: without a space.

Curators wrap long text in YAML (``|`` blocks keep the line breaks, ``>`` turns them into spaces).
A line break between words is a space in English, but none in Chinese; browsers other than Firefox
show it as one (「水压机。 这台」). ``join`` removes such a gap where a Chinese character or
punctuation mark meets another, or after Chinese punctuation; paragraph breaks (a blank line) stay.
"""

from __future__ import annotations

import re

# Ideographs (CJK Unified, Extension A, Compatibility), kana, and the CJK and full-width punctuation.
_IDEOGRAPH = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_PUNCT = "\u3000-\u303f\uff00-\uffef"
_WIDE = f"[{_IDEOGRAPH}{_PUNCT}]"
_QUOTE = "[\u201c\u201d\u2018\u2019\u2014\u2026\u00b7]"  # “”‘’—…· join on the Chinese side of a gap
# A gap: spaces, or one line break with the spaces around it (a blank line is a paragraph break).
_GAP = re.compile(r"(?<=(\S))(?:[ \t\u3000]*\n[ \t\u3000]*|[ \t\u3000]+)(?=(\S))")
_WIDE_RE = re.compile(_WIDE)
_PUNCT_RE = re.compile(f"[{_PUNCT}]")
_QUOTE_RE = re.compile(_QUOTE)


def joins(left: str, right: str) -> bool:
    """Whether a wrapped line or a space between the characters ``left`` and ``right`` is no space at all."""
    wide_l, wide_r = bool(_WIDE_RE.match(left)), bool(_WIDE_RE.match(right))
    if wide_l and wide_r:
        return True
    if _PUNCT_RE.match(left) or _PUNCT_RE.match(right):
        return True  # after (or before) Chinese punctuation, as in 「条件下，采用」
    return (wide_l and bool(_QUOTE_RE.match(right))) or (wide_r and bool(_QUOTE_RE.match(left)))


def _join(m: re.Match) -> str:
    return "" if joins(m.group(1), m.group(2)) else m.group(0)


def join(text: str, lines: bool = True) -> str:
    """``text`` with the gaps of wrapped Chinese lines removed; with ``lines=False`` only the spaces
    within a line (in Markdown a line break may end a heading: pages/markup.py joins a paragraph's
    lines itself)."""
    if not text or not _WIDE_RE.search(text):
        return text
    if lines:
        return _GAP.sub(_join, text)
    return _GAP.sub(lambda m: m.group(0) if "\n" in m.group(0) else _join(m), text)


_MARKUP = re.compile(r"(<(pre|code|script|style|textarea)\b.*?</\2>|<[^>]*>)", re.S | re.I)


def join_html(html: str) -> str:
    """``join`` for the text of an HTML fragment (hand-written pages, rendered by the host's Markdown):
    tags, and the text of code, preformatted blocks and scripts, are left as they are."""
    if not _WIDE_RE.search(html):
        return html
    parts = _MARKUP.split(html)
    # split gives text, markup, the group's tag name, text, …: join the text only
    out = []
    for i in range(0, len(parts), 3):
        out.append(join(parts[i]))
        if i + 1 < len(parts):
            out.append(parts[i + 1])
    return "".join(out)
