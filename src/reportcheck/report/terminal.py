"""Terminal output: ``path:line:col: ID message``, the sentence with the numbers marked, the arithmetic,
and a summary line."""

from __future__ import annotations

import re

from ..findings import RunResult


def _marked(excerpt: str, evidence: list[dict]) -> str:
    """The excerpt with each evidence text in [brackets] (whole numbers only: 4篇 is not marked in 24篇)."""
    out = excerpt
    for e in sorted({e["text"] for e in evidence if e.get("text")}, key=len, reverse=True):
        out = re.sub(r"(?<![\d.\[])" + re.escape(e), lambda m: f"[{m.group(0)}]", out, count=1)
    return out


def render(result: RunResult, show_verified: bool = False) -> str:
    lines: list[str] = []
    for r in result.reports:
        if r.status == "error":
            lines.append(f"{r.error}")
            continue
        for f in r.findings:
            lines.append(f"{r.path}:{f.line}:{f.column}: {f.rule} [{f.severity}] {f.message}{f.where}")
            lines.append(f"    {_marked(f.excerpt, f.evidence)[:300]}")
            lines.append(f"    {f.arithmetic}")
        if show_verified:
            for f in r.verified:
                lines.append(f"{r.path}:{f.line}:{f.column}: {f.rule} ✓ {f.arithmetic}{f.where}")
    lines.append(summary(result))
    return "\n".join(lines) + "\n"


def summary(result: RunResult) -> str:
    """The closing line: reports passed, failed and unreadable; errors, warnings and relations verified."""
    s = result.summary()
    return (f"{s['reports']} report(s): {s['passed']} passed, {s['failed']} failed, {s['error']} unreadable; "
            f"{s['errors']} error(s), {s['warnings']} warning(s), {s['verified']} relation(s) verified")
