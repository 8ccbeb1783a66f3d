"""Validation stage: run the Great Expectations suites of ``checks/`` over the fact sheet tables.

GX runs with an ephemeral context (nothing is written to the user's repository) and its progress bars
off. Each suite file is loaded and compared with what GX made of it: GX drops an expectation whose type
it does not know, so a suite that loses an expectation on the way in is an error naming the file and
the expectation (:class:`SuiteError`, exit code 2).

The result is, per table, the ids of the rows each rule's expectations rejected, and the ids of the rows
they checked; the findings stage turns those into findings and verified relations.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .factsheet import FactSheet


class SuiteError(Exception):
    """A check map or suite file that cannot be used; the message names the file and the problem."""


@dataclass
class Check:
    """One entry of the check map: a suite to run on a table."""

    table: str
    suite_path: Path
    severity: str
    suite: dict


@dataclass
class TableResult:
    """What the suites said of one table: rejected row ids per rule, and the ids each rule checked."""

    table: str
    failed: dict[str, set[str]] = field(default_factory=dict)  # rule -> row ids
    checked: dict[str, set[str]] = field(default_factory=dict)  # rule -> row ids
    descriptions: dict[str, list[str]] = field(default_factory=dict)
    gx_results: list = field(default_factory=list)


def default_checks_path() -> Path:
    """The check map shipped with reportcheck (the repository's ``checks/checks.json``)."""
    here = Path(__file__).resolve().parent
    for p in (here.parents[1] / "checks" / "checks.json",  # a source checkout (editable install)
              here / "checks" / "checks.json"):  # an installed package
        if p.is_file():
            return p
    raise SuiteError(f"{here / 'checks' / 'checks.json'}: check map not found in the reportcheck installation")


def load_checks(path: str | os.PathLike | None = None) -> tuple[list[Check], dict]:
    """Read the check map and every suite it names; SuiteError on any problem."""
    path = Path(path) if path else default_checks_path()
    data = _read_json(path, "check map")
    if not isinstance(data, dict) or not isinstance(data.get("checks"), list):
        raise SuiteError(f"{path}: check map must be an object with a 'checks' list")
    checks = []
    for i, c in enumerate(data["checks"]):
        if not isinstance(c, dict) or not {"table", "suite"} <= set(c):
            raise SuiteError(f"{path}: checks[{i}] needs 'table' and 'suite'")
        sev = c.get("severity", "error")
        if sev not in ("error", "warning"):
            raise SuiteError(f"{path}: checks[{i}].severity must be 'error' or 'warning', not {sev!r}")
        sp = (path.parent / c["suite"]).resolve()
        checks.append(Check(c["table"], sp, sev, read_suite(sp)))
    result_format = data.get("result_format") or {"result_format": "COMPLETE", "unexpected_index_column_names": ["id"]}
    return checks, result_format


def _read_json(path: Path, what: str):
    """A JSON file, or SuiteError naming the file and what is wrong with it."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise SuiteError(f"{path}: cannot read {what}: {e.strerror or e}") from e
    except json.JSONDecodeError as e:
        raise SuiteError(f"{path}: invalid JSON at line {e.lineno} column {e.colno}: {e.msg}") from e


def read_suite(path: Path) -> dict:
    """Read one suite file as JSON and check its shape (GX's own check comes in :func:`build_suite`)."""
    data = _read_json(path, "suite")
    if not isinstance(data, dict) or not isinstance(data.get("expectations"), list):
        raise SuiteError(f"{path}: a suite must be an object with an 'expectations' list")
    for i, e in enumerate(data["expectations"]):
        if not isinstance(e, dict) or "type" not in e:
            raise SuiteError(f"{path}: expectations[{i}] has no 'type'")
        if not (e.get("meta") or {}).get("rule"):
            raise SuiteError(f"{path}: expectations[{i}] ({e['type']}) names no rule in meta.rule")
    return data


def _gx():
    import logging

    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    import great_expectations as gx

    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    return gx


def build_suite(gx, check: Check):
    """Make a GX ExpectationSuite from a suite file; SuiteError when GX drops or rejects anything."""
    data = check.suite
    try:
        suite = gx.ExpectationSuite(name=data.get("name") or check.table, expectations=data["expectations"],
                                    meta=data.get("meta") or {})
    except Exception as e:  # GX raises many types for a bad expectation; name the file either way
        raise SuiteError(f"{check.suite_path}: GX rejected the suite: {str(e).splitlines()[0]}") from e
    loaded = [e.expectation_type for e in suite.expectations]
    wanted = [e["type"] for e in data["expectations"]]
    if len(loaded) != len(wanted):
        missing = list(wanted)
        for t in loaded:
            if t in missing:
                missing.remove(t)
        raise SuiteError(f"{check.suite_path}: GX dropped expectation(s) {', '.join(missing)} "
                         f"(unknown expectation type?)")
    return suite


class Validator:
    """Runs the configured suites; one GX context per run, one validation per table."""

    def __init__(self, checks_path: str | os.PathLike | None = None):
        self.checks, self.result_format = load_checks(checks_path)
        self.gx = _gx()
        self.context = self.gx.get_context(mode="ephemeral")
        try:
            from great_expectations.data_context.types.base import ProgressBarsConfig

            self.context.variables.progress_bars = ProgressBarsConfig(globally=False)
        except Exception:  # older/newer GX: progress bars are cosmetic
            pass
        self.suites = [(c, build_suite(self.gx, c)) for c in self.checks]
        self.datasource = self.context.data_sources.add_pandas("reportcheck")
        self._batch_defs: dict[str, object] = {}

    def _batch(self, table: str, df: pd.DataFrame):
        if table not in self._batch_defs:
            asset = self.datasource.add_dataframe_asset(table)
            self._batch_defs[table] = asset.add_batch_definition_whole_dataframe(table)
        return self._batch_defs[table].get_batch(batch_parameters={"dataframe": df})

    def validate(self, sheet: FactSheet) -> dict[str, TableResult]:
        """Validate every configured table of ``sheet``; returns TableResult per table."""
        out: dict[str, TableResult] = {}
        for check, suite in self.suites:
            df = sheet.tables.get(check.table)
            tr = out.setdefault(check.table, TableResult(check.table))
            if df is None or df.empty:
                continue
            cols = set(df.columns)
            for e in check.suite["expectations"]:
                for k in ("column", "column_A", "column_B"):
                    col = (e.get("kwargs") or {}).get(k)
                    if col and col not in cols:
                        raise SuiteError(f"{check.suite_path}: {e['type']} names column {col!r}, "
                                         f"which table {check.table!r} does not have")
            frame = _numeric_view(df)
            batch = self._batch(check.table, frame)
            res = batch.validate(suite, result_format=self.result_format)
            tr.gx_results.append(res)
            for r in res.results:
                cfg = r.expectation_config
                rule = (cfg.meta or {}).get("rule")
                info = r.exception_info or {}
                if info.get("raised_exception"):
                    raise SuiteError(f"{check.suite_path}: {cfg.type} failed to run: "
                                     f"{(info.get('exception_message') or '').splitlines()[0]}")
                bad = {d["id"] for d in (r.result or {}).get("unexpected_index_list") or []}
                tr.failed.setdefault(rule, set()).update(bad)
                checked = _rows_in_scope(frame, cfg)
                tr.checked.setdefault(rule, set()).update(checked)
                desc = (cfg.meta or {}).get("description")
                if desc:
                    tr.descriptions.setdefault(rule, []).append(desc)
        return out


def _numeric_view(df: pd.DataFrame) -> pd.DataFrame:
    """The columns the suites compare, with object columns of numbers made numeric."""
    out = df.drop(columns=["members", "excerpt", "raw"], errors="ignore").copy()
    for c in out.columns:
        if out[c].dtype == object and c not in ("id", "report", "form", "unit", "noun", "role", "kind", "style",
                                                 "side", "item_texts", "part", "start_raw", "scale", "qualifier",
                                                 "verb", "roles"):
            conv = pd.to_numeric(out[c], errors="coerce")
            if conv.notna().sum() >= out[c].notna().sum():
                out[c] = conv
    return out


def _rows_in_scope(df: pd.DataFrame, cfg) -> set[str]:
    """Row ids an expectation looked at (its row_condition applied, rows with missing values skipped)."""
    kw = cfg.kwargs
    frame = df
    cond = kw.get("row_condition")
    if cond:
        expr = cond if isinstance(cond, str) else getattr(cond, "pass_through_filter", None) or \
            (cond.get("pass_through_filter") if isinstance(cond, dict) else None)
        if expr:
            frame = frame.query(expr)
    cols = [kw.get(k) for k in ("column", "column_A", "column_B") if kw.get(k)]
    if cols:
        frame = frame.dropna(subset=cols)
    return set(frame["id"])
