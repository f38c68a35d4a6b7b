"""The kind registry: one declaration per record kind, which every other phase reads.

A kind is declared once, on its model in ``models.py`` (``@declare(Kind(...))``). The folder, the URL
path, the labels, the vocabulary fields, the page template and the `new` template all come from here;
adding a kind means its declaration and model, its page template and its `new` template
(``records/new/<kind>.yaml``), nothing more. The order of declaration is the order the catalogue is
built and shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

NEW_TEMPLATES = Path(__file__).parent / "new"


@dataclass(frozen=True)
class Kind:
    name: str  # as written in references: "artifact", "heritage/…"
    folder: str  # under collections/ (fixed by RECORDS.md)
    zh: str  # label, e.g. 藏品
    en: str  # label, singular
    en_plural: str
    about_zh: str  # one line for the `new` template's header
    about_en: str
    template: str  # body template in render/templates/
    vocab: dict[str, str] = field(default_factory=dict)  # field -> vocabulary
    facets: tuple[str, ...] = ()  # fields the collection listing is browsed by
    on_map: bool = False  # placed on the map (it has a location)
    collected: bool = False  # has a IIIF collection of what it holds (pages/iiif.py)
    model: Any = None  # set by declare()

    @property
    def path(self) -> str:
        """The URL prefix of its pages: ``<path>/<id>/``. Schools print these: never change one."""
        return self.folder

    @property
    def title(self) -> str:
        return f"{self.zh} {self.name}"

    def new_template(self) -> str:
        return (NEW_TEMPLATES / f"{self.name}.yaml").read_text(encoding="utf-8")


KINDS: dict[str, Kind] = {}


def declare(kind: Kind) -> Callable[[type], type]:
    """Class decorator: registers ``kind`` with the model it decorates (``model.kind`` is its name)."""

    def register(model: type) -> type:
        if kind.name in KINDS or any(k.folder == kind.folder for k in KINDS.values()):
            raise ValueError(f"kind {kind.name!r} (folder {kind.folder!r}) is declared twice")
        model.kind = kind.name
        object.__setattr__(kind, "model", model)
        KINDS[kind.name] = kind
        return model

    return register


def names() -> tuple[str, ...]:
    return tuple(KINDS)


def by_folder(folder: str) -> Kind | None:
    return next((k for k in KINDS.values() if k.folder == folder), None)
