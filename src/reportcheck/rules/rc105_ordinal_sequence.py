"""An ordinal sequence has a gap or a duplicate.

What it checks
--------------
Ordinal markers of one style and level (一是/二是, 一要, 第一/第二, (一)(二), 一、二、, 1. 2.) must count
up by one: each marker's value must be the previous one's plus one. A list may change its marker word
halfway (一要…二是…三是 is one list). A list first seen at its second item (its opening lost in a title,
a quotation or a table) is checked from there on: its opening alone is no evidence of a gap.

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
