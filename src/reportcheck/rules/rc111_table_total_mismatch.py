"""A table's total row or column does not equal the sum of what it totals.

What it checks
--------------
In a table (HTML, Word, PDF, tab-separated or Markdown), a row labelled 合计, 总计, 小计, 共计, 总数 or
全县/全市/全区/全省 … must equal, column by column, the sum of the rows it totals (the rows above it, or
below it when it comes first; a 小计 the rows since the last 小计). A column headed 合计/总计/小计 must
equal the sum of the count columns beside it. Cells are intervals (12.5 is [12.45, 12.55]), so rounding
is never an error; rate columns, 其中 rows and tables whose shape cannot be read are left out.

Why it matters
--------------
Statistical bulletins and progress notices put their figures in tables, and a total that is off
(12 + 8 + 5 shown as 27) is as wrong as one in a sentence, but harder to spot.

Passing example
---------------
| 乡镇 | 新建服务站 |
| --- | --- |
| 城关镇 | 12 |
| 桃源乡 | 8 |
| 清河镇 | 5 |
| 合计 | 25 |

Failing example
---------------
| 乡镇 | 新建服务站 |
| --- | --- |
| 城关镇 | 12 |
| 桃源乡 | 8 |
| 清河镇 | 5 |
| 合计 | 27 |
"""

from . import fmt, meets, summed

ID = "RC111"
SLUG = "table-total-mismatch"
NAME = "a table's total does not equal the sum of what it totals"
SEVERITY = "error"
TABLE = "table_totals"


def explain(row: dict) -> tuple[str, str]:
    parts = [m for m in row["members"] if m["role"] == "part"]
    total = next(m for m in row["members"] if m["role"] == "total")
    summ = summed(row, total, parts)
    ok = meets(row, "sum", "total")
    where = f"{row['row_header']} / {row['column_header']}" if row["column_header"] else row["row_header"]
    arith = f"{where}: {total['text']} {'=' if ok else '≠'} {' + '.join(m['text'] for m in parts)} = {summ}"
    if ok:
        return f"table total {fmt(row['total'])} = sum of {len(parts)} {row['axis']}s", arith
    return f"the table's {row['axis']}s sum to {summ}, but the total is {total['text']}", arith
