"""The benchmark suite: one table of what a build costs and what a visitor pays, by collection size.

Usage: python bench/run.py [N ...] [--runs 3] [--no-search] [--no-browser] [--no-hugo]
Default sizes: 1,000 and 10,000 artifacts (with N/20 museums, N/50 exhibitions and heritage sites).

For each size: check time; cold build time (median of --runs, each into an empty folder), by stage
from the plugin's .cache/images/build-stats.json; peak memory (GNU time); a rebuild with nothing
changed, and one after editing one record; how long an edited record takes to show in `build.py serve`
(median of three edits); site size; artifact page size; the largest listing page
and the largest page of all; the bytes a visitor's browser fetches for a first search (headless Chromium). With
Debian's `hugo` installed, the same N artifact pages are rendered by Hugo and indexed by the same
Pagefind in the same run, and our build time is printed as a ratio of that pipeline's.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from synth import generate  # noqa: E402

PY = sys.executable
GNU_TIME = "/usr/bin/time"
STATS = ROOT / ".cache" / "images" / "build-stats.json"


def timed(cmd: list[str], env: dict | None = None) -> tuple[float, int]:
    """Wall seconds and peak memory (KB, from GNU time when present) of a command."""
    use_time = Path(GNU_TIME).exists()
    full = [GNU_TIME, "-f", "%M", *cmd] if use_time else cmd
    t = time.perf_counter()
    result = subprocess.run(full, cwd=ROOT, capture_output=True, text=True, env={**os.environ, **(env or {})})
    seconds = time.perf_counter() - t
    if result.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    peak = int(result.stderr.strip().splitlines()[-1]) if use_time else 0
    return seconds, peak


def folder_size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def gzip_size(body: bytes) -> int:
    """A file's bytes as a host sends them (gzip), as the search benchmark counts them too."""
    return len(gzip.compress(body, 6))


def first_search_bytes(site: Path, query: str) -> int | None:
    """Bytes the browser fetches from the search bundle for one query on the search page."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not Path("/usr/bin/chromium").exists():
        return None
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    total = 0
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            sizes: list[int] = []

            def count(response):
                if "/search-index/" in response.url or "museum-search" in response.url:
                    try:
                        sizes.append(gzip_size(response.body()))
                    except Exception:  # noqa: BLE001 - a response without a body counts as nothing
                        pass

            page.on("response", count)
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/search/?q={query}")
            page.wait_for_selector(".museum-search__results a", timeout=30_000)
            page.wait_for_timeout(1000)
            total = sum(sizes)
            browser.close()
    finally:
        server.shutdown()
    return total


def _in(text: str | dict | None, lang: str) -> str:
    """A record's text in ``lang`` (a text in one language is Chinese; English falls back to it)."""
    if isinstance(text, dict):
        return text.get(lang) or text.get("zh", "")
    return (text or "") if lang == "zh" else ""


def hugo_site(coll: Path, site: Path) -> None:
    """The Hugo site of the artifacts of ``coll`` (title, body), in each language of the museum's build:
    the Chinese pages under artifacts/, the English ones under en/artifacts/, each marked with its lang."""
    import yaml

    shutil.rmtree(site, ignore_errors=True)
    (site / "layouts" / "_default").mkdir(parents=True)
    (site / "hugo.toml").write_text('baseURL = "/"\nlanguageCode = "zh-cn"\ntitle = "bench"\n'
                                    'disableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n', encoding="utf-8")
    (site / "layouts" / "_default" / "single.html").write_text(
        '<!doctype html><html lang="{{ .Params.lang }}"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>'
        '<body><main data-pagefind-body><h1>{{ .Title }}</h1>{{ .Content }}</main></body></html>', encoding="utf-8")
    (site / "layouts" / "_default" / "list.html").write_text("<!doctype html><html lang=\"zh\"></html>",
                                                               encoding="utf-8")
    folders = {"zh": site / "content" / "artifacts", "en": site / "content" / "en" / "artifacts"}
    for folder in folders.values():
        folder.mkdir(parents=True)
    for path in sorted((coll / "artifacts").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for lang, folder in folders.items():
            body = "\n\n".join(_in(data.get(field), lang) for field in ("description", "significance"))
            (folder / f"{path.stem}.md").write_text(
                f"---\ntitle: {json.dumps(_in(data['title'], lang), ensure_ascii=False)}\nlang: {lang}\n---\n{body}\n",
                encoding="utf-8")


def hugo_pipeline(coll: Path, work: Path) -> float | None:
    """Hugo renders the same artifacts in both languages (``hugo_site``) and Pagefind indexes them (an
    index per language, as ours): seconds, or None."""
    if shutil.which("hugo") is None:
        return None
    site = work / "hugo"
    hugo_site(coll, site)
    t = time.perf_counter()
    subprocess.run(["hugo", "--quiet", "-s", str(site)], check=True, capture_output=True)
    subprocess.run([PY, "-m", "pagefind", "--site", str(site / "public"), "--quiet"], check=True, capture_output=True)
    return time.perf_counter() - t


def _get(url: str) -> str:
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def serve_edit_seconds(coll: Path, search: bool, edits: int = 3) -> float | None:
    """Median seconds from saving an edited record to its new text being served by `build.py serve`."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    record = sorted((coll / "artifacts").glob("*.yaml"))[len(list((coll / "artifacts").glob("*.yaml"))) // 3]
    url = f"http://127.0.0.1:{port}/artifacts/{record.stem}/"
    env = {**os.environ, **({} if search else {"MUSEUM_SEARCH": "off"})}
    server = subprocess.Popen([PY, "build.py", "--collections", str(coll), "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds = []
    try:
        deadline = time.monotonic() + 900
        while "<h1" not in _get(url):
            if time.monotonic() > deadline or server.poll() is not None:
                return None
            time.sleep(0.5)
        for n in range(edits):
            time.sleep(3)  # the watcher settles, a background search index finishes
            marker = f"预览计时{time.time_ns()}号"  # never on the page before this edit
            text = record.read_text(encoding="utf-8")
            t = time.perf_counter()
            record.write_text(text.replace("description: ", f"description: {marker}。", 1), encoding="utf-8")
            while marker not in _get(url):
                if time.perf_counter() - t > 300:
                    return None
                time.sleep(0.05)
            seconds.append(time.perf_counter() - t)
    finally:
        server.terminate()
        server.wait(timeout=60)
    return statistics.median(seconds)


def bench_size(n: int, runs: int, browser: bool, hugo: bool, work: Path, search: bool = True) -> dict:
    coll = generate(work / f"n{n}", n)
    site = work / f"n{n}" / "site"
    row: dict = {"n": n, "search": search}
    row["check_s"], _ = timed([PY, "build.py", "--collections", str(coll), "check"])
    build = [PY, "build.py", "--collections", str(coll), "build", "--site-dir", str(site),
             *([] if search else ["--no-search"])]
    builds, peaks, stages = [], [], []
    for _ in range(runs):
        shutil.rmtree(site, ignore_errors=True)  # cold: nothing to reuse
        seconds, peak = timed(build)
        builds.append(seconds)
        peaks.append(peak)
        stages.append(json.loads(STATS.read_text(encoding="utf-8"))["seconds"])
    row["build_s"] = statistics.median(builds)
    row["builds"] = builds
    row["peak_mb"] = max(peaks) / 1024
    row["stages"] = {k: statistics.median(s[k] for s in stages) for k in stages[0]}
    # The same cold build in Chinese alone: what the English museum costs on top.
    chinese = []
    for _ in range(runs):
        shutil.rmtree(site, ignore_errors=True)
        chinese.append(timed(build, env={**os.environ, "MUSEUM_LANGUAGES": "zh"})[0])
    row["zh_s"] = statistics.median(chinese)
    shutil.rmtree(site, ignore_errors=True)
    timed(build)  # (the site in both languages again, for the rebuilds below)
    # Again with nothing changed, then with one record edited: the pages that did not change are reused.
    row["noop_s"], _ = timed(build)
    edited = sorted((coll / "artifacts").glob("*.yaml"))[n // 2]
    edited.write_text(edited.read_text(encoding="utf-8").replace("description: ", "description: 修订。", 1),
                      encoding="utf-8")
    row["edit_s"], _ = timed(build)
    row["edit_reused"] = json.loads(STATS.read_text(encoding="utf-8")).get("reused")
    row["serve_edit_s"] = serve_edit_seconds(coll, search)
    row["site_mb"] = folder_size(site) / 1e6
    artifact_pages = sorted((site / "artifacts").glob("*/index.html"))[:200]
    row["artifact_kb"] = statistics.median(p.stat().st_size for p in artifact_pages) / 1024
    listings = [p for d in ("collection", "directory", "exhibitions", "heritage") for p in (site / d).rglob("index.html")
                if d in ("collection", "directory") or p.parent.name.isdigit() or p.parent == site / d]
    row["largest_listing_kb"] = max(p.stat().st_size for p in [*listings, site / "index.html"]) / 1024
    row["largest_page_kb"] = max(p.stat().st_size for p in site.rglob("*.html")) / 1024
    row["search_kb"] = (first_search_bytes(site, "机床") or 0) / 1024 if browser and search else None
    if hugo:
        peers = [hugo_pipeline(coll, work) for _ in range(runs)]
        row["hugo_s"] = statistics.median(peers) if peers[0] is not None else None
    return row


def machine() -> str:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB, Python {sys.version.split()[0]}"


def table(rows: list[dict]) -> str:
    out = []
    header = ["artifacts", "check s", "build s", "load+check", "pages", "render", "mkdocs", "images", "exports",
              "search", "peak MB", "no-op s", "1 edit s", "serve edit s", "site MB", "artifact KB", "max listing KB", "max page KB",
              "1st search KB", "hugo+pf s", "ratio", "zh-only s", "zh+en ×"]
    out.append("| " + " | ".join(header) + " |")
    out.append("|" + "---|" * len(header))
    for r in rows:
        s = r["stages"]
        hugo = r.get("hugo_s")
        cells = [f"{r['n']:,}", f"{r['check_s']:.1f}", f"{r['build_s']:.1f}", f"{s['check']:.1f}", f"{s['pages']:.1f}",
                 f"{s['render']:.1f}", f"{s['mkdocs']:.1f}", f"{s['images']:.1f}", f"{s['exports']:.2f}",
                 "-" if "search" not in s else f"{s['search']:.1f}", f"{r['peak_mb']:.0f}", f"{r['noop_s']:.1f}", f"{r['edit_s']:.1f}",
                 "-" if r.get("serve_edit_s") is None else f"{r['serve_edit_s']:.1f}",
                 f"{r['site_mb']:.0f}", f"{r['artifact_kb']:.1f}", f"{r['largest_listing_kb']:.0f}",
                 f"{r['largest_page_kb']:.0f}", "-" if r["search_kb"] is None else f"{r['search_kb']:.0f}",
                 "-" if not hugo else f"{hugo:.1f}", "-" if not hugo else f"{r['build_s'] / hugo:.2f}×",
                 f"{r['zh_s']:.1f}", f"{r['build_s'] / r['zh_s']:.2f}×"]
        out.append("| " + " | ".join(cells) + " |")
    out.append("\nbuild runs (s): " + "; ".join(f"{r['n']:,}: " + ", ".join(f"{b:.1f}" for b in r["builds"])
                                                for r in rows))
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("sizes", nargs="*", type=int, default=[1000, 10000])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-browser", action="store_true")
    ap.add_argument("--no-hugo", action="store_true")
    ap.add_argument("--no-search", action="store_true", help="build without the search index")
    ap.add_argument("--markdown", type=Path, help="also write the table into this Markdown page (docs/benchmarks.md)")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="museum-bench-"))
    try:
        rows = [bench_size(n, args.runs, not args.no_browser, not args.no_hugo, work, not args.no_search)
                for n in args.sizes]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    heading = f"{time.strftime('%Y-%m-%d')}, {machine()}"
    text = table(rows)
    print(f"\n# Benchmark — {heading}\n{text}")
    if args.markdown:
        write_markdown(args.markdown, heading, text, args)
        english = args.markdown.parent / "en" / args.markdown.name  # (docs/en/benchmarks.md: the same table)
        if english.exists():
            write_markdown(english, heading, text, args)


def write_markdown(path: Path, heading: str, text: str, args) -> None:
    intro = path.read_text(encoding="utf-8").split("<!-- results -->")[0] if path.exists() else ""
    command = "python bench/run.py " + " ".join(map(str, args.sizes)) + f" --runs {args.runs}" + \
        (" --no-search" if args.no_search else "")
    path.write_text(f"{intro}<!-- results -->\n\n**{heading}** — `{command}`\n\n{text}\n", encoding="utf-8")


if __name__ == "__main__":
    main()
