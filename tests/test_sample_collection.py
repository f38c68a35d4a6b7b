"""The sample collection in collections/ is what a new curator copies from: it must pass the check."""

from __future__ import annotations


def test_the_sample_collection_passes_check(run_cli, root):
    result = run_cli("check", cwd=root)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("检查通过")
