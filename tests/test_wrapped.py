"""Hard-wrapped plain text (pdftotext output, e-mail) reads like the original: the same findings and
verified relations on the seeds and ../shared/corpus/dev wrapped at 30-40 characters and at 30-76
display columns as on the files themselves."""

from __future__ import annotations

import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from conftest import ROOT, SHARED

from reportcheck import check
from reportcheck.ingest import from_text, read_source
from reportcheck.ingest.wrap import wrap_width

CHAR_WIDTHS = (30, 35, 40)
COLUMN_WIDTHS = (30, 36, 40, 76)  # 15 to 38 Chinese characters a line


def wrap_chars(text: str, width: int) -> str:
    """Every line cut into pieces of ``width`` characters (as fold -w does with Chinese text)."""
    out = []
    for line in text.splitlines():
        out += [line[i : i + width] for i in range(0, len(line), width)] or [""]
    return "\n".join(out) + "\n"


def wrap_columns(text: str, width: int) -> str:
    """Every line cut at ``width`` display columns (a Chinese character takes two)."""
    out = []
    for line in text.splitlines():
        cur, used = "", 0
        for ch in line:
            w = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
            if used + w > width:
                out.append(cur)
                cur, used = "", 0
            cur += ch
            used += w
        out.append(cur)
    return "\n".join(out) + "\n"


def _sources() -> list[Path]:
    files = sorted((ROOT / "seeds").glob("*.txt"))
    dev = SHARED / "corpus" / "dev"
    if dev.is_dir():
        files += sorted(dev.glob("*.txt"))
    return files


def _key(f) -> tuple:
    # evidence as read, whatever line breaks the wrapping put inside it
    return (f.rule, f.severity, tuple(sorted("".join(e["text"].split()) for e in f.evidence)))


def test_wrapped_reports_give_the_same_findings_as_the_originals(tmp_path: Path) -> None:
    sources = _sources()
    variants = [("orig", lambda t: t)]
    variants += [(f"c{w}", lambda t, w=w: wrap_chars(t, w)) for w in CHAR_WIDTHS]
    variants += [(f"col{w}", lambda t, w=w: wrap_columns(t, w)) for w in COLUMN_WIDTHS]
    for src in sources:
        text = read_source(src)
        for name, wrap in variants:
            (tmp_path / f"{src.stem}.{name}.txt").write_text(wrap(text), encoding="utf-8")
    result = check([tmp_path])
    found: dict[tuple[str, str], Counter] = {}
    for r in result.reports:
        assert r.status != "error", r.error
        stem, name = Path(r.path).name.split(".")[:2]
        found[(stem, name)] = Counter(_key(f) for f in r.findings) + Counter(
            ("✓", *_key(f)) for f in r.verified
        )
    differing = [
        (src.stem, name)
        for src in sources
        for name, _ in variants[1:]
        if found[(src.stem, name)] != found[(src.stem, "orig")]
    ]
    assert not differing
    assert sum(len(c) for (_, name), c in found.items() if name == "orig") > 50  # they do find things


def test_a_number_split_by_the_wrap_is_whole_again() -> None:
    head = "各乡镇认真落实整改责任，坚持边学边改，全年完成固定资产投资1876.5万元，比上年增长12.5%。"
    tail = (
        "其中工业投资完成632万元，同比增长8.1%，农业投资完成218万元，同比增长3.2%，为全年目标任务的完成打下了基础。"
        * 3
    )
    width = head.index(".5万元")  # the first line ends in 1876
    text = wrap_chars(head + tail + "\n" + head + tail, width)
    assert "1876\n.5万元" in text
    doc = from_text(text, "r.txt")
    assert doc.text.count("1876.5万元") == 2
    assert doc.text.count("\n") == 1  # the two paragraphs, nothing else


def test_wrap_width_detection() -> None:
    para = "各乡镇认真落实整改责任，逐项明确牵头领导和完成时限，确保问题整改到位。" * 4
    assert wrap_width(wrap_chars("\n".join([para] * 4), 32)).width == 32
    wrap = wrap_width(wrap_columns("\n".join([para] * 4), 70))  # all Chinese: 35 characters, 70 columns
    assert (wrap.width, wrap.columns) in ((35, False), (70, True))
    # a paragraph per line (most reports) and short lines of a list are not wrapped text
    assert wrap_width("\n".join(para[: 20 + 7 * k] for k in range(12))) is None
    assert wrap_width("\n".join(["一、总体情况", "二、主要做法", "三、下一步打算"] * 3)) is None


@pytest.mark.parametrize("indent", ["　　", "    "])
def test_an_indented_line_starts_a_paragraph(indent: str) -> None:
    lines = ["各乡镇认真落实整改责任，逐项明确牵头领导和完成时限，确保问"] * 8
    lines[3] = lines[3][:-1] + "。"  # full, and a sentence ends: the next line, indented, is a paragraph
    lines[4] = indent + lines[4][len(indent) :]
    doc = from_text("\n".join(lines), "r.txt")
    assert doc.text.count("\n") == 1
