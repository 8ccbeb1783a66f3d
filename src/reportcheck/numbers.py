"""Numbers: find every number in a normalised report text and read it as an interval.

A written number carries its precision. We read each one as a closed interval ``[low, high]``:

* an exact integer (``137条``, ``一百零五人``) is ``[137, 137]``;
* a decimal or a scaled number is exact to half a unit of its last written digit: ``82.9%`` is
  ``[82.85, 82.95]``, ``2.8万项`` is ``[27500, 28500]``, ``3亿元`` is ``[2.5e8, 3.5e8]``;
* 余/多 after the number mean "more than, by less than one step of the last written digit":
  ``300余条`` is ``[300, 400]``, ``1360余万元`` is ``[1.36e7, 1.37e7]``, ``2.6万余篇`` is ``[26000, 27000]``
  (a number with no trailing zero steps by 10: ``15余`` is ``[15, 25]``);
* 以上/超过/逾/不少于/至少 mean at least: ``[n, inf]``; 近/不足/不到/不满/少于 mean below: ``[0.9n, n]``
  for 近 and ``[0, n]`` for the others; 约/左右/大约 mean around: ``[0.9n, 1.1n]``; 以下/以内/不超过 mean
  at most: ``[0, n]``;
* a range ``3至5人`` / ``1—2份`` / ``3-4人`` is ``[3, 5]``.

Endpoints that are strictly exclusive in the language (``82.9%`` is really ``[82.85, 82.95)``) are kept
closed: the checks are lenient at the edge, never strict, so rounding never raises a false alarm.

Not every number is a quantity. :func:`scan` classifies each token: ``quantity``, ``percent``,
``points`` (个百分点), ``ratio`` (倍), ``date``, ``year``, ``ordinal``, ``name`` (a number inside a name
or a fixed term such as “四风”, 十八届三中全会, 北岸二中), ``docno`` (〔2014〕12号), ``phone``, ``url``.
Only ``quantity``/``percent``/``points``/``ratio`` take part in arithmetic.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, field

from . import cnnum

# ---------------------------------------------------------------------------------------------------
# Chinese numerals

CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5,
             "陆": 6, "柒": 7, "捌": 8, "玖": 9}
CN_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
CN_NUM_CHARS = "".join(CN_DIGITS) + "".join(CN_SMALL_UNITS) + "".join(CN_BIG_UNITS)


def parse_cn_int(s: str) -> int | None:
    """Read a Chinese integer numeral (十五, 一百零五, 两千三百, 三万五千, 二〇一四); None if malformed.

    Digit-by-digit strings (二〇一四) are read for dates; a quantity never is (``cnnum.read`` refuses them).
    """
    if not s:
        return None
    if all(c in CN_DIGITS for c in s):
        # digit-by-digit form: 二〇一四; a single digit is itself
        return int("".join(str(CN_DIGITS[c]) for c in s))
    r = cnnum.parse(s)
    return r.integer if r is not None and not r.is_range and not r.unit else None


def parse_cn_decimal(s: str) -> tuple[float, int] | None:
    """Read 三十五点六 as (35.6, 1 decimal); an integer numeral gives (value, 0)."""
    r = cnnum.parse(s)
    return (r.value, r.decimals) if r is not None and not r.is_range and not r.unit else None


# ---------------------------------------------------------------------------------------------------
# Units and classifiers, longest first so 万人次 wins over 人

UNITS = sorted(
    ["个百分点", "微克/立方米", "毫克/立方米", "毫克/升", "百分点", "平方公里", "平方米", "立方米", "千瓦时", "万千瓦", "千瓦", "公里", "千米", "公顷", "万亩", "亩", "吨", "公斤", "千克", "美元", "元", "人次", "场次", "户次", "架次", "件次", "批次", "条", "项", "件", "个", "名", "人", "户", "次", "场", "篇", "份", "辆", "家", "所", "座", "处", "间", "套", "册", "本", "期", "批", "支", "台", "部", "类", "种", "点", "位", "村", "镇", "乡", "倍", "起", "宗", "笔", "张", "轮", "块", "栋", "幢", "头", "只", "株", "棵", "米", "岁", "课时", "学时", "小时", "天", "周", "个月", "届", "床", "组", "队", "级", "门", "箱", "袋", "例", "对", "封", "首", "部", "集", "盏", "口", "眼", "座", "层", "根", "片", "节", "章", "款", "段", "方面", "大类", "余项", "家次", "万字", "字", "GB", "TB", "兆", "斤", "担", "年度", "年", "月", "日", "㎡", "㎞", "km", "kg"],
    key=len, reverse=True)
# Time-like classifiers: "3年" is a duration, not counted in sums with other units.
TIME_UNITS = {"年", "月", "个月", "日", "天", "周", "小时", "课时", "学时", "年度"}
SCALES = {"百": 100, "千": 1000, "万": 10_000, "十万": 100_000, "百万": 1_000_000, "千万": 10_000_000,
          "亿": 100_000_000, "万亿": 10**12, "萬": 10_000, "億": 100_000_000}

# ---------------------------------------------------------------------------------------------------
# Patterns (each matches one thing; all anchored at the scan position or bounded, no nested quantifiers)

# An Arabic number: 1,234.5 or 137 or 0.5
# thousands separators: 1,234,567; with the full-width comma only in three or more groups (2，895，753，000),
# since 2，350 is as often two figures of a list
_AR = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:，\d{3}){2,}(?![\d.])|\d+(?:\.\d+)?"
# A Chinese numeral, optionally with 点 decimals: 三十五点六, 一百零五, 两千三百, 兩萬, 廿二, 壹佰, 一百点123
# (cnnum reads it, with the 元角分 of a money amount)
_CN = r"[" + cnnum.NUMERAL_CHARS + r"]{1,40}(?:[点點][零〇○一二三四五六七八九壹贰貳叁參肆伍陆陸柒捌玖\d]{1,30}[万亿萬億]{0,2})?"
# Arabic digits inside a Chinese numeral: 1百01, 3万5千 (3万 and 3千人 alone are a number and its scale); 3元5角
_MIXED = (r"\d{1,4}[十百千万亿拾佰仟萬億](?=[\d" + "".join(cnnum.DIGITS) + r"])[\d" + cnnum.NUMERAL_CHARS + r"]{1,40}"
          r"|\d{1,12}[元圆圓](?=[零〇]?[\d" + "".join(cnnum.DIGITS) + r"][角分])")
# A scale word after digits: 2.8万, 3亿, 13.5万
_SCALE = r"万亿|千万|百万|十万|万|亿|千|百|萬|億"
# Range separators between two numbers: 3至5, 3-4, 1—2, 3~5, 3到5
_RANGE_SEP = r"至|到|—{1,2}|－|-|~|～|–"
# Prefix qualifiers
_PREFIX = r"不少于|不低于|不超过|不足|不到|不满|少于|多于|超过|大约|约为|将近|接近|近|约|逾|达|共|计|总计|合计|累计|共计"
# Suffix qualifiers after the unit
_POST = r"以上|以下|以内|左右|上下|之多|开外|有余|多|余"

RE_NUMBER = re.compile(
    r"(?=[\d" + cnnum.NUMERAL_CHARS + r"])"  # the first characters, for speed (see MASKS)
    r"(?:(?P<pct_cn>百分之(?P<pct_num>" + _CN + r"|" + _AR + r"))"  # 百分之三十五点六, 百分之70
    r"|(?P<mixed>" + _MIXED + r")"  # Arabic digits inside a Chinese numeral
    r"|(?P<num>" + _AR + r")"  # Arabic digits
    r"|(?P<cnum>" + _CN + r"))"  # Chinese numerals
)
# The same without mixed numerals: 3万 of 3万50, which cnnum does not read
_RE_NUMBER_UNMIXED = re.compile(RE_NUMBER.pattern.replace(_MIXED, "(?!)"))
# After a number: optional range tail (sep + number), scale, 余/多, unit, post qualifier
RE_RANGE_TAIL = re.compile(r"(?:%|％)?(?:" + _RANGE_SEP + r")(?P<n2>" + _AR + r"|" + _CN + r")")
RE_SCALE = re.compile(_SCALE)
RE_APPROX_MID = re.compile(r"余|餘|多")
RE_POST = re.compile(_POST)
RE_PREFIX_BEFORE = re.compile(r"(?:" + _PREFIX + r")$")
RE_UNIT = re.compile("|".join(re.escape(u) for u in UNITS))
RE_PERCENT = re.compile(r"%|％|‰")

# Things that contain digits but are not quantities; matched first and masked.
# Each pattern that does not begin with a literal or a character class begins with a lookahead for the
# characters its matches can begin with: the regex engine then skips the other positions at once
# instead of trying the pattern at every character (masking took a sixth of extraction). A test
# checks that the lookaheads admit every first character of the patterns' matches.
MASKS: list[tuple[str, re.Pattern[str]]] = [
    # URLs, including %-escaped ones (a %-escape is not a percentage)
    ("url", re.compile(r"(?=[hfw])(?:https?|ftp)://[^\s，。；、“”（）<>]{1,2000}|www\.[A-Za-z0-9.\-]{1,200}[^\s，。；、“”（）<>]{0,2000}")),
    # e-mail addresses
    ("url", re.compile(r"[A-Za-z0-9._%+\-]{1,64}@[A-Za-z0-9.\-]{1,255}\.[A-Za-z]{2,10}")),
    # document numbers: 〔2014〕12号, [2014]12号, 【2014】12号, 第12号
    ("docno", re.compile(r"[〔\[【（(]\d{4}[〕\]】）)]\s?第?\d{1,5}号")),
    # phone numbers: 0471-8888888, 400-123-4567, 13812345678
    ("phone", re.compile(r"(?=[014])(?<!\d)(?:0\d{2,3}-\d{7,8}|400-\d{3}-\d{4}|1[3-9]\d{9})(?!\d)")),
    # full dates with year: 2014年2月18日, 二〇一四年十月, 2014.10.20, 2014-10-20, 2014/10/20
    ("date", re.compile(r"(?=[\d一二三四五六七八九〇○零])(?:\d{4}|[一二三四五六七八九〇○零]{4})年(?:\d{1,2}|[一二三四五六七八九十]{1,3})月"
                        r"(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})[日号])?(?:[上中下]旬|底|末|初|中|份)?")),
    ("date", re.compile(r"(?=[12])(?<![\d.])(?:19|20)\d{2}[.\-/](?:0?[1-9]|1[0-2])(?:[.\-/](?:0?[1-9]|[12]\d|3[01]))?(?![\d.])")),
    # month-day dates: 9月底, 3月17日, 十二月, 12月份
    ("date", re.compile(r"(?=[\d一二三四五六七八九十])(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})[日号])?"
                        r"(?:[上中下]旬|底|末|初|中|份)?")),
    # day of month on its own after a date: 至20日
    ("date", re.compile(r"(?=\d)(?<=[至到—\-])(?:\d{1,2})[日号]")),
    # years and year ranges: 2014年, 2013—2015年, 二〇一四年, 1950年代; 2014 before 年度
    ("year", re.compile(r"(?=[12一二三四五六七八九〇○零])(?:(?:1[89]|20)\d{2}|[一二三四五六七八九〇○零]{4})(?:[—\-－~至到](?:(?:1[89]|20)\d{2}))?(?:年度|年代|年)")),
    # clock times: 10:30, 8时30分, 上午9时
    ("date", re.compile(r"(?=\d)(?:\d{1,2}[:：]\d{2}|\d{1,2}时(?:\d{1,2}分)?)")),
    # ordinals: 第七, 第三督导组, 第12届
    ("ordinal", re.compile(r"第[零〇一二两三四五六七八九十百千\d]{1,6}")),
    # plenary sessions and congresses: 十八届三中全会, 十九届四中全会, 二中全会, 十三五
    ("name", re.compile(r"[一二三四五六七八九十\d]{1,3}届(?:[一二三四五六七八九十\d]{1,3}[中次])?(?:全会|全体会议|人大|全国人大)?")),
    ("name", re.compile(r"(?=[一二三四五六七八九十\d“])(?:[一二三四五六七八九十\d]{1,3}中全会|“?[十][一二三四五六七八九十]{1,2}五”?(?:规划|时期|期间)?)")),
    # schools and named units: 北岸二中, 实验一小, 二中队
    ("name", re.compile(r"(?=[一二三四五六七八九十])(?<=[\u4e00-\u9fff])[一二三四五六七八九十]{1,2}(?:中|小|院|医院|中学|小学|附中)(?=[\u4e00-\u9fff，。、；]|$)")),
    # the size of the population a rate is per: 每千人口, 每万人, 每百户 (the figure after it is a rate)
    ("name", re.compile(r"(?<=每)(?:十|百|千|万|十万|百万)(?=人口|人|户|名|元|平方公里|亩)")),
    # numbers inside quotation marks: “四风”, “三公”, “五个一”, “十二个一”
    ("name", re.compile(r"“[^“”\n]{0,12}?(?:[零〇一二两三四五六七八九十百千]|\d){1,4}[^“”\n]{0,12}?”")),
    # the list ordinals 一是/二要/三要, 其一, (一), 一、 handled by the sequence extractor
    ("ordinal", re.compile(r"(?=[一二三四五六七八九十其（\d])(?:(?<![\u4e00-\u9fff])[一二三四五六七八九十]{1,3}(?:是|要|来|则|者)"
                           r"|其[一二三四五六七八九十]|（[一二三四五六七八九十\d]{1,3}）|^[一二三四五六七八九十]{1,3}、"
                           r"|^\d{1,2}[.、．](?!\d))", re.MULTILINE)),
]

# Chinese numerals are only quantities before a classifier; these idioms contain numerals but never count
IDIOM_CN = re.compile(
    r"一些|一致|一起|一切|一定|一般|一体|一样|一直|一道|一线|一手|一律|一再|一旦|一度|一同|一心|一系列|一把手|"
    r"统一|唯一|万一|之一|进一步|逐一|一一|一流|一批批|一年来|千方百计|千家万户|千万|万众|三令五申|五湖四海|四面八方|"
    r"一带一路|一国两制|两学一做|三严三实|四个全面|五位一体|一户一策|一事一议|一村一品|一对一|"
    r"七上八下|七嘴八舌|一五一十|九牛一毛|一分为二|十全十美|百花齐放|百家争鸣|千军万马|万无一失|一丝不苟|"
    r"一心一意|一鼓作气|一以贯之|一劳永逸|一览无余|一目了然|百年|千年|万年|一把|一揽子|一站式|"
    r"一方面|两个方面|一次性|一号|百姓|万物|九州|五金|三角|一级|二级|三级|四级|第一|万岁"
)


@dataclass
class Number:
    """One number token of the text, read as an interval (see the module docstring for semantics)."""

    start: int
    end: int
    raw: str
    kind: str  # quantity | percent | points | ratio | date | year | ordinal | name | docno | phone | url
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str = ""  # classifier or unit after the number: 条 项 人 元 % …
    scale: str = ""  # 万/亿 written after the digits (already applied to value/low/high)
    qualifier: str = ""  # 余 多 以上 近 约 … as written
    approx: bool = False  # any qualifier or range: the value is not exact
    is_range: bool = False
    num_start: int = 0  # span of the digits alone (for highlighting)
    num_end: int = 0
    extra: dict = field(default_factory=dict)

    @property
    def countable(self) -> bool:
        """True for numbers that take part in arithmetic."""
        return self.kind in ("quantity", "percent", "points", "ratio")


def _precision_interval(value: float, decimals: int, scale: int) -> tuple[float, float]:
    """Interval of a written number: exact when integer and unscaled, else ± half a unit of the last digit."""
    if decimals == 0 and scale == 1:
        return value, value
    half = 0.5 * (10.0 ** -decimals) * scale
    return value * scale - half, value * scale + half


def _read_arabic(s: str) -> tuple[float, int]:
    s = s.replace(",", "").replace("，", "")
    decimals = len(s.partition(".")[2])
    return float(s), decimals


def _step_for(value_digits: str, decimals: int, scale: int) -> float:
    """Step of 余/多 after a number: one unit of the last written digit, at least 10 for plain integers."""
    if decimals:
        return 10.0 ** -decimals * scale
    digits = value_digits.replace(",", "")
    tz = len(digits) - len(digits.rstrip("0"))
    if scale > 1:
        return (10.0 ** tz) * scale if tz else scale
    return 10.0 ** tz if tz else 10.0


# a list entry's number at a line start (8.“两重”：…, 3、…): the entries of the list a figure may follow
RE_ENTRY = re.compile(r"^[ \t\u3000]*(\d{1,3})[.．、](?![\d.．%])", re.MULTILINE)
# an entry's number run into the figure after it: 8.6个重大专项 (entry 8, six projects)
RE_ENTRY_RUN_IN = re.compile(r"^[ \t\u3000]*(\d{1,3})[.．](?=\d)", re.MULTILINE)


def run_in_entries(text: str) -> list[tuple[int, int, int]]:
    """Line-start entry numbers run into the figure after them, as (start, end, N) with the entry's
    ``N.``: ``8.6个…`` is entry 8 counting six when the nearest entry before it is 7 or the nearest after
    it is 9 (and neither is 8); otherwise the line opens with a decimal (``1.2万名…``). The one reading
    of such numbers, for the numbers (a reader sees six projects) and the ordinal sequences."""
    if not RE_ENTRY_RUN_IN.search(text):
        return []
    entries = [(m.start(), int(m.group(1))) for m in RE_ENTRY.finditer(text)]
    starts = [s for s, _ in entries]
    out = []
    for m in RE_ENTRY_RUN_IN.finditer(text):
        n = int(m.group(1))
        k = bisect.bisect_left(starts, m.start())
        prev = entries[k - 1][1] if k > 0 else None
        nxt = entries[k][1] if k < len(entries) else None
        if n and n not in (prev, nxt) and (prev == n - 1 or nxt == n + 1):
            out.append((m.start(1), m.end(), n))
    return out


def _after_entry(text: str, start: int) -> bool:
    """The number begins right after a line-start entry number (``8.`` of ``8.6个``)."""
    line = text.rfind("\n", 0, start) + 1
    m = RE_ENTRY_RUN_IN.match(text, line)
    return bool(m and m.end() == start)


def _mask_spans(text: str) -> list[tuple[int, int, str]]:
    """Spans of non-quantity numbers (dates, names, ordinals …), earliest first, non-overlapping."""
    spans: list[tuple[int, int, str]] = [(s, e, "ordinal") for s, e, _ in run_in_entries(text)]
    for kind, rx in MASKS:
        for m in rx.finditer(text):
            if m.end() > m.start():
                spans.append((m.start(), m.end(), kind))
    spans.sort(key=lambda t: (t[0], -(t[1] - t[0])))
    out: list[tuple[int, int, str]] = []
    last = -1
    for s, e, k in spans:
        if s >= last:
            out.append((s, e, k))
            last = e
    return out


def scan(text: str) -> list[Number]:
    """Find every number in ``text`` and classify it; quantities come with their intervals.

    Returns tokens in text order. Tokens of kinds other than quantity/percent/points/ratio carry no
    interval. Chinese numerals count only when a classifier or unit follows (``三点``, ``五项``), or
    as 百分之… percentages.
    """
    masks = _mask_spans(text)
    out: list[Number] = []
    mi = 0
    pos = 0
    n = len(text)
    for s, e, k in masks:
        out.append(Number(s, e, text[s:e], k, num_start=s, num_end=e))
    # walk the text, skipping masked spans
    while pos < n:
        # jump over masks
        while mi < len(masks) and masks[mi][1] <= pos:
            mi += 1
        if mi < len(masks) and masks[mi][0] <= pos < masks[mi][1]:
            pos = masks[mi][1]
            continue
        m = RE_NUMBER.search(text, pos)
        if not m:
            break
        # does a mask begin inside this match? then cut the search at the mask
        while mi < len(masks) and masks[mi][1] <= m.start():
            mi += 1
        if mi < len(masks) and masks[mi][0] < m.end() and masks[mi][0] <= m.start():
            pos = masks[mi][1]
            continue
        limit = masks[mi][0] if mi < len(masks) else n
        tok = _read_token(text, m, limit)
        if tok is None:
            pos = m.start() + 1
            continue
        out.append(tok)
        pos = max(tok.end, m.start() + 1)
    out.sort(key=lambda t: t.start)
    return out


def _read_token(text: str, m: re.Match[str], limit: int) -> Number | None:
    """Read one number starting at match ``m`` (with range, scale, qualifiers and unit); None when it is
    no number after all (a Chinese numeral without a classifier, inside an idiom …).

    Not beyond ``limit`` (where a masked span begins) for the range, the scale and 余/多. The steps, each
    reading what follows the one before (see :class:`_Token`): the number itself, a range's second
    number (``3至5``), the scale (``万``), 余/多, the unit, a qualifier after it (``以上``) and one before
    the number (``约``); then the kind and the interval.
    """
    if m.group("pct_cn"):
        return _read_cn_percent(m)
    t = _Token(text, m, limit)
    if t.arabic:
        code = t.code()
        if code is not None:
            return code
    if not t.read_value():
        return None
    t.read_range()
    if t.arabic or t.cn_scaled_range:  # a Chinese numeral holds its own 万/亿 (cnnum)
        t.read_scale()
    if not t.read_approx_mid():
        return None
    t.read_unit()
    if not t.qual:
        t.read_post()
    t.read_prefix()
    # Chinese numeral with no unit is not a quantity (三中全会 handled by masks, 一些 by idioms); a bare
    # 一 with a classifier is an article, not a count (人手一册, 每一项, 一批)
    if not t.arabic and (not t.unit or (t.body == "一" and not t.pre)):
        return None
    return t.number()


def _read_cn_percent(m: re.Match[str]) -> Number | None:
    """A percentage written 百分之… (``百分之三十五点六``, ``百分之70``); a whole one is a rounded share:
    百分之二十八 is [27.5, 28.5]."""
    start = m.start()
    body = m.group("pct_num")
    if body[0].isdigit():
        v, d = _read_arabic(body)
    else:
        r = parse_cn_decimal(body)
        if r is None:
            return None
        v, d = r
    lo, hi = _precision_interval(v, d, 1)
    if d == 0:  # 百分之二十八 is a rounded share: [27.5, 28.5]
        lo, hi = v - 0.5, v + 0.5
    return Number(start, m.end(), m.group(0), "percent", v, lo, hi, unit="%",
                  num_start=start, num_end=m.end())


class _Token:
    """One number being read by :func:`_read_token`: what has been read so far and where reading is
    (``p``). Each ``read_*`` step reads one part at ``p`` and moves ``p`` past it."""

    __slots__ = ("arabic", "body", "cn", "cn_scaled_range", "d", "d2", "hi2_cn", "is_range", "limit", "num_end",
                 "p", "post", "pre", "qual", "scale", "scale_word", "start", "text", "unit", "v", "v2")

    def __init__(self, text: str, m: re.Match[str], limit: int) -> None:
        """Which numeral ``m`` starts: Arabic digits, or a Chinese numeral read by cnnum (for a mixed
        one that cnnum cannot read, ``3万50``, its leading digits: 3万)."""
        self.text = text
        self.limit = limit
        self.start = start = m.start()
        self.cn = None  # the Chinese numeral, read by cnnum
        if m.group("num") is None:
            # read past a mask that begins inside the numeral, as before (the mask misfired: 四十六小时)
            self.cn = cnnum.read(text, start, None, self.unit_at)
            if self.cn is None and m.group("mixed"):
                m = _RE_NUMBER_UNMIXED.match(text, start)  # 3万 of 3万50: read the digits and their scale
        self.arabic = m.group("num") is not None
        self.body = m.group("num") if self.arabic else m.group("cnum")
        self.num_end = m.end()
        self.v, self.d = 0.0, 0
        self.scale_word, self.scale = "", 1
        self.is_range = False
        self.v2, self.d2 = None, 0
        self.cn_scaled_range = False
        self.hi2_cn = None  # upper end of a Chinese second number: 七十亿到一百亿 up to 1.05e10
        self.qual = self.unit = self.post = self.pre = ""

    def unit_at(self, i: int) -> bool:
        """A classifier begins at ``i``, also one that begins with a numeral character (三百千瓦)."""
        return RE_UNIT.match(self.text, i) is not None

    def code(self) -> Number | None:
        """Arabic digits that are a code, not a quantity, as a ``name``: glued to ASCII letters (A4, 5G,
        COVID19) or after ``. : / \\ _ #`` (not after a list entry's number: 8.6个 read as entry 8, six
        of them); None for a quantity."""
        text, start, num_end = self.text, self.start, self.num_end
        if start > 0 and text[start - 1].isascii() and text[start - 1].isalpha():
            return Number(start, num_end, self.body, "name", num_start=start, num_end=num_end)
        if start > 0 and text[start - 1] in ".:/\\_#＃" and not _after_entry(text, start):
            return Number(start, num_end, self.body, "name", num_start=start, num_end=num_end)
        return None

    def read_value(self) -> bool:
        """The value and written decimals of the number itself; False for a Chinese numeral that cnnum
        does not read or that is part of an idiom or a name (一些, 统一, 第一)."""
        if self.arabic:
            self.v, self.d = _read_arabic(self.body)
        else:
            cn = self.cn
            if cn is None:
                return False
            self.v, self.d, self.num_end = cn.value, cn.decimals, cn.end
            self.body = self.text[self.start : self.num_end]
            if not _cn_is_quantity(self.text, self.start, self.num_end):
                return False
        self.p = self.num_end
        return True

    def read_range(self) -> None:
        """A range's second number (``3至5``, ``3-4``, ``七十亿到一百亿``), when it is not below the first;
        for a Chinese range whose scale is written once after it (``三至五万`` is 3万 to 5万, ``一百至五百万``
        100万 to 500万) the second number without its scale, which :meth:`read_scale` then reads."""
        text, p, cn, v = self.text, self.p, self.cn, self.v
        rt = RE_RANGE_TAIL.match(text, p) if cn is None or not cn.is_range and not cn.unit else None
        if not (rt and rt.end() <= self.limit):
            return
        v2, d2 = None, 0
        n2 = rt.group("n2")
        if n2[0].isdigit():
            v2, d2 = _read_arabic(n2)
        else:
            c2 = cnnum.read(text, rt.start("n2"), None, self.unit_at)
            n2_end = c2.end if c2 is not None else rt.end()
            if c2 is not None and not c2.is_range and not c2.unit:
                v2, d2, self.hi2_cn = c2.value, c2.decimals, c2.high
            written = text[rt.start("n2"):n2_end]
            for bare in (written.rstrip("万亿萬億"), written.rstrip("百千万亿萬億")) if cn and not set(self.body) & set("万亿萬億") else ():
                r3 = parse_cn_decimal(bare) if bare != written else None
                if r3 is not None and r3[0] > v:
                    v2, d2 = r3
                    n2_end, self.hi2_cn, self.cn_scaled_range = rt.start("n2") + len(bare), None, True
                    break
        if v2 is not None and v2 >= v:
            self.is_range = True
            self.v2, self.d2 = v2, d2
            self.p = rt.end() if n2[0].isdigit() else n2_end

    def read_scale(self) -> None:
        """万, 亿, 万亿 … written after the digits; 千 and 百 only before a unit (3千人)."""
        text, p = self.text, self.p
        sm = RE_SCALE.match(text, p)
        if sm and p < self.limit:
            # 万 followed by a unit or qualifier is a scale; 千 and 百 only before a unit (3千人)
            after = text[sm.end(): sm.end() + 3]
            if sm.group(0) in ("万", "亿", "万亿", "千万", "百万", "十万", "萬", "億") or RE_UNIT.match(after):
                self.scale_word = sm.group(0)
                self.scale = SCALES[self.scale_word]
                self.p = sm.end()

    def read_approx_mid(self) -> bool:
        """余/多 before the unit (``300余条``), and a 万/亿 after it (``1360余万元``); False for a Chinese
        numeral whose 万 would scale more than its last part (``二十五亿七千多万`` is read, a numeral whose
        head is not a whole number of that scale is not)."""
        text, p = self.text, self.p
        approx_mid = RE_APPROX_MID.match(text, p)
        if not (approx_mid and p < self.limit):
            return True
        # 余/多 only when followed by a unit, a scale or punctuation, not a word (多次 is not 多)
        nxt = text[approx_mid.end(): approx_mid.end() + 4]
        if not (RE_UNIT.match(nxt) or RE_SCALE.match(nxt) or (nxt[:1] in "，。；、）\n" ) or nxt == ""):
            return True
        self.qual = approx_mid.group(0)
        self.p = p = approx_mid.end()
        if not self.scale_word:
            sm = RE_SCALE.match(text, p)
            if sm and (sm.group(0) in ("万", "亿", "萬", "億")):
                self.scale_word = sm.group(0)
                self.scale = scale = SCALES[self.scale_word]
                self.p = sm.end()
                cn, v = self.cn, self.v
                if cn is not None and cn.head:  # 二十五亿七千多万: the 万 scales the 七千 alone
                    if cn.head % (scale * 10**4) or v - cn.head >= 10**4:
                        return False
                    self.v = cn.head // scale + (v - cn.head)
        return True

    def read_unit(self) -> None:
        """The unit: one read with the Chinese numeral (元 of 壹拾壹元壹角), else ``%`` / ``‰`` or a
        classifier or unit of :data:`UNITS`."""
        text, p = self.text, self.p
        unit = self.cn.unit if self.cn is not None else ""  # 元 of 壹拾壹元壹角, read with the numeral
        pm = RE_PERCENT.match(text, p)
        if pm and not unit:
            unit = "%" if pm.group(0) != "‰" else "‰"
            p = pm.end()
        elif not unit:
            um = RE_UNIT.match(text, p)
            if um:
                unit = um.group(0)
                p = um.end()
        self.unit, self.p = unit, p

    def read_post(self) -> None:
        """A qualifier after the unit (以上, 以下, 左右 …); 多/余 only before punctuation or a unit (多次
        is not one), and then the unit after it (``10多个``)."""
        text, p = self.text, self.p
        pq = RE_POST.match(text, p)
        if not pq:
            return
        w = pq.group(0)
        nxt = text[pq.end(): pq.end() + 1]
        if w in ("多", "余") and not (nxt == "" or nxt in "，。；、）\n" or RE_UNIT.match(text, pq.end())):
            return
        self.post = w
        self.p = pq.end()
        if w in ("多", "余") and not self.unit:
            um = RE_UNIT.match(text, self.p)
            if um:
                self.unit = um.group(0)
                self.p = um.end()

    def read_prefix(self) -> None:
        """A qualifier just before the number (约, 近, 超过, 不少于, 共 …)."""
        pb = RE_PREFIX_BEFORE.search(self.text, max(0, self.start - 3), self.start)
        if pb:
            self.pre = pb.group(0)

    def number(self) -> Number:
        """The token read: its kind from the unit, its interval from the precision, the range and the
        qualifiers."""
        unit = self.unit
        kind = "quantity"
        if unit == "%" or unit == "‰":
            kind = "percent"
        elif unit in ("个百分点", "百分点"):
            kind = "points"
        elif unit == "倍":
            kind = "ratio"
        value, lo, hi = self.interval(kind)
        qualifier, lo, hi = self.qualified(value, lo, hi)
        return Number(self.start, self.p, self.text[self.start:self.p], kind, value, lo, hi, unit=unit,
                      scale=self.scale_word, qualifier=qualifier, approx=bool(qualifier) or self.is_range,
                      is_range=self.is_range, num_start=self.start, num_end=self.num_end,
                      extra={"prefix": self.pre} if self.pre else {})

    def interval(self, kind: str) -> tuple[float, float, float]:
        """(value, low, high) as written: half a unit of the last written digit either side, a whole
        percentage ± 0.5 (35% is [34.5, 35.5]), a Chinese numeral's own interval, a range's ends."""
        v, d, scale, cn = self.v, self.d, self.scale, self.cn
        value = v * scale
        lo, hi = _precision_interval(v, d, scale)
        if kind in ("percent", "points") and d == 0 and scale == 1:
            lo, hi = v - 0.5, v + 0.5
        if cn is not None and scale == 1 and (cn.low != cn.high or cn.is_range):
            # written to its last digit: 二十八万 ± half a 万 (like 28万), 五亿二千万 ± half a 千万, 三万五 ± half
            # a 千, 三点五亿 ± half of 0.1亿; 七八十 is [70, 80]
            lo, hi = cn.low, cn.high
            self.is_range = self.is_range or cn.is_range
        if self.is_range and self.v2 is not None:
            _, hi2 = _precision_interval(self.v2, self.d2, scale)
            hi = self.hi2_cn if self.hi2_cn is not None and scale == 1 else hi2
            value = (v + self.v2) / 2 * scale
        return value, lo, hi

    def qualified(self, value: float, lo: float, hi: float) -> tuple[str, float, float]:
        """(qualifier, low, high) once the qualifiers are applied: 余/多 add one step of the last digit,
        以上/超过 mean at least, 以下/不足 at most, 近 [0.9n, n], 约/左右 [0.9n, 1.1n]."""
        pre, post, qual = self.pre, self.post, self.qual
        qualifier = pre if pre in QUALIFIER_PREFIXES else ""
        if qual or post in ("余", "多", "有余", "之多", "开外"):
            q = qual or post
            step = _step_for(self.body if self.arabic else str(int(self.v)), self.d, self.scale)
            lo, hi = value, value + step
            qualifier = (qualifier + q) if qualifier else q
        elif post in ("以上",):
            lo, hi = value, math.inf
            qualifier = post
        elif post in ("以下", "以内"):
            lo, hi = 0.0, value
            qualifier = post
        elif post in ("左右", "上下"):
            lo, hi = value * 0.9, value * 1.1
            qualifier = post
        if qualifier in ("超过", "逾", "不少于", "不低于", "多于"):
            lo, hi = value, math.inf
        elif qualifier in ("不足", "不到", "不满", "少于") or qualifier in ("不超过",):
            lo, hi = 0.0, value
        elif qualifier in ("近", "将近", "接近"):
            lo, hi = value * 0.9, value
        elif qualifier in ("约", "大约", "约为"):
            lo, hi = value * 0.9, value * 1.1
        return qualifier, lo, hi


QUALIFIER_PREFIXES = {"不少于", "不低于", "不超过", "不足", "不到", "不满", "少于", "多于", "超过", "大约",
                      "约为", "将近", "接近", "近", "约", "逾"}


def _cn_is_quantity(text: str, start: int, end: int) -> bool:
    """A Chinese numeral counts only outside idioms and names."""
    lo = max(0, start - 3)
    window = text[lo: end + 4]
    for im in IDIOM_CN.finditer(window):
        s, e = im.start() + lo, im.end() + lo
        if start <= s and e <= end and e - s < end - start:
            continue  # 万一 inside 一万一千, 千万 inside 三千万: part of a longer numeral, not the idiom
        if s < end and start < e:
            return False
    prev = text[start - 1] if start > 0 else ""
    # 统一 / 唯一 / 之一 style: numeral glued to a preceding word char that forms a word is handled by idioms;
    # a numeral right after 第 is an ordinal (masked earlier)
    return prev != "第"


def parse_one(s: str) -> Number | None:
    """Parse a string holding one quantity (``"1360余万元"``, ``"百分之三十五点六"``); None if none.

    A convenience for tests and API users: returns the first countable token of ``s``.
    """
    for t in scan(s):
        if t.countable:
            return t
    return None
