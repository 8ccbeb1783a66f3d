"""The CI integration files: ci/ (GitHub Actions, GitLab CI), .pre-commit-hooks.yaml (run by pre-commit
itself in a temporary repository) and docs/rules.md (generated from the registry).

The pre-commit test installs the hook as pre-commit does, from a copy of this repository, into a fresh
virtualenv (packages from PyPI or pip's cache). It skips without pre-commit or git, except in CI
(``CI`` set), where .ci/run installs both and their absence is a failure.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from typer.testing import CliRunner

from reportcheck.cli import app
from reportcheck.ingest import SUFFIXES
from reportcheck.ruledocs import render

GITHUB = ROOT / "ci" / "github-actions.yml"
GITLAB = ROOT / "ci" / "gitlab-ci.yml"
HOOKS = ROOT / ".pre-commit-hooks.yaml"
# the keywords a GitLab CI job may use (docs.gitlab.com/ci/yaml)
GITLAB_JOB_KEYS = {"after_script", "allow_failure", "artifacts", "before_script", "cache", "coverage", "dependencies", "environment", "except", "extends", "hooks", "id_tokens", "image", "inherit", "interruptible", "needs", "only", "pages", "parallel", "release", "resource_group", "retry", "rules", "script", "secrets", "services", "stage", "tags", "timeout", "trigger", "variables", "when"}
CONTRADICTION = "全年共受理信访事项156件，其中来信29件、来访108件、网上信访29件。\n"


def _check_options() -> set[str]:
    res = CliRunner().invoke(app, ["check", "--help"], terminal_width=200)
    return set(re.findall(r"--[a-z][a-z-]+", res.stdout))


def _used_options(command: str) -> set[str]:
    return set(re.findall(r"(--[a-z][a-z-]+)", command[command.index("reportcheck check"):]))


def test_github_workflow():
    wf = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    on = wf.get("on", wf.get(True))  # YAML 1.1 reads a bare `on` as true
    assert {"pull_request", "push"} <= set(on)
    assert wf["permissions"]["security-events"] == "write"
    (job,) = wf["jobs"].values()
    assert job["runs-on"] and job["steps"]
    assert all(("uses" in s) != ("run" in s) for s in job["steps"])
    uses = {s["uses"].split("@")[0]: s for s in job["steps"] if "uses" in s}
    assert uses["actions/checkout"]["with"]["fetch-depth"] == 0
    check = next(s for s in job["steps"] if "reportcheck check" in s.get("run", ""))
    assert "continue-on-error" not in check  # its exit code fails the job
    assert "--changed-since" in check["run"] and "--format github" in check["run"]
    assert _used_options(check["run"]) <= _check_options()
    sarif = uses["github/codeql-action/upload-sarif"]
    assert f"sarif:{sarif['with']['sarif_file']}" in check["run"]
    assert "!cancelled()" in sarif["if"]  # uploaded when the check fails too
    artifact = uses["actions/upload-artifact"]
    assert f"--html {artifact['with']['path'].rstrip('/')}" in check["run"]
    assert "!cancelled()" in artifact["if"]


def test_gitlab_job():
    ci = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    (job,) = ci.values()
    assert set(job) <= GITLAB_JOB_KEYS
    assert all(isinstance(line, str) for line in job["script"] + job["before_script"])
    script = "\n".join(job["script"])
    assert "--changed-since" in script and _used_options(script) <= _check_options()
    artifacts = job["artifacts"]
    assert artifacts["when"] == "always"
    assert f"junit:{artifacts['reports']['junit']}" in script
    assert f"codequality:{artifacts['reports']['codequality']}" in script
    assert any(f"--html {p.rstrip('/')}" in script for p in artifacts["paths"])


def test_pre_commit_manifest_is_valid():
    pytest.importorskip("pre_commit")
    from pre_commit.clientlib import load_manifest

    (hook,) = load_manifest(str(HOOKS))
    assert hook["id"] == "reportcheck" and hook["language"] == "python"
    assert hook["entry"] == "reportcheck check"
    files = re.compile(hook["files"])
    assert all(files.search(f"report{suffix}") for suffix in SUFFIXES)
    assert files.search("B.MD") and not any(files.search(n) for n in ("a.json", "b.py"))


def _need(tool: str, available: bool) -> None:
    if not available:
        if os.environ.get("CI"):
            pytest.fail(f"{tool} is not installed: CI must have it (.ci/run installs it)")
        pytest.skip(f"{tool} is not installed")


def _git(cwd: Path, *args: str) -> None:
    identity = ["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", *identity, *args], cwd=cwd, check=True, capture_output=True)


def test_pre_commit_runs_the_hook(tmp_path):
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        _need("pre-commit", False)
    _need("git", shutil.which("git") is not None)
    # pre-commit installs a hook from a git repository: this working tree, as it is, committed in a copy
    hook_repo = tmp_path / "hook-repo"
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                           check=True, capture_output=True, text=True).stdout.split("\0")
    for name in filter(None, files):
        if (ROOT / name).is_file():
            (hook_repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, hook_repo / name)
    _git(hook_repo, "init", "-q")
    _git(hook_repo, "add", "-A")
    _git(hook_repo, "commit", "-qm", "reportcheck")
    user = tmp_path / "reports"
    user.mkdir()
    (user / "bad.txt").write_text(CONTRADICTION, encoding="utf-8")
    (user / "good.txt").write_text("共收集意见建议69条，其中作风问题32条、民生问题37条。\n", encoding="utf-8")
    (user / "data.json").write_text("{}", encoding="utf-8")
    _git(user, "init", "-q")
    _git(user, "add", "-A")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}

    def hook(*names: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), "reportcheck",
                               "--files", *names], cwd=user, env=env, capture_output=True, text=True,
                              timeout=900)

    res = hook("bad.txt", "good.txt", "data.json")
    assert res.returncode == 1, res.stdout + res.stderr
    assert "Failed" in res.stdout and "bad.txt:1:10: RC101 sum-mismatch" in res.stdout
    assert "Found 1 error in 1 of 2 reports" in res.stdout  # data.json is not passed to the hook
    res = hook("good.txt")
    assert res.returncode == 0 and "Passed" in res.stdout, res.stdout + res.stderr


def test_rule_docs_are_up_to_date():
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == render(), \
        "docs/rules.md is stale: reportcheck rules --markdown > docs/rules.md"
