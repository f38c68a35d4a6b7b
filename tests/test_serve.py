"""The live preview: `build.py serve` shows a curator's edit without a restart."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.3)
    return False


def served_titles(base: str) -> set[str]:
    """Every result title the served search index holds (as a browser would read it)."""
    import json

    meta = json.loads(fetch(f"{base}search-index/zh/meta.json") or "{}")
    titles = set()
    for n in range(-(-meta.get("docs", 0) // meta.get("chunk", 1))):
        name = f"{meta['documents'][n // meta['group']]}/{n}"
        titles.update(fields[1] for fields in json.loads(fetch(f"{base}search-index/zh/d/{name}.json") or "[]"))
    return titles


@pytest.mark.parametrize("watching", [[], ["--poll"]], ids=["told by the system", "polling"])
def test_an_edited_record_appears_in_the_preview_without_a_restart(tmp_path, watching):
    coll = tmp_path / "collections"
    # (without the ledger of published URLs: this preview leaves out records the sample has published)
    from sitecheck import copy_collection_without

    copy_collection_without(ROOT / "collections", coll, "heritage", "routes")
    record = coll / "artifacts" / "jiefang-ca10-truck.yaml"
    port = free_port()
    url = f"http://127.0.0.1:{port}/artifacts/jiefang-ca10-truck/"
    server = subprocess.Popen([sys.executable, "build.py", "--collections", str(coll), "serve",
                               "--dev-addr", f"127.0.0.1:{port}", *watching], cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert wait_for(lambda: (fetch(url) or "").find("解放牌CA10型载货汽车") >= 0, 180), "the preview never came up"
        text = record.read_text(encoding="utf-8")
        record.write_text(text.replace("title: {zh: 解放牌CA10型载货汽车", "title: {zh: 解放牌CA10型载货汽车（预览测试）"),
                          encoding="utf-8")
        assert wait_for(lambda: "（预览测试）" in (fetch(url) or ""), 120), "the edit never showed"
        # The search index follows in the background, into the folder being served.
        assert wait_for(lambda: "解放牌CA10型载货汽车（预览测试）" in served_titles(f"http://127.0.0.1:{port}/"), 120), \
            "the search index never followed the edit"
    finally:
        server.terminate()
        server.wait(timeout=30)


class _Listening(Exception):
    """Raised by a stand-in for MkDocs' preview server where it would start listening."""


@pytest.mark.parametrize("options, host, port, shown", [
    (["--port", "8765"], "127.0.0.1", 8765, "http://127.0.0.1:8765/"),
    (["--host", "0.0.0.0", "--port", "8001"], "0.0.0.0", 8001, "http://0.0.0.0:8001/"),
    (["--host", "::1"], "::1", 8000, "http://[::1]:8000/"),
    (["--dev-addr", "127.0.0.1:8002"], "127.0.0.1", 8002, "http://127.0.0.1:8002/"),
    ([], "127.0.0.1", 8000, "http://127.0.0.1:8000/"),
], ids=["port", "host and port", "IPv6 host", "dev-addr", "default"])
def test_the_host_and_port_options_are_where_the_preview_server_listens(monkeypatch, capsys, tmp_path, mini, options,
                                                                        host, port, shown):
    import mkdocs.commands.serve as mkdocs_serve

    from museum import cli

    heard = {}
    served = tmp_path / "served"

    def folder(**kwargs):  # MkDocs' own temporary site folder, which it removes only once it served
        served.mkdir()
        return str(served)

    class Server:  # MkDocs' LiveReloadServer, stopped where it would bind its address
        def __init__(self, *, builder, host, port, root, **kwargs):
            heard.update(host=host, port=port)
            raise _Listening

    monkeypatch.setattr(mkdocs_serve, "LiveReloadServer", Server)
    monkeypatch.setattr(mkdocs_serve.tempfile, "mkdtemp", folder)
    monkeypatch.setattr(mkdocs_serve, "build", mkdocs_serve.build)  # (serve wraps it: put back afterwards)
    monkeypatch.setenv("MUSEUM_COLLECTIONS", "")  # (serve sets it: put back afterwards)
    monkeypatch.setenv("MUSEUM_DEBUG", "1")  # the stand-in's exception comes out as it is
    with pytest.raises(_Listening):
        cli.main(["--collections", str(mini / "collections"), "serve", *options])
    assert heard == {"host": host, "port": port}
    assert f"preview: {shown}" in capsys.readouterr().out


@pytest.mark.parametrize("options, said", [
    (["--port", "0"], "the port must be a whole number from 1 to 65535, not '0'"),
    (["--port", "http"], "the port must be a whole number from 1 to 65535, not 'http'"),
    (["--host", "museum.local"], "'museum.local' is not an IP address"),
    (["--dev-addr", "8000"], "write HOST:PORT"),
])
def test_a_host_or_port_that_cannot_be_served_is_said_in_both_languages(capsys, options, said):
    from museum import cli

    with pytest.raises(SystemExit) as exit:
        cli.main(["serve", *options])
    assert exit.value.code == 2
    err = capsys.readouterr().err
    assert said in err and ("端口应为" in err or "不是 IP 地址" in err or "应写作" in err)


def test_dev_addr_and_host_or_port_are_one_choice(capsys):
    from museum import cli

    assert cli.main(["serve", "--dev-addr", "127.0.0.1:8001", "--port", "8002"]) == 2
    assert "give either --dev-addr or --host and --port" in capsys.readouterr().err


def test_the_preview_is_told_of_changes_rather_than_reading_every_file_twice_a_second(tmp_path):
    # Polling reads the metadata of every record twice a second: a core's whole time at 100,000 records.
    from mkdocs.livereload import LiveReloadServer
    from watchdog.observers.polling import PollingObserver

    from museum.adapters.mkdocs.build import _told_of_changes

    server = _told_of_changes(LiveReloadServer)(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(tmp_path))
    assert not isinstance(server.observer, PollingObserver)
    assert server.observer.emitters  # the watch went to it
    server.server_close()


def test_the_preview_rebuilds_when_a_file_changes_not_when_a_build_reads_one(tmp_path):
    from mkdocs.livereload import LiveReloadServer
    from watchdog.events import FileSystemEventHandler

    from museum.adapters.mkdocs.build import _told_of_changes

    record = tmp_path / "record.yaml"
    record.write_text("title: 一\n", encoding="utf-8")
    server = _told_of_changes(LiveReloadServer)(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    seen: list = []
    handler = FileSystemEventHandler()
    handler.on_any_event = seen.append
    server.observer.schedule(handler, str(tmp_path), recursive=True)  # as LiveReloadServer.watch does
    server.observer.start()
    try:
        time.sleep(0.3)
        record.read_text(encoding="utf-8")  # a build reading the record
        time.sleep(0.5)
        assert seen == []
        record.write_text("title: 二\n", encoding="utf-8")
        assert wait_for(lambda: seen, 5), "the change was not seen"
    finally:
        server.observer.stop()
        server.observer.join()
        server.server_close()


def test_a_failed_rebuild_shows_its_problems_in_the_browser_and_no_request_waits(tmp_path):
    coll = tmp_path / "collections"
    shutil.copytree(ROOT / "tests" / "fixtures" / "mini" / "collections", coll)
    record = coll / "artifacts" / "ceshi-kache.yaml"
    port = free_port()
    url = f"http://127.0.0.1:{port}/artifacts/ceshi-kache/"
    server = subprocess.Popen([sys.executable, "build.py", "--collections", str(coll), "serve", "--port", str(port)],
                              cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        assert wait_for(lambda: "测试卡车" in (fetch_any(url) or ""), 180), "the preview never came up"
        # The live reload is an inline script MkDocs adds to each page: the preview's policy lets it run.
        shown = fetch_any(url)
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', shown).group(1)
        assert "livereload" in shown and "'unsafe-inline'" in policy.split("script-src")[1].split(";")[0]
        good = record.read_text(encoding="utf-8")
        record.write_text(good + "not_a_field: 1\n", encoding="utf-8")
        # MkDocs 1.6 would hold every request until the next good build; the page must say what is wrong.
        assert wait_for(lambda: "not_a_field" in (fetch_any(url) or ""), 120), "the error never showed"
        page = fetch_any(url)
        assert "预览未能更新" in page and "could not be rebuilt" in page and "Traceback" not in page
        record.write_text(good, encoding="utf-8")
        assert wait_for(lambda: "测试卡车" in (fetch_any(url) or ""), 120), "the fixed record never came back"
    finally:
        server.terminate()
        _, err = server.communicate(timeout=30)
    assert "Traceback" not in err, err[-2000:]


def fetch_any(url: str) -> str | None:
    """The page's text, whatever its status (the preview's error page comes as a 404)."""
    import urllib.error

    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.read().decode("utf-8")
    except OSError:
        return None


def test_an_internal_error_in_a_rebuild_is_one_short_message_and_a_page(tmp_path, caplog):
    from types import SimpleNamespace

    from museum.adapters.mkdocs.build import guarded_build

    (tmp_path / "old.html").write_text("stale", encoding="utf-8")

    def crash(config, **kwargs):
        raise KeyError("ceshi-bowuguan")

    guarded_build(crash)(SimpleNamespace(site_dir=str(tmp_path)))
    page = (tmp_path / "404.html").read_text(encoding="utf-8")
    assert "KeyError" in page and "MUSEUM_DEBUG" in page and not (tmp_path / "old.html").exists()
    assert "Traceback" not in caplog.text and "internal error" in caplog.text


class _FakeMuseum:
    previous_site = None
    carry = False
    serve_site = None

    def __init__(self):
        self.placed: list[Path] = []

    def site_in_place(self, site: Path) -> None:
        self.placed.append(site)


def _config(site: Path, museum: _FakeMuseum):
    from types import SimpleNamespace

    return SimpleNamespace(site_dir=str(site), plugins={"museum": museum})


def test_the_preview_builds_beside_the_served_folder_and_reuses_it_even_across_an_error(tmp_path):
    from museum.adapters.mkdocs import build as sitebuild
    from museum.output.pages import MANIFEST

    site = tmp_path / "served"
    site.mkdir()
    museum = _FakeMuseum()
    seen: list[tuple[str | None, str]] = []

    def good(config, **kwargs):
        out = Path(config.site_dir)
        assert out != site and out.parent == site.parent  # never the folder being served
        seen.append((museum.previous_site and str(museum.previous_site), out.name))
        (out / "index.html").write_text(f"build {len(seen)}", encoding="utf-8")
        (out / MANIFEST).write_text("", encoding="utf-8")

    def bad(config, **kwargs):
        raise KeyError("ceshi-bowuguan")

    sitebuild.guarded_build(good)(_config(site, museum))
    assert (site / "index.html").read_text(encoding="utf-8") == "build 1" and seen[0][0] is None
    sitebuild.guarded_build(good)(_config(site, museum))
    assert seen[1][0] == str(site) and museum.carry  # the served site's pages are reused
    assert museum.placed == [site, site]

    sitebuild.guarded_build(bad)(_config(site, museum))
    assert "KeyError" in (site / "index.html").read_text(encoding="utf-8")
    kept = sitebuild._LAST_GOOD[site]
    assert (kept / "index.html").read_text(encoding="utf-8") == "build 2"  # the good site, aside

    sitebuild.guarded_build(good)(_config(site, museum))
    assert seen[2][0] == str(kept)  # after the fix, the pages come from the good site kept aside
    assert (site / "index.html").read_text(encoding="utf-8") == "build 3" and site not in sitebuild._LAST_GOOD
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith((".served.old-", ".served.good-"))) \
        == ["served"]
