"""Validation stage: run the Great Expectations suites of ``checks/`` over the fact sheet tables.

GX runs with an ephemeral context (nothing is written to the user's repository) and its progress bars
off. Each suite file is loaded and compared with what GX made of it: GX drops an expectation whose type
it does not know, so a suite that loses an expectation on the way in is an error naming the file and
the expectation (:class:`SuiteError`, exit code 2).

An expectation limited to some rows says so with a ``row_condition`` written as GX serialises its
engine-independent Condition objects, so one suite runs on pandas and on Spark alike::

    {"type": "comparison", "column": {"name": "exhaustive"}, "operator": "==", "parameter": true}
    {"type": "nullity", "column": {"name": "numerator"}, "is_null": false}
    {"type": "and", "conditions": [...]}      {"type": "or", "conditions": [...]}

(operators ``== != < <= > >= IN NOT_IN``; an ``and`` may not hold an ``or``, nor an ``or`` another
``or``). A string ``row_condition`` with ``condition_parser: "pandas"`` still runs on the local engine
but is deprecated by GX and cannot run on Spark.

The result is, per table, the ids of the rows each rule's expectations rejected, and the ids of the rows
they checked; the findings stage turns those into findings and verified relations.
"""

from __future__ import annotations

import dataclasses
import json
import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import schema as S
from .factsheet import FactSheet
from .fileio import FileProblem, read_regular

if TYPE_CHECKING:
    import pandas as pd


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
    # rule -> row id -> the gravest severity of the expectations that rejected the row
    severity: dict[str, dict[str, str]] = field(default_factory=dict)
    # rule -> row id -> the expectation that gave that verdict ("rates.json: expectations[0]")
    raised_by: dict[str, dict[str, str]] = field(default_factory=dict)
    checked: dict[str, set[str]] = field(default_factory=dict)  # rule -> row ids
    descriptions: dict[str, list[str]] = field(default_factory=dict)
    gx_results: list = field(default_factory=list)


# every failing row with its id (which the findings are built from) and, for the Data Docs, where it is
DEFAULT_RESULT_FORMAT = {"result_format": "COMPLETE",
                         "unexpected_index_column_names": ["id", "report", "line", "excerpt"]}


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
    result_format = data.get("result_format") or DEFAULT_RESULT_FORMAT
    return checks, result_format


def _read_json(path: Path, what: str):
    """A JSON file, or SuiteError naming the file and what is wrong with it."""

    try:
        return json.loads(read_regular(path, _MAX_JSON_BYTES, what).decode("utf-8"))
    except FileProblem as e:
        raise SuiteError(f"{path}: {e}") from None
    except OSError as e:
        raise SuiteError(f"{path}: cannot read {what}: {e.strerror or e}") from e
    except UnicodeDecodeError as e:
        raise SuiteError(f"{path}: not valid UTF-8 (at byte {e.start})") from None
    except json.JSONDecodeError as e:
        raise SuiteError(f"{path}: invalid JSON at line {e.lineno} column {e.colno}: {e.msg}") from e
    except RecursionError:
        raise SuiteError(f"{path}: invalid JSON: nested too deeply") from None


_MAX_JSON_BYTES = 16 * 2**20  # largest check map or suite read


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
        if (e.get("meta") or {}).get("severity", "error") not in ("error", "warning"):
            raise SuiteError(f"{path}: expectations[{i}] ({e['type']}): meta.severity must be 'error' or "
                             f"'warning', not {e['meta']['severity']!r}")
        rc = (e.get("kwargs") or {}).get("row_condition")
        if rc is not None and not isinstance(rc, (dict, str)):
            raise SuiteError(f"{path}: expectations[{i}] ({e['type']}): row_condition must be a condition "
                             f"object such as {_CONDITION_EXAMPLE}, not {type(rc).__name__}")
    return data


_CONDITION_EXAMPLE = '{"type": "comparison", "column": {"name": "x"}, "operator": "==", "parameter": 1}'


def row_condition(value):
    """A ``row_condition`` as GX's Condition object (None when absent).

    Accepts the serialised dict of a suite file, a Condition, or a legacy string, which becomes GX's
    PassThroughCondition (a pandas query or a Spark SQL filter, as written). Raises ValueError or
    TypeError for a dict GX cannot read.
    """
    from great_expectations.expectations.row_conditions import (
        PassThroughCondition,
        deserialize_row_condition,
        validate_row_condition,
    )

    if value is None or value == "":
        return None
    if isinstance(value, str):
        return PassThroughCondition(pass_through_filter=value)
    return validate_row_condition(deserialize_row_condition(value))


def condition_columns(cond) -> list[str]:
    """The columns a Condition reads (none for a pass-through string, which GX does not parse)."""
    if cond is None:
        return []
    if hasattr(cond, "conditions"):
        return [c for sub in cond.conditions for c in condition_columns(sub)]
    column = getattr(cond, "column", None)
    return [column.name] if column is not None else []


def _why(err: Exception) -> str:
    """One line saying what is wrong, from a pydantic ValidationError (GX's conditions) or any error."""
    try:
        parts = [f"{'.'.join(str(x) for x in d['loc'] if x != '__root__')}: {d['msg']}".lstrip(": ")
                 for d in err.errors()]  # type: ignore[attr-defined]
    except (AttributeError, KeyError, TypeError):  # not a pydantic error
        parts = []
    return "; ".join(parts) or (str(err).splitlines() or [type(err).__name__])[0]


def _kwarg_columns(kwargs: dict) -> list[str]:
    """The columns an expectation reads (a multicolumn expectation's ``column_list`` included)."""
    return [kwargs[k] for k in ("column", "column_A", "column_B") if kwargs.get(k)] + \
        list(kwargs.get("column_list") or [])


def _gx():
    import logging

    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    with warnings.catch_warnings():
        # GX's file connector imports the deprecated stdlib modules sre_constants and sre_parse; neither
        # we nor our users can act on that, and under -W error::DeprecationWarning it stops every run.
        warnings.filterwarnings("ignore", message=r"module 'sre_\w+' is deprecated",
                                category=DeprecationWarning)
        from .lazyimport import deferred

        with deferred():  # SciPy and Altair, which our suites never use, load only if something does
            import great_expectations as gx

            from . import gx_expectations  # noqa: F401  (registers reportcheck's own expectation types)

    _configuration_once()
    # GX logs a dropped expectation with a traceback; the loader reports it as a SuiteError instead
    logging.getLogger("great_expectations").setLevel(logging.CRITICAL)
    try:  # no tqdm monitor thread (GX's bars are off anyway): validation and the HTML output fork
        import tqdm

        tqdm.tqdm.monitor_interval = 0
    except ImportError:
        pass
    return gx


def _configuration_once() -> None:
    """GX 1.24 rebuilds an expectation's configuration (a pydantic ``dict()`` of all its fields, row
    condition included) for every kwarg it looks up (``_get_success_kwarg``, ``_get_domain_kwargs``,
    ``_get_success_kwargs``): with the row conditions the suites write on the evidence columns, that was
    most of validation's time. Here the lookups read the kwargs of one configuration per expectation
    object, built on first use (a suite's expectations are not changed while reportcheck validates; what
    GX computes is unchanged; GX is pinned to 1.24 for this)."""
    from great_expectations.exceptions import InvalidExpectationKwargsError
    from great_expectations.expectations.expectation import Expectation

    if getattr(Expectation, "_reportcheck_once", False):
        return
    built: dict[int, tuple[object, dict]] = {}  # id -> (the expectation, its configuration's kwargs)

    def kwargs_of(self) -> dict:
        hit = built.get(id(self))
        if hit is None or hit[0] is not self:
            if len(built) > 4096:
                built.clear()
            hit = built[id(self)] = (self, self.configuration.kwargs)
        return hit[1]

    def _get_success_kwarg(self, key, default=None):
        kwargs = kwargs_of(self)
        if key in kwargs:
            return kwargs[key]
        field = self.__fields__.get(key)
        return (field.default if not field.required else default) if field is not None else default

    def _get_domain_kwargs(self):
        kwargs = kwargs_of(self)
        domain_kwargs = {key: kwargs.get(key, self._get_default_value(key)) for key in self.domain_keys}
        missing = set(self.domain_keys) - set(domain_kwargs)
        if missing:
            raise InvalidExpectationKwargsError(f"Missing domain kwargs: {list(missing)}")
        return domain_kwargs

    def _get_success_kwargs(self):
        domain_kwargs = self._get_domain_kwargs()
        kwargs = kwargs_of(self)
        success_kwargs = {key: kwargs.get(key, self._get_default_value(key)) for key in self.success_keys}
        success_kwargs.update(domain_kwargs)
        return success_kwargs

    Expectation._get_success_kwarg = _get_success_kwarg
    Expectation._get_domain_kwargs = _get_domain_kwargs
    Expectation._get_success_kwargs = _get_success_kwargs
    Expectation._reportcheck_once = True
    _filter_once()


# the rows a row condition keeps, per batch frame and condition: (frame, clause) -> (frame, rows kept)
_FILTERED: dict[tuple[int, str], tuple[object, object]] = {}
_GX_FILTER = None  # GX's own row filter, which _filter_once wraps


def _filter_once() -> None:
    """GX 1.24's pandas engine runs ``DataFrame.query`` on an expectation's row condition for every metric
    the expectation needs (seven for an interval check), and the query parser's time grows with the
    condition. Here the rows a condition keeps are worked out once per batch frame and condition, with the
    same query, and reused for the expectation's other metrics (cleared after each validation:
    :func:`forget_filters`)."""
    from great_expectations.execution_engine.pandas_execution_engine import PandasExecutionEngine
    from great_expectations.expectations.row_conditions import (
        Condition,
        PassThroughCondition,
        deserialize_row_condition,
    )

    global _GX_FILTER
    original = _GX_FILTER = PandasExecutionEngine._apply_row_condition_filter

    def _apply_row_condition_filter(self, data, row_condition, domain_kwargs):
        if isinstance(row_condition, dict):
            row_condition = deserialize_row_condition(row_condition)
        if not isinstance(row_condition, Condition) or isinstance(row_condition, PassThroughCondition):
            return original(self, data, row_condition, domain_kwargs)
        return data.loc[_kept_by(data, self.condition_to_filter_clause(row_condition))]

    PandasExecutionEngine._apply_row_condition_filter = _apply_row_condition_filter


def _kept_by(data, clause: str):
    """The rows of ``data`` a pandas filter clause keeps (a boolean Series), worked out once per frame and
    clause until :func:`forget_filters`: what DataFrame.query does, evaluate the clause and keep the rows
    where it holds."""
    hit = _FILTERED.get((id(data), clause))
    if hit is None or hit[0] is not data:
        hit = _FILTERED[(id(data), clause)] = (data, data.eval(clause))
    return hit[1]


def forget_filters() -> None:
    """Drop the rows kept by row conditions (and the frames they refer to) after a validation."""
    _FILTERED.clear()


def gx_context(gx):
    """An ephemeral GX context with its progress bars off.

    GX draws a tqdm bar ("Calculating Metrics") on stderr for every validation unless the context's
    ``progress_bars`` turn it off; its validator reads ``globally`` and ``metric_calculations`` from
    there (GX 1.x keeps the setting in ProgressBarsConfig).
    """
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    return context


def build_suite(gx, check: Check):
    """Make a GX ExpectationSuite from a suite file; SuiteError when GX drops or rejects anything."""
    data = check.suite
    for i, e in enumerate(data["expectations"]):
        try:
            row_condition((e.get("kwargs") or {}).get("row_condition"))
        except (ValueError, TypeError) as err:
            raise SuiteError(f"{check.suite_path}: expectations[{i}] ({e['type']}): row_condition is not a "
                             f"condition GX can read ({_why(err)}); write it like "
                             f"{_CONDITION_EXAMPLE}") from err
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


def check_columns(check: Check, columns) -> None:
    """SuiteError when an expectation of ``check`` names a column (or a condition column) the table lacks."""
    cols = set(columns)
    for e in check.suite["expectations"]:
        kw = e.get("kwargs") or {}
        for col in _kwarg_columns(kw) + condition_columns(row_condition(kw.get("row_condition"))):
            if col not in cols:
                raise SuiteError(f"{check.suite_path}: {e['type']} names column {col!r}, "
                                 f"which table {check.table!r} does not have")


def read_result(check: Check, res, tr: TableResult, scopes: list[set[str]] | None = None,
                positions: list[int] | None = None) -> None:
    """Add one GX validation of ``check``'s table to ``tr``: rejected row ids per rule, checked ids
    (``scopes``, one per expectation GX ran, when given) and descriptions; SuiteError when GX could not
    run an expectation. ``positions``: where in the suite file each expectation GX ran stands, when GX
    ran only some of them (by default, all, in order)."""
    tr.gx_results.append(res)
    # GX keeps the suite's order in its results: the index names the suite line of each verdict
    for k, r in enumerate(res.results):
        i = positions[k] if positions is not None else k
        cfg = r.expectation_config
        rule = (cfg.meta or {}).get("rule")
        info = r.exception_info or {}
        if info.get("raised_exception"):
            raise SuiteError(f"{check.suite_path}: {cfg.type} failed to run: "
                             f"{(info.get('exception_message') or '').splitlines()[0]}")
        bad = {d["id"] for d in (r.result or {}).get("unexpected_index_list") or []}
        tr.failed.setdefault(rule, set()).update(bad)
        if bad:
            sev = (cfg.meta or {}).get("severity") or check.severity
            graver = tr.severity.setdefault(rule, {})
            raised = tr.raised_by.setdefault(rule, {})
            where = f"{check.suite_path.name}: expectations[{i}] ({cfg.type})"
            for rid in bad:
                if graver.get(rid) != "error":
                    graver[rid] = sev
                    raised[rid] = where
        checked = tr.checked.setdefault(rule, set())
        if scopes is not None:
            checked.update(scopes[k])
        desc = (cfg.meta or {}).get("description")
        if desc:
            tr.descriptions.setdefault(rule, []).append(desc)


class Validator:
    """Runs the configured suites; one GX context per run, one validation per table."""

    def __init__(self, checks_path: str | os.PathLike | None = None,
                 loaded: tuple[list[Check], dict] | None = None):
        """``loaded``: what :func:`load_checks` already read from ``checks_path`` (not read again)."""
        self.checks, self.result_format = loaded or load_checks(checks_path)
        self.gx = _gx()
        self.context = gx_context(self.gx)
        self.suites = [(c, build_suite(self.gx, c)) for c in self.checks]
        self.datasource = self.context.data_sources.add_pandas("reportcheck")
        self._batch_defs: dict[str, object] = {}
        self._parts: dict[tuple, object] = {}  # suites cut to the expectations a table's rows admit

    def _batch(self, table: str, df: pd.DataFrame):
        if table not in self._batch_defs:
            asset = self.datasource.add_dataframe_asset(table)
            self._batch_defs[table] = asset.add_batch_definition_whole_dataframe(table)
        return self._batch_defs[table].get_batch(batch_parameters={"dataframe": df})

    def validate(self, sheet: FactSheet, parallel: bool = False) -> dict[str, TableResult]:
        """Validate every configured table of ``sheet``; returns TableResult per table.

        ``parallel``: the tables are shared between this process and a forked one (see
        :mod:`reportcheck.background`), about half of the work each; the results are the same, in the
        same order. GX's time goes mostly into each expectation, little into each row.
        """
        tables = list(dict.fromkeys(check.table for check, _ in self.suites))
        if not parallel or len(tables) < 2:
            return self._validate(sheet, tables)
        from .background import Background

        load = {t: 0.0 for t in tables}
        for check, suite in self.suites:
            df = sheet.tables.get(check.table)
            load[check.table] += len(suite.expectations) * (1 + (0 if df is None else len(df)) / 20_000)
        mine: list[str] = []
        theirs: list[str] = []
        for t in sorted(tables, key=load.__getitem__, reverse=True):  # largest first, to the lighter side
            (mine if sum(map(load.get, mine)) <= sum(map(load.get, theirs)) else theirs).append(t)
        other = Background(lambda: self._validate(sheet, theirs), what="validating", error=SuiteError)
        try:
            done = self._validate(sheet, mine)
        except BaseException:
            other.cancel()
            raise
        done.update(other.result())
        return {t: done[t] for t in tables}

    def _validate(self, sheet: FactSheet, tables: list[str]) -> dict[str, TableResult]:
        out: dict[str, TableResult] = {}
        for check, suite in self.suites:
            if check.table not in tables:
                continue
            df = sheet.tables.get(check.table)
            tr = out.setdefault(check.table, TableResult(check.table))
            if df is None or df.empty:
                continue
            check_columns(check, df.columns)
            frame = _numeric_view(df)
            batch = self._batch(check.table, frame)
            engine = batch.data.execution_engine
            # an expectation whose row condition admits no row of the table is not run (GX's time goes
            # into each expectation it runs, whatever the rows): it can neither reject nor check a row
            expectations = check.suite["expectations"]
            scopes = [_rows_in_scope(frame, _Kwargs(e.get("kwargs") or {}), engine) for e in expectations]
            kept = [i for i, scope in enumerate(scopes) if scope]
            for e in expectations:
                rule = (e.get("meta") or {}).get("rule")
                tr.failed.setdefault(rule, set())
                tr.checked.setdefault(rule, set())
            if kept:
                run = suite if len(kept) == len(expectations) else self._part_of(check, tuple(kept))
                res = batch.validate(run, result_format=self.result_format)
                read_result(check, res, tr, [scopes[i] for i in kept], kept)
            forget_filters()
        return out

    def _part_of(self, check: Check, kept: tuple[int, ...]):
        """The suite of ``check`` with only the expectations at ``kept`` (built once per choice)."""
        key = (check.table, str(check.suite_path), kept)
        if key not in self._parts:
            part = dict(check.suite, expectations=[check.suite["expectations"][i] for i in kept])
            self._parts[key] = build_suite(self.gx, dataclasses.replace(check, suite=part))
        return self._parts[key]


@dataclass
class _Kwargs:
    """An expectation's kwargs where a GX configuration is expected (``cfg.kwargs``)."""

    kwargs: dict


def _numeric_view(df: pd.DataFrame) -> pd.DataFrame:
    """The columns the suites compare, with object columns of numbers made numeric."""
    import pandas as pd

    out = df.drop(columns=["members", "raw"], errors="ignore").copy()
    for c in out.columns:
        if out[c].dtype == object and c not in S.STRING_COLUMNS:
            conv = pd.to_numeric(out[c], errors="coerce")
            if conv.notna().sum() >= out[c].notna().sum():
                out[c] = conv
    return out


def scope_filter(cfg, engine) -> str | None:
    """The filter an expectation's row_condition puts on its batch, in ``engine``'s own syntax (a pandas
    query or a Spark SQL expression, as GX's execution engine writes it); None without a condition."""
    cond = row_condition(cfg.kwargs.get("row_condition"))
    if cond is None:
        return None
    text = getattr(cond, "pass_through_filter", None)
    return text if text is not None else engine.condition_to_filter_clause(cond)


def _rows_in_scope(df: pd.DataFrame, cfg, engine=None) -> set[str]:
    """Row ids an expectation looked at (its row_condition applied, rows with missing values skipped).

    The condition is turned into a pandas query by GX's own pandas execution engine (``engine``, the
    batch's), so the rows are the ones GX filtered.
    """
    if engine is None:
        from great_expectations.execution_engine import PandasExecutionEngine

        engine = PandasExecutionEngine()
    frame = df
    expr = scope_filter(cfg, engine)
    if expr:
        frame = frame.loc[_kept_by(df, expr)]
    cols = _kwarg_columns(cfg.kwargs)
    if cols:
        frame = frame.dropna(subset=cols)
    return set(frame["id"])
