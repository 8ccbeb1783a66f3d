"""Accuracy bounds: the scorer of ../shared on the dev corpus, the seeds and the real excerpts with injected
contradictions (mutated), and, on the real corpora without answer keys (real, news, provincial), that every
error finding is one a careful reader agrees with: it is on the reviewed list tests/data/reviewed_errors.json
(file, line, rule and why), and there is at most one per 50 reports. Skipped when ../shared is absent.

bench/calibrate.py prints the same error findings marked against the list, with the figures per rule and
way of linking."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SHARED, shared_dir

from reportcheck.pipeline import run


def score(folder, tmp_path) -> dict[str, float]:
    """Run the project's scorer on ``folder`` with our JSON output; its SCORE figures."""
    scorer = SHARED / "tools" / "score.py"
    if not scorer.is_file():
        pytest.skip("../shared/tools/score.py not present")
    files = sorted(folder.glob("*.txt"))
    out = tmp_path / "findings.json"
    out.write_text(json.dumps(run(files).to_json(), ensure_ascii=False), encoding="utf-8")
    p = subprocess.run([sys.executable, str(scorer), str(folder), "--json", str(out)],
                       capture_output=True, text=True, check=True)
    print(p.stdout)
    line = next(x for x in p.stdout.splitlines() if x.startswith("SCORE"))
    return {k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)", line)}


def test_dev_corpus_meets_the_accuracy_bounds(tmp_path):
    s = score(shared_dir("corpus", "dev"), tmp_path)
    assert s["recall"] >= 0.97
    assert s["precision"] >= 0.97
    assert s["traps_hit"] == 0
    assert s["coverage"] >= 0.95


def test_seeds_have_the_one_real_error_and_full_coverage(tmp_path):
    s = score(shared_dir("seeds"), tmp_path)
    assert s["recall"] == 1.0 and s["false_errors"] == 0 and s["coverage"] == 1.0


def test_mutated_real_excerpts_meet_the_accuracy_bounds(tmp_path):
    s = score(shared_dir("corpus", "mutated"), tmp_path)
    assert s["recall"] >= MUTATED_RECALL
    assert s["precision"] >= 0.97
    assert s["traps_hit"] == 0
    assert s["coverage"] >= MUTATED_COVERAGE


@pytest.mark.parametrize(("folder", "recall", "precision", "traps"),
                         [("written", 0.85, 0.97, 0), ("written2", 0.85, 0.97, 0), ("written3", 0.75, 0.90, 1)])
def test_reports_written_for_the_tests_meet_the_accuracy_bounds(tmp_path, folder, recall, precision, traps):
    """tests/data/written (24 reports), written2 (30, in other genres) and written3 (24, another writer):
    written for the tests by writers who did not read the code (see their README; written3's two counted
    false errors are explained there)."""
    s = score(Path(__file__).parent / "data" / folder, tmp_path)
    assert s["recall"] >= recall
    assert s["precision"] >= precision
    assert s["traps_hit"] <= traps


# the bounds the mutated set meets now (issue 15's targets: recall 0.90, coverage 0.80)
MUTATED_RECALL = 0.90
MUTATED_COVERAGE = 0.80
REVIEWED = Path(__file__).parent / "data" / "reviewed_errors.json"


@pytest.mark.parametrize("corpus", ["real", "news", "provincial"])
def test_every_error_finding_on_real_reports_is_reviewed_as_true(corpus):
    folder = shared_dir("corpus", corpus)
    files = sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".docx"))
    result = run(files)
    reviewed = {(r["file"], r["line"], r["rule"]) for r in json.loads(REVIEWED.read_text(encoding="utf-8"))["findings"]
                if r["corpus"] == corpus}
    errors = [(Path(r.path).name, f.line, f.rule, f.message) for r in result.reports for f in r.findings
              if f.severity == "error"]
    unreadable = [r.error for r in result.reports if r.status == "error"]
    print(f"\n{corpus}: {len(files)} reports, {len(errors)} error finding(s)")
    for e in errors:
        print("  ", *e)
    assert not unreadable
    assert [e for e in errors if e[:3] not in reviewed] == [], "error findings not on the reviewed list"
    assert len(errors) <= len(files) / 50 + 1
