"""The site's pages as data (phase 3): what each page is, before any HTML exists.

``plan_site`` turns a catalogue into ``PageSpec``s; ``render/html.py`` turns a spec into HTML; the MkDocs
adapter only hands those to MkDocs. Nothing here knows about MkDocs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from museum.pages import i18n, urls
from museum.catalogue.index import Catalogue, images_of
from museum.records.fields import Text
from museum.media.pictures import Picture, plan_picture
from museum.records.models import Image, Record
from museum.pages.views import Card, Figure, Link

SITE_NAME = i18n.N_("国家数字工业博物馆")
SITE_NAME_EN = "National Digital Industrial Museum"
PAGE_SIZE = 60  # cards on a listing page
LINKS_PAGE_SIZE = 300  # links on a page of links (the collection by museum): ~30 KB
T = TypeVar("T")


@dataclass
class PageSpec:
    url: str  # site-relative directory URL; "" is the home page
    template: str  # body template in plugins/museum/render/templates/
    title: str  # the page's own title (the site name is added in <title>)
    description: str
    context: dict[str, Any] = field(default_factory=dict)
    breadcrumbs: list[Link] = field(default_factory=list)
    jsonld: list[dict] = field(default_factory=list)
    og_type: str = "website"
    og_image: str | None = None  # site-relative URL of a JPEG/PNG
    lang: str = i18n.DEFAULT  # the language of the page (its url starts with i18n.prefix(lang))
    title_lang: str = ""  # the language of the title where it is not the page's (a Chinese name on an English page)
    iiif: str | None = None  # site path of the record's IIIF manifest or collection (pages/iiif.py)

    @property
    def src_uri(self) -> str:
        return urls.src_uri(self.url)


@dataclass
class Site:
    """Everything the writers need: the pages, and the pictures they show."""

    catalogue: Catalogue
    pages: list[PageSpec]
    pictures: dict[Path, Picture]
    redirects: dict[str, str]  # old URL -> current URL, from aliases
    files: dict[str, bytes] = field(default_factory=dict)  # other generated files by site path (map/points.json)


class Pictures:
    """Plans each source image once and turns records' images into figures."""

    def __init__(self, cat: Catalogue, source_hash: Callable[[Path], str]):
        self.cat = cat
        self.source_hash = source_hash
        self.planned: dict[Path, Picture] = {}

    def figure(self, record: Record, image: Image) -> Figure:
        src = self.cat.image_src(record, image)
        picture = self.planned.get(src)
        if picture is None:
            picture = self.planned[src] = plan_picture(self.cat.images[src], self.source_hash(src))
        return Figure(picture, image.alt, image.caption, image.credit, image.license)

    def figures(self, record: Record) -> list[Figure]:
        return [self.figure(record, image) for where, image in images_of(record) if where[0] == "images"]

    def first(self, record: Record) -> Figure | None:
        for _, image in images_of(record):
            return self.figure(record, image)
        return None


def page_count(total: int, size: int = PAGE_SIZE) -> int:
    return max(1, -(-total // size))


@dataclass(frozen=True)
class Pager:
    current: int
    total: int
    pages: list[Link | None]  # None marks a gap ("…")
    prev: Link | None
    next: Link | None


def paginate(items: list[T], base: str, size: int = PAGE_SIZE,
             s: i18n.Strings | None = None) -> list[tuple[list[T], Pager]]:
    """Split cards (or links) into pages of ``size``. Each page links the first, last and nearby
    pages, so its size stays the same however many pages there are."""
    s = s or i18n.strings(i18n.DEFAULT)
    total = page_count(len(items), size)
    out = []
    for n in range(1, total + 1):
        shown = sorted({1, total, *range(max(1, n - 2), min(total, n + 2) + 1)})
        nav: list[Link | None] = []
        for i, number in enumerate(shown):
            if i and number - shown[i - 1] > 1:
                nav.append(None)
            nav.append(Link(str(number), urls.paged(base, number)))
        pager = Pager(n, total, nav,
                      Link(s._("上一页"), urls.paged(base, n - 1)) if n > 1 else None,
                      Link(s._("下一页"), urls.paged(base, n + 1)) if n < total else None)
        out.append((items[(n - 1) * size : n * size], pager))
    return out


def home_crumb(s: i18n.Strings | None = None) -> Link:
    return Link((s or i18n.strings(i18n.DEFAULT))._("首页"), urls.HOME)


def text_of(value: Text | None, lang: str = i18n.DEFAULT) -> str:
    """A record's text in ``lang``, else in Chinese; "" for none."""
    return (value.get(lang) or value.zh) if value else ""


def localize(spec: PageSpec, lang: str) -> PageSpec:
    """A spec planned in ``lang`` (its links in the site's own form), placed under that language's
    prefix: its links are made relative to the same language's pages when rendered."""
    spec.lang = lang
    spec.url = i18n.localized(spec.url, lang)
    return spec
