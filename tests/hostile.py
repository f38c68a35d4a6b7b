"""Hostile records: a copy of the sample collection plus one record of every kind whose every text
field carries script-injection payloads. Used by tests/test_hostile.py (the built HTML, read back)
and tests/browser/test_hostile_pages.py (the same pages in a real browser).

Each payload, if it ever ran, would set ``window.__xss = 1`` (or open a dialog), so a browser can tell.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]

# One line each; every one of them must reach the page as text, never as markup or a live URL.
PAYLOADS = {
    "script": "<script>window.__xss=1;alert('xss')</script>",
    "attribute-break": "\"><script>window.__xss=1</script>",
    "single-quote-break": "'><img src=x onerror=\"window.__xss=1\">",
    "img-onerror": "<img src=x onerror=window.__xss=1>",
    "svg-onload": "<svg onload=window.__xss=1>",
    "script-close": "</script><script>window.__xss=1</script>",
    "title-close": "</title><script>window.__xss=1</script>",
    "textarea-close": "</textarea></noscript><script>window.__xss=1</script>",
    "details-ontoggle": "<details open ontoggle=window.__xss=1>",
    "iframe": "<iframe src=\"javascript:window.__xss=1\"></iframe>",
    "html-link": "<a href=\"javascript:window.__xss=1\">链接</a>",
    "style": "<style>*{display:none}</style>",
    "mathml": "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>",
    "md-link": "[点我](javascript:window.__xss=1)",
    "md-link-mixed-case": "[点我](JaVaScRiPt:window.__xss=1)",
    "md-link-entity": "[点我](&#106;avascript:window.__xss=1)",
    "md-link-escaped": "[点我](javascript&#58;window.__xss=1)",
    "md-image": "![图](javascript:window.__xss=1)",
    "md-image-onerror": "![x\" onerror=\"window.__xss=1](x.png)",
    "md-autolink": "<javascript:window.__xss=1>",
    "md-data-url": "[点我](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==)",
    "md-vbscript": "[点我](vbscript:msgbox(1))",
    "md-title-attr": "[点我](https://example.org/ \"\\\" onmouseover=\\\"window.__xss=1\")",
    "template": "{{ 1234*5678 }}{% if true %}SSTI{% endif %}${{1234*5678}}",
    "js-url-as-text": "javascript:window.__xss=1",
    "line-separators": "\u2028\u2029</SCRIPT >",
}
# A Markdown reference definition needs lines of its own.
MARKDOWN_ONLY = {"md-reference": "[点我][bad]\n\n[bad]: javascript:window.__xss=1"}

LINE = "探针XSSPROBE " + " ".join(PAYLOADS.values())  # for one-line text fields
MARKDOWN = "探针XSSPROBE\n\n" + "\n\n".join([*PAYLOADS.values(), *MARKDOWN_ONLY.values()])  # for Markdown fields
TEMPLATE_RESULT = str(1234 * 5678)  # must never appear: text is never evaluated as a template
# Cells a spreadsheet would run as formulas (CSV injection), each the whole of a field: the data package
# must export them inert.
FORMULAS = {"dimensions": "=HYPERLINK(\"https://example.org/\",\"点我\")", "admission": "+1+cmd|' /C calc'!A0",
            "applicant": "@SUM(1+1)*cmd|' /C calc'!A0", "duration": "-2+3+cmd|' /C calc'!A0"}

IDS = {"artifact": "hostile-artifact", "museum": "hostile-museum", "exhibition": "hostile-exhibition",
       "heritage": "hostile-heritage", "route": "hostile-route", "person": "hostile-person",
       "enterprise": "hostile-enterprise", "course": "hostile-course"}
PAGES = {kind: f"{folder}/{rid}/" for kind, folder, rid in (
    ("artifact", "artifacts", IDS["artifact"]), ("museum", "museums", IDS["museum"]),
    ("exhibition", "exhibitions", IDS["exhibition"]), ("heritage", "heritage", IDS["heritage"]),
    ("route", "routes", IDS["route"]), ("person", "people", IDS["person"]),
    ("enterprise", "enterprises", IDS["enterprise"]), ("course", "courses", IDS["course"]))}
# Listings that show the hostile records' titles, vocabulary labels and summaries.
LISTINGS = ["", "collection/industry/hostile-industry/", "collection/museum/hostile-museum/", "directory/",
            "exhibitions/", "routes/", "heritage/", "people/", "enterprises/industry/hostile-industry/", "courses/",
            f"courses/{IDS['course']}/sheet/"]
# A file name that is itself an attack on an attribute.
IMAGE_NAME = "x'\"><img src=y onerror=window.__xss=1>.png"


def text(value: str = LINE) -> dict:
    return {"zh": value, "en": "Hostile " + value}


def md(value: str = MARKDOWN) -> dict:
    return {"zh": value, "en": "Hostile\n\n" + value}


def image() -> dict:
    return {"src": f"media/hostile/{IMAGE_NAME}", "alt": text(), "caption": text(), "credit": text(),
            "license": text()}


def source() -> dict:
    return {"title": text(), "url": "https://example.org/s?b=\"><script>window.__xss=1</script>", "publisher": text(),
            "year": LINE, "note": text()}


def records() -> dict[str, dict]:
    """The hostile records, one of each kind."""
    return {
        "museum": {
            "name": text(), "type": "industry", "industries": ["hostile-industry"], "province": "beijing",
            "city": text(), "address": text(),
            "location": {"lat": 39.9, "lon": 116.4, "approximate": True, "source": text()},
            "website": "https://example.org/a?b=\"><script>window.__xss=1</script>",
            "opening_hours": text(), "admission": FORMULAS["admission"],
            "founded": {"display": LINE, "start": 1950, "end": 1959}, "grade": "first",
            "heritage": [IDS["heritage"]], "description": md(), "images": [image()],
            "extra": {"note": LINE},
        },
        "artifact": {
            "title": text(), "museum": IDS["museum"], "industry": "hostile-industry",
            "date": {"display": LINE, "start": 1950, "end": 1959}, "description": md(),
            "inventory_number": LINE, "maker": text(), "place_made": text(), "materials": [text(), LINE],
            "dimensions": FORMULAS["dimensions"], "significance": md(), "provenance": md(), "images": [image(), image()],
            "heritage": [IDS["heritage"]], "related": ["jiefang-ca10-truck"],
            "tags": [LINE, *PAYLOADS.values()], "rights": text(), "aliases": ["hostile-old-id"],
        },
        "exhibition": {
            "title": text(), "summary": md(), "museum": IDS["museum"], "status": "temporary",
            "dates": {"start": {"display": LINE, "start": 1950, "end": 1959}, "end": 2030},
            "sections": [{"title": text(), "text": md(), "artifacts": [IDS["artifact"]], "images": [image()]},
                         {"title": text(LINE + " 2"), "text": md()}],
            "curators": [text(), LINE], "audience": ["public"], "learning_objectives": [text(), LINE],
            "activities": [md(), MARKDOWN], "cover": image(), "related": [f"artifact/{IDS['artifact']}"],
        },
        "heritage": {
            "name": text(), "level": "national", "province": "beijing", "core_items": [text(), LINE],
            "batch": 1, "listed": 2018, "issuer": text(), "city": text(), "address": text(),
            "location": {"lat": 39.9, "lon": 116.4, "source": text()}, "industry": "hostile-industry",
            "founded": {"display": LINE, "start": 1950, "end": 1959}, "applicant": FORMULAS["applicant"],
            "museums": [IDS["museum"]], "open_to_public": True, "description": md(), "images": [image()],
        },
        "route": {
            "title": text(), "theme": text(), "audience": ["public"], "duration": FORMULAS["duration"],
            "season": text(),
            "description": md(),
            "stops": [{"stop": f"heritage/{IDS['heritage']}", "note": md(), "duration": text()},
                      {"stop": f"museum/{IDS['museum']}", "note": md(), "duration": text()}],
        },
        "person": {
            "name": text(), "roles": ["craftsman"], "sources": [source(), {"title": LINE}],
            "born": {"display": LINE, "start": 1900, "end": 1909}, "biography": md(),
            "enterprises": [IDS["enterprise"]], "heritage": [IDS["heritage"]], "museums": [IDS["museum"]],
            "images": [image()],
        },
        "enterprise": {
            "name": text(), "industry": "hostile-industry", "founded": {"display": LINE, "start": 1950, "end": 1959},
            "sources": [source()], "names": [{"name": text(), "start": {"display": LINE, "start": 1950, "end": 1959}}],
            "events": [{"date": 1960, "text": text()}], "province": "beijing", "city": text(),
            "heritage": [IDS["heritage"]], "museums": [IDS["museum"]], "people": [IDS["person"]], "description": md(),
        },
        "course": {
            "title": text(), "audience": ["public"], "objectives": [text(), LINE], "duration": text(),
            "uses": [f"exhibition/{IDS['exhibition']}", f"route/{IDS['route']}"], "activities": [md(), MARKDOWN],
            "materials": [text(), LINE], "description": md(),
        },
    }


FOLDERS = {"museum": "museums", "artifact": "artifacts", "exhibition": "exhibitions", "heritage": "heritage",
           "route": "routes", "person": "people", "enterprise": "enterprises", "course": "courses"}


def make_collection(target: Path) -> Path:
    """Copy collections/ to ``target`` and add the hostile records, a hostile vocabulary entry and image."""
    shutil.copytree(ROOT / "collections", target)
    from PIL import Image as PILImage

    media = target / "media" / "hostile"
    media.mkdir(parents=True)
    PILImage.new("RGB", (64, 48), (140, 60, 30)).save(media / IMAGE_NAME)
    industries = target / "vocab" / "industries.yaml"
    entry = yaml.safe_dump([{"id": "hostile-industry", "label": text(), "description": md()}], allow_unicode=True,
                           width=10_000)
    industries.write_text(industries.read_text(encoding="utf-8").rstrip("\n") + "\n"
                          + "".join("  " + line + "\n" for line in entry.splitlines()), encoding="utf-8")
    for kind, values in records().items():
        folder = target / FOLDERS[kind]
        folder.mkdir(exist_ok=True)
        (folder / f"{IDS[kind]}.yaml").write_text(yaml.safe_dump(values, allow_unicode=True, sort_keys=False,
                                                                 width=10_000), encoding="utf-8")
    return target


_BUILT: dict[str, Path] = {}


def build_once(tmp_path_factory) -> Path:
    """The hostile site, built once per test session by the real command; returns its site folder."""
    if "site" not in _BUILT:
        base = tmp_path_factory.mktemp("hostile")
        coll = make_collection(base / "collections")
        site = base / "site"
        result = subprocess.run([sys.executable, "build.py", "--collections", str(coll), "build",
                                 "--site-dir", str(site)], cwd=ROOT, capture_output=True, text=True,
                                timeout=900)
        assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-5000:]
        _BUILT["site"] = site
    return _BUILT["site"]
