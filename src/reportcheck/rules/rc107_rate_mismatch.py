"""A stated rate differs from its counts beyond rounding.

What it checks
--------------
A rate or share given with its counts (办结率, 整改率, 占…) must match numerator / denominator within
the precision the rate is written with (91.3% means [91.25, 91.35]).

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

from . import amount, amount_range, approximate, written

ID = "RC107"
SLUG = "rate-mismatch"
NAME = "a stated rate differs from its counts"
SEVERITY = "error"
TABLE = "rates"


def explain(row: dict) -> tuple[str, str]:
    """The rate its counts give, to the decimals the stated rate is written with; an interval only
    where a count is approximate."""
    num = next((m for m in row["members"] if m["role"] == "numerator"), None)
    den = next(m for m in row["members"] if m["role"] == "denominator")
    rate = next(m for m in row["members"] if m["role"] == "rate")
    ok = row["stated_high"] >= row["computed_low"] and row["computed_high"] >= row["stated_low"]
    exact = num is not None and not approximate(num, den) and row.get("numerator") and row.get("denominator")
    if exact:
        value = 100 * row["numerator"] / row["denominator"]
        comp = amount(value, rate["text"], max(1, written(rate["text"]).decimals))
    else:
        comp = amount_range(row["computed_low"], row["computed_high"], rate["text"])
    arith = f"{num['text'] if num else '?'} / {den['text']} = {comp} {'≈' if ok else '≠'} {rate['text']}"
    if ok:
        return f"rate {rate['text']} matches its counts", arith
    return f"the stated rate {rate['text']} does not match its counts ({comp})", arith
