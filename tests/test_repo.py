"""Working in a git repository: ``--changed-since REF``, baselines and their fingerprints, end to end in a
temporary repository (git is needed: .ci/run installs it)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest
from typer.testing import CliRunner

from reportcheck import exitcodes
from reportcheck.cli import app

# without git the tests skip, except in CI (CI set), where .ci/run installs it
pytestmark = pytest.mark.skipif(shutil.which("git") is None and not os.environ.get("CI"),
                                reason="git is not installed")

runner = CliRunner()
CONSISTENT = {
    "a.txt": "关于作风建设工作情况的报告\n共收集意见建议69条，其中关于作风问题的32条、民生问题的37条。\n"
             "一是加强学习。二是改进作风。三是完善制度。\n",
    "b.txt": "关于整改落实情况的通报\n全年共查处问题12个，其中违纪问题5个、违规问题7个。\n"
             "各单位认真落实整改要求。\n",
}
# line 3: 29 + 108 + 29 = 166, not 156
CONTRADICTION = ("关于信访工作情况的报告\n各级信访部门认真履职，积极化解矛盾。\n"
                 "全年共受理信访事项156件，其中来信29件、来访108件、网上信访29件。\n下一步，继续做好信访工作。\n")
# 30 + 15 + 10 = 55, not 50
NEW_CONTRADICTION = "共排查问题隐患50个，其中已整改30个、正在整改15个、尚未启动10个。\n"


def git(repo, *args) -> str:
    identity = ["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"]
    out = subprocess.run(["git", *identity, *args], cwd=repo, check=True, capture_output=True, text=True)
    return out.stdout


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A git repository (the current folder) with two consistent reports committed in reports/."""
    git(tmp_path, "init", "-q")
    (tmp_path / "reports").mkdir()
    for name, text in CONSISTENT.items():
        (tmp_path / "reports" / name).write_text(text, encoding="utf-8")
    (tmp_path / "README.md").write_text("共3条，其中1条、1条。\n", encoding="utf-8")  # not under reports/
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "reports")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def sarif_check(*args):
    res = runner.invoke(app, ["check", "reports", "--changed-since", "HEAD", "--format", "sarif", *args])
    return res, json.loads(res.stdout)["runs"][0]["results"] if res.stdout.startswith("{") else None


def where(result) -> tuple[str, int]:
    loc = result["locations"][0]["physicalLocation"]
    return loc["artifactLocation"]["uri"], loc["region"]["startLine"]


def test_changed_reports_baseline_and_a_new_contradiction(repo):
    c = repo / "reports" / "c.txt"
    c.write_text(CONTRADICTION, encoding="utf-8")
    res, results = sarif_check()
    assert res.exit_code == exitcodes.CONTRADICTIONS, res.output
    assert [(r["ruleId"], *where(r)) for r in results] == [("RC101", "reports/c.txt", 3)]

    res = runner.invoke(app, ["baseline", "reports", "--out", "reportcheck-baseline.json"])
    assert res.exit_code == exitcodes.CLEAN, res.output
    assert "1 finding(s) of 3 report(s)" in res.stderr
    res, results = sarif_check("--baseline", "reportcheck-baseline.json")
    assert res.exit_code == exitcodes.CLEAN and results == [], res.output
    assert "1 known finding(s) not shown; 0 baseline entries no longer occur" in res.stderr

    # edits elsewhere in the file keep the fingerprint
    c.write_text("前言\n\n" + CONTRADICTION.replace("积极化解矛盾", "主动化解各类矛盾"), encoding="utf-8")
    res, results = sarif_check("--baseline", "reportcheck-baseline.json")
    assert res.exit_code == exitcodes.CLEAN and results == [], res.output

    c.write_text(c.read_text(encoding="utf-8") + NEW_CONTRADICTION, encoding="utf-8")
    res, results = sarif_check("--baseline", "reportcheck-baseline.json")
    assert res.exit_code == exitcodes.CONTRADICTIONS
    assert [(r["ruleId"], *where(r)) for r in results] == [("RC101", "reports/c.txt", 7)]

    c.write_text(NEW_CONTRADICTION, encoding="utf-8")  # the recorded one is fixed
    res, results = sarif_check("--baseline", "reportcheck-baseline.json")
    assert res.exit_code == exitcodes.CONTRADICTIONS and len(results) == 1
    assert "0 known finding(s) not shown; 1 baseline entry no longer occurs" in res.stderr


def test_changed_since_sees_staged_modified_and_untracked_files_only(repo):
    (repo / "reports" / "b.txt").write_text(CONSISTENT["b.txt"] + "补充说明。\n", encoding="utf-8")
    (repo / "reports" / "new.md").write_text(CONSISTENT["a.txt"], encoding="utf-8")
    (repo / "reports" / "staged.txt").write_text(CONSISTENT["a.txt"], encoding="utf-8")
    (repo / "reports" / "notes.json").write_text("{}", encoding="utf-8")
    git(repo, "add", "reports/staged.txt")
    res = runner.invoke(app, ["check", ".", "--changed-since", "HEAD", "--format", "json"])
    assert res.exit_code == exitcodes.CLEAN, res.output
    paths = [r["path"] for r in json.loads(res.stdout)["reports"]]
    assert paths == ["reports/b.txt", "reports/new.md", "reports/staged.txt"]


def test_changed_since_a_branch_point(repo):
    git(repo, "checkout", "-qb", "feature")
    (repo / "reports" / "c.txt").write_text(CONTRADICTION, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "c")
    res = runner.invoke(app, ["check", "reports", "--changed-since", "HEAD~1", "--format", "json"])
    assert [r["path"] for r in json.loads(res.stdout)["reports"]] == ["reports/c.txt"]
    res = runner.invoke(app, ["check", "reports", "--changed-since", "HEAD"])
    assert res.exit_code == exitcodes.CLEAN and res.stdout.startswith("No contradiction in 0 of 0 reports")


def test_changed_since_errors(repo, tmp_path_factory, monkeypatch):
    res = runner.invoke(app, ["check", "reports", "--changed-since", "no-such-ref"])
    assert res.exit_code == exitcodes.USAGE
    assert res.stderr == ("reportcheck: --changed-since no-such-ref: not a commit that shares history "
                          "with HEAD\n")
    outside = tmp_path_factory.mktemp("plain")
    (outside / "r.txt").write_text(CONTRADICTION, encoding="utf-8")
    monkeypatch.chdir(outside)
    res = runner.invoke(app, ["check", ".", "--changed-since", "HEAD"])
    assert res.exit_code == exitcodes.USAGE and "needs a git repository" in res.stderr
    assert "Traceback" not in res.output


def test_fingerprints_tell_identical_findings_apart(repo):
    (repo / "reports" / "c.txt").write_text(CONTRADICTION + CONTRADICTION, encoding="utf-8")
    runner.invoke(app, ["baseline", "reports", "--out", "b.json"])
    entries = json.loads((repo / "b.json").read_text(encoding="utf-8"))["findings"]
    assert len(entries) == 2 and len({e["fingerprint"] for e in entries}) == 2
    assert [(e["path"], e["rule"], e["line"]) for e in entries] == [("reports/c.txt", "RC101", 3),
                                                                    ("reports/c.txt", "RC101", 7)]
    (repo / "reports" / "c.txt").write_text(CONTRADICTION, encoding="utf-8")
    res = runner.invoke(app, ["check", "reports", "--baseline", "b.json"])
    assert res.exit_code == exitcodes.CLEAN
    assert "1 known finding(s) not shown; 1 baseline entry no longer occurs" in res.stderr


@pytest.mark.parametrize("content, message", [
    (None, "b.json: cannot read the baseline"),
    ("{not json", "b.json: not a baseline (invalid JSON"),
    ('{"schema": "reportcheck/v1", "reports": []}', "b.json: not a baseline (expected an object with schema"),
    ('{"schema": "reportcheck-baseline/v1", "findings": [{"rule": "RC101"}]}',
     "b.json: findings[0] needs fingerprint, path, rule, line and message"),
])
def test_bad_baseline_is_a_usage_error(repo, content, message):
    if content is not None:
        (repo / "b.json").write_text(content, encoding="utf-8")
    res = runner.invoke(app, ["check", "reports", "--baseline", "b.json"])
    assert res.exit_code == exitcodes.USAGE
    assert res.stderr.startswith(f"reportcheck: {message}") and res.stderr.count("\n") == 1, res.stderr
    assert "Traceback" not in res.output
