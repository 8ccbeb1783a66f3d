"""The ``reportcheck`` command: parses options, calls the library, maps results to exit codes."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path

import typer

from . import exitcodes

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="A spell-checker for the numbers in Chinese official work reports.")


class Format(str, Enum):
    text = "text"
    json = "json"


class FactFormat(str, Enum):
    csv = "csv"
    parquet = "parquet"
    json = "json"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    never = "never"


def _die(msg: str) -> None:
    typer.echo(f"reportcheck: {msg}", err=True)
    raise typer.Exit(exitcodes.USAGE)


@app.command()
def check(
    paths: list[Path] = typer.Argument(..., help="Report files or directories (searched recursively)."),
    fmt: Format = typer.Option(Format.text, "--format", "-f", help="Output format."),
    include: list[str] = typer.Option([], "--include", help="Only files matching this glob (repeatable)."),
    exclude: list[str] = typer.Option([], "--exclude", help="Skip files matching this glob (repeatable)."),
    checks: Path = typer.Option(None, "--checks", help="Check map (default: the one shipped, checks/checks.json)."),
    fail_on: FailOn = typer.Option(FailOn.error, "--fail-on", help="Lowest severity that makes the exit code 1."),
    verified: bool = typer.Option(False, "--verified", help="Also list the relations found consistent (text)."),
    html: Path = typer.Option(None, "--html", metavar="DIR",
                              help="Also write an HTML report to DIR: index, a page per report, GX Data Docs."),
) -> None:
    """Extract, validate with Great Expectations and report contradictions."""
    from .ingest import IngestError
    from .pipeline import run
    from .validate import SuiteError

    if html is not None:
        exclude = [*exclude, *_outside_globs(paths, html)]
    try:
        result = run(paths, include, exclude, checks, keep_source=html is not None)
    except (IngestError, SuiteError) as e:
        _die(str(e))
    if fmt is Format.json:
        from .report.json_format import render

        sys.stdout.write(render(result) + "\n")
    else:
        from .report.terminal import render

        sys.stdout.write(render(result, show_verified=verified))
        for r in result.reports:
            if r.status == "error":
                typer.echo(f"reportcheck: {r.error}", err=True)
    if html is not None:
        from .report.html import OutputError, write

        try:
            index = write(result, html)
        except OutputError as e:
            _die(str(e))
        except OSError as e:
            _die(f"{html}: cannot write the HTML report: {e.strerror or e}")
        typer.echo(f"HTML report: {index}", err=True)
    raise typer.Exit(exit_code(result, fail_on))


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


@app.command()
def extract(
    paths: list[Path] = typer.Argument(..., help="Report files or directories."),
    out: Path = typer.Option(..., "--out", "-o", help="Directory to write one file per fact table."),
    fmt: FactFormat = typer.Option(FactFormat.csv, "--format", "-f", help="File format of the tables."),
    include: list[str] = typer.Option([], "--include"),
    exclude: list[str] = typer.Option([], "--exclude"),
) -> None:
    """Write the fact sheet (mentions, breakdowns, part_whole, …) of the reports to --out."""
    from .factsheet import FactSheet, extract_document
    from .ingest import IngestError, discover, load

    try:
        files = discover(paths, include, exclude)
    except IngestError as e:
        _die(str(e))
    sheets, bad = [], []
    for f in files:
        try:
            sheets.append(extract_document(load(f)))
        except IngestError as e:
            bad.append(str(e))
            typer.echo(f"reportcheck: {e}", err=True)
    sheet = FactSheet.concat(sheets)
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
    typer.echo(f"{len(sheets)} report(s), {n} fact rows written to {out}/", err=True)
    raise typer.Exit(exitcodes.USAGE if bad else exitcodes.CLEAN)


@app.command()
def rules(rule_id: str = typer.Argument(None, help="A rule ID (RC101) or slug to explain.")) -> None:
    """List the rule catalogue, or explain one rule."""
    from . import rules as R

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
    app()


if __name__ == "__main__":
    main()
