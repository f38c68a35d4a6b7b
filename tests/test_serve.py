"""The live preview: `build.py serve` shows a curator's edit without a restart."""

from __future__ import annotations

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


def test_an_edited_record_appears_in_the_preview_without_a_restart(tmp_path):
    coll = tmp_path / "collections"
    shutil.copytree(ROOT / "collections", coll, ignore=shutil.ignore_patterns("heritage", "routes"))
    record = coll / "artifacts" / "jiefang-ca10-truck.yaml"
    port = free_port()
    url = f"http://127.0.0.1:{port}/artifacts/jiefang-ca10-truck/"
    server = subprocess.Popen([sys.executable, "build.py", "--collections", str(coll), "serve",
                               "--dev-addr", f"127.0.0.1:{port}"], cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert wait_for(lambda: (fetch(url) or "").find("解放牌CA10型载货汽车") >= 0, 180), "the preview never came up"
        text = record.read_text(encoding="utf-8")
        record.write_text(text.replace("title: {zh: 解放牌CA10型载货汽车", "title: {zh: 解放牌CA10型载货汽车（预览测试）"),
                          encoding="utf-8")
        assert wait_for(lambda: "（预览测试）" in (fetch(url) or ""), 120), "the edit never showed"
    finally:
        server.terminate()
        server.wait(timeout=30)
