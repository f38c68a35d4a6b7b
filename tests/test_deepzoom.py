"""Deep zoom tiles: a static IIIF level 0 service has exactly the files its info.json promises."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from museum.media import iiif as deepzoom  # noqa: E402
from museum.media.pictures import TILE, SourceHashes, plan_picture, produce, publish  # noqa: E402
from museum.media.source import inspect_image  # noqa: E402


def test_scale_factors_halve_until_the_whole_image_fits_one_tile():
    assert deepzoom.scale_factors(1600, 1200) == [1, 2, 4]
    assert deepzoom.scale_factors(512, 300) == [1]
    assert deepzoom.scale_factors(513, 10) == [1, 2]


def test_every_tile_of_every_level_is_named_as_a_viewer_requests_it():
    names = [name for _, name, _ in deepzoom.tiles(1600, 1200)]
    assert "0,0,512,512/512,512/0/default.jpg" in names  # full size, top left
    assert "1536,1024,64,176/64,176/0/default.jpg" in names  # full size, bottom right remainder
    assert "0,0,1024,1024/512,512/0/default.jpg" in names  # half size
    assert "full/400,300/0/default.jpg" in names  # the whole image in one tile
    assert len(names) == len(set(names)) == 4 * 3 + 2 * 2 + 1


def test_a_large_original_gets_tiles_and_an_info_json(tmp_path):
    source = tmp_path / "big.png"
    Image.new("RGB", (1700, 1100), (120, 60, 30)).save(source)
    picture = plan_picture(inspect_image(source), SourceHashes(None)(source))
    assert picture.zoom and picture.zoom_info.endswith("/info.json")
    produce([picture], tmp_path / "cache", workers=1)
    site = tmp_path / "site"
    publish([picture], tmp_path / "cache", site, "https://museum.example/")
    service = site / picture.folder / picture.zoom
    info = json.loads((service / "info.json").read_text(encoding="utf-8"))
    assert info["profile"] == "level0" and info["type"] == "ImageService3"
    assert info["id"] == f"https://museum.example/{picture.folder}{picture.zoom}"
    assert (info["width"], info["height"]) == (1700, 1100)
    assert info["tiles"] == [{"width": TILE, "scaleFactors": [1, 2, 4]}]
    for sf, name, box in deepzoom.tiles(1700, 1100):
        tile = Image.open(service / name)
        size = name.split("/")[1]
        expected = (1700, 1100) if size == "max" else tuple(map(int, size.split(",")))
        assert tile.size == expected, name
        assert tile.size == (box[2] - box[0], box[3] - box[1])
        assert max(tile.size) <= TILE
    assert math.ceil(1700 / 4) < TILE


def test_a_small_original_gets_no_tiles(tmp_path):
    source = tmp_path / "small.png"
    Image.new("RGB", (1200, 800)).save(source)
    assert plan_picture(inspect_image(source), "k").zoom is None
