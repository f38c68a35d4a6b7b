"""A synthetic collection of any size, for benchmarks and for tests of how pages scale.

N artifacts, N/20 museums, N/50 exhibitions and N/50 heritage sites, with Chinese text of
realistic length (and an English description of each artifact, as curators write for the English
museum), using the real vocabularies. Deterministic for a given N and seed.
Usage: python bench/synth.py OUT_DIR N
"""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
PHRASES = [
    "该厂于建国初期由国家重点投资兴建", "产品曾在全国各地广泛使用", "是当时国内自行设计制造的代表性产品",
    "其生产工艺经过多次技术改造", "见证了我国工业从无到有、从小到大的历程", "铸件采用砂型铸造并经机械加工",
    "整机结构紧凑，便于维修", "曾参加全国工业展览会", "由老工人和技术人员共同试制成功",
    "机身铭牌标有厂名和出厂编号", "长期服役于生产一线", "退役后由博物馆征集收藏",
]
EN_PHRASES = [
    "built with state investment in the early years of the People's Republic", "used across the country",
    "a representative product designed and made in China", "its process was modernised several times",
    "a witness to the growth of Chinese industry", "its castings were sand-cast and machined",
    "compact and easy to repair", "shown at a national industrial exhibition", "worked on the shop floor for decades",
    "collected by the museum after it was retired",
]
THINGS = ["机床", "蒸汽机车", "收音机", "缝纫机", "自行车", "手表", "拖拉机", "载货汽车", "水压机", "纺纱机",
          "电视机", "发电机组", "钻机", "轧钢机", "船模", "照相机", "电话交换机", "显微镜"]
PLACES = ["沈阳", "上海", "天津", "长春", "哈尔滨", "武汉", "洛阳", "大连", "唐山", "青岛", "重庆", "兰州"]


def _text(rng: random.Random, sentences: int) -> str:
    return "，".join(rng.choice(PHRASES) for _ in range(sentences)) + "。"


def _english(rng: random.Random, sentences: int) -> str:
    return ". ".join(rng.choice(EN_PHRASES).capitalize() for _ in range(sentences)) + "."


def _dump(path: Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")


def generate(out: Path, n: int, seed: int = 1) -> Path:
    """Write a collection with ``n`` artifacts under ``out/collections``; return that folder."""
    rng = random.Random(seed)
    coll = out / "collections"
    if coll.exists():
        shutil.rmtree(coll)
    shutil.copytree(ROOT / "collections" / "vocab", coll / "vocab")
    vocab = {p.stem: [e["id"] for e in yaml.safe_load(p.read_text(encoding="utf-8"))["entries"]]
             for p in (coll / "vocab").glob("*.yaml")}
    for folder in ("museums", "artifacts", "exhibitions", "heritage"):
        (coll / folder).mkdir(parents=True)
    museums = max(1, n // 20)
    for i in range(museums):
        _dump(coll / "museums" / f"museum-{i:05d}.yaml", {
            "name": {"zh": f"{rng.choice(PLACES)}第{i + 1}工业博物馆", "en": f"Industrial Museum No. {i + 1}"},
            "type": rng.choice(vocab["museum-types"]),
            "industries": sorted(set(rng.sample(vocab["industries"], 2))),
            "province": rng.choice(vocab["provinces"]),
            "city": rng.choice(PLACES) + "市",
            "description": _text(rng, 6),
        })
    for i in range(n):
        # Each object draws from its own generator, so object i reads the same at any N.
        rng = random.Random(f"{seed}-artifact-{i}")
        year = rng.randint(1865, 2024)
        _dump(coll / "artifacts" / f"artifact-{i:06d}.yaml", {
            "title": {"zh": f"{rng.choice(PLACES)}牌{rng.choice(THINGS)}（{i + 1}号）", "en": f"Object {i + 1}"},
            "museum": f"museum-{rng.randrange(museums):05d}",
            "industry": rng.choice(vocab["industries"]),
            "date": year,
            "inventory_number": f"SYN-{i:06d}",
            "maker": f"国营{rng.choice(PLACES)}{rng.choice(THINGS)}厂",
            "materials": ["钢", "铸铁"],
            "description": {"zh": _text(rng, 14), "en": _english(rng, 8)},
            "significance": _text(rng, 4),
            "tags": [rng.choice(THINGS), rng.choice(PLACES)],
        })
    rng = random.Random(f"{seed}-rest")
    for i in range(max(1, n // 50)):
        _dump(coll / "exhibitions" / f"exhibition-{i:05d}.yaml", {
            "title": {"zh": f"工业记忆第{i + 1}展", "en": f"Industrial Memory {i + 1}"},
            "summary": {"zh": _text(rng, 3), "en": "A synthetic exhibition."},
            "sections": [
                {"title": f"第{s + 1}部分", "text": _text(rng, 5),
                 "artifacts": [f"artifact-{rng.randrange(n):06d}" for _ in range(4)]}
                for s in range(3)
            ],
        })
        _dump(coll / "heritage" / f"heritage-{i:05d}.yaml", {
            "name": f"{rng.choice(PLACES)}第{i + 1}机器厂旧址",
            "level": rng.choice(vocab["heritage-levels"]),
            "province": rng.choice(vocab["provinces"]),
            "core_items": ["主厂房", "水塔", "办公楼"],
            "batch": rng.randint(1, 5),
        })
    return coll


if __name__ == "__main__":
    target = generate(Path(sys.argv[1]), int(sys.argv[2]))
    print(target)
