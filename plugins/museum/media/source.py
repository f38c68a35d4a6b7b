"""Where a record's image lives, and whether it is a picture we can use.

``src`` starting with ``media/`` is relative to ``collections/``; any other ``src`` is relative to
the record's own folder. Either way the file, with every symlink resolved, must stay inside
``collections/``: a record must never make the build read (or publish) a file from elsewhere.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from PIL import Image as PILImage

# Larger than any museum photograph we expect (about 16,000 x 12,000); above it a file is refused
# as a possible decompression bomb before any pixel is decoded.
MAX_PIXELS = 200_000_000
# The longest side: the most a JPEG can be (65,535 px), so no JPEG is refused for its size alone. A
# handscroll (about 1:21) using the whole pixel budget is about 3,000 x 64,800 px, just inside.
MAX_SIDE = 65_535
# The long side may be at most this many times the short side. Handscrolls run to about 1:21 (The
# Qingming scroll 24.8 x 528.7 cm, A Thousand Li of Rivers and Mountains about 1:23), hanging scrolls
# to 1:15; 1:50 leaves room for longer scrolls, strip maps, long drawings and panoramas, and refuses
# only what is no picture at all (a 1 x 20,000 strip). At 1:50 the smallest web size (320 px wide)
# of a tall picture is 16,000 px high, still inside WebP's 16,383.
MAX_RATIO = 50

# The only formats read, decided from the file's bytes (never its name): the build hands nothing else
# to a decoder (PostScript would go to Ghostscript). A camera's MPO opens as JPEG (format "MPO").
FORMATS = ("JPEG", "PNG", "WEBP", "GIF", "TIFF")
_ACCEPTED_ZH = "JPEG、PNG、WebP、GIF、TIFF"
_ACCEPTED_EN = "JPEG, PNG, WebP, GIF, TIFF"


@dataclass(frozen=True)
class ImageFault:
    zh: str
    en: str


@dataclass(frozen=True)
class ImageInfo:
    path: Path
    width: int  # as displayed, after the EXIF orientation is applied
    height: int
    format: str  # Pillow's name: "JPEG", "MPO", "PNG", "WEBP", "GIF" or "TIFF"
    mode: str
    frames: int = 1  # more than one: an animation (GIF, PNG, WebP) or pages (TIFF); the first is shown
    transparent: bool = False  # an alpha channel, or a transparent colour (a GIF's, a PNG's tRNS)


def resolve_src(src: str, record_file: Path, collections: Path) -> Path | ImageFault:
    pure = PurePosixPath(src.replace("\\", "/"))
    if pure.is_absolute() or (pure.parts and ":" in pure.parts[0]):
        return ImageFault("图片路径不能是绝对路径", "an image path must not be absolute")
    base = collections if pure.parts and pure.parts[0] == "media" else record_file.parent
    candidate = base.joinpath(*pure.parts)
    try:
        real = candidate.resolve(strict=False)
        inside = real.is_relative_to(collections.resolve())
        exists, is_file = (real.exists(), real.is_file()) if inside else (False, False)
    except (OSError, RuntimeError, ValueError):  # a symlink loop, a NUL byte, a name too long
        return ImageFault("图片路径无法解析（循环链接、非法字符或文件名过长）",
                          "the image path cannot be resolved (a symlink loop, a bad character or a name too long)")
    if not inside:
        return ImageFault("图片路径指向 collections/ 之外", "the image path leads outside collections/")
    if not exists:
        return ImageFault(f"找不到图片文件 {src}", f"image file {src} does not exist")
    if not is_file:
        return ImageFault(f"{src} 不是文件", f"{src} is not a file")
    return real


def open_picture(path: Path) -> PILImage.Image:
    """Open a file only as one of the accepted formats, whatever its name (check and build alike)."""
    return PILImage.open(path, formats=FORMATS)


def inspect_image(path: Path) -> ImageInfo | ImageFault:
    """Read the image's header (not its pixels): format, size, and whether it is safe to decode."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with open_picture(path) as im:
                width, height = im.size
                fmt = im.format or "?"
                mode = im.mode
                transparent = "A" in im.mode or "transparency" in im.info
                # Orientations 5-8 turn the picture a quarter: width and height swap when shown.
                if im.getexif().get(0x0112, 1) in (5, 6, 7, 8):
                    width, height = height, width
                frames = getattr(im, "n_frames", 1)  # frame headers only: no frame is decoded
            with open_picture(path) as im:
                im.verify()  # PNG: every chunk's checksum; catches a file cut short
        if fmt in ("JPEG", "MPO") and not _ends_like_jpeg(path):
            return ImageFault("JPEG 图片不完整（文件被截断）", "the JPEG image is incomplete (the file is cut short)")
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        return ImageFault("图片像素过多，疑似解压炸弹", "the image has too many pixels (a decompression bomb?)")
    except PILImage.UnidentifiedImageError:
        return _not_accepted(path)
    except (OSError, EOFError, SyntaxError, ValueError) as exc:  # Pillow's verify() raises SyntaxError for bad chunks
        return ImageFault(f"无法读取图片：{exc}", f"cannot read the image: {exc}")
    if width * height > MAX_PIXELS:
        return ImageFault("图片像素过多，疑似解压炸弹", "the image has too many pixels (a decompression bomb?)")
    if width < 1 or height < 1:
        return ImageFault("图片尺寸为零", "the image has no pixels")
    long, short = max(width, height), min(width, height)
    if long > MAX_SIDE:
        return ImageFault(f"图片太大：最长边 {long:,} 像素，超过上限 {MAX_SIDE:,} 像素，请缩小后再提交",
                          f"the image is too large: its longest side is {long:,} px, more than the limit of "
                          f"{MAX_SIDE:,} px; please make it smaller")
    if long > short * MAX_RATIO:
        ratio = f"{long / short:,.2f}".rstrip("0").rstrip(".")
        return ImageFault(f"图片过于狭长：长边是短边的 {ratio} 倍，最多允许 {MAX_RATIO} 倍（手卷约为 21 倍）",
                          f"the image is too long and thin: its long side is {ratio} times its short side, "
                          f"and at most {MAX_RATIO} times is allowed (a handscroll is about 21 times)")
    return ImageInfo(path, width, height, fmt, mode, frames, transparent)


# What a file really is, told from its first bytes, for files that are not an accepted format.
# (Chinese name, English name, test on the first 4 KB.)
_KNOWN: tuple[tuple[str, str, Callable[[bytes], bool]], ...] = (
    ("PostScript", "PostScript", lambda b: b.startswith((b"%!PS", b"\xc5\xd0\xd3\xc6"))),
    ("PDF 文档", "PDF", lambda b: b.startswith(b"%PDF")),
    ("SVG 矢量图", "SVG", lambda b: b"<svg" in b[:4096].lower() and b.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"<"),
    ("AVIF", "AVIF", lambda b: b[4:8] == b"ftyp" and b"avif" in b[8:64]),
    ("HEIC（苹果手机照片格式）", "HEIC", lambda b: b[4:8] == b"ftyp" and b[8:12] in (
        b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1")),
    ("BMP 位图", "BMP", lambda b: b.startswith(b"BM") and b[6:10] == bytes(4)),
    ("Photoshop 文档（PSD）", "Photoshop", lambda b: b.startswith(b"8BPS")),
    ("JPEG 2000", "JPEG 2000", lambda b: b.startswith((b"\xff\x4f\xff\x51", b"\x00\x00\x00\x0cjP  \r\n\x87\n"))),
    ("JPEG XL", "JPEG XL", lambda b: b.startswith((b"\xff\x0a", b"\x00\x00\x00\x0cJXL \r\n\x87\n"))),
    ("图标文件（ICO）", "an icon (ICO)", lambda b: b.startswith(b"\x00\x00\x01\x00")),
    ("ZIP 压缩包（或 Word 等办公文档）", "a ZIP archive (or an office document)", lambda b: b.startswith(b"PK\x03\x04")),
    ("旧版 Office 文档", "an old office document", lambda b: b.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")),
    ("DICOM 医学影像", "DICOM", lambda b: b[128:132] == b"DICM"),
)


def _not_accepted(path: Path) -> ImageFault:
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        head = b""
    for zh, en, test in _KNOWN:
        if test(head):
            return ImageFault(f"这个文件是 {zh}，不是本馆接受的图片格式（{_ACCEPTED_ZH}）；格式按文件内容判断，而不是按文件名",
                              f"this file is {en}, not a picture format the museum accepts ({_ACCEPTED_EN}); "
                              "the format is read from the file's contents, not its name")
    return ImageFault("不是可识别的图片文件", "not an image file that can be read")


def _ends_like_jpeg(path: Path) -> bool:
    """A complete JPEG ends with the EOI marker (FF D9), perhaps followed by a little padding."""
    with path.open("rb") as fh:
        fh.seek(max(0, path.stat().st_size - 64))
        return b"\xff\xd9" in fh.read()


PILImage.MAX_IMAGE_PIXELS = MAX_PIXELS
