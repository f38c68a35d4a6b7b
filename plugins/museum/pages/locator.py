"""The locator map's projection: where a longitude and latitude fall on the small map of China.

A heritage site's or museum's page shows a small map (位置示意图): China's province outlines, one
shared file (``assets/map/china-provinces.svg``, made by ``tools/make_map_data.py`` from the map's
GeoJSON outlines through this same projection), with the place's dot drawn over it in the page's own
few lines of SVG. So the map needs no script, asks no other host, and no page grows with the collection.

Plate carrée with longitudes shortened by cos 36° (China's middle latitude), so that shapes look right
at this size; it is a sketch of where, not a survey.
"""

from __future__ import annotations

import math

OUTLINES_SVG = "assets/map/china-provinces.svg"
# The view: China's outlines (73.5–135.1° E, 18.1–53.6° N, the 南海诸岛 inset included) with a margin;
# the Spratly and Paracel islands lie south of it, and a dot there is kept on the map's edge.
WEST, EAST, SOUTH, NORTH = 73.0, 136.0, 17.0, 54.0
SCALE = 6.0  # map units per degree of latitude
ASPECT = math.cos(math.radians(36.0))
WIDTH = round((EAST - WEST) * SCALE * ASPECT)
HEIGHT = round((NORTH - SOUTH) * SCALE)


def project(lat: float, lon: float) -> tuple[float, float]:
    """(x, y) in the map's units, from its top left corner; a place outside the view is kept on its edge."""
    x = (min(max(lon, WEST), EAST) - WEST) * SCALE * ASPECT
    y = (NORTH - min(max(lat, SOUTH), NORTH)) * SCALE
    return round(x, 1), round(y, 1)
