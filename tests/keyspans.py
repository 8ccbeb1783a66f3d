"""Shared by the answer-key evaluations (eval_sequences.py, eval_enumerations.py): where ../shared is, how
a report is normalised (reportcheck.ingest), and how a source span maps onto the normalised text."""

from __future__ import annotations

import bisect
from pathlib import Path

from reportcheck.ingest import from_text

SHARED = Path(__file__).resolve().parents[2] / "shared"  # the same folder as conftest.SHARED


def load_text(src: str) -> tuple[str, list[int]]:
    """The normalised text of ``src`` and its offsets (text index -> source index), as ingest makes them."""
    doc = from_text(src)
    return doc.text, list(doc.offsets)


def to_text_span(offsets: list[int], src_start: int, src_end: int) -> tuple[int, int]:
    """Map a source span to the normalised text span covering it."""
    lo = bisect.bisect_left(offsets, src_start)
    hi = bisect.bisect_left(offsets, src_end)
    return lo, max(hi, lo + 1)


def overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1
