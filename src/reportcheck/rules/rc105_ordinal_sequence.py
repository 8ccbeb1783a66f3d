"""An ordinal sequence has a gap or a duplicate.

What it checks
--------------
Ordinal markers of one style and level (一是/二是, 一要, 第一/第二, (一)(二), 一、二、, 1. 2.) must count
up by one: each marker's value must be the previous one's plus one.

Why it matters
--------------
"一是…二是…四是" or a second "七是" tells the reader an item was lost or misnumbered.

Passing example
---------------
一是加强学习。二是改进作风。三是完善制度。

Failing example
---------------
一是加强学习。二是改进作风。四是完善制度。
"""

from . import fmt

ID = "RC105"
SLUG = "ordinal-sequence"
NAME = "ordinal sequence with a gap or duplicate"
SEVERITY = "error"
TABLE = "sequences"


def explain(row: dict) -> tuple[str, str]:
    ok = row["value"] == row["expected"]
    marker = row["raw"]
    arith = f"marker {marker}: value {fmt(row['value'])}, expected {fmt(row['expected'])}"
    if ok:
        return f"ordinal {marker} in order", arith
    what = "duplicates the marker before it" if row["value"] < row["expected"] else "skips a number"
    return f"ordinal {marker} {what} (expected {fmt(row['expected'])})", arith
