"""Phases 1 and 2 together: the collection checked, as a catalogue and its problems."""

from __future__ import annotations

from pathlib import Path

from museum.catalogue.index import Catalogue, build_catalogue
from museum.records.loader import load_collection
from museum.records.problems import Problem

KIND_NAMES = {
    "museum": ("博物馆", "museums"),
    "artifact": ("藏品", "artifacts"),
    "exhibition": ("展览", "exhibitions"),
    "heritage": ("工业遗产", "heritage sites"),
    "route": ("线路", "routes"),
}


def check_collection(collections: Path, root: Path | None = None) -> tuple[Catalogue, list[Problem]]:
    loaded = load_collection(collections, root)
    return build_catalogue(loaded)


def summary(cat: Catalogue) -> str:
    counts = cat.counts()
    zh = "，".join(f"{KIND_NAMES[k][0]} {n}" for k, n in counts.items())
    en = ", ".join(f"{n} {KIND_NAMES[k][1]}" for k, n in counts.items())
    terms = sum(len(v) for v in cat.vocab.values())
    return f"检查通过：{zh}，词表 {len(cat.vocab)} 个（{terms} 项） / OK: {en}, {len(cat.vocab)} vocabularies ({terms} terms)"
