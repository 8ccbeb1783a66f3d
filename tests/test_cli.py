"""End-to-end CLI tests on the seed reports and on bad input (typer's CliRunner)."""

from __future__ import annotations

import json

from conftest import SEEDS, copied_checks
from typer.testing import CliRunner

from reportcheck import exitcodes
from reportcheck.cli import app

runner = CliRunner()


def _json_run(*args):
    res = runner.invoke(app, ["check", *args, "--format", "json"])
    return res, json.loads(res.stdout) if res.stdout.strip().startswith("{") else None


def test_seeds_have_exactly_the_one_known_error():
    res, out = _json_run(str(SEEDS))
    assert res.exit_code == exitcodes.CONTRADICTIONS, res.output
    assert out["schema"] == "reportcheck/v1"
    errors = [(r["path"], f) for r in out["reports"] for f in r["findings"] if f["severity"] == "error"]
    assert len(errors) == 1, errors
    path, f = errors[0]
    assert path.endswith("003_2a5315d4f9a02ca3.txt")
    assert f["rule"] == "RC105"
    text = (SEEDS / "003_2a5315d4f9a02ca3.txt").read_text(encoding="utf-8")
    # the finding points at the second 七是 (the one that should be 八是)
    second = text.index("七是", text.index("七是") + 1)
    assert f["start"] <= second < f["end"] or any(e["start"] == second for e in f["evidence"])
    line = text[:f["start"]].count("\n") + 1
    assert f["line"] == line


def test_seed_verified_relations_are_listed():
    _res, out = _json_run(str(SEEDS))
    arith = [v["arithmetic"] for r in out["reports"] for v in r["verified"]]
    assert any("137" in a and "113" in a and "10" in a and "14" in a for a in arith), arith
    assert any("59" in a and "51" in a and "8" in a for a in arith), arith


def test_every_finding_is_traceable():
    _res, out = _json_run(str(SEEDS))
    for r in out["reports"]:
        text = (SEEDS / r["path"].split("/")[-1]).read_text(encoding="utf-8")
        for f in r["findings"] + r["verified"]:
            assert 0 <= f["start"] < f["end"] <= len(text)
            assert f["line"] == text[: f["start"]].count("\n") + 1
            for e in f["evidence"]:
                assert text[e["start"]: e["end"]] == e["text"]


def test_missing_path_is_a_usage_error(tmp_path):
    res = runner.invoke(app, ["check", str(tmp_path / "nope.txt")])
    assert res.exit_code == exitcodes.USAGE
    assert "nope.txt" in res.output and "Traceback" not in res.output


def test_bad_report_does_not_hide_the_others(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00binary")
    (tmp_path / "good.txt").write_text("共收集意见建议69条，其中作风问题32条、民生问题37条。", encoding="utf-8")
    res, out = _json_run(str(tmp_path))
    assert res.exit_code == exitcodes.USAGE
    status = {r["path"].split("/")[-1]: r["status"] for r in out["reports"]}
    assert status == {"bad.txt": "error", "good.txt": "passed"}
    good = next(r for r in out["reports"] if r["path"].endswith("good.txt"))
    assert any(v["rule"] == "RC101" for v in good["verified"])


def test_contradiction_exit_code_and_terminal_format(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text("全年共受理信访事项156件，其中来信29件、来访108件、网上信访29件。", encoding="utf-8")
    res = runner.invoke(app, ["check", str(p)])
    assert res.exit_code == exitcodes.CONTRADICTIONS
    assert f"{p}:1:" in res.output and "RC101" in res.output
    assert "156件 ≠ 29件 + 108件 + 29件 = 166件" in res.output
    assert runner.invoke(app, ["check", str(p), "--fail-on", "never"]).exit_code == exitcodes.CLEAN


def test_broken_suite_is_a_usage_error(tmp_path):
    checks, suite = copied_checks(tmp_path, "part_whole.json", lambda data: data["expectations"].append(
        {"type": "expect_column_values_to_be_awesome", "kwargs": {"column": "part"}, "meta": {"rule": "RC102"}}))
    res = runner.invoke(app, ["check", str(SEEDS), "--checks", str(checks)])
    assert res.exit_code == exitcodes.USAGE
    assert "part_whole.json" in res.output and "expect_column_values_to_be_awesome" in res.output
    suite.write_text("{not json", encoding="utf-8")
    res = runner.invoke(app, ["check", str(SEEDS), "--checks", str(checks)])
    assert res.exit_code == exitcodes.USAGE and "invalid JSON" in res.output


def test_extract_writes_one_csv_per_table(tmp_path):
    import pandas as pd

    from reportcheck import schema

    res = runner.invoke(app, ["extract", str(SEEDS), "--out", str(tmp_path / "facts"), "--format", "csv"])
    assert res.exit_code == 0, res.output
    for name in schema.TABLES:
        df = pd.read_csv(tmp_path / "facts" / f"{name}.csv")
        assert list(df.columns[: len(schema.PROVENANCE)]) == schema.PROVENANCE
    m = pd.read_csv(tmp_path / "facts" / "mentions.csv")
    assert len(m) > 100
    assert {p.split("/")[-1] for p in m["report"]} == {p.name for p in SEEDS.glob("*.txt")}
    assert (m["start"] < m["end"]).all() and (m["line"] >= 1).all()


def test_rules_listing_and_explain():
    res = runner.invoke(app, ["rules"])
    assert res.exit_code == 0 and res.output.count("\nRC1") + res.output.startswith("RC1") >= 10
    res = runner.invoke(app, ["rules", "RC105"])
    assert res.exit_code == 0 and "What it checks" in res.output
    assert runner.invoke(app, ["rules", "RC999"]).exit_code == exitcodes.USAGE
