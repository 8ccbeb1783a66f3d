"""Suppression: accepting a finding where it is, in the report or in the configuration.

In a Markdown or HTML report, a comment accepts the findings of some rules in the paragraph after it::

    <!-- reportcheck: ignore RC101 repeat-mismatch -- the 2013 figures are restated as published -->

(rule IDs or slugs, separated by spaces or commas; none: every rule; a reason after ``--``). The
paragraph is, in Markdown, the text after the comment up to the next blank line; in HTML, the next
element (up to its matching end tag), or the text up to the next tag when text comes first. A finding
is accepted when it starts there.

For other reports (text, Word, PDF) ``[[tool.reportcheck.ignore]]`` entries of the configuration name
the report (a glob), the rule, the finding's fingerprint or line, and a reason (see
:class:`reportcheck.config.Ignore`).

Accepted findings leave ``findings`` for ``suppressed``, each with the reason in ``suppressed_by``;
they are counted in the summary and listed with ``--show-suppressed``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import rules as R
from .config import Config
from .findings import Finding, ReportResult

COMMENT_SUFFIXES = (".md", ".html", ".htm")
# the comment: <!-- reportcheck: ignore IDS [-- reason] -->
_COMMENT = re.compile(r"<!--\s*reportcheck:\s*ignore\b(?P<ids>(?:(?!--).)*?)(?:--(?P<reason>.*?))?-->", re.DOTALL)
_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")
_OPEN_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9]*)\b[^>]*?(/?)>")
_VOID = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "wbr"}


@dataclass(frozen=True)
class Mark:
    """One suppression comment: the rules it names (empty: all), the paragraph it covers, its reason."""

    rules: frozenset[str]
    start: int
    end: int
    line: int
    reason: str


def marks(source: str, html: bool) -> tuple[list[Mark], list[str]]:
    """The suppression comments of a report's source text, and one problem per unknown rule named."""
    out: list[Mark] = []
    problems: list[str] = []
    for m in _COMMENT.finditer(source):
        ids = set()
        line = source.count("\n", 0, m.start()) + 1
        for name in re.split(r"[\s,]+", m.group("ids").strip()):
            if not name:
                continue
            rule = R.get(name)
            if rule is None:
                problems.append(f"line {line}: reportcheck: ignore names no rule {name!r} (see 'reportcheck rules')")
            else:
                ids.add(rule.id)
        if m.group("ids").strip() and not ids:
            continue  # only unknown names: accept nothing rather than everything
        start, end = _paragraph(source, m.end(), html)
        out.append(Mark(frozenset(ids), start, end, line, " ".join((m.group("reason") or "").split())))
    return out, problems


def _paragraph(source: str, at: int, html: bool) -> tuple[int, int]:
    """The span of the paragraph after offset ``at`` (see the module docstring)."""
    n = len(source)
    while at < n and source[at] in " \t\r\n":
        at += 1
    if not html:
        blank = _BLANK_LINE.search(source, at)
        return at, blank.start() if blank else n
    tag = _OPEN_TAG.match(source, at)
    if tag is None:  # text first: up to the next tag
        lt = source.find("<", at)
        return at, lt if lt >= 0 else n
    name = tag.group(1).lower()
    if tag.group(2) or name in _VOID:
        return _paragraph(source, tag.end(), html)
    depth, pos = 1, tag.end()
    pattern = re.compile(rf"<(/?){re.escape(name)}\b[^>]*>", re.IGNORECASE)
    for t in pattern.finditer(source, pos):
        depth += -1 if t.group(1) else 1
        if depth == 0:
            return at, t.end()
    return at, n


def _mark_of(f: Finding, found: list[Mark]) -> Mark | None:
    return next((k for k in found if k.start <= f.start < k.end and (not k.rules or f.rule in k.rules)), None)


def apply(rr: ReportResult, config: Config, source: str | None = None) -> list[str]:
    """Move the accepted findings of ``rr`` to ``rr.suppressed``; returns problems worth a warning (an
    unknown rule in a comment), each naming the report. ``source`` is the report's text (read when
    needed and not given)."""
    if not rr.findings:
        return []
    problems: list[str] = []
    found: list[Mark] = []
    suffix = Path(rr.path).suffix.lower()
    if suffix in COMMENT_SUFFIXES:
        if source is None:
            from .ingest import IngestError, read_source

            try:
                source = read_source(rr.path)
            except IngestError:
                source = ""
        if "reportcheck:" in source:
            found, bad = marks(source, html=suffix != ".md")
            problems = [f"{rr.path}: {p}" for p in bad]
    kept = []
    for f in rr.findings:
        mark = _mark_of(f, found)
        if mark is not None:
            f.suppressed_by = f"comment at line {mark.line}" + (f": {mark.reason}" if mark.reason else "")
        elif (entry := config.ignored(f, rr.path)) is not None:
            f.suppressed_by = f"configuration: {entry.reason}"
        else:
            kept.append(f)
            continue
        rr.suppressed.append(f)
    rr.findings = kept
    rr.update_status()
    return problems
