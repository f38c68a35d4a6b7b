"""How large record pages get when thousands of records name one (issue "The house rebuilt", bounded pages).

    python bench/bounded_bench.py [N]

Plans and renders (core only, no MkDocs) the mini collection plus N artifacts and N/10 exhibitions
that all name one locomotive, and prints the body size of that page, its museum's and the largest.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "plugins"), str(ROOT / "tests")]

from test_bounded_pages import TARGET, crowd, pages_of  # noqa: E402  (the test's own collection)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        pages = pages_of(crowd(Path(tmp), n))
        seconds = time.perf_counter() - started
    size = {url: len(body.encode("utf-8")) for url, body in pages.items()}
    largest = max(size, key=size.get)
    print(f"{n} records name {TARGET}: {len(pages)} pages in {seconds:.1f} s; body of {TARGET} {size[TARGET] / 1000:.1f} KB, "
          f"of museums/ceshi-gongye-bowuguan/ {size['museums/ceshi-gongye-bowuguan/'] / 1000:.1f} KB, "
          f"largest {largest} {size[largest] / 1000:.1f} KB")


if __name__ == "__main__":
    main()
