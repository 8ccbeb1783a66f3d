"""How text is shortened and measured where it is shown (reportcheck.display)."""

from __future__ import annotations

from reportcheck.display import shorten
from reportcheck.findings import Finding
from reportcheck.report.sarif import _result


def test_shorten_puts_text_on_one_line_and_cuts_it_with_an_ellipsis():
    assert shorten("全年\n共受理  120件", 40) == "全年 共受理 120件"
    assert shorten("一二三四五六", 4) == "一二三…" and len(shorten("x" * 100, 60)) == 60
    assert shorten("一二三四", 4) == "一二三四"


def test_every_output_shortens_alike():
    text = "第一行的数字\n" + "很长" * 40
    f = Finding("RC101", "n", "error", text, "", "r.txt", 1, 1, 2, 3, 0, 5, "x",
                evidence=[{"text": text, "start": 0, "end": len(text), "role": "part"}])
    assert repr(f).endswith(f"{shorten(text, 40)!r})") and "\n" not in repr(f)
    sarif = _result(f, type("R", (), {"rel_path": "r.txt"})(), {"RC101": 0})
    assert sarif["relatedLocations"][0]["message"]["text"] == f"part: {shorten(text, 60)}"


def test_the_terminal_and_the_html_charts_measure_alike():
    from reportcheck.display import fit, width
    from reportcheck.report import html

    assert width("报告ab") == 6 and width("ｱ") == 1  # a half-width katakana takes one column
    # Hangul jamo are wide though below U+2E80, where the charts used to start counting two columns
    for label in ("ᄀ" * 30, "RC101 sum-mismatch" * 2, "各乡镇（街道）的服务站数量汇总表格", "short"):
        shown = fit(label, 26)
        assert width(shown) <= 26 and (shown == label or shown.endswith("…"))
    assert fit("一二三四五六七八九十一二三四", 26) == "一二三四五六七八九十一二…"
    svg = html._bar_chart("t", [("ᄀ" * 30, 1, 0, "#x")])
    assert "ᄀ" * 12 + "…<" in svg
