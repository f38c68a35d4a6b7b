"""The dates registrars write, read as the span of years they mean (in the spirit of EDTF).

A catalogue says ``c.1821``, ``约1821年``, ``1796–7``, ``1950年代``, ``19世纪``. Each is kept as the
curator wrote it (the record's ``display``) and read as the years it may mean:

| written | years |
| --- | --- |
| ``1958年``, ``1958年7月``, ``1958年7月13日`` | a certain date, as ``1958``, ``1958-07``, ``1958-07-13`` |
| ``c.1821``, ``ca. 1821``, ``circa 1821``, ``约1821年``, ``1821年前后``, ``1821年左右`` | 1816–1826 (± ``CIRCA``) |
| ``1796–1797``, ``1796–7``, ``1796-97``, ``1796至1797年`` | 1796–1797 |
| ``1950年代``, ``1950s``, ``约1950年代`` | 1950–1959 |
| ``19世纪``, ``19th century`` | 1800–1899 |
| ``19世纪50年代`` | 1850–1859 |

Anything else is refused by the caller with the list of what it may write (records/fields.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

CIRCA = 5  # years either side of an approximate year ("c.1821")

_DASH = r"\s*(?:[-‐–—~～至到]|—+)\s*"
_ABOUT = r"(?:约|大约|c\.?|ca\.?|circa)\s*"
_CHINESE_DATE = re.compile(r"^(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?$")
_CIRCA = re.compile(rf"^(?:{_ABOUT}(\d{{3,4}})\s*年?(?:前后|左右)?|(\d{{3,4}})\s*年?(?:前后|左右))$", re.I)
_RANGE = re.compile(rf"^(\d{{3,4}})\s*年?{_DASH}(\d{{1,4}})\s*年?$")
_DECADE = re.compile(rf"^(?:{_ABOUT})?(\d{{3}})0\s*(?:年代|'?s)$", re.I)
_CENTURY = re.compile(r"^(\d{1,2})\s*(?:世纪|(?:st|nd|rd|th)\s+century)$", re.I)
_CENTURY_DECADE = re.compile(r"^(\d{1,2})世纪([1-9])0年代$")
_ORDINAL = {1: "st", 2: "nd", 3: "rd"}


@dataclass(frozen=True)
class Read:
    start: int
    end: int
    iso: str | None = None  # a certain date, as ISO 8601
    english: str | None = None  # how an English page says an uncertain one


def _normal(text: str) -> str:
    return text.strip().translate(str.maketrans("０１２３４５６７８９", "0123456789"))


@lru_cache(maxsize=65536)  # (an English page says each uncertain date it shows: Date.english)
def read(text: str) -> Read | None:
    """The years a date written as ``text`` means, or None for a form not known here."""
    text = _normal(text)
    if m := _CHINESE_DATE.match(text):
        year, month, day = int(m.group(1)), m.group(2), m.group(3)
        iso = f"{year:04d}" + (f"-{int(month):02d}" if month else "") + (f"-{int(day):02d}" if day else "")
        return Read(year, year, iso)
    if m := _CIRCA.match(text):
        year = int(m.group(1) or m.group(2))
        return Read(year - CIRCA, year + CIRCA, english=f"c. {year}")
    if m := _RANGE.match(text):
        first, last = m.group(1), m.group(2)
        if len(last) < len(first):  # 1796–7, 1796-97: the end's missing digits are the start's
            last = first[: len(first) - len(last)] + last
        start, end = int(first), int(last)
        return Read(start, end, english=f"{start}–{end}") if start <= end else None
    if m := _DECADE.match(text):
        start = int(m.group(1)) * 10
        return Read(start, start + 9, english=f"{'c. ' if text[0] in '约大cC' else ''}{start}s")
    if m := _CENTURY_DECADE.match(text):
        start = (int(m.group(1)) - 1) * 100 + int(m.group(2)) * 10
        return Read(start, start + 9, english=f"{start}s")
    if m := _CENTURY.match(text):
        n = int(m.group(1))
        if not 1 <= n <= 21:
            return None
        suffix = "th" if 10 <= n % 100 <= 20 else _ORDINAL.get(n % 10, "th")
        return Read((n - 1) * 100, n * 100 - 1, english=f"{n}{suffix} century")
    return None
