"""Phases 1 and 2 together: the collection checked, as a catalogue and its problems."""

from __future__ import annotations

from pathlib import Path

from museum.catalogue.index import Catalogue, build_catalogue
from museum.catalogue.ledger import Key, check_ledger
from museum.records.memory import release as release_memory
from museum.records.loader import Loaded, collector_paused, load_collection, place_in
from museum.records.models import FOLDER_KIND, KINDS
from museum.records.problems import Problem


def check_collection(collections: Path, root: Path | None = None, cache: Path | None = None,
                     memory: dict | None = None) -> tuple[Catalogue, list[Problem]]:
    """``cache``, ``memory``: where unchanged records are remembered between runs (records/cache.py).
    Also the ledger of published URLs (catalogue/ledger.py): a change must not break one."""
    with collector_paused():  # (what both phases make is kept)
        loaded = load_collection(collections, root, cache, memory)
        cat, problems = build_catalogue(loaded)
    release_memory()  # (the records cache's pickles, freed among the records made from them)
    return cat, sorted([*problems, *check_ledger(cat, _unreadable(loaded))])


def _unreadable(loaded: Loaded) -> set[Key]:
    """(kind, id) of the record files that have problems: some never became records."""
    found = set()
    for problem in loaded.problems:
        place = place_in(loaded.collections, loaded.root, problem.path)
        if place is not None and place[0] in FOLDER_KIND and place[1]:
            name = place[1].rsplit("/", 1)[-1]
            found.add((FOLDER_KIND[place[0]], name.split(".", 1)[0]))  # (x.yml, x.yaml.bak: still x)
    return found


def summary(cat: Catalogue) -> str:
    counts = cat.counts()
    zh = "，".join(f"{KINDS[k].zh} {n}" for k, n in counts.items())
    en = ", ".join(f"{n} {KINDS[k].en_plural}" for k, n in counts.items())
    present = [v for v in cat.vocab.values() if v]  # (an optional vocabulary the collection lacks is empty)
    terms = sum(len(v) for v in present)
    return f"检查通过：{zh}，词表 {len(present)} 个（{terms} 项） / OK: {en}, {len(present)} vocabularies ({terms} terms)"
