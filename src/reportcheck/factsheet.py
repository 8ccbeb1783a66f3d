"""Fact sheet: the extraction stage's output, one pandas table per kind of fact, with provenance.

:func:`extract_document` runs every extractor on one ingested report and maps every span from the
normalised text back to the source file (character offsets, line, column, raw text), so every row and
every member of a row points at the report's real text.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Collection
from typing import TYPE_CHECKING

from . import schema as S
from .extract.dates import extract_dates
from .extract.enumerations import extract_enumerations
from .extract.mentions import extract_mentions, unit_key
from .extract.relations import extract_relations
from .extract.respectively import extract_respectively
from .extract.sequences import extract_sequences
from .extract.tables import extract_tables, restatements
from .extract.text import TextIndex
from .ingest import Document
from .numbers import scan

if TYPE_CHECKING:
    import pandas as pd


class FactSheet:
    """All fact tables of one or more reports (``tables[name]`` is a DataFrame).

    A sheet fresh from :func:`extract_document` holds its rows as plain dicts and makes its DataFrames
    on first use of ``tables``: a worker process sends the rows back as they are, and :meth:`concat`
    makes one DataFrame per table for the whole run instead of one per report and table (pandas'
    fixed cost per DataFrame was a sixth of extraction time).
    """

    def __init__(self, tables: dict[str, pd.DataFrame] | None = None,
                 rows: dict[str, list[dict]] | None = None):
        self._tables = dict(tables or {})
        self._rows = dict(rows or {})  # tables not made yet: name -> rows
        self.notices: list[str] = []  # what a reader should know about the report (one line each)
        self.errors: list[str] = []  # reports that could not be read, one line each (reportcheck.extract)
        self.reports: list[str] = []  # the reports read into the sheet, as given (reportcheck.extract)
        # tables of the report whose shape cannot be read, so they give no rows: (source offset, why); only
        # on the sheet of one report, from extract_document
        self.table_problems: list[tuple[int, str]] = []

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        if self._rows:
            for name, rows in self._rows.items():
                self._tables[name] = _frame(name, rows)
            self._rows = {}
        return self._tables

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]

    def __repr__(self) -> str:
        sizes = {**{k: len(v) for k, v in self._tables.items()}, **{k: len(v) for k, v in self._rows.items()}}
        errors = f", {len(self.errors)} unreadable" if self.errors else ""
        return f"FactSheet({sizes}{errors})"

    @classmethod
    def concat(cls, sheets: list[FactSheet]) -> FactSheet:
        import pandas as pd

        out = {}
        for name in S.TABLES:
            rows = [r for s in sheets if not s._tables for r in s._rows.get(name, ())]
            frames = [s.tables[name] for s in sheets if s._tables and name in s.tables and len(s.tables[name])]
            if rows:
                frames.insert(0, _frame(name, rows))
            if rows and len(frames) == 1:
                df = frames[0]  # made just now
            else:
                df = pd.concat(frames, ignore_index=True) if frames else empty_table(name)
            # row ids are unique within a run (the validation stage reports rows by id)
            df[S.ID] = [f"{name}:{i}" for i in range(len(df))]
            out[name] = df
        return cls(out)


def empty_table(name: str) -> pd.DataFrame:
    """A table with no rows: every column of ``name``, of dtype object."""
    import pandas as pd

    if name not in _EMPTY:  # built once per table: most reports have several empty tables
        _EMPTY[name] = pd.DataFrame({c: pd.Series(dtype="object") for c in S.PROVENANCE + S.TABLES[name]})
    return _EMPTY[name].copy()


_EMPTY: dict[str, pd.DataFrame] = {}


def prepare() -> None:
    """Load jieba's model and the domain dictionary now rather than on the first report (worker
    processes call it while they wait for their first file)."""
    from .extract import enumerations, mentions

    mentions.tokenizer()
    mentions._pos("")
    enumerations._posseg()


def _finite(v):
    if isinstance(v, float) and not math.isfinite(v):
        return None if math.isnan(v) else ("inf" if v > 0 else "-inf")
    return v


class _Mapper:
    """Maps normalised-text spans of one document to source provenance."""

    def __init__(self, doc: Document, index: TextIndex):
        self.doc = doc
        self.index = index

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.doc.source_span(start, max(end, start))

    def _place(self, s: int, e: int) -> tuple[int, int, int, int]:
        """Line, column, end line and end column (exclusive) of the source span [s, e)."""
        line, col = self.doc.line_col(s)
        eline, ecol = self.doc.line_col(max(s, e - 1))
        return line, col, eline, ecol + 1 if e > s else ecol

    def _provenance(self, s: int, e: int) -> dict:
        """The provenance columns of a row on the source span [s, e) but its excerpt and members."""
        line, col, eline, ecol = self._place(s, e)
        return {S.REPORT: self.doc.path, S.START: s, S.END: e, S.LINE: line, S.COLUMN: col, S.END_LINE: eline,
                S.END_COLUMN: ecol, S.RAW: self.doc.source[s:e], S.PAGE: self.doc.page(s)}

    def member(self, m: dict) -> dict:
        s, e = self.span(m["start"], m["end"])
        line, col, eline, ecol = self._place(s, e)
        out = {"role": m.get("role", ""), "start": s, "end": e, "text": self.doc.source[s:e], "line": line,
               "column": col, "end_line": eline, "end_column": ecol}
        if "value" in m:
            out["value"] = _finite(m["value"])
        return out

    def excerpt(self, start: int, end: int) -> str:
        """The sentence(s) holding a span, as plain normalised text."""
        s0 = self.index.sentence_at(start).start
        s1 = self.index.sentence_at(max(start, end - 1)).end
        return self.doc.text[s0:s1].strip()

    def row(self, base: dict, start: int, end: int, members: list[dict], certain: bool) -> dict:
        mem = [self.member(m) for m in members]
        row = {**self._provenance(*self.span(start, end)), S.EXCERPT: self.excerpt(start, end),
               S.MEMBERS: json.dumps(mem, ensure_ascii=False), S.CERTAIN: bool(certain)}
        row.update(base)
        return row

    def source_row(self, base: dict, s: int, e: int, members: list[dict], excerpt: str) -> dict:
        """A row whose span and members are already source spans (the table facts)."""
        src = self.doc.source
        mem = [{**m, "text": src[m["start"]:m["end"]], "value": _finite(m.get("value"))} for m in members]
        row = {**self._provenance(s, e), S.EXCERPT: excerpt, S.MEMBERS: json.dumps(mem, ensure_ascii=False),
               S.CERTAIN: True}
        row.update(base)
        return row


def _frame(name: str, rows: list[dict]) -> pd.DataFrame:
    import pandas as pd

    if not rows:
        return empty_table(name)
    columns = {}
    for c in S.PROVENANCE + S.TABLES[name]:
        values = [r.get(c) for r in rows]
        # whole numbers with some missing stay whole numbers (pandas would make them 1.0, 2.0 …)
        whole_or_none = None in values and all(v is None or (type(v) is int) for v in values)
        columns[c] = pd.Series(values, dtype=object) if whole_or_none else values
    df = pd.DataFrame(columns)
    df[S.ID] = [f"{name}:{i}" for i in range(len(df))]
    return df


def extract_document(doc: Document, tables: Collection[str] | None = None) -> FactSheet:
    """Run every extractor on one ingested document and return its fact sheet.

    ``tables`` limits the sheet to those tables (the pipeline builds only the ones its checks
    validate; the mentions table, the largest, is validated by none of the shipped checks).
    """
    text = doc.text
    index = TextIndex(text)
    numbers = scan(text)
    mentions = extract_mentions(text, index, numbers)
    markers, announced = extract_sequences(text)
    rel = extract_relations(text, index, mentions, markers)
    mp = _Mapper(doc, index)
    t: dict[str, list[dict]] = {k: [] for k in S.TABLES}
    table_problems: list[tuple[int, str]] = []

    for m in mentions if tables is None or "mentions" in tables else ():
        n = m.num
        t["mentions"].append(mp.row({"value": n.value, "low": n.low, "high": n.high, "kind": n.kind, "unit": n.unit,
                                     "scale": n.scale, "qualifier": n.qualifier, "noun": m.noun, "verb": m.verb,
                                     "roles": ",".join(sorted(m.roles)), "sentence": m.sentence, "clause": m.clause},
                                    n.start, n.end, [], True))
    for name, rows in (("breakdowns", rel.breakdowns), ("part_whole", rel.part_whole), ("repeats", rel.repeats),
                       ("rates", rel.rates), ("changes", rel.changes)):
        for r in rows:
            base = {k: v for k, v in r.items() if k in S.TABLES[name]}
            t[name].append(mp.row(base, r["start"], r["end"], r["members"], r["certain"]))

    for r in extract_dates(text, index, numbers):
        members = [{"role": r["role"], "start": r["start"], "end": r["end"]}]
        if r["start_start"] >= 0:
            members.insert(0, {"role": "start", "start": r["start_start"], "end": r["start_end"]})
        base = {k: v for k, v in r.items() if k in S.TABLES["dates"]}
        s = min(x["start"] for x in members)
        t["dates"].append(mp.row(base, s, r["end"], members, r.get("certain", True)))

    by_place = {(r["seq_id"], r["position"]): r for r in markers}
    for r in markers:
        base = {k: r[k] for k in ("seq_id", "style", "level", "position", "value", "expected")}
        members = [{"role": "marker", "start": r["start"], "end": r["end"], "value": r["value"]}]
        prev = by_place.get((r["seq_id"], r["position"] - 1))
        if prev is not None and r["value"] != r["expected"]:  # a gap or a repeat: the marker before it too
            members.insert(0, {"role": "previous", "start": prev["start"], "end": prev["end"], "value": prev["value"]})
        t["sequences"].append(mp.row(base, r["start"], r["end"], members, r.get("certain", True)))
    items_of: dict[int, list[dict]] = {}
    for r in markers:
        items_of.setdefault(r["seq_id"], []).append(r)
    for r in announced:
        members = [{"role": "stated", "start": r["start"], "end": r["end"], "value": r["stated"]}]
        # the sequence by its markers (its whole text would be pages long), else by its span
        members += ([{"role": "item", "start": m["start"], "end": m["end"], "value": m["value"]}
                     for m in sorted(items_of.get(r["seq_id"], ()), key=lambda m: m["position"])]
                    or [{"role": "sequence", "start": r["seq_start"], "end": r["seq_end"], "value": r["items"]}])
        t["announced"].append(mp.row({"stated": r["stated"], "items": r["items"], "seq_id": r["seq_id"]},
                                     r["start"], r["end"], members, r.get("certain", True)))
    for r in [*extract_enumerations(text), *extract_respectively(text, index, numbers)]:
        members = [{"role": "stated", "start": r["start"], "end": r["end"], "value": r["stated"]}]
        members += [{"role": "item", "start": s, "end": e} for s, e in r.get("item_spans", [])]
        n = r["items"]
        lo, hi = r.get("items_low", n), r.get("items_high", n)  # 和/及 may group items two ways
        base = {"stated": r["stated"], "items": n, "items_low": lo, "items_high": math.inf if r["truncated"] else hi,
                "truncated": r["truncated"], "side": r.get("side", ""),
                "item_texts": "|".join(r.get("item_texts", []))}
        t["enumerations"].append(mp.row(base, r["start"], r["end"], members, r.get("certain", True)))

    if tables is None or any(name in tables for name in (*S.TABLE_FACTS, "repeats")):
        # from the source: a Word or PDF row has one tab between cells (an empty cell is two tabs)
        found = extract_tables(doc.source, doc.is_html, split_tabs=doc.encoding in ("docx", "pdf"))
        table_problems = found.problems
        for name, rows in found.rows.items():
            for r in rows:
                base = {k: v for k, v in r.items() if k in S.TABLES[name]}
                t[name].append(mp.source_row(base, *r["span"], r["members"], r["excerpt"]))
        # a figure in the text that restates a table cell is a repeat of it
        for r in restatements(found, mentions, doc.source_span,
                              lambda m: text[m.sent_start:m.sent_end], unit_key):
            base = {k: v for k, v in r.items() if k in S.TABLES["repeats"]}
            t["repeats"].append(mp.source_row(base, *r["span"], r["members"], mp.excerpt(*r["text_span"])))


    sheet = FactSheet(rows={name: rows for name, rows in t.items() if tables is None or name in tables})
    sheet.notices = notices(doc)
    sheet.table_problems = table_problems
    return sheet


def notices(doc: Document) -> list[str]:
    """What the run says about ``doc`` besides its findings: the invisible bidirectional controls it
    holds (they can make a figure display differently from what it is; they are read as absent)."""
    from .ingest import bidi_controls

    out = []
    found = bidi_controls(doc.source, doc.is_html)
    if found:
        line, col = doc.line_col(found[0])
        first = doc.source[found[0]]
        name = f"U+{ord(first):04X}" if first != "&" else "a character reference to one"
        out.append(f"{doc.path}: holds {len(found)} invisible bidirectional control character(s) (the first, "
                   f"{name}, at line {line}, column {col}); they are read as absent")
    if doc.is_html and (m := _REORDERING_MARKUP.search(doc.source)):
        line, col = doc.line_col(m.start())
        out.append(f"{doc.path}: holds markup that displays text in another order ({m.group().strip()!r} at "
                   f"line {line}, column {col}); its text is read in the order it is written")
    return out


# HTML that makes a browser show characters in an order other than the stored one: a <bdo> element, or
# a style that overrides the bidirectional algorithm.
_REORDERING_MARKUP = re.compile(r"<bdo\b|unicode-bidi\s*:\s*(?:bidi-override|isolate-override)", re.IGNORECASE)
