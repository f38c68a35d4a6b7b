"""Memory the program has freed, handed back to the system.

Python frees an object's memory to the C library, which keeps it for later (glibc returns only what
lies at the top of its heap). After a phase that frees much among what it keeps — the records cache's
pickled bytes (~220 MB at 100,000 objects) interleaved with the records unpickled from them, a
phase's temporaries among the plan it leaves — the free pages in between stay counted against the
build, and every process forked later starts with them. ``release()`` asks glibc to give them back
(``malloc_trim``); elsewhere it does nothing.
"""

from __future__ import annotations

import ctypes
import sys
from functools import cache


@cache
def _trim():
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL("libc.so.6").malloc_trim  # (not in musl: AttributeError)
    except (OSError, AttributeError):
        return None


def release() -> None:
    """Give the free pages of the C library's heap back to the system (glibc); a few ms per GB."""
    trim = _trim()
    if trim is not None:
        trim(0)
