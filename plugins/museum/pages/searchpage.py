"""The full search page. The header's search box submits here (?q=…); the page itself lists where
to start (example searches and the listings), which is all a visitor without JavaScript needs."""

from __future__ import annotations

from museum.pages import i18n, urls
from museum.pages.spec import PageSpec, home_crumb
from museum.pages.views import Link
from museum.records.fields import Text
from museum.search.run import FOLDER

SEARCH = "search/"
# Searches that show what the index can do: part of a word, traditional characters, pinyin, English.
# (Chinese ones as Text: an English page marks them as Chinese.)
EXAMPLES = [Text.of("机车"), Text.of("纺织"), Text.of("鞍鋼"), "jiefang", "locomotive", Text.of("景德镇")]


def search_page(lang: str = i18n.DEFAULT) -> PageSpec:
    s = i18n.strings(lang)
    return PageSpec(
        url=SEARCH, template="search.html", title=s._("搜索"),
        description=s._("在国家数字工业博物馆中搜索藏品、博物馆、展览、工业遗产、线路、人物、企业和研学课程。"),
        context={"index": f"{FOLDER}/{lang}/", "examples": EXAMPLES, "search_lang": lang,
                 "browse": [Link(s._("藏品"), urls.COLLECTION), Link(s._("工业博物馆名录"), urls.DIRECTORY),
                            Link(s._("展览"), urls.EXHIBITIONS), Link(s._("工业遗产名录"), urls.HERITAGE_LIST),
                            Link(s._("线路"), urls.ROUTES), Link(s._("人物"), urls.PEOPLE),
                            Link(s._("工业企业名录"), urls.ENTERPRISES), Link(s._("研学课程"), urls.COURSES)]},
        breadcrumbs=[home_crumb(s), Link(s._("搜索"), SEARCH)],
    )
