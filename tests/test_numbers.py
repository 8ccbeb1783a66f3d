"""Number grammar: "must parse" cases (value, interval, unit, kind) and "must NOT be a quantity" cases."""

from __future__ import annotations

import math

import pytest

from reportcheck.ingest import from_text
from reportcheck.numbers import parse_cn_int, parse_one, scan

INF = math.inf

# text, kind, value, low, high, unit
MUST_PARSE = [
    ("137条", "quantity", 137, 137, 137, "条"),
    ("意见建议137条", "quantity", 137, 137, 137, "条"),
    ("１２３人", "quantity", 123, 123, 123, "人"),
    ("1,234.5元", "quantity", 1234.5, 1234.45, 1234.55, "元"),
    ("12,480户", "quantity", 12480, 12480, 12480, "户"),
    ("0.5个百分点", "points", 0.5, 0.45, 0.55, "个百分点"),
    ("3个百分点", "points", 3, 2.5, 3.5, "个百分点"),
    ("82.9%", "percent", 82.9, 82.85, 82.95, "%"),
    ("８４．８％", "percent", 84.8, 84.75, 84.85, "%"),
    ("70%", "percent", 70, 69.5, 70.5, "%"),
    ("百分之七十", "percent", 70, 69.5, 70.5, "%"),
    ("百分之三十五点六", "percent", 35.6, 35.55, 35.65, "%"),
    ("百分之12", "percent", 12, 11.5, 12.5, "%"),
    ("2.8万项", "quantity", 28000, 27500, 28500, "项"),
    ("13.5万元", "quantity", 135000, 134500, 135500, "元"),
    ("3亿元", "quantity", 3e8, 2.5e8, 3.5e8, "元"),
    ("9.86亿元", "quantity", 9.86e8, 9.855e8, 9.865e8, "元"),
    ("1360余万元", "quantity", 1.36e7, 1.36e7, 1.37e7, "元"),
    ("2.6万余篇", "quantity", 26000, 26000, 27000, "篇"),
    ("3万人", "quantity", 30000, 25000, 35000, "人"),
    ("1.2万册", "quantity", 12000, 11500, 12500, "册"),
    ("300余条", "quantity", 300, 300, 400, "条"),
    ("3700余名", "quantity", 3700, 3700, 3800, "名"),
    ("70余名", "quantity", 70, 70, 80, "名"),
    ("30多次", "quantity", 30, 30, 40, "次"),
    ("400多篇", "quantity", 400, 400, 500, "篇"),
    ("160余件", "quantity", 160, 160, 170, "件"),
    ("近万人", "quantity", 10000, 9000, 10000, "人"),
    ("近40公里", "quantity", 40, 36, 40, "公里"),
    ("不足10人", "quantity", 10, 0, 10, "人"),
    ("不到5个", "quantity", 5, 0, 5, "个"),
    ("约200人", "quantity", 200, 180, 220, "人"),
    ("200人左右", "quantity", 200, 180, 220, "人"),
    ("超过60%", "percent", 60, 60, INF, "%"),
    ("20%以上", "percent", 20, 20, INF, "%"),
    ("12㎡以上", "quantity", 12, 12, INF, "㎡"),
    ("逾千人", "quantity", 1000, 1000, INF, "人"),
    ("不少于3次", "quantity", 3, 3, INF, "次"),
    ("5人以下", "quantity", 5, 0, 5, "人"),
    ("3至5人", "quantity", 4, 3, 5, "人"),
    ("1—2份", "quantity", 1.5, 1, 2, "份"),
    ("3-4人", "quantity", 3.5, 3, 4, "人"),
    ("3到5个", "quantity", 4, 3, 5, "个"),
    ("3~5天", "quantity", 4, 3, 5, "天"),
    ("十五个", "quantity", 15, 15, 15, "个"),
    ("一百零五人", "quantity", 105, 105, 105, "人"),
    ("二十八万人", "quantity", 280000, 275000, 285000, "人"),  # written to the 万, like 28万人
    ("三点五万元", "quantity", 35000, 34500, 35500, "元"),
    ("两千三百人", "quantity", 2300, 2300, 2300, "人"),
    ("三万五千元", "quantity", 35000, 35000, 35000, "元"),
    ("五项制度", "quantity", 5, 5, 5, "项"),
    ("六个方面", "quantity", 6, 6, 6, "个"),
    ("十二名", "quantity", 12, 12, 12, "名"),
    ("二十个", "quantity", 20, 20, 20, "个"),
    ("四十五条", "quantity", 45, 45, 45, "条"),
    ("两个", "quantity", 2, 2, 2, "个"),
    ("286公里", "quantity", 286, 286, 286, "公里"),
    ("2860平方米", "quantity", 2860, 2860, 2860, "平方米"),
    ("36人次", "quantity", 36, 36, 36, "人次"),
    ("24场次", "quantity", 24, 24, 24, "场次"),
    ("3.86亿千瓦时", "quantity", 3.86e8, 3.855e8, 3.865e8, "千瓦时"),
    ("2.4倍", "ratio", 2.4, 2.35, 2.45, "倍"),
    ("68.42万亩", "quantity", 684200, 684150, 684250, "亩"),
    ("418批", "quantity", 418, 418, 418, "批"),
    ("9起", "quantity", 9, 9, 9, "起"),
]


@pytest.mark.parametrize("text,kind,value,low,high,unit", MUST_PARSE, ids=[c[0] for c in MUST_PARSE])
def test_must_parse(text, kind, value, low, high, unit):
    n = parse_one(from_text(text).text)  # numbers read the normalised text (full-width digits made ASCII)
    assert n is not None, text
    assert n.kind == kind
    assert n.unit == unit
    assert n.value == pytest.approx(value)
    assert n.low == pytest.approx(low)
    assert n.high == pytest.approx(high) if math.isfinite(high) else math.isinf(n.high)


# text that holds no countable quantity (kind of the token, if any, is given)
MUST_NOT = [
    ("“四风”问题", "name"), ("十八届三中全会", "name"), ("第三督导组", "ordinal"), ("“十二个一”推进方案", "name"),
    ("北岸二中", "name"), ("〔2014〕12号", "docno"), ("[2019]5号文件", "docno"), ("2014年10月20日", "date"),
    ("9月底基本完成", "date"), ("12月份", "date"), ("2015年", "year"), ("2013—2015年", "year"),
    ("七是创新思路", "ordinal"), ("（三）加强学习", "ordinal"), ("第七", "ordinal"), ("电话0471-8888888", "phone"),
    ("手机13812345678", "phone"), ("http://a.gov.cn/x%E4%B8%AD%E6%96%87.html", "url"),
    ("www.example.gov.cn/100%25", "url"), ("一些问题", None), ("统一思想", None), ("进一步加强", None),
    ("千方百计", None), ("人手一册", None), ("之一", None), ("五湖四海", None), ("10:30召开", "date"),
    ("“三严三实”", "name"), ("“两学一做”", "name"), ("A4纸", "name"),
]


@pytest.mark.parametrize("text,kind", MUST_NOT, ids=[c[0] for c in MUST_NOT])
def test_must_not_be_a_quantity(text, kind):
    toks = scan(text)
    assert not [t for t in toks if t.countable], [(t.raw, t.kind) for t in toks]
    if kind:
        assert kind in {t.kind for t in toks}


@pytest.mark.parametrize("s,v", [("十五", 15), ("一百零五", 105), ("两千三百", 2300), ("二〇一四", 2014),
                                  ("三万五千", 35000), ("十", 10), ("一亿二千万", 120000000), ("三五百", None)])
def test_chinese_integers(s, v):
    assert parse_cn_int(s) == v


def test_spans_index_the_text():
    text = "共收集意见建议137条，其中“四风”问题59条，占43.1%，走访困难群众167户。"
    for t in scan(text):
        assert text[t.start: t.end] == t.raw


@pytest.mark.parametrize("s, value", [
    ("一千三百六十九亿一千四百万元", 136_914_000_000),  # longer than twelve characters
    ("2，895，753，000元", 2_895_753_000),  # full-width thousands separators, three groups or more
])
def test_long_numerals_and_full_width_separators(s, value):
    n = scan(s)
    assert len(n) == 1 and n[0].value == value and n[0].unit == "元"


def test_a_full_width_comma_between_two_figures_is_not_a_separator():
    assert [n.value for n in scan("分别为2，350人")] == [2, 350]


@pytest.mark.parametrize("s, low, high", [
    ("五亿二千万吨", 515_000_000, 525_000_000),  # written to the 千万
    ("一百二十万人", 1_150_000, 1_250_000),  # written to the 十万
    ("二十八万人", 275_000, 285_000),
])
def test_chinese_numerals_ending_in_wan_yi_are_written_to_their_last_digit(s, low, high):
    n = scan(s)[0]
    assert (n.low, n.high) == (low, high)


def test_wan_yi_inside_a_longer_numeral_is_not_the_idiom():
    assert [n.value for n in scan("一万一千件") if n.kind == "quantity"] == [11000]
    assert [n.value for n in scan("三千万元") if n.kind == "quantity"] == [30_000_000]
    assert [n for n in scan("万一出现问题") if n.kind == "quantity"] == []
