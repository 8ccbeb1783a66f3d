"""Dates and RC110 on sentences written for the tests: the report's own date as a reader infers it, the
tense of a dated event (done, planned, a schedule), years of dates written without one, and the rule's
documented examples run through ``check``."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import answer_keys, shared_dir

from reportcheck import rules as R
from reportcheck.extract.dates import parse_date, report_date
from reportcheck.factsheet import extract_document
from reportcheck.ingest import from_text
from reportcheck.pipeline import run


def _o(y: int, m: int, d: int) -> int:
    return dt.date(y, m, d).toordinal()


def dates(text: str):
    return extract_document(from_text(text)).tables["dates"]


def row(text: str, raw: str):
    df = dates(text)
    rows = df[df["raw"].str.endswith(raw)]  # an end's row spans from its start
    assert len(rows) == 1, df[["raw", "role", "done", "planned"]]
    return rows.iloc[0]


def rc110(tmp_path, text: str) -> list:
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    (report,) = run([path]).reports
    return [f for f in report.findings if f.rule == "RC110"]


# ------------------------------------------------------------------------------- the report's own date
@pytest.mark.parametrize("text, day", [
    # a line that is only the date, in brackets, under the title
    ("关于全镇防汛工作的情况汇报\n（2016年3月8日）\n今年入汛以来，全镇未发生险情。", (2016, 3, 8)),
    # the meeting the report was given at
    ("政府工作报告\n——2016年2月20日在青禾县第十届人民代表大会第三次会议上\n各位代表：", (2016, 2, 20)),
    # the speaker between the date and the meeting
    ("政府工作报告\n——2016年2月20日县长李某在青禾县第十届人民代表大会第三次会议上的讲话\n各位代表：", (2016, 2, 20)),
    # the issuing office before the date, and a date before where the text came from
    ("全县工业运行简析\n青禾县统计局2018年10月25日\n前三季度，全县工业平稳运行。", (2018, 10, 25)),
    ("全县秋粮收购进展\n2019年10月16日来源：青禾县融媒体中心\n秋粮收购已过半。", (2019, 10, 16)),
    # the date a document was adopted on
    ("青禾县第五次代表大会决议\n（2021年6月30日青禾县第五次代表大会通过）\n大会审议通过了工作报告。", (2021, 6, 30)),
    # a dated heading written with dashes, and a signature date at the end
    ("推进会召开\n【2014-4-18】【来源：县委办】\n4月17日，全县召开推进会。", (2014, 4, 18)),
    ("全年工作总结\n一年来，各项工作稳步推进。\n青禾县交通运输局\n2017年12月28日", (2017, 12, 28)),
])
def test_a_date_line_is_the_reports_own_day(text, day):
    normalised = from_text(text).text
    rd = report_date(normalised)
    assert rd is not None and rd.low == rd.high == _o(*day)
    assert parse_date(normalised[rd.start: rd.end])[:3] == day
    # its row is the report's date, not an event checked against it
    df = dates(text)
    assert df[df["role"] == "report"]["low"].tolist() == [_o(*day)]


@pytest.mark.parametrize("text", [
    # an event in the first lines is not a date line
    "巡察整改情况的报告\n2017年3月10日至5月10日，县委巡察组对我局开展了巡察。\n现将整改情况报告如下。",
    "简报\n2015年2月25日，县里召开会议，部署全年工作。",
    # the title year of another genre says what the report is about, not when it was written
    "青禾县交通运输局2015年工作总结\n2015年，全局各项工作取得新进展。",
    "关于2019年计划执行情况与2020年计划草案的报告\n各位代表：",
])
def test_no_report_date_from_an_event_or_a_title_year_of_another_genre(text):
    assert report_date(from_text(text).text) is None


def test_a_government_work_report_dated_by_its_title_year_is_given_in_its_first_quarter():
    rd = report_date(from_text("2012年青禾县政府工作报告\n各位代表：\n过去一年，全县生产总值增长9%。").text)
    assert (rd.low, rd.high) == (_o(2012, 1, 1), _o(2012, 3, 31))
    # the other reports to the congress's annual session are read the same way
    rd = report_date(from_text("2012年青禾县人民法院工作报告\n各位代表：").text)
    assert (rd.low, rd.high) == (_o(2012, 1, 1), _o(2012, 3, 31))
    # before the people's congresses met in the first quarter every year, only the year is known
    rd = report_date(from_text("1982年青禾县政府工作报告\n各位代表：").text)
    assert (rd.low, rd.high) == (_o(1982, 1, 1), _o(1982, 12, 31))


def test_results_for_a_part_of_the_year_put_the_report_after_it():
    text = "2012年青禾县政府工作报告\n各位代表：\n今年上半年，全县生产总值同比增长8%。"
    rd = report_date(from_text(text).text)
    assert (rd.low, rd.high) == (_o(2012, 6, 30), _o(2012, 12, 31))
    # a target for a part of the year is not a result
    for target in ("今年上半年要完成投资20亿元。", "今年上半年，全县生产总值预期增长7%左右。"):
        rd = report_date(from_text("2012年青禾县政府工作报告\n" + target).text)
        assert rd.high == _o(2012, 3, 31), target


def test_a_schedule_of_the_report_year_closes_its_range_before_it():
    text = "2012年青禾县政府工作报告\n各位代表：\n今年2月10日，县里将召开招商大会。"
    assert row(text, "2月10日")["report_ord"] == _o(2012, 2, 10)
    # a plan without a date said to come is no schedule
    text = "2012年青禾县政府工作报告\n各位代表：\n今年要在2月10日前完成清欠。"
    assert row(text, "2月10日")["report_ord"] == _o(2012, 3, 31)


# ------------------------------------------------------------------------------------------ tense
GWR = "2013年青禾县政府工作报告\n各位代表：\n2010年以来，全县经济稳步增长。"


@pytest.mark.parametrize("sentence, raw, done, planned", [
    # a date that only frames its clause dates the clause after it
    ("今年4月3日，县城发生一场大风灾害。", "4月3日", True, False),
    ("从今年1月1日起，全县提高了城乡低保标准。", "1月1日", True, False),
    ("特别是进入今年2月中旬，全县又连降了两场大雪。", "2月中旬", True, False),
    ("从2013年1月1日起，全县低保标准已提高到每月300元。", "2013年1月1日", True, False),
    # a rule in force from a date is not told as done without 已 or 了
    ("从2013年1月1日起，全县低保标准提高到每月300元。", "2013年1月1日", False, False),
    ("本办法自2013年7月1日起施行。", "2013年7月1日", False, True),
    # a meeting decided in advance is a schedule; the same meeting told as held is done
    ("会议决定，县第五次代表大会于2013年5月8日在县城召开。", "2013年5月8日", False, True),
    ("县第四次代表大会于2012年11月20日在县城召开。", "2012年11月20日", True, False),
    ("今年10月1日，县城将迎来建县六十周年。", "10月1日", False, True),
    # an anniversary is not an event told as done
    ("今年10月1日是青禾县成立六十周年纪念日。", "10月1日", False, False),
    # a suggestion followed is no decision about the clauses after it
    ("根据市里的建议，今年2月，县政府提出了调整方案。", "2月", True, False),
])
def test_tense_of_a_dated_event(sentence, raw, done, planned):
    r = row(GWR + sentence, raw)
    assert (bool(r["done"]), bool(r["planned"])) == (done, planned)


@pytest.mark.parametrize("sentence, raw, year", [
    # 今年 is the report's year, not the last year named
    ("今年3月1日，县里召开了动员大会。", "3月1日", 2013),
    # dates after a relative one are in its year
    ("去年10月、11月，县里先后召开了两次专题会议。", "11月", 2012),
    # a date without a year takes the year named before it
    ("2011年5月，县里成立了开发区管委会。", "2011年5月", 2011),
])
def test_the_year_of_a_date(sentence, raw, year):
    assert row(GWR + sentence, raw)["year"] == year


def test_an_end_without_its_year_in_an_earlier_month_is_in_the_next_year():
    r = row("2018年全县冬季安全生产大检查于11月启动，2月结束。", "2月")
    assert r["start_low"] >= 0 and r["high"] >= r["start_low"]
    # not when the report is dated before that next year's month: then it ends before it starts
    r = row("全年工作总结\n（2018年12月20日）\n全县安全生产大检查于5月启动，2月结束。", "2月")
    assert r["start_low"] >= 0 and r["high"] < r["start_low"]


# ------------------------------------------------------------------------------------- RC110 findings
@pytest.mark.parametrize("sentence", [
    "今年5月6日，县城发生了一次内涝。",                       # this year told as past, in a March report
    "从今年7月1日起，全县提高了城乡居民基础养老金。",
    "从2013年8月1日起，全县城乡低保标准已由每月260元提高到300元。",
    "2013年6月，县里成立了文化旅游发展集团。",
])
def test_an_event_told_as_done_after_a_first_quarter_report_is_an_error(tmp_path, sentence):
    (f,) = rc110(tmp_path, GWR + sentence)
    assert f.severity == "error" and "政府工作报告 of 2013" in f.arithmetic


@pytest.mark.parametrize("sentence", [
    "去年5月6日，县城发生了一次内涝。",
    "今年1月20日，县里召开了经济工作会议。",                  # within the first quarter
    "今年7月1日，县城将举行建县六十周年庆祝活动。",          # a plan
    "会议决定，县第五次代表大会于2013年9月8日召开。",          # a schedule
    "本办法自2013年7月1日起施行。",                          # a rule taking effect
    "从2013年7月1日起，全县低保标准提高到每月300元。",        # a rule in force, not told as done
])
def test_no_rc110_on_what_a_reader_reads_as_consistent(tmp_path, sentence):
    assert [f for f in rc110(tmp_path, GWR + sentence) if f.severity == "error"] == []


def test_a_report_giving_results_for_half_its_year_may_tell_a_spring_event_as_done(tmp_path):
    text = GWR + "今年上半年，全县财政收入同比增长6%。今年4月8日，县里召开了项目推进会。"
    assert rc110(tmp_path, text) == []
    # a date told as done after the end of the report's year is still an error
    (f,) = rc110(tmp_path, text + "2014年2月，新区建成投产了。")
    assert f.severity == "error" and "results for 今年上半年" in f.arithmetic


def test_a_communique_may_schedule_a_meeting_after_its_own_date(tmp_path):
    text = ("青禾县委全会公报\n（2022年9月20日中国共产党青禾县第五届委员会第三次全体会议通过）\n"
            "全会于2022年9月19日至20日在县城举行。全会决定，县第六次党代会于2022年10月26日在县城召开。")
    assert rc110(tmp_path, text) == []
    (f,) = rc110(tmp_path, text.replace("全会决定，县第六次党代会于2022年10月26日在县城召开", "县第六次党代会于2022年10月26日在县城召开了"))
    assert f.severity == "error"


def test_a_date_whose_year_is_a_guess_gives_a_warning(tmp_path):
    text = "全县秋粮收购进展\n（2013年3月1日）\n2014年计划新建粮库三座。5月8日，县里召开了粮食工作会议。"
    (f,) = rc110(tmp_path, text)
    assert f.severity == "warning"


# -------------------------------------------------------------------------- the documented examples
def test_the_documented_examples_pass_and_fail_as_documented(tmp_path):
    rule = R.get("RC110")
    good, bad = rule.section("Passing example"), rule.section("Failing example")
    assert good and bad
    for name, text in (("good.txt", good), ("bad.txt", bad)):
        (tmp_path / name).write_text(text + "\n", encoding="utf-8")
    result = run([tmp_path / "good.txt", tmp_path / "bad.txt"])
    good_report, bad_report = sorted(result.reports, key=lambda r: r.path)[::-1]
    assert good_report.path.endswith("good.txt") and bad_report.path.endswith("bad.txt")
    assert not good_report.findings
    assert any(v.rule == "RC110" for v in good_report.verified)
    errors = [f for f in bad_report.findings if f.rule == "RC110" and f.severity == "error"]
    assert len(errors) == 2  # an end before its start, a meeting held after the report's date


# ------------------------------------------------------------------------------ real prose (../shared)
def test_every_injected_date_order_in_the_mutated_real_excerpts_is_an_rc110_error():
    """The answer keys' date_order contradictions (a date moved after the report's own date in real
    report excerpts) are each found, and nothing else in those excerpts is an RC110 error (their plans,
    such as an event of the report's year told with 将, are not)."""
    keys = answer_keys(shared_dir("corpus", "mutated"))
    wanted = [(p, c["anchor"]) for p, k in keys for c in k["contradictions"] if c["kind"] == "date_order"]
    assert wanted
    result = run(sorted({p for p, _ in wanted}))
    spans = {}
    for path, anchor in wanted:
        at = path.read_text(encoding="utf-8").index(anchor)
        spans.setdefault(str(path), []).append((at, at + len(anchor)))
    for report in result.reports:
        errors = [f for f in report.findings if f.rule == "RC110" and f.severity == "error"]
        # each injected date is found, and nothing else is an RC110 error
        for lo, hi in spans[report.path]:
            assert any(f.start < hi and lo < f.end for f in errors), (report.path, lo)
        for f in errors:
            assert any(f.start < hi and lo < f.end for lo, hi in spans[report.path]), f
