"""The stated count differs from the items listed.

What it checks
--------------
A count such as "五项制度", "“四定”责任制" or "6个部门" must equal the number of items listed with it
(before or after). A list cut short by 等 may have fewer items than the count, never more. Figures given
"respectively" (分别) must be as many as the subjects listed before 分别 (城镇和农村居民收入分别增长5.8%和
7.2%); the subjects are read from words, so a mismatch there is a warning.

Why it matters
--------------
"建立了六项制度" followed by five titles means an item or the count is wrong.

Passing example
---------------
建立了三项制度：学习制度、考勤制度和报告制度。

Failing example
---------------
建立了四项制度：学习制度、考勤制度和报告制度。
"""

from . import fmt

ID = "RC104"
SLUG = "enumeration-count"
NAME = "stated count differs from the items listed"
SEVERITY = "error"
TABLE = "enumerations"


def explain(row: dict) -> tuple[str, str]:
    items = [t for t in (row.get("item_texts") or "").split("|") if t]
    trunc = bool(row.get("truncated"))
    ok = row["stated"] >= row["items_low"] and row["items_high"] >= row["stated"]
    listed = "、".join(items)
    if row.get("side") == "respectively":
        # 分别: as many figures as subjects
        arith = f"{fmt(row['stated'])} subject(s) {'=' if ok else '≠'} {fmt(row['items'])} figure(s) ({listed})"
        if ok:
            return "as many figures as subjects before 分别", arith
        return f"{fmt(row['stated'])} subjects before 分别, but {fmt(row['items'])} figures after it", arith
    rel = ("≥" if trunc else "=") if ok else "≠"
    arith = f"{fmt(row['stated'])} {rel} {fmt(row['items'])} listed ({listed}{'等' if trunc else ''})"
    if ok:
        return f"count {fmt(row['stated'])} matches the list", arith
    return f"the text states {fmt(row['stated'])} but lists {fmt(row['items'])}", arith
