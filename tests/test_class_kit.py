"""For teachers: exhibitions and routes found by audience, and a QR code of each one's permanent link
(page logic on the mini collection; printing and reading the code back: tests/browser/test_print.py)."""

from __future__ import annotations

from museum.pages.plan import plan_site

SITE_URL = "https://museum.example/"


def pages_of(cat) -> dict:
    return {spec.url: spec for spec in plan_site(cat, SITE_URL).pages}


def test_the_exhibitions_and_routes_listings_are_browsed_by_audience(mini_checked):
    cat, _ = mini_checked
    pages = pages_of(cat)
    facets = pages["exhibitions/"].context["facets"]
    assert [(link.url, link.count) for link in facets[0].links] == [
        ("exhibitions/audience/secondary-school/", 1), ("exhibitions/audience/general-public/", 1)]
    assert [c.url for c in pages["exhibitions/audience/secondary-school/"].context["cards"]] == ["exhibitions/ceshi-zhanlan/"]
    assert [c.url for c in pages["routes/audience/general-public/"].context["cards"]] == ["routes/ceshi-xianlu/"]
    assert "exhibitions/audience/primary-school/" not in pages  # no empty listing for an audience nothing is for
    assert "en/exhibitions/audience/secondary-school/" in pages


def test_an_exhibitions_audience_links_to_what_else_is_for_them(mini_checked):
    cat, _ = mini_checked
    facts = pages_of(cat)["exhibitions/ceshi-zhanlan/"].context["facts"]
    audience = next(f for f in facts if f.label == "适合对象")
    assert [link.url for link in audience.links] == ["exhibitions/audience/secondary-school/",
                                                     "exhibitions/audience/general-public/"]


def test_exhibitions_and_routes_carry_the_qr_code_of_their_permanent_link(mini_checked):
    cat, _ = mini_checked
    pages = pages_of(cat)
    for url in ("exhibitions/ceshi-zhanlan/", "routes/ceshi-xianlu/", "en/routes/ceshi-xianlu/"):
        svg = str(pages[url].context["qr"])
        assert svg.startswith('<svg role="img" aria-label=') and f"{SITE_URL}{url}" in svg, url


def test_every_exhibition_and_route_has_a_class_sheet_in_each_language(mini_checked):
    cat, _ = mini_checked
    pages = pages_of(cat)
    sheet = pages["exhibitions/ceshi-zhanlan/sheet/"]
    exhibition = cat.exhibitions["ceshi-zhanlan"]
    assert sheet.template == "sheet.html" and sheet.title.startswith("课堂学习单")
    assert sheet.context["objectives"] == exhibition.learning_objectives
    assert sheet.context["activities"] == exhibition.activities
    assert [c.url for c in sheet.context["objects"]] == list(dict.fromkeys(
        f"artifacts/{r.id}/" for section in exhibition.sections for r in section.artifacts))
    assert "https://museum.example/exhibitions/ceshi-zhanlan/" in str(sheet.context["qr"])  # the exhibition's link
    assert pages["exhibitions/ceshi-zhanlan/"].context["sheet"] == "exhibitions/ceshi-zhanlan/sheet/"
    route = pages["en/routes/ceshi-xianlu/sheet/"]
    assert [s["number"] for s in route.context["stops"]] == list(range(1, len(cat.routes["ceshi-xianlu"].stops) + 1))
    assert "artifacts/ceshi-kache/sheet/" not in pages  # (artifacts have none)
