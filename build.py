#!/usr/bin/env python3
"""国家数字工业博物馆 — the museum's command line. Run `python build.py --help`."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "plugins"))

from museum.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
