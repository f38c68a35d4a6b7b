"""``build`` keeps its promises: the URLs it has just published go into the ledger (catalogue/ledger.py).

Lines are only added: a URL once published stays promised, whatever the collection looks like now.
An unchanged ledger is not written again (same bytes, same time stamp), and a changed one replaces the
old in one step, so a killed build never leaves half a ledger.
"""

from __future__ import annotations

import os

from museum.catalogue.index import Catalogue
from museum.catalogue.ledger import ledger_file, ledger_text, line_of, published, read_ledger
from museum.records.problems import CollectionError


def record_published(cat: Catalogue) -> list[str]:
    """Add every URL a build of ``cat`` publishes to its ledger; the lines added, sorted."""
    ledger = read_ledger(cat.collections, cat.root)
    if ledger.problems:  # (check reports them first: a build never gets here with them)
        raise CollectionError(ledger.problems)
    keys = set(ledger.lines) | published(cat)
    file = ledger_file(cat.collections)
    text = ledger_text(keys).encode("utf-8")
    if ledger.exists and file.read_bytes() == text:
        return []
    partial = file.with_name(f".{file.name}.new")
    partial.write_bytes(text)
    os.replace(partial, file)
    return sorted(line_of(key) for key in keys - set(ledger.lines))
