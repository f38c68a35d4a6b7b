"""The core's page writer: every generated page, rendered into its shell, over all cores.

The work is cut into tasks (shares of the records, and chunks of the other pages); worker processes
forked after planning inherit the catalogue and the plan, so nothing is pickled but each task's number
and its result. Every page written is listed with the digest of its bytes in the site's manifest
(``MANIFEST``); given the previous site, a page whose bytes are the same is hard-linked from it
instead of written, so it stays the very same file on disk (its inode and time unchanged).
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from museum.output import csp
from museum.output.shell import Shell, depth
from museum.pages import urls
from museum.pages.plan import SitePlan
from museum.pages.spec import PageSpec
from museum.render.html import Renderer

MANIFEST = ".museum-pages"  # in the site folder: "digest path" per page the core wrote
CHUNK = 200  # other pages per task
SHARES_PER_WORKER = 8  # record shares per worker, so that the workers finish together


@dataclass
class Written:
    pages: int = 0
    reused: int = 0  # hard-linked unchanged from the previous site
    entries: list[tuple[str, str]] = field(default_factory=list)  # (path in site, digest)

    def add(self, other: Written) -> None:
        self.pages += other.pages
        self.reused += other.reused
        self.entries.extend(other.entries)


def read_manifest(site: Path | None) -> dict[str, str]:
    if site is None:
        return {}
    try:
        lines = (site / MANIFEST).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return {}
    found = {}
    for line in lines:
        digest, _, path = line.partition(" ")
        if digest and path:
            found[path] = digest
    return found


class PageWriter:
    def __init__(self, renderer: Renderer, shells: dict[int, Shell], site: Path, site_url: str, *,
                 preview: bool = False, previous: Path | None = None):
        self.renderer = renderer
        self.shells = shells
        self.site = site
        self.base = site_url.rstrip("/") + "/"
        self.preview = preview
        self.previous = previous
        self.known = read_manifest(previous)

    def html(self, spec: PageSpec) -> str:
        shell = self.shells[depth(spec.url)]
        return shell.fill(title=spec.title, description=spec.description, canonical=self.base + spec.url,
                          csp=csp.for_page(spec.url, preview=self.preview), head=str(self.renderer.head(spec)),
                          body=str(self.renderer.body(spec)))

    def write(self, specs: Iterable[PageSpec]) -> Written:
        done = Written()
        for spec in specs:
            path = urls.src_uri(spec.url).removesuffix(".md") + ".html"
            data = self.html(spec).encode("utf-8")
            digest = hashlib.blake2b(data, digest_size=16).hexdigest()
            target = self.site / path
            target.parent.mkdir(parents=True, exist_ok=True)
            if not (self.known.get(path) == digest and self._link(path, target)):
                target.write_bytes(data)
            else:
                done.reused += 1
            done.pages += 1
            done.entries.append((path, digest))
        return done

    def _link(self, path: str, target: Path) -> bool:
        assert self.previous is not None
        try:
            os.link(self.previous / path, target)
        except OSError:  # gone, another file system: write it
            return False
        return True


# --- the work, spread over processes --------------------------------------------------------------
@dataclass
class _Job:
    plan: SitePlan
    writer: PageWriter
    others: list[PageSpec]
    shares: int


_JOB: _Job | None = None  # set in the parent before the workers are forked; they inherit it


def _run(task: tuple[str, int]) -> Written:
    assert _JOB is not None
    what, n = task
    if what == "records":
        return _JOB.writer.write(_JOB.plan.record_pages(n, _JOB.shares))
    return _JOB.writer.write(_JOB.others[n : n + CHUNK])


def write_pages(plan: SitePlan, others: list[PageSpec], writer: PageWriter, *, workers: int | None = None,
                progress: Callable[[int], None] | None = None) -> Written:
    """Write the record pages of ``plan`` and the pages ``others``; ``progress(n)`` after n more pages.

    The plan's pictures must all be planned first (``SitePlan.plan_pictures``): what the workers
    plan is not seen by the parent."""
    global _JOB
    workers = workers or os.cpu_count() or 1
    shares = workers * SHARES_PER_WORKER if workers > 1 else 1
    tasks = [("records", n) for n in range(shares)] + [("others", n) for n in range(0, len(others), CHUNK)]
    _JOB = _Job(plan, writer, others, shares)
    done = Written()
    try:
        for result in _results(tasks, workers):
            done.add(result)
            if progress:
                progress(result.pages)
    finally:
        _JOB = None
    done.entries.sort()
    (writer.site / MANIFEST).write_text("".join(f"{d} {p}\n" for p, d in done.entries), encoding="utf-8")
    return done


def _results(tasks: list[tuple[str, int]], workers: int) -> Iterator[Written]:
    if workers == 1 or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(_run, tasks)
        return
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        yield from pool.imap_unordered(_run, tasks)
