"""How long the check takes on a large collection: load + validate + catalogue (phases 1 and 2).

Writes N synthetic artifact records (Chinese titles, dates, ~300 characters of description) and
N/20 museums into a temporary folder, with the mini test fixture's vocabularies, then times
``check_collection`` on them and prints one table row.

Usage: python bench/load_bench.py [N]      (default 10000)
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

import yaml  # noqa: E402

from museum.catalogue.index import build_catalogue  # noqa: E402
from museum.catalogue.check import check_collection  # noqa: E402
from museum.records.loader import load_collection  # noqa: E402

VOCAB = ROOT / "tests" / "fixtures" / "mini" / "collections" / "vocab"

PHRASES = [
    "该设备于建国初期由国营工厂自行设计试制", "是当时国内同类产品中技术最为先进的一种", "曾在全国工业展览会上展出并获得好评",
    "整机采用铸铁机身与锻钢主轴", "经过多次技术改造后一直服役到上世纪九十年代", "机身铭牌上刻有厂名、型号和出厂编号",
    "由老工人和技术人员在缺少图纸的条件下反复摸索完成", "见证了我国工业从无到有、从小到大的历程", "退役后由企业职工捐赠给博物馆",
    "其生产工艺在当时具有代表性", "产品远销全国二十多个省份", "保存状况良好，主要部件齐全", "表面有使用痕迹和后期补漆",
    "配套的说明书和维修记录一并入藏", "反映了计划经济时期的生产组织方式",
]
THINGS = ["车床", "蒸汽机车", "收音机", "缝纫机", "自行车", "手表", "拖拉机", "载货汽车", "水压机", "纺纱机",
          "电视机", "发电机组", "钻机", "轧钢机", "照相机", "电话交换机", "显微镜", "柴油机"]
PLACES = ["沈阳", "上海", "天津", "长春", "哈尔滨", "武汉", "洛阳", "大连", "唐山", "青岛", "重庆", "兰州"]


def _text(rng: random.Random, chars: int) -> str:
    parts: list[str] = []
    while sum(len(p) + 1 for p in parts) < chars:
        parts.append(rng.choice(PHRASES))
    return "，".join(parts) + "。"


def _dump(path: Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")


def generate(collections: Path, n: int, seed: int = 1) -> int:
    """Write the collection; return the number of files written (records and vocabularies)."""
    rng = random.Random(seed)
    shutil.copytree(VOCAB, collections / "vocab")
    vocab = {p.stem: [e["id"] for e in yaml.safe_load(p.read_text(encoding="utf-8"))["entries"]]
             for p in (collections / "vocab").glob("*.yaml")}
    (collections / "museums").mkdir()
    museums = max(1, n // 20)
    for i in range(museums):
        _dump(collections / "museums" / f"museum-{i:05d}.yaml", {
            "name": {"zh": f"{rng.choice(PLACES)}第{i + 1}工业博物馆", "en": f"Industrial Museum No. {i + 1}"},
            "type": rng.choice(vocab["museum-types"]),
            "industries": sorted(rng.sample(vocab["industries"], 2)),
            "province": rng.choice(vocab["provinces"]),
            "city": rng.choice(PLACES) + "市",
            "description": _text(rng, 200),
        })
    # Artifacts in one sub-folder per museum, as a large collection would be organised.
    for i in range(n):
        museum = rng.randrange(museums)
        folder = collections / "artifacts" / f"museum-{museum:05d}"
        folder.mkdir(parents=True, exist_ok=True)
        year = rng.randint(1850, 2024)
        date: object = year
        if i % 5 == 1:
            date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        elif i % 5 == 2:
            decade = year // 10 * 10
            date = {"display": f"约{decade}年代", "start": decade, "end": decade + 9}
        other = (i + 1 + rng.randrange(n - 1)) % n if i % 10 == 0 and n > 1 else None  # never itself
        _dump(folder / f"artifact-{i:06d}.yaml", {
            "title": {"zh": f"{rng.choice(PLACES)}牌{rng.choice(THINGS)}（{i + 1}号）", "en": f"Object {i + 1}"},
            "museum": f"museum-{museum:05d}",
            "industry": rng.choice(vocab["industries"]),
            "date": date,
            "inventory_number": f"SYN-{i:06d}",
            "maker": f"国营{rng.choice(PLACES)}{rng.choice(THINGS)}厂",
            "materials": ["钢", {"zh": "铸铁", "en": "cast iron"}],
            "description": _text(rng, 300),
            "significance": _text(rng, 60),
            "tags": [rng.choice(THINGS), rng.choice(PLACES)],
            **({"related": [f"artifact-{other:06d}"]} if other is not None else {}),
        })
    return sum(1 for p in collections.rglob("*.yaml"))


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", nargs="?", type=int, default=10_000, help="number of artifacts (default 10000)")
    ap.add_argument("--phases", action="store_true", help="also time loading and cataloguing separately")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="museum-bench-") as tmp:
        collections = Path(tmp) / "collections"
        start = time.perf_counter()
        files = generate(collections, args.n)
        generated = time.perf_counter() - start
        before = peak_mb()

        start = time.perf_counter()
        cat, problems = check_collection(collections, root=Path(tmp))
        seconds = time.perf_counter() - start
        peak = peak_mb()
        if problems:
            print(f"the synthetic collection has {len(problems)} problem(s), e.g. {problems[0]}", file=sys.stderr)
            return 1
        records = sum(cat.counts().values())

        print(f"generated {files} files in {generated:.1f} s; check_collection (load + validate + catalogue):")
        print(f"{'N':>8} {'files':>8} {'records':>8} {'seconds':>8} {'records/s':>10} {'peak MB':>8}")
        print(f"{args.n:>8} {files:>8} {records:>8} {seconds:>8.2f} {records / seconds:>10.0f} {peak:>8.0f}")
        print(f"(peak RSS before the check: {before:.0f} MB)")
        if args.phases:
            start = time.perf_counter()
            loaded = load_collection(collections, Path(tmp))
            load_s = time.perf_counter() - start
            start = time.perf_counter()
            build_catalogue(loaded)
            print(f"phases: load + validate {load_s:.2f} s, catalogue {time.perf_counter() - start:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
