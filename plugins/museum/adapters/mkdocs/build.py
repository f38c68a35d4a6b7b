"""``build.py build`` and ``serve``: run MkDocs with the museum plugin, safely.

A build goes into a fresh folder beside ``site/`` and replaces it only when everything succeeded,
so a failed build leaves the last good site exactly as it was. Replacing means deleting, so the
writer owns only what it made:

* every site folder it writes carries a mark (``.museum-site``); an existing folder without the
  mark is refused, and so is any folder that is, holds or lies inside the records, the hand-written
  pages or the checkout (a contributor could commit a mark into ``collections/``);
* one build at a time per site folder (a lock file beside it); what a killed build left beside the
  site (``.site.new-*``, ``.site.old-*``, marked) is removed by the next build;
* the swap is two renames with interrupts held back; the old site is then deleted by a detached
  process, and an interrupt while it is deleted here (when no process could start) still leaves the
  new site in place: the build succeeded.
"""

from __future__ import annotations

import atexit
import fcntl
import html
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from museum.output.pages import CARRY, MANIFEST, carry_in
from museum.records.problems import os_error_text

MARK = ".museum-site"
MARK_TEXT = "国家数字工业博物馆 build.py 生成的网站目录，重新构建时会被整个替换 / " \
            "a site folder made by the museum's build.py; a build replaces it whole\n"

log = logging.getLogger("mkdocs.plugins.museum")


class BuildFailed(Exception):
    pass


class UnsafeSiteDir(BuildFailed):
    """The site folder asked for is one a build must not replace (nothing was touched)."""

    def __init__(self, zh: str, en: str):
        self.zh, self.en = zh, en
        super().__init__(f"{zh} / {en}")


# --- which folders a build may replace ---------------------------------------------------------------
def is_marked(folder: Path) -> bool:
    mark = folder / MARK
    try:
        return not mark.is_symlink() and mark.is_file() and mark.read_text(encoding="utf-8") == MARK_TEXT
    except (OSError, UnicodeDecodeError):
        return False


def _mark(folder: Path) -> None:
    (folder / MARK).write_text(MARK_TEXT, encoding="utf-8")


def checkout_root(start: Path) -> Path | None:
    """The folder holding ``.git`` at or above ``start``."""
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None


Place = tuple[str, str, Path]  # (中文名, English name, folder)


def guard_site_dir(site_dir: Path, *, holders: list[Place], sources: list[Place]) -> Path:
    """The resolved site folder, or UnsafeSiteDir saying why a build must not replace it.

    ``holders`` (the project, the checkout) may hold the site but must not be it or lie inside it;
    ``sources`` (records, pages, .git) must not be it, hold it or lie inside it."""
    shown = str(site_dir)
    site = site_dir.resolve()
    why = ("构建会整个替换网站目录，所以拒绝写入；请用 --site-dir 指定一个新的空目录",
           "a build replaces its whole site folder, so it refuses; give --site-dir a new, empty folder")
    for zh_name, en_name, folder in holders:
        folder = folder.resolve()
        if site == folder or folder.is_relative_to(site):
            raise UnsafeSiteDir(f"--site-dir “{shown}”是{zh_name}或包含它（{folder}）。{why[0]}",
                                f"--site-dir '{shown}' is or holds {en_name} ({folder}); {why[1]}")
    for zh_name, en_name, folder in sources:
        folder = folder.resolve()
        if site == folder or folder.is_relative_to(site) or site.is_relative_to(folder):
            raise UnsafeSiteDir(f"--site-dir “{shown}”是、包含或位于{zh_name}（{folder}）。{why[0]}",
                                f"--site-dir '{shown}' is, holds or lies inside {en_name} ({folder}); {why[1]}")
    if site.exists() or site.is_symlink():
        if not site.is_dir():
            raise UnsafeSiteDir(f"--site-dir “{shown}”已存在且不是目录。{why[0]}",
                                f"--site-dir '{shown}' exists and is not a folder; {why[1]}")
        if not is_marked(site) and any(site.iterdir()):
            raise UnsafeSiteDir(
                f"--site-dir “{shown}”已存在，但不是本馆 build.py 生成的网站目录（其中没有 {MARK} 标记）。{why[0]}；"
                f"若它确是旧的网站且不再需要，请自行删除后再构建",
                f"--site-dir '{shown}' exists but is not a site folder the museum's build.py made (it has no {MARK} "
                f"mark); {why[1]}. If it is an old build you no longer need, delete it yourself and build again")
    return site


# --- building --------------------------------------------------------------------------------------
@contextmanager
def _one_build_at_a_time(site: Path) -> Iterator[None]:
    lock = site.parent / f".{site.name}.lock"
    with open(lock, "a") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildFailed(f"另一个构建正在写入 {site}，请等它结束 / another build is writing {site}; "
                              f"wait for it to finish") from None
        yield  # the lock goes with the file's closing, also when the process is killed


def _leftovers(site: Path) -> list[Path]:
    """Folders beside the site that a killed build of it left: named like ours and marked as ours."""
    names = (f".{site.name}.new-", f".{site.name}.old-")
    return [p for p in sorted(site.parent.iterdir())
            if p.name.startswith(names) and p.is_dir() and not p.is_symlink() and is_marked(p)]


@contextmanager
def _interrupts_held() -> Iterator[None]:
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)  # a held Ctrl+C arrives here


def checked_site_dir(config_file: Path, site_dir: Path, collections: Path | None = None, config=None) -> Path:
    """The resolved site folder if a build may replace it; UnsafeSiteDir (nothing touched) if not.
    ``config``: the MkDocs configuration of ``config_file``, if it is loaded already."""
    from mkdocs.config import load_config

    project = config_file.resolve().parent
    if config is None:
        config = load_config(config_file=str(config_file))  # its own site_dir: MkDocs must not judge ours first
    holders: list[Place] = [("项目目录", "the project folder", project)]
    sources: list[Place] = [("网页源文件目录 docs/", "the hand-written pages (docs/)", Path(config.docs_dir))]
    if collections is not None:
        sources.append(("藏品记录目录", "the records folder", collections))
    checkout = checkout_root(project)
    if checkout is not None:
        holders.append(("代码仓库", "the checkout", checkout))
        sources.append(("Git 仓库数据 .git/", "the repository's .git folder", checkout / ".git"))
    return guard_site_dir(site_dir, holders=holders, sources=sources)


def build_site(config_file: Path, site_dir: Path, collections: Path | None = None, checked=None) -> None:
    """``checked``: the catalogue of ``collections``, when the caller has just checked it (not again)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        config = load_config(config_file=str(config_file))  # its own site_dir: MkDocs must not judge ours first
        site = checked_site_dir(config_file, site_dir, collections, config)
    except MkDocsException as exc:
        raise BuildFailed(str(exc)) from None
    site.parent.mkdir(parents=True, exist_ok=True)
    with _one_build_at_a_time(site):
        for leftover in _leftovers(site):
            shutil.rmtree(leftover, ignore_errors=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{site.name}.new-", dir=site.parent))
        _mark(staging)  # MkDocs keeps hidden files when it cleans; a killed build's staging is ours to remove
        try:
            config["site_dir"] = str(staging)  # beside the site checked above
            museum = config.plugins.get("museum")
            if museum is not None:
                museum.checked = checked
                if is_marked(site):
                    museum.previous_site = site  # unchanged pages are linked from it, not written again
                    museum.carry = True  # and unchanged record folders are moved from it below
            build(config)
        except MkDocsException as exc:  # PluginError and ConfigurationError among them
            shutil.rmtree(staging, ignore_errors=True)
            raise BuildFailed(str(exc)) from None
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        staging.chmod(0o755)  # mkdtemp made it private; a web server must read it
        old = _swap(staging, site, f".{site.name}.old-")
        if old is not None:
            _remove_old(old)


def _swap(staging: Path, site: Path, aside: str) -> Path | None:
    """Put the finished ``staging`` where ``site`` is: the old site is moved aside first (to a new
    folder named ``aside``…, returned), so there is never a half site; then the folders it hands on
    (output/pages.carry_in) move from it. BuildFailed, with ``site`` as it was, if that fails."""
    old = None
    with _interrupts_held():
        if site.exists():
            old = Path(tempfile.mkdtemp(prefix=aside, dir=site.parent))
            old.rmdir()
            site.rename(old)
            try:  # the folders of unchanged records, moved whole
                carry_in(staging, old)
            except OSError as exc:
                old.rename(site)  # whole again: carry_in put back what it had moved
                shutil.rmtree(staging, ignore_errors=True)
                zh, en = os_error_text(exc)
                raise BuildFailed(f"{zh} / {en}") from None
        if (staging / CARRY).exists():  # the site it was to take folders from is gone
            shutil.rmtree(staging, ignore_errors=True)
            raise BuildFailed(f"构建期间 {site} 被移走，请重新构建 / {site} was moved away during the build; "
                              f"build again")
        staging.rename(site)
    return old


REMOVE_IN_BACKGROUND = True  # the old site goes while the build returns (100,000 page folders take ~30 s)


def _remove_old(old: Path) -> None:
    """Delete the replaced site, marked and renamed aside: by a detached process, so the new site is
    ready at once; here when none can start. Whatever is left of it, the next build removes."""
    if REMOVE_IN_BACKGROUND:
        try:
            subprocess.Popen([sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)",
                              str(old)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)
            return
        except OSError:
            pass
    try:
        shutil.rmtree(old, ignore_errors=True)
    except KeyboardInterrupt:
        log.warning("旧网站 %s 未删完，下次构建时删除 / the old site %s was not fully deleted; the next build "
                    "removes it", old, old)


# --- the live preview --------------------------------------------------------------------------------
def short_error(exc: BaseException) -> str:
    """What a curator sees when a rebuild fails: the problems, or one line for a bug; no traceback."""
    from mkdocs.exceptions import MkDocsException

    if isinstance(exc, MkDocsException) and str(exc):
        return str(exc)
    return (f"内部错误：{exc!r}（设置 MUSEUM_DEBUG=1 查看详情）/ internal error: {exc!r} "
            f"(set MUSEUM_DEBUG=1 for details)")


_ERROR_PAGE = """<!doctype html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="3">
<title>预览未能更新 / The preview could not be rebuilt</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.6;
       color: #1f1b16; background: #faf7f2; }}
h1 {{ font-size: 1.5rem; color: #7b2418; }}
pre {{ white-space: pre-wrap; overflow-wrap: anywhere; background: #fff; padding: 1rem; border-left: 4px solid #7b2418; }}
</style>
</head>
<body>
<main>
<h1>预览未能更新 <span lang="en">/ The preview could not be rebuilt</span></h1>
<p>修正下面的问题并保存，本页会自动刷新。<span lang="en">Fix what is listed below and save; this page reloads by
itself.</span></p>
<pre>{message}</pre>
</main>
</body>
</html>
"""


def write_error_site(site_dir: Path, message: str) -> None:
    """Replace the preview's site (MkDocs' own temporary folder) by one page that says what failed."""
    for entry in site_dir.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
    page = _ERROR_PAGE.format(message=html.escape(message))
    for name in ("index.html", "404.html"):  # every address the browser asks for shows it
        (site_dir / name).write_text(page, encoding="utf-8")


class _ErrorsSaid(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


_LAST_GOOD: dict[Path, Path] = {}  # the preview's folder -> its last good site, kept aside while an error shows


def guarded_build(build):
    """MkDocs' build for the preview, done as ``build_site`` does it: into a new folder beside the
    served one, reusing the pages of the last good preview (output/pages.py), then swapped in. A
    failure becomes an error page, so no request waits for a fix; the good site waits aside, to be
    reused by the build that follows the fix."""

    memory: dict = {}  # what one preview remembers from build to build (its records, their digests)

    def run(config, **kwargs):
        site = Path(config.site_dir)
        aside = _LAST_GOOD.get(site)
        previous = aside or (site if (site / MANIFEST).is_file() else None)
        staging = Path(tempfile.mkdtemp(prefix=f".{site.name}.new-", dir=site.parent))
        plugins = getattr(config, "plugins", None)
        museum = plugins.get("museum") if plugins is not None else None
        if museum is not None:
            museum.previous_site, museum.carry, museum.serve_site = previous, previous is not None, site
            museum.memory = memory
        said = _ErrorsSaid()
        logging.getLogger("mkdocs").addHandler(said)
        config.site_dir = str(staging)
        try:
            build(config, **kwargs)
            staging.chmod(0o755)
            if aside is not None:  # an error page is served: the pages come from the site aside
                carry_in(staging, aside)
            old = _swap(staging, site, f".{site.name}.old-")
            if old is not None:
                _remove_old(old)
            if aside is not None:
                del _LAST_GOOD[site]
                _remove_old(aside)
            if museum is not None:
                museum.site_in_place(site)
        except KeyboardInterrupt:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        except BaseException as exc:  # noqa: BLE001 - MkDocs' Abort is a SystemExit
            from mkdocs.exceptions import Abort

            shutil.rmtree(staging, ignore_errors=True)
            if os.environ.get("MUSEUM_DEBUG"):
                log.exception("rebuild failed")
            # MkDocs logs a plugin's error (the records' problems) and raises a bare Abort.
            message = "\n".join(said.messages) if isinstance(exc, Abort) and said.messages else short_error(exc)
            if not isinstance(exc, Abort):
                log.error("%s", message)
            if previous is site:  # keep the good site for the next build: the error page takes its place
                kept = Path(tempfile.mkdtemp(prefix=f".{site.name}.good-", dir=site.parent))
                kept.rmdir()
                site.rename(kept)
                site.mkdir()
                _LAST_GOOD[site] = kept
                atexit.register(shutil.rmtree, kept, True)
            write_error_site(site, message)
        finally:
            config.site_dir = str(site)
            logging.getLogger("mkdocs").removeHandler(said)

    return run


def _dev_addr(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"  # (an IPv6 address in brackets)


def preview_url(config_file: Path, host: str, port: int) -> str:
    """Where the preview answers: MkDocs serves it under the path of the site's address (SITE_URL)."""
    from urllib.parse import urlsplit

    from mkdocs.config import load_config

    path = urlsplit(load_config(config_file=str(config_file)).site_url or "/").path or "/"
    return f"http://{_dev_addr(host, port)}{path}"


def serve_site(config_file: Path, host: str, port: int, poll: bool = False) -> None:
    """``poll``: look for changes by reading the folders twice a second, as MkDocs does, instead of
    being told by the system (for folders on network drives or shared into containers)."""
    import mkdocs.commands.serve as mkdocs_serve

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    # MkDocs 1.6 (its last 1.x release) lets a failed rebuild stall every request until the next good
    # one; its serve() looks `build` up in its own module, so the preview wraps it there.
    mkdocs_serve.build = guarded_build(mkdocs_serve.build)
    if not poll:
        mkdocs_serve.LiveReloadServer = _told_of_changes(mkdocs_serve.LiveReloadServer)
    mkdocs_serve.serve(config_file=str(config_file), dev_addr=_dev_addr(host, port), livereload=True)


def _told_of_changes(server_class):
    """MkDocs' preview server, told of changes by the system (inotify, FSEvents, ReadDirectoryChanges)
    rather than polling: polling reads every file's metadata twice a second, 0.09 s each time at
    10,000 records (a core's whole time at 100,000), and an edit waits for the next round."""
    from watchdog import events
    from watchdog.observers import Observer

    # What changes a file: a build reading the records and pages (opened, closed unwritten) must not
    # start the next build, as it would with every event (MkDocs' handler takes all but folders').
    changes = [events.FileCreatedEvent, events.FileModifiedEvent, events.FileDeletedEvent, events.FileMovedEvent,
               events.FileClosedEvent, events.DirCreatedEvent, events.DirDeletedEvent, events.DirMovedEvent]

    class Told(Observer):
        def schedule(self, event_handler, path, *, recursive=False, event_filter=None, follow_symlink=False):
            return super().schedule(event_handler, path, recursive=recursive, event_filter=event_filter or changes,
                                    follow_symlink=follow_symlink)

    class Server(server_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.observer = Told()  # before anything is watched: every watch goes to it

    return Server
