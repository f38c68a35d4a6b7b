"""``build.py build`` and ``serve``: run MkDocs with the museum plugin, safely.

A build goes into a fresh folder beside ``site/`` and replaces it only when everything succeeded,
so a failed build leaves the last good site exactly as it was.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path


class BuildFailed(Exception):
    pass


def build_site(config_file: Path, site_dir: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.new-", dir=site_dir.parent))
    try:
        config = load_config(config_file=str(config_file), site_dir=str(staging))
        build(config)
    except MkDocsException as exc:  # PluginError and ConfigurationError among them
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildFailed(str(exc)) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    # Swap: the old site is moved aside first, so there is never a moment with a half site.
    old = None
    if site_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.old-", dir=site_dir.parent))
        old.rmdir()
        site_dir.rename(old)
    staging.rename(site_dir)
    staging_mode = 0o755
    site_dir.chmod(staging_mode)  # mkdtemp made it private; a web server must read it
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def serve_site(config_file: Path, dev_addr: str) -> None:
    from mkdocs.commands.serve import serve

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    serve(config_file=str(config_file), dev_addr=dev_addr, livereload=True)
