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


def answer_keys(folder: Path) -> list[tuple[Path, dict]]:
    """(report path, answer key) for every key in an answer-key folder."""
    out = []
    for f in sorted(folder.glob("*.json")):
        key = json.loads(f.read_text(encoding="utf-8"))
        if "file" in key:
            out.append((folder / key["file"], key))
    return out
