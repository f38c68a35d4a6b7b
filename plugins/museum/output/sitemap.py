"""sitemap.xml for every page: the host's hand-written pages and the core's generated ones.

The protocol (sitemaps.org) allows 50,000 URLs per file; past that, ``sitemap.xml`` becomes a
sitemap index of numbered files, so no file grows with the collection beyond that. Written in URL
order, gzip copies without a time stamp: the same site gives the same bytes. A page that has its
twin in another language lists both, with their languages (``xhtml:link rel="alternate"``), as
search engines read them.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable
from pathlib import Path
from xml.sax.saxutils import escape

from museum.pages import i18n

PER_FILE = 50_000
NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"


def _write(path: Path, text: str) -> None:
    data = text.encode("utf-8")
    path.write_bytes(data)
    with path.with_name(path.name + ".gz").open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write(data)


def _urlset(urls: list[str], lastmod: str, alternates: dict[str, list[tuple[str, str]]],
            modified: dict[str, str]) -> str:
    rows = []
    for u in urls:
        links = "".join(f'<xhtml:link rel="alternate" hreflang="{lang}" href="{escape(href)}"/>'
                        for lang, href in alternates.get(u, []))
        rows.append(f"  <url><loc>{escape(u)}</loc><lastmod>{modified.get(u, lastmod)}</lastmod>{links}</url>\n")
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{NS}" xmlns:xhtml="{XHTML}">\n'
            f'{"".join(rows)}</urlset>\n')


def _alternates(base: str, pages: set[str]) -> dict[str, list[tuple[str, str]]]:
    """Each page's twins in every language, where it has any (itself among them, as the protocol asks)."""
    found = {}
    for url in pages:
        twins = [(lang, base + twin) for lang, twin in i18n.twins(url).items() if twin in pages]
        if len(twins) > 1:
            found[base + url] = twins
    return found


def write_sitemap(site: Path, site_url: str, pages: Iterable[str], lastmod: str,
                  modified: dict[str, str] | None = None) -> int:
    """``pages``: site-relative page URLs ("" is home); ``modified``: the date of those pages that have
    their own (a record's, from its history), ``lastmod`` that of the others. Returns the number of
    sitemap files."""
    base = site_url.rstrip("/") + "/"
    pages = set(pages)
    modified = {base + url: date for url, date in (modified or {}).items()}
    alternates = _alternates(base, pages)
    urls = sorted(base + url for url in pages)
    if len(urls) <= PER_FILE:
        _write(site / "sitemap.xml", _urlset(urls, lastmod, alternates, modified))
        return 1
    parts = [urls[i : i + PER_FILE] for i in range(0, len(urls), PER_FILE)]
    for n, part in enumerate(parts, 1):
        _write(site / f"sitemap-{n}.xml", _urlset(part, lastmod, alternates, modified))
    rows = "".join(f"  <sitemap><loc>{escape(base)}sitemap-{n}.xml</loc><lastmod>{lastmod}</lastmod></sitemap>\n"
                   for n in range(1, len(parts) + 1))
    _write(site / "sitemap.xml", f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="{NS}">\n{rows}'
                                 "</sitemapindex>\n")
    return len(parts)
