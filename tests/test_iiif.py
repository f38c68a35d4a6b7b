"""IIIF Presentation 3: what the build publishes under site/iiif/ for IIIF viewers and aggregators.

Every manifest (one per artifact with pictures) and collection (one per exhibition, museum and route)
must pass the official IIIF Presentation 3 JSON Schema, vendored in tests/vendor/iiif/ from the IIIF
presentation validator and used as that validator uses it (jsonschema's Draft7Validator, no format
checks). Beyond the schema: each record page links its manifest or collection, in its <head> as IIIF's
discovery recommendations ask and visibly with the IIIF logo, in both languages; texts are language
maps in the languages the record has; rights are Creative Commons or RightsStatements.org URIs; and
every picture, page and image service a manifest names is a file the site really has.

All on the sample site built once per session (the ``sample_site`` fixture); whether two builds give
the same bytes is tested elsewhere.
"""

from __future__ import annotations

import copy
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from jsonschema import Draft7Validator
from jsonschema.exceptions import best_match

from museum.catalogue.check import check_collection
from museum.catalogue.index import images_of
from sitecheck import target_of

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "tests" / "vendor" / "iiif" / "iiif_3_0.json"
SITE_URL = "http://127.0.0.1:8000/"  # the sample site's site_url: every IIIF id starts with it
PRESENTATION_3 = 'application/ld+json;profile="http://iiif.io/api/presentation/3/context.json"'
COLLECTED = {"exhibition": "exhibitions", "museum": "museums", "route": "routes"}
# IIIF: "If the value is drawn from Creative Commons or RightsStatements.org, then the string MUST be a
# URI defined by that specification" -- and those URIs are http://, not https://.
RIGHTS = re.compile(r"^http://(creativecommons\.org/(licenses|publicdomain)|rightsstatements\.org/vocab)/[^\s?#]+/$")


# ---------------------------------------------------------------- helpers


@pytest.fixture(scope="module")
def schema() -> dict:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"  # the Draft it declares
    Draft7Validator.check_schema(schema)
    return schema


@pytest.fixture(scope="module")
def validator(schema) -> Draft7Validator:
    """The whole schema, as the validator uses it (all its $refs are "#/...": no registry needed)."""
    return Draft7Validator(schema)


@pytest.fixture(scope="module")
def explainers(schema) -> dict[str, Draft7Validator]:
    """The same schema with only the class a file should be, to say what is wrong with it: the whole
    schema is a oneOf of every class, whose errors are mostly "not an Annotation" (the validator
    narrows its messages the same way)."""
    def only(cls: str) -> Draft7Validator:
        return Draft7Validator({**{k: v for k, v in schema.items() if k != "oneOf"},
                                "allOf": [{"$ref": f"#/classes/{cls}"}]})
    return {"Manifest": only("manifest"), "Collection": only("collection")}


@pytest.fixture(scope="module")
def catalogue():
    """The sample museum's records, as the build read them (the sample site is built from them)."""
    return check_collection(ROOT / "collections", root=ROOT)[0]


@pytest.fixture(scope="module")
def iiif_files(sample_site) -> dict[str, dict]:
    """Every IIIF resource of the site, by its path under site/iiif/."""
    folder = sample_site / "iiif"
    return {p.relative_to(folder).as_posix(): json.loads(p.read_text(encoding="utf-8"))
            for p in sorted(folder.rglob("*.json"))}


@pytest.fixture(scope="module")
def manifests(iiif_files) -> dict[str, dict]:
    """The artifacts' manifests, by artifact id."""
    return {path.removeprefix("artifacts/").removesuffix(".json"): data for path, data in iiif_files.items()
            if path.startswith("artifacts/") and path.count("/") == 1}


def local(site: Path, url: str) -> Path:
    """The file of the site that an absolute URL of the sample site names."""
    assert url.startswith(SITE_URL), url
    return site / url.removeprefix(SITE_URL)


def first_error(validator: Draft7Validator, explainers: dict, data: dict, kind: str) -> str | None:
    """None if the schema accepts ``data``, else its most relevant error for a ``kind`` (Manifest,
    Collection), as "at <path>: <message> (<what the schema expects>)"."""
    if validator.is_valid(data):
        return None
    error = best_match(explainers[kind].iter_errors(data)) or best_match(validator.iter_errors(data))
    path = "/" + "/".join(str(part) for part in error.absolute_path)
    expects = " — ".join(str(error.schema[key]) for key in ("title", "description")
                         if isinstance(error.schema, dict) and key in error.schema)
    return f"at {path}: {error.message[:300]}" + (f" ({expects})" if expects else "")


def kind_of(path: str) -> str:
    """What a file under site/iiif/ must be: artifacts/<id>.json a Manifest, the rest Collections."""
    return "Manifest" if path.startswith("artifacts/") and path.count("/") == 1 else "Collection"


def resources(node, kind: str | None = None):
    """Every JSON object with a "type" in a IIIF resource (of that type, if ``kind`` is given)."""
    if isinstance(node, dict):
        if "type" in node and (kind is None or node["type"] == kind):
            yield node
        for value in node.values():
            yield from resources(value, kind)
    elif isinstance(node, list):
        for value in node:
            yield from resources(value, kind)


def languages(text) -> set[str]:
    """The languages a record's text is written in."""
    return {lang for lang, value in text.values if value}


def assert_language_map(value, expected: set[str], where: str) -> None:
    assert isinstance(value, dict), f"{where}: not a language map: {value!r}"
    assert set(value) == expected, f"{where}: languages {sorted(value)}, the record has {sorted(expected)}"
    for lang, strings in value.items():
        assert isinstance(strings, list) and strings and all(isinstance(s, str) and s.strip() for s in strings), \
            f"{where}: {lang} is {strings!r}"


class _IIIFLinks(HTMLParser):
    """A page's <link rel="alternate"> tags and the links of its IIIF paragraph (<p class="museum-iiif">)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)  # attribute values come unescaped: &#34; and &quot; alike
        self.alternates: list[dict[str, str | None]] = []
        self.paragraphs: list[list[tuple[str, str]]] = []
        self._inside = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and a.get("rel") == "alternate":
            self.alternates.append(a)
        if tag == "p" and "museum-iiif" in (a.get("class") or "").split():
            self._inside = True
            self.paragraphs.append([])
        elif self._inside and tag in ("a", "img"):
            self.paragraphs[-1].append((tag, a.get("href") or a.get("src") or ""))

    def handle_endtag(self, tag):
        if tag == "p":
            self._inside = False


def iiif_links(page: Path) -> _IIIFLinks:
    parser = _IIIFLinks()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def link_problems(site: Path, page: Path, resource: str) -> list[str]:
    """What is wrong with how a record page links its IIIF resource (site path ``resource``)."""
    if not page.is_file():
        return [f"{page.relative_to(site)}: no page"]
    problems = []
    links = iiif_links(page)
    heads = [a for a in links.alternates if a.get("type") == PRESENTATION_3]
    if [a.get("href") for a in heads] != [SITE_URL + resource]:
        problems.append(f"{page.relative_to(site)}: <head> links {[a.get('href') for a in heads]}, "
                        f"not {SITE_URL + resource} as {PRESENTATION_3}")
    if len(links.paragraphs) != 1:
        problems.append(f"{page.relative_to(site)}: {len(links.paragraphs)} <p class=\"museum-iiif\">")
    else:
        anchors = [target_of(site, page, href)[0] for tag, href in links.paragraphs[0] if tag == "a"]
        logos = [target_of(site, page, src)[0] for tag, src in links.paragraphs[0] if tag == "img"]
        if anchors != [(site / resource).resolve()]:
            problems.append(f"{page.relative_to(site)}: the IIIF paragraph leads to {anchors}, not {resource}")
        if len(logos) != 1 or not (logos[0] and logos[0].is_file()):
            problems.append(f"{page.relative_to(site)}: the IIIF paragraph shows no logo that exists: {logos}")
    return problems


# ---------------------------------------------------------------- the official schema


def test_every_manifest_and_collection_passes_the_official_iiif_schema(validator, explainers, iiif_files):
    """What the IIIF community's own validator would say of each file, all failures at once."""
    assert len(iiif_files) > 100  # (70 manifests and 42 collections in the sample)
    failures = {path: error for path, data in iiif_files.items()
                if (error := first_error(validator, explainers, data, kind_of(path)))}
    assert not failures, f"{len(failures)} of {len(iiif_files)} files fail the IIIF Presentation 3 schema:\n" + \
        "\n".join(f"iiif/{path} {error}" for path, error in failures.items())


def _breakages(manifest: dict):
    """A valid manifest broken in the ways a generator could break it, each caught by the schema."""
    def broken(change):
        data = copy.deepcopy(manifest)
        change(data)
        return data

    def set_(path, value):
        def change(data):
            node = data
            for key in path[:-1]:
                node = node[key]
            node[path[-1]] = value
        return change

    yield "misspelt type", broken(set_(["type"], "Manfest"))
    yield "no items", broken(lambda data: data.pop("items"))
    yield "label not a language map", broken(set_(["label"], "北京牌820型黑白电视机"))
    yield "https rights", broken(set_(["rights"], "https://creativecommons.org/publicdomain/zero/1.0/"))
    yield "canvas without its size", broken(lambda data: data["items"][0].pop("width"))
    yield "unknown property", broken(set_(["licence"], "CC0"))


def test_the_schema_check_catches_a_broken_manifest(validator, explainers, manifests):
    """The schema test cannot pass vacuously: the same validator refuses a manifest with a mistake,
    and says where it is."""
    manifest = manifests["beijing-820-tv"]
    assert first_error(validator, explainers, manifest, "Manifest") is None
    found = {name: first_error(validator, explainers, data, "Manifest") for name, data in _breakages(manifest)}
    assert [name for name, error in found.items() if error is None] == [], "the schema let these through"
    assert found["misspelt type"].startswith("at /type:")
    assert found["no items"] == "at /: 'items' is a required property"
    assert found["https rights"].startswith("at /rights:")


# ---------------------------------------------------------------- which records have what, and their links


def test_every_artifact_with_pictures_has_a_manifest_and_no_other_does(catalogue, manifests):
    with_pictures = {a.id for a in catalogue.artifacts.values() if any(True for _ in images_of(a))}
    assert with_pictures  # (every artifact of the sample has pictures)
    assert set(manifests) == with_pictures
    wrong = {aid: m["id"] for aid, m in manifests.items() if m["id"] != f"{SITE_URL}iiif/artifacts/{aid}.json"}
    assert wrong == {}, "a manifest's id must be the URL it is published at"


def test_every_exhibition_museum_and_route_has_a_collection(catalogue, iiif_files):
    for kind, folder in COLLECTED.items():
        ids = {r.id for r in catalogue.records[kind].values()}
        files = {path.removeprefix(f"{folder}/").removesuffix(".json") for path in iiif_files
                 if path.startswith(f"{folder}/") and path.count("/") == 1}
        assert files == ids, kind
        for rid in ids:
            assert iiif_files[f"{folder}/{rid}.json"]["id"] == f"{SITE_URL}iiif/{folder}/{rid}.json"


def test_artifact_pages_link_their_manifest_in_the_head_and_with_the_iiif_logo_in_both_languages(
        sample_site, manifests):
    """<link rel="alternate" type="application/ld+json;profile=..."> is how IIIF harvesters find a
    manifest (IIIF discovery); the logo link is how a visitor takes it to a viewer."""
    problems = []
    for aid in manifests:
        for prefix in ("", "en/"):
            page = sample_site / f"{prefix}artifacts/{aid}/index.html"
            problems += link_problems(sample_site, page, f"iiif/artifacts/{aid}.json")
    assert problems == []


def test_exhibition_museum_and_route_pages_link_their_collection_in_both_languages(sample_site, catalogue):
    problems = []
    for kind, folder in COLLECTED.items():
        for record in catalogue.records[kind].values():
            for prefix in ("", "en/"):
                page = sample_site / f"{prefix}{folder}/{record.id}/index.html"
                problems += link_problems(sample_site, page, f"iiif/{folder}/{record.id}.json")
    assert problems == []


# ---------------------------------------------------------------- contents


def test_labels_and_summaries_are_language_maps_in_the_languages_of_the_record(catalogue, manifests, iiif_files):
    """IIIF texts are {"zh": [...], "en": [...]}: Chinese always, English where the record has it (a
    viewer falls back to what there is, so a missing English must not be faked)."""
    for aid, manifest in manifests.items():
        artifact = catalogue.artifacts[aid]
        assert_language_map(manifest["label"], languages(artifact.title), f"{aid} label")
        assert_language_map(manifest["summary"], languages(artifact.description), f"{aid} summary")
        for n, canvas in enumerate(manifest["items"], 1):
            assert "zh" in canvas["label"], f"{aid} canvas {n} label"
    for kind, folder in COLLECTED.items():
        for record in catalogue.records[kind].values():
            collection = iiif_files[f"{folder}/{record.id}.json"]
            assert_language_map(collection["label"], languages(record.label), f"{folder}/{record.id} label")
            for item in collection["items"]:
                assert "zh" in item["label"], f"{folder}/{record.id}: {item['id']}"
    some_english = [aid for aid, m in manifests.items() if "en" in m["label"]]
    assert some_english, "the sample has English titles: the test must see some"


def test_rights_are_creative_commons_or_rightsstatements_uris(manifests):
    found = [(aid, node["rights"]) for aid, m in manifests.items()
             for node in [m, *m["items"]] if "rights" in node]
    assert found, "the sample's CC0 and CC BY pictures must give rights"
    wrong = [(aid, rights) for aid, rights in found if not RIGHTS.match(rights)]
    assert wrong == []


def test_every_canvas_with_an_image_service_points_at_its_info_json(sample_site, manifests):
    """A level 0 IIIF Image service is a folder of tiles with info.json beside them; the viewer reads
    info.json at <service id>/info.json, so it must be there and describe that very service."""
    services = 0
    problems = []
    for aid, manifest in manifests.items():
        for canvas in manifest["items"]:
            for body in resources(canvas["items"], "Image"):
                for service in body.get("service", []):
                    services += 1
                    info_file = local(sample_site, service["id"]) / "info.json"
                    if not info_file.is_file():
                        problems.append(f"{aid}: no {info_file.relative_to(sample_site)}")
                        continue
                    info = json.loads(info_file.read_text(encoding="utf-8"))
                    expected = {"id": service["id"], "type": "ImageService3", "profile": "level0",
                                "width": canvas["width"], "height": canvas["height"]}
                    got = {key: info.get(key) for key in expected}
                    if service["type"] != "ImageService3" or service.get("profile") != "level0" or got != expected:
                        problems.append(f"{aid}: {service} vs info.json {got}")
    assert services > 0, "the sample has deep-zoom pictures: some canvases must have a service"
    assert problems == []


def test_every_id_is_on_the_site_and_what_it_names_exists(sample_site, iiif_files):
    """Pictures, pages, manifests and collections a resource names are all files the site publishes."""
    missing = []
    for path, data in iiif_files.items():
        for node in resources(data):
            url = node.get("id")
            if not isinstance(url, str) or not url.startswith(SITE_URL):
                missing.append(f"iiif/{path}: {node['type']} id {url!r} is not on {SITE_URL}")
                continue
            target = local(sample_site, url)
            if node["type"] in ("Manifest", "Collection", "Image"):
                ok = target.is_file()
            elif node["type"] in ("Text", "Agent"):
                ok = (target / "index.html").is_file()
            elif node["type"] == "ImageService3":
                ok = (target / "info.json").is_file()
            else:
                continue  # canvases, annotation pages and annotations are embedded, not files
            if not ok:
                missing.append(f"iiif/{path}: {node['type']} {url}")
    assert missing == []


def test_every_file_loads_into_iiif_prezi3s_models(iiif_files):
    """The build writes the JSON itself (iiif-prezi3's models cost 1.4 ms a manifest: output/manifests.py);
    the files must still be what iiif-prezi3, the IIIF community's Python library, makes and reads."""
    from iiif_prezi3 import Collection, Manifest

    for path, data in iiif_files.items():
        model = {"Manifest": Manifest, "Collection": Collection}[data["type"]]
        loaded = model(**{k: v for k, v in data.items() if k != "@context"})
        assert json.loads(loaded.json()) == data, path
