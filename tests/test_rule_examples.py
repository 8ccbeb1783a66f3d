"""The meta-test over the rule registry: every rule's documented passing example verifies (a relation of
that rule checked and found right, and no error of it) and its failing example gives that rule's error,
run through the whole pipeline as a user would (``reportcheck rules ID`` shows these examples)."""

from __future__ import annotations

import pytest

from reportcheck import rules as R
from reportcheck.pipeline import run

RULES = R.all_rules()


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory) -> dict[str, tuple[set[str], set[str]]]:
    """(rules with an error, rules verified) per example file (``ID/pass`` or ``ID/fail``)."""
    folder = tmp_path_factory.mktemp("rule_examples")
    names = {}
    for rule in RULES:
        for kind, title in (("pass", "Passing example"), ("fail", "Failing example")):
            text = rule.section(title).strip()
            assert text, f"{rule.id} documents no {title.lower()}"
            # a table's example is its rows: .md keeps a pipe table a table
            suffix = ".md" if text.lstrip().startswith("|") else ".txt"
            path = folder / f"{rule.id}_{kind}{suffix}"
            path.write_text(text + "\n", encoding="utf-8")
            names[str(path)] = f"{rule.id}/{kind}"
    result = run(sorted(names))
    out = {}
    for report in result.reports:
        assert report.status != "error", report.error
        out[names[str(report.path)]] = ({f.rule for f in report.findings if f.severity == "error"},
                                        {f.rule for f in report.verified})
    return out


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_the_passing_example_verifies(outcomes, rule):
    errors, verified = outcomes[f"{rule.id}/pass"]
    assert rule.id not in errors
    assert rule.id in verified


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_the_failing_example_fails(outcomes, rule):
    errors, _ = outcomes[f"{rule.id}/fail"]
    assert rule.id in errors
