"""PDF reports: the text layer of a PDF as report text, read with pypdfium2 (PDFium, Apache-2.0/BSD).

Why pypdfium2 and not pdfplumber/pdfminer.six (measured on generated Chinese PDFs, see bench/run.py):
PDFium reads 300-650 pages/s where pdfminer.six reads about 100 on the same pages (this module, with
its layout work, 150-310 pages of 370 characters a second, most of it in PDFium); it is one 9 MB wheel
without dependencies (pdfplumber needs pdfminer.six, Pillow and pypdfium2 itself); and its text "rects"
give each run of text with its box, which is all this module needs to put the text in reading order
(PDFium returns it in content-stream order: a footer drawn first comes first) and to see table cells.
PyMuPDF is AGPL and not an option.

:func:`pdf_text` turns a PDF into the ``source`` of a report, one string:

- pages are separated by a form feed (``"\\f"``, which replaces the line break between the last line of a
  page and the first of the next), so the page of any offset is the number of form feeds before it + 1;
- each line of a page is a paragraph: lines that the layout wrapped (the line reaches the right margin
  and the next one is not indented and follows at line spacing) are joined, so a sentence or a number
  broken at the line end is whole again;
- runs of text on one line with a wide gap between them (more than one character height) are table
  cells: they are joined with a tab, so a table row is a tab-separated line (see
  :mod:`reportcheck.extract.tables`);
- running headers and footers (the first or last line of a page that recurs, digits aside, on other
  pages) and page numbers (``- 3 -``, ``第3页``, ``3/12`` …) are dropped.

A PDF with no text at all (a scan) is an error ("no text layer: run OCR first"), so is an encrypted
one that needs a password and one PDFium cannot open.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from .document import IngestError

__all__ = ["PAGE_BREAK", "pdf_text"]

#: What separates two pages in the source of a PDF report.
PAGE_BREAK = "\f"

# A page number alone on a line: 3, - 3 -, — 3 —, 第3页, 第 3 页 共 12 页, 3/12, Page 3, ·3·.
_PAGE_NUMBER = re.compile(
    r"^[\s\-—–_·•.\[\]【】()（）]*"
    r"(?:第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|(?:page|p\.)\s*\d+(?:\s*of\s*\d+)?|\d{1,4}"
    r"|[ivxlcIVXLC]{1,6})"
    r"[\s\-—–_·•.\[\]【】()（）]*$",
    re.IGNORECASE,
)
# A line that opens a heading or list item: never joined to the line before it.
_ITEM = re.compile(
    r"[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[、.．](?!\d)|[①-⑳]"
)
_SENTENCE_END = "。！？；："


@dataclass
class _Line:
    top: float
    bottom: float
    left: float
    right: float
    text: str  # cells joined by "\t"
    cells: list[tuple[float, float, str]] = field(default_factory=list)  # (left, right, text) of each cell

    @property
    def height(self) -> float:
        return self.top - self.bottom

    @property
    def is_row(self) -> bool:
        return "\t" in self.text


def pdf_text(data: bytes, path: str) -> str:
    """The source text of the PDF ``data`` (see the module docstring). Raises :class:`IngestError`."""
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        reason = str(e)
        if "password" in reason.lower():
            raise IngestError(path, "encrypted PDF: it needs a password to be read") from None
        raise IngestError(path, f"damaged PDF: PDFium cannot open it ({reason.rstrip('.')})") from None
    try:
        pages = []
        for i in range(len(doc)):
            page = doc[i]
            try:
                pages.append(_page_lines(page))
            finally:
                page.close()  # a long PDF is not held in memory page after page
    except pdfium.PdfiumError as e:
        raise IngestError(path, f"damaged PDF: {str(e).rstrip('.')}") from None
    finally:
        doc.close()
    if not pages:
        raise IngestError(path, "PDF has no pages")
    if not any(pages):
        raise IngestError(path, "no text layer: run OCR first (the PDF holds no text, e.g. scanned pages)")
    pages = _drop_running(pages)
    margins = _margins(pages)
    return PAGE_BREAK.join(_paragraphs(lines, margins) for lines in pages)


def _page_lines(page) -> list[_Line]:
    """The lines of one page, top to bottom, each from its runs of text left to right."""
    from pypdfium2 import raw

    tp = page.get_textpage()
    try:
        n = tp.count_chars()
        if n <= 0:
            return []
        runs = []
        for r in range(raw.FPDFText_CountRects(tp, 0, n)):
            left, bottom, right, top = tp.get_rect(r)
            text = tp.get_text_bounded(left, bottom, right, top)
            text = "".join(ch for ch in text if ch >= " " or ch == "\t").strip()
            if text:
                runs.append((top, bottom, left, right, text))
    finally:
        tp.close()
    runs.sort(key=lambda r: (-(r[0] + r[1]) / 2, r[2]))
    groups: list[list[tuple]] = []
    for run in runs:
        middle = (run[0] + run[1]) / 2
        g = groups[-1] if groups else None
        if g is not None and min(x[1] for x in g) <= middle <= max(x[0] for x in g):
            g.append(run)
        else:
            groups.append([run])
    lines = []
    for g in groups:
        g.sort(key=lambda r: r[2])
        height = max(r[0] - r[1] for r in g)
        cells = [[g[0][2], g[0][3], g[0][4]]]
        for prev, run in pairwise(g):
            cell = cells[-1]
            if run[2] - prev[3] > height:
                cells.append([run[2], run[3], run[4]])
                continue
            if (
                cell[2][-1:].isascii()
                and cell[2][-1:].isalnum()
                and run[4][:1].isascii()
                and run[4][:1].isalnum()
            ):
                cell[2] += " "
            cell[2] += run[4]
            cell[1] = run[3]
        lines.append(
            _Line(
                max(r[0] for r in g),
                min(r[1] for r in g),
                g[0][2],
                max(r[3] for r in g),
                "\t".join(c[2] for c in cells),
                [tuple(c) for c in cells],
            )
        )
    _align_rows(lines)
    return lines


def _align_rows(lines: list[_Line]) -> None:
    """Give the rows of a table with empty cells their empty cells.

    A table is a run of lines of two cells or more; its row of most cells gives the columns, and each
    cell of a shorter row goes to the column it overlaps most, the others left empty. A row whose cells
    do not fall into distinct columns stays as it is (and the table's shape will not be read).
    """
    k = 0
    while k < len(lines):
        end = k
        while end < len(lines) and len(lines[end].cells) >= 2:
            end += 1
        block, k = lines[k:end], max(end, k + 1)
        if len({len(x.cells) for x in block}) < 2:
            continue
        columns = max(block, key=lambda x: len(x.cells)).cells
        for line in block:
            if len(line.cells) == len(columns):
                continue
            slots = [""] * len(columns)
            for left, right, text in line.cells:
                overlap = [min(right, r) - max(left, lft) for lft, r, _ in columns]
                j = max(range(len(columns)), key=overlap.__getitem__)
                if overlap[j] <= 0 or slots[j]:
                    break
                slots[j] = text
            else:
                line.text = "\t".join(slots)


def _key(line: _Line) -> str:
    return re.sub(r"\d+", "#", "".join(line.text.split()))


def _drop_running(pages: list[list[_Line]]) -> list[list[_Line]]:
    """The pages without page numbers and running headers and footers.

    A page number is dropped when it is one of the first two or last two lines of a page. Then the
    first and the last line of each page are dropped when the same text (digits aside) is the first
    (last) line of at least half of the pages, and of two pages at least, and it is set apart from the
    body (a wider gap than between body lines, or another font size); a table row never is.
    """
    pages = [
        [
            x
            for i, x in enumerate(lines)
            if not ((i < 2 or i >= len(lines) - 2) and _PAGE_NUMBER.match(x.text))
        ]
        for lines in pages
    ]
    need = max(2, (len(pages) + 1) // 2)
    tops: dict[str, int] = {}
    bottoms: dict[str, int] = {}
    for lines in pages:
        if lines:
            tops[_key(lines[0])] = tops.get(_key(lines[0]), 0) + 1
            bottoms[_key(lines[-1])] = bottoms.get(_key(lines[-1]), 0) + 1
    gaps = sorted(a.bottom - b.top for lines in pages for a, b in pairwise(lines))
    apart = 1.5 * gaps[len(gaps) // 2] if gaps else 0.0

    def margin(line: _Line, neighbour: _Line | None, gap: float) -> bool:
        """Set apart from the body: by a wider gap than the lines of the body, or in another size."""
        return (
            neighbour is None or gap > apart or abs(line.height - neighbour.height) > 0.15 * neighbour.height
        )

    out = []
    for lines in pages:
        lines = list(lines)
        if lines and not lines[0].is_row and tops[_key(lines[0])] >= need:
            nxt = lines[1] if len(lines) > 1 else None
            if margin(lines[0], nxt, lines[0].bottom - nxt.top if nxt else 0.0):
                lines.pop(0)
        if lines and not lines[-1].is_row and bottoms.get(_key(lines[-1]), 0) >= need:
            prv = lines[-2] if len(lines) > 1 else None
            if margin(lines[-1], prv, prv.bottom - lines[-1].top if prv else 0.0):
                lines.pop()
        out.append(lines)
    return out


def _margins(pages: list[list[_Line]]) -> tuple[float, float, float]:
    """(line height, left margin, right margin) of the text body of the document (table rows aside)."""
    body = [x for p in pages for x in p if not x.is_row] or [x for p in pages for x in p]
    if not body:
        return 1.0, 0.0, 0.0
    heights = sorted(x.height for x in body)
    lefts = sorted(x.left for x in body)
    rights = sorted(x.right for x in body)
    return heights[len(heights) // 2] or 1.0, lefts[len(lefts) // 10], rights[(9 * len(rights)) // 10]


def _paragraphs(lines: list[_Line], margins: tuple[float, float, float]) -> str:
    """One page's text, a paragraph (or table row) per line: wrapped lines joined."""
    if not lines:
        return ""
    em, margin_left, margin_right = margins
    out: list[str] = [lines[0].text]
    for prev, line in pairwise(lines):
        wrapped = (
            not prev.is_row
            and not line.is_row
            and prev.right >= margin_right - 1.5 * em
            and line.left <= margin_left + 0.5 * em
            and prev.bottom - line.top <= 1.2 * em
            and not (prev.text[-1] in _SENTENCE_END and _ITEM.match(line.text))
        )
        if wrapped:
            glue = (
                " "
                if prev.text[-1].isascii()
                and prev.text[-1].isalnum()
                and line.text[0].isascii()
                and line.text[0].isalnum()
                else ""
            )
            out[-1] += glue + line.text
        else:
            out.append(line.text)
    return "\n".join(out)
