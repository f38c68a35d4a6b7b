"""The kind registry (records/kinds.py): each kind declared once, and every phase reads it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from museum.records import kinds
from museum.records.fields import RefTo
from museum.records.kinds import Kind, declare
from museum.records.models import KINDS, Record
from museum.render.html import TEMPLATES

PACKAGE = Path(__file__).resolve().parents[1] / "plugins" / "museum"


def test_every_kind_has_its_model_page_template_and_new_template():
    assert list(KINDS) == ["museum", "artifact", "exhibition", "heritage", "route", "person", "enterprise", "course"]
    for name, kind in KINDS.items():
        assert kind.model.kind == name
        assert (TEMPLATES / kind.template).is_file()
        assert "#" in kind.new_template()  # the commented fields a curator fills in
        for field in kind.vocab:  # a field, or a field of each item of a list of models (listings.level)
            outer, _, inner = field.partition(".")
            assert outer in kind.model.model_fields, field
            if inner:
                (item,) = kind.model.model_fields[outer].annotation.__args__
                assert inner in item.model_fields, field
        assert set(kind.facets) - {"province", "museum"} <= set(kind.vocab)


def test_folders_and_url_paths_are_unique():
    assert len({k.folder for k in KINDS.values()}) == len({k.path for k in KINDS.values()}) == len(KINDS)


def test_a_kind_cannot_be_declared_twice():
    twin = Kind("artifact", "artifacts-2", "藏品", "artifact", "artifacts", "藏品", "An object", "artifact.html")
    with pytest.raises(ValueError, match="declared twice"):
        declare(twin)(type("Twin", (Record,), {}))
    assert KINDS["artifact"].folder == "artifacts"


def test_references_to_any_kind_follow_the_registry():
    related = RefTo("artifact", any_kind=True)
    with pytest.raises(Exception):
        related.validate("vessel/zhonghua")
    declare(Kind("vessel", "vessels", "船舶", "vessel", "vessels", "船舶", "A vessel", "artifact.html"))(
        type("Vessel", (Record,), {}))
    try:
        assert str(related.validate("vessel/zhonghua")) == "vessel/zhonghua"
        assert RefTo("museum").allowed == ("museum",)  # a field's own kind stays its only one
    finally:
        del kinds.KINDS["vessel"]


def test_no_other_module_writes_out_the_kinds():
    # A literal naming three or more kinds is a second list that a new kind would miss.
    names = "|".join(KINDS)
    literal = re.compile(rf'"({names})"')
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "models.py" and path.parent.name == "records":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if len(set(literal.findall(line))) >= 3:
                offenders.append(f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}")
    assert not offenders, "\n".join(offenders)
