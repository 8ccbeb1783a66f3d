"""PDF reports: text layer in reading order, wrapped lines joined, running headers and page numbers
dropped, pages on every fact and finding, and clear errors for scans, encrypted and damaged files.

The PDFs are made here (tests/pdfmaker.py, reportlab with its built-in Chinese CID font)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

pytest.importorskip("reportlab", reason="the test extra (reportlab) writes the PDFs")

from pdfmaker import _wrap, make_image_only_pdf, make_pdf, sample_paragraphs

from reportcheck import extract
from reportcheck.cli import app
from reportcheck.ingest import IngestError, load
from reportcheck.ingest.pdf import PAGE_BREAK

WRONG = "全县共排查整改问题137条，其中已整改到位120条，正在整改27条。"  # 120 + 27 = 147, not 137


def _split_number_paragraph(number: str = "1876.5万元") -> str:
    """A paragraph whose wrap (on the page) falls inside ``number``."""
    tail = f"{number}，比上年增长12.5%，完成年度目标。"
    for k in range(10, 60):
        text = "全年" + "完善制度建设推进" * 8 + "重" * k + "点项目投资" + tail
        lines = _wrap(text, 595.27 - 144, 28)
        if any(number[:3] in line and number not in line for line in lines):
            return text
    raise AssertionError("no wrap falls inside the number")


@pytest.fixture(scope="module")
def report_pdf(tmp_path_factory) -> Path:
    split = _split_number_paragraph()
    blocks = [
        ("title", "关于整改落实工作情况的通报"),
        *sample_paragraphs(12),
        split,
        ("page",),
        WRONG,
        *sample_paragraphs(3),
    ]
    return make_pdf(tmp_path_factory.mktemp("pdf") / "report.pdf", blocks)


def test_pdf_text_is_in_reading_order_without_running_header_and_page_numbers(report_pdf: Path) -> None:
    doc = load(report_pdf)
    pages = doc.source.split(PAGE_BREAK)
    assert len(pages) == 3
    assert pages[0].startswith("关于整改落实工作情况的通报\n第1季度工作中")  # not the page number drawn first
    assert "某某县人民政府办公室文件" not in doc.source  # running header
    assert "—" not in doc.source  # "— 2 —" page numbers
    # the paragraph continued from page 1 to page 2 is one sentence in the text
    assert (
        "第12季度" in doc.text
        and "\n" not in doc.text[doc.text.index("第12季度") : doc.text.index("第12季度") + 80]
    )


def test_pdf_joins_wrapped_lines_and_split_numbers(report_pdf: Path) -> None:
    doc = load(report_pdf)
    assert "投资1876.5万元，比上年增长12.5%" in doc.source
    # one line per paragraph: every paragraph of the sample is whole on its line
    lines = doc.source.replace(PAGE_BREAK, "\n").split("\n")
    assert any(x.startswith("第3季度") and x.endswith("交流推广。") for x in lines)
    sheet = extract([report_pdf])
    mentions = sheet["mentions"]
    assert 18765000 in set(mentions["value"])  # 1876.5万元, never 5万元
    assert 50000 not in set(mentions["value"])


def test_pdf_facts_and_findings_carry_their_page(report_pdf: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    sheet = extract([report_pdf])
    bd = sheet["breakdowns"]
    row = bd[bd["raw"].str.contains("137条")].iloc[0]
    assert row["page"] == 3  # after a page break: page 1 overflows onto page 2
    assert set(sheet["mentions"]["page"]) <= {1, 2, 3} and 1 in set(sheet["mentions"]["page"])
    runner = CliRunner()
    res = runner.invoke(
        app,
        [
            "check",
            str(report_pdf),
            "--format",
            "json",
            "--format",
            f"sarif:{tmp_path}/r.sarif",
            "--format",
            f"text:{tmp_path}/r.txt",
            "--html",
            str(tmp_path / "html"),
        ],
    )
    assert res.exit_code == 1, res.output
    report = json.loads(res.stdout)["reports"][0]
    (finding,) = [f for f in report["findings"] if f["rule"] == "RC101"]
    assert finding["page"] == 3
    doc = load(report_pdf)
    assert doc.source[finding["start"] : finding["end"]].startswith("137条") or "137条" in finding["excerpt"]
    line_text = doc.source.replace(PAGE_BREAK, "\n").split("\n")[finding["line"] - 1]
    assert "137条" in line_text
    assert all(v["page"] in (1, 2, 3) for v in report["verified"])
    sarif = json.loads((tmp_path / "r.sarif").read_text())
    (result,) = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "RC101"]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region["properties"]["page"] == 3 and region["startLine"] == finding["line"]
    text = (tmp_path / "r.txt").read_text()
    assert f"report.pdf:{finding['line']}:{finding['column']}: RC101 sum-mismatch" in text and "(page 3)" in text
    html = next((tmp_path / "html" / "reports").glob("*.html")).read_text()
    assert 'id="page-1"' in html and 'id="page-3"' in html and "page 3, line" in html


def test_non_pdf_findings_have_no_page(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(WRONG, encoding="utf-8")
    from reportcheck import check

    (f,) = check([tmp_path / "r.txt"]).reports[0].findings
    assert f.page is None and "page" not in f.to_dict()


def test_bad_pdfs_are_one_error_each_and_the_others_are_checked(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    good = make_pdf(tmp_path / "good.pdf", [WRONG])
    scan = make_image_only_pdf(tmp_path / "scan.pdf")
    locked = make_pdf(tmp_path / "locked.pdf", ["全县共有12人。"], password="secret")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 3])
    res = CliRunner().invoke(app, ["check", str(tmp_path), "--format", "json"])
    assert res.exit_code == 2
    reports = {Path(r["path"]).name: r for r in json.loads(res.stdout)["reports"]}
    assert reports["good.pdf"]["status"] == "failed"
    assert (
        reports["scan.pdf"]["error"]
        == f"{scan}: no text layer: run OCR first (the PDF holds no text, e.g. scanned pages)"
    )
    assert reports["locked.pdf"]["error"] == f"{locked}: encrypted PDF: it needs a password to be read"
    assert reports["broken.pdf"]["error"].startswith(f"{broken}: damaged PDF")
    for name in ("scan.pdf", "locked.pdf", "broken.pdf"):
        assert res.stderr.count(name) == 1 and "Traceback" not in res.stderr


def test_pdf_over_the_size_limit_is_an_error(tmp_path: Path, monkeypatch) -> None:
    from reportcheck.ingest import decoding

    pdf = make_pdf(tmp_path / "big.pdf", [WRONG])
    monkeypatch.setattr(decoding, "MAX_BYTES", 100)
    with pytest.raises(IngestError, match=r"big\.pdf: file too large"):
        load(pdf)


def test_a_pdf_table_with_empty_cells_keeps_its_columns(tmp_path: Path) -> None:
    rows = [
        ["乡镇", "户数", "其中：贫困户", "占比"],
        ["城关镇", "12", "", "48%"],
        ["桃源乡", "8", "3", "32%"],
        ["清河镇", "5", "1", ""],
        ["合计", "27", "4", "100%"],
    ]
    pdf = make_pdf(tmp_path / "t.pdf", ["各乡镇情况如下表。", ("table", rows), "以上数据截至年底。"])
    source = load(pdf).source
    assert "城关镇\t12\t\t48%\n" in source and "清河镇\t5\t1\t\n" in source
    from reportcheck import check

    (r,) = check([pdf]).reports
    assert [(f.rule, f.arithmetic, f.page) for f in r.findings] == [
        ("RC111", "合计 / 户数: 27 ≠ 12 + 8 + 5 = 25", 1)
    ]


@pytest.mark.skipif(
    shutil.which("pdftotext") is None and not os.environ.get("CI"),
    reason="pdftotext (Debian poppler-utils; .ci/run installs it) is not installed",
)
def test_pdftotext_output_reads_like_the_pdf(report_pdf: Path, tmp_path: Path) -> None:
    from reportcheck import check

    txt = tmp_path / "report.txt"
    subprocess.run(["pdftotext", str(report_pdf), str(txt)], check=True)
    text = txt.read_text(encoding="utf-8")
    assert "1876.5万元" not in text and "1876.5万元" in text.replace("\n", "")  # broken at a line end
    from_pdf, from_txt = check([report_pdf, txt]).reports

    def key(f):
        return f.rule, f.severity, f.arithmetic

    assert sorted(map(key, from_txt.findings)) == sorted(map(key, from_pdf.findings))
    assert sorted(map(key, from_txt.verified)) == sorted(map(key, from_pdf.verified))
    assert [f.rule for f in from_txt.findings] == ["RC101"]
