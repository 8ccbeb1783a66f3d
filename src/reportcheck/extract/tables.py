"""Tables: find the tables of a report, read their cells, and state the relations their shape implies.

Where tables come from (all read from the report's *source*, so every cell keeps its source span):

- HTML ``<table>``: rows ``<tr>``, cells ``<td>``/``<th>``, text without tags, entities decoded;
- tab-separated lines: a Word table (ingest writes a row per line, cells joined by a tab), a PDF table
  (ingest.pdf joins the runs of a row with a tab) or a text file's own rows; two lines at least;
- Markdown pipe tables (``| a | b |``, the ``|---|`` line dropped).

Reading the shape. Every row must have the same number of cells (a first row of one cell, a title, is
dropped); an HTML cell spanning columns or rows fills each slot it covers, as browsers lay it out, but
only among the header rows: a merged cell among the figures, or rows of different lengths, make the
shape unreadable: the table gives no rows at all and :attr:`Tables.problems` says why (``reportcheck
explain`` shows it). Header rows are the first rows with no number beyond the first column; the label
column is the first column whose cells are all words (a 序号 column before it is left out); the columns
after it hold the figures. A cell is a number when it holds one quantity or percentage and nothing else
(``12``, ``48%``, ``1,234``, ``1876.5万元``), empty when it is blank or a dash.

What the shape says (each relation is a row of a fact table; the rules check them):

- ``cells``: every number cell, with its row and column header and its interval;
- ``table_totals``: a total row (label 合计, 总计, 小计, 共计, 总数, 全县/全市/全区/全省 …) equals the sum of
  the rows it totals, column by column: the rows above it (below it when it is the first data row; the
  rows since the last 小计 for a 小计, the 小计 rows for a total after them); a column headed 合计/总计/小计
  equals the sum of the count columns next to it — as many of them as make most rows add up, so a table
  with more columns than the breakdown is read right, and nothing is said when no count fits most rows.
  Rate columns never take part, and a range of rows holding a 其中 row is not summed (where its
  breakdown ends cannot be seen);
- ``table_parts``: a 其中 row is at most the nearest row above it that is not a 其中 row, in every count
  column; a 其中 column is at most the count column before it;
- ``table_rates``: a share column (占比, 比重, 比例, …%) equals its row's count over the total row's count
  in the count column before it (其中 columns aside); a rate column (…率) equals the count column before
  it over the one before that; a reading is used only when, of two rows or more (the total row
  aside), three in five fit it and two at least.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from ..numbers import scan

__all__ = ["Cell", "Table", "Tables", "extract_tables", "find_tables"]

# A total row or column label: 合计, 总计, 小计, 共计, 总数, 全县 (合计) …
_TOTAL = re.compile(r"^(?:合计|总计|小计|共计|总数|总量|全[县市区省州旗镇乡国盟])")
_SUBTOTAL = re.compile(r"^小计")
# A 其中 row or column: a part of the one before it.
_WITHIN = re.compile(r"^(?:其中|内含|含)[：:]?")
# A rate or share column header.
_RATE = re.compile(r"率|占比|比重|比例|百分比|%|％")
_SHARE = re.compile(r"占比|比重|比例|百分比|所占")
# Cell text that means "no figure".
_EMPTY = re.compile(r"^[\s\-—–/－~～…]*$")
# A character that may stand beside a number in a cell without making it text.
_NUMBER_NOISE = re.compile(r"^[\s,，]*$")
# Markdown separator row.
_MD_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
# HTML pieces.
_TABLE_TAG = re.compile(r"<(/?)table\b[^>]*>", re.IGNORECASE)
_ROW_TAG = re.compile(r"<(/?)tr\b[^>]*>", re.IGNORECASE)
_CELL_TAG = re.compile(r"<(/?)t([dh])\b([^>]*)>", re.IGNORECASE)
_SPAN_ATTR = re.compile(r"""(colspan|rowspan)\s*=\s*["']?\s*(\d+)""", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_ENTITY = re.compile(r"&(?:#[xX][0-9a-fA-F]{1,8};?|#[0-9]{1,10};?|[A-Za-z][A-Za-z0-9]{0,31};?)")
# Full-width digits, letters and signs as ASCII (as ingest folds them); CJK punctuation stays.
_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F) if chr(cp) not in "，；：（）！？－～"}
_FOLD[0x3000] = 0x20


@dataclass
class Cell:
    """One cell: its text (tags dropped, entities decoded) and, per character, its source offset."""

    text: str
    offsets: list[int] = field(repr=False)

    def span(self, a: int = 0, b: int | None = None) -> tuple[int, int]:
        """The source span of ``text[a:b]``."""
        b = len(self.text) if b is None else b
        if not self.text or a >= b:
            at = self.offsets[0] if self.offsets else 0
            return at, at
        return self.offsets[a], self.offsets[b - 1] + 1


@dataclass
class Table:
    """A table as found: its source span, its rows of cells, and why its shape cannot be read (or None)."""

    start: int
    end: int
    rows: list[list[Cell]]
    source: str  # html | tsv | markdown
    problem: str | None = None
    merged_rows: set[int] = field(default_factory=set)  # rows a colspan/rowspan cell covers (HTML)


@dataclass
class Tables:
    """What :func:`extract_tables` read: rows per fact table (source spans) and the unreadable tables."""

    rows: dict[str, list[dict]]
    problems: list[tuple[int, str]]  # (source offset of the table, why it gave no rows)
    spans: list[tuple[int, int]] = field(default_factory=list)  # source spans of the tables read


# --------------------------------------------------------------------------------------------------
# Finding tables
# --------------------------------------------------------------------------------------------------


def find_tables(source: str, is_html: bool, split_tabs: bool = True) -> list[Table]:
    """The tables of a report's source (HTML tables, or tab-separated and Markdown rows)."""
    return _html_tables(source) if is_html else _line_tables(source, split_tabs)


def _plain_cell(source: str, a: int, b: int) -> Cell:
    while a < b and source[a].isspace():
        a += 1
    while b > a and source[b - 1].isspace():
        b -= 1
    return Cell(source[a:b].translate(_FOLD), list(range(a, b)))


def _line_tables(source: str, split_tabs: bool) -> list[Table]:
    tables: list[Table] = []
    block: list[tuple[int, int]] = []
    kind = ""

    def flush() -> None:
        nonlocal block
        if len(block) >= 2:
            rows = []
            for a, b in block:
                line = source[a:b]
                if kind == "markdown":
                    if _MD_RULE.match(line):
                        continue
                    inner_a = a + line.index("|") + 1
                    inner_b = a + line.rstrip().rindex("|")
                    if inner_b < inner_a:
                        inner_b = b
                    rows.append(_split(source, inner_a, inner_b, "|", False))
                else:
                    rows.append(_split(source, a, b, "\t", not split_tabs))
            if len(rows) >= 2:
                tables.append(_shaped(Table(block[0][0], block[-1][1], rows, kind)))
        block = []

    pos = 0
    for m in re.finditer(r"[^\n\r\f]*", source):
        a, b = m.start(), m.end()
        if a < pos:
            continue
        pos = b + 1
        line = source[a:b]
        this = (
            "markdown"
            if line.lstrip().startswith("|") and line.count("|") >= 2
            else "tsv"
            if "\t" in line.strip()
            else ""
        )
        if this and (not block or this == kind):
            kind = this
            block.append((a, b))
        else:
            flush()
            if this:
                kind = this
                block.append((a, b))
    flush()
    return tables


def _split(source: str, a: int, b: int, sep: str, runs: bool) -> list[Cell]:
    cells = []
    k = a
    while True:
        nxt = source.find(sep, k, b)
        if nxt < 0:
            cells.append(_plain_cell(source, k, b))
            break
        cells.append(_plain_cell(source, k, nxt))
        k = nxt + 1
        if runs:
            while k < b and source[k] == sep:
                k += 1
    return cells


def _html_tables(source: str) -> list[Table]:
    tables = []
    depth = 0
    start = 0
    for m in _TABLE_TAG.finditer(source):
        if not m.group(1):
            if depth == 0:
                start = m.end()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                tables.append(_html_table(source, start, m.start()))
    return tables


def _html_table(source: str, a: int, b: int) -> Table:
    body = source[a:b]
    if _TABLE_TAG.search(body):
        return Table(a, b, [], "html", "a table inside a table")
    # the cells of each row with their colspan and rowspan, as written
    written: list[list[tuple[Cell, int, int]]] = []
    row_marks = [m for m in _ROW_TAG.finditer(source, a, b) if not m.group(1)]
    for i, rm in enumerate(row_marks):
        row_end = row_marks[i + 1].start() if i + 1 < len(row_marks) else b
        close = source.find("</tr", rm.end(), row_end)
        row_end = close if close >= 0 else row_end
        starts = [m for m in _CELL_TAG.finditer(source, rm.end(), row_end) if not m.group(1)]
        cells = []
        for k, cm in enumerate(starts):
            cell_end = starts[k + 1].start() if k + 1 < len(starts) else row_end
            close = re.compile(r"</t[dh]\s*>", re.IGNORECASE).search(source, cm.end(), cell_end)
            spans = {name.lower(): int(n) for name, n in _SPAN_ATTR.findall(cm.group(3))}
            cell = _html_cell(source, cm.end(), close.start() if close else cell_end)
            cells.append(
                (cell, max(1, min(spans.get("colspan", 1), 100)), max(1, min(spans.get("rowspan", 1), 1000)))
            )
        if len(cells) > 1 or (cells and written):  # a first row of one cell is a title
            written.append(cells)
    rows, merged = _expand(written)
    return _shaped(Table(a, b, rows, "html", merged_rows=merged))


def _expand(written: list[list[tuple[Cell, int, int]]]) -> tuple[list[list[Cell]], set[int]]:
    """The grid of an HTML table: a cell spanning columns or rows fills each slot it covers (as browsers
    lay it out); also the rows that a spanning cell covers."""
    grid: dict[tuple[int, int], Cell] = {}
    merged: set[int] = set()
    for r, cells in enumerate(written):
        c = 0
        for cell, colspan, rowspan in cells:
            while (r, c) in grid:
                c += 1
            for dr in range(rowspan):
                for dc in range(colspan):
                    grid[(r + dr, c + dc)] = cell
            if colspan > 1 or rowspan > 1:
                merged.update(range(r, r + rowspan))
            c += colspan
    n_rows = len(written)
    rows = []
    for r in range(n_rows):
        cols = sorted(c for rr, c in grid if rr == r)
        if cols:
            rows.append([grid.get((r, c), Cell("", [])) for c in range(cols[-1] + 1)])
    return rows, merged


def _html_cell(source: str, a: int, b: int) -> Cell:
    text: list[str] = []
    offs: list[int] = []
    k = a
    while k < b:
        ch = source[k]
        if ch == "<":
            m = _TAG.match(source, k, b)
            if m:
                if text and not text[-1].isspace():
                    text.append(" ")
                    offs.append(k)
                k = m.end()
                continue
        if ch == "&":
            m = _ENTITY.match(source, k, b)
            if m:
                decoded = html.unescape(m.group())
                if decoded != m.group():
                    text.extend(decoded)
                    offs.extend([k] * len(decoded))
                    k = m.end()
                    continue
        text.append(ch)
        offs.append(k)
        k += 1
    s = "".join(text).translate(_FOLD).replace("\xa0", " ")
    lead = len(s) - len(s.lstrip())
    s2 = s.strip()
    offs = offs[lead : lead + len(s2)]
    return Cell(s2, offs)


def _shaped(table: Table) -> Table:
    rows = table.rows
    if rows and len(rows[0]) == 1 and len(rows) > 2:
        rows = rows[1:]  # a title row
    widths = {len(r) for r in rows}
    if len(widths) != 1:
        table.problem = "rows of different lengths (merged or missing cells)"
    elif widths == {1}:
        table.problem = "one column"
    table.rows = rows
    return table


# --------------------------------------------------------------------------------------------------
# Reading the shape
# --------------------------------------------------------------------------------------------------


@dataclass
class _Num:
    cell: Cell
    value: float
    low: float
    high: float
    unit: str
    kind: str
    a: int  # span of the number in the cell text
    b: int


def _number(cell: Cell) -> _Num | None | str:
    """The number a cell holds, None when it is empty, or "text"."""
    t = cell.text
    if _EMPTY.match(t):
        return None
    toks = [n for n in scan(t) if n.countable]
    if len(toks) != 1:
        return "text"
    n = toks[0]
    if (
        n.kind not in ("quantity", "percent")
        or n.low is None
        or not _NUMBER_NOISE.match(t[: n.start] + t[n.end :])
    ):
        return "text"
    return _Num(cell, n.value, n.low, n.high, n.unit, n.kind, n.start, n.end)


@dataclass
class _Grid:
    table: int
    header: list[str]  # per column
    labels: list[str]  # per data row
    label_col: int
    data: list[list]  # data rows x columns: _Num | None | "text"
    cols: list[int]  # figure columns
    row_cells: list[list[Cell]]
    rate: set[int]


def _grid(index: int, table: Table) -> _Grid | str:
    rows = table.rows
    parsed = [[_number(c) for c in r] for r in rows]
    n_cols = len(rows[0])
    h = 0
    while h < len(rows) and not any(isinstance(v, _Num) for v in parsed[h][1:]):
        h += 1
    if h == len(rows):
        return "no figures"
    if any(r >= h for r in table.merged_rows):
        return "merged cells (colspan/rowspan) among the figures"
    data = parsed[h:]
    label_col = next(
        (
            c
            for c in range(n_cols)
            if all(not isinstance(r[c], _Num) for r in data) and any(r[c] == "text" for r in data)
        ),
        None,
    )
    if label_col is None or label_col > 1:
        return "no column of row labels"
    header = ["/".join(x for x in (rows[k][c].text for k in range(h)) if x) for c in range(n_cols)]
    labels = ["".join(rows[h + k][label_col].text.split()) for k in range(len(data))]
    cols = [c for c in range(label_col + 1, n_cols) if any(isinstance(r[c], _Num) for r in data)]
    rate = {
        c
        for c in cols
        if _RATE.search(header[c]) or all(r[c].kind == "percent" for r in data if isinstance(r[c], _Num))
    }
    return _Grid(index, header, labels, label_col, data, cols, rows[h:], rate)


# --------------------------------------------------------------------------------------------------
# Relations
# --------------------------------------------------------------------------------------------------


def _member(role: str, n: _Num) -> dict:
    s, e = n.cell.span(n.a, n.b)
    return {"role": role, "start": s, "end": e, "value": n.value}


def _row_text(cells: list[Cell]) -> str:
    return " | ".join(c.text for c in cells)


def _meets(lo1: float, hi1: float, lo2: float, hi2: float) -> bool:
    return hi1 >= lo2 and hi2 >= lo1


def _total_ranges(g: _Grid) -> list[tuple[int, list[int]]]:
    """(total row, the rows it totals) for each total row whose parts can be seen."""
    totals = [k for k, lab in enumerate(g.labels) if _TOTAL.match(lab)]
    if not totals:
        return []
    subs = [k for k in totals if _SUBTOTAL.match(g.labels[k])]
    plain = [k for k, lab in enumerate(g.labels) if k not in totals]
    out = []
    if subs:
        prev = -1
        for k in totals:
            if k in subs:
                out.append((k, [r for r in plain if prev < r < k]))
                prev = k
            elif k > subs[-1]:
                out.append((k, subs))
        return out
    if len(totals) == 1:
        k = totals[0]
        if k == len(g.labels) - 1 or all(r < k for r in plain):
            out.append((k, [r for r in plain if r < k]))
        elif k == 0 or all(r > k for r in plain):
            out.append((k, [r for r in plain if r > k]))
    return out


def _totals(g: _Grid, emit) -> None:
    # total rows
    for k, parts in _total_ranges(g):
        if len(parts) < 2 or any(_WITHIN.match(g.labels[r]) for r in parts):
            continue
        for c in g.cols:
            if c in g.rate:
                continue
            total = g.data[k][c]
            vals = [g.data[r][c] for r in parts]
            if not isinstance(total, _Num) or not all(isinstance(v, _Num) for v in vals):
                continue
            emit("table_totals", total, vals, "row", g, k, c)
    # total columns
    for tc in g.cols:
        if tc in g.rate or not _TOTAL.match("".join(g.header[tc].split("/")[-1].split())):
            continue
        counts = [c for c in g.cols if c not in g.rate]
        pos = counts.index(tc)
        after = _block(g, counts[pos + 1 :])
        before = _block(g, list(reversed(counts[:pos])))
        side = after if pos == 0 else before if pos == len(counts) - 1 else []
        if len(side) < 2:
            continue
        rows = [k for k in range(len(g.data)) if isinstance(g.data[k][tc], _Num)]
        best, fits = 0, 0
        for width in range(2, len(side) + 1):
            cols = side[:width]
            ok = [
                k
                for k in rows
                if all(isinstance(g.data[k][c], _Num) for c in cols)
                and _meets(g.data[k][tc].low, g.data[k][tc].high, *_sum([g.data[k][c] for c in cols]))
            ]
            if len(ok) > fits:
                best, fits = width, len(ok)
        if best == 0 or fits < max(2, (len(rows) + 1) // 2) and not (len(rows) == 1 and fits == 1):
            continue
        for k in rows:
            vals = [g.data[k][c] for c in side[:best]]
            if all(isinstance(v, _Num) for v in vals):
                emit("table_totals", g.data[k][tc], vals, "column", g, k, tc)


def _block(g: _Grid, cols: list[int]) -> list[int]:
    """The count columns next to a total column, up to a 其中 column."""
    out = []
    for c in cols:
        if _WITHIN.match(g.header[c].split("/")[-1]):
            break
        out.append(c)
    return out


def _sum(nums: list[_Num]) -> tuple[float, float]:
    return sum(n.low for n in nums), sum(n.high for n in nums)


def _parts(g: _Grid, emit) -> None:
    for k, lab in enumerate(g.labels):
        if not _WITHIN.match(lab):
            continue
        parent = next((r for r in range(k - 1, -1, -1) if not _WITHIN.match(g.labels[r])), None)
        if parent is None:
            continue
        for c in g.cols:
            part, whole = g.data[k][c], g.data[parent][c]
            if c not in g.rate and isinstance(part, _Num) and isinstance(whole, _Num):
                emit("table_parts", whole, [part], "row", g, k, c)
    for i, c in enumerate(g.cols):
        if c in g.rate or not _WITHIN.match(g.header[c].split("/")[-1]):
            continue
        parent = next(
            (
                p
                for p in reversed(g.cols[:i])
                if p not in g.rate and not _WITHIN.match(g.header[p].split("/")[-1])
            ),
            None,
        )
        if parent is None:
            continue
        for k in range(len(g.data)):
            part, whole = g.data[k][c], g.data[k][parent]
            if isinstance(part, _Num) and isinstance(whole, _Num):
                emit("table_parts", whole, [part], "column", g, k, c)


def _rates(g: _Grid, emit) -> None:
    totals = [k for k, _ in _total_ranges(g) if not _SUBTOTAL.match(g.labels[k])]
    for i, c in enumerate(g.cols):
        if c not in g.rate:
            continue
        # the counts before it, 其中 columns aside (a share of 户数, not of 其中：贫困户)
        counts = [p for p in g.cols[:i] if p not in g.rate and not _WITHIN.match(g.header[p].split("/")[-1])]
        if not counts:
            continue
        head = g.header[c]
        if _SHARE.search(head) or not head.endswith("率"):
            if len(totals) != 1 or not _SHARE.search(head):
                continue
            num_col, t = counts[-1], totals[0]
            den = g.data[t][num_col]
            if not isinstance(den, _Num) or den.low <= 0:
                continue
            pairs = [(k, g.data[k][num_col], den) for k in range(len(g.data))]
        else:
            if len(counts) < 2:
                continue
            num_col, den_col = counts[-1], counts[-2]
            pairs = [(k, g.data[k][num_col], g.data[k][den_col]) for k in range(len(g.data))]
        pairs = [
            (k, n, d)
            for k, n, d in pairs
            if isinstance(n, _Num) and isinstance(d, _Num) and d.low > 0 and isinstance(g.data[k][c], _Num)
        ]
        if not pairs:
            continue
        # evidence that the columns are what the headers suggest: the rows that fit, the total row aside
        # (its share is its count over itself); with two rows or more, most of them and two at least
        evidence = [(k, n, d) for k, n, d in pairs if k not in totals]
        fit = [k for k, n, d in evidence if _meets(g.data[k][c].low, g.data[k][c].high, *_ratio(n, d))]
        if len(evidence) >= 2 and (len(fit) < 2 or 5 * len(fit) < 3 * len(evidence)):
            continue
        for k, n, d in pairs:
            emit("table_rates", g.data[k][c], [n, d], "row", g, k, c)


def _ratio(n: _Num, d: _Num) -> tuple[float, float]:
    return 100 * n.low / d.high, 100 * n.high / d.low if d.low > 0 else float("inf")


def extract_tables(source: str, is_html: bool, split_tabs: bool = True) -> Tables:
    """The table facts of a report's source (see the module docstring); spans are source offsets."""
    out: dict[str, list[dict]] = {"cells": [], "table_totals": [], "table_parts": [], "table_rates": []}
    problems: list[tuple[int, str]] = []
    spans: list[tuple[int, int]] = []
    for index, table in enumerate(find_tables(source, is_html, split_tabs)):
        spans.append((table.start, table.end))
        if table.problem:
            problems.append((table.start, table.problem))
            continue
        g = _grid(index, table)
        if isinstance(g, str):
            if g != "no figures":
                problems.append((table.start, g))
            continue

        def where(g: _Grid, k: int, c: int) -> dict:
            return {
                "table": g.table,
                "table_row": k,
                "row_header": g.labels[k],
                "column_header": g.header[c],
                "excerpt": _row_text(g.row_cells[k]),
            }

        for k, row in enumerate(g.data):
            for c in g.cols:
                n = row[c]
                if isinstance(n, _Num):
                    out["cells"].append(
                        {
                            **where(g, k, c),
                            "table_col": c,
                            "value": n.value,
                            "low": n.low,
                            "high": n.high,
                            "unit": n.unit,
                            "kind": "rate" if c in g.rate else "count",
                            "members": [_member("cell", n)],
                            "span": n.cell.span(n.a, n.b),
                        }
                    )

        def emit(name: str, head: _Num, others: list[_Num], axis: str, g: _Grid, k: int, c: int) -> None:
            base = {**where(g, k, c), "table_col": c, "axis": axis, "span": head.cell.span(head.a, head.b)}
            if name == "table_totals":
                lo, hi = _sum(others)
                base.update(
                    total=head.value,
                    total_low=head.low,
                    total_high=head.high,
                    parts_sum=sum(o.value for o in others),
                    sum_low=lo,
                    sum_high=hi,
                    n_parts=len(others),
                    members=[_member("total", head), *(_member("part", o) for o in others)],
                )
            elif name == "table_parts":
                (part,) = others
                base.update(
                    whole=head.value,
                    whole_low=head.low,
                    whole_high=head.high,
                    part=part.value,
                    part_low=part.low,
                    part_high=part.high,
                    members=[_member("whole", head), _member("part", part)],
                )
                base["span"] = part.cell.span(part.a, part.b)
            else:
                n, d = others
                lo, hi = _ratio(n, d)
                base.update(
                    stated=head.value,
                    stated_low=head.low,
                    stated_high=head.high,
                    computed_low=lo,
                    computed_high=hi,
                    members=[_member("rate", head), _member("numerator", n), _member("denominator", d)],
                )
            out[name].append(base)

        _totals(g, emit)
        _parts(g, emit)
        _rates(g, emit)
    return Tables(out, problems, spans)


# --------------------------------------------------------------------------------------------------
# Figures in the text that restate a cell
# --------------------------------------------------------------------------------------------------

# A unit in a column header: 数量（个）, 金额(万元).
_HEADER_UNIT = re.compile(r"[（(]\s*([^（()）]{1,4})\s*[）)]")
# Words by which a sentence speaks of a table's total row (合计 / 全县 …).
_TOTAL_CUES = ("共", "合计", "总计", "累计", "总", "全县", "全市", "全区", "全省", "全州", "全镇", "全乡")
_SCALES = {"万": 1e4, "亿": 1e8}


def restatements(tables: Tables, mentions, source_span, sentence_of, unit_key=lambda u: u) -> list[dict]:
    """Figures in the text that restate a table cell: ``repeats`` rows (first: the cell, second: the
    figure), with source spans.

    A figure restates a cell when its clause names, before it, the cell's row (its label; for a total
    row, 合计, 共, 全县 … and no other row's label) and the cell's column (the header without its unit),
    and the units agree (the header's unit, or the cell's own); a figure that fits two cells, or stands
    in a table itself, restates none. ``mentions`` are the extraction's mentions (text spans); ``source_span``
    maps a text span to the source, ``sentence_of`` a mention to its sentence's text.
    """
    cells = tables.rows["cells"]
    if not cells:
        return []
    labels: dict[int, set[str]] = {}
    for c in cells:
        if not _TOTAL.match(c["row_header"]):
            labels.setdefault(c["table"], set()).add(c["row_header"])
    out = []
    for m in mentions:
        n = m.num
        if n.kind not in ("quantity", "percent") or n.low is None:
            continue
        s, e = source_span(n.start, n.end)
        if any(a <= s < b for a, b in tables.spans):
            continue
        sentence = sentence_of(m)
        clause = m.pre + m.post
        hits = [
            c for c in cells if _restates(c, m, sentence, clause, unit_key, labels.get(c["table"], set()))
        ]
        if len(hits) != 1:
            continue
        (c,) = hits
        scale = _scale(c)
        core = _core(c["column_header"])
        cell_member = c["members"][0]
        out.append(
            {
                "form": "cell",  # a figure of the text restating a table cell
                "noun": core,
                "unit": n.unit,
                "first": c["value"] * scale,
                "first_low": c["low"] * scale,
                "first_high": c["high"] * scale,
                "second": n.value,
                "second_low": n.low,
                "second_high": n.high,
                "span": (s, e),
                "text_span": (n.start, n.end),
                "members": [
                    {**cell_member, "role": "first", "value": c["value"] * scale},
                    {"role": "second", "start": s, "end": e, "value": n.value},
                ],
            }
        )
    return out


def _core(header: str) -> str:
    return "".join(_HEADER_UNIT.sub("", header.split("/")[-1]).split())


def _scale(cell: dict) -> float:
    m = _HEADER_UNIT.search(cell["column_header"])
    if m and cell["unit"] == "" and m.group(1)[:1] in _SCALES and cell["kind"] == "count":
        return _SCALES[m.group(1)[:1]]
    return 1.0


def _restates(cell: dict, m, sentence: str, clause: str, unit_key, others: set[str]) -> bool:
    n = m.num
    if (cell["kind"] == "rate") != (n.kind == "percent"):
        return False
    core = _core(cell["column_header"])
    if len(core) < 2 or core not in clause:
        return False
    label = cell["row_header"]
    if _TOTAL.match(label):
        if not (label in m.pre or any(cue in m.pre for cue in _TOTAL_CUES)) or any(
            x in m.pre for x in others
        ):
            return False
    elif len(label) < 2 or label not in m.pre:
        return False
    if n.kind == "percent":
        return True
    hu = _HEADER_UNIT.search(cell["column_header"])
    units = {unit_key(u) for u in (cell["unit"], hu.group(1).lstrip("万亿") if hu else "") if u}
    # with no unit on the cell or its header (a caption may say 单位：亿元), a figure written with a scale
    # (103.8亿元) cannot be compared with the cell as written
    return unit_key(n.unit) in units if units else bool(n.unit) and not n.scale
