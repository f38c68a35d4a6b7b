"""Valid HTML: the Nu HTML checker (vnu.jar) finds no error in one page of every kind.

vnu.jar comes from the npm package vnu-jar, pinned in tools/package.json and tools/package-lock.json and
installed by `make test` (and so by .ci/run) with `npm ci --ignore-scripts` into tools/node_modules/; it
runs on the machine's Java (17). Without it the test is skipped locally and fails in CI (CI=true).

The pages come from the hostile build (tests/hostile.py): the sample collection plus one record of each
kind whose every text field is an injection attempt, so the records' own pages, the listings, the hand
written pages, and pages full of hostile text are all checked in one run of the checker.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import hostile

ROOT = Path(__file__).resolve().parents[1]
VNU = ROOT / "tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

pytestmark = pytest.mark.slow

# One page of every kind ("" is the home page).
PAGES = [
    "", "artifacts/jiefang-ca10-truck/", "museums/china-railway-museum/", "exhibitions/three-wheels-and-a-sound/",
    "heritage/an-shan-gang-tie-chang/", "collection/", "collection/page/2/", "collection/industry/automotive/",
    "directory/", "directory/province/beijing/", "exhibitions/", "heritage/", "routes/", "search/", "about/",
    "contributing/", "contributing/fields/", "heritage-import/", "map/", "data/", "404.html",
    "exhibitions/three-wheels-and-a-sound/sheet/", "exhibitions/audience/primary/", "contributing/completeness/",
    "timeline/", "timeline/1950s/", "statistics/",
    "artifacts/hostile-old-id/",  # an old id's redirect page
    "people/", "people/role/craftsman/", "enterprises/", "courses/", "courses/hostile-course/sheet/",
    *hostile.PAGES.values(), "collection/industry/hostile-industry/",
]
# And every kind again in English (en/…), hostile records included: their texts fall back to Chinese.
PAGES += ["en/" + url for url in PAGES if url != "404.html" and not url.endswith("-old-id/")]

# Errors in Material for MkDocs' own markup that we cannot change without copying its whole base.html.
ALLOWED = [
    # base.html writes <input type="checkbox" autocomplete="off"> for the drawer and search toggles (so that
    # Firefox does not restore their state on back/forward). HTML allows autocomplete only on text-like
    # inputs; browsers ignore it here. Not in a partial, so no override can remove it.
    (re.compile(r"^Attribute “autocomplete” is only allowed when the input type is "),
     re.compile(r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" id="__(drawer|search)"'
                r' autocomplete="off">')),
]


def _need_vnu() -> None:
    missing = [what for what, ok in (("vnu.jar (run `make test`, or `cd tools && npm ci --ignore-scripts`)",
                                      VNU.is_file()), ("java", shutil.which("java"))) if not ok]
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"the HTML validity test must run in CI: missing {', '.join(missing)}")
        pytest.skip(f"missing {', '.join(missing)}")


def _allowed(message: dict) -> bool:
    return any(text.search(message.get("message", "")) and extract.search(message.get("extract", ""))
               for text, extract in ALLOWED)


def test_one_page_of_every_kind_is_valid_html(tmp_path_factory):
    _need_vnu()
    site = hostile.build_once(tmp_path_factory)
    files = [site / (url if url.endswith(".html") else url + "index.html") for url in PAGES]
    assert [str(f) for f in files if not f.is_file()] == []  # every page kind exists
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--stdout",
                             *map(str, files)], capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stdout)["messages"]
    errors = [m for m in messages if m.get("type") in ("error", "non-document-error") and not _allowed(m)]
    shown = [f"{m.get('url', '').split(str(site))[-1]}:{m.get('lastLine')}: {m.get('message')}\n"
             f"    {' '.join((m.get('extract') or '').split())[:200]}" for m in errors]
    assert errors == [], f"{len(errors)} HTML error(s) in {len(files)} pages:\n" + "\n".join(shown[:40])
