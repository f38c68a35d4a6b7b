"""Pixels only: no metadata leaves the museum in a published picture."""

from __future__ import annotations

from PIL import Image as PILImage


def bare(im: PILImage.Image) -> PILImage.Image:
    """The image without any metadata. Pillow carries ``im.info`` (EXIF, XMP, ICC profile, JPEG
    comment, PNG text, dpi...) through convert, resize and crop, and some savers write parts of it
    back (a JPEG gets the comment, a PNG the profile): what is published must carry only pixels."""
    if not im.info:
        return im
    im = im.copy()
    im.info = {}
    return im
