"""Indicator score tables of their own (部门整体支出绩效自评): 分值 and 得分 add up to 合计.

Every table is made up for the test. A table read strictly or not at all: one whose rows
do not all carry both figures, or that holds a 小计, is left unrecognised, never guessed at.
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
