"""One quantity is stated twice with two values.

What it checks
--------------
The same figure — the same counted noun, verb and unit, in the same scope (no different period or
subject) — stated again later in the report must agree with the first statement, within the precision
of each (3700 and 3700余 agree). A later figure may also restate a known set (正在整改的13个问题, 已出台的
12项制度, 在…1286人的基础上). Two different values count as one figure misstated only when one looks like a
miscopy of the other: digits transposed (2140 / 2410), one digit changed in three or more (361 / 351), or
within 5%; figures unlike each other under the same words are different populations or periods. The
finding is an error when the same verb acts on the same noun in both places, else it is a warning.

A result in the review part of a report and a target in its plan part (工作回顾 / 工作安排, see
``reportcheck.extract.scope``) are two figures, never one stated twice; nor are a stock (累计) and a
flow (新增). A target restated (国内生产总值增长5%左右 … 提出经济增长预期目标5.5%左右, the indicator read
from a lexicon of the indicators reports set targets for) must keep its value as written: 5%左右 is 5.

Why it matters
--------------
A figure restated with transposed digits (2140户 → 2410户) leaves the reader unable to tell which is right.

Passing example
---------------
全县新出台制度23项。……把新出台的23项制度纳入年度考核。

Failing example
---------------
走访农户2140户。……在走访的2410户农户中，多数反映良好。
"""

from . import meets

ID = "RC103"
SLUG = "repeat-mismatch"
NAME = "one quantity stated with two values"
SEVERITY = "error"
TABLE = "repeats"


def explain(row: dict) -> tuple[str, str]:
    first = next(m for m in row["members"] if m["role"] == "first")
    second = next(m for m in row["members"] if m["role"] == "second")
    ok = meets(row, "first", "second")
    arith = f"{second['text']} {'=' if ok else '≠'} {first['text']}"
    if ok:
        return f"{row['noun']}: stated twice, the same", arith
    return f"{row['noun']} is stated as {first['text']} and later as {second['text']}", arith
