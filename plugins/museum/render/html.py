"""Page specs to HTML with the museum's own Jinja templates (phase 4), independent of MkDocs.

The body of each page and the extra <head> tags (OpenGraph, JSON-LD) come from here; the MkDocs
adapter places them inside the Material theme's shell.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from museum.pages import jsonld, urls
from museum.records.fields import Text
from museum.pages.markup import markdown_text
from museum.pages.spec import SITE_NAME, PageSpec

TEMPLATES = Path(__file__).parent / "templates"


def _t(value: Text | str | None) -> str:
    if value is None:
        return ""
    return value.zh if isinstance(value, Text) else str(value)


def _en(value: Text | str | None) -> str:
    return (value.en or "") if isinstance(value, Text) else ""


def compiled_cache(folder: Path | None) -> FileSystemBytecodeCache | None:
    """Compiled templates kept in ``folder`` between runs (Jinja checks each against its source):
    compiling Material's and our templates anew took half a second of every rebuild."""
    if folder is None:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    return FileSystemBytecodeCache(str(folder))


class Renderer:
    def __init__(self, site_url: str, compiled: Path | None = None):
        """``compiled``: a folder of compiled templates (``compiled_cache``), or None to compile each run."""
        self.base = site_url.rstrip("/") + "/"
        self.env = Environment(
            loader=FileSystemLoader(TEMPLATES),
            bytecode_cache=compiled_cache(compiled),
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters.update(t=_t, en=_en, md=markdown_text)

    def body(self, spec: PageSpec) -> Markup:
        def rel(url: str) -> str:
            return urls.relative(spec.url, url)

        template = self.env.get_template(spec.template)
        return Markup(template.render(page=spec, rel=rel, **spec.context))

    def head(self, spec: PageSpec) -> Markup:
        canonical = self.base + spec.url
        image = self.base + spec.og_image if spec.og_image else None
        template = self.env.get_template("_head.html")
        scripts = [Markup(jsonld.script(block)) for block in spec.jsonld]
        return Markup(template.render(page=spec, canonical=canonical, image=image, scripts=scripts,
                                      site_name=SITE_NAME))
