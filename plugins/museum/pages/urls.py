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
CURATORS = "contributing/"  # the curators' section (a hand-written page, docs/contributing.md)
FIELDS_REFERENCE = "contributing/fields/"
MEDIA = "media/"
MAP = "map/"  # the map of museums and heritage sites; its data is MAP + "points.json"



def record(ref: Ref) -> str:
    return f"{KINDS[ref.kind].path}/{ref.id}/"


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
