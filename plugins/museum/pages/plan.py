"""Phase 3: a catalogue in, every page of the site (as data) out.

``SitePlan`` plans the pages in two parts, so that the writer can spread them over processes without
holding them all: the record pages (one per record, each followed by the full listings of its lists
too long for the page), in any number of shares; and the rest (home, listings, directories, map,
field reference, search), which are few. ``plan_site`` is both parts at once, for tests and tools.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlparse

from museum.catalogue.index import Catalogue, images_of
from museum.media.pictures import Picture, SourceHashes
from museum.pages import urls
from museum.pages.fieldref import fields_reference
from museum.pages.geo import Placer
from museum.pages.listings import Listings
from museum.pages.maps import MapPages
from museum.pages.records import RecordPages
from museum.pages.searchdocs import SearchDocuments
from museum.pages.searchpage import search_page
from museum.pages.spec import PageSpec, Pictures, Site
from museum.records.fields import Ref
from museum.records.models import Record


class SitePlan:
    def __init__(self, cat: Catalogue, site_url: str, source_hash: Callable[[Path], str] | None = None):
        """``source_hash`` names each image's content (pictures.SourceHashes remembers them between builds)."""
        base = site_url.rstrip("/") + "/"

        def absolute(url: str) -> str:
            return base + url

        self.cat = cat
        self.pictures = Pictures(cat, source_hash or SourceHashes(None))
        self.maps = MapPages(cat, Placer(cat), absolute)
        self.records = RecordPages(cat, self.pictures, absolute, self.maps.route_map)
        self.search = SearchDocuments(cat, self.pictures, urlparse(base).path or "/")
        self.listings = Listings(cat, self.records, absolute)
        self.absolute = absolute

    def all_records(self) -> list[Record]:
        return [record for table in self.cat.records.values() for record in table.values()]

    def record_pages(self, share: int = 0, shares: int = 1) -> Iterator[PageSpec]:
        """The pages of every ``shares``-th record from the ``share``-th on, in catalogue order."""
        for record in self.all_records()[share::shares]:
            yield from self.pages_of(record)

    def pages_of(self, record: Record) -> list[PageSpec]:
        """A record's page, and the full listings of its lists too long for the page."""
        page = self.records.page(record)
        overflow, self.records.overflow = self.records.overflow, []
        return [page, *self.listings.overflow(overflow)]

    def other_pages(self) -> list[PageSpec]:
        listings = self.listings
        pages = [listings.home(), *listings.collection(), *listings.directory(), *listings.exhibitions(),
                 *listings.heritage(), *listings.routes(), fields_reference(self.absolute), search_page(),
                 *self.maps.pages()]
        return pages

    def plan_pictures(self) -> dict[Path, Picture]:
        """Every picture the record pages will show, planned now (the page writer's workers cannot
        hand theirs back)."""
        for record in self.all_records():
            for _, image in images_of(record):
                self.pictures.figure(record, image)
        return self.pictures.planned

    @property
    def planned_pictures(self) -> dict[Path, Picture]:
        return self.pictures.planned

    def redirects(self) -> dict[str, str]:
        return {
            urls.record(Ref(kind, old)): urls.record(Ref(kind, new))
            for kind, aliases in self.cat.aliases.items()
            for old, new in aliases.items()
        }

    def files(self) -> dict[str, bytes]:
        return self.maps.files()


def plan_site(cat: Catalogue, site_url: str, source_hash: Callable[[Path], str] | None = None) -> Site:
    plan = SitePlan(cat, site_url, source_hash)
    pages = [*plan.other_pages(), *plan.record_pages()]
    return Site(cat, pages, plan.planned_pictures, plan.redirects(), files=plan.files())
