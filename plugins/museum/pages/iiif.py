"""Which records have IIIF Presentation resources, decided once for the pages and the writer.

An artifact with pictures has a manifest. Every exhibition, museum and route has a collection (empty
when nothing in it has pictures, so that a page's link never depends on records two steps away, which
its input key does not cover: pages/inputs.py): an exhibition's and a museum's artifacts with
manifests; a route's museums (their collections) and the artifacts of its heritage sites.
"""

from __future__ import annotations

from collections.abc import Iterator

from museum.catalogue.index import Catalogue, images_of
from museum.records.models import KINDS, Artifact, Exhibition, Museum, Record, Route

PRESENTATION = "http://iiif.io/api/presentation/3/context.json"
# How a page links its manifest or collection in its <head>, as IIIF's discovery recommendations do.
MEDIA_TYPE = f'application/ld+json;profile="{PRESENTATION}"'


def has_manifest(record: Record) -> bool:
    return isinstance(record, Artifact) and any(True for _ in images_of(record))


def members(cat: Catalogue, record: Record) -> Iterator[Record]:
    """What a collection holds, in order, each once: artifacts (manifests) and museums (collections)."""
    seen: set[tuple[str, str]] = set()
    for member in _candidates(cat, record):
        key = (member.kind, member.id or "")
        if key not in seen and (has_manifest(member) or isinstance(member, Museum)):
            seen.add(key)
            yield member


def has_collection(record: Record) -> bool:
    return KINDS[record.kind].collected


def _candidates(cat: Catalogue, record: Record) -> Iterator[Record]:
    if isinstance(record, Exhibition):
        for section in record.sections:
            for ref in section.artifacts:
                yield cat.target(ref)
    elif isinstance(record, Museum):
        yield from cat.referring(record.key, "artifact")
    elif isinstance(record, Route):
        for stop in record.stops:
            place = cat.target(stop.stop)
            if isinstance(place, Museum):
                yield place
            else:
                yield from cat.referring(place.key, "artifact")
