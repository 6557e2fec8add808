"""Claim shapes of issue 9: each with prose that holds and prose that does not.

Every text is made up for the test; a case passes when the rule under test reports
nothing, and fails when it reports exactly what it should. Shapes whose subject, operands
or base are not unambiguous are left "not checked" (counted in coverage), never a finding.
"""

from __future__ import annotations



from prose_inputs import audit, findings, prose_findings  # noqa: F401 (audit is a fixture)


# ------------------------------------------------------------------ last year's value stated

def test_stated_previous_year_is_the_base_not_the_value(audit):
    ok = "办公设备购置（项）支出240.00万元，上年执行数200.00万元，增加40.00万元，增长20.00%。\n"
    assert prose_findings(audit(ok)) == []  # the change is of 240, not of 上年执行数 200
    [finding] = findings(audit(ok.replace("增长20.00%", "增长16.67%")), "PR010")
    assert finding.reported == "16.67%" and finding.expected == "20.00%"


def test_a_bare_last_year_value_is_the_base(audit):
    # `上年为…` with no role word after 上年 is last year's value too, not this year's.
    text = "2021年度机关运行经费支出50.00万元，上年为40.00万元，比上年增加{}万元，增长25.00%。\n"
    assert prose_findings(audit(text.format("10.00"))) == []
    result = audit(text.format("12.00"))
    [finding] = findings(result, "PR014")
    assert finding.reported == "40.00万元" and finding.expected == "38.00万元"
    assert all("上年”" not in f.message for f in prose_findings(result))


def test_stated_previous_year_against_the_change(audit):
    text = "办公设备购置（项）支出240.00万元，上年执行数{}万元，增加40.00万元，增长20.00%。\n"
    assert findings(audit(text.format("200.00")), "PR014") == []
    [finding] = findings(audit(text.format("210.00")), "PR014")
    assert finding.reported == "210.00万元" and finding.expected == "200.00万元"
    assert {f.location.line for f in finding.figures} == {1} and len(finding.figures) >= 3


def test_growth_from_the_stated_previous_year(audit):
    text = "培训支出（项）预算安排36.00万元，上年预算数30.00万元，增长{}。\n"
    assert prose_findings(audit(text.format("20.00%"))) == []
    [finding] = findings(audit(text.format("16.67%")), "PR015")
    assert finding.expected == "20.00%"


def test_growth_from_a_stated_zero_base_is_undefined(audit):
    text = "信息化建设（项）支出58.60万元，上年执行数{}万元，增长100.00%。\n"
    [finding] = findings(audit(text.format("0.00")), "PR016")
    assert finding.severity == "warning" and finding.reported == "100.00%"
    assert findings(audit(text.format("0.00")), "PR015") == []  # no division by zero
    assert prose_findings(audit(text.format("29.30"))) == []


def test_carried_over_money_is_not_last_years_value(audit):
    # 上年结转 is money of this year: no base is stated, nothing to check.
    text = "信息化建设（项）支出58.60万元，上年结转资金20.00万元，增长100.00%。\n"
    assert prose_findings(audit(text)) == []


# ------------------------------------------------------------------ rates in a list

CHANNELS = ("全年受理诉求6000件，其中：网格巡查发现4000件，办结3960件，办结率为{}；"
            "群众来电2000件，办结1900件，办结率为{}。\n")


def test_rate_in_a_list_is_of_its_own_clause(audit):
    assert prose_findings(audit(CHANNELS.format("99.0%", "95.0%"))) == []
    [finding] = findings(audit(CHANNELS.format("99.0%", "97.0%")), "PR030")
    assert finding.reported == "97.0%" and finding.expected == "95.0%"
    assert sorted(f.shown for f in finding.figures) == ["1900件", "2000件", "97.0%"]


def test_rate_in_a_clause_of_three_counts_is_not_checked(audit):
    text = ("全年受理诉求6000件，其中：网格巡查发现4000件，办结3960件，按期办结3900件，"
            "办结率为90.0%。\n")
    result = audit(text)
    assert prose_findings(result) == []
    assert result.not_checked.get("rate_operands") == 1


# ------------------------------------------------------------------ a part's rate of its own budget

FUNDS = ("项目全年预算数200.00万元，其中：{first}120.00万元，上年结转资金80.00万元。"
         "全年实际支出180.00万元，其中：当年财政拨款执行108.00万元，执行率{rate}；"
         "上年结转资金执行72.00万元，执行率90.00%。\n")


def test_a_parts_rate_is_of_the_budget_part_of_its_name(audit):
    ok = audit(FUNDS.format(first="当年财政拨款", rate="90.00%"))
    assert prose_findings(ok) == [] and not ok.not_checked.get("rate_operands")
    [finding] = findings(audit(FUNDS.format(first="当年财政拨款", rate="95.00%")), "PR020")
    assert finding.reported == "95.00%" and finding.expected == "90.00%"  # 108 ÷ 120
    assert sorted(f.shown for f in finding.figures) == ["108.00万元", "120.00万元", "95.00%"]


def test_a_parts_rate_without_a_budget_part_of_its_name_is_not_checked(audit):
    # The budget's first part is named otherwise: which one is the part's is not guessed
    # (the second one's is still found: 72.00 ÷ 80.00 = 90.00%).
    result = audit(FUNDS.format(first="一般公共预算资金", rate="95.00%"))
    assert findings(result, "PR020") == []
    assert result.not_checked.get("rate_operands") == 1
    assert [e.verdict for e in result.evaluations if e.rule == "PR020"].count("pass") == 1


# ------------------------------------------------------------------ an intake in the item before

ITEMS = ("（一）产出情况\n"
         "1．数量指标。年内共受理不动产登记申请{intake}，较上年有所增加。\n"
         "2．质量指标。年内办结不动产登记申请3,960件，办结率{rate}，群众评价良好。\n")


def test_count_rate_takes_its_intake_from_the_numbered_item_before(audit):
    assert prose_findings(audit(ITEMS.format(intake="4,000件", rate="99.0%"))) == []
    [finding] = findings(audit(ITEMS.format(intake="4,000件", rate="98.0%")), "PR030")
    assert finding.reported == "98.0%" and finding.expected == "99.0%"
    assert sorted(f.shown for f in finding.figures) == ["3960件", "4000件", "98.0%"]


def test_an_intake_of_something_else_in_the_item_before_is_not_taken(audit):
    other = ITEMS.replace("受理不动产登记申请", "受理信访来件")
    assert findings(audit(other.format(intake="4,000件", rate="98.0%")), "PR030") == []
    # …nor one of two intakes, nor one in an item that is not the one right before.
    two = ITEMS.replace("，较上年有所增加", "，另受理不动产登记申请咨询120件")
    assert findings(audit(two.format(intake="4,000件", rate="98.0%")), "PR030") == []
    apart = ITEMS.replace("2．质量指标", "3．质量指标")
    assert findings(audit(apart.format(intake="4,000件", rate="98.0%")), "PR030") == []


# ------------------------------------------------------------------ one change for each of several

def test_one_change_stated_for_each_subject(audit):
    text = ("本年收入合计800.00万元，本年支出合计{}万元，与上年相比，收入、支出各减少200.00万元，"
            "下降20.00%。\n")
    assert prose_findings(audit(text.format("800.00"))) == []
    # Each subject has its own figures: the rate agrees with 收入 (200 ÷ 1000), not 支出.
    [finding] = findings(audit(text.format("600.00")), "PR010")
    assert finding.subject == "本年支出合计" and finding.expected == "-25.00%"


def test_one_change_for_subjects_that_name_no_one_value_is_not_attached(audit):
    # 收入 names both 本年收入合计 and 财政拨款收入: the change is no one's.
    text = ("本年收入合计800.00万元，财政拨款收入700.00万元，本年支出合计600.00万元，与上年相比，"
            "收入、支出均比上年减少200.00万元，下降20.00%。\n")
    result = audit(text)
    assert prose_findings(result) == []
    assert result.not_checked.get("comparison_operands") == 1


def test_changes_given_respectively_are_not_one_for_each(audit):
    text = ("本年收入合计800.00万元，本年支出合计600.00万元，与上年相比，收入、支出分别减少"
            "200.00万元、150.00万元。\n")
    assert findings(audit(text), "PR010") == []


# ------------------------------------------------------------------ a share without its %

SHARES = "本年支出合计500.00万元，其中：基本支出350.00万元，占{}；项目支出150.00万元，占{}。\n"


def test_share_written_without_its_sign(audit):
    result = audit(SHARES.format("70.00", "30.00"))
    assert [f.rule for f in prose_findings(result)] == ["PR063", "PR063"]  # each lacks its %
    [finding] = findings(audit(SHARES.format("70.00", "33.00")), "PR005")
    assert finding.reported == "33.00%" and finding.expected == "30.00%"


def test_number_after_zhan_that_may_be_something_else_is_not_a_share(audit):
    assert prose_findings(audit("新建停车场投资50.00万元，占地36.50亩。\n")) == []
    # Over 100: not a percentage, whatever else it is.
    assert findings(audit(SHARES.format("170.00", "30.00")), "PR005") == []


# ------------------------------------------------------------------ the parts' changes

PARTS_CHANGES = ("本年支出合计800.00万元，比上年增加{}万元，其中：基本支出500.00万元，比上年增加"
                 "30.00万元；项目支出{}万元，比上年增加50.00万元。\n")


def test_parts_changes_add_up_to_the_totals(audit):
    assert prose_findings(audit(PARTS_CHANGES.format("80.00", "300.00"))) == []
    [finding] = findings(audit(PARTS_CHANGES.format("90.00", "300.00")), "PR017")
    assert finding.reported == "90.00万元" and finding.expected == "80.00万元"
    assert len(finding.figures) >= 3


def test_parts_that_are_not_the_whole_need_not_add_up(audit):
    # 500 + 200 is not 800: other parts are left out, and so are their changes.
    assert findings(audit(PARTS_CHANGES.format("90.00", "200.00")), "PR017") == []


def test_one_value_named_for_both_takes_the_change(audit):
    text = "收入、支出预算总计1100.00万元，与上年相比收入、支出各增加100.00万元，增长{}。\n"
    assert prose_findings(audit(text.format("10.00%"))) == []
    [finding] = findings(audit(text.format("9.09%")), "PR010")
    assert finding.expected == "10.00%"


# ------------------------------------------------------------------ a 科目's amount restated

HEAD = ("3．农林水支出（类）农业农村（款）病虫害控制（项）36.40万元，主要用于农作物病虫害监测。"
        "年初预算为30.00万元，支出决算为{}万元。\n")


def test_head_amount_of_a_classification_against_its_spending(audit):
    assert prose_findings(audit(HEAD.format("36.40"))) == []
    [finding] = findings(audit(HEAD.format("34.60")), "PR050")
    assert finding.reported == "34.60万元" and finding.expected == "36.40万元"
    assert len(finding.figures) == 2


def test_head_amount_in_a_budget_against_its_budget(audit):
    text = ("“农林水支出（类）农业农村（款）病虫害控制（项）”科目36.40万元，主要用于病虫害监测。"
            "预算安排{}万元，上年执行数30.00万元。\n")
    assert prose_findings(audit(text.format("36.40"))) == []
    [finding] = findings(audit(text.format("36.04")), "PR050")
    assert finding.expected == "36.40万元"


def test_head_with_two_restatements_is_not_compared(audit):
    text = ("农林水支出（类）农业农村（款）病虫害控制（项）36.40万元。支出决算为20.00万元，"
            "另有支出决算16.40万元。\n")
    result = audit(text)
    assert findings(result, "PR050") == []
    assert result.not_checked.get("comparison_operands") == 1


# ------------------------------------------------------------------ a base named by its year

NAMED_BASE = ("“农林水支出（类）农业农村（款）病虫害控制（项）”科目48.00万元，主要用于病虫害监测。"
              "2025年当年预算执行数为{}万元，2026年预算安排48.00万元，比2025年预算执行数增加{}。\n")


def test_growth_against_a_base_named_by_its_year(audit):
    assert prose_findings(audit(NAMED_BASE.format("40.00", "20.00%"))) == []
    [finding] = findings(audit(NAMED_BASE.format("40.00", "16.67%")), "PR015")
    assert finding.expected == "20.00%" and "病虫害控制（项）" in finding.message


def test_growth_from_a_zero_base_named_by_its_year(audit):
    [finding] = findings(audit(NAMED_BASE.format("0.00", "100.00%")), "PR016")
    assert finding.severity == "warning"


def test_base_named_by_a_year_no_value_has_is_not_guessed(audit):
    text = NAMED_BASE.format("40.00", "16.67%").replace("比2025年", "比2024年")
    assert findings(audit(text), "PR015") == []


# ------------------------------------------------------------------ parts in 元 among 万元

MIXED = "设备更新项目总预算100.00万元，其中：设备购置费60.00万元，安装调试费{}元。\n"


def test_a_part_in_yuan_is_summed_in_the_totals_unit(audit):
    # 400000元 is 40万元: the parts make the total.
    assert prose_findings(audit(MIXED.format("400000"))) == []
    # 500000元 is 50万元: 60 + 50 = 110 is over the total, which only the unit fix shows.
    [finding] = findings(audit(MIXED.format("500000")), "PR001")
    assert finding.expected == "110.00万元"


def test_base_named_by_a_year_two_values_have_is_not_checked(audit):
    text = ("2025年预算执行数为40.00万元，2025年调整后预算执行数为42.00万元，2026年预算安排48.00万元，"
            "比2025年预算执行数增加16.67%。\n")
    result = audit(text)
    assert prose_findings(result) == []
    assert result.not_checked.get("comparison_operands") == 1


def test_rate_in_a_clause_whose_other_count_is_no_intake_is_not_checked(audit):
    text = "全年受理诉求6000件，其中：群众来电办结1900件，回复1800件，办结率为95.0%。\n"
    assert findings(audit(text), "PR030") == []


def test_the_three_public_items_are_all_of_the_three_public_total(audit):
    # 因公出国（境）费, the vehicles and 公务接待费 are the whole of “三公” by definition.
    text = ("2025年“三公”经费预算20.00万元，比上年减少1.00万元。其中：因公出国（境）费2.00万元；"
            "公务用车购置及运行费{}万元；公务接待费5.00万元。\n")
    assert prose_findings(audit(text.format("13.00"))) == []
    [finding] = findings(audit(text.format("10.00")), "PR002")
    assert finding.reported == "20.00万元" and finding.expected == "17.00万元"
    # Two of the three named: the list may be partial, and is not summed as whole.
    partial = "2025年“三公”经费预算20.00万元。其中：因公出国（境）费2.00万元；公务接待费5.00万元。\n"
    assert findings(audit(partial), "PR002") == []


def test_last_years_total_stated_beside_this_years_is_the_base(audit):
    text = "2021年度支出合计200.00万元，上年支出合计180.00万元，较上年增加{}万元，增长11.11%。\n"
    assert prose_findings(audit(text.format("20.00"))) == []
    [finding] = findings(audit(text.format("10.00")), "PR014")
    assert finding.reported == "180.00万元" and finding.expected == "190.00万元"



# ------------------------------------------------------------------ classes of one classification

def test_project_spending_beside_basic_spending_is_a_part_of_the_budget(audit):
    # Under a budget, 项目支出 beside 基本支出 is the other class of spending by its nature,
    # not the passage's spending that ends the list of the budget's parts.
    text = ("本单位支出预算合计250.00万元，其中：基本支出150.00万元，占{}，用于保障机构运转；"
            "项目支出100.00万元，占{}，用于业务工作。\n")
    assert prose_findings(audit(text.format("60.00%", "40.00%"))) == []
    [share] = findings(audit(text.format("60.00%", "42.00%")), "PR005")
    assert share.reported == "42.00%" and share.expected == "40.00%"


def test_a_lone_project_spending_still_ends_a_budgets_list(audit):
    # Without a sibling class among the parts, 项目支出 after a budget's parts is not read
    # as one of them.
    text = "项目预算合计80.00万元，其中：设备购置50.00万元，培训30.00万元；项目支出78.00万元。\n"
    assert prose_findings(audit(text)) == []


# ------------------------------------------------------------------ shares of a sum stated before

SOURCES = ("2023年收入预算合计1,200.00万元，比上年增加50.00万元。\n"
           "（一）收入预算\n"
           "1．财政拨款收入900.00万元，占{};2．事业收入250.00万元，占{};"
           "3．其他收入{}万元，占4.17%。\n")


def test_shares_of_nothing_named_are_of_the_total_their_amounts_add_up_to(audit):
    assert prose_findings(audit(SOURCES.format("75.00%", "20.83%", "50.00"))) == []
    result = audit(SOURCES.format("75.00%", "21.83%", "50.00"))
    [share] = findings(result, "PR005")
    assert share.reported == "21.83%" and share.expected == "20.83%"
    [whole] = findings(result, "PR007")
    assert whole.reported == "101.00%"


def test_shares_whose_amounts_add_up_to_no_stated_total_stay_unchecked(audit):
    # 900 + 250 + 40 = 1,190: no value stated before is that sum; the base is not guessed.
    result = audit(SOURCES.format("75.00%", "21.83%", "40.00"))
    assert findings(result, "PR005") == [] and findings(result, "PR007") == []
    assert result.not_checked.get("share_base") == 3


# ------------------------------------------------------------------ a target met

def test_percentage_of_a_target_named_with_its_figure(audit):
    text = "（一）产出指标。年内开展入户随访1,530人次，完成全年目标1,500人次的{}，随访质量良好。\n"
    assert prose_findings(audit(text.format("102.00%"))) == []
    [finding] = findings(audit(text.format("102.20%")), "PR030")
    assert finding.reported == "102.20%" and finding.expected == "102.00%"
    # 剂次 (doses) is a count like 人次.
    doses = text.replace("入户随访", "疫苗接种").replace("人次", "剂次")
    assert findings(audit(doses.format("102.20%")), "PR030")


def test_percentage_of_a_target_stated_in_the_clause_before(audit):
    text = "举办农技培训班共计45期，年度目标为50期，完成目标的{}。\n"
    assert prose_findings(audit(text.format("90.00%"))) == []
    [finding] = findings(audit(text.format("92.00%")), "PR030")
    assert finding.expected == "90.00%"
    # Two values besides the target, or none in its unit: which was done is not guessed.
    two = "举办农技培训班共计45期，其中线上20期，年度目标为50期，完成目标的92.00%。\n"
    assert findings(audit(two), "PR030") == []
    other = "服务群众480人，年度目标为50期，完成目标的92.00%。\n"
    assert findings(audit(other), "PR030") == []


# ------------------------------------------------------------------ a change of a value stated earlier

def test_change_against_a_named_base_is_of_the_value_the_sentence_before_states(audit):
    # The change's sentence names only its base (与…相比); the value changed is the one the
    # sentence before states.
    text = ("2024年度项目支出{}万元，占本年支出合计的40.00%。与2023年度决算数500.00万元相比，"
            "减少40.00万元，下降8.00%。\n")
    assert prose_findings(audit(text.format("460.00"))) == []
    result = audit(text.format("470.00"))
    [finding] = findings(result, "PR014")
    assert finding.reported == "500.00万元" and finding.expected == "510.00万元"


def test_named_base_with_two_values_in_the_sentence_before_is_not_guessed(audit):
    text = ("2024年度基本支出300.00万元，项目支出470.00万元。与2023年度决算数500.00万元相比，"
            "减少40.00万元，下降8.00%。\n")
    result = audit(text)
    assert findings(result, "PR014") == [] and findings(result, "PR010") == []


def test_change_of_a_value_named_in_the_paragraph_before(audit):
    # Its own paragraph opens with 与上年相比: the value it names exactly stands in the one
    # before; the earlier year's value in brackets after it is the base.
    text = ("2024年度支出总计包括本年支出合计1,260.00万元和年末结转和结余40.00万元。\n"
            "与上年相比，本年支出合计增加{}万元，增长5.00%（2023年度本年支出合计为1,200.00万元）。\n")
    assert prose_findings(audit(text.format("60.00"))) == []
    result = audit(text.format("66.00"))
    [stated] = findings(result, "PR014")
    assert stated.reported == "1200.00万元" and stated.expected == "1194.00万元"
    [rate] = findings(result, "PR010")
    assert rate.reported == "5.00%" and rate.expected == "5.53%"


def test_change_of_a_short_name_in_the_paragraph_before_is_not_attached(audit):
    # 支出 alone could be any of the amounts before: nothing is checked.
    text = ("本年支出1,260.00万元，其中基本支出800.00万元。\n"
            "与上年相比，支出增加66.00万元，增长5.00%。\n")
    assert prose_findings(audit(text)) == []


# ------------------------------------------------------------------ a two-sided total and its compared values

TWO_SIDED = ("2023年度收、支总计1,000.00万元。其中：本年收入合计{income}万元，比上年增加50.00万元；"
             "本年支出合计900.00万元，较2022年度的{before}万元增加{change}万元。\n")


def test_parts_of_both_sides_of_a_two_sided_total_are_not_summed(audit):
    # 本年收入合计 is of the income side, 本年支出合计 of the spending side: each is part of
    # its own 总计, never both of one; and 较2022年度的… is compared with, not listed.
    result = audit(TWO_SIDED.format(income="950.00", before="850.00", change="50.00"))
    assert findings(result, "PR001") == [] and findings(result, "PR002") == []


def test_one_sides_parts_of_a_two_sided_total_are_summed(audit):
    text = "2023年度收、支总计1,000.00万元。其中：本年收入合计950.00万元，年初结转和结余{}万元。\n"
    assert prose_findings(audit(text.format("50.00"))) == []
    assert findings(audit(text.format("60.00")), "PR001")


def test_a_value_compared_with_by_its_year_is_last_years(audit):
    result = audit(TWO_SIDED.format(income="950.00", before="850.00", change="40.00"))
    [stated] = findings(result, "PR014")
    assert stated.reported == "850.00万元" and stated.expected == "860.00万元"


def test_rooms_and_places_are_counted(audit):
    # 间 and 处 count things as 个 does: the parts a 其中 lists cannot exceed their total.
    text = "全年完成{}间教室改造，其中东校区9间、西校区6间，新建活动场所3处。\n"
    assert prose_findings(audit(text.format("15"))) == []
    [finding] = findings(audit(text.format("14")), "PR001")
    assert finding.reported == "14间" and finding.expected == "15间"


SCORED = ("四、绩效指标完成情况分析\n（二）产出指标完成情况（分值50分，得分{total}分）。\n"
          "1．数量指标。完成改造20处，得20分。\n2．质量指标。验收合格率100%，得10分。\n"
          "3．时效指标。较计划推迟5天，扣2分，得{third}分。\n（三）效益指标完成情况（分值30分，得分28分）。\n")


def test_a_dimensions_score_is_the_sum_of_its_items_scores(audit):
    assert prose_findings(audit(SCORED.format(total="38", third="8"))) == []
    result = audit(SCORED.format(total="37", third="8"))
    [finding] = findings(result, "PR002")
    assert finding.reported == "37" and finding.expected == "38"


def test_a_dimension_with_an_item_of_no_score_is_not_summed(audit):
    text = SCORED.format(total="37", third="8").replace("验收合格率100%，得10分。", "验收合格率100%。")
    assert findings(audit(text), "PR002") == [] and findings(audit(text), "PR001") == []


def test_basic_spending_is_its_personnel_and_public_funds(audit):
    # 基本支出 is made of 人员经费 and 公用经费: the two are all of it.
    text = "2026年一般公共预算基本支出{}万元，其中：人员经费300.50万元，主要用于工资福利；公用经费42.30万元，主要用于办公。\n"
    assert prose_findings(audit(text.format("342.80"))) == []
    [finding] = findings(audit(text.format("351.80")), "PR002")
    assert finding.expected == "342.80万元"
    # Any other pair of parts is only some of it.
    other = text.replace("公用经费42.30万元", "办公费42.30万元")
    assert findings(audit(other.format("351.80")), "PR002") == []


def test_a_list_closed_by_all_the_rest_is_the_whole(audit):
    # …及其他商品和服务支出: the last part is the rest of the total, so the parts are all of it.
    text = "2024年度公用经费{}万元，主要包括办公费12.00万元、差旅费6.50万元及其他商品和服务支出3.20万元。\n"
    assert prose_findings(audit(text.format("21.70"))) == []
    [finding] = findings(audit(text.format("22.70")), "PR002")
    assert finding.expected == "21.70万元"
    # A named kind of 其他 (其他交通费用) is one classification among others, not the rest.
    named = text.replace("其他商品和服务支出", "其他交通费用")
    assert findings(audit(named.format("22.70")), "PR002") == []


def test_a_change_is_not_of_a_limit(audit):
    # 控制在预算14.00万元以内 is a limit; the change since last year is the spending's:
    # 1.38 ÷ (12.46 + 1.38) = 9.97%.
    text = "2022年“三公”经费实际支出12.46万元，控制在预算14.00万元以内，比上年减少1.38万元，下降{}。\n"
    assert prose_findings(audit(text.format("9.97%"))) == []
    [finding] = findings(audit(text.format("8.97%")), "PR010")
    assert finding.expected == "-9.97%"


# ------------------------------------------------------------------ the compared year's value after 比

def test_the_value_after_the_compared_years_words_is_that_years(audit):
    # `…支出决算比2020年度决算41.20万元减少4.68万元`: 41.20 is 2020's, the base; this
    # year's value is the one the sentence before states.
    text = ("2021年度“三公”经费支出决算为36.52万元。“三公”经费支出决算比2020年度决算41.20万元"
            "减少4.68万元，下降{}。\n")
    ok = audit(text.format("11.36%"))
    assert prose_findings(ok) == []
    assert "PR010" in {e.rule for e in ok.evaluations if e.verdict == "pass"}
    [finding] = findings(audit(text.format("10.20%")), "PR010")
    assert finding.expected == "-11.36%"  # 4.68 ÷ 41.20


def test_the_compared_years_value_is_not_taken_for_this_years_among_two(audit):
    # Two values in the sentence before (预算 and 决算): which one changed is not guessed.
    text = ("2021年度“三公”经费预算为42.00万元，支出决算为36.52万元。2021年度“三公”经费支出决算"
            "比2020年度决算41.20万元减少4.68万元，下降11.36%。\n")
    result = audit(text)
    assert findings(result, "PR010") == [] and result.not_checked.get("comparison_operands")


# ------------------------------------------------------------------ a list inside one item of a ；-series

def test_a_list_inside_one_item_of_a_semicolon_series_ends_at_the_next_semicolon(audit):
    text = ("其中：因公出国（境）费支出决算为0万元；公务用车购置及运行费支出决算为28.30万元，"
            "其中公务用车购置费0万元，公务用车运行费{}万元，主要用于执法执勤车辆的燃料、维修等支出；"
            "公务接待费支出决算为8.22万元，共接待来访团组46批次。\n")
    ok = audit(text.format("28.30"))
    assert prose_findings(ok) == []  # 公务接待费 is no part of the vehicles' list
    assert "PR002" in {e.rule for e in ok.evaluations if e.verdict == "pass"}
    [finding] = findings(audit(text.format("26.30")), "PR002")
    assert (finding.reported, finding.expected) == ("28.30万元", "26.30万元")


# ------------------------------------------------------------------ a component named beside its compound

THREE = ("2025年“三公”经费预算数为{total}万元。其中：因公出国（境）费0万元，与上年持平；"
         "公务用车购置及运行费24.00万元，比上年减少29.60万元，主要是不安排车辆购置，"
         "公务用车运行费24.00万元；公务接待费11.60万元，比上年减少0.80万元。\n")


def test_a_component_named_after_its_compound_sibling_is_not_a_part(audit):
    # 公务用车运行费 is within 公务用车购置及运行费: 0 + 24.00 + 11.60, not + 24.00 again.
    assert prose_findings(audit(THREE.format(total="35.60"))) == []
    [finding] = findings(audit(THREE.format(total="37.60")), "PR002")
    assert finding.expected == "35.60万元"


def test_component_of_needs_a_short_compound_name():
    from auditor.recognise.prose.grammar import _component_of

    assert _component_of("公务用车运行费", "公务用车购置及运行费")
    assert _component_of("公务用车购置费", "公务用车购置及运行费")
    assert not _component_of("公务接待费", "公务用车购置及运行费")
    # 社会保障和就业支出 is one name, not two joined by 和.
    assert not _component_of("社会保障和就业支出（类）机关事业单位基本养老保险缴费支出（项）",
                             "社会保障和就业支出（类）行政单位离退休（项）")
    # Sharing the last words without the head's is not enough.
    assert not _component_of("就业支出", "社会保障和就业支出")


# ------------------------------------------------------------------ the overall score after the dimensions'

def _overall(text: str):
    from auditor.readers.text import parse_text
    from auditor.recognise.prose import read_prose
    from auditor.recognise.prose.subjects import _project_score

    prose = read_prose(parse_text(text, "x.txt"), 2023)
    found = [_project_score(p) for p in prose.passages]
    return [s.facts["得分"].quantity.text for s in found if s is not None]


def test_the_projects_overall_score_after_its_dimensions_scores():
    text = ("经对照年度绩效目标逐项打分，该项目预算执行率得分9.49分，产出指标得分51分，效益指标得分28分，"
            "满意度指标得分10分，综合自评得分为98.94分，评价等级为“优”。\n")
    assert _overall(text) == ["98.94分"]
    # Two overall-looking scores, or a department's: not taken.
    assert _overall(text.replace("满意度指标得分10分", "总分得分90分")) == []
    assert _overall(text.replace("该项目", "部门整体")) == []


# ------------------------------------------------------------------ set 11's shapes

def test_people_outside_the_staff_are_no_parts_of_a_staff_count(audit):
    text = ("2021年末，学校核定事业编制2460名，实有在编教职工2318名，其中专任教师1692名；"
            "离退休人员1207名；全日制在校学生31856名。\n")
    result = audit(text)
    assert findings(result, "PR001") == [] and result.not_checked.get("not_additive")


def test_a_change_naming_last_years_kind_is_of_this_years_value_of_that_kind(audit):
    text = ("3．公务接待费支出预算为12.00万元，支出决算为8.64万元，完成预算的72.00%；"
            "较上年决算减少1.82万元，下降{}。\n")
    assert "PR010" in {e.rule for e in audit(text.format("17.40%")).evaluations if e.verdict == "pass"}
    [finding] = findings(audit(text.format("21.04%")), "PR010")
    assert finding.expected == "-17.40%"  # 1.82 ÷ (8.64 + 1.82)
    # Naming no kind, the change of one of two values is not guessed.
    vague = audit(text.format("17.40%").replace("较上年决算", "较上年"))
    assert findings(vague, "PR010") == [] and vague.not_checked.get("comparison_operands")


def test_an_adjustment_of_the_budget_is_no_budget(audit):
    # 预算调整319.34万元 is how much the budget changed; 预算调整为1,452.75万元 what it became.
    text = "年中预算调整319.34万元，预算调整率为6.97%。年末结转结余70.12万元，结转结余率为1.43%。\n"
    assert findings(audit(text), "PR026") == []
    became = ("2024年本部门年初预算1,286.40万元，年中追加资金，全年预算调整为1,452.75万元。"
              "全年实际支出1,418.36万元，预算执行率{}。\n")
    assert "PR020" in {e.rule for e in audit(became.format("97.63%")).evaluations if e.verdict == "pass"}
    assert [f.expected for f in findings(audit(became.format("99.63%")), "PR020")] == ["97.63%"]


def _department_report(stated: str, with_table: bool = True) -> str:
    text = ("某局2023年度部门整体支出绩效自评报告\n"
            f"本部门对2023年度部门整体支出开展了自评，自评得分{stated}分，评价等级为“优”。\n")
    if with_table:
        text += ("\n表2 部门整体支出绩效评分表\n一级指标\t二级指标\t三级指标\t分值\t得分\n"
                 "投入\t预算执行\t预算执行率\t20\t19.00\n产出\t产出数量\t任务完成率\t30\t29.93\n"
                 "效果\t社会效益\t群众满意度\t30\t30\n效果\t可持续影响\t制度建设\t20\t19.00\n"
                 "合计\t\t\t100\t97.93\n")
    return text


def test_a_departments_score_is_its_score_tables_total(audit):
    assert findings(audit(_department_report("97.93")), "PR043") == []
    [finding] = findings(audit(_department_report("95.93")), "PR043")
    assert (finding.reported, finding.expected) == ("95.93", "97.93")
    # No score table: nothing to compare it with.
    assert findings(audit(_department_report("95.93", with_table=False)), "PR043") == []


# ------------------------------------------------------------------ set 12's shapes

def test_budgets_beside_spending_in_one_list_are_not_summed(audit):
    text = ("“三公”经费财政拨款支出年初预算为6.30万元，支出决算为4.98万元，完成预算的79.05%，其中："
            "因公出国（境）费年初预算为0万元，支出决算为0万元；公务用车购置及运行费年初预算为4.80万元，"
            "支出决算为4.12万元；公务接待费年初预算为1.50万元，支出决算为0.86万元。\n")
    result = audit(text)
    assert findings(result, "PR001") == [] and findings(result, "PR002") == []


def test_a_change_of_a_subject_with_a_budget_and_its_spending_is_not_guessed(audit):
    text = ("2022年度“三公”经费预算18.60万元，实际支出14.27万元。“三公”经费较上年减少1.27万元，"
            "下降8.17%。\n")
    result = audit(text)
    assert findings(result, "PR010") == [] and result.not_checked.get("comparison_operands")


def test_masked_names_and_numbers_in_the_form_fields_are_no_placeholders(audit):
    assert findings(audit("填表人：周××  联系电话：0745-62×××××  填报日期：2023年3月10日\n"), "PR062") == []
    assert len(findings(audit("本部门××年度收入预算××万元。\n"), "PR062")) == 2


def _unnamed_score_report(stated: str, twice: bool = False) -> str:
    text = ("某局2023年度部门整体支出绩效自评报告\n"
            f"经自评，投入指标20分，得19分，产出指标30分，得29.93分，效果指标50分，得49分；"
            f"综合自评得分{stated}分，自评等级为“优”。\n")
    if twice:
        text += "经复核，综合评价得分96.50分。\n"
    return text + ("\n表2 部门整体支出绩效评分表\n一级指标\t二级指标\t三级指标\t分值\t得分\n"
                   "投入\t预算执行\t预算执行率\t20\t19.00\n产出\t产出数量\t任务完成率\t30\t29.93\n"
                   "效果\t社会效益\t群众满意度\t30\t30\n效果\t可持续影响\t制度建设\t20\t19.00\n"
                   "合计\t\t\t100\t97.93\n")


def test_an_overall_score_naming_no_one_is_the_one_score_tables_total(audit):
    """经自评，…各维度得分…；综合自评得分X分: the overall score after the dimensions', of
    whatever the report is on; compared only when it is the one such score."""
    assert findings(audit(_unnamed_score_report("97.93")), "PR043") == []
    [finding] = findings(audit(_unnamed_score_report("95.93")), "PR043")
    assert (finding.reported, finding.expected) == ("95.93", "97.93")
    assert findings(audit(_unnamed_score_report("95.93", twice=True)), "PR043") == []


def test_a_list_opened_by_zhuyao_shi_after_an_item_is_that_items(audit):
    """其中：A（款）X万元，主要是：a、b…: the parts after 主要是： are A's, not the total's."""
    text = ("某局2024年一般公共预算支出预算1,500.00万元，其中：一般公共服务（类）统计信息事务（款）"
            "1,200.00万元，主要是：行政运行（项）{a}万元，专项统计业务（项）400.00万元。\n")
    assert findings(audit(text.format(a="600.00")), "PR001") == []
    [finding] = findings(audit(text.format(a="900.00")), "PR001")  # 900 + 400 > 1,200
    assert (finding.reported, finding.expected) == ("1200.00万元", "1300.00万元")
    # Without a colon 主要是 gives a reason, and opens no list.
    reason = "某局支出预算比上年增加50.00万元，主要是人员经费增加30.00万元，公用经费增加25.00万元。\n"
    assert findings(audit(reason), "PR001") == []


def test_a_stated_unit_is_no_amount_left_blank(audit):
    assert findings(audit("1.本工作簿包括自评表4张，金额单位均为万元。\n"), "PR066") == []
    assert len(findings(audit("2019年政府性基金支出预算支出 万元。\n"), "PR066")) == 1


def test_a_closing_balance_is_no_part_of_an_income_total(audit):
    """收入总计…、支出总计…。其中：本年收入…；年初结转…；年末结转…: the closing balance is
    the spending side's; the list is not summed into the income total."""
    text = ("2023年度财政拨款收入总计1,000.00万元、支出总计1,000.00万元。其中：一般公共预算财政拨款"
            "本年收入{income}万元；年初财政拨款结转和结余100.00万元；年末财政拨款结转和结余80.00万元。\n")
    assert findings(audit(text.format(income="900.00")), "PR001") == []
    alone = ("2023年度财政拨款收入总计1,000.00万元，其中：一般公共预算财政拨款本年收入950.00万元，"
             "年初财政拨款结转和结余100.00万元。\n")
    [finding] = findings(audit(alone), "PR001")  # 950 + 100 > 1,000
    assert finding.expected == "1050.00万元"
