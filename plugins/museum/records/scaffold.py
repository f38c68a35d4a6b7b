"""``build.py new <kind> <id>``: a commented template record for a curator to fill in.

Required fields are left empty on purpose, so that ``build.py check`` names each one until it is
filled; optional fields are listed as comments.
"""

from __future__ import annotations

import os
from pathlib import Path

from museum.records.fields import ID_MAX, ID_RE
from museum.records.kinds import by_folder
from museum.records.models import KINDS

_HEAD = """\
# yaml-language-server: $schema={schema}
# {zh}（{kind}）。字段说明见 docs/contributing.md；填写后运行：
#   python build.py check {path}
# {en} ({kind}). Fields are explained in docs/contributing.md; when filled in, run the check above.
# 文本可写中文，或写成 {{zh: 中文, en: English}}。/ Text is Chinese, or {{zh: …, en: …}}.
"""

class NewRecordError(Exception):
    def __init__(self, zh: str, en: str):
        self.zh, self.en = zh, en
        super().__init__(en)


def write_template(collections: Path, kind: str, rid: str) -> Path:
    if len(rid) > ID_MAX or not ID_RE.fullmatch(rid):
        raise NewRecordError(f"编号“{rid}”不合规：只能用小写英文字母、数字和连字符，最多 {ID_MAX} 个字符",
                             f"id '{rid}' is invalid: lower-case ASCII letters, digits and hyphens, at most {ID_MAX}")
    declared = KINDS[kind]
    folder = collections / declared.folder
    existing = next(iter(folder.rglob(f"{rid}.yaml")), None) if folder.is_dir() else None
    if existing is None and folder.is_dir():
        existing = _alias_owner(folder, rid)
    if existing is not None:
        raise NewRecordError(f"编号“{rid}”已被 {existing.as_posix()} 使用", f"id '{rid}' is already used by {existing.as_posix()}")
    target = folder / f"{rid}.yaml"
    schema = os.path.relpath(collections.parent / "schemas" / f"{kind}.schema.json", folder).replace(os.sep, "/")
    shown = f"{collections.name}/{declared.folder}/{rid}.yaml"
    folder.mkdir(parents=True, exist_ok=True)
    # "x" mode: never overwrite, even if a file appeared since the check above.
    with target.open("x", encoding="utf-8") as out:
        out.write(_HEAD.format(schema=schema, zh=declared.about_zh, en=declared.about_en, kind=kind, path=shown)
                  + declared.new_template())
    return target


def _alias_owner(folder: Path, rid: str) -> Path | None:
    """The record that lists ``rid`` among its old ids, so that an old URL is never reused."""
    from museum.records.loader import load_record

    model = by_folder(folder.name).model
    for path in sorted(folder.rglob("*.yaml")):
        record = load_record(model, path, folder.parent.parent, [])
        if record is not None and rid in record.aliases:
            return path
    return None
