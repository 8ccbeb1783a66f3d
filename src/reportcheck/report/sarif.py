"""SARIF 2.1.0 output (``--format sarif``) for GitHub code scanning and other SARIF viewers.

One run. The driver lists the whole rule catalogue with each rule's documentation as its help. A result
points at its report by the path relative to the project root (``%SRCROOT%``), with 1-based lines and
columns counted in characters (``columnKind`` unicodeCodePoints, end column exclusive as in SARIF); every
place it rests on (each number, both markers of a duplicate …) is a related location with its lines,
columns and characters, and its fingerprint (see :mod:`..fingerprint`) is its partial fingerprint. A
suppressed finding (see :mod:`..suppress`) is a result with its suppression. An unreadable report is a
tool execution notification.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from .. import __version__
from .. import rules as R
from ..display import shorten
from ..findings import Finding, ReportResult, RunResult
from ..ruledocs import rule_markdown
from .json_format import dumps

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "reportcheck/v1"
SRCROOT = "%SRCROOT%"
LEVEL = {"error": "error", "warning": "warning"}


def _rule(rule: R.Rule) -> dict:
    return {
        "id": rule.id,
        "name": rule.slug,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.section("What it checks")},
        "help": {"text": rule.doc.strip(), "markdown": rule_markdown(rule)},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {"tags": ["reportcheck", rule.table]},
    }


def _artifact(rr: ReportResult) -> dict:
    if Path(rr.rel_path).is_absolute():  # outside the project root
        return {"uri": Path(rr.rel_path).as_uri()}
    return {"uri": quote(rr.rel_path, errors="surrogateescape"), "uriBaseId": SRCROOT}  # a name's own bytes


def _region(e: dict) -> dict:
    """The region of one evidence item: its lines and columns where known, and its characters."""
    region = {k: e[key] for k, key in (("startLine", "line"), ("startColumn", "column"), ("endLine", "end_line"),
                                       ("endColumn", "end_column")) if e.get(key) is not None}
    return {**region, "charOffset": e["start"], "charLength": e["end"] - e["start"]}


def _result(f: Finding, rr: ReportResult, index: dict[str, int]) -> dict:
    region = {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line, "endColumn": f.end_column,
              "charOffset": f.start, "charLength": f.end - f.start}
    if f.page is not None:  # a PDF: lines and offsets are those of its text layer
        region["properties"] = {"page": f.page}
    related = [{"id": i, "message": {"text": f"{e['role']}: {shorten(e['text'], 60)}"},
                "physicalLocation": {"artifactLocation": _artifact(rr), "region": _region(e)}}
               for i, e in enumerate(f.evidence) if e.get("start") is not None]
    out = {
        "ruleId": f.rule,
        "ruleIndex": index[f.rule],
        "level": LEVEL[f.severity],
        "message": {"text": f"{f.message}{f.where}\n{f.arithmetic}" if f.arithmetic else f.message + f.where},
        "locations": [{"physicalLocation": {"artifactLocation": _artifact(rr), "region": region}}],
        "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint},
    }
    if related:
        out["relatedLocations"] = related
    return out


def _suppressed(f: Finding, rr: ReportResult, index: dict[str, int]) -> dict:
    """A suppressed finding: a result with its suppression (in the report's source, or in the
    configuration, which SARIF calls external), so viewers show it as accepted."""
    out = _result(f, rr, index)
    kind = "inSource" if f.suppressed_by.startswith("comment") else "external"
    out["suppressions"] = [{"kind": kind, "justification": f.suppressed_by}]
    return out


def to_sarif(result: RunResult) -> dict:
    """The run as a SARIF log (a dict ready for JSON)."""
    rules = R.all_rules()
    index = {r.id: i for i, r in enumerate(rules)}
    notes = [{"level": "error", "message": {"text": rr.error or "unreadable report"},
              "locations": [{"physicalLocation": {"artifactLocation": _artifact(rr)}}]}
             for rr in result.reports if rr.status == "error"]
    run = {
        "tool": {"driver": {"name": "reportcheck", "version": __version__, "semanticVersion": __version__,
                            "rules": [_rule(r) for r in rules]}},
        "invocations": [{"executionSuccessful": not notes, "toolExecutionNotifications": notes}],
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, rr, index) for rr in result.reports for f in rr.findings]
        + [_suppressed(f, rr, index) for rr in result.reports for f in rr.suppressed],
    }
    if result.root:
        run["originalUriBaseIds"] = {SRCROOT: {"uri": Path(result.root).as_uri().rstrip("/") + "/"}}
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(result: RunResult) -> str:
    """The SARIF log as JSON text."""
    return dumps(to_sarif(result)) + "\n"
