"""The ``reportcheck`` command: parses options, calls the library, maps results to exit codes."""

from __future__ import annotations

import gc
import math
import sys
from collections import Counter
from enum import Enum
from pathlib import Path

import typer

from . import exitcodes
from .report import FORMATS


class _Argument(typer.core.TyperArgument):
    """An argument with a metavar shows it alone (typer would add ``<list[str]>`` and braces)."""

    def display_type_rich(self, ctx) -> None:
        return None

    def _usage_display_name(self) -> str:
        return self.metavar


class _Command(typer.core.TyperCommand):
    """A command whose help shows arguments by their metavar (see :class:`_Argument`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for p in self.params:
            if type(p) is typer.core.TyperArgument and p.metavar:
                p.__class__ = _Argument


# rich_markup_mode=None: plain help, without typer's <bool> labels on flags and rich's markup ([spark])
app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="A spell-checker for the numbers in Chinese official work reports.")


class FactFormat(str, Enum):
    csv = "csv"
    parquet = "parquet"
    json = "json"


class Engine(str, Enum):
    local = "local"
    spark = "spark"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    never = "never"


class Color(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


CONFIG_HELP = ("Configuration file (default: reportcheck.toml, or the tool.reportcheck table of "
               "pyproject.toml, looked up from the current folder upwards).")
JOBS_HELP = "Worker processes that extract the reports (0, the default: one per core)."
TIMEOUT_HELP = ("Time limit in seconds for one report's extraction; a report over it is an error and the "
                "others go on (0: no limit; at least 0.1).")
MEMORY_HELP = ("Memory limit of each extraction worker in MiB (its address space); a report that needs "
               "more is an error and the others go on (default: three quarters of the machine's memory "
               "shared among the workers, at most 4096; 0: no limit).")
# A run over at least this many reports shows a progress bar (on a terminal, outside CI)
PROGRESS_MIN_FILES = 10


def _log(line: str) -> None:
    """One line on stderr, its control characters made visible (a file name or a report may hold an ESC
    or a line break that a terminal or a CI runner would act on)."""
    from .report.escaping import printable

    typer.echo(printable(line), err=True)


def _say(msg: str) -> None:
    _log(f"reportcheck: {msg}")


def _version(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"reportcheck {__version__}")
        raise typer.Exit(exitcodes.CLEAN)


@app.callback()
def _main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Show the version and exit.")) -> None:
    """A spell-checker for the numbers in Chinese official work reports."""


def use_color(choice: Color, stream=None) -> bool:
    """Whether the text output is coloured: ``--color always|never``; with ``auto``, not when NO_COLOR is
    set (no-color.org), else when FORCE_COLOR is set (to anything but 0), else when ``stream`` (stdout)
    is a terminal that is not ``TERM=dumb``."""
    import os

    if choice is not Color.auto:
        return choice is Color.always
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR", "0") not in ("", "0"):
        return True
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)()) and os.environ.get("TERM") != "dumb"


def _die(msg: str) -> None:
    _say(msg)
    raise typer.Exit(exitcodes.USAGE)


@app.command(cls=_Command)
def check(
    paths: list[str] = typer.Argument(..., metavar="PATHS...",
                                      help="Report files or directories (searched recursively); with "
                                           "--engine spark also URIs (hdfs://…, s3a://…)."),
    formats: list[str] = typer.Option(
        [], "--format", "-f", metavar="FORMAT[:FILE]",
        help=f"Output format: {', '.join(FORMATS)} (default text); FORMAT:FILE writes to FILE. Repeatable."),
    outputs: list[Path] = typer.Option(
        [], "--output", "-o", metavar="FILE",
        help="Write a --format given without :FILE to FILE (repeatable: the n-th such --format, in order)."),
    include: list[str] = typer.Option([], "--include", metavar="GLOB",
                                      help="Only files matching this glob (repeatable)."),
    exclude: list[str] = typer.Option([], "--exclude", metavar="GLOB",
                                      help="Skip files matching this glob (repeatable)."),
    checks: Path = typer.Option(None, "--checks", metavar="FILE",
                                help="Check map (default: the one shipped, checks/checks.json)."),
    fail_on: FailOn = typer.Option(None, "--fail-on", show_default=False, metavar="error|warning|never",
                                   help="Lowest severity that makes the exit code 1 (default: the "
                                        "configuration's, else error)."),
    verified: bool = typer.Option(False, "--verified", help="Also list the relations found consistent (text)."),
    html: Path = typer.Option(None, "--html", metavar="DIR",
                              help="Also write an HTML report to DIR: index, a page per report, GX Data Docs."),
    changed_since: str = typer.Option(None, "--changed-since", metavar="REF",
                                      help="Only reports added or changed since this git ref (origin/main)."),
    baseline_file: Path = typer.Option(None, "--baseline", metavar="FILE",
                                       help="Report only findings not recorded in this baseline file."),
    config_file: Path = typer.Option(None, "--config", metavar="FILE", help=CONFIG_HELP),
    jobs: int = typer.Option(0, "--jobs", "-j", min=0, metavar="N", help=JOBS_HELP),
    timeout: float = typer.Option(60.0, "--timeout", min=0, metavar="SECONDS", help=TIMEOUT_HELP),
    memory_limit: int = typer.Option(None, "--memory-limit", min=0, metavar="MIB", show_default=False,
                                     help=MEMORY_HELP),
    engine: Engine = typer.Option(Engine.local, "--engine", metavar="local|spark",
                                  help="local (this machine) or spark (Apache Spark: needs reportcheck[spark] "
                                       "and Java 17; PATHS may then be URIs such as hdfs://… or s3a://…)."),
    color: Color = typer.Option(Color.auto, "--color", metavar="auto|always|never",
                                help="Colour the text output: auto (on a terminal, unless NO_COLOR is set; "
                                     "FORCE_COLOR forces it), always or never."),
    quiet: bool = typer.Option(False, "--quiet", "-q",
                               help="Text: one line per finding and no summary; no notes on stderr."),
    statistics: bool = typer.Option(False, "--statistics",
                                    help="Text: the number of findings per rule instead of the findings."),
    show_suppressed: bool = typer.Option(False, "--show-suppressed",
                                         help="Text: also list the findings suppressed in the reports or by "
                                              "[[tool.reportcheck.ignore]]."),
    verbose: bool = typer.Option(False, "--verbose", "-v",
                                 help="Say on stderr how many files found in the folders were left out, and why."),
) -> None:
    """Extract, validate with Great Expectations and report contradictions."""
    from . import baseline
    from .report.terminal import Options

    text_options = Options(color=use_color(color), quiet=quiet, statistics=statistics,
                           show_verified=verified, show_suppressed=show_suppressed)

    _check_limits(jobs, timeout)
    targets = _targets(formats, outputs)
    config = _config(config_file)
    known = None
    if baseline_file is not None:
        try:
            known = baseline.load(baseline_file)
        except baseline.BaselineError as e:
            _die(str(e))
    if html is not None:
        exclude = [*exclude, *_outside_globs([Path(p) for p in paths], html)]
    # no bar when the JSON goes to standard output: whatever reads it runs the command, not a person
    no_bar = quiet or any(fmt == "json" and target is None for fmt, target in targets)
    left_out = Counter() if engine is Engine.local else None
    result = _run(paths, include, exclude, checks, config, jobs=jobs, timeout=timeout, quiet=no_bar,
                  engine=engine.value, memory=memory_limit,
                  changed_since=changed_since,
                  **({"left_out": left_out} if left_out is not None else {}))
    if verbose and left_out is not None:
        from .repofiles import describe

        _say(describe(left_out) or "no file found in the folders was left out")
    if known is not None:
        applied = baseline.apply(result, known)
        gone = ("1 baseline entry no longer occurs" if applied.gone == 1
                else f"{applied.gone} baseline entries no longer occur")
        _note(f"baseline {baseline_file}: {applied.suppressed} known finding(s) not shown; {gone}", quiet)
    pending = None
    if html is not None:  # the HTML report first: its GX Data Docs are built while the rest is written
        from .report.html import OutputError, start

        try:
            pending = start(result, html, [*paths, config.path, baseline_file, checks,
                                           *(target for _, target in targets)])
        except OutputError as e:
            _die(str(e))
        except OSError as e:
            _die(f"{html}: cannot write the HTML report: {e.strerror or e}")
    try:
        _write_outputs(result, targets, text_options)
    except BaseException:
        if pending is not None:
            pending.cancel()
        raise
    if pending is not None:
        try:
            index = pending.finish()
        except OutputError as e:
            _die(str(e))
        except OSError as e:
            _die(f"{html}: cannot write the HTML report: {e.strerror or e}")
        _note(f"HTML report: {index}", quiet)
    raise typer.Exit(exit_code(result, fail_on or FailOn(config.fail_on or "error")))


def _targets(formats: list[str], outputs: list[Path]) -> list[tuple[str, Path | None]]:
    """Each --format with where it goes: FORMAT:FILE, else the next --output, else stdout (one at most)."""
    files = list(outputs)
    out: list[tuple[str, Path | None]] = []
    for spec in formats or ["text"]:
        fmt, colon, target = spec.partition(":")
        if fmt not in FORMATS:
            _die(f"--format {spec}: unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
        if colon and not target:
            _die(f"--format {spec}: no file after ':'")
        out.append((fmt, Path(target) if colon else files.pop(0) if files else None))
    if files:
        _die(f"--output {files[0]}: no --format left for it "
             f"(each --output takes a --format given without :FILE)")
    if sum(target is None for _, target in out) > 1:
        _die("only one --format can go to standard output; "
             "give the others a file (FORMAT:FILE or --output FILE)")
    return out


def _note(msg: str, quiet: bool = False) -> None:
    """A note on stderr (where an output went, what a baseline left out), unless --quiet."""
    if not quiet:
        _log(msg)


def _write_outputs(result, targets: list[tuple[str, Path | None]], options) -> None:
    """Render the run in each format, to its file or to stdout (text in colour only to stdout), the text
    as ``options`` (a :class:`.report.terminal.Options`) say."""
    from dataclasses import replace

    from .report import render, write_text

    for fmt, target in targets:
        text = render(fmt, result, options if target is None else replace(options, color=False))
        if target is None:
            sys.stdout.write(text)
            continue
        try:
            write_text(target, text)
        except OSError as e:
            _die(f"{target}: cannot write the {fmt} output: {e.strerror or e}")
        _note(f"{fmt} output: {target}", options.quiet)
    # every notice (unless --quiet) and every unreadable report, one line each on stderr, whatever the
    # formats (an unreadable report's status is "error" in them)
    for r in result.reports if not options.quiet else ():
        for note in r.notices:
            _say(f"note: {note}")
    for r in result.reports:
        if r.status == "error":
            _say(r.error or f"{r.path}: unreadable")
    _warn_notes(result)


def _warn_notes(result) -> None:
    """The run's warnings about reports (an unknown rule in a suppression comment), one line each."""
    for note in result.notes:
        _say(f"warning: {note}")


#: The shortest --timeout (seconds): under it a limit would stop files for the time their worker takes to
#: start on them rather than for their content.
MIN_TIMEOUT = 0.1


def _check_limits(jobs: int, timeout: float) -> None:
    """Refuse --jobs beyond what the open-file limit allows and a --timeout that cannot be enforced."""
    from .workers import max_jobs

    if jobs > max_jobs():
        _die(f"--jobs {jobs}: more worker processes than the open-file limit (ulimit -n) allows "
             f"(at most {max_jobs()} here)")
    if math.isnan(timeout):
        _die("--timeout nan: not a number of seconds (0: no limit)")
    if 0 < timeout < MIN_TIMEOUT:
        _die(f"--timeout {timeout:g}: shorter than can be enforced (at least {MIN_TIMEOUT:g} s; 0: no limit)")


def _memory_bytes(mib: int | None, jobs: int) -> int | None:
    """--memory-limit in bytes (None: no limit); its default for ``jobs`` workers when not given."""
    from .workers import default_jobs, default_memory

    if mib is None:
        return default_memory(jobs or default_jobs())
    return mib * 2**20 or None


def _config(path: Path | None):
    """The configuration (--config FILE, or the one found from the current folder)."""
    from .config import ConfigError, load

    try:
        return load(path)
    except ConfigError as e:
        _die(str(e))


def _run(paths, include, exclude, checks, config, jobs: int, timeout: float, quiet: bool = False,
         engine: str = "local", memory: int | None = None, **kwargs):
    """The engine's run (pipeline.run locally) with ``jobs`` workers (0: one per core), with its usage
    errors (a missing path, a broken suite, a git problem) and tool errors (workers that cannot start,
    an engine that cannot run here) as exit code 2."""
    from .engines import EngineError, get
    from .gitutil import GitError
    from .ingest import IngestError
    from .validate import SuiteError
    from .workers import WorkerError, default_jobs

    with _progress_bar(quiet) as progress:
        try:
            run = get(engine)
            if engine == "local":
                kwargs["memory"] = _memory_bytes(memory, jobs)
            return run(paths, include, exclude, checks, config=config, jobs=jobs or default_jobs(),
                       timeout=timeout or None, progress=progress, **kwargs)
        except (IngestError, SuiteError, GitError, WorkerError, EngineError) as e:
            progress.close()
            _die(str(e))


class _progress_bar:
    """A progress bar on stderr for runs over many reports, when stderr is a terminal and the run is
    not in CI (``CI`` set) or quiet; otherwise nothing. Called with (reports done, reports)."""

    def __init__(self, quiet: bool = False):
        import os

        self.on = not quiet and not os.environ.get("CI") and sys.stderr.isatty()
        self.bar = None

    def __call__(self, done: int, total: int) -> None:
        if not self.on or total < PROGRESS_MIN_FILES:
            return
        if self.bar is None:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            # no refresh thread: the bar is redrawn as reports are done (worker processes may be forked)
            self.bar = Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(),
                                TimeRemainingColumn(), console=Console(stderr=True), transient=True,
                                auto_refresh=False)
            self.bar.start()
            self.task = self.bar.add_task("extract", total=total)
        self.bar.update(self.task, completed=done, refresh=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _outside_globs(paths: list[Path], out: Path) -> list[str]:
    """Exclude globs that keep an HTML report written inside a checked folder out of the next run."""
    target = out.resolve()
    dirs = [p.resolve() for p in paths if p.is_dir()]
    return [f"{target.relative_to(d).as_posix()}/*" for d in dirs if target.is_relative_to(d) and target != d]


def exit_code(result, fail_on: FailOn) -> int:
    """2 if a report could not be read, else 1 if a finding reaches --fail-on, else 0."""
    if any(r.status == "error" for r in result.reports):
        return exitcodes.USAGE
    s = result.summary()
    if fail_on is FailOn.error and s["errors"]:
        return exitcodes.CONTRADICTIONS
    if fail_on is FailOn.warning and (s["errors"] or s["warnings"]):
        return exitcodes.CONTRADICTIONS
    return exitcodes.CLEAN


@app.command(cls=_Command)
def extract(
    paths: list[Path] = typer.Argument(..., metavar="PATHS...", help="Report files or directories."),
    out: Path = typer.Option(..., "--out", "-o", metavar="DIR",
                             help="Directory to write one file per fact table."),
    fmt: FactFormat = typer.Option(FactFormat.csv, "--format", "-f", metavar="csv|parquet|json",
                                   help="File format of the tables."),
    include: list[str] = typer.Option([], "--include", metavar="GLOB", help="Only files matching this glob "
                                                                             "(repeatable)."),
    exclude: list[str] = typer.Option([], "--exclude", metavar="GLOB", help="Skip files matching this glob "
                                                                             "(repeatable)."),
    config_file: Path = typer.Option(None, "--config", metavar="FILE", help=CONFIG_HELP),
    jobs: int = typer.Option(0, "--jobs", "-j", min=0, metavar="N", help=JOBS_HELP),
    timeout: float = typer.Option(60.0, "--timeout", min=0, metavar="SECONDS", help=TIMEOUT_HELP),
    memory_limit: int = typer.Option(None, "--memory-limit", min=0, metavar="MIB", show_default=False,
                                     help=MEMORY_HELP),
) -> None:
    """Write the fact sheet (mentions, breakdowns, part_whole, …) of the reports to --out."""
    from .ingest import IngestError
    from .pipeline import extract as extract_all
    from .workers import WorkerError, default_jobs

    _check_limits(jobs, timeout)
    config = _config(config_file)
    with _progress_bar() as progress:
        try:
            sheet = extract_all(paths, include, exclude, config=config, jobs=jobs or default_jobs(),
                                timeout=timeout or None, memory=_memory_bytes(memory_limit, jobs),
                                progress=progress)
        except (IngestError, WorkerError) as e:
            progress.close()
            _die(str(e))
    for error in sheet.errors:
        _say(error)
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name, df in sheet.tables.items():
            target = out / f"{name}.{fmt.value}"
            if fmt is FactFormat.csv:
                df.to_csv(target, index=False)
            elif fmt is FactFormat.json:
                df.to_json(target, orient="records", force_ascii=False, indent=1)
            else:
                try:
                    df.to_parquet(target, index=False)
                except ImportError:
                    _die("parquet output needs pyarrow: pip install 'reportcheck[parquet]'")
    except OSError as e:
        _die(f"{out}: cannot write: {e.strerror or e}")
    n = sum(len(df) for df in sheet.tables.values())
    _log(f"{len(sheet.reports)} report(s), {n} fact rows written to {out}/")
    raise typer.Exit(exitcodes.USAGE if sheet.errors else exitcodes.CLEAN)


@app.command("baseline", cls=_Command)
def baseline_cmd(
    paths: list[Path] = typer.Argument(..., metavar="PATHS...",
                                       help="Report files or directories (searched recursively)."),
    out: Path = typer.Option(..., "--out", "-o", metavar="FILE", help="The baseline file to write."),
    include: list[str] = typer.Option([], "--include", metavar="GLOB", help="Only files matching this glob (repeatable)."),
    exclude: list[str] = typer.Option([], "--exclude", metavar="GLOB", help="Skip files matching this glob (repeatable)."),
    checks: Path = typer.Option(None, "--checks", metavar="FILE",
                                help="Check map (default: the one shipped, checks/checks.json)."),
    config_file: Path = typer.Option(None, "--config", metavar="FILE", help=CONFIG_HELP),
    jobs: int = typer.Option(0, "--jobs", "-j", min=0, metavar="N", help=JOBS_HELP),
    timeout: float = typer.Option(60.0, "--timeout", min=0, metavar="SECONDS", help=TIMEOUT_HELP),
    memory_limit: int = typer.Option(None, "--memory-limit", min=0, metavar="MIB", show_default=False,
                                     help=MEMORY_HELP),
) -> None:
    """Record the current findings, so that 'check --baseline FILE' reports only new ones."""
    from . import baseline

    _check_limits(jobs, timeout)
    result = _run(paths, include, exclude, checks, _config(config_file), jobs, timeout, memory=memory_limit)
    try:
        n = baseline.write(result, out)
    except OSError as e:
        _die(f"{out}: cannot write the baseline: {e.strerror or e}")
    bad = [r for r in result.reports if r.status == "error"]
    for r in bad:
        _say(r.error or f"{r.path}: unreadable")
    _log(f"baseline: {n} finding(s) of {len(result.reports)} report(s) written to {out}")
    raise typer.Exit(exitcodes.USAGE if bad else exitcodes.CLEAN)


@app.command("explain", cls=_Command)
def explain_cmd(
    path: Path = typer.Argument(..., metavar="FILE", help="One report file."),
    checks: Path = typer.Option(None, "--checks", metavar="FILE", help="Check map (default: the one shipped, checks/checks.json)."),
    config_file: Path = typer.Option(None, "--config", metavar="FILE", help=CONFIG_HELP),
) -> None:
    """Show a report sentence by sentence: the quantities read and the relations checked in each."""
    from .gitutil import GitError
    from .ingest import IngestError
    from .report.explain import explain
    from .validate import SuiteError

    config = _config(config_file)
    if path.is_dir():
        _die(f"{path}: explain takes one report file, not a directory")
    try:
        sys.stdout.write(explain(path, checks, config))
    except (IngestError, SuiteError, GitError) as e:
        _die(str(e))


@app.command(cls=_Command)
def rules(
    rule_id: str = typer.Argument(None, metavar="[ID]", help="A rule ID (RC101) or slug to explain."),
    markdown: bool = typer.Option(False, "--markdown", help="Print the catalogue's documentation as Markdown "
                                                            "(docs/rules.md)."),
) -> None:
    """List the rule catalogue, or explain one rule."""
    from . import rules as R

    if markdown:
        from .ruledocs import render

        sys.stdout.write(render())
        return
    if rule_id is None:
        for r in R.all_rules():
            typer.echo(f"{r.id}  {r.slug:<22} {r.severity:<8} {r.summary}")
        return
    r = R.get(rule_id)
    if r is None:
        _die(f"no rule {rule_id!r} (see 'reportcheck rules')")
    typer.echo(f"{r.id} ({r.slug}), severity {r.severity}, table {r.table}\n")
    typer.echo(r.doc.strip())


def main() -> None:
    # Collect less often than Python's default (every 700 new objects): a run makes millions of objects
    # and little garbage, and each full collection walks all of GX and pandas (seconds per big run).
    gc.set_threshold(20_000, 10, 10)
    try:
        app()
    except Exception as e:  # a bug or an input nobody thought of: one line and exit code 2, never a
        # traceback with exit code 1, which CI would take for findings
        import os

        if os.environ.get("REPORTCHECK_DEBUG"):
            raise
        _say(f"internal error: {type(e).__name__}: {e} (set REPORTCHECK_DEBUG=1 to see where)")
        raise SystemExit(exitcodes.USAGE) from None
    finally:
        # the process ends: spare the interpreter's last collections a walk over the million objects
        # of GX and pandas (half a second of every run)
        gc.freeze()


if __name__ == "__main__":
    main()
