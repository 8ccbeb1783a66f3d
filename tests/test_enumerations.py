"""Tests for :mod:`reportcheck.extract.enumerations`: must-extract and must-NOT-extract cases written as
short inline Chinese (already in normalised form), plus an end-to-end test against the answer keys."""

from __future__ import annotations

import pytest
from keyspans import SHARED

from reportcheck.extract.enumerations import (
    CERTAIN,
    ENUMERATION_COLUMNS,
    ITEM_TEXTS,
    ITEMS,
    SIDE,
    STATED,
    TRUNCATED,
    enumeration_holds,
    enumeration_problems,
    extract_enumerations,
)


def one_row(text: str) -> dict:
    rows = extract_enumerations(text)
    assert len(rows) == 1, rows
    return rows[0]


# ---------------------------------------------------------------------------------------------------
# Must extract.


def test_columns_and_spans():
    text = "全年新建了三个文化广场：东湖广场、西山广场、南河广场。"
    r = one_row(text)
    assert set(r) == set(ENUMERATION_COLUMNS)
    assert text[r["start"]:r["end"]].startswith("三个文化广场")
    assert r[ITEM_TEXTS] == ["东湖广场", "西山广场", "南河广场"]
    assert [text[a:b] for a, b in r["item_spans"]] == r[ITEM_TEXTS]
    assert (r[STATED], r[ITEMS], r[SIDE], r[TRUNCATED], r[CERTAIN]) == (3, 3, "after", False, True)
    assert enumeration_holds(r)


def test_count_before_titles_too_few_is_a_problem():
    r = one_row("局党组制定了四项制度：《值班管理办法》《财务报销规定》《车辆使用细则》。")
    assert (r[STATED], r[ITEMS], r[CERTAIN]) == (4, 3, True)
    assert enumeration_problems([r]) == [r]


def test_count_after_colon_too_many_is_a_problem():
    r = one_row("今年整顿了3个后进党支部：上湾党支部、下湾党支部、河口党支部、石门党支部，并选派了第一书记。")
    assert (r[STATED], r[ITEMS], r[CERTAIN]) == (3, 4, True)
    assert not enumeration_holds(r)


def test_count_over_a_short_predicate_then_ji():
    r = one_row("三项指标全部完成，即产值、税收和就业。")
    assert (r[STATED], r[ITEMS]) == (3, 3)
    assert r[ITEM_TEXTS] == ["产值", "税收", "就业"]


def test_list_before_count():
    r = one_row("会上，城东街道、城西街道、城南街道、城北街道4个单位作了发言。")
    assert (r[STATED], r[ITEMS], r[SIDE], r[CERTAIN]) == (4, 4, "before", True)
    assert r[ITEM_TEXTS][0] == "城东街道"


def test_list_before_count_miscounted():
    r = one_row("会上，东岭村、西岭村、南岭村、北岭村3个村作了交流发言。")
    assert (r[STATED], r[ITEMS], r[CERTAIN]) == (3, 4, True)
    assert enumeration_problems([r]) == [r]


def test_list_before_count_with_parallel_final_conjunction():
    r = one_row("兼顾市级干部、县级干部和乡级干部三个层面，分层开展培训。")
    assert (r[STATED], r[ITEMS], r[CERTAIN]) == (3, 3, True)


def test_quoted_list_before_slogan_that_echoes_it():
    r = one_row("建立了“定人员、定岗位、定时限”的“三定”工作机制，明确了责任。")
    assert (r[STATED], r[ITEMS], r[CERTAIN]) == (3, 3, True)
    assert r[ITEM_TEXTS] == ["定人员", "定岗位", "定时限"]


def test_quoted_list_right_before_count():
    r = one_row("推行“一次告知、一窗受理、一网通办”三项便民措施。")
    assert (r[STATED], r[ITEMS], r[CERTAIN]) == (3, 3, True)


def test_slogan_then_ji_list():
    r = one_row("局党组提出了“四个坚持”，即坚持学习、坚持调研、坚持整改、坚持公开。")
    assert (r[STATED], r[ITEMS], r[SIDE]) == (4, 4, "after")


def test_semicolon_clauses_after_colon():
    r = one_row("实行“两级督办”制度：涉及部门的由办公室督办；涉及乡镇和村的由督查组督办。")
    assert (r[STATED], r[ITEMS]) == (2, 2)
    assert r[ITEM_TEXTS][1] == "涉及乡镇和村的由督查组督办"  # 和 inside a clause item does not split


def test_comma_clauses_after_colon_stop_where_parallelism_ends():
    r = one_row("实行“三级包保”：县领导包乡镇，乡镇干部包村，村干部包户，确保责任到人。")
    assert (r[STATED], r[ITEMS], r[CERTAIN]) == (3, 3, False)


def test_truncated_list_may_be_shorter():
    r = one_row("联合公安、交通、城管等8个部门开展整治。")
    assert (r[STATED], r[ITEMS], r[TRUNCATED], r[CERTAIN]) == (8, 3, True, True)
    assert enumeration_holds(r)


def test_truncated_list_longer_than_its_count_is_a_problem():
    r = one_row("联合公安、交通、城管、卫健、教育等4个部门开展整治。")
    assert (r[STATED], r[ITEMS], r[TRUNCATED], r[CERTAIN]) == (4, 5, True, True)
    assert not enumeration_holds(r)


def test_residual_item_is_not_split():
    r = one_row("有四类支出增长：食品、居住、交通、其他用品和服务。")
    assert (r[STATED], r[ITEMS], r[CERTAIN]) == (4, 4, True)


def test_number_inside_an_item_name():
    r = one_row("建成城东小学、第二中学、实验幼儿园3所学校，新增学位900个。")
    assert (r[STATED], r[ITEMS]) == (3, 3)


def test_five_in_one():
    r = one_row("构建党建、产业、治理、服务、文化五位一体工作格局。")
    assert (r[STATED], r[ITEMS]) == (5, 5)


# ---------------------------------------------------------------------------------------------------
# Must NOT extract (or never as a certain problem).


@pytest.mark.parametrize(
    "text",
    [
        "省委第三巡视组于3月进驻我县，开展了常规巡视。",
        "认真学习党的十九届五中全会精神，推动工作落实。",
        "坚决纠正“四风”问题，严控“三公”经费。",
        "落实“两个责任”，增强“四个意识”、坚定“四个自信”。",
        "东湖镇作为全市5个试点单位之一，作了交流发言。",
        "围绕安全、便捷、高效的目标，出台了两项实施办法，对窗口服务进行规范。",
        "年初确定的十件民生实事全部完成。",
        "制定了《关于开展“三个一批”活动的实施方案》，明确了牵头单位。",
        "开展“十三五”规划编制，推进“两学一做”常态化。",
        "新建学校3所、医院2所、道路5条。",
        "重点抓好三个方面：一是抓学习；二是抓整改；三是抓制度。",
        "新建、改建学校6所，新增学位800个。",
        "全市12个县（市、区）全部完成任务。",
        "城东、城西、城南成立了5个服务站。",
        "带头践行“三严三实”，深化“一村一品”。",
        "全县3个项目，即将开工建设。",
        "联合公安、交通等二十余个部门开展整治。",
        "联合公安、交通、城管等20多个部门开展整治。",
        "近30个部门参加了会议。",
        "共有小学、初中、高中共52所。",
        "第一、第二、第三产业协调发展。",
    ],
)
def test_no_row(text):
    assert extract_enumerations(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # the list belongs to one of the two mechanisms (a 和 grouping two groups)
        "建立了规范接待、厉行节约和建设“学习型、服务型、节约型”机关等两项长效机制。",
        # a count of another population next to a list
        "城东、城西两个镇48个村全部通了公交。",
        # grouping by a conjunction in the first piece
        "由中央和省、市、县两级分别负责。",
        # the count belongs to the classification, its subset is listed
        "九大类支出中有两类下降：交通、通信。",
    ],
)
def test_no_certain_problem(text):
    assert enumeration_problems(extract_enumerations(text)) == []


def test_nearest_count_owns_the_colon_list():
    rows = extract_enumerations("九大类支出中有两类下降：交通、通信。")
    assert [(r[STATED], r[ITEMS]) for r in rows] == [(2, 2)]


# ---------------------------------------------------------------------------------------------------
# End to end against the answer keys.


@pytest.fixture(scope="module")
def scores():
    if not (SHARED / "corpus" / "dev").is_dir() or not (SHARED / "seeds").is_dir():
        pytest.skip(f"no shared corpus at {SHARED}")
    from eval_enumerations import evaluate_keys

    return evaluate_keys(SHARED)


def test_answer_keys_recall(scores):
    assert scores.recall_total > 0
    assert scores.recall_hit == scores.recall_total, scores.missed


def test_answer_keys_no_false_problems(scores):
    assert scores.false_problems == []
    assert scores.trap_hits == []


def test_answer_keys_coverage(scores):
    for hit, _, total in (scores.seeds_cov, scores.dev_cov):
        assert total > 0
        assert hit / total >= 0.9, scores.uncovered


def test_real_corpus_has_at_most_one_certain_problem():
    if not (SHARED / "corpus" / "real").is_dir():
        pytest.skip(f"no real corpus at {SHARED}")
    from eval_enumerations import real_problems

    problems = real_problems(SHARED)[0]
    assert len(problems) <= 1, problems


def test_a_describing_modifier_of_another_length_is_not_the_slogans_list():
    assert extract_enumerations("构建横向到边、纵向到底的“四位一体”服务格局。") == []
    row = one_row("坚持学习、宣传、实践、考核的“四位一体”工作机制。")
    assert row["stated"] == 4 and row["items"] == 4 and not row["certain"]


# ---------------------------------------------------------------------------------------------------
# Forms read on real reports (issue 15), in sentences of our own: must extract.


def test_pair_joined_by_a_conjunction_before_a_count():
    r = one_row("今年完成了对东风路和建设大街3条道路的改造。")
    assert (r[STATED], r[ITEMS], r[SIDE], r[CERTAIN]) == (3, 2, "before", True)
    assert r[ITEM_TEXTS] == ["东风路", "建设大街"]  # the verb and preposition are trimmed
    assert enumeration_problems([r]) == [r]
    r = one_row("修缮了东风路和建设大街两条道路。")
    assert (r[STATED], r[ITEMS], r[CERTAIN]) == (2, 2, True)


def test_pair_of_verb_phrases_before_a_count():
    r = one_row("会议重申了执行财务制度和加强安全管理三项要求。")
    assert r[ITEM_TEXTS] == ["执行财务制度", "加强安全管理"]  # each item keeps its verb
    assert (r[STATED], r[ITEMS], r[CERTAIN]) == (3, 2, True)


def test_clean_list_right_before_a_slogan_is_its_list():
    r = one_row("设立助学贷款、创业扶持“三项基金”，帮助困难群众。")
    assert (r[STATED], r[ITEMS], r[CERTAIN]) == (3, 2, True)
    assert r[ITEM_TEXTS] == ["助学贷款", "创业扶持"]
    assert enumeration_holds(one_row("设立助学贷款、创业扶持“两项基金”，帮助困难群众。"))


def test_quoted_name_after_a_count_is_its_noun_and_a_shared_suffix_stays_with_the_last_item():
    r = one_row("先后出台河道、湖泊、水库管理两个“办法”。")
    assert (r[STATED], r[ITEMS], r[CERTAIN]) == (2, 3, True)
    assert r[ITEM_TEXTS] == ["河道", "湖泊", "水库管理"]
    assert enumeration_holds(one_row("先后出台河道、水库管理两个“办法”。"))


def test_count_of_levels_after_level_names():
    r = one_row("东湖、西山、南岭3村率先完成改造。")
    assert (r[STATED], r[ITEMS], r[CERTAIN]) == (3, 3, True)


# ---------------------------------------------------------------------------------------------------
# Forms read on real reports (issue 15): must NOT extract, or never as a certain problem.


@pytest.mark.parametrize(
    "text",
    [
        # a slogan after a verb is its object, even after a list of people
        "引导党员、群众牢记“三个务必”。",
        # verbs sharing the object the last one names
        "我们要保护、建设和管理家乡四条河流。",
        "鼓励和支持两国青年多交流。",
        # a level (省级) and a rank on a scale (三级应急响应), not counts
        "东区、西区2省级示范园区通过验收。",
        "对东部、中部、西部、北部、南部地区启动三级应急响应。",
        # a grade of the noun after a pair that names no levels
        "实施了老旧厂房节能和排水三级管网改造。",
        # a count inside a quoted name
        "“山和海的两种颜色”展、“古城记忆”图片展来到本市。",
        # two things explained after a colon: the second count owns no list
        "“三清”、“四改”：“三清”指清垃圾、清沟渠、清杂物；“四改”指改厨、改厕、改圈、改院。",
        # a pair of places may hold the counted districts: no row for a guess
        "在北京和上海3个区开展试点。",
        # the list is the subject of a 是 sentence
        "和平与发展仍然是当今世界两大主题。",
        # every one of a kind, then a verb, before a slogan
        "为指导各县、各乡镇全面推行“三项制度”，制定本方案。",
        # a measure before the count
        "坚持“三个一律”的方针和一系列两条腿走路的政策。",
        # a clause after the colon split at 和 is no list
        "总结出“三个怎样”之问：怎样让老人吃饭和看病更省心？",
        # addresses after a colon are no items
        "关于支持“三农”发展的意见来源：http://example.org/a/2019-01.htm、db/policy_raw2019.sql",
        # a count inside a name that another count counts
        "队员在男子双人划艇、男子四人划艇两个项目上夺冠。",
        # 和 inside the name of a ministry
        "工业和信息化部三个司局联合发文。",
        # the subject of 同 may be one of the parties counted
        "中方同美方和欧方三方举行会谈。",
        # places or bodies before a count of other things: what they hold or own may be counted
        "城东和城西3个污水处理厂建成投用。",
        "市委和市政府三大决策部署落地见效。",
        # a group of people right before a slogan owns it
        "提高城乡低保、孤儿养育、残疾人“两项补贴”标准。",
    ],
)
def test_no_row_for_real_report_forms(text):
    assert extract_enumerations(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # a conjunction closing an outer list: the count owns the nested list after it
        "上游的东湖新区、西湖科学园和北山、南山2个生态园同步建设。",
        # a digit before a word, not a classifier
        "甲、乙2县城完成改造。",
        # 中小学 may stand for two kinds of school
        "中小学和幼儿园三类学校全部开学。",
        # places one word each may hold what is counted
        "在北京、上海、广州4个展馆同时展出。",
    ],
)
def test_unsure_reading_is_never_a_certain_problem(text):
    rows = extract_enumerations(text)
    assert rows and not any(r[CERTAIN] for r in rows)
    assert enumeration_problems(rows) == []


def test_conjunction_inside_the_name_of_a_body_does_not_split_it():
    r = one_row("住房和城乡建设部、财政部两部门联合发文。")
    assert r[ITEM_TEXTS] == ["住房和城乡建设部", "财政部"]
    assert (r[STATED], r[ITEMS], r["items_low"], r["items_high"], r[CERTAIN]) == (2, 2, 2, 2, True)


def test_count_of_characters_counts_the_quotation_before_it():
    r = one_row("在“稳、进、好”三个字上下功夫。")
    assert (r[STATED], r[ITEMS], r[CERTAIN]) == (3, 3, True)
    assert r[ITEM_TEXTS] == ["稳", "进", "好"]
    r = one_row("在“实、细、严、新”五个字上下功夫。")
    assert (r[STATED], r[ITEMS], r[CERTAIN]) == (5, 4, True)
    assert enumeration_problems([r]) == [r]


def test_latin_abbreviation_opens_the_counted_noun():
    r = one_row("环卫保洁、园林养护两个PPP项目取得阶段性成果。")
    assert (r[STATED], r[ITEMS], r[CERTAIN]) == (2, 2, True)


def test_first_item_is_never_cut_inside_a_quotation():
    r = one_row("开展“我为群众办实事”和“民生实事”两项活动。")
    assert r[ITEM_TEXTS] == ["“我为群众办实事”", "“民生实事”"]


def test_count_after_a_list_entry_number_is_whole():
    # ``8.6个`` at a line start: entry 8 counting six things, not 8.6
    text = "名词解释\n7.两个平台：甲平台和乙平台。\n8.6个重大专项：人工智能、航空航天、先进装备、生物制造、清洁能源。\n"
    rows = extract_enumerations(text)
    assert [(r[STATED], r[ITEMS], r[CERTAIN]) for r in rows] == [(2, 2, True), (6, 5, True)]
