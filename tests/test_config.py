"""Configuration (``[tool.reportcheck]`` / reportcheck.toml): where it is found, what each key does in the
findings stage and in extraction, and the one-line errors (exit code 2) for a bad file."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from reportcheck import exitcodes
from reportcheck import rules as R
from reportcheck.cli import app
from reportcheck.config import Config, ConfigError, find, load, parse
from reportcheck.extract.mentions import tokenizer, use_words
from reportcheck.pipeline import run

runner = CliRunner()
# RC101: 29 + 108 + 29 = 166, not 156
SUM_MISMATCH = "全年共受理信访事项156件，其中来信29件、来访108件、网上信访29件。\n"
# RC101 verified: 32 + 37 = 69
SUM_OK = "共收集意见建议69条，其中关于作风问题的32条、民生问题的37条。\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A folder of reports that is the current folder: new/ and legacy/ each with a sum that is wrong."""
    for d in ("new", "legacy"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "r.txt").write_text(SUM_MISMATCH, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _pyproject(root, body: str) -> None:
    (root / "pyproject.toml").write_text(f"[project]\nname = 'reports'\n\n[tool.reportcheck]\n{body}\n",
                                         encoding="utf-8")


def _check(*args):
    res = runner.invoke(app, ["check", *args, "--format", "json"])
    out = json.loads(res.stdout) if res.stdout.startswith("{") else None
    return res, out


def _findings(out) -> dict[str, list[tuple[str, str]]]:
    return {r["path"]: [(f["rule"], f["severity"]) for f in r["findings"]] for r in out["reports"]}


def test_found_in_a_parent_folder(project, monkeypatch):
    _pyproject(project, 'exclude = ["legacy/*"]')
    monkeypatch.chdir(project / "new")
    assert find() == project / "pyproject.toml"
    assert load().exclude == ("legacy/*",)


def test_reportcheck_toml_comes_first_and_pyproject_without_table_is_skipped(project):
    (project / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    assert find() is None and load() == Config()
    (project / "reportcheck.toml").write_text('fail-on = "warning"\n', encoding="utf-8")
    assert load().fail_on == "warning"


def test_rule_severity_and_off(project):
    _pyproject(project, '[tool.reportcheck.rules]\nsum-mismatch = "warning"')
    res, out = _check("new")
    assert res.exit_code == exitcodes.CLEAN
    assert _findings(out) == {"new/r.txt": [("RC101", "warning")]}
    _pyproject(project, '[tool.reportcheck.rules]\nRC101 = "off"')
    (project / "new" / "ok.txt").write_text(SUM_OK, encoding="utf-8")
    res, out = _check("new")
    assert res.exit_code == exitcodes.CLEAN
    assert all(not r["findings"] and all(v["rule"] != "RC101" for v in r["verified"]) for r in out["reports"])


def test_per_path_ignores(project):
    _pyproject(project, '[tool.reportcheck.per-path-ignores]\n"legacy/*" = ["RC101", "RC105"]')
    res, out = _check(".")
    assert res.exit_code == exitcodes.CONTRADICTIONS
    assert _findings(out) == {"legacy/r.txt": [], "new/r.txt": [("RC101", "error")]}


def test_include_and_exclude_apply_to_named_files_too(project):
    _pyproject(project, 'exclude = ["legacy/*"]')
    _res, out = _check(".", "legacy/r.txt")
    assert [r["path"] for r in out["reports"]] == ["new/r.txt"]
    _pyproject(project, 'include = ["legacy/*"]')
    _res, out = _check(".")
    assert [r["path"] for r in out["reports"]] == ["legacy/r.txt"]


def test_fail_on_from_the_configuration_and_the_option_wins(project):
    _pyproject(project, 'fail-on = "warning"\n[tool.reportcheck.rules]\nRC101 = "warning"')
    assert _check("new")[0].exit_code == exitcodes.CONTRADICTIONS
    assert _check("new", "--fail-on", "error")[0].exit_code == exitcodes.CLEAN


def test_explicit_config_file(project, tmp_path_factory):
    other = tmp_path_factory.mktemp("elsewhere") / "settings.toml"
    other.write_text('[rules]\nRC101 = "off"\n', encoding="utf-8")
    res, out = _check("new", "--config", str(other))
    assert res.exit_code == exitcodes.CLEAN and _findings(out) == {"new/r.txt": []}


@pytest.fixture
def words():
    yield
    use_words()  # the tokenizer is shared by the whole test session


def test_extra_words_reach_the_tokenizer(project, words):
    word = "双服务双促进"
    assert word not in tokenizer().lcut(f"开展{word}活动")
    _pyproject(project, f'extra-words = ["{word}"]')
    assert load().extra_words == (f"{word} n",)  # a bare word is a noun
    assert _check("new")[0].exit_code == exitcodes.CONTRADICTIONS
    run(["new"], config=load())  # in this process (the command extracts in worker processes)
    assert word in tokenizer().lcut(f"开展{word}活动")
    run(["new"])  # without a configuration, the domain dictionary alone
    assert word not in tokenizer().lcut(f"开展{word}活动")


def test_a_rule_that_cannot_explain_does_not_crash_the_run(project, monkeypatch):
    def boom(row):
        raise KeyError("total")

    monkeypatch.setattr(R.get("RC101").module, "explain", boom)
    res, out = _check("new")
    assert res.exit_code == exitcodes.CONTRADICTIONS
    (f,) = out["reports"][0]["findings"]
    assert f["rule"] == "RC101" and f["message"] == R.get("RC101").name
    assert "KeyError" in f["arithmetic"] and "Traceback" not in res.output


@pytest.mark.parametrize("body, message", [
    ('exlude = ["a"]', "tool.reportcheck.exlude: unknown key (did you mean 'exclude'?)"),
    ('include = "legacy/*"',
     "tool.reportcheck.include: must be a list of strings, not a string ('legacy/*')"),
    ("fail-on = 1", "tool.reportcheck.fail-on: must be one of error, warning, never, not 1"),
    ('rules = ["RC101"]', "tool.reportcheck.rules: must be a table of rule = level, not a list"),
    ('[tool.reportcheck.rules]\nRC999 = "off"', "tool.reportcheck.rules.RC999: no rule 'RC999'"),
    ('[tool.reportcheck.rules]\nRC101 = "fatal"',
     "tool.reportcheck.rules.RC101: must be one of error, warning, off"),
    ('[tool.reportcheck.per-path-ignores]\n"a/*" = "RC101"',
     'tool.reportcheck.per-path-ignores."a/*": must be a list of rules, not a string'),
    ('[tool.reportcheck.per-path-ignores]\n"a/*" = ["RC1"]', "per-path-ignores.\"a/*\": no rule 'RC1'"),
    ('extra-words = ["两个 词 语"]', "tool.reportcheck.extra-words: '两个 词 语' is not 'word'"),
    ("include = [", "pyproject.toml: invalid TOML"),
])
def test_bad_configuration_is_a_usage_error_naming_the_key(project, body, message):
    _pyproject(project, body)
    res = runner.invoke(app, ["check", "new"])
    assert res.exit_code == exitcodes.USAGE
    assert res.stderr.startswith("reportcheck: pyproject.toml: ") and message in res.stderr, res.stderr
    assert res.stderr.count("\n") == 1 and "Traceback" not in res.output


def test_config_errors_of_the_option(project):
    res = runner.invoke(app, ["check", "new", "--config", "missing.toml"])
    assert res.exit_code == exitcodes.USAGE and "missing.toml: cannot read" in res.stderr
    (project / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    res = runner.invoke(app, ["check", "new", "--config", "pyproject.toml"])
    assert res.exit_code == exitcodes.USAGE and "has no [tool.reportcheck] table" in res.stderr
    with pytest.raises(ConfigError, match=r"^x\.toml: must be a table, not a list$"):
        parse([], project / "x.toml")
