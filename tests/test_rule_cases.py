"""Rule cases as data (``tests/rules/<ID>.yml``): each ``fail_*`` snippet must give an error of its rule,
each ``pass_*`` snippet none. All snippets are checked in one run of the pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from reportcheck.pipeline import run

RULES = Path(__file__).parent / "rules"


def _cases() -> list[tuple[str, str, str]]:
    out = []
    for path in sorted(RULES.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for name, text in data["cases"].items():
            assert name.startswith(("pass_", "fail_")), f"{path.name}: {name} is neither pass_ nor fail_"
            out.append((data["rule"], name, text))
    return out


CASES = _cases()


@pytest.fixture(scope="module")
def errors(tmp_path_factory) -> dict[str, set[str]]:
    """Rules with an error finding, per case (``RULE/name``)."""
    folder = tmp_path_factory.mktemp("rule_cases")
    paths = {}
    for rule, name, text in CASES:
        path = folder / f"{rule}_{name}.txt"
        path.write_text(text + "\n", encoding="utf-8")
        paths[str(path)] = f"{rule}/{name}"
    result = run(sorted(paths))
    out = {}
    for report in result.reports:
        assert report.status != "error", report.error
        out[paths[str(report.path)]] = {f.rule for f in report.findings if f.severity == "error"}
    return out


@pytest.mark.parametrize(("rule", "name", "text"), CASES, ids=[f"{r}-{n}" for r, n, _ in CASES])
def test_rule_case(errors, rule, name, text):
    found = rule in errors[f"{rule}/{name}"]
    assert found == name.startswith("fail_"), (text, errors[f"{rule}/{name}"])
