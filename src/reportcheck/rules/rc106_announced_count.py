"""The announced count differs from the sequence that follows.

What it checks
--------------
An announcement such as "我讲三点意见", "重点抓好四个方面" or "开展“五个一”活动" must be followed by a
sequence (一是…, 一要…, (一)…) of exactly that many items; a “N个一” slogan by N items worded 一次/一场….
Where the link between the count and the list is a guess (a count that qualifies the manner, 从两个方面;
one that points back, 这两个方面; a list finished in other words; a slogan's items found by wording), a
disagreeing count gives no finding and an agreeing one is listed as verified.

Why it matters
--------------
"提出五点要求" followed by 一要 … 四要 means a point is missing or the count is wrong.

Passing example
---------------
重点抓好三个方面：一是抓学习；二是抓整改；三是抓制度。

Failing example
---------------
重点抓好四个方面：一是抓学习；二是抓整改；三是抓制度。
"""

from . import fmt

ID = "RC106"
SLUG = "announced-count"
NAME = "announced count differs from the sequence that follows"
SEVERITY = "error"
TABLE = "announced"


def explain(row: dict) -> tuple[str, str]:
    ok = row["stated"] == row["items"]
    arith = f"{fmt(row['stated'])} announced {'=' if ok else '≠'} {fmt(row['items'])} items follow"
    if ok:
        return f"announced {fmt(row['stated'])}, {fmt(row['items'])} follow", arith
    return f"{fmt(row['stated'])} announced, but {fmt(row['items'])} follow", arith
