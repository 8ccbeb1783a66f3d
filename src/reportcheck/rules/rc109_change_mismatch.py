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

from . import amount, amount_range, approximate, direction, meets, written

ID = "RC109"
SLUG = "change-mismatch"
NAME = "a stated change differs from before/after"
SEVERITY = "error"
TABLE = "changes"


def explain(row: dict) -> tuple[str, str]:
    """In the writer's terms: amounts in the unit and scale the change is written in (万元 stays 万元),
    a fall as a fall, an interval only where a figure is approximate."""
    b = next(m for m in row["members"] if m["role"] == "before")
    a = next(m for m in row["members"] if m["role"] == "after")
    c = next(m for m in row["members"] if m["role"] == "change")
    ok = meets(row, "stated", "computed")
    percent = row["kind"] == "percent"
    if approximate(b, a, c) or a.get("value") is None or b.get("value") is None or (percent and not b["value"]):
        lo, hi = row["computed_low"], row["computed_high"]
        point = (lo + hi) / 2
        size = amount_range(*sorted((abs(lo), abs(hi))), c["text"]) if lo * hi > 0 or lo == hi else \
            f"by {amount(lo, c['text'])} to {amount(hi, c['text'])}"
    else:
        if row["computed_low"] == row["computed_high"]:  # whole figures: the change the row carries
            point = row["computed_low"]
        else:  # figures written with decimals (106.2万 is 106.15万–106.25万): the change between them as written
            point = row["after"] - row["before"]
            if percent:
                point = 100 * point / row["before"]
        size = amount(abs(point), c["text"])
        if not ok and size == amount(abs(row["stated"]), c["text"]):  # rounding would hide the difference
            size = amount(abs(point), c["text"], written(c["text"]).decimals + 1)
    said = f"{direction(row['stated'])} {c['text']}"
    got = f"{direction(point)} {size}" if direction(point) != "unchanged" else "unchanged"
    move = f"{b['text']} → {a['text']}"
    if ok:
        return f"{move}: {said}, as stated", f"{move}: {got} = {said}"
    return f"the text says {said}, but {move} {got}", f"{move}: {got}; the text says {said}"
