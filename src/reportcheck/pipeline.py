"""The whole run: ingest → extract → fact sheet → GX validation → findings, for many reports.

One unreadable report never hides the others: it becomes a ReportResult with status "error" and the
run goes on. Reports are extracted one by one or in worker processes (:mod:`.workers`), which send back
only the tables the checks validate; the tables of all reports are then validated together (one GX
validation per table per run), so the results do not depend on the number of workers.
Paths and fingerprints are relative to the project root: the git work tree of the current folder, or
the current folder outside git.
"""

from __future__ import annotations

import gc
import os
from collections import Counter
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from . import fingerprint, gitutil, repofiles
from .config import Config
from .findings import ReportResult, RunResult, build_findings
from .ingest import IngestError, discover, read_source

if TYPE_CHECKING:
    from .factsheet import FactSheet


def select(paths: Sequence[str | os.PathLike], include: Sequence[str] = (), exclude: Sequence[str] = (),
           config: Config | None = None, changed_since: str | None = None,
           errors: list[IngestError] | None = None, left_out: Counter | None = None) -> list[Path]:
    """The report files to check: found under ``paths`` (see :func:`reportcheck.ingest.discover`), less
    what is not a report in a repository (see :mod:`reportcheck.repofiles`; ``left_out`` counts those
    by reason), kept by the configuration's include/exclude and, with ``changed_since``, added or
    changed since that git ref (GitError when git cannot tell). Entries that cannot be read as reports
    (a link leaving the folder, a FIFO, a folder that cannot be listed) go to ``errors`` when it is a
    list (after the same selection; a folder that cannot be listed always), else the first is raised."""
    config = config or Config()
    problems: list[IngestError] = []
    found = discover(paths, include, exclude, problems)
    found, left = repofiles.narrow(paths, found, repofiles.include_matcher(include, config))
    if left_out is not None:
        left_out.update(left)
    if not found and not problems:
        raise IngestError(str(paths[0]), f"no reports found ({repofiles.describe(left)})")
    files = [f for f in found if config.selects(f)]
    problems = [e for e in problems if e.unlisted or config.selects(e.path)]
    if changed_since is not None:
        changed = gitutil.changed_since(changed_since)
        files = [f for f in files if f.resolve() in changed]
        problems = [e for e in problems
                    if e.unlisted or _resolved(e.path) in changed]
    if errors is None:
        if problems:
            raise problems[0]
    else:
        errors += problems
    return files


def _resolved(path: str) -> Path:
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(path))


def project_root() -> Path:
    """The root that report paths are made relative to: the git work tree, else the current folder."""
    return gitutil.toplevel() or Path.cwd()


def relative(path: str | os.PathLike, root: Path) -> str:
    """``path`` relative to ``root`` with ``/``; its absolute path when it is outside ``root``."""
    for p in (Path(os.path.abspath(path)), Path(os.path.realpath(path))):  # root may be a resolved path
        if p.is_relative_to(root):
            return p.relative_to(root).as_posix()
    return Path(os.path.abspath(path)).as_posix()


def extract(paths: Sequence[str | os.PathLike], include: Sequence[str] = (), exclude: Sequence[str] = (), *,
            config: Config | None = None, jobs: int | None = None, timeout: float | None = None,
            memory: int | None = None, progress: Callable[[int, int], None] | None = None) -> FactSheet:
    """The fact sheet of every report under ``paths`` (see :func:`select`), every table of it: the one
    extraction of :func:`reportcheck.extract` and ``reportcheck extract``.

    ``jobs``, ``timeout``, ``memory`` and ``progress`` as for :func:`run`. A report that cannot be read,
    and an entry that cannot be read as one (a FIFO, a link leaving the folder), does not stop the
    others: its error (one line naming the file) is in the sheet's ``errors``, those of the reports in
    their order, then those of the entries. Raises IngestError when a given path does not exist or a
    folder holds no report, WorkerError when the worker processes cannot start.
    """
    from .factsheet import FactSheet
    from .workers import Extraction

    config = config or Config()
    refused: list[IngestError] = []
    files = select(paths, include, exclude, config, errors=refused)
    sheets: list[FactSheet | None] = [None] * len(files)
    errors: list[str | None] = [None] * len(files)
    with Extraction(files, None, jobs, timeout, config.extra_words, memory) as extraction:
        for done, (i, sheet, error) in enumerate(extraction.results(), 1):
            sheets[i], errors[i] = sheet, error
            if progress is not None:
                progress(done, len(files))
    out = FactSheet.concat([s for s in sheets if s is not None])
    out.reports = [str(f) for f, s in zip(files, sheets, strict=True) if s is not None]
    out.errors = [e for e in errors if e is not None] + [str(e) for e in refused]
    return out


@contextmanager
def _gc_paused():
    """No garbage collection meanwhile: importing GX makes about a million objects and no garbage, so
    the collector, which runs as objects are made, would only walk them again and again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def run(paths: Sequence[str | os.PathLike], include: Sequence[str] = (), exclude: Sequence[str] = (),
        checks: str | os.PathLike | None = None, keep_source: bool = False, *, config: Config | None = None,
        changed_since: str | None = None, jobs: int | None = None, timeout: float | None = None,
        progress: Callable[[int, int], None] | None = None, memory: int | None = None,
        left_out: Counter | None = None) -> RunResult:
    """Check every report under ``paths`` (see :func:`select`) with the settings of ``config``.

    ``jobs`` worker processes extract the reports (see :mod:`reportcheck.workers`; None: one after the
    other in this process) while this one loads Great Expectations; ``timeout`` is the time limit per
    file in seconds and ``memory`` the address-space limit of each worker in bytes, with workers only.
    The results do not depend on ``jobs``. ``progress(done, total)``
    is called as each report is extracted; ``left_out`` counts the files found but left out (see
    :func:`select`). ``keep_source`` keeps each report's decoded text in its
    ReportResult (the HTML report reads it again when it is not kept).

    Raises IngestError when a given path does not exist or a directory holds no report, SuiteError
    when the check map or a suite is broken, GitError when ``changed_since`` cannot be answered (all
    usage errors, exit code 2) and WorkerError when the worker processes cannot start.
    """
    from .factsheet import FactSheet
    from .validate import Validator, load_checks
    from .workers import Extraction

    config = config or Config()
    refused: list[IngestError] = []
    files = select(paths, include, exclude, config, changed_since, refused, left_out)
    loaded = load_checks(checks)  # a broken check map stops the run before any work
    tables = {c.table for c in loaded[0]}
    root = project_root()
    reports = [ReportResult(str(f), rel_path=relative(f, root)) for f in files]
    # what cannot be read as a report is an error of its own, after the reports
    reports += [ReportResult(e.path, status="error", error=str(e), rel_path=relative(e.path, root))
                for e in refused]
    sheets: list[FactSheet | None] = [None] * len(files)
    with Extraction(files, tables, jobs, timeout, config.extra_words, memory) as extraction:
        with _gc_paused():  # Great Expectations loads while the workers extract
            validator = Validator(checks, loaded)
        for done, (i, sheet, error) in enumerate(extraction.results(), 1):
            sheets[i] = sheet
            if sheet is not None:
                reports[i].notices = list(sheet.notices)
            if error is not None:
                reports[i].status, reports[i].error = "error", error
            if progress is not None:
                progress(done, len(files))
    sheet = FactSheet.concat([s for s in sheets if s is not None])
    del sheets
    results = validator.validate(sheet, parallel=bool(jobs and jobs > 1))  # in two processes
    if keep_source:  # before finish, whose suppression comments are read from the kept text
        for rr in reports:
            if rr.status != "error":
                try:
                    rr.source = read_source(rr.path)
                except IngestError:
                    pass
    return finish(reports, sheet, results, validator.suites, config, root)


def finish(reports: list[ReportResult], sheet, results: dict, suites: list, config: Config,
           root) -> RunResult:
    """The last stage of every engine: findings from the validation results, fingerprints and the
    status of each readable report, and the RunResult. A report's kept text (``source``, set by the
    engine with ``keep_source``) is where its suppression comments are read; without it the report is
    read again, and only when it has findings that a comment could accept."""
    from . import suppress

    per_report = build_findings(sheet, results, config)
    notes: list[str] = []
    for rr in reports:
        if rr.status == "error":
            continue
        rr.findings, rr.verified = per_report.get(rr.path, ([], []))
        fingerprint.assign(rr.findings, rr.rel_path)
        rr.update_status()
        # comments in the report (its kept text, else read again when needed), [[tool.reportcheck.ignore]]
        notes += suppress.apply(rr, config, rr.source)
    return RunResult(reports, root=str(root), validations=[r for tr in results.values() for r in tr.gx_results],
                     suites=[s for _, s in suites], notes=notes)
