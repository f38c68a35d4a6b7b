"""The exports for other programs, after the pages, over two processes (all of it is bound by the
processor): a forked one writes half the IIIF manifests and the collections; this one, the data
package, the feeds and the other half of the manifests.
"""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from museum.output.datapackage import write_package
from museum.output.feed import write_feeds
from museum.output.manifests import write_iiif
from museum.pages.opendata import OpenData
from museum.pages.spec import Pictures
from museum.records.history import Dates


class ExportError(RuntimeError):
    pass


def write_exports(data: OpenData, pictures: Pictures, dates: dict[tuple[str, str], Dates], site: Path, site_url: str,
                  languages: tuple[str, ...], *, fork: bool = True) -> None:
    cat = data.cat
    child = None
    if fork and "fork" in multiprocessing.get_all_start_methods():
        child = multiprocessing.get_context("fork").Process(
            target=write_iiif, args=(cat, pictures, site, site_url, 0, 2), name="museum-iiif")
        child.start()
    try:
        write_package(data, pictures, site, site_url)
        write_feeds(cat, dates, site, site_url, languages)
        if child is None:
            write_iiif(cat, pictures, site, site_url)
        else:
            write_iiif(cat, pictures, site, site_url, 1, 2)
    finally:
        if child is not None:
            child.join()
    if child is not None and child.exitcode != 0:
        raise ExportError(f"IIIF 清单写入失败 / writing the IIIF manifests failed (exit code {child.exitcode})")
