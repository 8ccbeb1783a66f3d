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
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from .. import rules as R
from ..background import Background
from ..display import fit, shorten
from ..findings import Finding, ReportResult, RunResult
from . import datadocs
from .escaping import html as escape
from .places import excerpt_marks

MARKER = ".reportcheck-html"
"""A file in every folder this module writes, listing the files written: only a folder holding exactly
those files (or an empty one) is ever replaced."""
_MARKER_HEADER = "written by reportcheck check --html; replaced by the next run. Files:"

_CSP = "default-src 'none'; style-src 'unsafe-inline'"
_RANK = {"error": 0, "warning": 1, "pass": 2}
# a line break of the source, as ingest counts lines (\r\n, \r or \n)
_LINE_BREAK = re.compile(r"\r\n?|\n")
# in the text of a PDF a form feed is a page break (see reportcheck.ingest.pdf), and ends a line too
_PDF_BREAK = re.compile(r"\r\n?|\n|\f")


class OutputError(Exception):
    """The HTML report cannot be written where asked; the message says why."""


def write(result: RunResult, out: str | os.PathLike, inputs=()) -> Path:
    """Write the HTML report of ``result`` to the folder ``out``; returns its index page.

    A report page shows the report's text: the one kept in the result (``run(..., keep_source=True)``),
    else the file read again, one report at a time (a run over many reports never holds every text).
    An existing ``out`` is replaced only if it is empty or exactly what an earlier HTML report wrote
    (the files its marker lists, no more, no fewer, no link), never when it holds one of ``inputs``
    (the reports and files the run read or writes) or a report of ``result``, and only once the new
    one is complete.
    """
    return start(result, out, inputs).finish()


def start(result: RunResult, out: str | os.PathLike, inputs=()) -> Pending:
    """Begin :func:`write`: the GX Data Docs are built in a forked process meanwhile (on Linux), so
    that whatever the caller does before :meth:`Pending.finish` (the other outputs) and the report
    pages take no time of their own. Raises OutputError when ``out`` may not be replaced."""
    out = Path(os.path.abspath(out))  # a name to set aside even for "." or "x/.."
    if os.path.lexists(out):
        _check_replaceable(out, [*inputs, *(r.path for r in result.reports)])
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


def _check_replaceable(out: Path, inputs) -> None:
    """OutputError unless ``out`` may be replaced (see :func:`write`)."""
    real = Path(os.path.realpath(out))
    for p in inputs:
        if p is None:
            continue
        for q in (Path(os.path.abspath(p)), Path(os.path.realpath(p))):
            if q.is_relative_to(out) or q.is_relative_to(real):
                raise OutputError(f"{out}: holds {p}, an input of this run; not replacing it")
    if not _replaceable(out):
        raise OutputError(f"{out}: exists and is not exactly an earlier reportcheck HTML report "
                          f"(only the files its {MARKER} lists); not replacing it")


def _replaceable(out: Path) -> bool:
    """Whether ``out`` is an empty folder or holds exactly the files its marker lists (no link)."""
    if out.is_symlink() or not out.is_dir():
        return False
    files = _files(out)
    if files is None:
        return False
    if not files:
        return True
    marker = out / MARKER
    if MARKER not in files:
        return False
    from ..fileio import FileProblem, read_regular

    try:
        lines = read_regular(marker, 16 * 2**20, "marker").decode("utf-8").splitlines()
    except (OSError, FileProblem, UnicodeDecodeError):
        return False
    return bool(lines) and lines[0] == _MARKER_HEADER and set(lines[1:]) | {MARKER} == files


def _files(root: Path) -> set[str] | None:
    """The files under ``root`` (relative, with /); None if it holds a link or anything but files and
    folders."""
    out: set[str] = set()
    for d, dirs, names in os.walk(root):
        for name in dirs + names:
            p = os.path.join(d, name)
            if os.path.islink(p) or not (os.path.isdir(p) or os.path.isfile(p)):
                return None
        out.update(Path(d, n).relative_to(root).as_posix() for n in names)
    return out


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
    _link_gx_rows(root / "gx", built.validation_pages.values(),
                  {result.reports[i].path: page for i, page in pages.items()}, root)
    urls = {token + table: escape(f"../gx/{page}") for table, page in built.validation_pages.items()}
    fill = re.compile(re.escape(token) + r"[A-Za-z0-9_]+")
    for path, text in linked:
        path.write_text(fill.sub(lambda m: urls.get(m.group(0), "../gx/index.html"), text), encoding="utf-8")
    listing = sorted(_files(root) or ())
    (root / MARKER).write_text("\n".join([_MARKER_HEADER, *listing]) + "\n", encoding="utf-8")


# a failing row in a GX validation page: its report cell, then its line cell (the columns named by
# unexpected_index_column_names: id, report, line, excerpt)
_GX_ROW = re.compile(r'(<td id="[^"]*" ><div class="show-scrollbars">)([^<]+)(</div></td>'
                     r'<td id="[^"]*" ><div class="show-scrollbars">)(\d+)(</div></td>)')


def _link_gx_rows(site: Path, validation_pages, report_pages: dict[str, str], root: Path) -> None:
    """In GX's validation pages, the report and line of each failing row link to that line on the
    report's page."""
    by_text = {escape(path): page for path, page in report_pages.items()}  # as datadocs escaped them
    for rel in validation_pages:
        page = site / rel
        if not page.is_file():
            continue
        up = os.path.relpath(root, page.parent).replace(os.sep, "/")

        def link(m: re.Match, up: str = up) -> str:
            target = by_text.get(m.group(2))
            if target is None:
                return m.group(0)
            href = escape(f"{up}/{target}#L{m.group(4)}")
            return (f'{m.group(1)}<a href="{href}">{m.group(2)}</a>{m.group(3)}'
                    f'<a href="{href}">{m.group(4)}</a>{m.group(5)}')

        text = page.read_text(encoding="utf-8")
        page.write_text(_GX_ROW.sub(link, text), encoding="utf-8")


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


# the index lists failed reports first, then unreadable ones, then those that passed
_STATUS_ORDER = {"failed": 0, "error": 1, "passed": 2}


def render_index(result: RunResult, pages: dict[int, str], gx_index: str) -> str:
    """The index page: the summary, charts of the findings per rule and per report (inline SVG), every
    report with its status and counts (failed first), and a table of every finding linked to its place;
    ``pages`` maps report number to page."""
    s = result.summary()
    order = sorted(range(len(result.reports)),
                   key=lambda i: (_STATUS_ORDER.get(result.reports[i].status, 3), -result.reports[i].errors,
                                  -result.reports[i].warnings))
    rows = []
    for i in order:
        rr = result.reports[i]
        name = escape(rr.path)
        status = f'<span class="status {rr.status}">{rr.status}</span>'
        if rr.status == "error":
            rows.append(f'<tr class="error"><td class="path">{name}</td><td>{status}</td>'
                        f'<td class="message" colspan="3">{escape(rr.error or "")}</td></tr>')
        else:
            rows.append(f'<tr class="{rr.status}"><td class="path"><a href="{escape(pages[i])}">{name}</a></td>'
                        f'<td>{status}</td><td class="n">{rr.errors}</td><td class="n">{rr.warnings}</td>'
                        f'<td class="n">{len(rr.verified)}</td></tr>')
    suppressed = f", {s['suppressed']} suppressed" if s.get("suppressed") else ""
    body = (f"<h1>reportcheck</h1>\n"
            f'<p class="summary">{s["reports"]} report(s): {s["passed"]} passed, {s["failed"]} failed, '
            f'{s["error"]} unreadable; {_counts(s["errors"], s["warnings"], s["verified"])}{suppressed}.</p>\n'
            + _charts(result, pages) +
            '<h2 id="reports">Reports</h2>\n<div class="wide"><table class="reports">\n<thead><tr><th>report</th>'
            "<th>status</th><th>errors</th><th>warnings</th><th>verified</th></tr></thead>\n<tbody>\n"
            + "\n".join(rows) + "\n</tbody>\n</table></div>\n" + _findings_table(result, pages, order) +
            f'<p class="links"><a href="{gx_index}">Great Expectations Data Docs</a>: the validation of the fact '
            f"tables behind these findings.</p>\n")
    return _page("reportcheck", body)


def _findings_table(result: RunResult, pages: dict[int, str], order: list[int]) -> str:
    """Every finding: rule, report, line and message, each linked to the finding on its report page."""
    rows = []
    for i in order:
        rr = result.reports[i]
        if rr.status == "error":
            continue
        for k, f in enumerate(rr.findings, 1):
            href = escape(f"{pages[i]}#finding-{k}")
            rows.append(f'<tr class="{f.severity}"><td><span class="rule">{escape(f.rule)}</span> '
                        f'<span class="sev">{f.severity}</span></td><td class="path">{escape(rr.path)}</td>'
                        f'<td class="n"><a href="{href}">{f.line}</a></td>'
                        f'<td class="message"><a href="{href}">{escape(f.message)}</a></td></tr>')
    if not rows:
        return '<h2 id="findings">Findings (0)</h2>\n<p>No contradiction found.</p>\n'
    return (f'<h2 id="findings">Findings ({len(rows)})</h2>\n<div class="wide"><table class="findings">\n'
            "<thead><tr><th>rule</th><th>report</th><th>line</th><th>message</th></tr></thead>\n<tbody>\n"
            + "\n".join(rows) + "\n</tbody>\n</table></div>\n")


_CHART_BARS = 12  # reports shown in the chart of findings per report (the most findings first)


def _charts(result: RunResult, pages: dict[int, str]) -> str:
    """Findings per rule and per report, as inline SVG bar charts (no script, nothing loaded)."""
    per_rule: dict[str, list[int]] = {}
    per_report = []
    for i, rr in enumerate(result.reports):
        for f in rr.findings:
            per_rule.setdefault(f.rule, [0, 0])[f.severity != "error"] += 1
        if rr.findings and i in pages:
            per_report.append((rr.errors, rr.warnings, rr.path, pages[i]))
    if not per_rule:
        return ""
    rules = [(rid, *n, rid + (f" {r.slug}" if (r := R.get(rid)) else ""), "#findings")
             for rid, n in sorted(per_rule.items(), key=lambda kv: (-sum(kv[1]), kv[0]))]
    rules = [(label, e, w, href) for _, e, w, label, href in rules]
    per_report.sort(key=lambda x: (-x[0] - x[1], x[2]))
    reports = [(Path(p).name, e, w, f"{page}#findings") for e, w, p, page in per_report[:_CHART_BARS]]
    more = len(per_report) - len(reports)
    caption = f"Findings per report ({more} more not shown)" if more > 0 else "Findings per report"
    return ('<div class="charts">\n' + _bar_chart("Findings per rule", rules) +
            _bar_chart(caption, reports) + "</div>\n")


def _bar_chart(title: str, bars: list[tuple[str, int, int, str]]) -> str:
    """A horizontal bar chart: per bar a label, errors (red) and warnings (amber) stacked, a link."""
    label_w, bar_w, row_h, width = 190, 170, 22, 400
    top = max(e + w for _, e, w, _ in bars) or 1
    rows = []
    for k, (label, e, w, href) in enumerate(bars):
        y = k * row_h
        shown = fit(label, 26)
        we, ww = bar_w * e / top, bar_w * w / top
        rows.append(f'<a href="{escape(href)}"><title>{escape(label)}: {e} error(s), {w} warning(s)</title>'
                    f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">{escape(shown)}</text>'
                    f'<rect class="e" x="{label_w}" y="{y + 4}" width="{we:.1f}" height="{row_h - 8}"/>'
                    f'<rect class="w" x="{label_w + we:.1f}" y="{y + 4}" width="{ww:.1f}" height="{row_h - 8}"/>'
                    f'<text x="{label_w + we + ww + 4:.1f}" y="{y + 15}">{e + w}</text></a>')
    height = row_h * len(bars)
    return (f'<figure class="chart"><figcaption>{escape(title)}</figcaption>\n'
            f'<svg role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}">'
            f"<title>{escape(title)}</title>" + "".join(rows) + "</svg></figure>\n")


def render_report(rr: ReportResult, gx_pages: dict[str, str] | None = None, source: str | None = None) -> str:
    """The page of one report: its findings first (each with its numbers marked in its sentence, its
    arithmetic, every place it rests on, and links to the previous and next), then the text with the
    numbers marked, then the verified relations folded by rule; ``gx_pages`` maps a fact table to its
    Data Docs validation page, and ``source`` is the report's text (default: the one kept in ``rr``)."""
    gx_pages = gx_pages or {}
    source = rr.source if source is None else source
    suppressed = f", {len(rr.suppressed)} suppressed" if rr.suppressed else ""
    head = ('<nav><a href="../index.html">all reports</a> · <a href="#text">text</a> · '
            '<a href="#verified">verified</a> · <a href="../gx/index.html">Great Expectations Data Docs</a></nav>\n'
            f"<h1>{escape(rr.path)}</h1>\n"
            f'<p class="summary"><span class="status {rr.status}">{rr.status}</span> '
            f"{_counts(rr.errors, rr.warnings, len(rr.verified))}{suppressed}</p>\n"
            f'<section id="findings">\n<h2>Findings ({len(rr.findings)})</h2>\n')
    parts = [head]
    if rr.findings:
        parts.append('<ol class="findings">\n')
        parts += [_finding(i, f, gx_pages, len(rr.findings)) for i, f in enumerate(rr.findings, 1)]
        parts.append("</ol>\n")
    else:
        parts.append("<p>No contradiction found.</p>\n")
    if rr.suppressed:
        parts.append(f'<details class="suppressed"><summary>Suppressed ({len(rr.suppressed)})</summary>\n<ul>\n')
        parts += [f'<li><span class="rule">{escape(f.rule)}</span> <a href="#L{f.line}">{f.line}:{f.column}</a> '
                  f"{escape(f.message)} <span class=\"why\">({escape(f.suppressed_by)})</span></li>\n"
                  for f in rr.suppressed]
        parts.append("</ul></details>\n")
    parts.append('</section>\n<section id="text">\n<h2>Text</h2>\n')
    if source is None:
        parts.append("<p>The text could not be read for this page.</p>\n")
    else:
        pdf = rr.path.lower().endswith(".pdf")
        parts.append(f'<div class="source">\n{_text_html(source, rr.findings, rr.verified, pdf)}</div>\n')
    parts.append(f'</section>\n<section id="verified">\n<h2>Verified relations ({len(rr.verified)})</h2>\n')
    by_rule: dict[str, list[tuple[int, Finding]]] = {}
    for i, v in enumerate(rr.verified, 1):
        by_rule.setdefault(v.rule, []).append((i, v))
    for rule_id in sorted(by_rule):
        rule = R.get(rule_id)
        items = by_rule[rule_id]
        parts.append(f'<details class="verified"><summary><span class="ok">✓</span> <span class="rule">'
                     f'{escape(rule_id)}</span> {escape(rule.name if rule else "")} ({len(items)})</summary>\n'
                     '<ul class="verified">\n')
        parts += [f'<li class="verified" id="verified-{i}"><span class="ok">✓</span> <span class="rule">'
                  f'{escape(v.rule)}</span> <a href="#at-v{i}">{_at(v)}</a> '
                  f'<code class="arith">{escape(v.arithmetic)}</code></li>\n' for i, v in items]
        parts.append("</ul></details>\n")
    parts.append("</section>\n")
    return _page(f"reportcheck: {rr.path}", "".join(parts))


def _marked_excerpt(f: Finding) -> str:
    """The finding's sentence with its numbers marked."""
    spans, _ = excerpt_marks(f)
    out, k = [], 0
    for a, b in spans:
        out.append(escape(f.excerpt[k:a]))
        out.append(f'<mark class="{f.severity}">{escape(f.excerpt[a:b])}</mark>')
        k = b
    out.append(escape(f.excerpt[k:]))
    return "".join(out)


def _places(f: Finding) -> str:
    """Every place the finding rests on, with its role and a link to its line."""
    items = []
    for e in f.evidence:
        short = shorten(e.get("text") or "", 40)
        where = (f'<a href="#L{e["line"]}">{e["line"]}:{e["column"]}</a>' if e.get("line") else "")
        items.append(f'<li><span class="role">{escape(e.get("role", ""))}</span> '
                     f"<q>{escape(short)}</q> {where}</li>")
    return f'<ul class="places">{"".join(items)}</ul>\n' if items else ""


def _finding(i: int, f: Finding, gx_pages: dict[str, str], total: int = 0) -> str:
    rule = R.get(f.rule)
    gx = gx_pages.get(rule.table) if rule else None
    link = (f' · <a href="{escape(gx)}">GX validation of table {escape(rule.table)}</a>' if gx else "")
    prev = f'<a href="#finding-{i - 1}">← previous</a>' if i > 1 else '<span class="off">← previous</span>'
    nxt = f'<a href="#finding-{i + 1}">next →</a>' if i < total else '<span class="off">next →</span>'
    slug = f" {escape(rule.slug)}" if rule else ""
    return (f'<li class="finding {f.severity}" id="finding-{i}">\n'
            f'<p class="head"><span class="sev">{f.severity}</span> <span class="rule">{escape(f.rule)}</span>'
            f'{slug} · <a href="#at-f{i}">{_at(f, long=True)}</a></p>\n'
            f'<p class="message">{escape(f.message)}</p>\n'
            f'<p><code class="arith">{escape(f.arithmetic)}</code></p>\n'
            f'<p class="excerpt">{_marked_excerpt(f)}</p>\n{_places(f)}'
            f'<p class="links">{escape(rule.name) if rule else ""}: <code>reportcheck rules {escape(f.rule)}</code>'
            f'{link}</p>\n<p class="step">{prev} · {nxt}</p>\n</li>\n')


def _at(f: Finding, long: bool = False) -> str:
    """Where a finding is: line and column, and the page in a PDF."""
    where = f"line {f.line}, column {f.column}" if long else f"{f.line}:{f.column}"
    return where if f.page is None else f"page {f.page}, {where}"


def _spans(f: Finding) -> list[tuple[int, int]]:
    """What to mark in the text: the finding's evidence, or its whole span when it has none; for a
    verified relation only its numbers (never a whole sentence)."""
    spans = [(e["start"], e["end"]) for e in f.evidence if e.get("end", 0) > e.get("start", 0)]
    if spans or f.severity == "pass":
        return spans
    return [(f.start, f.end)]


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
    tie). Every finding and relation gets an empty anchor (``at-f1``, ``at-v1``) where it starts (its line
    and column).
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
            anchors.setdefault(max(0, min(f.start, n)), []).append(f"at-{kind}{i}")  # where line:col points
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
