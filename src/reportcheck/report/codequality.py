"""GitLab Code Quality output (``--format codequality``): a Code Climate JSON array of issues.

Each finding is an issue with its rule as ``check_name``, its fingerprint (see :mod:`..fingerprint`,
stable across edits elsewhere in the report, so GitLab can tell new issues from old ones), severity
``major`` (error) or ``minor`` (warning), and the report's path relative to the project root with its
lines.
"""

from __future__ import annotations

from ..findings import RunResult
from .json_format import dumps

SEVERITY = {"error": "major", "warning": "minor"}


def to_issues(result: RunResult) -> list[dict]:
    """The findings of the run as Code Climate issues."""
    return [
        {"type": "issue", "engine_name": "reportcheck", "check_name": f.rule,
         "description": f"{f.message}{f.where} ({f.arithmetic})" if f.arithmetic else f.message + f.where,
         "categories": ["Bug Risk"], "severity": SEVERITY[f.severity], "fingerprint": f.fingerprint,
         "location": {"path": r.rel_path, "lines": {"begin": f.line, "end": f.end_line}}}
        for r in result.reports for f in r.findings
    ]


def render(result: RunResult) -> str:
    """The issues as JSON text."""
    return dumps(to_issues(result)) + "\n"
