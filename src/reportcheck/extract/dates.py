"""Dates: every date of a report with its role (the report's own date, start, end) and its tense.

A date written without a year takes the year of the nearest explicit year before it (or 今年/去年/明年
relative to the report's year). Each row carries an ordinal day number (``datetime.date.toordinal``):
"9月底" is the last day of September, "6月初" the 1st, "上旬/中旬/下旬" the 1st/11th/21st (the earliest
day of an interval for a start, the latest for an end or a done event, so checks stay lenient). A text
that names no year at all still has its dates ordered within a reference year (so 3月17日开班，3月14日结业
is out of order), but no report date to compare them with.

The report's own date (:func:`report_date`) is read as a careful reader would:

1. a date line at the top or the end of the text: a line that is only a full date (``（2014年10月20日）``,
   a signature date, a date after the issuing office or before ``来源：``), the date of the meeting the
   report was given at (``——2014年3月5日在…会议上``), or the date a document was adopted on
   (``（2022年10月12日…通过）``): one exact day;
2. otherwise the year a 政府工作报告 (or another report to a people's congress: the court's, the
   procuratorate's, the standing committee's 工作报告) names in its title line, Y. Such a report reviews
   the year before (去年), sets this year's tasks (今年) and is delivered at the congress's annual session,
   held in the first quarter since 1985: the report date is taken to lie in Y-01-01 … Y-03-31 (before
   1985, anywhere in Y). The text itself can tell otherwise: results given for a part of Y (今年上半年,
   今年1至7月, 前三季度 …, told as done) show it was given after that part ended (the range then runs from
   the part's end to the end of Y), and a date of Y told as a schedule (将于, 定于, 拟于 …) closes the
   range before that date.

A date told as done bounds the report's date from below; it is flagged when that bound passes the end of
the range (a done date never widens the range itself, or the wrong date would hide itself).

The tense of a date comes from its clause, and from the clause after it when the date only frames it
(``今年5月12日，…发生…``, ``从7月1日起，…增加了…``): planned or scheduled (将, 拟, 定于, 计划, 预计, 要,
力争, 起施行, and a decision before it: ``全会决定，…于…召开``) or done (已, a perfective 了, 完成, 召开,
举行, 发生, 成立 …). A rule in force from a date (``从…起，关税降到…``) is neither unless 已/了 says so.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import itertools
import re

from ..numbers import CN_DIGITS, Number, parse_cn_int
from .text import TextIndex

_CN_MD = "[一二三四五六七八九十]{1,3}"
_CN_Y = "[一二三四五六七八九〇○零]{4}"
# Parts of a date token: optional year, month, optional day, optional part of month
RE_DATE_PARTS = re.compile(
    rf"(?:(?P<y>\d{{4}}|{_CN_Y})年)?(?:(?P<m>\d{{1,2}}|{_CN_MD})月)?"
    rf"(?:(?P<d>\d{{1,2}}|{_CN_MD})[日号])?(?P<part>[上中下]旬|底|末|初|中|份)?")
RE_DATE_NUMERIC = re.compile(r"(?P<y>(?:19|20)\d{2})[.\-/](?P<m>\d{1,2})(?:[.\-/](?P<d>\d{1,2}))?")
# A full date (year, month, day) as a report's date line writes it
RE_FULL_DATE = re.compile(rf"(?:\d{{4}}|{_CN_Y})年(?:\d{{1,2}}|{_CN_MD})月(?:\d{{1,2}}|{_CN_MD})日"
                          r"|(?<!\d)(?:19|20)\d{2}([.\-/])(?:0?[1-9]|1[0-2])\1(?:0?[1-9]|[12]\d|3[01])(?!\d)")
# What may follow the date on a date line: nothing (or a closing bracket, or 来源：…), the meeting the report
# was given at (在…会议上, 在…大会上, possibly after the speaker's name), or the adoption (…通过）)
RE_DATE_LINE_AFTER = re.compile(r"^(?:[）)】〕\]]*(?:[【\[（(]?来源[:：].*)?"
                                r"|[^\n。，；]{0,24}?在[^\n。；]{1,60}?(?:会议|大会)(?:上|的讲话).*"
                                r"|[^\n。；]{0,60}通过[）)].*)$")
DATE_LINE_HEAD, DATE_LINE_TAIL = 6, 4  # lines at the top / end of a text where a date line may stand
# The title line of a report to the annual session of a people's congress (a 政府工作报告, or the court's,
# the procuratorate's or the standing committee's 工作报告) naming its year
RE_GWR_TITLE = re.compile(r"(?:政府|人民法院|人民检察院|常务委员会|人大常委会)工作报告")
RE_TITLE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})年(?!\d)")
# A 政府工作报告 of year Y is delivered to the people's congress in the first quarter of Y: the rule since
# 1985 (written into the NPC's Rules of Procedure of 1989: 每年第一季度举行); earlier sessions met
# at any time of the year (1980: August; 1983: June), so for an earlier Y only the year is known.
GWR_DELIVERED_BY = (3, 31)
GWR_FIRST_QUARTER_SINCE = 1985
# Results for a part of the report's year: the report was given after the part ended
RE_PART_OF_YEAR = re.compile(
    r"(?P<rel>今年|本年|(?P<y>(?:19|20)\d{2})年)(?:的)?"
    r"(?P<p>上半年|前三季度|前三个季度|第?一季度|第?二季度|第?三季度"
    r"|前(?P<n>\d{1,2}|[一二三四五六七八九十]{1,2})个?月(?!份)"
    r"|(?:1|一)(?:—|－|-|~|～|至|到)(?P<k>\d{1,2}|[一二三四五六七八九十]{1,2})月(?!份))")
_PART_END_MONTH = {"上半年": 6, "前三季度": 9, "前三个季度": 9, "一季度": 3, "第一季度": 3, "二季度": 6,
                   "第二季度": 6, "三季度": 9, "第三季度": 9}
RE_TARGET = re.compile(r"预期|目标|左右")  # a target for a part of the year, not its result
RE_RESULT = re.compile(r"增长|下降|增加|减少|同比|同期|完成|实现|达到|累计|已|(?<![为除])了(?![解结如然])")
# Roles from the words right after / before a date
RE_START = re.compile(r"^[^，。；]{0,6}?(?:启动|开始|开班|开幕|开工|动员|部署|起|开展|展开)")
RE_END = re.compile(r"^[^，。；]{0,6}?(?:结束|结业|闭幕|收官|截止|完工|竣工|告一段落|建成|投入运行|投入使用|投运|投产|通车|交付)")
# Done: an event told as having happened
RE_DONE = re.compile(r"(?:召开了|举行了|举办了|开展了|完成了|组织了|进行了|已|顺利|圆满|胜利|召开|举行|举办|通过了|印发了|出台了"
                     r"|发生|成立(?![一二三四五六七八九十百\d]+周年)|建成|落成|开通|投产|竣工|颁布|签署|签订|印发|出台"
                     r"|(?<=[\u4e00-\u9fff])(?<![为除罢])了(?![解结如然却不得]))")
RE_PLAN = re.compile(r"(?:计划|将|拟|预计|力争|争取|确保|要|下一步|明年|来年|届时|之前|以前|前完成|前全部|底前|年底前|"
                     r"月底前|前|目标|安排|启动|准备|打算|定于|即可|着手|推进|适时)")
# plan words in the clause a date introduces (nouns such as 目标考核 or 主要 are not plans); a rule that
# takes effect from a date (起施行) is a schedule, not an event told as done
RE_PLAN_EVENT = re.compile(r"计划|将|拟|预计|力争|争取|确保|(?<![重主需必首纪只])要(?![求点素])|下一步|明年|届时|定于|打算|准备"
                           r"|起(?:正式)?(?:施行|实施|执行|生效)")
# a decision or announcement governing the clauses after it: 全会决定，…于…召开
RE_DECIDED = re.compile(r"(?<!的)(?:决定|定于|宣布)[，：:]$")
# a schedule: a date of the report's year told this way closes the range of the report's date before it
RE_SCHEDULE = re.compile(r"将于|将在|将对|将要|即将|定于|拟于|计划于|预计于|预定于|届时|将正式|将举行|将召开|将实施|将施行")
# a date that only frames the clause after it: 从7月1日起，…; 今年5月12日，…
RE_FRAME_BEFORE = re.compile(r"(?:从|自|于|在|截至|截止到?|到)?(?:今年|去年|上年|本年|当年|明年)?")
RE_FRAME_AFTER = re.compile(r"^(?:起|以来|开始|至今|以后|之后|后|上午|下午|晚上|晚|凌晨|中午)?$")
_RANGE = r"至|到|—|－|-|~|～"  # what joins the two ends of a span of dates
RE_RANGE_SEP = re.compile(rf"^(?:{_RANGE})")
RE_REL_YEAR = re.compile(r"(今年|去年|上年|前年|明年|本年|当年)$")
_REL_OFFSET = {"今年": 0, "本年": 0, "当年": 0, "去年": -1, "上年": -1, "前年": -2, "明年": 1}
REFERENCE_YEAR = 2000  # orders the dates of a text that names no year (a leap year: 2月29日 exists)
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclasses.dataclass(frozen=True)
class ReportDate:
    """The report's own date: one day (low == high) or the range a reader infers, with how it was read."""

    year: int
    low: int  # ordinal day
    high: int
    why: str  # how it was read: "date line", "a 政府工作报告 of 2009, delivered in its first quarter" …
    kind: str = ""  # the title's kind of report, when the date is read from its title year
    start: int = -1  # the date line's date in the text (exact dates only)
    end: int = -1

    @property
    def basis(self) -> str:
        """The date or range with how it was read, for messages: 2009-01-01…2009-03-31 (a 政府工作报告 …)."""
        span = _iso(self.low) if self.low == self.high else f"{_iso(self.low)}…{_iso(self.high)}"
        return f"{span} ({self.why})"


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


def _iso(o: int) -> str:
    return dt.date.fromordinal(o).isoformat()


def _date_line(text: str) -> ReportDate | None:
    """An exact report date from a date line near the top (the first) or the end (the last) of the text."""
    lines, pos = [], 0
    for line in text.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    head = [x for x in lines if x[1].strip()][:DATE_LINE_HEAD]
    tail = [x for x in lines if x[1].strip()][-DATE_LINE_TAIL:]
    for group in (head, tail[::-1]):
        for off, line in group:
            if len(line) > 120:
                continue
            for m in RE_FULL_DATE.finditer(line):
                before = line[: m.start()]
                if len(before) > 30 or re.search(r"[，。；,;]", before) \
                        or not RE_DATE_LINE_AFTER.match(line[m.end():]):
                    continue
                p = parse_date(m.group(0))
                b = _bounds(p[0], p[1], p[2], "") if p and p[0] and p[1] and p[2] else None
                if b:
                    return ReportDate(p[0], b[0], b[1], "date line", start=off + m.start(), end=off + m.end())
    return None


def _title_year(text: str) -> ReportDate | None:
    """The range of a 政府工作报告 dated only by the year its title line names (see the module doc)."""
    first = next((x for x in text.split("\n") if x.strip()), "")
    years = {int(y) for y in RE_TITLE_YEAR.findall(first)}
    kind = RE_GWR_TITLE.search(first)
    if len(years) != 1 or not kind:
        return None
    y, kind = years.pop(), kind.group(0)
    lo = dt.date(y, 1, 1).toordinal()
    if y < GWR_FIRST_QUARTER_SINCE:
        return ReportDate(y, lo, dt.date(y, 12, 31).toordinal(), f"a {kind} of {y}", kind=kind)
    hi = dt.date(y, *GWR_DELIVERED_BY).toordinal()
    return ReportDate(y, lo, hi, f"a {kind} of {y}, delivered in its first quarter", kind=kind)


def _part_of_year_ends(text: str, index: TextIndex, year: int) -> list[tuple[int, str]]:
    """Ends of the parts of ``year`` the text gives results for (今年上半年…增长), with the words."""
    out = []
    for m in RE_PART_OF_YEAR.finditer(text):
        if m.group("y") and int(m.group("y")) != year:
            continue
        clause, sent = index.clause_at(m.start()), index.sentence_at(m.start())
        words = text[m.end(): clause.end]
        if not _CJK.search(words) and clause.end < sent.end:  # 今年上半年，全县…增长8%
            nxt = index.clause_at(clause.end)
            words = text[nxt.start: nxt.end]
        if not RE_RESULT.search(words) or RE_PLAN_EVENT.search(text[clause.start: clause.end] + words) \
                or RE_TARGET.search(words):
            continue
        p = m.group("p")
        month = _PART_END_MONTH.get(p) or _num(m.group("n") or m.group("k"))
        if month and 1 <= month <= 12:
            out.append((dt.date(year, month, calendar.monthrange(year, month)[1]).toordinal(), m.group(0)))
    return out


def report_date(text: str, index: TextIndex | None = None) -> ReportDate | None:
    """The report's own date as a reader infers it before reading its dated events (see the module doc)."""
    own = _date_line(text)
    if own is not None:
        return own
    base = _title_year(text)
    if base is None:
        return None
    ends = _part_of_year_ends(text, index or TextIndex(text), base.year)
    if ends:
        last, words = max(ends)
        if last > base.high:
            hi = dt.date(base.year, 12, 31).toordinal()
            return ReportDate(base.year, last, hi, f"a {base.kind} of {base.year} giving results for {words}",
                              kind=base.kind)
    return base


def _tense(text: str, index: TextIndex, t: Number) -> tuple[bool, bool, bool]:
    """(planned, done, scheduled) for the event a date dates (see the module doc)."""
    sent = index.sentence_at(t.start)
    clause = index.clause_at(t.start)
    clause_text = text[clause.start: clause.end]
    before, after = text[clause.start: t.start], text[t.end: clause.end].rstrip("，；：,;")
    # a date that ends its clause with no tense of its own dates the clause after it: 12月26日，局党组召开了…;
    # 特别是进入12月下旬，又发生了…
    event = clause_text
    frames = RE_FRAME_BEFORE.fullmatch(before) or not (RE_DONE.search(before) or RE_PLAN.search(before))
    if (not _CJK.search(after) or RE_FRAME_AFTER.match(after)) and frames and clause.end + 1 < sent.end:
        nxt = index.clause_at(clause.end)
        event = text[nxt.start: nxt.end]
    decided = bool(RE_DECIDED.search(text[sent.start: clause.start]))
    planned = decided or bool(RE_PLAN.search(clause_text) or RE_PLAN_EVENT.search(event)) \
        or bool(re.match(r"^(?:前|以前|之前)", text[t.end: t.end + 3]))
    done = not planned and bool(RE_DONE.search(clause_text) or RE_DONE.search(event))
    scheduled = planned and (decided or bool(RE_SCHEDULE.search(before) or RE_SCHEDULE.search(event)))
    return planned, done, scheduled


def extract_dates(text: str, index: TextIndex, numbers: list[Number]) -> list[dict]:
    """One row per date with role, tense and ordinal bounds; end dates carry their start, every date the
    end of the report's date range (``report_ord``, -1 when the report has none) and how it was read."""
    own = report_date(text, index)
    report_year = own.year if own else None
    year = report_year  # the year a date without one takes: the last explicit year, else the report's
    rows: list[dict] = []
    for t in numbers:
        if t.kind == "year":
            ym = re.match(r"(\d{4})", t.raw)
            if ym and not RE_PLAN.search(text[max(0, t.start - 4): t.start]):
                year = int(ym.group(1))
            continue
        if t.kind != "date":
            continue
        p = parse_date(t.raw)
        if p is None:
            continue
        y, mo, d, part = p
        how = "explicit"
        if y is not None:
            year = y
        else:
            rel = RE_REL_YEAR.search(text[max(0, t.start - 3): t.start])
            if rel and (report_year or year) is not None:
                # 去年10月、11月: the dates after a relative one are in its year
                y, how = (report_year or year) + _REL_OFFSET[rel.group(1)], "relative"
                year = y
            elif year is not None:
                y, how = year, "inherited"
            else:
                y, how = REFERENCE_YEAR, "none"
        b = _bounds(y, mo, d, part)
        if b is None:
            continue
        role = "date"
        after = text[t.end: t.end + 12]
        sent = index.sentence_at(t.start)
        before_sent = text[sent.start: t.start]
        if own and own.start >= 0 and t.start == own.start:
            role = "report"
        elif RE_START.match(after) or re.search(r"(?:自|从|于)$", before_sent[-2:]) and RE_START.search(text[t.end: sent.end]):
            role = "start"
        elif RE_END.match(after) or re.match(r"^(?:底|末)?(?:基本)?(?:结束|完成)", after):
            role = "end"
        planned, done, scheduled = _tense(text, index, t)
        # a date checked against the report's date is read surely when its year is written, relative to
        # the report's (今年), or taken from the report's own year; one taken from another year is a guess
        sure = how in ("explicit", "relative") or (how == "inherited" and y == report_year)
        rows.append({"id": len(rows), "raw": t.raw, "role": role, "year": y if how != "none" else None,
                     "month": mo, "day": d, "part": part, "how": how, "low": b[0], "high": b[1],
                     "planned": planned, "done": done, "scheduled": scheduled, "certain": sure,
                     "sentence": sent.index, "start": t.start, "end": t.end,
                     "report_ord": -1, "report_basis": "",
                     "start_low": -1, "start_high": -1, "start_raw": "", "start_start": -1, "start_end": -1})
    _pair_starts(text, rows, own.high if own else None)
    _narrative_order(text, rows)
    for r in rows:
        # an end and its start are read in one context: their order does not depend on the year
        r["certain"] = r["certain"] or r["start_low"] >= 0
    if own is not None:
        if own.low < own.high:
            # a schedule in the report's year closes an inferred range before it
            sched = [r for r in rows if r["scheduled"] and r["how"] in ("explicit", "relative")
                     and r["year"] == own.year and own.low <= r["low"] < own.high]
            if sched:
                first = min(sched, key=lambda r: r["low"])
                own = dataclasses.replace(own, high=first["low"],
                                          why=f"{own.why}; {first['raw']} is told as to come")
        for r in rows:
            if r["how"] != "none":
                r["report_ord"], r["report_basis"] = own.high, own.basis
    return rows


# a date that opens or closes a span of time: 7月1日20时至…, …至7月3日
RE_SPAN_AFTER = re.compile(rf"[^，。；]{{0,6}}?(?:{_RANGE})")
RE_SPAN_BEFORE = re.compile(rf"(?:{_RANGE})[^，。；至到]{{0,6}}$")


def _narrative_order(text: str, rows: list[dict]) -> None:
    """A sentence that tells three or more done events by their days, in order but for one that comes
    earlier than the event told before it (3月12日移送，4月26日退回，6月3日重新移送，5月20日提起公诉，9月18日
    宣判): that one is paired with the event before it (role ``next``), which it cannot precede. A sentence
    whose dates go back more than once tells them in another order, and is left alone."""
    by_sentence: dict[int, list[dict]] = {}
    for i, r in enumerate(rows):
        # (either end of a span, 7月1日20时至7月3日20时, is no event of its own)
        spans = RE_SPAN_AFTER.match(text, r["end"]) or (i and RE_SPAN_BEFORE.search(text, rows[i - 1]["end"], r["start"]))
        if r["role"] in ("date", "start", "end") and r["start_low"] < 0 and r["day"] is not None and not r["planned"] \
                and not r["scheduled"] and r["how"] in ("explicit", "inherited", "relative") and not spans:
            by_sentence.setdefault(r["sentence"], []).append(r)
    for told in by_sentence.values():
        if len(told) < 3:
            continue
        back = [k for k in range(1, len(told)) if told[k]["high"] < told[k - 1]["low"]]
        if len(back) != 1:
            continue
        k = back[0]
        rest = told[:k] + told[k + 1:]
        if any(b["high"] < a["low"] for a, b in itertools.pairwise(rest)):
            continue
        r, before = told[k], told[k - 1]
        r["role"] = "next"
        r["start_low"], r["start_high"] = before["low"], before["high"]
        r["start_raw"], r["start_start"], r["start_end"] = before["raw"], before["start"], before["end"]


def _pair_starts(text: str, rows: list[dict], latest: int | None) -> None:
    """Pair each end with the nearest start before it in the same or previous sentence, and ranges A至B.

    An end written without its year after a start in a later month of the same year is in the next year
    (11月启动…2月结束), unless that is after ``latest``, the latest day the report can be dated (a
    report of December cannot tell of an end in the next March)."""
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
        if start_row is None or (start_row["how"] == "none") != (r["how"] == "none"):
            continue
        if r["how"] != "explicit" and r["month"] and start_row["month"] and r["month"] < start_row["month"] \
                and r["year"] in (start_row["year"], None):
            nxt = _bounds((r["year"] or REFERENCE_YEAR) + 1, r["month"], r["day"], r["part"])
            if nxt and (latest is None or r["how"] == "none" or nxt[1] <= latest):
                r["low"], r["high"] = nxt
                r["year"] = r["year"] + 1 if r["year"] is not None else None
        r["start_low"], r["start_high"] = start_row["low"], start_row["high"]
        r["start_raw"], r["start_start"], r["start_end"] = start_row["raw"], start_row["start"], start_row["end"]
