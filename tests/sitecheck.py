"""Reading a built site back: its pages, their links, anchors, JSON-LD. Used by the site tests."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse


@dataclass
class ParsedPage:
    path: Path
    lang: str | None = None
    title: str = ""
    links: list[str] = field(default_factory=list)  # href and src, srcset entries included
    ids: set[str] = field(default_factory=set)
    jsonld: list[str] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    canonical: str | None = None
    imgs: list[dict[str, str | None]] = field(default_factory=list)


class _Parser(HTMLParser):
    def __init__(self, page: ParsedPage):
        super().__init__(convert_charrefs=True)
        self.page = page
        self._in_jsonld = False
        self._in_title = False
        self._buffer: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.page.lang = a.get("lang")
        if "id" in a and a["id"]:
            self.page.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.page.ids.add(a["name"])
        for attr in ("href", "src"):
            if a.get(attr) and not (tag == "link" and a.get("rel") in ("canonical",)):
                self.page.links.append(a[attr])
        if a.get("srcset"):
            self.page.links.extend(part.strip().split(" ")[0] for part in a["srcset"].split(","))
        if tag == "link" and a.get("rel") == "canonical":
            self.page.canonical = a.get("href")
        if tag == "meta":
            key = a.get("property") or a.get("name")
            if key:
                self.page.meta[key] = a.get("content") or ""
        if tag == "img":
            self.page.imgs.append(a)
        if tag == "script" and a.get("type") == "application/ld+json":
            self._in_jsonld, self._buffer = True, []
        if tag == "title":
            self._in_title = True

    def handle_endtag(self, tag):
        if tag == "script" and self._in_jsonld:
            self.page.jsonld.append("".join(self._buffer))
            self._in_jsonld = False
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_jsonld:
            self._buffer.append(data)
        if self._in_title:
            self.page.title += data


def parse_page(path: Path) -> ParsedPage:
    page = ParsedPage(path)
    _Parser(page).feed(path.read_text(encoding="utf-8"))
    return page


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def target_of(site: Path, page: Path, link: str) -> tuple[Path | None, str]:
    """The file a relative link from ``page`` leads to, and its anchor; None for external links."""
    url, anchor = urldefrag(link)
    parsed = urlparse(url)
    if parsed.scheme or parsed.netloc or link.startswith(("mailto:", "data:", "javascript:")):
        return None, anchor
    if not url:
        return page, anchor
    if url.startswith("/"):
        target = site / unquote(url.lstrip("/"))
    else:
        target = (page.parent / unquote(url)).resolve()
    if target.is_dir() or url.endswith("/"):
        target = target / "index.html"
    return target, anchor


def broken_links(site: Path) -> list[str]:
    """Every internal link or anchor in the site that leads nowhere."""
    site = site.resolve()
    parsed = {p: parse_page(p) for p in html_pages(site)}
    problems = []
    for path, page in parsed.items():
        for link in page.links:
            target, anchor = target_of(site, path, link)
            if target is None:
                continue
            if not target.exists():
                problems.append(f"{path.relative_to(site)} → {link}: missing")
            elif anchor and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else parse_page(target).ids
                if unquote(anchor) not in ids:
                    problems.append(f"{path.relative_to(site)} → {link}: no anchor #{anchor}")
    return problems


def jsonld_blocks(page: ParsedPage) -> list[dict]:
    return [json.loads(block) for block in page.jsonld]
