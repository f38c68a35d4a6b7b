"""The search index, as its specification: how text becomes terms, what files a query reads, and
what it finds (search/text.py, search/index.py, and search/query.py, the reader the browser's
museum-search.js follows; tests/browser/test_search.py checks the browser's answers against it)."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
import yaml

from museum.search import index, text
from museum.search.query import Index, split_pinyin
from museum.search.run import carry, digest, made_from
from sitecheck import crowded_documents, write_search_index

QUERIES = yaml.safe_load((Path(__file__).parent / "search" / "queries.yaml").read_text(encoding="utf-8"))


# --- text ---------------------------------------------------------------------------------------------
def test_traditional_characters_and_full_width_letters_fold_to_what_the_index_holds():
    assert text.fold("機車 鞍鋼 大慶") == "机车 鞍钢 大庆"
    assert text.fold("ＣＡ１０型") == "ca10型"
    assert len(text.fold("縫紉機廠")) == 4  # one character for one: excerpts are highlighted by position


def test_chinese_is_indexed_by_bigrams_and_names_also_by_single_characters_and_pinyin():
    body: dict[str, int] = {}
    text.add_terms(body, "万吨水压机", text.TEXT)
    assert set(body) == {"万吨", "吨水", "水压", "压机"}
    name: dict[str, int] = {}
    text.add_terms(name, "重庆", text.NAME, names=True)
    assert {"重庆", "重", "庆", "~chongqing", "~zhongqing", "~chong", "~qing"} <= set(name)
    assert set(name.values()) == {text.NAME}


def test_english_words_are_stemmed_so_plurals_find_the_singular():
    terms: dict[str, int] = {}
    text.add_terms(terms, "Steam Locomotives, sewing machines; CA10", text.NAME)
    assert set(terms) == {"steam", "locomot", "sew", "machin", "ca10"}
    assert text.stem("locomotive") == text.stem("locomotives")


def test_a_term_keeps_its_best_field():
    terms: dict[str, int] = {}
    text.add_terms(terms, "机车", text.TEXT)
    text.add_terms(terms, "机车", text.NAME)
    text.add_terms(terms, "机车", text.TAG)
    assert terms["机车"] == text.NAME


def test_typed_pinyin_splits_into_the_fewest_syllables():
    text.terms_of("解放 王进喜", names=True)  # the index knows the syllables of the characters it has read
    syllables = set(text.syllables())
    assert split_pinyin("jiefang", syllables) == ["jie", "fang"]
    assert split_pinyin("wangjinxi", syllables) == ["wang", "jin", "xi"]
    assert split_pinyin("xyz", syllables) is None


# --- a small index, made here ---------------------------------------------------------------------------
def doc(url: str, title: str, *, tags=(), body: str = "", kind: str = "artifact", museum: str | None = None,
        en: str | None = None) -> dict:
    facets = {"kind": [{"id": kind, "zh": {"artifact": "藏品", "museum": "博物馆"}[kind], "en": kind}]}
    if museum:
        facets["museum"] = [{"id": museum, "zh": museum, "en": museum}]
    return {"url": url, "title": {"zh": title, **({"en": en} if en else {})}, "kind": {"zh": "藏品", "en": "Object"},
            "names": url.strip("/").split("/")[-1].split("-"), "tags": list(tags), "text": {"zh": body},
            "summary": {"zh": body[:160]}, "facets": facets}


def make(tmp_path: Path, docs: list[dict]) -> Path:
    return write_search_index(docs, tmp_path / "search-index")


@pytest.fixture
def small(tmp_path) -> Index:
    return Index(make(tmp_path, [
        doc("a/steam/", "蒸汽机车", en="Steam locomotive", museum="rail"),
        doc("a/mentions/", "铁路照片", body="照片上有一台蒸汽机车。", museum="rail"),
        doc("a/tagged/", "车头", tags=["蒸汽机车"], museum="other"),
        doc("m/rail/", "铁道博物馆", kind="museum", body="收藏机车。"),
    ]) / "zh")


def test_names_rank_above_tags_above_text(small):
    assert small.urls("蒸汽机车") == ["a/steam/", "a/tagged/", "a/mentions/"]


def test_every_word_of_a_query_must_match(small):
    assert small.urls("蒸汽 照片") == ["a/mentions/"]
    assert small.urls("蒸汽 xyzzy") == []


def test_a_word_typed_in_part_finds_the_whole_word_below_an_exact_match(small):
    assert small.urls("locomo") == ["a/steam/"]
    assert small.search("locomotive")[0].score > small.search("locomo")[0].score


def test_facets_narrow_results_and_values_of_one_facet_widen_them(small):
    assert small.urls("机车", facets={"museum": ["rail"]}) == ["a/steam/", "a/mentions/"]
    assert set(small.urls("机车", facets={"museum": ["rail", "other"]})) == {"a/steam/", "a/mentions/", "a/tagged/"}
    assert small.urls("机车", facets={"kind": ["museum"]}) == ["m/rail/"]
    assert small.urls("", facets={"kind": ["museum"]}) == ["m/rail/"]  # browsing a facet without words


@pytest.mark.parametrize("query", ["<script>alert(1)</script>", "\" OR 1=1 --", ".*+?[(", "\u0000\u202e",
                                   "机" * 500, "%", "~jie", "😀"])
def test_a_hostile_or_odd_query_is_only_text(small, query):
    small.search(query)  # never an error; what it finds is what its letters and characters find


def test_a_query_reads_one_shard_per_term_and_the_files_of_the_results_shown(small):
    small.fetched.clear()
    small.shown(small.search("蒸汽机车"), 10)
    kinds = [path.split("/")[0] for path in small.fetched]
    assert kinds.count("t") <= 3 and kinds.count("d") == 1 and set(kinds) == {"t", "d"}


def test_the_same_documents_make_the_same_files(tmp_path):
    docs = [doc(f"a/{i}/", f"第{i}号机车", body="机车" * (i % 7)) for i in range(50)]
    first = make(tmp_path / "one", docs)
    second = make(tmp_path / "two", docs)
    names = sorted(str(p.relative_to(first)) for p in first.rglob("*.json"))
    assert names == sorted(str(p.relative_to(second)) for p in second.rglob("*.json"))


def test_no_file_a_query_reads_grows_with_the_collection(tmp_path, monkeypatch):
    # 4,000 records whose text shares a few hundred words, and shards made 12 times smaller than the
    # site's, so that this small collection is, for the index, as large as the site's 100,000.
    monkeypatch.setattr(index, "SHARD_BYTES", 2_000)
    monkeypatch.setattr(index, "OWN_FILE", 1_000)
    import random

    rng = random.Random(1)
    words = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(5, 9))) for _ in range(400)]
    docs = [doc(f"a/{i}/", f"藏品{i}", body=" ".join(words[(i * 7 + k) % 400] for k in range(30)) + " 机车" * (i % 3))
            for i in range(4000)]
    folder = make(tmp_path, docs) / "zh"
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    assert meta["buckets"] > 64 and (folder / "meta.json").stat().st_size < 8_000
    for shard in (folder / "t").glob("*/*.json"):
        assert shard.stat().st_size < 5 * index.SHARD_BYTES, shard.name
    owns = list((folder / "x").glob("*/*.json"))
    assert owns
    for own in owns:  # one term's postings, and what a page of its first results shows
        assert set(json.loads(own.read_text(encoding="utf-8"))) == {"term", "postings", "first"}
        assert len(json.loads(own.read_text(encoding="utf-8"))["first"]) == index.FIRST
    for chunk in (folder / "d").glob("*/*.json"):
        assert len(json.loads(chunk.read_text(encoding="utf-8"))) <= index.CHUNK
    reader = Index(folder)
    assert len(reader.search(words[5])) == 4000 * 30 // 400  # each word in 30 of every 400 records
    assert len(reader.search("机车")) == 4000 - 1334  # in every record but each third


def crowded(tmp_path: Path, monkeypatch) -> tuple[Index, list[dict]]:
    """An index of 3,000 alike records whose common terms have files of their own (OWN_FILE made small)."""
    monkeypatch.setattr(index, "OWN_FILE", 200)
    docs = crowded_documents()
    return Index(write_search_index(docs, tmp_path / "one" / "search-index") / "zh"), docs


def test_a_common_term_is_read_from_its_own_file_alone_and_shows_its_first_results_from_it(tmp_path, monkeypatch):
    # meta.json's filter names every term with a file of its own, and where it is, so that a query of
    # one common term reads one file, in one round trip; few other terms pass it (each would cost a
    # request in vain).
    reader, _ = crowded(tmp_path, monkeypatch)
    owned, others = [], []
    for shard in (reader.folder / "t").glob("*/*.json"):
        for term, entry in json.loads(shard.read_text(encoding="utf-8")).items():
            (owned if isinstance(entry, list) else others).append(term)
    assert len(owned) > 40
    for term in owned:
        assert (reader.folder / reader.may_own(term)).is_file(), term
    assert sum(reader.may_own(t) is not None for t in others) <= len(others) // 30
    reader.fetched.clear()
    shown = reader.shown(reader.search("机车"), 10)
    assert reader.fetched == [reader.may_own("机车")] and len(shown) == 10


def test_results_shown_from_own_files_are_those_the_document_files_show(tmp_path, monkeypatch):
    reader, docs = crowded(tmp_path, monkeypatch)
    monkeypatch.setattr(index, "OWN_FILE", 10**9)
    plain = Index(make(tmp_path / "plain", docs) / "zh")
    assert not list((plain.folder / "x").glob("*/*.json"))
    for query in ["机车", "蒸汽", "机车蒸汽", "第1号", "word5", "common 机车", "common", "com", "jiche"]:
        assert [r.fields for r in reader.shown(reader.search(query), 10)] == \
               [r.fields for r in plain.shown(plain.search(query), 10)], query
    assert any(path.startswith("d/") for path in reader.fetched)  # where the own files do not hold them


def test_a_term_whose_own_file_another_term_has_is_read_from_its_shard(tmp_path, monkeypatch):
    # Two terms of a group with one CRC: the second's file is named otherwise, and only its shard says
    # so. Made here for every term at once (all names alike), with a filter every term passes.
    from museum.search import query

    monkeypatch.setattr(index, "own_name", lambda term: "same")
    monkeypatch.setattr(query, "own_name", lambda term: "same")
    reader, docs = crowded(tmp_path, monkeypatch)
    assert len(list((reader.folder / "x").glob("*/same-*.json"))) > 10
    reader.meta["own"]["filter"] = base64.b64encode(b"\xff" * 64).decode()
    monkeypatch.setattr(index, "OWN_FILE", 10**9)
    plain = Index(make(tmp_path / "plain", docs) / "zh")
    for query_text in ["机车", "蒸汽", "电视缝纫", "word5", "jiche"]:
        assert reader.urls(query_text) == plain.urls(query_text), query_text


def test_an_unchanged_index_is_linked_from_the_site_it_replaces(tmp_path):
    old = make(tmp_path / "old", [doc("a/1/", "机车")]).parent
    new = tmp_path / "new"
    new.mkdir()
    assert carry(old, new) == made_from(old) == digest(tmp_path / "old" / "documents.jsonl")
    meta = new / "search-index" / "zh" / "meta.json"
    assert meta.stat().st_ino == (old / "search-index" / "zh" / "meta.json").stat().st_ino
    assert carry(None, new) == made_from(new)


# --- the sample museum, built by the real command ------------------------------------------------------
@pytest.fixture(scope="module")
def sample_index(sample_site) -> Index:
    return Index(sample_site / "search-index" / "zh")


@pytest.mark.parametrize("entry", QUERIES, ids=[f"{e['kind']}:{e['q']}" for e in QUERIES])
def test_the_recall_set_finds_what_visitors_look_for(sample_index, entry):
    found = sample_index.urls(entry["q"], 10)
    assert [url for url in entry["find"] if url not in found] == [], found
    if entry.get("first"):
        assert found[0] == entry["find"][0], found


def test_the_recall_set_covers_every_way_of_asking():
    kinds = {e["kind"] for e in QUERIES}
    assert len(QUERIES) >= 40 and kinds == {"substring", "traditional", "pinyin", "english", "name", "place"}


def test_the_english_index_searches_english_text(sample_site):
    english = Index(sample_site / "search-index" / "en")
    assert english.meta["lang"] == "en"
    assert "artifacts/butterfly-sewing-machine/" in english.urls("sewing machines")
    shown = english.shown(english.search("sewing machine"), 1)[0]
    assert shown.title == "Butterfly household sewing machine" and shown.fields[2] == "蝴蝶牌家用缝纫机"
