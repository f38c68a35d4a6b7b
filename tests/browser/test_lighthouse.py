"""Lighthouse (npm `lighthouse`, pinned in tools/package.json) on Debian's Chromium, as a phone on a slow
link (its default: a mid-range phone, simulated 4G): at least 95 in performance, accessibility, best
practices and SEO on the home, artifact and exhibition pages, in Chinese and in English.

The site is served as a static host serves it, text compressed (gzip); a host that does not compress
is slower, not this site.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import subprocess
import tempfile
import threading
from io import BytesIO
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")  # (as tests/browser/conftest.py)
LIGHTHOUSE = ROOT / "tools" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
MINIMUM = 0.95
PAGES = {"home": "", "artifact": "artifacts/jiefang-ca10-truck/", "exhibition": "exhibitions/three-wheels-and-a-sound/"}
PAGES.update({f"{name} (en)": "en/" + url for name, url in list(PAGES.items())})
COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


class _CompressingHandler(http.server.SimpleHTTPRequestHandler):
    """Text files gzipped when the browser accepts it, as static hosts do."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # (the redirect to the folder's own URL)
            path = path / "index.html"
        if not path.is_file() or path.suffix not in COMPRESSED or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return BytesIO(body)


@pytest.fixture(scope="module")
def compressed_url(sample_site):
    handler = functools.partial(_CompressingHandler, directory=str(sample_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def _need_lighthouse() -> None:
    missing = [what for what, ok in (("lighthouse (run `make tools`)", LIGHTHOUSE.exists()),
                                     (f"Chromium at {CHROMIUM}", Path(CHROMIUM).exists())) if not ok]
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Lighthouse must run in CI: missing {', '.join(missing)}")
        pytest.skip(f"missing {', '.join(missing)}")


def lighthouse(url: str) -> dict:
    with tempfile.TemporaryDirectory() as profile, tempfile.TemporaryDirectory() as out:
        report = Path(out) / "report.json"
        flags = (f"--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking "
                 f"--disable-component-update --no-first-run --disable-sync --user-data-dir={profile}")
        result = subprocess.run(
            [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
             f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={flags}"],
            env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True, timeout=240)
        assert result.returncode == 0, result.stderr[-2000:]
        return json.loads(report.read_text(encoding="utf-8"))


@pytest.mark.parametrize("url", PAGES.values(), ids=PAGES.keys())
def test_lighthouse_scores_at_least_95_in_every_category_on_a_phone(compressed_url, url):
    _need_lighthouse()
    data = lighthouse(compressed_url + url)
    scores = {name: data["categories"][name]["score"] for name in CATEGORIES}
    low = {name: score for name, score in scores.items() if score is None or score < MINIMUM}
    failing = [f"{key}: {audit.get('displayValue') or audit['score']}" for key, audit in data["audits"].items()
               if audit.get("score") is not None and audit["score"] < 0.9
               and audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")]
    assert not low, f"{url or 'home'}: {scores}; audits below 0.9: {failing}"
