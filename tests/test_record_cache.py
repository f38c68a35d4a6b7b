"""Records remembered between runs (records/cache.py): the same result, without reading unchanged files."""

from __future__ import annotations

import os

from museum.records import cache as cache_module
from museum.records import loader
from museum.records.loader import load_collection


def summary(loaded):
    return ({kind: [r.model_dump_json() for r in records] for kind, records in loaded.records.items()},
            [str(p) for p in loaded.problems])


def test_a_second_run_reads_no_unchanged_file_and_gives_the_same_records_and_problems(mini_copy, tmp_path,
                                                                                     monkeypatch):
    (mini_copy / "artifacts" / "ceshi-kache.yaml").write_text("title: 缺字段的卡车\n", encoding="utf-8")
    first = summary(load_collection(mini_copy, mini_copy.parent, tmp_path / "cache"))
    assert any("ceshi-kache.yaml" in p for p in first[1])

    def unexpected(*args, **kwargs):
        raise AssertionError("an unchanged file was read again")

    monkeypatch.setattr(loader, "load_record", unexpected)
    assert summary(load_collection(mini_copy, mini_copy.parent, tmp_path / "cache")) == first


def test_an_edited_file_is_read_again_and_a_deleted_one_is_gone(mini_copy, tmp_path):
    cache = tmp_path / "cache"
    load_collection(mini_copy, mini_copy.parent, cache)
    path = mini_copy / "artifacts" / "ceshi-zhengqi-jiche.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("tags: [机车, 蒸汽]", "tags: [机车, 汽机]"), encoding="utf-8")  # same size
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    (mini_copy / "artifacts" / "ceshi-kache.yaml").unlink()
    loaded = load_collection(mini_copy, mini_copy.parent, cache)
    artifacts = {r.id: r for r in loaded.records["artifact"]}
    assert artifacts["ceshi-zhengqi-jiche"].tags == ["机车", "汽机"] and "ceshi-kache" not in artifacts


def test_a_damaged_cache_is_ignored(mini_copy, tmp_path):
    cache = tmp_path / "cache"
    expected = summary(load_collection(mini_copy, mini_copy.parent, cache))
    for path in cache.glob("*.pickle"):
        path.write_bytes(b"\x80\x05 not a pickle")
    assert summary(load_collection(mini_copy, mini_copy.parent, cache)) == expected
    assert summary(load_collection(mini_copy, mini_copy.parent, None)) == expected


def test_in_one_process_unchanged_records_come_back_as_the_same_objects(mini_copy, tmp_path, monkeypatch):
    # The preview keeps ``memory`` between its builds: an unchanged file is neither read nor unpickled.
    memory: dict = {}
    cache = tmp_path / "cache"
    first = load_collection(mini_copy, mini_copy.parent, cache, memory)
    path = mini_copy / "artifacts" / "ceshi-zhengqi-jiche.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("tags: [机车, 蒸汽]", "tags: [机车, 汽机]"),
                    encoding="utf-8")
    def unexpected(*args, **kwargs):
        raise AssertionError("an unchanged record was unpickled again")

    monkeypatch.setattr(cache_module.pickle, "loads", unexpected)
    second = load_collection(mini_copy, mini_copy.parent, cache, memory)
    old = {r.id: r for r in first.records["artifact"]}
    new = {r.id: r for r in second.records["artifact"]}
    assert new["ceshi-kache"] is old["ceshi-kache"]
    assert new["ceshi-zhengqi-jiche"] is not old["ceshi-zhengqi-jiche"]
    assert new["ceshi-zhengqi-jiche"].tags == ["机车", "汽机"]
    assert summary(second) == summary(load_collection(mini_copy, mini_copy.parent, None))
