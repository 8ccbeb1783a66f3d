"""The places a finding rests on, as the outputs for people show them: which of its numbers are in its
excerpt (to underline or mark there), and which are elsewhere (to list with their line and column)."""

from __future__ import annotations

import re

from ..findings import Finding


def excerpt_marks(f: Finding) -> tuple[list[tuple[int, int]], list[dict]]:
    """Where the evidence texts are in the excerpt (whole numbers only: 4篇 is not found in 24篇), and the
    evidence items not there (on other lines, or not found): they are shown as related places. The
    evidence inside the finding's own span is looked for first (of two 七是, the one the finding is on)."""
    excerpt = f.excerpt
    taken: list[tuple[int, int]] = []
    outside: list[dict] = []
    for e in sorted(f.evidence, key=lambda e: (not f.start <= e.get("start", -1) < f.end,
                                               -len(e.get("text") or ""))):
        text = e.get("text") or ""
        if not text:
            continue
        if e.get("line") is not None and not f.line <= e["line"] <= f.end_line:
            outside.append(e)
            continue
        for m in re.finditer(r"(?<![\d.])" + re.escape(text), excerpt):
            if not any(m.start() < b and a < m.end() for a, b in taken):
                taken.append((m.start(), m.end()))
                break
        else:
            outside.append(e)
    outside.sort(key=lambda e: e.get("start", 0))
    return sorted(taken), outside
