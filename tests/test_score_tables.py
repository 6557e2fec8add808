"""Indicator score tables of their own (部门整体支出绩效自评): 分值 and 得分 add up to 合计.

Every table is made up for the test. A table read strictly or not at all: one whose rows
do not all carry both figures, or whose 小计 rows leave indicators outside any group, is
left unrecognised, never guessed at.
"""

from __future__ import annotations

from prose_inputs import audit, findings  # noqa: F401 (audit is a fixture)

HEAD = "本单位整体支出绩效自评得分{total}分，各项指标得分如下：\n\n"
ROWS = [("决策（15分）", "目标设定合理性", "5", "5"), ("", "预算编制规范性", "10", "9"),
        ("管理（25分）", "资金使用合规性", "15", "14.5"), ("", "制度执行有效性", "10", "10"),
        ("绩效（60分）", "产出完成情况", "30", "28"), ("", "群众满意度", "30", "27.5")]


def table(rows, total_weight="100", total_score="94", header=("一级指标", "二级指标", "分值", "得分")):
    lines = ["\t".join(header)]
    lines += ["\t".join(row) for row in rows]
    lines.append("\t".join(("合计", "", total_weight, total_score)))
    return HEAD.format(total=total_score) + "\n".join(lines) + "\n\n以上为自评情况。\n"


def test_a_score_table_that_adds_up_passes(audit):
    result = audit(table(ROWS))
    assert [f for f in result.findings if f.rule.startswith("SE")] == []
    assert not [f for f in result.findings if f.rule == "AR001"]


def test_a_total_score_that_is_not_the_sum_of_the_scores(audit):
    [finding] = findings(audit(table(ROWS, total_score="95")), "SE017")
    assert finding.reported == "95" and finding.expected == "94.0"


def test_weights_that_do_not_add_up_and_a_score_above_its_weight(audit):
    rows = [*ROWS[:5], ("", "群众满意度", "25", "27.5")]
    result = audit(table(rows, total_score="94"))
    [weights] = findings(result, "SE018")
    assert weights.reported == "100" and weights.expected == "95"
    [above] = findings(result, "SE019")
    assert above.reported == "27.5"


def test_a_table_with_a_subtotal_or_a_missing_score_is_not_read(audit):
    subtotal = [*ROWS[:2], ("", "小计", "15", "14"), *ROWS[2:]]
    assert findings(audit(table(subtotal, total_score="95")), "SE017") == []
    missing = [*ROWS[:5], ("", "群众满意度", "30", "")]
    assert findings(audit(table(missing, total_score="95")), "SE017") == []
    # 一级指标 rows with their own figures above their indicators' rows: not summed twice.
    grouped = [("决策", "", "15", "14"), *ROWS[:2], ("管理", "", "25", "24.5"), *ROWS[2:4],
               ("绩效", "", "60", "55.5"), *ROWS[4:]]
    assert findings(audit(table(grouped, total_score="94")), "SE017") == []


# A 部门整体 form printed under its title: a row of the form's funds first, then the
# indicator header with 年度指标值 and 实际完成值 before the figures, a 小计 per dimension.
FUNDS_ROW = ("全年预算数", "", "1200.00", "全年执行数", "1150.00", "预算执行率", "", "{rate}")
FORM_HEADER = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因")


def subtotalled(inputs="14", process_weight="25", score="94.5", first="4", named=False,
                rate="95.83%"):
    head = "2023年度部门整体支出绩效自评表\n"
    head += "部门名称：某县某局\t金额单位：万元\n" if named else "金额单位：万元\n"
    rows = [tuple(c.format(rate=rate) for c in FUNDS_ROW), FORM_HEADER,
            ("投入", "目标设定", "绩效目标合理性", "合理", "基本合理", "5", first, "个别指标未量化"),
            ("", "预算配置", "在职人员控制率", "≤100%", "96%", "10", "10", ""),
            ("投入小计", "", "", "", "", "15", inputs, ""),
            ("过程", "预算执行", "预算执行率", "100%", "95.83%", "15", "14.5", "年中追加"),
            ("", "预算管理", "资金使用合规性", "合规", "合规", "10", "10", ""),
            ("过程小计", "", "", "", "", process_weight, "24.5", ""),
            ("产出", "职责履行", "重点工作完成率", "100%", "100%", "60", "56", "部分延期"),
            ("产出小计", "", "", "", "", "60", "56", ""),
            ("合计", "", "", "", "", "100", score, "")]
    return head + "\n".join("\t".join(row) for row in rows) + "\n\n以上为自评情况。\n"


def test_a_table_under_its_funds_row_with_a_subtotal_per_dimension_is_read(audit):
    result = audit(subtotalled())
    assert [f for f in result.findings if f.rule.startswith("SE") or f.rule == "AR001"] == []
    passed = {e.rule for e in result.evaluations if e.verdict == "pass"}
    assert {"SE017", "SE018", "SE021", "SE022"} <= passed
    # 4 + 10 = 14 and 15 + 10 = 25, not 13 and 20.
    [score] = findings(audit(subtotalled(inputs="13", score="93.5")), "SE021")
    assert (score.reported, score.expected) == ("13", "14")
    [weight] = findings(audit(subtotalled(process_weight="20")), "SE022")
    assert (weight.reported, weight.expected) == ("20", "25")


def test_a_rows_name_is_its_indicator_not_its_target_or_result(audit):
    [above] = findings(audit(subtotalled(first="6", inputs="16", score="96.5")), "SE019")
    assert "绩效目标合理性" in above.message and "基本合理" not in above.message


def test_a_named_department_form_reads_its_funds_row_and_skips_its_subtotals(audit):
    """With 部门名称 in the table it is a 自评表: the funds row of label-figure pairs is its
    total's, the 小计 rows are no indicators, and the 项目支出 standards (weights
    10/50/30/10, funds score = weight × rate) are not held against a 部门整体 form."""
    result = audit(subtotalled(named=True))
    assert [f for f in result.findings if f.rule.startswith("SE")] == []
    assert "SE001" in {e.rule for e in result.evaluations if e.verdict == "pass"}
    assert not {"SE002", "SE009"} & {e.rule for e in result.evaluations if e.verdict != "skip"}
    [rate] = findings(audit(subtotalled(named=True, rate="93.83%")), "SE001")
    assert (rate.reported, rate.expected) == ("93.83%", "95.83%")  # 1150 ÷ 1200
    # The same form titled as a 项目支出 form is held to them.
    project = audit(subtotalled(named=True).replace("部门整体支出", "项目支出"))
    assert {"SE002", "SE009"} <= {f.rule for f in project.findings}
