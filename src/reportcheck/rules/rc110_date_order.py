"""Impossible chronology: something ends before it starts, or is done after the report's date.

What it checks
--------------
An end date must not come before its start date (3月17日开班…3月14日结业; an end without its year in an
earlier month than its start is read in the next year, 11月启动…2月结束, when the report's date allows),
and an event told as done (召开了, 已完成, 发生, 成立, 从…起…增加了) must not be dated after the report's
own date. Plans, schedules and rules taking effect (计划于…, 力争…前, 决定…于…召开, 将于, 起施行) may be
dated after the report.

The report's own date is a date line at the top or end (a full date alone, ——2014年3月5日在…会议上,
（…通过）). Without one, a 政府工作报告 (or another report to a people's congress) whose title names its
year Y is taken to be delivered at the congress's annual session, held in the first quarter since 1985 (it
reviews Y-1, 去年, and plans Y, 今年): between Y-01-01 and Y-03-31, unless the text gives
results for a part of Y (今年上半年…增长: delivered after that part) or tells a date of Y as to come (将于,
定于: delivered before it). Where the report date is such a range, a date is after the report only if it is
after the range's end. A date whose year is guessed from another year named before it gives a warning.

Why it matters
--------------
A meeting reported as held after the report was written, or a course that ends before it begins,
shows a wrong date: usually a wrong year (今年 for 去年) or a wrong month.

Passing example
---------------
关于2019年干部培训工作的报告
2019年12月20日
培训班于3月14日开班，3月17日结业。12月26日将召开年度总结会。

Failing example
---------------
关于2019年干部培训工作的报告
2019年12月20日
培训班于3月17日开班，3月14日结业。12月26日召开了年度总结会。
"""

import datetime as dt
import json

ID = "RC110"
SLUG = "date-order"
NAME = "impossible chronology"
SEVERITY = "error"
TABLE = "dates"


def _d(o) -> str:
    return dt.date.fromordinal(int(o)).isoformat()


def _date_text(row: dict) -> str:
    """The dated end's own words (the row's raw text spans from its start date to it)."""
    members = row.get("members")
    try:
        return (json.loads(members) if isinstance(members, str) else members)[-1]["text"]
    except (KeyError, IndexError, TypeError, ValueError):
        return str(row["raw"])


def explain(row: dict) -> tuple[str, str]:
    if row.get("start_low", -1) >= 0:
        ok = row["high"] >= row["start_low"]
        end = _date_text(row)
        arith = f"end {end} ({_d(row['high'])}) {'≥' if ok else '<'} start {row['start_raw']} ({_d(row['start_low'])})"
        if row.get("role") == "next":
            arith = f"{end} ({_d(row['high'])}) {'≥' if ok else '<'} {row['start_raw']} ({_d(row['start_low'])}), told before it"
            if ok:
                return f"{row['start_raw']} → {end} in order", arith
            return f"{end} is told after {row['start_raw']} but comes before it", arith
        if ok:
            return f"{row['start_raw']} → {end} in order", arith
        return f"ends {end} before it starts {row['start_raw']}", arith
    ok = row["report_ord"] >= row["low"]
    basis = row.get("report_basis") or _d(row["report_ord"])
    arith = f"{row['raw']} ({_d(row['low'])}) {'≤' if ok else '>'} report date {basis}"
    if ok:
        return f"{row['raw']} is before the report date", arith
    return f"told as done on {row['raw']}, after the report's own date {basis}", arith
