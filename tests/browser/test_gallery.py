"""Looking closely: the picture viewer by keyboard alone, and deep zoom that finds every tile."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser
ARTIFACT = "artifacts/beijing-820-tv/"


def test_the_viewer_opens_and_closes_by_keyboard_and_gives_focus_back(page, base_url):
    page.goto(base_url + ARTIFACT)
    page.focus("a.museum-zoom")
    page.keyboard.press("Enter")
    page.wait_for_selector("dialog.museum-lightbox[open]")
    assert page.evaluate("document.activeElement.dataset.act") == "close"
    assert page.get_attribute("dialog.museum-lightbox img", "alt")  # the picture keeps its description
    page.keyboard.press("Escape")
    assert page.evaluate("document.querySelector('dialog.museum-lightbox').open") is False
    assert page.evaluate("document.activeElement.classList.contains('museum-zoom')")


def test_deep_zoom_loads_only_tiles_that_exist(page, base_url):
    failed: list[str] = []
    tiles: list[str] = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    page.on("requestfinished", lambda r: tiles.append(r.url) if "/iiif-" in r.url and r.url.endswith(".jpg") else None)
    page.goto(base_url + ARTIFACT)
    page.click("a.museum-zoom")
    page.click('[data-act="zoom"]')
    page.wait_for_selector(".museum-lightbox__deep canvas", timeout=15_000)
    # Zoom all the way in and visit the corners, so the viewer asks for tiles of every level.
    page.focus(".museum-lightbox__deep")
    for key in ["+"] * 6 + ["ArrowLeft"] * 8 + ["ArrowUp"] * 8 + ["ArrowRight"] * 16 + ["ArrowDown"] * 16:
        page.keyboard.press(key)
    page.wait_for_timeout(1500)
    assert failed == []
    assert len(tiles) > 3
