"""Page specs to HTML with the museum's own Jinja templates (phase 4), independent of MkDocs.

The body of each page and the extra <head> tags (OpenGraph, JSON-LD, the other languages' pages)
come from here; the MkDocs adapter places them inside the Material theme's shell. Each language has
its own template environment: its interface strings (``_()``, the i18n extension) and filters that
show a record's text in the page's language, or in Chinese, marked as such, where it has none.
"""

from __future__ import annotations

import json
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from museum.pages import i18n, iiif, jsonld, urls
from museum.pages.i18n import N_
from museum.pages.markup import markdown
from museum.pages.spec import SITE_NAME, PageSpec
from museum.pages.views import Joined
from museum.records.fields import Text

TEMPLATES = Path(__file__).parent / "templates"
# What the picture viewer's script says (theme/assets/museum-gallery.js), given to it by the page.
GALLERY_WORDS = {"viewer": N_("图片查看器"), "deep": N_("可缩放的大图：加号放大、减号缩小、方向键移动"),
                 "prev": N_("上一张"), "next": N_("下一张"), "zoom": N_("放大细看"), "unzoom": N_("退出放大"),
                 "close": N_("关闭"), "count": N_("第 %(n)s / %(total)s 张")}


def compiled_cache(folder: Path | None) -> FileSystemBytecodeCache | None:
    """Compiled templates kept in ``folder`` between runs (Jinja checks each against its source):
    compiling Material's and our templates anew took half a second of every rebuild."""
    if folder is None:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    return FileSystemBytecodeCache(str(folder))


class Filters:
    """How a page in ``lang`` shows values: a record's Text in ``lang``, else in Chinese with
    ``lang="zh"`` on its element; interface strings and plain values as they are."""

    def __init__(self, lang: str):
        self.lang = lang
        self.s = i18n.strings(lang)

    def t(self, value) -> str:
        """The text alone (for attributes, whose element carries the language: see ``langattr``)."""
        if value is None:
            return ""
        if isinstance(value, Text):
            return value.get(self.lang) or value.zh
        if isinstance(value, Joined):
            return value.sep.join(self.t(part) for part in value.parts if part)
        return str(value)

    def mark(self, value) -> str:
        """The first letter or character of a title, for a card without a picture (not a quotation mark)."""
        text = self.t(value)
        return next((ch for ch in text if ch.isalnum()), text[:1])

    def _missing(self, value) -> bool:
        return isinstance(value, Text) and value.get(self.lang) is None

    def tx(self, value) -> Markup:
        """The text as HTML: in Chinese, in an element that says so, where ``lang`` is missing."""
        if value is None:
            return Markup("")
        if isinstance(value, Joined):
            return Markup(escape(value.sep)).join(self.tx(part) for part in value.parts if part)
        if self._missing(value):
            return Markup('<span lang="{}">{}</span>').format(i18n.DEFAULT, value.zh)
        return escape(self.t(value))

    def langattr(self, value) -> Markup:
        """` lang="zh"` for an element whose text (an alt, a label) is Chinese on another language's page."""
        return Markup(f' lang="{i18n.DEFAULT}"') if self._missing(value) else Markup("")

    def other(self, value) -> dict | None:
        """The same text in the other language, shown beside it (a Chinese title's English name, an
        English title's Chinese name); None where there is none, or it is the text shown."""
        if not isinstance(value, Text):
            return None
        if self.lang == i18n.DEFAULT:
            return {"lang": "en", "text": value.en} if value.en else None
        return {"lang": i18n.DEFAULT, "text": value.zh} if value.get(self.lang) else None

    def md(self, value) -> Markup:
        """A record's Markdown text, in ``lang``; else the Chinese, with a note that says so."""
        if value is None:
            return Markup("")
        if not isinstance(value, Text):
            return markdown(str(value))
        text = value.get(self.lang)
        if text is not None:
            return markdown(text)
        note = self.s._("以下为中文原文，尚无英文版本。")
        return Markup('<p class="museum-inzh">{}</p><div lang="{}">{}</div>').format(
            note, i18n.DEFAULT, markdown(value.zh))


class Renderer:
    def __init__(self, site_url: str, compiled: Path | None = None, languages: tuple[str, ...] = i18n.LANGUAGES):
        """``compiled``: a folder of compiled templates (``compiled_cache``), or None to compile each run."""
        self.base = site_url.rstrip("/") + "/"
        self.languages = languages
        cache = compiled_cache(compiled)
        self.envs = {lang: self._environment(lang, cache) for lang in languages}

    @staticmethod
    def _environment(lang: str, cache) -> Environment:
        env = Environment(
            loader=FileSystemLoader(TEMPLATES),
            bytecode_cache=cache,
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            extensions=["jinja2.ext.i18n"],
        )
        filters = Filters(lang)
        env.filters.update(t=filters.t, mark=filters.mark, tx=filters.tx, langattr=filters.langattr, other=filters.other, md=filters.md)
        strings = filters.s
        env.install_gettext_callables(strings.gettext, strings.ngettext_raw, newstyle=True)  # type: ignore[attr-defined]
        env.globals["lang"] = lang
        words = json.dumps({k: strings.gettext(v) for k, v in GALLERY_WORDS.items()}, ensure_ascii=False)
        env.globals["gallery_words"] = lambda: words
        return env

    def body(self, spec: PageSpec) -> Markup:
        def rel(url: str) -> str:
            """A link to another page, in the page's language."""
            return urls.relative(spec.url, i18n.localized(url, spec.lang))

        def asset(path: str) -> str:
            """A link to a file of the site (a script, a picture), the same for every language."""
            return urls.relative(spec.url, path)

        template = self.envs[spec.lang].get_template(spec.template)
        return Markup(template.render(page=spec, rel=rel, asset=asset, **spec.context))

    def twin(self, spec: PageSpec) -> str:
        """The relative link to the same page in the other language (the language switch)."""
        other = i18n.twin(spec.url, self.languages)
        return urls.relative(spec.url, other) if other is not None else ""

    def head(self, spec: PageSpec) -> Markup:
        canonical = self.base + spec.url
        image = self.base + spec.og_image if spec.og_image else None
        template = self.envs[spec.lang].get_template("_head.html")
        scripts = [Markup(jsonld.script(block)) for block in spec.jsonld]
        return Markup(template.render(page=spec, canonical=canonical, image=image, scripts=scripts,
                                      iiif=self.base + spec.iiif if spec.iiif else None, iiif_type=iiif.MEDIA_TYPE,
                                      site_name=i18n.strings(spec.lang)._(SITE_NAME),
                                      alternates=i18n.alternates(self.base, spec.url, self.languages),
                                      locale=i18n.OG_LOCALES[spec.lang],
                                      other_locales=[i18n.OG_LOCALES[lang] for lang in self.languages
                                                     if lang != spec.lang]))
