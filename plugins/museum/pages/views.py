"""Small, ready-to-render pieces that pages are made of: cards, facts, pictures, links.

Templates render these; they do not look anything up or compute anything themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from museum.records.fields import Text
from museum.media.pictures import Picture
from museum.pages import locator
from museum.pages.citation import Citation


@dataclass(frozen=True)
class Link:
    label: Text | str
    url: str  # site-relative; templates make it relative to the page
    count: int | None = None


@dataclass(frozen=True)
class Figure:
    picture: Picture
    alt: Text
    caption: Text | None
    credit: Text
    license: Text


@dataclass(frozen=True)
class Joined:
    """Texts shown in a row (a date and a museum, a province and a city): each part in the page's
    language where it has one, else in Chinese, marked so."""

    parts: tuple[Text | str, ...]
    sep: str = " · "

    def __bool__(self) -> bool:
        return any(self.parts)


@dataclass(frozen=True)
class Card:
    url: str
    title: Text
    kicker: Text | str | Joined = ""  # a short line above the title: the kind, the industry, a person's roles
    meta: Joined | Text | str = ""  # a short line below: date, museum, city
    figure: Figure | None = None


@dataclass(frozen=True)
class Fact:
    label: str  # in the page's language; templates show it in a <dt>
    value: Text | str | Markup | Joined
    links: tuple[Link, ...] = ()


@dataclass
class Section:
    """A titled group of cards or links on a page, with an anchor id."""

    anchor: str
    title: str
    cards: list[Card] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    more: Link | None = None


@dataclass(frozen=True)
class Cited:
    """A page cited in one style: the style's name, the citation, and the language it is written in."""

    style: str
    citation: Citation
    lang: str


@dataclass(frozen=True)
class Locator:
    """Where a heritage site or museum is, for its page: the place in words with how precise it is
    (one fact, and the caption that names the small map), and the map's dot."""

    label: Joined  # 湖北省武汉市硚口区（位置精确到区县）
    x: float  # the dot, in the outlines' units (locator.WIDTH × locator.HEIGHT)
    y: float
    width: int = locator.WIDTH
    height: int = locator.HEIGHT
    outlines_url: str = locator.OUTLINES_SVG
    approximate: bool = True


@dataclass(frozen=True)
class SourceView:
    """A published source of a record's facts, as a reference list shows it."""

    title: Text
    url: str | None
    publisher: Text | None
    year: str | None
    note: Text | None
