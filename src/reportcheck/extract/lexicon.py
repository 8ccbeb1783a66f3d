"""The words the extractors read, in one place: word lists, and the regular expressions composed from
them, each with a comment and an example of what it matches.

The lists shared by several cues are named once (the change verbs, the status words and their groups,
the verbs that name who stated a set, the periods before, the scopes wider than a report's own) and the
expressions are composed from them, so a word added to a list reaches every cue that reads it. The
expressions of one figure (``mentions``: total, part, status, change, rate, plan and period cues) come
first, then those that link figures (``relations``). Order inside an alternation matters only where a
longer word must win over its prefix at one place (尚未 before 未): the lists keep that order. The names
of the indicators reports set targets for are in extract/scope.py (``INDICATORS``), with the zones.
"""

from __future__ import annotations

import re


def _alt(words) -> str:
    """An alternation of ``words`` (regular expression fragments), in their order."""
    return "|".join(words)


# ----------------------------------------------------------------------------------------- word lists
# verbs of a rise and of a fall before a change's figure: 增长8.9%, 减少71辆
UP = ("增加", "增长", "提高", "上升", "扩大", "提升", "新增", "上调", "增", "升", "多", "攀升", "涨")
DOWN = ("减少", "下降", "降低", "压缩", "缩短", "缩减", "回落", "精简", "下调", "收窄", "减", "降", "少", "节约", "节省",
        "削减", "跌")
# the period before, stated beside this year's figure: 上年同期为28起
PRIOR_PERIOD = ("上年", "去年", "同期", "上一年", "前一年")
# who stated a set that is named again: 年初确定的, 巡视反馈的, 梳理出的
STATED_BY = ("确定", "提出", "下达", "反馈", "交办", "梳理出?", "排查出?", "列出", "明确", "认定")
# the status words of a status run and the group each belongs to (a run's parts are of different groups)
STATUS_GROUPS = {"正在": "doing", "尚未": "left", "未": "left", "其余": "left", "剩余": "left", "余下": "left",
                 "需长期": "long", "需持续": "long", "已": "done"}
# the whole scopes a share may name as its base (占全国34.5%, 占全县的…): a base found for it must name
# the same scope, or the share is of a whole stated nowhere in the report
WIDER_SCOPES = ("全国", "全省", "全市", "全区", "全县", "全州", "全球", "全世界", "世界")

# the verbs a rate's count may be named by when the rate says it in other words: 审结7718件，结案率95.4%
RATE_VERB_SYNONYMS = {"结案": ("审结", "办结", "执结"), "办结": ("办理完毕", "办复", "结案"), "办复": ("办结", "答复"),
                      "执结": ("结案",), "销号": ("整改完成", "完成整改"), "完成": ("完工", "建成")}

# ----------------------------------------------------------------------------------------- one figure's cues
# total cue right before the number in its clause: 共收集…137条, 合计, 累计, 总计, 以上共计
# (共 of 共建, 共享, 共同, 公共, 共产党 … is no total)
RE_TOTAL_CUE = re.compile(r"(?:(?<!公)共(?![建享同识产商治赢青和用担通创办])|共计|合计|累计|总计|总数|总共|一共|总量|总额|总人数|总户数)[^，；。]{0,12}$")
# part cue at the start of the clause: 其中…, 已整改…, 正在…, 尚未…, 其余…
RE_PART_CUE = re.compile(r"^(?:其中|其余|剩余|另有|已|正在|尚未|未|待|仍有|仍|基本|需|阶段性)")
# status words anywhere in the clause before the number
RE_STATUS = re.compile(r"已|正在|尚未|未能?|待|其余|剩余|基本完成|需长期|需持续|长期坚持|持续|跟踪|推进中|办理中|阶段性|"
                       r"保留|撤并|取消|合并|整合|废止|修订|新建|在建|完成|办结|化解|整改|解决|答复|立行立改|转办|交办|销号")
# change verb right before the number: 减少71辆, 增长8.9%, 提高了8.6个百分点
RE_CHANGE_CUE = re.compile(r"(?:增加|减少|增长|下降|提高|降低|压缩|缩短|缩减|上升|回落|扩大|新增|增|减|降|升|多|少|节约|节省|"
                           r"精简|削减|下调|上调|提升|增收|减收|增幅|降幅|涨幅|跌幅|收窄|增速|攀升)(?:了|约|近|超过|达)?$")
# rate cue: 办结率91.3%, 占32.2%, 比重, 比例
RE_RATE_CUE = re.compile(r"(?:率|占|比重|比例|占比|面|覆盖|达标)(?:为|达到|达|是|已达|提高到|保持在|稳定在)?(?:了)?$")
# plan cue anywhere before the number in the clause or sentence
# (要 of 需要, 主要, 重要, 要求 is no plan)
RE_PLAN_CUE = re.compile(r"计划|目标|力争|预计|拟|争取|将要|将|确保|(?<![需主重必只摘纲提])要(?![求点素害领])|规划|预期|打算|安排|"
                         r"年底前|以前|之前")
# period words that tie a figure to a time: 今年, 上年, 五年来, 一季度
RE_PERIOD = re.compile(r"(?:(?:19|20|１９|２０)\d{2}年|今年|去年|上年|前年|明年|本年|全年|当年|每年|年均|上半年|下半年|[一二三四]季度|前三季度|"
                       r"[一二三四五六七八九十两\d]{1,2}年(?:来|间|中)|过去[一二三四五六七八九十\d]{1,2}年|"
                       r"[一二三四五六七八九十\d]{1,2}月(?:份|末|底)?(?![一二三四五六七八九十\d]{1,3}[日号])|同期|年初|年末|期间)")
RE_NOUN_AFTER = re.compile(r"[\u4e00-\u9fff“”A-Za-z]{1,10}")
RE_CUT_AFTER = re.compile(r"的|和|及|与|等|，|、|；|。|（|是|被|已|为|在|中|时|后|里|参加|参与|通过|全部|均|都|共|其中|[\d]")

# ----------------------------------------------------------------------------------------- linking figures
# an average anywhere before a figure in its clause: 每件纱的平均用棉量已降低到
RE_MEAN = re.compile(r"平均|人均|户均|均价|单价|亩均|亩产|单产|"
                     # 各 distributes: 各区新建30个 is each district's figure (not 各类, 各项, 各级: all of them)
                     r"各(?!类|项|级|种|方面|界|族|地|行|业|部门)[\u4e00-\u9fff]{1,3}?(?:新建|建成|完成|新增|培育|建设|设立|有|达)")
# a figure compared with another: 比预算数…少支, 较上年
RE_COMPARED = re.compile(r"比|较")
# 其中 introduces parts of the figure before it, and so do leads that sort a figure into its parts: 按类别分， 分来源看， 从区域看， 来源构成为： 分布在三个街道： 分别用于
RE_PART_LEAD = re.compile(r"其中|(?:按|分)[\u4e00-\u9fff]{1,6}?(?:分|划分|看|统计)[，：:]|从[\u4e00-\u9fff]{1,6}?看[，：:]|"
                          r"(?:来源|资金来源|收入)?构成(?:为|是|如下)?[：:]|分布(?:在|于)[^，。；：]{0,10}[：:]|分别用于")
# a figure of the period before, stated beside this year's: 上年同期为28起
RE_PRIOR_PERIOD = re.compile(_alt(PRIOR_PERIOD))
# "X中" restating a whole at the start of a clause: 34个问题中已整改29个 / 全县87户企业中
RE_IN_WHOLE = re.compile(r"^[^，；。]{0,12}中[，,]?")
# a clause that opens a new topic (its number is not a part of the figure before it)
RE_NEW_TOPIC = re.compile(r"^(?:同时|此外|另外|全年|全县|全镇|全乡|全区|全市|全省|全国|全局|各级|累计)")
# before/after of a change: 由463辆减少到392辆, 从15个工作日缩短为7个工作日
RE_FROM = re.compile(r"(?:由|从)(?:[^，；。由从]{0,14}?的|每[^，；。由从\d]{0,4}|平均|人均|户均|原来的?|原)?$")
RE_TO = re.compile(r"^[^，；。\d]{0,8}?(?:增加|减少|增长|下降|提高|降低|压缩|缩短|缩减|上升|精简|调整|扩大|提升|减|增|降|升|"
                   r"回落|下调|上调|攀升|达)?(?:到|至|为)(?:(?:19|20|１９|２０)\d{2}年(?:底|末)?的?|[^，；。\d]{0,6}的|平均)?$")
# the period before stated as a figure of its own: 税收收入13.52亿元，上年同期为12.68亿元，同比增长…
RE_PRIOR_STATED = re.compile(r"(?:" + _alt(PRIOR_PERIOD) + r")(?:同期)?(?:为|是|完成|达)$")
# comparison base: 比上年的2002件, 较上年同期的267起
RE_COMPARE = re.compile(r"(?:比|较|同比|环比)(?:[^，；。比较]{0,14}?的)?$")
RE_DOWN = re.compile(_alt(DOWN))
RE_UP = re.compile(_alt(UP))
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
RE_YEAR = re.compile(r"((?:19|20|１９|２０)\d{2})年")
# a span of years named: 五年来, 过去五年, 近5年, 这五年, “十二五”时期 (a five-year plan period)
RE_YEAR_SPAN = re.compile(r"(?:过去|近|这|最近|前)?(?P<n>[二三四五六七八九十\d]{1,2})年(?:来|间|中|里|内)|"
                          r"过去(?P<n2>[二三四五六七八九十])年|(?P<plan>“?十[一二三四五六七八九]五”?(?:时期|期间|以来))")
# a count of what was examined, checked or surveyed (对17支工作队进行考核, 抽查了23个乡镇)
RE_EXAMINED = re.compile(r"(?:对|抽查|检查|考核|评估|调查|走访|排查)了?$")
# a share of those selected by a relative clause: 评为优秀的占, 达标的占, 其中合格的占
RE_SELECTED = re.compile(r"^(?:其中)?[\u4e00-\u9fff]{1,8}的(?:占|比例为|比例达)$")
# 占全国34.5%: a share of a whole of another scope, stated nowhere in the report
RE_OUTSIDE_BASE = re.compile(r"占(" + _alt(WIDER_SCOPES) + r")[^，；。占\d]{0,8}$")
# the base 占 names, up to the share: 占地方财政总支出的
RE_SHARE_OF = re.compile(r"占[^，；。占]{1,24}?的?(?:比重|比例)?(?:为|达|达到)?$")
# a base a share may exceed: a plan, a target, a task, an earlier period (预算 as a plan, not 预算支出)
RE_EXCEEDABLE_BASE = re.compile(r"计划|目标|任务|上年|去年|同期|年初|基数|预算(?!支出|收入|内|外)")
# shares that may exceed 100%: plan completion, growth, 是…的N倍
RE_COMPLETION = re.compile(r"完成|计划|目标|预算|任务|上年|去年|同期|增长|增|为上|是上")
# generic classifiers that count the same items in one breath: 137个意见…已整改113项
LOOSE_UNITS = {"个", "项", "条", "件"}
# a status word right before a number marks it as a part: 现已整改到位113项, 正在协调10项
# a verb that starts a new action in a clause
RE_NEW_ACTION = re.compile(r"制定|建立|出台|召开|开展|组织|发放|收集|走访|举办|完成|实现|新增|清理|查处|印发|办结|受理|审结|执结|培训|"
                           r"选派|投入|落实|解决|帮助|慰问|整改|追缴|移交|处理|给予|约谈|通报")
# a count of what is not done yet: 需持续整改5个, 正在办理3件
RE_NOT_DONE = re.compile(r"需|正在|尚未|未|待|其余|剩余|持续")
# a sentence that states a plan: 明年计划新建学校4所
RE_PLAN_SENT = re.compile(r"计划|明年|下一步|力争|目标|预计|拟|将")
# 41条对策建议已有33条 / 87户企业中有61户 / 23个村里已有19个 / 库点412个，有318个已开秤 (unsure)
RE_HAS_PART = re.compile(r"[\u4e00-\u9fff“”]{0,10}?(?P<sure>中有|里有|已有|已经有|中已有|其中有)|[，,]有")
# the part of a list or plan done so far: 目前已完成16项, 已办结3108条
RE_DONE_PART = re.compile(r"已(?:经)?(?:全部|基本)?(?:完成|整改|办结|解决|落实|化解|销号|兑现|答复|办理)(?:到位)?$")
RE_PART_NEAR = re.compile(r"已|正在|尚未|未|其余|剩余|基本|需长期|需持续|持续|跟踪")
# a figure restated as a known set: 正在整改的13个问题, 尚未完成的5个, 剩余41户, 在去年…361公里的基础上
# (and a set named by who stated it: 年初确定的5260人减贫任务, 巡视反馈的26个问题, 梳理出的…)
RE_RESTATED = re.compile(r"(?:正在|尚未|未|需长期|需持续|其余|剩余|余下)[\u4e00-\u9fff]{0,4}的?$|已[\u4e00-\u9fff]{1,4}的$|"
                         r"(?:" + _alt(STATED_BY) + r")的$")
# who stated a set named again: 巡视反馈的, 年初确定的
RE_STATED_BY = re.compile(r"[\u4e00-\u9fff]{2}(?:" + _alt(STATED_BY) + r")的$")
RE_ON_BASIS = re.compile(r"在[^，；。]{0,20}$")
RE_STATUS_WORD = re.compile(_alt(STATUS_GROUPS))
RE_STATUS_STEM = re.compile(r"(?:已完成|已经|已|正在|需长期|需持续|尚未|基本完成)([\u4e00-\u9fff]{2})")
# a stock (累计, 总量, 保有, 现有 …) and a flow (新增, 新建, 新开工 …) of the same things
RE_STOCK = re.compile(r"累计|总量|保有|现有|存量|共有|总数|余额|达到|突破")
RE_FLOW = re.compile(r"新增|新建|新开工|新开|新认定|新培育|新引进|新签|当年|今年|全年")
# what may stand before a change verb without naming a new subject: 每月提高500元, 平均提高126平方米
RE_CHANGE_PREFIX_OK = re.compile(r"^(?:即|亦即|也即|也就是说?|就是)?(?:同比|环比|名义|实际|平均|人均|户均|每[\u4e00-\u9fff]{1,2}?|累计|共|分别|净|总共|一共|合计|相应|大幅|明显)?|"
                                 r"(?:增加|减少|增长|下降|提高|降低|压缩|缩短|缩减|上升|回落|扩大|新增|增|减|降|升|多|少|节约|"
                                 r"节省|精简|削减|下调|上调|提升|增收|减收|收窄|攀升)(?:了|约|近|超过|达)?$")
# a clause that is one category's share of a whole and nothing else: 优级天数占38.5%, 轻工业产值占比46.8%
RE_SHARE_CLAUSE = re.compile(r"(?:其中[，,]?)?(?P<cat>[\u4e00-\u9fff]{2,14}?)(?:所占|的)?(?:占比|占|比重|比例)(?:为|达|达到|是)?$")
# what opens a set of such shares as the parts of one whole: 门诊患者中， 其中， 分行业看，
RE_SHARE_SET_LEAD = re.compile(r"(?:中|其中|看)[，,：:]?$")
# the shares of one whole stated for a list of categories at once: 三次产业投资占全部投资的比重分别为2.1%、38.6%和59.3%
RE_RESPECTIVE_SHARES = re.compile(r"(?:占[^，；。占]{0,20}?的?(?:比重|比例|份额)?|占比|比重|比例)分别(?:为|是|达到|达)?$|"
                                  r"分别占[^，；。占]{0,20}?的?(?:比重|比例|份额)?(?:为|是|达到|达)?$")
