"""A 其中 row or column of a table is larger than its whole.

What it checks
--------------
In a table, a row whose label starts with 其中 is a part of the nearest row above it that is not a 其中
row, and a column headed 其中… is a part of the count column before it: in every count column (row)
the part must not be larger than the whole.

Why it matters
--------------
"其中：女 31" under a total of 29 is impossible; it usually means a figure was copied into the wrong
row or column.

Passing example
---------------
| 单位 | 干部人数 |
| --- | --- |
| 县直机关 | 120 |
| 其中：女 | 46 |
| 乡镇 | 180 |

Failing example
---------------
| 单位 | 干部人数 |
| --- | --- |
| 县直机关 | 120 |
| 其中：女 | 146 |
| 乡镇 | 180 |
"""

ID = "RC112"
SLUG = "table-part-exceeds-whole"
NAME = "a 其中 row or column of a table is larger than its whole"
SEVERITY = "error"
TABLE = "table_parts"


def explain(row: dict) -> tuple[str, str]:
    whole = next(m for m in row["members"] if m["role"] == "whole")
    part = next(m for m in row["members"] if m["role"] == "part")
    ok = row["whole_high"] >= row["part_low"]
    where = f"{row['row_header']} / {row['column_header']}" if row["column_header"] else row["row_header"]
    arith = f"{where}: {part['text']} {'≤' if ok else '>'} {whole['text']}"
    if ok:
        return f"table part {part['text']} is within its whole {whole['text']}", arith
    return f"the 其中 {row['axis']} ({part['text']}) is larger than its whole ({whole['text']})", arith
