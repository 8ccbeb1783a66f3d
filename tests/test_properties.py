"""Property-based tests (hypothesis): Chinese numerals read back, extraction never raises, and every span
of every fact row indexes the source exactly with agreeing line and column."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
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
