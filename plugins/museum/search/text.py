"""How text becomes search terms, the same way for a record and for a visitor's query.

museum-search.js does exactly what this module does to a query (fold, split, stem, pinyin), and
tests/test_search_index.py holds the two to the same answers.

- **Folding.** NFKC (full-width letters and compatibility ideographs), lower case, and traditional
  characters to simplified, one character for one (OpenCC's t2s, applied character by character,
  so a folded text has the same characters as the original, which the excerpt highlighting needs).
- **Chinese** is indexed as character bigrams (水压机 → 水压, 压机), so any part of a word finds it
  without a dictionary; single characters only for names and tags, where a one-character query
  is meant (a description's single characters would match everything).
- **Letters and digits** as words; English words stemmed (Snowball), so `locomotives` finds
  `locomotive`. A query's words also match longer words as a prefix, as the visitor types.
- **Pinyin** of names and tags, per character with its common readings (重庆 → chong qing as well
  as zhong qing), as single syllables and adjacent pairs written together (`~jiefang`).
"""

from __future__ import annotations

import functools
import re
import unicodedata
import zlib

import opencc
import snowballstemmer
from pypinyin import Style, pinyin

# Field weights, two bits in every posting: what people search by ranks above what merely mentions it.
NAME, TAG, TEXT = 3, 2, 1
PINYIN = "~"  # pinyin terms are apart from English words of the same letters
CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
TOKEN = re.compile(rf"[{CJK}]+|[0-9a-z\u00df-\u024f]+")
KEY_LENGTH = 4  # words are filed by their first letters, so one shard holds every word a prefix can extend to
READINGS = 2  # readings of a character that its pinyin pairs use (长春 is chang chun, the second)


@functools.cache
def simplified_table() -> dict[int, str]:
    """Traditional → simplified, character for character (a few thousand entries; the browser
    fetches it whole, once, search.index.write_fold)."""
    convert = opencc.OpenCC("t2s").convert
    table = {}
    for block in ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00)):
        for code in range(*block):
            char = chr(code)
            simple = convert(char)
            if simple != char and len(simple) == 1:
                table[code] = simple
    return table


@functools.cache
def fold_table() -> dict[int, str]:
    """Every character of the Basic Multilingual Plane that folding changes: NFKC, lower case, then
    simplified. One ``str.translate`` instead of normalizing each text (which Chinese punctuation,
    full-width, always makes necessary)."""
    simple = simplified_table()
    table = {}
    for code in range(0x10000):
        if 0xD800 <= code < 0xE000:
            continue
        char = chr(code)
        folded = "".join(simple.get(ord(c), c) for c in unicodedata.normalize("NFKC", char).lower())
        if folded != char:
            table[code] = folded
    return table


def fold(text: str) -> str:
    return text.translate(fold_table())


@functools.cache
def stem(word: str) -> str:
    if not (word.isascii() and word.isalpha()) or len(word) < 3:
        return word
    return _stemmer().stemWord(word)


@functools.cache
def _stemmer():
    return snowballstemmer.stemmer("english")


_READINGS: dict[str, tuple[str, ...]] = {}


def readings(char: str) -> tuple[str, ...]:
    """The pinyin of one character, its most common reading first (none for a character without)."""
    found = _READINGS.get(char)
    if found is None:
        heard = pinyin(char, style=Style.NORMAL, heteronym=True, errors=lambda _: [""])[0]
        found = _READINGS[char] = tuple(r for r in heard if r.isascii() and r.isalpha())
    return found


def tokens(text: str) -> list[str]:
    """Runs of Chinese characters and words of letters or digits, folded."""
    return TOKEN.findall(fold(text))


def is_cjk(token: str) -> bool:
    return token[0] > "\u3000"


def key(term: str) -> str:
    """The part of a term that decides its shard: a word's first letters, anything else whole."""
    if is_cjk(term) or term.startswith(PINYIN):
        return term
    return term[:KEY_LENGTH]


def bucket(term: str, buckets: int) -> int:
    return zlib.crc32(key(term).encode("utf-8")) % buckets


def terms_of(text: str, names: bool = False) -> list[str]:
    """The terms of ``text``. ``names``: titles, names and tags, which are also found by single
    characters and by pinyin."""
    terms: list[str] = []
    for token in tokens(text):
        if is_cjk(token):
            terms += map(str.__add__, token, token[1:])  # bigrams
            if names or len(token) == 1:
                terms += token
            if names:
                terms += _pinyin_terms(token)
        else:
            terms.append(stem(token))
    return terms


def _distinct(terms: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(terms))


# Tags and facet values recur (a city, a material, a museum's name): each is analysed once, while it
# recurs (bounded: a title, unique, is not kept).
@functools.lru_cache(maxsize=1 << 14)
def name_terms(text: str) -> tuple[str, ...]:
    return _distinct(terms_of(text, True))


@functools.lru_cache(maxsize=1 << 14)
def tag_terms(text: str) -> tuple[str, ...]:
    return _distinct(terms_of(text, False))


def add_terms(out: dict[str, int], text: str, weight: int, names: bool = False) -> None:
    """The terms of ``text`` into ``out`` (term → best weight)."""
    for term in terms_of(text, names):
        if out.get(term, 0) < weight:
            out[term] = weight


def _pinyin_terms(run: str) -> list[str]:
    syllables = [readings(c) for c in run]
    terms = [PINYIN + r for rs in syllables for r in rs]
    for a, b in zip(syllables, syllables[1:]):
        terms += [PINYIN + x + y for x in a[:READINGS] for y in b[:READINGS]]
    return terms


def syllables() -> tuple[str, ...]:
    """The syllables of every character read so far, for splitting a typed ``jiefang`` into jie +
    fang: an index needs only the syllables of the characters its names have."""
    return tuple(sorted({r for rs in _READINGS.values() for r in rs}))
