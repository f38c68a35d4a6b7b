"""The Content-Security-Policy of every page: defence in depth (the issue "Safe by construction").

Escaping is the first defence: no record's text ever becomes markup (tests/test_hostile.py). This is
the second: were some text ever to slip through as markup, the browser still runs no script that the
site did not ship as a file, applies no style it did not ship, loads nothing from another host and
sends no form elsewhere.

The site is static (GitHub Pages sets no headers of ours), so the policy is a
``<meta http-equiv="Content-Security-Policy">``, the first element of each page's <head>: a policy
governs only what the parser meets after it. A policy in <meta> cannot carry ``frame-ancestors`` (nor
``report-uri``/``report-to`` or ``sandbox``): browsers ignore them there. Keeping other sites from
framing the museum (clickjacking) needs an HTTP header, which a host that can send one should add:
``Content-Security-Policy: frame-ancestors 'self'``.

No inline script is allowed, not even by hash. Material's own inline scripts are served as files
instead (theme/partials/javascripts/, theme/assets/material-*.js), so ``script-src`` is the site's
files alone. Hashing whatever inline scripts a built page happens to contain would defeat the
purpose: a script injected through a record would be hashed and allowed along with Material's.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path


# The <style> element OpenSeadragon 5 adds to <head> when a viewer opens (deep zoom), exactly as its
# openseadragon.min.js writes it: no focus ring on the zoom canvas on touch screens. It is allowed by
# its hash rather than by 'unsafe-inline' for styles; tests/test_csp.py checks that the vendored file
# still writes exactly this text. (The rule itself is cosmetic; blocking it would only keep the ring.)
OPENSEADRAGON_STYLE = ("@media (hover: none) {    .openseadragon-canvas:focus {        outline: none !important;"
                       "    }}")


def sha256_source(text: str) -> str:
    """A CSP hash source for an inline script or style: ``'sha256-…'`` of its exact text (UTF-8)."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def policy(*, preview: bool = False) -> str:
    """The policy, as the content of the meta element."""
    directives = {
        # Everything not named below: the site itself only.
        "default-src": ["'self'"],
        # Script files of the site; no inline script, no inline event handler, no javascript: URL, no eval.
        # The live preview (build.py serve, never published) adds the inline script of MkDocs' live
        # reload to every page, different on each request: it alone allows inline scripts.
        "script-src": ["'self'", *(["'unsafe-inline'"] if preview else [])],
        # Style sheets of the site. No style="…" attribute or <style> element is taken from the markup:
        # the pages have none (tests/test_csp.py). The scripts that style elements as they go (Leaflet's
        # panes and markers, OpenSeadragon's viewer, Material) set element.style, the
        # CSSOM, which a policy does not restrict; none sets a style attribute (tests/browser/ would see
        # it refused). OpenSeadragon's one <style> element is allowed by its hash.
        "style-src": ["'self'", sha256_source(OPENSEADRAGON_STYLE)],
        # Pictures, map tiles and deep-zoom tiles of the site; data: for the icons that Material's and
        # Leaflet's CSS embed as data: URLs.
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        # fetch(): the map's points and outlines, deep zoom's info.json, the search index.
        "connect-src": ["'self'"],
        "worker-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],  # the header's search form goes to the search page
    }
    return "; ".join(" ".join([name, *values]) for name, values in directives.items())


# <script …>…</script>: the attributes (quoted values may hold ">") and the text, up to the first
# "</script", where an HTML parser ends a script element too.
_SCRIPT = re.compile(r"""<script\b((?:[^>"']|"[^"]*"|'[^']*')*)>(.*?)</script""", re.IGNORECASE | re.DOTALL)
_ATTR = re.compile(r"""(?:^|[\s/])(src|type)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
# The type values a browser runs (the rest, such as application/json or application/ld+json, are data).
_RUN_TYPES = {"", "module", "importmap", "speculationrules", "text/javascript", "application/javascript",
              "text/ecmascript", "application/ecmascript", "text/jscript", "text/livescript",
              "application/x-javascript", "application/x-ecmascript", "text/x-javascript", "text/x-ecmascript"}


def runs(script_type: str | None) -> bool:
    """Whether a <script> with this type attribute (None: none) is run by a browser, rather than data."""
    return script_type is None or script_type.strip().lower() in _RUN_TYPES or \
        re.fullmatch(r"text/javascript1\.[0-5]", script_type.strip().lower()) is not None


def inline_scripts(page: str) -> list[str]:
    """The text of every inline script in an HTML page that a browser would run (this policy blocks them)."""
    found = []
    for match in _SCRIPT.finditer(page):
        attrs = {m.group(1).lower(): next(g for g in m.groups()[1:] if g is not None)
                 for m in _ATTR.finditer(match.group(1))}
        if "src" not in attrs and runs(attrs.get("type")):
            found.append(match.group(2))
    return found


_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)


def for_page(url: str | None, preview: bool = False) -> str:
    """The policy of the page at ``url`` (None: a page of no URL, such as 404.html): one for every page."""
    return policy(preview=preview)


def meta() -> str:
    return f'<meta http-equiv="Content-Security-Policy" content="{policy()}">'


def with_policy(page: str) -> str:
    """An HTML page with the policy as the first element of its <head> (for pages the theme does not
    make: the redirect pages of old ids)."""
    head = _HEAD.search(page)
    if head is None:
        raise ValueError("the page has no <head>")
    return page[:head.end()] + "\n" + meta() + page[head.end():]


def add_to_files(paths: Iterable[Path]) -> None:
    """Give written HTML files the policy (see with_policy)."""
    for path in paths:
        path.write_text(with_policy(path.read_text(encoding="utf-8")), encoding="utf-8")
