"""The Content-Security-Policy in a real browser: it is obeyed, and it breaks nothing.

Every other browser test fails if the policy refuses anything on the pages it uses (conftest.py's
`page` and `phone` fixtures, and the hostile pages' `tab`): search, the map, the lightbox and deep zoom,
the home page and the rest. Here: that the policy really is in force (so that those checks mean
something), and that an old id's redirect page still redirects under it.
"""

from __future__ import annotations

import re

import pytest

from conftest import watch_csp

pytestmark = pytest.mark.browser

# What an injection that got past escaping would try; with the policy, none of it runs or loads.
ATTACKS = """() => {
  window.__ran = [];
  const script = document.createElement("script");
  script.textContent = "window.__ran.push('inline script')";
  document.body.append(script);
  const box = document.createElement("div");
  // "data:," is no picture, so the error handler is the one that fires: Chromium reports a refused
  // inline handler only when it would run it (an onload here is never reported).
  box.innerHTML = '<img src="data:," onerror="window.__ran.push(\\'handler\\')">'
    + '<p style="color: rgb(255, 0, 0)">x</p><style>body { color: rgb(0, 0, 255) }</style>';
  document.body.append(box);
  setTimeout("window.__ran.push('eval')", 0);  // (page.evaluate's own code is exempt: a string timer is not)
  return fetch("http://127.0.0.2:9/steal").then(() => "fetched", () => "refused");
}"""


def test_the_policy_is_in_force_on_the_sample_site(browser, base_url):
    context = browser.new_context()
    refused = watch_csp(context)
    page = context.new_page()
    try:
        page.goto(base_url)
        assert page.evaluate(ATTACKS) == "refused"
        page.wait_for_timeout(300)
        assert page.evaluate("window.__ran") == []
        assert page.evaluate("getComputedStyle(document.querySelector('p[style]')).color") != "rgb(255, 0, 0)"
        assert page.evaluate("getComputedStyle(document.body).color") != "rgb(0, 0, 255)"
        kinds = {line.split(" ", 1)[0] for line in refused}
        assert {"script-src-elem", "script-src-attr", "style-src-attr", "style-src-elem", "script-src",
                "connect-src"} <= kinds, refused
    finally:
        context.close()


def test_an_old_ids_page_still_redirects(awkward, awkward_url):
    awkward.goto(awkward_url + "museums/rd-old-museum/")
    awkward.wait_for_url(re.compile(r"/museums/rd-museum/$"), timeout=10_000)
    assert "R&D <研究> 测试馆" in awkward.locator("h1").first.inner_text()
