"""A stated change differs from before and after.

What it checks
--------------
"由A…到B，减少C" or "B，比上年的A增长p%": the stated change C must equal B - A, and a stated
percentage must equal (B - A) / A, within the precision of the figures. A change of a share stated in %
(由44%提高到45%，即提高1%) may be in points or relative to the share as written. A target built on a
base stated earlier under the same words (地方财政收入完成20.67亿元 … 地方财政收入增长20%，达到24.8亿元)
must grow from that base by the stated rate; growth at comparable prices (GDP, value added) is not
worked out from nominal values.

Why it matters
--------------
"由312.6万元下降到196.4万元，下降了106.2万元" is wrong: the drop is 116.2万元.

Passing example
---------------
公务用车由463辆减少到392辆，减少71辆。

Failing example
---------------
公务用车由463辆减少到392辆，减少81辆。
"""

from . import fmt, interval

ID = "RC109"
SLUG = "change-mismatch"
NAME = "a stated change differs from before/after"
SEVERITY = "error"
TABLE = "changes"


def explain(row: dict) -> tuple[str, str]:
    b = next(m for m in row["members"] if m["role"] == "before")
    a = next(m for m in row["members"] if m["role"] == "after")
    c = next(m for m in row["members"] if m["role"] == "change")
    ok = row["stated_high"] >= row["computed_low"] and row["computed_high"] >= row["stated_low"]
    if row["kind"] == "percent":
        comp = interval(round(row["computed_low"], 2), round(row["computed_high"], 2))
        arith = f"({a['text']} - {b['text']}) / {b['text']} = {comp}% {'≈' if ok else '≠'} {c['text']}"
    else:
        comp = interval(row["computed_low"], row["computed_high"])
        arith = f"{a['text']} - {b['text']} = {comp} {'≈' if ok else '≠'} {c['text']}"
    if ok:
        return f"change {c['text']} matches {b['text']} → {a['text']}", arith
    return f"the stated change {c['text']} does not match {b['text']} → {a['text']}", arith
