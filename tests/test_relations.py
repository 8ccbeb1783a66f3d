"""Relation extraction on short sentences written for the tests: each pattern reportcheck understands,
with a consistent (pass) and an inconsistent (fail) form where the pattern has one."""

from __future__ import annotations

import json

import pytest

from reportcheck.factsheet import extract_document
from reportcheck.ingest import from_text


def tables(text: str):
    return extract_document(from_text(text)).tables


def members(row) -> dict[str, str]:
    return {m["role"]: m["text"] for m in json.loads(row["members"])}


def overlaps(row) -> bool:
    return row["stated_high"] >= row["computed_low"] and row["computed_high"] >= row["stated_low"]


def reachable(row) -> bool:
    """The rates suite's GRIM test on one row (reportcheck.gx_expectations)."""
    from reportcheck.gx_expectations import reachable_share

    return bool(reachable_share(row["stated_low"], row["stated_high"], row["denominator"]))


# ------------------------------------------------------------------------------------------- changes
@pytest.mark.parametrize("text, before, after, change, ok", [
    # the comparison base in the same clause as the change
    ("全年共发生安全事故9起，比上年的11起减少2起。", "11起", "9起", "2起", True),
    ("全年共发生安全事故9起，比上年的11起减少3起。", "11起", "9起", "3起", False),
    ("全区用电量3.86亿千瓦时，比去年同期的3.42亿千瓦时增长12.9%。", "3.42亿千瓦时", "3.86亿千瓦时", "12.9%", True),
    ("全区用电量3.86亿千瓦时，比去年同期的3.42亿千瓦时增长15.6%。", "3.42亿千瓦时", "3.86亿千瓦时", "15.6%", False),
    # 由每月… / 由平均… before values, 调整为年末的 after values
    ("村干部补贴由每月1500元提高到2000元，每月提高500元。", "1500元", "2000元", "500元", True),
    ("用房面积由平均150平方米提高到240平方米，平均提高90平方米。", "150平方米", "240平方米", "90平方米", True),
    ("低保对象由年初的420户调整为年末的385户，减少35户。", "420户", "385户", "35户", True),
    ("低保对象由年初的420户调整为年末的385户，减少45户。", "420户", "385户", "45户", False),
    # 名义增长 is the same subject
    ("人均收入由9000元增加到9450元，名义增长5%。", "9000元", "9450元", "5%", True),
])
def test_change_rows(text, before, after, change, ok):
    df = tables(text)["changes"]
    rows = [r for _, r in df.iterrows() if members(r).get("change") == change]
    assert len(rows) == 1, df
    row = rows[0]
    assert members(row)["before"] == before and members(row)["after"] == after
    assert overlaps(row) is ok


def test_a_percentage_after_an_absolute_change_uses_the_same_figures():
    df = tables("全年受理信访360件，较上年的400件减少40件，下降10.0%。")["changes"]
    assert sorted(members(r)["change"] for _, r in df.iterrows()) == ["10.0%", "40件"]
    assert all(overlaps(r) for _, r in df.iterrows())


def test_current_figure_in_the_sentence_before_is_an_uncertain_link():
    df = tables("全年共受理群众来信来访900件。受理总量较上年的1000件减少100件。")["changes"]
    assert len(df) == 1
    row = df.iloc[0]
    assert members(row)["after"] == "900件" and not row["certain"]


def test_another_subject_is_not_a_change_of_the_figures_before():
    df = tables("会议由30个精简到20个，印发文件减少35%。")["changes"]
    assert [members(r)["change"] for _, r in df.iterrows()] == []


# ------------------------------------------------------------------------------------------- repeats
@pytest.mark.parametrize("text, rows, certain_fail", [
    # transposed digits under the same verb and noun: a sure contradiction
    ("今年走访农户2140户。在走访的2410户农户中，多数表示满意。", 1, True),
    # one digit changed in a figure of three digits
    ("全年接待来访群众352人次。镇领导接待的358人次来访群众中，多数反映土地问题。", 1, True),
    # far-apart figures under the same words are different populations: no row
    ("今年投资项目30个，完成投资4.6亿元。二期工程完成投资9.1亿元。", 0, False),
    # restated status set: 正在整改13个 … 正在整改的13个问题
    ("已整改到位39个，正在整改13个。力争年底前完成正在整改的13个问题。", 1, False),
    # on the basis of a past figure
    ("全年新增就业1286人。要在今年新增就业1286人的基础上继续努力。", 1, False),
])
def test_repeat_rows(text, rows, certain_fail):
    df = tables(text)["repeats"]
    assert len(df) == rows, df
    if rows:
        row = df.iloc[0]
        agree = row["second_high"] >= row["first_low"] and row["first_high"] >= row["second_low"]
        assert (not agree and bool(row["certain"])) is certain_fail


# ------------------------------------------------------------------------------------------- rates
def test_rate_with_the_verb_in_the_other_order():
    df = tables("发放问卷800份，收回760份，回收率95%。")["rates"]
    row = df.iloc[0]
    assert members(row) == {"numerator": "760份", "denominator": "800份", "rate": "95%"}
    assert overlaps(row)


def test_completion_of_a_plan_may_exceed_100_percent():
    df = tables("全年完成投资9.6亿元，完成年度计划8.5亿元的112.9%。")["rates"]
    row = df.iloc[0]
    assert members(row)["denominator"] == "8.5亿元" and members(row)["numerator"] == "9.6亿元"
    assert overlaps(row) and bool(row["can_exceed_100"])


def test_share_of_a_named_base_in_another_unit():
    df = tables("确定调研课题40个，已形成调研报告30篇，占课题总数的75%。")["rates"]
    assert df.empty or not df["certain"].any() or overlaps(df.iloc[0])


def test_shares_listed_after_their_base_count_are_checked_but_uncertain():
    df = tables("选举产生村“两委”成员250人，女性占31.2%，大专以上学历占40.4%。")["rates"]
    assert len(df) == 2
    assert set(df["denominator"]) == {250.0}
    assert not df["certain"].any()
    # 31.2% of 250 is 78 people; 40.4% is 101
    assert all(reachable(row) for _, row in df.iterrows())


def test_items_of_one_list_are_not_a_part_and_its_whole():
    df = tables("共办复人大代表建议84件、政协委员提案65件，办复率100%。")["rates"]
    assert df.empty


def test_durations_are_not_counts():
    df = tables("两年实际完成的投资额，占五年投资总额的百分之三十二。")["rates"]
    assert df.empty


# ------------------------------------------------------------------------------------------- breakdowns
def test_an_average_is_not_a_whole_of_its_parts():
    t = tables("近三年年均超收200亿元，其中去年超收260亿元。")
    assert t["part_whole"].empty


def test_a_whole_and_its_parts_after_qizhong():
    t = tables("全年共受理信访事项1200件，其中来信300件、来访600件、网上信访300件。")
    row = t["breakdowns"].iloc[0]
    assert row["total"] == 1200 and row["parts_sum"] == 1200


# ------------------------------------------------------------------------------------------- slogans
def test_slogan_counts_the_one_x_items_after_it():
    t = tables("开展“三个一”活动。组织一次走访，开展一次义诊，举办一次培训。")
    row = t["announced"].iloc[0]
    assert row["stated"] == 3 and row["items"] == 3
    assert not row["certain"]
    # found by wording alone, a disagreeing count is no evidence: no row
    t = tables("开展“四个一”活动。组织一次走访，开展一次义诊，举办一次培训。")
    assert t["announced"].empty


def test_base_stated_with_zhong_is_a_sure_grim_base():
    df = tables("全镇14名村干部中，大专以上学历的占35.0%。")["rates"]
    row = df.iloc[0]
    assert row["denominator"] == 14 and bool(row["certain"])
    assert not reachable(row)  # 5/14 = 35.7%, 4/14 = 28.6%
    df = tables("全镇14名村干部中，大专以上学历的占35.7%。")["rates"]
    assert reachable(df.iloc[0])


def test_a_share_above_100_percent_needs_no_base():
    df = tables("调查户中，有外出务工人员的家庭占比达到108%。")["rates"]
    row = df.iloc[0]
    assert len(df) == 1 and row["form"] == "share" and not row["can_exceed_100"] and row["stated_low"] > 100
    assert bool(row["certain"])
    df = tables("全年完成投资12亿元，占年度计划的108%。")["rates"]
    assert df["can_exceed_100"].astype(bool).all()


# ------------------------------------------------------------------------------------------- dates
@pytest.mark.parametrize("sentence, done", [
    ("12月26日，局党组召开了专题民主生活会。", True),
    ("12月26日，局机关以第一名的成绩通过了年度目标考核。", True),
    ("12月26日，局党组将召开专题民主生活会。", False),
    ("12月26日前，要完成全部整改任务。", False),
])
def test_a_date_alone_in_its_clause_dates_the_clause_after_it(sentence, done):
    df = tables("关于主题教育的工作总结\n2019年12月20日\n" + sentence)["dates"]
    row = df[df["raw"].str.startswith("12月26")].iloc[0]
    assert bool(row["done"]) is done


# ------------------------------------------------------------------------------------------- status runs
def test_a_whole_and_the_part_done_so_far():
    t = tables("镇里梳理出民生实事清单30项，目前已完成24项，完成率85%。")
    pw = t["part_whole"]
    assert len(pw) == 1 and pw.iloc[0]["whole"] == 30 and pw.iloc[0]["part"] == 24
    rate = t["rates"].iloc[0]
    assert rate["denominator"] == 30 and not overlaps(rate)  # 24 / 30 = 80%
    # 已经有 is not a part done of the figure before
    t = tables("学生一九五二年有十九万人，到了一九五七年已经有四十四万人。")
    assert t["part_whole"].empty


def test_a_status_run_breaks_down_the_figure_that_names_what_it_acts_on():
    text = ("县委制定整改方案，细化为40项具体整改任务，明确责任单位。县委常委会先后6次听取汇报。"
            "县委还建立了周调度制度。\n截至8月底，已完成整改30项，基本完成6项，正在推进5项。")
    row = tables(text)["breakdowns"].iloc[0]
    assert row["total"] == 40 and row["parts_sum"] == 41 and bool(row["certain"])


def test_status_run_after_the_sentence_of_its_whole():
    row = tables("经梳理，形成需整改的问题30个。截至6月底，已整改到位20个，正在整改7个，需长期整改3个。")["breakdowns"].iloc[0]
    assert row["total"] == 30 and row["parts_sum"] == 30 and bool(row["certain"])


def test_a_sub_units_figure_is_checked_against_the_whole_near_it():
    t = tables("全县共清退超标办公用房3640平方米，城关镇一个镇就清退820平方米。")
    row = t["part_whole"].iloc[0]
    assert (row["form"], row["whole"], row["part"], bool(row["certain"])) == ("subunit", 3640, 820, False)
    t = tables("镇里共收集意见建议418条。石桥村一个村就收集意见建议56条。")
    assert t["part_whole"].iloc[0]["whole"] == 418
    # per-head figures are no wholes
    t = tables("全县人均收入21436元。石桥村一个村就人均收入9872元。")
    assert t["part_whole"].empty


def test_a_rate_with_its_counts_stated_elsewhere_in_the_report():
    text = ("全年共受理群众信访事项1200件。\n坚持领导接访制度，县领导接访86次。\n开通网上信访渠道。\n"
            "严格落实首办责任。\n全年办结信访事项1150件，按期办结率92.0%。")
    row = tables(text)["rates"].iloc[0]
    assert members(row) == {"numerator": "1150件", "denominator": "1200件", "rate": "92.0%"}
    assert not overlaps(row) and not row["certain"]  # 1150 / 1200 = 95.8%: a warning, the link is far


def test_a_part_that_the_whole_already_has():
    row = tables("提出的40条对策建议已有31条落地见效。")["part_whole"].iloc[0]
    assert (row["whole"], row["part"], bool(row["certain"])) == (40, 31, True)
    assert tables("据十二个省的统计，有七千六百个组织。")["part_whole"].empty


def test_an_age_group_is_not_a_count():
    t = tables("全镇发展党员26名，其中35岁以下19名。")
    row = t["part_whole"].iloc[0]
    assert (row["whole"], row["part"]) == (26, 19)


def test_sibling_shares_are_shares_of_one_whole():
    text = ("五年投资四百亿元，是这样分配的：工业部门为二百四十亿元，占百分之六十；农业部门为四十亿元，占百分之十；"
            "其他为一百二十亿元，占百分之三十。")
    df = tables(text)["rates"]
    assert list(df["denominator"]) == [4e10, 4e10, 4e10]
    assert all(overlaps(r) for _, r in df.iterrows())


def test_a_share_names_its_base_in_another_unit():
    row = tables("确定调研课题48个，已形成调研报告31篇，占课题总数的64.6%。")["rates"].iloc[0]
    assert members(row)["denominator"] == "48个" and overlaps(row) and not row["certain"]


def test_a_named_base_unlike_the_figure_sentences_back_is_no_base():
    text = "中央政府公共投资9243亿元。投资增长较快。重灾区已完成投资6545亿元，占规划总投资的65.5%。"
    assert tables(text)["rates"].empty


def test_a_miscopy_keeps_the_decimals_and_may_transpose_them():
    from reportcheck.extract.relations import _miscopied

    assert _miscopied("1.26万亩", "1.62万亩") and _miscopied("2140户", "2410户") and _miscopied("361条", "351条")
    assert not _miscopied("486.2万人次", "186万人次")  # another figure, not a copy of it
    assert not _miscopied("23件", "27件")  # one digit of two is no sign of a miscopy
