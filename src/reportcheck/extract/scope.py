"""Scope of a figure, as a reader of a Chinese report sees it before linking anything.

A work report is written in parts that a reader never mixes: the review of the past year (工作回顾), the
plan for the coming one (工作安排, 目标任务, 下一步打算) and, at the end, a glossary or notes (名词解释,
附件). A figure in the plan is a target and a figure in the review a result: the same words with two
values in the two parts are a result and a target, never one figure stated twice. The glossary numbers
its entries (``8.“两重”：…``) and restates terms, not quantities.

Zones come from headings: a short line (a heading or a numbered section title) that names the review,
the plan or the notes. Text before the first such heading is the review (an opening), which is how
reports are built; a report without any heading is one zone.

Indicators: a reader knows that 经济增长 and 国内生产总值增长 name one target, and that 居民消费价格
涨幅 and 物价涨幅 do. ``indicator`` maps the words before a figure to such a canonical name (a small
lexicon of the indicators reports state targets for), so that a target restated in other words is still
recognised as the same target.
"""

from __future__ import annotations

import bisect
import re

REVIEW, PLAN, NOTES = "review", "plan", "notes"

# a heading line is short and has no sentence end inside (a numbered title may end in 。)
MAX_HEADING = 48
# headings of the review part: 2024年工作回顾, 过去一年工作回顾, 过去五年工作回顾, 一年来的主要工作
RE_REVIEW_HEADING = re.compile(r"回顾|过去[一五]年|一年来|五年来|主要工作(?:是|情况)?[：:]?$|工作总结|取得的成[绩效]|"
                               r"(?:完成|进展|落实|开展|推进)情况|工作情况|主要成效|主要做法")
# headings of the plan part: 2025年工作安排, 今年的目标任务, 下一步工作打算, 关于2025年工作,
# 今后五年的主要任务, 2025年工作总体要求和主要目标
RE_PLAN_HEADING = re.compile(
    r"(?:(?:19|20)\d{2}年|今年|明年|新的一年|下一步|下步|今后[一二三四五]?年?|未来[一二三四五]?年?|“十[一二三四五六]五”)"
    r"[^。\n]{0,16}?(?:工作|目标|任务|安排|打算|计划|要求|思路|重点|部署|建议)"
    r"|工作(?:安排|打算|计划|思路)|目标任务|重点(?:工作|任务)$")
# headings of notes and glossaries at the end: 名词解释, 附件2名词解释, 有关内容名词注释, 注释
RE_NOTES_HEADING = re.compile(r"名词(?:解释|注释)|^(?:注释|注解|附注|说明)[：:]?$|^附件\s*\d*\s*[：:]?$|^附[：:]")
# a numbered section title: 一、 （一） 第一部分 1. — a long line with one of these is still a heading
RE_HEADING_MARK = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}[、．.]|（[一二三四五六七八九十]{1,3}）|第[一二三四五六七八九十]{1,3}部分)")


def zones(text: str) -> tuple[list[int], list[str]]:
    """The zone changes of ``text``: sorted start offsets and the zone from each on."""
    starts, names = [0], [REVIEW]
    pos = 0
    for line in text.split("\n"):
        s = line.strip()
        if s and (len(s) <= MAX_HEADING and not re.search(r"[。！？；]", s[:-1])
                  or RE_HEADING_MARK.match(s) and len(s) <= 2 * MAX_HEADING):
            head = s[:MAX_HEADING]
            zone = None
            if RE_NOTES_HEADING.search(head):
                zone = NOTES
            elif RE_REVIEW_HEADING.search(head):
                zone = REVIEW
            elif RE_PLAN_HEADING.search(head):
                zone = PLAN
            if zone is not None and zone != names[-1]:
                starts.append(pos)
                names.append(zone)
        pos += len(line) + 1
    return starts, names


class Zones:
    """Offset -> zone lookup for one text."""

    def __init__(self, text: str):
        self.starts, self.names = zones(text)

    def at(self, pos: int) -> str:
        return self.names[bisect.bisect_right(self.starts, pos) - 1]


# Indicators reports set targets for, by the words that name them (longest first within a group)
INDICATORS = {
    "GDP": ("国内生产总值", "地区生产总值", "生产总值", "经济增长", "经济增速", "GDP"),
    "CPI": ("居民消费价格", "消费价格", "物价总水平", "物价"),
    "surveyed-unemployment": ("城镇调查失业率", "调查失业率"),
    "registered-unemployment": ("城镇登记失业率", "登记失业率"),
    "new-urban-jobs": ("城镇新增就业",),
    "energy-intensity": ("单位国内生产总值能耗", "单位生产总值能耗", "单位GDP能耗"),
    "deficit-ratio": ("赤字率",),
    "fiscal-revenue": ("一般公共预算收入", "地方财政收入", "财政收入"),
    "retail-sales": ("社会消费品零售总额",),
    "fixed-investment": ("固定资产投资",),
    "urban-income": ("城镇居民人均可支配收入", "城镇常住居民人均可支配收入"),
    "rural-income": ("农村居民人均可支配收入", "农村常住居民人均可支配收入", "农民人均纯收入"),
    "grain-output": ("粮食产量", "粮食总产"),
}
_INDICATOR_WORDS = sorted(((w, k) for k, ws in INDICATORS.items() for w in ws), key=lambda x: -len(x[0]))
# 单位国内生产总值能耗 must not read as GDP: the longest name ending nearest the figure wins
RE_INDICATOR = re.compile("|".join(re.escape(w) for w, _ in _INDICATOR_WORDS))
_INDICATOR_OF = dict(_INDICATOR_WORDS)


def last_indicator(text: str) -> re.Match | None:
    """The last name of an indicator in ``text`` (its match), or None."""
    last = None
    for last in RE_INDICATOR.finditer(text):
        pass
    return last


def indicator(pre: str) -> str:
    """The canonical indicator the words before a figure name (the last one named), or ''."""
    last = last_indicator(pre)
    return _INDICATOR_OF[last.group(0)] if last else ""
