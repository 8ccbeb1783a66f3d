"""Relations between quantities: breakdowns (a total and its parts), 其中 parts against their whole,
rates and shares with their counts, changes with before/after values, and repeated figures.

Every relation is a plain row dict with the intervals the validation stage compares and a ``members``
list (role, span, value) so a verdict can point at each number. ``certain`` is False where the
relation is a guess (a finding on it is a warning, never an error).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import os
import re
import unicodedata

from ..numbers import TIME_UNITS
from .lexicon import (
    CATEGORY_UNITS,
    LOOSE_UNITS,
    MEASURE_UNITS,
    RATE_VERB_SYNONYMS,
    RE_ANNUAL,
    RE_ANNUAL_WORD,
    RE_AVERAGE,
    RE_BASE_VERB,
    RE_BOTH_INCOMES,
    RE_BOUNDED_SHARE,
    RE_CHANGE_PREFIX_OK,
    RE_COMPARE,
    RE_COMPARED,
    RE_COMPLETION,
    RE_DONE_PART,
    RE_DOWN,
    RE_EXAMINED,
    RE_EXCEEDABLE_BASE,
    RE_FIGURE_PAIR,
    RE_FLOW,
    RE_FROM,
    RE_GROWTH_WORD,
    RE_HAS_PART,
    RE_IN_WHOLE,
    RE_INCOME_RATIO,
    RE_INDICATOR_LEAD,
    RE_INVESTMENT_DONE,
    RE_MEAN,
    RE_NAMED_BASE,
    RE_NEW_ACTION,
    RE_NOT_DONE,
    RE_OF_BASE,
    RE_OF_FORM,
    RE_ON_BASIS,
    RE_OUTSIDE_BASE,
    RE_PART_CUE,
    RE_PART_LEAD,
    RE_PART_NEAR,
    RE_PERIOD,
    RE_PLAN_SENT,
    RE_PRIOR_PERIOD,
    RE_PRIOR_STATED,
    RE_RATE_WORD,
    RE_REAL_GROWTH,
    RE_RESPECTIVE_SHARES,
    RE_RESTATED,
    RE_RURAL_INCOME,
    RE_SCOPE_WORD,
    RE_SECTOR_CHANGE,
    RE_SELECTED,
    RE_SHARE,
    RE_SHARE_CLAUSE,
    RE_SHARE_OF,
    RE_SHARE_SET_LEAD,
    RE_SHARE_WORD,
    RE_STATED_BY,
    RE_STATUS,
    RE_STATUS_STEM,
    RE_STATUS_WORD,
    RE_STOCK,
    RE_STRUCTURE,
    RE_STRUCTURE_NEXT,
    RE_SUBUNIT,
    RE_TARGET_LINK,
    RE_TARGET_SUBJECT,
    RE_TARGET_WORD,
    RE_TO,
    RE_TOPIC,
    RE_TOTAL_INVESTMENT,
    RE_UNBOUNDED_SHARE,
    RE_UP,
    RE_URBAN_INCOME,
    RE_WHOLE_SCOPE,
    RE_YEAR,
    RE_YEAR_SPAN,
    STATUS_GROUPS,
)
from .mentions import Mention, noun_overlap, unit_key
from .scope import NOTES, indicator, last_indicator
from .text import TextIndex


def _member(role: str, m: Mention) -> dict:
    n = m.num
    return {"role": role, "start": n.start, "end": n.end, "value": n.value, "low": n.low, "high": n.high,
            "text": n.raw}


def _span(members: list[dict]) -> tuple[int, int]:
    return min(x["start"] for x in members), max(x["end"] for x in members)


def _sum(ms: list[Mention]) -> tuple[float, float]:
    return sum(m.num.low for m in ms), sum(m.num.high for m in ms)


def _gap(slo: float, shi: float, clo: float, chi: float) -> float:
    """The relative gap between a stated and a computed interval (0 when they overlap, else the distance
    between their nearest ends over the larger middle): evidence for the suite, never a verdict here."""
    if not all(math.isfinite(v) for v in (slo, shi, clo, chi)):
        return math.nan
    if slo <= chi and clo <= shi:
        return 0.0
    d = clo - shi if clo > shi else slo - chi
    return d / max(abs(slo + shi) / 2, abs(clo + chi) / 2, 1e-9)


def _where(m: Mention, others: list[Mention]) -> str:
    """Where the figures linked to ``m`` stand: its sentence, its paragraph or elsewhere in the report."""
    if all(x.sentence == m.sentence for x in others):
        return "sentence"
    if all(x.paragraph == m.paragraph for x in others):
        return "paragraph"
    return "report"


def _loosely_compatible(a: Mention, b: Mention) -> bool:
    return _compatible(a, b) or (a.unit in LOOSE_UNITS and b.unit in LOOSE_UNITS
                                 and a.num.kind == b.num.kind == "quantity")


def _compatible(a: Mention, b: Mention) -> bool:
    return a.num.kind == b.num.kind == "quantity" and unit_key(a.unit) == unit_key(b.unit) and a.unit != ""


class Relations:
    """Builds all relation tables of one report from its mentions."""

    def __init__(self, text: str, index: TextIndex, mentions: list[Mention], markers: list[dict] | None = None):
        self.text = text
        self.index = index
        # the ordinal markers of the report's lists, by place: (start, sequence, position in it)
        self.markers = sorted((r["start"], r["seq_id"], r["position"]) for r in markers or ())
        self._marker_starts = [mk[0] for mk in self.markers]
        # a glossary's numbers define terms (8.“两重”：…); they take part in no relation
        self.mentions = mentions = [m for m in mentions if m.zone != NOTES]
        self.by_sentence: dict[int, list[Mention]] = {}
        for m in mentions:
            self.by_sentence.setdefault(m.sentence, []).append(m)
        self.breakdowns: list[dict] = []
        self.part_whole: list[dict] = []
        self.rates: list[dict] = []
        self.changes: list[dict] = []
        self.repeats: list[dict] = []
        self.part_of: dict[int, int] = {}  # mention id -> breakdown row index
        self.whole_of: dict[int, Mention] = {}  # part mention id -> whole mention
        self.far_links: set[int] = set()  # numerators whose denominator was found far back (a guess)
        self.guessed_bases: set[int] = set()  # shares whose base is the count before a run of shares
        self.share_base: dict[int, Mention] = {}  # numerator mention id -> the whole it was a share of
        self.guessed_wholes: set[int] = set()  # wholes 其中 opening a sentence was linked to among several
        self.above_whole: set[int] = set()  # shares stated above a whole they cannot pass (a row each)

    def build(self) -> Relations:
        for sid in sorted(self.by_sentence):
            self._changes(sid)
            self._from_to(sid)
        self._targets_from_base()
        self._structure_ratios()
        self._investment_done()
        for sid in sorted(self.by_sentence):
            self._qizhong(sid)
            self._status_runs(sid)
            self._parts_before_total(sid)
            self._has_parts(sid)
        for sid in sorted(self.by_sentence):
            self._rates(sid)
        self._bounded_shares()
        for sid in sorted(self.by_sentence):
            self._share_sets(sid)
            self._respective_shares(sid)
        self._annual_growth()
        self._income_ratio()
        self._repeats()
        self._target_repeats()
        self._subunits()
        return self

    def _subunits(self) -> None:
        """A named sub-unit's figure against the whole's stated near it with the same verb and noun:
        镇党委收集意见建议418条 … 石桥村一个村就收集意见建议56条 (never sure: the whole may count
        another population). Averages (人均, 平均) are no wholes."""
        def plain(x: Mention) -> bool:
            return x.is_count and bool(x.verb) and not RE_AVERAGE.search(x.pre) and not re.search(
                r"均|亩产|单产", x.noun)

        for m in self.mentions:
            if not plain(m) or m.id in self.whole_of or not RE_SUBUNIT.search(m.pre) or RE_WHOLE_SCOPE.match(m.pre):
                continue
            for w in reversed([x for x in self.mentions if x.id < m.id and m.sentence - x.sentence <= 3]):
                if w.clause == m.clause or not plain(w) or RE_SUBUNIT.search(w.pre) \
                        or unit_key(w.unit) != unit_key(m.unit) or not self._same_scope(w, m):
                    continue
                verbs = w.verb == m.verb or m.verb in w.noun or w.verb in m.noun
                nouns = noun_overlap(w.noun, m.noun) >= 2 if w.noun and m.noun else True
                if verbs and nouns:
                    self._add_part_whole(w, m, "subunit", False)
                    break

    # ----------------------------------------------------------------------------------- breakdowns
    def _add_breakdown(self, total: Mention, parts: list[Mention], form: str, certain: bool) -> None:
        slo, shi = _sum(parts)
        tlo, thi = total.num.low, total.num.high
        approx = total.num.approx or any(p.num.approx for p in parts)
        mid_t = (tlo + (thi if math.isfinite(thi) else tlo)) / 2 or 1.0
        mid_s = (slo + (shi if math.isfinite(shi) else slo)) / 2
        # the parts' shortfall (< 0) or excess over the total, relative: evidence for the suite, which reads
        # a 其中 list far short of its total as a partial list and parts far above it as a wrong link
        gap = (mid_s - mid_t) / mid_t
        # 累计建成100个，其中今年新建20个…: this year's additions are parts of the stock, not all of it
        exhaustive = not (_stock_or_flow(total) and any(_stock_or_flow(p) not in ("", _stock_or_flow(total))
                                                        for p in parts))
        members = [_member("total", total)] + [_member("part", p) for p in parts]
        s, e = _span(members)
        # a whole restated ("93条整改措施中…") points back at where it was first stated
        first = next((m for m in self.mentions if m.num.end <= total.num.start and m.num.value == total.num.value
                      and m.unit == total.unit and m.sentence != total.sentence
                      and noun_overlap(m.noun, total.noun) >= 2), None)
        if first is not None:
            members.append(_member("total first stated", first))
        row = {"id": len(self.breakdowns), "form": form, "unit": total.unit, "noun": total.noun,
               "total": total.num.value, "total_low": tlo, "total_high": thi,
               "parts_sum": sum(p.num.value for p in parts), "sum_low": slo, "sum_high": shi,
               "n_parts": len(parts), "approx": approx, "exhaustive": exhaustive, "gap": gap,
               "certain": certain, "start": s, "end": e, "members": members}
        for p in parts:
            self.part_of[p.id] = row["id"]
            self.whole_of[p.id] = total
        self.breakdowns.append(row)

    def _add_part_whole(self, whole: Mention, part: Mention, form: str, certain: bool) -> None:
        members = [_member("whole", whole), _member("part", part)]
        s, e = _span(members)
        self.whole_of.setdefault(part.id, whole)
        self.part_whole.append({"id": len(self.part_whole), "form": form, "unit": whole.unit,
                                "whole": whole.num.value, "whole_low": whole.num.low, "whole_high": whole.num.high,
                                "part": part.num.value, "part_low": part.num.low, "part_high": part.num.high,
                                "certain": certain, "start": s, "end": e, "members": members})

    def _qizhong(self, sid: int) -> None:
        """Parts after 其中, or after a lead that sorts a figure into its parts (按类别分，… / 分来源看，… /
        来源构成为：… / 分布在三个街道：…), against the figure before: the last count of the part's unit
        before the lead in its sentence, or in the sentence before when the lead opens the sentence. Parts
        of several units (其中道路交通事故16起、死亡15人) are matched each with the whole of its unit; a
        figure of the period before (上年同期为28起) is no whole of this year's parts."""
        ms = self.by_sentence[sid]
        sent_start = ms[0].sent_start
        sent_end = ms[0].sent_end
        for q in RE_PART_LEAD.finditer(self.text, sent_start, sent_end):
            form = "其中" if q.group(0).startswith("其中") else "sorted"
            before = [m for m in ms if m.num.end <= q.start() and m.is_count]
            after = [m for m in ms if m.num.start >= q.end() and m.num.kind == "quantity"]
            opens = not before and not self.text[sent_start: q.start()].strip()
            if opens:
                # 今年拟安排赤字2.18万亿元，…。其中，中央…1.4万亿元: a lead opening a sentence breaks down the
                # sentence before, or the one before that when the sentence before is itself a list of parts
                # (…共28个。按行业统计，工业项目16个…。从投资规模看，…); its principal figure, the first of a
                # unit, is the whole (a figure compared with another, 比预算数…少支…, is a difference)
                for back in (sid - 1, sid - 2):
                    prev = self.by_sentence.get(back)
                    # (其中 opening a line still breaks down the sentence just before it: a layout may
                    # break the line there)
                    if not prev or (back < sid - 1 or self.text[self.index.sentences[back].end:
                                                                 self.index.sentences[sid].start].count("\n") > 1) \
                            and self.index.paragraph(back) != self.index.paragraph(sid):
                        break
                    if RE_PART_LEAD.match(self.text, self.index.sentences[back].start,
                                          self.index.sentences[back].end):
                        continue
                    # the whole of a unit there: a stated total (共达…), else for 其中 the nearest figure,
                    # for a sorting lead the first (the principal figure of the sentence)
                    # (nor is the base of a share, 完成年度目标80亿元的108%, the whole of the parts)
                    cands = [m for m in prev if m.is_count and not RE_COMPARED.search(m.pre)
                             and not self._base_of_following_share(m)]
                    chosen: dict[str, Mention] = {}
                    for m in cands if form == "其中" else reversed(cands):
                        if "total" not in chosen.get(unit_key(m.unit), m).roles or "total" in m.roles:
                            chosen[unit_key(m.unit)] = m
                    before = sorted(chosen.values(), key=lambda m: m.num.start)
                    # 受理案件21436件，审结20518件…。其中，新收…: with several figures of the unit and none
                    # stated as the total, which one 其中 breaks down is a guess
                    self.guessed_wholes.update(
                        w.id for w in before if "total" not in w.roles
                        and sum(_compatible(x, w) and "part" not in x.roles for x in cands) > 1)
                    break
            if not before or not after:
                continue
            # the parts: quantities after the lead up to the end of the segment (；) or the next lead
            seg = self.index.segment_at(q.start())
            nxt = RE_PART_LEAD.search(self.text, q.end(), sent_end)
            stop = min(seg.end, nxt.start() if nxt else sent_end)
            if form == "sorted" and self.text[q.end() - 1] in "：:":
                stop = sent_end  # a colon list runs to the end of the sentence
            if q.start() > 0 and self.text[q.start() - 1] in "（(":
                close = self.text.find("）", q.end(), sent_end)
                stop = min(stop, close if close >= 0 else stop)
            units: list[str] = []
            for m in after:
                if m.num.start < stop and m.is_count and unit_key(m.unit) not in units:
                    units.append(unit_key(m.unit))
            for k, unit in enumerate(units):
                first = next(m for m in after if m.is_count and unit_key(m.unit) == unit)
                self._parts_after_lead(q, form, before, after, first, stop, seg, opens, k == 0)

    def _base_of_following_share(self, m: Mention) -> bool:
        """Whether figure ``m`` is the base a share right after it is taken of (目标80亿元的108%)."""
        nxt = next((x for x in self.by_sentence.get(m.sentence, ()) if x.num.start >= m.num.end), None)
        return nxt is not None and nxt.num.kind == "percent" and nxt.clause == m.clause \
            and self.text[m.num.end: nxt.num.start].strip() in ("的", "的比重为", "的比例为")

    def _parts_after_lead(self, q, form: str, before: list[Mention], after: list[Mention], first: Mention,
                          stop: int, seg, opens: bool, leading: bool) -> None:
        """The parts of one unit after a 其中-like lead, and the whole they belong to."""
        # the whole: the last count before the lead with the unit of the first part, in the same segment or
        # the clause right before; a figure of the period before is passed over
        whole = None
        cands = [m for m in before if _compatible(m, first)]
        current = [m for m in cands if not RE_PRIOR_PERIOD.search(m.pre)]
        for m in reversed(current or cands):
            # a plan's figure is the whole of the plan's parts (今年安排项目108个，其中…), not of results
            if "plan" not in m.roles or m.sentence == first.sentence or opens:
                whole = m if not _per_unit(m) else None
                break
        if whole is None:
            return
        if self.index.segment_at(whole.num.start).index != seg.index and whole.clause < first.clause - 2 \
                and not opens and form == "其中":
            return
        if form == "sorted" and whole.sentence < first.sentence - 1:
            return
        if not leading and whole.clause < first.clause - 3 and not opens:
            return  # a second unit's whole is stated with the first's (共发生事故23起、死亡14人)
        parts = []
        for m in after:
            if m.num.start >= stop:
                break
            if not m.is_count or not _compatible(m, whole):
                continue
            # 上述五项…合计18.16亿元: the parts' own sum ends them
            if parts and "total" in m.roles:
                break
            # a clause that starts a new action is not a part (…奢靡之风问题8条，制定整改措施96条)
            # (the parts' own verb again is no new action: 高速公路完成投资…，农村公路完成投资…)
            if parts and m.clause != parts[-1].clause and (act := RE_NEW_ACTION.search(m.pre)) \
                    and act.group(0) not in parts[0].pre:
                break
            # the rest after the categories is the last part (…农村20所，其余8所为民办)
            if parts and re.match(r"^(?:其余|剩余|余下|另有|此外还有)", m.pre) \
                    and not re.match(r"^(?:已|正在|尚未|其余)", parts[0].pre):
                parts.append(m)
                break
            # a status clause after the categories starts another relation (…，已办结149件)
            # (and so does 有 opening a clause: 其中…库点412个，有318个已开秤 counts some of the part before)
            if parts and re.match(r"^(?:已|正在|尚未|累计|共|有)", m.pre) \
                    and not re.match(r"^(?:已|正在|尚未|其余)", parts[0].pre):
                break
            parts.append(m)
        if not parts or any(_per_unit(p) for p in parts):
            return  # averages are no parts of a whole
        certain = all(("plan" in p.roles) <= ("plan" in whole.roles) for p in parts) \
            and whole.id not in self.guessed_wholes
        for p in parts:
            # 从新开工情况看，…: a sorting lead may look at another side of the figure (never sure of one part)
            self._add_part_whole(whole, p, form, certain and form == "其中")
        if len(parts) >= 2:
            self._add_breakdown(whole, parts, form, certain)

    def _has_parts(self, sid: int) -> None:
        """提出的41条对策建议已有33条落地见效 / 87户企业中有61户: a part of the figure just before it."""
        ms = [m for m in self.by_sentence[sid] if m.is_count]
        for a, b in itertools.pairwise(ms):
            if not _compatible(a, b) or b.id in self.whole_of or b.id in self.part_of or a.id in self.part_of:
                continue
            link = RE_HAS_PART.match(self.text, a.num.end, b.num.start)
            if link and link.end() == b.num.start:
                self._add_part_whole(a, b, "有", link.group("sure") is not None)
                self.whole_of[b.id] = a

    def _status_runs(self, sid: int) -> None:
        """已整改113条，正在协调10条，全年跟踪14条: consecutive one-number clauses after a whole."""
        ms = [m for m in self.by_sentence[sid] if m.is_count]
        i = 0
        while i < len(ms):
            run = [ms[i]]
            j = i + 1
            while j < len(ms) and _compatible(ms[j], run[-1]) and ms[j].clause == run[-1].clause + 1 \
                    and ms[j].id not in self.part_of:
                run.append(ms[j])
                j += 1
            if len(run) < 2 or ms[i].id in self.part_of:
                i += 1
                continue
            first = run[0]
            statusy = sum(1 for m in run if RE_STATUS.search(m.pre)) >= len(run) - 1 \
                or sum(1 for m in run if RE_STATUS.search(m.pre)) >= 2
            in_whole = RE_IN_WHOLE.match(self.text[first.clause_start: first.num.start])
            whole = None
            parts = run
            # "34个问题中已整改29个": the whole sits in the first clause of the run
            if in_whole:
                wm = [m for m in self.by_sentence[sid] if m.clause == first.clause and m.num.end <= first.num.start
                      and _compatible(m, first)]
                if wm:
                    whole = wm[-1]
            first_is_part = bool(RE_PART_NEAR.search(first.pre[-8:]))
            if whole is None and not first_is_part and len(run) >= 3 and statusy:
                # the first number of the run is the whole: 清理项目86项，保留21项，撤并65项
                whole, parts = run[0], run[1:]
            if whole is None and not first_is_part and len(run) == 2 and RE_DONE_PART.search(run[1].pre) \
                    and "total" not in run[1].roles:
                # 梳理出实事清单20项，目前已完成16项: a whole and the part done so far
                self._add_part_whole(run[0], run[1], "status", True)
                self.whole_of[run[1].id] = run[0]
                i = j
                continue
            if whole is None:
                prev = [m for m in self.by_sentence[sid] if m.num.end <= first.num.start
                        and _loosely_compatible(m, first) and m.clause >= first.clause - 1 and m.is_count]
                if prev:
                    whole = prev[-1]
            if whole is None and statusy:
                whole = self._find_whole_earlier(first, run)
            if whole is None or len(parts) < 2 or not statusy:
                i = j
                continue
            # a part in the whole's own words restates the whole (全年完成植树造林2.35万亩。全年完成植树造林
            # 2.53万亩，抚育幼林800亩): no status run of it
            if whole.id in self.part_of or any(p.noun and p.noun == whole.noun and p.pre[-8:] == whole.pre[-8:]
                                               for p in parts):
                i = j
                continue
            # a new action on its own thing, other than the whole's, is no status of it (审议法规14部、
            # 废止11部，出台规章5部: 规章 are not 法规)
            wwords = whole.pre[-8:] + whole.noun + whole.post[:16]
            if any(p.noun and whole.noun and len(p.noun) >= 2 and noun_overlap(p.noun, wwords) == 0
                   and not RE_STATUS.search(p.noun) and not RE_PART_CUE.match(p.noun)
                   and RE_NEW_ACTION.search(p.pre) for p in parts):
                i = j
                continue
            # sure when in one sentence, of one noun, or when every part has a status and the whole names
            # what they act on (需整改的问题58个。已整改到位39个，正在整改13个，需长期整改4个)
            certain = whole.sentence == first.sentence or noun_overlap(whole.noun, first.noun) >= 2 or (
                len(parts) >= 3 and all(RE_STATUS.search(p.pre) for p in parts)
                and _names_stem(whole, _status_stems(parts)))
            self._add_breakdown(whole, parts, "status", certain)
            i = j

    def _find_whole_earlier(self, first: Mention, run: list[Mention]) -> Mention | None:
        """For a status run with no whole in its sentence: the figure it breaks down in the sentences
        just before (the same unit and noun, at most 3 sentences back), or further back in the previous
        paragraphs, the figure whose words name what the run's statuses act on (68项具体整改任务 …
        已完成整改52项，基本完成11项，正在推进7项)."""
        noun = first.noun or ""
        stems = _status_stems(run)
        for sid in range(first.sentence - 1, first.sentence - 12, -1):
            near = sid >= first.sentence - 3
            for m in reversed(self.by_sentence.get(sid, [])):
                if not m.is_count or not _compatible(m, first) or m.id in self.part_of \
                        or m.paragraph < first.paragraph - (1 if near else 2):
                    continue
                if near and (not noun or noun_overlap(noun, m.noun) >= 2):
                    return m
                if _names_stem(m, stems):
                    return m
                if not near:
                    return None  # the nearest figure of the unit is not the whole: give up
        return None

    def _parts_before_total(self, sid: int) -> None:
        """9个社区、3个行政村，共12个村 / 对十八个村和六个站所共24个单位: parts, then the total."""
        ms = [m for m in self.by_sentence[sid] if m.is_count]
        for k, t in enumerate(ms):
            if "total" not in t.roles or t.id in self.part_of or k == 0:
                continue
            parts = []
            for m in reversed(ms[:k]):
                if not _compatible(m, t) or m.id in self.part_of or "total" in m.roles:
                    break
                if m.clause < t.clause - 3:
                    break
                between = self.text[m.num.end: (parts[-1].num.start if parts else t.num.start)]
                if not re.fullmatch(r"[\u4e00-\u9fff“”（）A-Za-z]{0,14}[、，和及与]?[\u4e00-\u9fff“”（）]{0,14}", between):
                    break
                parts.append(m)
            if len(parts) >= 2:
                parts.reverse()
                self._add_breakdown(t, parts, "before", True)

    # ----------------------------------------------------------------------------------- changes
    def _from_to(self, sid: int) -> None:
        """由A…到B: both figures are before/after values, never parts or totals of a breakdown."""
        ms = self.by_sentence[sid]
        for b, a in itertools.pairwise(ms):
            if RE_FROM.search(self.text[max(0, b.num.start - 20): b.num.start]) and \
                    RE_TO.search(self.text[b.num.end: a.num.start]):
                b.roles.add("before")
                a.roles.add("after")

    def _changes(self, sid: int) -> None:
        ms = self.by_sentence[sid]
        last: tuple[Mention, Mention, Mention] | None = None  # before, after, change of the latest row here
        for k, m in enumerate(ms):
            if "change" not in m.roles:
                continue
            # a change may follow its before/after in the next clause, or in the one after a first change
            follows = last is not None and m.clause <= last[2].clause + 1
            sure_link, reach = True, 2 if follows else 1
            pair = self._change_pair(ms, k, m)
            if pair is None and follows:
                # 减少126件，下降6.3%: a second figure for the change just stated
                pair, reach = (last[0], last[1]), m.clause - last[1].clause
            if pair is None:
                pair = self._compared_to_earlier(ms, k, m)
                sure_link, reach = False, m.clause
            if pair is None:
                continue
            before, after = pair
            if self._subject(ms, m) or m.clause > max(after.clause, before.clause) + reach:
                continue
            if "change" in before.roles or "change" in after.roles:
                continue
            if before.num.end > m.num.start or after.num.end > m.num.start:
                continue
            down = bool(RE_DOWN.search(m.pre[-6:]))
            up = bool(RE_UP.search(m.pre[-6:]))
            if down == up:
                continue
            sign = -1 if down else 1
            blo, bhi, alo, ahi = before.num.low, before.num.high, after.num.low, after.num.high
            if not all(math.isfinite(v) for v in (blo, bhi, alo, ahi)):
                continue
            dlo, dhi = alo - bhi, ahi - blo
            if m.num.kind == "percent" and before.num.kind == "quantity":
                if blo <= 0:
                    continue
                # percentage change: (after - before) / before
                cands = [dlo / blo, dlo / bhi, dhi / blo, dhi / bhi]
                clo, chi = min(cands) * 100, max(cands) * 100
                kind = "percent"
            elif m.num.kind == before.num.kind == after.num.kind == "percent":
                # 由44%提高到45%，即提高1%: a share's change in % may be in points or relative to the share
                if blo <= 0:
                    continue
                # the relative change of two shares is worked out from the shares as written
                rel = ((after.num.value - before.num.value) / before.num.value * 100,) * 2
                smid = sign * m.num.value
                clo, chi = min(((dlo, dhi), rel), key=lambda iv: abs((iv[0] + iv[1]) / 2 - smid))
                kind = "absolute" if (clo, chi) == (dlo, dhi) else "percent"
            else:
                if unit_key(m.unit) != unit_key(before.unit) and not (m.num.kind == "points" and before.num.kind == "percent"):
                    continue
                clo, chi = dlo, dhi
                kind = "absolute"
            slo, shi = sign * m.num.low, sign * m.num.high
            if slo > shi:
                slo, shi = shi, slo
            before.roles.add("before")
            after.roles.add("after")
            members = [_member("before", before), _member("after", after), _member("change", m)]
            s, e = _span(members)
            # a stated figure far from the computed one means the figures were linked wrongly, not a typo
            sure = sure_link
            last = before, after, m
            self.changes.append({"id": len(self.changes), "kind": kind, "unit": m.unit,
                                 "before": before.num.value, "after": after.num.value, "stated": sign * m.num.value,
                                 "stated_low": slo, "stated_high": shi, "computed_low": clo, "computed_high": chi,
                                 "certain": sure, "start": s, "end": e, "members": members})

    def _structure_ratios(self) -> None:
        """三次产业结构为3.6∶48∶48.4: the shares of the three sectors (percentages written as a ratio) make
        up the whole economy, 100. Only the structure of the sectors is read so: other ratios (1∶2∶3, 钢铁
        比例1.03比1) are not percentages."""
        for first in RE_STRUCTURE.finditer(self.text):
            hits = [first]
            nxt = RE_STRUCTURE_NEXT.match(self.text, first.end())
            if nxt:
                hits.append(nxt)  # 由9.6∶44.5∶45.9调整为9.1∶43.1∶47.8
            rows = [self._structure_row(first, h) for h in hits]
            if nxt:
                self._structure_change(first, nxt, rows)

    def _structure_change(self, first, nxt, rows: list[list[dict]]) -> None:
        """…调整为9.1∶43.1∶47.8，第三产业比重提高1.9个百分点: a sector's share changes by the points between
        its two structures."""
        sent_end = self.index.sentence_at(nxt.start()).end
        said = RE_SECTOR_CHANGE.search(self.text, nxt.end(), sent_end)
        if not said:
            return
        k = "一二三".index(said.group("sector"))
        before, after = rows[0][k], rows[1][k]
        v, lo, hi = _written(said.group("n"))
        sign = -1 if RE_DOWN.search(said.group("verb")) else 1
        slo, shi = sorted((sign * lo, sign * hi))
        change = {"role": "change", "start": said.start("n"), "end": said.end(), "value": sign * v,
                  "low": slo, "high": shi, "text": self.text[said.start("n"): said.end()]}
        members = [dict(before, role="before"), dict(after, role="after"), change]
        sp, ep = _span(members)
        self.changes.append({"id": len(self.changes), "kind": "absolute", "unit": "个百分点",
                             "before": before["value"], "after": after["value"], "stated": sign * v,
                             "stated_low": slo, "stated_high": shi,
                             "computed_low": after["low"] - before["high"], "computed_high": after["high"] - before["low"],
                             "certain": True, "start": sp, "end": ep, "members": members})

    def _structure_row(self, named, hit) -> list[dict]:
        """The breakdown row of one structure (the three sectors sum to 100); its parts' members."""
        terms = [hit.group(g) for g in ("a", "b", "c")]
        vals = [_written(t) for t in terms]
        starts = [hit.start(g) for g in ("a", "b", "c")]
        members = [{"role": "total", "start": named.start("name"), "end": named.end("name"), "value": 100.0,
                    "low": 100.0, "high": 100.0, "text": named.group("name")}]
        members += [{"role": "part", "start": st, "end": st + len(t), "value": v[0], "low": v[1], "high": v[2],
                     "text": t} for st, t, v in zip(starts, terms, vals)]
        sp, ep = _span(members)
        self.breakdowns.append({"id": len(self.breakdowns), "form": "structure", "unit": "%", "noun": named.group("name"),
                                "total": 100.0, "total_low": 100.0, "total_high": 100.0,
                                "parts_sum": sum(v[0] for v in vals), "sum_low": sum(v[1] for v in vals),
                                "sum_high": sum(v[2] for v in vals), "n_parts": 3, "approx": False,
                                "exhaustive": True, "certain": True,
                                "gap": (sum(v[0] for v in vals) - 100.0) / 100.0,
                                "start": sp, "end": ep, "members": members})
        return members[1:]

    def _investment_done(self) -> None:
        """总投资30亿元的项目当年完成投资6.1亿元: the investment done is part of the total investment of the
        project it names, in the same sentence."""
        for m in self.mentions:
            if not m.is_count or not RE_TOTAL_INVESTMENT.search(m.pre[-6:]):
                continue
            for x in self.by_sentence[m.sentence]:
                if x.num.start <= m.num.end or unit_key(x.unit) != unit_key(m.unit) or "change" in x.roles:
                    continue
                if RE_TOTAL_INVESTMENT.search(x.pre[-6:]):
                    break  # the next project's total
                if RE_INVESTMENT_DONE.search(x.pre[-10:]) and not _per_unit(x):
                    self._add_part_whole(m, x, "investment", True)
                    break

    def _targets_from_base(self) -> None:
        """A target built on a base stated earlier: 地方财政总收入完成20.67亿元 … (next year's targets)
        地方财政总收入增长20%，达到24.8亿元: the growth from the base to the target is the stated one. The
        base is the latest figure of the same unit stated earlier under the very words the target names
        (at least four characters), outside any plan; growth at comparable prices (GDP, value added,
        按可比口径) is not worked out from nominal values."""
        by_words: dict[str, list[Mention]] = {}
        for m in self.mentions:
            if m.num.kind != "percent" or "change" not in m.roles or not RE_UP.search(m.pre[-4:]):
                continue
            if RE_REAL_GROWTH.search(m.pre) or RE_ANNUAL.search(m.pre[-8:]):
                continue
            words = RE_TARGET_SUBJECT.match(m.pre)
            # …2014年全区固定资产投资增长15%: an indicator of the lexicon names the target in any words
            named = last_indicator(m.pre)
            if named is not None and not re.fullmatch(r"(?:预计|预期|力争|要|将)?(?:增长|提高|增加)了?",
                                                      m.pre[named.end():]):
                named = None
            if named is not None:
                subject = "@" + indicator(named.group(0))
            elif words:
                subject = words.group("subject")
            else:
                continue
            ms = self.by_sentence[m.sentence]
            after = next((x for x in ms if x.num.start >= m.num.end and x.num.kind == "quantity"
                          and RE_TARGET_LINK.fullmatch(self.text[m.num.end: x.num.start])), None)
            if after is None or not after.unit:
                continue
            if subject not in by_words:
                by_words[subject] = [x for x in self.mentions if x.num.kind == "quantity"
                                     and _names_subject(RE_BASE_VERB.sub("", x.pre), subject)]
            bases = [x for x in by_words[subject] if x.num.end <= m.sent_start and unit_key(x.unit) == unit_key(after.unit)
                     and "plan" not in x.roles and not RE_PLAN_SENT.search(self.text[x.sent_start: x.num.start])
                     and x.zone != "plan"]
            if not bases:
                continue
            before = bases[-1]
            blo, bhi, alo, ahi = before.num.low, before.num.high, after.num.low, after.num.high
            if blo <= 0 or not all(math.isfinite(v) for v in (bhi, alo, ahi)):
                continue
            cands = [(alo - bhi) / bhi, (alo - bhi) / blo, (ahi - blo) / blo, (ahi - blo) / bhi]
            members = [_member("before", before), _member("after", after), _member("change", m)]
            s, e = _span(members)
            self.changes.append({"id": len(self.changes), "kind": "percent", "unit": m.unit,
                                 "before": before.num.value, "after": after.num.value, "stated": m.num.value,
                                 "stated_low": m.num.low, "stated_high": m.num.high,
                                 "computed_low": min(cands) * 100, "computed_high": max(cands) * 100,
                                 "certain": True, "start": s, "end": e, "members": members})

    def _change_pair(self, ms: list[Mention], k: int, m: Mention) -> tuple[Mention, Mention] | None:
        """The before and after figures of change ``m`` in its own segment: 由A…到B，减少C / B，比上年的A减少C."""
        prev = [x for x in ms[:k] if x.num.kind == m.num.kind or (m.num.kind == "points" and x.num.kind == "percent")
                or (m.num.kind == "percent" and x.num.kind == "quantity")]
        seg_start = self.index.segment_at(m.num.start).start
        prev = [x for x in prev if x.num.start >= seg_start]
        for j in range(len(prev) - 1, 0, -1):
            b, a = prev[j - 1], prev[j]
            between = self.text[b.num.end: a.num.start]
            if RE_FROM.search(self.text[max(0, b.num.start - 20): b.num.start]) and RE_TO.search(between) \
                    and unit_key(a.unit) == unit_key(b.unit):
                return b, a
            if RE_COMPARE.search(self.text[max(0, a.num.start - 20): a.num.start]) and unit_key(a.unit) == unit_key(b.unit) \
                    and "change" not in b.roles:
                return a, b
            # B，上年同期为A，同比增长C: the period before stated after this one's figure
            if RE_PRIOR_STATED.search(self.text[max(0, a.num.start - 8): a.num.start]) and a.clause == b.clause + 1 \
                    and unit_key(a.unit) == unit_key(b.unit) and "change" not in b.roles:
                return a, b
        if prev:
            a = prev[-1]
            # B，比上年的A减少C: the comparison base sits between B and the change
            if RE_COMPARE.search(self.text[max(0, a.num.start - 20): a.num.start]):
                cands = [x for x in prev[:-1] if unit_key(x.unit) == unit_key(a.unit)]
                if cands:
                    return a, cands[-1]
        return None

    def _compared_to_earlier(self, ms: list[Mention], k: int, m: Mention) -> tuple[Mention, Mention] | None:
        """受理总量较上年的2002件减少126件: the comparison base is here, the current figure was stated
        in the sentence before (a guess: the row is never certain)."""
        base = next((x for x in reversed(ms[:k]) if x.clause == m.clause and x.num.kind == "quantity"
                     and "change" not in x.roles), None)
        if base is None or not RE_COMPARE.search(self.text[max(0, base.num.start - 20): base.num.start]) \
                or m.num.kind not in ("quantity", "percent"):
            return None
        subject = self.text[m.clause_start: base.num.start]
        cands = [x for x in ms[:k] if x.num.end <= m.clause_start and _compatible(x, base)]
        if not cands:
            cands = [x for x in self.by_sentence.get(m.sentence - 1, []) if _compatible(x, base)]
        # the figure whose verb or noun the subject names, else the stated total
        named = [x for x in cands if (x.verb and x.verb in subject) or noun_overlap(x.noun, subject) >= 2]
        totals = [x for x in cands if "total" in x.roles]
        pick = named or totals
        return (base, pick[-1]) if pick else None

    def _subject(self, ms: list[Mention], m: Mention) -> str:
        """What the clause names right before change ``m`` (empty when it speaks of the figures before it):
        由118个压缩到76个，印发文件减少35% names another subject."""
        before = [x for x in ms if x.clause == m.clause and x.num.end <= m.num.start]
        start = before[-1].num.end if before else m.clause_start
        return RE_CHANGE_PREFIX_OK.sub("", self.text[start: m.num.start])

    # ----------------------------------------------------------------------------------- rates
    def _rates(self, sid: int) -> None:
        """Rates (办结率95%) and shares (占32.17%) against the counts they are worked out from, or, with
        only a base, against the whole counts of that base (GRIM). Each row says how its figures were
        linked (``link``: where they stand; ``base``: how the base was found; ``certain``: nothing was
        guessed), never whether they agree: the suite decides which links make an error."""
        ms = self.by_sentence[sid]
        for k, m in enumerate(ms):
            if m.num.kind != "percent" or {"change", "before", "after"} & m.roles:
                continue  # 占比从26%提升至35%: the shares of a change, not shares of a count here
            found = self._rate_operands(ms, k, m)
            if found is None:
                continue
            num, den, form, how = found
            can_exceed = self._can_exceed(m, form)
            if form == "share" and m.num.low > 100.0 and not can_exceed:
                # 有外出务工人员的家庭占比达到112%: a share above the whole needs no base to be impossible
                self._add_over_100(m)
                continue
            if den is None or den.num.value in (None, 0) or not self._linkable(m, num, den):
                continue
            row = self._rate_row(m, num, den, form, how, can_exceed)
            if row is not None:
                self.rates.append(row)

    def _rate_operands(self, ms: list[Mention], k: int, m: Mention) -> tuple | None:
        """The numerator (None for a share with only its base), the base, the form (rate or share) and how
        the base was found, for the percentage ``ms[k]``; None when it is no rate or share."""
        pre = m.pre
        rw = RE_RATE_WORD.search(pre)
        share = RE_SHARE.search(pre)
        of_form = not rw and not share and RE_OF_FORM.search(pre)
        if not rw and not share and not of_form:
            return None
        counts = [x for x in ms[:k] if x.is_count or (x.num.kind == "quantity" and x.unit and x.unit not in TIME_UNITS
                                                      and "rate" not in x.roles
                                                      and "change" not in x.roles)]
        if rw:
            num, den, how = self._rate_word_operands(m, rw.group(1), counts)
            return num, den, "rate", how
        # 占计划142亿元的92.5% / 其中女性480人，占32.17% / 全县87户企业中，…的有61户，占70.1%
        base_in = [x for x in counts if x.num.start > m.clause_start and x.num.start < m.num.start]
        if base_in and RE_OF_BASE.search(self.text[base_in[-1].num.end: m.num.start]):
            den = base_in[-1]
            prior = [x for x in counts if x.num.end <= m.clause_start and _compatible(x, den)]
            return (prior[-1] if prior else None), den, "share", "named in its clause"
        if of_form:
            return None
        num, den, how = self._share_operands(ms, k, m, counts)
        return num, den, "share", how

    def _rate_word_operands(self, m: Mention, stem: str, counts: list[Mention]) -> tuple:
        """办结率: the numerator is the latest count whose clause names the rate's verb (已办结3108条), the
        base what that count is counted against."""
        verb = stem[-2:]
        cands = [x for x in counts if verb in x.pre or verb in x.post[:4] or (x.verb and x.verb in stem)]
        if not cands:
            cands = [x for x in self._prev_counts(m) if verb in x.pre]
        if not cands:  # 收回3.52万份，回收率92.6%: the same verb in the other order
            cands = [x for x in counts if len(x.verb) == 2 and set(x.verb) == set(verb)]
        if not cands:  # 审结7718件，结案率95.4%: the verb in other words
            cands = [x for x in counts if any(w in x.pre[-8:] for w in RATE_VERB_SYNONYMS.get(verb, ()))]
        if not cands:
            # 全省共有学校1.26万所，已开展课后服务的学校1.18万所，覆盖率96.2%: a rate with no verb of its own
            # over the part done of the total stated before it in the sentence
            cands = [x for x in counts if x.sentence == m.sentence and re.match(r"已(?:经)?[^，；。]{0,16}的?$", x.pre)
                     and any(_compatible(t, x) and "total" in t.roles and t.num.end <= x.num.start for t in counts)]
        # the numerator counts what is done: 已整改到位29个, not 需持续整改5个
        done = [x for x in cands if not RE_NOT_DONE.search(x.pre[-8:])]
        cands = done or cands
        if not cands:
            return None, None, ""
        num = cands[-1]
        if "plan" in num.roles and RE_PLAN_SENT.search(self.text[num.clause_start: num.num.start]):
            # 改造背街小巷42条，计划年内完成40条，完成率105%: the plan is the base, what was done the count
            done_before = [x for x in counts if x.num.end <= num.num.start and _compatible(x, num)
                           and "plan" not in x.roles]
            if done_before:
                return done_before[-1], num, "the plan it is measured against"
        den, how = self._denominator(num, counts)
        # 办复建议84件、提案65件，办复率100%: items of one list are not a part and its whole
        if den is not None and den.clause == num.clause and \
                re.search(r"[、和及与]", self.text[den.num.end: num.num.start]):
            den = None
        return num, den, how

    def _share_operands(self, ms: list[Mention], k: int, m: Mention, counts: list[Mention]) -> tuple:
        """A share with no base in its own clause: the base named as "N…中" (全乡23名书记中，…占37.5%),
        the count its subject was selected from, the base of a count just before it, or the count before
        a run of shares."""
        named = RE_NAMED_BASE.search(m.pre)  # 占课题总数的: the base the share names
        prior = [x for x in counts if x.num.end <= m.num.start]
        named_subject = re.match(r"[^占]*[\u4e00-\u9fff][^占]*占", self.text[m.clause_start: m.num.start])
        explicit = self._base_of_share(m)
        if explicit is not None and named_subject and explicit.clause == m.clause - 1:
            return None, explicit, "stated as its scope (…中)"
        if prior and prior[-1].clause == m.clause - 1 and named_subject and \
                not (prior[-1].id in self.whole_of or "part" in prior[-1].roles):
            # 选举产生成员250人，女性占31.2%: the share names its subject, the count is its base (a
            # guess, unless the count is what was examined and the share selects from it: 对17支
            # 工作队进行考核，评为优秀的占52.6%)
            den = prior[-1]
            if RE_EXAMINED.search(self.text[den.clause_start: den.num.start]) \
                    and RE_SELECTED.match(self.text[m.clause_start: m.num.start]):
                return None, den, "what was examined"
            self.guessed_bases.add(m.id)
            return None, den, "the count before its subject"
        if prior and prior[-1].clause >= m.clause - 1:
            num = prior[-1]
            # 其中省内生源5012人、省外生源1808人，省内生源占比73.5%: the count the share's subject names
            subject = self.text[m.clause_start: m.num.start]

            def named_by_subject(x: Mention) -> int:
                return next((k for k in range(min(8, len(x.pre)), 2, -1) if x.pre[-k:] in subject), 0)

            scores = {x.id: named_by_subject(x) for x in prior if x.sentence == m.sentence}
            best = max(scores.values(), default=0)
            if named_subject and best and list(scores.values()).count(best) == 1:
                num = next(x for x in prior if scores.get(x.id) == best)
            den, how = self._denominator(num, counts)
            if how == "the count before it":
                how = "the count before its count"  # no rate word says which count is the whole
            if den is None and named:
                # 确定调研课题48个，已形成调研报告31篇，占课题总数的64.6%: the base named, in
                # another unit (a guess: never sure)
                den = next((x for x in reversed(counts) if x is not num and x.num.end <= num.num.start
                            and noun_overlap(named.group(1), x.noun) >= min(len(named.group(1)), 4)), None)
                if den is not None:
                    self.guessed_bases.add(m.id)
                    how = "named, in another unit"
            return num, den, how
        den = self._base_of_share(m)
        if den is not None:
            return None, den, "stated as its scope (…中)"
        return None, self._share_run_base(ms, k), "the count before a run of shares"

    def _can_exceed(self, m: Mention, form: str) -> bool:
        """Whether percentage ``m`` may pass 100%: a completion rate (占年度计划的112%), or a share of a
        plan, a target or an earlier period; not a share of an amount (预算支出 is spending)."""
        pre = m.pre
        if form == "share" and RE_SHARE_OF.search(pre):
            return bool(RE_EXCEEDABLE_BASE.search(RE_SHARE_OF.search(pre).group(0)))
        return bool(RE_COMPLETION.search(m.sent_start and self.text[m.sent_start:m.num.start] or pre))

    def _linkable(self, m: Mention, num: Mention | None, den: Mention) -> bool:
        """Whether the figures found can be a rate's counts at all (by their units and words, not values)."""
        if num is not None and not _compatible(num, den) and m.id not in self.guessed_bases:
            return False
        if num is not None and num.num.raw == den.num.raw and num.unit == den.unit and num.sentence != den.sentence:
            return False  # one figure stated twice (a headline and its story) is no part of itself
        # 占规划总投资的65.5%, 占本年收入的2.29%: the base it names must be the figure found
        named = RE_NAMED_BASE.search(m.pre)
        return not named or _shared_bigrams(named.group(1), den.pre[-12:] + den.noun) >= min(len(named.group(1)) - 1, 3)

    def _rate_row(self, m: Mention, num: Mention | None, den: Mention, form: str, how: str,
                  can_exceed: bool) -> dict | None:
        """The row of rate ``m``: the stated and the computed interval, with the evidence of the link."""
        plo, phi = m.num.low, m.num.high
        if num is not None:
            self.share_base[num.id] = den
        members = ([_member("numerator", num)] if num else []) + [_member("denominator", den), _member("rate", m)]
        s, e = _span(members)
        if den.sentence != m.sentence and form == "share" and how != "named in its clause":
            how = how + ", in another sentence"  # a share's base is stated with it
        out_of = RE_OUTSIDE_BASE.search(m.pre)
        if out_of and out_of.group(1) not in den.pre + den.noun:
            how = "another scope (" + out_of.group(1) + ")"  # 占全国34.5%: a share of a whole not stated
        if self._own_share(den, m):
            how = "a sibling with its own share"  # 经济建设费为…，占35.84%；社会文教费为…，占32.60%
        elif den.id in self.share_base and num is not None:
            # 毕业去向落实5870人，落实率90.4%；其中升学1624人，升学率25.0%: the base is counted against a
            # whole of its own, which the rate may be of
            how = "a part counted against its own whole"
        row = {"id": len(self.rates), "form": form, "stated": m.num.value, "stated_low": plo, "stated_high": phi,
               "numerator": num.num.value if num else math.nan, "denominator": den.num.value,
               "computed_low": math.nan, "computed_high": math.nan,
               "can_exceed_100": can_exceed, "certain": m.id not in self.guessed_bases
               and (num is None or num.id not in self.far_links),
               "link": _where(m, [x for x in (num, den) if x is not None]), "base": how, "gap": math.nan,
               "numerator_by": self._numerator_by(m, num, den, form),
               "start": s, "end": e, "members": members}
        if num is not None:
            if not (den.num.low > 0 and math.isfinite(den.num.high) and math.isfinite(num.num.high)):
                return None
            cands = [num.num.low / den.num.low, num.num.low / den.num.high, num.num.high / den.num.low,
                     num.num.high / den.num.high]
            row["computed_low"], row["computed_high"] = min(cands) * 100, max(cands) * 100
            row["gap"] = _gap(plo, phi, row["computed_low"], row["computed_high"])
        else:
            # GRIM: some whole count k of the base must give the stated share (the rates suite tests it),
            # for a base that is one exact, not too large count of members
            base = den.num
            named = RE_NAMED_BASE.search(m.pre)
            if base.approx or base.low != base.high or base.low > 100000 or den.unit in MEASURE_UNITS \
                    or den.unit in CATEGORY_UNITS \
                    or (named and noun_overlap(named.group(1), den.noun) < 2):
                return None
        return row

    def _numerator_by(self, m: Mention, num: Mention | None, den: Mention, form: str) -> str:
        """What names rate ``m``'s count: all the rate's words (办结率 / 已办结3108条; 按期办结率 / 按期办结
        268件; 建制村通客车率 / 建制村412个，已通客车398个: the words before the verb may name the base), or
        only its last two characters (不良贷款率 / 贷款余额312.3亿元: the rate counts a narrower thing than
        the figure found). Empty for a share or a rate without a count."""
        if num is None or form != "rate":
            return ""
        stem = RE_RATE_WORD.search(m.pre).group(1)
        words = num.pre + num.noun + num.post[:4] + "|" + den.pre[-8:] + den.noun
        qualifier = stem[:-2]
        if len(qualifier) < 2 or _shared_bigrams(qualifier, words) > 0:
            return "the rate's words"
        return "the rate's last two characters"

    def _own_share(self, x: Mention, m: Mention) -> bool:
        """Whether figure ``x`` is followed in its clause run by a share of its own (X为N元，占…%), other
        than share ``m``."""
        for y in self.by_sentence.get(x.sentence, []):
            if y is m:
                return False
            if y.num.start > x.num.end and y.clause <= x.clause + 1:
                if y.num.kind == "percent" and RE_SHARE.search(y.pre):
                    return True
                if y.num.kind != "percent":
                    return False
        return False

    def _annual_growth(self) -> None:
        """Average annual growth against the start and end values it is worked out from:
        由2010年的11.66亿元增加到2015年的29.33亿元，年均增长20.26% (compound: (29.33/11.66)^(1/5) - 1), or
        比2002年增长65.5%，年均增长10.6% (1.655^(1/5) - 1). The years come from the years named (2010 … 2015)
        or a named span (五年来, “十二五”); when none is named, some whole number of years must give the
        stated rate. Growth at comparable prices (实际, 可比价, GDP and value added) is not worked out from
        nominal values and is left alone."""
        for m in self.mentions:
            if m.num.kind != "percent" or not RE_ANNUAL.search(m.pre[-8:]) or m.num.low < 0:
                continue
            ms = self.by_sentence[m.sentence]
            seg_start = self.index.segment_at(m.num.start).start
            earlier = [x for x in ms if x.num.end <= m.num.start and x.num.start >= seg_start]
            if not earlier:
                continue
            scope_text = self.text[seg_start: m.num.start]
            total = earlier[-1]
            before = after = inc = None
            if total.num.kind == "percent" and "change" in total.roles and not RE_ANNUAL.search(total.pre[-8:]) \
                    and m.clause - total.clause <= 1 and RE_UP.search(total.pre[-4:]) \
                    and re.search(r"[比较](?:[^，；。]{0,12})(?:增长|增加|提高|上升)了?$", total.pre):
                ratio = (1 + total.num.low / 100, 1 + total.num.high / 100)  # 比2002年增长65.5%
                members = [_member("total growth", total)]
            elif total.num.kind == "quantity" and "change" in total.roles and RE_UP.search(total.pre[-4:]) \
                    and len(earlier) >= 2 and unit_key(earlier[-2].unit) == unit_key(total.unit) \
                    and earlier[-2].num.kind == "quantity" and "change" not in earlier[-2].roles \
                    and not RE_REAL_GROWTH.search(scope_text) and m.clause - total.clause <= 1:
                # 收入完成30788元，比2010年增加13480元，年均递增12.2%: the start is the end less the increase
                after, inc = earlier[-2], total
                blo, bhi = after.num.low - inc.num.high, after.num.high - inc.num.low
                if blo <= 0 or not math.isfinite(bhi):
                    continue
                ratio = (after.num.low / bhi, after.num.high / blo)
                members = [_member("numerator", after), _member("increase", inc)]
            else:
                if RE_REAL_GROWTH.search(scope_text):
                    continue  # a real growth rate is not worked out from nominal values
                pair = [x for x in earlier if {"before", "after"} & x.roles and x.num.kind == "quantity"]
                if len(pair) < 2 or "before" not in pair[-2].roles or "after" not in pair[-1].roles \
                        or unit_key(pair[-2].unit) != unit_key(pair[-1].unit) or m.clause - pair[-1].clause > 1:
                    continue
                before, after = pair[-2], pair[-1]
                if before.num.low <= 0 or not math.isfinite(after.num.high) or not math.isfinite(before.num.high):
                    continue
                ratio = (after.num.low / before.num.high, after.num.high / before.num.low)
                members = [_member("numerator", after), _member("denominator", before)]
            if ratio[0] <= 0:
                continue
            years = self._span_years(m, seg_start)
            stated = (m.num.low, m.num.high)
            smid = m.num.value
            if RE_DOWN.search(m.pre[-6:]):
                stated, smid = (-m.num.high, -m.num.low), -m.num.value

            def cagr(n: int, ratio: tuple[float, float] = ratio) -> tuple[float, float]:
                return ((ratio[0] ** (1 / n) - 1) * 100, (ratio[1] ** (1 / n) - 1) * 100)

            if years:
                n = years
            else:
                # no span named: the whole number of years that comes nearest the stated rate
                n = min(range(1, 16), key=lambda k: abs(sum(cagr(k)) / 2 - smid))
            clo, chi = cagr(n)
            members.append(_member("rate", m))
            s, e = _span(members)
            self.rates.append({"id": len(self.rates), "form": "annual", "stated": smid, "stated_low": stated[0],
                               "stated_high": stated[1],
                               "numerator": after.num.value if after else ratio[0],
                               "denominator": before.num.value if before else
                               (after.num.value - inc.num.value if after else 1.0),
                               "computed_low": clo, "computed_high": chi,
                               "can_exceed_100": True, "years": float(n), "certain": True,
                               "link": _where(m, [x for x in (before, after, inc) if x is not None]),
                               "base": "its start and end" if before else "its end and increase",
                               "gap": _gap(stated[0], stated[1], clo, chi), "start": s, "end": e,
                               "members": members})

    def _income_ratio(self) -> None:
        """城镇居民人均可支配收入45230元 … 农村居民人均可支配收入21560元 … 城乡居民收入比由2.13缩小到2.05:
        the ratio of urban to rural income is the urban figure over the rural one, stated in this sentence
        or the two before it in the paragraph (or 城乡居民人均可支配收入分别达6.6万元和3.2万元)."""
        for hit in RE_INCOME_RATIO.finditer(self.text):
            x, xlo, xhi = _written(hit.group("x"))
            sid = self.index.sentence_at(hit.start()).index
            urban = rural = None
            for back in (sid, sid - 1, sid - 2):
                if back < 0 or self.index.paragraph(back) != self.index.paragraph(sid):
                    break
                for m in reversed(self.by_sentence.get(back, [])):
                    if m.num.start >= hit.start() or m.unit != "元" or m.num.kind != "quantity":
                        continue
                    if urban is None and RE_URBAN_INCOME.search(m.pre):
                        urban = m
                    elif rural is None and RE_RURAL_INCOME.search(m.pre):
                        rural = m
                    both = RE_BOTH_INCOMES.search(m.pre)
                    if both and urban is None and rural is None:
                        # 城乡居民人均可支配收入分别达6.6万元和3.2万元: the second figure is the rural one
                        nxt = [y for y in self.by_sentence[back] if y.num.start > m.num.end and y.unit == "元"]
                        if nxt and RE_FIGURE_PAIR.fullmatch(self.text[m.num.end: nxt[0].num.start]):
                            urban, rural = m, nxt[0]
                if urban is not None and rural is not None:
                    break
            if urban is None or rural is None or rural.num.low <= 0 or not math.isfinite(urban.num.high):
                continue
            members = [_member("numerator", urban), _member("denominator", rural),
                       {"role": "rate", "start": hit.start("x"), "end": hit.end(), "value": x,
                        "low": xlo, "high": xhi, "text": self.text[hit.start("x"): hit.end()]}]
            sp, ep = _span(members)
            self.rates.append({"id": len(self.rates), "form": "ratio", "stated": x, "stated_low": xlo,
                               "stated_high": xhi, "numerator": urban.num.value,
                               "denominator": rural.num.value, "computed_low": urban.num.low / rural.num.high,
                               "computed_high": urban.num.high / rural.num.low,
                               "can_exceed_100": True, "years": math.nan,
                               "certain": True, "link": "report", "base": "the two incomes",
                               "gap": _gap(xlo, xhi, urban.num.low / rural.num.high,
                                           urban.num.high / rural.num.low),
                               "start": sp, "end": ep, "members": members})

    def _span_years(self, m: Mention, seg_start: int) -> int:
        """How many years an average annual rate spans: the years named before it in its sentence
        (由2010年的…到2015年的… -> 5; 2007年，…比2002年增长 -> 5), or a span named in the sentence or the
        paragraph's first sentence (五年来, 过去五年, “十二五”时期 -> 5); 0 when none is named."""
        sent = self.text[m.sent_start: m.num.start]
        years = sorted({int(y) for y in RE_YEAR.findall(sent)})
        if len(years) >= 2:
            return years[-1] - years[0]
        for text in (sent, self.text[self.index.sentences[max(0, m.sentence - 3)].start: m.sent_start]):
            span = RE_YEAR_SPAN.search(text)
            if span:
                if span.group("plan"):
                    return 5
                from ..numbers import parse_cn_int
                g = span.group("n") or span.group("n2")
                n = int(g) if g.isdigit() else parse_cn_int(g)
                if n and 1 < n <= 30:
                    return n
        return 0

    def _bounded_shares(self) -> None:
        """A share or a rate that cannot pass 100% stated above it, wherever it stands: 服务业比重从
        45.3%上升到151.6%, 城镇化率达到103% (a growth or completion rate may pass 100%: not these words)."""
        for m in self.mentions:
            if m.num.kind != "percent" or m.num.low <= 100.0 or m.id in self.above_whole:
                continue
            if not RE_BOUNDED_SHARE.search(m.pre) or RE_UNBOUNDED_SHARE.search(m.pre):
                continue
            self._add_over_100(m)

    def _share_sets(self, sid: int) -> None:
        """The shares of one whole's categories, one clause each after the whole is named (门诊患者中，城乡
        居民医保患者占58.6%，职工医保患者占24.1%，自费及其他患者占17.3%): the categories are of one kind (their
        names end alike: …患者) and together cannot pass 100%. A row with their sum; only an excess is
        checked, since a set need not name every category."""
        ms = self.by_sentence[sid]
        per_clause: dict[int, list[Mention]] = {}
        for m in ms:
            per_clause.setdefault(m.clause, []).append(m)
        run: list[tuple[Mention, str]] = []

        def close() -> None:
            if len(run) >= 2:
                self._add_share_set(run)
            run.clear()

        for m in ms:
            hit = RE_SHARE_CLAUSE.fullmatch(self.text, m.clause_start, m.num.start) \
                if m.num.kind == "percent" and len(per_clause[m.clause]) == 1 else None
            if hit is None:
                close()
                continue
            if run and m.clause != run[-1][0].clause + 1:
                close()
            if not run and not (RE_SHARE_SET_LEAD.search(self.text, m.sent_start, m.clause_start)
                                or self.text.startswith("其中", m.clause_start)):
                continue
            run.append((m, hit.group("cat")))
        close()

    def _respective_shares(self, sid: int) -> None:
        """The shares of one whole for a list of categories at once (第一、二、三产业投资占全部固定资产投资的
        比重分别为2.1%、38.6%和59.3%): like a set of shares, they cannot sum above 100%."""
        ms = self.by_sentence[sid]
        for k, m in enumerate(ms):
            if m.num.kind != "percent" or not RE_RESPECTIVE_SHARES.search(m.pre):
                continue
            said = self.text[m.clause_start: m.num.start]
            if said.count("占") > 1 or said.count("比重") + said.count("比例") > 1:
                continue  # A占GDP的比重和B占支出的比重分别为…: shares of two wholes
            run = [m]
            for x in ms[k + 1:]:
                if x.num.kind != "percent" or not re.fullmatch(r"[、和及与]", self.text[run[-1].num.end: x.num.start]):
                    break
                run.append(x)
            if len(run) >= 2:
                self._add_shares_row(run, "named once for the list")

    def _add_share_set(self, run: list[tuple[Mention, str]]) -> None:
        cats = [c for _, c in run]
        suffix = os.path.commonprefix([c[::-1] for c in cats])[::-1]
        if len(suffix) < 2 or len(set(cats)) < len(cats) or any(len(c) <= len(suffix) for c in cats):
            return
        self._add_shares_row([m for m, _ in run], "the whole they are named under")

    def _add_shares_row(self, run: list[Mention], how: str) -> None:
        """A row with the sum of the shares of one whole's categories."""
        members = [_member("share", m) for m in run]
        s, e = _span(members)
        lo, hi = sum(m.num.low for m in run), sum(m.num.high for m in run)
        self.rates.append({"id": len(self.rates), "form": "shares", "stated": sum(m.num.value for m in run),
                           "stated_low": lo, "stated_high": hi, "numerator": math.nan, "denominator": math.nan,
                           "computed_low": math.nan, "computed_high": math.nan,
                           "can_exceed_100": False, "certain": True,
                           "link": "sentence", "base": how, "gap": (lo - 100.0) / 100.0,
                           "start": s, "end": e, "members": members})

    def _add_over_100(self, m: Mention) -> None:
        """A share stated above 100% of a whole it cannot exceed: a row with the share alone."""
        self.above_whole.add(m.id)
        self.rates.append({"id": len(self.rates), "form": "share", "stated": m.num.value, "stated_low": m.num.low,
                           "stated_high": m.num.high, "numerator": math.nan, "denominator": math.nan,
                           "computed_low": math.nan, "computed_high": math.nan,
                           "can_exceed_100": False, "certain": True,
                           "link": "sentence", "base": "none needed", "gap": math.nan,
                           "start": m.num.start, "end": m.num.end, "members": [_member("rate", m)]})

    def _prev_counts(self, m: Mention) -> list[Mention]:
        out = []
        for sid in range(m.sentence - 3, m.sentence):
            out += [x for x in self.by_sentence.get(sid, []) if x.is_count and x.paragraph >= m.paragraph - 1]
        return out

    def _denominator(self, num: Mention, counts: list[Mention]) -> tuple[Mention | None, str]:
        """The whole a numerator is counted against, and how it was found: its breakdown's total, its
        其中 whole, an "X中" whole, or the count of the same unit just before it."""
        if num.id in self.whole_of:
            return self.whole_of[num.id], "the whole of its part"
        earlier = [x for x in counts if x.num.end <= num.num.start and _compatible(x, num) and "before" not in x.roles]
        # 送审金额3.86亿元，审定金额3.51亿元，审减金额0.35亿元，审减率9.1%: with several, which is the base?
        how = "the count before it" if len(earlier) < 2 or "total" in earlier[-1].roles \
            else "one of several counts before it"
        # the count may sit in the sentences before (共收集…3406条。…已办结3108条)
        earlier = earlier or [x for x in self._prev_counts(num) if _compatible(x, num) and "before" not in x.roles]
        if not earlier:
            # the stated total of the same things, further back in the report (a guess)
            earlier = [x for x in self.mentions if x.num.end <= num.num.start and _compatible(x, num)
                       and "total" in x.roles and x.paragraph >= num.paragraph - 6 and len(num.noun) >= 2
                       and noun_overlap(x.noun, num.noun) >= len(num.noun) and x.id not in self.whole_of]
            if not earlier:
                return None, ""
            self.far_links.add(num.id)
            how = "a total of the same words further back"
        x = earlier[-1]
        if x.id in self.share_base:
            # 工业部门为248.5亿元，占58.2%；农业部门为32.6亿元，占7.6%: siblings share one whole
            return self.share_base[x.id], "the whole of its sibling"
        # a part of a breakdown stands for its whole (共受理200件，其中信访150件、来电50件，已办结180件); a
        # single part after 其中 is a scope of its own (其中，市中院受理案件8260件，审结7718件，结案率…)
        if x.id in self.part_of:
            return self.whole_of[x.id], "the whole of the part before it"
        return x, how

    def _share_run_base(self, ms: list[Mention], k: int) -> Mention | None:
        """选举产生“两委”1492人，55岁以下占82.9%，…，女性占32.17%: shares listed after a count are
        shares of it (a guess: the row is never certain)."""
        m = ms[k]
        for x in reversed(ms[:k]):
            if x.num.kind == "percent" or x.unit in TIME_UNITS or x.unit == "岁" or "change" in x.roles:
                continue
            if x.is_count and RE_SHARE.search(ms[k].pre) and self.text[x.num.end: x.num.end + 1] in "，,；":
                self.guessed_bases.add(m.id)
                return x
            return None
        return None

    def _base_of_share(self, m: Mention) -> Mention | None:
        """全乡23名村党组织书记中，大专以上学历的占37.5%: the base stated as "N… 中" in the sentence."""
        sent = self.text[m.sent_start: m.num.start]
        mm = re.search(r"(?:[^，；。]{0,16}?)中，", sent)
        if not mm:
            return None
        cands = [x for x in self.by_sentence.get(m.sentence, []) if x.is_count and x.num.end <= m.sent_start + mm.end()]
        return cands[-1] if cands else None

    # ----------------------------------------------------------------------------------- repeats
    def _repeats(self) -> None:
        """The same figure (same unit, noun and verb) stated again later, in another sentence.

        Two different values make a row only when one looks like a miscopy of the other (digits
        transposed, one digit changed in a figure of three or more, or within 5%): figures unlike each
        other under the same words are different populations or periods far more often than typos.
        """
        earlier: dict[str, list[Mention]] = {}  # by unit: the figures a later one may restate
        for m in self.mentions:
            if not self._repeatable(m):
                continue
            restated = _restated(m)
            same_unit = earlier.setdefault(unit_key(m.unit), [])
            unlike = None  # the nearest unlike figure under the same words, when no earlier one is alike
            for prev in reversed(same_unit[-REPEAT_WINDOW:]):
                # a result in the review and a target in the plan are two figures, unless the plan
                # restates the result (在去年…361公里的基础上)
                if prev.sentence == m.sentence or (prev.zone != m.zone and not restated):
                    continue
                agree = prev.num.low <= m.num.high and m.num.low <= prev.num.high
                ratio = (m.num.value or 0) / (prev.num.value or 1)
                alike = agree or abs(ratio - 1) <= 0.05 or (0.1 < ratio < 10 and _miscopied(prev.num.raw, m.num.raw))
                # a set named again by who stated it, of the same noun (巡视反馈的28个问题 … 针对巡视反馈的26个问题)
                # is the same set whatever its value
                named_again = bool(restated and (by := RE_STATED_BY.search(m.pre)) and by.group(0) in prev.pre[-12:]
                                   and prev.noun and prev.noun == m.noun) or _names_set_again(prev, m)
                if not alike and not named_again and unlike is not None:
                    continue  # the nearest unlike figure is kept already; only an alike one may still come
                # a restated set points back across periods (截至11月… / 力争2015年…完成正在整改的13个)
                if not self._same_thing(prev, m, restated) or not (restated or self._same_scope(prev, m)):
                    continue
                # (a verb may come back inside a noun: 流转土地1.26万亩 … 土地流转面积达1.62万亩)
                same_words = bool(prev.verb and (prev.verb == m.verb or len(prev.verb) >= 2 and prev.verb in m.noun)
                                  and noun_overlap(prev.noun, m.noun) >= 2)
                if not agree and not same_words and not named_again:
                    continue  # two unlike figures under unlike words: nothing says they are one figure
                if not alike and not named_again:
                    # an earlier figure further back may be the one restated; this one is kept as evidence
                    unlike = unlike or prev
                    continue
                self._add_repeat(prev, m, restated, same_words or named_again, alike, named_again,
                                 self._other_items(prev, m))
                break
            else:
                if unlike is not None:
                    self._add_repeat(unlike, m, restated, True, False, False, self._other_items(unlike, m))
            same_unit.append(m)

    def _item_of(self, m: Mention) -> tuple[int, int] | None:
        """The list item figure ``m`` stands in: (sequence, position) of the ordinal marker opening its
        segment or its sentence (一是…，…1500元；), or None."""
        k = bisect.bisect_right(self._marker_starts, m.num.start) - 1
        if k < 0:
            return None
        start, seq, position = self.markers[k]
        return (seq, position) if start >= min(self.index.segment_at(m.num.start).start, m.sent_start) else None

    def _other_items(self, a: Mention, b: Mention) -> bool:
        """Whether two figures stand in two items of a list (一是居家护理…1500元；二是机构护理…1800元): the
        items are two subjects, so the figures are no restatement of one."""
        ia, ib = self._item_of(a), self._item_of(b)
        return ia is not None and ib is not None and ia[0] == ib[0] and ia[1] != ib[1]

    def _add_repeat(self, prev: Mention, m: Mention, restated: bool, certain: bool, alike: bool,
                    named_again: bool, other_items: bool) -> None:
        """A row for figure ``m`` stated again after ``prev``; ``certain`` when the same verb acts on the same
        noun (走访农户 / 走访的…户农户) or the set is named again by who stated it; ``alike`` when the
        values agree or one looks like a miscopy of the other (digits transposed, one digit changed in a
        figure of three or more, or within 5%): the suite checks only those, since figures unlike each
        other under the same words are different populations or periods far more often than typos."""
        members = [_member("first", prev), _member("second", m)]
        s, e = _span(members)
        self.repeats.append({"id": len(self.repeats), "form": "restated" if restated else "figure",
                             "noun": m.noun or prev.noun, "unit": m.unit,
                             "first": prev.num.value, "first_low": prev.num.low, "first_high": prev.num.high,
                             "second": m.num.value, "second_low": m.num.low, "second_high": m.num.high,
                             "alike": alike, "named_again": named_again, "other_items": other_items,
                             "certain": certain,
                             "start": s, "end": e, "members": members})

    def _target_repeats(self) -> None:
        """A target stated again, in other words or in its explanation, with another value: 居民消费价格
        涨幅3%左右 … 提出居民消费价格涨幅4%左右; 国内生产总值增长6.5%－7% … 经济增长预期目标6%－7%. The
        indicator is read from a lexicon of the indicators reports set targets for (extract.scope), so
        经济增长 and 国内生产总值增长 are one target; a target is a figure with 左右, 以内, 以上, a range, or
        a target word before it. A target is compared as written (6%左右 is 6, not 5.5 to 6.6), and only
        with the same indicator, kind of figure (growth or level), scope word (中央, 地方 …), zone of the
        report and periods named."""
        seen: dict[tuple, tuple[Mention, frozenset]] = {}
        for m in self.mentions:
            if m.num.kind != "percent" or m.num.value is None:
                continue
            if not (m.num.qualifier in ("左右", "以内", "以上", "以下", "上下") or m.num.is_range
                    or RE_TARGET_WORD.search(m.pre)):
                continue  # a result (控制在3.3%) is no target
            words = m.pre
            found = last_indicator(words)
            if found is None:
                # 关于经济增长。…增长预期目标定在7.5%左右: the paragraph's heading names the indicator
                head = self._paragraph_topic(m)
                if not head or not RE_TARGET_WORD.search(words):
                    continue
                words = head + words
                found = last_indicator(words)
                if found is None:
                    continue
            name = indicator(words)
            tail = words[found.start():]
            if re.search(r"[\d%％]", tail) or RE_SHARE_WORD.search(tail):
                continue  # another figure between the indicator and this one, or a share of it (占GDP比重)
            head = words[:found.start()]
            if head and "\u4e00" <= head[-1] <= "\u9fff" and not RE_INDICATOR_LEAD.search(head):
                continue  # 海洋生产总值 is not 生产总值: the name must begin where the indicator does
            growth = ("annual" if RE_ANNUAL_WORD.search(words) else
                      "growth" if RE_GROWTH_WORD.search(tail) else "level")
            scope = tuple(RE_SCOPE_WORD.findall(words[max(0, found.start() - 4): found.start()]))
            periods = frozenset(RE_PERIOD.findall(self.text[m.sent_start: m.num.start]))
            key = (name, growth, scope, m.zone)
            prev, prev_periods = seen.get(key, (None, frozenset()))
            seen[key] = m, periods
            if prev is None or prev.sentence == m.sentence or (periods and prev_periods and not periods & prev_periods):
                continue
            members = [_member("first", prev), _member("second", m)]
            s, e = _span(members)
            self.repeats.append({"id": len(self.repeats), "form": "target", "noun": found.group(0), "unit": m.unit,
                                 "first": prev.num.value, "first_low": prev.num.value, "first_high": prev.num.value,
                                 "second": m.num.value, "second_low": m.num.value, "second_high": m.num.value,
                                 "certain": True, "start": s, "end": e, "members": members})

    def _paragraph_topic(self, m: Mention) -> str:
        """The topic a paragraph opens with (关于经济增长。), or ''."""
        sid = m.sentence
        while sid > 0 and self.index.paragraph(sid - 1) == self.index.paragraph(m.sentence):
            sid -= 1
        first = self.index.sentences[sid]
        topic = RE_TOPIC.match(self.text, first.start, min(first.end, first.start + 20))
        return topic.group(1) if topic and sid != m.sentence else ""

    def _repeatable(self, m: Mention) -> bool:
        """A digit-written count outside a plan (Chinese-numeral counts are mostly names: 八项规定)."""
        if not m.is_count or m.num.kind != "quantity":
            return False
        if _restated(m):
            return True
        if not m.num.raw[:1].isdigit():
            return False
        return "plan" not in m.roles and not RE_PLAN_SENT.search(self.text[m.sent_start: m.num.start])

    @staticmethod
    def _same_thing(prev: Mention, m: Mention, restated: bool) -> bool:
        """Both figures count the same noun with the same verb (or the second restates the first's status:
        其余5个 … 尚未完成的5个问题)."""
        status = restated and _same_status(prev.pre, m.pre)
        if "" != _stock_or_flow(prev) != _stock_or_flow(m) != "" and not restated:
            return False  # 累计建成 (the stock) and 新建 (this year's additions) are two figures
        nouns = len(prev.noun) >= 2 and len(m.noun) >= 2 and noun_overlap(prev.noun, m.noun) >= 2
        # a restated set may be named by another verb: 制定了12项制度建设计划 … 已出台的12项制度
        if prev.verb and m.verb and prev.verb != m.verb and prev.verb not in m.pre and m.verb not in prev.pre \
                and not status and not (restated and nouns):
            return False
        if nouns:
            return True
        if status:
            return True
        # 全年新增就业1286人 … 在今年新增就业1286人的基础上
        return restated and bool(prev.verb) and prev.verb == m.verb and not (prev.noun and m.noun)

    def _same_scope(self, a: Mention, b: Mention) -> bool:
        """Two figures belong to one scope unless their sentences name different periods or subjects."""
        pa = set(RE_PERIOD.findall(self.text[a.sent_start: a.num.start]))
        pb = set(RE_PERIOD.findall(self.text[b.sent_start: b.num.start]))
        return not (pa and pb and not pa & pb)


# how many earlier figures of the same unit a figure is compared with (bounds the work on huge inputs)
REPEAT_WINDOW = 300


def _status_stems(parts: list[Mention]) -> set[str]:
    """What status parts act on: 已完成整改52项 / 正在整改13个 -> 整改."""
    return {m.group(1) for p in parts for m in RE_STATUS_STEM.finditer(p.pre)} - {"完成", "到位", "基本"}


def _names_stem(m: Mention, stems: set[str]) -> bool:
    """The figure's own words name one of the stems (68项具体整改任务, 需整改的问题58个)."""
    words = m.noun + m.pre[-12:]
    return any(s in words for s in stems)


def _per_unit(m: Mention) -> bool:
    """A figure per head, per area, per unit or an average (人均…, 每千人…, 平均…, 各区…): never a whole
    or a part of a count."""
    return bool(RE_AVERAGE.search(m.pre) or RE_MEAN.search(m.pre))


def _written(raw: str) -> tuple[float, float, float]:
    """A decimal as written (full-width digits too), with the interval of its last digit: 48.4 is
    [48.35, 48.45], 48 is [47.5, 48.5] (the figures of a ratio or a structure are rounded, not exact)."""
    raw = unicodedata.normalize("NFKC", raw)
    half = 0.5 * 10.0 ** -len(raw.partition(".")[2])
    return float(raw), float(raw) - half, float(raw) + half


def _names_subject(pre: str, subject: str) -> bool:
    """The words before a figure end with the subject: its very words, or (``@name``) a name of that
    indicator in the lexicon (全社会固定资产投资, 全区固定资产投资 -> fixed-investment)."""
    if not subject.startswith("@"):
        return pre.endswith(subject)
    last = last_indicator(pre)
    return last is not None and last.end() == len(pre) and indicator(last.group(0)) == subject[1:]


def _stock_or_flow(m: Mention) -> str:
    """'stock', 'flow' or '' from the words of a figure's clause before it (the nearest cue wins)."""
    pre = m.pre[-12:]
    st = max((x.end() for x in RE_STOCK.finditer(pre)), default=-1)
    fl = max((x.end() for x in RE_FLOW.finditer(pre)), default=-1)
    return "" if st == fl == -1 else ("stock" if st > fl else "flow")


def _shared_bigrams(a: str, b: str) -> int:
    """How many distinct two-character words ``a`` and ``b`` share (规划总投资 / 公共投资 -> 1)."""
    return len({a[i: i + 2] for i in range(len(a) - 1)} & {b[i: i + 2] for i in range(len(b) - 1)})


def _restated(m: Mention) -> bool:
    """The figure is named as a known set, not newly stated: 正在整改的13个, 在去年…361公里的基础上."""
    return bool(RE_RESTATED.search(m.pre) or (RE_ON_BASIS.search(m.pre) and m.post.startswith("的基础上")))


def _within_set(m: Mention) -> bool:
    """在168条整改措施中，已落实158条: the figure names a known set to count within it."""
    return m.pre.endswith("在") and bool(re.match(r"[\u4e00-\u9fff]{1,10}中[，,]", m.post))


def _names_set_again(prev: Mention, m: Mention) -> bool:
    """The second figure names the first's set again to count within it, with the same noun: 制定整改措施
    186条 … 在168条整改措施中，已落实158条. (A relative clause, 发生的4起事故, may name a larger or another
    set: it is not read so.)"""
    return len(m.noun) >= 2 and prev.noun == m.noun and _within_set(m)


def _same_status(a: str, b: str) -> bool:
    """Two clause prefixes name the same status (正在 / 正在; 其余 / 尚未 / 剩余)."""
    sa = {STATUS_GROUPS[w] for w in RE_STATUS_WORD.findall(a)}
    sb = {STATUS_GROUPS[w] for w in RE_STATUS_WORD.findall(b)}
    return bool(sa & sb)


@functools.lru_cache(maxsize=4096)
def _miscopied(a: str, b: str) -> bool:
    """Two written figures one of which looks like a miscopy of the other: the same digits in another
    order (2140 / 2410, 1.26 / 1.62), or one digit changed in three or more (361 / 351)."""
    a, b = unicodedata.normalize("NFKC", a), unicodedata.normalize("NFKC", b)
    if len(re.sub(r"\D", "", a.partition(".")[2])) != len(re.sub(r"\D", "", b.partition(".")[2])):
        return False  # a copy keeps the figure's decimals (486.2万 / 186万 are two figures)
    # all the digits written, the decimals too (1.26万亩 / 1.62万亩)
    da, db = re.sub(r"\D", "", a), re.sub(r"\D", "", b)
    if da == db or not da or not db or len(da) != len(db):
        return False
    if sorted(da) == sorted(db):
        return True
    return len(da) >= 3 and sum(x != y for x, y in zip(da, db)) == 1


def extract_relations(text: str, index: TextIndex, mentions: list[Mention],
                      markers: list[dict] | None = None) -> Relations:
    """All relation rows of one report; ``markers``: the ordinal markers extract.sequences found (the
    items of a list whose figures are of different subjects)."""
    return Relations(text, index, mentions, markers).build()
