"""Shared test helpers: where ../shared is, and loading answer keys."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = ROOT / "seeds"


def shared_dir(*parts: str) -> Path:
    """A folder of ../shared, or skip the test when it is not there."""
    p = SHARED.joinpath(*parts)
    if not p.is_dir():
        pytest.skip(f"{p} not available")
    return p


def copied_checks(tmp_path: Path, suite: str, edit) -> tuple[Path, Path]:
    """The shipped check map and suites copied under ``tmp_path``, with ``edit(data)`` applied to the
    suite file ``suite`` (its parsed JSON); returns (check map, that suite file)."""
    import shutil

    from reportcheck.validate import default_checks_path

    checks = default_checks_path()
    (tmp_path / "checks").mkdir()
    shutil.copytree(checks.parent.parent / "expectations", tmp_path / "expectations")
    shutil.copy(checks, tmp_path / "checks" / "checks.json")
    path = tmp_path / "expectations" / suite
    data = json.loads(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(json.dumps(data), encoding="utf-8")
    return tmp_path / "checks" / "checks.json", path


def answer_keys(folder: Path) -> list[tuple[Path, dict]]:
    """(report path, answer key) for every key in an answer-key folder."""
    out = []
    for f in sorted(folder.glob("*.json")):
        key = json.loads(f.read_text(encoding="utf-8"))
        if "file" in key:
            out.append((folder / key["file"], key))
    return out
