"""The lists a heritage site is on, as one sequence: the record's own listing (the national list's fields:
level, issuer, batch, number, listed) and each of its ``listings`` (a provincial or municipal list).

A site listed at two levels shows both; the heritage list orders and groups sites by these.
"""

from __future__ import annotations

from dataclasses import dataclass

from museum.catalogue.index import Catalogue
from museum.records.fields import Text
from museum.records.models import Heritage

BIG = 10**6  # sorts after every real batch or number
GRADES_EN = {"一级": "Grade I", "二级": "Grade II", "三级": "Grade III"}  # Wuhan's list grades its sites


@dataclass(frozen=True)
class Listed:
    level: str  # heritage-levels id
    issuer: str | None  # heritage-issuers id (None: an issuer the vocabulary does not know)
    issuer_label: Text | None
    list: Text | None  # the list's name as published
    batch: int | None
    year: int | None
    number: int | None
    grade: Text | None
    name: Text | None  # the site's name on this list, when it differs
    note: Text | None


def listings_of(h: Heritage, cat: Catalogue) -> list[Listed]:
    """Every listing of ``h``, highest level first (the vocabulary's order), each list once."""
    own = own_listing(h, cat)
    found = own + _others(h, cat, own)
    if not found:
        found.append(Listed(h.level, None, None, None, None, None, None, None, None, None))
    levels = list(cat.vocab.get("heritage-levels", {}))
    return sorted(found, key=lambda o: levels.index(o.level) if o.level in levels else BIG)


def own_listing(h: Heritage, cat: Catalogue) -> list[Listed]:
    """The listing the record's own fields give (level, issuer, batch, number, listed), if they give one."""
    if not (h.batch or h.number or h.issuer):
        return []
    issuers = cat.vocab.get("heritage-issuers", {})
    zh = h.issuer.zh if h.issuer else None
    issuer = next((vid for vid, entry in issuers.items() if entry.label.zh == zh), None)
    year = h.listed.start if h.listed else None
    return [Listed(h.level, issuer, h.issuer, None, h.batch, year, h.number, None, None, None)]


def other_listings(h: Heritage, cat: Catalogue) -> list[Listed]:
    """Its ``listings``, less one that only writes out the record's own listing again."""
    return _others(h, cat, own_listing(h, cat))


def _others(h: Heritage, cat: Catalogue, found: list[Listed]) -> list[Listed]:
    others: list[Listed] = []
    for listing in h.listings:
        if any(o.level == listing.level and o.issuer == listing.issuer and o.batch == listing.batch for o in found):
            continue  # the record's own listing, written out again
        others.append(Listed(listing.level, listing.issuer, cat.label("heritage-issuers", listing.issuer), listing.list,
                             listing.batch, listing.year, listing.number, listing.grade, listing.name, listing.note))
    return others


# The groups a site is in by its listings, one place for the heritage list and the statistics that count it:
# a site listed at two levels is at both (once each); the batches are the national list's (another list's
# batches are its issuer's).
def levels(found: list[Listed]) -> list[str]:
    return list(dict.fromkeys(o.level for o in found))


def national_batches(found: list[Listed]) -> list[str]:
    return list(dict.fromkeys(str(o.batch) for o in found if o.batch and o.level == "national"))


def issuers(found: list[Listed]) -> list[str]:
    return list(dict.fromkeys(o.issuer for o in found if o.issuer))


def order_key(h: Heritage, cat: Catalogue, found: list[Listed] | None = None) -> tuple:
    """How the heritage list orders sites: by level, issuer (the vocabulary's order), batch or year, number.
    ``found``: its listings_of, when the caller has them."""
    first = (found or listings_of(h, cat))[0]
    level_order = list(cat.vocab.get("heritage-levels", {}))
    issuer_order = list(cat.vocab.get("heritage-issuers", {}))
    return (level_order.index(first.level) if first.level in level_order else BIG,
            issuer_order.index(first.issuer) if first.issuer in issuer_order else BIG,
            first.batch or first.year or BIG, first.number or BIG, h.id or "")


def describe(o: Listed, s) -> tuple[Text | str, ...]:
    """A listing in words, as parts of a row (views.Joined): the list's name as published (or its issuer
    and batch), the site's number, the year, the grade, and the name it is listed under."""
    parts: list[Text | str] = []
    if o.list:
        parts.append(o.list)
    elif o.issuer_label and o.batch:
        parts.append(s._("%(issuer)s第%(n)s批", issuer=s.pick(o.issuer_label), n=o.batch))
    elif o.issuer_label:
        parts.append(o.issuer_label)
    if o.batch and o.number:
        parts.append(s._("第%(batch)s批第%(n)s项", batch=o.batch, n=o.number))
    if o.year and not o.list:
        parts.append(s._("%(year)s年", year=o.year))
    if o.grade:  # a list's own grade, in the page's language where we know it (一级: Grade I)
        zh = o.grade.zh
        parts.append(Text.of(f"等级：{zh}", o.grade.en or GRADES_EN.get(zh)) if (o.grade.en or zh in GRADES_EN)
                     else o.grade)
    if o.name:  # the name it is listed under (a Chinese name: marked so on an English page)
        parts.append(o.name)
    if o.note:
        parts.append(o.note)
    return tuple(parts)
