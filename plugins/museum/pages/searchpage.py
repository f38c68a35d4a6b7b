"""The full search page. The header's search box submits here (?q=…), so searching needs no
script until this page; without JavaScript the page points to the listings instead."""

from __future__ import annotations

from museum.pages import urls
from museum.pages.spec import PageSpec, home_crumb
from museum.search.pagefind import BUNDLE
from museum.pages.views import Link

SEARCH = "search/"


def search_page() -> PageSpec:
    return PageSpec(
        url=SEARCH, template="search.html", title="搜索",
        description="在国家数字工业博物馆中搜索藏品、博物馆、展览、工业遗产和线路。",
        context={"bundle": f"{BUNDLE}/", "browse": [Link("藏品", urls.COLLECTION), Link("工业博物馆名录", urls.DIRECTORY),
                                                   Link("展览", urls.EXHIBITIONS), Link("工业遗产名录", urls.HERITAGE_LIST)]},
        breadcrumbs=[home_crumb(), Link("搜索", SEARCH)],
    )
