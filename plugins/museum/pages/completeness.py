"""The curators' completeness page: the published rubric, and what to improve, museum by museum.

Scores come from catalogue/completeness.py. A museum's artifacts are shown by museum (the records a
museum's curators look after), the other kinds on their own; each group shows its average and the
records to improve first, at most ``SHOWN`` of them, and the museums are paginated: no page grows with
the collection.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from museum.catalogue import completeness
from museum.catalogue.index import Catalogue
from museum.pages import i18n, urls
from museum.pages.spec import PageSpec, home_crumb, paginate
from museum.pages.views import Link
from museum.records.fields import Text
from museum.records.models import KINDS

SHOWN = 5  # records to improve shown for each group
GROUPS_PER_PAGE = 40


@dataclass(frozen=True)
class ToImprove:
    link: Link
    score: int
    missing: tuple[Text, ...]


@dataclass(frozen=True)
class Group:
    title: Text | str
    link: Link | None  # the museum's page, for a museum's artifacts
    count: int
    average: int
    worst: tuple[ToImprove, ...]


def _group(title: Text | str, link: Link | None, scored: list) -> Group:
    worst = tuple(ToImprove(Link(record.label, urls.record(record.key)), score.score,
                            tuple(Text.of(c.zh, c.en) for c in score.missing))
                  for record, score in scored[:SHOWN] if score.missing)
    average = round(sum(s.score for _, s in scored) / len(scored)) if scored else 100
    return Group(title, link, len(scored), average, worst)


def completeness_pages(cat: Catalogue, absolute: Callable[[str], str], lang: str = i18n.DEFAULT) -> Iterable[PageSpec]:
    s = i18n.strings(lang)
    scored = completeness.by_kind(cat)
    by_museum: dict[str, list] = {}
    for artifact, score in scored["artifact"]:
        by_museum.setdefault(artifact.museum.id, []).append((artifact, score))
    groups = [_group(Text.of(KINDS[kind].zh, KINDS[kind].en_plural.capitalize()), None, items)
              for kind, items in scored.items() if kind != "artifact" and items]
    museums = [_group(cat.museums[mid].name, Link(cat.museums[mid].name, urls.record(cat.museums[mid].key)), items)
               for mid, items in sorted(by_museum.items(), key=lambda item: (-len(item[1]), item[0]))]
    rubric = [(Text.of(c.zh, c.en), c.points) for c in completeness.RUBRIC]
    title = s._("记录完整度")
    crumbs = [home_crumb(s), Link(s._("策展人专区"), urls.CURATORS)]
    for museums_here, pager in paginate(museums, urls.COMPLETENESS, size=GROUPS_PER_PAGE, s=s):
        url = urls.paged(urls.COMPLETENESS, pager.current)
        yield PageSpec(
            url=url, template="completeness.html", title=title if pager.current == 1 else s._(
                "%(title)s（第 %(n)s 页）", title=title, n=pager.current),
            description=s._("每条记录按公开的评分标准打分：图片、说明、英文、出处、日期和与其他记录的联系；按博物馆列出最需补充的记录。"),
            context={"rubric": rubric, "low": completeness.LOW, "groups": groups if pager.current == 1 else [],
                     "museums": museums_here, "pager": pager},
            breadcrumbs=[*crumbs, Link(title, urls.COMPLETENESS)],
        )
