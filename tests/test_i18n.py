"""The catalogue of interface strings: every string the sources use has its English, with the same
placeholders, and the catalogue keeps nothing the sources no longer use."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg

from museum.pages import i18n

ROOT = Path(__file__).resolve().parents[1]
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def used_strings() -> dict[str, tuple[str, ...]]:
    """msgid -> its forms (one, or singular and plural): what `make strings` extracts, as
    locale/babel.cfg says (the Python, the templates, mkdocs.yml's navigation)."""
    with (i18n.LOCALE / "babel.cfg").open(encoding="utf-8") as fh:
        method_map, options = parse_mapping_cfg(fh)
    keywords = {**DEFAULT_KEYWORDS, "N_": None}
    found: dict[str, tuple[str, ...]] = {}
    for _, _, message, _, _ in extract_from_dir(str(ROOT), method_map, options, keywords):
        forms = message if isinstance(message, tuple) else (message,)
        if forms[0]:
            found[forms[0]] = forms
    return found


@pytest.fixture(scope="module")
def used():
    return used_strings()


@pytest.fixture(scope="module")
def english():
    return {m.id[0] if isinstance(m.id, tuple) else m.id: m for m in i18n.read_catalogue("en") if m.id}


def test_the_sources_use_interface_strings(used):
    # (An extractor that found nothing would make the other tests pass vacuously.)
    assert {"藏品介绍", "筛选", "永久链接：", "查看全部 %(n)s 项", "%(num)s 站", "国家数字工业博物馆", "关于"} <= used.keys()


def test_every_string_the_sources_use_has_its_english(used, english):
    missing = [msgid for msgid in used if msgid not in english or english[msgid].fuzzy]
    assert not missing, f"not in locale/en/LC_MESSAGES/museum.po (run `make strings`, then translate): {missing}"
    empty = [msgid for msgid, m in english.items()
             if msgid in used and not (all(m.string) if isinstance(m.string, tuple) else m.string)]
    assert not empty, f"no English yet: {empty}"


def test_the_english_keeps_every_placeholder_and_no_chinese(used, english):
    wrong = []
    for msgid, forms in used.items():
        message = english.get(msgid)
        if message is None:
            continue
        texts = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = {name for form in forms for name in PLACEHOLDER.findall(form)}
        for text in texts:
            if set(PLACEHOLDER.findall(text)) - expected or (len(forms) == 1 and set(PLACEHOLDER.findall(text)) != expected):
                wrong.append((msgid, text))
            if CJK.search(text):
                wrong.append((msgid, text))
    assert not wrong, wrong


def test_the_catalogue_keeps_no_string_the_sources_dropped(used, english):
    assert not [msgid for msgid in english if msgid not in used]


def test_a_string_the_catalogue_lacks_is_an_error_not_chinese_on_an_english_page():
    with pytest.raises(i18n.MissingString, match="no en text"):
        i18n.strings("en")._("一个不存在的界面文字")
    assert i18n.strings("zh")._("查看全部 %(n)s 项", n=30) == "查看全部 30 项"
    assert i18n.strings("en")._("查看全部 %(n)s 项", n=30) == "See all 30 items"
    assert i18n.strings("en").ngettext("共 %(num)s 项", "共 %(num)s 项", 1) == "1 item"
    assert i18n.strings("en").ngettext("%(num)s 站", "%(num)s 站", 1) == "1 stop"
    assert i18n.strings("en").ngettext("%(num)s 站", "%(num)s 站", 4) == "4 stops"


def test_each_language_mirrors_the_site_under_its_prefix():
    assert i18n.localized("artifacts/x/", "en") == "en/artifacts/x/"
    assert i18n.localized("artifacts/x/", "zh") == "artifacts/x/"
    assert i18n.split("en/artifacts/x/") == ("en", "artifacts/x/")
    assert i18n.split("entries/") == ("zh", "entries/")  # (a Chinese page whose path starts with "en")
    assert i18n.twins("") == {"zh": "", "en": "en/"}
