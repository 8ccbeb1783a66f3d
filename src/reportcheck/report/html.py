"""HTML output (``check --html DIR``): an index of the reports, a page per report, the GX Data Docs.

``DIR/index.html`` lists every report with its status and counts (an unreadable one with its error);
``DIR/reports/*.html`` shows a report's full text with the evidence marked, each finding with its
arithmetic and each verified relation with ✓; ``DIR/gx/`` holds GX's Data Docs of the run, made to work
offline (see :mod:`.datadocs`).

The report pages have no script and load nothing: styles are inline and a Content-Security-Policy
forbids scripts and loads, on top of escaping everything that comes from a report. The folder is
written next to DIR and renamed into place when complete, so DIR is either the old report or the new
one, never half of one.
"""

from __future__ import annotations

import os
import re
import shutil
import uuid
from functools import cache
from html import escape
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from .. import rules as R
from ..background import Background
from ..findings import Finding, ReportResult, RunResult
from . import datadocs

MARKER = ".reportcheck-html"
"""A file in every folder this module writes: only such a folder (or an empty one) is ever replaced."""

_CSP = "default-src 'none'; style-src 'unsafe-inline'"
_RANK = {"error": 0, "warning": 1, "pass": 2}
# a line break of the source, as ingest counts lines (\r\n, \r or \n)
_LINE_BREAK = re.compile(r"\r\n?|\n")
# in the text of a PDF a form feed is a page break (see reportcheck.ingest_pdf), and ends a line too
_PDF_BREAK = re.compile(r"\r\n?|\n|\f")


class OutputError(Exception):
    """The HTML report cannot be written where asked; the message says why."""


def write(result: RunResult, out: str | os.PathLike) -> Path:
    """Write the HTML report of ``result`` to the folder ``out``; returns its index page.

    A report page shows the report's text: the one kept in the result (``run(..., keep_source=True)``),
    else the file read again, one report at a time (a run over many reports never holds every text).
    An existing ``out`` is replaced only if it is empty or an earlier HTML report, and only once the new
    one is complete.
    """
    return start(result, out).finish()


def start(result: RunResult, out: str | os.PathLike) -> Pending:
    """Begin :func:`write`: the GX Data Docs are built in a forked process meanwhile (on Linux), so
    that whatever the caller does before :meth:`Pending.finish` (the other outputs) and the report
    pages take no time of their own. Raises OutputError when ``out`` may not be replaced."""
    out = Path(os.path.abspath(out))  # a name to set aside even for "." or "x/.."
    if out.exists() and not _replaceable(out):
        raise OutputError(f"{out}: exists and is not a reportcheck HTML report; not replacing it")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = _aside(out, "tmp")
    tmp.mkdir()  # not mkdtemp: the report gets the user's usual permissions
    try:
        site = Background(lambda: datadocs.build(result.validations, result.suites, tmp / "gx"),
                          what="building the GX Data Docs", error=OutputError)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return Pending(result, out, tmp, site)


class Pending:
    """An HTML report being written (see :func:`start`); :meth:`finish` completes it, :meth:`cancel`
    drops it."""

    def __init__(self, result: RunResult, out: Path, tmp: Path, site: Background):
        self.result, self.out, self.tmp, self.site = result, out, tmp, site

    def finish(self) -> Path:
        try:
            _write_tree(self.result, self.tmp, self.site)
            _swap(self.tmp, self.out)
        except BaseException:
            self.cancel()
            raise
        return self.out / "index.html"

    def cancel(self) -> None:
        self.site.cancel()
        shutil.rmtree(self.tmp, ignore_errors=True)


def _aside(out: Path, what: str) -> Path:
    """A new hidden name next to ``out`` (same file system, so renames are atomic)."""
    return out.with_name(f".{out.name}.{what}-{uuid.uuid4().hex[:12]}")


def _replaceable(out: Path) -> bool:
    return out.is_dir() and not out.is_symlink() and ((out / MARKER).is_file() or not any(out.iterdir()))


def _swap(new: Path, out: Path) -> None:
    """Rename ``new`` to ``out``, the old ``out`` first set aside and removed only after."""
    if not out.exists():
        new.rename(out)
        return
    old = _aside(out, "old")
    out.rename(old)
    try:
        new.rename(out)
    except BaseException:
        old.rename(out)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _write_tree(result: RunResult, root: Path, site: Background) -> None:
    # the report pages link to the Data Docs page of a table, which is known only once the site is
    # built: until then a page holds a placeholder no report text can contain (it is escaped, and the
    # token is new); the pages with one (those with findings) are written when the site is done
    token = f"reportcheck-gx-page-{uuid.uuid4().hex}-"
    placeholders = {table: token + table for table in datadocs.tables(result.validations)}
    (root / "reports").mkdir()
    pages: dict[int, str] = {}
    linked: list[tuple[Path, str]] = []
    for i, rr in enumerate(result.reports):
        if rr.status == "error":
            continue
        pages[i] = f"reports/{i + 1:03d}_{_slug(rr.path)}.html"
        text = render_report(rr, placeholders, _source(rr))
        if token in text:
            linked.append((root / pages[i], text))
        else:
            (root / pages[i]).write_text(text, encoding="utf-8")
    (root / "index.html").write_text(render_index(result, pages, "gx/index.html"), encoding="utf-8")
    built = site.result()
    urls = {token + table: escape(f"../gx/{page}") for table, page in built.validation_pages.items()}
    fill = re.compile(re.escape(token) + r"[A-Za-z0-9_]+")
    for path, text in linked:
        path.write_text(fill.sub(lambda m: urls.get(m.group(0), "../gx/index.html"), text), encoding="utf-8")
    (root / MARKER).write_text("written by reportcheck check --html; replaced by the next run\n", encoding="utf-8")


def _source(rr: ReportResult) -> str | None:
    """The report's decoded text: kept in the result, else read again (None when it cannot be)."""
    if rr.source is not None:
        return rr.source
    from ..ingest import IngestError, read_source

    try:
        return read_source(rr.path)
    except IngestError:
        return None


def _slug(path: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", Path(path).stem).strip("_.")[:60] or "report"


@cache
def _css() -> str:
    return (resources.files(__package__) / "html.css").read_text(encoding="utf-8")


def _page(title: str, body: str) -> str:
    css = _css()
    return (f'<!DOCTYPE html>\n<html lang="zh">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="generator" content="reportcheck">\n'
            f"<title>{escape(title)}</title>\n<style>\n{css}</style>\n</head>\n<body>\n{body}</body>\n</html>\n")


def _counts(errors: int, warnings: int, verified: int) -> str:
    return f"{errors} error(s), {warnings} warning(s), {verified} relation(s) verified"


def render_index(result: RunResult, pages: dict[int, str], gx_index: str) -> str:
    """The index page: every report with its status and counts; ``pages`` maps report number to page."""
    s = result.summary()
    rows = []
    for i, rr in enumerate(result.reports):
        name = escape(rr.path)
        status = f'<span class="status {rr.status}">{rr.status}</span>'
        if rr.status == "error":
            rows.append(f'<tr class="error"><td>{name}</td><td>{status}</td>'
                        f'<td class="message" colspan="3">{escape(rr.error or "")}</td></tr>')
        else:
            rows.append(f'<tr class="{rr.status}"><td><a href="{escape(pages[i])}">{name}</a></td><td>{status}</td>'
                        f'<td class="n">{rr.errors}</td><td class="n">{rr.warnings}</td>'
                        f'<td class="n">{len(rr.verified)}</td></tr>')
    body = (f"<h1>reportcheck</h1>\n"
            f'<p class="summary">{s["reports"]} report(s): {s["passed"]} passed, {s["failed"]} failed, '
            f'{s["error"]} unreadable; {_counts(s["errors"], s["warnings"], s["verified"])}.</p>\n'
            f'<p><a href="{gx_index}">Great Expectations Data Docs</a>: the validation of the fact tables '
            f"behind these findings.</p>\n"
            f'<table class="reports">\n<thead><tr><th>report</th><th>status</th><th>errors</th>'
            f"<th>warnings</th><th>verified</th></tr></thead>\n<tbody>\n" + "\n".join(rows) +
            "\n</tbody>\n</table>\n")
    return _page("reportcheck", body)


def render_report(rr: ReportResult, gx_pages: dict[str, str] | None = None, source: str | None = None) -> str:
    """The page of one report; ``gx_pages`` maps a fact table to its Data Docs validation page, and
    ``source`` is the report's text (default: the one kept in ``rr``)."""
    gx_pages = gx_pages or {}
    source = rr.source if source is None else source
    head = ('<nav><a href="../index.html">all reports</a> · '
            '<a href="../gx/index.html">Great Expectations Data Docs</a></nav>\n'
            f"<h1>{escape(rr.path)}</h1>\n"
            f'<p class="summary"><span class="status {rr.status}">{rr.status}</span> '
            f"{_counts(rr.errors, rr.warnings, len(rr.verified))}</p>\n"
            f'<section id="findings">\n<h2>Findings ({len(rr.findings)})</h2>\n')
    parts = [head]
    if rr.findings:
        parts.append('<ol class="findings">\n')
        parts += [_finding(i, f, gx_pages) for i, f in enumerate(rr.findings, 1)]
        parts.append("</ol>\n")
    else:
        parts.append("<p>No contradiction found.</p>\n")
    parts.append(f'</section>\n<section id="verified">\n<h2>Verified relations ({len(rr.verified)})</h2>\n')
    if rr.verified:
        parts.append('<ul class="verified">\n')
        parts += [f'<li class="verified" id="verified-{i}"><span class="ok">✓</span> <span class="rule">{escape(v.rule)}</span> '
                  f'<a href="#at-v{i}">{_at(v)}</a> <code class="arith">{escape(v.arithmetic)}</code></li>\n'
                  for i, v in enumerate(rr.verified, 1)]
        parts.append("</ul>\n")
    parts.append('</section>\n<section id="text">\n<h2>Text</h2>\n')
    if source is None:
        parts.append("<p>The text could not be read for this page.</p>\n")
    else:
        pdf = rr.path.lower().endswith(".pdf")
        parts.append(f'<div class="source">\n{_text_html(source, rr.findings, rr.verified, pdf)}</div>\n')
    parts.append("</section>\n")
    return _page(f"reportcheck: {rr.path}", "".join(parts))


def _finding(i: int, f: Finding, gx_pages: dict[str, str]) -> str:
    rule = R.get(f.rule)
    gx = gx_pages.get(rule.table) if rule else None
    link = (f'<p class="links"><a href="{escape(gx)}">GX validation of table {escape(rule.table)}</a></p>\n'
            if gx else "")
    return (f'<li class="finding {f.severity}" id="finding-{i}">\n'
            f'<p><span class="sev">{f.severity}</span> <span class="rule">{escape(f.rule)}</span> '
            f'{escape(f.name)} · <a href="#at-f{i}">{_at(f, long=True)}</a></p>\n'
            f'<p class="message">{escape(f.message)}</p>\n'
            f'<p><code class="arith">{escape(f.arithmetic)}</code></p>\n'
            f'<p class="excerpt">{escape(f.excerpt)}</p>\n{link}</li>\n')


def _at(f: Finding, long: bool = False) -> str:
    """Where a finding is: line and column, and the page in a PDF."""
    where = f"line {f.line}, column {f.column}" if long else f"{f.line}:{f.column}"
    return where if f.page is None else f"page {f.page}, {where}"


def _spans(f: Finding) -> list[tuple[int, int]]:
    """What to mark for a finding: its evidence, or its whole span when it has none."""
    return [(e["start"], e["end"]) for e in f.evidence if e.get("end", 0) > e.get("start", 0)] or [(f.start, f.end)]


class _Mark(NamedTuple):
    """A marked span of the text: ``severity`` is its class, ``href`` the finding or relation it shows."""

    rank: int
    start: int
    end: int
    severity: str
    title: str
    href: str


def _text_html(text: str, findings: list[Finding], verified: list[Finding], pdf: bool = False) -> str:
    """The source, one numbered line per row, the evidence of findings and verified relations marked.

    The text of a PDF (``pdf``) is shown page by page: each page opens with its number (``id="page-N"``).

    Marks may overlap: each piece of text shows the most severe mark covering it (the first listed on a
    tie). Every finding and relation gets an empty anchor (``at-f1``, ``at-v1``) where its evidence starts.
    """
    n = len(text)
    marks: list[_Mark] = []
    anchors: dict[int, list[str]] = {}
    for kind, items in (("f", findings), ("v", verified)):
        for i, f in enumerate(items, 1):
            spans = [(max(0, min(s, n)), max(0, min(e, n))) for s, e in _spans(f)]
            if kind == "v":
                title, href = f"{f.rule} ✓ {f.arithmetic}", f"#verified-{i}"
            else:
                title, href = f"{f.rule} {f.severity}: {f.message}", f"#finding-{i}"
            rank = _RANK.get(f.severity, len(_RANK))
            marks += [_Mark(rank, s, e, f.severity, title, href) for s, e in spans if s < e]
            anchors.setdefault(min(s for s, _ in spans), []).append(f"at-{kind}{i}")
    opens: dict[int, list[int]] = {}
    closes: dict[int, list[int]] = {}
    for k, m in enumerate(marks):
        opens.setdefault(m.start, []).append(k)
        closes.setdefault(m.end, []).append(k)
    breaks = {m.start(): m.end() for m in (_PDF_BREAK if pdf else _LINE_BREAK).finditer(text)}
    cuts = sorted({0, n, *opens, *closes, *anchors, *breaks, *breaks.values()})
    line = page = 1
    out = [_page_head(page) if pdf else "", _line_open(line)]
    active: set[int] = set()  # the marks covering the current piece
    skip_to = 0  # the end of a line break being passed
    for a, b in zip(cuts, cuts[1:] + [n]):
        active.difference_update(closes.get(a, ()))
        active.update(opens.get(a, ()))
        out += [f'<span class="anchor" id="{x}"></span>' for x in anchors.get(a, ())]
        if a in breaks:
            line += 1
            out.append("</span></div>\n")
            if pdf and text[a] == "\f":
                page += 1
                out.append(_page_head(page))
            out.append(_line_open(line))
            skip_to = breaks[a]
        if a < skip_to or a >= b:
            continue
        piece = escape(text[a:b])
        if active:
            m = marks[min(active, key=lambda k: (marks[k].rank, k))]
            piece = f'<mark class="{m.severity}" title="{escape(m.title)}"><a href="{m.href}">{piece}</a></mark>'
        out.append(piece)
    out.append("</span></div>\n")
    return "".join(out)


def _page_head(page: int) -> str:
    return f'<div class="page" id="page-{page}">page {page}</div>\n'


def _line_open(line: int) -> str:
    return f'<div class="line" id="L{line}"><span class="ln">{line}</span><span class="tx">'
