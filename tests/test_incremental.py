"""Only what changed: a rebuild that reuses pages by the key of their inputs (pages/inputs.py) gives
byte for byte the site a build from nothing gives, after an edit of every kind (page logic, no MkDocs)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from museum.catalogue.check import check_collection
from museum.output.pages import MANIFEST, PageWriter, carry_in, write_pages
from museum.output.shell import Shell
from museum.pages.inputs import PageInputs, salt
from museum.pages.plan import SitePlan
from museum.render.html import Renderer

ROOT = Path(__file__).resolve().parents[1]
SITE_URL = "https://museum.example/"
SHELL = Shell.parse("<title>MUSEUMSLOTTITLE</title>MUSEUMSLOTDESCRIPTION MUSEUMSLOTCANONICAL MUSEUMSLOTCSP "
                    "MUSEUMSLOTHEAD MUSEUMSLOTTWIN <b MUSEUMSLOTTITLELANG></b><h1>MUSEUMSLOTBODY</h1>")


def build(coll: Path, site: Path, previous: Path | None = None, carry: bool = False,
          memory: dict | None = None) -> tuple[int, int]:
    """``memory``: what the preview keeps between its builds in one process (records, digests)."""
    if memory is None:
        cat, problems = check_collection(coll, coll.parent)
    else:
        cat, problems = check_collection(coll, coll.parent, coll.parent / "cache", memory.setdefault("records", {}))
    assert not problems, [str(p) for p in problems[:3]]
    plan = SitePlan(cat, SITE_URL)
    others = plan.other_groups()
    plan.plan_pictures()
    writer = PageWriter(Renderer(SITE_URL), {(lang, n): SHELL for lang in ("zh", "en") for n in range(10)}, site, SITE_URL, previous=previous,
                        carry=carry)
    inputs = PageInputs(cat, plan.planned_pictures, salt(cat, SITE_URL),
                        memory=None if memory is None else memory.setdefault("digests", {}))
    done = write_pages(plan, others, writer, workers=1, inputs=inputs)
    if carry:
        carry_in(site, previous)
    return done.pages, done.reused


def edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def referenced_artifact(coll: Path) -> str:
    """An artifact that other records name (so its card is on their pages)."""
    for path in sorted((coll / "artifacts").rglob("*.yaml")):
        for ref in yaml.safe_load(path.read_text(encoding="utf-8")).get("related", []):
            if "/" not in ref:
                return ref
    raise AssertionError("no related artifact in the sample")


def artifact_file(coll: Path, aid: str) -> Path:
    return next((coll / "artifacts").rglob(f"{aid}.yaml"))


def _title(coll):
    edit(artifact_file(coll, referenced_artifact(coll)), lambda d: d.update(title={"zh": "改过的题名", "en": "Renamed"}))


def _museum_name(coll):
    museum = yaml.safe_load(artifact_file(coll, referenced_artifact(coll)).read_text(encoding="utf-8"))["museum"]
    edit(coll / "museums" / f"{museum}.yaml", lambda d: d.update(name="改过的馆名"))


def _date(coll):
    edit(artifact_file(coll, referenced_artifact(coll)), lambda d: d.update(date=1985, era=None) or d.pop("era"))


def _new_related(coll):
    aid = referenced_artifact(coll)
    data = yaml.safe_load(artifact_file(coll, aid).read_text(encoding="utf-8"))
    (coll / "artifacts" / "zz-new-artifact.yaml").write_text(yaml.safe_dump({
        "title": "新增的藏品", "museum": data["museum"], "industry": data["industry"], "date": 1960,
        "description": "新增。", "related": [aid]}, allow_unicode=True), encoding="utf-8")


def _removed(coll):
    named = {referenced_artifact(coll)}
    for path in sorted(coll.rglob("*.yaml")):
        named |= set(str(v).rsplit("/", 1)[-1] for v in _values(yaml.safe_load(path.read_text(encoding="utf-8"))))
    victim = next(p for p in sorted((coll / "artifacts").rglob("*.yaml")) if p.stem not in named)
    victim.unlink()
    ledger = coll.parent / "published-urls.txt"  # withdrawn on purpose: its published URL goes too (catalogue/ledger.py)
    if ledger.exists():
        ledger.write_text(ledger.read_text(encoding="utf-8").replace(f"artifacts/{victim.stem}\n", ""), encoding="utf-8")


def _values(data):
    if isinstance(data, dict):
        for v in data.values():
            yield from _values(v)
    elif isinstance(data, list):
        for v in data:
            yield from _values(v)
    elif isinstance(data, str):
        yield data


def _section(coll):
    path = sorted((coll / "exhibitions").glob("*.yaml"))[0]
    edit(path, lambda d: d["sections"][0].update(artifacts=d["sections"][0].get("artifacts", [])[1:]))


def _heritage_city(coll):
    route = yaml.safe_load(sorted((coll / "routes").glob("*.yaml"))[0].read_text(encoding="utf-8"))
    stop = next(s["stop"] if isinstance(s, dict) else s for s in route["stops"] if "heritage/" in str(s))
    edit(next((coll / "heritage").rglob(f"{str(stop).split('/')[1]}.yaml")), lambda d: d.update(city="改过的城市"))


def _vocabulary(coll):
    edit(coll / "vocab" / "industries.yaml", lambda d: d["entries"][0].update(label={"zh": "改过的行业", "en": "Renamed"}))


EDITS = {"artifact title": _title, "museum name": _museum_name, "artifact date and era": _date,
         "new artifact naming another": _new_related, "artifact removed": _removed,
         "exhibition section": _section, "heritage city on a route": _heritage_city, "vocabulary label": _vocabulary}


@pytest.fixture(scope="module")
def first_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("incremental")
    coll = tmp / "collections"
    shutil.copytree(ROOT / "collections", coll)
    site = tmp / "site0"
    build(coll, site)
    return coll, site


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("name", list(EDITS))
def test_a_rebuild_after_an_edit_is_the_site_a_build_from_nothing_gives(first_site, tmp_path, name):
    coll0, site0 = first_site
    coll = tmp_path / "collections"
    shutil.copytree(coll0, coll)
    EDITS[name](coll)
    pages, reused = build(coll, tmp_path / "rebuilt", previous=site0)
    build(coll, tmp_path / "fresh")
    rebuilt, fresh = files_of(tmp_path / "rebuilt"), files_of(tmp_path / "fresh")
    assert rebuilt.keys() == fresh.keys()
    wrong = [path for path in fresh if rebuilt[path] != fresh[path]]
    assert wrong == [], f"{name}: {len(wrong)} stale page(s), e.g. {wrong[:5]}"
    if name != "vocabulary label":  # a label can show on any page: everything is made again
        assert reused > pages * 0.8, (reused, pages)


def test_a_rebuild_with_nothing_changed_links_every_page(first_site, tmp_path):
    coll, site0 = first_site
    pages, reused = build(coll, tmp_path / "again", previous=site0)
    assert reused == pages
    assert (tmp_path / "again" / MANIFEST).read_bytes() == (site0 / MANIFEST).read_bytes()


@pytest.mark.parametrize("name", list(EDITS))
def test_a_rebuild_that_carries_unchanged_folders_is_the_site_a_build_from_nothing_gives(first_site, tmp_path, name):
    coll0, site0 = first_site
    coll, previous = tmp_path / "collections", tmp_path / "previous"
    shutil.copytree(coll0, coll)
    shutil.copytree(site0, previous)  # carrying moves folders out of it
    EDITS[name](coll)
    build(coll, tmp_path / "rebuilt", previous=previous, carry=True)
    build(coll, tmp_path / "fresh")
    rebuilt, fresh = files_of(tmp_path / "rebuilt"), files_of(tmp_path / "fresh")
    assert rebuilt.keys() == fresh.keys()
    wrong = [path for path in fresh if rebuilt[path] != fresh[path]]
    assert wrong == [], f"{name}: {len(wrong)} stale page(s), e.g. {wrong[:5]}"


def test_the_preview_remembering_records_between_builds_gives_the_site_a_build_from_nothing_gives(tmp_path):
    # build.py serve: one process, every edit in turn on one collection, each build from the last one.
    coll = tmp_path / "collections"
    shutil.copytree(ROOT / "collections", coll)
    memory: dict = {}
    last = tmp_path / "site-0"
    build(coll, last, memory=memory)
    for n, (name, change) in enumerate(EDITS.items(), 1):
        change(coll)
        site = tmp_path / f"site-{n}"
        build(coll, site, previous=last, carry=True, memory=memory)
        shutil.rmtree(tmp_path / "fresh", ignore_errors=True)
        build(coll, tmp_path / "fresh")
        rebuilt, fresh = files_of(site), files_of(tmp_path / "fresh")
        assert rebuilt.keys() == fresh.keys(), name
        wrong = [path for path in fresh if rebuilt[path] != fresh[path]]
        assert wrong == [], f"{name}: {len(wrong)} stale page(s), e.g. {wrong[:5]}"
        last = site
    assert memory["records"] and memory["digests"]
