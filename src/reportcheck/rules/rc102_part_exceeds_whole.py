"""A part is larger than its whole.

What it checks
--------------
A part introduced by 其中 (or counted inside a whole, as in "X个问题中已整改Y个") cannot exceed the whole
it belongs to: the part's lower bound must not be above the whole's upper bound. The investment done on a
project (当年完成投资) is part of its total investment (总投资…的项目). A figure per head or per area
(每千人…, 人均) is no whole.

Why it matters
--------------
"立案17件，其中涉及科级干部的21件" cannot be true; one of the two figures is wrong.

Passing example
---------------
查处问题干部47人，其中给予党纪处分的9人。

Failing example
---------------
立案审查调查17件，其中涉及科级干部的21件。
"""

ID = "RC102"
SLUG = "part-exceeds-whole"
NAME = "a part exceeds its whole"
SEVERITY = "error"
TABLE = "part_whole"


def explain(row: dict) -> tuple[str, str]:
    whole = next(m for m in row["members"] if m["role"] == "whole")
    part = next(m for m in row["members"] if m["role"] == "part")
    ok = row["whole_high"] >= row["part_low"]
    arith = f"{part['text']} {'≤' if ok else '>'} {whole['text']}"
    if ok:
        return f"part {part['text']} within whole {whole['text']}", arith
    return f"the part {part['text']} is larger than its whole {whole['text']}", arith
