"""The full search page. The header's search box submits here (?q=…); the page itself lists where
to start (example searches and the listings), which is all a visitor without JavaScript needs."""

from __future__ import annotations

from museum.pages import urls
from museum.pages.spec import PageSpec, home_crumb
from museum.pages.views import Link
from museum.search.run import FOLDER

SEARCH = "search/"
# Searches that show what the index can do: part of a word, traditional characters, pinyin, English.
EXAMPLES = ["机车", "纺织", "鞍鋼", "jiefang", "locomotive", "景德镇"]


def search_page(lang: str = "zh") -> PageSpec:
    return PageSpec(
        url=SEARCH, template="search.html", title="搜索",
        description="在国家数字工业博物馆中搜索藏品、博物馆、展览、工业遗产和线路。",
        context={"index": f"{FOLDER}/{lang}/", "examples": EXAMPLES,
                 "browse": [Link("藏品", urls.COLLECTION), Link("工业博物馆名录", urls.DIRECTORY),
                            Link("展览", urls.EXHIBITIONS), Link("工业遗产名录", urls.HERITAGE_LIST),
                            Link("线路", urls.ROUTES)]},
        breadcrumbs=[home_crumb(), Link("搜索", SEARCH)],
    )
