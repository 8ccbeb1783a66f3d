"""Tables: HTML, Word, PDF, tab-separated and Markdown tables become cells and relations; totals, 其中
parts and rates are checked (RC111-RC113); a table whose shape cannot be read gives no rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportcheck import check, extract
from reportcheck import rules as R
from reportcheck.extract.tables import extract_tables
from reportcheck.factsheet import extract_document
from reportcheck.ingest import load
from reportcheck.report.explain import explain

ROWS_RIGHT = [
    ["乡镇", "新建服务站（个）", "占比"],
    ["城关镇", "12", "48%"],
    ["桃源乡", "8", "32%"],
    ["清河镇", "5", "20%"],
    ["合计", "25", "100%"],
]
ROWS_WRONG = [r if r[0] != "合计" else ["合计", "27", "100%"] for r in ROWS_RIGHT]  # 12 + 8 + 5 is 25


def _html(rows: list[list[str]]) -> str:
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>\n" for r in rows)
    return (
        f"<html><body><article><h1>全县服务站建设情况</h1><p>今年全县新建村级服务站，情况如下。</p>\n"
        f"<table>\n{body}</table>\n<p>以上数据截至年底。</p></article></body></html>"
    )


def _docx(path: Path, rows: list[list[str]]) -> Path:
    import docx

    d = docx.Document()
    d.add_paragraph("全县服务站建设情况如下。")
    t = d.add_table(rows=len(rows), cols=len(rows[0]))
    for i, r in enumerate(rows):
        for j, c in enumerate(r):
            t.cell(i, j).text = c
    d.add_paragraph("以上数据截至年底。")
    d.save(str(path))
    return path


def _pdf(path: Path, rows: list[list[str]]) -> Path:
    pytest.importorskip("reportlab", reason="the test extra (reportlab) writes the PDFs")
    from pdfmaker import make_pdf

    return make_pdf(
        path, ["今年全县新建村级服务站，各乡镇情况如下表。", ("table", rows), "以上数据截至年底。"]
    )


def _write(fmt: str, path: Path, rows: list[list[str]]) -> Path:
    if fmt == "html":
        path = path.with_suffix(".html")
        path.write_text(_html(rows), encoding="utf-8")
    elif fmt == "docx":
        path = _docx(path.with_suffix(".docx"), rows)
    elif fmt == "pdf":
        path = _pdf(path.with_suffix(".pdf"), rows)
    elif fmt == "tsv":
        path = path.with_suffix(".txt")
        path.write_text(
            "全县服务站建设情况如下。\n" + "\n".join("\t".join(r) for r in rows) + "\n以上数据截至年底。\n",
            encoding="utf-8",
        )
    else:
        path = path.with_suffix(".md")
        lines = ["| " + " | ".join(r) + " |" for r in rows]
        lines.insert(1, "| " + " | ".join("---" for _ in rows[0]) + " |")
        path.write_text(
            "全县服务站建设情况如下。\n\n" + "\n".join(lines) + "\n\n以上数据截至年底。\n", encoding="utf-8"
        )
    return path


@pytest.mark.parametrize("fmt", ["html", "docx", "pdf", "tsv", "markdown"])
def test_a_wrong_table_total_is_found_and_a_right_one_verified(fmt: str, tmp_path: Path) -> None:
    right = _write(fmt, tmp_path / "right", ROWS_RIGHT)
    wrong = _write(fmt, tmp_path / "wrong", ROWS_WRONG)
    result = check([right, wrong])
    by_name = {Path(r.path).stem: r for r in result.reports}
    ok, bad = by_name["right"], by_name["wrong"]
    assert ok.status == "passed" and not ok.findings
    assert [v.arithmetic for v in ok.verified if v.rule == "RC111"] == [
        "合计 / 新建服务站（个）: 25 = 12 + 8 + 5 = 25"
    ]
    assert sum(v.rule == "RC113" for v in ok.verified) == 4  # each share = count / 25
    (f,) = [f for f in bad.findings if f.rule == "RC111"]
    assert f.severity == "error" and f.arithmetic == "合计 / 新建服务站（个）: 27 ≠ 12 + 8 + 5 = 25"
    assert [e["text"] for e in f.evidence] == ["27", "12", "8", "5"]
    assert [e["role"] for e in f.evidence] == ["total", "part", "part", "part"]
    source = result.reports[1].source or Path(bad.path).read_bytes()
    if fmt in ("html", "tsv", "markdown"):  # the evidence points at the cells of the file itself
        text = Path(bad.path).read_text(encoding="utf-8")
        assert [text[e["start"] : e["end"]] for e in f.evidence] == ["27", "12", "8", "5"]
        assert text.splitlines()[f.line - 1].count("27") == 1
    assert source
    if fmt == "pdf":
        assert f.page == 1


def test_cells_table_has_headers_intervals_and_provenance(tmp_path: Path) -> None:
    path = _write(
        "html",
        tmp_path / "r",
        [["单位", "投资（万元）", "完成率"], ["城关镇", "1,234.5", "91.3%"], ["桃源乡", "86", "100%"]],
    )
    cells = extract([path])["cells"]
    row = cells[(cells["row_header"] == "城关镇") & (cells["table_col"] == 1)].iloc[0]
    assert row["column_header"] == "投资（万元）" and row["kind"] == "count"
    assert (row["value"], row["low"], row["high"]) == (1234.5, 1234.45, 1234.55)
    src = path.read_text(encoding="utf-8")
    assert src[row["start"] : row["end"]] == "1,234.5" == row["raw"]
    rate = cells[(cells["row_header"] == "城关镇") & (cells["table_col"] == 2)].iloc[0]
    assert rate["kind"] == "rate" and (rate["low"], rate["high"]) == (91.25, 91.35)
    assert set(cells["table"]) == {0} and len(cells) == 4


def test_within_rows_and_columns_are_at_most_their_whole(tmp_path: Path) -> None:
    rows = [
        ["单位", "干部", "其中：女"],
        ["县直机关", "120", "46"],
        ["其中：教育系统", "130", "40"],
        ["乡镇", "180", "190"],
    ]
    (r,) = check([_write("tsv", tmp_path / "r", rows)]).reports
    found = sorted((f.rule, f.arithmetic) for f in r.findings)
    assert found == [("RC112", "乡镇 / 其中：女: 190 > 180"), ("RC112", "其中：教育系统 / 干部: 130 > 120")]
    assert any(v.rule == "RC112" and v.arithmetic == "县直机关 / 其中：女: 46 ≤ 120" for v in r.verified)


def test_rate_column_is_count_over_count(tmp_path: Path) -> None:
    rows = [
        ["单位", "受理件数", "办结件数", "办结率"],
        ["城关镇", "200", "180", "90%"],
        ["桃源乡", "120", "114", "95%"],
        ["清河镇", "80", "60", "85%"],
    ]
    (r,) = check([_write("markdown", tmp_path / "r", rows)]).reports
    (f,) = [f for f in r.findings if f.rule == "RC113"]
    assert f.arithmetic == "清河镇 / 办结率: 60 / 80 = 75% ≠ 85%"
    assert sum(v.rule == "RC113" for v in r.verified) == 2


def test_total_column_sums_the_columns_that_fit(tmp_path: Path) -> None:
    # 合计 = 男 + 女; the 党员 column beside them is another dimension, not part of the total
    rows = [
        ["单位", "合计", "男", "女", "党员"],
        ["城关镇", "30", "12", "18", "9"],
        ["桃源乡", "25", "10", "15", "7"],
        ["清河镇", "20", "9", "10", "6"],
    ]
    (r,) = check([_write("tsv", tmp_path / "r", rows)]).reports
    assert [(f.rule, f.arithmetic) for f in r.findings] == [("RC111", "清河镇 / 合计: 20 ≠ 9 + 10 = 19")]
    assert sum(v.rule == "RC111" for v in r.verified) == 2


@pytest.mark.parametrize(
    ("html", "problem"),
    [
        (
            (
                "<tr><td>乡镇</td><td>男</td><td>女</td></tr><tr><td>甲</td><td colspan=2>3</td></tr>"
                "<tr><td>乙</td><td>1</td><td>2</td></tr><tr><td>合计</td><td>9</td><td>9</td></tr>"
            ),
            "merged cells (colspan/rowspan) among the figures",
        ),
        (
            (
                "<tr><td>乡镇</td><td>数量</td></tr><tr><td>甲</td><td>1</td><td>2</td></tr>"
                "<tr><td>乙</td><td>1</td></tr><tr><td>合计</td><td>9</td></tr>"
            ),
            "rows of different lengths",
        ),
    ],
)
def test_a_table_whose_shape_cannot_be_read_gives_no_rows(tmp_path: Path, html: str, problem: str) -> None:
    page = (
        f"<html><body><article><p>全县服务站建设情况如下。</p><table>{html}</table></article></body></html>"
    )
    path = tmp_path / "r.html"
    path.write_text(page, encoding="utf-8")
    found = extract_tables(page, True)
    assert all(not rows for rows in found.rows.values())
    assert next(p for _, p in found.problems).startswith(problem)
    # the fact sheet keeps them, where explain reads them
    assert extract_document(load(path)).table_problems == found.problems
    (r,) = check([path]).reports
    assert not [f for f in r.findings + r.verified if f.rule in ("RC111", "RC112", "RC113")]
    assert f"table not read ({problem}" in explain(path)


def test_table_figures_are_written_as_the_sentence_rules_write_them(tmp_path: Path) -> None:
    # as RC101 and RC107: a sum in the total's decimals, a rate to the stated decimals (at least one)
    rows = [
        ["单位", "受理件数", "办结件数", "办结率", "经费（万元）"],
        ["城关镇", "300", "100", "33%", "12.5"],
        ["桃源乡", "120", "114", "95%", "8.3"],
        ["合计", "420", "214", "51%", "21.0"],
    ]
    (r,) = check([_write("markdown", tmp_path / "r", rows)]).reports
    arith = {f.arithmetic for f in r.findings + r.verified}
    assert "城关镇 / 办结率: 100 / 300 = 33.3% ≈ 33%" in arith
    assert "合计 / 经费（万元）: 21.0 ≠ 12.5 + 8.3 = 20.8" in arith


def test_a_total_row_with_a_within_row_among_its_parts_is_not_summed(tmp_path: Path) -> None:
    # where the 其中 breakdown ends cannot be seen (重工业 may belong to it): no sum, but 其中 is checked
    rows = [
        ["行业", "企业数"],
        ["工业", "100"],
        ["其中：轻工业", "40"],
        ["重工业", "60"],
        ["农业", "50"],
        ["合计", "150"],
    ]
    (r,) = check([_write("tsv", tmp_path / "r", rows)]).reports
    assert not r.findings
    assert [v.rule for v in r.verified] == ["RC112"]


@pytest.mark.parametrize("rule_id", ["RC111", "RC112", "RC113"])
def test_documented_examples_pass_and_fail(rule_id: str, tmp_path: Path) -> None:
    rule = R.get(rule_id)
    good, bad = tmp_path / "pass.md", tmp_path / "fail.md"
    good.write_text(rule.section("Passing example") + "\n", encoding="utf-8")
    bad.write_text(rule.section("Failing example") + "\n", encoding="utf-8")
    ok, failed = check([good, bad]).reports
    assert not ok.findings and any(v.rule == rule_id for v in ok.verified)
    assert [f.rule for f in failed.findings] == [rule_id]


def test_figures_in_the_text_that_restate_a_cell_are_checked_against_it(tmp_path: Path) -> None:
    text = (
        "今年全县共新建服务站27个，其中城关镇新建服务站12个，桃源乡新建服务站9个，清河镇投资5万元。\n\n"
        "| 乡镇 | 新建服务站（个） | 投资（万元） |\n| --- | --- | --- |\n| 城关镇 | 12 | 30 |\n"
        "| 桃源乡 | 8 | 20 |\n| 清河镇 | 5 | 5 |\n| 合计 | 25 | 55 |\n"
    )
    path = tmp_path / "r.md"
    path.write_text(text, encoding="utf-8")
    (r,) = check([path]).reports
    repeats = sorted((f.severity, f.arithmetic) for f in r.findings + r.verified if f.rule == "RC103")
    # 全县共…27个 restates the 合计 row (25), 桃源乡…9个 its row (8); 城关镇 agrees; 清河镇 投资5万元 = 5 万元
    assert repeats == [
        ("error", "27个 ≠ 25"),
        ("error", "9个 ≠ 8"),
        ("pass", "12个 = 12"),
        ("pass", "5万元 = 5"),
    ]  # the cell in 万元
    f = next(f for f in r.findings if f.arithmetic == "27个 ≠ 25")
    assert [e["role"] for e in f.evidence] == ["first", "second"]
    assert text[f.evidence[0]["start"] : f.evidence[0]["end"]] == "25" and f.line == 1


def test_merged_header_cells_are_read_as_browsers_lay_them_out(tmp_path: Path) -> None:
    # a title row, a group header over two columns and a label header over two rows
    page = (
        "<html><body><article><p>各乡镇服务站建设情况如下。</p><table>"
        '<tr><td colspan="3">表1 服务站建设情况</td></tr>'
        '<tr><th rowspan="2">乡镇</th><th colspan="2">服务站（个）</th></tr>'
        "<tr><th>新建</th><th>改建</th></tr>"
        "<tr><td>城关镇</td><td>12</td><td>4</td></tr><tr><td>桃源乡</td><td>8</td><td>3</td></tr>"
        "<tr><td>合计</td><td>21</td><td>7</td></tr></table></article></body></html>"
    )
    path = tmp_path / "r.html"
    path.write_text(page, encoding="utf-8")
    (r,) = check([path]).reports
    assert [(f.rule, f.arithmetic) for f in r.findings] == [
        ("RC111", "合计 / 服务站（个）/新建: 21 ≠ 12 + 8 = 20")
    ]
    assert [v.arithmetic for v in r.verified if v.rule == "RC111"] == [
        "合计 / 服务站（个）/改建: 7 = 4 + 3 = 7"
    ]
