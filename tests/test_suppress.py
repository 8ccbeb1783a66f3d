"""Suppression: <!-- reportcheck: ignore … --> comments in Markdown and HTML reports, and
[[tool.reportcheck.ignore]] entries in the configuration; counted in the summary, listed with
--show-suppressed."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from reportcheck import exitcodes
from reportcheck.cli import app
from reportcheck.config import ConfigError, load
from reportcheck.suppress import marks

runner = CliRunner()

SUM = "共收集意见建议137条，已整改113条，正在协调10条，全年跟踪15条。"  # RC101: 138 ≠ 137
RATE = "共受理投诉200件，已办结180件，办结率95%。"  # RC107: 90% ≠ 95%
CHANGE = "公务用车由463辆减少到392辆，减少81辆。"  # RC109: fell 71, not 81


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "a.md").write_text(
        f"# 报告\n\n<!-- reportcheck: ignore RC101 -- 原文如此 -->\n{SUM}\n\n{RATE}\n", encoding="utf-8")
    (tmp_path / "b.html").write_text(
        f"<html><body>\n<!-- reportcheck: ignore rate-mismatch,RC101 -->\n<p>{RATE[:10]}<b>已办结</b>{RATE[13:]}</p>\n"
        f"<p>{CHANGE}</p>\n</body></html>\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text(f"{CHANGE}\n{RATE}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _json(*args):
    res = runner.invoke(app, ["check", ".", "-j", "1", "-f", "json", *args])
    return res, json.loads(res.stdout)


def _rules(doc, key):
    return {r["path"].split("/")[-1]: sorted(f["rule"] for f in r[key]) for r in doc["reports"]}


def test_comments_accept_the_next_paragraph_only(project):
    res, doc = _json()
    assert res.exit_code == exitcodes.CONTRADICTIONS
    assert _rules(doc, "findings") == {"a.md": ["RC107"], "b.html": ["RC109"], "c.txt": ["RC107", "RC109"]}
    assert _rules(doc, "suppressed") == {"a.md": ["RC101"], "b.html": ["RC107"], "c.txt": []}
    a = next(r for r in doc["reports"] if r["path"].endswith("a.md"))
    assert a["suppressed"][0]["suppressed_by"] == "comment at line 3: 原文如此"
    assert doc["summary"]["suppressed"] == 2


def test_configuration_accepts_by_line_or_fingerprint(project):
    _, before = _json()
    c = next(r for r in before["reports"] if r["path"].endswith("c.txt"))
    sarif = json.loads(runner.invoke(app, ["check", "c.txt", "-j", "1", "-f", "sarif"]).stdout)
    rate_fp = next(x["partialFingerprints"]["reportcheck/v1"] for x in sarif["runs"][0]["results"]
                   if x["ruleId"] == "RC107")
    assert c["findings"]
    (project / "pyproject.toml").write_text(
        '[[tool.reportcheck.ignore]]\npath = "c.txt"\nrule = "RC109"\nline = 1\nreason = "sold cars"\n\n'
        f'[[tool.reportcheck.ignore]]\npath = "*.txt"\nrule = "rate-mismatch"\nfingerprint = "{rate_fp}"\n'
        'reason = "another base"\n', encoding="utf-8")
    _, doc = _json()
    assert _rules(doc, "findings")["c.txt"] == [] and _rules(doc, "suppressed")["c.txt"] == ["RC107", "RC109"]
    text = runner.invoke(app, ["check", ".", "-j", "1", "--show-suppressed"]).stdout
    assert "c.txt:1:6: RC109 change-mismatch [suppressed]" in text and "(configuration: sold cars)" in text
    assert "4 suppressed;" in text
    hidden = runner.invoke(app, ["check", ".", "-j", "1"]).stdout
    assert "[suppressed]" not in hidden and "4 suppressed (--show-suppressed lists them)" in hidden
    # every error accepted: a clean exit
    assert runner.invoke(app, ["check", "c.txt", "-j", "1"]).exit_code == exitcodes.CLEAN


def test_an_unknown_rule_in_a_comment_is_a_warning(project):
    (project / "d.md").write_text(f"<!-- reportcheck: ignore RC999 -->\n{SUM}\n", encoding="utf-8")
    res = runner.invoke(app, ["check", "d.md", "-j", "1"])
    assert res.exit_code == exitcodes.CONTRADICTIONS  # nothing accepted
    assert "reportcheck: warning: d.md: line 1: reportcheck: ignore names no rule 'RC999'" in res.stderr


def test_a_comment_without_rules_accepts_every_rule_and_html_elements_nest():
    source = "<!-- reportcheck: ignore -->\n<div><div>x</div>y</div>z"
    (m,), problems = marks(source, html=True)
    assert not problems and m.rules == frozenset() and source[m.start:m.end] == "<div><div>x</div>y</div>"
    (m,), _ = marks("<!-- reportcheck: ignore RC101 -->\n\n一段\n还是这段\n\n下一段", html=False)
    assert m.rules == {"RC101"} and m.reason == ""


@pytest.mark.parametrize("entry, message", [
    ('path = "a"\nrule = "RC101"\nline = 3', "ignore[0].reason: is required"),
    ('path = "a"\nrule = "RC101"\nreason = "x"', "ignore[0]: needs the finding's fingerprint or its line"),
    ('path = "a"\nrule = "RC999"\nline = 3\nreason = "x"', "ignore[0].rule: no rule 'RC999'"),
    ('path = "a"\nrule = "RC101"\nline = 0\nreason = "x"', "ignore[0].line: must be a line number"),
    ('path = "a"\nrule = "RC101"\nline = 3\nreason = "x"\nwhy = 1', "ignore[0].why: unknown key"),
])
def test_bad_ignore_entries_name_the_key(tmp_path, entry, message):
    p = tmp_path / "reportcheck.toml"
    p.write_text(f"[[ignore]]\n{entry}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load(p)


def test_a_kept_text_is_where_the_comments_are_read(project, monkeypatch):
    """With keep_source the run reads each report's text once, before the findings are settled, and the
    suppression reads the comments from that text rather than from the file again."""
    from reportcheck import ingest
    from reportcheck.pipeline import run

    reads: list[str] = []
    real = ingest.read_source

    def counted(path, *args, **kwargs):
        reads.append(str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(ingest, "read_source", counted)
    monkeypatch.setattr("reportcheck.pipeline.read_source", counted)
    result = run(["a.md", "b.html"], keep_source=True)
    assert sorted(reads) == ["a.md", "b.html"]  # once each: the kept text, not read again by suppress
    assert {r.path: [f.rule for f in r.suppressed] for r in result.reports} == {"a.md": ["RC101"],
                                                                                 "b.html": ["RC107"]}
    assert all(r.source is not None for r in result.reports)
