"""sitemap.xml for every page: the host's hand-written pages and the core's generated ones.

The protocol (sitemaps.org) allows 50,000 URLs per file; past that, ``sitemap.xml`` becomes a
sitemap index of numbered files, so no file grows with the collection beyond that. Written in URL
order, gzip copies without a time stamp: the same site gives the same bytes. A page that has its
twin in another language lists both, with their languages (``xhtml:link rel="alternate"``), as
search engines read them.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable, Iterator
from pathlib import Path
from xml.sax.saxutils import escape

from museum.pages import i18n

PER_FILE = 50_000
NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"


class _Both:
    """A sitemap file and its gzip copy, written as they grow (a file of 50,000 URLs is ~15 MB of text)."""

    def __init__(self, path: Path):
        self.raw = path.open("wb")
        self.gz_raw = path.with_name(path.name + ".gz").open("wb")
        self.gz = gzip.GzipFile(fileobj=self.gz_raw, mode="wb", mtime=0)

    def write(self, text: str) -> None:
        data = text.encode("utf-8")
        self.raw.write(data)
        self.gz.write(data)

    def close(self) -> None:
        self.gz.close()
        self.gz_raw.close()
        self.raw.close()


def _write(path: Path, chunks: Iterable[str]) -> None:
    out = _Both(path)
    try:
        for chunk in chunks:
            out.write(chunk)
    finally:
        out.close()


ROWS_PER_WRITE = 1000


def _urlset(base: str, urls: list[str], pages: set[str], lastmod: str, modified: dict[str, str]) -> Iterator[str]:
    """The <urlset> of ``urls`` (site-relative), in chunks; each page's twins in every language, where
    it has any (itself among them, as the protocol asks), found as it is written: held for every page
    at once, they were ~300 MB at 100,000 objects."""
    yield f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{NS}" xmlns:xhtml="{XHTML}">\n'
    for i in range(0, len(urls), ROWS_PER_WRITE):
        rows = []
        for url in urls[i : i + ROWS_PER_WRITE]:
            twins = [(lang, twin) for lang, twin in i18n.twins(url).items() if twin in pages]
            links = "".join(f'<xhtml:link rel="alternate" hreflang="{lang}" href="{escape(base + twin)}"/>'
                            for lang, twin in twins) if len(twins) > 1 else ""
            rows.append(f"  <url><loc>{escape(base + url)}</loc><lastmod>{modified.get(url, lastmod)}</lastmod>"
                        f"{links}</url>\n")
        yield "".join(rows)
    yield "</urlset>\n"


def write_sitemap(site: Path, site_url: str, pages: Iterable[str], lastmod: str,
                  modified: dict[str, str] | None = None) -> int:
    """``pages``: site-relative page URLs ("" is home); ``modified``: the date of those pages that have
    their own (a record's, from its history), by site-relative URL; ``lastmod`` that of the others.
    Returns the number of sitemap files."""
    base = site_url.rstrip("/") + "/"
    pages = set(pages)
    modified = modified or {}
    urls = sorted(pages)  # (the order of the absolute URLs: they share their beginning)
    if len(urls) <= PER_FILE:
        _write(site / "sitemap.xml", _urlset(base, urls, pages, lastmod, modified))
        return 1
    files = range(1, (len(urls) + PER_FILE - 1) // PER_FILE + 1)
    for n in files:
        _write(site / f"sitemap-{n}.xml", _urlset(base, urls[(n - 1) * PER_FILE : n * PER_FILE], pages, lastmod, modified))
    rows = "".join(f"  <sitemap><loc>{escape(base)}sitemap-{n}.xml</loc><lastmod>{lastmod}</lastmod></sitemap>\n"
                   for n in files)
    _write(site / "sitemap.xml", [f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="{NS}">\n{rows}'
                                  "</sitemapindex>\n"])
    return len(files)
