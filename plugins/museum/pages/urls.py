"""The site's permanent URL scheme. Schools print these: never change an existing pattern.

URLs are site-relative directory paths ("artifacts/jiefang-ca10-truck/"), built only from ASCII
ids, never from titles. Pages link to each other relatively, so the site works under any prefix.
"""

from __future__ import annotations

import posixpath

from museum.records.fields import Ref
from museum.records.models import KINDS

HOME = ""
COLLECTION = "collection/"
DIRECTORY = "directory/"
EXHIBITIONS = "exhibitions/"
HERITAGE_LIST = "heritage/"
ROUTES = "routes/"
PEOPLE = "people/"  # the people index (人物), browsed by role
ENTERPRISES = "enterprises/"  # the enterprise directory (工业企业名录), by industry and region
COURSES = "courses/"  # the study courses (研学课程), by audience
CURATORS = "contributing/"  # the curators' section (a hand-written page, docs/contributing.md)
FIELDS_REFERENCE = "contributing/fields/"
COMPLETENESS = "contributing/completeness/"  # how complete the records are, and what to improve
MEDIA = "media/"
MAP = "map/"  # the map of museums and heritage sites; its data is MAP + "points.json"
DATA = "data/"  # the downloads page; the data package's files sit beside it (one set for both languages)
FEED = "feed.xml"  # the Atom feed of new and changed records, in each language (en/feed.xml)
IIIF = "iiif/"  # IIIF Presentation 3 manifests and collections (shared by both languages)
TIMELINE = "timeline/"  # records by year: an index of periods, a page per decade (per century before 1800)
STATISTICS = "statistics/"  # counts by kind, industry, province, era, level and batch, with charts
# The listing of every record of a kind, by kind (the statistics page links each kind's count there); a kind
# without a listing here has its count shown unlinked. A new kind's listing is one line.
KIND_LISTINGS = {
    "artifact": COLLECTION,
    "museum": DIRECTORY,
    "exhibition": EXHIBITIONS,
    "heritage": HERITAGE_LIST,
    "route": ROUTES,
    "person": PEOPLE,
    "enterprise": ENTERPRISES,
    "course": COURSES,
}



def record(ref: Ref) -> str:
    return f"{KINDS[ref.kind].path}/{ref.id}/"


def sheet(ref: Ref) -> str:
    """The printable class sheet of an exhibition, a route or a course, a page of its own below the record's."""
    return f"{record(ref)}sheet/"


def manifest(ref: Ref) -> str:
    """An artifact's IIIF manifest (a file, not a page). Flat files: a folder each would cost more."""
    return f"{IIIF}{KINDS[ref.kind].path}/{ref.id}.json"


def iiif_collection(ref: Ref, page: int = 1) -> str:
    """The IIIF collection of an exhibition, museum or route; a long one continues in numbered parts."""
    base = f"{IIIF}{KINDS[ref.kind].path}/{ref.id}"
    return f"{base}.json" if page == 1 else f"{base}/{page}.json"


def grouped(base: str, name: str, value: str) -> str:
    """A listing's part with one value of a field: heritage/level/national/, exhibitions/audience/primary-school/."""
    return f"{base}{name}/{value}/"


def period(slug: str) -> str:
    """A period of the timeline: timeline/1950s/, timeline/1700-1799/ (pages/timeline.py names them)."""
    return f"{TIMELINE}{slug}/"


def facet(name: str, value: str) -> str:
    return f"{COLLECTION}{name}/{value}/"


def facet_index(name: str) -> str:
    return f"{COLLECTION}{name}/"


def paged(base: str, page: int) -> str:
    return base if page == 1 else f"{base}page/{page}/"


def src_uri(url: str) -> str:
    """The Markdown path MkDocs needs for a directory URL (use_directory_urls)."""
    return f"{url}index.md" if url else "index.md"


def relative(from_url: str, to_url: str) -> str:
    """A link from one page to another (both site-relative directory URLs), like MkDocs does."""
    if to_url.startswith(("http://", "https://", "mailto:")):
        return to_url  # another site (a museum's own website): never rebased as if it were a page here
    if "#" in to_url:
        to_url, anchor = to_url.split("#", 1)
        anchor = "#" + anchor
    else:
        anchor = ""
    start = posixpath.dirname(from_url.rstrip("/") + "/x") if from_url else "."
    target = to_url or "."
    rel = posixpath.relpath(target, start or ".")
    if to_url.endswith("/") or to_url == "":
        rel = rel.rstrip("/") + "/"
    if rel == "./":
        rel = "./"
    return rel + anchor
