"""Impossible chronology: something ends before it starts, or is done after the report's date.

What it checks
--------------
An end date must not come before its start date (3月17日开班…3月14日结业), and an event told as done
(召开了, 已完成) must not be dated after the report's own date. Plans and targets (计划于…, 力争…前) may
be dated after the report.

Why it matters
--------------
A meeting reported as held after the report was written, or a course that ends before it begins,
shows a wrong date.

Passing example
---------------
培训班于3月14日开班，3月17日结业。

Failing example
---------------
培训班于3月17日开班，3月14日结业。
"""

import datetime as dt

ID = "RC110"
SLUG = "date-order"
NAME = "impossible chronology"
SEVERITY = "error"
TABLE = "dates"


def _d(o) -> str:
    return dt.date.fromordinal(int(o)).isoformat()


def explain(row: dict) -> tuple[str, str]:
    if row.get("start_low", -1) >= 0:
        ok = row["high"] >= row["start_low"]
        arith = f"end {row['raw']} ({_d(row['high'])}) {'≥' if ok else '<'} start {row['start_raw']} ({_d(row['start_low'])})"
        if ok:
            return f"{row['start_raw']} → {row['raw']} in order", arith
        return f"ends {row['raw']} before it starts {row['start_raw']}", arith
    ok = row["report_ord"] >= row["low"]
    arith = f"{row['raw']} ({_d(row['low'])}) {'≤' if ok else '>'} report date {_d(row['report_ord'])}"
    if ok:
        return f"{row['raw']} is before the report date", arith
    return f"told as done on {row['raw']}, after the report's own date {_d(row['report_ord'])}", arith
