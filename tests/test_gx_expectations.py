"""reportcheck's custom GX expectations (reportcheck/gx_expectations.py): their documented ``examples``
run as tests on pandas and, where pyspark and Java 17 are installed, on Spark; the GRIM test against
a plain loop over every whole count; and suites loading them by their snake_case type."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from test_spark import MISSING, needs_spark

from reportcheck import gx_expectations as X
from reportcheck.validate import Check, SuiteError, _gx, build_suite, gx_context

CUSTOM = [X.ExpectMulticolumnIntervalsToOverlap, X.ExpectMulticolumnSharesToBeReachable]
CASES = [pytest.param(cls, ex, test, id=f"{cls.__name__}-{test['title']}")
         for cls in CUSTOM for ex in cls.examples for test in ex["tests"]]


def _run(batch_of, cls, example: dict, test: dict):
    """Validate one example's data with one of its tests' kwargs; the failing ids as GX lists them."""
    gx = _gx()
    expectation = cls(**test["in"])
    res = batch_of(gx, pd.DataFrame(example["data"])).validate(
        expectation, result_format={"result_format": "COMPLETE", "unexpected_index_column_names": ["id"]})
    assert not (res.exception_info or {}).get("raised_exception"), res.exception_info
    # each failing row comes with its id (what findings.py reads) and the values of column_list
    bad = (res.result or {}).get("unexpected_index_list") or []
    assert all(set(d) == {"id", *test["in"]["column_list"]} for d in bad), bad
    return res.success, sorted(({"id": d["id"]} for d in bad), key=lambda d: d["id"])


def _pandas_batch(gx, df):
    asset = gx_context(gx).data_sources.add_pandas("examples").add_dataframe_asset("example")
    return asset.add_batch_definition_whole_dataframe("example").get_batch(batch_parameters={"dataframe": df})


@pytest.mark.parametrize("cls, example, test", CASES)
def test_examples_on_pandas(cls, example, test):
    success, bad = _run(_pandas_batch, cls, example, test)
    assert success is test["out"]["success"]
    assert bad == test["out"]["unexpected_index_list"]


@pytest.fixture(scope="module")
def spark_batch():
    assert not MISSING, f"CI must run the Spark tests: {'; '.join(MISSING)}"
    from reportcheck.engines.spark import session

    s = session("local[1]")

    def batch(gx, df):
        # None stays null in Spark (as the Spark engine's extraction output has it)
        sdf = s.createDataFrame(df.astype(object).where(df.notna(), None).to_dict("records"))
        asset = gx_context(gx).data_sources.add_spark("examples").add_dataframe_asset("example")
        return asset.add_batch_definition_whole_dataframe("example").get_batch(batch_parameters={"dataframe": sdf})

    yield batch
    s.stop()


@needs_spark
@pytest.mark.parametrize("cls, example, test", CASES)
def test_examples_on_spark(spark_batch, cls, example, test):
    success, bad = _run(spark_batch, cls, example, test)
    assert success is test["out"]["success"]
    assert bad == test["out"]["unexpected_index_list"]


def test_every_custom_expectation_has_examples_of_both_verdicts():
    for cls in CUSTOM:
        outs = {t["out"]["success"] for ex in cls.examples for t in ex["tests"]}
        assert outs == {True, False}, cls.__name__


def _grim_by_loop(low: float, high: float, n: int) -> bool:
    return any(low <= 100.0 * k / n <= high for k in range(n + 1)) if n > 0 else True


def test_reachable_share_agrees_with_a_loop_over_every_count():
    rng = np.random.default_rng(14)
    n = rng.integers(0, 400, 4000)
    decimals = rng.integers(0, 3, 4000)
    scale = 10.0 ** decimals
    stated = np.round(rng.uniform(0, 100, 4000) * scale) / scale
    half = 0.5 / scale
    low, high = stated - half, stated + half
    # also shares written exactly at a whole count (5/8 = 62.5%) and touching an interval's end
    k = rng.integers(0, 50, 500)
    n2 = rng.integers(1, 50, 500)
    exact = 100.0 * np.minimum(k, n2) / n2
    low, high = np.concatenate([low, exact, exact - 0.05]), np.concatenate([high, exact, exact])
    n = np.concatenate([n, n2, n2])
    got = X.reachable_share(low, high, n)
    want = [_grim_by_loop(a, b, int(c)) for a, b, c in zip(low, high, n)]
    assert got.tolist() == want
    assert 0 < sum(want) < len(want)  # both verdicts were tried


@pytest.mark.parametrize("columns", [["a", "b"], ["a", "b", "c", "d", "e"], ["a", "a", "c", "d"]])
def test_a_column_list_of_the_wrong_shape_is_a_suite_error(tmp_path, columns):
    suite = {"name": "t", "expectations": [{"type": "expect_multicolumn_intervals_to_overlap",
                                            "kwargs": {"column_list": columns}, "meta": {"rule": "RC107"}}]}
    path = tmp_path / "t.json"
    path.write_text(json.dumps(suite))
    with pytest.raises(SuiteError, match="t.json"):
        build_suite(_gx(), Check("rates", path, "error", suite))


def test_suites_load_the_custom_types_by_name():
    from reportcheck.validate import load_checks

    types = {e.expectation_type for check in load_checks()[0] for e in build_suite(_gx(), check).expectations}
    assert {"expect_multicolumn_intervals_to_overlap", "expect_multicolumn_shares_to_be_reachable"} <= types


def test_data_docs_say_what_each_custom_expectation_tests():
    overlap = X.ExpectMulticolumnIntervalsToOverlap(column_list=["s_low", "s_high", "c_low", "c_high"])
    point = X.ExpectMulticolumnIntervalsToOverlap(column_list=["stated", "items_low", "items_high"])
    grim = X.ExpectMulticolumnSharesToBeReachable(column_list=["low", "high", "n"])
    said = [e._prescriptive_renderer(configuration=e.configuration)[0].to_json_dict()["string_template"]
            for e in (overlap, point, grim)]
    assert [s["template"] for s in said] == [
        "Intervals [$c0, $c1] and [$c2, $c3] must overlap.", "$c0 must lie within [$c1, $c2].",
        "Share [$c0, $c1] % must be 100 k / $c2 for some whole k from 0 to $c2."]
    assert said[1]["params"] == {"c0": "stated", "c1": "items_low", "c2": "items_high"}
