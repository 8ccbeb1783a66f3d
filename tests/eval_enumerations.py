"""Measure :mod:`reportcheck.extract.enumerations` against the answer keys and the real corpus.

Usage: ``python tests/eval_enumerations.py [--verbose] [SHARED_DIR]``

Prints, for the seeds and the dev corpus (answer keys beside each text):

* recall on ``enumeration_count`` contradictions: an anchor overlapped by the stated-count span of a
  certain row whose check fails;
* false problems: certain failing rows that overlap no ``enumeration_count`` anchor, and trap hits:
  ``partial_list`` / ``noncounting_count`` / ``number_in_name`` anchors (and the seeds' older names
  ``name_number`` / ``count_word`` / ``different_population``) overlapped by a certain failing row
  (count phrase or list); uncertain failing rows on traps are listed for information;
* coverage of consistent ``enumeration`` items: an anchor overlapped by a row's stated-count span (any
  row, and certain rows only);

and, for the real corpus (no key), every certain failing row with its excerpt so it can be judged.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from keyspans import SHARED, load_text, overlaps, to_text_span

from reportcheck.extract.enumerations import (
    CERTAIN,
    END,
    ITEM_TEXTS,
    ITEMS,
    LIST_END,
    LIST_START,
    START,
    STATED,
    TRUNCATED,
    enumeration_holds,
    enumeration_problems,
    extract_enumerations,
)

PROBLEM_KIND = "enumeration_count"
CONSISTENT_KIND = "enumeration"
TRAP_KINDS = ("partial_list", "noncounting_count", "number_in_name", "name_number", "count_word",
              "different_population")


def _extent(row: dict) -> tuple[int, int]:
    return min(row[START], row[LIST_START]), max(row[END], row[LIST_END])


@dataclass
class Scores:
    recall_hit: int = 0
    recall_total: int = 0
    seeds_cov: list = field(default_factory=lambda: [0, 0, 0])  # any row, certain row, total
    dev_cov: list = field(default_factory=lambda: [0, 0, 0])
    missed: list = field(default_factory=list)
    false_problems: list = field(default_factory=list)
    trap_hits: list = field(default_factory=list)
    trap_uncertain: list = field(default_factory=list)
    uncovered: list = field(default_factory=list)
    rows: int = 0
    certain_rows: int = 0


def excerpt(text: str, row: dict, width: int = 30) -> str:
    """The text around a row: the count in 【】, the list in 〔〕, and the figures."""
    s, e = _extent(row)
    a, b = row[START], row[END]
    la, lb = row[LIST_START], row[LIST_END]
    marks = sorted([(a, "【"), (b, "】"), (la, "〔"), (lb, "〕")], key=lambda x: (x[0], x[1] in "】〕"))
    out = [text[max(0, s - width):s]]
    pos = s
    for p, m in marks:
        out.append(text[pos:p])
        out.append(m)
        pos = p
    out.append(text[pos:e + width])
    info = (f"  [stated {row[STATED]}, items {row[ITEMS]}{' 等' if row[TRUNCATED] else ''}"
            f"{'' if row[CERTAIN] else ', uncertain'}: {' | '.join(row[ITEM_TEXTS])}]")
    return "".join(out).replace("\n", "⏎") + info


def score_key(key_path: Path, scores: Scores, cov: list) -> None:
    """Score one answer key into ``scores`` (coverage into ``cov``)."""
    key = json.loads(key_path.read_text(encoding="utf-8"))
    src = (key_path.parent / key["file"]).read_bytes().decode(key["encoding"])
    text, offsets = load_text(src)
    rows = extract_enumerations(text)
    scores.rows += len(rows)
    scores.certain_rows += sum(1 for r in rows if r[CERTAIN])
    problems = enumeration_problems(rows)

    def anchor_span(anchor: str) -> tuple[int, int]:
        i = src.find(anchor)
        assert i >= 0, (key_path, anchor)
        return to_text_span(offsets, i, i + len(anchor))

    anchors = [(anchor_span(it["anchor"]), it) for it in key["contradictions"] if it["kind"] == PROBLEM_KIND]
    for (a0, a1), it in anchors:
        scores.recall_total += 1
        if any(overlaps(a0, a1, r[START], r[END]) for r in problems):
            scores.recall_hit += 1
        else:
            scores.missed.append((key_path.name, it["anchor"], it["explain"]))
    for r in problems:
        if not any(overlaps(a0, a1, r[START], r[END]) for (a0, a1), _ in anchors):
            scores.false_problems.append((key_path.name, excerpt(text, r)))
    for it in key.get("traps", []):
        if it["kind"] not in TRAP_KINDS:
            continue
        a0, a1 = anchor_span(it["anchor"])
        for r in rows:
            if enumeration_holds(r) or not overlaps(a0, a1, *_extent(r)):
                continue
            if any(overlaps(b0, b1, r[START], r[END]) for (b0, b1), _ in anchors):
                continue  # the answer's own contradiction, whose list holds the trap
            target = scores.trap_hits if r[CERTAIN] else scores.trap_uncertain
            target.append((key_path.name, it["kind"], it["anchor"], excerpt(text, r)))
    for it in key["consistent"]:
        if it["kind"] != CONSISTENT_KIND:
            continue
        cov[2] += 1
        a0, a1 = anchor_span(it["anchor"])
        hit = [r for r in rows if overlaps(a0, a1, r[START], r[END])]
        if hit:
            cov[0] += 1
            cov[1] += any(r[CERTAIN] for r in hit)
        else:
            scores.uncovered.append((key_path.name, it["anchor"], it["explain"]))


def evaluate_keys(shared: Path = SHARED) -> Scores:
    """Score every answer key of the seeds and the dev corpus."""
    scores = Scores()
    for path in sorted((shared / "seeds").glob("*.json")):
        score_key(path, scores, scores.seeds_cov)
    for path in sorted((shared / "corpus" / "dev").glob("*.json")):
        score_key(path, scores, scores.dev_cov)
    return scores


def real_problems(shared: Path = SHARED) -> tuple[list[tuple[str, str]], int, int, float, int]:
    """Every certain failing row of the real corpus.

    Returns ([(file, excerpt)], number of rows, number of certain rows, seconds, characters).
    """
    out = []
    n_rows = n_certain = n_chars = 0
    t0 = time.perf_counter()
    for path in sorted((shared / "corpus" / "real").glob("*.txt")):
        text, _ = load_text(path.read_text(encoding="utf-8"))
        n_chars += len(text)
        rows = extract_enumerations(text)
        n_rows += len(rows)
        n_certain += sum(1 for r in rows if r[CERTAIN])
        for r in enumeration_problems(rows):
            out.append((path.name, excerpt(text, r)))
    return out, n_rows, n_certain, time.perf_counter() - t0, n_chars


def _pct(hit: int, total: int) -> str:
    return f"{hit}/{total} = {100 * hit / total:.0f}%" if total else "0/0"


def main(argv: list[str]) -> int:
    verbose = "--verbose" in argv
    args = [a for a in argv if not a.startswith("--")]
    shared = Path(args[0]) if args else SHARED
    if not shared.is_dir():
        print(f"no shared corpus at {shared}")
        return 2
    s = evaluate_keys(shared)
    print(f"== Answer keys (seeds + dev): {s.rows} rows, {s.certain_rows} certain")
    print(f"recall {PROBLEM_KIND}: {_pct(s.recall_hit, s.recall_total)}")
    for name, anchor, explain in s.missed:
        print(f"  MISSED {name} {anchor} | {explain}")
    print(f"false certain problems: {len(s.false_problems)}")
    for name, ex in s.false_problems:
        print(f"  FALSE {name}: {ex}")
    print(f"trap hits (certain failing rows on {'/'.join(TRAP_KINDS[:3])}): {len(s.trap_hits)}")
    for name, kind, anchor, ex in s.trap_hits:
        print(f"  TRAP {name} {kind} {anchor}: {ex}")
    if verbose:
        for name, kind, anchor, ex in s.trap_uncertain:
            print(f"  (uncertain on trap) {name} {kind} {anchor}: {ex}")
    for label, cov in (("seeds", s.seeds_cov), ("dev", s.dev_cov)):
        print(f"coverage {CONSISTENT_KIND} {label}: any row {_pct(cov[0], cov[2])}, "
              f"certain row {_pct(cov[1], cov[2])}")
    for name, anchor, explain in s.uncovered:
        print(f"  UNCOVERED {name} {anchor} | {explain}")
    probs, n_rows, n_certain, secs, chars = real_problems(shared)
    print(f"== Real corpus: {n_rows} rows, {n_certain} certain, {chars} chars in {secs:.1f}s; "
          f"certain failing rows: {len(probs)}")
    for name, ex in probs:
        print(f"  {name}: {ex}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
