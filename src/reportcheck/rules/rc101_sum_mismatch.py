"""Parts do not sum to their stated total.

What it checks
--------------
A total and the parts it is broken into — categories after 其中, a status breakdown (已整改 / 正在整改 /
尚未启动) or parts written before 合计 / 共计 — must agree: the interval of the parts' sum must meet the
interval of the total. 余/多/近/约 widen the intervals, so an approximate breakdown is never flagged.
其中 opening a sentence breaks down the sentence before; a plan's parts break down the plan's whole; the
three sectors' structure (三次产业结构6.2∶38.5∶55.3) sums to 100. This year's additions (新增) are not an
exhaustive breakdown of a stock (累计), and averages are no parts.

Why it matters
--------------
A breakdown that does not add up is the most common arithmetic slip in a work report, and readers
notice it first.

Passing example
---------------
共收集意见建议69条，其中关于作风问题的32条、民生问题的37条。

Failing example
---------------
共收集意见建议137条，已整改113条，正在协调10条，全年跟踪15条。
"""

from . import fmt, meets, summed

ID = "RC101"
SLUG = "sum-mismatch"
NAME = "parts do not sum to the total"
SEVERITY = "error"
TABLE = "breakdowns"
# a sum that fails because one of its parts exceeds the whole is reported once, as that part (RC102)
YIELDS_TO = {"RC102": ("total", "whole")}


def explain(row: dict) -> tuple[str, str]:
    """The sum in the total's unit and scale (万元 stays 万元); an interval only where a figure is
    approximate."""
    parts = [m for m in row["members"] if m["role"] == "part"]
    total = next(m for m in row["members"] if m["role"] == "total")
    s = " + ".join(m["text"] for m in parts)
    summ = summed(row, total, parts)
    ok = meets(row, "sum", "total")
    sign = "=" if ok else "≠"
    arith = f"{total['text']} {sign} {s} = {summ}"
    if ok:
        return f"total {fmt(row['total'])} = sum of {len(parts)} parts", arith
    return f"parts sum to {summ}, but the stated total is {total['text']}", arith
