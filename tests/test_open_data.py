"""Open data: the data package, the Atom feed and the sitemap's dates, as a program reusing the museum reads them."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from frictionless import validate

import hostile
from museum.catalogue.check import check_collection
from museum.media.pictures import SourceHashes
from museum.output.datapackage import write_package
from museum.output.feed import SIZE, latest, record_dates, write_feeds
from museum.output.manifests import write_iiif
from museum.pages.geo import Placer
from museum.pages.opendata import FORMULA_START, RESOURCES, OpenData, inert
from museum.pages.spec import Pictures
from museum.records.history import History
from museum.records.models import KINDS

ATOM = "{http://www.w3.org/2005/Atom}"
SITE_URL = "http://127.0.0.1:8000/"  # the sample site's address (mkdocs.yml has none; the default)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    return hostile.build_once(tmp_path_factory)


@pytest.fixture(scope="module")
def sample_catalogue(root):
    cat, problems = check_collection(root / "collections", root=root)
    assert not problems
    return cat


def lines(site: Path) -> list[dict]:
    with (site / "data" / "records.jsonl").open(encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def tables(site: Path) -> dict[str, list[dict]]:
    found = {}
    for resource in RESOURCES:
        if resource.kind:
            with (site / "data" / resource.path).open(encoding="utf-8", newline="") as f:
                found[resource.kind] = list(csv.DictReader(f))
    return found


def problems_of(report) -> list:
    return report.flatten(["resourcePath", "rowNumber", "fieldName", "type", "note"])


# --- the package --------------------------------------------------------------------------------
def test_the_sample_package_passes_frictionless_validate(sample_site):
    report = validate(sample_site / "data" / "datapackage.json")
    assert report.valid, problems_of(report)[:20]


def test_a_hostile_collection_gives_a_valid_package(hostile_site):
    report = validate(hostile_site / "data" / "datapackage.json")
    assert report.valid, problems_of(report)[:20]


def test_the_package_describes_every_file_it_ships(sample_site):
    package = json.loads((sample_site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    shipped = {p.name for p in (sample_site / "data").iterdir()} - {"datapackage.json", "index.html"}
    assert {r["path"] for r in package["resources"]} == shipped
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    for resource in package["resources"]:
        assert resource["licenses"] and resource["encoding"] == "utf-8"
    assert "position" in package["description"] and "withheld" in package["description"]


def test_every_record_is_one_row_of_its_kind_and_one_line(sample_site, sample_catalogue):
    rows = tables(sample_site)
    for kind, table in sample_catalogue.records.items():
        assert [row["id"] for row in rows[kind]] == list(table), kind
    assert [(line["kind"], line["id"]) for line in lines(sample_site)] == [
        (kind, rid) for kind, table in sample_catalogue.records.items() for rid in table]


def test_the_full_records_round_trip(sample_site, sample_catalogue):
    """Each line's record, read back by its kind's model, is the record the catalogue holds."""
    for line in lines(sample_site):
        original = sample_catalogue.records[line["kind"]][line["id"]]
        again = KINDS[line["kind"]].model.model_validate({**line["record"], "id": line["id"]})
        assert again.model_dump() == original.model_dump(), line["id"]
        assert "withheld" not in line  # (the sample's pictures and texts may all be reused)


def test_a_cell_a_spreadsheet_would_run_is_exported_inert(hostile_site):
    rows = tables(hostile_site)
    cells = [cell for table in rows.values() for row in table for cell in row.values()]
    for formula in hostile.FORMULAS.values():
        assert formula not in cells
        assert "'" + formula in cells
    package = json.loads((hostile_site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        if resource.get("schema"):
            text_columns = [f["name"] for f in resource["schema"]["fields"] if f["type"] == "string"]
            for row in rows[next(k for k, v in KINDS.items() if v.folder == resource["name"])]:
                for name in text_columns:
                    assert not row[name].startswith(FORMULA_START), (resource["name"], name, row[name])


@pytest.mark.parametrize("cell, shown", [("=1+1", "'=1+1"), ("+86 10", "'+86 10"), ("-3", "'-3"),
                                         ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"), ("解放", "解放"),
                                         ("1=1", "1=1"), ("", "")])
def test_inert(cell, shown):
    assert inert(cell) == shown


def test_what_a_licence_forbids_is_left_out_and_said(hostile_site):
    """The hostile artifact's pictures carry a licence no one can read, and its rights forbid reuse (unknown text)."""
    line = next(line for line in lines(hostile_site) if line["id"] == hostile.IDS["artifact"])
    assert not line["record"].get("images") and not line["pictures"]
    assert "description" not in line["record"] and "significance" not in line["record"]
    assert set(line["withheld"]) >= {"images.0", "images.1", "description", "significance", "provenance"}
    row = next(r for r in tables(hostile_site)["artifact"] if r["id"] == hostile.IDS["artifact"])
    assert row["images"] == "0" and row["description_zh"] == "" and row["significance_zh"] == ""
    page = (hostile_site / "data" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"目前有 [1-9]\d* 张图片、[1-9]\d* 件藏品的说明文字", page)


def test_places_say_how_precise_they_are(sample_site, sample_catalogue):
    places = json.loads((sample_site / "data" / "places.geojson").read_text(encoding="utf-8"))
    features = places["features"]
    assert len(features) == len(sample_catalogue.museums) + len(sample_catalogue.heritage)
    assert {f["properties"]["position"] for f in features} <= {"exact", "approximate", "district", "city", "province"}
    lon, lat = features[0]["geometry"]["coordinates"]
    assert 73 < lon < 136 and 18 < lat < 54  # (GeoJSON is longitude first)
    stops = {f["id"]: f["properties"]["routes"] for f in features}
    route = next(iter(sample_catalogue.routes.values()))
    assert route.id in stops[str(route.stops[0].stop)]


def test_the_downloads_page_in_both_languages(sample_site):
    for folder, words in (("data", "数据下载"), ("en/data", "Data downloads")):
        page = (sample_site / folder / "index.html").read_text(encoding="utf-8")
        assert f"<h1>{words}</h1>" in page
        for resource in RESOURCES:
            assert f'{resource.path}" type="{resource.mediatype}"' in page
        dataset = [json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page)]
        assert any(d.get("@type") == "Dataset" and len(d["distribution"]) == len(RESOURCES) + 1 for d in dataset)


# --- deterministic, from the catalogue alone -----------------------------------------------------
def _export(cat, site: Path) -> dict[str, str]:
    pictures = Pictures(cat, SourceHashes(None))
    write_package(OpenData(cat, Placer(cat), SITE_URL), pictures, site, SITE_URL)
    write_iiif(cat, pictures, site, SITE_URL)
    write_feeds(cat, record_dates(cat), site, SITE_URL, ("zh", "en"))
    return {str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(site.rglob("*"))
            if p.is_file()}


def test_the_same_collection_gives_the_same_bytes(mini_checked, tmp_path):
    cat, problems = mini_checked
    assert not problems
    first, second = _export(cat, tmp_path / "a"), _export(cat, tmp_path / "b")
    assert first == second
    assert "data/datapackage.json" in first and "feed.xml" in first and "en/feed.xml" in first


# --- the feed -----------------------------------------------------------------------------------
def test_the_feed_parses_and_lists_the_latest_changes(sample_site, sample_catalogue):
    for lang, prefix in (("zh", ""), ("en", "en/")):
        feed = ET.parse(sample_site / prefix / "feed.xml").getroot()
        assert feed.tag == f"{ATOM}feed"
        assert feed.find(f"{ATOM}link[@rel='self']").get("href") == f"{SITE_URL}{prefix}feed.xml"
        entries = feed.findall(f"{ATOM}entry")
        total = sum(len(t) for t in sample_catalogue.records.values())
        assert len(entries) == min(SIZE, total)
        updated = [e.find(f"{ATOM}updated").text for e in entries]
        assert updated == sorted(updated, reverse=True)  # newest first
        for entry in entries:
            link = entry.find(f"{ATOM}link").get("href")
            assert entry.find(f"{ATOM}id").text == link and link.startswith(SITE_URL + prefix)
            assert entry.find(f"{ATOM}title").text and entry.find(f"{ATOM}published").text
            path = link.removeprefix(SITE_URL)
            assert (sample_site / path / "index.html").exists(), path


def test_every_page_links_the_feed_of_its_language(sample_site):
    for path, feed in (("index.html", "feed.xml"), ("about/index.html", "feed.xml"),
                       ("artifacts/jiefang-ca10-truck/index.html", "feed.xml"), ("en/index.html", "en/feed.xml"),
                       ("en/about/index.html", "en/feed.xml"), ("en/heritage/index.html", "en/feed.xml")):
        page = (sample_site / path).read_text(encoding="utf-8")
        assert f'<link rel="alternate" type="application/atom+xml" href="{SITE_URL}{feed}"' in page, path


def test_the_feed_takes_the_records_changed_last(mini_checked):
    cat, _ = mini_checked
    from museum.records.history import Dates

    dates = {(r.kind, r.id): Dates(100, 100 + n) for n, r in enumerate(r for t in cat.records.values() for r in t.values())}
    newest = latest(cat, dates, size=2)
    assert [d.updated for _, d in newest] == sorted((d.updated for d in dates.values()), reverse=True)[:2]


# --- dates from the history ------------------------------------------------------------------------
def _git(folder: Path, *args: str, when: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org"}
    if when:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = when
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True, env=env)


def test_a_records_dates_are_its_first_and_last_commits(tmp_path):
    coll = tmp_path / "collections"
    (coll / "artifacts").mkdir(parents=True)
    record = coll / "artifacts" / "a.yaml"
    _git(tmp_path, "init", "-q")
    record.write_text("title: 一\n", encoding="utf-8")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-qm", "add", when="2020-01-02T03:04:05Z")
    record.write_text("title: 二\n", encoding="utf-8")
    _git(tmp_path, "commit", "-qam", "change", when="2021-06-07T08:09:10Z")
    os.utime(record, (2_000_000_000, 2_000_000_000))  # a fresh clone: every file newer than its commit
    dates = History(coll).dates(record)
    assert (dates.created_iso, dates.updated_iso) == ("2020-01-02T03:04:05Z", "2021-06-07T08:09:10Z")
    record.write_text("title: 三\n", encoding="utf-8")  # a curator's edit, not committed yet
    os.utime(record, (1_700_000_000, 1_700_000_000))
    dates = History(coll).dates(record)
    assert (dates.created_iso, dates.updated) == ("2020-01-02T03:04:05Z", 1_700_000_000)


def test_a_collection_outside_git_is_dated_by_its_files(tmp_path):
    record = tmp_path / "a.yaml"
    record.write_text("x: 1\n", encoding="utf-8")
    os.utime(record, (1_600_000_000, 1_600_000_000))
    assert History(tmp_path).dates(record).updated == 1_600_000_000


def test_the_sitemap_dates_a_record_page_by_its_history(sample_site, root, sample_catalogue):
    record = sample_catalogue.artifacts["jiefang-ca10-truck"]
    when = History(root / "collections").dates(root / record.source).updated_iso
    sitemap = (sample_site / "sitemap.xml").read_text(encoding="utf-8")
    for prefix in ("", "en/"):
        url = f"{SITE_URL}{prefix}artifacts/jiefang-ca10-truck/"
        assert f"<loc>{url}</loc><lastmod>{when}</lastmod>" in sitemap
