"""Property-based tests (hypothesis): Chinese numerals read back, extraction never raises, and every span
of every fact row indexes the source exactly with agreeing line and column."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from reportcheck.factsheet import extract_document
from reportcheck.ingest import IngestError, from_text
from reportcheck.numbers import parse_cn_int, scan

DIGITS = "零一二三四五六七八九"


def _section(n: int) -> str:
    """0 < n < 10000 in Chinese, with 零 for skipped places (一千零五, 三百二十)."""
    out, zero = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // value % 10
        if d:
            if zero and out:
                out += "零"
            out += DIGITS[d] + unit
            zero = False
        else:
            zero = True
    return out


def chinese(n: int) -> str:
    """A positive integer below 10^16 as a Chinese numeral (一万二千三百零五, 三亿零五万)."""
    parts = [(n // 10**12, "万亿"), (n // 10**8 % 10**4, "亿"), (n // 10**4 % 10**4, "万"), (n % 10**4, "")]
    out, gap = "", False
    for v, unit in parts:
        if v:
            if out and (gap or v < 1000):
                out += "零"
            out += _section(v) + unit
            gap = False
        elif out:
            gap = True
    return out


@given(st.integers(min_value=1, max_value=10**12 - 1))
def test_chinese_numerals_read_back(n):
    assert parse_cn_int(chinese(n)) == n


@given(st.integers(min_value=2, max_value=10**8 - 1))  # a bare 一件 is an article, not a count
def test_chinese_counts_in_a_sentence_read_back(n):
    nums = [x for x in scan(f"全年共受理信访事项{chinese(n)}件。") if x.kind == "quantity"]
    assert len(nums) == 1 and nums[0].value == n and nums[0].unit == "件"


# ---------------------------------------------------------------------------------------------------
# Every form of issue 18, generated from integers and decimals and read back from a sentence

DAXIE = str.maketrans("一二三四五六七八九十百千", "壹贰叁肆伍陆柒捌玖拾佰仟")
TRADITIONAL = str.maketrans("万亿", "萬億")


def _read(text: str, numeral: str):
    """The one countable token of ``text``; it must span the numeral whole."""
    toks = [t for t in scan(text) if t.countable]
    assert len(toks) == 1, (text, [(t.raw, t.value) for t in toks])
    assert numeral in toks[0].raw, (numeral, toks[0].raw)
    return toks[0]


def _ends_in_wan_yi(n: int) -> bool:
    return chinese(n)[-1] in "万亿"


@st.composite
def written_integers(draw):
    """(numeral, value, exact) for an integer in formal, 大写, traditional or 两 form."""
    n = draw(st.integers(min_value=2, max_value=10**16 - 1))
    form = draw(st.sampled_from(["formal", "daxie", "traditional", "liang"]))
    s = chinese(n)
    if form == "daxie":
        s = s.translate(DAXIE)
    elif form == "traditional":
        s = s.translate(TRADITIONAL)
    elif form == "liang" and s.startswith("二") and s[1:2] in ("百", "千", "万", "亿"):
        s = "两" + s[1:]
    return s, n, not _ends_in_wan_yi(n)


@settings(max_examples=300)
@given(written_integers())
def test_integers_of_every_form_read_back(case):
    numeral, n, exact = case
    t = _read(f"全年共受理信访事项{numeral}件。", numeral)
    assert t.value == float(n) and t.low <= float(n) <= t.high  # a value is a float: exact below 2**53
    assert (t.low == t.high) == exact  # exact unless written to a 万/亿 place


@st.composite
def colloquial(draw):
    """三万五, 两千六, 一百二, 一百二十万三: a digit after the last unit stands for the unit below it."""
    unit = draw(st.sampled_from([100, 1000, 10**4, 10**8]))
    m = draw(st.integers(min_value=1, max_value=9 if unit < 10**4 else 9999))
    d = draw(st.integers(min_value=1, max_value=9))
    head = chinese(m * unit)
    return head + DIGITS[d], m * unit + d * unit // 10, unit


@given(colloquial())
def test_colloquial_numerals_read_back(case):
    numeral, n, unit = case
    t = _read(f"参与群众{numeral}人，", numeral)
    assert t.value == n
    if unit >= 10**4:  # like 3.5万: ± half a unit of the implied digit
        assert (t.low, t.high) == (n - unit // 20, n + unit // 20)
    else:
        assert t.low == t.high == n


@given(st.integers(min_value=20, max_value=49), st.integers(min_value=0, max_value=9))
def test_nian_sa_xi_read_back(n, hundreds):
    numeral = (chinese(hundreds * 100) if hundreds else "") + "廿卅卌"[n // 10 - 2] + (DIGITS[n % 10] if n % 10 else "")
    t = _read(f"培训{numeral}人次。", numeral)
    assert t.value == t.low == t.high == hundreds * 100 + n


@given(st.integers(min_value=101, max_value=10**10))
def test_money_in_daxie_reads_back(cents):
    yuan, jiao, fen = cents // 100, cents // 10 % 10, cents % 10
    numeral = chinese(yuan).translate(DAXIE) + "元"
    if jiao:
        numeral += DIGITS[jiao].translate(DAXIE) + "角"
    if fen:
        numeral += ("" if jiao else "零") + DIGITS[fen].translate(DAXIE) + "分"
    if not jiao and not fen:
        numeral += "整"
    t = _read(f"共支付{numeral}，已到账。", numeral)
    value, half = Decimal(cents) / 100, Decimal("0.005" if fen else "0.05" if jiao else "0")
    assert t.unit == "元" and t.raw == numeral
    assert t.value == float(value)
    assert (t.low, t.high) == (float(value - half), float(value + half))


@given(st.integers(min_value=0, max_value=10**6), st.text(alphabet="0123456789", min_size=1, max_size=12),
       st.sampled_from(["", "万", "亿"]), st.booleans())
def test_decimals_read_back(whole, frac, big, arabic_frac):
    if whole >= 10**4 and big:
        whole %= 10**4
    assume(not chinese(whole).endswith(("万", "亿")))  # 二十五万点五 is not written
    head = chinese(whole) if whole else "零"
    numeral = head + "点" + (frac if arabic_frac else "".join(DIGITS[int(c)] for c in frac)) + big
    scale = {"": 1, "万": 10**4, "亿": 10**8}[big]
    value = Decimal(f"{whole}.{frac}") * scale
    half = Decimal("0.5") * Decimal(10) ** -len(frac) * scale
    t = _read(f"长度为{numeral}米。", numeral)
    assert t.value == pytest.approx(float(value), rel=1e-12, abs=1e-15)
    assert (t.low, t.high) == pytest.approx((float(value - half), float(value + half)), rel=1e-12, abs=1e-15)


@given(st.integers(min_value=1, max_value=9999), st.integers(min_value=1, max_value=9999))
def test_mixed_arabic_and_chinese_digits_read_back(wan, rest):
    for numeral in [f"{wan}万{rest:04d}"] + ([f"{wan}万{rest // 1000}千"] if rest % 1000 == 0 else []):  # 3万5千
        t = _read(f"新增用户{numeral}户，", numeral)
        value = wan * 10**4 + rest
        assert t.value == t.low == t.high == value


@given(st.integers(min_value=1, max_value=9), st.sampled_from([(100, "百"), (1000, "千")]), st.integers(0, 999))
def test_mixed_hundreds_read_back(d, unit_char, rest):
    unit, char = unit_char
    rest %= unit
    if not rest:
        return
    numeral = f"{d}{char}{rest:0{len(str(unit)) - 1}d}"  # 1百01, 3千050
    t = _read(f"共{numeral}人，", numeral)
    assert t.value == t.low == t.high == d * unit + rest


@given(st.text(alphabet="一二三四五六七八九〇", min_size=2, max_size=8))
def test_digit_by_digit_codes_give_no_quantity(code):
    pairs = {"一二", "二三", "三四", "四五", "五六", "六七", "七八", "八九", "三五"}
    if code in pairs:
        return  # 七八件: one or the other, a range
    assert [(t.raw, t.value) for t in scan(f"编号为{code}件，") if t.countable] == []


report_text = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("共其中已正在尚未整改条项件个人户名万亿余多近约以上%％。，；：、（）“”\n 一二三四五六七八九十百千零是要第")),
        st.characters(min_codepoint=0x30, max_codepoint=0x39),
        st.characters(codec="utf-8"),
    ),
    max_size=300,
)


def _check_spans(doc, sheet):
    for name, df in sheet.tables.items():
        for row in df.to_dict("records"):
            s, e = int(row["start"]), int(row["end"])
            assert doc.source[s:e] == row["raw"], (name, row)
            assert doc.line_col(s) == (row["line"], row["column"]), (name, row)
            for m in json.loads(row["members"]):
                assert doc.source[m["start"]:m["end"]] == m["text"], (name, m)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report_text)
def test_extraction_never_raises_and_spans_index_the_source(text):
    try:
        doc = from_text(text, "r.txt")
    except IngestError:
        return  # nothing to read (only whitespace): a clear error, not a crash
    _check_spans(doc, extract_document(doc))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report_text)
def test_html_extraction_never_raises_and_spans_index_the_source(text):
    try:
        doc = from_text(f"<html><body><div class=article><p>{text}</p></div></body></html>", "r.html")
    except IngestError:
        return
    _check_spans(doc, extract_document(doc))
