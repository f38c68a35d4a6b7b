"""Citations in GB/T 7714—2015 and Chicago, checked against the standards' own examples, then on the pages."""

from __future__ import annotations

from museum.pages.citation import chicago, gbt7714


def test_gbt7714_electronic_resources_as_the_standard_writes_them():
    # GB/T 7714—2015, examples of electronic resources ([EB/OL], [R/OL]).
    assert str(gbt7714("萧钰", "出版业信息化迈入快车道", "http://www.creader.com/news/20011219/200112190019.html",
                       updated="2001-12-19", cited="2002-04-15")) == \
        "萧钰. 出版业信息化迈入快车道[EB/OL]. (2001-12-19)[2002-04-15]. " \
        "http://www.creader.com/news/20011219/200112190019.html."
    assert str(gbt7714("中国互联网络信息中心", "第29次中国互联网络发展现状统计报告",
                       "http://www.cnnic.net.cn/hlwfzyj/201201/P020120709345264469680.pdf", kind="R",
                       updated="2012-01-16", cited="2013-03-26")) == \
        "中国互联网络信息中心. 第29次中国互联网络发展现状统计报告[R/OL]. (2012-01-16)[2013-03-26]. " \
        "http://www.cnnic.net.cn/hlwfzyj/201201/P020120709345264469680.pdf."


def test_chicago_website_content_as_the_manual_writes_it():
    # The Chicago Manual of Style, website content in a bibliography (17th ed. 14.206; 16th ed. 14.246).
    assert str(chicago("Google", "Privacy Policy", "https://www.google.com/policies/privacy/", site="Privacy & Terms",
                       modified="April 17, 2017")) == \
        "Google. “Privacy Policy.” Privacy & Terms. Last modified April 17, 2017. https://www.google.com/policies/privacy/."
    assert str(chicago("McDonald’s Corporation", "McDonald’s Happy Meal Toy Safety Facts",
                       "http://www.mcdonalds.com/corp/about/factsheets.html", accessed="July 19, 2008")) == \
        "McDonald’s Corporation. “McDonald’s Happy Meal Toy Safety Facts.” Accessed July 19, 2008. " \
        "http://www.mcdonalds.com/corp/about/factsheets.html."


def test_a_page_leaves_the_date_of_access_to_the_reader():
    cited = gbt7714("国家数字工业博物馆", "解放牌CA10型载货汽车", "https://museum.example/artifacts/jiefang-ca10-truck/")
    assert str(cited) == "国家数字工业博物馆. 解放牌CA10型载货汽车[EB/OL]. [引用日期]. https://museum.example/artifacts/jiefang-ca10-truck/."
    assert cited.cited == "引用日期"  # (the page's script puts today's date there)


def test_artifact_exhibition_and_heritage_pages_cite_themselves_in_both_styles(sample_site):
    for path in ("artifacts/jiefang-ca10-truck/", "exhibitions/three-wheels-and-a-sound/", "heritage/an-shan-gang-tie-chang/",
                 "en/artifacts/jiefang-ca10-truck/"):
        page = (sample_site / path / "index.html").read_text(encoding="utf-8")
        assert "<dt>GB/T 7714—2015</dt>" in page and "<dt>Chicago</dt>" in page, path
        assert "[EB/OL]. [<span data-cite-date>引用日期</span>]. http://127.0.0.1:8000/" + path in page
        assert "National Digital Industrial Museum. “" in page and "assets/museum-cite.js" in page
