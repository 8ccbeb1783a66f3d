"""The validation stage: suites with GX Condition objects, the rows each expectation checked, bad suites,
and a quiet GX (no deprecation warnings, no progress bars, no log lines)."""

from __future__ import annotations

import json
import subprocess
import sys
import warnings

import pandas as pd
import pytest
from conftest import ROOT, SEEDS, copied_checks

from reportcheck import exitcodes, extract
from reportcheck.validate import (
    Check,
    SuiteError,
    Validator,
    _gx,
    _rows_in_scope,
    build_suite,
    check_columns,
    load_checks,
    row_condition,
)


def _cmp(col, op, value):
    return {"type": "comparison", "column": {"name": col}, "operator": op, "parameter": value}


def _pair(condition=None, a="a", b="b"):
    kwargs = {"column_A": a, "column_B": b, "or_equal": True}
    if condition is not None:
        kwargs["row_condition"] = condition
    return {
        "type": "expect_column_pair_values_a_to_be_greater_than_b",
        "kwargs": kwargs,
        "meta": {"rule": "RC900"},
    }


def _suite(tmp_path, *expectations) -> Check:
    path = tmp_path / "t.json"
    data = {"name": "t", "expectations": list(expectations)}
    path.write_text(json.dumps(data), encoding="utf-8")
    return Check("t", path, "error", data)


def _validate(check: Check, df: pd.DataFrame):
    """One suite over one DataFrame with GX's pandas datasource: (GX result, rows in scope of each
    expectation)."""
    gx = _gx()
    v = Validator()
    suite = build_suite(gx, check)
    batch = (
        v.datasource.add_dataframe_asset("t")
        .add_batch_definition_whole_dataframe("t")
        .get_batch(batch_parameters={"dataframe": df})
    )
    res = batch.validate(
        suite, result_format={"result_format": "COMPLETE", "unexpected_index_column_names": ["id"]}
    )
    engine = batch.data.execution_engine
    return res, [_rows_in_scope(df, r.expectation_config, engine) for r in res.results]


FRAME = pd.DataFrame(
    {
        "id": ["r0", "r1", "r2", "r3", "r4"],
        "a": [1.0, 5.0, 1.0, None, 9.0],
        "b": [2.0, 1.0, 3.0, None, 1.0],
        "flag": [True, True, False, True, False],
        "kind": ["x", "y", "x", "x", "report"],
        "n": [1.0, None, None, 2.0, 3.0],
    }
)


def test_shipped_suites_use_condition_objects_not_pandas_strings():
    checks, _ = load_checks()
    conditions = 0
    for c in checks:
        for e in c.suite["expectations"]:
            kw = e["kwargs"]
            assert "condition_parser" not in kw, c.suite_path
            if "row_condition" in kw:
                assert isinstance(kw["row_condition"], dict), c.suite_path
                assert row_condition(kw["row_condition"]).type in ("comparison", "nullity", "and", "or")
                conditions += 1
    assert conditions >= 6


@pytest.mark.parametrize(
    "condition, in_scope",
    [
        (None, {"r0", "r1", "r2", "r4"}),  # r3 has no values to compare
        (_cmp("flag", "==", True), {"r0", "r1"}),
        ({"type": "and", "conditions": [_cmp("flag", "==", False), _cmp("kind", "!=", "report")]}, {"r2"}),
        (
            {
                "type": "or",
                "conditions": [
                    _cmp("kind", "==", "y"),
                    {"type": "nullity", "column": {"name": "n"}, "is_null": False},
                ],
            },
            {"r0", "r1", "r4"},
        ),
        (_cmp("kind", "IN", ["y", "report"]), {"r1", "r4"}),
    ],
)
def test_rows_in_scope_are_the_rows_gx_checked(tmp_path, condition, in_scope):
    res, scopes = _validate(_suite(tmp_path, _pair(condition)), FRAME)
    assert scopes == [in_scope]
    # r0 and r2 break a >= b: GX reports exactly those of them that the condition keeps
    failed = {d["id"] for d in res.results[0].result["unexpected_index_list"]}
    assert failed == in_scope & {"r0", "r2"}


def test_legacy_pandas_string_condition_still_runs_locally(tmp_path):
    legacy = _pair("flag==True")
    legacy["kwargs"]["condition_parser"] = "pandas"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # GX's own deprecation of this form
        _, scopes = _validate(_suite(tmp_path, legacy), FRAME)
    assert scopes == [{"r0", "r1"}]


def test_validating_the_shipped_suites_raises_no_deprecation_warning():
    sheet = extract([SEEDS])
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        results = Validator().validate(sheet)
    assert results["breakdowns"].checked["RC101"] and results["sequences"].failed["RC105"]


def test_no_deprecation_warning_progress_bar_or_log_line_on_a_run():
    """The brief's check: deprecation warnings as errors, and nothing but findings in the output."""
    proc = subprocess.run(
        [
            sys.executable,
            "-W",
            "error::DeprecationWarning",
            "-m",
            "reportcheck",
            "check",
            str(SEEDS),
            "--format",
            "json",
        ],
        check=False,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert proc.returncode == exitcodes.CONTRADICTIONS, proc.stderr[-2000:]
    assert proc.stderr == ""
    assert json.loads(proc.stdout)["summary"]["errors"] >= 1


def test_progress_bars_are_off_and_the_check_would_see_them(capfd):
    sheet = extract([SEEDS])
    v = Validator()
    assert not v.context.progress_bars["globally"]
    v.validate(sheet)
    assert "Calculating Metrics" not in capfd.readouterr().err
    # the same validation with GX's default (bars on) draws them: the assertion above can fail
    v.context.variables.progress_bars = None
    v.validate(sheet)
    assert "Calculating Metrics" in capfd.readouterr().err


@pytest.mark.parametrize(
    "condition, message",
    [
        (
            {"type": "comparsion", "column": {"name": "flag"}, "operator": "==", "parameter": True},
            "comparsion",
        ),
        (_cmp("flag", "=", True), "operator: value is not a valid enumeration member"),
        (_cmp("flag", "==", None), "is_null"),
        (
            {
                "type": "and",
                "conditions": [
                    _cmp("flag", "==", True),
                    {"type": "or", "conditions": [_cmp("a", ">", 1), _cmp("b", ">", 1)]},
                ],
            },
            "AND groups cannot contain OR",
        ),
        (42, "row_condition must be a condition object"),
    ],
)
def test_unreadable_condition_is_a_suite_error_naming_the_file(tmp_path, condition, message):
    check = _suite(tmp_path, _pair(), _pair(condition))
    with pytest.raises(SuiteError) as e:
        from reportcheck.validate import read_suite

        check.suite = read_suite(check.suite_path)
        build_suite(_gx(), check)
    assert str(check.suite_path) in str(e.value) and message in str(e.value)
    assert "expectations[1]" in str(e.value)


def test_condition_on_a_missing_column_is_a_suite_error(tmp_path):
    check = _suite(tmp_path, _pair(_cmp("flg", "==", True)))
    with pytest.raises(SuiteError, match="names column 'flg'"):
        check_columns(check, FRAME.columns)


def test_bad_condition_in_a_suite_stops_the_run_with_exit_code_2(tmp_path):
    from typer.testing import CliRunner

    from reportcheck.cli import app

    checks, _ = copied_checks(tmp_path, "dates.json", lambda data: data["expectations"][0]["kwargs"].update(
        row_condition={"type": "comparison", "column": "start_low", "operator": ">=", "parameter": 0}))
    res = CliRunner().invoke(app, ["check", str(SEEDS), "--checks", str(checks)])
    assert res.exit_code == exitcodes.USAGE
    assert "dates.json" in res.output and "row_condition" in res.output


def test_validation_in_two_processes_gives_the_same_results_in_the_same_order(monkeypatch):
    from reportcheck import background, extract
    from reportcheck.validate import Validator

    sheet = extract([SEEDS])
    validator = Validator()
    one = validator.validate(sheet)
    monkeypatch.setattr(background.threading, "active_count", lambda: 1)  # a thread left by another test
    here: list[str] = []
    real = Validator._validate

    def _validate(self, sheet, tables):
        here.extend(tables)
        return real(self, sheet, tables)

    monkeypatch.setattr(Validator, "_validate", _validate)
    two = validator.validate(sheet, parallel=True)
    assert 0 < len(here) < len(one)  # the other tables were validated in the forked process
    assert list(two) == list(one)
    for table, tr in one.items():
        got = two[table]
        assert (got.failed, got.checked, got.descriptions) == (tr.failed, tr.checked, tr.descriptions), table
        assert [_timeless(r.to_json_dict()) for r in got.gx_results] == \
            [_timeless(r.to_json_dict()) for r in tr.gx_results]


def _timeless(result: dict) -> dict:
    """A GX validation result without the time its batch was loaded."""
    result["meta"].get("batch_markers", {}).pop("ge_load_time", None)
    return result


def test_an_expectations_severity_wins_over_the_tables(tmp_path):
    """rates.json holds RC107 and RC108: the suite gives RC108 warnings, RC107 stays an error."""
    from reportcheck.pipeline import run

    def to_warning(data):
        for e in data["expectations"]:
            if e["meta"]["rule"] == "RC108":
                e["meta"]["severity"] = "warning"

    checks, _ = copied_checks(tmp_path, "rates.json", to_warning)
    p = tmp_path / "r.txt"
    p.write_text("全年教育投入5.2亿元，占一般公共预算支出的135.2%。共受理投诉500件，已办结460件，办结率96%。\n",
                 encoding="utf-8")
    found = {f.rule: f.severity for f in run([p], checks=checks).reports[0].findings}
    assert found == {"RC108": "warning", "RC107": "error"}


def test_a_severity_that_is_neither_error_nor_warning_is_a_suite_error(tmp_path):
    from reportcheck.validate import SuiteError, load_checks

    def bad(data):
        data["expectations"][0]["meta"]["severity"] = "fatal"

    checks, _ = copied_checks(tmp_path, "rates.json", bad)
    with pytest.raises(SuiteError, match="meta.severity must be 'error' or 'warning'"):
        load_checks(checks)


def test_rows_kept_by_a_condition_are_reused_within_a_validation_and_then_forgotten(monkeypatch):
    """validate._filter_once: the same failures and checked rows as GX's own filter, which queries the
    condition again for every metric."""
    from great_expectations.execution_engine.pandas_execution_engine import PandasExecutionEngine

    import reportcheck
    from reportcheck import validate as V

    written = sorted((ROOT / "tests" / "data" / "written2").glob("*.txt"))[:6]
    sheet = reportcheck.extract(sorted(SEEDS.glob("*.txt")) + written)
    validator = V.Validator()
    ours = validator.validate(sheet)
    assert V._FILTERED == {}
    monkeypatch.setattr(PandasExecutionEngine, "_apply_row_condition_filter", V._GX_FILTER)
    theirs = validator.validate(sheet)
    assert {t: (r.failed, r.checked, r.severity) for t, r in ours.items()} == \
        {t: (r.failed, r.checked, r.severity) for t, r in theirs.items()}
    # something failed, so the comparison says something
    assert any(ids for r in ours.values() for ids in r.failed.values())
