"""The 三公 paragraph of a 决算, item by item, against the 三公 table: each item's spending and
its rate of the item's budget, which only the table gives."""

import pytest

from auditor.pipeline import audit_file

DOC = """上海市某局2024年度部门决算
财政拨款“三公”经费支出决算表
单位：万元
财政拨款“三公”经费
合计 因公出国（境）费 公务用车购置及运行维护费 公务接待费 小计 公务用车购置费 公务用车运行维护费
预算数 决算数 预算数 决算数 预算数 决算数 预算数 决算数 预算数 决算数 预算数 决算数
8.00 4.00 2.00 1.00 2.00 1.00 0.00 0.00 2.00 1.00 4.00 2.00
注：本表反映部门本年度“三公”经费支出预决算情况。
第三部分 上海市某局2024年度部门决算情况说明
七、财政拨款“三公”经费支出决算情况说明
“三公”经费财政拨款支出年初预算为8.00万元，支出决算为4.00万元，完成预算的50.00%，其中：因公出国（境）费决算为{abroad}万元，完成预算的{abroad_rate}%；公务用车购置及运行维护费支出决算为1.00万元，完成预算的{car_rate}%；公务接待费支出决算为2.00万元，完成预算的{reception_rate}%。
"""


def _run(tmp_path, book, abroad="1.00", abroad_rate="50.00", car_rate="50.00", reception_rate="50.00"):
    path = tmp_path / "final.txt"
    path.write_text(DOC.format(abroad=abroad, abroad_rate=abroad_rate, car_rate=car_rate,
                               reception_rate=reception_rate), encoding="utf-8")
    result = audit_file(str(path), book)
    checked = [e for e in result.evaluations if e.rule == "FA313" and e.verdict != "skip"]
    return result, checked


def _rules(result):
    return sorted(f.rule for f in result.findings if f.rule.startswith("FA3"))


def test_items_agree_with_the_table(tmp_path, book):
    result, checked = _run(tmp_path, book)
    assert _rules(result) == [] and len(checked) == 3


def test_item_rate_of_the_total_budget_is_wrong(tmp_path, book):
    # 2.00 of the item's 4.00 is 50%; 25% is 2.00 of the 三公 total 8.00: the wrong base.
    result, _ = _run(tmp_path, book, reception_rate="25.00")
    [finding] = [f for f in result.findings if f.rule == "FA313"]
    assert finding.reported == "25.00%" and "公务接待费" in finding.message


def test_item_spending_that_differs_from_its_cell(tmp_path, book):
    result, _ = _run(tmp_path, book, abroad="1.50", abroad_rate="75.00")
    assert "FA301" in _rules(result)  # 1.50 against the table's 1.00
    assert not any(f.rule == "FA313" for f in result.findings)  # 1.50 ÷ 2.00 is 75%


@pytest.mark.parametrize("rate", ["49.99", "50.01", "50"])
def test_item_rate_inside_rounding(tmp_path, book, rate):
    # 1.00 ÷ 2.00 with both figures rounded to 0.01: 49.75%–50.25%.
    result, _ = _run(tmp_path, book, car_rate=rate)
    assert not any(f.rule == "FA313" for f in result.findings)


# The table with its items down the first column and last year's spending beside this
# year's; the paragraph gives each item's spending with no 决算为 and no 年初预算 sentence.
TURNED = """某街道办事处2021年度部门决算
财政拨款“三公”经费支出决算表
单位：万元
| 项目 | 预算数 | 决算数 | 上年决算数 |
| --- | --- | --- | --- |
| 合计 | 20.00 | 12.00 | 15.00 |
| 因公出国（境）费 | 0.00 | 0.00 | 0.00 |
| 公务用车购置及运行维护费 | 12.00 | 9.00 | 10.00 |
| 其中：公务用车购置费 | 0.00 | 0.00 | 0.00 |
| 公务用车运行维护费 | 12.00 | 9.00 | 10.00 |
| 公务接待费 | 8.00 | 3.00 | 5.00 |

第三部分 某街道办事处2021年度部门决算情况说明
七、“三公”经费财政拨款支出决算情况
2021年度“三公”经费财政拨款支出12.00万元，完成预算的{total_rate}%，比上年减少3.00万元。因公出国（境）费0万元；公务用车运行维护费9.00万元，完成预算的75.00%；公务接待费{reception}万元，完成预算的{reception_rate}%。
"""


def _turned(tmp_path, book, total_rate="60.00", reception="3.00", reception_rate="37.50"):
    path = tmp_path / "turned.txt"
    path.write_text(TURNED.format(total_rate=total_rate, reception=reception,
                                  reception_rate=reception_rate), encoding="utf-8")
    result = audit_file(str(path), book)
    checked = [e for e in result.evaluations if e.rule == "FA313" and e.verdict != "skip"]
    return result, checked


def test_item_amounts_without_their_verb_against_a_turned_table(tmp_path, book):
    result, checked = _turned(tmp_path, book)
    # The total (12 ÷ 20), the vehicles (9 ÷ 12) and the reception (3 ÷ 8), each checked.
    assert _rules(result) == [] and len(checked) == 3
    result, _ = _turned(tmp_path, book, reception_rate="73.50")
    [finding] = [f for f in result.findings if f.rule == "FA313"]
    assert finding.reported == "73.50%" and "公务接待费" in finding.message
    result, _ = _turned(tmp_path, book, total_rate="80.00")
    [finding] = [f for f in result.findings if f.rule == "FA313"]
    assert finding.reported == "80.00%" and "三公" in finding.message


def test_an_items_budget_figure_is_not_taken_for_its_spending(tmp_path, book):
    # 预算4.00万元 before 完成预算的: the figure is the budget, not the spending; not read.
    path = tmp_path / "budget-word.txt"
    path.write_text(TURNED.format(total_rate="60.00", reception="3.00", reception_rate="37.50")
                    .replace("公务接待费3.00万元，完成预算的37.50%", "公务接待费预算8.00万元，完成预算的37.50%"),
                    encoding="utf-8")
    result = audit_file(str(path), book)
    checked = [e for e in result.evaluations if e.rule == "FA313" and e.verdict != "skip"]
    assert len(checked) == 2 and not any(f.rule == "FA313" for f in result.findings)
