"""Old ids keep working: each alias gets a small page that sends the reader to the current URL."""

from __future__ import annotations

from html import escape
from pathlib import Path

from museum.pages import urls

_PAGE = """<!doctype html>
<html lang="zh">
<head>
<meta charset="utf-8">
<title>页面已迁移 / Moved</title>
<link rel="canonical" href="{canonical}">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={target}">
</head>
<body>
<p>此页面已迁移到 <a href="{target}">{canonical}</a>。<span lang="en">This page has moved to <a href="{target}">{canonical}</a>.</span></p>
</body>
</html>
"""


def redirect_page(old_url: str, new_url: str, site_url: str) -> str:
    target = escape(urls.relative(old_url, new_url))
    canonical = escape(site_url.rstrip("/") + "/" + new_url)
    return _PAGE.format(target=target, canonical=canonical)


def write_redirects(redirects: dict[str, str], site: Path, site_url: str) -> None:
    for old, new in sorted(redirects.items()):
        out = site / old / "index.html"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(redirect_page(old, new, site_url), encoding="utf-8")
