"""reportcheck's own Great Expectations expectations, for the checks no core expectation makes.

Written on GX's template for a custom multicolumn map expectation
(``examples/expectations/multicolumn_map_expectation_template.py`` in the great_expectations
repository): a metric provider with a pandas and a Spark implementation of the row-wise condition,
and an expectation class naming the metric, with ``examples`` that the tests run on both engines
(tests/test_gx_expectations.py). Defining the classes registers them with GX, so a suite file names
them by their snake_case type like any core expectation; :func:`reportcheck.validate._gx` imports this
module before any suite is built, for the local engine and the Spark engine alike.

- ``expect_multicolumn_intervals_to_overlap``: ``column_list`` is ``[a_low, a_high, b_low, b_high]``,
  two closed intervals per row; a row passes when they share a point (a_high >= b_low and b_high >=
  a_low). A stated figure against the figure computed from others, each an interval (300余 is
  [300, 400), 82.9% is [82.85, 82.95)): they contradict each other only when the intervals cannot meet.
  A single value against an interval: ``[a, b_low, b_high]`` (a within [b_low, b_high]).
- ``expect_multicolumn_shares_to_be_reachable`` (the GRIM test): ``column_list`` is ``[low, high, n]``,
  a stated share as an interval in percent and a whole count; a row passes when some whole k in 0..n
  gives 100 k / n within [low, high], or when n is not positive (no count to test). 37.5% of 23 is
  unreachable (8/23 = 34.8%, 9/23 = 39.1%). The k tried are the two next to low * n / 100 (its floor,
  at least 0, and the whole number after it), so each row costs two comparisons, whatever n.

Missing values: by default (``ignore_row_if="any_value_is_missing"``) a row with a missing value in any
of its columns is skipped, neither passed nor failed, on both engines; with ``"never"`` such a row
fails. Both conditions are plain column expressions on Spark (no Python UDF), so Spark's executors need
nothing of reportcheck to evaluate them.
"""

from __future__ import annotations

import math
from typing import ClassVar, Literal

import numpy as np
from great_expectations.compatibility import pydantic
from great_expectations.compatibility.pyspark import functions as F
from great_expectations.execution_engine import PandasExecutionEngine, SparkDFExecutionEngine
from great_expectations.expectations.expectation import MulticolumnMapExpectation
from great_expectations.expectations.metrics.map_metric_provider import (
    MulticolumnMapMetricProvider,
    multicolumn_condition_partial,
)
from great_expectations.render import RenderedStringTemplateContent
from great_expectations.render.components import LegacyRendererType
from great_expectations.render.renderer.renderer import renderer

_DOMAIN_KEYS = ("batch_id", "table", "column_list", "row_condition", "condition_parser", "ignore_row_if")


def reachable_share(low, high, n):
    """Whether some whole k in 0..n gives 100 k / n within [low, high] (True where n <= 0).

    Works on scalars and on numpy arrays or pandas Series alike (elementwise); the one definition of
    the GRIM test, used by the pandas metric and by RC108's message. 100 k / n grows with k, so the
    smallest k >= 0 with 100 k / n >= low is the only one to try; it is floor(low * n / 100) (or 0) or
    the next whole number, whatever rounding low * n / 100 went through.
    """
    low, high, n = (np.asarray(x, dtype="float64") for x in (low, high, n))
    with np.errstate(divide="ignore", invalid="ignore"):
        k0 = np.maximum(np.floor(low * n / 100.0), 0.0)
        ok = np.zeros(np.broadcast(low, high, n).shape, dtype=bool)
        for k in (k0, k0 + 1):
            share = 100.0 * k / n
            ok |= (k >= 0) & (k <= n) & (low <= share) & (share <= high)
    return ok | (n <= 0)


def _nearest_whole_counts(low, n):
    """The two k that :func:`reachable_share` tries, as Spark columns."""
    k0 = F.greatest(F.floor(low * n / F.lit(100.0)).cast("double"), F.lit(0.0))
    return k0, k0 + F.lit(1.0)


class MulticolumnIntervalsOverlap(MulticolumnMapMetricProvider):
    """Row-wise: the closed intervals [a_low, a_high] and [b_low, b_high] share a point."""

    condition_metric_name = "multicolumn_values.intervals_overlap"
    condition_domain_keys = _DOMAIN_KEYS
    condition_value_keys = ()

    @multicolumn_condition_partial(engine=PandasExecutionEngine)
    def _pandas(cls, column_list, **kwargs):
        a_low, a_high, b_low, b_high = _bounds([column_list[c] for c in column_list.columns])
        return (a_high >= b_low) & (b_high >= a_low)  # a missing value compares False: the row fails

    @multicolumn_condition_partial(engine=SparkDFExecutionEngine)
    def _spark(cls, column_list, **kwargs):
        a_low, a_high, b_low, b_high = _bounds([F.col(c) for c in column_list.columns])
        # a comparison with null is null, which Spark's filter would count as neither passed nor
        # failed: false, as on pandas
        return F.coalesce((a_high >= b_low) & (b_high >= a_low), F.lit(False))


class MulticolumnSharesReachable(MulticolumnMapMetricProvider):
    """Row-wise GRIM test: some whole k in 0..n gives 100 k / n within [low, high] (see reachable_share)."""

    condition_metric_name = "multicolumn_values.reachable_shares"
    condition_domain_keys = _DOMAIN_KEYS
    condition_value_keys = ()

    @multicolumn_condition_partial(engine=PandasExecutionEngine)
    def _pandas(cls, column_list, **kwargs):
        import pandas as pd

        low, high, n = (column_list.iloc[:, i].to_numpy(dtype="float64", na_value=math.nan) for i in range(3))
        ok = reachable_share(low, high, n) & ~(np.isnan(low) | np.isnan(high) | np.isnan(n))
        return pd.Series(ok, index=column_list.index)

    @multicolumn_condition_partial(engine=SparkDFExecutionEngine)
    def _spark(cls, column_list, **kwargs):
        low, high, n = (F.col(c).cast("double") for c in column_list.columns)
        ok = n <= F.lit(0.0)
        for k in _nearest_whole_counts(low, n):
            share = F.when(n > F.lit(0.0), F.lit(100.0) * k / n)  # no division by 0 (an error under ANSI)
            ok = ok | ((k >= F.lit(0.0)) & (k <= n) & (low <= share) & (share <= high))
        return F.coalesce(ok, F.lit(False))


def _bounds(cols: list) -> tuple:
    """(a_low, a_high, b_low, b_high) from the columns of ``[a_low, a_high, b_low, b_high]`` or ``[a, b_low,
    b_high]`` (a single value is both ends of its interval)."""
    return (cols[0], *cols) if len(cols) == 3 else tuple(cols)


def _sentence(template: str, configuration, runtime_configuration) -> list[RenderedStringTemplateContent]:
    """The Data Docs line of an expectation: ``template`` with $c0, $c1 … its column_list."""
    columns = list((configuration.kwargs if configuration else {}).get("column_list") or [])
    return [RenderedStringTemplateContent(
        content_block_type="string_template",
        string_template={"template": template, "params": {f"c{i}": c for i, c in enumerate(columns)},
                         "styling": (runtime_configuration or {}).get("styling")})]


def _columns_exactly(v: list[str], counts: tuple[int, ...], meaning: str) -> list[str]:
    if len(v) not in counts:
        raise ValueError(f"column_list must name {' or '.join(map(str, counts))} columns ({meaning}), "
                         f"not {len(v)}")
    if len(set(v)) != len(v):  # GX's pandas result drops a repeated column
        raise ValueError("column_list must not name a column twice")
    return v


class ExpectMulticolumnIntervalsToOverlap(MulticolumnMapExpectation):
    """Expect the two closed intervals of each row, [a_low, a_high] and [b_low, b_high], to overlap.

    ``column_list``: ``[a_low, a_high, b_low, b_high]``, or ``[a, b_low, b_high]`` for a single value a
    (expected within [b_low, b_high]). Inclusive: intervals that touch overlap. A row with a missing value is skipped by default
    (``ignore_row_if="any_value_is_missing"``); with ``"never"`` it fails.
    """

    column_list: list[str] = pydantic.Field(description="a_low, a_high, b_low, b_high")
    ignore_row_if: Literal["all_values_are_missing", "any_value_is_missing", "never"] = "any_value_is_missing"

    map_metric = "multicolumn_values.intervals_overlap"
    success_keys = ("mostly",)
    args_keys = ("column_list",)

    @pydantic.validator("column_list")
    def _four_columns(cls, v: list[str]) -> list[str]:
        return _columns_exactly(v, (3, 4), "a_low, a_high, b_low, b_high; or a, b_low, b_high")

    @classmethod
    @renderer(renderer_type=LegacyRendererType.PRESCRIPTIVE)
    def _prescriptive_renderer(cls, configuration=None, result=None, runtime_configuration=None, **kwargs):
        columns = (configuration.kwargs if configuration else {}).get("column_list") or []
        template = ("$c0 must lie within [$c1, $c2]." if len(columns) == 3
                    else "Intervals [$c0, $c1] and [$c2, $c3] must overlap.")
        return _sentence(template, configuration, runtime_configuration)

    # GX's test-case format (ExpectationDoctor); tests/test_gx_expectations.py runs them on both engines
    examples: ClassVar[list[dict]] = [
        {
            "data": {
                "id": ["r0", "r1", "r2", "r3", "r4"],
                "stated_low": [82.85, 82.85, 82.85, 95.0, 7.0],
                "stated_high": [82.95, 82.95, 82.95, 95.0, 7.0],
                "computed_low": [82.9, 82.95, 83.0, 94.9, None],
                "computed_high": [82.9, 83.1, 83.2, 95.1, None],
            },
            "tests": [
                {
                    "title": "a_rate_inside_touching_and_outside",
                    "exact_match_out": False,
                    "include_in_gallery": True,
                    "in": {"column_list": ["stated_low", "stated_high", "computed_low", "computed_high"]},
                    "out": {"success": False, "unexpected_index_list": [{"id": "r2"}]},
                },
                {
                    "title": "overlapping_intervals_pass",
                    "exact_match_out": False,
                    "include_in_gallery": True,
                    "in": {"column_list": ["computed_low", "computed_high", "stated_low", "stated_high"],
                           "row_condition": {"type": "comparison", "column": {"name": "id"},
                                             "operator": "!=", "parameter": "r2"}},
                    "out": {"success": True, "unexpected_index_list": []},
                },
                {
                    "title": "a_missing_bound_fails_when_not_ignored",
                    "exact_match_out": False,
                    "include_in_gallery": False,
                    "in": {"column_list": ["stated_low", "stated_high", "computed_low", "computed_high"],
                           "ignore_row_if": "never"},
                    "out": {"success": False, "unexpected_index_list": [{"id": "r2"}, {"id": "r4"}]},
                },
                {
                    "title": "a_single_value_within_an_interval",
                    "exact_match_out": False,
                    "include_in_gallery": True,
                    "in": {"column_list": ["stated_low", "computed_low", "computed_high"],
                           "row_condition": {"type": "comparison", "column": {"name": "id"},
                                             "operator": "IN", "parameter": ["r1", "r3"]}},
                    "out": {"success": False, "unexpected_index_list": [{"id": "r1"}]},
                },
            ],
        },
    ]

    library_metadata: ClassVar[dict] = {
        "tags": ["multi-column expectation", "intervals"],
        "contributors": ["reportcheck"],
    }


class ExpectMulticolumnSharesToBeReachable(MulticolumnMapExpectation):
    """Expect each row's share [low, high] (in percent) to be reachable as 100 k / n for a whole k in 0..n.

    ``column_list``: ``[low, high, n]``. The GRIM test: 37.5% of 23 is unreachable (8/23 = 34.8%,
    9/23 = 39.1%). A row whose n is not positive passes. A row with a missing value is skipped by
    default (``ignore_row_if="any_value_is_missing"``); with ``"never"`` it fails.
    """

    column_list: list[str] = pydantic.Field(description="low, high (percent), n (a whole count)")
    ignore_row_if: Literal["all_values_are_missing", "any_value_is_missing", "never"] = "any_value_is_missing"

    map_metric = "multicolumn_values.reachable_shares"
    success_keys = ("mostly",)
    args_keys = ("column_list",)

    @pydantic.validator("column_list")
    def _three_columns(cls, v: list[str]) -> list[str]:
        return _columns_exactly(v, (3,), "low, high, n")

    @classmethod
    @renderer(renderer_type=LegacyRendererType.PRESCRIPTIVE)
    def _prescriptive_renderer(cls, configuration=None, result=None, runtime_configuration=None, **kwargs):
        return _sentence("Share [$c0, $c1] % must be 100 k / $c2 for some whole k from 0 to $c2.",
                         configuration, runtime_configuration)

    examples: ClassVar[list[dict]] = [
        {
            "data": {
                "id": ["r0", "r1", "r2", "r3", "r4", "r5"],
                # 37.5% of 24 (9/24), 37.5% of 23 (none), 35.0% of 14 (none), 35.7% of 14 (5/14 = 35.714…),
                # 0% and 100% of 7 (k = 0 and k = n)
                "low": [37.45, 37.45, 34.95, 35.65, 0.0, 99.95],
                "high": [37.55, 37.55, 35.05, 35.75, 0.05, 100.05],
                "n": [24.0, 23.0, 14.0, 14.0, 7.0, 7.0],
            },
            "tests": [
                {
                    "title": "whole_counts_of_the_base",
                    "exact_match_out": False,
                    "include_in_gallery": True,
                    "in": {"column_list": ["low", "high", "n"]},
                    "out": {"success": False, "unexpected_index_list": [{"id": "r1"}, {"id": "r2"}]},
                },
                {
                    "title": "reachable_shares_pass",
                    "exact_match_out": False,
                    "include_in_gallery": True,
                    "in": {"column_list": ["low", "high", "n"],
                           "row_condition": {"type": "comparison", "column": {"name": "id"},
                                             "operator": "NOT_IN", "parameter": ["r1", "r2"]}},
                    "out": {"success": True, "unexpected_index_list": []},
                },
            ],
        },
        {
            "data": {
                "id": ["r0", "r1", "r2"],
                "low": [50.0, 12.5, None],
                "high": [50.0, 12.5, 10.0],
                "n": [0.0, 3.0, 5.0],
            },
            "tests": [
                {
                    "title": "no_base_passes_and_a_missing_share_is_skipped",
                    "exact_match_out": False,
                    "include_in_gallery": False,
                    "in": {"column_list": ["low", "high", "n"]},
                    "out": {"success": False, "unexpected_index_list": [{"id": "r1"}]},
                },
            ],
        },
    ]

    library_metadata: ClassVar[dict] = {
        "tags": ["multi-column expectation", "GRIM"],
        "contributors": ["reportcheck"],
    }
