"""Extraction against the answer keys and on the real corpus (skipped when ../shared is absent)."""

from __future__ import annotations

import json

from conftest import answer_keys, shared_dir

from reportcheck.factsheet import extract_document
from reportcheck.ingest import load

RELATION_TABLES = ("breakdowns", "part_whole", "repeats", "enumerations", "sequences", "announced", "rates",
                   "changes", "dates")


def _spans(sheet):
    """Every span a relation row covers: the row itself and each member."""
    out = []
    for name in RELATION_TABLES:
        df = sheet.tables[name]
        for start, end, members in zip(df["start"], df["end"], df["members"]):
            out.append((int(start), int(end)))
            out += [(m["start"], m["end"]) for m in json.loads(members)]
    return out


def coverage(folder):
    """Share of the answer keys' consistent items that lie inside the span of some relation row."""
    hit = total = 0
    missed = []
    for path, key in answer_keys(folder):
        doc = load(path)
        spans = _spans(extract_document(doc))
        for item in key["consistent"]:
            total += 1
            i = doc.source.find(item["anchor"])
            a0, a1 = i, i + len(item["anchor"])
            if i >= 0 and any(s < a1 and a0 < e for s, e in spans):
                hit += 1
            else:
                missed.append((path.name, item["kind"], item["anchor"]))
    return hit, total, missed


def test_seed_consistent_items_lie_in_relation_rows():
    hit, total, missed = coverage(shared_dir("seeds"))
    print(f"\nseeds: {hit}/{total} consistent items inside a relation row")
    assert hit == total, missed


def test_dev_consistent_items_lie_in_relation_rows():
    hit, total, missed = coverage(shared_dir("corpus", "dev"))
    print(f"\ndev: {hit}/{total} = {hit / total:.3f} consistent items inside a relation row")
    assert hit / total >= 0.90, missed


def test_extraction_runs_on_every_real_report():
    folder = shared_dir("corpus", "real")
    files = sorted(folder.glob("*.txt"))
    assert len(files) >= 70
    rows = 0
    for f in files:
        sheet = extract_document(load(f))
        rows += len(sheet.tables["mentions"])
    print(f"\nreal: {len(files)} reports, {rows} mentions")
    assert rows > 5000  # every report yields quantities; a broken scanner yields almost none
