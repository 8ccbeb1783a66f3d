"""The findings stage's own steps, on findings made by hand."""

from __future__ import annotations

from reportcheck.findings import Finding, _drop_shadowed


def _f(rule: str, *evidence: tuple[str, int, int]) -> Finding:
    return Finding(rule, "n", "error", "m", "", "r.txt", 1, 1, 1, 2, evidence[0][1], evidence[0][2], "x",
                   evidence=[{"role": role, "start": s, "end": e, "text": "1"} for role, s, e in evidence])


def test_a_sum_yields_to_the_part_that_exceeds_its_whole_and_only_there():
    # RC101 yields to RC102 where its total is RC102's whole (rules/rc101_sum_mismatch.py, YIELDS_TO)
    whole = _f("RC102", ("part", 10, 12), ("whole", 0, 2))
    shadowed = _f("RC101", ("total", 0, 2), ("part", 10, 12))
    kept = [_f("RC101", ("total", 100 + k, 102 + k), ("part", 0, 2)) for k in range(0, 2000, 10)]
    not_a_whole = _f("RC101", ("total", 10, 12))  # at RC102's part, not its whole
    unknown = _f("RC999", ("total", 0, 2))
    findings = [shadowed, whole, *kept, not_a_whole, unknown]
    _drop_shadowed(findings)
    assert findings == [whole, *kept, not_a_whole, unknown]
    alone = [_f("RC101", ("total", 0, 2))]  # nothing to yield to
    _drop_shadowed(alone)
    assert len(alone) == 1


def test_a_rule_message_tells_the_suites_verdict_not_one_worked_out_again():
    from reportcheck.rules import meets

    row = {"stated_low": 95.0, "stated_high": 95.0, "computed_low": 95.0, "computed_high": 95.0}
    assert meets(row, "stated", "computed")  # explained outside a validation: the comparison itself
    assert not meets({**row, "gx_failed": True}, "stated", "computed")  # GX rejected the row
    assert meets({**row, "computed_low": 90.0, "computed_high": 90.0, "gx_failed": False}, "stated", "computed")
