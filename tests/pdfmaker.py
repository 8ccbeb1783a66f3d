"""Make PDF reports for the tests and the benchmark, as government offices publish them.

reportlab (a test extra) writes them with its built-in Chinese CID font STSong-Light, which needs no
font file: the PDF names the font and the Adobe-GB1 character collection, so the text layer is plain
Unicode to any reader. Paragraphs are wrapped by their width on the page (as word processors do) with a
first-line indent of two characters; every page has a running header drawn last and a page number drawn
first (so the content stream is not in reading order); tables are drawn cell by cell with rules.
"""

from __future__ import annotations

from pathlib import Path

FONT = "STSong-Light"
SIZE = 14
LEADING = 22
HEADER = "某某县人民政府办公室文件"


def _register() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def _canvas(path, **kw):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    _register()
    return canvas.Canvas(str(path), pagesize=A4, **kw), A4


def _wrap(text: str, width: float, first_indent: float) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    _register()
    lines, cur, avail = [], "", width - first_indent
    for ch in text:
        if cur and stringWidth(cur + ch, FONT, SIZE) > avail:
            lines.append(cur)
            cur, avail = "", width
        cur += ch
    if cur:
        lines.append(cur)
    return lines


def make_pdf(
    path: str | Path,
    blocks: list,
    *,
    header: str | None = HEADER,
    page_numbers: bool = True,
    password: str | None = None,
) -> Path:
    """Write a PDF of ``blocks``: a str is a paragraph, ("title", str) a centred title, ("table", rows) a
    table (rows of cell strings), ("page",) a page break. Returns the path."""
    kw = {}
    if password is not None:
        from reportlab.lib.pdfencrypt import StandardEncryption

        kw["encrypt"] = StandardEncryption(password, canPrint=0)
    c, (w, h) = _canvas(path, **kw)
    left, right, top, bottom = 72, w - 72, h - 80, 70
    state = {"page": 1, "y": top}

    def start_page():
        if page_numbers:
            c.setFont(FONT, 10)
            c.drawCentredString(w / 2, 36, f"— {state['page']} —")
        state["y"] = top

    def end_page():
        if header:
            c.setFont(FONT, 10)
            c.drawString(left, h - 45, header)
            c.line(left, h - 50, right, h - 50)
        c.showPage()
        state["page"] += 1

    def need(dy):
        if state["y"] - dy < bottom:
            end_page()
            start_page()

    start_page()
    for block in blocks:
        if isinstance(block, str):
            for k, line in enumerate(_wrap(block, right - left, 2 * SIZE)):
                need(LEADING)
                c.setFont(FONT, SIZE)
                c.drawString(left + (2 * SIZE if k == 0 else 0), state["y"], line)
                state["y"] -= LEADING
        elif block[0] == "title":
            need(2 * LEADING)
            c.setFont(FONT, 18)
            c.drawCentredString(w / 2, state["y"], block[1])
            state["y"] -= 2 * LEADING
        elif block[0] == "page":
            end_page()
            start_page()
        elif block[0] == "table":
            rows = block[1]
            col = (right - left) / max(len(r) for r in rows)
            need(LEADING * min(len(rows), 3))
            c.line(left, state["y"] + LEADING - 6, right, state["y"] + LEADING - 6)
            for row in rows:
                need(LEADING)
                c.setFont(FONT, 12)
                for k, cell in enumerate(row):
                    c.drawString(left + 6 + k * col, state["y"], cell)
                c.line(left, state["y"] - 6, right, state["y"] - 6)
                state["y"] -= LEADING
            state["y"] -= LEADING / 2
    end_page()
    c.save()
    return Path(path)


def make_image_only_pdf(path: str | Path, pages: int = 2) -> Path:
    """A PDF as a scanner makes it: pages with drawings and no text layer."""
    c, (_, h) = _canvas(path)
    for p in range(pages):
        for k in range(20):
            c.rect(72, h - 100 - 30 * k, 300 + 7 * ((k * 5 + p) % 9), 12, fill=1)
        c.showPage()
    c.save()
    return Path(path)


def sample_paragraphs(n: int) -> list[str]:
    """``n`` different paragraphs of report text (no contradictions), for multi-page documents."""
    out = []
    for i in range(n):
        a, b = 20 + i, 30 + 2 * i
        out.append(
            f"第{i + 1}季度工作中，全县新建村级服务站{a + b}个，其中平原地区{a}个、山区{b}个；"
            f"组织专题培训{3 + i % 5}次，培训基层干部{120 + 10 * i}人次，群众满意度进一步提高，"
            f"相关做法在全市作了交流推广。"
        )
    return out
