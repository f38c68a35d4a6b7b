"""The heritage list as the Ministry publishes it: in order of batch and number, each site with its place
in the list ("第七批第4项"), in the sample's 264 national sites."""

from __future__ import annotations

import re


def test_the_list_is_in_order_of_batch_and_number(root):
    from museum.catalogue.check import check_collection
    from museum.pages.plan import plan_site

    cat, problems = check_collection(root / "collections", root=root)
    assert not problems
    pages = {spec.url: spec for spec in plan_site(cat, "https://museum.example/").pages if spec.url.startswith("heritage/")}
    shown = []
    page, n = pages["heritage/"], 1
    while True:
        shown += [c.url for c in page.context["cards"]]
        n += 1
        page = pages.get(f"heritage/page/{n}/")
        if page is None:
            break
    sites = [cat.heritage[url.split("/")[1]] for url in shown]
    assert len(sites) == len(cat.heritage) == 264 + 57  # the national list, and Hubei's provincial and city lists
    national = sites[:264]
    assert {h.level for h in national} == {"national"}
    numbered = [(h.batch, h.number) for h in national]
    assert numbered == sorted(numbered) and numbered[0] == (1, 1) and numbered[-1][0] == 7
    assert len(set(numbered)) == 264  # every site has its own place in the list
    # then the provincial lists before the municipal ones, each list by its issuer and batch
    rest = [(h.level, h.listings[0].issuer, h.listings[0].batch or 99) for h in sites[264:]]  # (no batch: last)
    assert [level for level, _, _ in rest] == ["provincial"] * 14 + ["municipal"] * 43
    assert rest == sorted(rest, key=lambda r: (r[0] != "provincial", ["hubei", "wuhan", "huangshi"].index(r[1]), r[2]))


def test_a_site_shows_its_place_in_the_list(sample_site):
    page = (sample_site / "heritage" / "shou-gang-shi-jing-shan-chang-qu" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<dt>名单序号</dt>\s*<dd>第6批第2项</dd>", page)
    english = (sample_site / "en" / "heritage" / "shou-gang-shi-jing-shan-chang-qu" / "index.html").read_text(encoding="utf-8")
    assert "Batch 6, no. 2" in english
    listing = (sample_site / "heritage" / "batch" / "6" / "index.html").read_text(encoding="utf-8")
    assert "第6批第1项" in listing  # (cards say it too)
