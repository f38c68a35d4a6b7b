"""The image pipeline: every colour mode and orientation comes out right, metadata is stripped,
the cache does no work twice and exactly the work a recipe change asks for, bad images are
reported where they are named."""

from __future__ import annotations

import io
import shutil
import struct
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageCms

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from museum.media import pictures as images  # noqa: E402
from museum.catalogue.check import check_collection  # noqa: E402
from museum.media.pictures import SourceHashes, plan_picture, produce  # noqa: E402
from museum.media.source import ImageInfo, inspect_image  # noqa: E402

MINI = ROOT / "tests" / "fixtures" / "mini" / "collections"


def plan(path: Path):
    info = inspect_image(path)
    assert isinstance(info, ImageInfo), info
    return plan_picture(info, SourceHashes(None)(path))


def make(tmp: Path, name: str, im: Image.Image, **save) -> Path:
    path = tmp / name
    im.save(path, **save)
    return path


def outputs(picture, cache: Path) -> dict[str, Image.Image]:
    return {v.name: Image.open(cache / picture.key / v.name) for v in picture.variants}


def half_red(width: int, height: int) -> Image.Image:
    """Red on the left half, blue on the right: which way up a picture is shows at a glance."""
    im = Image.new("RGB", (width, height), (0, 0, 255))
    im.paste((255, 0, 0), (0, 0, width // 2, height))
    return im


def test_widths_are_fixed_and_never_upscaled(tmp_path):
    picture = plan(make(tmp_path, "wide.png", half_red(1000, 500)))
    assert [v.width for v in picture.webp] == [320, 640, 1000]
    assert picture.fallback.width == 1000 and picture.fallback.format == "jpeg"
    assert [v.height for v in picture.webp] == [160, 320, 500]


def test_exif_orientation_is_applied_and_all_exif_including_gps_is_stripped(tmp_path):
    upright = half_red(400, 200)
    stored = upright.transpose(Image.Transpose.ROTATE_90)  # as a camera held on its side stores it
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to display"
    exif[0x8825] = {1: "N", 2: (39.0, 54.0, 0.0), 3: "E", 4: (116.0, 23.0, 0.0)}  # GPS IFD
    source = make(tmp_path, "camera.jpg", stored, exif=exif, quality=95)
    picture = plan(source)
    assert (picture.width, picture.height) == (400, 200)  # as shown, not as stored
    produce([picture], tmp_path / "cache", workers=1)
    for name, out in outputs(picture, tmp_path / "cache").items():
        assert out.width > out.height, name
        rgb = out.convert("RGB")
        assert rgb.getpixel((out.width // 4, out.height // 2))[0] > 200, f"{name} is not upright"
        assert not out.getexif(), f"{name} keeps EXIF"
        assert "exif" not in out.info and "icc_profile" not in out.info


def test_cmyk_jpeg_becomes_srgb(tmp_path):
    cmyk = Image.new("CMYK", (300, 200), (0, 255, 255, 0))  # pure red in CMYK
    picture = plan(make(tmp_path, "print.jpg", cmyk, quality=95))
    produce([picture], tmp_path / "cache", workers=1)
    for out in outputs(picture, tmp_path / "cache").values():
        r, g, b = out.convert("RGB").getpixel((10, 10))
        assert r > 180 and g < 90 and b < 90, (r, g, b)


def test_sixteen_bit_greyscale_keeps_its_tones(tmp_path):
    grey = Image.new("I;16", (300, 200), 32768)  # mid grey in 16 bits
    picture = plan(make(tmp_path, "scan.png", grey))
    produce([picture], tmp_path / "cache", workers=1)
    for out in outputs(picture, tmp_path / "cache").values():
        value = out.convert("L").getpixel((5, 5))
        assert 110 <= value <= 145, value


def test_palette_and_transparent_images_keep_their_transparency(tmp_path):
    rgba = Image.new("RGBA", (300, 200), (255, 0, 0, 0))
    rgba.paste((0, 128, 0, 255), (100, 50, 200, 150))
    for name, im in {"rgba.png": rgba, "palette.png": rgba.convert("P")}.items():
        source = tmp_path / name
        if name == "palette.png":
            pal = Image.new("P", (300, 200), 0)
            pal.putpalette([255, 255, 255, 0, 128, 0] + [0] * 762)
            pal.paste(1, (100, 50, 200, 150))
            pal.save(source, transparency=0)
        else:
            im.save(source)
        picture = plan(source)
        assert picture.alpha and picture.fallback.format == "png", name
        produce([picture], tmp_path / f"cache-{name}", workers=1)
        for out in outputs(picture, tmp_path / f"cache-{name}").values():
            rgba_out = out.convert("RGBA")
            assert rgba_out.getpixel((2, 2))[3] == 0, f"{name}: corner should stay transparent"
            assert rgba_out.getpixel((rgba_out.width // 2, rgba_out.height // 2))[3] == 255


def test_an_embedded_colour_profile_is_converted_to_srgb_and_dropped(tmp_path):
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    source = make(tmp_path, "tagged.jpg", half_red(300, 200), icc_profile=profile, quality=95)
    picture = plan(source)
    produce([picture], tmp_path / "cache", workers=1)
    for out in outputs(picture, tmp_path / "cache").values():
        assert "icc_profile" not in out.info
        assert out.convert("RGB").getpixel((10, 10))[0] > 200


def test_a_rebuild_with_unchanged_images_makes_nothing(tmp_path):
    pictures = [plan(make(tmp_path, f"p{i}.png", half_red(700 + i, 300))) for i in range(3)]
    cache = tmp_path / "cache"
    assert produce(pictures, cache, workers=2) == 3 * 4  # 320, 640, full width, fallback
    assert produce(pictures, cache, workers=2) == 0


def test_a_changed_recipe_remakes_exactly_the_files_it_changes(tmp_path, monkeypatch):
    sources = [make(tmp_path, f"p{i}.png", half_red(1500, 1000)) for i in range(2)]
    cache = tmp_path / "cache"
    produce([plan(s) for s in sources], cache, workers=1)
    monkeypatch.setitem(images.QUALITY, "jpeg", 60)  # only the JPEG fallbacks change
    again = [plan(s) for s in sources]
    assert produce(again, cache, workers=1) == 2
    monkeypatch.setattr(images, "WIDTHS", (320, 640, 1280, 1440))  # one new width for each picture
    assert produce([plan(s) for s in sources], cache, workers=1) == 2


def test_a_changed_source_gets_new_files_and_a_new_url(tmp_path):
    source = make(tmp_path, "p.png", half_red(500, 300))
    hashes = SourceHashes(tmp_path / "cache")
    first = plan_picture(inspect_image(source), hashes(source))
    make(tmp_path, "p.png", half_red(500, 301))
    second = plan_picture(inspect_image(source), hashes(source))
    assert first.key != second.key


def test_source_hashes_are_remembered_between_builds(tmp_path):
    source = make(tmp_path, "p.png", half_red(50, 30))
    hashes = SourceHashes(tmp_path / "cache")
    key = hashes(source)
    hashes.save()
    again = SourceHashes(tmp_path / "cache")
    assert str(source) in again.known and again(source) == key and not again.changed


# --- bad images, through check ------------------------------------------------------------------
@pytest.fixture
def mini_copy(tmp_path) -> Path:
    shutil.copytree(MINI, tmp_path / "collections")
    return tmp_path / "collections"


def test_a_decompression_bomb_is_refused_before_decoding(mini_copy, image_problems):
    # A valid PNG header claiming 60,000 x 60,000 pixels, a few hundred bytes on disk.
    def chunk(kind: bytes, data: bytes) -> bytes:
        import zlib
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 60000, 60000, 8, 2, 0, 0, 0))
    (mini_copy / "media" / "bomb.png").write_bytes(header + chunk(b"IEND", b""))
    [p] = image_problems(mini_copy, "media/bomb.png")
    (path, line, field, message) = (p.path, p.line, p.field, p.en)
    assert (path, line, field) == ("collections/artifacts/probe.yaml", 7, "images.0.src")
    assert "decompression bomb" in message


def test_a_jpeg_cut_short_is_refused(mini_copy, image_problems):
    buffer = io.BytesIO()
    half_red(400, 300).save(buffer, "JPEG")
    (mini_copy / "media" / "cut.jpg").write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    [p] = image_problems(mini_copy, "media/cut.jpg")
    (path, line, field, message) = (p.path, p.line, p.field, p.en)
    assert field == "images.0.src" and "incomplete" in message


def test_a_text_file_named_like_an_image_is_refused(mini_copy, image_problems):
    (mini_copy / "media" / "notes.png").write_text("not a picture", encoding="utf-8")
    [p] = image_problems(mini_copy, "media/notes.png")
    (_, _, field, message) = (p.path, p.line, p.field, p.en)
    assert field == "images.0.src" and message == "not an image file that can be read"


def test_an_image_is_never_read_from_outside_collections(mini_copy, tmp_path, image_problems):
    outside = make(tmp_path, "outside.png", half_red(20, 20))
    (mini_copy / "media" / "link.png").symlink_to(outside)
    [p] = image_problems(mini_copy, "media/link.png")
    (_, _, field, message) = (p.path, p.line, p.field, p.en)
    assert field == "images.0.src" and "outside collections/" in message
    assert isinstance(inspect_image(outside), ImageInfo)  # the file itself is fine; where it lives is not
