"""Terminal output: ``path:line:col: ID message``, the sentence with the numbers marked, the arithmetic,
and a summary line.

Everything written to a terminal or a log goes through :func:`printable` first: a file name or a report
is written by whoever sends it, and a raw ESC starts an ANSI sequence (recolour, retitle, hide lines), a
raw line break starts a line that a CI runner reads as a command (GitHub's ``::warning …``), and a
bidirectional control reorders what is shown.
"""

from __future__ import annotations

import re

from ..findings import RunResult

# What a terminal or a log must not receive raw: C0 controls but the tab (ESC, CR, LF …), DEL, C1 controls
# (CSI U+009B), Unicode format characters (soft hyphen, Arabic letter mark, zero-width characters, the
# bidirectional controls, invisible operators, BOM, interlinear annotation, tags), line and paragraph
# separators, and lone surrogates (the bytes of a file name that are not UTF-8).
_UNPRINTABLE = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f"
    "\ufeff\ufff9-\ufffb\ud800-\udfff\U000e0000-\U000e007f]"
)
_NAMED = {"\n": "\\n", "\r": "\\r"}


def _escape(m: re.Match) -> str:
    c = m.group()
    o = ord(c)
    return _NAMED.get(c) or (f"\\x{o:02x}" if o < 0x100 else f"\\u{o:04x}" if o < 0x10000 else f"\\U{o:08x}")


def printable(text: str) -> str:
    """``text`` safe to write to a terminal or a log, on one line: each character it must not receive raw
    (see above) becomes a visible escape (``\\n``, ``\\x1b``, ``\\u202e``, ``\\udcff``); the rest, tabs
    and Chinese included, is kept."""
    return _UNPRINTABLE.sub(_escape, text)


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
            lines.append(f"{r.path}:{f.line}:{f.column}: {f.rule} [{f.severity}] {f.message}")
            lines.append(f"    {_marked(f.excerpt, f.evidence)[:300]}")
            lines.append(f"    {f.arithmetic}")
        if show_verified:
            for f in r.verified:
                lines.append(f"{r.path}:{f.line}:{f.column}: {f.rule} ✓ {f.arithmetic}")
    lines.append(summary(result))
    return "\n".join(printable(line) for line in lines) + "\n"


def summary(result: RunResult) -> str:
    """The closing line: reports passed, failed and unreadable; errors, warnings and relations verified."""
    s = result.summary()
    return (f"{s['reports']} report(s): {s['passed']} passed, {s['failed']} failed, {s['error']} unreadable; "
            f"{s['errors']} error(s), {s['warnings']} warning(s), {s['verified']} relation(s) verified")
