"""``build.py new <kind> <id>``: a commented template record for a curator to fill in.

Required fields are left empty on purpose, so that ``build.py check`` names each one until it is
filled; optional fields are listed as comments.
"""

from __future__ import annotations

import os
from pathlib import Path

from museum.records.fields import ID_MAX, ID_RE
from museum.records.models import KINDS

_HEAD = """\
# yaml-language-server: $schema={schema}
# {zh}（{kind}）。字段说明见 docs/contributing.md；填写后运行：
#   python build.py check {path}
# {en} ({kind}). Fields are explained in docs/contributing.md; when filled in, run the check above.
# 文本可写中文，或写成 {{zh: 中文, en: English}}。/ Text is Chinese, or {{zh: …, en: …}}.
"""

_BODIES = {
    "museum": ("博物馆", "A museum", """\
name:            # 馆名 / name, e.g. {zh: 中国工业博物馆, en: China Industrial Museum}
type:            # museum-types 词表编号 / id from vocab/museum-types.yaml
industries: []   # 至少一个 industries 编号 / at least one id from vocab/industries.yaml
province:        # provinces 编号或 GB/T 2260 代码 / id or code from vocab/provinces.yaml
city:            # 城市 / city
# address:
# location: {lat: 0.0, lon: 0.0}   # WGS-84
# website: https://
# opening_hours:
# admission:
# founded: 2012
# grade: first   # 国家一级 first / 二级 second / 三级 third
# heritage: []   # 工业遗产编号 / heritage ids
# description: |
#   Markdown
# images:
#   - src: media/…
#     alt: 为看不见图片的读者描述图片 / describe the image
#     credit: 拍摄者或来源 / who made it
#     license: CC BY 4.0
"""),
    "artifact": ("藏品", "A collection object", """\
title:           # 名称 / title
museum:          # 收藏单位的博物馆编号 / id of the museum that holds it
industry:        # industries 编号 / id from vocab/industries.yaml
date:            # 1956，"1956-07-13"，或 {display: 约1950年代, start: 1950, end: 1959}
description: |
# era:                # 缺省时按日期推定 / derived from the date when absent
# inventory_number:
# maker:
# place_made:
# materials: []
# dimensions:
# significance: |
# provenance: |
# heritage: []
# related: []         # 其他藏品编号 / ids of related artifacts
# tags: []
# rights:
# images:
#   - src: media/…
#     alt:
#     credit:
#     license:
"""),
    "exhibition": ("展览", "An exhibition", """\
title:
summary:
sections:
  - title:
    text: |
    artifacts: []    # 藏品编号 / artifact ids
# museum:            # 主办博物馆 / host museum id
# status: online     # permanent / temporary / online
# dates: {start: "2026-01-01", end: "2026-12-31"}
# curators: []
# audience: []       # audiences 编号 / ids from vocab/audiences.yaml
# learning_objectives: []
# activities: []
# cover: {src: media/…, alt: …, credit: …, license: …}
"""),
    "heritage": ("工业遗产", "A listed industrial heritage site", """\
name:
level:           # heritage-levels 编号：national / provincial / municipal
province:        # provinces 编号或 GB/T 2260 代码
core_items: []   # 核心物项，至少一项 / protected core items, at least one
# batch: 1
# listed: 2017
# issuer: 工业和信息化部
# city:
# address:
# location: {lat: 0.0, lon: 0.0, approximate: true, source: …}
# industry:
# founded:
# status: listed   # listed / revoked
# museums: []
# open_to_public: true
# description: |
"""),
    "route": ("工业旅游线路", "An industrial tourism or study route", """\
title:
stops:           # 至少两站，按顺序 / at least two stops, in order
  - stop:        # heritage/编号 或 museum/编号 / heritage/<id> or museum/<id>
    note:
  - stop:
    note:
# theme:
# audience: []
# duration:
# season:
# description: |
"""),
}


class NewRecordError(Exception):
    def __init__(self, zh: str, en: str):
        self.zh, self.en = zh, en
        super().__init__(en)


def write_template(collections: Path, kind: str, rid: str) -> Path:
    if len(rid) > ID_MAX or not ID_RE.fullmatch(rid):
        raise NewRecordError(f"编号“{rid}”不合规：只能用小写英文字母、数字和连字符，最多 {ID_MAX} 个字符",
                             f"id '{rid}' is invalid: lower-case ASCII letters, digits and hyphens, at most {ID_MAX}")
    folder = collections / KINDS[kind][0]
    existing = next(iter(folder.rglob(f"{rid}.yaml")), None) if folder.is_dir() else None
    if existing is None and folder.is_dir():
        existing = _alias_owner(folder, rid)
    if existing is not None:
        raise NewRecordError(f"编号“{rid}”已被 {existing.as_posix()} 使用", f"id '{rid}' is already used by {existing.as_posix()}")
    target = folder / f"{rid}.yaml"
    zh, en, body = _BODIES[kind]
    schema = os.path.relpath(collections.parent / "schemas" / f"{kind}.schema.json", folder).replace(os.sep, "/")
    shown = f"{collections.name}/{KINDS[kind][0]}/{rid}.yaml"
    folder.mkdir(parents=True, exist_ok=True)
    # "x" mode: never overwrite, even if a file appeared since the check above.
    with target.open("x", encoding="utf-8") as out:
        out.write(_HEAD.format(schema=schema, zh=zh, en=en, kind=kind, path=shown) + body)
    return target


def _alias_owner(folder: Path, rid: str) -> Path | None:
    """The record that lists ``rid`` among its old ids, so that an old URL is never reused."""
    from museum.records.loader import load_record

    model = [m for _, (f, m) in KINDS.items() if f == folder.name][0]
    for path in sorted(folder.rglob("*.yaml")):
        record = load_record(model, path, folder.parent.parent, [])
        if record is not None and rid in record.aliases:
            return path
    return None
