"""A stated rate differs from its counts beyond rounding.

What it checks
--------------
A rate or share given with its counts (办结率, 整改率, 占…) must match numerator / denominator within
the precision the rate is written with (91.3% means [91.25, 91.35]). An average annual growth (年均增长)
must be the compound growth from its start and end values, or from its total growth (比2002年增长65.5%，
年均增长10.6%), over the years named (2010 … 2015, 五年来, “十二五”); when no span is named, some whole
number of years must give it. The ratio of urban to rural income (城乡居民收入比) must be the urban income
over the rural one stated with it.

Why it matters
--------------
"受理860件，办结774件，办结率95%" is wrong: 774 / 860 = 90.0%.

Passing example
---------------
共受理投诉200件，已办结180件，办结率90%。

Failing example
---------------
共受理投诉200件，已办结180件，办结率95%。
"""

from . import amount_range, approximate, computed_rate, meets

ID = "RC107"
SLUG = "rate-mismatch"
NAME = "a stated rate differs from its counts"
SEVERITY = "error"
TABLE = "rates"


def explain(row: dict) -> tuple[str, str]:
    """The rate its counts give, to the decimals the stated rate is written with; an interval only
    where a count is approximate."""
    num = next((m for m in row["members"] if m["role"] == "numerator"), None)
    den = next((m for m in row["members"] if m["role"] == "denominator"), None)
    rate = next(m for m in row["members"] if m["role"] == "rate")
    ok = meets(row, "stated", "computed")
    if row.get("form") == "ratio":
        # the ratio of two figures (城乡居民收入比): no percentage
        comp = amount_range(row["computed_low"], row["computed_high"], rate["text"])
        arith = f"{num['text']} / {den['text']} = {comp} {'≈' if ok else '≠'} {rate['text']}"
        if ok:
            return f"ratio {rate['text']} matches its figures", arith
        return f"the stated ratio {rate['text']} does not match its figures ({comp})", arith
    if row.get("form") == "annual":
        # an average annual rate: compound growth over the years from the start to the end value
        n = int(row.get("years") or 0)
        comp = amount_range(row["computed_low"], row["computed_high"], rate["text"])
        total = next((m for m in row["members"] if m["role"] == "total growth"), None)
        inc = next((m for m in row["members"] if m["role"] == "increase"), None)
        base = (f"(1 + {total['text']})" if total else
                f"({num['text']} / ({num['text']} - {inc['text']}))" if inc else f"({num['text']} / {den['text']})")
        arith = f"{base}^(1/{n}) - 1 = {comp} {'≈' if ok else '≠'} {rate['text']}"
        if ok:
            return f"average annual rate {rate['text']} matches {n} years of growth", arith
        return f"the average annual rate {rate['text']} does not match {n} years of growth ({comp})", arith
    # the counts as written (106.2万 is 106.15万–106.25万 in the row's interval) give one rate of their own
    exact = num is not None and not approximate(num, den) and row.get("numerator") and row.get("denominator")
    comp = computed_rate(row, rate, 100 * row["numerator"] / row["denominator"] if exact else None)
    arith = f"{num['text'] if num else '?'} / {den['text']} = {comp} {'≈' if ok else '≠'} {rate['text']}"
    if ok:
        return f"rate {rate['text']} matches its counts", arith
    return f"the stated rate {rate['text']} does not match its counts ({comp})", arith
