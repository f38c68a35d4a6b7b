"""Exhibition covers carry no words: the title is the page's text, in the page's language.

A title drawn into the picture could not be read in English, by a screen reader or a search engine,
and a card that shows the cover at another shape cut through it. tools/illustrate.py draws the
sample covers; these tests hold it to pictures only, and the cards to showing a picture whole.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def illustrate():
    spec = importlib.util.spec_from_file_location("illustrate", ROOT / "tools" / "illustrate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["illustrate"] = module  # its dataclasses look their module up
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        del sys.modules["illustrate"]


def test_an_exhibition_cover_is_drawn_without_any_text(illustrate, monkeypatch):
    from PIL import ImageDraw

    written = []
    monkeypatch.setattr(ImageDraw.ImageDraw, "text", lambda self, xy, text, *a, **k: written.append(text))
    record = {"title_zh": "航空航天：从仿制到自主创新", "title_en": "Aviation and Space"}
    items = [("rocket", "", illustrate.palette("aerospace")), ("satellite", "", illustrate.palette("aerospace"))]
    image, alt = illustrate.banner(record, items, illustrate.palette("aerospace"))
    assert written == []
    assert image.size == illustrate.BANNER
    assert "没有文字" in alt and "航空航天" not in alt


def test_the_sample_covers_alt_text_does_not_describe_a_title_in_the_picture():
    for path in sorted((ROOT / "collections" / "exhibitions").glob("*.yaml")):
        cover = yaml.safe_load(path.read_text(encoding="utf-8")).get("cover")
        if cover and str(cover["src"]).startswith("media/illustrations/"):
            alt = cover["alt"]["zh"] if isinstance(cover["alt"], dict) else cover["alt"]
            assert "标题" not in alt and "没有文字" in alt, path.name


def test_cards_show_the_whole_picture():
    css = (ROOT / "plugins" / "museum" / "theme" / "assets" / "museum.css").read_text(encoding="utf-8")
    rule = re.search(r"\.museum-card__media img \{([^}]*)\}", css).group(1)
    assert "object-fit: contain" in rule
