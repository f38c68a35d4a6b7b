"""What a licence written in a record allows: one table of the licences the museum recognises.

Curators write a picture's ``license`` and an artifact's ``rights`` as text ("CC0 1.0", "CC BY 4.0",
"保留所有权利"). The exports need to know two things of it: its URI (IIIF ``rights`` takes only Creative
Commons and RightsStatements.org URIs) and whether others may reuse the thing at all. A text the table
does not know is treated as forbidding reuse: a picture is published on the site, but left out of the
data package, until a curator writes a licence the museum can read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from museum.records.fields import Text


@dataclass(frozen=True)
class Licence:
    name: str  # the short name, as the data package's `licenses` gives it ("CC-BY-4.0")
    title: str
    uri: str | None  # the canonical http:// URI IIIF asks for; None when there is none
    reusable: bool  # others may copy and publish it (under its terms)


_CC = "http://creativecommons.org/licenses/{}/{}/"
_CC_TITLES = {"by": "Attribution", "by-sa": "Attribution-ShareAlike", "by-nd": "Attribution-NoDerivatives",
              "by-nc": "Attribution-NonCommercial", "by-nc-sa": "Attribution-NonCommercial-ShareAlike",
              "by-nc-nd": "Attribution-NonCommercial-NoDerivatives"}

CC0 = Licence("CC0-1.0", "CC0 1.0 Universal", "http://creativecommons.org/publicdomain/zero/1.0/", True)
PUBLIC_DOMAIN = Licence("PDM-1.0", "Public Domain Mark 1.0", "http://creativecommons.org/publicdomain/mark/1.0/", True)
IN_COPYRIGHT = Licence("InC", "In Copyright", "http://rightsstatements.org/vocab/InC/1.0/", False)
UNKNOWN = Licence("unknown", "Licence not recognised", None, False)
# The museum's own texts, unless a record says otherwise (the footer, mkdocs.yml, says the same).
SITE_TEXT = Licence("CC-BY-4.0", "Creative Commons Attribution 4.0", _CC.format("by", "4.0"), True)

_WORDS = {  # other ways of writing the same licences, after normalising (lower case, no spaces)
    "cc0": CC0, "cc01.0": CC0, "cczero": CC0, "publicdomaindedication": CC0,
    "publicdomain": PUBLIC_DOMAIN, "公有领域": PUBLIC_DOMAIN, "公共领域": PUBLIC_DOMAIN, "pdm": PUBLIC_DOMAIN,
    "pdm1.0": PUBLIC_DOMAIN, "publicdomainmark": PUBLIC_DOMAIN,
    "allrightsreserved": IN_COPYRIGHT, "保留所有权利": IN_COPYRIGHT, "版权所有": IN_COPYRIGHT,
    "incopyright": IN_COPYRIGHT, "inc": IN_COPYRIGHT, "©": IN_COPYRIGHT,
}
_CC_TEXT = re.compile(r"^(?:cc|creativecommons)[- ]?(by(?:[- ](?:nc|sa|nd))*)[- ]?(\d\.\d)(?:international)?$")


def _normal(text: str) -> str:
    return re.sub(r"[\s_]+", "", text.strip().lower()).replace("（", "(").replace("）", ")")


@lru_cache(maxsize=4096)  # (a collection writes a few licences, on every picture)
def recognise(text: Text | str | None) -> Licence:
    """The licence a record's text names: the Chinese wording first, then the English."""
    if text is None:
        return UNKNOWN
    texts = [text] if isinstance(text, str) else [value for _, value in text.values]
    for value in texts:
        found = _one(value)
        if found is not UNKNOWN:
            return found
    return UNKNOWN


def _one(value: str) -> Licence:
    plain = _normal(value)
    if plain in _WORDS:
        return _WORDS[plain]
    if plain.startswith(("http://", "https://")):
        return _from_uri(value.strip())
    match = _CC_TEXT.match(re.sub(r"[\s-]+", "-", value.strip().lower()).replace("-international", ""))
    if match is None:
        match = _CC_TEXT.match(plain)
    if match is None:
        return UNKNOWN
    terms = "-".join(re.split(r"[- ]", match.group(1)))
    if terms not in _CC_TITLES:
        return UNKNOWN
    version = match.group(2)
    return Licence(f"CC-{terms.upper()}-{version}", f"Creative Commons {_CC_TITLES[terms]} {version}",
                   _CC.format(terms, version), True)


def _from_uri(uri: str) -> Licence:
    uri = "http://" + uri.split("://", 1)[1].split("deed.")[0].split("?")[0].rstrip("/") + "/"
    for known in (CC0, PUBLIC_DOMAIN, IN_COPYRIGHT):
        if known.uri == uri:
            return known
    match = re.match(r"^http://creativecommons\.org/licenses/([a-z-]+)/(\d\.\d)/$", uri.lower())
    if match and match.group(1) in _CC_TITLES:
        return _one(f"CC {match.group(1)} {match.group(2)}")
    if uri.startswith("http://rightsstatements.org/vocab/"):
        code = uri.split("/")[-3]  # InC, InC-EDU, NoC-NC …: only "no copyright" statements allow reuse
        return Licence(code, "RightsStatements.org " + code, uri, code.startswith("NoC"))
    return UNKNOWN
