"""The whole run: ingest → extract → fact sheet → GX validation → findings, for many reports.

One unreadable report never hides the others: it becomes a ReportResult with status "error" and the
run goes on. Tables of all reports are validated together (one GX validation per table per run).
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from .factsheet import FactSheet, extract_document
from .findings import ReportResult, RunResult, build_findings
from .ingest import IngestError, discover, load
from .validate import Validator


def run(paths: Sequence[str | os.PathLike], include: Sequence[str] = (), exclude: Sequence[str] = (),
        checks: str | os.PathLike | None = None, keep_source: bool = False) -> RunResult:
    """Check every report under ``paths``.

    Raises IngestError when a given path does not exist or a directory holds no report, and
    SuiteError when the check map or a suite is broken (both are usage errors, exit code 2).
    """
    files = discover(paths, include, exclude)
    validator = Validator(checks)
    reports: list[ReportResult] = []
    sheets: list[FactSheet] = []
    for f in files:
        rr = ReportResult(str(f))
        try:
            doc = load(f)
            sheets.append(extract_document(doc))
            if keep_source:
                rr.source = doc.source
        except IngestError as e:
            rr.status, rr.error = "error", str(e)
        except Exception as e:  # an extractor bug must not hide the other reports
            rr.status, rr.error = "error", f"{f}: internal error while extracting: {type(e).__name__}: {e}"
        reports.append(rr)
    sheet = FactSheet.concat(sheets)
    results = validator.validate(sheet)
    severities = {c.table: c.severity for c in validator.checks}
    per_report = build_findings(sheet, results, severities)
    for rr in reports:
        if rr.status == "error":
            continue
        fs, vs = per_report.get(rr.path, ([], []))
        rr.findings, rr.verified = fs, vs
        rr.status = "failed" if rr.errors else "passed"
    return RunResult(reports, validations=[r for tr in results.values() for r in tr.gx_results],
                     suites=[s for _, s in validator.suites])
