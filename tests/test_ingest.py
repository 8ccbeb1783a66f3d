"""Tests for reportcheck.ingest: discovery, decoding, HTML extraction, normalisation and offsets."""

from __future__ import annotations

import codecs
import json
import os
import random
import re
import time
from pathlib import Path

import pytest

from reportcheck.ingest import SUFFIXES, Document, IngestError, decode, discover, from_text, load

DATA = Path(__file__).parent / "data" / "ingest"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"

# ASCII punctuation and the CJK form normalisation gives it.
CJK_OF_ASCII = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"}
LINE_BREAKS = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def related(t: str, s: str, is_html: bool) -> bool:
    """Whether source character ``s`` can have produced text character ``t``."""
    return (
        t == s
        or (is_html and s == "&")  # decoded from an entity
        or (t == "\n" and (s in LINE_BREAKS or (is_html and s == "<")))  # a break, or a block tag
        or (t == " " and s.isspace())
        or ord(s) - 0xFEE0 == ord(t)  # full-width folded to ASCII
        or CJK_OF_ASCII.get(s) == t
    )


def check_offsets(doc: Document, line_col_every: int = 1) -> None:
    """The offset invariant: every text character maps to the source character that produced it."""
    assert len(doc.offsets) == len(doc.text) + 1
    assert doc.offsets[-1] == len(doc.source)
    prev = 0
    for i, t in enumerate(doc.text):
        o = doc.offsets[i]
        assert prev <= o < len(doc.source), (i, o)
        prev = o
        assert related(t, doc.source[o], doc.is_html), (i, t, doc.source[o])
    starts = [0] + [m.end() for m in re.finditer(r"\r\n?|\n", doc.source)]
    line = 1
    for i in range(0, len(doc.text), line_col_every):
        o = doc.offsets[i]
        while line < len(starts) and starts[line] <= o:
            line += 1
        assert doc.line_col(o) == (line, o - starts[line - 1] + 1)


def norm(source: str, path: str = "<string>") -> str:
    """Normalised text of ``source``, after checking its offsets."""
    doc = from_text(source, path)
    check_offsets(doc)
    return doc.text


def long_line(ending: str) -> str:
    """A line longer than a heading can be (40 characters), ending in ``ending``."""
    return "全县各级信访部门认真落实信访工作责任制，深入开展矛盾纠纷排查化解，群众来信来访总量" + ending


# --------------------------------------------------------------------------------------------------
# decode
# --------------------------------------------------------------------------------------------------

TEXT = "岚溪县2015年受理信访事项1,286件，办结率97.3%。"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("gb18030"), "gb18030"),
        ("中华人民共和国国务院政府工作报告".encode("gbk"), "gb18030"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
        (b"plain ASCII report 2015", "utf-8"),
    ],
    ids=["utf8", "utf8-bom", "gb18030", "gbk", "utf16le-bom", "utf16be-bom", "ascii"],
)
def test_decode_accepts(data: bytes, encoding: str) -> None:
    text, enc = decode(data, "x.txt")
    assert enc == encoding
    assert text in (TEXT, "中华人民共和国国务院政府工作报告", "plain ASCII report 2015")  # BOM removed


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "x.txt: empty file"),
        (" \r\n\t\u3000\n".encode(), "x.txt: empty file (only whitespace)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "x.txt: binary file (PNG image)"),
        (b"PK\x03\x04\x14\x00\x06\x00", "x.txt: binary file (ZIP archive, e.g. .docx or .xlsx)"),
        (b"%PDF-1.7\n%\xe2\xe3", "x.txt: binary file (PDF document)"),
        (b"GIF89a\x01\x00", "x.txt: binary file (GIF image)"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "x.txt: binary file (JPEG image)"),
        (b"\x7fELF\x02\x01\x01", "x.txt: binary file (ELF executable)"),
        ("共有12人".encode() + b"\x00\x00", "x.txt: binary file (contains NUL bytes)"),
        (b"\x80\x81\xff\xfe\x80", "x.txt: cannot decode: not valid UTF-8, GB18030 or UTF-16"),
        (b"\xff\xfe\x00\xd8", "x.txt: cannot decode: invalid UTF-16 after the byte-order mark"),
        (b"\xff\xfe\x00\x00" + "中".encode("utf-32-le"), "x.txt: cannot decode: UTF-32 is not supported"),
        (b"abc\x01\x02\x03\x04\x05\x06\x07\x08", "x.txt: binary file (control characters)"),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_decode_rejects(data: bytes, message: str) -> None:
    with pytest.raises(IngestError) as info:
        decode(data, "x.txt")
    assert str(info.value) == message
    assert info.value.path == "x.txt"
    assert "\n" not in str(info.value)


def test_decode_rejects_utf8_with_a_corrupt_byte_instead_of_gb18030_mojibake() -> None:
    data = ("各位代表：" * 50).encode() + b"\xff" + ("现在我代表国务院作报告。" * 50).encode()
    with pytest.raises(IngestError, match=r"invalid UTF-8 at byte 750 \(the rest of the file is UTF-8\)"):
        decode(data, "x.txt")


@pytest.mark.parametrize("seed", range(20))
def test_decode_rejects_random_bytes(seed: int) -> None:
    rng = random.Random(seed)
    data = bytes(rng.randrange(1, 256) for _ in range(rng.randrange(64, 2048)))  # no NUL: decoding is tried
    with pytest.raises(IngestError, match="cannot decode: not valid UTF-8, GB18030 or UTF-16"):
        decode(data, "x.bin")


@pytest.mark.parametrize("seed", range(5))
def test_decode_rejects_gb18030_that_decodes_to_mojibake(seed: int) -> None:
    rng = random.Random(seed)
    # Valid GB18030 sequences that land in Yi, Hangul, private use ... : strict decoding accepts them.
    four_byte = b"".join(
        bytes([rng.randrange(0x81, 0x84), rng.randrange(0x30, 0x3A), rng.randrange(0x81, 0xFF), 0x30])
        for _ in range(100)
    )
    private_use = b"".join(bytes([rng.randrange(0xAA, 0xB0), rng.randrange(0xA1, 0xFF)]) for _ in range(100))
    for data in (four_byte, private_use + "中文".encode("gb18030")):
        data.decode("gb18030")  # strict decoding alone would accept it
        with pytest.raises(IngestError, match=r"not valid UTF-8, GB18030 or UTF-16 \(as GB18030 it would be"):
            decode(data, "x.txt")


def test_decode_accepts_real_gb18030_report_text() -> None:
    report = (
        "一、2015年工作回顾\n过去一年，全县实现地区生产总值86.4亿元，增长8.5%；规模以上工业增加值"
        "增长10.2%。城镇居民人均可支配收入23,456元、农村居民人均可支配收入11,234元，分别增长8.9%和"
        "10.1%。（一）“三农”工作扎实推进。粮食总产量达到28.6万吨，连续五年稳定增长！\n"
    )
    assert decode(report.encode("gb18030"), "r.txt") == (report, "gb18030")


def test_load_reports_unreadable_paths(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match=r"missing\.txt: no such file or directory$"):
        load(tmp_path / "missing.txt")
    with pytest.raises(IngestError, match=r": is a directory$"):
        load(tmp_path)
    (tmp_path / "blank.txt").write_bytes("\u200b\ufeff".encode())
    with pytest.raises(IngestError, match=r"blank\.txt: empty file"):
        load(tmp_path / "blank.txt")


def test_load_decodes_and_keeps_source_as_decoded(tmp_path: Path) -> None:
    f = tmp_path / "bom.txt"
    f.write_bytes(codecs.BOM_UTF8 + "共有 12 人,其中党员 5 人。\r\n".encode())
    doc = load(f)
    assert (doc.path, doc.encoding) == (str(f), "utf-8-sig")
    assert doc.source == "共有 12 人,其中党员 5 人。\r\n"
    assert doc.text == "共有12人，其中党员5人。"
    check_offsets(doc)


# --------------------------------------------------------------------------------------------------
# normalisation
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "text"),
    [
        # 1. full-width ASCII variants -> ASCII, CJK punctuation and range marks stay
        ("１２３", "123"),
        ("８４．８％", "84.8%"),
        ("ａＢｃ", "aBc"),
        ("，；：（）！？", "，；：（）！？"),
        ("１０－２０", "10－20"),
        ("３～５个", "3～5个"),
        ("增长　５％", "增长5%"),
        # 2. ASCII punctuation used as Chinese punctuation -> CJK form
        ("甲,乙", "甲，乙"),
        ("共3,000人", "共3,000人"),
        ("1,234,567.5元", "1,234,567.5元"),
        ("１,２３４人", "1,234人"),
        ("12,3456", "12，3456"),
        ("1,23", "1，23"),
        ("1,2,3", "1，2，3"),
        ("共3,000,其中", "共3,000，其中"),
        ("a;b", "a；b"),
        ("10:30开会", "10:30开会"),
        ("时间:上午", "时间：上午"),
        ("(一)", "（一）"),
        ("好!", "好！"),
        ("吗?", "吗？"),
        ("1.党员", "1.党员"),
        ("3.5%", "3.5%"),
        ("2014—2015", "2014—2015"),
        ("10-20", "10-20"),
        ("10–20", "10–20"),
        ("3~5", "3~5"),
        ("来源:https://a.org/x?a=1,b", "来源：https://a.org/x?a=1,b"),
        ("(见https://a.org/x).", "（见https://a.org/x）."),
        # 3. horizontal whitespace removed, one space kept between ASCII letters/digits
        ("意见建议 137 条", "意见建议137条"),
        ("2014年11月 11 日", "2014年11月11日"),
        ("New York", "New York"),
        ("14 8", "14 8"),
        ("14 \t  8", "14 8"),
        ("ＮＥＷ　ＹＯＲＫ", "NEW YORK"),
        ("中\u00a0文", "中文"),
        ("1\u200b2", "12"),
        ("共 12 个", "共12个"),
        ("12 %", "12%"),
        ("  前后  ", "前后"),
        ("\ufeff开头", "开头"),
    ],
)
def test_normalise_characters(source: str, text: str) -> None:
    assert norm(source) == text


@pytest.mark.parametrize(
    ("source", "text"),
    [
        # joined: broken mid-sentence
        (long_line("达") + "\n1286件。", long_line("达") + "1286件。"),
        (long_line("，") + "\n其中来信412件。", long_line("，") + "其中来信412件。"),
        (long_line("、") + "\n来访698件。", long_line("、") + "来访698件。"),
        ("14\n8户", "148户"),
        ("共有14\r\n8户", "共有148户"),
        ("   " + long_line("信") + "  \n  访176件", long_line("信") + "访176件"),
        # kept: a real paragraph or heading break
        ("总结\n正文", "总结\n正文"),
        ("岚溪县2015年工作总结\n（2016年1月8日）", "岚溪县2015年工作总结\n（2016年1月8日）"),
        (long_line("。") + "\n其中来信412件。", long_line("。") + "\n其中来信412件。"),
        (long_line("；") + "\n其中来信412件。", long_line("；") + "\n其中来信412件。"),
        (long_line("：") + "\n一是加强领导。", long_line("：") + "\n一是加强领导。"),
        (long_line("”") + "\n其中来信412件。", long_line("”") + "\n其中来信412件。"),
        (long_line("达") + "\n二、主要做法", long_line("达") + "\n二、主要做法"),
        (long_line("达") + "\n（二）主要做法", long_line("达") + "\n（二）主要做法"),
        (long_line("达") + "\n(二)主要做法", long_line("达") + "\n（二）主要做法"),
        (long_line("达") + "\n2.主要做法", long_line("达") + "\n2.主要做法"),
        (long_line("达") + "\n第二部分", long_line("达") + "\n第二部分"),
        (
            long_line("达") + "\n◆东盛涌镇建立网格化管理体系",
            long_line("达") + "\n◆东盛涌镇建立网格化管理体系",
        ),
        (long_line("达") + "\n\n1286件。", long_line("达") + "\n1286件。"),
        ("一、" + long_line("达") + "\n1286件。", "一、" + long_line("达") + "\n1286件。"),
        ("共有12\n2.项目建设", "共有12\n2.项目建设"),
        ("New\nYork", "New\nYork"),
        # line break forms and blank lines
        ("甲。\r\n乙。\r丙。\n丁。", "甲。\n乙。\n丙。\n丁。"),
        ("甲。\n\n\n  \n\t\n乙。", "甲。\n乙。"),
        ("\n\n甲。\n\n", "甲。"),
        ("甲。\u2028乙。", "甲。\n乙。"),
    ],
)
def test_normalise_line_breaks(source: str, text: str) -> None:
    assert norm(source) == text


def test_normalise_joins_a_hard_wrapped_file(tmp_path: Path) -> None:
    doc = load(DATA / "wrapped_crlf.txt")
    check_offsets(doc)
    assert doc.text.splitlines() == [
        "岚溪县2015年信访工作总结",
        "一、基本情况",
        (
            "2015年，全县各级信访部门共受理群众来信来访事项1,286件，比上年下降12.4%，其中来信412件、"
            "来访698件、网上信访176件，办结率达到97.3%。县信访局全年接待群众来访1,035人次，集体访38批次。"
        ),
        "二、主要做法",
        "（一）领导接访常态化。县级领导全年公开接访52次，接待群众来访214批次、837人次，当场解决问题96个。",
        "（二）矛盾排查制度化。",
    ]


def test_from_text_rejects_text_that_normalises_to_nothing() -> None:
    with pytest.raises(IngestError, match=r"^<string>: empty file"):
        from_text(" \u3000\n\u200b")


# --------------------------------------------------------------------------------------------------
# offsets, spans, lines
# --------------------------------------------------------------------------------------------------


def test_offsets_point_at_the_producing_characters() -> None:
    doc = from_text("意见建议 137 条,共１２３人")
    assert doc.text == "意见建议137条，共123人"
    assert list(doc.offsets) == [0, 1, 2, 3, 5, 6, 7, 9, 10, 11, 12, 13, 14, 15, 16]
    assert doc.encoding == "utf-8"


def test_source_span_and_raw() -> None:
    doc = from_text("意见建议 137 条,共１２３人\r\n第二行")
    k = doc.text.index("137")
    assert doc.raw(k, k + 3) == "137"
    assert doc.raw(k - 2, k + 4) == "建议 137 条"
    assert doc.source_span(k - 2, k + 4) == (2, 10)
    j = doc.text.index("123")
    assert doc.raw(j, j + 3) == "１２３"
    assert doc.raw(j + 3, j + 5) == "人\r\n"  # a line break covers "\r\n"
    assert doc.source_span(k, k) == (5, 5)
    assert doc.raw(k, k) == ""
    assert doc.source_span(len(doc.text), len(doc.text)) == (len(doc.source), len(doc.source))
    with pytest.raises(IndexError):
        doc.source_span(3, 2)
    with pytest.raises(IndexError):
        doc.raw(0, len(doc.text) + 1)


def test_line_col() -> None:
    doc = from_text("第一行\r\n第二行\n  第三行\r第四行")
    check_offsets(doc)
    assert doc.line_col(0) == (1, 1)
    assert doc.line_col(doc.offsets[doc.text.index("二")]) == (2, 2)
    assert doc.line_col(doc.offsets[doc.text.index("三")]) == (3, 4)
    assert doc.line_col(doc.offsets[doc.text.index("四")]) == (4, 2)
    assert doc.line_col(len(doc.source)) == (4, 4)
    with pytest.raises(IndexError):
        doc.line_col(len(doc.source) + 1)


def test_document_is_frozen_and_repr_is_short() -> None:
    doc = from_text("共有12人。" * 1000)
    with pytest.raises(AttributeError):
        doc.text = "x"  # type: ignore[misc]
    assert len(repr(doc)) < 100


# --------------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------------


def test_html_article_page_keeps_the_article_only() -> None:
    doc = load(DATA / "article_page.html")
    check_offsets(doc)
    assert doc.text.splitlines() == [
        "白沙街道2015年工作总结",
        "2016年1月8日",
        "2015年，白沙街道辖9个社区、3个行政村，共12个村（社区），常住人口4.2万人。",
        "全年受理投诉860件，按时办结774件，按时办结率90%&群众满意率98.6%。",
        "新增就业1286人",
        "新建党组织6个",
    ]


def test_html_government_page_in_gb2312() -> None:
    doc = load(DATA / "gov_page_gb2312.html")
    check_offsets(doc)
    assert doc.encoding == "gb18030"
    assert doc.text.splitlines() == [
        "2014年，全县实现地区生产总值86.4亿元，同比增长8.5%；完成财政总收入9.87亿元，其中一般公共预算收入5.12亿元。",
        "全年新增城镇就业3,216人，城镇登记失业率控制在3.2%以内；新建农村公路128公里，改造危旧房1,045户。",
        "一、2015年工作目标",
        "地区生产总值增长8%左右；一般公共预算收入增长9%；城乡居民人均可支配收入分别增长8.5%和10%。",
    ]
    k = doc.text.index("86.4")
    line, col = doc.line_col(doc.offsets[k])
    assert doc.source.splitlines()[line - 1][col - 1 : col + 3] == "86.4"


def test_html_entities_map_to_their_start() -> None:
    doc = from_text("<p>增长&nbsp;8&#46;5%&#20013;&amp;&#x4E2D;</p>", "x.html")
    check_offsets(doc)
    assert doc.text == "增长8.5%中&中"
    k = doc.text.index("中")
    assert doc.source[doc.offsets[k] :].startswith("&#20013;")
    assert doc.raw(k, k + 1) == "&#20013;"
    assert doc.raw(0, 5) == "增长&nbsp;8&#46;5"


@pytest.mark.parametrize(
    "chrome",
    [
        "<script>var s = '<p>共有99人</p>';</script>",
        "<style>p { content: '共有99人' }</style>",
        "<noscript>共有99人</noscript>",
        "<nav>共有99人</nav>",
        "<header>共有99人</header>",
        "<footer>共有99人</footer>",
        "<aside>共有99人</aside>",
        "<form><input name=q>共有99人</form>",
        "<iframe src=x>共有99人</iframe>",
        "<div class='breadcrumb'>共有99人</div>",
        "<div id='crumbs'>共有99人</div>",
        "<ul class='menu'><li>共有99人</li></ul>",
        "<div class='sidebar'>共有99人</div>",
        "<div class='bdshare'>共有99人</div>",
        "<div id='comment-list'>共有99人</div>",
        "<p class='copyright'>共有99人</p>",
        "<div role='navigation'>共有99人</div>",
        "<!-- 共有99人 -->",
    ],
)
def test_html_drops_chrome(chrome: str) -> None:
    page = f"<body>{chrome}<div><p>全年新增就业1286人，其中翠湖社区新增就业203人，位居各社区之首。</p></div></body>"
    assert norm(page, "p.html") == "全年新增就业1286人，其中翠湖社区新增就业203人，位居各社区之首。"


def test_html_picks_main_content_element() -> None:
    links = "".join(f"<li><a>岚溪县召开第{i}次常务会议研究部署</a></li>" for i in range(12))
    article = "<p>全年新增就业1286人。</p><p>新建党组织6个。</p>"
    assert norm(f"<body><ul>{links}</ul><main>{article}</main></body>", "m.html") == (
        "全年新增就业1286人。\n新建党组织6个。"
    )
    assert norm(f"<body><ul>{links}</ul><div class='TRS_Editor'>{article}</div></body>", "c.html") == (
        "全年新增就业1286人。\n新建党组织6个。"
    )


def test_html_falls_back_to_the_block_with_most_chinese() -> None:
    para = "全年新增就业1286人，其中翠湖社区新增就业203人，位居各社区之首。低保对象由年初的538户调整为年末的497户。"
    page = (
        "<body><div><a>首页</a> <a>新闻</a></div>"
        f"<div><div><p>{para}</p><p>短段落。</p></div></div>"
        "<div>联系我们</div></body>"
    )
    assert norm(page, "f.html") == f"{para}\n短段落。"


def test_html_page_wrapped_in_one_form_keeps_its_text() -> None:
    page = "<body><form id='form1' action='x.aspx'><div><p>全年新增就业1286人。</p></div></form></body>"
    assert norm(page, "a.aspx.html") == "全年新增就业1286人。"


def test_html_blocks_become_line_breaks() -> None:
    page = (
        "<div>甲<span>乙</span>丙<br>丁<p>戊</p><ul><li>己<li>庚</ul>"
        "<table><tr><td>合计</td><td>123</td></tr><tr><td>456</td></tr></table>"
        "<h2>辛</h2>壬\n癸 New\nYork</div>"
    )
    assert norm(page, "b.html") == "甲乙丙\n丁\n戊\n己\n庚\n合计\n123\n456\n辛\n壬癸New York"


@pytest.mark.parametrize(
    ("page", "text"),
    [
        ("<p>未闭合<b>加粗<i>斜体", "未闭合加粗斜体"),
        ("<p>a < b 且 <<< c <", "a<b且<<<c<"),
        ("<div class='x>文字</div><p>段落", "文字\n段落"),
        ("<p>共有12人</p><!-- 未闭合的注释 <p>不要</p>", "共有12人"),
        ("<p>共有12人</br>其中党员5人</p></p></span>", "共有12人\n其中党员5人"),
        ("<p>共有12人<script>var a = 1;", "共有12人"),
        ("<p>共有12人</p><img src='a.png' alt='x' /><p title=\"a>b\">其中5人</p>", "共有12人\n其中5人"),
        ("<head><title>标题</title><p>没有body标签的正文</p>", "没有body标签的正文"),
        ('<p>共有12人<a href="x', "共有12人"),
        ("\x00<p>共\x00有12人</p>", "共有12人"),
    ],
)
def test_html_malformed(page: str, text: str) -> None:
    assert norm(page, "m.html") == text


@pytest.mark.parametrize(
    "page",
    [
        "<div>" * 10000 + "深层嵌套的文字" + "</div>" * 10000,
        "<div>" * 10000 + "深层嵌套的文字",
        "<span>字" * 10000,
        "</span>" * 10000 + "<p>深层嵌套的文字</p>",
    ],
)
def test_html_deep_nesting(page: str) -> None:
    start = time.perf_counter()
    doc = from_text(page, "deep.html")
    assert time.perf_counter() - start < 2
    check_offsets(doc)
    assert doc.text in ("深层嵌套的文字", "字" * 10000)


@pytest.mark.parametrize(
    "page",
    [
        "",
        "<html><head><title>标题</title></head><body></body></html>",
        "<body><script>document.write('共有12人')</script><style>p{}</style></body>",
        "<body><nav>首页 新闻</nav><footer>版权所有</footer></body>",
        "<body>&nbsp;&#8203;<p> </p></body>",
    ],
)
def test_html_without_article_text(page: str) -> None:
    with pytest.raises(IngestError, match=r"^e\.html: HTML page has no article text$"):
        from_text(page, "e.html")


def test_html_page_without_chinese_uses_plain_text() -> None:
    assert norm("<nav>Home</nav><div><p>Annual report, 2015: 12 new jobs.</p></div>", "en.html") == (
        "Annual report，2015：12 new jobs."
    )


# --------------------------------------------------------------------------------------------------
# discover
# --------------------------------------------------------------------------------------------------

TREE = DATA / "tree"


def rel(paths: list[Path]) -> list[str]:
    return [p.relative_to(TREE).as_posix() for p in paths]


def test_discover_walks_directories_recursively_in_sorted_order() -> None:
    assert SUFFIXES == (".txt", ".md", ".html", ".htm", ".docx", ".pdf")
    found = discover([TREE])
    assert rel(found) == ["a.txt", "b.MD", "sub/c.html", "sub/deeper/d.htm", "sub/draft.txt"]
    assert all(p.is_relative_to(TREE) for p in found)  # paths as given, not resolved


@pytest.mark.parametrize(
    ("include", "exclude", "expected"),
    [
        (["*.txt"], [], ["a.txt", "sub/draft.txt"]),
        (["sub/*"], [], ["sub/c.html", "sub/deeper/d.htm", "sub/draft.txt"]),
        (["*.htm", "a.*"], [], ["a.txt", "sub/deeper/d.htm"]),
        ([], ["draft*"], ["a.txt", "b.MD", "sub/c.html", "sub/deeper/d.htm"]),
        ([], ["sub/deeper/*", "*.MD"], ["a.txt", "sub/c.html", "sub/draft.txt"]),
        (["sub/*"], ["*.html"], ["sub/deeper/d.htm", "sub/draft.txt"]),
    ],
)
def test_discover_include_exclude(include: list[str], exclude: list[str], expected: list[str]) -> None:
    assert rel(discover([TREE], include=include, exclude=exclude)) == expected


def test_discover_takes_given_files_whatever_their_suffix_once_each() -> None:
    found = discover([TREE / "notes.json", TREE, str(TREE / "a.txt")], exclude=["notes.json"])
    assert rel(found) == ["notes.json", "a.txt", "b.MD", "sub/c.html", "sub/deeper/d.htm", "sub/draft.txt"]


def test_discover_errors(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match=r"nope: no such file or directory$"):
        discover([tmp_path / "nope"])
    (tmp_path / "data.json").write_text("{}")
    (tmp_path / "empty").mkdir()
    for d in (tmp_path, tmp_path / "empty"):
        with pytest.raises(IngestError) as info:
            discover([d])
        assert str(info.value) == f"{d}: no reports (.txt, .md, .html, .htm, .docx, .pdf) found"
    with pytest.raises(IngestError, match="no reports .* found that match the include/exclude patterns"):
        discover([TREE], include=["*.pdf"])


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_discover_survives_symlink_loops(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "r.txt").write_text("共有12人。")
    try:
        (tmp_path / "sub" / "loop").symlink_to(tmp_path, target_is_directory=True)
    except OSError:
        pytest.skip("cannot create symlinks here")
    assert [p.relative_to(tmp_path).as_posix() for p in discover([tmp_path])] == ["sub/r.txt"]


# --------------------------------------------------------------------------------------------------
# shared corpora
# --------------------------------------------------------------------------------------------------

CORPORA = ["seeds", "corpus/dev", "corpus/real"]


@pytest.mark.parametrize("corpus", CORPORA)
def test_load_every_shared_report(corpus: str) -> None:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} not found")
    files = discover([SHARED / corpus])
    assert files
    for f in files:
        doc = load(f)
        check_offsets(doc, line_col_every=97)
        assert doc.text


def test_shared_answer_keys_survive_ingest() -> None:
    """Every answer-key anchor, normalised the same way, is in the report's text and maps back to it."""
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} not found")
    keys = sorted((SHARED / "seeds").glob("*.json")) + sorted((SHARED / "corpus" / "dev").glob("d*.json"))
    assert keys
    gb18030 = []
    for key_file in keys:
        key = json.loads(key_file.read_text(encoding="utf-8"))
        doc = load(key_file.parent / key["file"])
        if doc.encoding == "gb18030":
            gb18030.append(key["file"])
        assert doc.encoding == key["encoding"]
        for item in key["contradictions"] + key["consistent"] + key["traps"]:
            anchor = from_text(item["anchor"]).text
            k = doc.text.find(anchor)
            assert k >= 0, (key["file"], item["anchor"])
            assert "".join(doc.raw(k, k + len(anchor)).split()) == "".join(item["anchor"].split())
    assert {"d009.txt", "d024.txt", "d036.txt"} <= set(gb18030)


def _docx(path, paragraphs, table=None):
    docx = pytest.importorskip("docx")  # a runtime dependency: present whenever reportcheck is installed
    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    if table:
        t = d.add_table(rows=len(table), cols=len(table[0]))
        for i, row in enumerate(table):
            for j, cell in enumerate(row):
                t.cell(i, j).text = cell
    d.save(path)
    return path


def test_docx_paragraphs_and_tables_become_lines(tmp_path):
    p = _docx(tmp_path / "r.docx", ["关于整改工作的报告", "全年共受理信访事项120件。"], [["来信", "30件"]])
    doc = load(p)
    assert doc.encoding == "docx"
    assert doc.source == "关于整改工作的报告\n全年共受理信访事项120件。\n来信\t30件"
    i = doc.text.index("120件")
    s, e = doc.source_span(i, i + 4)
    assert doc.source[s:e] == "120件" and doc.line_col(s) == (2, 10)


def test_a_broken_docx_is_an_error_naming_the_file(tmp_path):
    p = tmp_path / "broken.docx"
    p.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(IngestError, match="broken.docx: not a readable .docx file"):
        load(p)
    _docx(tmp_path / "empty.docx", [""])
    with pytest.raises(IngestError, match="empty.docx: empty file"):
        load(tmp_path / "empty.docx")


def test_directories_pick_up_docx(tmp_path):
    _docx(tmp_path / "a.docx", ["全年共受理信访事项120件。"])
    assert [p.name for p in discover([tmp_path])] == ["a.docx"]
