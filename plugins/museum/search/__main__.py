"""``python -m museum.search DOCUMENTS OUT DIGEST``: the search index in its own process (the build's
process holds the catalogue; the index's memory is counted apart and given back when it ends)."""

from __future__ import annotations

import json
import signal
import sys
import time
from pathlib import Path

from museum.search.index import build

if __name__ == "__main__":
    # Stopped (the preview has newer documents): end as by an error, so the languages' processes stop too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    started = time.perf_counter()
    metas = build(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3])
    print(json.dumps({"seconds": round(time.perf_counter() - started, 3),
                      **{lang: {"docs": m["docs"], "files": m["_files"], "bytes": m["_bytes"]} for lang, m in metas.items()}}))
