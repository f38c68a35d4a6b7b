"""The core's page writer: every generated page, rendered into its shell, over all cores.

The work is cut into tasks (shares of the records, and groups of the other pages); worker processes
forked after planning inherit the catalogue and the plan, so nothing is pickled but each task's number
and its result. Every page written is listed in the site's manifest (``MANIFEST``) with the digest
of its bytes and, for a record's pages, the key of their inputs (pages/inputs.py). Given the previous
site, a record whose key is unchanged has its pages hard-linked from it, neither planned nor
rendered; so has any other page whose spec is unchanged (``PageInputs.spec_key``), and any page
whose bytes come out the same. Linked pages stay the very same
files on disk (their inode and time unchanged).

With ``carry``, an unchanged page's folder (a record's, or a listing page's with no pages below it)
is not even linked: it is listed in the new site's ``CARRY`` file, and ``carry_in`` moves the whole
folder from the previous site when the new one replaces it (adapters/mkdocs/build.py). Making a folder is the dear part of linking a page (a
quarter of a millisecond each on this machine's disk: 3 s at 10,000 records); moving one is not.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import shutil
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from museum.output import csp
from museum.output.shell import Shell, depth
from museum.pages import i18n, urls
from museum.pages.inputs import PageInputs
from museum.pages.plan import SitePlan
from museum.pages.spec import PageSpec
from museum.records.models import Record
from museum.render.html import Renderer

MANIFEST = ".museum-pages"  # in the site folder: "digest path" per page the core wrote
CARRY = ".museum-carry"  # in a new site: the folders still to be moved in from the previous site
SHARES_PER_WORKER = 8  # record shares per worker, so that the workers finish together


@dataclass
class Written:
    pages: int = 0
    reused: int = 0  # hard-linked unchanged from the previous site
    items: int = 0  # records or other pages done: what the progress bar counts
    entries: list[tuple[str, str, str]] = field(default_factory=list)  # (path in site, digest, input key)
    carried: list[str] = field(default_factory=list)  # folders to move in from the previous site

    def add(self, other: Written) -> None:
        self.pages += other.pages
        self.reused += other.reused
        self.items += other.items
        self.entries.extend(other.entries)
        self.carried.extend(other.carried)


def read_manifest(site: Path | None) -> dict[str, tuple[str, str]]:
    """path -> (digest of its bytes, key of its inputs or "-"), from the manifest of ``site``."""
    if site is None:
        return {}
    try:
        lines = (site / MANIFEST).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return {}
    found = {}
    for line in lines:
        parts = line.split(" ", 2)
        if len(parts) == 3 and all(parts):
            found[parts[2]] = (parts[0], parts[1])
    return found


class PageWriter:
    def __init__(self, renderer: Renderer, shells: dict[tuple[str, int], Shell], site: Path, site_url: str, *,
                 preview: bool = False, previous: Path | None = None, carry: bool = False):
        """``shells``: by language and folder depth. ``carry``: unchanged record folders are left for
        ``carry_in`` to move from ``previous``."""
        self.renderer = renderer
        self.carry = carry and previous is not None
        self.shells = shells
        self.site = site
        self.base = site_url.rstrip("/") + "/"
        self.preview = preview
        self.previous = previous
        self.known = read_manifest(previous)
        self.by_key: dict[str, list[tuple[str, str]]] = {}  # input key -> [(path, digest)]
        for path, (digest, key) in self.known.items():
            if key != "-":
                self.by_key.setdefault(key, []).append((path, digest))

    def html(self, spec: PageSpec) -> str:
        shell = self.shells[(spec.lang, depth(spec.url))]
        return shell.fill(title=spec.title, description=spec.description, canonical=self.base + spec.url,
                          csp=csp.for_page(spec.url, preview=self.preview), head=str(self.renderer.head(spec)),
                          body=str(self.renderer.body(spec)), twin=self.renderer.twin(spec),
                          title_lang=spec.title_lang)

    def write(self, specs: Iterable[PageSpec], key: str = "-") -> Written:
        done = Written()
        for spec in specs:
            path = urls.src_uri(spec.url).removesuffix(".md") + ".html"
            data = self.html(spec).encode("utf-8")
            digest = hashlib.blake2b(data, digest_size=16).hexdigest()
            target = self.site / path
            target.parent.mkdir(parents=True, exist_ok=True)
            if self.known.get(path, ("", ""))[0] == digest and self._link(path, target):
                done.reused += 1
            else:
                target.unlink(missing_ok=True)  # never write through a link into the previous site
                target.write_bytes(data)
            done.pages += 1
            done.entries.append((path, digest, key))
        return done

    def reuse(self, key: str, folders: list[str] | None = None) -> Written | None:
        """The pages made from inputs with this key, linked from the previous site; None if there are
        none. ``folders``: the pages' own folders (a record's, a listing page's: one per language),
        carried whole if together they hold those pages and nothing else."""
        pages = self.by_key.get(key)
        if not pages:
            return None
        done = Written()
        if self.carry and folders and self._only_in(folders, {path for path, _ in pages}):
            done.pages = done.reused = len(pages)
            done.entries = [(path, digest, key) for path, digest in pages]
            done.carried.extend(folders)
            return done
        for path, digest in pages:
            target = self.site / path
            target.parent.mkdir(parents=True, exist_ok=True)
            if not self._link(path, target):
                return None  # the caller writes them anew
            done.pages += 1
            done.reused += 1
            done.entries.append((path, digest, key))
        return done

    def _only_in(self, folders: list[str], pages: set[str]) -> bool:
        """Whether ``folders`` of the previous site together hold exactly ``pages`` (none inside another)."""
        left = set(pages)
        for folder in folders:
            mine = {page for page in left if page.startswith(folder)}
            if not mine or not self._only(folder, mine):
                return False
            left -= mine
        return not left

    def _only(self, folder: str, pages: set[str]) -> bool:
        """Whether ``folder`` of the previous site holds exactly ``pages``: nothing that a hand-written
        page or an older build left there goes along with it."""
        assert self.previous is not None
        base = f"{self.previous}/{folder.rstrip('/')}"
        found: set[str] = set()
        todo = [""]
        try:
            while todo:
                at = todo.pop()
                with os.scandir(base + at) as entries:
                    for entry in entries:
                        if entry.is_dir(follow_symlinks=False):
                            todo.append(f"{at}/{entry.name}")
                        elif entry.is_file(follow_symlinks=False):
                            found.add(f"{folder}{at[1:]}/{entry.name}" if at else f"{folder}{entry.name}")
                        else:
                            return False
        except OSError:
            return False
        return found == pages

    def _link(self, path: str, target: Path) -> bool:
        assert self.previous is not None
        source = self.previous / path
        try:
            try:
                os.link(source, target)
            except FileExistsError:  # (a new site starts empty: rarely)
                target.unlink()
                os.link(source, target)
        except OSError:  # gone, another file system: write it
            return False
        return True


# --- the work, spread over processes --------------------------------------------------------------
@dataclass
class _Job:
    plan: SitePlan
    writer: PageWriter
    others: Sequence[Callable[[], Iterable[PageSpec]]]
    records: list[tuple[Record, str | None]]  # the records to do, with their key if it is known
    shares: int
    inputs: PageInputs | None
    homes: set[str]  # the home page of each language: their folders hold the whole site, or a language's


_JOB: _Job | None = None  # set in the parent before the workers are forked; they inherit it


def _run(task: tuple[str, int]) -> Written:
    assert _JOB is not None
    what, n = task
    job, done = _JOB, Written()
    if what == "others":
        for spec in job.others[n]():  # (planned here, as they are written)
            key = job.inputs.spec_key(spec) if job.inputs else "-"
            # (never the home page's folder: the site; an English page's folder holds no Chinese one)
            folders = [spec.url] if spec.url and spec.url not in _JOB.homes else None
            done.add(_reused_or_written(key, lambda: [spec], folders))
            done.items += 1
    else:
        for record, key in job.records[n :: job.shares]:
            if key is None:
                key = job.inputs.key(record) if job.inputs else "-"
            done.add(_reused_or_written(key, lambda: job.plan.pages_of(record), job.plan.folders_of(record)))
            done.items += 1
    return done


def _reused_or_written(key: str, specs: Callable[[], list[PageSpec]], folders: list[str] | None = None) -> Written:
    """The pages of one record or one other page: reused if their key is known, else planned and written."""
    assert _JOB is not None
    reused = _JOB.writer.reuse(key, folders) if key != "-" else None
    return reused or _JOB.writer.write(specs(), key)


def write_pages(plan: SitePlan, others: Sequence[Callable[[], Iterable[PageSpec]]], writer: PageWriter, *,
                workers: int | None = None, inputs: PageInputs | None = None, progress: Callable[[int], None] | None = None) -> Written:
    """Write the record pages of ``plan`` and the other pages, in groups (``SitePlan.other_groups``:
    each planned when it is called); ``progress(n)`` after n more records or other pages.
    With ``inputs``, a record whose pages' inputs are unchanged has its pages linked, not made.

    The plan's pictures must all be planned first (``SitePlan.plan_pictures``): what the workers
    plan is not seen by the parent."""
    global _JOB
    workers = workers or os.cpu_count() or 1
    done = Written()
    records: list[tuple[Record, str | None]] = []
    if inputs is not None and writer.known:
        # A rebuild: the records' keys here, and the unchanged ones reused here, so that the workers
        # get only what changed (and the preview's digests are remembered for its next build).
        for record in plan.all_records():
            key = inputs.key(record)
            reused = writer.reuse(key, plan.folders_of(record))
            if reused is None:
                records.append((record, key))
            else:
                reused.items = 1
                done.add(reused)
        inputs.remember()
        if progress and done.items:
            progress(done.items)
    else:
        records = [(record, None) for record in plan.all_records()]
    shares = min(workers * SHARES_PER_WORKER if workers > 1 else 1, len(records))
    tasks = [("records", n) for n in range(shares)] + [("others", n) for n in range(len(others))]
    homes = {i18n.localized(urls.HOME, lang) for lang in plan.languages}
    _JOB = _Job(plan, writer, others, records, max(shares, 1), inputs, homes)
    try:
        for result in _results(tasks, workers):
            done.add(result)
            if progress:
                progress(result.items)
    finally:
        _JOB = None
    done.entries.sort()
    done.carried.sort()
    writer.site.mkdir(parents=True, exist_ok=True)  # (every page may be carried)
    (writer.site / MANIFEST).write_text("".join(f"{d} {k} {p}\n" for p, d, k in done.entries), encoding="utf-8")
    if done.carried:
        (writer.site / CARRY).write_text("".join(f"{folder}\n" for folder in done.carried), encoding="utf-8")
    return done


def _results(tasks: list[tuple[str, int]], workers: int) -> Iterator[Written]:
    if workers == 1 or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(_run, tasks)
        return
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        yield from pool.imap_unordered(_run, tasks)


DISPLACED = ".museum-displaced"  # in the previous site: what a merge moved out of the way


def carry_in(site: Path, previous: Path) -> int:
    """Move the folders that ``site``'s CARRY file names from ``previous`` into ``site``.

    Each kind folder (``artifacts/``) takes the fewest renames: moved as one if the new site has
    none; if the new site has a few folders there (the records that changed), those go into the
    previous site's kind folder, whose old versions step aside, and it moves as one; otherwise
    folder by folder. Where the new site holds a carried folder itself, the pages are linked into
    it. If anything fails, every rename is undone (``previous`` is whole again) and OSError is
    raised. Returns the number of renames."""
    listed = site / CARRY
    try:
        folders = listed.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return 0
    by_parent: dict[str, set[str]] = {}
    for folder in folders:
        parent, _, name = folder.rstrip("/").rpartition("/")
        by_parent.setdefault(parent, set()).add(name)
    done: list[tuple[Path, Path]] = []  # renames made, to undo

    def rename(source: Path, target: Path) -> None:
        os.rename(source, target)
        done.append((source, target))

    displaced = previous / DISPLACED
    try:
        # Deepest first: a folder carried below another's parent (a listing's page/2/ beside the
        # listings under it) has moved before that parent moves as one or sets its stale entries aside.
        for parent, names in sorted(by_parent.items(), key=lambda item: (-item[0].count("/"), item[0])):
            old, new = previous / parent, site / parent
            before = set(os.listdir(old))
            if not new.exists() and before == names:
                new.parent.mkdir(parents=True, exist_ok=True)
                rename(old, new)
                continue
            written = set(os.listdir(new)) if new.exists() else set()
            stale = before - names
            if written and not written & names and len(stale) + len(written) + 2 < len(names):
                aside = displaced / parent
                aside.mkdir(parents=True, exist_ok=True)
                for name in sorted(stale):
                    rename(old / name, aside / name)
                for name in sorted(written):
                    rename(new / name, old / name)
                rename(new, aside.with_name(aside.name + ".emptied"))
                rename(old, new)
                continue
            new.mkdir(parents=True, exist_ok=True)
            for name in sorted(names):
                if (new / name).exists():
                    _link_tree(old / name, new / name)
                else:
                    rename(old / name, new / name)
    except OSError:
        for source, target in reversed(done):
            os.rename(target, source)
        shutil.rmtree(displaced, ignore_errors=True)  # (empty again)
        raise
    listed.unlink()
    return len(done)


def _link_tree(source: Path, target: Path) -> None:
    for path in source.rglob("*"):
        if path.is_dir():
            (target / path.relative_to(source)).mkdir(parents=True, exist_ok=True)
        else:
            os.link(path, target / path.relative_to(source))
