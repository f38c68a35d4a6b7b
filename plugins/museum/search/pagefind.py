"""The search index: Pagefind over the built site (phase 5), with Chinese segmentation.

Pagefind indexes only elements marked ``data-pagefind-body`` (the record pages' main content, not
navigation, footers or listings) and splits its index into chunks that a visitor's browser fetches
on demand, so the first query costs the same at 100 or 100,000 objects.
"""

from __future__ import annotations

import functools
import re
import subprocess
import sys
from pathlib import Path

BUNDLE = "pagefind"
CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


@functools.cache  # a few thousand distinct characters, met millions of times at 100,000 objects
def _code(char: str) -> str:
    number, out = ord(char), ""
    while number:
        number, rest = divmod(number, 36)
        out = _DIGITS[rest] + out
    return out.rjust(4, "0")


def cjk_tokens(*texts: str) -> list[str]:
    """Chinese text as character bigrams (and single characters), spelt in ASCII.

    Pagefind segments Chinese with jieba when it indexes, and the visitor's browser segments the
    query with Intl.Segmenter, whose dictionary differs by browser; the two disagree (万吨水压机 is
    indexed as 万吨/水/压机, so 水压机 finds nothing). Bigrams spelt in ASCII are not segmented at
    all, and museum-search.js spells the query the same way, so 水压机 → 水压 + 压机 finds every
    page containing it, in any browser. This is how search engines have long indexed Chinese
    (the CJK bigram analyzers)."""
    found: dict[str, None] = {}
    for text in texts:
        for run in CJK_RUN.findall(text):
            codes = [_code(c) for c in run]
            for code in codes:
                found.setdefault(f"qy{code}", None)
            for a, b in zip(codes, codes[1:]):
                found.setdefault(f"qz{a}{b}", None)
    return list(found)


class SearchIndexError(Exception):
    pass


def _command(site_dir: Path) -> list[str]:
    return [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", BUNDLE, "--quiet"]


def start_indexing(site_dir: Path) -> subprocess.Popen:
    """Index in the background (live preview: pages reload at once, search follows seconds later)."""
    return subprocess.Popen(_command(site_dir), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def index_site(site_dir: Path) -> str:
    """Index ``site_dir`` in place; return Pagefind's summary. Runs the binary that the
    ``pagefind[extended]`` wheel ships (with Chinese segmentation); nothing is downloaded."""
    result = subprocess.run(_command(site_dir), capture_output=True, text=True, timeout=1800)
    if result.returncode != 0:
        raise SearchIndexError((result.stderr or result.stdout).strip()[-2000:])
    return result.stdout.strip()
