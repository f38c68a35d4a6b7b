"""Image pipeline benchmark: cold time on 1 and 2 cores, and the warm rebuild's image time.

Usage: python bench/images_bench.py [N] [WIDTH]   (defaults: 200 images of 3000 x 2000 pixels)
Generates N large JPEG "photographs" (gradients, shapes and noise, so they compress like photos),
plans them as the build does, and times images.produce with a fresh cache each cold run.
"""

from __future__ import annotations

import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from museum.media.pictures import SourceHashes, plan_picture, produce  # noqa: E402
from museum.media.source import inspect_image  # noqa: E402


def make_images(folder: Path, n: int, width: int) -> list[Path]:
    rng = random.Random(7)
    height = width * 2 // 3
    base = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    noise = Image.effect_noise((width, height), 40).convert("RGB")
    paths = []
    for i in range(n):
        im = Image.blend(base, noise, 0.25)
        draw = ImageDraw.Draw(im)
        for _ in range(12):
            x, y = rng.randrange(width), rng.randrange(height)
            r = rng.randrange(50, width // 4)
            colour = tuple(rng.randrange(256) for _ in range(3))
            draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
        im = im.filter(ImageFilter.GaussianBlur(1))
        path = folder / f"photo-{i:04d}.jpg"
        im.save(path, "JPEG", quality=90)
        paths.append(path)
    return paths


def plan_all(paths: list[Path]):
    hashes = SourceHashes(None)
    return [plan_picture(inspect_image(p), hashes(p)) for p in paths]


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    width = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
    work = Path(tempfile.mkdtemp(prefix="images-bench-"))
    try:
        t = time.perf_counter()
        (work / "src").mkdir()
        paths = make_images(work / "src", n, width)
        print(f"generated {n} images of {width}x{width * 2 // 3} in {time.perf_counter() - t:.1f} s "
              f"({sum(p.stat().st_size for p in paths) / 1e6:.0f} MB)")
        t = time.perf_counter()
        pictures = plan_all(paths)
        plan_s = time.perf_counter() - t
        rows = []
        for workers in (1, 2):
            cache = work / f"cache-{workers}"
            t = time.perf_counter()
            files = produce(pictures, cache, workers=workers)
            rows.append((f"cold, {workers} core{'s' if workers > 1 else ''}", time.perf_counter() - t, files))
        t = time.perf_counter()
        warm_pictures = plan_all(paths)
        files = produce(warm_pictures, work / "cache-2", workers=2)
        rows.append(("warm rebuild (plan + produce)", time.perf_counter() - t, files))
        print(f"planning (headers + hashes): {plan_s:.2f} s")
        print(f"{'run':<32}{'seconds':>10}{'files made':>12}")
        for name, seconds, made in rows:
            print(f"{name:<32}{seconds:>10.2f}{made:>12}")
        size = sum(f.stat().st_size for f in (work / "cache-2").rglob("*") if f.is_file())
        print(f"derivatives and tiles: {size / 1e6:.0f} MB in the cache")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
