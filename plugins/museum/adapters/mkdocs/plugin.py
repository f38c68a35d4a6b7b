"""The MkDocs adapter: hands the museum's pages to MkDocs and the Material theme.

Everything that matters happens in the core (check → catalogue → page specs → HTML). This plugin
only (1) adds one generated file per page spec, (2) replaces the page's content with the HTML the
core rendered, skipping Markdown, (3) puts the core's <head> tags into the theme's context, and
(4) writes pictures and redirects after the build. Swapping MkDocs for another host means
rewriting this file only.
"""

from __future__ import annotations

import html
import json
import logging
import os
import time
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from museum.output import csp
from museum.catalogue.check import check_collection
from museum.media.pictures import SourceHashes, produce, progress_bar, publish
from museum.pages.spec import PageSpec, Site
from museum.output.redirects import write_redirects
from museum.render.html import Renderer
from museum.search.pagefind import SearchIndexError, index_site, start_indexing
from museum.pages.plan import plan_site

log = logging.getLogger("mkdocs.plugins.museum")
GENERATED_BY = "museum"
DEFAULT_SITE_URL = "http://127.0.0.1:8000/"


class MuseumConfig(Config):
    collections = c.Type(str, default="collections")
    image_cache = c.Type(str, default=".cache/images")
    image_workers = c.Type(int, default=0)  # 0: one per core


class MuseumPlugin(BasePlugin[MuseumConfig]):
    supports_multiple_instances = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.indexer = None  # the background search indexing of the live preview

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).resolve().parent
        self.root = root
        self.collections = (root / self.config.collections).resolve()
        self.cache = (root / self.config.image_cache).resolve()
        self.site_url = config.site_url or DEFAULT_SITE_URL
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        # Seconds by stage, written to the cache folder for bench/run.py (and curious curators).
        self.stats: dict[str, float] = {"render": 0.0}
        self.started = time.perf_counter()
        self.blocked_scripts: list[str] = []  # pages with an inline script, which the CSP blocks

    @event_priority(50)  # before other plugins look at the files
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        t = time.perf_counter()
        cat, problems = check_collection(self.collections, self.root)
        self.stats["check"] = time.perf_counter() - t
        if problems:
            shown = "\n".join(str(p) for p in problems[:50])
            more = f"\n… and {len(problems) - 50} more" if len(problems) > 50 else ""
            raise PluginError(f"藏品记录有 {len(problems)} 个问题 / the collection has {len(problems)} problem(s):\n"
                              f"{shown}{more}")
        t = time.perf_counter()
        self.hashes = SourceHashes(self.cache)
        self.site: Site = plan_site(cat, self.site_url, self.hashes)
        self.stats["pages"] = time.perf_counter() - t
        self.renderer = Renderer(self.site_url)
        self.shell: dict[str, str] = {}  # rendered tabs and sidebars, by folder depth
        self.specs: dict[str, PageSpec] = {}
        for spec in self.site.pages:
            if files.get_file_from_path(spec.src_uri) is not None:
                raise PluginError(f"docs/{spec.src_uri} 与生成的页面冲突 / collides with a generated page")
            file = File.generated(config, spec.src_uri, content=_front_matter(spec))
            file.generated_by = GENERATED_BY
            files.append(file)
            self.specs[spec.src_uri] = spec
        for path, content in self.site.files.items():  # data files the core made, e.g. map/points.json
            file = File.generated(config, path, content=content)
            file.generated_by = GENERATED_BY
            files.append(file)
        return files

    def on_env(self, env, config: MkDocsConfig, files: Files):
        serving = getattr(self, "serving", False)  # theme/main.html: the policy, first in every <head>
        env.globals["museum_csp"] = lambda url: csp.for_page(url, preview=serving)
        return env

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        return "" if page.file.src_uri in self.specs else markdown

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        # MkDocs converts every page before it renders any, and would hold all their HTML at once;
        # the body is rendered just in time instead (on_page_context) and dropped once written.
        return "" if page.file.src_uri in self.specs else html

    def on_page_context(self, context, page: Page, config: MkDocsConfig, nav):
        spec = self.specs.get(page.file.src_uri)
        if spec is not None:
            t = time.perf_counter()
            page.content = str(self.renderer.body(spec))
            self.stats["render"] += time.perf_counter() - t
            context["museum_head"] = self.renderer.head(spec)
            spec.context, spec.jsonld = {}, []  # rendered: its data is no longer needed
            if page.parent is None and not page.is_homepage and page not in nav.pages:
                # Not in the nav: its tabs and sidebar depend only on its depth (see theme/main.html).
                context["museum_shell_key"] = str(spec.url.count("/"))
                context["museum_shell"] = self.shell
        return context

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        if page.file.src_uri in self.specs:
            page.content = None  # written: let it go (see on_page_content)
        elif csp.inline_scripts(output):  # a <script> in a hand-written Markdown page (the core's pages have none)
            self.blocked_scripts.append(page.file.src_uri)
        return output

    def on_post_build(self, config: MkDocsConfig) -> None:
        self.stats["mkdocs"] = time.perf_counter() - self.started - sum(self.stats.values())
        t = time.perf_counter()
        pictures = list(self.site.pictures.values())
        made = produce(pictures, self.cache, workers=self.config.image_workers or None, progress=progress_bar())
        self.hashes.save()
        publish(pictures, self.cache, Path(config.site_dir), self.site_url)
        self.stats["images"] = time.perf_counter() - t
        t = time.perf_counter()
        write_redirects(self.site.redirects, Path(config.site_dir), self.site_url)
        csp.add_to_files(Path(config.site_dir) / old / "index.html" for old in self.site.redirects)
        self.stats["exports"] = time.perf_counter() - t
        t = time.perf_counter()
        if os.environ.get("MUSEUM_SEARCH") == "off":
            pass  # `build.py build --no-search` (benchmarks of everything else at 100,000 objects)
        elif getattr(self, "serving", False):
            # A curator's edit must show at once; the search index follows a few seconds later.
            if self.indexer is not None and self.indexer.poll() is None:
                self.indexer.terminate()
            self.indexer = start_indexing(Path(config.site_dir))
        else:
            try:
                index_site(Path(config.site_dir))
            except SearchIndexError as error:
                raise PluginError(f"搜索索引失败 / search indexing failed: {error}") from None
        self.stats["search"] = time.perf_counter() - t
        self.cache.mkdir(parents=True, exist_ok=True)
        (self.cache / "build-stats.json").write_text(json.dumps(
            {"pages": len(self.specs), "pictures": len(pictures), "made": made,
             "seconds": {k: round(v, 3) for k, v in self.stats.items()}}), encoding="utf-8")
        if self.blocked_scripts:
            log.warning("museum: %d page(s) have inline scripts, which the Content-Security-Policy blocks "
                        "(serve them as files): %s", len(self.blocked_scripts), ", ".join(self.blocked_scripts[:10]))
        log.info("museum: %d pages, %d pictures (%d made), %d redirects",
                 len(self.specs), len(pictures), made, len(self.site.redirects))

    def on_shutdown(self) -> None:
        if getattr(self, "indexer", None) is not None and self.indexer.poll() is None:
            self.indexer.terminate()

    def on_serve(self, server, config: MkDocsConfig, builder):
        server.watch(str(self.collections))
        return server


def _front_matter(spec: PageSpec) -> str:
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
