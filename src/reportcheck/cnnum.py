"""Chinese numerals as they are written: one grammar, read into a value and the interval it stands for.

The forms a Chinese writer uses, and what each reads as (``numbers.scan`` adds the classifier and the
qualifiers around it):

* formal: ``一百零五`` 105, ``一千零十`` 1010 (零 stands for any run of missing places), ``三亿零五万``
  300050000, ``一千一百一十一亿一千一百一十一万一千一百一十一`` 111111111111; 万亿 and 亿亿 multiply
  (``三万亿`` 3e12); a bare 十 starts a section (``十五``, ``一百十五``), a bare 百/千/万/亿 a numeral
  (``逾千人``, ``近万人``);
* colloquial: a digit after the last written unit stands for the unit below it: ``三万五`` 35000,
  ``两千六`` 2600, ``一百二`` 120, ``一百二十万三`` 1203000;
* traditional and 大写 characters: ``兩 萬 億 點``, ``壹贰叁肆伍陆柒捌玖 拾佰仟`` (and 貳參陸);
  ``廿 卅 卌`` are 二十, 三十, 四十 (``廿二`` 22);
* decimals of any length: ``三点五`` 3.5, ``零点零零零零零零零一`` 1e-08, ``一百点123`` 100.123,
  ``三点五万`` 35000;
* money: ``壹拾壹元壹角壹分`` 11.11, ``玖仟陆佰陆拾伍圆壹角捌分`` 9665.18, ``壹佰壹拾壹圆整`` 111 (the
  元 is read with the numeral and becomes its unit; 整/正 say the amount is exact);
* mixed Arabic and Chinese digits: ``1百01`` 101, ``3万5千`` 35000, ``1234万5678`` 12345678;
* two neighbouring digits are a range: ``七八十`` [70, 80], ``一两`` [1, 2], ``三五`` [3, 5],
  ``十七八`` [17, 18].

Precision follows README "How numbers are read": an integer is exact, except one written to a 万/亿 place
(``二十八万`` [275000, 285000], ``三万五`` like 3.5万 [34500, 35500]); a decimal is exact to half a unit of
its last digit, scaled by a 万/亿 after it; 元角分 amounts likewise, unless 整 makes them exact.

No quantity rather than a wrong one: :func:`read` refuses a string it cannot read whole, so no shorter
reading of it is ever taken: digit-by-digit codes (``一二三``, ``二〇一四``), two units out of order
(``三百千``), 亿万, a 零 with nothing after it, a lone 零, the tail of a longer numeral it could not read,
and a bare unit after 几/数 (``数十``, ``几千``: an unknown multiple).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2,
          "三": 3, "叁": 3, "參": 3, "叄": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6,
          "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9}
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
TENS = {"廿": 2, "卅": 3, "卌": 4}  # 廿 = 二十, 卅 = 三十, 卌 = 四十
BIG_UNITS = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
POINTS = "点點"
YUAN = "元圆圓"
EXACT_MARKS = "整正"
# characters a Chinese numeral is written with (the finder in numbers.py uses the same set)
NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(TENS) + "".join(BIG_UNITS)
# neighbouring digits that say "one or the other": 一两, 两三, 三四 … 八九, 三五
_PAIRS = {(d, d + 1) for d in range(1, 9)} | {(3, 5)}
# a numeral of one character: (value, half its precision); a lone 零 is no count
_ONE_CHAR = {c: (v, 0) for c, v in DIGITS.items() if v} | {c: (v, 0) for c, v in SMALL_UNITS.items()} \
    | {c: (v * 10, 0) for c, v in TENS.items()} | {c: (v, v // 2) for c, v in BIG_UNITS.items()}
_ENDS_IN_YI = "统唯之同逐单专划纯"  # words ending in 一: 统一三项 is 统一 and 三项
_TWO_CHARS = "两兩"  # 两 is no digit after 点 (三点两 is not written)


@dataclass(frozen=True)
class CnNumeral:
    """A Chinese numeral read from ``text[start:end]``: its value, decimals and interval."""

    value: float
    decimals: int
    low: float
    high: float
    end: int
    unit: str = ""  # 元 when the numeral was a money amount (元角分整)
    is_range: bool = False  # 七八十: neighbouring digits
    integer: int | None = None  # the exact value of an integer numeral
    head: int = 0  # of an integer numeral, the part closed by 万/亿: 25亿 of 二十五亿七千


def _is_digit(c: str) -> bool:
    return "0" <= c <= "9"


def _tokens(text: str, i: int, stop: int) -> list[tuple[str, object, int]]:
    """The numeral tokens from ``i``: (kind, value, end) with kind D digit, A Arabic run, U small unit,
    T 廿卅卌, B big unit. Stops at the first character that is none of these."""
    out: list[tuple[str, object, int]] = []
    while i < stop:
        c = text[i]
        if c in DIGITS:
            out.append(("D", DIGITS[c], i + 1))
        elif _is_digit(c):
            j = i + 1
            while j < stop and _is_digit(text[j]):
                j += 1
            out.append(("A", text[i:j], j))
            i = j
            continue
        elif c in SMALL_UNITS:
            out.append(("U", SMALL_UNITS[c], i + 1))
        elif c in TENS:
            out.append(("T", TENS[c], i + 1))
        elif c in BIG_UNITS:
            out.append(("B", BIG_UNITS[c], i + 1))
        else:
            break
        i += 1
    return out


class _Int:
    """State of an integer numeral read token by token; :meth:`push` says whether a token fits."""

    def __init__(self) -> None:
        self.groups: list[tuple[int, int]] = []  # (value, magnitude) of sections closed by 万/亿
        self.sec = 0  # value of the current section (below the next 万/亿)
        self.sec_unit = 0  # smallest 十/百/千 of the current section, 0 before any
        self.pend: object = None  # a digit (int) or an Arabic run (str) not yet given its place
        self.zero = False  # 零 since the last unit
        self.last: tuple[str, int] | None = None  # last unit read: ("U", 十/百/千) or ("B", magnitude)
        self.prev = ""  # kind of the last token
        self.lead_zero = False  # the numeral is 零 (零点五)
        self.last_big = 0  # the last 万/亿 written
        self.bare_ten = False  # a 十 with no digit right after a 万/亿: 四亿十 is 4亿零10 or a slip

    def ends_in_ones(self) -> bool:
        """Can a 点 follow (十五点五, 一百点123, 零点五), or does the numeral end in a 万/亿 or an abbreviation?"""
        if self.prev == "B":
            return False
        if self.last is None or self.lead_zero:
            return True
        if self.pend is None:
            return self.last[0] == "U"
        return self.zero or self.last == ("U", 10)

    def push(self, kind: str, v: object) -> bool:
        if self.lead_zero:
            return False
        if kind == "D" and v == 0:
            if self.prev == "":
                self.lead_zero = True
            elif self.pend is not None or self.zero or self.last is None:
                return False
            self.zero = True
        elif kind in "DA":
            if self.pend is not None:
                return False  # 三五百, 一二三: digits in a row are a code, not a numeral
            self.pend = v
        elif kind in "UT":
            return self._small(10 if kind == "T" else int(v), int(v) if kind == "T" else None)
        else:
            return self._big(int(v))
        self.prev = kind
        return True

    def _small(self, unit: int, tens: int | None) -> bool:
        if self.sec_unit and unit >= self.sec_unit:
            return False  # 三百千: units fall within a section
        if tens is not None:
            if self.pend is not None:
                return False
            coef = tens
        elif isinstance(self.pend, int):
            coef = self.pend
        elif isinstance(self.pend, str):
            if len(self.pend) != 1 or self.pend == "0":
                return False  # 12百 is not written
            coef = int(self.pend)
        elif unit == 10 and (not self.sec_unit or self.sec_unit == 100 or self.zero):
            coef = 1  # 十五, 一百十五, 一千零十, 一亿十万
            self.bare_ten = self.prev == "B"
        elif unit > 10 and self.prev == "":
            coef = 1  # 百人, 逾千人
        else:
            return False
        self.sec += coef * unit
        self.sec_unit = unit
        self.pend, self.zero, self.last, self.prev = None, False, ("U", unit), "U"
        return True

    def _section_before_big(self) -> int | None:
        """Value of the current section when a 万/亿 closes it; None when it cannot."""
        if self.pend is None:
            return None if self.zero else self.sec
        if isinstance(self.pend, str):
            if self.sec and not self.zero:
                return None
            p = int(self.pend)
            return self.sec + p if p < 10**4 and (not self.sec or p < self.sec_unit) else None
        if self.sec_unit >= 100 and not self.zero:
            return None  # 三千五万: 3500万 or 3005万
        return self.sec + self.pend

    def _big(self, unit: int) -> bool:
        if self.prev == "B":  # 万亿, 亿亿: a big unit right after a big unit multiplies it
            if unit < self.last_big or self.groups[-1][1] * unit > 10**16:
                return False  # 亿万, 亿亿亿
            value, mag = self.groups[-1]
            if len(self.groups) > 1 and self.groups[-2][1] <= mag * unit:
                return False  # 三亿零五万亿
            self.groups[-1] = (value * unit, mag * unit)
            self.last, self.last_big = ("B", mag * unit), unit
            return True
        sec = self._section_before_big()
        if sec is None:
            return False
        below = [v for v, m in self.groups if m < unit]  # 五万三千亿: what is below 亿 is multiplied by it
        above = self.groups[: len(self.groups) - len(below)]
        total = sum(below) + sec
        if total == 0:
            if self.prev != "":
                return False
            total = 1  # 近万人: a bare 万 is one 万
        if above and above[-1][1] <= unit:
            return False  # 一亿二亿
        self.groups = above + [(total * unit, unit)]
        self.sec, self.sec_unit, self.pend, self.zero, self.bare_ten = 0, 0, None, False, False
        self.last, self.last_big, self.prev = ("B", unit), unit, "B"
        return True

    def finish(self) -> tuple[int, int, bool] | None:
        """(value, lowest written place, written to a 万/亿 place) of the numeral so far; None if incomplete."""
        if self.lead_zero:
            return 0, 1, False
        if self.prev == "" or (self.zero and self.pend is None) or self.bare_ten:
            return None
        total = sum(v for v, _ in self.groups) + self.sec
        last_kind, last_unit = self.last if self.last else ("", 1)
        if self.pend is None:
            if last_kind == "B":
                place = last_unit
                while total % (place * 10) == 0:
                    place *= 10
                return total, place, True
            return total, last_unit, False
        if isinstance(self.pend, int):
            if self.zero or not self.last:
                return total + self.pend, 1, False
            place = last_unit // 10  # 三万五, 两千六: the unit below the last one written
            return total + self.pend * place, place, last_kind == "B"
        run = self.pend
        if not self.last:
            return int(run), 1, False
        if self.zero or run[0] == "0" or len(run) == len(str(last_unit)) - 1:
            return (total + int(run), 1, False) if int(run) < last_unit else None  # 1百01, 1234万5678
        if len(run) == 1:
            place = last_unit // 10  # 3万5
            return total + int(run) * place, place, last_kind == "B"
        return None


def _read_int(tokens: list[tuple[str, object, int]]) -> tuple[int, int, bool, int, bool, int] | None:
    """Longest prefix of ``tokens`` that is an integer numeral:
    (value, lowest written place, written to a 万/亿 place, end, can a 点 follow, the part closed by 万/亿)."""
    st = _Int()
    best = None
    for kind, v, end in tokens:
        if not st.push(kind, v):
            break
        r = st.finish()
        if r is not None:
            head = sum(g for g, _ in st.groups) if st.last and st.last[0] == "U" or st.pend is not None else 0
            best = (*r, end, st.ends_in_ones(), head if head != r[0] else 0)
    return best


def _frac(text: str, i: int, stop: int) -> tuple[str, int]:
    """Digits after 点 from ``i``: (digits as ASCII, end)."""
    out = []
    while i < stop:
        c = text[i]
        if c in DIGITS and c not in _TWO_CHARS:
            out.append(str(DIGITS[c]))
        elif _is_digit(c):
            out.append(c)
        else:
            break
        i += 1
    return "".join(out), i


def _big_after(text: str, i: int, stop: int) -> tuple[int, int]:
    """A 万/亿/万亿/亿亿 at ``i``: (multiplier, end); (1, i) when none."""
    mult = 1
    while i < stop and text[i] in BIG_UNITS and mult < 10**8:
        unit = BIG_UNITS[text[i]]
        if mult > 1 and unit < mult:
            break
        mult *= unit
        i += 1
    return mult, i


def _money(text: str, i: int, stop: int) -> tuple[int, int, bool, int] | None:
    """元角分整 after an integer numeral at ``i`` (on 元): (cents, decimals, exact, end); None if not money."""
    if i >= stop or text[i] not in YUAN:
        return None
    j = i + 1
    cents, decimals, exact = 0, 0, False
    for mark, weight, d in (("角", 10, 1), ("分", 1, 2)):
        k = j + 1 if j < stop and text[j] in "零〇" else j  # 伍元零伍分
        if k + 1 < stop and text[k + 1] == mark and (text[k] in DIGITS or _is_digit(text[k])):
            digit = DIGITS.get(text[k], None)
            digit = int(text[k]) if digit is None else digit
            cents += digit * weight
            decimals = d
            j = k + 2
    if j < stop and text[j] in EXACT_MARKS:
        after = text[j + 1] if j + 1 < len(text) else ""
        if not ("\u4e00" <= after <= "\u9fff"):  # 元整。 but not 元整治, 元正在
            exact = True
            j += 1
    if j == i + 1:
        return None  # a plain 元 is the classifier, read by numbers.py
    return cents, decimals, exact, j


def _continues(text: str, i: int, stop: int) -> bool:
    """Does a numeral character (or 点 before a digit) follow at ``i``? Then what was read is not all."""
    if i >= stop:
        return False
    c = text[i]
    if c in NUMERAL_CHARS or _is_digit(c):
        return True
    return c in POINTS and i + 1 < stop and (text[i + 1] in DIGITS or _is_digit(text[i + 1]))


def _unit_begins(text: str, i: int, unit_follows: Callable[[int], bool] | None) -> bool:
    """Does a classifier that begins with a numeral character (千瓦, 万亩) begin at ``i``? 点 before a digit
    is a decimal point, never the classifier 点."""
    return unit_follows is not None and text[i] not in POINTS and unit_follows(i)


def _inside_a_numeral(text: str, start: int) -> bool:
    """Is ``start`` inside a run of numeral characters (the tail of 一二三, 千百万)? A 一 that ends a word
    (统一, 唯一, 之一) and a 零 that joins two quantities (一年零九个月) do not count."""
    if start == 0:
        return False
    p = text[start - 1]
    if p not in NUMERAL_CHARS and p not in POINTS:
        return False
    if p == "零" and start >= 2 and text[start - 2] in "年月天日周时岁":
        return False  # 一年零九个月: 零 joins the months to the year
    if p == "一" and start >= 2 and text[start - 2] in _ENDS_IN_YI:
        return False
    return not (p in POINTS and (start < 2 or text[start - 2] not in NUMERAL_CHARS))


def read(text: str, start: int = 0, stop: int | None = None,
         unit_follows: Callable[[int], bool] | None = None) -> CnNumeral | None:
    """Read the Chinese numeral at ``text[start]`` (not beyond ``stop``); None when there is none or it is
    ambiguous. ``unit_follows(i)`` says whether a classifier starts at ``i`` (三百千瓦: 千瓦 is the unit, so
    the numeral ends before its 千)."""
    stop = len(text) if stop is None else min(stop, len(text))
    if _inside_a_numeral(text, start):
        return None
    if start >= 1 and start < stop and (text[start - 1] in "几数" and text[start] in "十百千万亿萬億拾佰仟"
                                        or text[start - 1] in "多余餘来" and text[start] in BIG_UNITS):
        return None  # 数十人, 几千人: an unknown multiple; 七千多万, 四百八十餘萬: the scale of the number before
    if start + 1 < stop and text[start] in _ONE_CHAR and not _continues(text, start + 1, stop) \
            and text[start + 1] not in YUAN:
        value, half = _ONE_CHAR[text[start]]  # most numerals in a report are one character: 一 of 一些, 三项
        return CnNumeral(float(value), 0, value - half, value + half, start + 1, integer=value)
    tokens = _tokens(text, start, stop)
    pair = next((k for k in range(len(tokens) - 1)
                 if tokens[k][0] == tokens[k + 1][0] == "D"
                 and (tokens[k][1], tokens[k + 1][1]) in _PAIRS), None)
    if pair is not None:
        return _read_pair(text, stop, tokens, pair, unit_follows)
    r = _read_int(tokens)
    if r is None:
        return None
    result = _decimal_or_money(text, stop, *r)
    if _continues(text, result.end, stop) and not _unit_begins(text, result.end, unit_follows):
        return None
    if result.integer == 0 and not result.decimals and result.unit == "":
        return None  # 零件, 零部件: a lone 零 is not a count
    return result


def _decimal_or_money(text: str, stop: int, value: int, place: int, scaled: bool, end: int, ones: bool,
                      head: int) -> CnNumeral:
    """The numeral read up to ``end``, with the decimals or the 元角分 that follow it."""
    if end < stop and text[end] in POINTS and ones:
        frac, j = _frac(text, end + 1, stop)
        if frac:
            mult, j = _big_after(text, j, stop) if not head and value < 10**4 else (1, j)
            d = len(frac)
            v = (Decimal(value) + Decimal("0." + frac)) * mult
            half = Decimal("0.5") * Decimal(10) ** -d * mult
            return CnNumeral(float(v), d, float(v - half), float(v + half), j)
    money = _money(text, end, stop)
    if money is not None:
        cents, d, exact, j = money
        v = Decimal(value) + Decimal(cents) / 100
        half = Decimal(0) if exact or not d else Decimal("0.5") * Decimal(10) ** -d
        return CnNumeral(float(v), d, float(v - half), float(v + half), j, unit="元",
                         integer=value if not cents else None)
    half = place / 2 if scaled else 0
    return CnNumeral(float(value), 0, value - half, value + half, end, integer=value, head=head)


def _read_pair(text: str, stop: int, tokens: list[tuple[str, object, int]], k: int,
               unit_follows: Callable[[int], bool] | None) -> CnNumeral | None:
    """七八十, 十七八, 一两万: read with the first digit and with the second; a range when both read alike."""
    readings = []
    for keep in (k, k + 1):
        toks = tokens[:k] + [(tokens[keep][0], tokens[keep][1], tokens[k + 1][2])] + tokens[k + 2:]
        r = _read_int(toks)
        if r is None or r[3] < tokens[k + 1][2]:
            return None
        readings.append(r)
    (v1, p1, s1, e1, *_), (v2, p2, s2, e2, *_) = readings
    if e1 != e2 or _continues(text, e1, stop) and not _unit_begins(text, e1, unit_follows):
        return None
    lo = v1 - p1 / 2 if s1 else v1
    hi = v2 + p2 / 2 if s2 else v2
    return CnNumeral((v1 + v2) / 2, 0, float(lo), float(hi), e1, is_range=True)


def parse(s: str) -> CnNumeral | None:
    """Read ``s`` as one whole numeral (value and interval); None unless all of ``s`` reads."""
    r = read(s)
    return r if r is not None and r.end == len(s) else None
