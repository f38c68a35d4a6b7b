"""Golden HTML: one page of each body template, from the mini collection, compared byte for byte.

A change to a template or to the page planning shows here as a readable diff of the HTML a visitor
gets. When the change is meant, write the files anew and review their diff before committing:

    MUSEUM_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from museum.pages import maps
from museum.pages.plan import plan_site
from museum.render.html import TEMPLATES, Renderer

GOLDEN = Path(__file__).parent / "golden"
SITE_URL = "https://museum.example/"
BODY_TEMPLATES = sorted(p.name for p in TEMPLATES.glob("*.html") if not p.name.startswith("_"))


@pytest.fixture(scope="module")
def first_page_of(mini_checked):
    cat, problems = mini_checked
    assert problems == []
    renderer = Renderer(SITE_URL)
    pages = {}
    with pytest.MonkeyPatch.context() as patch:
        # The map lists its places on its own page until there are too many; then one page per province.
        patch.setattr(maps, "LIST_INLINE_MAX", 0)
        province_pages = [s for s in plan_site(cat, SITE_URL).pages if s.template == "maplist.html"]
    for spec in sorted([*plan_site(cat, SITE_URL).pages, *province_pages], key=lambda s: s.url):
        pages.setdefault(spec.template, (spec, renderer))
    return pages


@pytest.mark.parametrize("template", BODY_TEMPLATES)
def test_one_page_of_each_template_is_as_reviewed(first_page_of, template):
    assert template in first_page_of, f"no page of the mini collection uses {template}"
    spec, renderer = first_page_of[template]
    html = f"<!-- {spec.url or '(home)'} -->\n<head>\n{renderer.head(spec)}\n</head>\n{renderer.body(spec)}\n"
    golden = GOLDEN / template
    if os.environ.get("MUSEUM_UPDATE_GOLDEN") == "1":
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(html, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    if html != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), html.splitlines(True),
                                            f"golden/{template}", "rendered now", n=2))
        pytest.fail(f"{template} differs from tests/golden/{template} (MUSEUM_UPDATE_GOLDEN=1 to accept):\n{diff[:6000]}")
