"""``reportcheck explain FILE``: the report sentence by sentence, with the quantities read in it and the
relations found and checked there, for a user who doubts a verdict.

Each sentence holding a quantity or a relation is printed with its line and column, then one line per
quantity (its text, interval, unit, counted noun and role cues), then one line per relation that starts
in the sentence: ``✓`` verified, ``✗`` error, ``?`` warning, with the rule and the arithmetic. A table
whose shape cannot be read (merged cells, rows of different lengths) is named: it gives no table checks.
"""

from __future__ import annotations

import bisect
import math
import os

from ..extract.text import TextIndex
from ..factsheet import extract_document
from ..findings import Finding
from ..ingest import load
from ..pipeline import run
from .escaping import printable

MARK = {"pass": "✓", "error": "✗", "warning": "?"}


def _interval(lo: float, hi: float) -> str:
    def num(v: float) -> str:
        if math.isinf(v):
            return "∞"
        return f"{v:.10g}"

    return num(lo) if lo == hi else f"[{num(lo)}, {num(hi)}]"


def explain(path: str | os.PathLike, checks: str | os.PathLike | None = None, config=None) -> str:
    """The explain view of one report as text (raises IngestError / SuiteError like ``check``)."""
    doc = load(path)
    result = run([path], checks=checks, config=config).reports[0]
    sheet = extract_document(doc)
    findings: list[Finding] = result.findings + result.verified
    index = TextIndex(doc.text)
    sentences = [(doc.source_span(s.start, s.end), s) for s in index.sentences]
    starts = [span[0] for span, _ in sentences]

    def sentence_of(source_offset: int) -> int:
        return max(0, bisect.bisect_right(starts, source_offset) - 1)

    mentions: dict[int, list[dict]] = {}
    for row in sheet.tables["mentions"].to_dict("records"):
        mentions.setdefault(sentence_of(int(row["start"])), []).append(row)
    relations: dict[int, list[Finding]] = {}
    for f in findings:
        relations.setdefault(sentence_of(f.start), []).append(f)

    out = [(f"{doc.path} ({doc.encoding}): {len(sheet.tables['mentions'])} quantities, "
           f"{len(result.verified)} relations verified, {result.errors} error(s), {result.warnings} warning(s)")]
    for offset, problem in sheet.table_problems:  # a table read wrong would give wrong checks: none are made
        line, col = doc.line_col(offset)
        out.append(f"{line}:{col}  table not read ({problem}): no table checks")
    for k, ((s, _e), span) in enumerate(sentences):
        ms, fs = mentions.get(k, []), relations.get(k, [])
        if not ms and not fs:
            continue
        line, col = doc.line_col(s)
        page = f"page {doc.page(s)}, " if doc.is_pdf else ""
        out.append("")
        out.append(f"{page}{line}:{col}  {doc.text[span.start:span.end].strip()}")
        for m in ms:
            roles = ",".join(sorted(r for r in str(m.get("roles") or "").split(",") if r))
            noun = f" {m['noun']}" if m.get("noun") else ""
            out.append(f"    · {m['raw']:<12} {_interval(m['low'], m['high'])} {m['unit'] or ''}{noun}"
                       + (f"  [{roles}]" if roles else ""))
        for f in sorted(fs, key=lambda f: (f.start, f.rule)):
            sure = "" if f.certain or f.severity == "pass" else " (unsure link)"
            out.append(f"    {MARK[f.severity]} {f.rule} {f.arithmetic}{sure}")
    return "\n".join(printable(line) for line in out) + "\n"
