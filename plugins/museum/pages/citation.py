"""How to cite a page: GB/T 7714—2015 (the Chinese standard for references) and The Chicago Manual of
Style (17th edition, bibliography form), for artifacts, exhibitions and heritage sites.

Both cite an online resource with the date the reader saw it, which a static page cannot know: the
citation carries a placeholder in that place ("[引用日期]", "Accessed [date]"), which the page's script
(theme/assets/museum-cite.js) replaces with today's date in each style's form. Tested against the
standards' own examples (tests/test_citation.py).
"""

from __future__ import annotations

from dataclasses import dataclass

GBT_CITED = "引用日期"  # GB/T 7714: [引用日期], the date the resource was seen
CHICAGO_CITED = "[date]"


@dataclass(frozen=True)
class Citation:
    style: str  # "gbt7714" or "chicago"
    before: str  # the text before the date the reader fills in
    cited: str  # the placeholder for that date
    after: str

    def __str__(self) -> str:
        return f"{self.before}{self.cited}{self.after}"


def gbt7714(author: str, title: str, url: str, *, kind: str = "EB", updated: str | None = None,
            cited: str | None = None) -> Citation:
    """GB/T 7714—2015, 电子资源 (§4.8, §8.8): 主要责任者. 题名[文献类型标识/载体类型标识]. (更新或修改日期)
    [引用日期]. 获取和访问路径. ``kind``: EB (electronic bulletin, a web page), DB (a database) …"""
    updated_part = f"({updated})" if updated else ""
    return Citation("gbt7714", f"{author}. {title}[{kind}/OL]. {updated_part}[", cited or GBT_CITED, f"]. {url}.")


def chicago(publisher: str, title: str, url: str, *, site: str | None = None, modified: str | None = None,
            accessed: str | None = None) -> Citation:
    """Chicago 17th ed., 14.206 (website content), bibliography: Owner. "Title." Site. Last modified …
    (or, without a date of its own, Accessed …). URL. The site is left out when it is the owner."""
    site_part = f" {site}." if site and site != publisher else ""
    if modified:
        return Citation("chicago", f"{publisher}. “{title}.”{site_part} Last modified {modified}. ", "", f"{url}.")
    return Citation("chicago", f"{publisher}. “{title}.”{site_part} Accessed ", accessed or CHICAGO_CITED, f". {url}.")
