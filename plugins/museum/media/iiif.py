"""Deep zoom for large originals: static IIIF Image API 3.0 level 0 tiles, made with Pillow.

A level 0 server answers only the requests its info.json announces, so the files must be exactly
those a viewer will ask for. The names follow OpenSeadragon's IIIF tile source (6.x) for a single
tile size with power-of-two scale factors and no "sizes": region "x,y,w,h" (or "full"), size
"w,h" (or "max"), rotation 0, "default.jpg".
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image as PILImage

from museum.media.clean import bare

if TYPE_CHECKING:  # the planned picture; pictures.py imports this module, not the other way round
    from museum.media.pictures import Picture

TILE = 512  # deep-zoom tile size (IIIF level 0 static tiles)
TILE_QUALITY = 80

DONE = ".complete"  # written last: a tile folder without it is remade


def scale_factors(width: int, height: int) -> list[int]:
    factors = [1]
    while math.ceil(width / factors[-1]) > TILE or math.ceil(height / factors[-1]) > TILE:
        factors.append(factors[-1] * 2)
    return factors


def tiles(width: int, height: int) -> Iterator[tuple[int, str, tuple[int, int, int, int]]]:
    """(scale factor, file path inside the tile folder, crop box in that level's pixels)."""
    for sf in scale_factors(width, height):
        level_w, level_h = math.ceil(width / sf), math.ceil(height / sf)
        if level_w < TILE and level_h < TILE:
            size = "max" if sf == 1 else f"{level_w},{level_h}"
            yield sf, f"full/{size}/0/default.jpg", (0, 0, level_w, level_h)
            continue
        span = TILE * sf  # the tile's width in full-size pixels
        for ty in range(math.ceil(level_h / TILE)):
            for tx in range(math.ceil(level_w / TILE)):
                x0, y0 = tx * span, ty * span
                w, h = min(span, width - x0), min(span, height - y0)
                region = "full" if (x0, y0, w, h) == (0, 0, width, height) else f"{x0},{y0},{w},{h}"
                sw, sh = min(TILE, level_w - tx * TILE), min(TILE, level_h - ty * TILE)
                size = "max" if (sw, sh) == (width, height) else f"{sw},{sh}"
                yield sf, f"{region}/{size}/0/default.jpg", (tx * TILE, ty * TILE, tx * TILE + sw, ty * TILE + sh)


def complete(folder: Path) -> bool:
    return (folder / DONE).exists()


def write_tiles(im: PILImage.Image, folder: Path) -> int:
    """Cut an upright sRGB image into its tiles, with no metadata; return how many files were written."""
    rgb = bare(im.convert("RGB") if im.mode != "RGB" else im)
    levels: dict[int, PILImage.Image] = {}
    count = 0
    for sf, name, box in tiles(rgb.width, rgb.height):
        if sf not in levels:
            size = (math.ceil(rgb.width / sf), math.ceil(rgb.height / sf))
            levels[sf] = rgb if sf == 1 else rgb.resize(size, PILImage.Resampling.LANCZOS)
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{os.getpid()}.tmp.jpg")
        levels[sf].crop(box).save(tmp, "JPEG", quality=TILE_QUALITY, optimize=True)
        os.replace(tmp, target)
        count += 1
    (folder / DONE).write_text("", encoding="utf-8")
    return count


def info(picture: Picture, service_id: str) -> dict:
    return {
        "@context": "http://iiif.io/api/image/3/context.json",
        "id": service_id,
        "type": "ImageService3",
        "protocol": "http://iiif.io/api/image",
        "profile": "level0",
        "width": picture.width,
        "height": picture.height,
        "tiles": [{"width": TILE, "scaleFactors": scale_factors(picture.width, picture.height)}],
    }


def publish_tiles(picture: Picture, cached: Path, target: Path, site_url: str,
                  link: Callable[[Path, Path], None]) -> None:
    for _, name, _ in tiles(picture.width, picture.height):
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        link(cached / name, target / name)
    service_id = f"{site_url.rstrip('/')}/{picture.folder}{picture.zoom}"
    (target / "info.json").write_text(json.dumps(info(picture, service_id), separators=(",", ":")), encoding="utf-8")
