"""On a phone, an object's page costs little: under 200 KB of pictures before any interaction."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser
LIMIT = 200 * 1024


@pytest.mark.parametrize("artifact", ["jiefang-ca10-truck", "feige-bicycle", "shanghai-a581-watch",
                                      "anshan-no1-blast-furnace", "hanyang-rifle"])
def test_an_artifact_page_at_phone_width_loads_under_200_kb_of_images(phone, base_url, artifact):
    sizes: dict[str, int] = {}

    def count(response):
        if response.request.resource_type == "image":
            sizes[response.url] = len(response.body())

    phone.on("response", count)
    phone.goto(f"{base_url}artifacts/{artifact}/", wait_until="load")
    phone.wait_for_timeout(500)
    assert sizes, "the page showed no picture"
    assert sum(sizes.values()) < LIMIT, sizes
    # The main picture is there, at a width that suits a phone screen (2x pixels), not the largest.
    main = phone.eval_on_selector(".museum-figure--main img", "img => img.currentSrc")
    assert "/media/" in main and main.endswith(".webp")
