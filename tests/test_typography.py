"""Chinese typography: a wrapped line of Chinese is joined without a space, wherever text is shown.

Curators wrap long text in their YAML; a line break is a space in English but none in Chinese, and
Chromium shows it as one (「水压机。 这台」). Pages, excerpts, meta descriptions and the site's data
files must read as the curator meant, while English keeps its spaces and paragraphs stay paragraphs.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from museum.pages.markup import flat as search_excerpt
from museum.pages.markup import markdown, plain
from museum.records.cjk import join, join_html

WIDE = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
# A space or line break (in text, or written as \n inside JSON) between two Chinese characters or marks.
GAP = re.compile(f"[{WIDE}](?:[ \\t\\r\\n]|\\\\n)+[{WIDE}]")
# What a visitor does not read as text: code, styles, scripts (JSON-LD is data a search engine shows: kept).
NOT_TEXT = re.compile(r"<(pre|style)\b.*?</\1>|<script(?![^>]*ld\+json)[^>]*>.*?</script>", re.S)


@pytest.mark.parametrize("wrapped, joined", [
    ("水压机。\n这台", "水压机。这台"),
    ("条件下， 采用", "条件下，采用"),
    ("陈列馆\n“二号院”", "陈列馆“二号院”"),
    ("开馆。 The hall", "开馆。The hall"),  # after Chinese punctuation, no space
])
def test_wrapped_chinese_joins_without_a_space(wrapped, joined):
    assert join(wrapped) == joined


@pytest.mark.parametrize("text", [
    "opened on\n26 September",  # English keeps its spaces
    "解放 CA10 卡车",  # a space between Chinese and Latin is the writer's choice
    "第一段。\n\n第二段。",  # a blank line is a paragraph break
])
def test_other_spaces_stay(text):
    assert join(text) == text


def test_markdown_joins_the_lines_of_a_paragraph_and_keeps_its_structure():
    html = markdown("## 概况\n陈列以编年体与专题相结合，\n介绍松辽石油勘探。\n\n- 第一项\n- 第二项\n\nopened on\n26 September")
    assert "<h2>概况</h2>" in html
    assert "相结合，介绍松辽" in html
    assert "<li>第一项</li>\n<li>第二项</li>" in html
    assert "opened on\n26 September" in html


def test_summaries_and_excerpts_join_too():
    assert plain("大庆油田历史陈列馆建在旧址。\n陈列以编年体") == "大庆油田历史陈列馆建在旧址。陈列以编年体"
    assert search_excerpt("条件下，\n采用 **新** 工艺") == "条件下，采用新工艺"


def test_hand_written_pages_join_outside_code():
    html = "<p>本页介绍导入。\n导入时</p><pre><code>标题：\n说明</code></pre><p>see <code>a\nb</code></p>"
    assert join_html(html) == "<p>本页介绍导入。导入时</p><pre><code>标题：\n说明</code></pre><p>see <code>a\nb</code></p>"


def _gaps(site: Path) -> dict[str, list[str]]:
    found = {}
    for path in sorted(site.rglob("*")):
        if path.suffix in (".html", ".json", ".xml", ".txt"):
            text = path.read_text(encoding="utf-8")
            hits = GAP.findall(NOT_TEXT.sub("", text) if path.suffix == ".html" else text)
            if hits:
                found[str(path.relative_to(site))] = hits[:3]
    return found


def test_no_chinese_text_in_the_built_site_has_a_gap(sample_site):
    """Record pages, listings, hand-written pages, meta descriptions, JSON-LD and the search data."""
    assert _gaps(sample_site) == {}
