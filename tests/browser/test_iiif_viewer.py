"""A real IIIF viewer, Mirador, opens an artifact's manifest from the site and shows its picture in deep zoom.

Mirador (npm `mirador`, pinned in tools/package.json, installed by `make tools`) is loaded from its prebuilt
browser bundle, tools/node_modules/mirador/dist/mirador.min.js, by a small page of the test's own, served
on a loopback port of its own. The manifest's ids all say the sample site's URL, http://127.0.0.1:8000/,
so the tab answers every request for that URL from the built sample site, as a static host would
(with `Access-Control-Allow-Origin: *`, which a viewer on another site needs). Nothing may be fetched
from anywhere else.
"""

from __future__ import annotations

import io
import json
import mimetypes
import os
from pathlib import Path

import pytest

from conftest import serve

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
MIRADOR = ROOT / "tools" / "node_modules" / "mirador" / "dist" / "mirador.min.js"
SITE_URL = "http://127.0.0.1:8000/"  # the sample site's site_url, which its manifests' ids start with
SCREENSHOT = Path("/tmp/mirador.png")
TYPES = {".json": "application/json", ".webp": "image/webp", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
         ".png": "image/png"}

VIEWER = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Mirador</title>
<style>html, body { margin: 0; height: 100%; } #mirador { position: absolute; inset: 0; }</style>
</head>
<body>
<div id="mirador"></div>
<script src="mirador/mirador.min.js"></script>
<script>
Mirador.viewer({
  id: "mirador",
  windows: [{ manifestId: MANIFEST, thumbnailNavigationPosition: "off" }],
  window: { allowClose: false, sideBarOpen: false },
  workspaceControlPanel: { enabled: false },
});
</script>
</body>
</html>
"""


def _need_mirador() -> None:
    if not MIRADOR.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"the Mirador test must run in CI: no {MIRADOR.relative_to(ROOT)} (run `make tools`)")
        pytest.skip(f"no {MIRADOR.relative_to(ROOT)} (run `make tools`)")


def deep_zoom_manifest(site: Path) -> dict:
    """The first manifest (by name) whose first canvas is painted with a picture that has deep-zoom tiles."""
    for path in sorted((site / "iiif" / "artifacts").glob("*.json")):
        manifest = json.loads(path.read_text(encoding="utf-8"))
        body = manifest["items"][0]["items"][0]["items"][0]["body"]
        if body.get("service"):
            return manifest
    pytest.fail("no manifest of the sample site has a deep-zoom picture")


@pytest.fixture
def viewer_url(tmp_path):
    """The viewer page, with Mirador's bundle beside it, on a loopback port of its own."""
    _need_mirador()
    (tmp_path / "mirador").symlink_to(MIRADOR.parent, target_is_directory=True)
    yield from serve(tmp_path)


def test_mirador_opens_a_manifest_and_shows_its_picture_in_deep_zoom(browser, sample_site, viewer_url, tmp_path):
    manifest = deep_zoom_manifest(sample_site)
    body = manifest["items"][0]["items"][0]["items"][0]["body"]
    service = body["service"][0]["id"] + "/"
    (tmp_path / "index.html").write_text(VIEWER.replace("MANIFEST", json.dumps(manifest["id"])), encoding="utf-8")

    outside: list[str] = []  # requests that would have left this machine's test servers
    answered: dict[str, int] = {}  # sample-site URL -> the status the tab was given

    def site_or_nothing(route):
        url = route.request.url
        if url.startswith(SITE_URL):
            # As a static host serves the sample site (the query, if any, names no other file).
            path = sample_site / url.removeprefix(SITE_URL).split("?")[0].split("#")[0]
            if path.is_dir():
                path = path / "index.html"
            if path.is_file() and sample_site.resolve() in path.resolve().parents:
                answered[url] = 200
                kind = TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                route.fulfill(status=200, body=path.read_bytes(), content_type=kind,
                              headers={"Access-Control-Allow-Origin": "*"})
            else:
                answered[url] = 404
                route.fulfill(status=404, body="not found", content_type="text/plain",
                              headers={"Access-Control-Allow-Origin": "*"})
        elif url.startswith(viewer_url) or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="en-GB")
    try:
        context.route("**/*", site_or_nothing)
        tab = context.new_page()
        errors: list[str] = []
        tab.on("pageerror", lambda error: errors.append(str(error)))

        def is_tile(response) -> bool:
            return response.url.startswith(service) and response.url.endswith("/default.jpg") and response.ok

        # Mirador reads the manifest, then the picture's info.json, then asks OpenSeadragon for tiles.
        with tab.expect_response(is_tile, timeout=30_000):
            tab.goto(viewer_url + "index.html")
        tab.wait_for_selector(".openseadragon-canvas canvas", timeout=15_000)
        tab.wait_for_load_state("networkidle")
        tab.wait_for_timeout(500)  # (the last tiles fade in)
        tab.screenshot(path=str(SCREENSHOT))

        # The window is titled with the manifest's label (Mirador picks the language it is set to).
        title = tab.locator(".mirador-window-top-bar h2").first.inner_text().strip()
        labels = [text for texts in manifest["label"].values() for text in texts]
        assert title in labels, f"window title {title!r}, the manifest's label is {labels}"

        # The manifest and the picture's info.json were read, and tiles of the picture were given.
        assert answered.get(manifest["id"]) == 200
        assert answered.get(service + "info.json") == 200
        tiles = [url for url, status in answered.items() if url.startswith(service) and url.endswith("/default.jpg")]
        assert tiles and all(answered[url] == 200 for url in tiles), \
            f"tiles Mirador asked for that the site does not have: {[u for u in tiles if answered[u] != 200]}"

        # And the picture is really drawn: the viewer's area is not one flat colour.
        from PIL import Image, ImageStat

        drawn = Image.open(io.BytesIO(tab.locator(".openseadragon-canvas").first.screenshot())).convert("L")
        assert ImageStat.Stat(drawn).stddev[0] > 10, "Mirador's deep-zoom area is blank"
        assert errors == [], f"script errors: {errors}"
    finally:
        context.close()
    assert outside == [], f"requests to other hosts: {outside}"
