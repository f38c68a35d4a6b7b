"""The sample collection in collections/ is what a new curator copies from: it must pass the check."""

from __future__ import annotations

import yaml


def test_the_sample_collection_passes_check(run_cli, root):
    result = run_cli("check", cwd=root)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("检查通过")


def test_every_vocabulary_label_has_english(root):
    """Filters, facts tables and search facets name vocabulary values: the English museum needs each in English."""
    missing = []
    for path in sorted((root / "collections" / "vocab").glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["entries"]:
            label = entry.get("label")
            if not (isinstance(label, dict) and str(label.get("en") or "").strip()):
                missing.append(f"{path.name}: {entry.get('id')}")
    assert missing == []
