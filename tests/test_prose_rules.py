"""Each rule of rules/prose.yaml on prose that holds and on prose that does not.

Every case is a small report written to a file and audited end to end; a case passes when
the rule under test reports nothing, and fails when it reports exactly what it should.
Rounding-explained figures are passing cases.
"""

from __future__ import annotations

from prose_inputs import audit, findings, prose_findings, selfeval_export  # noqa: F401 (audit is a fixture)


# ------------------------------------------------------------------ rates of a project

RATE_OK = "网格化管理先行处置经费预算128.69万元，实际完成128.51万元，执行率：99.86%。\n"
RATE_ROUNDED = "五进网格精细化管理经费预算：665.49万元，实际支付：665万元，执行率99.93%。\n"
RATE_WRONG = "网格化管理宣传费预算20万元，实际支出14.79万元，执行率：79.35%。\n"


def test_execution_rate(audit):
    assert prose_findings(audit(RATE_OK)) == []
    assert prose_findings(audit(RATE_ROUNDED)) == []  # 665 (±0.5) / 665.49 covers 99.93%
    [finding] = findings(audit(RATE_WRONG), "PR020")
    # Expected is 14.79 ÷ 20 as a reader works it out, though 20万元 stands for [19.5, 20.5].
    assert finding.reported == "79.35%" and finding.expected == "73.95%"
    assert finding.location.line == 1 and finding.severity == "error"


def test_execution_rate_after_an_adjustment(audit):
    text = "地理信息普查经费预算270万元，10月调减168万元，实际当年执行96.05万元，执行率：{}。\n"
    assert findings(audit(text.format("94.17%")), "PR021") == []
    [finding] = findings(audit(text.format("35.57%")), "PR021")
    assert finding.reported == "35.57%" and finding.expected.startswith("94.")
    assert findings(audit(text.format("35.57%")), "PR020") == []


def test_rate_in_the_next_sentence_and_rate_about_someone_else(audit):
    assert prose_findings(audit("内部审计专项经费，项目预算5万元，实际支出5万元。执行率100%，综合评价95分。\n")) == []
    # 节约64.43% is about another project than the figures before it: not recomputed.
    text = "项目预算1812.64万元，实际执行1500.83万元，节约率为：17.2%，重点节约项目为地理普查项目节约64.43%。\n"
    assert prose_findings(audit(text)) == []
    [finding] = findings(audit(text.replace("17.2%", "18.2%")), "PR028")
    assert finding.reported == "18.2%" and finding.expected == "17.2%"


def test_initial_budget_completion(audit):
    text = "一般公共预算财政拨款支出年初预算为2993.92万元，支出决算为2940.05万元，完成年初预算的{}。\n"
    assert findings(audit(text.format("98.20%")), "PR022") == []
    [finding] = findings(audit(text.format("98.02%")), "PR022")
    assert finding.expected == "98.20%"
    truncated = "年初预算为 10210.34 万元，支出决算为 9746.50 万元，完成年初预算的 95.45%。\n"
    [finding] = findings(audit(truncated), "PR022")
    assert finding.expected == "95.46%"  # 95.4571…: 95.45 is a truncation, not a rounding


def test_completion_of_a_zero_initial_budget_is_undefined(audit):
    text = "年初预算为 0 万元，全年预算为 321.02 万元，支出决算为 307.82 万元，完成年初预算的 95.89%。\n"
    result = audit(text)
    [finding] = findings(result, "PR023")
    assert finding.severity == "warning" and finding.reported == "95.89%"
    assert findings(result, "PR022") == []  # no division by zero, no second finding
    ok = "年初预算为 0 万元，全年预算为 321.02 万元，支出决算为 307.82 万元，完成全年预算的 95.89%。\n"
    assert prose_findings(audit(ok)) == []


def test_full_year_and_plain_budget_completion(audit):
    assert findings(audit("全年预算为 52.00 万元，支出决算为 51.32 万元，完成全年预算数的 98.69%。\n"),
                    "PR024") == []
    [finding] = findings(audit("全年预算为 52.00 万元，支出决算为 51.32 万元，完成全年预算数的 96.89%。\n"),
                         "PR024")
    assert finding.expected == "98.69%"
    assert findings(audit("“三公”经费年初预算为 2.85 万元，支出决算为 0.39 万元，完成预算的 13.68%。\n"),
                    "PR025") == []
    [finding] = findings(audit("“三公”经费年初预算为 2.85 万元，支出决算为 0.39 万元，完成预算的 31.68%。\n"),
                         "PR025")
    assert finding.expected == "13.68%"


def test_carry_over_and_variance_rates(audit):
    text = ("2021年全年预算数3919.52万元，资金总体支出3656.79万元，年末结转结余115.41万元，结余率为{}。\n"
            "2021年全年资金决算支出3656.79万元，预算数3919.52万元，预决算差异率为{}。\n")
    assert prose_findings(audit(text.format("2.94%", "-6.70%"))) == []
    result = audit(text.format("2.94%", "-2.94%"))
    [variance] = findings(result, "PR027")
    assert variance.reported == "-2.94%" and variance.expected == "-6.70%" and variance.location.line == 2
    assert findings(result, "PR026") == []
    [carry] = findings(audit(text.format("6.70%", "-6.70%")), "PR026")
    assert carry.expected == "2.94%"


def test_funding_rate(audit):
    assert findings(audit("计划投入资金100万元，实际到位资金90万元，资金到位率90%。\n"), "PR029") == []
    [finding] = findings(audit("计划投入资金100万元，实际到位资金90万元，资金到位率100%。\n"), "PR029")
    assert finding.expected == "90%"


def test_completed_cases_rate_and_channels(audit):
    text = "全年受理群众诉求1200件，其中：热线受理800件、网络受理300件、来信受理100件；办结1140件，办结率{}。\n"
    assert prose_findings(audit(text.format("95%"))) == []
    [finding] = findings(audit(text.format("96%")), "PR030")
    assert finding.reported == "96%" and finding.expected == "95%"
    over = text.format("95%").replace("来信受理100件", "来信受理150件")
    [finding] = findings(audit(over), "PR001")
    assert finding.reported == "1200件"


# ------------------------------------------------------------------ parts, shares, totals

INCOME = ("2021年度本年收入合计2735.41万元，其中：财政拨款收入2733.59万元，占收入合计的99.93%；"
          "其他收入1.82万元，占收入合计的{}。\n")


def test_share_of_the_total_listed_under(audit):
    assert prose_findings(audit(INCOME.format("0.07%"))) == []
    [finding] = findings(audit(INCOME.format("0.06%")), "PR005")
    assert finding.reported == "0.06%" and finding.expected == "0.07%"


def test_rounding_explained_parts_and_shares_are_not_findings(audit):
    text = ("3.2022年度单位一般公共预算财政拨款支出153.51万元，其中：项目支出56.65万元，基本支出96.85万元，"
            "其中：人员经费85.3万元，公用经费11.56万元。\n"
            "2022年项目支出为56.65万元，占总支出的36.91%。\n")
    result = audit(text)
    assert prose_findings(result) == []
    assert result.checks >= 3  # the parts, the nested parts and the share were recomputed


def test_parts_exceeding_their_total(audit):
    text = "政府采购支出总额654.77万元，其中：货物支出3.77万元，工程支出0万元，服务支出{}万元。\n"
    assert findings(audit(text.format("651.01")), "PR001") == []
    [finding] = findings(audit(text.format("661.01")), "PR001")
    assert finding.reported == "654.77万元" and finding.expected.startswith("664.78")
    # Parts listed under 其中 may fall short of the total: only some are named.
    assert findings(audit(text.format("351.01")), "PR001") == []


def test_a_complete_breakdown_must_reach_its_total(audit):
    text = ("本年支出合计3659.53万元，其中：基本支出1818.47万元，占支出合计的49.69%；"
            "项目支出{}万元，占支出合计的50.31%。\n")
    assert prose_findings(audit(text.format("1841.06"))) == []
    [finding] = findings(audit(text.format("1641.06")), "PR002")  # shares say: that is all
    assert finding.reported == "3659.53万元"


def test_a_nil_part_written_0_among_amounts_to_the_cent(audit):
    # 0万元 beside 6.35万元 and 2.10万元 is nothing, not anything up to 0.5万元: two of them
    # no longer cover the 0.75万元 the total is over its parts.
    text = ("2024年“三公”经费预算{}万元，比上年增加0.20万元。其中：因公出国（境）费0万元；"
            "公务用车购置费0万元；公务用车运行维护费6.35万元，主要用于车辆的燃油和维修；公务接待费2.10万元。\n")
    assert prose_findings(audit(text.format("8.45"))) == []
    [finding] = findings(audit(text.format("9.20")), "PR002")
    assert finding.reported == "9.20万元" and finding.expected == "8.45万元"


def test_a_0_among_whole_amounts_is_rounded_like_them(audit):
    # Every amount in whole 万元: the 0 may be 0.4 as the 1s may be 1.4; 3 is within reach.
    text = "2024年“三公”经费预算3万元。其中：因公出国（境）费0万元；公务用车购置及运行维护费1万元；公务接待费1万元。\n"
    assert findings(audit(text), "PR002") == []


def test_shares_that_add_up_past_100(audit):
    text = ("2021年度一般公共预算财政拨款支出3656.79万元，主要用于以下方面：一般公共服务支出1.07万元，"
            "占本年财政拨款支出0.03%；社会保障和就业支出187.73万元，占本年财政拨款支出{}；"
            "城乡社区支出3176.48万元，占本年财政拨款支出86.87%；住房保障支出291.52万元，占本年财政拨款支出7.97%。\n")
    assert prose_findings(audit(text.format("5.13%"))) == []
    result = audit(text.format("5.26%"))
    [share] = findings(result, "PR005")
    assert share.expected == "5.13%"
    [total] = findings(result, "PR007")
    assert total.reported == "100.13%"


def test_shares_printed_to_add_up_to_100_may_move_one_unit(audit):
    # 29.42/307.82 = 9.5575% would print 9.56%; 9.55% makes the four add up to 100.00%.
    text = ("一般公共预算财政拨款支出 307.82 万元，主要用于以下方面：一般公共服务支出（类）264.87 万元，占 86.05%；"
            "社会保障和就业支出（类）10.82 万元，占 3.52%；卫生健康支出（类）2.71 万元，占 0.88%；"
            "住房保障支出（类）29.42 万元，占 {}。\n")
    # Not an error (PR005 allows the move), but no longer the share of the figures shown:
    # a warning that says so (PR012).
    [moved] = prose_findings(audit(text.format("9.55%")))
    assert (moved.rule, moved.severity, moved.expected) == ("PR012", "warning", "9.56%")
    assert prose_findings(audit(text.format("9.56%").replace("86.05%", "86.04%"))) == []
    [finding] = findings(audit(text.format("9.45%")), "PR005")
    assert finding.expected == "9.56%"
    assert findings(audit(text.format("9.45%")), "PR012") == []


def test_shares_of_an_unnamed_total_that_make_a_whole(audit):
    # 50 + 300.5 + 149.5 = 500: the shares 10.00 + 60.10 + 29.90 = 100.00 are all exact.
    # The list's subject is what follows the last 的 of a long head.
    text = ("本单位2024年度一般公共预算财政拨款安排的“三公”经费预算支出中，因公出国（境）费支出50.00万元，占“三公”经费的10.00%；"
            "公务用车购置及运行费支出300.50万元，占“三公”经费的{}；公务接待费支出149.50万元，"
            "占“三公”经费的{}。\n")
    assert prose_findings(audit(text.format("60.10%", "29.90%"))) == []
    # 300.5 ÷ 500 = 60.10%: 60.11% with 29.89% still add up to 100, one unit moved each.
    moved = prose_findings(audit(text.format("60.11%", "29.89%")))
    assert sorted((f.rule, f.reported, f.expected) for f in moved) == [
        ("PR013", "29.89%", "29.90%"), ("PR013", "60.11%", "60.10%")]
    wrong = prose_findings(audit(text.format("60.20%", "29.80%")))
    assert sorted((f.rule, f.expected) for f in wrong) == [("PR006", "29.90%"), ("PR006", "60.10%")]
    # Shares adding up to 99.90%: the list may not be whole, so the total is unknown.
    short = audit(text.format("60.10%", "29.80%"))
    assert prose_findings(short) == [] and short.not_checked == {"share_base": 3}


def test_shares_of_an_unnamed_total_that_do_not_make_a_whole_are_not_checked(audit):
    # Only two parts named, shares adding up to 70%: the unnamed total is not their sum.
    text = ("本单位2024年度项目支出中，信息化建设支出50.00万元，占项目支出的50.00%；"
            "设备购置支出20.00万元，占项目支出的20.00%。\n")
    assert prose_findings(audit(text)) == []


def test_a_stated_sum_after_the_parts(audit):
    text = ("2025年度项目总预算2921.00万，其中支持外贸发展370.00万，支持商销稳增长30.00万，区级支持总部经济1106.00万，"
            "市级支持总部经济1262.00万，进博会推进专项153.00万，合计{}万。\n")
    assert prose_findings(audit(text.format("2921.00"))) == []
    result = audit(text.format("2891.00"))
    [closing] = findings(result, "PR003")
    assert closing.reported == "2891.00万元" and closing.expected == "2921.00万元"
    [first] = findings(result, "PR004")
    assert first.reported == "2891.00万元"


def test_shares_of_the_parts_when_the_total_is_not_named_again(audit):
    text = ("“三公”经费财政拨款支出年初预算为 2.85 万元，支出决算为 0.39 万元。\n"
            "“三公”经费财政拨款支出决算中，因公出国（境）费支出决算 0.00 万元，占 0.00%；"
            "公务接待费支出决算 0.39 万元，占 {}。\n")
    assert prose_findings(audit(text.format("100.00%"))) == []
    [finding] = findings(audit(text.format("90.00%")), "PR005")
    assert finding.reported == "90.00%" and finding.expected.startswith("100.0")


def test_share_of_a_base_named_elsewhere(audit):
    text = ("本年支出合计 9759.38 万元，其中：基本支出 5377.64 万元，占 55.10%；项目支出 4381.74 万元，占 44.90%。\n"
            "一般公共预算财政拨款支出 9746.50 万元，占本年支出合计的 {}。\n")
    assert findings(audit(text.format("99.87%")), "PR009") == []
    [finding] = findings(audit(text.format("99.86%")), "PR009")
    assert finding.reported == "99.86%" and finding.expected == "99.87%" and finding.location.line == 2


def test_one_part_in_another_unit(audit):
    text = "2018年共拨付项目经费1,462,124.33元，其中：1.维护费75,296.33元；2.处置经费323,205.00元；3.监理费{}。\n"
    assert findings(audit(text.format("52,776.00元")), "PR008") == []
    [finding] = findings(audit(text.format("5.2776万元")), "PR008")
    assert finding.severity == "warning" and finding.reported == "5.2776万元"
    assert finding.expected == "52776元"


def test_cross_paragraph_items_role_by_role(audit):
    text = ("一般公共预算财政拨款支出年初预算为100.00万元，支出决算为90.00万元，完成年初预算的90.00%。其中：\n"
            "1、一般公共服务支出（类）财政事务（款）行政运行（项）。年初预算为60.00万元，支出决算为55.00万元。\n"
            "2、住房保障支出（类）住房改革支出（款）住房公积金（项）。年初预算为40.00万元，支出决算为{}万元。\n")
    assert prose_findings(audit(text.format("35.00"))) == []
    [finding] = findings(audit(text.format("38.00")), "PR001")
    assert finding.reported == "90.00万元" and finding.expected == "93.00万元"


def test_score_composition(audit):
    text = "该项目综合评价得分{}分，其中：项目决策13分、项目管理24.00分、项目绩效49.00分，绩效评价级别为“良好”。\n"
    assert prose_findings(audit(text.format("86"))) == []
    [finding] = findings(audit(text.format("88")), "PR002")
    assert finding.reported == "88" and finding.expected == "86.00"


# ------------------------------------------------------------------ changes

TOTAL = "2021年度收、支总计3774.95万元，比上年增加196.06万元，增长{}。\n"


def test_growth_rate(audit):
    assert findings(audit(TOTAL.format("5.48%")), "PR010") == []
    [finding] = findings(audit(TOTAL.format("4.90%")), "PR010")
    assert finding.reported == "4.90%" and finding.expected == "5.48%"


def test_decrease_and_a_sentence_later(audit):
    text = ("上海市普陀区财政局2024年度收入支出总计2995.39万元。与2023年度相比，"
            "收入支出总计减少56.95万元，下降{}。\n")
    assert prose_findings(audit(text.format("1.87%"))) == []
    [finding] = findings(audit(text.format("1.78%")), "PR010")
    assert finding.expected == "-1.87%"


def test_growth_against_the_initial_budget(audit):
    text = "“一般公共服务支出”（类）2021年度决算1.07万元，比2021年年初预算增加0.35万元，增长{}。\n"
    assert prose_findings(audit(text.format("48.61%"))) == []
    [finding] = findings(audit(text.format("32.71%")), "PR010")  # 0.35/1.07: the wrong base
    assert finding.reported == "32.71%" and finding.expected.startswith("48.6")


def test_verb_direction_counts(audit):
    [finding] = findings(audit("本年收入合计2735.41万元，比上年减少535.4万元，增长16.37%。\n"), "PR010")
    assert finding.expected == "-16.37%"


def test_growth_from_a_zero_base_is_undefined(audit):
    text = "机关运行经费支出 10.23 万元，比 2023 年度增加 10.23 万元，增长 100.00%。主要原因是单位于 2024 年成立。\n"
    result = audit(text)
    [finding] = findings(result, "PR011")
    assert finding.severity == "warning" and finding.reported == "100.00%"
    assert findings(result, "PR010") == []
    assert prose_findings(audit(text.replace("增加 10.23 万元，增长 100.00%", "增加 5.23 万元，增长 104.60%"))) == []


# ------------------------------------------------------------------ stated directions

def test_stated_direction_between_spending_and_budget(audit):
    text = "年初预算为1560.05万元，支出决算为1511.89万元。决算数{}预算数的主要原因：人员进出及退休变化。\n"
    assert prose_findings(audit(text.format("小于"))) == []
    [bigger] = findings(audit(text.format("大于")), "PR031")
    assert bigger.reported == "1511.89万元"
    [equal] = findings(audit(text.format("等于")), "PR033")
    assert equal.expected == "1560.05万元"
    same = "年初预算为10.00万元，支出决算为10.00万元。决算数{}预算数。\n"
    assert prose_findings(audit(same.format("等于"))) == []
    # 10.00 may be 9.996 and 10.004: "below" is not contradicted by figures shown equal.
    assert prose_findings(audit(same.format("小于"))) == []
    [smaller] = findings(audit(same.replace("支出决算为10.00", "支出决算为12.00").format("小于")), "PR032")
    assert smaller.reported == "12.00万元"
    # 基本持平 allows what it says: not checked.
    assert prose_findings(audit("年初预算为62.29万元，支出决算为60.99万元。决算数与预算数基本持平。\n")) == []


# ------------------------------------------------------------------ the same quantity twice

def test_same_quantity_stated_twice(audit):
    text = ("2022年项目支出为56.65万元。1.全区网格化专项工作经费10.9万元；2.手机通信续费11.97万元。\n"
            "（二）专项资金支出绩效情况\n"
            "1.全区网格化专项工作经费{}，（含结余指标），主要用于单位日常基本运转开支。\n")
    assert findings(audit(text.format("10.9万元")), "PR050") == []
    assert findings(audit(text.format("109000元")), "PR050") == []  # the same amount in 元
    assert findings(audit(text.format("10.8万元")), "PR050") == []  # both may be 10.85万元
    [finding] = findings(audit(text.format("10.7万元")), "PR050")
    assert finding.reported == "10.7万元" and finding.expected == "10.9万元" and finding.location.line == 3


def test_a_project_stated_twice(audit):
    text = ("聘用人员工资及管理费用项目，项目预算8311195.2元，实际支出8244638.58元。该项目综合评价得分86分。\n"
            "2021年“聘用人员工资及管理费用”项目预算8311195.2元，实际支出{}元。其中，接线员工资占比最高。\n")
    assert findings(audit(text.format("8244638.58")), "PR050") == []
    [finding] = findings(audit(text.format("8244368.58")), "PR050")
    assert finding.location.line == 2


def test_a_change_named_by_its_verb_is_not_one_quantity(audit):
    # Two 科目 each "增减相抵后增加" by their own amount: the words name a change of what the
    # sentence is about, so the two figures are not the same quantity stated twice.
    text = ("1.公务接待费支出预算增加10万元，减少会议费20万元，增减相抵后增加123.67万元。\n"
            "2.培训费支出预算增加30万元，压减差旅费10%，增减相抵后增加164.48万元。\n")
    assert findings(audit(text), "PR050") == []


def test_different_scopes_with_short_labels_are_not_compared(audit):
    text = ("本年支出合计3659.53万元，其中：基本支出1818.47万元，项目支出1841.06万元。\n"
            "资金总体支出3656.79万元，其中，基本支出1818.47万元，项目支出1838.33万元。\n")
    assert findings(audit(text), "PR050") == []


# ------------------------------------------------------------------ units, years, wording

def test_project_amount_in_another_unit_than_its_siblings(audit):
    text = ("接诉即办工作经费项目，该项目经费预算12万元，实际支出5.444万元，执行率45.37%。\n"
            "新设立街镇接线员工资项目，该项目预算288.5831万元，实际支出256.426万元，执行率88.86%。\n"
            "聘用人员工资及管理费用项目，项目预算{}，实际支出{}。该项目综合评价得分86分。\n")
    assert findings(audit(text.format("831.11952万元", "824.463858万元")), "PR044") == []
    [finding] = findings(audit(text.format("8311195.2元", "8244638.58元")), "PR044")
    assert finding.reported == "8311195.2元" and finding.expected == "831.11952万元"
    assert finding.location.line == 3


def test_percentage_without_percent_sign(audit):
    text = "一般公共预算财政拨款支出 9746.50 万元，比 2023 年度增加 1193.20 万元，增长 {}。\n"
    assert findings(audit(text.format("13.95%")), "PR063") == []
    [finding] = findings(audit(text.format("13.95")), "PR063")
    assert finding.reported == "13.95"


def test_amount_without_its_unit(audit):
    text = "监管数据无线采集设备更新运行维护项目（体制）经费，项目预算{}，实际支出43.042万元，执行率34.16%。\n"
    assert findings(audit(text.format("126万元")), "PR063") == []
    [finding] = findings(audit(text.format("126")), "PR063")
    assert finding.reported == "126" and "万元" in finding.message
    # Numbers that are not amounts need no unit: a hotline, a date, a count.
    quiet = "负责96005热线运行，2021年10月完成，项目预算21.96万元，实际支出21.96万元，执行率100%。\n"
    assert prose_findings(audit(quiet)) == []


def test_years_of_an_earlier_report(audit):
    report = "2020年度项目支出绩效自评报告\n本年度项目{}，群众满意度达到95%。\n"
    [finding] = findings(audit(report.format("超额完成2019年目标")), "PR060")
    assert finding.reported == "2019" and finding.location.line == 2
    assert findings(audit(report.format("超额完成2020年目标")), "PR060") == []
    # Naming another year is not a finding: comparisons with last year are what reports do.
    quiet = "2020年度项目支出绩效自评报告\n机关运行经费支出184.65万元，比2019年度增加2.55万元，增长1.40%。\n"
    assert prose_findings(audit(quiet)) == []


def test_final_accounts_compare_with_this_years_initial_budget(audit):
    text = ("2021年度部门决算\n"
            "1.因公出国（境）费用。2021年决算数0万元，与{}年年初预算数0万元相同。\n")
    assert findings(audit(text.format("2021")), "PR061") == []
    [finding] = findings(audit(text.format("2020")), "PR061")
    assert finding.reported == "2020"


def test_headings_and_year_end_of_the_report_year(audit):
    text = ("上海市普陀区财政局\n2024年度部门决算\n"
            "第三部分上海市普陀区财政局{}年度部门决算情况说明\n"
            "截至{}年12月31日，上海市普陀区财政局共有车辆0辆。\n")
    assert prose_findings(audit(text.format("2024", "2024"))) == []
    result = audit(text.format("2023", "2023"))
    [heading] = findings(result, "PR064")
    [year_end] = findings(result, "PR065")
    assert heading.location.line == 3 and year_end.location.line == 4


def test_a_table_header_row_with_two_years_is_not_a_heading(audit):
    # A text export's header row names this year's and last year's columns.
    text = ("某区某局2025年度部门预算\n2025年收入预算100.00万元，比上年增加10.00万元。\n"
            "单位：万元\n{}\n201         一般公共服务支出  100.00         90.00          10.00\n")
    header = "科目编码    科目名称        2025年预算数    2024年预算数    增减额"
    assert findings(audit(text.format(header)), "PR064") == []
    # The same words as a heading of their own are the report naming another year.
    [finding] = findings(audit(text.format("第二部分某区某局2024年度部门预算说明")), "PR064")
    assert finding.reported == "2024"


def test_rows_of_a_text_table_are_not_prose(audit):
    # A pdftotext table: label and figure apart by one space, a 单位 line above, rows of
    # one figure too. None of it is a sentence, so no figure lacks its unit.
    text = ("某区某局2018年度部门预算\n一、收支预算总体情况\n2018年收入预算283.35万元，比上年增加10.00万元。\n"
            "收支预算总表\n单位：元\n项目 预算数 项目 预算数\n"
            "一、一般公共预算收入 2,726,350.00 一、农林水支出 2,443,900.00\n"
            "二、其他资金收入 107,000.00 二、住房保障支出 389,450.00\n"
            "上年结转资金 125,000.00\n"
            "收入总计 2,958,350.00 支出总计 2,958,350.00\n")
    assert findings(audit(text), "PR063") == []
    # The same figure in a sentence still lacks its unit.
    [finding] = findings(audit(text + "其他资金收入预算107000，主要是事业收入。\n"), "PR063")
    assert finding.reported == "107000"


def test_two_years_columns_spaced_by_one_are_a_header_not_a_heading(audit):
    text = ("某区某局2022年度部门预算\n2022年收入预算100.00万元，比上年增加10.00万元。\n"
            "附表3 “三公”经费预算表\n单位：万元\n{}\n“三公”经费合计 5.40 4.70\n")
    assert findings(audit(text.format("项目 2021年预算数 2022年预算数")), "PR064") == []
    [finding] = findings(audit(text.format("四、2021年度部门预算情况说明")), "PR064")
    assert finding.reported == "2021"


def test_template_residue(audit):
    [finding] = findings(audit("2024年度“三公”经费支出决算数比2023年度减少0.15万元，下降（增长）27.78%。\n"),
                         "PR062")
    assert finding.reported == "下降（增长）"
    assert len(findings(audit("本部门XXX年度收入XX万元。\n"), "PR062")) == 2
    assert findings(audit("减少0.15万元，下降27.78%。\n"), "PR062") == []
    # A telephone or ID number with its last digits masked is no placeholder.
    assert findings(audit("填报人：李敏，联系电话：0791-8652XXXX，身份证号3201XXXXXXXX1234。\n"), "PR062") == []
    assert len(findings(audit("联系电话：XXXX-XXXXXXX。\n"), "PR062")) == 2
    # The template's instruction to the writer under an empty table, said once.
    note = "无政府性基金预算财政拨款收入支出的，仍保留该表格式，并在本表下方作下述说明：\n"
    [instruction] = findings(audit(note), "PR062")
    assert instruction.reported.startswith("仍保留该表格式")
    assert findings(audit("本部门无政府性基金预算财政拨款收入支出，故本表无数据。\n"), "PR062") == []


def test_an_amount_left_blank(audit):
    [blank] = findings(audit("本部门2019年政府性基金支出预算支出 万元。与上年预算数一致。\n"), "PR066")
    assert blank.severity == "warning" and "支出 万元" in blank.reported
    assert findings(audit("本部门2019年政府性基金支出预算支出0万元。与上年预算数一致。\n"), "PR066") == []
    # A unit after a colon or in brackets is a heading's unit, not a blank.
    assert findings(audit("单位：万元。金额（万元）见下表。\n"), "PR066") == []


# ------------------------------------------------------------------ prose against its forms

def _report(prose_line: str, *forms: str) -> str:
    return "2021年度部门决算\n" + prose_line + "\n三、项目支出绩效自评表\n" + "".join(forms)


JIESU = selfeval_export("接诉即办工作经费", "12", "5.444", "45.37%", "84.08", funds_score="4.54")


def test_prose_matches_its_form(audit):
    line = "接诉即办工作经费项目，按照预期目标组织会议。该项目经费预算12万元，实际支出5.444万元，执行率45.37%，该项目综合评价{}分。"
    result = audit(_report(line.format("84.08"), JIESU))
    assert prose_findings(result) == []
    assert result.checks > 10
    result = audit(_report(line.format("79.08"), JIESU))
    [finding] = findings(result, "PR043")
    assert finding.reported == "79.08" and finding.expected == "84.08" and finding.location.line == 2
    assert any(r.line and r.line > 3 for r in finding.related)  # points at the form's 总分 too


def test_prose_amount_beyond_the_forms_precision(audit):
    form = selfeval_export("新设立街镇配备接线员工资及管理费用", "288.5831", "256.4267", "88.86%", "94.9",
                           funds_score="8.9")
    line = "新设立街镇配备接线员工资及管理费用项目，该项目预算288.5831万元，实际支出{}万元，执行率88.86%，综合评价得分94.9分。"
    assert prose_findings(audit(_report(line.format("256.4267"), form))) == []
    assert prose_findings(audit(_report(line.format("256.43"), form))) == []  # rounded: fine
    [finding] = findings(audit(_report(line.format("256.426"), form)), "PR041")  # truncated
    assert finding.reported == "256.426万元" and finding.expected == "256.4267万元"


def test_unit_slip_in_the_forms_block(audit):
    form = selfeval_export("城指中心内部审计专项经费", "50000", "50000", "100%", "95")
    line = "内部审计专项经费，是对接线员工资及管理费用进行审计。项目预算5万元，实际支出5万元。执行率100%，综合评价95分。"
    result = audit(_report(line, form))
    slips = [f for f in result.findings if f.kind == "unit_slip"]
    assert {f.rule for f in slips} <= {"PR040", "PR041"} and slips
    assert all(f.reported == "50000万元" and f.expected == "5万元" for f in slips)


def test_unnamed_passage_needs_a_name_and_an_amount_in_common(audit):
    form = selfeval_export("城指中心网格化城市服务管理系统平台运维经费", "115.551", "115.25", "99.74%", "95.76",
                           funds_score="9.97")
    line = "完成了网格化城市服务管理系统平台安全稳定运行的运维保障工作，项目预算115.551万元，实际支出115.25万元，执行率99.74%，综合评价得分{}分。"
    assert prose_findings(audit(_report(line.format("95.76"), form))) == []
    [finding] = findings(audit(_report(line.format("96.76"), form)), "PR043")
    assert finding.expected == "95.76"
    # Same words, no amount in common: no link, no finding on the score.
    other = line.replace("115.551万元", "215.551万元").replace("115.25万元", "215.25万元")
    assert findings(audit(_report(other.format("96.76"), form)), "PR043") == []


def test_an_items_score_given_with_its_weight_is_not_the_projects(audit):
    # 该项分值10分，得分4.54分 is the 预算执行 item's score; the project's total is the form's.
    line = "（一）预算执行情况。该项目经费预算12万元，实际支出5.444万元，执行率45.37%，该项分值10分，得分4.54分。"
    assert findings(audit(_report(line, JIESU)), "PR043") == []
    overall = line.replace("该项分值10分，得分4.54分", "该项目综合评价得分79.08分")
    [finding] = findings(audit(_report(overall, JIESU)), "PR043")
    assert finding.expected == "84.08"


def test_a_parts_rate_in_a_list_is_not_the_projects(audit):
    # 50.00% is the 当年财政拨款's own rate, listed under 其中; the project's is 45.37%.
    line = ("接诉即办工作经费项目。该项目经费预算12万元，实际支出5.444万元，其中：当年财政拨款执行5.00万元，"
            "执行率50.00%；上年结转资金执行0.444万元，执行率40.00%。项目总体执行率{}，该项目综合评价84.08分。")
    assert findings(audit(_report(line.format("45.37%"), JIESU)), "PR042") == []
    [finding] = findings(audit(_report(line.format("47.37%"), JIESU)), "PR042")
    assert finding.reported == "47.37%" and finding.expected == "45.37%"


def test_similar_names_are_not_confused(audit):
    form = selfeval_export("监督员工资及管理费用", "175.5583", "113.07853", "64.4%", "90.4", funds_score="6.4")
    line = "聘用人员工资及管理费用项目，项目预算8311195.2元，实际支出8244638.58元。该项目综合评价得分86分。"
    assert findings(audit(_report(line, form)), "PR043") == []


# ------------------------------------------------------------------ encodings

def test_gbk_text_is_read_without_being_told(audit):
    result = audit(TOTAL.format("4.90%"), encoding="gbk")
    [finding] = findings(result, "PR010")
    assert finding.location.line == 1


# ------------------------------------------------------------------ other words, same checks

OTHER_WORDS = """2023年度部门整体支出绩效自评报告
本单位2023年度收入总计1250.36万元，比上年增长8.2%，主要原因是人员增加。
2023年度支出总计1200.00万元，其中：基本支出800.00万元，项目支出400.00万元。基本支出中，人员经费700.00万元，公用经费100.00万元。
全年共受理群众来电12345件，按时办结12000件，按时办结率97.21%，群众满意率98.5%。
项目资金到位率100%，执行率96%，较上年提高5个百分点。
2023年“三公”经费支出3.5万元，比年初预算减少1.5万元，下降30%，其中：公务接待费1.2万元，公务用车运行维护费2.3万元。
部门自评得分92分，其中：预算执行率得分9.6分，产出指标得分48分，效益指标得分26.4分，满意度指标得分8分。
政府采购预算200万元，实际采购金额185万元，节约资金15万元，节约率7.5%。
截至2023年12月31日，本单位共有车辆2辆。计划于2024年6月底前完成系统升级。
"""


def test_a_report_in_other_words(audit):
    result = audit(OTHER_WORDS)
    assert prose_findings(result) == [] and result.checks >= 10
    wrong = (OTHER_WORDS.replace("97.21%", "97.12%").replace("节约率7.5%", "节约率8.5%")
             .replace("效益指标得分26.4分", "效益指标得分24.6分").replace("下降30%", "下降35%")
             .replace("人员经费700.00万元", "人员经费750.00万元"))
    found = {(f.rule, f.location.line) for f in prose_findings(audit(wrong))}
    # 基本支出 is all of 人员经费 and 公用经费: both the sum (PR002) and the bound (PR001) fail.
    assert found == {("PR030", 4), ("PR010", 6), ("PR002", 7), ("PR028", 8), ("PR001", 3),
                     ("PR002", 3)}


def test_a_kuan_labelled_as_a_class(audit):
    text = ("2．行政事业单位离退休（类）机关事业单位基本养老保险缴费支出（项）607.1万元，与上年相比增加27.09万元。\n"
            "3．社会保障和就业（类）机关事业单位职业年金缴费支出（项）242.84万元。\n"
            "4．住房保障支出（类）住房改革支出（款）住房公积金（项）752.9万元。\n"
            # A class's name before the 2015 classification is still a class's name.
            "5．城乡社区事务（类）城管执法（项）100万元。\n")
    [finding] = findings(audit(text), "PR067")
    assert finding.reported == "行政事业单位离退休（类）" and finding.severity == "warning"


def test_the_year_of_the_covered_units(audit):
    stale = "2019年度部门预算\n二、预算单位构成\n纳入本部门2018年部门汇总预算编制范围的预算单位共计1家。\n"
    [finding] = findings(audit(stale), "PR068")
    assert finding.reported == "2018"
    assert findings(audit(stale.replace("2018年部门汇总", "2019年部门汇总")), "PR068") == []


def test_the_vehicles_two_parts_are_all_of_it(audit):
    text = "公务用车购置及运行维护费支出决算12.40万元。其中：公务用车购置费0万元；公务用车运行维护费{running}。"
    assert prose_findings(audit(text.format(running="12.40万元"))) == []
    # 运行维护费 typed in 元: the two parts (all of it, by its name) no longer add up.
    assert [f.rule for f in prose_findings(audit(text.format(running="12.40元")))] == ["PR002"]


SECTION = ("某县某局2023年度部门预算说明\n二、2023年收支预算总体情况\n2023年收入预算200.00万元。\n"
           "{heading}\n{body}\n")


def test_a_section_heading_of_another_year_over_a_section_of_the_report_year(audit):
    body = "2023年“三公”经费预算6.00万元，比上年减少1.00万元。"
    assert findings(audit(SECTION.format(heading="三、2023年“三公”经费支出预算情况",
                                         body=body)), "PR064") == []
    [finding] = findings(audit(SECTION.format(heading="三、2022年“三公”经费支出预算情况",
                                              body=body)), "PR064")
    assert finding.reported == "2022" and finding.location.line == 4


def test_a_section_opening_after_its_sub_heading_and_item_title(audit):
    body = "（一）产出情况\n1.办件数量。2023年共受理申请1,200件，比2022年的1,100件增加100件。"
    [finding] = findings(audit(SECTION.format(heading="三、2022年度绩效目标完成情况",
                                              body=body)), "PR064")
    assert finding.reported == "2022"


def test_a_section_on_an_earlier_year_is_not_judged(audit):
    # The section is about the year its heading names (a budget reporting last year's
    # execution), or opens on no year: no finding.
    for body in ("2022年预算执行数180.00万元，执行率90.00%。", "本部门严格执行预算，未发生超支。"):
        assert findings(audit(SECTION.format(heading="三、2022年预算执行情况", body=body)),
                        "PR064") == []
