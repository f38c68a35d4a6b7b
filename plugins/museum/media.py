"""Where a record's image lives, and whether it is a picture we can use.

``src`` starting with ``media/`` is relative to ``collections/``; any other ``src`` is relative to
the record's own folder. Either way the file, with every symlink resolved, must stay inside
``collections/``: a record must never make the build read (or publish) a file from elsewhere.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from PIL import Image as PILImage

# Larger than any museum photograph we expect (about 16,000 x 12,000); above it a file is refused
# as a possible decompression bomb before any pixel is decoded.
MAX_PIXELS = 200_000_000


@dataclass(frozen=True)
class ImageFault:
    zh: str
    en: str


@dataclass(frozen=True)
class ImageInfo:
    path: Path
    width: int  # as displayed, after the EXIF orientation is applied
    height: int
    format: str
    mode: str


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


def inspect_image(path: Path) -> ImageInfo | ImageFault:
    """Read the image's header (not its pixels): format, size, and whether it is safe to decode."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(path) as im:
                width, height = im.size
                fmt = im.format or "?"
                mode = im.mode
                # Orientations 5-8 turn the picture a quarter: width and height swap when shown.
                if im.getexif().get(0x0112, 1) in (5, 6, 7, 8):
                    width, height = height, width
            with PILImage.open(path) as im:
                im.verify()  # PNG: every chunk's checksum; catches a file cut short
        if fmt == "JPEG" and not _ends_like_jpeg(path):
            return ImageFault("JPEG 图片不完整（文件被截断）", "the JPEG image is incomplete (the file is cut short)")
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        return ImageFault("图片像素过多，疑似解压炸弹", "the image has too many pixels (a decompression bomb?)")
    except PILImage.UnidentifiedImageError:
        return ImageFault("不是可识别的图片文件", "not an image file that can be read")
    except (OSError, SyntaxError, ValueError) as exc:  # Pillow's verify() raises SyntaxError for bad chunks
        return ImageFault(f"无法读取图片：{exc}", f"cannot read the image: {exc}")
    if width * height > MAX_PIXELS:
        return ImageFault("图片像素过多，疑似解压炸弹", "the image has too many pixels (a decompression bomb?)")
    if width < 1 or height < 1:
        return ImageFault("图片尺寸为零", "the image has no pixels")
    return ImageInfo(path, width, height, fmt, mode)


def _ends_like_jpeg(path: Path) -> bool:
    """A complete JPEG ends with the EOI marker (FF D9), perhaps followed by a little padding."""
    with path.open("rb") as fh:
        fh.seek(max(0, path.stat().st_size - 64))
        return b"\xff\xd9" in fh.read()


PILImage.MAX_IMAGE_PIXELS = MAX_PIXELS
