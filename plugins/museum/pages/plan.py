"""Phase 3: a catalogue in, every page of the site (as data) out.

``SitePlan`` plans the pages in two parts, so that the writer can spread them over processes without
holding them all: the record pages (one per record, each followed by the full listings of its lists
too long for the page), in any number of shares; and the rest (home, listings, directories, map,
field reference, search), in groups, each planned when it is written. ``plan_site`` is both parts at
once, for tests and tools.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from urllib.parse import urlparse

from museum.catalogue.index import Catalogue, images_of
from museum.media.pictures import Picture, SourceHashes
from museum.pages import i18n, urls
from museum.pages.completeness import completeness_pages
from museum.pages.fieldref import fields_reference
from museum.pages.geo import Placer
from museum.pages.listings import Listings
from museum.pages.maps import MapPages
from museum.pages.opendata import OpenData, downloads
from museum.pages.records import RecordPages
from museum.pages.searchdocs import SearchDocuments
from museum.pages.searchpage import search_page
from museum.pages.spec import PageSpec, Pictures, Site, localize
from museum.pages.statistics import Statistics
from museum.pages.timeline import Timeline
from museum.records.fields import Ref
from museum.records.models import Record


class _Language:
    """The page builders of one language."""

    def __init__(self, plan: SitePlan, lang: str, placer: Placer, first: _Language | None):
        def absolute(url: str) -> str:
            return plan.base + i18n.localized(url, lang)

        self.lang = lang
        self.s = i18n.strings(lang)
        self.absolute = absolute
        self.maps = MapPages(plan.cat, placer, absolute, lang, first.maps.points if first else None)
        self.records = RecordPages(plan.cat, plan.pictures, absolute, self.maps.route_map, lang, plan.absolute_file,
                                   self.maps.locator)
        # (the artifacts' cards and facets are the same in another language: only their texts differ)
        self.listings = Listings(plan.cat, self.records, absolute, first.listings if first else None)


# The other pages of a language, group by group (SitePlan.other_groups), in the order they are listed.
_OTHERS: tuple[Callable[[SitePlan, _Language], Iterable[PageSpec]], ...] = (
    lambda plan, b: [b.listings.home()],
    lambda plan, b: b.listings.collection(),
    lambda plan, b: b.listings.directory(),
    lambda plan, b: b.listings.exhibitions(),
    lambda plan, b: b.listings.heritage(),
    lambda plan, b: b.listings.routes(),
    lambda plan, b: b.listings.people(),
    lambda plan, b: b.listings.enterprises(),
    lambda plan, b: b.listings.courses(),
    lambda plan, b: [fields_reference(b.absolute, b.s), search_page(b.lang)],
    lambda plan, b: b.maps.pages(),
    lambda plan, b: [downloads(plan.opendata, b.absolute, b.lang)],
    lambda plan, b: completeness_pages(plan.cat, b.absolute, b.lang),
    lambda plan, b: plan.timeline.pages(b.absolute, b.lang),
    lambda plan, b: [plan.statistics.page(b.absolute, b.lang)],
)


class SitePlan:
    def __init__(self, cat: Catalogue, site_url: str, source_hash: Callable[[Path], str] | None = None,
                 languages: tuple[str, ...] = i18n.LANGUAGES):
        """``source_hash`` names each image's content (pictures.SourceHashes remembers them between builds).
        ``languages``: the languages the site is built in, its own (Chinese) first."""
        self.base = site_url.rstrip("/") + "/"
        self.cat = cat
        self.languages = languages
        self.pictures = Pictures(cat, source_hash or SourceHashes(None))
        placer = Placer(cat)
        self.by_lang: dict[str, _Language] = {}
        for lang in languages:
            self.by_lang[lang] = _Language(self, lang, placer, self.by_lang.get(languages[0]))
        self.search = SearchDocuments(cat, self.pictures, urlparse(self.base).path or "/")
        self.opendata = OpenData(cat, placer, self.base)
        self.timeline = Timeline(cat)  # (the same periods and counts in every language)
        self.statistics = Statistics(cat)

    def absolute_file(self, path: str) -> str:
        """The absolute URL of a file of the site (a picture), the same for every language."""
        return self.base + path

    def all_records(self) -> list[Record]:
        return [record for table in self.cat.records.values() for record in table.values()]

    def record_pages(self, share: int = 0, shares: int = 1) -> Iterator[PageSpec]:
        """The pages of every ``shares``-th record from the ``share``-th on, in catalogue order."""
        for record in self.all_records()[share::shares]:
            yield from self.pages_of(record)

    def pages_of(self, record: Record) -> list[PageSpec]:
        """A record's page, the full listings of its lists too long for the page, and its class sheet (an
        exhibition's, a route's, a course's), in each language."""
        pages = []
        for lang, builders in self.by_lang.items():
            page = builders.records.page(record)
            overflow, builders.records.overflow = builders.records.overflow, []
            sheet = builders.records.sheet(record)
            pages += [localize(spec, lang) for spec in [page, *builders.listings.overflow(overflow),
                                                         *([sheet] if sheet else [])]]
        return pages

    def folders_of(self, record: Record) -> list[str]:
        """The folders that hold a record's pages, one per language."""
        return [i18n.localized(urls.record(record.key), lang) for lang in self.by_lang]

    def other_groups(self, left_out: frozenset[str] = frozenset()) -> list[Callable[[], Iterator[PageSpec]]]:
        """The pages other than the records', in groups (a language's collection listings, its
        directory, …), each planned when called: held all at once, they were ~200 MB at 100,000
        objects, so the page writer's workers plan each group as they write it. ``left_out``: the
        src_uris of pages written elsewhere (the host's navigation pages), which the groups skip."""
        return [partial(self._group, lang, make, left_out) for lang in self.by_lang for make in _OTHERS]

    def _group(self, lang: str, make: Callable[[SitePlan, _Language], Iterable[PageSpec]],
               left_out: frozenset[str]) -> Iterator[PageSpec]:
        for spec in make(self, self.by_lang[lang]):
            spec = localize(spec, lang)
            if spec.src_uri not in left_out:
                yield spec

    def other_pages(self) -> list[PageSpec]:
        return [spec for group in self.other_groups() for spec in group()]

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
            i18n.localized(urls.record(Ref(kind, old)), lang): i18n.localized(urls.record(Ref(kind, new)), lang)
            for lang in self.by_lang
            for kind, aliases in self.cat.aliases.items()
            for old, new in aliases.items()
        }

    def files(self) -> dict[str, bytes]:
        files: dict[str, bytes] = {}
        for b in self.by_lang.values():
            files.update(b.maps.files())
        return files


def plan_site(cat: Catalogue, site_url: str, source_hash: Callable[[Path], str] | None = None,
              languages: tuple[str, ...] = i18n.LANGUAGES) -> Site:
    plan = SitePlan(cat, site_url, source_hash, languages)
    pages = [*plan.other_pages(), *plan.record_pages()]
    return Site(cat, pages, plan.planned_pictures, plan.redirects(), files=plan.files())
