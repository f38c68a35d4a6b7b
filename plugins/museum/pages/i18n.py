"""The interface in each of the site's languages: which languages, where their pages live, and the
catalogue of interface strings.

The site's own language is Chinese, at the root; each other language mirrors every page under its
code (``en/artifacts/x/``). Interface strings are written in Chinese where they are used, marked
``_("…")`` in Python and in templates (Jinja's i18n extension), and translated in a gettext
catalogue per language (``locale/<lang>/LC_MESSAGES/museum.po``, read with Babel; ``make strings``
updates it from the sources). A string a catalogue lacks is an error, not a Chinese word on an
English page: tests/test_i18n.py checks that every string the sources use is translated.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

LANGUAGES = ("zh", "en")  # the first is the site's own language, at the root
DEFAULT = LANGUAGES[0]
LOCALE = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "museum"
# How each language names itself (the language switch), and its OpenGraph locale.
AUTONYMS = {"zh": "中文", "en": "English"}
OG_LOCALES = {"zh": "zh_CN", "en": "en_US"}


class MissingString(KeyError):
    pass


def N_(msgid: str) -> str:
    """Marks a string for the catalogue where it is declared; it is translated where it is shown."""
    return msgid


def prefix(lang: str) -> str:
    """Where a language's pages live: "" for the site's own language, "en/" for English."""
    return "" if lang == DEFAULT else f"{lang}/"


def localized(url: str, lang: str) -> str:
    """The site-relative URL of the page ``url`` (a Chinese page's URL) in ``lang``."""
    return prefix(lang) + url


def split(url: str) -> tuple[str, str]:
    """(language, the page's URL in the site's own language) of a site-relative URL."""
    for lang in LANGUAGES[1:]:
        if url.startswith(prefix(lang)):
            return lang, url[len(prefix(lang)):]
    return DEFAULT, url


def twins(url: str) -> dict[str, str]:
    """The same page in every language, by language code."""
    _, own = split(url)
    return {lang: localized(own, lang) for lang in LANGUAGES}


def alternates(base: str, url: str, languages: tuple[str, ...]) -> dict[str, str]:
    """hreflang -> the page's absolute URL in each of ``languages``, and x-default (the site's own
    language); {} for a site in one language."""
    if len(languages) < 2:
        return {}
    found = {lang: base + twin for lang, twin in twins(url).items() if lang in languages}
    return {**found, "x-default": found[DEFAULT]}


def twin(url: str, languages: tuple[str, ...]) -> str | None:
    """The site-relative URL of the same page in the other language (the language switch); None for
    a site in one language."""
    lang = split(url)[0]
    other = next((code for code in languages if code != lang), None)
    return twins(url)[other] if other else None


class Strings:
    """One language's interface strings: ``_("藏品")`` is "Collection" in English.

    Placeholders are ``%(name)s``, as in Jinja's i18n extension (``_("查看全部 %(n)s 项", n=30)``)."""

    def __init__(self, lang: str, table: dict[str, str | tuple[str, ...]]):
        self.lang = lang
        self.table = table

    def gettext(self, msgid: str) -> str:
        """The text of ``msgid`` in this language, placeholders left in."""
        if self.lang == DEFAULT:
            return msgid
        text = self.table.get(msgid)
        if not text or not isinstance(text, str):
            raise MissingString(f"no {self.lang} text for interface string {msgid!r} in {DOMAIN}.po")
        return text

    def _(self, msgid: str, **values) -> str:
        text = self.gettext(msgid)
        return text % values if values else text

    def ngettext_raw(self, singular: str, plural: str, n: int) -> str:
        if self.lang == DEFAULT:
            return singular if n == 1 else plural
        forms = self.table.get(singular)
        if not isinstance(forms, tuple) or len(forms) < 2 or not all(forms):
            raise MissingString(f"no {self.lang} plural forms for {singular!r} in {DOMAIN}.po")
        return forms[0] if n == 1 else forms[1]  # the catalogues' languages say one and many

    def ngettext(self, singular: str, plural: str, n: int, **values) -> str:
        values.setdefault("num", n)
        return self.ngettext_raw(singular, plural, n) % values

    def pick(self, text) -> str:
        """A record's Text (or a plain string) in this language, else in Chinese."""
        if text is None:
            return ""
        if isinstance(text, str):
            return text
        return text.get(self.lang) or text.zh


def catalogue_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalogue(lang: str):
    with catalogue_path(lang).open("rb") as fh:
        return read_po(fh, locale=lang, domain=DOMAIN)


@cache
def strings(lang: str) -> Strings:
    if lang == DEFAULT:
        return Strings(lang, {})
    table: dict[str, str | tuple[str, ...]] = {}
    for message in read_catalogue(lang):
        if not message.id or message.fuzzy:
            continue
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        table[key] = tuple(message.string) if isinstance(message.string, (tuple, list)) else message.string
    return Strings(lang, table)


def extract_nav(fileobj, keywords, comment_tags, options):
    """Babel's extractor for mkdocs.yml (locale/babel.cfg): the navigation's titles and the site's
    name, which the host's pages show in each language."""
    import yaml

    class Loader(yaml.SafeLoader):  # mkdocs.yml's own tags (!ENV, !!python/…) name no strings
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    config = yaml.load(fileobj.read().decode("utf-8"), Loader=Loader) or {}
    if config.get("site_name"):
        yield 1, "_", config["site_name"], ["mkdocs.yml: site_name"]

    def titles(items):
        for item in items or []:
            if isinstance(item, dict):
                for title, value in item.items():
                    yield title
                    if isinstance(value, list):
                        yield from titles(value)

    for title in titles(config.get("nav")):
        yield 1, "_", title, ["mkdocs.yml: nav"]
