"""How complete each record is, against a published rubric: what a curator can add to make it better.

The rubric (``RUBRIC``) is the same for every kind where a criterion applies, and published on the
curators' page (pages/completeness.py) and in docs/contributing.md: pictures, a description of some
length, English, sources, dates and links to other records. A record's score is the share of the
points of the criteria that apply to its kind (0 to 100); ``missing`` names what it lacks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from museum.catalogue.index import Catalogue, images_of
from museum.records.fields import Text
from museum.records.models import Artifact, Course, Enterprise, Exhibition, Heritage, Museum, Person, Record, Route

DESCRIPTION_MIN = 80  # characters of Chinese: about two sentences


@dataclass(frozen=True)
class Criterion:
    name: str  # an id, for the data
    zh: str  # what to add, as a curator reads it
    en: str
    points: int
    applies: Callable[[Record], bool]
    met: Callable[[Catalogue, Record], bool]


# The field that says what a record is about, by the name its kind gives it.
ABOUT = ("description", "summary", "biography")


def _text_of(record: Record) -> Text | None:
    return next((text for text in (getattr(record, name, None) for name in ABOUT) if text), None)


def _english(record: Record) -> bool:
    about = _text_of(record)
    return bool(record.label.en) and (about is None or bool(about.en))


def _sources(record: Record) -> bool:
    if isinstance(record, Artifact):
        return bool(record.provenance or record.inventory_number)
    if isinstance(record, Museum):
        return record.website is not None
    if isinstance(record, Heritage):
        return bool(record.issuer and (record.batch or record.listed))
    if isinstance(record, Exhibition):
        return bool(record.curators)
    return bool(getattr(record, "sources", None))


def _dates(record: Record) -> bool:
    if isinstance(record, Artifact):
        return record.date.certain
    if isinstance(record, Museum):
        return record.founded is not None
    if isinstance(record, Heritage):
        return record.founded is not None and record.listed is not None
    if isinstance(record, Exhibition):
        return record.status != "temporary" or bool(record.dates and record.dates.start)
    if isinstance(record, Person):
        return record.born is not None
    return True


def _links(cat: Catalogue, record: Record) -> bool:
    referrers = cat.referrers.get(record.key, {})
    if isinstance(record, Artifact):
        return bool(record.heritage or record.related or referrers)
    if isinstance(record, Museum):
        return bool(record.heritage or referrers)
    if isinstance(record, Heritage):
        return bool(record.museums or referrers)
    if isinstance(record, Exhibition):
        return any(section.artifacts for section in record.sections)
    if isinstance(record, Person):
        return bool(record.enterprises or record.heritage or record.museums or referrers)
    if isinstance(record, Enterprise):
        return bool(record.heritage or record.museums or record.people or referrers)
    return True


RUBRIC = (
    Criterion("pictures", "图片", "pictures", 20, lambda r: hasattr(r, "images") or isinstance(r, Exhibition),
              lambda cat, r: any(True for _ in images_of(r))),
    Criterion("description", f"不少于 {DESCRIPTION_MIN} 字的说明", f"a description of {DESCRIPTION_MIN} characters or more",
              20, lambda r: any(hasattr(r, name) for name in ABOUT),
              lambda cat, r: len((_text_of(r) or Text.of("")).zh) >= DESCRIPTION_MIN),
    Criterion("english", "英文名称和说明", "an English name and description", 20, lambda r: True,
              lambda cat, r: _english(r)),
    Criterion("sources", "出处（藏品编号或来源、官网、公布机构与批次、策展人）",
              "sources (inventory number or provenance, website, issuer and batch, curators)", 15,
              lambda r: not isinstance(r, (Route, Course)), lambda cat, r: _sources(r)),
    Criterion("dates", "确切日期（藏品）、建成或成立年份、生年", "exact dates (artifacts), the year founded, the year born", 15,
              lambda r: not isinstance(r, (Route, Course)), lambda cat, r: _dates(r)),
    Criterion("links", "与其他记录的联系（相关遗产、藏品、展览）", "links to other records (heritage, artifacts, exhibitions)",
              10, lambda r: not isinstance(r, (Route, Course)), _links),
)


@dataclass(frozen=True)
class Score:
    score: int  # 0 to 100
    missing: tuple[Criterion, ...]


def score(cat: Catalogue, record: Record) -> Score:
    applies = [c for c in RUBRIC if c.applies(record)]
    total = sum(c.points for c in applies)
    missing = tuple(c for c in applies if not c.met(cat, record))
    got = total - sum(c.points for c in missing)
    return Score(round(100 * got / total) if total else 100, missing)


LOW = 60  # a record below this is listed among those to improve first


def by_kind(cat: Catalogue) -> dict[str, list[tuple[Record, Score]]]:
    """Every record's score, by kind, lowest first (ties by id, so the order is fixed)."""
    found = {}
    for kind, table in cat.records.items():
        scored = [(record, score(cat, record)) for record in table.values()]
        found[kind] = sorted(scored, key=lambda item: (item[1].score, item[0].id or ""))
    return found


def summary_lines(cat: Catalogue) -> list[str]:
    """What ``check --summary`` says of completeness: each kind's average, and how many are below LOW."""
    from museum.records.models import KINDS

    lines = []
    for kind, scored in by_kind(cat).items():
        if not scored:
            continue
        average = round(sum(s.score for _, s in scored) / len(scored))
        low = sum(s.score < LOW for _, s in scored)
        lines.append(f"  {KINDS[kind].zh} / {KINDS[kind].en_plural}: 平均 {average} 分，{low} 条低于 {LOW} 分 / "
                     f"average {average}, {low} below {LOW}")
    return ["完整度（满分 100；评分标准和要补充的记录见网站的 contributing/completeness/ 页） / completeness (out of 100; "
            "the rubric, and the records to improve, are on the site's contributing/completeness/ page):", *lines]
