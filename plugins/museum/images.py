"""Curators' originals to web pictures: fixed widths in WebP, a JPEG/PNG fallback, a cache.

Planning (which files a picture has, their sizes and URLs) needs only the header that ``check``
already read, so pages can be written before any pixel is decoded. Producing the files is the slow
part; it is keyed by the source bytes and the recipe, cached outside ``site/``, and spread across
the cores. A rebuild with unchanged images decodes nothing.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PIL import Image as PILImage
from PIL import ImageCms, ImageOps

from .media import ImageInfo

WIDTHS = (320, 640, 1280, 2048)
FALLBACK_WIDTH = 1280
WEBP_QUALITY = 78
JPEG_QUALITY = 82
# Everything that changes the output bytes; a change here rebuilds exactly what it affects.
RECIPE = {"v": 1, "widths": WIDTHS, "fallback": FALLBACK_WIDTH, "webp": WEBP_QUALITY, "jpeg": JPEG_QUALITY}
RECIPE_KEY = hashlib.sha256(json.dumps(RECIPE, sort_keys=True).encode()).hexdigest()[:8]


@dataclass(frozen=True)
class Variant:
    name: str  # file name inside the picture's folder, e.g. "640.webp"
    width: int
    height: int


@dataclass(frozen=True)
class Picture:
    key: str  # content hash of source bytes + recipe: the folder name in the cache and the site
    source: Path
    width: int
    height: int
    alpha: bool
    webp: tuple[Variant, ...]
    fallback: Variant

    @property
    def folder(self) -> str:
        return f"media/{self.key}/"

    def url(self, variant: Variant) -> str:
        return f"{self.folder}{variant.name}"

    @property
    def thumb(self) -> Variant:
        return self.webp[0]

    def srcset(self, prefix: str = "") -> str:
        return ", ".join(f"{prefix}{self.url(v)} {v.width}w" for v in self.webp)


def _file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def plan_picture(info: ImageInfo) -> Picture:
    key = f"{_file_hash(info.path)[:20]}{RECIPE_KEY}"
    w, h = info.width, info.height
    widths = sorted({min(x, w) for x in WIDTHS})  # never upscale
    scale = lambda width: Variant("", width, max(1, round(h * width / w)))  # noqa: E731
    webp = tuple(Variant(f"{x}.webp", x, scale(x).height) for x in widths)
    alpha = info.mode in ("RGBA", "LA", "PA") or (info.mode == "P" and info.format == "PNG")
    fw = min(FALLBACK_WIDTH, w)
    fallback = Variant(f"{fw}.{'png' if alpha else 'jpg'}", fw, scale(fw).height)
    return Picture(key, info.path, w, h, alpha, webp, fallback)


# --- producing the files ---------------------------------------------------------------------------
_SRGB = ImageCms.createProfile("sRGB")


def _normalise(im: PILImage.Image, alpha: bool) -> PILImage.Image:
    """Upright, sRGB, 8-bit RGB(A): whatever mode, profile and orientation the original had."""
    im = ImageOps.exif_transpose(im)
    icc = im.info.get("icc_profile")
    if im.mode in ("I;16", "I;16B", "I;16L", "I"):
        im = im.point(lambda v: v / 256).convert("L")
    if im.mode == "P":
        im = im.convert("RGBA" if alpha else "RGB")
    if icc:
        try:
            src = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            mode = "RGBA" if alpha and "A" in im.mode else "RGB"
            if im.mode not in ("RGB", "RGBA", "CMYK", "L", "LA"):
                im = im.convert(mode)
            im = ImageCms.profileToProfile(im, src, _SRGB, outputMode=mode)
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: fall back to a plain conversion below
    if alpha:
        return im.convert("RGBA")
    if im.mode in ("LA", "RGBA", "PA"):
        background = PILImage.new("RGB", im.size, (255, 255, 255))
        background.paste(im.convert("RGBA"), mask=im.convert("RGBA").getchannel("A"))
        return background
    return im.convert("RGB")


def _produce_one(job: tuple[str, str, bool, list[tuple[str, int, int]], str]) -> str:
    source, folder, alpha, variants, tmp_suffix = job
    out = Path(folder)
    tmp = out.with_name(out.name + tmp_suffix)
    tmp.mkdir(parents=True, exist_ok=True)
    with PILImage.open(source) as original:
        original.draft("RGB", (max(w for _, w, _ in variants), max(h for _, _, h in variants)))
        im = _normalise(original, alpha)
    for name, width, height in sorted(variants, key=lambda v: -v[1]):
        resized = im if im.size == (width, height) else im.resize((width, height), PILImage.Resampling.LANCZOS)
        target = tmp / name
        # No exif= and no icc_profile=: metadata (GPS included) is stripped; pixels are sRGB.
        if name.endswith(".webp"):
            resized.save(target, "WEBP", quality=WEBP_QUALITY, method=4)
        elif name.endswith(".png"):
            resized.save(target, "PNG", optimize=True)
        else:
            resized.save(target, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    if out.exists():
        shutil.rmtree(tmp)
    else:
        tmp.rename(out)  # atomic: a folder in the cache is complete or absent
    return folder


def produce(pictures: list[Picture], cache: Path, *, workers: int | None = None, progress=None) -> int:
    """Make every missing picture in the cache; return how many were made."""
    cache.mkdir(parents=True, exist_ok=True)
    jobs = []
    for picture in pictures:
        folder = cache / picture.key
        if folder.is_dir():
            continue
        variants = [(v.name, v.width, v.height) for v in (*picture.webp, picture.fallback)]
        jobs.append((str(picture.source), str(folder), picture.alpha, variants, f".tmp{os.getpid()}"))
    if not jobs:
        return 0
    workers = workers or os.cpu_count() or 1
    if workers == 1 or len(jobs) == 1:
        for i, job in enumerate(jobs, 1):
            _produce_one(job)
            if progress:
                progress(i, len(jobs))
        return len(jobs)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for i, _ in enumerate(pool.map(_produce_one, jobs, chunksize=4), 1):
            if progress:
                progress(i, len(jobs))
    return len(jobs)


def publish(pictures: list[Picture], cache: Path, site: Path) -> None:
    """Put each picture's files into the site (hard links where the file system allows)."""
    for picture in pictures:
        src_dir = cache / picture.key
        dst_dir = site / picture.folder
        dst_dir.mkdir(parents=True, exist_ok=True)
        for variant in (*picture.webp, picture.fallback):
            dst = dst_dir / variant.name
            if dst.exists():
                continue
            try:
                os.link(src_dir / variant.name, dst)
            except OSError:
                shutil.copyfile(src_dir / variant.name, dst)
