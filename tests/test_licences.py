"""What a licence written in a record allows: the exports read curators' licence texts through one table."""

from __future__ import annotations

import pytest

from museum.records.fields import Text
from museum.records.licences import recognise

CC = "http://creativecommons.org/licenses/"


@pytest.mark.parametrize("written, uri, reusable", [
    ("CC0 1.0", "http://creativecommons.org/publicdomain/zero/1.0/", True),
    ("cc0", "http://creativecommons.org/publicdomain/zero/1.0/", True),
    ("CC BY 4.0", CC + "by/4.0/", True),
    ("CC-BY-SA-4.0", CC + "by-sa/4.0/", True),
    ("CC BY-NC-ND 4.0 International", CC + "by-nc-nd/4.0/", True),
    ("https://creativecommons.org/licenses/by/4.0/deed.zh-hans", CC + "by/4.0/", True),
    ("公有领域", "http://creativecommons.org/publicdomain/mark/1.0/", True),
    ("保留所有权利", "http://rightsstatements.org/vocab/InC/1.0/", False),
    ("All rights reserved", "http://rightsstatements.org/vocab/InC/1.0/", False),
    ("http://rightsstatements.org/vocab/NoC-NC/1.0/", "http://rightsstatements.org/vocab/NoC-NC/1.0/", True),
    ("CC BY-XY 4.0", None, False),  # no such licence
    ("经馆方同意使用", None, False),  # a permission the museum cannot pass on
])
def test_a_licence_text_is_read_as_its_uri_and_what_it_allows(written, uri, reusable):
    licence = recognise(written)
    assert (licence.uri, licence.reusable) == (uri, reusable)


def test_the_english_wording_counts_when_the_chinese_is_not_a_licence():
    assert recognise(Text.of("见图注", "CC BY 4.0")).uri == CC + "by/4.0/"
    assert not recognise(None).reusable
