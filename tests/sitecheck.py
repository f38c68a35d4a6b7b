"""Reading a built site back: its pages, their links, anchors, JSON-LD. Used by the site tests."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlparse


# The templates' data-* attributes that scripts load files or folders from (pictures' zoom tiles, map data,
# the search bundle, the site root).
FILE_DATA_ATTRIBUTES = ("data-zoom", "data-points", "data-outlines")
FOLDER_DATA_ATTRIBUTES = ("data-osd", "data-bundle", "data-base")


@dataclass
class ParsedPage:
    path: Path
    lang: str | None = None
    title: str = ""
    links: list[str] = field(default_factory=list)  # href and src, srcset entries included
    folders: list[str] = field(default_factory=list)  # data-* attributes that name a folder of the site
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
        for attr in FILE_DATA_ATTRIBUTES:
            if a.get(attr):
                self.page.links.append(a[attr])
        for attr in FOLDER_DATA_ATTRIBUTES:
            if a.get(attr) is not None:
                self.page.folders.append(a[attr])
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
    url = parsed.path  # a query (?q=…) names no other file
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
    """Every internal link or anchor in the site that leads nowhere: in pages (links, pictures, scripts,
    styles, the data-* attributes scripts load from, and the site's own absolute URLs: canonical,
    OpenGraph), in style sheets (url(…)), in the sitemap, and in the search index (each result's page
    and picture)."""
    site = site.resolve()
    parsed = {p: parse_page(p) for p in html_pages(site)}
    problems = []
    home = parsed.get(site / "index.html")
    site_url = home.meta.get("og:url") if home else None
    for path, page in parsed.items():
        for folder in page.folders:
            target = (path.parent / unquote(urldefrag(folder)[0])).resolve() if folder else path.parent
            if not target.is_dir():
                problems.append(f"{path.relative_to(site)} → {folder or '(empty)'}: no such folder")
        if site_url:
            for link in filter(None, (page.canonical, page.meta.get("og:url"), page.meta.get("og:image"))):
                if link.startswith(site_url) and not _exists(site, link[len(site_url):]):
                    problems.append(f"{path.relative_to(site)} → {link}: missing")
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
    problems += _broken_in_styles(site) + _broken_in_search_index(site, urlparse(site_url or "/").path or "/")
    sitemap = site / "sitemap.xml"
    if site_url and sitemap.is_file():
        for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap.read_text(encoding="utf-8")):
            if loc.startswith(site_url) and not _exists(site, loc[len(site_url):]):
                problems.append(f"sitemap.xml → {loc}: missing")
    return problems


def _exists(site: Path, url: str) -> bool:
    """Whether a root-relative URL ("artifacts/x/", "/media/a.jpg") names a file of the site."""
    url = unquote(urldefrag(url)[0].split("?")[0]).lstrip("/")
    target = site / url
    return (target / "index.html").is_file() if not url or url.endswith("/") or target.is_dir() else target.is_file()


def _broken_in_styles(site: Path) -> list[str]:
    problems = []
    for css in sorted(site.rglob("*.css")):
        text = css.read_text(encoding="utf-8", errors="replace")
        for ref in re.findall(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)", text):
            if ref.startswith(("data:", "#")) or urlparse(ref).scheme or ref.startswith("//"):
                continue
            if not (css.parent / unquote(ref.split("?")[0].split("#")[0])).is_file():
                problems.append(f"{css.relative_to(site)} → url({ref}): missing")
    return problems


def _broken_in_search_index(site: Path, base_path: str) -> list[str]:
    """The search index's documents name each result's page (relative to the site's root) and its
    thumbnail (under the site's path on its host, ``base_path``)."""
    problems = []
    for chunk in sorted(site.glob("search-index/*/d/*/*.json")):
        for fields in json.loads(chunk.read_text(encoding="utf-8")):
            url, image = fields[0], fields[5]
            image_url = image[len(base_path):] if image and image.startswith(base_path) else image
            for link, target in ((url, url), (image, image_url)):
                if target and not _exists(site, target):
                    problems.append(f"{chunk.relative_to(site)} → {link}: missing")
    return problems


def jsonld_blocks(page: ParsedPage) -> list[dict]:
    return [json.loads(block) for block in page.jsonld]


# --- a small museum with awkward text ---------------------------------------------------------------
# Names with "&" and "<" (which must show as written, never as entities, and never as markup), and an
# old id (a redirect page). Built in a second or two: used by tests/test_csp.py and the browser tests.
AWKWARD_MUSEUM = "R&D <研究> 测试馆"
AWKWARD_TITLE = "R&D 卡车 <b>粗</b> <img src=x onerror=window.__xss=1>"
AWKWARD_RECORDS = {
    "museums/rd-museum.yaml": {
        "name": {"zh": AWKWARD_MUSEUM, "en": "R&D <Research> Test Museum"}, "aliases": ["rd-old-museum"],
        "type": "comprehensive", "industries": ["steel"], "province": "liaoning",
        "city": {"zh": "测试市", "en": "Test City"},
        "location": {"lat": 41.8, "lon": 123.4, "approximate": True, "source": "测试坐标"},
        "description": "研发 R&D 与 <测试> 的博物馆。",
    },
    "artifacts/rd-truck.yaml": {
        "title": AWKWARD_TITLE, "museum": "rd-museum", "industry": "steel",
        "date": {"display": "约1980年代", "start": 1980, "end": 1989},
        "description": "一辆 R&D 卡车 <i>斜</i>，只用于测试。",
    },
    # Its own texts are plain; only its museum's name is awkward.
    "artifacts/lathe.yaml": {
        "title": "测试机床", "museum": "rd-museum", "industry": "steel",
        "date": {"display": "约1980年代", "start": 1980, "end": 1989}, "description": "一台机床，只用于测试。",
    },
}


def build_awkward_site(base: Path) -> Path:
    """Write the small museum's records under ``base/collections`` (with the sample's vocabularies),
    build it with the real command into ``base/site`` and return the site folder."""
    import shutil
    import subprocess
    import sys

    import yaml

    root = Path(__file__).resolve().parents[1]
    collections = base / "collections"
    shutil.copytree(root / "collections" / "vocab", collections / "vocab")
    for path, record in AWKWARD_RECORDS.items():
        (collections / path).parent.mkdir(parents=True, exist_ok=True)
        (collections / path).write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    site = base / "site"
    result = subprocess.run([sys.executable, "build.py", "--collections", str(collections), "build",
                             "--site-dir", str(site)], cwd=root, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return site


def copy_collection_without(source: Path, target: Path, *folders: str) -> None:
    """A copy of a collection without some of its kinds (a smaller, faster site), and without what named them:
    the people, enterprises and courses (which name almost every kind) and the records' ``associated_people``."""
    import shutil

    left_out = {*folders, "people", "enterprises", "courses"}
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(*left_out))
    for record in target.rglob("*.yaml"):
        text = record.read_text(encoding="utf-8")
        if "\nassociated_people: [" in text:
            record.write_text(re.sub(r"\nassociated_people: \[[^\]]*\]", "", text), encoding="utf-8")


def crowded_documents(count: int = 3000) -> list[dict]:
    """Search documents of ``count`` alike records (the title, kind and text of each say its number), for
    an index whose common terms have files of their own once index.OWN_FILE is made small."""
    docs = []
    for i in range(count):
        body = f"word{i % 37} common 机车" * (i % 3)
        docs.append({"url": f"a/{i}/", "title": {"zh": f"第{i}号" + "机车蒸汽缝纫电视"[i % 4:i % 4 + 2]},
                     "kind": {"zh": "藏品", "en": "Object"}, "names": [str(i)], "tags": [], "text": {"zh": body},
                     "summary": {"zh": body[:160]}, "facets": {"kind": [{"id": "artifact", "zh": "藏品", "en": "Objects"}]}})
    return docs


def write_search_index(docs: list[dict], out: Path) -> Path:
    """Index ``docs`` into ``out`` (a site's search-index folder) as the build does; return ``out``."""
    from museum.search import index
    from museum.search.run import digest

    out.parent.mkdir(parents=True, exist_ok=True)
    documents = out.parent / "documents.jsonl"
    facets = [{"id": "kind", "zh": "类别", "en": "Kind"}, {"id": "museum", "zh": "收藏单位", "en": "Museum"}]
    documents.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in [{"facets": facets}, *docs]) + "\n",
                         encoding="utf-8")
    index.build(documents, out, digest(documents))
    return out
