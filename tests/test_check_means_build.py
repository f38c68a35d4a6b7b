"""If `check` passes, the site builds.

A record may name another by its id or by one of its old ids (aliases); `check` and the pages resolve
both the same way, through the catalogue's one resolver, which also rewrites old ids to current ones
so no later phase meets them. A property test generates collections that pass `check` — old ids
everywhere a reference may stand, links both ways, odd but valid pictures — and builds each one:
every page rendered, every picture produced and published, every redirect written.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from PIL import Image as PILImage

from museum.catalogue.check import check_collection
from museum.media.pictures import produce, publish
from museum.output.redirects import write_redirects
from museum.render.html import Renderer
from museum.pages.plan import plan_site

MINI = Path(__file__).resolve().parent / "fixtures" / "mini"
SITE_URL = "https://museum.example/"


def build_core(collections: Path, root: Path, out: Path, cache: Path) -> int:
    """Everything the core does for `build` (MkDocs only adds the page shell); returns the page count."""
    cat, problems = check_collection(collections, root)
    assert not problems, "\n".join(map(str, problems))
    site = plan_site(cat, SITE_URL)
    renderer = Renderer(SITE_URL)
    for spec in site.pages:
        assert renderer.body(spec) and renderer.head(spec)
    pictures = list(site.pictures.values())
    produce(pictures, cache, workers=1)
    publish(pictures, cache, out, SITE_URL)
    write_redirects(site.redirects, out, SITE_URL)
    return len(site.pages)


def test_the_mini_fixture_whose_artifact_names_its_museum_by_an_old_id_builds(tmp_path):
    assert build_core(MINI / "collections", MINI, tmp_path / "site", tmp_path / "cache") > 10
    assert (tmp_path / "site" / "artifacts" / "ceshi-jiu-kache" / "index.html").is_file()  # the old URL still works


# --- the property test -----------------------------------------------------------------------------
def _pictures() -> dict[str, bytes]:
    """Odd but valid originals: every colour mode, orientation and container a curator may send."""
    def save(im: PILImage.Image, fmt: str, **kw) -> bytes:
        out = io.BytesIO()
        im.save(out, fmt, **kw)
        return out.getvalue()

    rotated = PILImage.new("RGB", (60, 40), (200, 30, 30))
    exif = rotated.getexif()
    exif[0x0112] = 6
    frames = [PILImage.new("RGB", (30, 30), colour) for colour in ((200, 0, 0), (0, 0, 200))]
    gif = io.BytesIO()
    frames[0].save(gif, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    palette = PILImage.new("P", (50, 50), 3)
    return {
        "rgb.jpg": save(PILImage.new("RGB", (64, 48), (10, 120, 200)), "JPEG"),
        "grey.jpg": save(PILImage.new("L", (48, 64), 90), "JPEG"),
        "cmyk.jpg": save(PILImage.new("CMYK", (40, 40), (0, 50, 100, 0)), "JPEG"),
        "rotated.jpg": save(rotated, "JPEG", exif=exif),
        "palette.png": save(palette, "PNG", transparency=3),
        "grey-alpha.png": save(PILImage.new("LA", (30, 20), (100, 128)), "PNG"),
        "deep.png": save(PILImage.new("I;16", (40, 30), 40000), "PNG"),
        "dot.png": save(PILImage.new("RGB", (1, 1), (0, 0, 0)), "PNG"),
        "scroll.jpg": save(PILImage.new("RGB", (40, 1000), (240, 230, 200)), "JPEG"),  # a hanging scroll
        "handscroll.png": save(PILImage.new("RGB", (1000, 40), (230, 220, 190)), "PNG"),
        "large.jpg": save(PILImage.new("RGB", (1700, 900), (80, 80, 80)), "JPEG"),  # gets deep-zoom tiles
        "moving.gif": gif.getvalue(),
        "scan.tif": save(PILImage.new("RGB", (50, 40), (1, 2, 3)), "TIFF"),
        "photo.webp": save(PILImage.new("RGBA", (40, 40), (5, 6, 7, 100)), "WEBP"),
    }


PICTURES = _pictures()
TEXT = st.text(alphabet="工业博物馆机车钢铁AZaz09 &<>\"'#*_[]()/:", min_size=1, max_size=16).filter(str.strip)


def _image(draw, src_prefix: str = "../media/") -> dict:
    return {"src": src_prefix + draw(st.sampled_from(sorted(PICTURES))), "alt": draw(TEXT), "credit": "测试插图，由本项目测试生成",
            "license": "CC0 1.0"}


@st.composite
def collection(draw) -> dict[str, dict[str, dict]]:
    """records[folder][id] -> the record's fields; every reference by id or by one of its old ids."""
    ids = {kind: [f"{kind}-{i}" for i in range(draw(st.integers(lo, hi)))]
           for kind, lo, hi in (("museum", 1, 3), ("heritage", 0, 2), ("artifact", 1, 4), ("exhibition", 0, 2),
                                ("route", 0, 1))}
    # Old ids may look like another kind's current id: each kind has its own ids.
    old = {(kind, rid): [f"{rid}-old{j}" if draw(st.booleans()) else f"other-{kind}-{rid}-{j}"
                         for j in range(draw(st.integers(0, 2)))]
           for kind, rids in ids.items() for rid in rids}

    def name(kind: str, rid: str, qualified: bool = False) -> str:
        chosen = draw(st.sampled_from([rid, *old[(kind, rid)]]))
        return f"{kind}/{chosen}" if qualified else chosen

    def some(kind: str, but: str | None = None, most: int = 3) -> list[str]:
        pool = [r for r in ids[kind] if r != but]
        return [name(kind, r) for r in draw(st.lists(st.sampled_from(pool), max_size=most, unique=True))] if pool else []

    def with_aliases(kind: str, rid: str, fields: dict) -> dict:
        return {**({"aliases": old[(kind, rid)]} if old[(kind, rid)] else {}), **fields}

    records: dict[str, dict[str, dict]] = {"museums": {}, "heritage": {}, "artifacts": {}, "exhibitions": {},
                                           "routes": {}}
    for rid in ids["museum"]:
        records["museums"][rid] = with_aliases("museum", rid, {
            "name": draw(TEXT), "type": "comprehensive", "industries": ["steel"], "province": "liaoning",
            "city": "测试市", "heritage": some("heritage"),
            "images": [_image(draw) for _ in range(draw(st.integers(0, 2)))]})
    for rid in ids["heritage"]:
        records["heritage"][rid] = with_aliases("heritage", rid, {
            "name": draw(TEXT), "level": "national", "province": "liaoning", "core_items": [draw(TEXT)],
            "museums": some("museum")})
    for rid in ids["artifact"]:
        records["artifacts"][rid] = with_aliases("artifact", rid, {
            "title": draw(TEXT), "museum": name("museum", draw(st.sampled_from(ids["museum"]))), "industry": "steel",
            "date": draw(st.integers(1850, 2020)), "description": draw(TEXT), "heritage": some("heritage"),
            "related": some("artifact", but=rid), "tags": draw(st.lists(TEXT, max_size=3, unique=True)),
            "images": [_image(draw) for _ in range(draw(st.integers(0, 3)))]})
    for rid in ids["exhibition"]:
        fields = {"title": draw(TEXT), "summary": draw(TEXT),
                  "sections": [{"title": draw(TEXT), "text": draw(TEXT), "artifacts": some("artifact"),
                                "images": [_image(draw) for _ in range(draw(st.integers(0, 1)))]}
                               for _ in range(draw(st.integers(1, 2)))],
                  "related": [name(k, r, qualified=True) for k in ("artifact", "museum")
                              for r in draw(st.lists(st.sampled_from(ids[k]), max_size=1))]}
        if draw(st.booleans()):
            fields["museum"] = name("museum", draw(st.sampled_from(ids["museum"])))
        if draw(st.booleans()):
            fields["cover"] = _image(draw)
        records["exhibitions"][rid] = with_aliases("exhibition", rid, fields)
    places = [("museum", r) for r in ids["museum"]] + [("heritage", r) for r in ids["heritage"]]
    for rid in ids["route"] if len(places) >= 2 else []:  # a route has at least two stops
        stops = draw(st.lists(st.sampled_from(places), min_size=2, max_size=3, unique=True))
        records["routes"][rid] = with_aliases("route", rid, {
            "title": draw(TEXT), "stops": [name(kind, r, qualified=True) for kind, r in stops]})
    return records


@pytest.fixture(scope="module")
def workshop(tmp_path_factory) -> Path:
    """A project folder whose collections/ each example rewrites; the picture cache is kept between examples."""
    root = tmp_path_factory.mktemp("property")
    return root


def write_collection(root: Path, records: dict[str, dict[str, dict]]) -> Path:
    coll = root / "collections"
    if coll.exists():
        shutil.rmtree(coll)
    shutil.copytree(MINI / "collections" / "vocab", coll / "vocab")
    (coll / "media").mkdir()
    for name, data in PICTURES.items():
        (coll / "media" / name).write_bytes(data)
    for folder, table in records.items():
        (coll / folder).mkdir()
        for rid, fields in table.items():
            (coll / folder / f"{rid}.yaml").write_text(yaml.safe_dump(fields, allow_unicode=True, sort_keys=False),
                                                       encoding="utf-8")
    return coll


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                                   HealthCheck.function_scoped_fixture])
@given(records=collection())
def test_every_collection_that_passes_check_builds(workshop, records):
    coll = write_collection(workshop, records)
    _, problems = check_collection(coll, workshop)
    assume(not problems)  # the property concerns what check accepts (the generator aims to make only that)
    out = workshop / "site"
    if out.exists():
        shutil.rmtree(out)
    assert build_core(coll, workshop, out, workshop / "cache") >= len(records["artifacts"])
