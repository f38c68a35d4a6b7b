"""records/memory.py: memory freed among what a phase keeps is handed back to the system (glibc)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

# Many blocks freed among kept ones, as the records cache's pickles among the records made from them.
SCRIPT = textwrap.dedent("""
    import gc
    from museum.records.memory import release

    def rss():
        for line in open("/proc/self/status"):
            if line.startswith("VmRSS"):
                return int(line.split()[1]) // 1024

    kept, freed = [], []
    for i in range(100_000):
        freed.append(bytes(2000) + str(i).encode())
        kept.append("载" * 300 + str(i))
    del freed
    gc.collect()
    before = rss()
    release()
    print(before, rss())
""")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim, read through /proc")
def test_memory_freed_among_kept_objects_is_given_back():
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True)
    before, after = map(int, result.stdout.split())
    assert before - after > 50, (before, after)  # of the 200 MB freed, the pages wholly free (~90 MB)
