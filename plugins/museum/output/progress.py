"""Progress on long work (pages, pictures) as a bar on a terminal, and nothing in logs that are not."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from tqdm import tqdm

MINIMUM = 200  # below this many items the work is over before a bar would help


@contextmanager
def progress_bar(label: str, total: int, stream=None) -> Iterator[Callable[[int], None]]:
    """``advance(n)``: n more items done. tqdm draws only when ``stream`` is a terminal."""
    stream = stream or sys.stderr
    with tqdm(total=total, desc=label, file=stream, disable=None if total >= MINIMUM else True,
              unit="", leave=False, mininterval=0.5, dynamic_ncols=True) as bar:
        yield bar.update
