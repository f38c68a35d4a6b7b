"""A teacher prints an exhibition, a route or a course for class: A4 pages, none left half empty, and a QR code on
paper that a phone reads as the page's permanent link.

Chromium prints the page to PDF (as its print dialog would, with the page's own @page size), PDFium
(pypdfium2) renders each PDF page, and a page's fill is how far down its content reaches. The QR code is
read back from the printed page with zxing-cpp.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

SITE_URL = "http://127.0.0.1:8000/"  # the sample site's address: its permanent links start with it
A4 = (595, 842)  # points
HALF = 0.5
PAGES = ["exhibitions/three-wheels-and-a-sound/", "exhibitions/automobiles-from-minsheng-to-santana/",
         "routes/liaoning-heavy-industry/", "en/exhibitions/three-wheels-and-a-sound/",
         "exhibitions/three-wheels-and-a-sound/sheet/", "en/routes/liaoning-heavy-industry/sheet/",
         "courses/daqing-iron-man-spirit/", "courses/daqing-iron-man-spirit/sheet/",
         "en/courses/founders-of-modern-industry/sheet/"]


def printed(page, url: str) -> list:
    """The PDF pages of ``url`` printed, rendered as greyscale pictures, with their sizes in points."""
    pdfium = pytest.importorskip("pypdfium2")
    page.goto(url)
    page.wait_for_load_state("networkidle")
    document = pdfium.PdfDocument(page.pdf(prefer_css_page_size=True))
    return [(tuple(round(v) for v in p.get_size()), p.render(scale=2).to_pil().convert("L")) for p in document]


def reach(picture) -> float:
    """How far down the page its content reaches (0 to 1): the last row with anything darker than paper."""
    width, height = picture.size
    inked = picture.point(lambda v: 255 if v < 200 else 0).getbbox()
    return inked[3] / height if inked else 0.0


@pytest.mark.parametrize("path", PAGES)
def test_printing_gives_a4_pages_none_more_than_half_empty(page, base_url, path):
    pages = printed(page, base_url + path)
    assert pages, "nothing printed"
    assert all(size == A4 for size, _ in pages), [size for size, _ in pages]
    # Every page but the last (where the text ends) is at least half full.
    fill = [round(reach(picture), 2) for _, picture in pages]
    assert all(f >= HALF for f in fill[:-1]), f"page fill of {path}: {fill}"
    assert fill[-1] > 0.1


@pytest.mark.parametrize("path, link", [
    ("exhibitions/three-wheels-and-a-sound/", "exhibitions/three-wheels-and-a-sound/"),
    ("routes/liaoning-heavy-industry/", "routes/liaoning-heavy-industry/"),
    ("exhibitions/three-wheels-and-a-sound/sheet/", "exhibitions/three-wheels-and-a-sound/"),  # the sheet: the exhibition
    ("courses/daqing-iron-man-spirit/sheet/", "courses/daqing-iron-man-spirit/"),  # a course's sheet: the course
])
def test_the_printed_qr_code_reads_as_the_permanent_link(page, base_url, path, link):
    zxingcpp = pytest.importorskip("zxingcpp")
    found = [code.text for _, picture in printed(page, base_url + path) for code in zxingcpp.read_barcodes(picture)
             if code.format == zxingcpp.BarcodeFormat.QRCode]
    assert found == [SITE_URL + link]
