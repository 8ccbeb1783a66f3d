"""Enumerations: a stated count and the items listed with it (``建立了五项制度：…`` with four titles).

:func:`extract_enumerations` reads the normalised text of one report (ASCII digits, CJK punctuation
``，；：（）、。“”``, no horizontal whitespace, ``\\n`` between paragraphs) and returns one row per stated
count that has its list next to it. The check made later on each row is:

* not ``truncated``: ``stated == items``;
* ``truncated`` (the list ends in 等, or is introduced by 包括): ``items <= stated``.

Only rows with ``certain`` True may raise an error; ``certain`` is False wherever the list boundaries,
the grouping of the items or the attachment of the list to the count is a guess.

What a stated count is
    a numeral and a classifier with an optional noun (``6个部门`` ``五类重点制度`` ``四步法`` ``6部门``
    ``五位一体``), or a quoted slogan led by a numeral (``“四定”责任制`` ``“七大行动”`` ``“八学”``).
    A quoted name right after ``N个`` is the counted noun (``三个“十条”``), not a count of its own; a
    Latin abbreviation may open the noun (``两个PPP项目``); ``N个字`` right after a quotation counts its
    characters (``“稳、进、好”三个字``: one item per character, certain).
    After a line-start entry number the count is whole (``⏎8.6个重大专项：`` is entry 8 counting six).
    Ordinals (``第三督导组``), parts of larger numbers or dates, approximate counts (``近``, ``余``,
    ``以上``), ``之一``, counts inside a book title (``《…“十二个一”推进方案》``) or inside a short
    quotation (``“…帝国四方之地”``), slogans holding several numerals (``“三严三实”`` ``“十三五”``),
    levels (``2省级``), ranks on a scale (``四级应急响应``) and a count inside a name that another count
    counts (``四人双桨两个项目``) are not counts.

Where its list is (how Chinese reports write lists)
    *after* the count, opened by ``：`` ``，即`` ``，包括`` ``，分别是`` or an apposition ``（…）``,
    possibly over a short predicate (``有五类同比下降：`` ``全部实现增长，即``); *before* it, ending
    right at the count or at a connector (``等`` ``共`` and, for slogans, ``的`` / ``为主要内容的``), a
    slogan also right after a clean list of names (``建立A、B“三大基金”``); or,
    for a count that closes a short heading sentence (``二是开展“六个专项整治”。``), in the next
    sentence (never certain). An ordinal list (``一是…二是…``) belongs to the announced-count check and
    gives no row here.

How the items are split
    ``、`` between items, with a final ``和/及/与/以及`` before the last one; two items joined by a
    conjunction alone (``完成对A和B3条道路的改造``); ``；`` between clause
    items (only when the first clause holds no ``、``); book titles ``《…》《…》`` and quoted slogans in a
    row; the inside of one quotation (``“定岗位、定职责、定目标、定奖惩”的“四定”``). Quotes, titles and
    brackets are atoms, so ``、`` inside them never splits. The first item is cut from the clause's
    subject and verb where a verb or preposition ends (``完成对|A``), or where a verb starts when the
    other items are verb phrases (``突出强调|实行X和加强Y``).

When there is no row
    the piece right before a count reads as a predicate (``城南成立了5个站`` ``…共有三十九个项目``
    ``理直气壮地宣传四项基本原则``); a slogan follows a noun or verb directly without its items repeating
    the slogan's key (``打好“三大攻坚战”`` ``王张江姚“四人帮”``), or follows a predicate, a group
    (``各地区、各部门``) or a conjunction (``小微企业和“三农”``); the items are lone verbs sharing the
    object the last one names (``建设、发展和保卫…四个…``) or a pair of verbs (``鼓励和支持两国…``); the
    list is the subject of a 是 sentence; a grade (``N级``) follows no level names (``…节能和供热三级
    管网``); the last item is a measure (``一系列``); the count is one of several terms explained after
    a colon (``“四旁”、“五边”：…``); a pair or a ``和``-split clause is no clean list; items are
    addresses or codes; the items are quantities (``学校3所、
    医院2所``) or start with them (a breakdown of a total, not a list of names); a bare count's noun
    stands before it (``学校6所``); a plain count is joined to a list by 的 (a relative clause); the
    count and the list differ by a factor of two and by three or more (``共有小学、初中、高中共52所``:
    the list is not what is counted).

When a row is not certain
    Certain rows are clean lists: items of at most ``MAX_CLEAN_ITEM`` characters, none of them a clause
    (a preposition, a personal, demonstrative or question pronoun, a modal or function adverb, a 是
    inside, or a place or body followed by its verb and object: ``习近平主席在巴黎同…`` ``如何让…``
    ``…更方便``); a pair is clean when both halves are alike and the count is 2 or 3. Any other row is
    not certain, and also

    * a digit before a word that is no classifier (``2县城``), or a count of administrative units
      that the items do not end in (``北京和上海3个区``: the units may lie inside the places);
    * a conjunction inside an earlier item (``A、B和C、D两个…``: the count may own only ``C、D``), or
      a compressed list after a verb (``举行中法欧三方会晤``: one character per member);
    * the conjunctions allow several groupings (``A、B和C``: 2 or 3 items; ``中央和省、市、自治区两级``)
      and they disagree on the check: the row then keeps the grouping that holds nearest the usual one,
      and ``items_low``/``items_high`` span all of them. The split reading alone stands when the split
      items are parallel (``…干部、…干部和…干部``); an item led by 其他 is a residual category whose 和/及
      never splits; a conjunction whose halves would not repeat a slogan's key is inside an item;
    * a ``；`` list without a slogan key repeated by its clauses, a ``，`` list (kept only when its
      clauses open alike), a list in the next sentence, a ``分别由`` correspondence, a before-list cut at
      a ``；`` that has fewer items than stated (it may run further back), a slogan list joined by ``的``
      whose items do not repeat the slogan's key (``“四定”`` <- ``定岗位、定职责…`` do);
    * a ``、`` list after the colon while the sentence also reads as a ``；`` list with another outcome;
    * the stated count and the items differ by a factor of two: a miscount is off by one or two.
"""

from __future__ import annotations

import bisect
import functools
import re
import threading
from dataclasses import dataclass

__all__ = [
    "ENUMERATION_COLUMNS",
    "enumeration_holds",
    "enumeration_problems",
    "extract_enumerations",
]

# ---------------------------------------------------------------------------------------------------
# Column names of the enumerations table.
ID = "id"
STATED = "stated"
START = "start"
END = "end"
RAW = "raw"
ITEMS = "items"
ITEMS_LOW = "items_low"
ITEMS_HIGH = "items_high"
ITEM_TEXTS = "item_texts"
ITEM_SPANS = "item_spans"
LIST_START = "list_start"
LIST_END = "list_end"
SIDE = "side"
TRUNCATED = "truncated"
CERTAIN = "certain"

ENUMERATION_COLUMNS = (
    ID, STATED, START, END, RAW, ITEMS, ITEMS_LOW, ITEMS_HIGH, ITEM_TEXTS, ITEM_SPANS, LIST_START,
    LIST_END, SIDE, TRUNCATED, CERTAIN,
)

SIDE_BEFORE = "before"
SIDE_AFTER = "after"

# ---------------------------------------------------------------------------------------------------
# Tunables (why each value: see the comment).

# Lists of more items than this are tables, not enumerations; a larger "count" is a quantity.
MAX_STATED = 60
# Longest noun after a classifier (``三个省级现代农业示范园区``) and after a slogan (``服务标准``).
MAX_NOUN = 10
MAX_SLOGAN_NOUN = 6
# Longest predicate between a count and the colon or 即 that opens its list (``同比下降``).
MAX_BRIDGE = 12
# How far back a before-list may start, and how far forward an after-list may run.
MAX_BACK = 200
MAX_FORWARD = 400
# Longest quotation, title or bracket treated as one atom.
MAX_ATOM = 80
# Longest item of a ``、`` list other than the first (which carries the clause's subject and verb).
MAX_ITEM = 40
# Longest clause item of a ``；`` list.
MAX_CLAUSE_ITEM = 120
# A heading sentence whose count opens the next sentence's list is at most this long before the count.
MAX_HEADING_LEAD = 24
# Longest item of a list that may raise an error: a longer one is a description or a clause, whose
# boundaries and grouping a reader cannot be sure of.
MAX_CLEAN_ITEM = 16

# ---------------------------------------------------------------------------------------------------
# Patterns.

_CN_DIGIT = "一二三四五六七八九"
# A Chinese numeral from 2 to 99 (两, 五, 十, 十二, 二十, 二十三); the 十 forms are tried first.
_CN = rf"(?:[{_CN_DIGIT}]?十[{_CN_DIGIT}]?|[{_CN_DIGIT}两])"
# Classifiers and nouns that follow a numeral directly when something is counted (longest first).
_CLASSIFIER = (
    "方面|层面|部门|单位|领域|环节|乡镇|个|项|类|种|大|条|件|所|家|名|位|支|批|座|处|级|步|点|组|队|篇|"
    "套|人|户|村|乡|镇|县|市|省|区|站|国|方|片|股|室"
)
# A counted numeral + classifier: ``6个`` ``五类`` ``四步`` ``6部门`` ``五位``.
_COUNT_RE = re.compile(rf"(?P<num>[0-9]{{1,2}}|{_CN})(?P<clf>{_CLASSIFIER})")
# A quoted slogan led by a numeral: ``“四定”`` ``“六个回头看”`` ``“七大行动”`` ``“八学”``.
_SLOGAN_RE = re.compile(rf"“(?P<num>[0-9]{{1,2}}|{_CN})(?P<rest>[^“”\n]{{1,14}}?)”")
# A short quotation: a name or a fixed term, whose inner numerals are part of it (``“印加人和帝国四方之地”``).
_NAME_QUOTE_RE = re.compile(r"“[^“”\n]{1,40}”")
# A list entry's number at a line start right before a count (``⏎8.6个重大专项：``): the count is whole.
_ENTRY_NUMBER_RE = re.compile(r"(?:^|\n)[0-9]{1,2}[.．]$")
# A numeral and 个 right before a quotation (``三个“十条”``): the quotation is what is counted.
_COUNT_BEFORE_QUOTE_RE = re.compile(rf"(?:[0-9]{{1,2}}|{_CN})个$")
# A run of Latin letters, digits and URL punctuation (an address or a code, never a list item).
_LATIN_RUN_RE = re.compile(r"[A-Za-z0-9:/._\-]{8,}")
# A book title, whose numerals are part of a name: ``《省直机关教育实践活动“十二个一”推进方案》``.
_TITLE_RE = re.compile(r"《[^《》\n]{1,60}》")
# Characters that make a numeral part of something else when right before it (ordinal, decimal,
# approximation, frequency, anaphora): 第三, 1.5个, 近5个, 每3个, 前两项, 其三.
_NOT_BEFORE_NUMERAL = frozenset("第初每前后头近约超逾数几上余届周其之此该.．0123456789")
# ... and, before a Chinese numeral, also the characters that make it part of a bigger Chinese number
# (一百一十二个, 二十三个 read from its second digit).
_NOT_BEFORE_CN_NUMERAL = _NOT_BEFORE_NUMERAL | frozenset("零〇百千万亿十两" + _CN_DIGIT)
# Classifiers that are their own noun (``4县`` ``两市`` ``6部门``): the count is never bare.
_NOUN_CLASSIFIERS = frozenset({
    "方面", "层面", "部门", "单位", "领域", "环节", "乡镇", "村", "乡", "镇", "县", "市", "省", "区", "站",
    "国", "方", "片", "股", "室", "组", "队", "人", "户",
})
# Words that start with a classifier character but are no classifier (``3个月`` ``十九大会议``).
_NOT_CLASSIFIER = (
    "个月", "个百分点", "个工作日", "个小时", "个季度", "个星期", "个年头", "个多", "个以上", "项目",
    "条件", "条例", "家庭", "家长", "名单", "名额", "名称", "位置", "级别", "点钟", "大会", "大学",
    "大厦", "大桥", "大道", "大街", "大力", "大量", "大幅", "大多", "大都", "大约", "大于", "大致",
    "大体", "大批", "大精神", "大报告", "大以来", "大代表", "处理", "处置", "处分", "组织", "组成",
    "组长", "队伍", "人民", "人员", "人口", "人才", "人均", "人次", "户籍", "市场", "区域", "国家",
    "国际", "方式", "方法", "方针", "方向", "方案", "站点", "室内", "股份", "股权", "批准", "批复",
    "种植", "种养", "条款", "点评", "级以上", "个字", "大决议", "大路线", "大文件", "大党章", "大期间",
    "大以后", "大前", "大后", "大上", "大和", "大、", "大开幕", "大闭幕", "大召开", "大主席团", "大政治",
    # a level, not a count of provinces, cities ...: ``全国2省级行政区`` ``县级``
    "省级", "市级", "县级", "区级", "乡级", "镇级", "村级", "国级", "室级", "组级",
    # a rank on a scale, not a count of levels: ``四级应急响应`` ``三级甲等``
    "级应急", "级响应", "级预警", "级警报", "级风险", "级甲等", "级乙等", "级标准",
)
# Any of those words at a position (longest first, so 个百分点 wins over 个).
_NOT_CLASSIFIER_RE = re.compile("|".join(map(re.escape, sorted(_NOT_CLASSIFIER, key=len, reverse=True))))
# What after a count makes it approximate or a part of a larger whole: ``5个以上`` ``5个单位之一``.
_APPROX_AFTER_RE = re.compile(r"多|余|以上|以下|以内|左右|之一|中的一")
# Characters that end the noun after a count (particles, prepositions, verbs of the predicate).
_NOUN_STOP = frozenset("的和与及等在对为是有之把被将从向由于了着过作并或共中也都均")
# A CJK ideograph.
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
# Connectors between a before-list and its count, longest first: ``等`` ``共`` ``为主要内容的`` ``的``.
_CONNECTOR_RE = re.compile(
    r"(?:为(?:主要内容|具体要求|主要任务|主要标志|重点|核心|主|内容|标准|目标)的"
    r"|在内的|等等|等|共|总计|合计|这|的)$"
)
# What opens an after-list, reached over a short predicate: ``：`` ``，即`` ``，包括`` ``，分别是`` ``（``
# (not ``，即将`` ``，即时``).
_INTRO_RE = re.compile(
    rf"(?P<bridge>[^，。；：！？、\n“”《》（）]{{0,{MAX_BRIDGE}}}?)"
    r"(?P<intro>：|，即(?![将时日便刻使可])：?|，包括：?|包括：|，分别[是为]：?|，具体[是为]：?|，主要是：?"
    r"|，分别由|（|——)"
)
# An ordinal list start (left to the announced-count check): 一是 一要 一看 （一） 第一 1、 1. ①.
_ORDINAL_START_RE = re.compile(
    rf"(?:{_CN}(?:是|要|看|抓|查|把|为|、)|（{_CN}）|第{_CN}|[0-9]{{1,2}}[、.．）]|（[0-9]{{1,2}}）|[①-⑳]"
    r"|其一|首先|一方面|一种|一类|一个是)"
)
# An item that starts with a quantity (``三个铁矿`` ``8家企业``).
_QUANTITY_START_RE = re.compile(rf"(?:[0-9]{{1,6}}|{_CN})(?:{_CLASSIFIER})")
# A quantity inside an item (``学校3所`` ``81个村``): the list is a series of figures, not of names.
_QUANTITY_RE = re.compile(rf"[0-9]|[零〇{_CN_DIGIT}十两百千万]{{2,}}|(?:{_CN})(?:{_CLASSIFIER}|元|吨|亩)")
# The conjunction that may join the last item to the list: 和 及 以及 与 (not 和谐, 涉及, 参与 ...).
_CONJ_RE = re.compile(
    r"(?<![总温调祥缓柔涉普危波企来不以参给赋授])(?:以及|和|及|与)(?![谐平美睦顺时其格早会])"
)
# The 等 that ends a list (not 高等, 中等, 平等, 等级, 等待, 等于 ...).
_DENG_RE = re.compile(r"(?<![高中初同平相对均上头特次优劣超何])等(?![级待于候同价效量离])")
# Verbs (and 其中) that may lead the first piece of a before-list, before its first item.
_LEAD_VERB_RE = re.compile(
    r"会同|联合|整合|包括|涉及|覆盖|兼顾|围绕|聚焦|采取|通过|开展|建立|建成|新建|成立|下设|设立|组建|"
    r"确定|推行|实行|创新|突出|作为|深入|集中|发挥|实现|构建|形成|坚持|推进|加强|组织|开通|设置|其中"
)
# A verb that takes the count as its object, ending the piece before it (``…共有三十九个项目``
# ``…坚持五项要求``): no item ends in one.
_OBJECT_VERB_END_RE = re.compile(
    r"(?:有|包括|涉及|覆盖|成立|建成|新建|完成|实现|形成|落实|坚持|执行|宣传|召开|举办|提出|制定|出台|启动|"
    r"做好|抓好|办好|搞好|打好|建立|设立|组建|发挥|加强|开展|推进|安置|"
    # verbs that take a slogan as their object (``牢记“三个务必”`` ``做到“两个维护”``)
    r"牢记|践行|做到|增强|坚定|树立|树牢|贯彻|拥护|维护|遵循|把握|强化|推动|深化|实施|打赢|弘扬|领会|对标|"
    r"聚焦|突出|落细|坚守|秉持|统筹|用好|守住|筑牢|推行|实行|施行|推广|是)$"
)
# The same verbs at the start of an item (``深化…``), whatever jieba makes of them.
_VERB_START_RE = re.compile(_OBJECT_VERB_END_RE.pattern.removesuffix("$"))
# An item that is a quantifier or a demonstrative (``一系列`` ``一整套`` ``这些``): the count follows
# a measure, not a list.
_QUANTIFIER_ITEM_RE = re.compile(r"(?:[一这那各每几多][^、，。]{0,2}|一系列)$")
# Prepositions that may lead the first piece of a before-list (``将民政、计生…`` ``由县纪委、…``).
_LEAD_PREPOSITIONS = frozenset("将在由对向把从以并")
# Aspect particles and passive/disposal markers: a piece holding one is a predicate, not an item.
_PREDICATE_RE = re.compile(r"[了着过被把]")

# A quotation, title or bracketed aside (their numerals are names, not quantities).
_QUOTED_RE = re.compile(r"“[^”]*”|《[^》]*》|（[^）]*）")
# Words holding 一 that is no numeral: 统一, 唯一, 一体, 一线 ...
_WORDS_WITH_YI_RE = re.compile(r"统一|同一|唯一|一致|一体|一流|一线|一站")
# A numeral character (a second number inside a slogan: ``“三严三实”`` ``“十三五”``).
_NUMERAL_CHAR_RE = re.compile(rf"[0-9{_CN_DIGIT}十两百千万]")
# A Chinese numeral and an ideograph right after a classifier: the ``两军`` of ``三支两军``.
_NUMERAL_WORD_RE = re.compile(rf"{_CN}[\u4e00-\u9fff]")

_OPEN_OF = {"”": "“", "》": "《", "）": "（", "’": "‘"}
_CLOSE_OF = {v: k for k, v in _OPEN_OF.items()}
_CLAUSE_STOP = frozenset("，。；：！？\n")
# A clause boundary: ，。；：！？ or a line break.
_CLAUSE_STOP_RE = re.compile(r"[，。；：！？\n]")
_SENTENCE_STOP = frozenset("。！？\n")


def _cn_int(s: str) -> int | None:
    """Value of a numeral matched by ``_CN`` or digits."""
    if s.isdigit():
        return int(s)
    if s == "两":
        return 2
    if "十" not in s:
        return _CN_DIGIT.index(s) + 1 if s in _CN_DIGIT else None
    tens, _, ones = s.partition("十")
    t = _CN_DIGIT.index(tens) + 1 if tens else 1
    o = _CN_DIGIT.index(ones) + 1 if ones else 0
    return 10 * t + o


# ---------------------------------------------------------------------------------------------------
# Parts of speech (jieba, loaded on first use): the noun after a count, and whether the piece right
# before a count reads as a predicate.

_POS_LOCK = threading.Lock()
_POSSEG = None
# jieba flags of words that make up a counted noun phrase (nouns, verbal and adjectival nouns,
# abbreviations, distinguishing words, places), and of words that may modify it but not end it.
_NOUN_FLAGS = ("n", "vn", "an", "j", "s", "l", "i", "g", "k", "zg", "eng")
_MODIFIER_FLAGS = ("a", "b", "m", "q")


def _posseg():
    """The jieba part-of-speech tokenizer, loaded once (False when jieba is missing)."""
    global _POSSEG
    if _POSSEG is None:
        with _POS_LOCK:
            if _POSSEG is None:
                try:
                    from .tokenizers import plain_tokenizer, pos_tokenizer

                    _POSSEG = pos_tokenizer(plain_tokenizer(read_only=True))
                except ImportError:  # jieba is a dependency; without it the POS tests are skipped
                    _POSSEG = False
    return _POSSEG


def _starts_a_word(text: str, i: int) -> bool:
    """The character at ``i`` begins a longer word (``2省级`` ``3县城``): after a bare digit it is no
    classifier, and the digit may be anything (a note mark, a lost character)."""
    tok = _posseg()
    if not tok:
        return False
    first = next(iter(_words(text[i:i + 6])), None)
    # ``3县区`` ``2省市``: units named together are still the classifier
    return first is not None and len(first.word) > 1 and not all(ch in _UNIT_CHARS for ch in first.word)


@functools.lru_cache(maxsize=8192)
def _words(s: str) -> tuple:
    """jieba's words of ``s`` with their part of speech (cached: items and their pieces recur)."""
    return tuple(_posseg().cut(s))


def _noun_phrase_end(text: str, i: int, hi: int) -> int:
    """End of the noun phrase in [i, hi) after a count: nouns and their modifiers, up to the first verb."""
    tok = _posseg()
    if not tok or hi <= i:
        return hi
    pos = end = i
    for w in _words(text[i:hi]):
        if w.flag.startswith(_NOUN_FLAGS):
            pos += len(w.word)
            end = pos
        elif w.flag.startswith(_MODIFIER_FLAGS):
            pos += len(w.word)
        else:
            break
    return end


# ---------------------------------------------------------------------------------------------------
# Scanning helpers: quotes, titles and brackets are atoms.


def _skip_atom_back(text: str, i: int, lo: int) -> int | None:
    """Index of the opener matching the closer at ``i`` (None when unbalanced or too long)."""
    j = text.rfind(_OPEN_OF[text[i]], max(lo, i - MAX_ATOM), i)
    return j if j >= 0 else None


def _skip_atom_fwd(text: str, i: int, hi: int) -> int | None:
    """Index just after the closer matching the opener at ``i`` (None when unbalanced or too long)."""
    j = text.find(_CLOSE_OF[text[i]], i + 1, min(hi, i + MAX_ATOM))
    return j + 1 if j >= 0 else None


def _scan_back(text: str, e: int) -> tuple[int, str, list[int]] | None:
    """Clause start before ``e``, the stop character found there and the top-level 、 in between."""
    lo = max(0, e - MAX_BACK)
    seps: list[int] = []
    i = e - 1
    while i >= lo:
        c = text[i]
        if c in _OPEN_OF:
            j = _skip_atom_back(text, i, lo)
            if j is None:
                return None
            i = j - 1
            continue
        if c in _CLAUSE_STOP:
            return i + 1, c, seps[::-1]
        if c == "、":
            seps.append(i)
        i -= 1
    return (0, "", seps[::-1]) if lo == 0 else None


def _scan_fwd(text: str, p: int, closer: str | None = None) -> tuple[int, list[tuple[int, str]]] | None:
    """Sentence end (or ``closer``) after ``p`` and the top-level 、，；： in between."""
    hi = min(len(text), p + MAX_FORWARD)
    marks: list[tuple[int, str]] = []
    i = p
    while i < hi:
        c = text[i]
        if closer is not None and c == closer:
            return i, marks
        if c in _CLOSE_OF:
            j = _skip_atom_fwd(text, i, hi)
            if j is None:
                return None
            i = j
            continue
        if c in _SENTENCE_STOP:
            return i, marks
        if c in "、，；：":
            marks.append((i, c))
        i += 1
    return (i, marks) if hi == len(text) else None


def _top_level_conj(text: str, a: int, b: int) -> int | None:
    """Position of a top-level conjunction inside [a, b) that leaves text on both sides, else None."""
    i = a
    while i < b:
        c = text[i]
        if c in _CLOSE_OF:
            j = _skip_atom_fwd(text, i, b)
            if j is None:
                return None
            i = j
            continue
        m = _CONJ_RE.match(text, i, b)
        if m and i > a and m.end() < b:
            return i
        i += 1
    return None


def _strip_quoted(s: str) -> str:
    """``s`` without its quotations and titles (their numerals are names)."""
    return _QUOTED_RE.sub("", s)


# ---------------------------------------------------------------------------------------------------
# Counts.


@dataclass
class _Count:
    start: int  # numeral, or the opening quote of a slogan
    core_end: int  # after the classifier, or after the closing quote
    end: int  # after the noun
    stated: int
    slogan: bool
    bare: bool  # a classifier with no noun after it (``学校6所：``): the noun came before
    keys: str  # characters a slogan's items repeat (``“四定”`` -> 定; ``“三级联系”`` -> 级联)
    sure: bool = True  # False for a digit before a one-character noun (``2省``): a statistic as often
    chars: bool = False  # ``“…”八个字``: the count of the characters of the quotation before it


def _noun_end(text: str, i: int, limit: int) -> int:
    """End of the noun starting at ``i`` (CJK characters up to ``limit``, stopping at particles)."""
    j = i
    hi = min(len(text), i + limit)
    while j < len(text) and text[j].isascii() and text[j].isalpha():
        j += 1  # ``两个PPP项目`` ``3个5G基站``: a Latin abbreviation opens the noun
        hi = min(len(text), j + limit)
    while j < hi and _CJK_RE.match(text[j]) and text[j] not in _NOUN_STOP:
        j += 1
    return j


def _slogan_numerals_ok(rest: str) -> bool:
    """A slogan counts only when its leading numeral is its only one (``“四个一”`` and ``位一体`` aside)."""
    if rest.startswith("个一") or "位一体" in rest:
        return True
    return not _NUMERAL_CHAR_RE.search(_WORDS_WITH_YI_RE.sub("", rest))


def _find_counts(text: str) -> list[_Count]:
    titles = [(m.start(), m.end()) for m in _TITLE_RE.finditer(text)]
    names = [(m.start(), m.end()) for m in _NAME_QUOTE_RE.finditer(text)]
    out: dict[int, _Count] = {}
    slogan_spans: list[tuple[int, int]] = []

    def in_title(pos: int) -> bool:
        k = bisect.bisect_right(titles, (pos, len(text) + 1)) - 1
        return k >= 0 and titles[k][0] < pos < titles[k][1]

    def in_name(pos: int) -> bool:
        """Inside a short quotation but not at its start (``“印加人和帝国四方之地”``): part of a name."""
        k = bisect.bisect_right(names, (pos, len(text) + 1)) - 1
        return k >= 0 and names[k][0] + 1 < pos < names[k][1]

    for m in _SLOGAN_RE.finditer(text):
        stated = _cn_int(m.group("num"))
        rest = m.group("rest")
        if stated is None or not 2 <= stated <= MAX_STATED or not _slogan_numerals_ok(rest):
            continue
        if in_title(m.start()):
            continue
        if _COUNT_BEFORE_QUOTE_RE.search(text, max(0, m.start() - 4), m.start()):
            continue  # ``三个“十条”``: the quotation is the noun of the count before it
        core_end = m.end()
        end = _noun_end(text, core_end, MAX_SLOGAN_NOUN)
        # keys: the character after the numeral and the one after it (the repeated part of the items)
        keys = rest[:2]
        out[m.start()] = _Count(m.start(), core_end, end, stated, True, False, keys)
        slogan_spans.append((m.start(), m.end()))
    slogan_spans.sort()
    for m in _COUNT_RE.finditer(text):
        s = m.start()
        not_before = _NOT_BEFORE_NUMERAL if m.group("num").isdigit() else _NOT_BEFORE_CN_NUMERAL
        if s > 0 and text[s - 1] in not_before and not _ENTRY_NUMBER_RE.search(text, max(0, s - 4), s):
            continue
        k = bisect.bisect_right(slogan_spans, (s, len(text) + 1)) - 1
        if k >= 0 and slogan_spans[k][0] < s < slogan_spans[k][1]:
            continue
        if in_title(s) or in_name(s):
            continue
        if s > 0 and text[s - 1] == "“" and _COUNT_BEFORE_QUOTE_RE.search(text, max(0, s - 5), s - 1):
            continue  # ``三个“十条”``: a name inside the noun of the count before it
        clf_start = m.start("clf")
        if text.startswith("个字", clf_start) and s > 0 and text[s - 1] == "”":
            stated = _cn_int(m.group("num"))
            if stated is not None and 2 <= stated <= MAX_STATED:  # ``“稳、进、好”三个字``
                out.setdefault(s, _Count(s, clf_start + 2, clf_start + 2, stated, False, False, "", chars=True))
            continue
        if _NOT_CLASSIFIER_RE.match(text, clf_start):
            continue
        stated = _cn_int(m.group("num"))
        if stated is None or not 2 <= stated <= MAX_STATED:
            continue
        if m.group("clf") == "大" and stated > 10:  # 十八大, 十九大: congresses
            continue
        if _APPROX_AFTER_RE.match(text, m.end()):
            continue
        end = _noun_end(text, m.end(), MAX_NOUN)
        if _COUNT_RE.search(text, m.end(), end):
            continue  # ``四人双桨两个项目``: a count inside a name that another count counts
        if end == m.end() and text.startswith("“", end):
            quote_end = _skip_atom_fwd(text, end, len(text))
            if quote_end is not None and quote_end - end <= MAX_SLOGAN_NOUN + 2:
                end = quote_end  # ``三个“十条”``: a quoted name is the counted noun
        if text.startswith(("之一", "中的一"), end):
            continue
        clf = m.group("clf")
        if (len(clf) == 1 and clf != "个" and not m.group("num").isdigit()
                and not text.startswith("一体", m.end())
                and _NUMERAL_WORD_RE.match(text, m.end())):
            continue  # ``三支两军`` ``三来一补``: a name made of several numbers
        bare = end == m.end() and clf not in _NOUN_CLASSIFIERS
        sure = not (m.group("num").isdigit() and len(clf) == 1 and clf in _NOUN_CLASSIFIERS
                    and _starts_a_word(text, clf_start))
        out.setdefault(s, _Count(s, m.end(), end, stated, False, bare, "", sure))
    return [out[k] for k in sorted(out)]


# ---------------------------------------------------------------------------------------------------
# Lists.


@dataclass
class _List:
    items: list[tuple[int, int]]  # item spans
    side: str
    truncated: bool
    certain: bool
    readings: dict[int, list[tuple[int, int]]] | None = None  # every plausible grouping, by its count
    kind: str = ""
    open_start: bool = False  # the list may start earlier than its first item (more items)


def _echoes(text: str, items: list[tuple[int, int]], keys: str) -> bool:
    """Every item repeats the slogan's first key character, or every item repeats the second."""
    for k in keys[:2]:
        if k and _CJK_RE.match(k) and all(k in text[a:b] for a, b in items):
            return True
    return False


def _pieces(a: int, b: int, seps: list[int]) -> list[tuple[int, int]]:
    out = []
    s = a
    for p in seps:
        out.append((s, p))
        s = p + 1
    out.append((s, b))
    return out


def _readings(
    text: str, items: list[tuple[int, int]], keys: str
) -> tuple[list[tuple[int, int]], dict[int, list[tuple[int, int]]]]:
    """The items read with the final conjunction (``A、B和C``), and every plausible reading by its count.

    The usual reading splits the last item at 和/及/与/以及. Other readings are kept when the text
    allows them: the last item unsplit; the conjunction joining two groups (``反对形式主义、克服“四多”
    问题和建设…机关等两个长效机制``: 2); a conjunction inside an earlier item separating items too; a
    conjunction in the first piece grouping the rest (``中央和省、市、自治区两级``: 2 groups). The split
    reading alone stands when the split items are written in parallel (``…干部、…干部和…干部``). An item
    led by 其他 is a residual category and never splits; a slogan whose key every whole item repeats
    (``“三个必谈”``: …必谈、…与…必谈) keeps its items whole unless the halves repeat it too.
    """

    def cut(spans: list[tuple[int, int]], k: int) -> list[tuple[int, int]]:
        """``spans`` with the one holding the conjunction at ``k`` split there."""
        out = []
        for a, b in spans:
            if a < k < b:
                out += [(a, k), (k + (2 if text.startswith("以及", k) else 1), b)]
            else:
                out.append((a, b))
        return out

    start, end = items[0][0], items[-1][1]
    readings = {len(items): items}
    conj = [_top_level_conj(text, a, b) for a, b in items]
    conj = [None if k is not None and _one_name(text, a, k, b) else k for k, (a, b) in zip(conj, items)]
    if keys and _echoes(text, items, keys):
        # every whole item repeats the slogan's key: a conjunction whose halves would not is inside an
        # item (``“三个必谈”``: …与…必谈), one whose halves would is a separator (``…点和…点“三点联动”``)
        conj = [k if k is None or _echoes(text, cut([(a, b)], k), keys) else None
                for k, (a, b) in zip(conj, items)]
    earlier = [k for k in conj[:-1] if k is not None]
    if earlier:
        every = items
        for k in conj:
            if k is not None:
                every = cut(every, k)
        readings.setdefault(len(every), every)
        if conj[0] is not None:
            readings.setdefault(2, cut([(start, end)], conj[0]))
        # ``A、B和C、D两个…``: a conjunction inside an earlier item may close an outer list, and the
        # count own only the nested list after it
        j = max(i for i, k in enumerate(conj[:-1]) if k is not None)
        k = conj[j]
        tail = [(k + (2 if text.startswith("以及", k) else 1), items[j][1])] + items[j + 1:]
        readings.setdefault(len(tail), tail)
    k = conj[-1]
    if k is None or text.startswith(("其他", "其它"), items[-1][0]):
        return items, readings
    split = cut(items, k)
    if earlier:
        readings.setdefault(len(split), split)
        return items, readings  # conjunctions inside items: keep them whole, all readings stand
    if _is_parallel(text, split):
        return split, {len(split): split}
    readings.setdefault(len(split), split)
    readings.setdefault(2, cut([(start, end)], k))
    return split, readings


# An item opening with two coordinated one-character words (``中小学`` = 中学 and 小学, ``城乡`` = towns
# and villages): it may stand for two members.
_COORDINATE_START_RE = re.compile(
    r"城乡|中小|大中|工农|党政|水电|农林|省市|市县|县乡|乡镇|镇村|村组|中外|内外|上下|东西|南北|产供|供销|购销|"
    r"产销|水陆|海陆|陆海|军民|干群|师生|医患|劳资|中西|京津|粤港|港澳|沪苏|川渝|苏浙|江浙|闽台|粤桂|湘鄂|黔滇"
)
# The last character of the name of a ministry, department, bureau, commission or office: a 和 before it
# lies inside the name (``工业和信息化部`` ``住房和城乡建设厅``).
_BODY_SUFFIX_RE = re.compile(r"[部厅局委署办]$")


def _one_name(text: str, a: int, k: int, b: int) -> bool:
    """``text[a:b]`` split at the conjunction at ``k`` is one name: the second half ends as a body's name
    does and the first does not (``工业和信息化部``)."""
    return bool(_BODY_SUFFIX_RE.search(text, k, b)) and not _BODY_SUFFIX_RE.search(text, a, k)


def _add_coordinate_reading(
    text: str, items: list[tuple[int, int]], readings: dict[int, list[tuple[int, int]]]
) -> None:
    """An item opening with a coordinated pair (``中小学和幼儿园三类``) may stand for two members: the
    reading with one more item, which makes a disagreeing row a guess."""
    for i, (a, b) in enumerate(items):
        if b - a >= 2 and _COORDINATE_START_RE.match(text, a):
            readings.setdefault(len(items) + 1, items[:i] + [(a, a + 1), (a + 1, b)] + items[i + 1:])
            return


def _add_compressed_reading(
    text: str, c: _Count, items: list[tuple[int, int]], readings: dict[int, list[tuple[int, int]]]
) -> None:
    """Read the last item's final word as a compressed list when it has as many characters as the
    count and follows a verb or preposition (``…举行中法欧三方会晤`` ``推动京津冀三地协同``): one
    character per member, a reading that makes the row a guess."""
    tok = _posseg()
    la, lb = items[-1]
    if not tok or c.stated > 4 or lb - la <= c.stated:
        return
    words = list(_words(text[la:lb]))
    if len(words) >= 2 and len(words[-1].word) == c.stated and words[-2].flag.startswith(("v", "p")) \
            and words[-2].flag != "vn" and words[-1].flag.startswith(("ns", "j", "nt")):
        readings.setdefault(c.stated, [(lb - c.stated + i, lb - c.stated + i + 1) for i in range(c.stated)])


# The last of a list of levels (``中央、省、市三级`` ``县、乡两级``): a closed class of names.
_LEVEL_NAME_RE = re.compile(
    r"(?:中央|国家|地方|省|自治区|市|州|盟|县|区|旗|乡|镇|街道|村|社区|组|部|厅|局|处|科|校|院|系|班|级)$"
)
# Characters of administrative units (``3县区`` ``2省市``: units named together are one classifier).
_UNIT_CHARS = frozenset("省市县区镇乡村旗州盟")
# Nouns of administrative units: a count of them may count the units inside the listed places.
_UNIT_NOUNS = frozenset({"省", "市", "县", "区", "镇", "乡", "村", "乡镇", "街道", "社区", "园区", "州", "旗"})


# The last character of a place, a street or a body: something that holds or owns other things.
_HOLDER_SUFFIX_RE = re.compile(r"[省市县区镇乡村州旗盟城东西南北路街道巷委部局厅办府院所站队]$")


def _is_place(s: str) -> bool:
    """One word that jieba reads as a place or an organisation (``北京`` ``上海``)."""
    words = _words(s) if _posseg() else ()
    return len(words) == 1 and words[0].flag in _NAME_FLAGS


def _counts_units_of_items(text: str, c: _Count, items: list[tuple[int, int]]) -> bool:
    """The items are places or bodies and the count names things of another kind (``北京和上海3个区``
    ``城东和城西3个污水处理厂`` ``市委和市政府三大决策部署``): it may count what the items hold or own
    rather than the items. Things of the items' kind share a character with the noun (``…路和…大街3条
    主干道路``)."""
    noun = text[c.core_end:_noun_phrase_end(text, c.core_end, c.end)]
    noun = (noun or text[c.start:c.core_end].lstrip("0123456789" + _CN_DIGIT + "十两")).removeprefix("个")
    if noun in _UNIT_NOUNS:
        return not all(text[a:b].endswith(noun) for a, b in items)
    if not noun or not all(_HOLDER_SUFFIX_RE.search(text, a, b) or _is_place(text[a:b]) for a, b in items):
        return False
    return not any(text[b - 1] in noun for a, b in items)


def _has_quantity(text: str, a: int, b: int) -> bool:
    return bool(_QUANTITY_RE.search(_strip_quoted(text[a:b])))


def _trim_lead(text: str, a: int, b: int, others: list[tuple[int, int]]) -> int:
    """Start of the first item of a before-list, whose piece also holds the clause's subject and verb.

    Candidates are the piece start and the ends of its leading verbs and prepositions (``会同`` ``由``
    ``完成对``); items are written in parallel, so the one whose length is nearest the shortest other
    item wins. When the other items are verb phrases (``实行…和加强…``), the first one starts at a verb.
    """
    cuts = [a]
    if text[a] in _LEAD_PREPOSITIONS:
        cuts.append(a + 1)
    cuts += [m.end() for m in _LEAD_VERB_RE.finditer(text, a, b)]
    parts = []  # the other items, a final ``B和C`` taken as its two halves
    for x, y in others:
        k = _top_level_conj(text, x, y)
        parts += [(x, k), (k + (2 if text.startswith("以及", k) else 1), y)] if k is not None else [(x, y)]
    shapes = {_item_shape(text[x:y]) for x, y in parts} - {SHAPE_WORD, SHAPE_LONE_VERB}
    tok = _posseg()
    preps = set()  # where a preposition starts: no item does (``应邀对法国``)
    if tok:
        verb_items = shapes == {SHAPE_VERB}
        if verb_items:
            cuts = [a]
        pos = a
        for w in _words(text[a:b]):
            if w.flag == "p":
                preps.add(pos)
            if verb_items and w.flag.startswith("v"):
                cuts.append(pos)  # before a verb, the others being verb phrases
            elif not verb_items and (w.flag.startswith(("v", "p")) and w.flag != "vn"
                                     or text.startswith(("了", "着"), pos + len(w.word))):
                cuts.append(pos + len(w.word))  # after a verb or preposition (``启动了`` ``完成对``)
            pos += len(w.word)
    target = min(y - x for x, y in parts)
    quoted = [(m.start(), m.end()) for m in _QUOTED_RE.finditer(text, a, b)]
    best, best_gap = a, None
    for cut in cuts:
        if any(qa < cut < qb for qa, qb in quoted):
            continue  # never inside a quotation or title (``开展“我为群众办实事”…``)
        while cut < b and text[cut] in "了着好":  # ``启动了`` ``守好``: the verb's particle or complement
            cut += 1
        if b - cut < 2 or text[cut] == "的":
            continue  # ``工委组织的…``: the verb was a noun
        # an item shaped like the others first (a name among names), then the nearest length
        gap = (cut in preps, tok and len(shapes) == 1
               and _item_shape(text[cut:b]) not in shapes | {SHAPE_WORD, SHAPE_LONE_VERB},
               abs((b - cut) - target))
        if best_gap is None or gap <= best_gap:
            best, best_gap = cut, gap
    return best


def _quoted_inner(text: str, qa: int, qb: int) -> list[tuple[int, int]] | None:
    """Items inside one quotation ``“A、B、C”`` (or ``“A，B，C”``), None when it holds no list."""
    scan = _scan_fwd(text, qa + 1, closer="”")
    if scan is None or scan[0] != qb - 1:
        return None
    marks = scan[1]
    seps = ([p for p, c in marks if c == "；"] or [p for p, c in marks if c == "、"]
            or [p for p, c in marks if c == "，"])
    if not seps:
        return None
    return _pieces(qa + 1, qb - 1, seps)


def _atom_run_back(text: str, e: int) -> list[tuple[int, int]]:
    """Quotations or titles written in a row right before ``e`` (``“A”“B”“C”``)."""
    out: list[tuple[int, int]] = []
    i = e
    while i > 0 and text[i - 1] in "”》":
        j = _skip_atom_back(text, i - 1, max(0, i - MAX_ATOM))
        if j is None:
            break
        out.append((j, i))
        i = j
        if i > 0 and text[i - 1] == "、":
            i -= 1
    return out[::-1]


def _quoted_characters(text: str, c: _Count) -> _List | None:
    """The characters of the quotation right before ``N个字`` (``“巩固、增强”四个字``), one item each."""
    qa = _skip_atom_back(text, c.start - 1, max(0, c.start - MAX_ATOM))
    if qa is None:
        return None
    items = [(i, i + 1) for i in range(qa + 1, c.start - 1) if _CJK_RE.match(text[i])]
    return _List(items, SIDE_BEFORE, False, True, kind="字") if items else None


def _before_list(text: str, c: _Count, stops: list[int]) -> _List | None:
    if c.chars:
        return _quoted_characters(text, c)
    s = c.start
    m = _CONNECTOR_RE.search(text, max(0, s - 8), s)
    conn = m.group(0) if m else ""
    if conn.endswith("的") and not c.slogan:
        return None  # ``A、B的三个X``: a relative clause, not the items
    if not conn and c.bare:
        return None  # ``学校6所``: the noun stands before the count
    e = s - len(m.group(0)) if m else s
    if conn in ("等", "等等") and not _DENG_RE.match(text, e):
        return None  # 高等, 中等: not a list end
    if conn == "这":
        conn = ""
    if c.slogan and not conn and s > 0 and text[s - 1] == "”":
        return None  # ``“三反”“五反”``: slogans in a row, the second does not count the first
    if e <= 0 or not (_CJK_RE.match(text[e - 1]) or text[e - 1] in "”》）"
                      or text[e - 1].isascii() and text[e - 1].isalpha()):
        return None  # a list ends in an ideograph, a closing quote or bracket, or a Latin letter
    k = bisect.bisect_left(stops, e) - 1
    if (stops[k] if k >= 0 else -1) < e - MAX_BACK and e > MAX_BACK:
        return None  # no clause boundary near enough: no list can be delimited (cheap test first)
    scan = _scan_back(text, e)
    if scan is None:
        return None
    cs, stop, seps = scan
    certain = True
    kind = "、"
    open_start = False
    if seps:
        items = _pieces(cs, e, seps)
        items[0] = (_trim_lead(text, *items[0], items[1:]), items[0][1])
        open_start = stop == "；"  # the list may run on before the ；
        if any("的" in text[a:b] for a, b in items[1:]):
            # ``问题较多、整改进度较慢的柳河镇、白石镇2个乡镇``: a relative clause may hold the first pieces
            certain = False
    else:
        items = []
        if text[e - 1] == "”":
            qa = _skip_atom_back(text, e - 1, max(0, e - MAX_ATOM))
            if qa is not None:
                items = _quoted_inner(text, qa, e) or []
                kind = "“、”"
        if not items:
            items = _atom_run_back(text, e)
            kind = "“”“”"
        if len(items) < 2 and not c.slogan:
            # ``完成对A和B3条主干道路的改造``: two items joined by a conjunction alone
            k = _top_level_conj(text, cs, e)
            if k is not None:
                second = (k + (2 if text.startswith("以及", k) else 1), e)
                items = [(_trim_lead(text, cs, k, [second]), k), second]
                kind = "和"
        if len(items) < 2:
            return None
    if any(b - a < 1 for a, b in items):
        return None
    if text[e - 1] in "和及与或":
        return None  # ``小微企业和“三农”主体``: the count is the item after the conjunction
    la, lb = items[-1]
    if text.startswith("级", c.core_end - 1) and not (
            lb - la <= 2 and kind == "、" or lb - la <= 3 and _LEVEL_NAME_RE.search(text, la, lb)):
        return None  # ``…节能和供热三级管网``: a grade of the noun; levels are listed by their names (市、县两级)
    if kind in ("、", "和"):
        for a, b in items[1:]:
            if b - a > MAX_ITEM or _has_quantity(text, a, b):
                return None
        fa, fb = items[0]
        if _has_quantity(text, max(fa, fb - 8), fb) or _ORDINAL_START_RE.match(text, fa):
            return None
        if any(_DENG_RE.search(_strip_quoted(text[a:b])) for a, b in items):
            return None  # the list ended earlier: ``A、B等部门检查了5个单位``
        la, lb = items[-1]
        if _PREDICATE_RE.search(_strip_quoted(text[la:lb])):
            return None  # ``城南成立了5个站``: a predicate stands between list and count
        if "是" in _strip_quoted(text[la:lb]):
            return None  # ``甲与乙仍是当今两大主题``: the list is the subject, the count is in the predicate
        if not conn and _predicate_before_count(text, items):
            return None
    if kind == "“、”" and text[items[0][1]] == "，" and not _echoes(text, items, c.keys):
        certain = False  # ， inside a quotation separates clauses as often as items
    if kind in ("、", "和") and _QUANTIFIER_ITEM_RE.fullmatch(text, *items[-1]):
        return None  # ``…的方针和一系列两条腿走路的政策``: a measure, not an item
    if kind == "和":
        if _verbs_before_object(text, items[-1]):
            return None  # ``鼓励和支持两国人民`` ``严格区分和正确处理两类矛盾``: the count is the object
        if _one_name(text, items[0][0], items[0][1], items[1][1]):
            return None  # ``工业和信息化部三个司局``: one name
        # a pair is a list when both halves are alike: both names or both verb phrases
        shapes = {_item_shape(text[a:b]) for a, b in items} - {SHAPE_WORD, SHAPE_LONE_VERB}
        clean = _clean(text, items) and len(shapes) <= 1 and _top_level_conj(text, *items[1]) is None
        # the pair stays one item when its halves are not alike (``生活和办事方便``)
        readings = {2: items} if clean else {2: items, 1: [(items[0][0], e)]}
        certain = certain and clean and c.stated <= 3  # two items are miscounted as three, not more
    else:
        items, readings = _readings(text, items, c.keys if c.slogan else "")
        clean = kind != "、" or _clean(text, items) or c.slogan and _echoes(text, items, c.keys)
        certain = certain and clean
    if kind in ("、", "和"):
        if _shared_object(text, items):
            return None
        _add_compressed_reading(text, c, items, readings)
        _add_coordinate_reading(text, items, readings)
        if text[cs:items[0][0]].endswith(("同", "与", "跟", "和")):
            certain = False  # ``中方同美方和欧方三方``: the subject may be one of those counted
        if len(items) < c.stated and conn not in ("等", "等等") and _counts_units_of_items(text, c, items):
            certain = False
    if kind == "和" and not certain and c.stated != 2:
        return None  # a pair that is no clean list says nothing either way
    if c.slogan and not _echoes(text, items, c.keys):
        if not conn and kind == "、" and clean and all(
                _names_a_thing(text, a, b, i == len(items) - 1) for i, (a, b) in enumerate(items)):
            # ``建立A、B“三大基金”``: a clean list right before the slogan is its list, when a reader is sure
            if not certain or len(items) * 2 <= c.stated or c.stated * 2 <= len(items):
                return None
        elif not conn:
            # ``打好“三大攻坚战”`` ``王张江姚“四人帮”`` ``农民收入“五连快”``: a slogan right after a noun
            # or verb is its object or apposition, unless the items repeat the slogan's key
            return None
        if conn.endswith("的"):
            # ``…为主的“四关爱结双亲”`` ``横向到边、纵向到底的“四位一体”格局``: the modifier may describe
            # rather than list; it is taken as the list only when its length agrees, and never surely
            if len(items) != c.stated:
                return None
            certain = False
    return _List(items, SIDE_BEFORE, conn in ("等", "等等"), certain, readings, kind, open_start)


def _verbal(flag: str) -> bool:
    """A jieba flag of a verb, adjective, adverb, preposition, particle or conjunction (not vn/an)."""
    return flag.startswith(("v", "a", "d", "p", "u", "c")) and flag not in ("vn", "an")


def _ends_in_predicate(s: str) -> bool:
    """``s`` ends in a verb or adjective led by a subject, an adverb or another verb (``城南建成``
    ``理直气壮地宣传`` ``关于打好``), not by a common noun (``区域协调`` ``劳动监察`` are names of tasks);
    or in a preposition, particle or conjunction (``…银行为“三农”服务``), which no item ends in."""
    tok = _posseg()
    if not tok:
        return False
    words = list(_words(s))
    if words and words[-1].flag.startswith(("p", "u", "c")):
        return True
    if len(words) < 2 or not _verbal(words[-1].flag):
        return False
    prev = words[-2].flag
    # a task named by its object and verb (``区域协调`` ``土壤污染防治``): the object is a common noun,
    # a verbal noun or a set phrase, not a person, place or organisation that would be a subject
    return not (prev.startswith(("n", "vn", "an", "j", "i", "l")) and prev not in ("nr", "ns", "nt"))


SHAPE_NOUN = "noun"
SHAPE_VERB = "verb"  # a verb and its object (``加强行政监督``)
SHAPE_CLAUSE = "clause"  # a subject and predicate, an adverb, a preposition ... or too long to be a name
SHAPE_WORD = "word"  # one word, a verb or an adjective as often as a noun (``居住`` ``交通``): fits either
SHAPE_LONE_VERB = "lone verb"  # one verb: a noun among nouns, or one of verbs sharing an object
# jieba flags that no name of a thing holds: prepositions and aspect particles (not adverbs or
# conjunctions, too often jieba's reading of part of a noun: 财政所, 日常; nor 至 of a route, 甲至乙).
_CLAUSE_FLAGS = ("p", "ul", "uz", "ug")
_NAME_PREPOSITIONS = frozenset({"至", "到"})
# Pronouns that make a clause (persons, demonstratives, questions); not 每 各 相互, which modify nouns.
_CLAUSE_PRONOUNS = frozenset({
    "我", "你", "他", "她", "它", "我们", "你们", "他们", "她们", "它们", "咱们", "自己", "大家", "这", "那",
    "这些", "那些", "这里", "那里", "如何", "怎样", "怎么", "什么", "为什么", "哪些", "哪里", "谁",
    # modal verbs and function adverbs, which only a predicate holds
    "应当", "应该", "必须", "可以", "能够", "需要", "要", "将", "会", "能", "已", "已经", "正在", "仍", "仍然",
    "也", "都", "还", "又", "就", "就是", "才", "更", "最", "不", "没有", "未", "一定", "正", "均",
})
# The last character of the name of an organisation or a facility (``清河制呢厂`` ``市住建局``).
_ORG_SUFFIX_RE = re.compile(r"[厂局所院校站部委办厅处社馆园区场港矿队司团会](?:）)?$")
# jieba flags of names of places and organisations (the subject when a verb follows); not of people,
# which jieba also gives to words such as 养老.
_NAME_FLAGS = frozenset({"ns", "nt"})


def _item_shape(s: str) -> str:
    """How an item reads: a noun phrase (``贝尔大街`` ``产业扶贫`` ``土壤污染防治``: a task named by its
    object and verb is a noun), a verb and its object (``实行科学民主决策``), or a clause."""
    s = _strip_quoted(s)
    if len(s) > MAX_CLEAN_ITEM:
        return SHAPE_CLAUSE
    tok = _posseg()
    if not tok or not s:
        return SHAPE_NOUN
    words = list(_words(s.removeprefix("其他").removeprefix("其它")))
    if len(words) == 1 or len(s) <= 2:  # ``住建`` ``人社`` ``大连``: a word, whatever jieba makes of it
        return SHAPE_LONE_VERB if words[0].flag == "v" and len(words) == 1 else SHAPE_WORD
    if any(w.flag.startswith(_CLAUSE_FLAGS) and w.word not in _NAME_PREPOSITIONS
           or w.word in _CLAUSE_PRONOUNS for w in words) or any(w.word == "是" for w in words[1:]):
        return SHAPE_CLAUSE
    if _ORG_SUFFIX_RE.search(s):
        return SHAPE_NOUN  # a name, whatever jieba makes of its parts
    if words[0].flag in _NAME_FLAGS and words[1].flag == "v" and len(words) > 2 and words[-1].flag[0] != "n":
        return SHAPE_CLAUSE  # ``贵州启动防汛`` ``深圳援助梅州``: a place or body and what it does
    if words[0].flag == "v" and words[-1].flag.startswith(_NOUN_FLAGS):
        return SHAPE_VERB
    # verbs inside a phrase ending in a noun modify it (``村干部坐班值班制度``); one at the end names a
    # task by its object (``产业扶贫``)
    return SHAPE_NOUN


# The last character of a group of people (``残疾人`` ``退役军人`` ``农民`` ``学生``).
_PERSON_SUFFIX_RE = re.compile(r"[人者员户民生工众属士]$")


def _names_a_thing(text: str, a: int, b: int, last: bool = True) -> bool:
    """An item that opens with a noun and holds no quotation (``大病医疗`` ``产业扶贫``; not ``聚焦反对``
    or ``增强“四个意识”``): before a slogan, anything else is a predicate taking the slogan as object."""
    tok = _posseg()
    if "“" in text[a:b] or _VERB_START_RE.match(text, a, b) or _OBJECT_VERB_END_RE.search(text, a, b):
        return False
    if text[a] in "各每本该全":
        return False  # ``各地区、各部门``: every one of a kind, the subject of what follows
    if not tok:
        return True
    words = list(_words(text[a:b]))
    if last and (len(words) == 1 or _PERSON_SUFFIX_RE.search(text, a, b)
                 or all(w.flag.startswith("nr") for w in words)):
        # one word, a group of people or names of persons right before a slogan own it or are named
        # by it (``残疾人“两项补贴”`` ``王张江姚“四人帮”``): a list there is read only from other items
        return False
    if len(words) == 1:  # ``资金``: one word among names is a name
        return True
    if _item_shape(text[a:b]) != SHAPE_NOUN:
        return False
    # a verb only at the end (``产业扶贫``): ``外媒报道自治区`` ``首次邀请外宾旁听`` are clauses
    return not words[0].flag.startswith(("v", "a", "d", "m")) and not any(
        w.flag.startswith("v") and w.flag != "vn" for w in words[:-1]) and not _ends_in_predicate(text[a:b])


def _verbs_before_object(text: str, item: tuple[int, int]) -> bool:
    """The last of a pair ends in a verb not led by a noun (``支持`` ``正确处理``): the pair is of verbs
    whose object the count is (a task named by object and verb, ``产业扶贫``, is led by its noun)."""
    tok = _posseg()
    if not tok:
        return False
    words = list(_words(text[item[0]:item[1]]))
    if len(words) == 1 and words[0].flag == "n" and len(words[0].word) == 4:
        words = list(_words(words[0].word[:2])) + list(_words(words[0].word[2:]))  # ``正确处理``
    if not words[-1].flag.startswith("v") or words[-1].flag == "vn":
        return False
    return len(words) == 1 or not words[0].flag.startswith(("n", "j", "i", "l"))


def _shared_object(text: str, items: list[tuple[int, int]]) -> bool:
    """Lone verbs before a verb and its object (``保护、建设和管理家乡四条河流``): verbs sharing the
    object that the last one names, so the list is of actions on the counted things, not of the things."""
    tok = _posseg()
    if not tok or len(items) < 2:
        return False
    la, lb = items[-1]
    last = list(_words(text[la:lb]))
    if len(last) == 1 and lb - la > 2:  # ``保卫祖国`` as one word: its first two characters
        last = list(_words(text[la:la + 2])) + last
    if len(last) < 2 or last[0].flag not in ("v", "vn") or not last[-1].flag.startswith("n"):
        return False  # ``统战工作``: a verbal noun at the end is the head the items share, not an object
    firsts = [last[0]]
    for a, b in items[:-1]:
        words = list(_words(text[a:b]))
        if len(words) != 1 or words[0].flag not in ("v", "vn"):
            return False
        firsts.append(words[0])
    return any(w.flag == "v" for w in firsts)


def _clean(text: str, items: list[tuple[int, int]]) -> bool:
    """A list a reader is sure of: short items that name things or actions, none of them a clause."""
    shapes = {_item_shape(text[a:b]) for a, b in items}
    return SHAPE_CLAUSE not in shapes


def _predicate_before_count(text: str, items: list[tuple[int, int]]) -> bool:
    """Whether the last piece before a count (no connector) reads as a predicate rather than an item.

    It ends in a predicate (``城南建成5个站`` ``理直气壮地宣传四项基本原则``) while the other items do not,
    or it holds a 的 phrase that the other items lack (``…的方针和一系列两条腿走路``): then the count is
    the object of that predicate and the list, if any, belongs elsewhere. Items written in parallel as
    predicates (``打得赢、不变质两个历史性课题``) stay a list.
    """
    la, lb = items[-1]
    last = _strip_quoted(text[la:lb])
    others = [_strip_quoted(text[a:b]) for a, b in items[:-1]]
    if "的" in last and not any("的" in o for o in others):
        return True
    if _OBJECT_VERB_END_RE.search(last):
        return True
    return _ends_in_predicate(last) and not all(_ends_in_predicate(o) for o in others)


def _strip_deng(text: str, a: int, b: int) -> tuple[int, bool]:
    """End of the last item without a trailing ``等…`` and whether it was there."""
    for m in _DENG_RE.finditer(text, a, b):
        if m.start() > a:
            return m.start(), True
    return b, False


def _segment_lists(text: str, p: int, end: int, marks: list[tuple[int, str]], keys: str) -> list[_List]:
    """Candidate readings of the list running from ``p`` to ``end`` (sentence end or closer)."""
    out: list[_List] = []
    first_stop = next((q for q, ch in marks if ch in "，；："), end)
    seps1 = [q for q, ch in marks if ch == "、" and q < first_stop]
    if seps1:
        out.append(_List(_pieces(p, first_stop, seps1), SIDE_AFTER, False, True, kind="、"))
    semis = [q for q, ch in marks if ch == "；"]
    if semis:
        items = _pieces(p, end, semis)
        la, lb = items[-1]
        comma = next((q for q, ch in marks if ch == "，" and la <= q < lb), None)
        if comma is not None:
            items[-1] = (la, comma)
        if all(b - a <= MAX_CLAUSE_ITEM for a, b in items):
            out.append(_List(items, SIDE_AFTER, False, False, kind="；"))
    if text[p] == "“":
        qb = _skip_atom_fwd(text, p, end + 1)
        if qb is not None and qb == first_stop:
            inner = _quoted_inner(text, p, qb)
            if inner:
                out.append(_List(inner, SIDE_AFTER, False, True, kind="“、”"))
    if not seps1:
        k = _top_level_conj(text, p, first_stop)
        if k is not None:
            conj_len = 2 if text.startswith("以及", k) else 1
            pair = [(p, k), (k + conj_len, first_stop)]
            readings = {2: pair} if _is_parallel(text, pair) else {2: pair, 1: [(p, first_stop)]}
            out.append(_List(pair, SIDE_AFTER, False, True, readings, kind="和"))
        commas = [q for q, ch in marks if ch == "，" and q < (semis[0] if semis else end)]
        if commas:
            items = _parallel_prefix(text, _pieces(p, semis[0] if semis else end, commas), keys)
            if items:
                out.append(_List(items, SIDE_AFTER, False, False, kind="，"))
    return out


def _parallel_prefix(text: str, items: list[tuple[int, int]], keys: str) -> list[tuple[int, int]]:
    """The clauses that open like the first one (``涉及…，涉及…，涉及…，做到…`` -> three), or that repeat
    the slogan's key (``“五定”，即定A，定B…``): a ， list is a list only when written in parallel, and
    the first clause that breaks the pattern has left it. Empty when nothing is parallel."""
    best: list[tuple[int, int]] = []
    a0 = items[0][0]
    k = 1
    while k < len(items) and text[items[k][0]] == text[a0]:
        k += 1
    if k >= 2:
        best = items[:k]
    for key in keys[:2]:
        if not _CJK_RE.match(key or " "):
            continue
        k = 0
        while k < len(items) and key in text[items[k][0]:items[k][1]]:
            k += 1
        if k >= 2 and k > len(best):
            best = items[:k]
    return best


def _is_parallel(text: str, items: list[tuple[int, int]]) -> bool:
    """Every item opens with the same character or ends with the same one (``…的矛盾；…的矛盾``)."""
    return (len({text[a] for a, b in items}) == 1 or len({text[b - 1] for a, b in items if b > a}) == 1)


def _titles_after(text: str, p: int) -> tuple[list[tuple[int, int]], int] | None:
    """Book titles in a row from ``p`` (``《A》《B》、《C》和《D》``) and the end of the run."""
    items = []
    i = p
    while i < len(text) and text[i] == "《":
        j = _skip_atom_fwd(text, i, len(text))
        if j is None:
            break
        items.append((i, j))
        i = j
        if i < len(text) and text[i] in "、，和及与" and i + 1 < len(text) and text[i + 1] == "《":
            i += 1
    return (items, i) if len(items) >= 2 else None


def _holds(stated: int, items: int, truncated: bool) -> bool:
    return items <= stated if truncated else items == stated


def _after_list(text: str, c: _Count, limit: int) -> _List | None:
    m = _INTRO_RE.match(text, c.end, min(limit, len(text)))
    if not m:
        return None
    if c.start > 0 and text[c.start - 1] == "、":
        return None  # ``“四旁”、“五边”：“四旁”为…；“五边”为…``: the count is one of the things explained
    bridge, intro = m.group("bridge"), m.group("intro")
    if intro in ("（", "——", "，包括", "包括：") and bridge:
        return None  # over a predicate, the apposition or 包括 belongs to the predicate's object
    if intro == "（" and not c.slogan and (c.bare or c.end - c.core_end < 2):
        return None  # ``29个省（自治区、直辖市）`` ``6个县（市、区）``: the noun's kinds, not its items
    if "之一" in bridge or "等" in bridge:
        return None
    p = m.end()
    if p < len(text) and text[p] == "：":
        p += 1
    if p >= len(text) or _ORDINAL_START_RE.match(text, p):
        return None
    partial = intro.startswith(("，包括", "包括"))
    loose = intro == "，分别由"
    titles = _titles_after(text, p)
    if titles:
        items, q = titles
        truncated = text.startswith("等", q) or partial
        return _List(items, SIDE_AFTER, truncated, True, kind="《》")
    scan = _scan_fwd(text, p, closer="）" if intro == "（" else None)
    if scan is None:
        return None
    end, marks = scan
    if intro == "（" and (end >= len(text) or text[end] != "）"):
        return None
    cands = _segment_lists(text, p, end, marks, c.keys if c.slogan else "")
    if not cands:
        return None
    chosen = None
    if c.slogan:
        chosen = next((x for x in cands if _echoes(text, x.items, c.keys)), None)
        if chosen is not None:
            chosen.certain = chosen.kind != "，"  # the echo settles the reading; a ， list stays a guess
    if chosen is None:
        chosen = cands[0]
        # a 、 list that the sentence's ； structure reads otherwise is a guess; parallel ； clauses win
        other = next((x for x in cands if x.kind == "；"), None)
        if (chosen.kind == "、" and other is not None
                and _holds(c.stated, len(chosen.items), False) != _holds(c.stated, len(other.items), False)):
            chosen.certain = False
            if _is_parallel(text, other.items) and not _is_parallel(text, chosen.items):
                chosen = other
    # the last item may end in 等… (truncated) or run into the predicate
    la, lb = chosen.items[-1]
    cut, had_deng = _strip_deng(text, la, lb)
    if had_deng:
        chosen.items[-1] = (la, cut)
        chosen.truncated = True
    if partial:
        chosen.truncated = True
    if loose:
        chosen.certain = False
    if intro == "（" and any(_has_quantity(text, a, b) for a, b in chosen.items):
        return None  # ``5个（其中3个…）``: a breakdown in brackets, not the items
    if sum(bool(_QUANTITY_START_RE.match(text, a)) for a, b in chosen.items) * 2 >= len(chosen.items):
        return None  # ``48个工程：三个铁矿，八个选矿厂…``: a breakdown of a total, not a list of names
    if chosen.kind == "“、”" and text[chosen.items[0][1]] == "，" and not _echoes(text, chosen.items, c.keys):
        chosen.certain = False  # ， inside a quotation separates clauses as often as items
    if chosen.kind == "、":  # in a ； list, a conjunction inside a clause item never splits it
        chosen.items, chosen.readings = _readings(text, chosen.items, c.keys if c.slogan else "")
    if any(b <= a for a, b in chosen.items):
        return None
    echoed = c.slogan and _echoes(text, chosen.items, c.keys)  # ``“三个必谈”，即…必谈、…必谈``
    if chosen.kind in ("、", "和") and not echoed and not _clean(text, chosen.items):
        chosen.certain = False  # ``“三个如何”…：如何让群众生活和办事更方便``: clauses, not names
        if chosen.kind == "和" and c.stated != 2:
            return None  # a clause split at 和 is no list: it says nothing either way
    if any(_LATIN_RUN_RE.search(text, a, b) for a, b in chosen.items):
        return None  # ``来源：http://…、…``: addresses and codes, not items
    return chosen


def _next_sentence_list(text: str, c: _Count) -> _List | None:
    """For a slogan closing a short heading sentence, the list of the next sentence (never certain)."""
    if not (c.slogan or "位一体" in text[c.start:c.end]):
        return None
    i = c.end
    if i < len(text) and text[i] == "“":
        j = _skip_atom_fwd(text, i, len(text))
        if j is None or j - i > 14:
            return None
        i = j
    if i >= len(text) or text[i] != "。":
        return None
    lo = max(0, c.start - MAX_HEADING_LEAD)
    k = max(text.rfind(ch, lo, c.start) for ch in _SENTENCE_STOP)
    if k < 0 and lo > 0:
        return None  # not a short sentence
    sent = k + 1 if k >= 0 else 0
    if not (sent == 0 or text[sent - 1] == "\n" or _ORDINAL_START_RE.match(text, sent)):
        return None  # a heading opens its paragraph or an ordinal item (``二是开展“六个专项整治”。``)
    if "，" in text[sent:c.start]:
        return None  # a heading is one clause
    p = i + 1
    if p >= len(text) or text[p] in _SENTENCE_STOP or _ORDINAL_START_RE.match(text, p):
        return None
    scan = _scan_fwd(text, p)
    if scan is None:
        return None
    end, marks = scan
    semis = [q for q, ch in marks if ch == "；"]
    own_count_matters = not semis  # a 、 list followed by its own count is that count's list
    if semis:
        items = _pieces(p, end, semis)
        la, lb = items[-1]
        comma = next((q for q, ch in marks if ch == "，" and la <= q < lb), None)
        if comma is not None:
            items[-1] = (la, comma)
    else:
        # the first clause of the sentence that holds a 、 list
        items = []
        seg_start = p
        for q in [q for q, ch in marks if ch in "，："] + [end]:
            seps = [x for x, y in marks if y == "、" and seg_start <= x < q]
            if seps:
                items = _pieces(seg_start, q, seps)
                items[0] = (_trim_lead(text, *items[0], items[1:]), items[0][1])
                break
            seg_start = q + 1
        if len(items) < 2:
            return None
    la, lb = items[-1]
    cut, had_deng = _strip_deng(text, la, lb)
    items[-1] = (la, cut)
    if any(b <= a for a, b in items):
        return None
    tail = cut + 2 if had_deng and text.startswith("等等", cut) else cut + 1 if had_deng else cut
    if own_count_matters and (_COUNT_RE.match(text, tail) or text.startswith("“", tail)):
        return None  # ``…派出所等6个单位``: the list has its own count
    return _List(items, SIDE_AFTER, had_deng, False, kind="next")


# ---------------------------------------------------------------------------------------------------
# Rows.


def _row(text: str, c: _Count, lst: _List) -> dict | None:
    """The row of a count and its list (None when the list cannot plausibly be what is counted)."""
    readings = dict(lst.readings or {})
    readings.setdefault(len(lst.items), lst.items)
    certain = lst.certain and c.sure
    if len({_holds(c.stated, r, lst.truncated) for r in readings}) > 1:
        # the readings of the conjunctions disagree: keep the one that holds nearest the usual one
        certain = False
        n0 = len(lst.items)
        if not _holds(c.stated, n0, lst.truncated):
            n = min((r for r in readings if _holds(c.stated, r, lst.truncated)), key=lambda r: abs(r - n0))
            lst.items = readings[n]
    n = len(lst.items)
    if lst.open_start and n < c.stated:
        certain = False  # more items may stand before the first one
    if not _holds(c.stated, n, lst.truncated):
        lo, hi = sorted((c.stated, n))
        if hi >= 2 * lo:
            # a miscount is off by one or two; a list of another granularity (城东、城西两镇48个村)
            # or a list the count does not own is not a miscount
            if hi - lo >= 3:
                return None
            certain = False
    list_start = lst.items[0][0]
    list_end = lst.items[-1][1]
    end = _noun_phrase_end(text, c.core_end, c.end) if c.end > c.core_end else c.end
    lo_pos = min(c.start, list_start)
    hi_pos = max(end, list_end)
    return {
        ID: f"enum-{c.start}",
        STATED: c.stated,
        START: c.start,
        END: end,
        RAW: text[lo_pos:hi_pos],
        ITEMS: n,
        ITEMS_LOW: min(readings),
        ITEMS_HIGH: max(readings),  # every plausible grouping of the items lies in [low, high]
        ITEM_TEXTS: [text[a:b] for a, b in lst.items],
        ITEM_SPANS: [[a, b] for a, b in lst.items],
        LIST_START: list_start,
        LIST_END: list_end,
        SIDE: lst.side,
        TRUNCATED: lst.truncated,
        CERTAIN: certain,
    }


def extract_enumerations(text: str) -> list[dict]:
    """One row per stated count with its adjacent list (columns: :data:`ENUMERATION_COLUMNS`).

    ``start``/``end`` span the stated count phrase (numeral, classifier and noun, or the quoted slogan
    and its noun); ``item_spans`` / ``list_start`` / ``list_end`` span the items. Offsets are in
    ``text``.
    """
    counts = _find_counts(text)
    stops = [m.start() for m in _CLAUSE_STOP_RE.finditer(text)]
    rows = []
    for k, c in enumerate(counts):
        limit = counts[k + 1].start if k + 1 < len(counts) else len(text)
        lst = (_before_list(text, c, stops) if c.chars
               else _after_list(text, c, limit) or _before_list(text, c, stops) or _next_sentence_list(text, c))
        if lst is None or len(lst.items) < 2:
            continue
        row = _row(text, c, lst)
        if row is not None:
            rows.append(row)
    return rows


def enumeration_holds(row: dict) -> bool:
    """The check on one row: ``stated == items``, or ``items <= stated`` for a truncated list."""
    return _holds(row[STATED], row[ITEMS], row[TRUNCATED])


def enumeration_problems(rows: list[dict], certain_only: bool = True) -> list[dict]:
    """Rows whose check fails (only the certain ones unless ``certain_only`` is False)."""
    return [r for r in rows if (r[CERTAIN] or not certain_only) and not enumeration_holds(r)]
