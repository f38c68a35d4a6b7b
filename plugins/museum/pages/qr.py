"""QR codes of permanent links, made at build time (segno) as inline SVG: a class handout scans to the page.

No file and no script: the code is part of the page, printed with it, the same for the same link. The
light modules are white whatever the theme, so a phone can read the code from a screen or a page.
"""

from __future__ import annotations

import segno
from markupsafe import Markup, escape

SCALE = 3  # px a module: about 1.9 cm square for a typical link at error correction M, in print too


def qr_svg(url: str, label: str) -> Markup:
    """The QR code of ``url`` as an <svg> image with ``label`` as its accessible name."""
    code = segno.make(url, error="m", micro=False)
    # (named by aria-label alone: an SVG <title> inside the body reads, to simple parsers, as the page's title)
    svg = code.svg_inline(scale=SCALE, border=2, light="#fff", svgclass="museum-qr", lineclass=None)
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1))
