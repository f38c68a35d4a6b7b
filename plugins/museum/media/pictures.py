"""Curators' originals to web pictures: fixed widths in WebP, a JPEG/PNG fallback, a cache.

Planning (which files a picture has, their sizes and URLs) needs only the header that ``check``
already read and a hash of the source bytes, so pages can be written before any pixel is decoded.
Producing the files is the slow part. It is cached outside ``site/`` per derivative, keyed by the
source bytes and that derivative's own recipe: a rebuild with unchanged images decodes nothing,
and a changed recipe (a new width, another quality) remakes exactly the files it changes.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager as ContextManager, nullcontext
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PIL import Image as PILImage
from PIL import ImageCms, ImageOps

from museum.media.clean import bare
from museum.media.iiif import TILE, TILE_QUALITY, complete, publish_tiles, write_tiles
from museum.media.source import ImageInfo, open_picture

WIDTHS = (320, 640, 1280, 2048)
# No derivative holds more pixels than this (a 2048 px square is 4.2 million): a 1:14 hanging scroll
# would otherwise be a 20-million-pixel picture that phones refuse to decode; deep zoom shows the detail.
MAX_DERIVATIVE_PIXELS = 16_000_000
FALLBACK_WIDTH = 1280
QUALITY = {"webp": 78, "jpeg": 82, "png": None}
ZOOM_MIN = 1600  # originals at least this long on one side get deep-zoom tiles
# The longest side each output format can hold; a derivative that would be larger is made smaller,
# keeping its shape. WebP: libwebp's WEBP_MAX_DIMENSION. JPEG: libjpeg's JPEG_MAX_DIMENSION. PNG: the
# format allows 2^31 - 1, but libpng-based readers refuse more than 1,000,000 px a side by default.
FORMAT_MAX_SIDE = {"webp": 16_383, "jpeg": 65_500, "png": 1_000_000}
# Bump when the shared steps (orientation, colour conversion, resampling) change: every file then
# changes. Per-format settings above only change the files of that format.
# 2: every kind of metadata is stripped (files made by 1 could carry a JPEG comment or an ICC profile,
# and a warm cache would have published them again).
PROCESS_VERSION = 2


@dataclass(frozen=True)
class Variant:
    name: str  # file name, e.g. "640-1a2b3c.webp": its width and its recipe's hash
    width: int
    height: int
    format: str  # "webp", "jpeg" or "png"


@dataclass(frozen=True)
class Picture:
    key: str  # hash of the source bytes: the folder in the cache and in the site
    source: Path
    width: int
    height: int
    alpha: bool
    webp: tuple[Variant, ...]
    fallback: Variant
    zoom: str | None = None  # folder of the IIIF tiles ("iiif-1a2b3c"), for large originals
    frames: int = 1  # frames (or pages) in the original; every file shows the first
    # More than one frame: an animated GIF, PNG or WebP, or a TIFF of several pages (not a camera's MPO,
    # whose second view a browser never shows). Every file, and so every page, shows the first frame.
    animated: bool = False

    @property
    def folder(self) -> str:
        return f"media/{self.key}/"

    def url(self, variant: Variant) -> str:
        return f"{self.folder}{variant.name}"

    @property
    def thumb(self) -> Variant:
        return self.webp[0]

    @property
    def largest(self) -> Variant:
        return self.webp[-1]

    @property
    def variants(self) -> tuple[Variant, ...]:
        return (*self.webp, self.fallback)

    @property
    def zoom_info(self) -> str | None:
        """URL of the IIIF info.json, when the picture has deep-zoom tiles."""
        return f"{self.folder}{self.zoom}/info.json" if self.zoom else None


def fit(fmt: str, width: int, full: tuple[int, int]) -> tuple[int, int]:
    """The size of a ``width``-wide derivative of a ``full``-size original: never wider than the
    original, and narrower still if its height would pass the format's limit; the shape is kept."""
    limit = FORMAT_MAX_SIDE[fmt]
    width = min(width, full[0], limit)
    if full[1] * width > limit * full[0]:  # too tall for the format: as wide as fits
        width = max(1, limit * full[0] // full[1])
    if width * width * full[1] > MAX_DERIVATIVE_PIXELS * full[0]:  # a long scroll: a phone must decode it
        width = max(1, math.isqrt(MAX_DERIVATIVE_PIXELS * full[0] // full[1]))
    return width, min(limit, max(1, round(full[1] * width / full[0])))


def _variant(fmt: str, width: int, full: tuple[int, int]) -> Variant:
    width, height = fit(fmt, width, full)
    recipe = json.dumps({"v": PROCESS_VERSION, "format": fmt, "width": width, "quality": QUALITY[fmt]}, sort_keys=True)
    digest = hashlib.sha256(recipe.encode()).hexdigest()[:6]
    ext = "jpg" if fmt == "jpeg" else fmt
    return Variant(f"{width}-{digest}.{ext}", width, height, fmt)


class SourceHashes:
    """Hashes of source files, remembered by (size, mtime) so unchanged files are not read again."""

    def __init__(self, cache: Path | None):
        self.file = cache / "sources.json" if cache else None
        self.known: dict[str, list] = {}
        if self.file and self.file.exists():
            try:
                self.known = json.loads(self.file.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self.known = {}
        self.changed = False

    def __call__(self, path: Path) -> str:
        stat = path.stat()
        entry = self.known.get(str(path))
        if entry and entry[0] == stat.st_size and entry[1] == stat.st_mtime_ns:
            return entry[2]
        digest = hashlib.sha256()
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
        value = digest.hexdigest()[:20]
        self.known[str(path)] = [stat.st_size, stat.st_mtime_ns, value]
        self.changed = True
        return value

    def save(self) -> None:
        if self.file and self.changed:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.file.with_suffix(".tmp")
            tmp.write_text(json.dumps(self.known, separators=(",", ":")), encoding="utf-8")
            os.replace(tmp, self.file)
            self.changed = False


def plan_picture(info: ImageInfo, key: str) -> Picture:
    full = (info.width, info.height)
    widths = sorted({fit("webp", w, full)[0] for w in WIDTHS})  # never upscaled, never beyond WebP's limit
    alpha = info.transparent or info.mode in ("RGBA", "LA", "PA") or (info.mode == "P" and info.format == "PNG")
    webp = tuple(_variant("webp", w, full) for w in widths)
    fallback = _variant("png" if alpha else "jpeg", min(FALLBACK_WIDTH, info.width), full)
    zoom = None
    if max(full) >= ZOOM_MIN:
        recipe = json.dumps({"v": PROCESS_VERSION, "tile": TILE, "quality": TILE_QUALITY}, sort_keys=True)
        zoom = "iiif-" + hashlib.sha256(recipe.encode()).hexdigest()[:6]
    # An MPO (a camera's JPEG with a second view or a depth map) is a still picture to a browser.
    animated = info.frames > 1 and info.format != "MPO"
    return Picture(key, info.path, info.width, info.height, alpha, webp, fallback, zoom, info.frames, animated)


# --- producing the files ---------------------------------------------------------------------------
_SRGB = ImageCms.createProfile("sRGB")


def normalise(im: PILImage.Image, alpha: bool) -> PILImage.Image:
    """Upright, sRGB, 8-bit RGB(A), with no metadata: whatever mode, profile and orientation the
    original had. For a picture with several frames, the first (the one open)."""
    icc = im.info.get("icc_profile")
    im = ImageOps.exif_transpose(im)
    if im.mode in ("I;16", "I;16B", "I;16L", "I"):
        im = im.point(lambda v: v / 256).convert("L")
    elif im.mode == "F":
        im = im.convert("L")
    if im.mode in ("P", "PA"):
        im = im.convert("RGBA" if alpha else "RGB")
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            mode = "RGBA" if alpha and "A" in im.mode else "RGB"
            im = ImageCms.profileToProfile(im, source, _SRGB, outputMode=mode)
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken or unusable profile: the plain conversion below is the best we can do
    if alpha:
        im = im.convert("RGBA")
    elif im.mode in ("LA", "RGBA"):
        background = PILImage.new("RGB", im.size, (255, 255, 255))
        background.paste(im.convert("RGB"), mask=im.getchannel("A"))
        im = background
    else:
        im = im.convert("RGB")
    im.info = {}  # a new image (convert never returns the original): nothing of the source's metadata
    return im


def save_variant(im: PILImage.Image, variant: Variant, target: Path) -> None:
    resized = im if im.size == (variant.width, variant.height) else im.resize((variant.width, variant.height),
                                                                               PILImage.Resampling.LANCZOS)
    resized = bare(resized)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    # No exif=, xmp=, icc_profile= or pnginfo=, and no im.info: every kind of metadata (GPS included)
    # is stripped; the pixels are sRGB.
    if variant.format == "webp":
        resized.save(tmp, "WEBP", quality=QUALITY["webp"], method=4)
    elif variant.format == "png":
        resized.save(tmp, "PNG", optimize=True)
    else:
        resized.save(tmp, "JPEG", quality=QUALITY["jpeg"], optimize=True, progressive=True)
    os.replace(tmp, target)  # a file in the cache is complete or absent


Job = tuple[str, str, bool, list[Variant], "str | None"]


def _produce_one(job: Job) -> int:
    source, folder, alpha, variants, zoom = job
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    with open_picture(source) as original:  # only the accepted formats, as check read it
        if not zoom:
            largest = max(variants, key=lambda v: v.width)
            original.draft("RGB", (largest.width, largest.height))  # JPEG: decode at a reduced scale
        im = normalise(original, alpha)
    for variant in sorted(variants, key=lambda v: -v.width):
        save_variant(im, variant, out / variant.name)
    made = len(variants)
    if zoom:
        made += write_tiles(im, out / zoom)
    return made


def missing(pictures: list[Picture], cache: Path) -> list[Job]:
    jobs = []
    for picture in pictures:
        folder = cache / picture.key
        todo = [v for v in picture.variants if not (folder / v.name).exists()]
        zoom = picture.zoom if picture.zoom and not complete(folder / picture.zoom) else None
        if todo or zoom:
            jobs.append((str(picture.source), str(folder), picture.alpha, todo, zoom))
    return jobs


def produce(pictures: list[Picture], cache: Path, *, workers: int | None = None,
            progress: Callable[[int], ContextManager[Callable[[int], None]]] | None = None) -> int:
    """Make every missing derivative in the cache; return how many files were made.

    ``progress(total)``, when given, opens a progress report whose ``advance(1)`` follows each picture."""
    jobs = missing(pictures, cache)
    if not jobs:
        return 0
    workers = max(1, workers or os.cpu_count() or 1)
    with progress(len(jobs)) if progress else nullcontext(lambda n: None) as advance:
        if workers == 1 or len(jobs) == 1:
            return sum(_counted(map(_produce_one, jobs), advance))
        with ProcessPoolExecutor(max_workers=workers) as pool:
            return sum(_counted(pool.map(_produce_one, jobs, chunksize=2), advance))


def _counted(results: Iterable[int], advance: Callable[[int], None]) -> Iterator[int]:
    for count in results:
        advance(1)
        yield count


def publish(pictures: list[Picture], cache: Path, site: Path, site_url: str = "/") -> None:
    """Put each picture's files into the site (hard links where the file system allows)."""
    for picture in pictures:
        src_dir = cache / picture.key
        dst_dir = site / picture.folder
        dst_dir.mkdir(parents=True, exist_ok=True)
        for variant in picture.variants:
            _link(src_dir / variant.name, dst_dir / variant.name)
        if picture.zoom:
            publish_tiles(picture, src_dir / picture.zoom, dst_dir / picture.zoom, site_url, _link)


def _link(src: Path, dst: Path) -> None:
    if dst.exists():
        return
    try:
        os.link(src, dst)
    except OSError:
        shutil.copyfile(src, dst)
