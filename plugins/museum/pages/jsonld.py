"""schema.org descriptions of pages (JSON-LD), for search engines and for reuse by others."""

from __future__ import annotations

import json
from typing import Any

from museum.pages.markup import flat
from museum.records.fields import Date, Text
from museum.pages.views import Link

CONTEXT = "https://schema.org"


def _text(value: Text | None) -> Any:
    if value is None:
        return None
    if value.en:
        return [{"@language": "zh", "@value": value.zh}, {"@language": "en", "@value": value.en}]
    return value.zh


def _description(value: Text | None) -> Any:
    """A description as plain text (no Markdown marks, wrapped Chinese lines joined), in each language."""
    if value is None:
        return None
    return _text(value.map(lambda text: flat(text, 500)))


def _date(value: Date | None) -> str | None:
    if value is None:
        return None
    return value.iso or f"{value.start}/{value.end}"


def clean(data: dict) -> dict:
    return {k: v for k, v in data.items() if v not in (None, [], "", {})}


def breadcrumbs(crumbs: list[Link], absolute) -> dict:
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": _text(c.label) if isinstance(c.label, Text) else c.label, "item": absolute(c.url)}
            for i, c in enumerate(crumbs, 1)
        ],
    }


def artifact(a, url: str, museum_name: Text, museum_url: str, image: str | None, era: Text) -> dict:
    return clean({
        "@context": CONTEXT,
        "@type": "CreativeWork",
        "@id": url,
        "url": url,
        "name": _text(a.title),
        "description": _description(a.description),
        "dateCreated": _date(a.date),
        "temporalCoverage": era.zh,
        "creator": {"@type": "Organization", "name": a.maker.zh} if a.maker else None,
        "locationCreated": {"@type": "Place", "name": a.place_made.zh} if a.place_made else None,
        "material": [m.zh for m in a.materials],
        "identifier": a.inventory_number,
        "keywords": a.tags,
        "image": image,
        "isPartOf": {"@type": "Museum", "name": _text(museum_name), "url": museum_url},
    })


def museum(m, url: str, province: Text, image: str | None) -> dict:
    return clean({
        "@context": CONTEXT,
        "@type": "Museum",
        "@id": url,
        "url": url,
        "name": _text(m.name),
        "description": _description(m.description),
        "address": clean({
            "@type": "PostalAddress",
            "addressCountry": "CN",
            "addressRegion": province.zh,
            "addressLocality": m.city.zh,
            "streetAddress": m.address.zh if m.address else None,
        }),
        "geo": {"@type": "GeoCoordinates", "latitude": m.location.lat, "longitude": m.location.lon}
        if m.location else None,
        "sameAs": str(m.website) if m.website else None,
        "foundingDate": _date(m.founded),
        "image": image,
    })


def exhibition(e, url: str, host: tuple[Text, str] | None, image: str | None) -> dict:
    online = e.status == "online" or host is None
    location: dict = (
        {"@type": "VirtualLocation", "url": url}
        if online
        else {"@type": "Museum", "name": _text(host[0]), "url": host[1]}  # type: ignore[index]
    )
    return clean({
        "@context": CONTEXT,
        "@type": "ExhibitionEvent",
        "@id": url,
        "url": url,
        "name": _text(e.title),
        "description": _description(e.summary),
        "eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode" if online
        else "https://schema.org/OfflineEventAttendanceMode",
        "location": location,
        "startDate": _date(e.dates.start) if e.dates else None,
        "endDate": _date(e.dates.end) if e.dates else None,
        "image": image,
    })


def heritage(h, url: str, image: str | None) -> dict:
    return clean({
        "@context": CONTEXT,
        "@type": "LandmarksOrHistoricalBuildings",
        "@id": url,
        "url": url,
        "name": _text(h.name),
        "description": _description(h.description),
        "address": h.address.zh if h.address else None,
        "geo": {"@type": "GeoCoordinates", "latitude": h.location.lat, "longitude": h.location.lon}
        if h.location else None,
        "image": image,
    })


def route(r, url: str, stops: list[tuple[Text, str]]) -> dict:
    return clean({
        "@context": CONTEXT,
        "@type": "TouristTrip",
        "@id": url,
        "url": url,
        "name": _text(r.title),
        "description": _description(r.description),
        "itinerary": {
            "@type": "ItemList",
            "itemListElement": [
                {"@type": "ListItem", "position": i, "item": {"@type": "Place", "name": _text(name), "url": link}}
                for i, (name, link) in enumerate(stops, 1)
            ],
        },
    })


def _sources(sources) -> list[str]:
    """The sources with an address, as schema.org's subjectOf pages (those without one are named on the page)."""
    return [str(x.url) for x in sources if x.url]


def person(p, url: str, image: str | None) -> dict:
    return clean({
        "@context": CONTEXT,
        "@type": "Person",
        "@id": url,
        "url": url,
        "name": _text(p.name),
        "birthDate": _date(p.born),
        "deathDate": _date(p.died),
        "description": _description(p.biography),
        "image": image,
        "subjectOf": _sources(p.sources),
    })


def enterprise(e, url: str, image: str | None) -> dict:
    return clean({
        "@context": CONTEXT,
        "@type": "Organization",
        "@id": url,
        "url": url,
        "name": _text(e.name),
        "alternateName": [n.name.zh for n in e.names if n.name.zh != e.name.zh],
        "foundingDate": _date(e.founded),
        "dissolutionDate": _date(e.closed),
        "description": _description(e.description),
        "image": image,
        "subjectOf": _sources(e.sources),
    })


def course(c, url: str, uses: list[tuple[Text, str]]) -> dict:
    return clean({
        "@context": CONTEXT,
        "@type": "Course",
        "@id": url,
        "url": url,
        "name": _text(c.title),
        "description": _description(c.description),
        "teaches": [_text(o) for o in c.objectives],
        "about": [{"@type": "Thing", "name": _text(name), "url": link} for name, link in uses],
    })


def website(url: str, name: str, name_en: str) -> dict:
    return {"@context": CONTEXT, "@type": "WebSite", "url": url, "name": name, "alternateName": name_en}


def script(data: dict) -> str:
    """Serialise for a <script> element: '<' is escaped so no text can close the element."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
