"""Dates: every date of a report with its role (the report's own date, start, end, done, planned).

A date written without a year takes the year of the nearest explicit year before it (or 今年/去年/明年
relative to the report's year). Each row carries an ordinal day number (``datetime.date.toordinal``):
"9月底" is the last day of September, "6月初" the 1st, "上旬/中旬/下旬" the 1st/11th/21st (the earliest
day of an interval for a start, the latest for an end or a done event, so checks stay lenient).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from ..numbers import CN_DIGITS, Number, parse_cn_int
from .text import TextIndex

# Parts of a date token: optional year, month, optional day, optional part of month
RE_DATE_PARTS = re.compile(
    r"(?:(?P<y>\d{4}|[一二三四五六七八九〇○零]{4})年)?(?:(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})月)?"
    r"(?:(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})[日号])?(?P<part>[上中下]旬|底|末|初|中|份)?")
RE_DATE_NUMERIC = re.compile(r"(?P<y>(?:19|20)\d{2})[.\-/](?P<m>\d{1,2})(?:[.\-/](?P<d>\d{1,2}))?")
# A line that is only a date: the report's own date, as in （2014年10月20日） or ——2014年3月5日
RE_OWN_DATE_LINE = re.compile(r"^[\s（(〔\[【—\-]*(?:[^\n]{0,30}?)?(?P<date>(?:\d{4}|[一二三四五六七八九〇○零]{4})年"
                              r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:\d{1,2}|[一二三四五六七八九十]{1,3})日)"
                              r"[^\n]{0,40}$", re.M)
# Roles from the words right after / before a date
RE_START = re.compile(r"^[^，。；]{0,6}?(?:启动|开始|开班|开幕|开工|动员|部署|起|开展|展开)")
RE_END = re.compile(r"^[^，。；]{0,6}?(?:结束|结业|闭幕|收官|截止|完工|竣工|告一段落)")
RE_DONE = re.compile(r"(?:召开了|举行了|举办了|开展了|完成了|组织了|进行了|已|顺利|圆满|胜利|召开|举行|举办|通过了|印发了|出台了)")
RE_PLAN = re.compile(r"(?:计划|将|拟|预计|力争|争取|确保|要|下一步|明年|来年|届时|之前|以前|前完成|前全部|底前|年底前|"
                     r"月底前|前|目标|安排|启动|准备|打算|定于|即可|着手|推进|适时)")
# plan words in the clause a date introduces (nouns such as 目标考核 or 主要 are not plans)
RE_PLAN_EVENT = re.compile(r"计划|将|拟|预计|力争|争取|确保|(?<![重主需必首纪只])要(?![求点素])|下一步|明年|届时|定于|打算|准备")
RE_RANGE_SEP = re.compile(r"^(?:至|到|—|－|-|~|～)")
RE_REL_YEAR = re.compile(r"(今年|去年|上年|前年|明年|本年|当年)$")


def _num(s: str | None) -> int | None:
    if not s:
        return None
    if s.isdigit():
        return int(s)
    if all(c in CN_DIGITS for c in s) and len(s) == 4:
        return int("".join(str(CN_DIGITS[c]) for c in s))
    return parse_cn_int(s)


def parse_date(raw: str) -> tuple[int | None, int | None, int | None, str] | None:
    """(year, month, day, part) of a date token such as 2014年2月18日, 9月底, 2014.10.20."""
    m = RE_DATE_NUMERIC.fullmatch(raw)
    if m:
        return int(m.group("y")), int(m.group("m")), _num(m.group("d")), ""
    m = RE_DATE_PARTS.match(raw)
    if not m or not (m.group("y") or m.group("m")):
        return None
    return _num(m.group("y")), _num(m.group("m")), _num(m.group("d")), m.group("part") or ""


def _bounds(y: int, mo: int | None, d: int | None, part: str) -> tuple[int, int] | None:
    """Earliest and latest ordinal day a date can mean."""
    try:
        if mo is None:
            return dt.date(y, 1, 1).toordinal(), dt.date(y, 12, 31).toordinal()
        last = calendar.monthrange(y, mo)[1]
        if d is not None:
            o = dt.date(y, mo, min(d, last)).toordinal()
            return o, o
        lo, hi = 1, last
        if part in ("底", "末"):
            lo = max(1, last - 9)
        elif part == "初" or part == "上旬":
            hi = 10
        elif part in ("中", "中旬"):
            lo, hi = 11, 20
        elif part == "下旬":
            lo = 21
        return dt.date(y, mo, lo).toordinal(), dt.date(y, mo, hi).toordinal()
    except ValueError:
        return None


def report_date(text: str) -> tuple[int, int, int, int, int] | None:
    """The report's own date: a line that is only a date near the top or the end. (y, m, d, start, end)."""
    lines = text.split("\n")
    head = sum(len(x) + 1 for x in lines[:6])
    tail_start = len(text) - sum(len(x) + 1 for x in lines[-4:])
    for m in RE_OWN_DATE_LINE.finditer(text):
        if m.start() > head and m.start() < tail_start:
            continue
        line = m.group(0)
        if len(line.strip()) > 45:
            continue
        p = parse_date(m.group("date"))
        if p and p[0] and p[1] and p[2]:
            return p[0], p[1], p[2], m.start("date"), m.end("date")
    return None


def extract_dates(text: str, index: TextIndex, numbers: list[Number]) -> list[dict]:
    """One row per date with role and ordinal bounds; end dates carry their start, done dates the report date."""
    own = report_date(text)
    own_ord = dt.date(own[0], own[1], own[2]).toordinal() if own else None
    year = own[0] if own else None
    # the first explicit year in the text sets the default when the report has no date line
    rows: list[dict] = []
    toks = [t for t in numbers if t.kind in ("date", "year")]
    for t in toks:
        if t.kind == "year":
            ym = re.match(r"(\d{4})", t.raw)
            if ym and not RE_PLAN.search(text[max(0, t.start - 4): t.start]):
                year = int(ym.group(1))
            continue
        p = parse_date(t.raw)
        if p is None:
            continue
        y, mo, d, part = p
        explicit_year = y is not None
        if y is None:
            rel = RE_REL_YEAR.search(text[max(0, t.start - 3): t.start])
            base = own[0] if own else year
            if base is None:
                continue
            if rel:
                y = base + {"今年": 0, "本年": 0, "当年": 0, "去年": -1, "上年": -1, "前年": -2, "明年": 1}[rel.group(1)]
            else:
                y = year if year is not None else base
        else:
            year = y
        b = _bounds(y, mo, d, part)
        if b is None:
            continue
        after = text[t.end: t.end + 12]
        before_sent = text[index.sentence_at(t.start).start: t.start]
        sent = index.sentence_at(t.start)
        clause = index.clause_at(t.start)
        clause_text = text[clause.start: clause.end]
        role = "date"
        if own and t.start == own[3]:
            role = "report"
        elif RE_START.match(after) or re.search(r"(?:自|从|于)$", before_sent[-2:]) and RE_START.search(text[t.end: sent.end]):
            role = "start"
        elif RE_END.match(after) or re.match(r"^(?:底|末)?(?:基本)?(?:结束|完成)", after):
            role = "end"
        # a date alone in its clause dates the clause after it: 12月26日，局党组召开了民主生活会
        event = clause_text
        if not re.search(r"[\u4e00-\u9fff]", text[t.end: clause.end]):
            nxt = index.clause_at(min(clause.end + 1, sent.end - 1)) if clause.end + 1 < sent.end else clause
            event = text[nxt.start: nxt.end]
        planned = bool(RE_PLAN.search(clause_text) or RE_PLAN_EVENT.search(event)) \
            or bool(re.search(r"^(?:前|以前|之前)", after))
        done = not planned and bool(RE_DONE.search(clause_text) or RE_DONE.search(event))
        rows.append({"id": len(rows), "raw": t.raw, "role": role, "year": y, "month": mo, "day": d, "part": part,
                     "explicit_year": explicit_year, "low": b[0], "high": b[1], "planned": planned, "done": done,
                     "sentence": sent.index, "start": t.start, "end": t.end,
                     "report_ord": own_ord if own_ord is not None else -1,
                     "start_low": -1, "start_high": -1, "start_raw": "", "start_start": -1, "start_end": -1})
    # pair each end with the nearest start before it in the same or previous sentence, and ranges A至B
    for i, r in enumerate(rows):
        start_row = None
        if i > 0 and RE_RANGE_SEP.match(text[rows[i - 1]["end"]: r["start"]]) and rows[i - 1]["end"] <= r["start"] \
                and r["start"] - rows[i - 1]["end"] <= 2:
            start_row = rows[i - 1]
        elif r["role"] == "end":
            for j in range(i - 1, -1, -1):
                if rows[j]["sentence"] < r["sentence"] - 1:
                    break
                if rows[j]["role"] == "start":
                    start_row = rows[j]
                    break
        if start_row is not None:
            r["start_low"], r["start_high"] = start_row["low"], start_row["high"]
            r["start_raw"], r["start_start"], r["start_end"] = start_row["raw"], start_row["start"], start_row["end"]
    return rows
