"""Discovery in a repository: git-tracked and untracked-not-ignored files only, never an HTML report's
folder, no README/CHANGELOG/LICENSE/CONTRIBUTING/requirements unless named or included, and --verbose
saying what was left out (git is needed: .ci/run installs it)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reportcheck.cli import app
from reportcheck.config import Config
from reportcheck.ingest import IngestError
from reportcheck.pipeline import select

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None and not os.environ.get("CI"), reason="git is not installed"
)

runner = CliRunner()
WRONG = "共收集意见建议137条，已整改113条，正在协调10条，全年跟踪15条。\n"  # 113 + 10 + 15 = 138


def git(repo, *args) -> str:
    identity = ["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"]
    return subprocess.run(
        ["git", *identity, *args], cwd=repo, check=True, capture_output=True, text=True
    ).stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch) -> Path:
    """A repository with a report, a draft not yet added, a README, a CHANGELOG, a LICENSE,
    requirements.txt, an ignored build/ folder and an earlier HTML report (all with a contradiction)."""
    git(tmp_path, "init", "-q")
    files = [
        "reports/2024/a.txt",
        "reports/draft.md",
        "README.md",
        "CHANGELOG.md",
        "LICENSE.txt",
        "requirements-dev.txt",
        "build/copy.txt",
        "site/page.html",
        "site/reports/001_a.html",
    ]
    for name in files:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        text = (
            f"<html><body><article><p>{WRONG}</p></article></body></html>"
            if name.endswith(".html")
            else WRONG
        )
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "site" / ".reportcheck-html").write_text("written by reportcheck\n", encoding="utf-8")
    (tmp_path / ".gitignore").write_text("build/\n", encoding="utf-8")
    git(
        tmp_path,
        "add",
        ".gitignore",
        "reports/2024/a.txt",
        "README.md",
        "CHANGELOG.md",
        "LICENSE.txt",
        "requirements-dev.txt",
    )
    git(tmp_path, "commit", "-qm", "reports")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def names(files) -> list[str]:
    return sorted(Path(f).as_posix() for f in files)


def test_a_repository_is_checked_for_its_reports_only(repo: Path) -> None:
    from collections import Counter

    left = Counter()
    assert names(select(["."], left_out=left)) == ["reports/2024/a.txt", "reports/draft.md"]
    assert left == {
        "ignored by git": 1,
        "in an HTML report folder (.reportcheck-html)": 2,
        "README, CHANGELOG, LICENSE, CONTRIBUTING or requirements*.txt": 4,
    }


def test_named_or_included_files_are_kept(repo: Path) -> None:
    assert names(select(["README.md", "build/copy.txt", "reports"])) == [
        "README.md",
        "build/copy.txt",
        "reports/2024/a.txt",
        "reports/draft.md",
    ]
    assert names(select(["."], include=["*.md"])) == ["CHANGELOG.md", "README.md", "reports/draft.md"]
    assert names(select(["."], config=Config(include=["reports/**"]))) == [
        "reports/2024/a.txt",
        "reports/draft.md",
    ]


def test_check_verbose_says_what_was_left_out_and_why(repo: Path) -> None:
    res = runner.invoke(app, ["check", ".", "--verbose", "--format", "json"])
    assert res.exit_code == 1
    assert (
        "reportcheck: 7 file(s) left out: 1 ignored by git, 2 in an HTML report folder (.reportcheck-html), "
        "4 README, CHANGELOG, LICENSE, CONTRIBUTING or requirements*.txt"
    ) in res.stderr
    quiet = runner.invoke(app, ["check", ".", "--format", "json"])
    assert "left out" not in quiet.stderr


def test_a_second_run_does_not_read_the_first_runs_html(repo: Path) -> None:
    first = runner.invoke(app, ["check", ".", "--html", "out", "--format", "json"])
    second = runner.invoke(app, ["check", ".", "--html", "out2", "--format", "json"])
    assert first.exit_code == second.exit_code == 1
    assert first.stdout == second.stdout  # the same two reports, the same findings


def test_a_folder_with_nothing_but_left_out_files_says_so(repo: Path) -> None:
    with pytest.raises(
        IngestError, match=r"build: no reports found \(1 file\(s\) left out: 1 ignored by git\)"
    ):
        select(["build"])


def test_outside_git_only_the_marker_and_the_names_apply(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "r.txt").write_text(WRONG, encoding="utf-8")
    (tmp_path / "README.md").write_text(WRONG, encoding="utf-8")
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "x.html").write_text(f"<p>{WRONG}</p>", encoding="utf-8")
    (tmp_path / "html" / ".reportcheck-html").write_text("", encoding="utf-8")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    assert names(p.relative_to(tmp_path) for p in select([tmp_path])) == ["r.txt"]


def test_the_marker_is_the_one_the_html_report_writes() -> None:
    from reportcheck import repofiles
    from reportcheck.report import html

    assert repofiles.HTML_MARKER == html.MARKER
