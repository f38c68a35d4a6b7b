"""Hostile records: the threat model of a site built from files that anyone may propose by pull request.

This file is the index. Each threat, and the test that covers it (here unless another file is named):

Script and markup injection through record text (tests/hostile.py: 26 payloads in every text field of
a museum, an artifact, an exhibition, a heritage site, a route, a vocabulary label and an image file name)
  T1  <script>, "><script>, </script> and </title> breaking out of elements and attributes
      -> test_no_page_carries_a_script_we_did_not_write, test_the_payload_is_shown_as_text
  T2  event attributes: <img src=x onerror=…>, <svg onload=…>, <details ontoggle=…>
      -> test_no_element_has_an_event_attribute
  T3  javascript:, vbscript: and data: URLs: Markdown links, images, autolinks, reference definitions,
      entity-encoded schemes, raw <a href>, a museum's website field
      -> test_no_url_runs_script, test_a_website_that_is_not_a_web_address_is_refused
  T4  elements text must never create: <iframe>, <style>, <math>, <base>, images from nowhere
      -> test_no_element_that_text_cannot_create
  T5  </script> inside a title that ends up in JSON-LD -> test_json_ld_parses_and_keeps_the_payload_as_text
  T6  template injection ({{ … }}, {% … %}) -> test_text_is_never_evaluated_as_a_template
  T7  raw HTML and link tricks in curators' Markdown, one payload at a time
      -> test_markdown_renders_each_payload_harmlessly
  T8  any of the above actually running in a browser (window.__xss, dialogs): every hostile page and listing,
      the lightbox, search results and their filters, map popups -> tests/browser/test_hostile_pages.py;
      Pagefind's UI shows filter values as HTML -> test_search_filters_are_indexed_as_escaped_text

Hostile YAML (each in a child process with a time limit and a peak-memory bound, RESOURCE_CASES below)
  T9  alias bomb ("billion laughs")                      -> alias-bomb
  T10 a file over 1 MB                                   -> huge-file
  T11 a file under 1 MB holding 60,000 values            -> many-values
  T12 a 900 KB text, and pathological Markdown            -> long-text, markdown-brackets, markdown-emphasis
  T13 deep nesting                                       -> deep-nesting; its line and column, and the limit
      itself: tests/test_yaml_fuzz.py::test_nesting_deeper_than_the_limit_is_refused and
      ::test_very_deep_nesting_is_refused_without_crashing
  T14 not UTF-8: Latin-1, UTF-16                         -> latin-1, utf-16; GBK: tests/test_bad_records.py
      (artifacts/gbk-encoded.yaml, golden file)
  T15 a byte-order mark, CRLF line ends, tabs between and inside values -> bom-crlf-tabs (accepted, text
      kept); tab indentation: tests/test_bad_records.py (syntax-tab-indentation.yaml); a BOM alone and CRLF
      alone: tests/test_bad_records.py (with-bom.yaml, crlf-line-endings.yaml)
  T16 anchors, merge keys, !!binary and other tags, duplicate keys, several documents
      -> tests/test_bad_records.py (golden file)
  T17 random bytes, NUL bytes, mangled records, any value under any field -> tests/test_yaml_fuzz.py
  T18 image paths that climb out of collections/, absolute paths, symlinks out, NUL bytes, files that
      are not images -> tests/test_bad_records.py and tests/test_yaml_fuzz.py; a hostile image file
      name -> T1-T4 here (tests/hostile.py IMAGE_NAME)
  T19 a record file that is a symlink out of collections/ -> tests/test_bad_records.py

Nothing lost
  T20 a failed build changes the previous site/ or anything in collections/; a build or an import
      changes records it should not -> tests/test_build_safety.py, tests/test_cli.py
      (test_check_changes_nothing_under_collections), tests/test_import_heritage.py
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import pytest

import hostile
from sitecheck import html_pages, jsonld_blocks, parse_page, target_of

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "fixtures" / "mini" / "collections"

pytestmark = pytest.mark.slow


def norm(text: str) -> str:
    """Whitespace folded (YAML folds a line separator inside a value into a line break)."""
    return " ".join(text.split())


# --- the built site, read back ---------------------------------------------------------------------
class _Elements(HTMLParser):
    """Every start tag (with decoded attribute values), every <script>'s body, and the text of <h1>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict, tuple[int, int], bool]] = []  # tag, attrs, position, inside <body>
        self.scripts: list[tuple[dict, str]] = []
        self.h1 = ""
        self._script: dict | None = None
        self._body = ""
        self._in_body = self._in_h1 = False

    def handle_starttag(self, tag, attrs):
        a = {k: v for k, v in attrs}
        self.tags.append((tag, a, self.getpos(), self._in_body))
        if tag == "body":
            self._in_body = True
        if tag == "script":
            self._script, self._body = a, ""
        if tag == "h1":
            self._in_h1 = True

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, {k: v for k, v in attrs}, self.getpos(), self._in_body))

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, self._body))
            self._script = None
        if tag == "h1":
            self._in_h1 = False

    def handle_data(self, data):
        if self._script is not None:
            self._body += data
        if self._in_h1:
            self.h1 += data


def elements(path: Path) -> _Elements:
    parser = _Elements()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return hostile.build_once(tmp_path_factory)


@pytest.fixture(scope="module")
def pages(site) -> dict[Path, _Elements]:
    """Every page of the hostile build, parsed: the hostile records' own pages and every listing showing them."""
    found = {path: elements(path) for path in html_pages(site)}
    for url in [*hostile.PAGES.values(), *hostile.LISTINGS]:
        assert site / url / "index.html" in found, url
    return found


def _material_inline(body: str) -> str:
    # Material's two inline scripts differ from page to page only in the site root they compute.
    return re.sub(r'new URL\("[./]*",location\)', 'new URL("…",location)', body.strip())


@pytest.fixture(scope="module")
def known_inline_scripts(site) -> set[str]:
    """The inline scripts the theme writes, read from a hand-written page that no record reaches."""
    return {_material_inline(body) for attrs, body in elements(site / "about" / "index.html").scripts
            if "src" not in attrs and attrs.get("type") is None}


def _rel(site: Path, path: Path) -> str:
    return path.relative_to(site).as_posix()


def test_no_page_carries_a_script_we_did_not_write(site, pages, known_inline_scripts):
    problems = []
    for path, parsed in pages.items():
        html = path.read_text(encoding="utf-8")
        opened = [t for t in parsed.tags if t[0] == "script"]
        if len(re.findall(r"<script\b", html, re.I)) != len(opened):
            problems.append(f"{_rel(site, path)}: a '<script' in the text that the parser does not see as ours")
        for attrs, body in parsed.scripts:
            kind = attrs.get("type")
            if kind in ("application/ld+json", "application/json"):
                try:
                    json.loads(body)
                except ValueError as error:
                    problems.append(f"{_rel(site, path)}: a {kind} script that is not JSON ({error}): {body[:120]}")
            elif "src" in attrs:
                target, _ = target_of(site, path, attrs["src"])
                if target is None or not target.is_file() or body.strip():
                    problems.append(f"{_rel(site, path)}: a script from {attrs['src']!r} that is not one of ours")
            elif _material_inline(body) not in known_inline_scripts:
                problems.append(f"{_rel(site, path)}: an inline script that the theme did not write: {body[:120]!r}")
    assert problems == [], "\n".join(problems[:40])


def test_no_element_has_an_event_attribute(site, pages):
    problems = [f"{_rel(site, path)}:{pos[0]}: <{tag} {name}=…>"
                for path, parsed in pages.items() for tag, attrs, pos, _ in parsed.tags
                for name in attrs if name.lower().startswith("on")]
    assert problems == [], "\n".join(problems[:40])


URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "poster", "data", "xlink:href", "background",
                  "cite", "manifest", "ping"}
DANGEROUS_SCHEME = re.compile(r"^(javascript|vbscript|data|file):")


def _scheme(value: str) -> str:
    # Browsers ignore ASCII whitespace and control characters inside a scheme ("java\tscript:").
    return re.sub(r"[\x00-\x20]", "", value).lower()


def test_no_url_runs_script(site, pages):
    problems = []
    for path, parsed in pages.items():
        for tag, attrs, pos, _ in parsed.tags:
            for name, value in attrs.items():
                if value is None:
                    continue
                urls = [part.strip().split(" ")[0] for part in value.split(",")] if name == "srcset" else [value]
                if name in URL_ATTRIBUTES and any(DANGEROUS_SCHEME.match(_scheme(u)) for u in urls):
                    problems.append(f"{_rel(site, path)}:{pos[0]}: <{tag} {name}={value[:80]!r}>")
                if tag == "meta" and name == "content" and "url=javascript:" in _scheme(value):
                    problems.append(f"{_rel(site, path)}:{pos[0]}: a refresh to a javascript: URL")
    assert problems == [], "\n".join(problems[:40])


def test_no_element_that_text_cannot_create(site, pages):
    never = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "math", "marquee", "textarea"}
    problems = []
    for path, parsed in pages.items():
        for tag, attrs, pos, in_body in parsed.tags:
            if tag in never or (tag == "style" and in_body):
                problems.append(f"{_rel(site, path)}:{pos[0]}: <{tag}>")
            if tag == "img":
                target, _ = target_of(site, path, attrs.get("src") or "")
                if target is None or not target.is_file():
                    problems.append(f"{_rel(site, path)}:{pos[0]}: an image from nowhere: {attrs.get('src')!r}")
    assert problems == [], "\n".join(problems[:40])


def test_text_is_never_evaluated_as_a_template(site, pages):
    assert [p for p in pages if hostile.TEMPLATE_RESULT in p.read_text(encoding="utf-8")] == []
    shown = (site / hostile.PAGES["artifact"] / "index.html").read_text(encoding="utf-8")
    assert "{{ 1234*5678 }}{% if true %}SSTI{% endif %}" in shown


@pytest.mark.parametrize("kind", list(hostile.PAGES))
def test_the_payload_is_shown_as_text(site, kind):
    path = site / hostile.PAGES[kind] / "index.html"
    page = parse_page(path)
    line = norm(hostile.LINE)
    assert norm(page.title) == f"{line} - 国家数字工业博物馆"  # <title> held, and shows the text as written
    assert norm(page.meta["og:title"]) == line
    assert norm(page.meta["description"]).startswith("探针XSSPROBE <script>window.__xss=1")
    assert line in norm(elements(path).h1)
    html = path.read_text(encoding="utf-8")
    assert "[点我](javascript:window.__xss=1)" in html  # a refused Markdown link stays visible as text
    assert "&lt;script&gt;window.__xss=1" in html


@pytest.mark.parametrize("kind", list(hostile.PAGES))
def test_json_ld_parses_and_keeps_the_payload_as_text(site, kind):
    path = site / hostile.PAGES[kind] / "index.html"
    html = path.read_text(encoding="utf-8")
    blocks = jsonld_blocks(parse_page(path))
    [own] = [b for b in blocks if b["@type"] != "BreadcrumbList"]
    names = {item["@language"]: norm(item["@value"]) for item in own["name"]}
    assert names == {"zh": norm(hostile.LINE), "en": norm("Hostile " + hostile.LINE)}
    # "</script>" in the title is in the data, but never in the markup as a closing tag.
    assert "</script><script>window.__xss=1</script>" in own["name"][0]["@value"]
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
        assert "<" not in block


def test_the_hostile_image_is_published_under_a_safe_name(site):
    html = (site / hostile.PAGES["artifact"] / "index.html").read_text(encoding="utf-8")
    for tag, attrs, _, _ in elements(site / hostile.PAGES["artifact"] / "index.html").tags:
        if tag == "img" and "media/" in (attrs.get("src") or ""):
            assert re.fullmatch(r"[./a-z0-9_-]+", attrs["src"]), attrs["src"]
            assert norm(attrs["alt"]) == norm(hostile.LINE)
            break
    else:
        pytest.fail(f"the hostile artifact shows no image: {html[:200]}")


def test_the_search_index_holds_hostile_text_as_written(site):
    """The search client sets every value as text, never as HTML (tests/browser/test_hostile_pages.py
    shows it inert), so the index keeps names and facet values exactly as the curator wrote them."""
    labels = [value[1] for path in (site / "search-index" / "zh" / "f").glob("*.json")
              for value in json.loads(path.read_text(encoding="utf-8"))]
    titles = [fields[1] for path in (site / "search-index" / "zh" / "d").glob("*/*.json")
              for fields in json.loads(path.read_text(encoding="utf-8"))]
    for found in (labels, titles):
        hostile_ones = [text for text in found if "XSSPROBE" in text]
        assert hostile_ones, "no hostile value was indexed"
        assert any("<" in text for text in hostile_ones), hostile_ones[:3]
        assert not any("&lt;" in text or "&amp;" in text for text in found), [t for t in found if "&" in t][:3]


# --- Markdown, one payload at a time ---------------------------------------------------------------
@pytest.mark.parametrize("payload", [*hostile.PAYLOADS.values(), *hostile.MARKDOWN_ONLY.values()],
                         ids=[*hostile.PAYLOADS, *hostile.MARKDOWN_ONLY])
def test_markdown_renders_each_payload_harmlessly(payload):
    from museum.pages.markup import markdown

    html = str(markdown(payload))
    parser = _Elements()
    parser.feed(html)
    allowed = {"p", "a", "em", "strong", "code", "br"}
    assert {tag for tag, *_ in parser.tags} <= allowed, html
    for tag, attrs, *_ in parser.tags:
        assert set(attrs) <= {"href", "title", "rel"}, html
        assert not DANGEROUS_SCHEME.match(_scheme(attrs.get("href") or "")), html


@pytest.mark.parametrize("website", ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>",
                                     "vbscript:msgbox(1)", "//evil.example/"])
def test_a_website_that_is_not_a_web_address_is_refused(mini_copy, website):
    from museum.catalogue.check import check_collection

    museum = mini_copy / "museums" / "ceshi-gongye-bowuguan.yaml"
    museum.write_text(museum.read_text(encoding="utf-8") + f"website: {json.dumps(website)}\n", encoding="utf-8")
    _, problems = check_collection(mini_copy, root=mini_copy.parent)
    mine = [p.field for p in problems if p.path == "collections/museums/ceshi-gongye-bowuguan.yaml"]
    assert mine == ["website"]  # (and the museum's artifacts now name a museum that is not there)


# --- hostile YAML, bounded in time and memory --------------------------------------------------------
TIME_LIMIT = 60  # seconds for the whole child process; each case takes about a second
MEMORY_LIMIT_MB = 500  # peak resident memory of the child (Python with the museum loaded is ~60 MB)

_ARTIFACT = "title: 测试\nmuseum: ceshi-gongye-bowuguan\nindustry: steel\ndate: 1956\n"


def _alias_bomb() -> bytes:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    return ("\n".join(lines) + "\n" + _ARTIFACT + "description: *i\n").encode()


RESOURCE_CASES = {
    # name: (file content, what the check must say: a problem's English text, or None for "loads")
    "alias-bomb": (_alias_bomb(), "anchors and aliases"),
    "huge-file": ((_ARTIFACT + "description: " + "很长的说明。" * 60_000 + "\n").encode(), "too large"),
    "many-values": ((_ARTIFACT + "description: 测试\ntags: [" + ", ".join(["a"] * 60_000) + "]\n").encode(),
                    "too many values"),
    "long-text": ((_ARTIFACT + "description: " + "很长的说明。" * 50_000 + "\n").encode(), None),
    "deep-nesting": ((_ARTIFACT + "description: " + "[" * 100_000 + "]" * 100_000 + "\n").encode(), "too deep"),
    "latin-1": ((_ARTIFACT.replace("测试", "Test") + "description: Café crème\n").encode("latin-1"), "not UTF-8"),
    "utf-16": ((_ARTIFACT + "description: 测试\n").encode("utf-16"), "not UTF-8"),
    "bom-crlf-tabs": (b"\xef\xbb\xbf" + (_ARTIFACT.replace("title: ", "title:\t") + 'description: "甲\t乙"\n')
                      .replace("\n", "\r\n").encode(), None),
}
MARKDOWN_CASES = {
    "markdown-brackets": "[" * 200_000 + "x" + "](" * 50_000,
    "markdown-emphasis": "*a _b " * 100_000 + "`" * 50_000,
}

_CHILD = textwrap.dedent("""
    import json, resource, sys, time
    from pathlib import Path
    sys.path.insert(0, {plugins!r})
    limit = 2 * 1024 ** 3  # a bomb must fail inside the child, never take the machine
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    start = time.monotonic()
    out = {{}}
    if {markdown!r} is not None:
        from museum.pages.markup import markdown
        out["html_bytes"] = len(str(markdown(Path({markdown!r}).read_text(encoding="utf-8"))))
    else:
        from museum.catalogue.check import check_collection
        cat, problems = check_collection(Path({collections!r}), root=Path({root!r}))
        out["problems"] = [[p.path, p.line, p.column, p.field, p.en] for p in problems]
        out["loaded"] = "probe" in cat.artifacts
        if out["loaded"]:
            out["description"] = cat.artifacts["probe"].description.zh[:20]
            out["title"] = cat.artifacts["probe"].title.zh
    out["seconds"] = time.monotonic() - start
    # The child's own peak (VmHWM starts anew at exec; ru_maxrss would carry the parent's over from the fork).
    hwm = next(line for line in Path("/proc/self/status").read_text().splitlines() if line.startswith("VmHWM:"))
    out["peak_mb"] = int(hwm.split()[1]) / 1024
    print(json.dumps(out))
""")


def _run_child(tmp_path: Path, markdown: str | None = None) -> dict:
    if markdown is not None:
        (tmp_path / "text.md").write_text(markdown, encoding="utf-8")
    script = _CHILD.format(plugins=str(ROOT / "plugins"), markdown=None if markdown is None else str(tmp_path / "text.md"), collections=str(tmp_path / "collections"),
                           root=str(tmp_path))
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=TIME_LIMIT)
    assert result.returncode == 0, f"exit {result.returncode}: {result.stderr[-2000:]}"
    out = json.loads(result.stdout)
    assert out["peak_mb"] < MEMORY_LIMIT_MB, f"peak memory {out['peak_mb']:.0f} MB"
    return out


@pytest.mark.parametrize("case", list(RESOURCE_CASES))
def test_hostile_yaml_gets_a_clear_answer_in_bounded_time_and_memory(tmp_path, case):
    import shutil

    content, expected = RESOURCE_CASES[case]
    shutil.copytree(MINI, tmp_path / "collections")
    (tmp_path / "collections" / "artifacts" / "probe.yaml").write_bytes(content)
    out = _run_child(tmp_path)
    if expected is None:
        assert out["problems"] == [] and out["loaded"], out
        if case == "bom-crlf-tabs":
            assert out["title"] == "测试" and out["description"] == "甲\t乙"
    else:
        assert not out["loaded"]
        [problem] = out["problems"]
        path, line, column, _, en = problem
        assert path == "collections/artifacts/probe.yaml" and line >= 1 and column >= 1
        assert expected in en, problem


@pytest.mark.parametrize("case", list(MARKDOWN_CASES))
def test_pathological_markdown_renders_in_bounded_time_and_memory(tmp_path, case):
    out = _run_child(tmp_path, markdown=MARKDOWN_CASES[case])
    assert out["html_bytes"] > 0 and out["seconds"] < 30, out
