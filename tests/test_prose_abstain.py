"""Prose claims whose subject, operands or base are not unambiguous are not checked.

Each test states a short made-up text in the shape that once gave a false finding, and
beside it the unambiguous shape of the same claim, which is still checked.
"""

from __future__ import annotations

from decimal import Decimal

from auditor.model import Document, Location, Paragraph
from auditor.readers.tablelines import mark
from auditor.recognise.prose import read_prose


from prose_inputs import audit, findings, prose_findings  # noqa: F401 (audit is a fixture)


def pdf_prose(*lines: tuple[int, int, str]):
    """Paragraphs as a PDF reader gives them: (page, line, text), marked as it marks them."""
    paragraphs = mark([Paragraph(text, Location("r.pdf", line=line, page=page))
                       for page, line, text in lines])
    return read_prose(Document("r.pdf", "pdf", [], paragraphs))


# ------------------------------------------------------------------ lists after 如下：

THREE_COSTS = ("“三公”经费预算支出中，因公出国（境）费支出60万元，占“三公”经费的30.00%；"
               "公务用车购置及运行费支出100万元，占“三公”经费的50.00%；公务接待费支出40万元，"
               "占“三公”经费的20.00%。具体情况如下：\n"
               "1．因公出国（境）费预算支出60万元，与上年预算数一致。\n"
               "2．公务用车购置及运行费预算支出100万元，与上年预算数一致。\n"
               "3．公务接待费预算支出40万元，比上年预算减少1万元。\n")


def test_items_after_a_sentence_of_several_values_are_no_ones_parts(audit):
    # 具体情况如下 details the whole sentence: the items are not parts of 公务接待费 (40).
    assert prose_findings(audit(THREE_COSTS)) == []


def test_items_after_a_sentence_of_several_values_are_counted_not_checked(audit):
    assert audit(THREE_COSTS).not_checked == {"list_parent": 1}


def test_a_list_after_several_values_belongs_to_the_one_of_its_measure(audit):
    # 收入 and 支出 both precede 其中; only 支出 is of the measure of 基本支出 and 项目支出.
    text = ("2020年财政拨款收入500.00万元，财政拨款支出500.00万元，比上年减少20.00万元。"
            "其中：基本支出{}万元，比上年增加10.00万元，主要原因是人员增加；"
            "项目支出300.00万元，比上年减少30.00万元，主要原因是项目调整。\n")
    agreed = audit(text.format("200.00"))
    assert prose_findings(agreed) == [] and agreed.not_checked == {}
    [finding] = findings(audit(text.format("210.00")), "PR001")
    assert finding.reported == "500.00万元"


def test_a_list_after_values_of_one_measure_is_not_checked(audit):
    # 年初预算 and 调整预算 are both budgets: which one 其中 breaks down is not said.
    text = ("年初预算500.00万元，调整预算600.00万元。其中：人员经费预算210.00万元，"
            "公用经费预算300.00万元。\n")
    result = audit(text)
    assert prose_findings(result) == []
    assert result.not_checked == {"list_parent": 1}


def test_items_after_a_sentence_of_one_value_are_its_parts(audit):
    text = ("“三公”经费预算支出200万元。具体情况如下：\n"
            "1．因公出国（境）费预算支出60万元，与上年预算数一致。\n"
            "2．公务用车购置及运行费预算支出100万元，与上年预算数一致。\n"
            "3．公务接待费预算支出{}万元，比上年预算减少1万元。\n")
    assert findings(audit(text.format("40")), "PR001") == []
    [finding] = findings(audit(text.format("50")), "PR001")
    assert finding.reported == "200万元" and finding.expected.startswith("210")


BOTH_TOTALS = ("本单位2017年度收入、支出预算总计100.00万元，与上年相比收、支预算总计各增加10.00万元，"
               "增长11.11%。其中：\n"
               "（一）收入预算总计100.00万元。全部由财政拨款。\n"
               "（二）支出预算总计100.00万元。包括：\n"
               "1．一般公共服务支出80.00万元，主要用于机关运转。\n"
               "2．住房保障支出{}万元，主要用于住房公积金。\n")


def test_income_and_spending_totals_are_not_parts_of_their_joint_total(audit):
    assert prose_findings(audit(BOTH_TOTALS.format("20.00"))) == []
    # The spending's own items are still its parts.
    [finding] = findings(audit(BOTH_TOTALS.format("30.00")), "PR001")
    assert finding.reported == "100.00万元" and finding.expected.startswith("110.00")
    assert finding.location.line == 3


# ------------------------------------------------------------------ the same words, two scopes

def test_classification_items_under_different_totals_are_different_quantities(audit):
    text = ("基本支出中公用经费100万元。\n"
            "（1）办公费（款）支出10万元。用于购买办公用品。\n"
            "（2）差旅费（款）支出20万元。用于职工出差。\n"
            "机关运行经费支出预算300万元，比上年增加100万元，增长50.00%。其中：\n"
            "（1）办公费（款）支出15万元。用于购买办公用品。\n"
            "（2）差旅费（款）支出50万元。用于职工出差、委员视察。\n")
    assert findings(audit(text), "PR050") == []


def test_classification_items_under_one_total_are_compared(audit):
    text = ("财政拨款基本支出中，公用经费30万元，其中：办公费（款）支出10万元，差旅费（款）支出20万元。\n"
            "一般公共预算基本支出中，公用经费30万元，其中：办公费（款）支出{}万元，差旅费（款）支出20万元。\n")
    assert findings(audit(text.format("10")), "PR050") == []
    [finding] = findings(audit(text.format("12")), "PR050")
    assert finding.reported == "12万元" and finding.expected == "10万元"


def test_one_label_listed_under_two_totals_is_not_compared(audit):
    text = ("甲项目预算100万元，其中：专用设备购置费60万元，运行维护服务费40万元。\n"
            "乙项目预算80万元，其中：专用设备购置费30万元，运行维护服务费50万元。\n")
    assert findings(audit(text), "PR050") == []
    once = ("甲项目预算100万元，其中：专用设备购置费60万元，运行维护服务费40万元。\n"
            "专用设备购置费为{}万元，用于采购检测设备。\n")
    assert findings(audit(once.format("60")), "PR050") == []
    [finding] = findings(audit(once.format("65")), "PR050")
    assert finding.reported == "65万元" and finding.location.line == 2


# ------------------------------------------------------------------ figures that are not percentages

def test_a_multiple_is_not_a_percentage_without_its_sign(audit):
    text = "单位预留机动经费预算数为2388.04万元，与上年相比增加2247.84万元，增长{}。\n"
    assert findings(audit(text.format("16倍")), "PR063") == []
    assert findings(audit(text.format("16 倍")), "PR063") == []
    [finding] = findings(audit(text.format("16")), "PR063")
    assert finding.reported == "16"


# ------------------------------------------------------------------ the page's furniture

def test_a_page_number_caught_mid_sentence_does_not_cut_a_change():
    result = pdf_prose((6, 22, "此外，基本支出预算数为9964.07万元，与上年相比增— 6 —加941.62万元，增长10.44%。"))
    [claim] = result.claims
    assert claim.figure.quantity.value == Decimal("9964.07")
    assert claim.change is not None and claim.change.sign == 1
    assert claim.change.quantity.value == Decimal("941.62")


def test_a_page_number_between_items_does_not_end_the_list():
    result = pdf_prose((16, 20, "机关运行经费支出预算300万元，比上年增加100万元。其中："),
                       (16, 21, "（1）办公费（款）支出100万元。用于购买办公用品。"),
                       (16, 24, "16"),
                       (17, 1, "（2）差旅费（款）支出150万元。用于职工出差。"),
                       (17, 2, "（3）会议费（款）支出50万元。用于召开会议。"))
    [group] = result.groups
    assert [p.figure.quantity.value for p in group.parts] == [100, 150, 50]


def test_a_wrapped_classification_name_is_one_label():
    result = pdf_prose((8, 15, "1．党委办公厅（室）及相关机构事务（款）行政运行"),
                       (8, 16, "（项）支出6106.99万元，与上年相比增加101.48万元，增长1.69%。"))
    [claim] = result.claims
    assert claim.label.endswith("行政运行（项）支出")
    assert claim.location.line == 16


# ------------------------------------------------------------------ tables in the text

def test_a_table_row_glued_to_its_label_is_not_an_amount_without_its_unit(audit):
    text = ("本部门一般公共预算支出按功能科目分列如下：\n"
            "212城乡社区支出15411.43，221住房保障支出1512.23万元。\n"
            "城乡社区支出 15411.43 15411.43 0.00，住房保障支出1512.23万元。\n")
    assert findings(audit(text), "PR063") == []
    [finding] = findings(audit("城乡社区支出15411.43，住房保障支出1512.23万元。\n"), "PR063")
    assert finding.reported == "15411.43"


def test_a_pipe_table_row_is_not_a_total_and_its_parts():
    rows = pdf_prose((3, 1, "| 支出合计100万元 | 其中：基本支出80万元， | 项目支出50万元。 |"))
    assert rows.groups == []
    [group] = pdf_prose((3, 1, "支出合计100万元，其中：基本支出80万元，项目支出50万元。")).groups
    assert [p.figure.quantity.value for p in group.parts] == [80, 50]


# ------------------------------------------------------------------ lists that do not add up

def test_parts_after_a_target_are_not_its_parts(audit):
    text = "全年超额完成年度目标任务2000件，其中：受理投诉1500件，办结咨询1400件。\n"
    assert findings(audit(text), "PR001") == []
    [finding] = findings(audit("全年受理诉求2000件，其中：热线受理1500件，网络受理600件。\n"), "PR001")
    assert finding.reported == "2000件"


def test_a_quota_among_headcounts_is_not_summed(audit):
    text = "单位现有人员50人，其中：核定编制数40人，在编人员35人，临聘人员15人。\n"
    result = audit(text)
    assert findings(result, "PR001") == []
    assert result.not_checked == {"not_additive": 1}
    [finding] = findings(audit("单位现有人员50人，其中：在编人员35人，临聘人员25人。\n"), "PR001")
    assert finding.reported == "50人"
    # Parts that are all quotas are one measure.
    [finding] = findings(audit("核定编制50名，其中：行政编制30名，事业编制30名。\n"), "PR001")
    assert finding.reported == "50名"


def test_two_measures_per_channel_are_not_summed(audit):
    text = "全年受理诉求1000件，其中：网上受理600件、网上办结550件，电话受理400件、电话办结350件。\n"
    assert findings(audit(text), "PR001") == []


def test_a_change_opening_its_own_clause_after_several_values_is_not_checked(audit):
    # Which of 决算 and 年初预算 changed against last year the clause does not say.
    text = ("“三公”经费支出决算30,000.00元，年初预算50,000.00元，完成预算的60.00%；"
            "比上年40,000.00元减少10,000.00元，下降25.00%。\n")
    result = audit(text)
    assert prose_findings(result) == []
    assert result.not_checked.get("comparison_operands") == 1
    # One value before the change: its change, checked.
    [finding] = findings(audit("“三公”经费支出决算30,000.00元；比上年减少10,000.00元，下降20.00%。\n"),
                         "PR010")
    assert finding.reported == "-20.00%"


def test_a_bound_is_not_restated_by_the_value_reached(audit):
    # 80元以上 is the target; 72元 what was reached: two quantities under one name.
    text = ("绩效目标：示范区亩均增收80元以上，满意度达到90%以上。\n"
            "（1）经济效益。示范区亩均增收72元，未达到目标值。\n")
    assert findings(audit(text), "PR050") == []
    [finding] = findings(audit(text.replace("80元以上", "80元")), "PR050")
    assert finding.reported == "72元"


def test_a_list_that_names_another_parent_is_not_the_last_values(audit):
    # 支出总计包括…: the parts are of 支出总计, not of 年初结转和结余 before it.
    text = ("收入总计包括本年收入合计300.00万元、年初结转和结余20.00万元；"
            "支出总计包括本年支出合计290.00万元、年末结转和结余30.00万元。\n")
    result = audit(text)
    assert findings(result, "PR001") == []
    assert result.not_checked.get("list_parent", 0) >= 1
    # Words that say how, not what, leave the list to the value before it.
    [finding] = findings(audit("已采集商铺信息100家，按街道划分分别为：甲街道共采集60家，乙街道共采集50家。\n"),
                         "PR001")
    assert finding.reported == "100家"


def test_a_semicolon_ends_a_list_joined_by_enumeration_commas(audit):
    text = ("政府采购支出总额100.00万元，其中货物20.00万元、工程30.00万元、服务50.00万元；"
            "授予中小企业合同金额80.00万元，占80.00%。\n")
    assert prose_findings(audit(text)) == []
    [finding] = findings(audit(text.replace("服务50.00", "服务60.00")), "PR001")
    assert finding.reported == "100.00万元" and finding.expected == "110.00万元"


def test_a_second_total_of_one_rank_is_not_a_part_of_the_first(audit):
    text = ("2019年度收入总计100.00万元，其中本年收入合计90.00万元，年初结转和结余10.00万元；"
            "支出总计100.00万元，其中本年支出合计{}万元，年末结转和结余20.00万元。\n")
    assert prose_findings(audit(text.format("80.00"))) == []
    [finding] = findings(audit(text.format("90.00")), "PR001")
    assert finding.reported == "100.00万元" and finding.expected == "110.00万元"


# ------------------------------------------------------------------ operands and bases

def test_a_rate_of_the_count_right_before_it_is_not_paired_with_others(audit):
    text = "全年受理举报49640件，办结49000件。网上举报81件，办结率100%。\n"
    result = audit(text)
    assert findings(result, "PR030") == []
    assert result.not_checked == {"rate_operands": 1}
    [finding] = findings(audit("全年受理举报49640件，办结49000件，办结率100%。\n"), "PR030")
    assert finding.reported == "100%"


def test_a_share_of_a_budgets_part_is_not_taken_for_the_whole(audit):
    # 项目支出预算 names the part 项目支出 as much as the total 支出预算 it ends like.
    text = ("2025年支出预算500.00万元，其中：基本支出400.00万元，项目支出100.00万元。\n"
            "实行绩效目标管理的项目10个，涉及项目支出预算100.00万元，占项目支出预算的100%。\n")
    result = audit(text)
    assert findings(result, "PR009") == []
    assert result.not_checked.get("share_base") == 1
    [finding] = findings(audit(text.replace("占项目支出预算的100%", "占支出预算的25%")), "PR009")
    assert finding.expected == "20%"


def test_a_share_whose_base_two_values_answer_to_is_not_checked(audit):
    text = ("一般公共预算基本支出500万元，其中：人员经费400万元，公用经费100万元。\n"
            "政府性基金基本支出300万元，其中：人员经费200万元，公用经费100万元。\n"
            "公务接待费10万元，占基本支出的{}。\n")
    assert findings(audit(text.format("2.00%")), "PR009") == []
    result = audit(text.format("3.33%"))
    assert findings(result, "PR009") == []
    assert result.not_checked == {"share_base": 1}
    alone = ("一般公共预算基本支出500万元，其中：人员经费400万元，公用经费100万元。\n"
             "公务接待费10万元，占基本支出的{}。\n")
    assert findings(audit(alone.format("2.00%")), "PR009") == []
    [finding] = findings(audit(alone.format("3.33%")), "PR009")
    assert finding.expected == "2.00%"


def test_a_classification_name_wrapped_over_three_lines_is_one_label():
    result = pdf_prose((8, 15, "1．一般公共服务（类）"),
                       (8, 16, "党委办公厅（室）及相关机构事务（款）"),
                       (8, 17, "行政运行（项）支出6106.99万元，与上年相比增加101.48万元，增长1.69%。"))
    [claim] = result.claims
    assert claim.label == "一般公共服务（类）党委办公厅（室）及相关机构事务（款）行政运行（项）支出"
    assert claim.location.line == 17
    # A 类 heading over numbered items stays a heading.
    result = pdf_prose((8, 15, "（一）一般公共服务（类）"),
                       (8, 16, "1．行政运行（项）支出100万元，与上年相比增加10万元，增长11.11%。"))
    [claim] = result.claims
    assert claim.label == "行政运行（项）支出"


def test_an_opener_in_a_new_sentence_after_several_values_opens_nothing(audit):
    text = ("因公出国（境）费支出60万元，公务用车购置及运行费支出100万元，公务接待费支出40万元。"
            "具体如下：因公出国（境）费预算支出60万元，公务用车购置及运行费预算支出100万元。\n")
    assert findings(audit(text), "PR001") == []
    one = "“三公”经费预算支出150万元。具体如下：因公出国（境）费预算支出60万元，公务用车购置及运行费预算支出100万元。\n"
    [finding] = findings(audit(one), "PR001")
    assert finding.reported == "150万元"


def test_one_label_in_two_projects_sections_is_not_compared(audit):
    text = ("（一）网格化管理运行维护经费项目\n"
            "系统运维服务费支出为20万元，用于平台运行。\n"
            "（二）热线平台升级改造经费项目\n"
            "系统运维服务费支出为{}万元，用于热线平台运行。\n")
    assert findings(audit(text.format("35")), "PR050") == []
    same = ("（一）网格化管理运行维护经费项目\n"
            "系统运维服务费支出为20万元，用于平台运行。\n"
            "经核对，系统运维服务费支出为{}万元。\n")
    assert findings(audit(same.format("20")), "PR050") == []
    [finding] = findings(audit(same.format("35")), "PR050")
    assert finding.reported == "35万元"


def test_a_list_of_x_takes_x_from_elsewhere_only_by_its_own_name(audit):
    text = ("2017年度经费预算支出500万元，主要用于人员经费和公用经费。\n"
            "“三公”经费预算支出中，公务接待费支出10万元，占{}。\n")
    assert findings(audit(text.format("100.0%")), "PR005") == []
    named = ("“三公”经费预算支出20万元，主要用于公务接待和公务用车。\n"
             "“三公”经费预算支出中，公务接待费支出10万元，占{}。\n")
    assert findings(audit(named.format("50.0%")), "PR005") == []
    [finding] = findings(audit(named.format("100.0%")), "PR005")
    assert finding.expected.startswith("50")


def test_a_change_opening_the_next_sentence_is_of_the_one_value_before(audit):
    text = "基本支出预算数为9964.07万元。与上年相比增加941.62万元，增长{}。主要原因是政策性调资。\n"
    assert findings(audit(text.format("10.44%")), "PR010") == []
    [finding] = findings(audit(text.format("10.54%")), "PR010")
    assert finding.expected == "10.44%"
    # Two values before: whose change it is would be a guess.
    two = "基本支出预算数为9964.07万元，项目支出预算数为10688.66万元。与上年相比增加941.62万元，增长10.54%。\n"
    assert findings(audit(two), "PR010") == []


# ------------------------------------------------------------------ a listed item's own rate

ITEM_RATE = ("2023年度“三公”经费财政拨款支出决算8,400.00元，年初预算12,000.00元，完成预算的70.00%。"
             "其中：公务接待费{item}元，完成预算的{rate}；因公出国（境）费0元。")


def test_a_rate_after_an_item_is_the_items_not_the_totals(audit):
    # The item's rate: its budget is not given, so it is not checked against the total's.
    result = audit(ITEM_RATE.format(item="8,400.00", rate="84.00%"))
    assert prose_findings(result) == []
    assert result.not_checked.get("rate_operands") == 1
    # The total's own rate is still checked: 8400 ÷ 12000 = 70.00%.
    wrong = audit(ITEM_RATE.format(item="8,400.00", rate="84.00%").replace("70.00%", "75.00%"))
    assert [f.rule for f in prose_findings(wrong)] == ["PR025"]


# ------------------------------------------------------------------ a compared value is no total

COMPARED_THEN_ITEMS = ("2021年度“三公”经费预算12.00万元，比上年5.00万元增加7.00万元，增长140.00%。其中：\n"
                       "1.因公出国（境）费6.00万元，上年未安排。\n"
                       "2.公务用车运行维护费3.00万元，比上年减少1.00万元。\n"
                       "3.公务接待费3.00万元，与上年持平。\n")


def test_items_after_a_compared_value_are_not_its_parts(audit):
    # 5.00 is last year's, stated for the comparison: 6 + 3 + 3 is not its breakdown.
    assert [f for f in prose_findings(audit(COMPARED_THEN_ITEMS)) if f.rule == "PR001"] == []


# ------------------------------------------------------------------ a change to a new level

def test_a_rise_to_a_level_is_no_change_by_that_much(audit):
    text = "门诊人次由2022年的52,000人次增加到{to}人次，增长{rate}，主要是新院区投入使用。"
    # 增加到 54,600: the level reached; the growth is (54600 − 52000) ÷ 52000 = 5.00%.
    assert prose_findings(audit(text.format(to="54,600", rate="5.00%"))) == []
    assert [f.rule for f in prose_findings(audit(text.format(to="54,600", rate="6.00%")))] == ["PR015"]


# ------------------------------------------------------------------ a sibling is no base

SIBLINGS = ("2021年基本支出800.00万元，占全年支出的{basic}。其中：人员经费700.00万元，公用经费100.00万元。\n"
            "（二）项目支出情况\n"
            "2021年项目支出200.00万元，占全年支出的{project}。\n")


def test_a_share_of_a_generic_base_is_not_taken_of_a_sibling(audit):
    # 全年支出 is stated nowhere: 项目支出's share is not checked against 基本支出 (25.00%).
    result = audit(SIBLINGS.format(basic="80.00%", project="20.00%"))
    assert prose_findings(result) == []
    assert result.not_checked.get("share_base", 0) >= 1


def test_a_change_of_a_value_stated_elsewhere_is_counted_not_checked(audit):
    # The value stands two paragraphs back, not in the one just before: not guessed.
    text = ("本年收入合计6,523.41万元，本年支出合计6,570.12万元。\n"
            "二、收入决算情况说明\n"
            "与上年相比，本年收入合计增加535.78万元，增长7.00%。\n")
    result = audit(text)
    assert prose_findings(result) == []
    assert result.not_checked.get("comparison_operands") == 1


def test_a_change_of_the_value_the_paragraph_before_names_is_checked(audit):
    # 535.78 ÷ (6523.41 − 535.78) = 8.95%.
    text = ("本年收入合计6,523.41万元，本年支出合计6,570.12万元。\n"
            "与上年相比，本年收入合计增加535.78万元，增长{}。\n")
    result = audit(text.format("8.95%"))
    assert prose_findings(result) == [] and not result.not_checked.get("comparison_operands")
    [finding] = [f for f in prose_findings(audit(text.format("7.00%"))) if f.rule == "PR010"]
    assert finding.expected == "8.95%"


def test_a_shorthand_change_of_the_sentence_before(audit):
    text = ("2022年度收入总计4,000.00万元，支出总计4,000.00万元。与2021年度相比，"
            "收入、支出总计各增加{change}万元，增长{rate}。\n")
    # 400 ÷ (4000 − 400) = 11.11%.
    assert prose_findings(audit(text.format(change="400.00", rate="11.11%"))) == []
    assert {f.rule for f in prose_findings(audit(text.format(change="400.00", rate="10.00%")))} == {"PR010"}


def test_one_class_in_parts_about_different_funds_is_not_compared(audit):
    # 三、支出决算 covers all money, 五、一般公共预算财政拨款支出决算 only the appropriation:
    # the same 类 may well differ between them.
    text = ("三、支出决算情况说明\n2023年度本年支出合计3,601.34万元，其中：社会保障和就业支出"
            "218.36万元，农林水支出3,382.98万元。\n"
            "{heading}\n2023年度本年支出合计3,394.81万元，其中：社会保障和就业支出212.19万元，"
            "农林水支出3,182.62万元。\n")
    other = text.format(heading="五、一般公共预算财政拨款支出决算情况说明")
    assert findings(audit(other), "PR050") == []
    # Two parts about the same money still hold the same 类 to one figure.
    same = text.format(heading="四、支出决算具体情况说明")
    [finding] = findings(audit(same), "PR050")
    assert finding.reported == "212.19万元"


def test_those_besides_a_list_are_not_its_parts(audit):
    text = "2021年末实有人员{}人，其中：在编人员26人，编外聘用人员7人；另有退休人员14人。\n"
    assert findings(audit(text.format("33")), "PR001") == []
    assert findings(audit(text.format("30")), "PR001")  # 26 + 7 still exceed 30


def test_a_procurement_lists_kinds_end_at_its_semicolon(audit):
    text = ("2021年度政府采购支出总额{}万元，其中：货物类38.60万元，服务类87.80万元；"
            "授予中小企业合同金额118.20万元，占政府采购支出总额的93.51%。\n")
    assert findings(audit(text.format("126.40")), "PR001") == []
    assert findings(audit(text.format("120.40")), "PR001")  # 38.60 + 87.80 exceed it


def test_floors_under_a_target_are_not_summed(audit):
    # 不少于 25,000 is a floor within the target; 实际完成 is the value reached, not a part.
    text = ("计划为老年人提供健康管理服务38,000人次，其中：中医药健康管理服务不少于25,000人次；"
            "实际完成39,216人次，其中：中医药健康管理服务26,108人次。\n")
    assert findings(audit(text), "PR001") == [] and findings(audit(text), "PR002") == []
