"""Relations between quantities: breakdowns (a total and its parts), 其中 parts against their whole,
rates and shares with their counts, changes with before/after values, and repeated figures.

Every relation is a plain row dict with the intervals the validation stage compares and a ``members``
list (role, span, value) so a verdict can point at each number. ``certain`` is False where the
relation is a guess (a finding on it is a warning, never an error).
"""

from __future__ import annotations

import functools
import itertools
import math
import re
import unicodedata

from ..numbers import TIME_UNITS
from .mentions import RE_PART_CUE, RE_PERIOD, RE_STATUS, Mention, noun_overlap, unit_key
from .scope import NOTES, indicator, last_indicator
from .text import TextIndex

# an average anywhere before a figure in its clause: 每件纱的平均用棉量已降低到
RE_MEAN = re.compile(r"平均|人均|户均|均价|单价|亩均|亩产|单产|"
                     # 各 distributes: 各区新建30个 is each district's figure (not 各类, 各项, 各级: all of them)
                     r"各(?!类|项|级|种|方面|界|族|地|行|业|部门)[\u4e00-\u9fff]{1,3}?(?:新建|建成|完成|新增|培育|建设|设立|有|达)")
# a figure compared with another: 比预算数…少支, 较上年
RE_COMPARED = re.compile(r"比|较")
# 其中 introduces parts of the figure before it, and so do leads that sort a figure into its parts: 按类别分， 分来源看， 从区域看， 来源构成为： 分布在三个街道：
RE_PART_LEAD = re.compile(r"其中|(?:按|分)[\u4e00-\u9fff]{1,6}?(?:分|划分|看|统计)[，：:]|从[\u4e00-\u9fff]{1,6}?看[，：:]|"
                          r"(?:来源|资金来源|收入)?构成(?:为|是|如下)?[：:]|分布(?:在|于)[^，。；：]{0,10}[：:]")
# a figure of the period before, stated beside this year's: 上年同期为28起
RE_PRIOR_PERIOD = re.compile(r"上年|去年|同期|上一年|前一年")
# "X中" restating a whole at the start of a clause: 34个问题中已整改29个 / 全县87户企业中
RE_IN_WHOLE = re.compile(r"^[^，；。]{0,12}中[，,]?")
# a clause that opens a new topic (its number is not a part of the figure before it)
RE_NEW_TOPIC = re.compile(r"^(?:同时|此外|另外|全年|全县|全镇|全乡|全区|全市|全省|全国|全局|各级|累计)")
# before/after of a change: 由463辆减少到392辆, 从15个工作日缩短为7个工作日
RE_FROM = re.compile(r"(?:由|从)(?:[^，；。由从]{0,14}?的|每[^，；。由从\d]{0,4}|平均|人均|户均|原来的?|原)?$")
RE_TO = re.compile(r"^[^，；。\d]{0,8}?(?:增加|减少|增长|下降|提高|降低|压缩|缩短|缩减|上升|精简|调整|扩大|提升|减|增|降|升|"
                   r"回落|下调|上调|攀升|达)?(?:到|至|为)(?:(?:19|20)\d{2}年(?:底|末)?的?|[^，；。\d]{0,6}的|平均)?$")
# comparison base: 比上年的2002件, 较上年同期的267起
RE_COMPARE = re.compile(r"(?:比|较|同比|环比)(?:[^，；。比较]{0,14}?的)?$")
RE_DOWN = re.compile(r"减少|下降|降低|压缩|缩短|缩减|回落|精简|下调|收窄|减|降|少|节约|节省|削减|跌")
RE_UP = re.compile(r"增加|增长|提高|上升|扩大|提升|新增|上调|增|升|多|攀升|涨")
RE_RATE_WORD = re.compile(r"([\u4e00-\u9fff]{1,6})率(?:为|达到|达|是|已达|保持在|提高到)?$")
RE_SHARE = re.compile(r"占(?:[^，；。占]{0,16}?)?(?:的)?(?:比重|比例)?(?:为|达|达到)?$")
RE_OF_BASE = re.compile(r"^的$")
# a figure as a share of a stated base: 完成年度计划8.5亿元的112.9%, 相当于上年的…
RE_OF_FORM = re.compile(r"(?:完成|为|相当于|是|达到)[^，；。]{0,16}的$")
# what 占…的 names as the base of a share: 占全部投资的 -> 全部投资
RE_NAMED_BASE = re.compile(r"占([^，；。占\d]{2,12}?)(?:总数|总量|总额|总户数|总人数)?的(?:比重|比例)?(?:为|达|达到)?$")
# units of measure (not counts of things): a share of them has no whole-count test
MEASURE_UNITS = {"元", "吨", "亩", "公里", "千米", "米", "平方米", "平方公里", "公顷", "千瓦时", "千瓦", "立方米", "公斤", "斤",
                 "克", "升", "标准煤", "吨标准煤"}
# counts of kinds, not of members: a share of the members has no whole-count test against them
CATEGORY_UNITS = {"类", "种", "方面", "个方面", "批", "级", "型", "大类", "档"}
# a figure of the whole area or body (全县新增就业1286人) and one of a named sub-unit (翠湖社区新增就业203人)
RE_WHOLE_SCOPE = re.compile(r"^(?:[^，；。]{0,6})?全(?:县|镇|乡|区|市|省|州|盟|旗|街道|局|系统|校)")
RE_SUBUNIT = re.compile(r"一(?:个|家|所)(?:村|镇|乡|社区|街道|单位|部门|学校|企业|县|区)就")
# a figure that is an average is no whole its parts add up to: 年均超收2040亿元，其中去年超收2573亿元
# and neither is a figure per head or per area (每千人6.5批次, 每万人口拥有, 千人口床位数)
RE_AVERAGE = re.compile(r"(?:年均|平均|人均|户均|亩均|亩产|单产|均|每|[千万百]人口?)[^，；。\d]{0,6}$")
# shares and rates bounded by 100%, with the words that tie the figure to them: 比重从45.3%上升到, 城镇化率达到
RE_BOUNDED_SHARE = re.compile(
    # (not 入学率, 普及率, 参保率, 接种率, 使用率, 结案率, 到位率: a gross enrolment, phones per hundred, a
    # population base that moves, beds used over capacity, cases closed from the backlog can pass 100%)
    r"(?:比重|占比|(?:城镇化|覆盖|达标|合格|优良|巩固|失业|发生|满意|知晓|利用|处理|回收|完好|"
    r"通达|通畅|渗透|就业|出勤|入住|治愈|检出|识字|答复|好评)率|满意度)"
    r"(?:[为是达]|达到|保持在|稳定在|(?:提高|上升|提升|增加|增长|下降|降低|回落|降)(?:到|至)|"
    r"(?:从|由)[^，；。从由]{0,14}?(?:提高|上升|提升|增加|增长|下降|降低|减少|回落)?(?:到|至|为))$")
# rates of those words that may pass 100%: 拨备覆盖率, 利息保障, a growth of the share
RE_UNBOUNDED_SHARE = re.compile(r"拨备|保障倍数|增长|增速|增幅")
# the structure of the three sectors as a ratio of percentages: 三次产业结构为3.6∶48∶48.4
_TERM = r"[0-9０-９]{1,2}(?:[.．][0-9０-９]{1,2})?"
RE_STRUCTURE = re.compile(r"(?P<name>(?:三次)?产业(?:结构|比例|比重))[^。；，\d]{0,10}?(?P<a>" + _TERM + r")\s*[:：∶]\s*(?P<b>"
                          + _TERM + r")\s*[:：∶]\s*(?P<c>" + _TERM + r")(?![\d.:：∶])")
# the structure it changed to: 由9.6∶44.5∶45.9调整为9.1∶43.1∶47.8
RE_STRUCTURE_NEXT = re.compile(r"\s*(?:调整为|调整到|变为|优化为|演进为|演变为|提升为|转变为|到|为|至)\s*(?P<a>" + _TERM
                               + r")\s*[:：∶]\s*(?P<b>" + _TERM + r")\s*[:：∶]\s*(?P<c>" + _TERM + r")(?![\d.:：∶])")
# a sector's share changing by points: 第三产业比重提高1.9个百分点
RE_SECTOR_CHANGE = re.compile(r"第(?P<sector>[一二三])产业(?:增加值)?(?:所占)?(?:比重|占比)(?P<verb>提高|上升|提升|增加|下降|降低|"
                              r"减少|回落)了?(?P<n>[0-9０-９]{1,2}(?:[.．][0-9０-９]{1,2})?)个百分点")
# a project's total investment, and the investment done on it
RE_TOTAL_INVESTMENT = re.compile(r"总投资(?:约|超过|达|近)?$")
RE_INVESTMENT_DONE = re.compile(r"完成(?:投资|固定资产投资)(?:约|达|超过|近)?$")
# the words a target names before its growth: 地方财政总收入增长 -> 地方财政总收入 (four characters or more)
RE_TARGET_SUBJECT = re.compile(r"^(?P<subject>[\u4e00-\u9fff]{4,20}?)(?:预计|预期|力争|要|将)?(?:增长|提高|增加)了?$")
# the growth and the target value it reaches: 增长20%，达到24.8亿元
RE_TARGET_LINK = re.compile(r"(?:左右)?[，,]?(?:达到|达|为|突破|至|到)")
# the verbs between a base's words and its figure: 地方财政总收入完成20.67亿元
RE_BASE_VERB = re.compile(r"(?:完成|达到|实现|达|为|是|突破|共|累计|总额|总量)$")
# a paragraph that opens with its topic: 关于经济增长。
RE_TOPIC = re.compile(r"\s*关于([^。，；\n]{2,12})[。：:]")
# a target word before a figure: 预期目标6%－7% (控制在3.3% alone is as often a result)
RE_TARGET_WORD = re.compile(r"目标|预期")
# a share of an indicator, not the indicator: 占GDP比重
RE_SHARE_WORD = re.compile(r"占|比重|比例|强度")
# an average over years (a five-year target), not one year's
_ANNUAL = r"年均|年平均|每年平均|平均每年"
RE_ANNUAL_WORD = re.compile(_ANNUAL)
# what may stand right before an indicator's name when the name begins there
RE_INDICATOR_LEAD = re.compile(r"(?:提出|是|为|的|和|及|与|要|将|把|对|力争|确保|预计|预期|实现|推动|保持|促进|其中|中央|地方|全国|全省|全市|"
                               r"全区|全县|全年|今年|明年|去年|上年|城镇|农村|城市|本级|省级|市级|县级)$")
# a growth (not a level) between an indicator's name and its figure
RE_GROWTH_WORD = re.compile(r"增长|增速|涨幅|上涨|增幅|下降|降低|提高|回落")
# words that narrow an indicator's scope: 中央一般公共预算收入 is not 一般公共预算收入
RE_SCOPE_WORD = re.compile(r"中央|地方|全国|城镇|农村|城市|本级|全省|全市|全区|省级|市级|县级")
# the ratio of urban to rural income: 城乡居民收入比由2.13缩小到2.05, 城乡收入比缩小至2.04∶1 (the figure after
# 到/至/为, the last one named)
RE_INCOME_RATIO = re.compile(r"城乡(?:居民)?(?:人均)?(?:可支配)?收入(?:之)?比(?:[^，。；\n]{0,16}?(?:到|至|为|是|达))?\s*"
                             r"(?P<x>[0-9０-９]{1,2}[.．][0-9０-９]{1,2})(?:\s*[:：∶比]\s*1)?(?![\d.%％])")
RE_URBAN_INCOME = re.compile(r"(?:城镇|城市)(?:常住)?居民(?:人均)?(?:可支配|年)?收入(?:完成|达到|达|为|是|突破)?$")
RE_RURAL_INCOME = re.compile(r"(?:农村|农牧)(?:牧区)?(?:常住)?居民(?:人均)?(?:可支配|纯|年)?收入(?:完成|达到|达|为|是|突破)?$|"
                             r"农民人均(?:可支配|纯)?收入(?:完成|达到|达|为|是|突破)?$")
RE_BOTH_INCOMES = re.compile(r"城乡居民(?:人均)?(?:可支配)?收入分别(?:达到|达|为|是)?$")
RE_FIGURE_PAIR = re.compile(r"[、和及与]")
# an average annual rate: 年均增长12.1%, 年均递增, 年平均增长, 每年平均增长
RE_ANNUAL = re.compile(r"(?:" + _ANNUAL + r")(?:增长|增速|提高|递增|上涨|上升|增加|下降|减少|递减)?(?:了|为|达|达到)?$")
# growth at comparable prices, or of aggregates reported that way, is not worked out from nominal values
RE_REAL_GROWTH = re.compile(r"实际|可比|不变价|扣除价格|生产总值|增加值|GDP|经济增长|经济总量")
RE_YEAR = re.compile(r"((?:19|20)\d{2})年")
# a span of years named: 五年来, 过去五年, 近5年, 这五年, “十二五”时期 (a five-year plan period)
RE_YEAR_SPAN = re.compile(r"(?:过去|近|这|最近|前)?(?P<n>[二三四五六七八九十\d]{1,2})年(?:来|间|中|里|内)|"
                          r"过去(?P<n2>[二三四五六七八九十])年|(?P<plan>“?十[一二三四五六七八九]五”?(?:时期|期间|以来))")
# a count of what was examined, checked or surveyed (对17支工作队进行考核, 抽查了23个乡镇)
RE_EXAMINED = re.compile(r"(?:对|抽查|检查|考核|评估|调查|走访|排查)了?$")
# a share of those selected by a relative clause: 评为优秀的占, 达标的占, 其中合格的占
RE_SELECTED = re.compile(r"^(?:其中)?[\u4e00-\u9fff]{1,8}的(?:占|比例为|比例达)$")
# the base 占 names, up to the share: 占地方财政总支出的
RE_SHARE_OF = re.compile(r"占[^，；。占]{1,24}?的?(?:比重|比例)?(?:为|达|达到)?$")
# a base a share may exceed: a plan, a target, a task, an earlier period (预算 as a plan, not 预算支出)
RE_EXCEEDABLE_BASE = re.compile(r"计划|目标|任务|上年|去年|同期|年初|基数|预算(?!支出|收入|内|外)")
# shares that may exceed 100%: plan completion, growth, 是…的N倍
RE_COMPLETION = re.compile(r"完成|计划|目标|预算|任务|上年|去年|同期|增长|增|为上|是上")


def _member(role: str, m: Mention) -> dict:
    n = m.num
    return {"role": role, "start": n.start, "end": n.end, "value": n.value, "low": n.low, "high": n.high,
            "text": n.raw}


def _span(members: list[dict]) -> tuple[int, int]:
    return min(x["start"] for x in members), max(x["end"] for x in members)


def _sum(ms: list[Mention]) -> tuple[float, float]:
    return sum(m.num.low for m in ms), sum(m.num.high for m in ms)


# generic classifiers that count the same items in one breath: 137个意见…已整改113项
LOOSE_UNITS = {"个", "项", "条", "件"}
# a status word right before a number marks it as a part: 现已整改到位113项, 正在协调10项
# a verb that starts a new action in a clause
RE_NEW_ACTION = re.compile(r"制定|建立|出台|召开|开展|组织|发放|收集|走访|举办|完成|实现|新增|清理|查处|印发|办结|受理|培训|"
                           r"选派|投入|落实|解决|帮助|慰问|整改|追缴|移交|处理|给予|约谈|通报")
# a count of what is not done yet: 需持续整改5个, 正在办理3件
RE_NOT_DONE = re.compile(r"需|正在|尚未|未|待|其余|剩余|持续")
# a sentence that states a plan: 明年计划新建学校4所
RE_PLAN_SENT = re.compile(r"计划|明年|下一步|力争|目标|预计|拟|将")
# 41条对策建议已有33条 / 87户企业中有61户 / 23个村里已有19个
RE_HAS_PART = re.compile(r"[\u4e00-\u9fff“”]{0,10}?(?P<sure>中有|里有|已有|已经有|中已有|其中有)")
# the part of a list or plan done so far: 目前已完成16项, 已办结3108条
RE_DONE_PART = re.compile(r"已(?:经)?(?:全部|基本)?(?:完成|整改|办结|解决|落实|化解|销号|兑现|答复|办理)(?:到位)?$")
RE_PART_NEAR = re.compile(r"已|正在|尚未|未|其余|剩余|基本|需长期|需持续|持续|跟踪")


def _near(slo: float, shi: float, clo: float, chi: float, tol: float = 0.30) -> bool:
    """True when a stated and a computed interval are within ``tol`` (relative) of each other."""
    if not all(math.isfinite(v) for v in (slo, shi, clo, chi)):
        return False
    s, c = (slo + shi) / 2, (clo + chi) / 2
    return abs(s - c) <= tol * max(abs(s), abs(c), 1e-9)


def _loosely_compatible(a: Mention, b: Mention) -> bool:
    return _compatible(a, b) or (a.unit in LOOSE_UNITS and b.unit in LOOSE_UNITS
                                 and a.num.kind == b.num.kind == "quantity")


def _compatible(a: Mention, b: Mention) -> bool:
    return a.num.kind == b.num.kind == "quantity" and unit_key(a.unit) == unit_key(b.unit) and a.unit != ""


class Relations:
    """Builds all relation tables of one report from its mentions."""

    def __init__(self, text: str, index: TextIndex, mentions: list[Mention]):
        self.text = text
        self.index = index
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
        gap = (mid_s - mid_t) / mid_t
        # A list of categories after 其中 need not be exhaustive: a sum far below the total is a
        # partial list, not a contradiction. A near miss (within 10%) or an excess is a real mismatch.
        exhaustive = form in ("status", "before") or gap > -0.10
        if _stock_or_flow(total) and any(_stock_or_flow(p) not in ("", _stock_or_flow(total)) for p in parts):
            # 累计建成100个，其中今年新建20个…: this year's additions are parts of the stock, not all of it
            exhaustive = False
        members = [_member("total", total)] + [_member("part", p) for p in parts]
        s, e = _span(members)
        # a whole restated ("93条整改措施中…") points back at where it was first stated
        first = next((m for m in self.mentions if m.num.end <= total.num.start and m.num.value == total.num.value
                      and m.unit == total.unit and m.sentence != total.sentence
                      and noun_overlap(m.noun, total.noun) >= 2), None)
        if first is not None:
            members.append(_member("total first stated", first))
        sure = bool(certain and exhaustive and (gap > -0.25) and gap < 0.5)
        if not sure and (gap < 0 or gap >= 0.5):
            # an unsure link whose parts fall short is a partial list; one whose parts overshoot by half
            # is a wrong link: neither is checked
            exhaustive = False
        row = {"id": len(self.breakdowns), "form": form, "unit": total.unit, "noun": total.noun,
               "total": total.num.value, "total_low": tlo, "total_high": thi,
               "parts_sum": sum(p.num.value for p in parts), "sum_low": slo, "sum_high": shi,
               "n_parts": len(parts), "approx": approx, "exhaustive": exhaustive,
               "certain": sure,
               "start": s, "end": e, "members": members}
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
                    cands = [m for m in prev if m.is_count and not RE_COMPARED.search(m.pre)]
                    chosen: dict[str, Mention] = {}
                    for m in cands if form == "其中" else reversed(cands):
                        if "total" not in chosen.get(unit_key(m.unit), m).roles or "total" in m.roles:
                            chosen[unit_key(m.unit)] = m
                    before = sorted(chosen.values(), key=lambda m: m.num.start)
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
            # a clause that starts a new action is not a part (…奢靡之风问题8条，制定整改措施96条)
            if parts and m.clause != parts[-1].clause and RE_NEW_ACTION.search(m.pre):
                break
            # the rest after the categories is the last part (…农村20所，其余8所为民办)
            if parts and re.match(r"^(?:其余|剩余|余下|另有|此外还有)", m.pre) \
                    and not re.match(r"^(?:已|正在|尚未|其余)", parts[0].pre):
                parts.append(m)
                break
            # a status clause after the categories starts another relation (…，已办结149件)
            if parts and re.match(r"^(?:已|正在|尚未|累计|共)", m.pre) and not re.match(r"^(?:已|正在|尚未|其余)", parts[0].pre):
                break
            parts.append(m)
        if not parts or any(_per_unit(p) for p in parts):
            return  # averages are no parts of a whole
        certain = all(("plan" in p.roles) <= ("plan" in whole.roles) for p in parts)
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
            if whole.id in self.part_of:
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
            if self._subject(ms, m) or m.clause > after.clause + reach:
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
                                "exhaustive": True, "certain": True, "start": sp, "end": ep, "members": members})
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
        ms = self.by_sentence[sid]
        for k, m in enumerate(ms):
            if m.num.kind != "percent" or {"change", "before", "after"} & m.roles:
                continue  # 占比从26%提升至35%: the shares of a change, not shares of a count here
            pre = m.pre
            named = RE_NAMED_BASE.search(pre)  # 占课题总数的: the base the share names
            rw = RE_RATE_WORD.search(pre)
            share = RE_SHARE.search(pre)
            of_form = not rw and not share and RE_OF_FORM.search(pre)
            if not rw and not share and not of_form:
                continue
            counts = [x for x in ms[:k] if x.is_count or (x.num.kind == "quantity" and x.unit and x.unit not in TIME_UNITS
                                                          and "rate" not in x.roles
                                                          and "change" not in x.roles)]
            num = den = None
            form = ""
            if rw:
                stem = rw.group(1)
                verb = stem[-2:]
                # numerator: the latest count whose clause names the verb of the rate (办结率 -> 已办结3108条)
                cands = [x for x in counts if verb in x.pre or verb in x.post[:4] or (x.verb and x.verb in stem)]
                if not cands:
                    cands = [x for x in self._prev_counts(m) if verb in x.pre]
                if not cands:  # 收回3.52万份，回收率92.6%: the same verb in the other order
                    cands = [x for x in counts if len(x.verb) == 2 and set(x.verb) == set(verb)]
                # the numerator counts what is done: 已整改到位29个, not 需持续整改5个
                done = [x for x in cands if not RE_NOT_DONE.search(x.pre[-8:])]
                cands = done or cands
                if cands:
                    num = cands[-1]
                    den = self._denominator(num, counts)
                    # 办复建议84件、提案65件，办复率100%: items of one list are not a part and its whole
                    if den is not None and den.clause == num.clause and \
                            re.search(r"[、和及与]", self.text[den.num.end: num.num.start]):
                        den = None
                form = "rate"
            else:
                # 占计划142亿元的92.5% / 其中女性480人，占32.17% / 全县87户企业中，…的有61户，占70.1%
                base_in = [x for x in counts if x.num.start > m.clause_start and x.num.start < m.num.start]
                if base_in and RE_OF_BASE.search(self.text[base_in[-1].num.end: m.num.start]):
                    den = base_in[-1]
                    prior = [x for x in counts if x.num.end <= m.clause_start and _compatible(x, den)]
                    num = prior[-1] if prior else None
                elif of_form:
                    continue
                else:
                    prior = [x for x in counts if x.num.end <= m.num.start]
                    named_subject = re.match(r"[^占]*[\u4e00-\u9fff][^占]*占", self.text[m.clause_start: m.num.start])
                    explicit = self._base_of_share(m)
                    if explicit is not None and named_subject and explicit.clause == m.clause - 1:
                        den = explicit  # 全乡23名村党组织书记中，大专以上学历的占37.5%
                    elif prior and prior[-1].clause == m.clause - 1 and named_subject and \
                            not (prior[-1].id in self.whole_of or "part" in prior[-1].roles):
                        # 选举产生成员250人，女性占31.2%: the share names its subject, the count is its base (a
                        # guess, unless the count is what was examined and the share selects from it: 对17支
                        # 工作队进行考核，评为优秀的占52.6%)
                        den = prior[-1]
                        if not (RE_EXAMINED.search(self.text[den.clause_start: den.num.start])
                                and RE_SELECTED.match(self.text[m.clause_start: m.num.start])):
                            self.guessed_bases.add(m.id)
                    elif prior and prior[-1].clause >= m.clause - 1:
                        num = prior[-1]
                        den = self._denominator(num, counts)
                        if den is None and named:
                            # 确定调研课题48个，已形成调研报告31篇，占课题总数的64.6%: the base named, in
                            # another unit (a guess: never sure)
                            den = next((x for x in reversed(counts) if x is not num and x.num.end <= num.num.start
                                        and noun_overlap(named.group(1), x.noun) >= min(len(named.group(1)), 4)),
                                       None)
                            if den is not None:
                                self.guessed_bases.add(m.id)
                    else:
                        den = self._base_of_share(m) or self._share_run_base(ms, k)
                form = "share"
            plo, phi = m.num.low, m.num.high
            if share and form == "share" and RE_SHARE_OF.search(pre):
                # 占地方财政总支出的147.5%: a share of what 占 names; only a plan, a target or an earlier
                # period can be exceeded (占年度计划的112%), not an amount (预算支出 is spending)
                can_exceed = bool(RE_EXCEEDABLE_BASE.search(RE_SHARE_OF.search(pre).group(0)))
            else:
                can_exceed = bool(RE_COMPLETION.search(m.sent_start and self.text[m.sent_start:m.num.start] or pre))
            if form == "share" and plo > 100.0 and not can_exceed:
                # 有外出务工人员的家庭占比达到112%: a share above the whole needs no base to be impossible
                self._add_over_100(m)
                continue
            if den is None or den.num.value in (None, 0):
                continue
            if num is not None and not _compatible(num, den) and m.id not in self.guessed_bases:
                continue
            if num is not None and num.num.raw == den.num.raw and num.unit == den.unit and num.sentence != den.sentence:
                continue  # one figure stated twice (a headline and its story) is no part of itself
            if named and _shared_bigrams(named.group(1), den.pre[-12:] + den.noun) < min(len(named.group(1)) - 1, 3):
                continue  # 占规划总投资的65.5%, 占本年收入的2.29%: the base it names is not the figure found
            if num is not None:
                self.share_base[num.id] = den
            members = ([_member("numerator", num)] if num else []) + [_member("denominator", den), _member("rate", m)]
            s, e = _span(members)
            row = {"id": len(self.rates), "form": form, "stated": m.num.value, "stated_low": plo, "stated_high": phi,
                   "numerator": num.num.value if num else math.nan, "denominator": den.num.value,
                   "computed_low": math.nan, "computed_high": math.nan, "grim_ok": True, "over_100": False,
                   "can_exceed_100": can_exceed, "certain": True, "start": s, "end": e, "members": members}
            if num is not None:
                cands = [num.num.low / den.num.low, num.num.low / den.num.high, num.num.high / den.num.low,
                         num.num.high / den.num.high] if den.num.low > 0 and math.isfinite(den.num.high) \
                    and math.isfinite(num.num.high) else []
                if not cands:
                    continue
                row["computed_low"], row["computed_high"] = min(cands) * 100, max(cands) * 100
                # a share's base is stated with it: 占规划总投资的65.5% does not point at a figure sentences back
                row["certain"] = _near(plo, phi, row["computed_low"], row["computed_high"]) \
                    and num.id not in self.far_links and not (form == "share" and den.sentence != m.sentence)
                if not row["certain"] and row["computed_low"] > 100.0 and (not can_exceed or phi <= 100.0):
                    continue  # counts that give more than the whole were linked wrongly
            else:
                # GRIM: some whole count k of the base must give the stated share (the rates suite tests it)
                base = den.num
                if base.approx or base.low != base.high or base.low > 100000 or den.unit in MEASURE_UNITS \
                        or den.unit in CATEGORY_UNITS \
                        or (named and noun_overlap(named.group(1), den.noun) < 2):
                    continue
            if m.id in self.guessed_bases:
                row["certain"] = False
            self.rates.append(row)

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
                               "computed_low": clo, "computed_high": chi, "grim_ok": True, "over_100": False,
                               "can_exceed_100": True, "years": float(n), "certain": True, "start": s, "end": e,
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
                               "computed_high": urban.num.high / rural.num.low, "grim_ok": True,
                               "over_100": False, "can_exceed_100": True, "years": math.nan,
                               "certain": True, "start": sp, "end": ep, "members": members})

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
        flagged = {(r["start"], r["end"]) for r in self.rates if r["over_100"]}
        for m in self.mentions:
            if m.num.kind != "percent" or m.num.low <= 100.0 or (m.num.start, m.num.end) in flagged:
                continue
            if not RE_BOUNDED_SHARE.search(m.pre) or RE_UNBOUNDED_SHARE.search(m.pre):
                continue
            self._add_over_100(m)

    def _add_over_100(self, m: Mention) -> None:
        """A share stated above 100% of a whole it cannot exceed: a row with the share alone."""
        self.rates.append({"id": len(self.rates), "form": "share", "stated": m.num.value, "stated_low": m.num.low,
                           "stated_high": m.num.high, "numerator": math.nan, "denominator": math.nan,
                           "computed_low": math.nan, "computed_high": math.nan, "grim_ok": True,
                           "over_100": True, "can_exceed_100": False, "certain": True,
                           "start": m.num.start, "end": m.num.end, "members": [_member("rate", m)]})

    def _prev_counts(self, m: Mention) -> list[Mention]:
        out = []
        for sid in range(m.sentence - 3, m.sentence):
            out += [x for x in self.by_sentence.get(sid, []) if x.is_count and x.paragraph >= m.paragraph - 1]
        return out

    def _denominator(self, num: Mention, counts: list[Mention]) -> Mention | None:
        """The whole a numerator is counted against: its breakdown's total, its 其中 whole, an "X中"
        whole, or the count of the same unit just before it."""
        if num.id in self.whole_of:
            return self.whole_of[num.id]
        earlier = [x for x in counts if x.num.end <= num.num.start and _compatible(x, num) and "before" not in x.roles]
        # the count may sit in the sentences before (共收集…3406条。…已办结3108条)
        earlier = earlier or [x for x in self._prev_counts(num) if _compatible(x, num) and "before" not in x.roles]
        if not earlier:
            # the stated total of the same things, further back in the report (a guess)
            earlier = [x for x in self.mentions if x.num.end <= num.num.start and _compatible(x, num)
                       and "total" in x.roles and x.paragraph >= num.paragraph - 6 and len(num.noun) >= 2
                       and noun_overlap(x.noun, num.noun) >= len(num.noun) and x.id not in self.whole_of]
            if not earlier:
                return None
            self.far_links.add(num.id)
        x = earlier[-1]
        if x.id in self.share_base:
            # 工业部门为248.5亿元，占58.2%；农业部门为32.6亿元，占7.6%: siblings share one whole
            return self.share_base[x.id]
        # a part of a breakdown stands for its whole
        return self.whole_of.get(x.id, x)

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
            for prev in reversed(same_unit[-REPEAT_WINDOW:]):
                # a result in the review and a target in the plan are two figures, unless the plan
                # restates the result (在去年…361公里的基础上)
                if prev.sentence == m.sentence or (prev.zone != m.zone and not restated):
                    continue
                agree = prev.num.low <= m.num.high and m.num.low <= prev.num.high
                ratio = (m.num.value or 0) / (prev.num.value or 1)
                # different figures not alike are different populations or periods, not a typo
                alike = abs(ratio - 1) <= 0.05 or (0.1 < ratio < 10 and _miscopied(prev.num.raw, m.num.raw))
                # a set named again by who stated it, of the same noun (巡视反馈的28个问题 … 针对巡视反馈的26个问题)
                # is the same set whatever its value
                named_again = bool(restated and (by := RE_STATED_BY.search(m.pre)) and by.group(0) in prev.pre[-12:]
                                   and prev.noun and prev.noun == m.noun)
                if not agree and not alike and not named_again:
                    continue
                # a restated set points back across periods (截至11月… / 力争2015年…完成正在整改的13个)
                if not self._same_thing(prev, m, restated) or not (restated or self._same_scope(prev, m)):
                    continue
                members = [_member("first", prev), _member("second", m)]
                s, e = _span(members)
                # (a verb may come back inside a noun: 流转土地1.26万亩 … 土地流转面积达1.62万亩)
                same_words = bool(prev.verb and (prev.verb == m.verb or len(prev.verb) >= 2 and prev.verb in m.noun)
                                  and noun_overlap(prev.noun, m.noun) >= 2)
                if not agree and not same_words and not named_again:
                    continue  # two unlike figures under unlike words: nothing says they are one figure
                self.repeats.append({"id": len(self.repeats), "form": "restated" if restated else "figure",
                                     "noun": m.noun or prev.noun, "unit": m.unit,
                                     "first": prev.num.value, "first_low": prev.num.low, "first_high": prev.num.high,
                                     "second": m.num.value, "second_low": m.num.low, "second_high": m.num.high,
                                     # sure only when the same verb acts on the same noun (走访农户 / 走访的…户农户)
                                     "certain": same_words or named_again,
                                     "start": s, "end": e, "members": members})
                break
            same_unit.append(m)

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
# a figure restated as a known set: 正在整改的13个问题, 尚未完成的5个, 剩余41户, 在去年…361公里的基础上
# (and a set named by who stated it: 年初确定的5260人减贫任务, 巡视反馈的26个问题, 梳理出的…)
RE_RESTATED = re.compile(r"(?:正在|尚未|未|需长期|需持续|其余|剩余|余下)[\u4e00-\u9fff]{0,4}的?$|已[\u4e00-\u9fff]{1,4}的$|"
                         r"(?:确定|提出|下达|反馈|交办|梳理出?|排查出?|列出|明确|认定)的$")
# who stated a set named again: 巡视反馈的, 年初确定的
RE_STATED_BY = re.compile(r"[\u4e00-\u9fff]{2}(?:确定|提出|下达|反馈|交办|梳理出?|排查出?|列出|明确|认定)的$")
RE_ON_BASIS = re.compile(r"在[^，；。]{0,20}$")
RE_STATUS_WORD = re.compile(r"正在|尚未|未|需长期|需持续|其余|剩余|余下|已")
STATUS_GROUPS = {"正在": "doing", "尚未": "left", "未": "left", "其余": "left", "剩余": "left", "余下": "left",
                 "需长期": "long", "需持续": "long", "已": "done"}


RE_STATUS_STEM = re.compile(r"(?:已完成|已经|已|正在|需长期|需持续|尚未|基本完成)([\u4e00-\u9fff]{2})")


def _status_stems(parts: list[Mention]) -> set[str]:
    """What status parts act on: 已完成整改52项 / 正在整改13个 -> 整改."""
    return {m.group(1) for p in parts for m in RE_STATUS_STEM.finditer(p.pre)} - {"完成", "到位", "基本"}


def _names_stem(m: Mention, stems: set[str]) -> bool:
    """The figure's own words name one of the stems (68项具体整改任务, 需整改的问题58个)."""
    words = m.noun + m.pre[-12:]
    return any(s in words for s in stems)


# a stock (累计, 总量, 保有, 现有 …) and a flow (新增, 新建, 新开工 …) of the same things
RE_STOCK = re.compile(r"累计|总量|保有|现有|存量|共有|总数|余额|达到|突破")
RE_FLOW = re.compile(r"新增|新建|新开工|新开|新认定|新培育|新引进|新签|当年|今年|全年")


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


def _same_status(a: str, b: str) -> bool:
    """Two clause prefixes name the same status (正在 / 正在; 其余 / 尚未 / 剩余)."""
    sa = {STATUS_GROUPS[w] for w in RE_STATUS_WORD.findall(a)}
    sb = {STATUS_GROUPS[w] for w in RE_STATUS_WORD.findall(b)}
    return bool(sa & sb)


@functools.lru_cache(maxsize=4096)
def _miscopied(a: str, b: str) -> bool:
    """Two written figures one of which looks like a miscopy of the other: the same digits in another
    order (2140 / 2410), or one digit changed in three or more (361 / 351)."""
    a, b = unicodedata.normalize("NFKC", a), unicodedata.normalize("NFKC", b)
    da, db = re.sub(r"\D", "", a.split(".")[0]), re.sub(r"\D", "", b.split(".")[0])
    if da == db or not da or not db or len(da) != len(db):
        return False
    if sorted(da) == sorted(db):
        return True
    return len(da) >= 3 and sum(x != y for x, y in zip(da, db)) == 1


# what may stand before a change verb without naming a new subject: 每月提高500元, 平均提高126平方米
RE_CHANGE_PREFIX_OK = re.compile(r"^(?:即|亦即|也即|也就是说?|就是)?(?:同比|环比|名义|实际|平均|人均|户均|每[\u4e00-\u9fff]{1,2}?|累计|共|分别|净|总共|一共|合计|相应|大幅|明显)?|"
                                 r"(?:增加|减少|增长|下降|提高|降低|压缩|缩短|缩减|上升|回落|扩大|新增|增|减|降|升|多|少|节约|"
                                 r"节省|精简|削减|下调|上调|提升|增收|减收|收窄|攀升)(?:了|约|近|超过|达)?$")
def extract_relations(text: str, index: TextIndex, mentions: list[Mention]) -> Relations:
    """All relation rows of one report."""
    return Relations(text, index, mentions).build()
