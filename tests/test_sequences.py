"""Tests for :mod:`reportcheck.extract.sequences`: ordinal markers, sequences and announced counts.

Inline cases are split into "must extract" and "must NOT extract"; the last tests run the extractor
over the answer keys in /work/shared (skipped when it is missing).
"""

from __future__ import annotations

import eval_sequences
import pytest
from keyspans import SHARED, load_text

from reportcheck.extract.sequences import (
    ANNOUNCED_COLUMNS,
    MARKER_COLUMNS,
    announced_problems,
    extract_sequences,
    marker_problems,
)


def run(src: str):
    """Normalise as ingest does and extract: (text, marker_rows, announced_rows)."""
    text, _ = load_text(src)
    markers, announced = extract_sequences(text)
    return text, markers, announced


def seqs(markers: list[dict]) -> list[tuple[str, list[int]]]:
    """(style, values) of each sequence in seq_id order."""
    out: dict[int, tuple[str, list[int]]] = {}
    for r in sorted(markers, key=lambda r: (r["seq_id"], r["position"])):
        out.setdefault(r["seq_id"], (r["style"], []))[1].append(r["value"])
    return [out[k] for k in sorted(out)]


def problems(markers, announced):
    return marker_problems(markers), announced_problems(announced)


# ---------------------------------------------------------------------------------------------------
# Must extract


def test_shi_list_rows_and_spans():
    text, markers, announced = run("会议强调，一是加强学习，二是改进作风，三是狠抓落实。")
    assert seqs(markers) == [("是", [1, 2, 3])]
    assert [tuple(r) for r in markers] == [MARKER_COLUMNS] * 3
    second = markers[1]
    assert text[second["start"]:second["end"]] == second["raw"] == "二是"
    assert text[second["clause_start"]:second["clause_end"]] == "二是改进作风"
    assert text[markers[2]["clause_start"]:markers[2]["clause_end"]] == "三是狠抓落实"
    assert second["position"] == 2 and second["expected"] == 2 and second["certain"]
    assert announced == []
    assert problems(markers, announced) == ([], [])


def test_yao_list_with_announced_points():
    text, markers, announced = run("他提出三点要求：一要提高认识；二要压实责任；三要注重实效。")
    assert seqs(markers) == [("要", [1, 2, 3])]
    assert len(announced) == 1
    row = announced[0]
    assert tuple(row) == ANNOUNCED_COLUMNS
    assert row["stated"] == 3 and row["items"] == 3 and row["certain"]
    assert "三点要求" in row["raw"] and text[row["start"]:row["end"]] == row["raw"]
    assert text[row["seq_start"]:row["seq_end"]].startswith("一要")
    assert text[row["seq_start"]:row["seq_end"]].endswith("三要")


@pytest.mark.parametrize(
    "src",
    [
        "第一，统一思想。第二，完善制度。第三，强化考核。",
        "第一是抓好学习，第二是抓好整改，第三是抓好建制。",
        "第一、加强领导。\n第二、完善机制。\n第三、严格考核。",
    ],
)
def test_di_list(src):
    _, markers, _ = run(src)
    assert seqs(markers) == [("第", [1, 2, 3])]


def test_headings_levels_and_restart_of_sub_level():
    src = (
        "一、工作回顾\n（一）抓学习。\n1.集中学习。\n2.个人自学。\n（二）抓整改。\n1.建立台账。\n2.逐项销号。\n"
        "二、下步打算\n（一）深化整改。\n（二）健全制度。"
    )
    _, markers, _ = run(src)
    assert seqs(markers) == [
        ("一、", [1, 2]),
        ("（一）", [1, 2]),
        ("1.", [1, 2]),
        ("1.", [1, 2]),
        ("（一）", [1, 2]),
    ]
    levels = {r["style"]: r["level"] for r in markers}
    assert levels == {"一、": 0, "（一）": 1, "1.": 2}
    assert marker_problems(markers) == []


def test_shi_list_nested_in_heading_is_a_lower_level():
    src = "（一）抓学习。\n（二）抓整改。重点做了两件事：一是建台账，二是抓销号。\n（三）抓制度。"
    _, markers, announced = run(src)
    assert seqs(markers) == [("（一）", [1, 2, 3]), ("是", [1, 2])]
    level = {r["style"]: r["level"] for r in markers}
    assert level["是"] > level["（一）"]
    assert announced[0]["stated"] == 2 and announced[0]["items"] == 2


@pytest.mark.parametrize(
    "src, style",
    [
        ("主要措施：（1）加强领导；（2）完善机制；（3）严格考核。", "（1）"),
        ("(1)加强领导；(2)完善机制；(3)严格考核。", "（1）"),
        ("具体为：①开展培训；②组织考核；③评比表彰。", "①"),
        ("1、加强领导。\n2、完善机制。\n3、严格考核。", "1、"),
        ("1．加强领导。\n2．完善机制。\n3．严格考核。", "1."),
    ],
)
def test_other_styles(src, style):
    _, markers, _ = run(src)
    assert seqs(markers) == [(style, [1, 2, 3])]


def test_mid_line_bracket_list_inside_bracket_heading():
    src = "（一）主要成绩。工作中做到：（一）学习到位；（二）整改到位。\n（二）存在问题。\n（三）下步打算。"
    _, markers, _ = run(src)
    assert sorted(seqs(markers)) == [("（一）", [1, 2]), ("（一）", [1, 2, 3])]
    assert marker_problems(markers, certain_only=False) == []


def test_two_lists_restarting_at_one_are_two_sequences():
    src = "存在的问题：一是学习不深，二是整改不实。\n下步打算：一是深化学习，二是狠抓整改，三是健全制度。"
    _, markers, _ = run(src)
    assert seqs(markers) == [("是", [1, 2]), ("是", [1, 2, 3])]


def test_numerals_above_ten():
    items = "".join(f"{n}是抓好第{i}项任务；" for i, n in enumerate(
        "一二三四五六七八九十", start=1)) + "十一是抓好安全工作；十二是抓好作风建设。"
    _, markers, _ = run("今年重点：" + items)
    assert seqs(markers) == [("是", list(range(1, 13)))]
    assert marker_problems(markers) == []


def test_verb_list_needs_one_and_two():
    _, markers, announced = run("重点看四个方面：一看学习是否深入，二看问题是否查准，三看整改是否到位，四看群众是否满意。")
    assert seqs(markers) == [("看", [1, 2, 3, 4])]
    assert announced[0]["stated"] == 4 and announced[0]["certain"]


@pytest.mark.parametrize(
    "src, stated",
    [
        ("下面，我讲三点意见。\n一、提高认识\n要高度重视。\n二、突出重点\n要抓住关键。\n三、狠抓落实\n要一抓到底。", 3),
        ("下一步，将重点抓好四个方面的工作：一是抓学习；二是抓整改；三是抓制度；四是抓队伍。", 4),
        ("主要做到“五个坚持”：\n一是坚持带头。\n二是坚持公开。\n三是坚持问题导向。\n四是坚持从严。\n五是坚持分类指导。", 5),
        (("社区开展“六个一”活动：一是读一本书，二是写一篇心得，三是听一次党课，四是做一件好事，"
         "五是提一条建议，六是结一户对子。"), 6),
        ("局党组将着重做好三项工作：一是巩固成果；二是深化整改；三是加强队伍建设。", 3),
        ("今年重点抓了四个方面的工作。\n（一）抓项目。\n（二）抓民生。\n（三）抓环境。\n（四）抓作风。", 4),
        ("主要有两个原因：一是投入不足，二是机制不活。", 2),
    ],
)
def test_announced_forms(src, stated):
    _, markers, announced = run(src)
    assert len(announced) == 1
    row = announced[0]
    assert row["stated"] == stated == row["items"] and row["certain"]
    assert problems(markers, announced) == ([], [])


def test_slogan_count_is_the_numeral_before_ge():
    src = "开展“十二个一”活动：" + "；".join(f"{n}是做一件实事" for n in "一二三四五六七八九十") + "；十一是…；十二是…。"
    _, _markers, announced = run(src)
    assert announced[0]["stated"] == 12 and announced[0]["items"] == 12


def test_adverbial_count_is_no_announcement():
    # 从两个方面 qualifies how the measures are taken; the list counts the measures: an unsure link
    # that disagrees gives no row at all, one that agrees is kept but not certain.
    src = "必须从供给和需求两个方面采取措施：一要增加生产，二要保障运输，三要稳定价格。"
    _, _markers, announced = run(src)
    assert announced == []
    _, _, announced = run("必须从三个方面采取措施：一要增加生产，二要保障运输，三要稳定价格。")
    assert announced[0]["stated"] == 3 and announced[0]["items"] == 3 and not announced[0]["certain"]


# ---------------------------------------------------------------------------------------------------
# Must NOT extract


@pytest.mark.parametrize(
    "src",
    [
        "思想统一是基础，行动一致是关键，唯一是指方向。",
        "村第一书记参加了第一次会议，第三督导组第一时间到场，第一批党员按时报到，第二季度完成任务。",
        "县委第一督导组组长讲话，第一责任人要履职。",
        "完成了一、二季度的任务，分一、二两个阶段推进。",
        "培训1.2万人次。\n1.2万名党员参加。\n2014.10完成。\n1、2月份进度较慢。",
        "2014年1月至2015年12月，分1、2两批实施。",
        "要做到一是一，二是二，不虚报。",
        "第一、二季度增长较快。\n第一、第二产业协调发展。",
        "进一步加强管理，统一思想。",
    ],
)
def test_not_markers(src):
    _, markers, announced = run(src)
    assert markers == [] and announced == []


def test_heading_number_mid_line_is_not_a_heading():
    _, markers, _ = run("本次检查分为一、二、三类单位，分别打分。")
    assert markers == []


def test_list_far_from_announcement_is_not_linked():
    src = (
        "全县共梳理出三个方面的问题。\n"
        "今年以来，全县经济运行平稳。\n"
        "工业生产稳步增长，项目建设加快推进。\n"
        "重点项目进展顺利，民生实事全部完成。\n"
        "在作风建设上，一是加强教育，二是严格监督。"
    )
    _, markers, announced = run(src)
    assert seqs(markers) == [("是", [1, 2])]
    assert announced == []


def test_count_with_no_noun_before_list_is_not_an_announcement():
    _, _, announced = run("已整改完成12条，正在推进6条。\n（一）关于学习方面。\n（二）关于整改方面。")
    assert announced == []


def test_statistic_in_digits_before_a_list_is_not_a_certain_announcement():
    _, _, announced = run("全镇共有5个行政村。一是加强学习，二是改进作风。")
    assert all(not r["certain"] for r in announced)
    assert announced_problems(announced) == []


@pytest.mark.parametrize(
    "src",
    ["依照第十条（一）至（三）的规定处理。", "符合（二）、（三）情形的，予以退回。", "按①至③执行。"],
)
def test_cited_bracket_numbers_are_not_markers(src):
    _, markers, _ = run(src)
    assert markers == []


def test_heading_starting_with_xiang_is_a_heading():
    _, markers, _ = run("（一）经济平稳增长。\n（二）项目带动成效凸显。\n（三）民生持续改善。")
    assert seqs(markers) == [("（一）", [1, 2, 3])]


def test_slogan_without_list_is_not_announced():
    _, _, announced = run("反对“四风”，严控“三公”经费，落实“两学一做”。一年来成效明显。")
    assert announced == []


def test_quoted_slogan_with_several_numbers_is_not_a_count():
    _, _, announced = run("践行“三严三实”：一是严以修身，二是严以用权。")
    assert announced == []


def test_announcement_with_no_number_is_skipped():
    _, markers, announced = run("我们有以下几点体会：一是领导带头，二是群众参与，三是问题导向。")
    assert seqs(markers) == [("是", [1, 2, 3])]
    assert announced == []


# ---------------------------------------------------------------------------------------------------
# Gaps and duplicates


def test_gap_is_one_certain_problem():
    _text, markers, _ = run("主要做法：一是抓学习；二是抓整改；四是抓制度。")
    assert seqs(markers) == [("是", [1, 2, 4])]
    [row] = marker_problems(markers)
    assert row["raw"] == "四是" and row["expected"] == 3 and row["position"] == 3 and row["certain"]


def test_duplicate_is_one_certain_problem():
    src = "下步将抓好：" + "；".join(f"{n}是抓好第{i}项" for i, n in enumerate("一二三四五六七", 1)) + "；七是创新思路。"
    _, markers, _ = run(src)
    assert seqs(markers) == [("是", [1, 2, 3, 4, 5, 6, 7, 7])]
    [row] = marker_problems(markers)
    assert row["position"] == 8 and row["value"] == 7 and row["expected"] == 8


def test_item_after_a_duplicate_that_fits_its_position_is_not_reported_again():
    _, markers, _ = run("一是甲；二是乙；三是丙；三是丁；五是戊。")
    assert seqs(markers) == [("是", [1, 2, 3, 3, 5])]
    assert [r["raw"] for r in marker_problems(markers)] == ["三是"]
    assert len(marker_problems(markers, certain_only=False)) == 2


def test_heading_gap():
    _, markers, _ = run("（一）学习教育扎实开展。\n（二）征求意见广泛深入。\n（四）整改落实取得实效。")
    [row] = marker_problems(markers)
    assert row["raw"] == "（四）" and row["expected"] == 3


def test_sub_level_gap_under_heading():
    _, markers, _ = run("一、主要工作\n1.抓学习。\n2.抓整改。\n3.抓制度。\n5.抓安全。\n二、下步打算\n1.深化整改。")
    [row] = marker_problems(markers)
    assert row["raw"] == "5." and row["style"] == "1."


def test_list_cut_at_start_is_uncertain():
    _, markers, _ = run("三是加强监督；四是严格考核；六是强化问责。")
    assert seqs(markers) == [("是", [3, 4, 6])]
    assert not any(r["certain"] for r in markers)
    assert marker_problems(markers) == []


def test_single_marker_is_uncertain():
    _, markers, _ = run("二是加强警示教育，做到警钟长鸣。")
    assert [r["certain"] for r in markers] == [False]


def test_repeated_passage_is_not_a_numbering_slip():
    src = "一是甲。二是乙。三是扩大直接融资。四是加强风险管理，提高监管有效性。\n四是加强风险管理，提高监管有效性。"
    _, markers, _ = run(src)
    assert marker_problems(markers) == []
    assert len(marker_problems(markers, certain_only=False)) == 1


def test_same_style_nested_list_resumes_outer_list():
    # Indentation is lost: section 四 holds its own 一、二、三、 list, then 五、 continues the outer one.
    src = "一、农业\n二、工业\n三、能源\n四、技术改造\n一、节约能源\n二、产品换代\n三、综合利用\n五、企业整顿\n六、财政"
    _, markers, _ = run(src)
    assert seqs(markers) == [("一、", [1, 2, 3, 4, 5, 6]), ("一、", [1, 2, 3])]
    assert marker_problems(markers, certain_only=False) == []


def test_announced_count_too_high():
    src = "下一步，县委将重点抓好四个方面的工作：一是抓整改；二是抓制度；三是抓基层。"
    _, _, announced = run(src)
    [row] = announced_problems(announced)
    assert row["stated"] == 4 and row["items"] == 3 and "重点抓好四个方面" in row["raw"]


def test_announced_count_too_low():
    src = "他对下阶段工作提出五点要求。一要查摆问题；二要开门纳谏；三要立行立改；四要建章立制。"
    _, _, announced = run(src)
    [row] = announced_problems(announced)
    assert row["stated"] == 5 and row["items"] == 4 and "五点要求" in row["raw"]


@pytest.mark.parametrize(
    "src",
    [
        "工作主要表现在三个方面：一是学习深入，二是整改有力，三是制度健全。",
        "问题集中在两个方面：一是作风不实，二是服务不优。",
    ],
)
def test_zai_before_a_count_still_announces(src):
    _, _, announced = run(src)
    assert announced[0]["certain"] and announced[0]["stated"] == announced[0]["items"]


def test_count_pointing_back_is_no_announcement():
    src = "要处理好速度和效益这两个方面：一是稳投资，二是促消费，三是优结构。"
    _, _, announced = run(src)
    assert announced == []


def test_list_finished_in_other_words_is_no_announcement():
    src = "大体上有四种类型：一是按计划生产的，二是按市场生产的。在这两类之间，还有两类产品。"
    _, _, announced = run(src)
    assert announced == []


# ---------------------------------------------------------------------------------------------------
# Answer keys (end to end)


def _require_shared():
    if not (SHARED / "seeds").is_dir() or not (SHARED / "corpus" / "dev").is_dir():
        pytest.skip(f"answer keys not found under {SHARED}")


def test_answer_keys_recall_and_no_false_problems():
    _require_shared()
    scores = eval_sequences.evaluate_keys(SHARED)
    for kind in eval_sequences.PROBLEM_KINDS:
        assert scores.totals[kind] > 0
        assert scores.hits[kind] == scores.totals[kind], scores.missed
    assert scores.false_problems == []


def test_seed_duplicate_seven_is_found():
    _require_shared()
    [key] = sorted((SHARED / "seeds").glob("003_*.json"))
    src = (key.parent / key.name.replace(".json", ".txt")).read_text(encoding="utf-8")
    text, markers, _ = run(src)
    [row] = marker_problems(markers)
    assert row["raw"] == "七是" and row["expected"] == 8
    assert text[row["start"]:row["clause_end"]].startswith("七是创新思路")


def test_a_list_that_changes_its_marker_word_is_one_list():
    _, markers, announced = run("加强教育。一要加强宗旨教育，弄清根本问题。二是加强警示教育，做到警钟长鸣。三是加强纪律教育。")
    assert [v for _, v in seqs(markers)] == [[1, 2, 3]]
    assert problems(markers, announced) == ([], [])
    _, markers, _ = run("加强教育。一要加强宗旨教育。三是加强纪律教育。")
    assert seqs(markers)[0][1] == [1] and seqs(markers)[1][1] == [3]


# ---------------------------------------------------------------------------------------------------
# Forms read on real reports (issue 15), in sentences of our own


def test_glossary_entry_whose_text_opens_with_a_number_keeps_its_place():
    # ``3.10类…`` between entries 2. and 4. is entry 3 followed by a count, not the decimal 3.10
    src = ("名词解释\n1.两个市场：国内市场和国际市场。\n2.三个平台：政务平台、数据平台、服务平台。\n"
           "3.10类重点产品：粮油、果蔬等。\n4.“双随机”：随机抽取检查对象。")
    _, markers, announced = run(src)
    assert seqs(markers) == [("1.", [1, 2, 3, 4])]
    assert problems(markers, announced) == ([], [])


@pytest.mark.parametrize(
    "src",
    [
        "附件\n1.5万元以下项目由乡镇审批。\n2.5万元以上项目由县级审批。",  # decimals, no entries beside them
        "说明\n1.总体要求。\n5.6万元用于修缮。\n2.主要任务。",  # 5 is no neighbour of 1 or 2
    ],
)
def test_line_opening_with_a_decimal_is_no_entry(src):
    _, markers, _ = run(src)
    assert all(r["value"] in (1, 2) for r in markers)
    assert marker_problems(markers, certain_only=False) == []


def test_count_stated_as_done_announces_nothing():
    src = "全年五个方面重点任务顺利完成。\n（一）抓项目。\n（二）抓民生。\n（三）抓环境。"
    _, markers, announced = run(src)
    assert announced == [] and problems(markers, announced) == ([], [])
    # the same count followed by 如下 does announce the list, and its miscount is certain
    _, _, announced = run("全年五个方面重点任务如下。\n（一）抓项目。\n（二）抓民生。\n（三）抓环境。")
    assert [(r["stated"], r["items"], r["certain"]) for r in announced] == [(5, 3, True)]


def test_slogans_named_side_by_side_announce_nothing():
    src = "全体干部坚决拥护“两个确立”、坚定做到“两个维护”。\n1.加强学习。\n2.改进作风。\n3.狠抓落实。"
    _, markers, announced = run(src)
    assert seqs(markers) == [("1.", [1, 2, 3])]
    assert announced == []


def test_slogan_closing_its_paragraph_is_no_certain_announcement():
    _, _, announced = run("全体干部要做到“三个必须”。\n1.加强学习。\n2.改进作风。")
    assert announced_problems(announced) == []
    # with a colon it announces the list below it
    _, _, announced = run("要做到“三个必须”：\n1.加强学习。\n2.改进作风。")
    assert [(r["stated"], r["items"], r["certain"]) for r in announced] == [(3, 2, True)]
