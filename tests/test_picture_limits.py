"""Safe by construction: if ``check`` passes a picture, ``build`` can make every file from it, and
nothing but pixels reaches the site.

- Only JPEG, PNG, WebP, GIF and TIFF are read, decided from the bytes (a PostScript file named
  .jpg is refused by check and never handed to Ghostscript by the build).
- A longest side and a long-to-short ratio are enforced; real museum shapes (a hanging scroll, a
  handscroll) pass.
- Every derivative fits its format's limits (WebP: 16,383 px a side), keeps the aspect ratio and
  carries its real size; sizes are distinct.
- No metadata (EXIF, XMP, ICC, JPEG comments, PNG text) survives into derivatives or tiles.
- Multi-frame pictures are recorded as such; the first frame is what is shown.
"""

from __future__ import annotations

import dataclasses
import math
import struct
import zlib
from pathlib import Path

import pytest
from PIL import EpsImagePlugin, Image, ImageCms, PngImagePlugin

from museum.media import pictures as images, source as media
from museum.catalogue.check import check_collection
from museum.media.pictures import SourceHashes, plan_picture, produce
from museum.media.source import ImageFault, ImageInfo, inspect_image

WEBP_MAX = 16_383  # libwebp's WEBP_MAX_DIMENSION
JPEG_MAX = 65_500  # libjpeg's JPEG_MAX_DIMENSION


def plan(path: Path):
    info = inspect_image(path)
    assert isinstance(info, ImageInfo), info
    return plan_picture(info, SourceHashes(None)(path))


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def blank_png(path: Path, width: int, height: int) -> Path:
    """A valid black PNG (one bit a pixel) of any size, written row by row: small on disk and cheap to make."""
    row = b"\x00" + bytes((width + 7) // 8)
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0))
                     + _chunk(b"IDAT", data) + _chunk(b"IEND", b""))
    return path


def gradient(width: int, height: int) -> Image.Image:
    """Red at the top, blue at the bottom: a picture with content, cheap at any size."""
    column = Image.linear_gradient("L").resize((1, height))
    red = column.point(lambda v: 255 - v).resize((width, height))
    return Image.merge("RGB", (red, Image.new("L", (width, height), 40), column.resize((width, height))))


# --- 1. an allow-list of formats, read from the bytes ----------------------------------------------
POSTSCRIPT = b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 120 80\n0 0 moveto 120 80 lineto stroke\nshowpage\n"
NOT_PICTURES = {
    "PostScript": POSTSCRIPT,
    "PDF": b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
    "SVG": b'<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>\n',
    "HEIC": b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(64),
    "AVIF": b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf" + bytes(64),
    "Photoshop": b"8BPS\x00\x01" + bytes(64),
}


@pytest.mark.parametrize("kind", sorted(NOT_PICTURES))
def test_a_file_that_is_not_an_accepted_picture_is_named_for_what_it_is(tmp_path, kind):
    path = tmp_path / "photo.jpg"
    path.write_bytes(NOT_PICTURES[kind])
    fault = inspect_image(path)
    assert isinstance(fault, ImageFault), fault
    assert f"this file is {kind}" in fault.en, fault.en
    assert "(JPEG, PNG, WebP, GIF, TIFF)" in fault.en and "not its name" in fault.en
    assert "JPEG、PNG、WebP、GIF、TIFF" in fault.zh and "文件名" in fault.zh


def test_a_bmp_that_pillow_could_read_is_refused_by_name(tmp_path):
    path = tmp_path / "scan.png"
    Image.new("RGB", (40, 30), (200, 10, 10)).save(path, "BMP")
    fault = inspect_image(path)
    assert isinstance(fault, ImageFault) and "this file is BMP" in fault.en, fault


def test_postscript_named_jpg_is_reported_by_check_where_it_is_named(mini_copy, image_problems):
    (mini_copy / "media" / "poster.jpg").write_bytes(POSTSCRIPT)
    [p] = image_problems(mini_copy, "media/poster.jpg")
    (field, zh, en) = (p.field, p.zh, p.en)
    assert field == "images.0.src"
    assert en == ("this file is PostScript, not a picture format the museum accepts (JPEG, PNG, WebP, GIF, TIFF); "
                  "the format is read from the file's contents, not its name")
    assert "PostScript" in zh


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "GIF", "TIFF"])
def test_every_accepted_format_passes(tmp_path, fmt):
    path = tmp_path / "picture.bin"  # the name says nothing; the bytes decide
    Image.new("RGB", (60, 40), (10, 120, 200)).save(path, fmt)
    info = inspect_image(path)
    assert isinstance(info, ImageInfo) and info.format == fmt and (info.width, info.height) == (60, 40), info


def test_the_build_never_hands_a_swapped_file_to_another_decoder(tmp_path, monkeypatch):
    """Planned from a good JPEG, then the file is replaced by PostScript (or BMP) before production."""
    def ghostscript(*args, **kwargs):
        raise AssertionError("Ghostscript was run on a contributor's file")

    monkeypatch.setattr(EpsImagePlugin, "Ghostscript", ghostscript)
    for name, payload in {"eps.jpg": POSTSCRIPT, "bmp.jpg": None}.items():
        path = tmp_path / name
        Image.new("RGB", (120, 80), (255, 0, 0)).save(path, "JPEG")
        picture = plan(path)
        if payload is None:
            Image.new("RGB", (120, 80), (0, 0, 255)).save(path, "BMP")
        else:
            path.write_bytes(payload)
        with pytest.raises(Image.UnidentifiedImageError):
            produce([picture], tmp_path / f"cache-{name}", workers=1)
        assert not list((tmp_path / f"cache-{name}").rglob("*.*")), name  # nothing made from it


# --- 2. a longest side and a long-to-short ratio ---------------------------------------------------
@pytest.mark.parametrize("size", [(1200, 17000), (17000, 1200), (3000, 63000), (40, 1)])
def test_tall_and_wide_museum_pictures_pass(tmp_path, size):
    info = inspect_image(blank_png(tmp_path / "scroll.png", *size))
    assert isinstance(info, ImageInfo), info


@pytest.mark.parametrize("size", [(1, 20000), (20000, 1), "just over"])
def test_a_strip_too_long_and_thin_is_refused(tmp_path, size):
    if size == "just over":
        size = (100, 100 * media.MAX_RATIO + 1)
    fault = inspect_image(blank_png(tmp_path / "strip.png", *size))
    assert isinstance(fault, ImageFault), fault
    assert "too long and thin" in fault.en and f"at most {media.MAX_RATIO} times" in fault.en
    assert "狭长" in fault.zh


def test_a_side_longer_than_the_limit_is_refused(tmp_path):
    side = media.MAX_SIDE + 1
    fault = inspect_image(blank_png(tmp_path / "long.png", side, math.ceil(side / media.MAX_RATIO)))
    assert isinstance(fault, ImageFault), fault
    assert "longest side" in fault.en and f"{media.MAX_SIDE:,} px" in fault.en and "像素" in fault.zh


def test_the_most_extreme_allowed_shapes_pass(tmp_path):
    short = math.ceil(media.MAX_SIDE / media.MAX_RATIO)
    for size in [(media.MAX_SIDE, short), (short, media.MAX_SIDE)]:
        assert isinstance(inspect_image(blank_png(tmp_path / "edge.png", *size)), ImageInfo), size


# --- 3. derivatives fit their formats --------------------------------------------------------------
def assert_every_file_is_right(picture, cache: Path) -> None:
    full = (picture.width, picture.height)
    widths = [v.width for v in picture.webp]
    assert widths == sorted(set(widths)), widths  # distinct and in order, as srcset wants
    assert len({v.name for v in picture.variants}) == len(picture.variants)
    for variant in picture.variants:
        limit = WEBP_MAX if variant.format == "webp" else JPEG_MAX
        assert 1 <= variant.width <= limit and 1 <= variant.height <= limit, variant
        assert variant.width <= full[0] and variant.height <= full[1], variant  # never upscaled
        assert abs(variant.height - full[1] * variant.width / full[0]) <= 0.5 + 1e-9, variant  # same shape
        with Image.open(cache / picture.key / variant.name) as out:
            assert out.size == (variant.width, variant.height), variant  # the page states the real size
            assert out.format == {"webp": "WEBP", "jpeg": "JPEG", "png": "PNG"}[variant.format]
            out.load()
    if picture.zoom:
        from museum.media import iiif as deepzoom

        for _, name, box in deepzoom.tiles(*full):
            with Image.open(cache / picture.key / picture.zoom / name) as tile:
                assert tile.size == (box[2] - box[0], box[3] - box[1]), name


def test_a_hanging_scroll_that_passes_check_builds(tmp_path, mini_copy, image_problems):
    gradient(1200, 17000).save(mini_copy / "media" / "scroll.jpg", quality=80)
    assert image_problems(mini_copy, "media/scroll.jpg") == []
    picture = plan(mini_copy / "media" / "scroll.jpg")
    produce([picture], tmp_path / "cache", workers=1)
    assert_every_file_is_right(picture, tmp_path / "cache")
    assert max(v.height for v in picture.webp) <= WEBP_MAX
    assert picture.fallback.format == "jpeg"
    # JPEG allows 65,500 px a side, but a phone would refuse 20 million pixels: the fallback is scaled to the cap.
    assert (picture.fallback.width, picture.fallback.height) == (1062, 15045)


@pytest.mark.parametrize("tall", [True, False], ids=["tall", "wide"])
def test_the_most_extreme_allowed_shapes_build(tmp_path, tall):
    short = math.ceil(media.MAX_SIDE / media.MAX_RATIO)
    size = (short, media.MAX_SIDE) if tall else (media.MAX_SIDE, short)
    picture = plan(blank_png(tmp_path / "edge.png", *size))
    assert picture.zoom
    # Without its deep-zoom tiles: they are 512 px at most whatever the shape (test_deepzoom checks their
    # sizes), and cutting these 575 would triple the time. The hanging scroll above is built whole.
    picture = dataclasses.replace(picture, zoom=None)
    produce([picture], tmp_path / "cache", workers=1)
    assert_every_file_is_right(picture, tmp_path / "cache")


def test_a_transparent_tall_picture_fits_too(tmp_path):
    im = Image.new("RGBA", (500, 20_000), (0, 0, 0, 0))
    im.paste((0, 128, 0, 255), (100, 100, 400, 19_900))
    im.save(tmp_path / "tall.png")
    picture = plan(tmp_path / "tall.png")
    assert picture.alpha and picture.fallback.format == "png"
    produce([picture], tmp_path / "cache", workers=1)
    assert_every_file_is_right(picture, tmp_path / "cache")


def test_sizes_capped_by_a_format_are_not_repeated(monkeypatch):
    monkeypatch.setattr(images, "WIDTHS", (320, 640, 1280, 2048, 4096))
    info = ImageInfo(Path("x.png"), 8000, 200_000, "PNG", "RGB")  # plan only: the limits are per format
    picture = plan_picture(info, "k")
    capped = 8000 * WEBP_MAX // 200_000  # 655: as wide as a WebP 16,383 px high can be
    assert [v.width for v in picture.webp] == [320, 640, capped]  # 1280, 2048 and 4096 all become 655, once
    assert picture.webp[-1].height == round(200_000 * capped / 8000) <= WEBP_MAX
    # JPEG holds 65,500 px a side, but a derivative holds at most MAX_DERIVATIVE_PIXELS: 800 x 20,000.
    assert (picture.fallback.width, picture.fallback.height) == (800, 20_000)


# --- 4. no metadata survives -----------------------------------------------------------------------
MARK = {kind: f"MUSEUM-LEAK-{kind}-5b1e".encode() for kind in
        ("EXIF", "GPS", "XMP", "ICC", "COM", "TEXT", "ITXT", "ZTXT", "LOWERCOMMENT", "GIFCOMMENT", "TIFFTAG")}


def marked_profile() -> bytes:
    """A valid sRGB profile with the ICC marker inside it."""
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes() + MARK["ICC"]
    return struct.pack(">I", len(srgb)) + srgb[4:]


def marked_exif() -> Image.Exif:
    exif = Image.Exif()
    exif[0x010E] = MARK["EXIF"].decode()  # ImageDescription
    exif[0x8825] = {1: "N", 2: (39.0, 54.0, 0.0), 27: b"ASCII\x00\x00\x00" + MARK["GPS"]}  # GPS, with a note
    return exif


XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description>' + MARK["XMP"] + b"</rdf:Description></rdf:RDF></x:xmpmeta>"


def marked_sources(tmp_path: Path) -> dict[str, Path]:
    """The same picture in every accepted format, carrying every kind of metadata the format can hold;
    each once with a colour profile and once without (converting the colours takes another path)."""
    base = gradient(1700, 1000)  # large enough for deep-zoom tiles
    text = PngImagePlugin.PngInfo()
    text.add_text("Author", MARK["TEXT"].decode())
    text.add_text("comment", MARK["LOWERCOMMENT"].decode())  # Pillow reads this one as a JPEG comment
    text.add_itxt("Description", MARK["ITXT"].decode(), lang="zh", tkey="说明")
    text.add_text("Software", MARK["ZTXT"].decode(), zip=True)
    text.add_itxt("XML:com.adobe.xmp", XMP.decode())
    recipes = {
        "jpg": ("JPEG", base, {"xmp": XMP, "quality": 90,
                               "comment": MARK["COM"] + b" photographer +86 138 0000 0000, 39.9N 116.4E"}),
        "png": ("PNG", base, {"pnginfo": text}),
        "alpha.png": ("PNG", base.convert("RGBA"), {"pnginfo": text}),
        "webp": ("WEBP", base, {"xmp": XMP, "quality": 90}),
        "alpha.webp": ("WEBP", base.convert("RGBA"), {"xmp": XMP, "quality": 90}),
        "tif": ("TIFF", base, {"tiffinfo": {270: MARK["TIFFTAG"].decode(), 700: XMP}}),
    }
    out = {}
    for ext, (fmt, im, params) in recipes.items():
        for icc in (False, True):
            path = out[f"{'icc-' if icc else ''}{ext}"] = tmp_path / f"{'icc-' if icc else ''}source.{ext}"
            im.save(path, fmt, exif=marked_exif(), **({"icc_profile": marked_profile()} if icc else {}), **params)
    out["gif"] = tmp_path / "source.gif"
    base.convert("P").save(out["gif"], "GIF", comment=MARK["GIFCOMMENT"])
    return out


def riff_chunks(data: bytes) -> list[bytes]:
    kinds, pos = [], 12
    while pos + 8 <= len(data):
        kind, size = data[pos:pos + 4], struct.unpack("<I", data[pos + 4:pos + 8])[0]
        kinds.append(kind)
        pos += 8 + size + (size & 1)
    return kinds


def png_chunks(data: bytes) -> list[bytes]:
    kinds, pos = [], 8
    while pos + 8 <= len(data):
        size, kind = struct.unpack(">I", data[pos:pos + 4])[0], data[pos + 4:pos + 8]
        kinds.append(kind)
        pos += 12 + size
    return kinds


def assert_bare(path: Path) -> None:
    data = path.read_bytes()
    for kind, marker in MARK.items():
        assert marker not in data, f"{path.name} carries the {kind} marker"
    with Image.open(path) as out:
        leaked = {"exif", "xmp", "icc_profile", "comment", "XML:com.adobe.xmp", "Author", "Description",
                  "Software"} & set(out.info)
        assert not leaked, f"{path.name}: {leaked}"
        assert not out.getexif(), f"{path.name} keeps EXIF"
        if out.format == "JPEG":
            assert [marker for marker, _ in out.applist] == ["APP0"], f"{path.name}: {out.applist}"
        elif out.format == "PNG":
            assert set(png_chunks(data)) <= {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND"}, png_chunks(data)
            assert not out.text
        elif out.format == "WEBP":
            assert set(riff_chunks(data)) <= {b"VP8 ", b"VP8L", b"VP8X", b"ALPH"}, riff_chunks(data)


def test_no_metadata_of_any_kind_reaches_a_derivative_or_a_tile(tmp_path):
    sources = marked_sources(tmp_path)
    for name, source in sources.items():
        with Image.open(source) as im:  # the sources really are marked
            assert MARK["ICC"] in im.info["icc_profile"] if name.startswith("icc-") else "icc_profile" not in im.info
            assert im.info.get("comment") or im.info.get("xmp") or im.getexif(), name
        picture = plan(source)
        assert picture.zoom, name
        cache = tmp_path / f"cache-{name}"
        produce([picture], cache, workers=1)
        site = tmp_path / f"site-{name}"
        images.publish([picture], cache, site)
        published = [p for p in site.rglob("*") if p.is_file() and p.name != "info.json"]
        assert len(published) > len(picture.variants), name  # derivatives and tiles
        for path in published:
            assert_bare(path)


def test_files_cached_before_metadata_was_stripped_are_not_published_again(tmp_path, monkeypatch):
    """A warm cache must not republish what the old pipeline made: a JPEG comment in every JPEG."""
    from museum.media import iiif as deepzoom

    source = marked_sources(tmp_path)["jpg"]
    cache = tmp_path / "cache"
    with monkeypatch.context() as old:  # the pipeline as it was: version 1, im.info kept and written
        old.setattr(images, "PROCESS_VERSION", 1)
        old.setattr(images, "bare", lambda im: im)
        old.setattr(deepzoom, "bare", lambda im: im)
        normalise = images.normalise

        def leaky(im, alpha):
            out = normalise(im, alpha)
            out.info["comment"] = MARK["COM"]
            return out

        old.setattr(images, "normalise", leaky)
        produce([plan(source)], cache, workers=1)
    assert any(MARK["COM"] in f.read_bytes() for f in cache.rglob("*.jpg"))  # the old cache leaks
    picture = plan(source)
    produce([picture], cache, workers=1)
    site = tmp_path / "site"
    images.publish([picture], cache, site)
    for path in site.rglob("*"):
        if path.is_file() and path.name != "info.json":
            assert_bare(path)


def test_a_derivative_keeps_its_colour_after_the_profile_is_dropped(tmp_path):
    source = marked_sources(tmp_path)["icc-alpha.png"]
    picture = plan(source)
    produce([picture], tmp_path / "cache", workers=1)
    with Image.open(tmp_path / "cache" / picture.key / picture.fallback.name) as out:
        assert "icc_profile" not in out.info
        r, _, b, a = out.convert("RGBA").getpixel((5, 2))
        assert r > 200 and b < 60 and a == 255


# --- 5. pictures with more than one frame ----------------------------------------------------------
def frames_of(colours) -> list[Image.Image]:
    return [Image.new("RGB", (200, 100), colour) for colour in colours]


def test_an_animated_gif_is_recorded_and_shows_its_first_frame(tmp_path):
    red, *rest = frames_of([(255, 0, 0), (0, 255, 0), (0, 0, 255)])
    red.save(tmp_path / "anim.gif", save_all=True, append_images=rest, duration=200, loop=0)
    info = inspect_image(tmp_path / "anim.gif")
    assert isinstance(info, ImageInfo) and info.frames == 3
    picture = plan_picture(info, "anim")
    assert picture.animated
    produce([picture], tmp_path / "cache", workers=1)
    for variant in picture.variants:
        with Image.open(tmp_path / "cache" / "anim" / variant.name) as out:
            assert getattr(out, "n_frames", 1) == 1, variant
            r, g, b = out.convert("RGB").getpixel((50, 50))
            assert r > 200 and g < 60 and b < 60, (variant, (r, g, b))


@pytest.mark.parametrize("fmt", ["WEBP", "TIFF", "PNG"])
def test_other_multi_frame_pictures_are_recorded(tmp_path, fmt):
    first, *rest = frames_of([(255, 0, 0), (0, 0, 255)])
    first.save(tmp_path / "many", fmt, save_all=True, append_images=rest)
    info = inspect_image(tmp_path / "many")
    assert isinstance(info, ImageInfo) and info.frames == 2, info
    assert plan_picture(info, "k").animated


def test_a_still_picture_is_not_animated_and_a_camera_mpo_is_a_still_jpeg(tmp_path):
    still, other = frames_of([(255, 0, 0), (0, 0, 255)])
    still.save(tmp_path / "still.jpg")
    info = inspect_image(tmp_path / "still.jpg")
    assert info.frames == 1 and not plan_picture(info, "k").animated
    still.save(tmp_path / "stereo.jpg", "MPO", save_all=True, append_images=[other])  # a camera's second view
    info = inspect_image(tmp_path / "stereo.jpg")
    assert isinstance(info, ImageInfo) and info.frames == 2, info
    assert not plan_picture(info, "k").animated  # browsers show an MPO as its first JPEG; nothing moves


def test_the_limits_are_stated_where_curators_read_them():
    paragraph = next(line for line in (Path(__file__).resolve().parents[1] / "docs" / "contributing.md")
                     .read_text(encoding="utf-8").splitlines() if line.startswith("- **图片**"))
    for stated in (f"{media.MAX_SIDE:,} 像素", f"短边的 {media.MAX_RATIO} 倍", "JPEG、PNG、WebP、GIF、TIFF",
                   f"{images.FORMAT_MAX_SIDE['webp']:,} 像素"):
        assert stated in paragraph, stated


def test_no_derivative_of_a_long_scroll_is_too_many_pixels_for_a_phone():
    from museum.media.pictures import MAX_DERIVATIVE_PIXELS, plan_picture
    from museum.media.source import ImageInfo

    for size in ((1200, 17000), (17000, 1200), (1300, 65000)):
        picture = plan_picture(ImageInfo(Path("scroll.jpg"), *size, "JPEG", "RGB"), "k")
        for variant in picture.variants:
            assert variant.width * variant.height <= MAX_DERIVATIVE_PIXELS, (size, variant)
            assert abs(variant.height - variant.width * size[1] / size[0]) <= 1, (size, variant)  # the shape kept


def test_a_transparent_gif_keeps_its_transparency(tmp_path):
    source = tmp_path / "logo.gif"
    im = Image.new("P", (40, 30), 0)
    im.putpalette([0, 0, 0, 200, 30, 30] + [0] * 762)
    im.paste(1, (10, 10, 30, 20))
    im.save(source, transparency=0)  # index 0 (black) is transparent: the background must stay see-through
    info = inspect_image(source)
    picture = plan_picture(info, "gif")
    assert picture.alpha and picture.fallback.format == "png"
    produce([picture], tmp_path / "cache", workers=1)
    for variant in picture.variants:
        with Image.open(tmp_path / "cache" / "gif" / variant.name) as made:
            assert made.convert("RGBA").getpixel((0, 0))[3] == 0, variant
            assert made.convert("RGBA").getpixel((20, 15))[3] == 255, variant
