#!/usr/bin/env python3
"""Calibrate reportcheck on every public corpus: per rule and per way a relation was linked, how many
relations were found, verified, failed as errors and as warnings; then every error finding, marked
against the reviewed list (tests/data/reviewed_errors.json) so a new one stands out for review.

    python bench/calibrate.py                      # ../shared/corpus/{real,news,provincial,mutated,dev}
    python bench/calibrate.py DIR ... [--json FILE] [--review FILE]

"Way of linking" is the fact row's own description of how its figures were tied together: the form of a
breakdown, a part, a rate or a share (其中, status, before, annual, share, rate …), the kind of a change,
the side of a list, the style of an ordinal, and whether extraction was sure of the link (a row it was
not sure of yields warnings only). A way of linking whose error findings on real reports are not
reliably true should give warnings: this table is where to see it.

--json writes the figures and the error findings as JSON; --review writes the error findings not on the
reviewed list, one per line, for a reader to judge.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
REVIEWED = ROOT / "tests" / "data" / "reviewed_errors.json"
DEFAULT = ["real", "news", "provincial", "mutated", "dev"]
# the column of each fact table that says how its figures were linked
WAY_COLUMN = {"breakdowns": "form", "part_whole": "form", "rates": "form", "changes": "kind", "repeats": "form",
              "enumerations": "side", "sequences": "style", "dates": "role"}


def load_reviewed(path: Path = REVIEWED) -> list[dict]:
    """The reviewed true error findings: corpus, file, line, rule, why."""
    return json.loads(path.read_text(encoding="utf-8"))["findings"] if path.is_file() else []


def reviewed_key(corpus: str, file: str, line: int, rule: str) -> tuple:
    return corpus, file, int(line), rule


def calibrate(folder: Path) -> tuple[list[dict], list[dict]]:
    """(one row per fact-table relation, with its verdict; the error findings) of every report in ``folder``."""
    sys.path.insert(0, str(ROOT / "src"))
    import os

    from reportcheck import rules as R
    from reportcheck.factsheet import extract
    from reportcheck.pipeline import run

    files = sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".md", ".html", ".docx"))
    result = run(files)
    facts = extract(files)  # the fact rows again, for how each relation was linked
    table_of = {rule.id: rule.table for rule in R.all_rules()}
    ways: dict[tuple, str] = {}
    for table, col in WAY_COLUMN.items():
        df = facts.tables.get(table)
        if df is None or not len(df):
            continue
        for rec in df[["report", "start", "end", col, "certain"]].itertuples(index=False):
            way = f"{getattr(rec, col) or '-'}{'' if rec.certain else ' (unsure)'}"
            ways[(table, os.path.abspath(str(rec.report)), int(rec.start), int(rec.end))] = way
    rows, errors = [], []
    for rep in result.reports:
        for f in rep.findings + rep.verified:
            table = table_of.get(f.rule, "")
            way = ways.get((table, os.path.abspath(rep.path), f.start, f.end)) or ("-" if f.certain else "- (unsure)")
            rows.append({"rule": f.rule, "way": way, "severity": f.severity})
            if f.severity == "error":
                errors.append({"file": Path(rep.path).name, "line": f.line, "rule": f.rule,
                               "message": f.message, "arithmetic": f.arithmetic, "excerpt": f.excerpt[:200]})
    return rows, errors


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dirs", nargs="*", help="corpus folders (default: ../shared/corpus/{{{}}})".format(",".join(DEFAULT)))
    ap.add_argument("--json", help="write the figures and error findings to this file")
    ap.add_argument("--review", help="write the error findings not on the reviewed list to this file")
    a = ap.parse_args(argv)
    dirs = [Path(d) for d in a.dirs] or [SHARED / "corpus" / c for c in DEFAULT]
    reviewed = {reviewed_key(r["corpus"], r["file"], r["line"], r["rule"]) for r in load_reviewed()}
    out, unreviewed = {}, []
    for d in dirs:
        if not d.is_dir():
            print(f"{d}: not a folder, skipped", file=sys.stderr)
            continue
        rows, errors = calibrate(d)
        n = len({p for p in d.iterdir() if p.suffix in (".txt", ".md", ".html", ".docx")})
        tally = collections.defaultdict(collections.Counter)
        for r in rows:
            tally[(r["rule"], r["way"])][r["severity"]] += 1
        print(f"\n== {d.name}: {n} reports, {len(errors)} error finding(s), "
              f"{len(errors) / max(n, 1):.3f} per report")
        print(f"{'rule':6} {'way of linking':24} {'found':>6} {'verified':>9} {'error':>6} {'warning':>8}")
        for (rule, way), c in sorted(tally.items()):
            found = sum(c.values())
            print(f"{rule:6} {way:24} {found:6} {c['pass']:9} {c['error']:6} {c['warning']:8}")
        keyed = any(d.glob("*.json"))  # an answer-key corpus: its errors are scored by tools/score.py
        for e in errors if not keyed else ():
            known = reviewed_key(d.name, e["file"], e["line"], e["rule"]) in reviewed
            mark = "reviewed" if known else "NEW"
            print(f"  [{mark}] {e['file']}:{e['line']} {e['rule']} {e['message']} | {e['arithmetic']}")
            if not known:
                unreviewed.append({"corpus": d.name, **e})
        out[d.name] = {"reports": n, "errors": errors,
                       "tally": [{"rule": k[0], "way": k[1], **c} for k, c in sorted(tally.items())]}
    if a.json:
        Path(a.json).write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    if a.review:
        Path(a.review).write_text("".join(json.dumps(u, ensure_ascii=False) + "\n" for u in unreviewed),
                                  encoding="utf-8")
    print(f"\n{len(unreviewed)} error finding(s) not on the reviewed list")
    return 0


if __name__ == "__main__":
    sys.exit(main())
