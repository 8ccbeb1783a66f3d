"""Findings stage: turn GX validation results over the fact sheet into findings and verified relations.

A finding (or a verified relation) points at the report: the span of the relation, its line and column,
the sentence(s) holding it, and one evidence item per number taking part, with its own span and role.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field, fields

from . import rules as R
from . import schema as S
from .config import Config
from .display import shorten
from .factsheet import FactSheet
from .validate import TableResult

SCHEMA_VERSION = "reportcheck/v1"
# the columns of RunResult.findings_frame(), in order (page: the PDF page, where there is one)
FINDING_COLUMNS = ("report", "rule", "name", "severity", "line", "column", "end_line", "end_column", "start",
                   "end", "message", "arithmetic", "excerpt", "page", "fingerprint", "check")


@dataclass(repr=False)
class Finding:
    """One contradiction (severity error/warning) or one verified relation (severity pass)."""

    rule: str
    name: str
    severity: str
    message: str
    arithmetic: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    start: int
    end: int
    excerpt: str
    evidence: list[dict] = field(default_factory=list)
    certain: bool = True
    fingerprint: str = ""  # set by the pipeline (see reportcheck.fingerprint)
    suppressed_by: str = ""  # why the finding is accepted (see reportcheck.suppress); empty when it is not
    page: int | None = None  # 1-based page of a PDF report
    # the suite expectation whose verdict this is ("rates.json: expectations[0] (expect_…)"); empty for
    # a verified relation
    check: str = ""

    def to_dict(self) -> dict:
        """The finding as it appears in the JSON format (what ``dataclasses.asdict`` gives, without
        ``path``, ``certain`` and ``fingerprint``, and ``page`` only for a PDF; evidence items are flat, so
        copying them is enough)."""
        d = {k: getattr(self, k) for k in _JSON_FIELDS}
        d["evidence"] = [dict(e) for e in self.evidence]
        if self.page is not None:
            d["page"] = self.page
        return d

    @property
    def where(self) -> str:
        """`` (page N)`` for a finding in a PDF report, else nothing: for messages."""
        return f" (page {self.page})" if self.page is not None else ""

    def __repr__(self) -> str:
        return f"Finding({self.rule} {self.severity} {self.path}:{self.line}:{self.column} {shorten(self.message, 40)!r})"


_JSON_FIELDS = tuple(f.name for f in fields(Finding)
                     if f.name not in ("path", "certain", "fingerprint", "suppressed_by", "page"))


@dataclass(repr=False)
class ReportResult:
    """The outcome for one report file."""

    path: str
    status: str = "passed"  # passed | failed | error
    error: str | None = None
    findings: list[Finding] = field(default_factory=list)
    verified: list[Finding] = field(default_factory=list)
    source: str | None = None  # decoded text, for the HTML pages
    rel_path: str = ""  # path relative to the project root, with / (as given when outside it)
    notices: list[str] = field(default_factory=list)  # one line each, e.g. invisible bidi controls
    suppressed: list[Finding] = field(default_factory=list)  # findings accepted (see reportcheck.suppress)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == "warning")

    def __repr__(self) -> str:
        if self.status == "error":
            return f"ReportResult({self.path!r}, error: {shorten(self.error or '', 60)!r})"
        return (f"ReportResult({self.path!r}, {self.status}, {self.errors} error(s), {self.warnings} warning(s), "
                f"{len(self.verified)} verified)")

    def update_status(self) -> None:
        """failed while an error finding remains, else passed (an unreadable report stays error)."""
        if self.status != "error":
            self.status = "failed" if self.errors else "passed"


@dataclass(repr=False)
class RunResult:
    """All reports of one run."""

    reports: list[ReportResult]
    root: str = ""  # the project root that rel_path and fingerprints are relative to
    # GX's own objects, for the Data Docs of the HTML output (not part of the JSON format)
    validations: list = field(default_factory=list, repr=False)  # ExpectationSuiteValidationResult per table
    suites: list = field(default_factory=list, repr=False)  # ExpectationSuite per configured check
    notes: list[str] = field(default_factory=list)  # warnings about the reports (an unknown rule in a comment)

    def summary(self) -> dict:
        return {
            "reports": len(self.reports),
            "passed": sum(1 for r in self.reports if r.status == "passed"),
            "failed": sum(1 for r in self.reports if r.status == "failed"),
            "error": sum(1 for r in self.reports if r.status == "error"),
            "errors": sum(r.errors for r in self.reports),
            "warnings": sum(r.warnings for r in self.reports),
            "verified": sum(len(r.verified) for r in self.reports),
            "suppressed": sum(len(r.suppressed) for r in self.reports),
        }

    def __repr__(self) -> str:
        s = self.summary()
        return (f"RunResult({s['reports']} report(s): {s['passed']} passed, {s['failed']} failed, "
                f"{s['error']} unreadable; {s['errors']} error(s), {s['warnings']} warning(s), "
                f"{s['verified']} verified)")

    def findings_frame(self, verified: bool = False):
        """The findings as one tidy pandas DataFrame, a row per finding with the columns of
        :data:`FINDING_COLUMNS` (``report`` is the path as given; ``page`` is None where the report has
        no pages); ``verified=True`` adds the verified relations (severity ``pass``)."""
        import pandas as pd

        rows = []
        for r in self.reports:
            for f in r.findings + (r.verified if verified else []):
                rows.append({"report": r.path, "rule": f.rule, "name": f.name, "severity": f.severity,
                             "line": f.line, "column": f.column, "end_line": f.end_line,
                             "end_column": f.end_column, "start": f.start, "end": f.end, "message": f.message,
                             "arithmetic": f.arithmetic, "excerpt": f.excerpt, "page": f.page,
                             "fingerprint": f.fingerprint, "check": f.check})
        return pd.DataFrame(rows, columns=list(FINDING_COLUMNS))

    def to_json(self) -> dict:
        """The documented public JSON format (schema ``reportcheck/v1``)."""
        return {
            "schema": SCHEMA_VERSION,
            "reports": [
                {"path": r.path, "status": r.status, "error": r.error,
                 "findings": [f.to_dict() for f in r.findings],
                 "verified": [f.to_dict() for f in r.verified],
                 "suppressed": [{**f.to_dict(), "suppressed_by": f.suppressed_by} for f in r.suppressed]}
                for r in self.reports
            ],
            "summary": self.summary(),
        }


def _page(v) -> int | None:
    return None if v is None or (isinstance(v, float) and math.isnan(v)) else int(v)


def _row_dict(row: dict) -> dict:
    # NaN (the only float unequal to itself) becomes None; a plain comparison, as every cell passes here
    d = {k: None if isinstance(v, float) and v != v else v for k, v in row.items()}  # noqa: PLR0124
    d["members"] = json.loads(row[S.MEMBERS]) if isinstance(row[S.MEMBERS], str) else []
    for m in d["members"]:
        if m.get("value") == "inf":
            m["value"] = math.inf
    return d


def _evidence(m: dict) -> dict:
    """One number (or marker, item …) a finding rests on: its text, span, value, role and, where the fact
    sheet has them, its line and column (1-based; end column exclusive)."""
    e = {"text": m["text"], "start": m["start"], "end": m["end"], "value": m.get("value"), "role": m["role"]}
    for k in ("line", "column", "end_line", "end_column"):
        if m.get(k) is not None:
            e[k] = m[k]
    return e


def _explain(rule: R.Rule, row: dict) -> tuple[str, str]:
    """The rule's message and arithmetic; a rule that fails to explain a row must not end the run."""
    try:
        return rule.explain(row)
    except Exception as e:
        return rule.name, f"(no details: {rule.id} could not explain this row: {type(e).__name__})"


def build_findings(sheet: FactSheet, results: dict[str, TableResult], config: Config | None = None,
                   ) -> dict[str, tuple[list[Finding], list[Finding]]]:
    """Findings and verified relations per report path.

    A failing row's severity is the suite's: the gravest severity of the expectations that rejected it
    (``TableResult.severity``: an expectation's ``meta.severity``, else its check map entry's; their row
    conditions on the evidence columns say which rows are errors and which warnings). The configuration
    may turn a rule off (everywhere or for some paths: an off rule neither finds nor verifies anything) or
    lower it to a warning.
    """
    config = config or Config()
    out: dict[str, tuple[list[Finding], list[Finding]]] = {}
    by_table: dict[str, list[R.Rule]] = {}
    for rule in R.all_rules():
        by_table.setdefault(rule.table, []).append(rule)
    levels: dict[tuple[str, str], str | None] = {}
    for table, tr in results.items():
        df = sheet.tables.get(table)
        if df is None or df.empty:
            continue
        rules = by_table.get(table, [])
        # only the rows some rule rejected or checked, as plain dicts (the values DataFrame.iterrows
        # would give, an order of magnitude faster)
        wanted = set().union(*tr.failed.values(), *tr.checked.values())
        rows = df[df[S.ID].isin(wanted)] if len(wanted) < len(df) else df
        for row in rows.to_dict("records"):
            rid = row[S.ID]
            d = None
            for rule in rules:
                failed = rid in tr.failed.get(rule.id, set())
                checked = rid in tr.checked.get(rule.id, set())
                if not failed and not checked:
                    continue
                key = (rule.id, row[S.REPORT])
                if key not in levels:
                    levels[key] = config.level(*key)
                if levels[key] == "off":
                    continue
                d = d or _row_dict(row)
                # the message tells GX's verdict on the row, not one worked out again
                message, arith = _explain(rule, {**d, "gx_failed": failed})
                if failed:
                    # the suite's verdict on this row (the gravest expectation that rejected it); the
                    # configuration may lower a rule to a warning everywhere
                    sev = tr.severity[rule.id][rid]
                    if levels[key] == "warning":
                        sev = "warning"
                else:
                    sev = "pass"
                f = Finding(rule.id, rule.name, sev, message, arith, d[S.REPORT], int(d[S.LINE]),
                            int(d[S.COLUMN]), int(d[S.END_LINE]), int(d[S.END_COLUMN]), int(d[S.START]),
                            int(d[S.END]), d[S.EXCERPT],
                            [_evidence(m) for m in d["members"]],
                            bool(d[S.CERTAIN]), page=_page(d.get(S.PAGE)),
                            check=tr.raised_by.get(rule.id, {}).get(rid, "") if failed else "")
                fs, vs = out.setdefault(d[S.REPORT], ([], []))
                (fs if failed else vs).append(f)
                if failed:
                    break  # one finding per row: the first rule it breaks
    for fs, vs in out.values():
        fs.sort(key=lambda f: (f.start, f.rule))
        vs.sort(key=lambda f: (f.start, f.rule))
        _drop_shadowed(fs)
    return out


def _drop_shadowed(findings: list[Finding]) -> None:
    """A finding that another rule's finding makes redundant is dropped, as the rule module declares it
    (``YIELDS_TO``: a sum that fails because one of its parts exceeds the whole is reported once, as
    that part). Linear in the findings and their evidence: the places of each (rule, role) are
    gathered once."""
    rules = {f.rule: R.get(f.rule) for f in findings}
    wanted = {(other, theirs) for rule in rules.values() if rule for other, (_, theirs) in rule.yields_to.items()}
    if not wanted:
        return
    places: dict[tuple[str, str], set[tuple[int, int]]] = {}
    for g in findings:
        for e in g.evidence:
            if (g.rule, e["role"]) in wanted:
                places.setdefault((g.rule, e["role"]), set()).add((e["start"], e["end"]))

    def shadowed(f: Finding) -> bool:
        rule = rules[f.rule]
        return any((e["start"], e["end"]) in places.get((other, theirs), ())
                   for other, (mine, theirs) in (rule.yields_to.items() if rule else ())
                   for e in f.evidence if e["role"] == mine)

    findings[:] = [f for f in findings if not shadowed(f)]
