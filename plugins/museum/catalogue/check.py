"""Phases 1 and 2 together: the collection checked, as a catalogue and its problems."""

from __future__ import annotations

from pathlib import Path

from museum.catalogue.index import Catalogue, build_catalogue
from museum.records.loader import collector_paused, load_collection
from museum.records.models import KINDS
from museum.records.problems import Problem


def check_collection(collections: Path, root: Path | None = None, cache: Path | None = None,
                     memory: dict | None = None) -> tuple[Catalogue, list[Problem]]:
    """``cache``, ``memory``: where unchanged records are remembered between runs (records/cache.py)."""
    with collector_paused():  # (what both phases make is kept)
        return build_catalogue(load_collection(collections, root, cache, memory))


def summary(cat: Catalogue) -> str:
    counts = cat.counts()
    zh = "，".join(f"{KINDS[k].zh} {n}" for k, n in counts.items())
    en = ", ".join(f"{n} {KINDS[k].en_plural}" for k, n in counts.items())
    terms = sum(len(v) for v in cat.vocab.values())
    return f"检查通过：{zh}，词表 {len(cat.vocab)} 个（{terms} 项） / OK: {en}, {len(cat.vocab)} vocabularies ({terms} terms)"
