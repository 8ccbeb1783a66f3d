"""The library: reportcheck.extract / reportcheck.check called as a user would, any number of times,
with one path, a string or a list, reading the configuration the command reads."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
from conftest import SEEDS

import reportcheck
from reportcheck.config import Config
from reportcheck.findings import FINDING_COLUMNS

SEED_003 = SEEDS / "003_2a5315d4f9a02ca3.txt"


@pytest.fixture(scope="module")
def seeds_result():
    return reportcheck.check([SEEDS])


def test_extract_can_be_called_again_and_takes_a_string():
    first = reportcheck.extract(str(SEED_003))
    second = reportcheck.extract([SEED_003])  # used to be the subpackage: 'module' object is not callable
    assert callable(reportcheck.extract)
    assert len(first.tables["sequences"]) == len(second.tables["sequences"]) > 0
    assert set(first.tables["sequences"]["report"]) == {str(SEED_003)}  # one report, not one per character
    assert first.errors == [] and repr(first).startswith("FactSheet(")


def test_extract_keeps_going_past_an_unreadable_report(tmp_path):
    shutil.copy(SEED_003, tmp_path / "a.txt")
    (tmp_path / "b.txt").write_bytes(b"")
    sheet = reportcheck.extract(tmp_path)
    assert len(sheet.tables["sequences"]) > 0
    assert len(sheet.errors) == 1 and "b.txt" in sheet.errors[0]


def test_extract_and_the_command_give_a_fifo_an_error_line_and_go_on(tmp_path, monkeypatch):
    """The library and ``reportcheck extract`` share one extraction: an entry that cannot be read as a
    report (a FIFO among the inputs) is an error line naming it, after those of the reports, and the
    others are extracted."""
    import os

    from typer.testing import CliRunner

    from reportcheck import exitcodes
    from reportcheck.cli import app

    shutil.copy(SEED_003, tmp_path / "a.txt")
    (tmp_path / "b.txt").write_bytes(b"")
    os.mkfifo(tmp_path / "c.txt")
    monkeypatch.chdir(tmp_path)
    sheet = reportcheck.extract(["a.txt", "b.txt", "c.txt"])
    assert sheet.reports == ["a.txt"] and len(sheet.tables["sequences"]) > 0
    assert len(sheet.errors) == 2 and sheet.errors[0].startswith("b.txt: ")
    assert sheet.errors[1] == "c.txt: not a regular file (a FIFO)"
    res = CliRunner().invoke(app, ["extract", "a.txt", "b.txt", "c.txt", "--out", "facts", "-j", "1"])
    assert res.exit_code == exitcodes.USAGE
    assert res.stderr.splitlines() == [f"reportcheck: {e}" for e in sheet.errors] + [
        f"1 report(s), {sum(len(df) for df in sheet.tables.values())} fact rows written to facts/"]


def test_check_takes_a_string_and_gives_a_tidy_frame(seeds_result):
    one = reportcheck.check(str(SEED_003))
    assert [r.path for r in one.reports] == [str(SEED_003)]
    frame = one.findings_frame()
    assert isinstance(frame, pd.DataFrame) and list(frame.columns) == list(FINDING_COLUMNS)
    row = frame[frame["severity"] == "error"].iloc[0]
    assert (row["rule"], row["report"]) == ("RC105", str(SEED_003))
    text = SEED_003.read_text(encoding="utf-8")
    assert row["line"] == text[:row["start"]].count("\n") + 1
    assert "七是" in row["excerpt"]
    # the same findings as the whole run has for that report
    whole = seeds_result.findings_frame()
    assert len(whole[whole["report"].str.endswith(SEED_003.name)]) == len(frame)
    assert len(seeds_result.findings_frame(verified=True)) > len(whole)


def test_check_reads_the_configuration_the_command_reads(tmp_path, monkeypatch):
    shutil.copy(SEED_003, tmp_path / "r.txt")
    (tmp_path / "pyproject.toml").write_text('[tool.reportcheck.rules]\nRC105 = "off"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert "RC105" not in set(reportcheck.check("r.txt").findings_frame()["rule"])
    # config= wins over the file found
    given = reportcheck.check("r.txt", config=Config())
    assert "RC105" in set(given.findings_frame()["rule"])


def test_config_module_is_reachable_from_the_package():
    assert reportcheck.config.load is not None and reportcheck.findings.RunResult is not None
    with pytest.raises(AttributeError):
        reportcheck.no_such_thing  # noqa: B018


def test_reprs_are_short(seeds_result):
    text = repr(seeds_result)
    assert len(text) < 200 and text.startswith("RunResult(5 report(s): 4 passed, 1 failed")
    assert all(len(repr(r)) < 200 for r in seeds_result.reports)
    f = next(f for r in seeds_result.reports for f in r.findings if f.rule == "RC105")
    assert repr(f).startswith("Finding(RC105 error ") and len(repr(f)) < 200
