#!/usr/bin/env python3
"""Draw the museum's own illustrations for records that have no picture, and add them to the records.

    python tools/illustrate.py              # draw every illustration, then add `images:` / `cover:` to records
    python tools/illustrate.py --no-records # only (re)draw the files
    python tools/illustrate.py --only jiefang-ca10-truck china-railway-museum   # a few, for a quick look

These are ILLUSTRATIONS DRAWN HERE, not photographs: a catalogue plate showing the kind of object
(a truck, a steam locomotive, a porcelain vase …) chosen from the record's industry, title and tags;
a stylised building elevation for a museum; a poster banner for an exhibition. Every picture says
so in its caption, and its record's `credit` says so too.

The script is deterministic: the same records give byte-identical files (no clock, no unseeded
randomness). A handful of plates are deliberately written in the other forms the image pipeline
must handle (EXIF-rotated JPEG, CMYK JPEG, palette PNG, RGBA PNG, 16-bit greyscale PNG, JPEG with a
non-sRGB ICC profile); see SPECIAL below.

Records are edited minimally: the new field is appended at the end of the file, the rest of the
file stays byte-identical. A record that already has `images:` (or `cover:`) is left alone.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import math
import random
import re
import struct
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from PIL import Image, ImageChops, ImageCms, ImageDraw, ImageFilter, ImageFont, ImageOps

ROOT = Path(__file__).resolve().parent.parent
COLLECTIONS = ROOT / "collections"
OUT = COLLECTIONS / "media" / "illustrations"
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
)
SS = 2  # supersampling factor: draw at twice the size, then shrink (clean anti-aliased edges)

MUSEUM_LINE = "示意图 · 国家数字工业博物馆绘制"
CREDIT = {
    "artifact": ("国家数字工业博物馆绘制的示意图，非文物照片",
                 "Illustration drawn by the National Digital Industrial Museum; not a photograph of the object"),
    "museum": ("国家数字工业博物馆绘制的示意图，非建筑照片",
               "Illustration drawn by the National Digital Industrial Museum; not a photograph of the building"),
    "exhibition": ("国家数字工业博物馆绘制的示意图，非展览现场照片",
                   "Illustration drawn by the National Digital Industrial Museum; not a photograph of the exhibition"),
}
LICENSE = "CC0 1.0"

# Plates written in other forms, so that the site's image pipeline meets every kind of input.
SPECIAL = {
    "anshan-no1-blast-furnace": "exif6",
    "tangshan-colliery-shaft-1": "exif6",
    "drilling-rig-team-1205": "exif6",
    "dalong-stamp": "cmyk",
    "first-commemorative-stamp-ji1": "cmyk",
    "hongsanjiao-soda-ash": "palette",
    "ciyuan-1915": "palette",
    "shanghai-a581-watch": "rgba",
    "porcelain-7501": "rgba",
    "hanyang-rifle": "grey16",
    "blue-and-white-linglong-porcelain": "icc",
}
EXT = {"exif6": "jpg", "cmyk": "jpg", "icc": "jpg"}


# --- colours -----------------------------------------------------------------------------------------
def rgb(h: str) -> tuple[int, int, int]:
    h = h.lstrip("#")
    return tuple(int(h[i:i + 2], 16) for i in (0, 2, 4))  # type: ignore[return-value]


def mix(c1, c2, t: float):
    return tuple(round(a + (b - a) * t) for a, b in zip(c1, c2))


@dataclass(frozen=True)
class Palette:
    a: tuple  # main colour of the object
    b: tuple  # second colour
    c: tuple  # light colour (windows, highlights)
    accent: tuple
    ink: tuple  # outlines
    paper: tuple
    zh_a: str  # the main colour's name, for alt text
    zh_b: str

    @property
    def dark(self):
        return mix(self.a, self.ink, 0.45)


def _pal(a, b, c, accent, zh_a, zh_b, ink="#2d2823", paper="#efe6d3"):
    return Palette(rgb(a), rgb(b), rgb(c), rgb(accent), rgb(ink), rgb(paper), zh_a, zh_b)


PALETTES = {
    "automotive": _pal("#5e7854", "#a58a62", "#dcd6bf", "#b8513f", "橄榄绿色", "木色"),
    "railway": _pal("#3f4a52", "#9a3d33", "#cfc6ae", "#c9a24a", "深灰蓝色", "红色", paper="#ede4d0"),
    "shipbuilding": _pal("#34506a", "#a34a38", "#e6dec8", "#c99a3c", "深蓝色", "铁锈红色", paper="#ebe5d4"),
    "aviation": _pal("#8c9aa3", "#4f6e8a", "#e4e2d8", "#b0463a", "银灰色", "蓝色", paper="#ece6d6"),
    "aerospace": _pal("#e6e2d4", "#3e5878", "#f4f1e6", "#b8503c", "白色", "深蓝色", paper="#e9e3d4"),
    "steel": _pal("#57504c", "#b0603a", "#cbb596", "#e08a3c", "铁灰色", "铁锈色", paper="#ede3cf"),
    "coal": _pal("#3f3f42", "#b08c46", "#d2c29a", "#e0a040", "黑色", "黄铜色", paper="#ebe2cd"),
    "petroleum": _pal("#9c4034", "#6e6e68", "#d9cdb0", "#e0b040", "红色", "灰色", paper="#eee5d1"),
    "machinery": _pal("#4a6864", "#a0968a", "#d0c8b2", "#c8783c", "墨绿色", "灰色", paper="#ece5d2"),
    "electronics": _pal("#80583a", "#d2c4a8", "#e8e0cc", "#6e9a6a", "木褐色", "米色", paper="#efe6d3"),
    "light-industry": _pal("#36363a", "#b08c46", "#d8ccb0", "#a84438", "黑色", "金色", paper="#efe6d3"),
    "textile": _pal("#7a4a5e", "#50707e", "#e8dcc0", "#c8a050", "紫红色", "蓝灰色", paper="#efe5d3"),
    "ceramics": _pal("#f1ede2", "#30508c", "#fbf9f2", "#c8707a", "白色", "青花蓝色", paper="#e8e0cc"),
    "food-and-drink": _pal("#7a3c34", "#96703e", "#e4d6b0", "#c4a050", "酒红色", "橡木色", paper="#eee4cf"),
    "mint": _pal("#b8b8b0", "#96783c", "#e4e2d8", "#6a8a7a", "银白色", "古铜色", paper="#ebe3d0"),
    "telecom": _pal("#3c6e50", "#aa4632", "#ece0bc", "#c8a050", "邮政绿色", "朱红色", paper="#eee6d2"),
    "printing": _pal("#8c3c32", "#4e4e5a", "#f0e6cc", "#c8a050", "朱红色", "墨灰色", paper="#eee5d0"),
    "nuclear": _pal("#5a6e78", "#d4cab4", "#ece6d6", "#c8a03c", "灰蓝色", "浅灰色", paper="#ebe4d3"),
    "arms": _pal("#5c5448", "#8a8478", "#d0c8b4", "#7a6a50", "深褐色", "灰色", paper="#ece4d2"),
    "chemical": _pal("#a83c32", "#e0d6c0", "#f2ecdc", "#5a6a78", "红色", "米白色", paper="#eee5d2"),
    "salt": _pal("#7a6a50", "#b8aa8c", "#ece4d0", "#8c4a3a", "木褐色", "浅褐色", paper="#eee5d2"),
}
DEFAULT_PALETTE = PALETTES["machinery"]


def palette(industry: str | None) -> Palette:
    return PALETTES.get(industry or "", DEFAULT_PALETTE)


# --- fonts ---------------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def font_path() -> str:
    for candidate in FONT_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    sys.exit("找不到中文字体：请安装 fonts-wqy-microhei (apt-get install -y fonts-wqy-microhei)")


@lru_cache(maxsize=64)
def font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(font_path(), size)


# --- the pen: a drawing unit system on a supersampled RGBA layer ---------------------------------------
def catmull(points, steps: int = 10, closed: bool = False):
    """A smooth curve through the points (Catmull-Rom)."""
    pts = list(points)
    if len(pts) < 3:
        return pts
    if closed:
        ext = [pts[-1]] + pts + [pts[0], pts[1]]
        n = len(pts)
    else:
        ext = [pts[0]] + pts + [pts[-1]]
        n = len(pts) - 1
    out = []
    for i in range(n):
        p0, p1, p2, p3 = ext[i], ext[i + 1], ext[i + 2], ext[i + 3]
        for s in range(steps):
            t = s / steps
            t2, t3 = t * t, t * t * t
            out.append(tuple(0.5 * ((2 * p1[k]) + (-p0[k] + p2[k]) * t
                                    + (2 * p0[k] - 5 * p1[k] + 4 * p2[k] - p3[k]) * t2
                                    + (-p0[k] + 3 * p1[k] - 3 * p2[k] + p3[k]) * t3) for k in (0, 1)))
    if not closed:
        out.append(pts[-1])
    return out


def mirror(half, cx: float):
    """A symmetric outline from its right half (listed top to bottom)."""
    return list(half) + [(2 * cx - x, y) for x, y in reversed(half)]


def arcpts(cx, cy, rx, ry, a0, a1, n=24):
    """Points on an ellipse from angle a0 to a1 (degrees, 0 = right, 90 = down)."""
    return [(cx + rx * math.cos(math.radians(a0 + (a1 - a0) * i / n)),
             cy + ry * math.sin(math.radians(a0 + (a1 - a0) * i / n))) for i in range(n + 1)]


class Pen:
    """Draws in a motif's own units (its box is w x h), mapped onto a layer by scale and offset."""

    def __init__(self, layer: Image.Image, x0: float, y0: float, scale: float, pal: Palette, weight: float = 1.0):
        self.im = layer
        self.d = ImageDraw.Draw(layer)
        self.x0, self.y0, self.s = x0, y0, scale
        self.pal = pal
        self.ink = pal.ink + (255,)
        self.weight = weight  # outline width in device pixels per unit of `w`

    # coordinates
    def p(self, x, y):
        return (self.x0 + x * self.s, self.y0 + y * self.s)

    def pts(self, points):
        return [self.p(x, y) for x, y in points]

    def lw(self, w=1.0):
        return max(1, round(self.weight * w))

    @staticmethod
    def col(c):
        if c is None:
            return None
        return tuple(c) if len(c) == 4 else tuple(c) + (255,)

    # shapes
    def poly(self, points, fill=None, w=1.0, outline=True):
        pts = self.pts(points)
        if fill is not None:
            self.d.polygon(pts, fill=self.col(fill))
        if outline and w:
            self.d.line(pts + [pts[0]], fill=self.ink, width=self.lw(w), joint="curve")

    def rect(self, x0, y0, x1, y1, fill=None, w=1.0, r=0.0, outline=True):
        box = [self.p(min(x0, x1), min(y0, y1)), self.p(max(x0, x1), max(y0, y1))]
        self.d.rounded_rectangle(box, radius=r * self.s, fill=self.col(fill),
                                 outline=self.ink if outline and w else None, width=self.lw(w) if outline and w else 0)

    def ellipse(self, cx, cy, rx, ry, fill=None, w=1.0, outline=True):
        box = [self.p(cx - rx, cy - ry), self.p(cx + rx, cy + ry)]
        self.d.ellipse(box, fill=self.col(fill), outline=self.ink if outline and w else None,
                       width=self.lw(w) if outline and w else 0)

    def circle(self, cx, cy, r, fill=None, w=1.0, outline=True):
        self.ellipse(cx, cy, r, r, fill, w, outline)

    def line(self, points, w=1.0, color=None):
        self.d.line(self.pts(points), fill=self.col(color) if color else self.ink, width=self.lw(w), joint="curve")

    def lines(self, segments, w=1.0, color=None):
        for seg in segments:
            self.line(seg, w, color)

    def arc(self, cx, cy, rx, ry, a0, a1, w=1.0, color=None):
        self.line(arcpts(cx, cy, rx, ry, a0, a1), w, color)

    def text(self, x, y, s, size, color=None, anchor="mm"):
        self.d.text(self.p(x, y), s, font=font(max(6, round(size * self.s))),
                    fill=self.col(color) if color else self.ink, anchor=anchor)

    def hatch(self, shape, step=10.0, angle=45.0, w=0.6, color=None, strength=110, clip=None):
        """Engraving-style shading: parallel lines clipped to a polygon (list of points) or an
        ellipse ("ellipse", cx, cy, rx, ry), and also to `clip` (the same kinds) when given."""
        if isinstance(shape, tuple) and shape and shape[0] == "ellipse":
            _, cx, cy, rx, ry = shape
            dev = [self.p(cx - rx, cy - ry), self.p(cx + rx, cy + ry)]
            xs, ys = [dev[0][0], dev[1][0]], [dev[0][1], dev[1][1]]
        else:
            dev = self.pts(shape)
            xs, ys = [p[0] for p in dev], [p[1] for p in dev]
        bx0, by0 = int(min(xs)) - 2, int(min(ys)) - 2
        bx1, by1 = int(max(xs)) + 3, int(max(ys)) + 3
        bw, bh = bx1 - bx0, by1 - by0
        if bw <= 2 or bh <= 2:
            return
        mask = Image.new("L", (bw, bh), 0)
        md = ImageDraw.Draw(mask)
        self._shape_mask(md, shape, bx0, by0)
        if clip is not None:
            clip_mask = Image.new("L", (bw, bh), 0)
            self._shape_mask(ImageDraw.Draw(clip_mask), clip, bx0, by0)
            mask = ImageChops.multiply(mask, clip_mask)
        lines = Image.new("L", (bw, bh), 0)
        ld = ImageDraw.Draw(lines)
        a = math.radians(angle)
        dx, dy = math.cos(a), math.sin(a)
        nx, ny = -dy, dx
        diag = math.hypot(bw, bh)
        spacing = max(2.0, step * self.s)
        k = -diag
        while k <= diag:
            cx, cy = bw / 2 + nx * k, bh / 2 + ny * k
            ld.line([(cx - dx * diag, cy - dy * diag), (cx + dx * diag, cy + dy * diag)], fill=strength,
                    width=max(1, round(self.weight * w)))
            k += spacing
        m = ImageChops.multiply(mask, lines)
        self.im.paste(self.col(color) if color else self.ink, (bx0, by0), m)

    def _shape_mask(self, md, shape, bx0, by0):
        if isinstance(shape, tuple) and shape and shape[0] == "ellipse":
            _, cx, cy, rx, ry = shape
            (x0, y0), (x1, y1) = self.p(cx - rx, cy - ry), self.p(cx + rx, cy + ry)
            md.ellipse([(x0 - bx0, y0 - by0), (x1 - bx0, y1 - by0)], fill=255)
        else:
            md.polygon([(x - bx0, y - by0) for x, y in self.pts(shape)], fill=255)

    def sub(self):
        """A pen on a fresh transparent layer with the same mapping (for drawing something turned)."""
        return Pen(Image.new("RGBA", self.im.size, (0, 0, 0, 0)), self.x0, self.y0, self.s, self.pal, self.weight)

    def paste_turned(self, other: "Pen", degrees: float, cx: float, cy: float):
        """Put another pen's layer onto this one, turned clockwise by degrees about (cx, cy)."""
        turned = other.im.rotate(-degrees, resample=Image.Resampling.BICUBIC, center=self.p(cx, cy))
        self.im.alpha_composite(turned)

    # compound helpers
    def wheel(self, cx, cy, r, tyre=(52, 50, 48), rim=None, spokes=0, hub=None, w=1.0, rim_ratio=0.62):
        rim = rim or self.pal.c
        self.circle(cx, cy, r, tyre, w)
        self.circle(cx, cy, r * rim_ratio, rim, w * 0.8)
        for i in range(spokes):
            a = math.radians(360 * i / spokes)
            self.line([(cx + math.cos(a) * r * 0.16, cy + math.sin(a) * r * 0.16),
                       (cx + math.cos(a) * r * rim_ratio * 0.96, cy + math.sin(a) * r * rim_ratio * 0.96)], w * 0.7)
        self.circle(cx, cy, r * 0.17, hub or mix(rim, self.pal.ink, 0.35), w * 0.8)

    def ground(self, y, x0, x1, rows=3):
        """Engraver's ground: a line and a few shorter strokes below it."""
        self.line([(x0, y), (x1, y)], 1.0)
        span = x1 - x0
        for i in range(1, rows + 1):
            inset = span * 0.08 * i
            gy = y + 9 * i
            n = 7 - i
            seg = (span - 2 * inset) / (n * 2 - 1)
            for j in range(n):
                sx = x0 + inset + j * 2 * seg
                self.line([(sx, gy), (sx + seg, gy)], 0.5)

    def track(self, y, x0, x1, sleeper=46):
        """A railway track in side view: rail head and sleeper ends."""
        self.rect(x0, y, x1, y + 9, mix(self.pal.c, self.pal.ink, 0.35), 0.7)
        x = x0 + 10
        while x < x1 - 20:
            self.rect(x, y + 9, x + 26, y + 22, mix(self.pal.b, (90, 70, 50), 0.6), 0.6)
            x += sleeper
        self.line([(x0 - 20, y + 22), (x1 + 20, y + 22)], 0.6)

    def waves(self, y, x0, x1, rows=4, amp=5.0, length=60.0, color=None):
        col = color or mix(self.pal.ink, self.pal.paper, 0.35)
        for r in range(rows):
            yy = y + 12 + r * 14
            inset = r * 40
            pts = []
            x = x0 + inset
            while x <= x1 - inset:
                pts.append((x, yy + amp * math.sin((x + r * 23) / length * 2 * math.pi)))
                x += 6
            if len(pts) > 1:
                self.line(pts, 0.5 if r else 0.7, col)

    def lattice(self, left, right, w=0.6):
        """Cross-braced truss between two polylines of equal length (lists of points)."""
        for (a, b) in zip(left, right):
            self.line([a, b], w)
        for i in range(len(left) - 1):
            self.line([left[i], right[i + 1]], w * 0.8)
            self.line([right[i], left[i + 1]], w * 0.8)


# --- motifs: the kinds of object ------------------------------------------------------------------------
@dataclass(frozen=True)
class Motif:
    name: str
    w: float  # the motif's box, in its own units
    h: float
    draw: object  # (pen, pal, variant) -> None
    label: str  # what it is, in Chinese, e.g. 载货汽车
    describe: object  # (pal, variant) -> a Chinese phrase describing the drawing
    ground: bool = False


MOTIFS: dict[str, Motif] = {}


def motif(name, w, h, label, describe, ground=False):
    def register(fn):
        MOTIFS[name] = Motif(name, w, h, fn, label, describe, ground)
        return fn
    return register


DARK = (52, 50, 48)


# vehicles ------------------------------------------------------------------------------------------------
@motif("truck", 1000, 530, "载货汽车",
       lambda pal, v: f"一辆{pal.zh_a}长头载货汽车的侧视图，车头朝左，驾驶室后面是{pal.zh_b}木栏板车厢")
def draw_truck(p: Pen, pal: Palette, v: str):
    dark = pal.dark
    p.rect(70, 368, 945, 394, dark)
    # cargo bed: wooden sides
    p.rect(482, 232, 948, 370, pal.b)
    for y in (266, 300, 334):
        p.line([(482, y), (948, y)], 0.5)
    for x in (560, 715, 870):
        p.rect(x - 7, 232, x + 7, 370, mix(pal.b, pal.ink, 0.3), 0.5)
    p.rect(476, 222, 954, 236, mix(pal.b, pal.ink, 0.25), 0.8)
    p.hatch([(482, 334), (948, 334), (948, 370), (482, 370)], step=9, angle=-30)
    # bonnet and front wing
    p.poly([(300, 232), (118, 246), (100, 258), (100, 368), (300, 368)], pal.a)
    for x in range(160, 280, 18):
        p.line([(x, 262), (x, 304)], 0.5)
    wing = catmull([(58, 372), (66, 330), (112, 298), (200, 290), (282, 300), (318, 338), (324, 372)], 8)
    p.poly(wing, mix(pal.a, pal.ink, 0.12))
    p.hatch(wing, step=9, angle=60)
    p.rect(72, 246, 104, 368, dark, 0.8)
    for y in range(258, 364, 12):
        p.line([(76, y), (100, y)], 0.4, pal.c)
    p.ellipse(96, 282, 16, 20, pal.c, 0.8)
    p.rect(46, 366, 124, 388, dark, 0.8)
    # cab
    cab = [(300, 392), (300, 166), (322, 140), (448, 140), (468, 166), (470, 392)]
    p.poly(cab, pal.a)
    p.rect(318, 168, 448, 262, pal.c, 0.8)
    p.hatch([(318, 168), (448, 168), (448, 262), (318, 262)], step=14, angle=-60, strength=60)
    p.rect(312, 160, 458, 376, None, 0.5)
    p.line([(420, 290), (444, 290)], 1.0)
    p.rect(290, 380, 480, 392, dark, 0.6)
    # wheels and rear wing
    p.arc(740, 432, 96, 96, 180, 360, 1.0)
    p.line([(644, 432), (644, 392)], 1.0)
    p.line([(836, 432), (836, 392)], 1.0)
    p.wheel(205, 432, 72, DARK, pal.c, 0)
    p.wheel(740, 432, 72, DARK, pal.c, 0)
    for cx in (205, 740):
        for i in range(6):
            a = math.radians(60 * i + 15)
            p.circle(cx + math.cos(a) * 28, 432 + math.sin(a) * 28, 4.5, dark, 0.4)
    p.ground(506, 30, 970)


def _sedan_classic(p: Pen, pal: Palette):
    top = catmull([(36, 318), (44, 280), (78, 260), (170, 246), (330, 238), (372, 230), (430, 164), (525, 148),
                   (612, 152), (694, 180), (764, 232), (880, 242), (946, 262), (962, 300), (958, 322)], 8)
    body = top + [(958, 334), (36, 334)]
    p.rect(180, 322, 820, 350, pal.dark, 0.6)
    p.poly(body, pal.a)
    p.hatch([(40, 300), (960, 300), (960, 334), (40, 334)], step=9, angle=60)
    p.poly([(384, 230), (436, 172), (518, 160), (518, 230)], pal.c, 0.8)
    p.poly([(536, 230), (536, 160), (606, 164), (678, 188), (734, 230)], pal.c, 0.8)
    for x in (376, 528, 742):
        p.line([(x, 236), (x, 328)], 0.5)
    p.line([(60, 284), (944, 284)], 0.9, pal.c)
    p.rect(24, 318, 112, 338, pal.c, 0.8, r=6)
    p.rect(892, 318, 972, 338, pal.c, 0.8, r=6)
    p.ellipse(54, 276, 12, 17, pal.c, 0.8)
    p.rect(950, 268, 962, 290, pal.accent, 0.5)
    p.line([(450, 258), (478, 258)], 1.0)
    p.line([(600, 258), (628, 258)], 1.0)
    for cx in (215, 775):
        p.ellipse(cx, 340, 74, 74, pal.dark, 0.8)
        p.wheel(cx, 342, 60, DARK, pal.c, 0, rim_ratio=0.58)


def _sedan_boxy(p: Pen, pal: Palette):
    body = [(38, 334), (40, 272), (58, 256), (296, 240), (378, 172), (632, 164), (766, 236), (948, 250),
            (962, 266), (964, 334)]
    p.rect(180, 322, 820, 350, pal.dark, 0.6)
    p.poly(body, pal.a)
    p.hatch([(40, 300), (962, 300), (962, 334), (40, 334)], step=9, angle=60)
    p.poly([(312, 236), (386, 178), (512, 172), (512, 236)], pal.c, 0.8)
    p.poly([(530, 236), (530, 172), (626, 170), (700, 236)], pal.c, 0.8)
    p.poly([(718, 236), (650, 172), (690, 174), (748, 236)], pal.c, 0.6)
    for x in (300, 522, 710):
        p.line([(x, 242), (x, 328)], 0.5)
    p.rect(40, 290, 962, 300, mix(pal.a, pal.ink, 0.4), 0.5)
    p.rect(30, 312, 120, 336, pal.dark, 0.8, r=4)
    p.rect(890, 312, 972, 336, pal.dark, 0.8, r=4)
    p.rect(42, 262, 86, 282, pal.c, 0.7)
    p.rect(942, 258, 964, 286, pal.accent, 0.5)
    p.line([(440, 262), (470, 262)], 1.0)
    p.line([(620, 262), (650, 262)], 1.0)
    for cx in (215, 780):
        p.poly([(cx - 76, 334), (cx - 66, 276), (cx + 66, 276), (cx + 76, 334)], pal.dark, 0.8)
        p.wheel(cx, 342, 58, DARK, pal.c, 0, rim_ratio=0.6)


@motif("sedan", 1000, 420, "轿车",
       lambda pal, v: (f"一辆{pal.zh_a}{'20世纪50年代式样、线条圆润的' if v != 'boxy' else '方正造型的'}"
                       "三厢轿车的侧视图，车头朝左"), ground=True)
def draw_sedan(p: Pen, pal: Palette, v: str):
    (_sedan_boxy if v == "boxy" else _sedan_classic)(p, pal)
    p.ground(402, 20, 980)


@motif("tractor", 1000, 570, "履带拖拉机",
       lambda pal, v: f"一台{pal.zh_a}履带式拖拉机的侧视图，发动机罩在左，驾驶室在右，下面是履带")
def draw_tractor(p: Pen, pal: Palette, v: str):
    dark = pal.dark
    p.rect(250, 150, 268, 252, DARK, 0.8)
    p.rect(244, 140, 274, 152, DARK, 0.6)
    p.rect(310, 194, 336, 252, dark, 0.8, r=6)
    p.rect(160, 248, 566, 404, pal.a, r=10)
    p.hatch([(160, 360), (566, 360), (566, 404), (160, 404)], step=9)
    for x in range(300, 540, 22):
        p.line([(x, 272), (x, 330)], 0.5)
    p.rect(132, 238, 178, 404, dark, 0.9)
    for y in range(250, 400, 13):
        p.line([(138, y), (172, y)], 0.4, pal.c)
    cab = [(560, 406), (560, 182), (582, 160), (772, 160), (786, 182), (786, 406)]
    p.poly(cab, pal.a)
    p.rect(584, 186, 762, 292, pal.c, 0.8)
    p.line([(672, 186), (672, 292)], 0.6)
    p.hatch([(584, 186), (762, 186), (762, 292), (584, 292)], step=14, angle=-60, strength=60)
    p.rect(128, 394, 806, 414, dark, 0.8)
    # the track
    p.rect(104, 412, 790, 546, DARK, 1.0, r=66)
    p.rect(128, 432, 766, 526, mix(pal.b, pal.ink, 0.35), 0.6, r=46)
    for x in range(150, 760, 24):
        p.line([(x, 412), (x, 424)], 0.5, pal.c)
        p.line([(x, 534), (x, 546)], 0.5, pal.c)
    p.circle(172, 479, 44, pal.b, 0.8)
    p.circle(172, 479, 12, dark, 0.6)
    for x in (262, 352, 442, 532, 622):
        p.circle(x, 498, 28, pal.b, 0.8)
        p.circle(x, 498, 8, dark, 0.5)
    p.circle(722, 472, 50, pal.b, 0.8)
    for i in range(10):
        a = math.radians(36 * i)
        p.line([(722 + math.cos(a) * 14, 472 + math.sin(a) * 14),
                (722 + math.cos(a) * 44, 472 + math.sin(a) * 44)], 0.5)
    p.circle(722, 472, 14, dark, 0.6)
    p.ground(548, 40, 860)


def _loco_wheel(p: Pen, pal: Palette, cx, cy, r, spokes=12):
    p.circle(cx, cy, r, DARK, 1.0)
    p.circle(cx, cy, r * 0.86, pal.b, 0.7)
    for i in range(spokes):
        a = math.radians(360 * i / spokes)
        p.line([(cx + math.cos(a) * r * 0.2, cy + math.sin(a) * r * 0.2),
                (cx + math.cos(a) * r * 0.82, cy + math.sin(a) * r * 0.82)], 0.6)
    p.circle(cx, cy, r * 0.22, mix(pal.b, pal.ink, 0.3), 0.6)


@motif("steam_loco", 1200, 580, "蒸汽机车",
       lambda pal, v: (f"一台{pal.zh_a}蒸汽机车的侧视图：车头朝左，有烟囱、锅炉、{pal.zh_b}动轮和司机室" +
                       ("，后面挂着煤水车" if v != "early" else "，是19世纪式样的小型水柜机车")))
def draw_steam_loco(p: Pen, pal: Palette, v: str):
    dark = pal.dark
    if v == "early":
        p.track(520, 60, 1140)
        p.rect(330, 210, 380, 240, pal.a, 0.8)
        p.poly(arcpts(520, 236, 34, 40, 180, 360, 16), pal.accent)
        p.rect(250, 236, 840, 350, pal.a)
        for x in (400, 560, 700):
            p.line([(x, 238), (x, 348)], 0.5, pal.c)
        p.rect(200, 226, 260, 360, dark)
        p.poly([(214, 226), (206, 110), (178, 70), (292, 70), (264, 110), (256, 226)], DARK)
        p.rect(300, 300, 760, 380, mix(pal.a, pal.ink, 0.2), 0.8)  # side tank
        p.hatch([(300, 340), (760, 340), (760, 380), (300, 380)], step=9)
        for x in (760, 960):
            p.rect(x, 150, x + 12, 300, dark, 0.6)
        p.rect(730, 130, 1000, 154, dark)
        p.rect(840, 230, 1000, 400, pal.a)
        p.rect(190, 380, 1010, 396, dark)
        p.rect(160, 392, 230, 422, pal.b, 0.8)
        p.rect(232, 398, 340, 444, dark, r=8)
        for cx in (430, 640, 850):
            _loco_wheel(p, pal, cx, 458, 60, 10)
        p.rect(430, 452, 850, 464, pal.c, 0.6)
        p.line([(300, 420), (645, 466)], 1.8)
        return
    p.track(520, 40, 1190)
    # tender
    p.poly([(946, 262), (992, 226), (1066, 214), (1138, 228), (1180, 262)], DARK, 0.8)
    p.rect(936, 258, 1188, 440, pal.a)
    p.hatch([(936, 400), (1188, 400), (1188, 440), (936, 440)], step=9)
    p.rect(930, 440, 1192, 456, dark)
    for cx in (990, 1070, 1150):
        _loco_wheel(p, pal, cx, 482, 36, 8)
    # cab
    p.rect(772, 160, 918, 440, pal.a)
    p.rect(796, 190, 884, 270, pal.c, 0.8)
    p.hatch([(796, 190), (884, 190), (884, 270), (796, 270)], step=14, angle=-60, strength=60)
    p.rect(748, 140, 938, 160, dark)
    # boiler
    p.poly(arcpts(455, 224, 36, 46, 180, 360, 16), pal.a)
    p.poly(arcpts(610, 224, 26, 30, 180, 360, 12), pal.a)
    p.rect(200, 222, 778, 360, pal.a)
    p.hatch([(200, 318), (778, 318), (778, 360), (200, 360)], step=9)
    for x in (330, 520, 690):
        p.line([(x, 224), (x, 358)], 0.6, pal.c)
    p.rect(146, 212, 214, 368, dark)
    p.poly([(214, 212), (212, 150), (198, 130), (264, 130), (252, 150), (252, 212)], DARK)
    p.rect(162, 188, 196, 212, pal.c, 0.7)
    p.rect(140, 360, 930, 378, dark)
    p.rect(108, 376, 176, 410, pal.b, 0.8)
    pilot = [(96, 410), (176, 410), (176, 476), (138, 476)]
    p.poly(pilot, dark, 0.8)
    p.hatch(pilot, step=10, angle=90, color=pal.c, strength=200)
    p.rect(186, 382, 326, 442, dark, r=10)
    p.circle(268, 480, 38, DARK, 0.9)
    p.circle(268, 480, 30, pal.b, 0.6)
    for cx in (440, 600, 760):
        _loco_wheel(p, pal, cx, 446, 72)
    p.rect(462, 440, 782, 454, pal.c, 0.6)
    p.line([(326, 414), (622, 452)], 2.0)
    p.circle(622, 452, 7, pal.c, 0.5)


@motif("diesel_loco", 1200, 490, "内燃机车",
       lambda pal, v: f"一台{pal.zh_a}流线型车头的内燃机车侧视图，车身有{pal.zh_b}腰带和一排百叶窗", )
def draw_diesel_loco(p: Pen, pal: Palette, v: str):
    dark = pal.dark
    p.track(432, 30, 1170)
    body = catmull([(58, 362), (58, 250), (86, 184), (150, 146), (230, 138)], 8) + [(1142, 138), (1142, 362)]
    p.poly(body, pal.a)
    p.rect(58, 270, 1142, 296, pal.b, 0.6)
    p.hatch([(58, 320), (1142, 320), (1142, 362), (58, 362)], step=9)
    p.poly([(92, 196), (150, 156), (214, 150), (214, 214), (92, 220)], pal.c, 0.8)
    p.rect(240, 164, 300, 214, pal.c, 0.8)
    p.rect(1080, 164, 1126, 214, pal.c, 0.8)
    for x0 in (340, 520, 700, 880):
        p.rect(x0, 166, x0 + 150, 248, mix(pal.a, pal.ink, 0.2), 0.6)
        for x in range(int(x0) + 10, int(x0) + 150, 12):
            p.line([(x, 172), (x, 242)], 0.4)
    p.rect(310, 160, 326, 300, None, 0.5)
    p.ellipse(70, 246, 9, 14, pal.c, 0.6)
    p.rect(50, 356, 1150, 372, dark)
    p.rect(520, 372, 760, 412, dark, r=8)
    for bx in (160, 820):
        p.rect(bx, 372, bx + 300, 404, DARK, 0.8)
        for cx in (bx + 50, bx + 150, bx + 250):
            p.wheel(cx, 398, 34, DARK, pal.b, 0, rim_ratio=0.7)


@motif("electric_loco", 1200, 560, "电力机车",
       lambda pal, v: f"一台{pal.zh_a}电力机车的侧视图，车顶两架受电弓升起，接触上方的架空接触网")
def draw_electric_loco(p: Pen, pal: Palette, v: str):
    dark = pal.dark
    p.track(512, 30, 1170)
    wire = mix(pal.ink, pal.paper, 0.2)
    p.line([(30, 96), (1170, 96)], 0.7, wire)
    p.line(catmull([(30, 40), (330, 64), (600, 40), (870, 64), (1170, 40)], 10), 0.6, wire)
    for x in range(90, 1170, 120):
        p.line([(x, 96), (x, 40 + 24 * abs(math.sin((x - 30) / 540 * math.pi)))], 0.4, wire)
    body = [(78, 444), (78, 276), (112, 232), (1088, 232), (1122, 276), (1122, 444)]
    p.poly(body, pal.a)
    p.rect(78, 360, 1122, 384, pal.b, 0.6)
    p.hatch([(78, 400), (1122, 400), (1122, 444), (78, 444)], step=9)
    p.poly([(84, 282), (114, 246), (160, 246), (160, 318), (84, 318)], pal.c, 0.8)
    p.poly([(1116, 282), (1086, 246), (1040, 246), (1040, 318), (1116, 318)], pal.c, 0.8)
    for x in range(260, 960, 96):
        p.rect(x, 262, x + 54, 312, pal.c, 0.6, r=4)
    for x in (196, 990):
        p.rect(x, 252, x + 26, 430, None, 0.5)
    for px in (330, 870):
        p.rect(px - 84, 216, px + 84, 232, dark, 0.6)
        for ix in (px - 70, px + 58):
            p.rect(ix, 204, ix + 12, 216, pal.c, 0.5)
        p.line([(px - 70, 204), (px + 40, 152), (px - 16, 104)], 1.1)
        p.line([(px + 70, 204), (px - 40, 152), (px + 16, 104)], 1.1)
        p.rect(px - 72, 97, px + 72, 105, dark, 0.5)
    p.rect(60, 440, 1140, 456, dark)
    for bx in (140, 790):
        p.rect(bx, 456, bx + 270, 486, DARK, 0.8)
        for cx in (bx + 45, bx + 135, bx + 225):
            p.wheel(cx, 478, 34, DARK, pal.b, 0, rim_ratio=0.7)


@motif("hsr", 1400, 420, "高速动车组",
       lambda pal, v: f"一列高速动车组头车的侧视图：白色车身、尖长的流线型车头朝左，沿车身有{pal.zh_b}腰线")
def draw_hsr(p: Pen, pal: Palette, v: str):
    white = mix(pal.c, (255, 255, 255), 0.5)
    p.track(382, 20, 1390)
    nose = catmull([(30, 332), (62, 290), (150, 236), (300, 192), (450, 170), (560, 164)], 10)
    car1 = nose + [(1030, 164), (1030, 352), (72, 352)]
    p.poly(car1, white)
    p.poly([(1050, 164), (1372, 164), (1390, 184), (1362, 214), (1392, 250), (1360, 290), (1390, 330), (1372, 352),
            (1050, 352)], white)
    stripe1 = [(40, 318), (240, 286), (1030, 286), (1030, 304), (250, 304), (52, 334)]
    p.poly(stripe1, pal.b, 0.5)
    p.rect(1050, 286, 1378, 304, pal.b, 0.5, outline=False)
    p.line([(1050, 286), (1378, 286)], 0.5)
    p.line([(1050, 304), (1378, 304)], 0.5)
    p.poly([(214, 222), (316, 188), (388, 180), (364, 222)], DARK, 0.6)
    for x in range(480, 1000, 50):
        p.rect(x, 200, x + 32, 232, mix(pal.a, pal.c, 0.2), 0.5, r=6)
    for x in range(1090, 1360, 50):
        p.rect(x, 200, x + 32, 232, mix(pal.a, pal.c, 0.2), 0.5, r=6)
    for x in (420, 980, 1066):
        p.rect(x, 190, x + 34, 320, None, 0.5, r=4)
    p.rect(1030, 176, 1050, 340, DARK, 0.6)
    p.hatch([(72, 336), (1030, 336), (1030, 352), (72, 352)], step=8)
    p.rect(1200, 150, 1280, 164, DARK, 0.5)
    p.line([(1210, 150), (1262, 118), (1224, 96)], 0.9)
    p.rect(1196, 92, 1270, 98, DARK, 0.5)
    for bx in (160, 860, 1180):
        p.rect(bx, 352, bx + 150, 372, DARK, 0.6)
        for cx in (bx + 34, bx + 116):
            p.wheel(cx, 364, 22, DARK, pal.c, 0, rim_ratio=0.6)


# ships -----------------------------------------------------------------------------------------------------
@motif("steamship", 1200, 700, "蒸汽轮船",
       lambda pal, v: f"一艘19世纪蒸汽轮船的侧视图：{pal.zh_a}船身，船首朝左，中部一座黑色烟囱，前后有挂着收拢风帆的桅杆")
def draw_steamship(p: Pen, pal: Palette, v: str):
    wl = 560
    deck = catmull([(96, 438), (300, 470), (650, 480), (1000, 472), (1130, 456)], 10)
    hull = deck + [(1150, 470), (1090, wl), (160, wl)]
    sails = mix(pal.c, (255, 255, 255), 0.2)
    rigging = mix(pal.ink, pal.paper, 0.3)
    masts = [(300, 470, 90), (780, 480, 70), (1010, 472, 150)]
    p.line([(96, 438), (16, 392)], 1.2)  # bowsprit
    for mx, base, top in masts:
        tx = mx + 24
        p.line([(mx - 60, base), (tx, top + 20), (mx + 70, base)], 0.35, rigging)
    p.line([(16, 392), (324, 110)], 0.4, rigging)
    p.line([(324, 110), (804, 90)], 0.4, rigging)
    p.line([(804, 90), (1034, 170)], 0.4, rigging)
    p.line([(1034, 170), (1150, 460)], 0.4, rigging)
    for mx, base, top in masts:
        tx = mx + 24
        p.line([(mx, base), (tx, top)], 1.5)
        n_yards = 3 if top < 120 else 2
        for i in range(n_yards):
            y = top + 50 + i * 80
            x = mx + 24 * (1 - (y - top) / (base - top))
            half = 90 - i * 10 if top < 120 else 70
            p.line([(x - half, y), (x + half, y)], 0.9)
            p.rect(x - half + 8, y + 2, x + half - 8, y + 16, sails, 0.5, r=8)
        p.poly([(tx, top), (tx + 46, top + 8), (tx, top + 16)], pal.accent, 0.5)
    # funnel
    p.poly([(566, 478), (574, 250), (626, 250), (622, 478)], DARK)
    p.rect(572, 270, 628, 290, pal.accent, 0.5)
    p.poly([(440, 476), (446, 440), (520, 440), (524, 476)], pal.b, 0.7)
    p.poly([(880, 474), (884, 436), (960, 436), (962, 472)], pal.b, 0.7)
    p.poly(hull, pal.a)
    p.line(catmull([(100, 456), (300, 488), (650, 498), (1000, 490), (1136, 474)], 10), 1.0, pal.accent)
    p.hatch([(140, 520), (1110, 520), (1090, wl), (160, wl)], step=9)
    for x in range(250, 1040, 70):
        p.circle(x, 514, 8, pal.c, 0.5)
    p.waves(wl, 20, 1190)


@motif("freighter", 1300, 560, "远洋货轮",
       lambda pal, v: f"一艘远洋货轮的侧视图：{pal.zh_a}船身、{pal.zh_b}水线以下船底，船首朝左，中部是白色驾驶楼和烟囱，前后甲板有吊杆")
def draw_freighter(p: Pen, pal: Palette, v: str):
    wl = 440
    white = mix(pal.c, (255, 255, 255), 0.35)
    for kx, top in ((300, 150), (480, 170), (960, 170), (1120, 160)):
        p.rect(kx - 7, top, kx + 7, 320, pal.c, 0.7)
        p.line([(kx, top + 20), (kx + (110 if kx < 700 else -110), 300)], 0.9)
        p.line([(kx, top), (kx - 60, 316)], 0.35)
        p.line([(kx, top), (kx + 60, 316)], 0.35)
    deck = catmull([(58, 284), (200, 306), (420, 322), (800, 324), (1190, 318), (1250, 312)], 10)
    hull = deck + [(1244, 372), (1184, wl), (156, wl)]
    # superstructure
    p.rect(600, 250, 800, 322, white)
    p.rect(620, 196, 780, 250, white)
    p.rect(640, 158, 760, 196, white)
    p.rect(630, 164, 770, 178, None, 0.4)
    for x in range(650, 760, 18):
        p.rect(x, 166, x + 10, 178, DARK, 0.3)
    for y in (270, 214):
        for x in range(620, 780, 24):
            p.rect(x, y, x + 12, y + 12, pal.a, 0.3)
    p.poly([(820, 322), (828, 180), (900, 180), (906, 322)], pal.b)
    p.rect(826, 196, 902, 216, pal.accent, 0.5)
    p.rect(822, 176, 904, 190, DARK, 0.5)
    for hx in (220, 380, 880, 1030):
        p.rect(hx, 306, hx + 110, 326, pal.dark, 0.6)
    p.poly(hull, pal.a)
    p.poly([(150, wl - 22), (1190, wl - 22), (1184, wl), (156, wl)], pal.b, 0.6)
    p.line(catmull([(66, 300), (200, 320), (420, 336), (800, 338), (1190, 332), (1246, 326)], 10), 0.6, pal.c)
    p.hatch([(120, 380), (1230, 380), (1200, wl - 22), (140, wl - 22)], step=9)
    p.circle(140, 330, 10, None, 0.6)
    p.waves(wl, 20, 1280)


@motif("icebreaker", 1300, 580, "极地破冰船",
       lambda pal, v: f"一艘{pal.zh_b}船体、白色上层建筑的极地破冰船侧视图，船首朝左，正推开浮冰")
def draw_icebreaker(p: Pen, pal: Palette, v: str):
    wl = 450
    white = mix(pal.c, (255, 255, 255), 0.45)
    p.rect(500, 60, 512, 150, DARK, 0.6)
    p.line([(470, 90), (540, 90)], 1.0)
    p.rect(486, 70, 526, 80, pal.c, 0.4)
    p.rect(330, 146, 660, 200, white)
    p.rect(300, 200, 700, 250, white)
    p.rect(280, 250, 760, 300, white)
    p.rect(260, 300, 820, 330, white)
    p.rect(320, 160, 670, 186, DARK, 0.5)
    for y in (214, 264):
        for x in range(320, 700 if y < 250 else 740, 26):
            p.rect(x, y, x + 14, y + 14, pal.a, 0.3)
    p.poly([(760, 300), (760, 250), (800, 250), (800, 300)], pal.c, 0.6)
    p.poly([(840, 330), (846, 200), (900, 200), (906, 330)], white)
    p.rect(846, 206, 900, 224, pal.b, 0.5)
    p.line([(1160, 330), (1190, 210), (1250, 210), (1256, 330)], 1.6)
    p.rect(960, 300, 1120, 332, white, 0.6)
    deck = catmull([(30, 296), (160, 322), (400, 332), (900, 332), (1270, 326)], 10)
    hull = deck + [(1270, 390), (1220, wl), (190, wl)]
    p.poly(hull, pal.b)
    p.line(catmull([(40, 316), (160, 340), (400, 350), (900, 350), (1266, 344)], 10), 0.9, white)
    p.hatch([(150, 400), (1262, 400), (1220, wl), (190, wl)], step=9)
    for x in range(300, 1180, 64):
        p.circle(x, 372, 7, pal.c, 0.4)
    ice = mix((255, 255, 255), pal.c, 0.3)
    floes = [[(20, 452), (60, 430), (130, 436), (170, 452)], [(200, 456), (240, 440), (300, 446), (330, 458)],
             [(0, 474), (40, 462), (90, 470), (80, 482)], [(1190, 452), (1230, 440), (1280, 448), (1296, 458)],
             [(80, 436), (120, 404), (170, 410), (176, 446)]]
    for f in floes:
        p.poly(f, ice, 0.6)
    p.waves(wl, 20, 1280, rows=3)


@motif("submersible", 1000, 620, "载人潜水器",
       lambda pal, v: "一艘载人深潜器的侧视图：白色艇身、橙色顶部，前部有观察窗和机械手，尾部有十字形稳定翼和推进器")
def draw_submersible(p: Pen, pal: Palette, v: str):
    white = (244, 242, 234)
    orange = (214, 124, 54)
    for (x, y, r) in ((140, 90, 10), (170, 60, 7), (120, 40, 5), (880, 110, 9), (860, 70, 6), (900, 40, 4)):
        p.circle(x, y, r, None, 0.5)
    # tail
    p.poly([(840, 300), (960, 210), (985, 220), (900, 330)], orange)
    p.poly([(840, 420), (960, 500), (985, 490), (900, 390)], orange)
    p.ellipse(952, 360, 16, 70, pal.c, 0.8)
    p.rect(880, 346, 946, 374, DARK, 0.7)
    p.rect(110, 210, 900, 470, white, r=120)
    p.hatch([(160, 420), (850, 420), (850, 468), (160, 468)], step=9)
    cap = (arcpts(230, 330, 120, 120, 194, 270, 10) + catmull([(230, 210), (330, 196), (420, 150), (560, 136),
                                                                (680, 170), (740, 204), (780, 210)], 8)
           + arcpts(780, 330, 120, 120, 270, 346, 10))
    p.poly(cap, orange, 1.0)
    p.hatch(cap[-14:] + [(780, 300)], step=10, angle=60, strength=80)
    for (x, y, r) in ((170, 320, 26), (230, 392, 18)):
        p.circle(x, y, r, pal.b, 0.9)
        p.circle(x - r * 0.3, y - r * 0.3, r * 0.25, pal.c, 0.3)
    p.circle(640, 330, 34, mix(white, pal.ink, 0.1), 0.7)
    p.circle(640, 330, 14, DARK, 0.6)
    p.rect(360, 300, 520, 380, None, 0.5, r=10)
    # manipulator arm
    p.line([(180, 446), (100, 506), (46, 470)], 4.0)
    p.line([(180, 446), (100, 506), (46, 470)], 2.0, pal.c)
    for x, y in ((180, 446), (100, 506), (46, 470)):
        p.circle(x, y, 12, pal.dark, 0.6)
    p.line([(40, 462), (22, 436), (10, 446)], 1.2)
    p.line([(40, 476), (18, 490), (10, 480)], 1.2)
    p.rect(220, 470, 820, 490, pal.dark, 0.7)
    for x in (280, 500, 760):
        p.line([(x, 470), (x - 20, 530)], 1.2)
    p.rect(200, 526, 840, 540, pal.dark, 0.7)


# aircraft -------------------------------------------------------------------------------------------------
def _propeller(p: Pen, pal: Palette, x, y, r):
    p.ellipse(x, y, 10, r, mix(pal.c, pal.paper, 0.4) + (200,), 0.6)
    p.ellipse(x - 6, y, 16, 20, pal.dark, 0.7)


@motif("airliner", 1300, 420, "大型客机",
       lambda pal, v: f"一架双发喷气式客机的侧视图：白色机身、{pal.zh_b}垂直尾翼，机头朝左，放下起落架停在地面")
def draw_airliner(p: Pen, pal: Palette, v: str):
    white = mix(pal.c, (255, 255, 255), 0.4)
    p.poly([(1040, 196), (1150, 40), (1214, 40), (1238, 206)], pal.b)
    p.line([(1150, 40), (1214, 40)], 1.0)
    top = catmull([(58, 262), (74, 226), (120, 204), (200, 194), (262, 192)], 8) + [(1020, 192), (1200, 198),
                                                                                 (1256, 208), (1250, 224)]
    bottom = [(1100, 262), (960, 290)] + catmull([(240, 290), (150, 288), (90, 278), (58, 262)], 8)
    body = top + bottom
    # gear behind the body
    for gx, gy in ((200, 288), (604, 300)):
        p.line([(gx, gy), (gx, 362)], 2.2)
    p.circle(200, 368, 20, DARK, 0.8)
    p.circle(588, 362, 26, DARK, 0.8)
    p.circle(626, 362, 26, DARK, 0.8)
    p.poly(body, white)
    p.hatch([(60, 262), (1250, 262), (1100, 262), (960, 290), (240, 290), (60, 270)], step=9)
    p.poly([(1130, 214), (1252, 198), (1262, 210), (1146, 230)], pal.a, 0.8)
    p.poly([(90, 230), (118, 214), (168, 210), (166, 232)], DARK, 0.6)
    for x in range(250, 1010, 22):
        p.rect(x, 218, x + 10, 232, pal.b, 0.3, r=3)
    for x in (206, 960):
        p.rect(x, 210, x + 24, 262, None, 0.5, r=4)
    p.line([(120, 246), (1080, 246)], 0.8, pal.accent)
    p.poly([(470, 268), (640, 262), (780, 304), (716, 314)], pal.a, 0.8)
    p.poly([(500, 292), (520, 272), (560, 272), (560, 292)], pal.a, 0.6)
    p.rect(420, 290, 586, 346, pal.c, r=26)
    p.ellipse(424, 318, 10, 26, DARK, 0.6)
    p.hatch([(440, 330), (580, 330), (580, 346), (440, 346)], step=7)
    p.ground(389, 40, 1280)


@motif("awacs", 1300, 470, "预警机",
       lambda pal, v: f"一架四发螺旋桨预警机的侧视图：{pal.zh_a}机身上方用支架托着一个扁圆形雷达天线罩，机头朝左")
def draw_awacs(p: Pen, pal: Palette, v: str):
    body = catmull([(60, 282), (70, 248), (110, 226), (200, 218)], 8) + [(1000, 218), (1190, 236), (1230, 250),
                                                                      (1226, 262), (1000, 300), (200, 312)] + \
        catmull([(200, 312), (110, 308), (70, 296), (60, 282)], 6)
    p.poly([(1060, 222), (1140, 60), (1200, 60), (1226, 246)], pal.a)
    for gx in (180, 560):
        p.line([(gx, 300), (gx, 404)], 2.2)
    p.circle(180, 412, 24, DARK, 0.8)
    p.circle(560, 406, 32, DARK, 0.8)
    for sx in (590, 690):
        p.line([(sx, 222), (sx + 10, 150)], 2.2)
    p.poly(body, pal.a)
    p.hatch([(60, 282), (1226, 262), (1000, 300), (200, 312), (70, 296)], step=9)
    p.ellipse(640, 126, 190, 30, pal.c)
    p.rect(452, 118, 828, 134, pal.b, 0.5, outline=False)
    p.ellipse(640, 126, 190, 30, None, 1.0)
    p.poly(catmull([(64, 270), (80, 244), (120, 228), (170, 226)], 6) + [(170, 266)], pal.c, 0.6)
    for x in (96, 126, 150):
        p.line([(x, 234), (x, 268)], 0.4)
    for x in range(230, 1000, 60):
        p.circle(x, 248, 7, pal.c, 0.4)
    p.poly([(1120, 244), (1250, 236), (1254, 248), (1130, 256)], pal.a, 0.8)
    p.rect(400, 270, 860, 286, pal.dark, 0.8)
    for nx in (360, 600):
        p.rect(nx, 276, nx + 150, 318, pal.a, r=14)
        _propeller(p, pal, nx - 4, 297, 86)
    p.ground(439, 40, 1280)


def _plan_fighter(p: Pen, pal: Palette, v: str, shadow: bool):
    cx = 400
    if v == "delta":
        half = [(400, 40), (414, 80), (426, 180), (436, 300), (442, 560), (440, 860), (420, 930)]
        parts = [mirror([(436, 300), (548, 372), (548, 388), (438, 378)], cx),
                 mirror([(442, 470), (744, 842), (744, 872), (440, 862)], cx)]
    else:
        half = [(400, 36), (418, 64), (432, 130), (440, 260), (444, 600), (436, 860), (418, 930)]
        parts = [mirror([(440, 420), (704, 692), (736, 728), (726, 752), (444, 640)], cx),
                 mirror([(440, 800), (582, 896), (590, 926), (440, 900)], cx)]
    body = mirror(half, cx)
    if shadow:
        col = mix(pal.paper, pal.ink, 0.16)
        sh = lambda pts: [(x + 46, y + 60) for x, y in pts]  # noqa: E731
        for part in parts:
            half_n = len(part) // 2
            p.poly(sh(part[:half_n]) + sh(part[half_n:]), col, outline=False)
        p.poly(sh(body), col, outline=False)
        return
    for part in parts:
        n = len(part) // 2
        right, left = part[:n], part[n:]
        p.poly(right, pal.a)
        p.poly(left, pal.a)
        p.hatch(right, step=10, angle=60, strength=70)
    p.poly(body, mix(pal.a, pal.c, 0.35))
    p.hatch([(cx, 300), (444, 300), (444, 860), (cx, 860)], step=9, angle=90, strength=70)
    p.ellipse(cx, 230 if v == "delta" else 240, 22, 70, pal.c, 0.8)
    p.hatch(("ellipse", cx, 230 if v == "delta" else 240, 22, 70), step=10, angle=-60, strength=70)
    if v == "delta":
        p.rect(cx - 6, 720, cx + 6, 930, DARK, 0.5)
        p.circle(cx, 932, 18, DARK, 0.6)
    else:
        p.ellipse(cx, 54, 12, 9, DARK, 0.6)
        for fx in (530, 610):
            for s in (1, -1):
                x = cx + s * (fx - cx)
                y0 = 420 + (fx - 440) * (272 / 264)
                y1 = 640 + (fx - 444) * (112 / 282)
                p.line([(x, y0 - 6), (x, y1 + 4)], 0.7)
        p.rect(cx - 5, 800, cx + 5, 930, DARK, 0.5)
    p.line([(cx, 70), (cx, 150)], 0.5)


@motif("jet_fighter", 800, 1000, "喷气式战斗机",
       lambda pal, v: (f"一架{pal.zh_a}喷气式战斗机的俯视图，机头朝上，" +
                       ("采用大后掠机翼和后掠平尾" if v != "delta" else "采用三角形机翼和机头两侧的鸭翼") +
                       "，旁边投下浅色阴影"))
def draw_jet_fighter(p: Pen, pal: Palette, v: str):
    _plan_fighter(p, pal, v, True)
    _plan_fighter(p, pal, v, False)


def _airfoil(p: Pen, x0, x1, y, t, fill):
    n = 16
    up, lo = [], []
    for i in range(n + 1):
        u = i / n
        x = x0 + (x1 - x0) * u
        th = t * 2.9 * math.sqrt(u) * (1 - u) if u > 0 else 0
        up.append((x, y - th * 0.75))
        lo.append((x, y + th * 0.25))
    p.poly(up + lo[::-1], fill, 0.8)


@motif("biplane", 1100, 540, "双翼运输机",
       lambda pal, v: f"一架{pal.zh_a}单发双翼运输机的侧视图：机头是星形发动机和螺旋桨，上下两层机翼由支柱相连，停在地面")
def draw_biplane(p: Pen, pal: Palette, v: str):
    ground = p
    p = ground.sub()
    p.poly([(906, 268), (976, 130), (1040, 126), (1052, 272)], pal.a)
    p.line([(250, 350), (236, 470)], 2.0)
    p.line([(330, 350), (240, 462)], 1.4)
    p.circle(236, 470, 38, DARK, 0.9)
    p.circle(236, 470, 14, pal.c, 0.6)
    p.line([(1000, 290), (1010, 330)], 1.4)
    p.circle(1010, 334, 14, DARK, 0.7)
    _airfoil(p, 190, 450, 352, 22, mix(pal.a, pal.ink, 0.12))
    body = [(150, 224), (420, 212), (700, 234), (1000, 268), (1048, 274), (1048, 292), (700, 326), (420, 358),
            (150, 342)]
    p.poly(body, pal.a)
    p.hatch([(150, 310), (700, 310), (1048, 290), (700, 326), (420, 358), (150, 342)], step=9)
    p.poly([(206, 218), (250, 186), (332, 184), (352, 214)], pal.c, 0.7)
    for x in range(450, 720, 54):
        p.rect(x, 254, x + 30, 282, pal.c, 0.5, r=5)
    p.rect(760, 240, 800, 312, None, 0.5, r=4)
    _airfoil(p, 180, 460, 166, 24, mix(pal.a, pal.ink, 0.12))
    for sx in (300, 400):
        p.line([(sx, 176), (sx - 4, 346)], 1.1)
    p.line([(300, 176), (396, 346)], 0.4)
    p.line([(400, 176), (296, 346)], 0.4)
    p.line([(230, 174), (240, 214)], 0.9)
    p.line([(330, 176), (336, 212)], 0.9)
    _airfoil(p, 950, 1070, 282, 10, pal.a)
    p.rect(92, 220, 160, 346, pal.dark, r=22)
    for y in range(236, 336, 14):
        p.line([(98, y), (154, y)], 0.4, pal.c)
    _propeller(p, pal, 86, 283, 150)
    # tail-down on the ground: turn about the main wheel until the tail wheel touches too
    turn = math.degrees(math.atan2(508 - 348, 1010 - 236))
    ground.paste_turned(p, turn, 236, 508)
    ground.ground(510, 40, 1080)


@motif("prop_trainer", 1000, 460, "螺旋桨教练机",
       lambda pal, v: f"一架{pal.zh_a}单发螺旋桨教练机的侧视图：下单翼，前后串列的双座座舱盖，机头朝左，放下起落架")
def draw_prop_trainer(p: Pen, pal: Palette, v: str):
    p.poly([(820, 212), (884, 90), (936, 88), (944, 226)], pal.b)
    p.line([(320, 288), (316, 396)], 2.0)
    p.circle(316, 404, 32, DARK, 0.9)
    p.circle(316, 404, 12, pal.c, 0.6)
    p.line([(150, 280), (150, 398)], 1.6)
    p.circle(150, 410, 24, DARK, 0.9)
    body = [(120, 196), (300, 184), (600, 196), (880, 214), (950, 222), (950, 238), (880, 244), (600, 270),
            (300, 290), (120, 282)]
    canopy = catmull([(300, 186), (340, 150), (440, 138), (540, 144), (600, 180)], 8)
    p.poly(canopy, pal.c, 0.8)
    for x in (370, 450, 530):
        p.line([(x, 142), (x + 8, 186)], 0.6)
    p.hatch(canopy, step=12, angle=-60, strength=60)
    p.poly(body, pal.a)
    p.hatch([(120, 260), (600, 250), (950, 236), (880, 244), (600, 270), (300, 290), (120, 282)], step=9)
    p.line([(130, 236), (940, 226)], 0.8, pal.accent)
    _airfoil(p, 220, 480, 282, 26, mix(pal.a, pal.ink, 0.12))
    _airfoil(p, 850, 990, 228, 12, pal.a)
    p.rect(70, 190, 126, 290, pal.dark, r=20)
    for y in range(202, 284, 12):
        p.line([(76, y), (120, y)], 0.4, pal.c)
    _propeller(p, pal, 64, 240, 130)
    p.ground(440, 30, 980)


# space and nuclear --------------------------------------------------------------------------------------
@motif("rocket", 460, 1300, "运载火箭",
       lambda pal, v: f"一枚竖立在发射台上的运载火箭示意图：{pal.zh_a}箭体、{pal.zh_b}色环，顶端有逃逸塔，芯级两侧各有一枚助推器")
def draw_rocket(p: Pen, pal: Palette, v: str):
    cx = 230
    white = pal.a
    band = pal.b
    for bx in (cx - 88, cx + 88):
        p.poly([(bx - 28, 1180), (bx - 28, 860), (bx, 782), (bx + 28, 860), (bx + 28, 1180)], white)
        p.rect(bx - 28, 900, bx + 28, 920, band, 0.5)
        p.hatch([(bx + 6, 860), (bx + 28, 860), (bx + 28, 1180), (bx + 6, 1180)], step=8, angle=90, strength=70)
        p.poly([(bx - 22, 1180), (bx - 30, 1214), (bx - 2, 1214), (bx - 8, 1180)], DARK, 0.6)
        p.poly([(bx + 8, 1180), (bx + 2, 1214), (bx + 30, 1214), (bx + 22, 1180)], DARK, 0.6)
        s = 1 if bx > cx else -1
        p.poly([(bx + s * 28, 1120), (bx + s * 56, 1180), (bx + s * 28, 1180)], band, 0.6)
    p.rect(cx - 56, 700, cx + 56, 1180, white)
    p.rect(cx - 48, 470, cx + 48, 700, white)
    ogive = [(cx, 150)] + [(cx + 62 * math.sin(t / 12 * math.pi / 2), 150 + 210 * (1 - math.cos(t / 12 * math.pi / 2)))
                           for t in range(1, 13)]
    fairing = ogive + [(cx + 62, 470), (cx - 62, 470)] + [(2 * cx - x, y) for x, y in reversed(ogive[1:])]
    p.poly(fairing, white)
    p.rect(cx - 8, 40, cx + 8, 152, white, 0.8)
    p.poly([(cx - 8, 40), (cx, 14), (cx + 8, 40)], white, 0.8)
    for s in (-1, 1):
        p.poly([(cx + s * 8, 86), (cx + s * 26, 110), (cx + s * 8, 110)], DARK, 0.5)
        p.rect(cx + s * 62 - (10 if s > 0 else -10) * 0, 400, cx + s * 78, 420, DARK, 0.5)
    for y0, y1 in ((470, 486), (690, 706), (760, 780), (1000, 1016), (1160, 1180)):
        p.rect(cx - 56 if y0 >= 690 else cx - 48, y0, cx + 56 if y0 >= 690 else cx + 48, y1, band, 0.5)
    p.rect(cx - 62, 440, cx + 62, 456, band, 0.5)
    p.hatch([(cx + 20, 700), (cx + 56, 700), (cx + 56, 1180), (cx + 20, 1180)], step=8, angle=90, strength=70)
    p.hatch([(cx + 20, 300), (cx + 62, 360), (cx + 62, 470), (cx + 20, 470)], step=8, angle=90, strength=70)
    p.rect(cx - 30, 800, cx - 10, 960, pal.accent, 0.4)
    for nx in (cx - 30, cx, cx + 30):
        p.poly([(nx - 10, 1180), (nx - 16, 1220), (nx + 16, 1220), (nx + 10, 1180)], DARK, 0.6)
    p.rect(20, 1226, 440, 1262, pal.dark)
    p.hatch([(20, 1226), (440, 1226), (440, 1262), (20, 1262)], step=10, color=pal.c, strength=160)
    p.ground(1272, 0, 460, rows=2)


def _stars(p: Pen, pts, r=8):
    for x, y in pts:
        p.line([(x - r, y), (x + r, y)], 0.5)
        p.line([(x, y - r), (x, y + r)], 0.5)


@motif("satellite", 900, 900, "人造卫星",
       lambda pal, v: f"一颗球形多面体人造卫星的示意图：{pal.zh_b}球体表面分成许多小平面，下方伸出四根长长的鞭状天线，背景有星点和轨道线")
def draw_satellite(p: Pen, pal: Palette, v: str):
    cx, cy, r = 450, 360, 190
    orbit = mix(pal.ink, pal.paper, 0.45)
    p.line(arcpts(450, 400, 440, 120, 150, 390, 60), 0.5, orbit)
    _stars(p, [(90, 90), (780, 120), (820, 560), (120, 520), (680, 40), (60, 300)])
    for a in (112, 98, 82, 68):
        rad = math.radians(a)
        sx, sy = cx + math.cos(rad) * r * 0.82, cy + math.sin(rad) * r * 0.82
        ex, ey = cx + math.cos(rad) * 560, cy + math.sin(rad) * 560
        p.line([(sx, sy), (ex, ey)], 1.1)
        p.circle(ex, ey, 5, DARK, 0.4)
    body = mix(pal.b, pal.c, 0.45)
    p.circle(cx, cy, r, body, 1.2)
    for k in (-0.7, -0.35, 0.0, 0.35, 0.7):
        yy = cy + k * r
        rx = r * math.sqrt(1 - k * k)
        p.arc(cx, yy, rx, rx * 0.22, 0, 180, 0.6)
    for k in (0.25, 0.6, 0.9):
        p.arc(cx, cy, r * k, r, -90, 90, 0.6)
        p.arc(cx, cy, r * k, r, 90, 270, 0.6)
    p.hatch(("ellipse", cx + r * 0.35, cy + r * 0.25, r * 0.8, r * 0.85), step=9, angle=45, strength=90,
            clip=("ellipse", cx, cy, r, r))
    p.circle(cx, cy, r, None, 1.2)
    p.rect(cx - 16, cy - r - 30, cx + 16, cy - r + 4, pal.c, 0.7)
    p.line([(cx, cy - r - 30), (cx, cy - r - 70)], 0.9)


@motif("lunar_lander", 1100, 720, "月球着陆器与月球车",
       lambda pal, v: "一台四条腿的金色月球着陆器和一辆六轮月球车停在月面上的示意图，月球车带有两块深蓝色太阳能板和桅杆相机")
def draw_lunar_lander(p: Pen, pal: Palette, v: str):
    gold = (200, 164, 86)
    grey = (182, 178, 168)
    panel = pal.b
    surface = catmull([(0, 612), (200, 600), (420, 616), (640, 598), (900, 610), (1100, 600)], 10)
    p.poly(surface + [(1100, 720), (0, 720)], mix(pal.paper, pal.ink, 0.08), outline=False)
    p.line(surface, 0.9)
    for (x, y, rx) in ((150, 660, 60), (600, 680, 40), (930, 650, 70)):
        p.ellipse(x, y, rx, rx * 0.22, mix(pal.paper, pal.ink, 0.15), 0.6)
    _stars(p, [(80, 80), (640, 60), (1020, 120), (900, 40)])
    # lander
    for (x0, y0, x1, y1) in ((250, 430, 190, 592), (430, 430, 490, 592)):
        p.line([(x0, y0), (x1, y1)], 1.6)
        p.ellipse(x1, y1 + 4, 30, 9, grey, 0.7)
    for (x0, y0, x1, y1) in ((200, 420, 100, 596), (480, 420, 580, 596)):
        p.line([(x0, y0), (x1, y1)], 2.0)
        p.ellipse(x1, y1 + 4, 34, 10, grey, 0.8)
    for s_ in (-1, 1):
        x0 = 340 + s_ * 170
        wing = [(x0, 318), (x0 + s_ * 130, 250), (x0 + s_ * 150, 272), (x0 + s_ * 20, 344)]
        p.poly(wing, panel, 0.9)
        p.line([(x0 + s_ * 65, 284), (x0 + s_ * 85, 308)], 0.4, pal.c)
    p.poly([(180, 300), (500, 300), (520, 330), (520, 440), (160, 440), (160, 330)], gold)
    p.hatch([(160, 390), (520, 390), (520, 440), (160, 440)], step=8, strength=90)
    for x in (230, 300, 370, 440):
        p.line([(x, 304), (x, 436)], 0.4)
    p.rect(300, 256, 380, 300, grey, 0.8)
    p.circle(420, 270, 22, grey, 0.7)
    p.poly([(300, 440), (320, 478), (360, 478), (380, 440)], DARK, 0.6)
    # rover
    p.line([(770, 470), (770, 380)], 1.2)
    p.rect(750, 356, 800, 384, grey, 0.7)
    p.poly([(700, 470), (640, 390), (660, 380), (720, 462)], panel, 0.8)
    p.poly([(900, 470), (980, 392), (960, 380), (880, 462)], panel, 0.8)
    p.rect(690, 466, 920, 530, gold)
    p.hatch([(690, 506), (920, 506), (920, 530), (690, 530)], step=8, strength=90)
    p.line([(690, 540), (920, 540)], 1.2)
    for x in (712, 805, 898):
        p.circle(x, 568, 28, grey, 0.8)
        p.circle(x, 568, 9, DARK, 0.5)


@motif("atom", 900, 900, "原子结构符号",
       lambda pal, v: (f"一个原子结构符号：中央是{pal.zh_a if sum(pal.a) <= sum(pal.b) else pal.zh_b}和金色小球组成的原子核，"
                       "外面环绕三条交叉的椭圆电子轨道"))
def draw_atom(p: Pen, pal: Palette, v: str):
    cx, cy = 450, 450
    ring = min((pal.a, pal.b), key=lambda c: sum(c))
    for k, rot in enumerate((0, 60, 120)):
        a = math.radians(rot)
        pts = []
        for i in range(121):
            t = 2 * math.pi * i / 120
            x, y = 400 * math.cos(t), 140 * math.sin(t)
            pts.append((cx + x * math.cos(a) - y * math.sin(a), cy + x * math.sin(a) + y * math.cos(a)))
        p.line(pts, 3.2, ring)
        p.line(pts, 0.8, mix(ring, (255, 255, 255), 0.5))
        t = 2 * math.pi * (0.15 + k * 0.31)
        x, y = 400 * math.cos(t), 140 * math.sin(t)
        p.circle(cx + x * math.cos(a) - y * math.sin(a), cy + x * math.sin(a) + y * math.cos(a), 22, pal.accent, 0.8)
    balls = [(0, 0), (-34, -24), (32, -28), (-30, 30), (30, 28), (0, -50), (0, 48), (-56, 4), (54, 0)]
    for i, (dx, dy) in enumerate(sorted(balls, key=lambda b: b[1])):
        p.circle(cx + dx, cy + dy, 30, pal.accent if i % 2 else ring, 0.8)
        p.circle(cx + dx - 9, cy + dy - 9, 7, (255, 255, 255, 140), 0)


@motif("nuclear_plant", 1300, 600, "核电站模型",
       lambda pal, v: "一座核电站模型的示意图：底座上有带半球形穹顶的圆柱形反应堆安全壳、长方形汽轮机厂房和高高的通风烟囱")
def draw_nuclear_plant(p: Pen, pal: Palette, v: str):
    base_y = 520
    light = mix(pal.c, (255, 255, 255), 0.3)
    p.rect(520, 80, 552, base_y, light)
    p.rect(516, 70, 556, 84, pal.a, 0.6)
    for y in range(120, base_y, 60):
        p.line([(520, y), (552, y)], 0.4)
    p.rect(470, 330, 1010, base_y, pal.b)
    p.poly([(470, 330), (500, 300), (980, 300), (1010, 330)], mix(pal.b, pal.ink, 0.15))
    for x in range(500, 1000, 40):
        p.line([(x, 340), (x, 510)], 0.4)
    p.rect(1020, 400, 1160, base_y, pal.a)
    for x in range(1034, 1150, 28):
        p.rect(x, 420, x + 14, 470, pal.c, 0.3)
    p.rect(90, 380, 180, base_y, pal.a)
    p.rect(160, 270, 420, base_y, light)
    p.poly(arcpts(290, 272, 130, 118, 180, 360, 32), light)
    p.hatch(arcpts(290, 272, 130, 118, 270, 360, 16) + [(290, 272), (420, 272), (420, base_y), (340, base_y)],
            step=9, angle=90, strength=80)
    p.line([(160, 290), (420, 290)], 0.5)
    p.rect(260, 440, 320, base_y, pal.a, 0.6)
    p.rect(40, base_y, 1200, 556, pal.dark)
    p.hatch([(40, base_y), (1200, base_y), (1200, 556), (40, 556)], step=10, color=pal.c, strength=150)
    p.ground(566, 20, 1280, rows=2)


# machines, tools, structures ----------------------------------------------------------------------------
def leaf(cx, cy, length, width, angle):
    """A pointed leaf (or petal) centred on (cx, cy), pointing along angle (degrees)."""
    a = math.radians(angle)
    pts = []
    for i in range(13):
        t = i / 12
        x = (t - 0.5) * length
        y = width / 2 * math.sin(math.pi * t)
        pts.append((x, y))
    pts += [(x, -y) for x, y in reversed(pts[1:-1])]
    return [(cx + x * math.cos(a) - y * math.sin(a), cy + x * math.sin(a) + y * math.cos(a)) for x, y in pts]


def gear(cx, cy, r_out, r_in, teeth):
    pts = []
    for i in range(teeth):
        a = 2 * math.pi * i / teeth
        step = 2 * math.pi / teeth
        for frac, r in ((0.0, r_in), (0.18, r_out), (0.5, r_out), (0.68, r_in)):
            pts.append((cx + r * math.cos(a + frac * step), cy + r * math.sin(a + frac * step)))
    return pts


def tube(p: Pen, a, b, w, color):
    p.line([a, b], w + 0.9)
    p.line([a, b], w, color)


@motif("hydraulic_press", 900, 1000, "大型水压机",
       lambda pal, v: f"一台四柱式大型水压机的正面示意图：{pal.zh_a}上横梁顶上装着三个油缸，中间的活动横梁压向下方一块烧红的钢锭")
def draw_hydraulic_press(p: Pen, pal: Palette, v: str):
    steel = mix(pal.c, (255, 255, 255), 0.2)
    for x0, top in ((250, 50), (410, 34), (570, 50)):
        p.rect(x0, top, x0 + 80, 130, pal.a, r=18)
        p.hatch([(x0 + 50, top + 10), (x0 + 80, top + 10), (x0 + 80, 130), (x0 + 50, 130)], step=8, angle=90)
    for cx_ in (220, 680):
        p.rect(cx_ - 22, 200, cx_ + 22, 820, steel)
        p.hatch([(cx_ + 4, 200), (cx_ + 22, 200), (cx_ + 22, 820), (cx_ + 4, 820)], step=8, angle=90)
    p.rect(110, 120, 790, 240, pal.a)
    p.hatch([(110, 210), (790, 210), (790, 240), (110, 240)], step=8)
    for cx_ in (220, 680):
        for y in (112, 232, 410, 526, 792):
            p.poly([(cx_ - 36, y), (cx_ - 20, y - 14), (cx_ + 20, y - 14), (cx_ + 36, y), (cx_ + 20, y + 14),
                    (cx_ - 20, y + 14)], pal.dark, 0.7)
    for x in range(150, 780, 60):
        p.circle(x, 150, 6, pal.dark, 0.4)
    p.rect(140, 410, 760, 520, pal.a)
    p.hatch([(140, 490), (760, 490), (760, 520), (140, 520)], step=8)
    p.rect(390, 520, 510, 610, steel)
    p.rect(360, 610, 540, 640, pal.dark)
    ingot = [(330, 690), (570, 690), (584, 780), (316, 780)]
    p.poly(ingot, pal.accent)
    p.hatch(ingot, step=9, angle=-45, color=(200, 60, 30), strength=140)
    p.rect(300, 780, 600, 800, pal.dark)
    p.rect(100, 800, 800, 900, pal.a)
    p.hatch([(100, 870), (800, 870), (800, 900), (100, 900)], step=8)
    p.rect(40, 900, 860, 950, mix(pal.b, pal.ink, 0.2))
    p.ground(960, 20, 880, rows=2)


@motif("lathe", 1300, 640, "车床",
       lambda pal, v: f"一台19世纪式样皮带传动车床的侧视示意图：{pal.zh_a}床身架在两座铸铁床腿上，左边床头箱带塔轮，中间刀架，右边尾座")
def draw_lathe(p: Pen, pal: Palette, v: str):
    belt = mix(pal.b, pal.ink, 0.3)
    p.line([(160, 140), (190, 0)], 1.6, belt)
    p.line([(300, 140), (260, 0)], 1.6, belt)
    for x0, x1 in ((170, 330), (970, 1130)):
        leg = [(x0, 600), (x0 + 30, 360), (x1 - 30, 360), (x1, 600)]
        p.poly(leg, pal.a)
        p.poly(arcpts((x0 + x1) / 2, 600, (x1 - x0) / 2 - 48, 170, 180, 360, 16), mix(pal.a, pal.ink, 0.45), 0.6)
        p.rect(x0 - 16, 590, x1 + 16, 606, pal.dark, 0.7)
    p.rect(90, 300, 1210, 362, pal.a)
    p.line([(100, 316), (1200, 316)], 0.5)
    p.hatch([(90, 340), (1210, 340), (1210, 362), (90, 362)], step=8)
    p.line([(120, 380), (1190, 380)], 1.2)
    p.rect(110, 190, 340, 300, pal.a)
    for i, (x0, r) in enumerate(((140, 74), (180, 64), (220, 54), (260, 44))):
        p.rect(x0, 236 - r - 40, x0 + 40, 236 - r + 30, mix(pal.b, pal.c, 0.3 + i * 0.1), 0.7)
    p.rect(340, 186, 384, 286, DARK)
    p.rect(384, 222, 880, 250, mix(pal.c, (255, 255, 255), 0.2))
    p.hatch([(384, 238), (880, 238), (880, 250), (384, 250)], step=6, angle=90)
    tail = [(880, 300), (890, 200), (1010, 200), (1030, 300)]
    p.poly(tail, pal.a)
    p.rect(860, 226, 890, 246, pal.c, 0.6)
    p.line([(1030, 236), (1070, 236)], 1.4)
    p.circle(1080, 236, 36, None, 1.3)
    p.line([(1080, 200), (1080, 272)], 0.7)
    p.line([(1044, 236), (1116, 236)], 0.7)
    p.rect(560, 280, 720, 300, pal.dark)
    p.rect(590, 256, 690, 280, pal.a, 0.8)
    p.rect(612, 250, 650, 262, DARK, 0.6)
    p.poly([(620, 250), (600, 246), (612, 256)], pal.c, 0.4)
    p.rect(570, 300, 710, 420, pal.a)
    p.circle(610, 380, 26, None, 1.0)
    p.line([(610, 354), (610, 406)], 0.6)
    p.ground(612, 60, 1250)


@motif("slotting_machine", 900, 1000, "插床",
       lambda pal, v: f"一台19世纪式样立式插床的侧视示意图：{pal.zh_a}机身，顶上伸出的横臂带动竖直滑枕上下运动，下方是圆形工作台，右侧有大飞轮")
def draw_slotting_machine(p: Pen, pal: Palette, v: str):
    col = [(520, 870), (540, 250), (780, 250), (800, 870)]
    p.poly(col, pal.a)
    p.hatch([(720, 250), (780, 250), (800, 870), (730, 870)], step=8, angle=90)
    p.rect(240, 200, 790, 320, pal.a, r=20)
    p.rect(300, 320, 372, 560, mix(pal.c, (255, 255, 255), 0.2))
    p.rect(288, 330, 384, 360, pal.dark, 0.6)
    p.rect(326, 560, 346, 630, DARK, 0.6)
    p.circle(720, 480, 170, None, 3.0)
    p.circle(720, 480, 170, None, 1.0, outline=True)
    p.circle(720, 480, 150, None, 1.0)
    for i in range(6):
        a = math.radians(60 * i + 20)
        p.line(catmull([(720 + math.cos(a) * 26, 480 + math.sin(a) * 26),
                        (720 + math.cos(a + 0.25) * 90, 480 + math.sin(a + 0.25) * 90),
                        (720 + math.cos(a) * 150, 480 + math.sin(a) * 150)], 6), 1.4)
    p.circle(720, 480, 30, pal.dark, 0.8)
    p.line([(690, 430), (372, 250)], 1.6)
    p.circle(690, 430, 10, pal.c, 0.5)
    p.rect(150, 680, 520, 760, pal.a)
    p.ellipse(335, 668, 200, 28, mix(pal.c, (255, 255, 255), 0.2))
    for k in (-0.5, 0, 0.5):
        p.line([(335 + k * 200, 648), (335 + k * 200, 688)], 0.4)
    p.rect(170, 760, 500, 870, pal.a)
    p.hatch([(170, 830), (500, 830), (500, 870), (170, 870)], step=8)
    p.circle(210, 720, 22, None, 1.0)
    p.rect(100, 870, 840, 950, pal.dark)
    p.ground(960, 60, 880, rows=2)


@motif("drilling_rig", 800, 1100, "石油钻机",
       lambda pal, v: f"一座石油钻机的示意图：高高的{pal.zh_a}钢架井架，顶上有天车和小红旗，游动滑车悬在中间，下面是钻台、值班房和斜放的钻杆")
def draw_drilling_rig(p: Pen, pal: Palette, v: str):
    ys = [900, 770, 650, 540, 440, 350, 270, 196, 130, 70]
    lx = lambda y: 160 + (340 - 160) * (900 - y) / 830  # noqa: E731
    rx = lambda y: 640 - (640 - 460) * (900 - y) / 830  # noqa: E731
    p.lattice([(lx(y), y) for y in ys], [(rx(y), y) for y in ys], 0.6)
    tube(p, (160, 900), (340, 70), 2.0, pal.a)
    tube(p, (640, 900), (460, 70), 2.0, pal.a)
    p.rect(310, 40, 490, 72, pal.dark)
    p.line([(400, 40), (400, 0)], 0.8)
    p.poly([(400, 2), (452, 14), (400, 26)], (196, 60, 44), 0.5)
    p.line([(384, 72), (384, 430)], 0.6)
    p.line([(416, 72), (416, 430)], 0.6)
    p.rect(368, 430, 432, 500, pal.b)
    p.line(catmull([(400, 500), (400, 530), (418, 546), (424, 530)], 5), 1.2)
    p.line([(400, 560), (400, 900)], 1.4, mix(pal.b, pal.ink, 0.3))
    p.rect(90, 900, 710, 930, pal.dark)
    for x in (120, 260, 540, 680):
        p.rect(x - 10, 930, x + 10, 1060, pal.b, 0.8)
    p.line([(120, 930), (260, 1060)], 0.6)
    p.line([(260, 930), (120, 1060)], 0.6)
    p.line([(540, 930), (680, 1060)], 0.6)
    p.line([(680, 930), (540, 1060)], 0.6)
    p.rect(10, 960, 190, 1060, mix(pal.a, pal.c, 0.55))
    p.rect(40, 990, 90, 1030, pal.c, 0.6)
    for k in range(4):
        p.line([(600 + k * 16, 930), (780 + k * 6, 1056 - k * 4)], 1.4, mix(pal.b, pal.ink, 0.2))
    p.ground(1066, 0, 800, rows=2)


@motif("tongs", 1100, 560, "钻井吊钳",
       lambda pal, v: f"一把大型钻井吊钳的示意图：{pal.zh_b}钳头夹住一根竖直的钻杆，长长的钳柄伸向右侧，中部用钢丝绳吊起")
def draw_tongs(p: Pen, pal: Palette, v: str):
    steel = mix(pal.c, (255, 255, 255), 0.15)
    p.rect(170, 0, 250, 560, steel)
    p.rect(160, 120, 260, 190, steel, 0.8)
    p.hatch([(226, 0), (250, 0), (250, 560), (226, 560)], step=8, angle=90)
    p.line([(560, 0), (560, 258)], 1.0)
    p.poly([(540, 250), (580, 250), (576, 272), (544, 272)], pal.dark, 0.6)
    handle = [(260, 268), (1060, 254), (1074, 270), (1060, 286), (260, 338)]
    p.poly(handle, pal.b)
    p.hatch([(260, 318), (1060, 282), (1060, 286), (260, 338)], step=7)
    p.circle(1070, 270, 22, None, 1.2)
    for a0, a1 in ((100, 200), (206, 300), (306, 420)):
        outer = arcpts(210, 300, 110, 110, a0, a1, 10)
        inner = arcpts(210, 300, 62, 62, a1, a0, 10)
        p.poly(outer + inner, pal.b)
        p.circle(*arcpts(210, 300, 86, 86, a1 + 3, a1 + 3, 1)[0], 10, pal.dark, 0.5)
    p.hatch(arcpts(210, 300, 110, 110, 306, 420, 10) + arcpts(210, 300, 62, 62, 420, 306, 10), step=7)
    p.rect(300, 280, 360, 320, pal.dark, 0.7)


@motif("helmet", 900, 640, "安全帽",
       lambda pal, v: "一顶银灰色铝制安全帽的侧视示意图：半球形帽壳，顶部有一道凸起的加强筋，四周是一圈帽檐和铆钉")
def draw_helmet(p: Pen, pal: Palette, v: str):
    alu = (196, 198, 194)
    p.ellipse(460, 560, 380, 40, mix(pal.paper, pal.ink, 0.14), outline=False)
    p.ellipse(450, 480, 410, 62, mix(alu, pal.ink, 0.15))
    dome = arcpts(450, 482, 290, 340, 180, 360, 40)
    p.poly(dome, alu)
    ridge = arcpts(450, 482, 296, 354, 222, 318, 24) + arcpts(450, 482, 290, 340, 318, 222, 24)
    p.poly(ridge, mix(alu, (255, 255, 255), 0.3), 0.8)
    p.hatch(arcpts(450, 482, 290, 340, 270, 360, 20) + [(450, 482)], step=10, angle=70, strength=90)
    p.arc(450, 470, 288, 34, 0, 180, 0.8)
    for a in (200, 230, 310, 340):
        x, y = arcpts(450, 470, 280, 34, a - 180, a - 180, 1)[0]
        p.circle(x, y - 4, 7, mix(alu, pal.ink, 0.3), 0.5)
    p.arc(450, 480, 410, 62, 0, 180, 1.0)


@motif("miner_lamp", 600, 1000, "矿工电石灯",
       lambda pal, v: f"一盏矿工电石灯的正面示意图：{pal.zh_b}圆筒形灯身分上下两节，上部装着圆形反光碗，碗心有一小朵火焰，顶上有挂钩")
def draw_miner_lamp(p: Pen, pal: Palette, v: str):
    brass = pal.b
    p.line(catmull([(300, 262), (300, 180), (350, 118), (420, 130), (430, 190), (400, 210)], 8), 1.6)
    p.rect(276, 262, 324, 300, mix(brass, pal.ink, 0.25))
    p.rect(200, 300, 400, 560, brass, r=16)
    p.rect(190, 560, 410, 600, mix(brass, pal.ink, 0.2))
    p.rect(180, 600, 420, 920, brass, r=16)
    for y in (640, 880):
        p.line([(182, y), (418, y)], 0.7)
    p.hatch([(340, 300), (400, 300), (400, 560), (340, 560)], step=8, angle=90)
    p.hatch([(350, 600), (420, 600), (420, 920), (350, 920)], step=8, angle=90)
    p.rect(170, 914, 430, 940, mix(brass, pal.ink, 0.3))
    p.circle(300, 430, 150, mix(brass, (255, 255, 255), 0.35), 1.2)
    p.circle(300, 430, 128, mix(brass, (255, 255, 255), 0.6), 0.6)
    for k in range(8):
        a = math.radians(45 * k)
        p.line([(300 + math.cos(a) * 40, 430 + math.sin(a) * 40),
                (300 + math.cos(a) * 120, 430 + math.sin(a) * 120)], 0.35)
    p.rect(290, 424, 310, 460, mix(brass, pal.ink, 0.4), 0.6)
    flame = catmull([(300, 350), (318, 396), (314, 422), (300, 428), (286, 422), (282, 396)], 6, closed=True)
    p.poly(flame, (240, 170, 60), 0.6)
    p.poly(catmull([(300, 380), (308, 410), (300, 420), (292, 410)], 5, closed=True), (250, 230, 150), 0)
    p.circle(450, 330, 16, mix(brass, pal.ink, 0.3), 0.6)
    p.line([(400, 330), (434, 330)], 1.2)


@motif("headframe", 900, 1000, "矿井井架",
       lambda pal, v: f"一座煤矿竖井井架的示意图：{pal.zh_a}钢架塔顶装着大天轮，钢丝绳一端垂入井口吊着罐笼，另一端斜拉到右边的红砖绞车房")
def draw_headframe(p: Pen, pal: Palette, v: str):
    brick = (150, 84, 62)
    p.rect(600, 640, 880, 940, brick)
    p.poly([(586, 640), (740, 570), (894, 640)], mix(brick, pal.ink, 0.35))
    for y in range(660, 940, 22):
        p.line([(600, y), (880, y)], 0.3, mix(brick, pal.ink, 0.4))
    for x in (640, 750):
        p.rect(x, 700, x + 70, 800, pal.c, 0.7, r=30)
        p.line([(x + 35, 700), (x + 35, 800)], 0.5)
    p.rect(680, 860, 760, 940, mix(brick, pal.ink, 0.5), 0.7)
    ys = [940, 820, 700, 590, 480, 380, 290, 210]
    lx = lambda y: 190 + (260 - 190) * (940 - y) / 730  # noqa: E731
    rx = lambda y: 430 - (430 - 360) * (940 - y) / 730  # noqa: E731
    p.lattice([(lx(y), y) for y in ys], [(rx(y), y) for y in ys], 0.6)
    tube(p, (190, 940), (260, 210), 2.0, pal.a)
    tube(p, (430, 940), (360, 210), 2.0, pal.a)
    tube(p, (340, 220), (580, 940), 2.0, pal.a)
    for k in range(1, 5):
        y = 220 + k * 140
        x = 340 + (580 - 340) * (y - 220) / 720
        p.line([(rx(y), y), (x, y)], 0.6)
    p.rect(220, 196, 400, 214, pal.dark)
    p.line([(232, 150), (232, 780)], 0.8)
    p.line([(392, 120), (690, 700)], 0.8)
    p.circle(312, 150, 82, None, 2.0)
    p.circle(312, 150, 82, None, 0.8)
    for i in range(8):
        a = math.radians(45 * i)
        p.line([(312 + math.cos(a) * 12, 150 + math.sin(a) * 12), (312 + math.cos(a) * 78, 150 + math.sin(a) * 78)],
               0.6)
    p.circle(312, 150, 14, pal.dark, 0.6)
    p.rect(204, 780, 260, 860, pal.c, 0.8)
    p.line([(204, 820), (260, 820)], 0.5)
    p.rect(150, 930, 470, 946, pal.dark)
    p.ground(946, 20, 890, rows=2)


@motif("blast_furnace", 900, 1000, "高炉",
       lambda pal, v: f"一座炼铁高炉的示意图：{pal.zh_a}炉身上细下粗，炉顶有上升管和下降管通向除尘器，左侧两座圆顶热风炉，右侧一道斜桥通到炉顶")
def draw_blast_furnace(p: Pen, pal: Palette, v: str):
    for x0 in (40, 150):
        p.rect(x0, 420, x0 + 90, 900, mix(pal.a, pal.c, 0.3))
        p.poly(arcpts(x0 + 45, 422, 45, 40, 180, 360, 12), mix(pal.a, pal.c, 0.3))
        for y in range(470, 900, 70):
            p.line([(x0, y), (x0 + 90, y)], 0.4)
        p.hatch([(x0 + 60, 420), (x0 + 90, 420), (x0 + 90, 900), (x0 + 60, 900)], step=8, angle=90)
    p.line([(240, 740), (300, 740)], 2.0)
    bridge_l = [(470 + (880 - 470) * t, 250 + (900 - 250) * t) for t in (0, 0.2, 0.4, 0.6, 0.8, 1.0)]
    bridge_r = [(x + 36, y - 24) for x, y in bridge_l]
    p.lattice(bridge_l, bridge_r, 0.6)
    p.line(bridge_l, 1.0)
    p.line(bridge_r, 1.0)
    p.rect(640, 380, 720, 600, pal.b)
    p.poly([(640, 600), (720, 600), (690, 660), (670, 660)], pal.b)
    p.line([(680, 660), (680, 900)], 1.4)
    p.line(catmull([(350, 200), (350, 110), (420, 70), (540, 90), (680, 200), (680, 380)], 8), 4.0)
    p.line(catmull([(350, 200), (350, 110), (420, 70), (540, 90), (680, 200), (680, 380)], 8), 2.6, pal.b)
    p.line([(410, 200), (410, 100)], 4.0)
    p.line([(410, 200), (410, 100)], 2.6, pal.b)
    half = [(440, 250), (462, 300), (500, 650), (512, 700), (486, 800), (480, 900)]
    body = mirror(half, 380)
    p.poly(body, pal.a)
    for y in range(330, 880, 60):
        t = (y - 300) / 350 if y < 650 else 1
        w = 82 + 38 * min(1, max(0, t)) if y <= 700 else 120 - (y - 700) * 0.3
        p.line([(380 - w, y), (380 + w, y)], 0.5, pal.c)
    p.hatch([(400, 250), (440, 250), (462, 300), (500, 650), (512, 700), (486, 800), (480, 900), (410, 900)],
            step=9, angle=80)
    p.rect(320, 200, 440, 252, pal.dark)
    p.ellipse(380, 720, 160, 16, None, 1.6)
    p.rect(250, 880, 560, 960, mix(pal.b, pal.c, 0.4))
    p.poly([(240, 880), (405, 830), (570, 880)], mix(pal.b, pal.ink, 0.3))
    p.ellipse(380, 930, 30, 16, pal.accent, 0.6)
    p.ground(962, 10, 890, rows=2)


@motif("rail", 1300, 620, "钢轨",
       lambda pal, v: f"一段钢轨的技术示意图：左边是{pal.zh_a}钢轨的工字形断面，画有剖面线和尺寸线；右边是钢轨侧面，腹部有一排轧制标记")
def draw_rail(p: Pen, pal: Palette, v: str):
    half = [(230, 100), (300, 100), (314, 114), (314, 166), (302, 180), (256, 198), (250, 214), (250, 360),
            (258, 380), (352, 402), (354, 420), (230, 420)]
    profile = half[:-1] + [(460 - x, y) for x, y in reversed(half[:-1])]
    p.poly(profile, pal.a, 1.2)
    p.hatch(profile, step=14, angle=45, strength=200)
    dim = mix(pal.ink, pal.paper, 0.25)
    p.line([(60, 100), (140, 100)], 0.4, dim)
    p.line([(60, 420), (90, 420)], 0.4, dim)
    p.line([(76, 104), (76, 416)], 0.6, dim)
    for y, d in ((104, 1), (416, -1)):
        p.poly([(76, y), (68, y + d * 18), (84, y + d * 18)], dim, 0)
    p.line([(106, 440), (106, 500)], 0.4, dim)
    p.line([(354, 440), (354, 500)], 0.4, dim)
    p.line([(110, 486), (350, 486)], 0.6, dim)
    for x, d in ((110, 1), (350, -1)):
        p.poly([(x, 486), (x + d * 18, 478), (x + d * 18, 494)], dim, 0)
    p.text(230, 560, "断面", 34, dim)
    end = [(1240, 100), (1226, 160), (1250, 220), (1228, 290), (1252, 360), (1236, 420)]
    side = [(480, 100)] + end + [(480, 420)]
    p.poly(side, mix(pal.a, pal.c, 0.35))
    p.poly([(480, 100)] + end[:2] + [(1229, 180), (480, 180)], pal.a, 0.8)
    p.poly([(480, 380)] + [(1245, 380), (1236, 420)] + [(480, 420)], pal.a, 0.8)
    p.hatch([(480, 150), (1230, 150), (1229, 180), (480, 180)], step=8, angle=90)
    for x in (530, 620):
        p.circle(x, 290, 16, mix(pal.c, (255, 255, 255), 0.3), 0.7)
    for x in range(720, 1160, 40):
        p.rect(x, 272, x + 22, 300, mix(pal.a, pal.c, 0.15), 0.5, r=4)
    p.text(860, 560, "侧面", 34, dim)


@motif("rifle", 1400, 400, "步枪",
       lambda pal, v: "一支旧式栓动步枪的简化侧面轮廓，像陈列柜里的展品：木枪托，枪口朝右，平放在两个陈列托架上")
def draw_rifle(p: Pen, pal: Palette, v: str):
    metal = pal.b
    for x in (380, 980):
        p.rect(x - 10, 240, x + 10, 340, mix(pal.b, pal.c, 0.3), 0.7)
        p.poly([(x - 30, 236), (x + 30, 236), (x + 20, 250), (x - 20, 250)], mix(pal.b, pal.c, 0.3), 0.6)
    p.rect(300, 340, 1060, 356, mix(pal.b, pal.ink, 0.2), 0.8)
    p.rect(470, 186, 1370, 202, metal)
    p.rect(1340, 178, 1352, 186, metal, 0.5)
    stock = catmull([(40, 196), (120, 168), (300, 174), (420, 178)], 6) + [(470, 186), (1060, 202), (1060, 224),
                                                                         (520, 232), (470, 236)] + \
        catmull([(440, 252), (380, 244), (320, 286), (240, 300), (120, 282), (40, 262)], 6)
    p.poly(stock, pal.a)
    p.hatch([(120, 250), (420, 230), (440, 252), (380, 244), (320, 286), (240, 300), (120, 282)], step=9, angle=30)
    p.rect(34, 190, 52, 268, pal.dark, 0.7)
    p.rect(430, 166, 630, 202, metal)
    p.line([(570, 170), (600, 126)], 1.6)
    p.circle(604, 120, 12, metal, 0.8)
    p.poly([(520, 232), (610, 232), (600, 286), (530, 286)], metal)
    p.arc(484, 240, 34, 30, 0, 180, 1.0)
    p.line([(478, 236), (472, 262)], 0.9)
    for x in (800, 1030):
        p.rect(x, 180, x + 22, 228, metal, 0.7)
    p.poly([(700, 186), (712, 168), (744, 168), (756, 186)], metal, 0.6)


# everyday things and small objects ------------------------------------------------------------------------
@motif("watch", 700, 1000, "手表",
       lambda pal, v: "一块圆形机械手表的正面示意图：银色表壳、米色表盘，指针停在约10点10分，上下连着棕色皮表带")
def draw_watch(p: Pen, pal: Palette, v: str):
    leather = (120, 78, 50)
    steel = (200, 200, 194)
    for y0, y1 in ((40, 330), (670, 960)):
        p.rect(255, y0, 445, y1, leather, r=24)
        p.rect(270, y0 + 14, 430, y1 - 14, None, 0.4, r=16)
    for y in range(760, 920, 40):
        p.ellipse(350, y, 9, 12, mix(leather, pal.ink, 0.6), 0.4)
    p.rect(240, 30, 460, 70, None, 1.6, r=12)
    p.line([(350, 30), (350, 90)], 1.0)
    for x0 in (268, 400):
        p.rect(x0, 286, x0 + 32, 340, steel, 0.8)
        p.rect(x0, 660, x0 + 32, 714, steel, 0.8)
    p.rect(544, 476, 580, 524, steel, 0.8, r=6)
    for y in range(482, 522, 8):
        p.line([(548, y), (576, y)], 0.3)
    p.circle(350, 500, 205, steel, 1.2)
    p.hatch(("ellipse", 430, 560, 160, 170), step=9, angle=45, strength=80, clip=("ellipse", 350, 500, 205, 205))
    p.circle(350, 500, 205, None, 1.2)
    p.circle(350, 500, 178, (242, 236, 218), 0.8)
    for i in range(60):
        a = math.radians(i * 6 - 90)
        r0 = 150 if i % 5 == 0 else 162
        p.line([(350 + math.cos(a) * r0, 500 + math.sin(a) * r0), (350 + math.cos(a) * 170, 500 + math.sin(a) * 170)],
               1.4 if i % 15 == 0 else (0.9 if i % 5 == 0 else 0.3))
    for ang, length, wid in ((-90 - 60 + 5, 96, 10), (-90 + 60, 140, 7)):
        a = math.radians(ang)
        tip = (350 + math.cos(a) * length, 500 + math.sin(a) * length)
        side = (math.cos(a + math.pi / 2) * wid, math.sin(a + math.pi / 2) * wid)
        p.poly([(350 + side[0], 500 + side[1]), tip, (350 - side[0], 500 - side[1]),
                (350 - math.cos(a) * 20, 500 - math.sin(a) * 20)], DARK, 0.5)
    a = math.radians(-90 + 190)
    p.line([(350 - math.cos(a) * 30, 500 - math.sin(a) * 30), (350 + math.cos(a) * 160, 500 + math.sin(a) * 160)],
           0.5, pal.accent)
    p.circle(350, 500, 9, DARK, 0.4)
    p.circle(350, 600, 26, None, 0.4)


@motif("bicycle", 1100, 690, "自行车",
       lambda pal, v: f"一辆{pal.zh_a}传统二八式自行车的侧视图：车架上有{pal.zh_b}细线装饰，带全封闭链罩、后货架和挡泥板，车头朝右")
def draw_bicycle(p: Pen, pal: Palette, v: str):
    rear, front, r = (250, 460), (850, 460), 210
    bb, seat, head_t, head_b = (500, 480), (452, 214), (770, 204), (786, 270)
    for cx, cy in (rear, front):
        for i in range(36):
            a = math.radians(i * 10)
            off = math.radians(10 if i % 2 else -10)
            p.line([(cx + math.cos(a + off) * 16, cy + math.sin(a + off) * 16),
                    (cx + math.cos(a) * (r - 16), cy + math.sin(a) * (r - 16))], 0.3)
        p.circle(cx, cy, r, None, 3.2)
        p.circle(cx, cy, r - 14, None, 0.6)
        p.circle(cx, cy, 16, pal.c, 0.6)
    p.arc(rear[0], rear[1], r + 18, r + 18, 175, 330, 1.8)
    p.arc(front[0], front[1], r + 18, r + 18, 205, 350, 1.8)
    # rack
    p.line([(120, 250), (420, 250)], 1.4)
    p.line([(150, 250), (250, 460)], 0.8)
    p.line([(380, 250), (250, 460)], 0.8)
    stripe = pal.b
    for a, b in ((bb, seat), (seat, head_t), ((462, 268), (780, 250)), (bb, head_b), (bb, rear), ((458, 240), rear)):
        tube(p, a, b, 2.2, pal.a)
        p.line([a, b], 0.3, stripe)
    fork = catmull([head_b, (812, 370), (850, 460)], 8)
    p.line(fork, 3.1)
    p.line(fork, 2.2, pal.a)
    tube(p, head_t, head_b, 3.0, pal.a)
    p.line([(770, 204), (764, 160)], 1.6)
    p.line(catmull([(764, 160), (730, 148), (690, 162), (660, 186)], 6), 1.8)
    p.rect(640, 180, 668, 196, DARK, 0.5)
    p.circle(740, 156, 12, pal.c, 0.5)
    p.poly([(800, 250), (832, 240), (840, 268), (808, 272)], pal.c, 0.6)
    case = catmull([(236, 438), (380, 426), (520, 420), (566, 470), (520, 540), (380, 520), (236, 486)], 6)
    p.poly(case, pal.a)
    p.line(catmull([(252, 456), (380, 446), (520, 444), (546, 470)], 6), 0.4, stripe)
    p.line([bb, (540, 570)], 1.8)
    p.rect(516, 564, 570, 580, DARK, 0.5)
    p.line([(452, 214), (456, 190)], 1.6)
    p.poly([(392, 186), (500, 176), (528, 186), (490, 204), (404, 202)], (110, 74, 50), 0.8)
    for x in (420, 470):
        p.line([(x, 204), (x + 4, 226)], 0.8)
    p.ground(674, 20, 1080, rows=2)


@motif("sewing_machine", 1000, 820, "缝纫机",
       lambda pal, v: f"一台{pal.zh_a}家用缝纫机机头的正面示意图：机身饰有{pal.zh_b}花纹，右侧是手轮，顶上插着线轴，放在木台板上")
def draw_sewing_machine(p: Pen, pal: Palette, v: str):
    wood = (150, 104, 62)
    gold = pal.b
    p.rect(40, 620, 960, 680, wood)
    p.hatch([(40, 660), (960, 660), (960, 680), (40, 680)], step=8)
    p.rect(80, 556, 920, 622, pal.a, r=16)
    p.line([(100, 590), (900, 590)], 0.4, gold)
    p.poly([(700, 560), (716, 280), (826, 280), (846, 560)], pal.a)
    arm = catmull([(170, 240), (300, 222), (600, 226), (780, 238), (836, 262)], 8) + [(836, 300)] + \
        catmull([(720, 312), (500, 302), (270, 304)], 6)
    p.poly(arm, pal.a)
    p.rect(150, 216, 280, 476, pal.a, r=18)
    p.rect(160, 236, 270, 456, None, 0.4, r=12)
    p.rect(196, 476, 210, 536, DARK, 0.6)
    p.line([(203, 536), (203, 558)], 0.6)
    p.poly([(176, 546), (234, 546), (238, 558), (172, 558)], DARK, 0.5)
    p.rect(226, 476, 236, 546, DARK, 0.4)
    p.circle(262, 300, 16, pal.c, 0.6)
    p.ellipse(872, 360, 40, 112, pal.a)
    p.ellipse(872, 360, 26, 94, mix(pal.a, pal.c, 0.3), 0.6)
    p.ellipse(872, 360, 10, 30, pal.c, 0.5)
    p.line([(560, 226), (560, 160)], 0.8)
    p.rect(540, 164, 580, 204, (236, 228, 210), 0.8, r=6)
    for y in range(170, 200, 6):
        p.line([(542, y), (578, y)], 0.3, pal.accent)
    p.line([(560, 184), (420, 228), (262, 300), (214, 476)], 0.3, pal.accent)
    # gold decoration
    for cx, cy in ((420, 262), (640, 262)):
        for s in (-1, 1):
            p.poly(leaf(cx + s * 30, cy, 56, 26, s * 20), gold, 0.3)
            p.poly(leaf(cx + s * 24, cy + 18, 36, 18, s * 150), gold, 0.3)
        p.circle(cx, cy, 6, gold, 0.3)
    p.line([(716, 320), (826, 320)], 0.6, gold)
    p.line([(708, 520), (838, 520)], 0.6, gold)
    p.hatch([(180, 280), (830, 280), (836, 300), (720, 312), (500, 302), (270, 304)], step=8)


@motif("radio", 1000, 720, "电子管收音机",
       lambda pal, v: f"一台{pal.zh_a}木壳台式电子管收音机的正面示意图：左边是带木条装饰的喇叭布面，右边是刻度窗、绿色调谐指示灯和两只旋钮")
def draw_radio(p: Pen, pal: Palette, v: str):
    p.rect(100, 140, 900, 640, pal.a, r=60)
    p.hatch([(110, 590), (890, 590), (890, 630), (110, 630)], step=8)
    p.rect(140, 180, 860, 600, None, 0.5, r=40)
    p.rect(160, 200, 560, 570, pal.b, r=20)
    for y in range(210, 566, 10):
        p.line([(166, y), (554, y)], 0.25, mix(pal.b, pal.ink, 0.3))
    for x in (250, 360, 470):
        p.rect(x - 8, 200, x + 8, 570, pal.a, 0.6)
    p.rect(600, 210, 840, 420, pal.c, 0.9, r=10)
    for row, y in enumerate((250, 300, 350)):
        p.line([(620, y), (820, y)], 0.4)
        for x in range(620, 824, 16 if row % 2 else 20):
            p.line([(x, y - 8), (x, y)], 0.3)
    p.line([(700, 226), (700, 404)], 0.9, pal.accent if pal.accent != (110, 154, 106) else (190, 60, 40))
    p.circle(720, 470, 26, DARK, 0.7)
    p.poly([(720, 470)] + arcpts(720, 470, 22, 22, 200, 340, 8), pal.accent, 0)
    for x in (650, 790):
        p.circle(x, 540, 38, mix(pal.a, pal.ink, 0.4), 0.9)
        p.circle(x, 540, 24, mix(pal.a, pal.ink, 0.2), 0.5)
    for x in (180, 820):
        p.rect(x - 30, 640, x + 30, 664, DARK, 0.6)
    p.ground(668, 60, 940, rows=2)


@motif("television", 900, 900, "黑白电视机",
       lambda pal, v: f"一台早期黑白电视机的正面示意图：{pal.zh_a}木壳、圆角灰绿色屏幕，右侧两只旋钮，下方喇叭栅，顶上插着V形天线，下有四条短腿")
def draw_television(p: Pen, pal: Palette, v: str):
    p.line([(450, 180), (280, 30)], 1.0)
    p.line([(450, 180), (620, 30)], 1.0)
    p.circle(280, 30, 10, DARK, 0.5)
    p.circle(620, 30, 10, DARK, 0.5)
    p.rect(400, 160, 500, 186, DARK, 0.6, r=8)
    for x0, x1 in ((170, 150), (730, 750)):
        p.line([(x0, 760), (x1, 850)], 2.0)
    p.rect(120, 180, 780, 770, pal.a, r=30)
    p.hatch([(130, 730), (770, 730), (770, 760), (130, 760)], step=8)
    p.rect(160, 220, 610, 580, pal.b, r=70)
    p.rect(186, 246, 584, 554, (112, 124, 116), 1.0, r=60)
    p.hatch([(186, 246), (420, 246), (186, 420)], step=16, angle=-45, color=(230, 236, 226), strength=120)
    for y in (300, 400):
        p.circle(700, y, 34, mix(pal.a, pal.ink, 0.4), 0.8)
        p.line([(700, y - 30), (700, y - 6)], 0.6, pal.c)
    p.rect(656, 470, 744, 560, None, 0.5, r=6)
    p.rect(160, 610, 740, 720, pal.b, r=10)
    for y in range(624, 712, 12):
        p.line([(176, y), (724, y)], 0.6, mix(pal.a, pal.ink, 0.2))
    p.ground(856, 100, 800, rows=2)


@motif("computer", 1300, 650, "电子计算机",
       lambda pal, v: "一台早期电子计算机的示意图：一排灰绿色高机柜，面板上布满指示灯和开关，其中一台装着两盘磁带，前面是操作台")
def draw_computer(p: Pen, pal: Palette, v: str):
    cab = (150, 162, 150)
    lamp_on = (232, 180, 80)
    rnd = random.Random(7)
    for i in range(5):
        x0 = 70 + i * 236
        p.rect(x0, 110, x0 + 220, 600, cab)
        p.rect(x0, 110, x0 + 220, 140, mix(cab, pal.ink, 0.25), 0.7)
        if i == 3:
            for cy in (230, 380):
                p.circle(x0 + 110, cy, 60, pal.c, 0.8)
                p.circle(x0 + 110, cy, 26, mix(pal.a, pal.c, 0.2), 0.6)
                for k in range(3):
                    a = math.radians(120 * k + 30)
                    p.circle(x0 + 110 + math.cos(a) * 40, cy + math.sin(a) * 40, 9, cab, 0.4)
            continue
        for row in range(8):
            for col in range(6):
                on = rnd.random() < 0.35
                p.circle(x0 + 30 + col * 32, 180 + row * 34, 8, lamp_on if on else mix(cab, pal.ink, 0.35), 0.4)
        for col in range(6):
            p.rect(x0 + 24 + col * 32, 470, x0 + 36 + col * 32, 500, pal.c, 0.4)
        for y in range(530, 590, 10):
            p.line([(x0 + 20, y), (x0 + 200, y)], 0.3)
    desk = [(420, 520), (880, 520), (920, 600), (380, 600)]
    p.poly([(400, 470), (900, 470), (880, 520), (420, 520)], mix(cab, pal.c, 0.4))
    for k in range(14):
        p.rect(440 + k * 30, 484, 456 + k * 30, 500, pal.dark, 0.3)
    p.poly(desk, mix(cab, pal.ink, 0.2))
    p.ground(606, 30, 1270, rows=2)


@motif("switch", 1200, 680, "程控交换机",
       lambda pal, v: "一台数字程控交换机的示意图：一排浅灰色机架，架上插满一层层电路板，闪着绿色和红色指示灯；前面桌上有终端显示器和按键电话机")
def draw_switch(p: Pen, pal: Palette, v: str):
    rack = (206, 206, 200)
    rnd = random.Random(11)
    for i in range(4):
        x0 = 60 + i * 200
        p.rect(x0, 80, x0 + 186, 620, rack)
        for s in range(6):
            y0 = 110 + s * 82
            p.rect(x0 + 14, y0, x0 + 172, y0 + 66, mix(rack, pal.ink, 0.18), 0.5)
            for x in range(x0 + 22, x0 + 168, 10):
                p.line([(x, y0 + 6), (x, y0 + 60)], 0.3, mix(rack, pal.ink, 0.5))
            for k in range(4):
                col = (90, 170, 90) if rnd.random() < 0.7 else (200, 70, 50)
                p.circle(x0 + 30 + k * 36, y0 + 12, 4, col, 0.2)
    p.rect(880, 470, 1180, 490, mix(pal.b, pal.ink, 0.2))
    for x in (900, 1160):
        p.rect(x - 8, 490, x + 8, 620, mix(pal.b, pal.ink, 0.2), 0.6)
    p.rect(900, 300, 1060, 430, pal.c)
    p.rect(918, 316, 1042, 410, (50, 80, 60), 0.6)
    for y in range(334, 400, 14):
        p.line([(930, y), (930 + rnd.randint(40, 100), y)], 0.5, (140, 210, 140))
    p.rect(960, 430, 1000, 470, pal.c, 0.6)
    p.poly([(1070, 470), (1090, 420), (1160, 420), (1176, 470)], mix(pal.a, pal.c, 0.2))
    p.line(catmull([(1074, 414), (1090, 396), (1140, 394), (1170, 414)], 5), 3.2)
    for r_ in range(3):
        for c_ in range(3):
            p.rect(1098 + c_ * 18, 430 + r_ * 12, 1108 + c_ * 18, 438 + r_ * 12, pal.c, 0.2)
    p.ground(626, 30, 1190, rows=2)


@motif("typesetter", 1200, 720, "激光照排设备",
       lambda pal, v: "一套计算机汉字排版设备的示意图：显示器屏幕上亮着一个绿色的“汉”字，前面是键盘，右边是控制机柜")
def draw_typesetter(p: Pen, pal: Palette, v: str):
    beige = (226, 218, 198)
    grey = (170, 172, 168)
    p.rect(760, 150, 1100, 690, grey)
    for y in (200, 330, 460):
        p.rect(790, y, 1070, y + 100, mix(grey, pal.ink, 0.12), 0.5)
    for k in range(8):
        p.circle(810 + k * 30, 230, 7, (232, 180, 80) if k % 3 == 0 else mix(grey, pal.ink, 0.4), 0.3)
    p.rect(820, 370, 1040, 390, DARK, 0.6)
    p.rect(120, 520, 700, 556, mix(pal.b, pal.ink, 0.1))
    for x in (150, 670):
        p.rect(x - 10, 556, x + 10, 690, mix(pal.b, pal.ink, 0.2), 0.6)
    p.rect(220, 120, 600, 430, beige, r=20)
    p.rect(360, 430, 460, 470, beige, 0.8)
    p.rect(300, 466, 520, 480, beige, 0.8)
    p.rect(256, 156, 564, 394, (36, 62, 46), 1.0, r=24)
    p.text(410, 278, "汉", 190, (130, 220, 140))
    p.poly([(200, 520), (230, 488), (600, 488), (630, 520)], beige)
    for r_ in range(2):
        for c_ in range(18):
            x = 240 + c_ * 20 + r_ * 8
            p.rect(x, 494 + r_ * 12, x + 14, 502 + r_ * 12, mix(beige, pal.ink, 0.3), 0.2)
    p.ground(694, 60, 1150, rows=2)


@motif("book", 1000, 760, "书籍",
       lambda pal, v: f"一本翻开的书的示意图：两页纸上是竖排的文字行（以线条示意），下面是{pal.zh_b}书皮")
def draw_book(p: Pen, pal: Palette, v: str):
    paper_ = (246, 238, 218)
    cover = pal.b
    p.poly([(500, 250), (96, 200), (66, 650), (500, 706), (934, 650), (904, 200)], cover)
    for k in range(4):
        off = 8 + k * 7
        p.poly(catmull([(500, 230 + off), (380, 184 + off), (230, 174 + off), (90, 194 + off)], 6) +
               [(74, 630 + off)] + catmull([(74, 630 + off), (230, 612 + off), (380, 622 + off), (500, 672 + off)], 6)
               , paper_, 0.4)
        p.poly(catmull([(500, 230 + off), (620, 184 + off), (770, 174 + off), (910, 194 + off)], 6) +
               [(926, 630 + off)] + catmull([(926, 630 + off), (770, 612 + off), (620, 622 + off), (500, 672 + off)],
                                            6), paper_, 0.4)
    for s in (-1, 1):
        top = catmull([(500, 222), (500 + s * 120, 176), (500 + s * 270, 166), (500 + s * 410, 186)], 6)
        bottom = catmull([(500 + s * 426, 622), (500 + s * 270, 604), (500 + s * 120, 614), (500, 664)], 6)
        page = top + bottom
        p.poly(page, paper_, 0.9)
        for c in range(9):
            x = 500 + s * (70 + c * 38)
            t = (x - 500) * s / 410
            ytop = 222 - 46 * min(1, t * 3) + 10 * max(0, t - 0.4) + 40
            ybot = 664 - 60 * min(1, t * 3) + 16 * max(0, t - 0.4) - 40
            y = ytop
            rnd = random.Random(c * 7 + (s > 0))
            while y < ybot - 20:
                seg = rnd.uniform(40, 110)
                p.line([(x, y), (x, min(ybot, y + seg))], 0.9, mix(pal.ink, paper_, 0.3))
                y += seg + rnd.uniform(10, 20)
        p.hatch([(500, 222), (500 + s * 40, 206), (500 + s * 40, 650), (500, 664)], step=8, angle=90, strength=50)
    p.rect(780, 230, 820, 270, None, 0.8)
    p.rect(786, 236, 814, 264, pal.a, 0.3)


@motif("shirt", 900, 960, "衬衫",
       lambda pal, v: "一件挂在衣架上的白色长袖衬衫的正面示意图：尖领、门襟一排纽扣，左胸有口袋")
def draw_shirt(p: Pen, pal: Palette, v: str):
    white = (238, 238, 232)
    p.line(catmull([(450, 150), (450, 110), (470, 80), (500, 70), (520, 90), (510, 110)], 6), 1.4)
    for s in (-1, 1):
        sleeve = [(450 + s * 150, 200), (450 + s * 230, 250), (450 + s * 300, 700), (450 + s * 250, 720),
                  (450 + s * 180, 400)]
        p.poly(sleeve, white)
        p.rect(min(450 + s * 250, 450 + s * 300) - 4, 690, max(450 + s * 250, 450 + s * 300) + 4, 730, white, 0.8)
        p.hatch(sleeve, step=12, angle=75, strength=60)
    body = [(300, 190), (390, 170), (510, 170), (600, 190), (650, 240), (630, 900), (270, 900), (250, 240)]
    p.poly(body, white)
    p.line([(450, 210), (450, 900)], 0.6)
    p.line([(470, 210), (470, 900)], 0.4)
    for y in range(280, 880, 90):
        p.circle(460, y, 9, (222, 222, 214), 0.5)
    p.rect(300, 330, 400, 440, None, 0.6)
    p.line([(300, 346), (400, 346)], 0.4)
    p.poly([(380, 172), (450, 220), (420, 270), (360, 196)], white, 0.9)
    p.poly([(520, 172), (450, 220), (480, 270), (540, 196)], white, 0.9)
    p.line([(200, 200), (700, 200)], 1.4)
    p.line([(450, 150), (200, 200)], 1.2)
    p.line([(450, 150), (700, 200)], 1.2)
    p.hatch([(560, 240), (650, 240), (630, 900), (560, 900)], step=12, angle=80, strength=60)


@motif("brocade", 1000, 800, "丝织风景织锦",
       lambda pal, v: f"一幅装在木框里的丝织风景织锦示意图：画面是湖面、远山、山上的宝塔和垂柳，四周织有{pal.zh_a}花边")
def draw_brocade(p: Pen, pal: Palette, v: str):
    wood = (120, 84, 54)
    silk = (234, 226, 204)
    p.rect(50, 50, 950, 750, wood, 1.2)
    p.rect(80, 80, 920, 720, None, 0.5)
    p.rect(110, 110, 890, 690, pal.a, 0.8)
    for x in range(126, 880, 24):
        p.poly([(x, 118), (x + 12, 126), (x, 134), (x - 12, 126)], pal.b, 0)
        p.poly([(x, 666), (x + 12, 674), (x, 682), (x - 12, 674)], pal.b, 0)
    p.rect(150, 150, 850, 650, silk, 0.6)
    far = mix(silk, pal.ink, 0.18)
    near = mix(silk, pal.ink, 0.38)
    p.poly([(150, 440), (250, 360), (340, 390), (450, 320), (560, 380), (680, 330), (850, 420), (850, 470),
            (150, 470)], far, 0)
    p.poly([(520, 470), (600, 400), (700, 380), (790, 420), (850, 440), (850, 480), (520, 480)], near, 0)
    px = 690
    for w, y in ((36, 380), (30, 350), (25, 322), (20, 298), (15, 278)):
        p.rect(px - w * 0.6, y - 26, px + w * 0.6, y, near, 0.3)
        p.poly([(px - w, y - 24), (px + w, y - 24), (px + w * 0.6, y - 34), (px - w * 0.6, y - 34)], pal.ink, 0)
    p.line([(px, 244), (px, 230)], 0.6)
    for y in range(490, 640, 14):
        p.line([(170 + (y % 28), y), (830 - (y % 28), y)], 0.35, far)
    p.rect(150, 470, 850, 482, near, 0)
    p.line([(250, 600), (246, 430)], 1.4, near)
    for dx in (-70, -50, -30, -12, 12, 30, 50, 70):
        p.line(catmull([(248, 440), (248 + dx * 0.8, 404), (248 + dx * 1.3, 440), (248 + dx * 1.4, 520),
                        (248 + dx * 1.4, 560)], 5), 0.5, near)
    p.hatch([(150, 150), (850, 150), (850, 650), (150, 650)], step=5, angle=0, strength=25)


@motif("vase", 700, 1000, "青花瓷瓶",
       lambda pal, v: "一只白地青花瓷瓶的示意图：瓶口、瓶肩和瓶足绘有青花纹带，瓶腹有一圈圈半透明的米粒状玲珑纹和青花缠枝纹")
def draw_vase(p: Pen, pal: Palette, v: str):
    cx = 350
    white = pal.a
    blue = pal.b
    half = catmull([(392, 60), (388, 120), (420, 166), (508, 236), (556, 340), (550, 480), (506, 640), (456, 800),
                    (440, 900)], 8) + [(452, 912), (446, 936)]
    body = half + [(2 * cx - x, y) for x, y in reversed(half)]
    p.ellipse(cx, 938, 170, 18, mix(pal.paper, pal.ink, 0.14), outline=False)
    p.poly(body, white, 1.2)

    def width_at(y):
        for (x0, y0), (x1, y1) in zip(half, half[1:]):
            if y0 <= y <= y1 and y1 != y0:
                return x0 + (x1 - x0) * (y - y0) / (y1 - y0) - cx
        return 0

    def band(y0, y1, color, inset=0.0):
        ys = [y0 + (y1 - y0) * i / 8 for i in range(9)]
        right = [(cx + width_at(y) - inset, y) for y in ys]
        p.poly(right + [(2 * cx - x, y) for x, y in reversed(right)], color, 0.4)

    band(72, 96, blue)
    band(196, 214, blue)
    band(846, 880, blue)
    band(640, 660, blue)
    # scrolls on the shoulder
    for k in range(-3, 4):
        x = cx + k * 56
        if abs(k * 56) + 60 > width_at(300):
            continue
        p.arc(x, 300, 26, 20, 200, 520, 0.7, blue)
        p.poly(leaf(x + 24, 272, 36, 14, -30), blue, 0)
    # linglong rice grains
    grain = (200, 226, 222)
    for y in (400, 450, 500, 550, 600):
        wdt = width_at(y) - 50
        n = int(wdt * 2 / 44)
        for i in range(n + 1):
            x = cx - wdt + i * (2 * wdt / max(1, n))
            p.ellipse(x, y, 7, 15, grain, 0.3)
    # petals at the foot
    for k in range(-2, 3):
        x = cx + k * 36
        p.poly([(x - 16, 840), (x, 700 + abs(k) * 10), (x + 16, 840)], None, 0.6)
    p.hatch(arcpts(cx, 440, 190, 420, -70, 70, 12) + [(cx + 130, 700)], step=10, angle=80, strength=50, clip=body)
    p.poly(body, None, 1.2)


@motif("bowl", 900, 760, "瓷盖碗",
       lambda pal, v: "一只白瓷盖碗连托盘的示意图，碗身和碗盖上点缀着粉红色的桃花和绿叶")
def draw_bowl(p: Pen, pal: Palette, v: str):
    white = pal.a
    pink = pal.accent
    green = (120, 150, 110)
    p.ellipse(450, 690, 380, 54, mix(pal.paper, pal.ink, 0.14), outline=False)
    p.ellipse(450, 660, 380, 56, white, 1.0)
    p.ellipse(450, 650, 300, 36, None, 0.5)
    p.rect(360, 620, 540, 650, white, 0.8)
    half = catmull([(676, 380), (666, 450), (620, 540), (540, 606), (450, 630)], 8)
    body = half + [(900 - x, y) for x, y in reversed(half[:-1])]
    p.poly(body, white, 1.0)
    p.hatch(half + [(450, 380)], step=10, angle=80, strength=60)
    lid = catmull([(694, 386), (640, 332), (540, 300), (450, 292)], 8)
    lid = lid + [(900 - x, y) for x, y in reversed(lid[:-1])]
    p.poly(lid, white, 1.0)
    p.rect(416, 250, 484, 296, white, 1.0, r=10)
    p.line([(206, 386), (694, 386)], 0.8)
    for cx, cy, s in ((360, 470, 1.0), (520, 500, 0.8), (420, 540, 0.7), (380, 340, 0.7), (560, 330, 0.6)):
        p.line([(cx - 40 * s, cy + 20 * s), (cx + 30 * s, cy - 10 * s)], 0.5, (110, 80, 60))
        p.poly(leaf(cx - 30 * s, cy + 4 * s, 34 * s, 14 * s, -30), green, 0)
        for k in range(5):
            a = math.radians(72 * k - 90)
            p.circle(cx + math.cos(a) * 11 * s, cy + math.sin(a) * 11 * s, 9 * s, pink, 0.3)
        p.circle(cx, cy, 5 * s, (230, 200, 120), 0)
    p.line([(220, 398), (680, 398)], 0.4, (200, 170, 90))


@motif("coin", 900, 900, "银币",
       lambda pal, v: f"一枚{pal.zh_a}钱币的正面示意图：外圈是齿边和珠圈，中间是两枝叶子组成的花环，中心是一朵八瓣花饰")
def draw_coin(p: Pen, pal: Palette, v: str):
    cx, cy = 450, 440
    metal = pal.a
    relief = mix(metal, pal.ink, 0.25)
    p.ellipse(cx + 20, cy + 410, 360, 26, mix(pal.paper, pal.ink, 0.12), outline=False)
    p.circle(cx, cy, 400, metal, 1.2)
    for i in range(120):
        a = math.radians(i * 3)
        p.line([(cx + math.cos(a) * 388, cy + math.sin(a) * 388), (cx + math.cos(a) * 400, cy + math.sin(a) * 400)],
               0.4)
    p.circle(cx, cy, 370, None, 0.8)
    for i in range(72):
        a = math.radians(i * 5)
        p.circle(cx + math.cos(a) * 340, cy + math.sin(a) * 340, 6, relief, 0)
    p.circle(cx, cy, 310, None, 0.5)
    for s in (-1, 1):
        for k in range(9):
            a = math.radians(90 + s * (30 + k * 15))
            x, y = cx + math.cos(a) * 230, cy + math.sin(a) * 230
            tangent = math.degrees(a) + 90 * s
            p.poly(leaf(x, y, 70, 26, tangent + s * 30), relief, 0.4)
        p.arc(cx, cy, 230, 230, 90 + s * 20, 90 + s * 160, 0.7)
    for k in range(8):
        a = 45 * k
        r = math.radians(a)
        p.poly(leaf(cx + math.cos(r) * 52, cy + math.sin(r) * 52, 96, 42, a), relief, 0.5)
    p.circle(cx, cy, 26, metal, 0.6)
    p.hatch(("ellipse", cx + 130, cy + 110, 330, 330), step=10, angle=45, strength=60,
            clip=("ellipse", cx, cy, 400, 400))


@motif("medal", 800, 1060, "奖牌",
       lambda pal, v: f"一枚挂在{pal.zh_a}绶带下的金色奖牌示意图：奖牌有月桂叶花环和放射状的中心花饰")
def draw_medal(p: Pen, pal: Palette, v: str):
    gold = (204, 168, 88)
    relief = mix(gold, pal.ink, 0.3)
    ribbon = [(290, 20), (510, 20), (510, 300), (400, 340), (290, 300)]
    p.poly(ribbon, pal.a)
    for x in (340, 460):
        p.rect(x - 12, 20, x + 12, 300 + (8 if x < 400 else 8), pal.accent, 0, outline=False)
    p.poly(ribbon, None, 1.0)
    p.circle(400, 366, 30, None, 2.0)
    p.circle(400, 680, 300, gold, 1.2)
    p.circle(400, 680, 270, None, 0.6)
    for s in (-1, 1):
        for k in range(8):
            a = math.radians(90 + s * (30 + k * 17))
            x, y = 400 + math.cos(a) * 210, 680 + math.sin(a) * 210
            p.poly(leaf(x, y, 60, 24, math.degrees(a) + 90 * s + s * 30), relief, 0.4)
    for k in range(24):
        a = math.radians(k * 15)
        p.line([(400 + math.cos(a) * 40, 680 + math.sin(a) * 40), (400 + math.cos(a) * 130, 680 + math.sin(a) * 130)],
               0.7 if k % 2 else 1.2, relief)
    p.circle(400, 680, 40, gold, 0.8)
    p.hatch(("ellipse", 500, 770, 250, 250), step=10, angle=45, strength=60, clip=("ellipse", 400, 680, 300, 300))


@motif("banknote", 1200, 700, "纸币",
       lambda pal, v: "两张叠放的纸币示意图：绿色和紫褐色票面，四周有花纹边框，正中的小画面里是工厂、烟囱和一列火车")
def draw_banknote(p: Pen, pal: Palette, v: str):
    for (x0, y0, col) in ((160, 70, (150, 118, 128)), (60, 200, (110, 146, 112))):
        x1, y1 = x0 + 960, y0 + 430
        paperc = mix(col, (250, 246, 232), 0.8)
        p.rect(x0 + 10, y0 + 14, x1 + 10, y1 + 14, mix(pal.paper, pal.ink, 0.15), outline=False)
        p.rect(x0, y0, x1, y1, paperc, 0.9)
        p.rect(x0 + 20, y0 + 20, x1 - 20, y1 - 20, col, 0.6)
        p.rect(x0 + 44, y0 + 44, x1 - 44, y1 - 44, paperc, 0.6)
        for x in range(x0 + 32, x1 - 20, 24):
            p.arc(x, y0 + 32, 14, 10, 0, 360, 0.3, paperc)
            p.arc(x, y1 - 32, 14, 10, 0, 360, 0.3, paperc)
        for cxm in (x0 + 150, x1 - 150):
            p.circle(cxm, (y0 + y1) / 2, 80, None, 0.8)
            for k in range(12):
                a = math.radians(30 * k)
                p.poly(leaf(cxm + math.cos(a) * 40, (y0 + y1) / 2 + math.sin(a) * 40, 70, 18, 30 * k), None, 0.3)
        vx0, vy0, vx1, vy1 = x0 + 300, y0 + 90, x1 - 300, y1 - 120
        p.rect(vx0, vy0, vx1, vy1, mix(col, paperc, 0.55), 0.8)
        gy = vy1 - 40
        p.line([(vx0, gy), (vx1, gy)], 0.6, col)
        for k in range(3):
            bx = vx0 + 40 + k * 70
            p.rect(bx, gy - 70, bx + 60, gy, mix(col, pal.ink, 0.3), 0.3)
            p.poly([(bx, gy - 70), (bx + 30, gy - 92), (bx + 30, gy - 70)], mix(col, pal.ink, 0.3), 0.3)
        p.rect(vx0 + 260, gy - 170, vx0 + 276, gy, mix(col, pal.ink, 0.3), 0.3)
        p.rect(vx1 - 130, gy - 30, vx1 - 20, gy - 4, mix(col, pal.ink, 0.4), 0.3)
        p.rect(vx1 - 170, gy - 26, vx1 - 136, gy - 4, mix(col, pal.ink, 0.4), 0.3)
        for k in range(3):
            p.line([(x0 + 380 + k * 20, y1 - 78), (x1 - 380 - k * 20, y1 - 78)], 0.0, col)
        p.rect(x0 + 360, y1 - 96, x1 - 360, y1 - 84, col, 0)
        p.rect(x0 + 420, y0 + 58, x1 - 420, y0 + 72, col, 0)


@motif("stamp", 800, 960, "邮票",
       lambda pal, v: f"一枚齿孔邮票的示意图：{pal.zh_a}边框，画面是" + (
           "一盏挂着穗子的红灯笼和放射的光芒" if v == "lantern" else "简化的太阳、云纹和海浪") + "，底部有面值框")
def draw_stamp(p: Pen, pal: Palette, v: str):
    q = p.sub()
    white = (250, 246, 234)
    q.rect(60, 60, 740, 900, white, 0)
    q.rect(110, 110, 690, 850, pal.a, 0.8)
    q.rect(140, 140, 660, 720, mix(pal.c, white, 0.3), 0.6)
    if v == "lantern":
        for k in range(24):
            a = math.radians(k * 15)
            q.line([(400 + math.cos(a) * 150, 420 + math.sin(a) * 150),
                    (400 + math.cos(a) * 240, 420 + math.sin(a) * 240)], 0.5, mix(pal.b, white, 0.4))
        q.rect(392, 150, 408, 250, DARK, 0.4)
        q.rect(350, 240, 450, 262, pal.accent, 0.6)
        q.ellipse(400, 420, 150, 165, pal.b, 1.0)
        for k in (-0.6, -0.2, 0.2, 0.6):
            q.arc(400, 420, 150 * abs(k) + 10, 165, -90, 90, 0.5) if k > 0 else q.arc(400, 420, 150 * abs(k) + 10,
                                                                                         165, 90, 270, 0.5)
        q.rect(350, 578, 450, 600, pal.accent, 0.6)
        for x in range(372, 432, 12):
            q.line([(x, 600), (x, 680)], 0.6, pal.accent)
    else:
        q.circle(400, 330, 90, pal.b, 0.8)
        for k in range(16):
            a = math.radians(k * 22.5)
            q.line([(400 + math.cos(a) * 104, 330 + math.sin(a) * 104),
                    (400 + math.cos(a) * 150, 330 + math.sin(a) * 150)], 0.6, pal.b)
        for (x, y) in ((230, 220), (540, 240)):
            for k in range(3):
                q.arc(x + k * 34, y, 26, 22, 180, 470, 0.7, pal.a)
        for row in range(4):
            y = 540 + row * 40
            for k in range(9):
                x = 174 + k * 58 + (29 if row % 2 else 0)
                if x + 30 <= 652:
                    q.arc(x, y, 28, 20, 180, 360, 0.8, pal.a)
    q.rect(140, 740, 660, 830, mix(pal.c, white, 0.3), 0.6)
    q.rect(170, 770, 330, 800, pal.a, 0)
    q.rect(520, 760, 630, 810, pal.b, 0.5)
    for x, y in ((110, 110), (690, 110), (110, 850), (690, 850)):
        q.circle(x, y, 22, pal.b, 0.6)
    # perforations: punch holes through the paper
    hole = (0, 0, 0, 0)
    step = 680 / 20
    for i in range(21):
        for (x, y) in ((60 + i * step, 60), (60 + i * step, 900)):
            q.d.ellipse([q.p(x - 12, y - 12), q.p(x + 12, y + 12)], fill=hole)
    step = 840 / 25
    for i in range(26):
        for (x, y) in ((60, 60 + i * step), (740, 60 + i * step)):
            q.d.ellipse([q.p(x - 12, y - 12), q.p(x + 12, y + 12)], fill=hole)
    alpha = q.im.getchannel("A")
    shadow = Image.new("RGBA", q.im.size, mix(pal.paper, pal.ink, 0.25) + (255,))
    off = round(16 * p.s)
    shifted = Image.new("L", alpha.size, 0)
    shifted.paste(alpha.point(lambda a: a * 0.5), (off, off))
    shadow.putalpha(shifted)
    p.im.alpha_composite(shadow)
    p.im.alpha_composite(q.im)


@motif("cask", 1000, 760, "橡木酒桶",
       lambda pal, v: f"一只横卧在木托架上的大{pal.zh_b}酒桶示意图：木板桶身箍着几道黑色铁箍，桶头上装着铜龙头")
def draw_cask(p: Pen, pal: Palette, v: str):
    oak = pal.b
    cy = 370
    top = catmull([(260, 120), (540, 90), (820, 130)], 10)
    bottom = catmull([(820, 610), (540, 650), (260, 620)], 10)
    for x in (420, 700):
        p.poly([(x - 90, 720), (x - 70, 600), (x + 70, 600), (x + 90, 720)], mix(oak, pal.ink, 0.35))
    p.poly(top + arcpts(820, cy, 120, 240, -90, 90, 16) + bottom, oak)
    for k in (-0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75):
        p.line(catmull([(260, cy + k * 250), (540, cy + k * 280), (820, cy + k * 240)], 8), 0.4,
               mix(oak, pal.ink, 0.4))
    p.hatch([(540, 520), (820, 500), (820, 610), (540, 650), (260, 620), (260, 540)], step=9, strength=80)
    for x, h in ((330, 262), (420, 272), (690, 270), (780, 252)):
        p.arc(x, cy, 150, h, -90, 90, 2.6)
    p.ellipse(260, cy, 150, 250, mix(oak, pal.c, 0.25), 1.2)
    p.ellipse(260, cy, 128, 226, None, 0.5)
    for dx in range(-100, 120, 34):
        h = 226 * math.sqrt(max(0, 1 - (dx / 128) ** 2))
        p.line([(260 + dx, cy - h), (260 + dx, cy + h)], 0.35, mix(oak, pal.ink, 0.4))
    p.rect(246, 500, 274, 540, pal.accent, 0.6)
    p.rect(232, 540, 288, 556, pal.accent, 0.6)
    p.ground(724, 200, 920, rows=2)


@motif("motor", 1100, 660, "电动机",
       lambda pal, v: "一台19世纪末式样的卧式电动机侧视示意图：深绿色圆筒形机身带散热筋，左端伸出转轴和皮带轮，装在铁底板上")
def draw_motor(p: Pen, pal: Palette, v: str):
    green = (70, 96, 82)
    brass = (190, 150, 80)
    p.rect(90, 560, 1010, 604, pal.dark)
    for x in (140, 960):
        p.circle(x, 582, 10, pal.c, 0.5)
    for x0 in (340, 660):
        p.poly([(x0, 560), (x0 + 20, 480), (x0 + 100, 480), (x0 + 120, 560)], mix(green, pal.ink, 0.3))
    p.ellipse(780, 380, 60, 160, mix(green, pal.ink, 0.25))
    p.rect(300, 210, 780, 550, green, r=40)
    for x in range(340, 760, 30):
        p.line([(x, 220), (x, 540)], 0.5, mix(green, pal.ink, 0.4))
    p.hatch([(300, 470), (780, 470), (780, 550), (300, 550)], step=9)
    p.ellipse(300, 380, 60, 160, mix(green, pal.c, 0.2))
    p.circle(300, 380, 40, mix(green, pal.ink, 0.3), 0.7)
    p.rect(120, 364, 300, 396, (190, 190, 184))
    p.rect(140, 270, 220, 490, (160, 150, 130), r=8)
    for y in (300, 460):
        p.line([(140, y), (220, y)], 0.4)
    p.rect(480, 150, 600, 212, mix(green, pal.ink, 0.2))
    p.circle(540, 126, 22, None, 1.4)
    p.rect(420, 300, 520, 350, brass, 0.7)
    for y in (314, 328, 340):
        p.line([(430, y), (510, y)], 0.3)
    p.ground(612, 60, 1040, rows=2)


@motif("sack", 800, 900, "纯碱包装袋",
       lambda pal, v: f"一只装满纯碱的米白色布袋示意图，袋身印着一个{pal.zh_a}三角形标志和几行文字（以线条示意）")
def draw_sack(p: Pen, pal: Palette, v: str):
    cloth = (230, 222, 200)
    p.ellipse(410, 850, 300, 30, mix(pal.paper, pal.ink, 0.14), outline=False)
    outline = catmull([(130, 150), (200, 118), (400, 140), (600, 118), (670, 150), (690, 400), (700, 700),
                       (640, 840), (400, 860), (160, 840), (100, 700), (110, 400)], 8, closed=True)
    p.poly(outline, cloth, 1.2)
    p.line(catmull([(150, 176), (400, 166), (650, 176)], 6), 0.5)
    p.line(catmull([(150, 190), (400, 180), (650, 190)], 6), 0.3)
    p.poly([(400, 300), (550, 560), (250, 560)], pal.a, 1.0)
    p.poly([(400, 380), (480, 520), (320, 520)], cloth, 0.5)
    p.poly([(400, 420), (448, 504), (352, 504)], pal.a, 0)
    for y, w in ((620, 200), (666, 150), (706, 110)):
        p.rect(400 - w, y, 400 + w, y + 16, mix(pal.ink, cloth, 0.2), 0)
    for pts in (((200, 250), (240, 400), (220, 560)), ((610, 260), (580, 420), (600, 600))):
        p.line(catmull(pts, 6), 0.35)
    p.hatch([(560, 160), (670, 150), (690, 400), (700, 700), (640, 840), (560, 850)], step=10, angle=80, strength=60)


@motif("wine_bottle", 500, 1000, "酒瓶",
       lambda pal, v: ("一只深绿色葡萄酒瓶的示意图，瓶颈有酒红色封帽，瓶身贴着标签" if v != "beer"
                       else "一只棕色啤酒瓶的示意图，瓶口有皇冠盖，瓶身贴着标签"))
def draw_wine_bottle(p: Pen, pal: Palette, v: str):
    glass = (54, 84, 62) if v != "beer" else (120, 74, 40)
    half = [(282, 60), (282, 300)] + catmull([(282, 300), (300, 380), (350, 440), (360, 480)], 6)[1:] + \
        [(360, 930), (340, 950)]
    if v == "beer":
        half = [(270, 70), (274, 250)] + catmull([(274, 250), (300, 360), (346, 450), (350, 480)], 6)[1:] + \
            [(350, 930), (330, 950)]
    body = half + [(500 - x, y) for x, y in reversed(half)]
    p.ellipse(250, 956, 140, 16, mix(pal.paper, pal.ink, 0.14), outline=False)
    p.poly(body, glass, 1.2)
    p.hatch([(300, 480), (340, 480), (340, 930), (300, 930)], step=8, angle=90, color=(255, 255, 255), strength=50)
    if v == "beer":
        p.rect(222, 52, 278, 80, (200, 170, 90), 0.8)
    else:
        p.rect(214, 50, 286, 200, pal.a, 0.8)
    p.rect(150, 580, 350, 800, (236, 226, 196), 0.8)
    p.rect(170, 600, 330, 780, None, 0.4)
    p.rect(200, 650, 300, 664, pal.a, 0)
    p.rect(210, 700, 290, 710, mix(pal.ink, pal.paper, 0.3), 0)
    p.line([(170, 500), (170, 900)], 1.2, (255, 255, 255, 120))


@motif("gear", 900, 800, "齿轮",
       lambda pal, v: f"一大一小两个相互啮合的{pal.zh_a}齿轮示意图")
def draw_gear(p: Pen, pal: Palette, v: str):
    p.poly(gear(360, 420, 300, 260, 24), pal.a, 1.2)
    p.circle(360, 420, 200, None, 0.6)
    p.circle(360, 420, 60, pal.c, 0.8)
    p.poly(gear(700, 230, 170, 134, 14), pal.b, 1.2)
    p.circle(700, 230, 40, pal.c, 0.8)


# --- paper, plates, scenes, banners ---------------------------------------------------------------------
def seed_of(*parts: str) -> int:
    return int.from_bytes(hashlib.sha256("/".join(parts).encode()).digest()[:8], "big")


@lru_cache(maxsize=8)
def _mottle(w: int, h: int) -> Image.Image:
    """Low-frequency paper mottling (compresses well, unlike fine grain)."""
    rnd = random.Random(seed_of("paper", str(w), str(h)))
    sw, sh = max(4, w // 24), max(4, h // 24)
    small = Image.frombytes("L", (sw, sh), rnd.randbytes(sw * sh)).filter(ImageFilter.GaussianBlur(1.2))
    small = ImageOps.autocontrast(small)
    return small.resize((w, h), Image.Resampling.BICUBIC)


@lru_cache(maxsize=8)
def _vignette(w: int, h: int) -> Image.Image:
    g = Image.radial_gradient("L").resize((w, h), Image.Resampling.BICUBIC)
    return g.point(lambda v: max(0, min(255, (v - 110) * 2)))


def paper(w: int, h: int, base, strength: float = 1.0) -> Image.Image:
    """Warm paper: flat colour, a faint mottle, darker towards the edges."""
    base = tuple(base)
    im = Image.new("RGB", (w, h), base)
    dark = Image.new("RGB", (w, h), mix(base, (120, 96, 64), 0.16 * strength))
    mask = Image.blend(_mottle(w, h).point(lambda v: v * 0.35), _vignette(w, h), 0.7)
    im = Image.composite(dark, im, mask)
    # a few long, faint fibres
    rnd = random.Random(seed_of("fibres", str(w), str(h)))
    d = ImageDraw.Draw(im)
    fibre = mix(base, (150, 120, 80), 0.12 * strength)
    for _ in range(26):
        x, y = rnd.uniform(0, w), rnd.uniform(0, h)
        a = rnd.uniform(0, math.pi)
        n = rnd.uniform(30, 120)
        pts = []
        for _step in range(8):
            pts.append((x, y))
            a += rnd.uniform(-0.25, 0.25)
            x += math.cos(a) * n / 8
            y += math.sin(a) * n / 8
        d.line(pts, fill=fibre, width=1)
    return im


def shrink(layer: Image.Image, size) -> Image.Image:
    """Supersampled RGBA layer to its final size, alpha handled properly."""
    return layer.convert("RGBa").resize(size, Image.Resampling.LANCZOS).convert("RGBA")


def fit_text(draw: ImageDraw.ImageDraw, s: str, max_w: float, sizes) -> ImageFont.FreeTypeFont:
    for size in sizes:
        f = font(size)
        if draw.textlength(s, font=f) <= max_w:
            return f
    return font(sizes[-1])


def place_motif(layer: Image.Image, m: Motif, pal: Palette, variant: str, box, weight: float):
    """Draw motif m into box (x0, y0, x1, y1, device pixels of layer), centred, aspect kept."""
    x0, y0, x1, y1 = box
    s = min((x1 - x0) / m.w, (y1 - y0) / m.h)
    ox = x0 + ((x1 - x0) - m.w * s) / 2
    oy = y0 + ((y1 - y0) - m.h * s) / 2
    pen = Pen(layer, ox, oy, s, pal, weight)
    m.draw(pen, pal, variant)
    return pen


PLATE = (1600, 1200)


def plate(rec: dict, mname: str, variant: str, pal: Palette, industry_label: str, transparent=False) -> Image.Image:
    W, H = PLATE
    m = MOTIFS[mname]
    layer = Image.new("RGBA", (W * SS, H * SS), (0, 0, 0, 0))
    place_motif(layer, m, pal, variant, (90 * SS, 120 * SS, (W - 90) * SS, 950 * SS), 3.0 * SS)
    art = shrink(layer, (W, H))
    ink = pal.ink
    soft = mix(pal.ink, pal.paper, 0.45)
    if transparent:
        im = Image.new("RGBA", (W, H), (0, 0, 0, 0))
        card = Image.new("RGBA", (W, H), (0, 0, 0, 0))
        ImageDraw.Draw(card).rounded_rectangle([40, 972, W - 40, H - 36], 18, fill=pal.paper + (235,),
                                               outline=soft + (255,), width=2)
        im = Image.alpha_composite(im, card)
    else:
        im = paper(W, H, pal.paper).convert("RGBA")
        d = ImageDraw.Draw(im)
        d.rectangle([26, 26, W - 27, H - 27], outline=soft, width=2)
        d.rectangle([36, 36, W - 37, H - 37], outline=soft, width=1)
        d.text((64, 78), "藏品示意图 · ILLUSTRATION", font=font(24), fill=soft, anchor="ls")
        d.text((W - 64, 78), industry_label, font=font(24), fill=soft, anchor="rs")
    im = Image.alpha_composite(im, art)
    d = ImageDraw.Draw(im)
    d.line([(64, 986), (W - 64, 986)], fill=soft, width=2)
    title = rec["title_zh"]
    date = rec["date_text"]
    date_font = font(34)
    date_w = d.textlength(date, font=date_font) if date else 0
    tf = fit_text(d, title, W - 128 - date_w - 48, range(52, 27, -2))
    d.text((64, 1056), title, font=tf, fill=ink, anchor="ls", stroke_width=1, stroke_fill=ink)
    if date:
        d.text((W - 64, 1056), date, font=date_font, fill=ink, anchor="rs")
    d.text((64, 1122), MUSEUM_LINE, font=font(28), fill=soft, anchor="ls")
    if rec.get("title_en"):
        ef = fit_text(d, rec["title_en"], W - 128 - 520, range(26, 15, -1))
        d.text((W - 64, 1122), rec["title_en"], font=ef, fill=soft, anchor="rs")
    return im


# --- museums: a stylised building elevation -------------------------------------------------------------
SCENE = (1600, 1000)
GROUND = 800
BRICK = (168, 96, 72)
STONE = (216, 208, 190)


def _sign(p: Pen, x0, y0, x1, y1, name, pal):
    p.rect(x0, y0, x1, y1, mix(pal.paper, (255, 255, 255), 0.3), 0.8)
    f = fit_text(p.d, name, (x1 - x0 - 24) * p.s, range(round(40 * p.s), round(12 * p.s), -2))
    p.d.text(p.p((x0 + x1) / 2, (y0 + y1) / 2), name, font=f, fill=pal.ink + (255,), anchor="mm")


def _windows(p: Pen, x0, x1, y0, y1, n, color, arched=True):
    gap = (x1 - x0) / n
    for i in range(n):
        wx = x0 + i * gap + gap * 0.22
        ww = gap * 0.56
        if arched:
            p.poly([(wx, y1), (wx, y0 + ww / 2)] + arcpts(wx + ww / 2, y0 + ww / 2, ww / 2, ww / 2, 180, 360, 8)[1:] +
                   [(wx + ww, y1)], color, 0.6)
            p.line([(wx + ww / 2, y0 + 4), (wx + ww / 2, y1)], 0.3)
        else:
            p.rect(wx, y0, wx + ww, y1, color, 0.6)
        p.line([(wx, (y0 + y1) / 2 + 10), (wx + ww, (y0 + y1) / 2 + 10)], 0.3)


def sawtooth_hall(p: Pen, x, name, pal, w=560, h=230):
    top = GROUND - h
    teeth = 5
    tw = w / teeth
    glass = mix(pal.c, (190, 210, 214), 0.5)
    for i in range(teeth):
        tx = x + i * tw
        p.poly([(tx, top), (tx, top - 70), (tx + tw, top)], mix(BRICK, pal.ink, 0.3))
        p.rect(tx + 4, top - 62, tx + 14, top - 6, glass, 0.4)
    p.rect(x, top, x + w, GROUND, BRICK)
    for y in range(int(top) + 20, GROUND, 20):
        p.line([(x, y), (x + w, y)], 0.25, mix(BRICK, pal.ink, 0.35))
    _windows(p, x + 10, x + w - 10, top + 90, GROUND - 30, 7, glass)
    p.rect(x + w / 2 - 50, GROUND - 110, x + w / 2 + 50, GROUND, mix(BRICK, pal.ink, 0.55), 0.8)
    _sign(p, x + 60, top + 18, x + w - 60, top + 72, name, pal)
    return "锯齿形屋顶的红砖厂房", "厂房正面"


def modern_hall(p: Pen, x, name, pal, w=600, h=270):
    top = GROUND - h
    glass = mix(pal.c, (176, 200, 210), 0.55)
    p.rect(x, top, x + w, GROUND, mix(pal.a, pal.c, 0.55))
    p.rect(x + 30, top + 80, x + w - 30, GROUND, glass, 0.8)
    for gx in range(int(x + 30), int(x + w - 30), 45):
        p.line([(gx, top + 80), (gx, GROUND)], 0.4)
    for gy in range(int(top + 80), GROUND, 45):
        p.line([(x + 30, gy), (x + w - 30, gy)], 0.4)
    p.hatch([(x + 30, top + 80), (x + w - 30, top + 80), (x + 30, GROUND)], step=14, angle=-40, strength=60)
    p.rect(x - 30, top - 16, x + w + 30, top + 10, mix(pal.a, pal.ink, 0.2))
    p.rect(x + w / 2 - 60, GROUND - 100, x + w / 2 + 60, GROUND, mix(glass, pal.ink, 0.3), 0.8)
    _sign(p, x + 70, top + 20, x + w - 70, top + 66, name, pal)
    return "玻璃幕墙的现代展馆", "展馆檐口"


def memorial_hall(p: Pen, x, name, pal, w=540, h=230):
    top = GROUND - h
    p.rect(x - 20, GROUND - 24, x + w + 20, GROUND, mix(STONE, pal.ink, 0.15))
    p.rect(x, GROUND - 48, x + w, GROUND - 24, mix(STONE, pal.ink, 0.08))
    p.rect(x + 20, top, x + w - 20, GROUND - 48, STONE)
    for cx_ in range(int(x + 60), int(x + w - 40), 70):
        p.rect(cx_ - 14, top + 80, cx_ + 14, GROUND - 48, mix(STONE, (255, 255, 255), 0.3), 0.6)
    p.rect(x, top - 20, x + w, top + 76, mix(STONE, pal.ink, 0.08))
    _sign(p, x + 50, top - 4, x + w - 50, top + 60, name, pal)
    return "带柱廊和台阶的纪念馆", "馆门上方"


def portico_hall(p: Pen, x, name, pal, w=560, h=250):
    top = GROUND - h
    p.rect(x - 20, GROUND - 26, x + w + 20, GROUND, mix(STONE, pal.ink, 0.15))
    p.rect(x, top + 60, x + w, GROUND - 26, STONE)
    for cx_ in range(int(x + 50), int(x + w), 76):
        p.rect(cx_ - 16, top + 80, cx_ + 16, GROUND - 26, mix(STONE, (255, 255, 255), 0.35), 0.6)
        for k in (-8, 0, 8):
            p.line([(cx_ + k, top + 86), (cx_ + k, GROUND - 30)], 0.2)
    p.rect(x - 10, top + 50, x + w + 10, top + 80, mix(STONE, pal.ink, 0.1))
    p.poly([(x - 20, top + 50), (x + w / 2, top - 40), (x + w + 20, top + 50)], mix(STONE, pal.ink, 0.05))
    p.circle(x + w / 2, top + 16, 20, None, 0.8)
    _sign(p, x + 70, top + 100, x + w - 70, top + 150, name, pal)
    return "带三角山花和列柱的古典式建筑", "门廊上"


def chimney(p: Pen, x, pal, h=500):
    top = GROUND - h
    p.poly([(x, GROUND), (x + 14, top), (x + 56, top), (x + 70, GROUND)], BRICK)
    for y in (top + 30, top + 46, top + 200):
        p.rect(x + 10, y, x + 60, y + 8, mix(BRICK, pal.ink, 0.4), 0.4)
    p.rect(x + 8, top - 14, x + 62, top, mix(BRICK, pal.ink, 0.5), 0.6)
    p.hatch([(x + 44, top), (x + 56, top), (x + 70, GROUND), (x + 50, GROUND)], step=7, angle=90)
    return "高烟囱"


def water_tower(p: Pen, x, pal, h=380):
    top = GROUND - h
    for lx_ in (x + 20, x + 140):
        p.line([(lx_, top + 120), (lx_ + (20 if lx_ < x + 80 else -20) * -1, GROUND)], 1.4)
    p.lattice([(x + 22, top + 120 + k * 64) for k in range(5)], [(x + 138, top + 120 + k * 64) for k in range(5)], 0.4)
    p.rect(x, top + 30, x + 160, top + 120, mix(pal.b, pal.c, 0.3))
    p.poly([(x - 8, top + 34), (x + 80, top - 20), (x + 168, top + 34)], mix(pal.b, pal.ink, 0.3))
    for y in (top + 60, top + 90):
        p.line([(x, y), (x + 160, y)], 0.4)
    return "水塔"


def crane(p: Pen, x, pal, h=420):
    top = GROUND - h
    col = pal.accent
    p.lattice([(x, GROUND - k * 80) for k in range(5)], [(x + 50, GROUND - k * 80) for k in range(5)], 0.5)
    p.line([(x, GROUND), (x, GROUND - 320)], 1.4, col)
    p.line([(x + 50, GROUND), (x + 50, GROUND - 320)], 1.4, col)
    p.rect(x - 20, GROUND - 350, x + 90, GROUND - 310, col)
    p.line([(x + 30, GROUND - 350), (x + 300, top)], 2.2, col)
    p.line([(x + 30, GROUND - 350), (x + 300, top)], 0.6)
    p.line([(x + 40, GROUND - 350), (x + 20, top + 10), (x + 300, top)], 0.5)
    p.line([(x + 300, top), (x + 300, GROUND - 180)], 0.5)
    p.rect(x + 290, GROUND - 180, x + 310, GROUND - 160, pal.dark, 0.4)
    return "门座起重机"


def bottle_kiln(p: Pen, x, pal, h=330):
    top = GROUND - h
    half = catmull([(x + 130, top), (x + 124, top + 70), (x + 200, top + 170), (x + 230, top + 260),
                    (x + 228, GROUND)], 8)
    body = half + [(2 * (x + 115) - px, py) for px, py in reversed(half)]
    p.poly(body, BRICK)
    for y in range(int(top) + 90, GROUND, 26):
        p.line([(x + 20, y), (x + 210, y)], 0.25, mix(BRICK, pal.ink, 0.4))
    p.poly(body, None, 1.0)
    p.poly([(x + 90, GROUND), (x + 90, GROUND - 60)] + arcpts(x + 115, GROUND - 60, 25, 25, 180, 360, 8)[1:] +
           [(x + 140, GROUND)], mix(BRICK, pal.ink, 0.6), 0.6)
    return "瓶形砖窑"


def tanks(p: Pen, x, pal, h=300):
    for i, tx in enumerate((x, x + 110, x + 220)):
        top = GROUND - h + i * 20
        p.rect(tx, top, tx + 90, GROUND, mix(pal.c, (255, 255, 255), 0.2))
        p.poly(arcpts(tx + 45, top + 2, 45, 26, 180, 360, 12), mix(pal.c, (255, 255, 255), 0.2))
        p.hatch([(tx + 60, top), (tx + 90, top), (tx + 90, GROUND), (tx + 60, GROUND)], step=7, angle=90)
        for y in range(int(top) + 40, GROUND, 60):
            p.line([(tx, y), (tx + 90, y)], 0.4)
    return "三座圆柱形发酵罐"


def clock_tower(p: Pen, x, pal, h=440):
    top = GROUND - h
    p.rect(x, top + 60, x + 110, GROUND, mix(pal.a, pal.c, 0.5))
    p.poly([(x - 10, top + 64), (x + 55, top), (x + 120, top + 64)], pal.b)
    p.circle(x + 55, top + 120, 34, (246, 240, 224), 0.8)
    p.line([(x + 55, top + 120), (x + 55, top + 96)], 0.8)
    p.line([(x + 55, top + 120), (x + 72, top + 128)], 0.8)
    _windows(p, x + 10, x + 100, top + 200, top + 300, 2, mix(pal.c, (190, 210, 214), 0.5))
    return "钟楼"


def mast(p: Pen, x, pal, h=460):
    top = GROUND - h
    ys = [GROUND - k * h / 7 for k in range(8)]
    p.lattice([(x + 50 - 50 * (y - top) / h, y) for y in ys], [(x + 50 + 50 * (y - top) / h, y) for y in ys], 0.5)
    p.line([(x, GROUND), (x + 50, top)], 1.4, pal.accent)
    p.line([(x + 100, GROUND), (x + 50, top)], 1.4, pal.accent)
    p.circle(x + 50, top, 8, pal.accent, 0.6)
    return "无线电铁塔"


def obelisk(p: Pen, x, pal, h=400):
    top = GROUND - h
    p.rect(x - 30, GROUND - 40, x + 130, GROUND, mix(STONE, pal.ink, 0.15))
    p.poly([(x + 10, GROUND - 40), (x + 30, top + 40), (x + 50, top), (x + 70, top + 40), (x + 90, GROUND - 40)],
           STONE)
    p.hatch([(x + 50, top), (x + 70, top + 40), (x + 90, GROUND - 40), (x + 50, GROUND - 40)], step=8, angle=90)
    return "方尖碑式纪念碑"


def motif_on_plinth(p: Pen, name, pal, variant, x, w, h, plinth=True):
    """An artifact motif drawn as a monument or display piece standing on the ground."""
    m = MOTIFS[name]
    ph = 40 if plinth else 0
    s = min(w / m.w, h / m.h)
    ox = x + (w - m.w * s) / 2
    oy = GROUND - ph - m.h * s
    if plinth:
        p.rect(ox + m.w * s * 0.1, GROUND - ph, ox + m.w * s * 0.9, GROUND, mix(STONE, pal.ink, 0.12))
    sub = Pen(p.im, p.x0 + ox * p.s, p.y0 + oy * p.s, p.s * s, pal, max(2.0, p.weight * 0.8))
    m.draw(sub, pal, variant)
    return (m.w * s)


# what each industry adds to a museum's picture: (drawer, width, what it is in Chinese)
def _feature(kind, museum_name=""):
    """(key, drawer, width): what an industry adds beside a museum's building."""
    def make(name, variant="", w=300, h=440, plinth=False, label=None):
        def draw(p, x, pal):
            motif_on_plinth(p, name, pal, variant, x, w, h, plinth)
            return label or MOTIFS[name].label
        return name, draw, w

    def own(key, fn, w):
        return key, fn, w
    crane_ = own("crane", lambda p, x, pal: crane(p, x, pal), 330)
    table = {
        "steel": make("blast_furnace", w=330, h=460),
        "coal": make("headframe", w=330, h=500, label="矿井井架"),
        "petroleum": make("drilling_rig", w=240, h=480, label="钻井井架"),
        "salt": make("drilling_rig", w=230, h=520, label="高高的木制井架（天车）"),
        "aerospace": make("rocket", w=150, h=480, plinth=True, label="竖立的运载火箭"),
        "aviation": make("airliner", w=520, h=260, plinth=True, label="陈列在基座上的飞机"),
        "nuclear": make("atom", w=240, h=280, plinth=True, label="原子结构雕塑"),
        "printing": make("book", w=260, h=220, plinth=True, label="翻开的书本雕塑"),
        "textile": own("water_tower", lambda p, x, pal: water_tower(p, x, pal), 170),
        "machinery": crane_,
        "shipbuilding": crane_,
        "ceramics": own("kiln", lambda p, x, pal: bottle_kiln(p, x, pal), 240),
        "food-and-drink": (own("tanks", lambda p, x, pal: tanks(p, x, pal), 320) if "啤酒" in museum_name
                           else make("cask", w=300, h=240, label="巨大的橡木酒桶")),
        "telecom": own("clock", lambda p, x, pal: clock_tower(p, x, pal), 120),
        "electronics": own("mast", lambda p, x, pal: mast(p, x, pal), 110),
        "mint": own("obelisk", lambda p, x, pal: obelisk(p, x, pal), 110),
        "arms": own("chimney", lambda p, x, pal: chimney(p, x, pal, 420), 80),
    }
    return table.get(kind)


def tree(p: Pen, x, pal):
    green = mix((110, 134, 96), pal.paper, 0.25)
    p.rect(x + 34, GROUND - 90, x + 46, GROUND, (104, 80, 58), 0.5)
    for cx, cy, r in ((40, GROUND - 150, 46), (20, GROUND - 110, 34), (62, GROUND - 108, 34)):
        p.circle(x + cx, cy, r, green, 0.7)
    p.hatch(("ellipse", x + 58, GROUND - 120, 40, 50), step=8, angle=60, strength=80,
            clip=("ellipse", x + 40, GROUND - 150, 46, 46))


FOREGROUND = {  # things standing in front of the building
    "railway": ("steam_loco", "", 620, 200, "一台陈列的蒸汽机车"),
    "automotive": ("sedan", "", 380, 140, "一辆陈列的轿车"),
    "shipbuilding": ("steamship", "", 400, 220, "一艘船的模型"),
    "农": ("tractor", "", 300, 170, "一台陈列的拖拉机"),
}


def scene(rec: dict, pal: Palette) -> tuple[Image.Image, str]:
    W, H = SCENE
    name = rec["title_zh"]
    inds = rec["industries"] or [""]
    mtype = rec["data"].get("type", "")
    rnd = random.Random(seed_of("museum", rec["id"]))
    im = paper(W, H, mix(pal.paper, (255, 255, 255), 0.25)).convert("RGBA")
    layer = Image.new("RGBA", (W * SS, H * SS), (0, 0, 0, 0))
    sky = Pen(layer, 0, 0, SS, pal, 2.6 * SS)
    sun_x = rnd.choice((220, 1380))
    sky.circle(sun_x, 170, 64, mix(pal.paper, pal.accent, 0.25), 0)
    for k in range(3):
        cy = 120 + k * 40 + rnd.randint(0, 20)
        cx = rnd.randint(300, 1300)
        sky.line([(cx - 120, cy), (cx + 120, cy)], 0.5, mix(pal.paper, pal.ink, 0.25))
    sky.rect(0, GROUND, W, H, mix(pal.paper, pal.ink, 0.1), 0)
    sky.line([(0, GROUND), (W, GROUND)], 1.0)
    for k in range(1, 5):
        y = GROUND + k * 16
        for x in range(40 + k * 30, W - 40, 90):
            sky.line([(x, y), (x + 50 - k * 8, y)], 0.4)
    # choose the pieces
    if "mint" in inds:
        main = portico_hall
    elif mtype == "memorial":
        main = memorial_hall
    elif mtype in ("industry", "science"):
        main = modern_hall
    else:
        main = sawtooth_hall
    main_w = {sawtooth_hall: 560, modern_hall: 600, memorial_hall: 540, portico_hall: 560}[main]
    features, keys = [], set()
    for ind in inds:
        f = _feature(ind, name)
        if f and f[0] not in keys:
            keys.add(f[0])
            features.append(f[1:])
    factory = main is sawtooth_hall
    left, right = [], []
    for i, f in enumerate(features[:3]):
        (left if i % 2 == 0 else right).append(f)
    extras = []
    if factory:
        extras.append((lambda p, x, pal: chimney(p, x, pal), 80))
        if len(features) < 2:
            extras.append((lambda p, x, pal: water_tower(p, x, pal), 170))
    right = extras + right
    pieces = left + [("MAIN", main_w)] + right
    # the buildings are drawn a little larger than life (ZOOM) when they fit, all on the same ground line
    gap = 44
    total = sum(w for _, w in pieces) + gap * (len(pieces) - 1)
    zoom = min(1.3, (W - 80) / total)
    p = Pen(layer, 0, GROUND * (1 - zoom) * SS, SS * zoom, pal, 2.4 * SS)
    VW = W / zoom
    x = (VW - total) / 2
    # trees where there is room, behind everything else
    trees = []
    for tx in (x - 110, x + total + 30):
        if 10 < tx < VW - 90:
            trees.append(tx)
    for tx in trees:
        tree(p, tx, pal)
    labels, sign_where = [], ""
    for fn, w in pieces:
        if fn == "MAIN":
            label, sign_where = main(p, x, name, pal)
            labels.insert(0, label)
        else:
            labels.append(fn(p, x, pal))
        x += w + gap
    if trees:
        labels.append("树木")
    fore = [FOREGROUND[k] for k in (["农"] if "农" in name else []) + inds if k in FOREGROUND]
    for mname, variant, fw, fh, label in fore[:1]:
        if True:
            fx = rnd.choice((30, VW - 30 - fw))
            m = MOTIFS[mname]
            s_ = min(fw / m.w, fh / m.h)
            sub = Pen(layer, p.x0 + (fx + (fw - m.w * s_) / 2) * p.s, p.y0 + (GROUND + 56 - m.h * s_) * p.s, p.s * s_,
                      pal, 2.2 * SS)
            m.draw(sub, pal, variant)
            labels.append(label)
    art = shrink(layer, (W, H))
    im = Image.alpha_composite(im, art)
    d = ImageDraw.Draw(im)
    soft = mix(pal.ink, pal.paper, 0.45)
    d.rectangle([0, 892, W, H], fill=mix(pal.paper, (255, 255, 255), 0.15))
    d.line([(0, 892), (W, 892)], fill=soft, width=2)
    d.text((60, 944), name, font=fit_text(d, name, W - 700, range(46, 27, -2)), fill=pal.ink, anchor="ls",
           stroke_width=1, stroke_fill=pal.ink)
    d.text((60, 980), MUSEUM_LINE, font=font(24), fill=soft, anchor="ls")
    city = text_of(rec["data"].get("city"))
    if city or rec["title_en"]:
        d.text((W - 60, 944), rec["title_en"], font=fit_text(d, rec["title_en"], 600, range(26, 15, -1)), fill=soft,
               anchor="rs")
        d.text((W - 60, 980), city, font=font(24), fill=soft, anchor="rs")
    seen = []
    for label in labels:
        if label not in seen:
            seen.append(label)
    alt = (f"示意图：{name}的风格化建筑立面插图，画面上有{'、'.join(seen)}，{sign_where}的招牌上写着“{name}”。"
           "这是本馆绘制的示意图，不是该馆建筑的真实外观。")
    return im, alt


# --- exhibitions: a poster banner ----------------------------------------------------------------------
BANNER = (1920, 800)


def luminance(c):
    return 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2]


def banner(rec: dict, items: list[tuple[str, str, Palette]], pal: Palette) -> tuple[Image.Image, str]:
    """An exhibition's cover: its objects drawn in a row on a light band in a dark frame. No words are
    drawn: the title is the page's text (in the page's language), and a card may show the cover at
    any width without cutting through a word."""
    W, H = BANNER
    base = min((pal.a, pal.b), key=luminance)
    bg = mix(base, (24, 24, 28), 0.35)
    im = paper(W, H, bg, strength=0.6).convert("RGBA")
    fg = mix(pal.paper, (255, 255, 255), 0.3)
    soft = mix(fg, bg, 0.35)
    d = ImageDraw.Draw(im)
    for x in range(-H, W, 28):
        d.line([(x, 0), (x + H * 0.6, H)], fill=mix(bg, (0, 0, 0), 0.06), width=2)
    band_top, band_bot = 70, H - 70
    d.rectangle([0, band_top, W, band_bot], fill=pal.paper)
    d.line([(0, band_top + 10), (W, band_top + 10)], fill=soft, width=2)
    d.line([(0, band_bot - 10), (W, band_bot - 10)], fill=soft, width=2)
    layer = Image.new("RGBA", (W * SS, H * SS), (0, 0, 0, 0))
    n = max(1, len(items))
    slot = (W - 120) / n
    for i, (mname, variant, ipal) in enumerate(items):
        x0 = 60 + i * slot
        place_motif(layer, MOTIFS[mname], ipal, variant,
                    ((x0 + 24) * SS, (band_top + 60) * SS, (x0 + slot - 24) * SS, (band_bot - 60) * SS), 1.8 * SS)
    im = Image.alpha_composite(im, shrink(layer, (W, H)))
    labels = "、".join(MOTIFS[m].label for m, _, _ in items)
    alt = (f"示意图：展览封面插图，深色边框里的浅色长条上从左到右画着{labels}的线描小图，图中没有文字。"
           f"这是本馆绘制的宣传插图，不是展览现场照片。")
    return im, alt


def do_museums(only, write_records, results, failures):
    for rec in load("museums"):
        if only and rec["id"] not in only:
            continue
        own = own_image(rec["data"], "museum")
        if own is False:
            continue
        pal = palette(rec["industries"][0] if rec["industries"] else None)
        im, alt = scene(rec, pal)
        rel = f"media/illustrations/museums/{rec['id']}.png"
        written = save(im, COLLECTIONS / rel, None)
        res = Result("museum", rec["id"], COLLECTIONS / rel, written, "+".join(rec["industries"]))
        if own is None and write_records:
            text, _ = image_block("museum", rel, alt)
            append_field(rec["path"], text)
            res.added = True
        results.append(res)


def do_exhibitions(only, write_records, results, failures):
    artifacts = {r["id"]: r for r in load("artifacts")}
    for rec in load("exhibitions"):
        if only and rec["id"] not in only:
            continue
        own = own_image(rec["data"], "exhibition")
        if own is False:
            continue
        sections, inds = [], []
        for section in rec["data"].get("sections") or []:
            found = []
            for aid in (section or {}).get("artifacts") or []:
                art = artifacts.get(str(aid))
                if art:
                    inds.append(art["industry"])
                    chosen = choose_motif(art)
                    if chosen:
                        found.append((chosen, art["industry"]))
            sections.append(found)
        # at most seven pictures, taken in turn from each section, shown in the exhibition's order
        order = [(i, j) for j in range(max((len(f) for f in sections), default=0)) for i in range(len(sections))]
        picked, seen = [], set()
        for i, j in order:
            if j < len(sections[i]) and sections[i][j][0] not in seen and len(picked) < 7:
                seen.add(sections[i][j][0])
                picked.append((i, j))
        items = [(sections[i][j][0][0], sections[i][j][0][1], palette(sections[i][j][1])) for i, j in sorted(picked)]
        if not items:
            failures.append(f"exhibition {rec['id']}: 没有可画的展品 / no artifacts to draw")
            continue
        main_ind = max(dict.fromkeys(inds), key=inds.count) if inds else None
        pal = palette(main_ind)
        im, alt = banner(rec, items, pal)
        rel = f"media/illustrations/exhibitions/{rec['id']}.png"
        written = save(im, COLLECTIONS / rel, None)
        res = Result("exhibition", rec["id"], COLLECTIONS / rel, written, "、".join(m for m, _, _ in items))
        if own is None and write_records:
            text, _ = image_block("exhibition", rel, alt)
            append_field(rec["path"], text)
            res.added = True
        results.append(res)


# --- choosing a motif for a record ----------------------------------------------------------------------
# (words in the title or tags, motif, variant); the first rule that matches wins, so the specific
# ones come before the general ones.
RULES = [
    (("潜水器",), "submersible", ""),
    (("破冰",), "icebreaker", ""),
    (("万吨轮", "货轮"), "freighter", ""),
    (("轮船",), "steamship", ""),
    (("运载火箭", "火箭"), "rocket", ""),
    (("人造卫星", "卫星"), "satellite", ""),
    (("探月", "月球车"), "lunar_lander", ""),
    (("原子弹",), "atom", ""),
    (("核电",), "nuclear_plant", ""),
    (("预警机",), "awacs", ""),
    (("大飞机", "客机"), "airliner", ""),
    (("歼击机",), "jet_fighter", "swept"),
    (("战斗机",), "jet_fighter", "delta"),
    (("运输机",), "biplane", ""),
    (("教练机",), "prop_trainer", ""),
    (("动车组", "高速铁路"), "hsr", ""),
    (("电力机车",), "electric_loco", ""),
    (("内燃机车",), "diesel_loco", ""),
    (("蒸汽机车",), "steam_loco", ""),
    (("载货汽车", "卡车"), "truck", ""),
    (("轿车", "汽车"), "sedan", ""),
    (("拖拉机",), "tractor", ""),
    (("水压机",), "hydraulic_press", ""),
    (("插床",), "slotting_machine", ""),
    (("车床", "机床"), "lathe", ""),
    (("吊钳",), "tongs", ""),
    (("铝盔", "安全帽"), "helmet", ""),
    (("矿灯", "电石灯"), "miner_lamp", ""),
    (("钻机", "钻井"), "drilling_rig", ""),
    (("矿井", "一号井", "煤矿"), "headframe", ""),
    (("高炉",), "blast_furnace", ""),
    (("钢轨",), "rail", ""),
    (("步枪", "枪"), "rifle", ""),
    (("手表",), "watch", ""),
    (("自行车",), "bicycle", ""),
    (("缝纫机",), "sewing_machine", ""),
    (("收音机",), "radio", ""),
    (("电视机",), "television", ""),
    (("计算机", "巨型机"), "computer", ""),
    (("交换机",), "switch", ""),
    (("纪念邮票",), "stamp", "lantern"),
    (("邮票",), "stamp", ""),
    (("人民币", "纸币"), "banknote", ""),
    (("奖牌",), "medal", ""),
    (("银币", "银元", "造币", "钱币"), "coin", ""),
    (("酒桶",), "cask", ""),
    (("电机",), "motor", ""),
    (("纯碱",), "sack", ""),
    (("激光照排",), "typesetter", ""),
    (("辞源", "辞书", "出版", "书"), "book", ""),
    (("衬衫", "服装"), "shirt", ""),
    (("织锦", "丝绸"), "brocade", ""),
    (("青花", "花瓶", "玲珑"), "vase", ""),
    (("瓷",), "bowl", ""),
    (("葡萄酒",), "wine_bottle", ""),
    (("啤酒",), "beer_bottle", ""),
]
INDUSTRY_MOTIF = {
    "steel": "blast_furnace", "coal": "headframe", "petroleum": "drilling_rig", "machinery": "lathe",
    "automotive": "sedan", "railway": "steam_loco", "shipbuilding": "steamship", "aviation": "airliner",
    "aerospace": "rocket", "electronics": "radio", "light-industry": "sewing_machine", "textile": "brocade",
    "ceramics": "vase", "food-and-drink": "wine_bottle", "mint": "coin", "telecom": "stamp", "printing": "book",
    "nuclear": "atom", "arms": "rifle", "chemical": "sack",
}


def choose_motif(rec: dict) -> tuple[str, str] | None:
    words = rec["title_zh"] + " " + " ".join(rec["tags"])
    for keys, name, variant in RULES:
        if any(k in words for k in keys) and name in MOTIFS:
            break
    else:
        name, variant = INDUSTRY_MOTIF.get(rec["industry"] or ""), ""
        if name not in MOTIFS:
            return None
    if name == "sedan" and rec["start"] and rec["start"] >= 1980:
        variant = "boxy"
    if name == "steam_loco" and rec["start"] and rec["start"] < 1900:
        variant = "early"
    return name, variant


# --- reading the records --------------------------------------------------------------------------------
def text_of(value, lang="zh") -> str:
    if isinstance(value, dict):
        return str(value.get(lang) or "")
    return str(value or "") if lang == "zh" else ""


def date_text(value) -> tuple[str, int | None]:
    if value is None:
        return "", None
    if isinstance(value, dict):
        return str(value.get("display", "")), value.get("start")
    if hasattr(value, "isoformat"):
        value = value.isoformat()
    s = str(value).strip()
    m = re.match(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$", s)
    if not m:
        return s, None
    parts = [g for g in m.groups() if g]
    return "".join(f"{int(p) if i else p}{u}" for i, (p, u) in enumerate(zip(parts, "年月日"))), int(m.group(1))


def load(kind_dir: str) -> list[dict]:
    out = []
    for path in sorted((COLLECTIONS / kind_dir).glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            print(f"跳过 {path.relative_to(ROOT)}：YAML 无法解析 ({exc})", file=sys.stderr)
            continue
        if not isinstance(data, dict):
            continue
        rec = {"id": path.stem, "path": path, "data": data}
        title = data.get("title") or data.get("name")
        rec["title_zh"] = text_of(title)
        rec["title_en"] = text_of(title, "en")
        rec["industry"] = data.get("industry")
        rec["industries"] = list(data.get("industries") or ([data["industry"]] if data.get("industry") else []))
        rec["tags"] = [str(t) for t in (data.get("tags") or [])]
        rec["date_text"], rec["start"] = date_text(data.get("date"))
        out.append(rec)
    return out


@lru_cache(maxsize=1)
def industry_labels() -> dict[str, str]:
    try:
        data = yaml.safe_load((COLLECTIONS / "vocab" / "industries.yaml").read_text(encoding="utf-8"))
        return {e["id"]: text_of(e["label"]) for e in data["entries"]}
    except (OSError, KeyError, TypeError, yaml.YAMLError):
        return {}


# --- writing the files ----------------------------------------------------------------------------------
def icc_profile_bytes() -> bytes:
    """A small ICC v2 display profile that is not sRGB: Adobe-RGB-like primaries, gamma 2.2.
    Built by hand (header, tag table, XYZ/curve/text tags) because Pillow cannot make one."""
    def s15(v):
        return struct.pack(">i", round(v * 65536))

    def xyz(x, y, z):
        return b"XYZ " + b"\0" * 4 + s15(x) + s15(y) + s15(z)

    def curve(gamma):
        return b"curv" + b"\0" * 4 + struct.pack(">I", 1) + struct.pack(">H", round(gamma * 256)) + b"\0\0"

    def desc(s):
        a = s.encode("ascii") + b"\0"
        return (b"desc" + b"\0" * 4 + struct.pack(">I", len(a)) + a + struct.pack(">II", 0, 0)
                + struct.pack(">HB", 0, 0) + b"\0" * 67)

    def text(s):
        return b"text" + b"\0" * 4 + s.encode("ascii") + b"\0"

    tags = [
        (b"desc", desc("NDIM illustration RGB (wide-gamut primaries, gamma 2.2)")),
        (b"cprt", text("No copyright, use freely (CC0)")),
        (b"wtpt", xyz(0.9642, 1.0, 0.8249)),
        (b"rXYZ", xyz(0.6097, 0.3111, 0.0195)),
        (b"gXYZ", xyz(0.2053, 0.6257, 0.0609)),
        (b"bXYZ", xyz(0.1492, 0.0632, 0.7446)),
        (b"rTRC", curve(2.2)),
        (b"gTRC", curve(2.2)),
        (b"bTRC", curve(2.2)),
    ]
    offset = 128 + 4 + 12 * len(tags)
    table, body = b"", b""
    for sig, data in tags:
        while (offset + len(body)) % 4:
            body += b"\0"
        table += sig + struct.pack(">II", offset + len(body), len(data))
        body += data
    while len(body) % 4:
        body += b"\0"
    size = offset + len(body)
    header = (struct.pack(">I", size) + b"lcms" + struct.pack(">I", 0x02100000) + b"mntrRGB XYZ "
              + struct.pack(">6H", 2026, 1, 1, 0, 0, 0) + b"acsp" + b"\0" * 4 + struct.pack(">I", 0)
              + b"\0" * 8 + b"\0" * 8 + struct.pack(">I", 0) + s15(0.9642) + s15(1.0) + s15(0.8249)
              + b"NDIM" + b"\0" * 16 + b"\0" * 28)
    assert len(header) == 128
    return header + struct.pack(">I", len(tags)) + table + body


def save(im: Image.Image, path: Path, form: str | None) -> str:
    """Write the picture in its form; return the mode/format actually written (for the report)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if form == "exif6":
        # Stored turned a quarter anticlockwise; Orientation 6 tells a viewer to turn it back clockwise.
        stored = im.convert("RGB").transpose(Image.Transpose.ROTATE_90)
        exif = Image.Exif()
        exif[0x0112] = 6
        exif[0x0131] = "tools/illustrate.py"
        stored.save(path, "JPEG", quality=86, optimize=True, exif=exif.tobytes())
        return "JPEG, EXIF Orientation 6"
    if form == "cmyk":
        im.convert("RGB").convert("CMYK").save(path, "JPEG", quality=88, optimize=True)
        return "JPEG, CMYK"
    if form == "icc":
        profile = icc_profile_bytes()
        srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
        wide = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        converted = ImageCms.profileToProfile(im.convert("RGB"), srgb, wide, outputMode="RGB")
        converted.save(path, "JPEG", quality=88, optimize=True, icc_profile=profile)
        return "JPEG, embedded non-sRGB ICC profile"
    if form == "palette":
        im.convert("RGB").quantize(colors=96, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
            path, "PNG", optimize=True)
        return "PNG, palette (P)"
    if form == "rgba":
        im.convert("RGBA").save(path, "PNG", optimize=True)
        return "PNG, RGBA with transparency"
    if form == "grey16":
        grey = im.convert("L")
        wide = grey.convert("I").point(lambda v: v * 257).convert("I;16")
        wide.save(path, "PNG")
        return "PNG, 16-bit greyscale (I;16)"
    im = im.convert("RGB")
    if path.suffix == ".jpg":
        im.save(path, "JPEG", quality=88, optimize=True)
        return "JPEG"
    im.save(path, "PNG", optimize=True)
    return "PNG, RGB"


# --- the records' new fields ----------------------------------------------------------------------------
def yaml_plain(s: str) -> str:
    """The string as a plain YAML scalar when that reads back identically, else double-quoted."""
    try:
        if yaml.safe_load(f"k: {s}") == {"k": s} and not s.startswith(("'", '"', "{", "[")):
            return s
    except yaml.YAMLError:
        pass
    return json.dumps(s, ensure_ascii=False)


def image_block(kind: str, src: str, alt: str) -> tuple[str, dict]:
    zh, en = CREDIT[kind]
    fields = [f"src: {src}", f"alt: {yaml_plain(alt)}", f"credit: {{zh: {zh}, en: {en}}}", f"license: {LICENSE}"]
    if kind == "exhibition":
        text = "cover:\n" + "".join(f"  {f}\n" for f in fields)
    else:
        text = "images:\n" + f"  - {fields[0]}\n" + "".join(f"    {f}\n" for f in fields[1:])
    parsed = yaml.safe_load(text)
    expect = {"src": src, "alt": alt, "credit": {"zh": zh, "en": en}, "license": LICENSE}
    assert parsed == ({"cover": expect} if kind == "exhibition" else {"images": [expect]}), text
    return text, expect


def own_image(data: dict, kind: str) -> bool | None:
    """None: no picture yet; True: ours (redraw it); False: the curators' own picture (leave it)."""
    field_ = data.get("cover") if kind == "exhibition" else data.get("images")
    if not field_:
        return None
    items = [field_] if isinstance(field_, dict) else field_
    return all(isinstance(i, dict) and str(i.get("src", "")).startswith("media/illustrations/") for i in items)


def append_field(path: Path, text: str) -> None:
    raw = path.read_bytes()
    if raw and not raw.endswith(b"\n"):
        raw += b"\n"
    path.write_bytes(raw + text.encode("utf-8"))


@dataclass
class Result:
    kind: str
    id: str
    path: Path
    form: str
    motif: str = ""
    added: bool = False


def artifact_alt(rec, mname, variant, pal, form) -> str:
    m = MOTIFS[mname]
    desc = m.describe(pal, variant).replace("的示意图", "").replace("示意图", "图").replace("：", "，", 1)
    if form == "grey16":
        desc += "，画面为灰度"
    if form == "rgba":
        desc += "，背景透明"
    return f"示意图：{desc}。图下方印有名称和年代。这是按此类物品绘制的插图，不是该藏品的照片。"


def do_artifacts(only, write_records, results, failures):
    labels = industry_labels()
    for rec in load("artifacts"):
        if only and rec["id"] not in only:
            continue
        own = own_image(rec["data"], "artifact")
        if own is False:
            continue
        chosen = choose_motif(rec)
        if not chosen:
            failures.append(f"artifact {rec['id']}: 没有合适的图样 / no motif fits")
            continue
        mname, variant = chosen
        pal = palette(rec["industry"])
        form = SPECIAL.get(rec["id"])
        im = plate(rec, mname, variant, pal, labels.get(rec["industry"] or "", ""), transparent=form == "rgba")
        rel = f"media/illustrations/artifacts/{rec['id']}.{EXT.get(form, 'png')}"
        written = save(im, COLLECTIONS / rel, form)
        res = Result("artifact", rec["id"], COLLECTIONS / rel, written, f"{mname}{'/' + variant if variant else ''}")
        if own is None and write_records:
            text, _ = image_block("artifact", rel, artifact_alt(rec, mname, variant, pal, form))
            append_field(rec["path"], text)
            res.added = True
        results.append(res)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--no-records", action="store_true", help="draw the files only; do not edit records")
    ap.add_argument("--only", nargs="*", default=None, help="only these record ids")
    args = ap.parse_args(argv)
    only = set(args.only or [])
    results: list[Result] = []
    failures: list[str] = []
    do_artifacts(only, not args.no_records, results, failures)
    do_museums(only, not args.no_records, results, failures)
    do_exhibitions(only, not args.no_records, results, failures)
    total = 0
    for r in results:
        size = r.path.stat().st_size
        total += size
        note = " [+record]" if r.added else ""
        print(f"{r.path.relative_to(COLLECTIONS)}  {size / 1024:.0f} KB  {r.form}  {r.motif}{note}")
    print(f"{len(results)} 个文件，共 {total / 1024 / 1024:.1f} MB")
    for f in failures:
        print(f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
