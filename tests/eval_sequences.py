"""Measure :mod:`reportcheck.extract.sequences` against the answer keys and the real corpus.

Usage: ``python tests/eval_sequences.py [--verbose] [SHARED_DIR]``

Prints, for the seeds and the dev corpus (answer keys beside each text):

* recall on ``ordinal_sequence`` / ``announced_count`` contradictions (an anchor overlapped by a detected
  problem: a marker with ``value != expected`` whose marker or clause span overlaps it, or an announced
  row with ``stated != items`` whose span overlaps it);
* false problems: certain problems that overlap no contradiction anchor of those kinds;
* coverage of ``ordinal`` / ``announced`` consistent items;

and, for the real corpus (no key), every certain problem with its excerpt so it can be judged.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from keyspans import SHARED, load_text, overlaps, to_text_span

from reportcheck.extract.sequences import (
    announced_problems,
    extract_sequences,
    marker_problems,
)

PROBLEM_KINDS = ("ordinal_sequence", "announced_count")
CONSISTENT_KINDS = ("ordinal", "announced")


@dataclass
class Scores:
    hits: dict = field(default_factory=lambda: {k: 0 for k in PROBLEM_KINDS + CONSISTENT_KINDS})
    totals: dict = field(default_factory=lambda: {k: 0 for k in PROBLEM_KINDS + CONSISTENT_KINDS})
    missed: list = field(default_factory=list)
    false_problems: list = field(default_factory=list)
    uncovered: list = field(default_factory=list)
    certain_hits: dict = field(default_factory=lambda: {k: 0 for k in CONSISTENT_KINDS})


def problem_spans(markers: list[dict], announced: list[dict], certain_only: bool) -> list[tuple]:
    """(kind, span list, row) of every detected problem."""
    out = []
    for r in marker_problems(markers, certain_only):
        out.append(("ordinal_sequence", [(r["start"], r["end"]), (r["clause_start"], r["clause_end"])], r))
    for r in announced_problems(announced, certain_only):
        out.append(("announced_count", [(r["start"], r["end"])], r))
    return out


def score_key(key_path: Path, scores: Scores) -> None:
    """Score one answer key into ``scores``."""
    key = json.loads(key_path.read_text(encoding="utf-8"))
    src = (key_path.parent / key["file"]).read_bytes().decode(key["encoding"])
    text, offsets = load_text(src)
    markers, announced = extract_sequences(text)

    def anchor_span(anchor: str) -> tuple[int, int]:
        i = src.find(anchor)
        assert i >= 0, (key_path, anchor)
        return to_text_span(offsets, i, i + len(anchor))

    anchors = [(item["kind"], anchor_span(item["anchor"]), item) for item in key["contradictions"]
               if item["kind"] in PROBLEM_KINDS]
    for kind, (a0, a1), item in anchors:
        scores.totals[kind] += 1
        detected = any(
            any(overlaps(a0, a1, s0, s1) for s0, s1 in spans)
            for _, spans, _ in problem_spans(markers, announced, certain_only=True)
        )
        if detected:
            scores.hits[kind] += 1
        else:
            scores.missed.append((key_path.name, kind, item["anchor"], item["explain"]))
    for _, spans, row in problem_spans(markers, announced, certain_only=True):
        if not any(any(overlaps(a0, a1, s0, s1) for s0, s1 in spans) for _, (a0, a1), _ in anchors):
            scores.false_problems.append((key_path.name, row, excerpt(text, row)))

    seq_spans: dict[int, list] = {}
    for r in markers:
        span = seq_spans.setdefault(r["seq_id"], [r["start"], r["end"], True])
        span[0] = min(span[0], r["start"])
        span[1] = max(span[1], r["end"])
        span[2] = span[2] and r["certain"]
    for item in key["consistent"]:
        kind = item["kind"]
        if kind not in CONSISTENT_KINDS:
            continue
        scores.totals[kind] += 1
        a0, a1 = anchor_span(item["anchor"])
        if kind == "ordinal":
            found = [c for s0, s1, c in seq_spans.values() if overlaps(a0, a1, s0, s1)]
        else:
            found = [r["certain"] for r in announced if overlaps(a0, a1, r["start"], r["end"])]
        if found:
            scores.hits[kind] += 1
            scores.certain_hits[kind] += any(found)
        else:
            scores.uncovered.append((key_path.name, kind, item["anchor"], item["explain"]))


def excerpt(text: str, row: dict, width: int = 50) -> str:
    """The text around a problem row, with the row's span in brackets."""
    s, e = row["start"], row["end"]
    if "seq_start" in row:
        e2 = row["seq_end"]
        return (text[max(0, s - 10):e] + "【" + f"stated {row['stated']}, items {row['items']}" + "】"
                + text[e:min(e + width, row["seq_start"] + 10)].replace("\n", "⏎")
                + " … " + text[max(e, e2 - 20):e2 + 10].replace("\n", "⏎"))
    return (text[max(0, s - width):s] + "【" + text[s:e] + "】" + text[e:e + width]).replace("\n", "⏎")


def key_files(shared: Path) -> list[Path]:
    return sorted((shared / "seeds").glob("*.json")) + sorted((shared / "corpus" / "dev").glob("*.json"))


def evaluate_keys(shared: Path = SHARED) -> Scores:
    scores = Scores()
    for path in key_files(shared):
        score_key(path, scores)
    return scores


def real_problems(shared: Path = SHARED) -> tuple[list[tuple[str, str, dict, str]], dict]:
    """Every certain problem found in the real corpus, (file, kind, row, excerpt), and row counts."""
    out = []
    stats = dict.fromkeys(("files", "chars", "markers", "sequences", "announced", "announced_certain"), 0)
    for path in sorted((shared / "corpus" / "real").glob("*.txt")):
        text, _ = load_text(path.read_text(encoding="utf-8"))
        markers, announced = extract_sequences(text)
        stats["files"] += 1
        stats["chars"] += len(text)
        stats["markers"] += len(markers)
        stats["sequences"] += len({r["seq_id"] for r in markers})
        stats["announced"] += len(announced)
        stats["announced_certain"] += sum(r["certain"] for r in announced)
        for kind, _, row in problem_spans(markers, announced, certain_only=True):
            out.append((path.name, kind, row, excerpt(text, row)))
    return out, stats


def _pct(hit: int, total: int) -> str:
    return f"{hit}/{total} = {100 * hit / total:.0f}%" if total else "0/0"


def main(argv: list[str]) -> int:
    verbose = "--verbose" in argv
    args = [a for a in argv if not a.startswith("--")]
    shared = Path(args[0]) if args else SHARED
    if not shared.is_dir():
        print(f"no shared corpus at {shared}")
        return 2
    scores = evaluate_keys(shared)
    print("== Answer keys (seeds + dev)")
    for kind in PROBLEM_KINDS:
        print(f"recall   {kind:17s} {_pct(scores.hits[kind], scores.totals[kind])}")
    for name, kind, anchor, explain in scores.missed:
        print(f"  MISSED {name} {kind} {anchor} | {explain}")
    print(f"false certain problems: {len(scores.false_problems)}")
    for name, row, ex in scores.false_problems:
        print(f"  FALSE {name}: {ex}")
    for kind in CONSISTENT_KINDS:
        print(f"coverage {kind:17s} {_pct(scores.hits[kind], scores.totals[kind])}"
              f"  (certain rows: {_pct(scores.certain_hits[kind], scores.totals[kind])})")
    if verbose:
        for name, kind, anchor, explain in scores.uncovered:
            print(f"  uncovered {name} {kind} {anchor} | {explain}")

    print("== Real corpus (no key): every certain problem")
    t0 = time.perf_counter()
    problems, stats = real_problems(shared)
    print(f"{stats['files']} files, {stats['chars'] / 1e6:.1f}M chars, {stats['markers']} markers in "
          f"{stats['sequences']} sequences, {stats['announced']} announced rows "
          f"({stats['announced_certain']} certain), {time.perf_counter() - t0:.1f}s")
    print(f"{len(problems)} certain problems")
    for name, kind, row, ex in problems:
        print(f"  {name} {kind}: {ex}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
