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


# Chinese numerals as they are written (issue 18): text, kind, value, low, high, unit. Each one is read in a
# sentence, so the finder must find it whole, and its interval follows README "How numbers are read".
CN_FORMS = [
    # the cases of the issue
    ("一千零十个", "quantity", 1010, 1010, 1010, "个"),  # 零 stands for the missing 百 and 十's digit
    ("一千零十一个", "quantity", 1011, 1011, 1011, "个"),
    ("三万五人", "quantity", 35000, 34500, 35500, "人"),  # colloquial: 三万五千, written to the 千 like 3.5万
    ("十三万五人", "quantity", 135000, 134500, 135500, "人"),
    ("一百二十万三人", "quantity", 1203000, 1202500, 1203500, "人"),
    ("两千六人", "quantity", 2600, 2600, 2600, "人"),  # 两千六百, exact as 两千六百 is
    ("一百二人", "quantity", 120, 120, 120, "人"),
    ("兩千六人", "quantity", 2600, 2600, 2600, "人"),
    ("一千一百一十一亿一千一百一十一万一千一百一十一元", "quantity", 111111111111, 111111111111, 111111111111, "元"),
    ("壹仟壹佰壹拾壹亿壹仟壹佰壹拾壹万壹仟壹佰壹拾壹元", "quantity", 111111111111, 111111111111, 111111111111, "元"),
    ("零点零零零零零零零一米", "quantity", 1e-8, 0.5e-8, 1.5e-8, "米"),
    ("零点零零零零零零零零零零零一米", "quantity", 1e-12, 0.5e-12, 1.5e-12, "米"),
    ("廿二个", "quantity", 22, 22, 22, "个"),
    ("壹拾壹元壹角", "quantity", 11.1, 11.05, 11.15, "元"),
    ("壹拾壹元壹角壹分", "quantity", 11.11, 11.105, 11.115, "元"),
    ("玖仟陆佰陆拾伍圆壹角捌分", "quantity", 9665.18, 9665.175, 9665.185, "元"),
    ("壹佰壹拾壹圆整", "quantity", 111, 111, 111, "元"),  # 整: exactly
    ("一百点123米", "quantity", 100.123, 100.1225, 100.1235, "米"),
    ("1百01人", "quantity", 101, 101, 101, "人"),
    # formal, with 零 for any run of missing places, and numerals of any length
    ("三亿零五万元", "quantity", 300050000, 300045000, 300055000, "元"),  # written to the 万
    ("一万零五人", "quantity", 10005, 10005, 10005, "人"),
    ("一千零五十户", "quantity", 1050, 1050, 1050, "户"),
    ("二千零十七万人", "quantity", 20170000, 20165000, 20175000, "人"),
    ("十万零五人", "quantity", 100005, 100005, 100005, "人"),
    ("一百十五人", "quantity", 115, 115, 115, "人"),
    ("九千九百九十九万九千九百九十九人", "quantity", 99999999, 99999999, 99999999, "人"),
    ("一万亿元", "quantity", 1e12, 0.5e12, 1.5e12, "元"),
    ("三万亿元", "quantity", 3e12, 2.5e12, 3.5e12, "元"),
    ("一千二百万亿元", "quantity", 1.2e15, 1.15e15, 1.25e15, "元"),
    ("五万三千亿元", "quantity", 5.3e12, 5.25e12, 5.35e12, "元"),
    ("一亿亿元", "quantity", 1e16, 0.5e16, 1.5e16, "元"),
    ("一万亿零三亿元", "quantity", 1.0003e12, 1.00025e12, 1.00035e12, "元"),
    # colloquial: the digit after the last unit stands for the unit below it
    ("一万一人", "quantity", 11000, 10500, 11500, "人"),
    ("十万五人", "quantity", 105000, 104500, 105500, "人"),
    ("一亿五人", "quantity", 1.5e8, 1.45e8, 1.55e8, "人"),
    ("三千五人", "quantity", 3500, 3500, 3500, "人"),
    ("三万五千二人", "quantity", 35200, 35200, 35200, "人"),
    # traditional characters
    ("四十二萬五千人", "quantity", 425000, 425000, 425000, "人"),
    ("三億二千三百八十萬九千六百八十四人", "quantity", 323809684, 323809684, 323809684, "人"),
    ("二點五倍", "ratio", 2.5, 2.45, 2.55, "倍"),
    ("兩萬億元", "quantity", 2e12, 1.5e12, 2.5e12, "元"),
    ("四百八十餘萬人", "quantity", 4.8e6, 4.8e6, 4.9e6, "人"),
    ("十四萬多公里", "quantity", 140000, 140000, 150000, "公里"),
    # 廿 卅 卌
    ("卅五天", "quantity", 35, 35, 35, "天"),
    ("卌人", "quantity", 40, 40, 40, "人"),
    ("一百廿人", "quantity", 120, 120, 120, "人"),
    # 大写 digits
    ("叁佰肆拾伍人", "quantity", 345, 345, 345, "人"),
    ("贰万零伍拾件", "quantity", 20050, 20050, 20050, "件"),
    ("貳拾參人", "quantity", 23, 23, 23, "人"),
    ("陆仟柒佰捌拾玖元", "quantity", 6789, 6789, 6789, "元"),
    # money
    ("伍元零伍分", "quantity", 5.05, 5.045, 5.055, "元"),
    ("壹万贰仟元整", "quantity", 12000, 12000, 12000, "元"),
    ("三万元整", "quantity", 30000, 30000, 30000, "元"),  # 整 makes 三万 exact
    ("3元5角", "quantity", 3.5, 3.45, 3.55, "元"),
    ("12元零5分", "quantity", 12.05, 12.045, 12.055, "元"),
    # decimals
    ("三点一四一五九二六米", "quantity", 3.1415926, 3.14159255, 3.14159265, "米"),
    ("一百二十点五亿元", "quantity", 1.205e10, 1.2045e10, 1.2055e10, "元"),
    ("三点五万亿元", "quantity", 3.5e12, 3.45e12, 3.55e12, "元"),
    ("十二点四倍", "ratio", 12.4, 12.35, 12.45, "倍"),
    ("百分之零点零零五", "percent", 0.005, 0.0045, 0.0055, "%"),
    ("百分之四十五點四", "percent", 45.4, 45.35, 45.45, "%"),
    # mixed Arabic and Chinese digits
    ("3万5千元", "quantity", 35000, 35000, 35000, "元"),
    ("1234万5678人", "quantity", 12345678, 12345678, 12345678, "人"),
    ("3万5人", "quantity", 35000, 34500, 35500, "人"),
    ("15万3千户", "quantity", 153000, 153000, 153000, "户"),
    ("1亿3千多万人", "quantity", 1.3e8, 1.3e8, 1.4e8, "人"),
    # neighbouring digits are a range; ranges and 余/多 as before
    ("七八十人", "quantity", 75, 70, 80, "人"),
    ("十七八岁", "quantity", 17.5, 17, 18, "岁"),
    ("一两个", "quantity", 1.5, 1, 2, "个"),
    ("三五天", "quantity", 4, 3, 5, "天"),
    ("一百五六十人", "quantity", 155, 150, 160, "人"),
    ("三至五万人", "quantity", 40000, 25000, 55000, "人"),  # like 3至5万人
    ("七十亿到一百亿元", "quantity", 8.5e9, 6.5e9, 1.5e10, "元"),
    ("二十五亿七千多万元", "quantity", 2.57e9, 2.57e9, 2.58e9, "元"),  # the 万 scales 七千 alone
    ("三百余万元", "quantity", 3e6, 3e6, 4e6, "元"),
    ("约三万五人", "quantity", 35000, 31500, 38500, "人"),
    ("近两千六人", "quantity", 2600, 2340, 2600, "人"),
    # classifiers that begin with a numeral character
    ("三百千瓦时", "quantity", 300, 300, 300, "千瓦时"),
    ("四十万千瓦", "quantity", 400000, 350000, 450000, "千瓦"),
    ("二十二万七千千瓦", "quantity", 227000, 227000, 227000, "千瓦"),
]


@pytest.mark.parametrize("text,kind,value,low,high,unit", CN_FORMS, ids=[c[0] for c in CN_FORMS])
def test_chinese_numerals_as_written(text, kind, value, low, high, unit):
    sentence = f"据统计，{text}。"
    toks = [t for t in scan(sentence) if t.countable]
    assert len(toks) == 1, [(t.raw, t.value) for t in toks]
    n = toks[0]
    assert n.raw == text.removeprefix("约").removeprefix("近")  # found whole, classifier included
    assert (n.kind, n.unit) == (kind, unit)
    assert n.value == pytest.approx(value, rel=1e-12)
    assert n.low == pytest.approx(low, rel=1e-12)
    assert n.high == pytest.approx(high, rel=1e-12)


# no quantity rather than a wrong one: codes, vague multiples, words made with numeral characters
CN_NO_QUANTITY = [
    "编号一二三件",  # digit-by-digit: a code (was 123)
    "二〇一四件",  # digit-by-digit
    "《五一节》这些出版物",  # (was 51)
    "几十人参加",  # an unknown multiple (was 10)
    "数百名大学生",  # (was 100)
    "数万户受灾群众",
    "十几亿人口",  # (was 1亿)
    "几千份草案",
    "关键零部件进口",  # 零 is no count (was 0部)
    "汽配零件等商品",
    "亿万人民",  # (was 1亿)
    "千千万万个市场细胞",  # (was 2000万)
    "牵动万千家庭",  # (was 11000)
    "千百个工人",  # (was 1100)
    "毛主席万岁",  # (was 10000岁)
    "一二两月份",  # (was 122月)
    "三百千件",  # units out of order
    "每一项",  # a lone 一 before a classifier is an article
    "三亿零件",  # the 零 joins nothing
    "四亿十人",  # 4亿零10, or a slip: a bare 十 after 亿 ends nothing
    "亿亿亿人",
]


@pytest.mark.parametrize("text", CN_NO_QUANTITY)
def test_ambiguous_chinese_numerals_give_no_quantity(text):
    assert [(t.raw, t.value) for t in scan(text) if t.countable] == []


@pytest.mark.parametrize("text, raw", [
    ("投入一百元整治河道", "一百元"),  # 整 begins a word here: 整治
    ("壹佰元正在核对", "壹佰元"),
    ("一年零九个月", "九个月"),  # 零 joins the months to the year
    ("统一三项制度", "三项"),  # 一 ends the word 统一
])
def test_words_after_or_before_a_numeral_stay_words(text, raw):
    assert [t.raw for t in scan(text) if t.countable] == [raw]


@pytest.mark.parametrize("s,v", [("一千零十", 1010), ("三万五", 35000), ("兩萬", 20000), ("廿二", 22),
                                  ("壹佰壹拾壹", 111), ("二千零十七万", 20170000), ("一万亿", 10**12),
                                  ("一亿亿", 10**16), ("七八十", None), ("一百点五", None), ("亿万", None)])
def test_chinese_integers_of_every_form(s, v):
    assert parse_cn_int(s) == v
