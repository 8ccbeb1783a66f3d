"""Accuracy bounds of issue 5: the scorer of ../shared on the dev corpus and the seeds, and the false-alarm
bound on the real corpus (skipped when ../shared is absent)."""

from __future__ import annotations

import json
import re
import subprocess
import sys

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


def test_real_corpus_false_alarm_bound():
    folder = shared_dir("corpus", "real")
    files = sorted(folder.glob("*.txt"))
    result = run(files)
    errors = [(r.path, f.line, f.rule, f.arithmetic) for r in result.reports for f in r.findings
              if f.severity == "error"]
    unreadable = [r.error for r in result.reports if r.status == "error"]
    print(f"\nreal: {len(files)} reports, {len(errors)} error finding(s)")
    for e in errors:
        print("  ", *e)
    assert not unreadable
    assert len(errors) <= len(files) / 20
