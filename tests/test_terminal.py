"""The terminal output and the command's everyday options: colour (--color, NO_COLOR, FORCE_COLOR),
--quiet, --statistics, --version, the help line, the closing summary and the help pages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import SEEDS
from typer.testing import CliRunner

from reportcheck import __version__, exitcodes
from reportcheck.cli import Color, app, use_color
from reportcheck.findings import Finding, ReportResult, RunResult
from reportcheck.report.terminal import Options, render

SEED_003 = str(SEEDS / "003_2a5315d4f9a02ca3.txt")
ANSI = re.compile(r"\x1b\[[0-9;]*m")

runner = CliRunner()


def _run(*args, env=None):
    return runner.invoke(app, ["check", SEED_003, "-j", "1", *args], env=env or {})


@pytest.fixture(scope="module")
def plain():
    return _run("--color", "never")


def test_finding_as_ruff_shows_it(plain):
    assert plain.exit_code == exitcodes.CONTRADICTIONS
    lines = plain.stdout.splitlines()
    head = next(i for i, x in enumerate(lines) if ": RC105 " in x)
    assert re.fullmatch(r".*003_2a5315d4f9a02ca3\.txt:\d+:\d+: RC105 ordinal-sequence ordinal 七是 duplicates .*",
                        lines[head])
    excerpt, carets = lines[head + 1], lines[head + 2]
    assert excerpt.startswith("  | 七是") and carets == "  | ^^^^"  # two wide characters: four carets
    # both markers: the one underlined, the one before it with its line and column
    text = Path(SEED_003).read_text(encoding="utf-8")
    first = text.index("七是")
    line = text[:first].count("\n") + 1
    col = first - (text.rfind("\n", 0, first) + 1) + 1
    assert f"  = previous 七是 at {line}:{col}" in lines
    assert any(x.startswith("  = help: ") and "reportcheck rules RC105" in x and "reportcheck explain" in x
               for x in lines)
    assert re.fullmatch(r"Found 1 error in 1 of 1 report; \d+ relations verified\.", lines[-2]), lines[-2]
    assert lines[-1].startswith("Run `reportcheck explain FILE`")
    assert not ANSI.search(plain.stdout)


def test_colour_choices(plain):
    assert ANSI.search(_run("--color", "always").stdout)
    assert ANSI.search(_run(env={"FORCE_COLOR": "1"}).stdout)
    assert not ANSI.search(_run(env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout)
    coloured = _run("--color", "always")
    assert ANSI.sub("", coloured.stdout) == plain.stdout  # colour only, the same text


def test_a_text_file_is_never_coloured(tmp_path):
    out = tmp_path / "r.txt"
    res = _run("--color", "always", "-f", f"text:{out}", "-f", "json")
    assert res.exit_code == exitcodes.CONTRADICTIONS and not ANSI.search(res.stdout)
    assert "RC105" in out.read_text(encoding="utf-8") and not ANSI.search(out.read_text(encoding="utf-8"))


def test_use_color_follows_the_environment(monkeypatch):
    class Tty:
        def isatty(self):
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert use_color(Color.auto, Tty()) and not use_color(Color.auto, object())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_color(Color.auto, Tty()) and use_color(Color.always, Tty())
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "0")
    assert not use_color(Color.auto, object())
    monkeypatch.setenv("TERM", "dumb")
    assert not use_color(Color.auto, Tty()) and not use_color(Color.never, Tty())


def test_quiet_and_statistics(tmp_path):
    quiet = _run("--quiet", "-f", f"json:{tmp_path / 'r.json'}", "-f", "text")
    assert quiet.exit_code == exitcodes.CONTRADICTIONS
    assert [x for x in quiet.stdout.splitlines()] == [x for x in quiet.stdout.splitlines() if ": RC" in x]
    assert len(quiet.stdout.splitlines()) >= 1 and quiet.stderr == ""  # no "json output: …" note
    stats = _run("--statistics")
    first = stats.stdout.splitlines()[0]
    assert re.fullmatch(r"\s+1  RC105  ordinal-sequence\s+1 error\(s\)", first), first
    assert "七是创新" not in stats.stdout and "Found 1 error" in stats.stdout


def test_verified_relations_in_the_text_on_stdout_and_in_a_file(tmp_path):
    tick = re.compile(r"txt:\d+:\d+: RC\d+ ✓ ")
    res = _run("--verified", "-f", f"text:{tmp_path / 'r.txt'}", "-f", "json")
    written = (tmp_path / "r.txt").read_text(encoding="utf-8").splitlines()
    verified = sum(len(r["verified"]) for r in json.loads(res.stdout)["reports"])
    assert verified > 0 and len([x for x in written if tick.search(x)]) == verified
    assert not tick.search(_run("-f", f"text:{tmp_path / 'r.txt'}").stdout + (tmp_path / "r.txt").read_text("utf-8"))


def test_quiet_leaves_out_the_notes_but_not_the_errors(tmp_path):
    (tmp_path / "bidi.txt").write_text("全年共受理信访事项\u202e120\u202c件，其中来信30件、来访80件。", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    args = ["check", str(tmp_path / "bidi.txt"), str(tmp_path / "empty.txt"), "-j", "1"]
    loud = runner.invoke(app, args)
    assert any(x.startswith("reportcheck: note: ") and "bidirectional" in x for x in loud.stderr.splitlines())
    quiet = runner.invoke(app, [*args, "--quiet"])
    assert quiet.exit_code == loud.exit_code == exitcodes.USAGE
    assert quiet.stderr.splitlines() == [x for x in loud.stderr.splitlines() if not x.startswith("reportcheck: note: ")]
    assert len(quiet.stderr.splitlines()) == 1 and "empty.txt" in quiet.stderr  # the unreadable report, still


def test_version_and_help_pages():
    res = runner.invoke(app, ["--version"])
    assert res.exit_code == 0 and res.stdout == f"reportcheck {__version__}\n"
    for command in ("check", "extract", "baseline", "explain", "rules"):
        page = runner.invoke(app, [command, "--help"], env={"COLUMNS": "100"}).stdout
        assert f"Usage: root {command}" in page  # CliRunner names the program "root"
        assert not re.search(r"<(bool|list\[\w+\]|path|str)>|\{\w", page), page
    page = runner.invoke(app, ["check", "--help"], env={"COLUMNS": "100"}).stdout
    assert "reportcheck[spark]" in page and "--color auto|always|never" in page and "PATHS..." in page


def _finding(excerpt, evidence, line=1, **kw) -> Finding:
    start = min(e["start"] for e in evidence)
    return Finding("RC101", "parts do not sum to the total", "error", "parts sum to 137", "156件 ≠ 137", "a.txt",
                   line, 1, line, 2, start, max(e["end"] for e in evidence), excerpt, evidence, **kw)


def test_long_excerpts_wrap_with_their_gutter_and_carets_line_up():
    excerpt = "全年共受理信访事项156件，" + "其中来信来访反映的问题涉及作风建设、民生保障、基层治理等方面，" * 6 + "来访108件。"
    ev = [{"text": "156件", "start": 9, "end": 13, "role": "total", "line": 1},
          {"text": "108件", "start": 200, "end": 204, "role": "part", "line": 1},
          {"text": "29件", "start": 900, "end": 903, "role": "part", "line": 7, "column": 3}]
    out = render(RunResult([ReportResult("a.txt", status="failed", findings=[_finding(excerpt, ev)])]),
                 options=Options())
    lines = out.splitlines()
    body = [x for x in lines[1:] if x.startswith("  | ")]
    assert len(body) >= 4 and all(len(x) < 60 for x in body)  # wrapped at 100 columns, CJK counting two
    caret_rows = [i for i, x in enumerate(lines) if set(x[4:]) <= {"^", " "} and "^" in x]
    for i in caret_rows:  # each caret sits under the number it marks
        text, carets = lines[i - 1][4:], lines[i][4:]
        col = len(carets) - len(carets.lstrip(" "))
        width, k = 0, 0
        while width < col:
            width += 2 if ord(text[k]) > 0x2E80 else 1
            k += 1
        assert text[k:].startswith(("156件", "108件")), (text, carets)
    assert "  = part 29件 at 7:3" in lines  # on another line: shown as a related place
