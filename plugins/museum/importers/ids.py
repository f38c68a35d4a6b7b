"""Ids for new records: words of a name, transliterated, joined by hyphens, cut between words.

Chinese characters become their pinyin without tones (``pypinyin``), one word per syllable; any
other text goes through ``python-slugify``, which transliterates Latin letters with accents and
other scripts (Sèvres → ``sevres``, Straße → ``strasse``) and splits it into words at spaces and
punctuation. An id of more than 64 characters loses whole words from its end, never part of a word
or a syllable: ``jie-fang-pai-ca10-xing-…`` is cut after a syllable. Only records created from now on
get ids this way: the importers find a record they wrote before by ``extra.import``, never by its
id, so an id once written stays what it was (ids are permanent URLs).
"""

from __future__ import annotations

from slugify import slugify

from museum.records.fields import ID_MAX

# Readings pypinyin gets wrong in these names (ids are permanent URLs: read them right first time).
# Add a phrase here when an imported id misreads a polyphonic character.
PINYIN_PHRASES = {
    "长风": [["cháng"], ["fēng"]],  # 重庆长风化工厂
    "重钢": [["chóng"], ["gāng"]],  # 重钢 = 重庆钢铁
    "江厦": [["jiāng"], ["xià"]],  # 温岭江厦潮汐试验电站
}

# An apostrophe joins a word (Jacob's → jacobs) instead of splitting it in two.
_APOSTROPHES = [["'", ""], ["\u2019", ""]]


def id_words(text: str) -> list[str]:
    """The words an id is made of: a pinyin syllable per Chinese character, slugify's words for the rest."""
    from pypinyin import Style, lazy_pinyin, load_phrases_dict

    load_phrases_dict(PINYIN_PHRASES)
    # lazy_pinyin gives a syllable per Chinese character and leaves every other run of text as it is.
    chunks = lazy_pinyin(text, style=Style.NORMAL)
    return [word for chunk in chunks for word in slugify(chunk, replacements=_APOSTROPHES).split("-") if word]


def slug_id(text: str, limit: int = ID_MAX) -> str:
    """The id made of ``text``: 解放牌CA10型 → ``jie-fang-pai-ca10-xing``; "" when no word fits in ``limit``."""
    return join_words(id_words(text), limit)


def join_words(words: list[str], limit: int = ID_MAX) -> str:
    """As many whole words as fit in ``limit`` characters, hyphen-joined."""
    kept: list[str] = []
    length = -1
    for word in words:
        if length + 1 + len(word) > limit:
            break
        kept.append(word)
        length += 1 + len(word)
    return "-".join(kept)


def with_suffix(base: str, suffix: str) -> str:
    """``base`` and ``suffix`` (``-b4``, ``-2``) within the id limit, whole words of ``base`` dropped to
    make room; "" when even the first word does not fit."""
    head = join_words(base.split("-"), ID_MAX - len(suffix))
    return f"{head}{suffix}" if head else ""
