"""The whole run: ingest → extract → fact sheet → GX validation → findings, for many reports.

One unreadable report never hides the others: it becomes a ReportResult with status "error" and the
run goes on. Tables of all reports are validated together (one GX validation per table per run).
Paths and fingerprints are relative to the project root: the git work tree of the current folder, or
the current folder outside git.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from . import fingerprint, gitutil
from .config import Config
from .extract.mentions import use_words
from .factsheet import FactSheet, extract_document
from .findings import ReportResult, RunResult, build_findings
from .ingest import IngestError, discover, load
from .validate import Validator


def select(paths: Sequence[str | os.PathLike], include: Sequence[str] = (), exclude: Sequence[str] = (),
           config: Config | None = None, changed_since: str | None = None) -> list[Path]:
    """The report files to check: found under ``paths`` (see :func:`reportcheck.ingest.discover`), kept
    by the configuration's include/exclude and, with ``changed_since``, added or changed since that git
    ref (GitError when git cannot tell)."""
    config = config or Config()
    files = [f for f in discover(paths, include, exclude) if config.selects(f)]
    if changed_since is not None:
        changed = gitutil.changed_since(changed_since)
        files = [f for f in files if f.resolve() in changed]
    return files


def project_root() -> Path:
    """The root that report paths are made relative to: the git work tree, else the current folder."""
    return gitutil.toplevel() or Path.cwd()


def relative(path: str | os.PathLike, root: Path) -> str:
    """``path`` relative to ``root`` with ``/``; its absolute path when it is outside ``root``."""
    for p in (Path(os.path.abspath(path)), Path(os.path.realpath(path))):  # root may be a resolved path
        if p.is_relative_to(root):
            return p.relative_to(root).as_posix()
    return Path(os.path.abspath(path)).as_posix()


def run(paths: Sequence[str | os.PathLike], include: Sequence[str] = (), exclude: Sequence[str] = (),
        checks: str | os.PathLike | None = None, keep_source: bool = False, *, config: Config | None = None,
        changed_since: str | None = None) -> RunResult:
    """Check every report under ``paths`` (see :func:`select`) with the settings of ``config``.

    Raises IngestError when a given path does not exist or a directory holds no report, SuiteError
    when the check map or a suite is broken, and GitError when ``changed_since`` cannot be answered
    (all usage errors, exit code 2).
    """
    config = config or Config()
    files = select(paths, include, exclude, config, changed_since)
    validator = Validator(checks)
    use_words(config.extra_words)
    root = project_root()
    reports: list[ReportResult] = []
    sheets: list[FactSheet] = []
    for f in files:
        rr = ReportResult(str(f), rel_path=relative(f, root))
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
    per_report = build_findings(sheet, results, severities, config)
    for rr in reports:
        if rr.status == "error":
            continue
        rr.findings, rr.verified = per_report.get(rr.path, ([], []))
        fingerprint.assign(rr.findings, rr.rel_path)
        rr.update_status()
    return RunResult(reports, root=str(root),
                     validations=[r for tr in results.values() for r in tr.gx_results],
                     suites=[s for _, s in validator.suites])
