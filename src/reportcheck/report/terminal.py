"""Terminal output (``--format text``), in the manner of ruff: for each finding

    path:line:col: ID slug message
      | the sentence, wrapped, each line indented the same
      | ^^^^^       ^^^   the numbers it rests on underlined
      = the arithmetic
      = previous 七是 at 40:1          every place outside the sentence, with its line and column
      = help: the rule's name; reportcheck rules ID · reportcheck explain FILE

then a closing summary that says what to do next. ``quiet`` keeps the first line of each finding only
and no summary; ``statistics`` gives the number of findings per rule instead of the findings. With
``color`` the output carries ANSI colours (the command decides: ``--color``, NO_COLOR, FORCE_COLOR).
Everything from a report or a file name goes through :func:`.escaping.printable` before it is painted
(see :mod:`.escaping` for why).
"""

from __future__ import annotations

import re
import shlex
from collections import Counter
from dataclasses import dataclass
from typing import ClassVar

from .. import rules as R
from ..display import shorten, width
from ..findings import Finding, ReportResult, RunResult
from .escaping import printable
from .places import excerpt_marks

WIDTH = 100  # columns of one excerpt line before it wraps (a CJK character takes two)
MAX_EXCERPT_LINES = 6  # wrapped lines shown around the marks; the rest is elided with …
EVIDENCE_CHARS = 40  # an evidence text longer than this is shortened in the related lines


@dataclass(frozen=True)
class Options:
    """How the text output looks."""

    color: bool = False
    quiet: bool = False
    statistics: bool = False
    show_verified: bool = False
    show_suppressed: bool = False


class _Paint:
    """ANSI styles, or nothing when colour is off."""

    CODES: ClassVar[dict[str, str]] = {"bold": "1", "dim": "2", "red": "31", "yellow": "33", "green": "32", "cyan": "36", "blue": "34"}

    def __init__(self, on: bool):
        self.on = on

    def __call__(self, text: str, *styles: str) -> str:
        if not self.on or not text:
            return text
        return f"\x1b[{';'.join(self.CODES[s] for s in styles)}m{text}\x1b[0m"


def _wrap(excerpt: str) -> list[tuple[int, int]]:
    """The excerpt cut into lines of at most WIDTH columns (at its own line breaks too), as spans."""
    out = []
    for m in re.finditer(r"[^\n]+", excerpt):
        a, w = m.start(), 0
        for i in range(m.start(), m.end()):
            cw = width(excerpt[i])
            if w + cw > WIDTH:
                out.append((a, i))
                a, w = i, 0
            w += cw
        out.append((a, m.end()))
    return out or [(0, 0)]


def _excerpt_lines(excerpt: str, marks: list[tuple[int, int]], paint: _Paint, color: str) -> list[str]:
    """The excerpt, each wrapped line after the gutter, and under a line with marks the carets."""
    rows = _wrap(excerpt)
    marked = [i for i, (a, b) in enumerate(rows) if any(s < b and a < e for s, e in marks)]
    keep = set(range(len(rows))) if len(rows) <= MAX_EXCERPT_LINES else \
        {j for i in (marked or [0]) for j in (i - 1, i, i + 1)}
    out = []
    elided = False
    for i, (a, b) in enumerate(rows):
        if i not in keep:
            if not elided:
                out.append(f"  {paint('|', 'blue')} …")
            elided = True
            continue
        elided = False
        line, carets = [], []
        k = a
        for s, e in marks:
            s, e = max(s, a), min(e, b)
            if s >= e or s < k:
                continue
            before, marked_text = printable(excerpt[k:s]), printable(excerpt[s:e])
            line.append(before)
            carets.append(" " * width(before))
            line.append(paint(marked_text, "bold", color))
            carets.append("^" * width(marked_text))
            k = e
        line.append(printable(excerpt[k:b]))
        out.append(f"  {paint('|', 'blue')} {''.join(line)}")
        if carets:
            out.append(f"  {paint('|', 'blue')} {paint(''.join(carets), color)}")
    return out


def _role(role: str) -> str:
    return role.replace("_", " ")


def _slug(f: Finding) -> str:
    rule = R.get(f.rule)
    return rule.slug if rule else ""


def _header(r: ReportResult, f: Finding, paint: _Paint) -> str:
    slug = _slug(f)
    color = "red" if f.severity == "error" else "yellow"
    level = "" if f.severity == "error" else f" {paint('[' + f.severity + ']', color)}"
    return (f"{paint(printable(r.path), 'bold')}:{f.line}:{f.column}: {paint(f.rule, 'bold', color)} {slug}{level} "
            f"{printable(f.message + f.where)}")


def finding_lines(r: ReportResult, f: Finding, paint: _Paint) -> list[str]:
    """A finding as ruff shows a diagnostic: header, excerpt with carets, arithmetic, related places, help."""
    color = "red" if f.severity == "error" else "yellow"
    marks, outside = excerpt_marks(f)
    lines = [_header(r, f, paint)]
    lines += _excerpt_lines(f.excerpt, marks, paint, color)
    eq = paint("=", "blue")
    if f.arithmetic:
        lines.append(f"  {eq} {printable(f.arithmetic)}")
    for e in outside:
        where = f"{e['line']}:{e['column']}" if e.get("line") else f"offset {e.get('start')}"
        lines.append(f"  {eq} {_role(e['role'])} {paint(printable(shorten(e['text'], EVIDENCE_CHARS)), 'bold')} at {where}")
    rule = R.get(f.rule)
    name = rule.name if rule else f.name
    lines.append(f"  {eq} {paint('help', 'cyan', 'bold')}: {name}: `reportcheck rules {f.rule}`; "
                 f"the report as read: `reportcheck explain {printable(shlex.quote(r.path))}`")
    return lines


def render(result: RunResult, options: Options | None = None) -> str:
    """The run as text for a terminal (see the module docstring), as ``options`` say (default: no
    colour, every finding with its excerpt, no verified relation)."""
    opt = options or Options()
    paint = _Paint(opt.color)
    lines: list[str] = []
    if opt.statistics:
        lines += statistics(result, paint)
    for r in result.reports:
        if r.status == "error":
            lines.append(paint(printable(f"{r.error}"), "red"))
            continue
        if opt.statistics:
            continue
        for f in r.findings:
            lines += [_header(r, f, paint)] if opt.quiet else finding_lines(r, f, paint) + [""]
        if opt.show_suppressed:
            for f in r.suppressed:
                lines.append(f"{printable(r.path)}:{f.line}:{f.column}: {f.rule} {_slug(f)} {paint('[suppressed]', 'dim')} "
                             f"{printable(f.message)} ({printable(str(f.suppressed_by))})")
        if opt.show_verified:
            for f in r.verified:
                lines.append(f"{printable(r.path)}:{f.line}:{f.column}: {f.rule} {paint('✓', 'green')} "
                             f"{printable(f.arithmetic + f.where)}")
    if not opt.quiet:
        lines += closing(result, paint, hint=not opt.show_suppressed)
    return "\n".join(lines) + "\n" if lines else ""


def statistics(result: RunResult, paint: _Paint | None = None) -> list[str]:
    """The number of findings per rule, most frequent first (as ``ruff --statistics``)."""
    paint = paint or _Paint(False)
    counts: Counter[str] = Counter()
    errors: Counter[str] = Counter()
    for r in result.reports:
        for f in r.findings:
            counts[f.rule] += 1
            errors[f.rule] += f.severity == "error"
    out = []
    for rule_id, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        rule = R.get(rule_id)
        e, w = errors[rule_id], n - errors[rule_id]
        kinds = ", ".join(x for x in (f"{e} error(s)" if e else "", f"{w} warning(s)" if w else "") if x)
        out.append(f"{n:>5}  {paint(rule_id, 'bold')}  {(rule.slug if rule else ''):<20}  {kinds}")
    return out


def _n(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def closing(result: RunResult, paint: _Paint | None = None, hint: bool = True) -> list[str]:
    """The closing summary: what was found where, and what to do next (``hint``: how to list the
    suppressed findings)."""
    paint = paint or _Paint(False)
    s = result.summary()
    found = [x for x in (_n(s["errors"], "error") if s["errors"] else "",
                         _n(s["warnings"], "warning") if s["warnings"] else "") if x]
    with_findings = sum(1 for r in result.reports if r.findings)
    extra = []
    if s["error"]:
        extra.append(f"{s['error']} unreadable")
    if s.get("suppressed"):
        extra.append(f"{s['suppressed']} suppressed" + (" (--show-suppressed lists them)" if hint else ""))
    extra.append(f"{_n(s['verified'], 'relation')} verified")
    tail = "; " + "; ".join(extra)
    if found:
        head = paint(f"Found {' and '.join(found)} in {with_findings} of {_n(s['reports'], 'report')}",
                     "bold", "red" if s["errors"] else "yellow")
        return [f"{head}{tail}.",
                "Run `reportcheck explain FILE` to see how one report was read, `reportcheck rules ID` for a rule."]
    readable = s["reports"] - s["error"]
    return [paint(f"No contradiction in {readable} of {_n(s['reports'], 'report')}", "bold",
                  "red" if s["error"] else "green") + f"{tail}."]


def summary(result: RunResult) -> str:
    """One plain line: reports passed, failed and unreadable; errors, warnings and relations verified."""
    s = result.summary()
    return (f"{s['reports']} report(s): {s['passed']} passed, {s['failed']} failed, {s['error']} unreadable; "
            f"{s['errors']} error(s), {s['warnings']} warning(s), {s['verified']} relation(s) verified")
