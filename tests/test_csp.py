"""The Content-Security-Policy (plugins/museum/csp.py) on every page of the built site, read back.

Every HTML file carries the policy as the first element of its <head>, before any script or style
sheet; every inline script a browser would run is allowed by its hash (there are none: Material's are
served as files); nothing inline styles the page; the policy names no other host. That browsers obey
it, and that no page breaks it while in use, is checked in tests/browser/ (test_csp_in_browser.py and
the `page` fixture).
"""

from __future__ import annotations

import base64
import hashlib
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sitecheck import build_awkward_site, html_pages

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from museum.output import csp  # noqa: E402

pytestmark = pytest.mark.slow

MATERIAL = Path(__import__("material").__file__).parent / "templates"
THEME = ROOT / "plugins" / "museum" / "theme"
CSP = "content-security-policy"
# Script types that are data, not run (JSON-LD, Material's __config).
DATA_TYPES = {"application/json", "application/ld+json"}


class _Page(HTMLParser):
    """What matters to the policy in one page, read by Python's HTML parser (not csp.py's regex)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_head = False
        self.head_tags: list[tuple[str, dict]] = []  # the elements of <head>, in order
        self.policies: list[str] = []
        self.inline_scripts: list[tuple[str | None, str]] = []  # (type, text)
        self.styles: list[str] = []  # <style> elements' text
        self.style_attributes: list[str] = []
        self.handlers: list[str] = []  # on…= attributes
        self.script_urls: list[str] = []  # javascript: in href, src, action, formaction
        self._script: tuple[str | None, list[str]] | None = None
        self._style: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "head":
            self.in_head = True
        elif self.in_head:
            self.head_tags.append((tag, a))
        if tag == "meta" and a.get("http-equiv", "").lower() == CSP:
            self.policies.append(a.get("content", ""))
        if tag == "script" and "src" not in a:
            self._script = (dict(attrs).get("type"), [])
        if tag == "style":
            self._style = []
        if "style" in a:
            self.style_attributes.append(f"<{tag} style={a['style']!r}>")
        self.handlers += [f"<{tag} {k}=…>" for k in a if k.startswith("on")]
        self.script_urls += [f"<{tag} {k}={v!r}>" for k, v in a.items()
                             if k in ("href", "src", "action", "formaction")
                             and re.sub(r"[\s\x00-\x1f]", "", v).lower().startswith("javascript:")]

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False
        if tag == "script" and self._script is not None:
            self.inline_scripts.append((self._script[0], "".join(self._script[1])))
            self._script = None
        if tag == "style" and self._style is not None:
            self.styles.append("".join(self._style))
            self._style = None

    def handle_data(self, data):
        if self._script is not None:
            self._script[1].append(data)
        if self._style is not None:
            self._style.append(data)


def read(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def directives(policy: str) -> dict[str, list[str]]:
    out = {}
    for part in filter(None, (p.strip() for p in policy.split(";"))):
        name, *values = part.split()
        assert name.lower() not in out, f"directive {name} given twice in {policy!r}"
        out[name.lower()] = values
    return out


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


@pytest.fixture(scope="module")
def pages(sample_site) -> dict[str, _Page]:
    return {path.relative_to(sample_site).as_posix(): read(path) for path in html_pages(sample_site)}


@pytest.fixture(scope="module")
def awkward_site(tmp_path_factory) -> Path:
    return build_awkward_site(tmp_path_factory.mktemp("awkward"))


def _check_policy_first(name: str, page: _Page) -> list[str]:
    if len(page.policies) != 1:
        return [f"{name}: {len(page.policies)} Content-Security-Policy meta elements"]
    if not page.head_tags:
        return [f"{name}: empty <head>"]
    tag, attrs = page.head_tags[0]
    if tag != "meta" or attrs.get("http-equiv", "").lower() != CSP:
        return [f"{name}: the first element of <head> is <{tag} {attrs}>, not the policy"]
    return []


def test_every_page_carries_the_policy_first_in_its_head(pages):
    assert len(pages) > 400
    problems = [p for name, page in pages.items() for p in _check_policy_first(name, page)]
    assert problems == [], f"{len(problems)} page(s):\n" + "\n".join(problems[:20])


def test_the_policy_allows_the_site_itself_and_nothing_inline(pages):
    policy = directives(pages["index.html"].policies[0])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    for name in ("font-src", "connect-src", "worker-src", "base-uri", "form-action"):
        assert policy[name] == ["'self'"], name
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["style-src"][0] == "'self'"
    for name, page in pages.items():
        for directive, values in directives(page.policies[0]).items():
            for value in values:  # no other host, no scheme but data: for pictures, no 'unsafe-…'
                allowed = value in ("'self'", "'none'") or re.fullmatch(r"'sha256-[A-Za-z0-9+/]+={0,2}'", value) \
                    or (directive == "img-src" and value == "data:")
                assert allowed, f"{name}: {directive} {value}"


def test_no_page_may_compile_webassembly_not_even_search(pages):
    # The search client is plain JavaScript (theme/assets/museum-search.js): nothing needs WebAssembly.
    assert directives(pages["search/index.html"].policies[0])["script-src"] == ["'self'"]
    assert [name for name, page in pages.items() if "wasm" in page.policies[0]] == []


def test_every_inline_script_a_browser_would_run_is_allowed_by_its_hash(pages):
    problems = []
    for name, page in pages.items():
        allowed = directives(page.policies[0]).get("script-src", []) if page.policies else []
        for script_type, text in page.inline_scripts:
            if (script_type or "").strip().lower() in DATA_TYPES:
                continue
            if sha256(text) not in allowed:
                problems.append(f"{name}: <script type={script_type!r}>{text[:80]}…")
    assert problems == [], f"{len(problems)} inline script(s) the policy blocks:\n" + "\n".join(problems[:20])


def test_no_page_styles_or_scripts_itself_inline(pages):
    problems = []
    for name, page in pages.items():
        allowed = directives(page.policies[0]).get("style-src", []) if page.policies else []
        problems += [f"{name}: <style>{s[:60]}…" for s in page.styles if sha256(s) not in allowed]
        problems += [f"{name}: {a}" for a in page.style_attributes + page.handlers + page.script_urls]
    assert problems == [], f"{len(problems)} inline style(s), handler(s) or javascript: URL(s):\n" + \
        "\n".join(problems[:20])


def test_the_redirect_page_of_an_old_id_carries_the_policy_and_still_redirects(awkward_site):
    redirect = awkward_site / "museums" / "rd-old-museum" / "index.html"
    page = read(redirect)
    assert _check_policy_first("museums/rd-old-museum/", page) == []
    assert page.policies[0] == csp.policy()
    refresh = [a for tag, a in page.head_tags if tag == "meta" and a.get("http-equiv", "").lower() == "refresh"]
    assert refresh == [{"http-equiv": "refresh", "content": "0; url=../rd-museum/"}]
    assert page.inline_scripts == []


def test_every_page_of_a_second_build_carries_the_policy(awkward_site):
    problems = [p for path in html_pages(awkward_site)
                for p in _check_policy_first(path.relative_to(awkward_site).as_posix(), read(path))]
    assert problems == []


# --- what the policy relies on ------------------------------------------------------------------------
def _material_script(partial: str, index: int = -1) -> str:
    text = (MATERIAL / "partials" / "javascripts" / partial).read_text(encoding="utf-8")
    return re.findall(r"<script>(.*?)</script>", text, re.DOTALL)[index]


def _code(asset: str) -> str:
    """A theme asset's code, without its opening // comment lines."""
    lines = (THEME / "assets" / asset).read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines if not line.startswith("//")).strip()


def test_materials_inline_scripts_are_served_as_files_unchanged():
    # base.html's script, with its one template value (the scope) taken from the script element.
    base = _material_script("base.html").replace('"{{ config.extra.scope | d(base_url) }}"',
                                                 "document.currentScript.dataset.scope")
    assert "{{" not in base and _code("material-base.js") == base
    assert _code("material-content.js") == _material_script("content.html", -1)
    assert _code("material-content-tabs.js") == _material_script("content.html", 0)
    # The overrides name every script Material's partials have, and nothing inline is left.
    for partial, count in (("base.html", 1), ("content.html", 2)):
        ours = (THEME / "partials" / "javascripts" / partial).read_text(encoding="utf-8")
        assert "<script>" not in ours and ours.count("<script src=") == count


def test_openseadragon_still_writes_the_style_the_policy_allows():
    vendored = (THEME / "assets" / "vendor" / "openseadragon" / "openseadragon.min.js").read_text(encoding="utf-8")
    assert f'.textContent="{csp.OPENSEADRAGON_STYLE}"' in vendored
    assert sha256(csp.OPENSEADRAGON_STYLE) in directives(csp.policy())["style-src"]


def test_inline_scripts_finds_what_a_browser_would_run():
    page = ('<script>a()</script><SCRIPT type="module">b()</SCRIPT ><script type="application/ld+json">{}</script>'
            '<script src="x.js"></script><script data-x=">" type=text/javascript>c()</script>'
            "<script type='application/json' id=__config>{}</script><script type=\"text/plain\">d</script>"
            '<script data-src="x.js" data-type="text/plain">e()</script>')
    assert csp.inline_scripts(page) == ["a()", "b()", "c()", "e()"]


def test_with_policy_puts_the_policy_first():
    out = csp.with_policy('<!doctype html>\n<html lang="zh">\n<head>\n<meta charset="utf-8">\n</head></html>')
    assert out.index(csp.meta()) < out.index("<meta charset")
