"""The MkDocs adapter: hands the museum's pages to MkDocs and the Material theme.

Everything that matters happens in the core (check → catalogue → page specs → HTML). This plugin
only (1) adds one generated file per page spec, (2) replaces the page's content with the HTML the
core rendered, skipping Markdown, (3) puts the core's <head> tags into the theme's context, and
(4) writes pictures and redirects after the build. Swapping MkDocs for another host means
rewriting this file only.
"""

from __future__ import annotations

import html
import gc
import json
import logging
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

from jinja2 import pass_context
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page

from mkdocs.utils import get_build_date

from museum.catalogue.check import check_collection
from museum.records import cjk
from museum.records.cache import cache_folder
from museum.records.loader import collector_paused
from museum.records.memory import release as release_memory
from museum.media.pictures import SourceHashes, produce, publish
from museum.output import csp, shell
from museum.output.exports import write_exports
from museum.output.feed import record_dates
from museum.output.pages import PageWriter, write_pages
from museum.output.progress import progress_bar
from museum.output.redirects import write_redirects
from museum.output.shell import Shell
from museum.output.sitemap import write_sitemap
from museum.pages import i18n, urls
from museum.pages.inputs import PageInputs
from museum.pages.inputs import salt as inputs_salt
from museum.pages.plan import SitePlan
from museum.pages.spec import PageSpec
from museum.records.fields import Ref
from museum.render.html import Renderer, compiled_cache
from museum.search import run as search_index

log = logging.getLogger("mkdocs.plugins.museum")
GENERATED_BY = "museum"
DEFAULT_SITE_URL = "http://127.0.0.1:8000/"
SHELL_FOLDER = "museum-shell"  # the shells' pages, removed once the core has used them
MAX_DEPTH = 8  # folder depth of the deepest generated page in Chinese (a record's paginated list is 4)


class MuseumConfig(Config):
    collections = c.Type(str, default="collections")
    image_cache = c.Type(str, default=".cache/images")
    image_workers = c.Type(int, default=0)  # 0: one per core
    workers = c.Type(int, default=0)  # processes writing pages; 0: one per core
    # The site's languages, its own first. MUSEUM_LANGUAGES=zh builds the Chinese pages alone (bench/).
    languages = c.Type(list, default=list(i18n.LANGUAGES))


class MuseumPlugin(BasePlugin[MuseumConfig]):
    supports_multiple_instances = False
    checked = None  # build.py build: the catalogue it has just checked
    previous_site: Path | None = None  # build.py build: the site being replaced (its unchanged pages are reused)
    carry = False  # build.py build: it moves unchanged record folders in from previous_site (output/pages.py)
    serve_site: Path | None = None  # build.py serve: where the preview is served (this build is swapped in there)
    memory: dict | None = None  # build.py serve: what the preview remembers between its builds (records, digests)
    serving = False  # `serve`: a live preview (set at startup)
    indexer: subprocess.Popen | None = None  # the search index being made in the background
    index_pending: Path | None = None  # build.py serve: documents to index once this build is in place

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).resolve().parent
        self.root = root
        self.collections = (root / self.config.collections).resolve()
        self.cache = (root / self.config.image_cache).resolve()
        self.compiled = root / ".cache" / "templates"  # compiled Jinja templates, ours and the theme's
        self.site_url = config.site_url or DEFAULT_SITE_URL
        chosen = os.environ.get("MUSEUM_LANGUAGES")
        languages = tuple(chosen.split(",")) if chosen else tuple(self.config.languages)
        unknown = [lang for lang in languages if lang not in i18n.LANGUAGES]
        if unknown or not languages or languages[0] != i18n.DEFAULT:
            raise PluginError(f"museum: 语言应为 {', '.join(i18n.LANGUAGES)} 之一且以 {i18n.DEFAULT} 开头 / languages must be "
                              f"among {', '.join(i18n.LANGUAGES)}, {i18n.DEFAULT} first: {', '.join(languages)}")
        self.languages = languages
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        # The preview keeps this plugin between builds: the last build's catalogue and pages go now,
        # before the next are made, and with them whatever the collector was told to leave alone.
        self.plan = self.specs = self.core_others = None
        gc.unfreeze()
        # Seconds by stage, written to the cache folder for bench/run.py (and curious curators).
        self.stats: dict[str, float] = {"render": 0.0}
        self.started = time.perf_counter()
        self.blocked_scripts: list[str] = []  # pages with an inline script, which the CSP blocks
        self.host_pages: list[str] = []  # URLs of the pages MkDocs wrote, for the sitemap

    @event_priority(50)  # before other plugins look at the files
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        for file in list(files):  # the hand-written pages of a language this build leaves out
            lang = i18n.split(file.src_uri)[0]
            if lang not in self.languages:
                files.remove(file)
        t = time.perf_counter()
        if self.checked is not None:  # build.py build has just checked the records: not twice
            cat, problems, self.checked = self.checked, [], None
        else:
            records = None if self.memory is None else self.memory.setdefault("records", {})
            cat, problems = check_collection(self.collections, self.root, cache_folder(self.root), records)
        self.stats["check"] = time.perf_counter() - t
        if problems:
            shown = "\n".join(str(p) for p in problems[:50])
            more = f"\n… and {len(problems) - 50} more" if len(problems) > 50 else ""
            raise PluginError(f"藏品记录有 {len(problems)} 个问题 / the collection has {len(problems)} problem(s):\n"
                              f"{shown}{more}")
        t = time.perf_counter()
        self.hashes = SourceHashes(self.cache)
        # The pages in the navigation go through MkDocs (their tab is shown as the current one); all
        # the others are written by the core (output/pages.py) into the shells MkDocs renders here.
        # Each other language has the same navigation, its titles translated, under its prefix.
        self.navs_config = {lang: _nav_in(config.nav or [], lang) for lang in self.languages}
        in_nav = {uri for nav in self.navs_config.values() for uri in _nav_files(nav)}
        self.specs: dict[str, PageSpec] = {}
        core_uris = []  # (the core's other pages are planned again by the writers, group by group)
        with collector_paused():  # (what planning makes is kept to the end of the build)
            self.plan = SitePlan(cat, self.site_url, self.hashes, self.languages)
            for group in self.plan.other_groups():
                for spec in group():
                    if spec.src_uri in in_nav:
                        self.specs[spec.src_uri] = spec
                    else:
                        core_uris.append(spec.src_uri)
            self.plan.plan_pictures()
        self.core_others = self.plan.other_groups(left_out=frozenset(self.specs))
        self.core_count = len(core_uris)
        release_memory()  # (what planning freed among what it keeps)
        # The catalogue and the plan live to the end: not walked again by the collector (nor at the
        # exit: 0.6 s at 10,000 records), nor copied page by page by the forked writers.
        gc.freeze()
        self.stats["pages"] = time.perf_counter() - t
        if os.environ.get("MUSEUM_SEARCH") != "off":
            self.start_search(Path(config.site_dir))
        self.renderer = Renderer(self.site_url, compiled=self.compiled, languages=self.languages)
        self.shell_uris = {urls.src_uri(_shell_url(n, lang)): (lang, n) for lang, n in _shell_depths(self.languages)}
        self.shells: dict[tuple[str, int], Shell] = {}
        for uri, spec in [*self.specs.items(), *((u, None) for u in self.shell_uris)]:
            if files.get_file_from_path(uri) is not None:
                raise PluginError(f"docs/{uri} 与生成的页面冲突 / collides with a generated page")
            file = File.generated(config, uri, content=_front_matter(spec))
            file.generated_by = GENERATED_BY
            files.append(file)
        # A hand-written page where the core writes one would be overwritten: refuse, as for the others.
        core_uris += [urls.src_uri(folder) for record in self.plan.all_records() for folder in self.plan.folders_of(record)]
        for uri in core_uris:
            if files.get_file_from_path(uri) is not None:
                raise PluginError(f"docs/{uri} 与生成的页面冲突 / collides with a generated page")
        for path, content in self.plan.files().items():  # data files the core made, e.g. map/points.json
            file = File.generated(config, path, content=content)
            file.generated_by = GENERATED_BY
            files.append(file)
        return files

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        """The navigation of each other language: the same entries, in its words, to its pages."""
        self.navs = {i18n.DEFAULT: nav}
        for lang in self.languages[1:]:
            own, config["nav"] = config["nav"], self.navs_config[lang]
            try:
                self.navs[lang] = get_navigation(files, config)
            finally:
                config["nav"] = own
            for title, uri in _nav_entries(self.navs_config[lang]):
                file = files.get_file_from_path(uri)
                if file is not None and file.page is not None and title:
                    file.page.title = title
        return nav

    def on_env(self, env, config: MkDocsConfig, files: Files):
        serving = self.serving  # theme/main.html: the policy, first in every <head>
        shells = {_shell_url(n, lang) for lang, n in _shell_depths(self.languages)}
        env.globals["museum_csp"] = lambda url: shell.CSP if url in shells else csp.for_page(url, preview=serving)
        env.bytecode_cache = compiled_cache(self.compiled)
        languages = self.languages

        def lang_of(context) -> str:
            page = context.get("page")
            lang = i18n.split(page.url)[0] if page is not None and page.url is not None else i18n.DEFAULT
            return lang if lang in languages else i18n.DEFAULT

        # The theme's own strings (header, footer, 404) come from the same catalogue as the core's.
        env.add_extension("jinja2.ext.i18n")
        env.install_gettext_callables(  # type: ignore[attr-defined]
            pass_context(lambda context, msgid: i18n.strings(lang_of(context)).gettext(msgid)),
            pass_context(lambda context, s, p, n: i18n.strings(lang_of(context)).ngettext_raw(s, p, n)),
            newstyle=True)
        env.globals["museum_lang"] = pass_context(lang_of)
        env.globals["museum_prefix"] = pass_context(lambda context: i18n.prefix(lang_of(context)))
        env.globals["museum_languages"] = languages
        env.globals["museum_autonyms"] = i18n.AUTONYMS

        @pass_context
        def twin(context) -> str:
            """The language switch's link: the same page in the other language ("" for none)."""
            page = context.get("page")
            if page is None or page.url is None or (page.url and not page.url.endswith("/")):
                return ""  # (the 404 page: one for both languages)
            other = i18n.twin(page.url, languages)
            if other is None:
                return ""
            return shell.TWIN if page.url in shells else urls.relative(page.url, other)

        env.globals["museum_twin"] = twin

        @pass_context
        def title_lang(context) -> str:
            """The header's title: in a shell, the slot the core fills with its language (where not the page's)."""
            page = context.get("page")
            if page is not None and page.url in shells:
                return " " + shell.TITLE_LANG
            spec = self.specs.get(page.file.src_uri) if page is not None and page.file else None
            return f' lang="{spec.title_lang}"' if spec is not None and spec.title_lang else ""

        env.globals["museum_title_lang"] = title_lang
        base = self.site_url.rstrip("/") + "/"

        @pass_context
        def alternates(context) -> dict[str, str]:
            """A page's absolute URL in each language, and x-default (the site's own); {} if it has none."""
            page = context.get("page")
            if page is None or page.url is None or page.url.endswith(".html"):
                return {}
            return i18n.alternates(base, page.url, languages)

        env.globals["museum_alternates"] = alternates
        # Every page's <head> links the feed of its language (output/feed.py).
        env.globals["museum_feed"] = pass_context(lambda context: base + i18n.localized(urls.FEED, lang_of(context)))
        return env

    def _ours(self, page: Page) -> bool:
        return page.file.src_uri in self.specs or page.file.src_uri in self.shell_uris

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        return "" if self._ours(page) else markdown

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        return "" if self._ours(page) else cjk.join_html(html)  # wrapped Chinese lines, as in records

    def on_page_context(self, context, page: Page, config: MkDocsConfig, nav):
        lang = i18n.split(page.url)[0]
        if lang != i18n.DEFAULT and lang in self.navs:
            context["nav"] = self.navs[lang]  # its tabs, in its words, to its pages
        spec = self.specs.get(page.file.src_uri)
        if spec is not None:
            t = time.perf_counter()
            page.content = str(self.renderer.body(spec))
            self.stats["render"] += time.perf_counter() - t
            context["museum_head"] = self.renderer.head(spec)
        elif page.file.src_uri in self.shell_uris:
            page.content = shell.BODY
            page.canonical_url = shell.CANONICAL
            context["museum_head"] = shell.HEAD
        return context

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        place = self.shell_uris.get(page.file.src_uri)
        if place is not None:
            needed = shell.SLOTS if len(self.languages) > 1 else tuple(s for s in shell.SLOTS if s != shell.TWIN)
            self.shells[place] = Shell.parse(output, needed)
            return output
        self.host_pages.append(page.url)
        if page.file.src_uri not in self.specs and csp.inline_scripts(output):
            self.blocked_scripts.append(page.file.src_uri)  # a <script> in hand-written Markdown
        return output

    def on_post_build(self, config: MkDocsConfig) -> None:
        self.stats["mkdocs"] = time.perf_counter() - self.started - sum(self.stats.values())
        site = Path(config.site_dir)
        _quiet_material_alternates(site)
        for lang, depth in self.shell_uris.values():  # the shells were written as pages: not part of the site
            shutil.rmtree(site / f"{i18n.prefix(lang)}{SHELL_FOLDER}-{depth}", ignore_errors=True)
        t = time.perf_counter()
        preview = self.serving
        writer = PageWriter(self.renderer, self.shells, site, self.site_url, preview=preview,
                            previous=self.previous_site, carry=self.carry)
        shells = ["".join(self.shells[place].parts) for place in sorted(self.shells)]
        inputs = PageInputs(self.plan.cat, self.plan.planned_pictures,
                            inputs_salt(self.plan.cat, *shells, self.site_url, str(preview)),
                            memory=None if self.memory is None else self.memory.setdefault("digests", {}))
        total = sum(len(t) for t in self.plan.cat.records.values()) + self.core_count
        with progress_bar("页面 / pages", total) as advance:
            written = write_pages(self.plan, self.core_others, writer, workers=self.config.workers or None, inputs=inputs,
                                  progress=advance)
        self.stats["render"] += time.perf_counter() - t
        self.pages = written.pages + len(self.specs)
        t = time.perf_counter()
        pages = [*self.host_pages, *(p.removesuffix("index.html") for p, _, _ in written.entries)]
        if self.serving:  # a curator's preview: the pages at once, without the exports for other programs
            write_sitemap(site, self.site_url, pages, get_build_date())
        else:
            dates = record_dates(self.plan.cat)
            modified = {i18n.localized(urls.record(Ref(kind, rid)), lang): when.updated_iso
                        for (kind, rid), when in dates.items() for lang in self.languages}
            write_sitemap(site, self.site_url, pages, get_build_date(), modified)
            del pages, modified
            release_memory()  # (before the exports fork a process: it would start with the freed pages)
            write_exports(self.plan.opendata, self.plan.pictures, dates, site, self.site_url, self.languages)
        self.stats["exports"] = time.perf_counter() - t  # (the sitemap, the feeds, the data package, IIIF)
        t = time.perf_counter()
        pictures = list(self.plan.planned_pictures.values())
        made = produce(pictures, self.cache, workers=self.config.image_workers or None,
                       progress=lambda total: progress_bar("图片 / images", total))
        self.hashes.save()
        publish(pictures, self.cache, site, self.site_url)
        self.stats["images"] = time.perf_counter() - t
        t = time.perf_counter()
        redirects = self.plan.redirects()
        write_redirects(redirects, site, self.site_url)
        csp.add_to_files(site / old / "index.html" for old in redirects)
        self.stats["exports"] += time.perf_counter() - t
        if os.environ.get("MUSEUM_SEARCH") != "off":  # off: `build.py build --no-search`
            self.finish_search(site)
        self.cache.mkdir(parents=True, exist_ok=True)
        (self.cache / "build-stats.json").write_text(json.dumps(
            {"pages": self.pages, "reused": written.reused, "pictures": len(pictures), "made": made,
             "seconds": {k: round(v, 3) for k, v in self.stats.items()}}), encoding="utf-8")
        if self.blocked_scripts:
            log.warning("museum: %d page(s) have inline scripts, which the Content-Security-Policy blocks "
                        "(serve them as files): %s", len(self.blocked_scripts), ", ".join(self.blocked_scripts[:10]))
        log.info("museum: %d pages (%d unchanged), %d pictures (%d made), %d redirects",
                 self.pages, written.reused, len(pictures), made, len(redirects))

    def start_search(self, site: Path) -> None:
        """The search index of the records, unless the site being replaced has it already. A build
        makes it in another process while the pages are written; the preview, once the site is in place."""
        t = time.perf_counter()
        documents = self.cache / "search" / "documents.jsonl"
        self.stop_indexer()  # it reads the documents about to be rewritten
        self.plan.search.write(documents)
        if search_index.carry(self.previous_site, site) != search_index.digest(documents):
            if self.serving:
                # A curator's edit must show at once; the index follows a moment later, in the folder the
                # preview is served from (build.py serve swaps this one in first; until then, the last index).
                self.index_pending = documents
            else:
                self.indexer = search_index.start_indexing(documents, site)
        self.stats["search"] = time.perf_counter() - t

    def finish_search(self, site: Path) -> None:
        t = time.perf_counter()
        if self.serving:
            if self.serve_site is None:  # plain `mkdocs serve`: the site is served where it was built
                self.site_in_place(site)
        elif self.indexer is not None:
            indexer, self.indexer = self.indexer, None
            try:
                search_index.finished(indexer)
            except search_index.SearchIndexError as error:
                raise PluginError(f"搜索索引失败 / search indexing failed: {error}") from None
        self.stats["search_wait"] = time.perf_counter() - t

    def stop_indexer(self) -> None:
        if self.indexer is not None and self.indexer.poll() is None:
            self.indexer.terminate()
            self.indexer.communicate()
        self.indexer = None

    def site_in_place(self, site: Path) -> None:
        """The site just built is now at ``site``: start the preview's search index there."""
        documents = self.index_pending
        if documents is None:
            return
        self.index_pending = None
        self.indexer = search_index.start_indexing(documents, site)

    def on_shutdown(self) -> None:
        self.stop_indexer()

    def on_serve(self, server, config: MkDocsConfig, builder):
        server.watch(str(self.collections))
        return server


# Material's script reads every <link rel="alternate"> of a page and fetches "sitemap.xml" below its
# address, for a language selector (extra.alternate) the museum does not use: on every page, a request
# per language that finds nothing, and on a home page the whole sitemap, which grows with the
# collection; and for the feed's and IIIF manifests' links, "sitemap.xml" beside them. The site's copy
# of the script reads none of them.
MATERIAL_ALTERNATES = ('M("link[rel=alternate]")', 'M("link[rel=alternate][data-md-alternate]")')


def _quiet_material_alternates(site: Path) -> None:
    bundles = sorted((site / "assets" / "javascripts").glob("bundle.*.min.js"))
    if not bundles:
        raise PluginError("museum: Material's script (assets/javascripts/bundle.*.min.js) is missing: the theme changed")
    for bundle in bundles:
        text = bundle.read_text(encoding="utf-8")
        if MATERIAL_ALTERNATES[0] not in text:
            raise PluginError(f"museum: {bundle.name} no longer reads link[rel=alternate] as Material 9.8 did: "
                              "check what it does with the pages' hreflang links (adapters/mkdocs/plugin.py)")
        bundle.write_text(text.replace(*MATERIAL_ALTERNATES), encoding="utf-8")


def _nav_files(items) -> Iterator[str]:
    """The Markdown files the configured navigation names (mkdocs.yml: nav)."""
    for item in items:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            yield from _nav_files(value)
        elif isinstance(value, str):
            yield value


def _shell_depths(languages: tuple[str, ...]) -> Iterator[tuple[str, int]]:
    """(language, depth) of every shell: a language's pages lie as deep as its prefix, and deeper."""
    for lang in languages:
        below = i18n.prefix(lang).count("/")
        for depth in range(1 + below, MAX_DEPTH + 1 + below):
            yield lang, depth


def _shell_url(depth: int, lang: str = i18n.DEFAULT) -> str:
    """Where the shell of pages ``depth`` folders deep in ``lang`` is rendered (and removed after the build)."""
    prefix = i18n.prefix(lang)
    return f"{prefix}{SHELL_FOLDER}-{depth}/" + "x/" * (depth - 1 - prefix.count("/"))


def _nav_in(items, lang: str):
    """The configured navigation (mkdocs.yml: nav) in ``lang``: its titles from the catalogue of
    interface strings, its pages under the language's prefix."""
    if lang == i18n.DEFAULT:
        return items
    s = i18n.strings(lang)
    out = []
    for item in items:
        if isinstance(item, dict):
            title, value = next(iter(item.items()))
            out.append({s._(title): _nav_in(value, lang) if isinstance(value, list) else i18n.localized(value, lang)})
        elif isinstance(item, str):
            out.append(i18n.localized(item, lang))
        else:
            out.append(item)
    return out


def _nav_entries(items) -> Iterator[tuple[str | None, str]]:
    for item in items:
        title, value = next(iter(item.items())) if isinstance(item, dict) else (None, item)
        if isinstance(value, list):
            yield from _nav_entries(value)
        elif isinstance(value, str):
            yield title, value


def _front_matter(spec: PageSpec | None) -> str:
    if spec is None:  # a shell: the core fills in each page's own title and description
        return "---\n" + f"title: {shell.TITLE}\ndescription: {shell.DESCRIPTION}\n" \
               'hide: ["navigation", "toc"]\n---\n'

    # JSON strings are valid YAML scalars, so titles with colons or quotes need no other escaping.
    # MkDocs renders themes without autoescaping, and Material writes page.meta.title and
    # page.meta.description into <title>, <meta content="…"> and the header as they are: a curator's
    # "</title><script>" would run. So they go in as HTML text, escaped here (tests/test_hostile.py).
    meta = {
        "title": html.escape(spec.title),
        "description": html.escape(spec.description),
        "hide": ["navigation", "toc"],
    }
    if spec.url == "":
        del meta["title"]  # the home page's <title> is the site's name alone, not "name - name"
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---\n"
