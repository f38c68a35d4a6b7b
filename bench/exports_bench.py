"""What the open-data exports cost at scale (issue "Open data, IIIF and feeds").

    python bench/exports_bench.py [N]      (N artifacts, default 100000)

Generates the synthetic collection of bench/synth.py, gives every artifact a picture (one shared
2400 x 1600 JPEG, so every artifact has a IIIF manifest with a deep-zoom service), checks it, then
times the exports alone, as the build runs them: the data package, the IIIF manifests and collections,
and the feeds (with each record's dates). Memory: the process's peak resident size during the exports
above its size before them (Linux: the peak is reset through /proc/self/clear_refs first).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from PIL import Image as PILImage

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "plugins"), str(ROOT / "bench")]

from synth import generate  # noqa: E402

from museum.catalogue.check import check_collection  # noqa: E402
from museum.media.pictures import SourceHashes  # noqa: E402
from museum.output.datapackage import write_package  # noqa: E402
from museum.output.exports import write_exports  # noqa: E402
from museum.output.feed import record_dates, write_feeds  # noqa: E402
from museum.output.manifests import write_iiif  # noqa: E402
from museum.pages.geo import Placer  # noqa: E402
from museum.pages.opendata import OpenData  # noqa: E402
from museum.pages.spec import Pictures  # noqa: E402

SITE_URL = "https://museum.example/"
PICTURE = ("images:\n  - {src: media/bench/picture.jpg, alt: 示意图：一台机器, credit: 国家数字工业博物馆绘制的示意图,"
           " license: CC0 1.0}\n")


def _status(field: str) -> int:
    """A field of /proc/self/status, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) // 1024
    raise KeyError(field)


def _reset_peak() -> None:
    try:
        Path("/proc/self/clear_refs").write_text("5")  # the peak starts again from here
    except OSError:
        pass


def _bytes(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        coll = generate(work, n)
        (coll / "media" / "bench").mkdir(parents=True)
        PILImage.new("RGB", (2400, 1600), (120, 80, 40)).save(coll / "media" / "bench" / "picture.jpg", quality=80)
        for path in (coll / "artifacts").glob("*.yaml"):
            with path.open("a", encoding="utf-8") as f:
                f.write(PICTURE)
        t = time.perf_counter()
        cat, problems = check_collection(coll, root=work)
        assert not problems, problems[:5]
        print(f"{n} artifacts: checked in {time.perf_counter() - t:.1f} s")
        pictures = Pictures(cat, SourceHashes(None))
        placer = Placer(cat)
        for artifact in cat.artifacts.values():  # (the build has planned every picture for the pages already)
            pictures.figures(artifact)
        site = work / "site"
        before = _status("VmRSS")
        _reset_peak()
        seconds, alone = {}, {}
        t = time.perf_counter()
        dates = record_dates(cat)
        seconds["dates"] = time.perf_counter() - t
        t = time.perf_counter()
        write_exports(OpenData(cat, placer, SITE_URL), pictures, dates, site, SITE_URL, ("zh", "en"))
        seconds["exports (package and feeds, IIIF beside them)"] = time.perf_counter() - t
        peak = _status("VmHWM")  # (this process's: the package, the feeds; the IIIF process forked from it)
        # The same, one after another, for the cost of each (and the peak of each: the IIIF process's own):
        for name, write in (("package", lambda: write_package(OpenData(cat, placer, SITE_URL), pictures, site, SITE_URL)),
                            ("iiif", lambda: write_iiif(cat, pictures, site, SITE_URL)),
                            ("feeds", lambda: write_feeds(cat, dates, site, SITE_URL, ("zh", "en")))):
            rss = _status("VmRSS")
            _reset_peak()
            t = time.perf_counter()
            write()
            seconds[f"{name} alone"] = time.perf_counter() - t
            alone[name] = _status("VmHWM") - rss
        made = sum(1 for _ in (site / "iiif").rglob("*.json"))
        files, size = _bytes(site)
        data_files, data_size = _bytes(site / "data")
    total = seconds["dates"] + seconds["exports (package and feeds, IIIF beside them)"]
    print(f"exports: {total:.1f} s ({', '.join(f'{k} {v:.1f} s' for k, v in seconds.items())}); "
          f"peak memory +{peak - before} MB above {before} MB (alone: "
          f"{', '.join(f'{k} +{v} MB' for k, v in alone.items())}); {made} IIIF files; "
          f"{files} files, {size / 1e6:.0f} MB in all, of which the data package {data_files} files, {data_size / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
