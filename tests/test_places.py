"""Every finding carries every place it rests on, each with its line and column: both statements of a
repeat, the announcement and each marker of its sequence, a rate and its counts, both markers of a
duplicate; the text, SARIF and JSON outputs show them all."""

from __future__ import annotations

import json

import pytest

import reportcheck
from reportcheck.config import Config
from reportcheck.report import render

TEXT = """本年度走访农户2140户，收集意见建议86条。
各乡镇认真开展回访工作。
在走访的2410户农户中，多数反映良好。
重点抓好四个方面：一是抓学习；二是抓整改；三是抓制度。
共受理投诉200件，已办结180件，办结率95%。
一是加强学习。二是改进作风。二是完善制度。
"""


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    path = tmp_path_factory.mktemp("places") / "r.txt"
    path.write_text(TEXT, encoding="utf-8")
    return reportcheck.check(path, config=Config())


def _at(text: str, line: int, column: int) -> int:
    return sum(len(x) + 1 for x in text.split("\n")[:line - 1]) + column - 1


def test_each_place_with_its_line_and_column(run):
    (report,) = run.reports
    roles = {f.rule: [(e["role"], e["text"]) for e in f.evidence] for f in report.findings}
    assert roles["RC103"] == [("first", "2140户"), ("second", "2410户")]
    assert roles["RC106"] == [("stated", "重点抓好四个方面"), ("item", "一是"), ("item", "二是"), ("item", "三是")]
    assert sorted(roles["RC107"]) == [("denominator", "200件"), ("numerator", "180件"), ("rate", "95%")]
    assert roles["RC105"] == [("previous", "二是"), ("marker", "二是")]
    for f in report.findings + report.verified:
        for e in f.evidence:
            at = _at(TEXT, e["line"], e["column"])
            assert at == e["start"] and TEXT[at:at + len(e["text"])] == e["text"], e
            assert (e["end_line"], e["end_column"]) == (e["line"], e["column"] + len(e["text"]))


def test_text_shows_the_places_outside_the_sentence(run):
    text = render("text", run)
    assert "  = previous 二是 at 6:8" in text  # the earlier marker of the duplicate
    repeat = text[text.index("RC103"):text.index("RC106")]
    assert repeat.count("^^^^^^") == 2  # both statements, each underlined in its line


def test_sarif_related_locations_have_regions(run):
    doc = json.loads(render("sarif", run))
    dup = next(r for r in doc["runs"][0]["results"] if r["ruleId"] == "RC105")
    regions = [(x["message"]["text"], x["physicalLocation"]["region"]) for x in dup["relatedLocations"]]
    assert [m for m, _ in regions] == ["previous: 二是", "marker: 二是"]
    assert [(r["startLine"], r["startColumn"], r["endLine"], r["endColumn"]) for _, r in regions] == \
        [(6, 8, 6, 10), (6, 15, 6, 17)]
    assert all("charOffset" in r and r["charLength"] == 2 for _, r in regions)


def test_json_evidence_has_lines(run):
    doc = json.loads(render("json", run))
    ev = next(f for f in doc["reports"][0]["findings"] if f["rule"] == "RC103")["evidence"]
    assert [(e["line"], e["column"]) for e in ev] == [(1, 8), (3, 5)]
