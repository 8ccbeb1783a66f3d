"""An impossible share: above 100%, or no whole count of the base can give it.

What it checks
--------------
A share of a whole (占…, 占比) cannot exceed 100%. When the base is a small whole count (23 secretaries)
the share must be k / base for some whole k: 37.5% of 23 is impossible (8/23 = 34.8%, 9/23 = 39.1%),
the GRIM test. Growth rates and plan completion (完成计划的112%) may exceed 100% and are not checked;
a share of an amount (占一般公共预算支出的…) and a bounded rate or share wherever it is stated (比重从…
上升到…, 城镇化率, 覆盖率, 失业率 …) are.

Why it matters
--------------
An impossible share shows a wrong base or a wrong percentage.

Passing example
---------------
全乡24名村党组织书记中，大专以上学历的占37.5%。

Failing example
---------------
全乡23名村党组织书记中，大专以上学历的占37.5%。
"""


ID = "RC108"
SLUG = "percent-range"
NAME = "an impossible share"
SEVERITY = "error"
TABLE = "rates"


def explain(row: dict) -> tuple[str, str]:
    from ..gx_expectations import reachable_share  # the GRIM test the suite runs (GX is loaded by now)

    if row.get("form") == "shares":
        parts = [m["text"] for m in row["members"]]
        total = f"{row['stated']:.4g}%"
        return (f"the shares of one whole's categories sum to {total}, above 100%" if row["stated_low"] > 100.0 else
                f"the shares of one whole's categories sum to {total}", " + ".join(parts) + f" = {total}"
                + (" > 100%" if row["stated_low"] > 100.0 else " ≤ 100%"))
    den = next((m for m in row["members"] if m["role"] == "denominator"), None)
    rate = next(m for m in row["members"] if m["role"] == "rate")
    if row.get("form") == "share" and not row.get("can_exceed_100") and row["stated_low"] > 100.0:
        of = f" of {den['text']}" if den else ""
        return f"the share {rate['text']}{of} is above 100%", f"{rate['text']} > 100%"
    if den is None or any(m["role"] == "numerator" for m in row["members"]):
        # a share with its counts: the suite tests its bound (the counts are RC107's)
        of = f" of {den['text']}" if den else ""
        return f"the share {rate['text']}{of} is within 100%", f"{rate['text']} ≤ 100%"
    n = int(row["denominator"])
    lo = int(row["stated_low"] * n / 100)
    near = ", ".join(f"{k}/{n} = {100 * k / n:.1f}%" for k in (lo, lo + 1) if 0 <= k <= n)
    if reachable_share(row["stated_low"], row["stated_high"], row["denominator"]):
        return f"share {rate['text']} of {den['text']} is possible", f"{rate['text']} of {n}: whole count exists"
    return f"no whole count of {den['text']} gives {rate['text']}", f"{near}; none rounds to {rate['text']}"
