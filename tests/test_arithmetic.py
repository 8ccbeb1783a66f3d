"""Arithmetic in the writer's terms: amounts in the unit and scale they are written in (万元 stays 万元),
a fall told as a fall, an interval only where a figure is approximate."""

from __future__ import annotations

import pytest

import reportcheck
from reportcheck.config import Config
from reportcheck.rules import amount, amount_range, written

TEXT = """全县“三公”经费由312.6万元下降到196.4万元，下降了106.2万元。
会议数量由120次减少到94次，同比下降21.4%。
公务用车由463辆减少到392辆，减少71辆。
全县共投入资金2.8万元，其中县级1.5万元、乡级1.5万元。
共受理投诉200件，已办结180件，办结率95%。
共受理投诉300余件，已办结180件，办结率95%。
"""


@pytest.fixture(scope="module")
def relations(tmp_path_factory):
    path = tmp_path_factory.mktemp("arith") / "r.txt"
    path.write_text(TEXT, encoding="utf-8")
    (report,) = reportcheck.check(path, config=Config()).reports
    return {(f.rule, f.line): f for f in report.findings + report.verified}


def test_a_fall_in_wan_yuan_stays_in_wan_yuan(relations):
    f = relations[("RC109", 1)]
    assert f.severity == "error"
    assert f.arithmetic == "312.6万元 → 196.4万元: fell 116.2万元; the text says fell 106.2万元"
    assert "-1163000" not in f.arithmetic + f.message and "[" not in f.arithmetic


def test_a_percentage_fall_is_a_fall(relations):
    f = relations[("RC109", 2)]
    assert f.arithmetic == "120次 → 94次: fell 21.7%; the text says fell 21.4%"
    assert f.message == "the text says fell 21.4%, but 120次 → 94次 fell 21.7%"


def test_an_agreeing_change(relations):
    f = relations[("RC109", 3)]
    assert f.severity == "pass" and f.arithmetic == "463辆 → 392辆: fell 71辆 = fell 71辆"


def test_sums_in_the_totals_terms(relations):
    f = relations[("RC101", 4)]
    assert f.arithmetic == "2.8万元 ≠ 1.5万元 + 1.5万元 = 3万元"


def test_intervals_only_where_the_text_is_approximate(relations):
    assert relations[("RC107", 5)].arithmetic == "180件 / 200件 = 90% ≠ 95%"
    assert relations[("RC107", 6)].arithmetic == "180件 / 300余件 = 45–60% ≠ 95%"


def test_written_and_amounts():
    assert written("106.2万元").scale == "万" and written("106.2万元").unit == "元"
    assert written("300余条").approx and not written("137条").approx
    assert amount(1162000, "106.2万元") == "116.2万元"
    assert amount(125000000, "1.2亿元") == "1.2亿元" and amount(71, "81辆") == "71辆"
    assert amount_range(300, 400, "300余条") == "300–400条"
