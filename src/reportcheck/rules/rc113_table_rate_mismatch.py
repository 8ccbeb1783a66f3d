"""A rate or share column of a table differs from its counts.

What it checks
--------------
In a table, a share column (占比, 比重, 比例 …) must equal its row's count over the total row's count, in
the count column before it; a rate column (…率) must equal the count column before it over the one
before that (完成数 / 计划数 → 完成率). The rate is an interval of its written precision (48% is [47.5,
48.5]). A reading of the columns that most rows do not fit is not used, so a table laid out otherwise
gives no finding.

Why it matters
--------------
Shares and rates in tables are often computed before a late correction of the counts and never
updated.

Passing example
---------------
| 乡镇 | 户数 | 占比 |
| --- | --- | --- |
| 城关镇 | 12 | 48% |
| 桃源乡 | 8 | 32% |
| 清河镇 | 5 | 20% |
| 合计 | 25 | 100% |

Failing example
---------------
| 乡镇 | 户数 | 占比 |
| --- | --- | --- |
| 城关镇 | 12 | 48% |
| 桃源乡 | 8 | 32% |
| 清河镇 | 5 | 25% |
| 合计 | 25 | 100% |
"""

from . import computed_rate, meets

ID = "RC113"
SLUG = "table-rate-mismatch"
NAME = "a rate or share in a table differs from its counts"
SEVERITY = "error"
TABLE = "table_rates"


def explain(row: dict) -> tuple[str, str]:
    rate = next(m for m in row["members"] if m["role"] == "rate")
    num = next(m for m in row["members"] if m["role"] == "numerator")
    den = next(m for m in row["members"] if m["role"] == "denominator")
    comp = computed_rate(row, rate)
    ok = meets(row, "stated", "computed")
    where = f"{row['row_header']} / {row['column_header']}"
    arith = f"{where}: {num['text']} / {den['text']} = {comp} {'≈' if ok else '≠'} {rate['text']}"
    if ok:
        return f"table rate {rate['text']} matches its counts", arith
    return f"the table's {row['column_header']} {rate['text']} does not match its counts ({comp})", arith
