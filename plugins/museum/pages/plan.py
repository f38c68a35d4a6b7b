"""Phase 3 as one call: catalogue in, every page of the site (as data) out."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlparse

from museum.pages import urls
from museum.catalogue.index import Catalogue
from museum.records.fields import Ref
from museum.pages.fieldref import fields_reference
from museum.media.pictures import SourceHashes
from museum.pages.listings import Listings
from museum.pages.geo import Placer
from museum.pages.maps import MapPages
from museum.pages.spec import PageSpec, Pictures, Site
from museum.pages.records import RecordPages
from museum.pages.searchpage import search_page


def plan_site(cat: Catalogue, site_url: str, source_hash: Callable[[Path], str] | None = None) -> Site:
    """``source_hash`` names each image's content (images.SourceHashes remembers them between builds)."""
    base = site_url.rstrip("/") + "/"

    def absolute(url: str) -> str:
        return base + url

    pictures = Pictures(cat, source_hash or SourceHashes(None))
    records = RecordPages(cat, pictures, absolute, urlparse(base).path or "/")
    listings = Listings(cat, records, absolute)
    pages: list[PageSpec] = [listings.home()]
    for table in cat.records.values():
        pages.extend(records.page(record) for record in table.values())
    pages.extend(listings.overflow(records.overflow))
    pages.extend(listings.collection())
    pages.extend(listings.directory())
    pages.extend(listings.exhibitions())
    pages.extend(listings.heritage())
    pages.extend(listings.routes())
    pages.append(fields_reference(absolute))
    pages.append(search_page())
    maps = MapPages(cat, Placer(cat), absolute)
    pages.extend(maps.pages())
    maps.add_route_maps(pages)
    redirects = {
        urls.record(Ref(kind, old)): urls.record(Ref(kind, new))
        for kind, aliases in cat.aliases.items()
        for old, new in aliases.items()
    }
    return Site(cat, pages, pictures.planned, redirects, files=maps.files())
