"""A 部门预算's 编制说明 against its tables: the 科目 chains, their amounts and names."""

import pytest

from auditor.pipeline import audit_file

BUDGET_DOC = """上海市某街道2025年部门预算
2025年部门预算编制说明
财政拨款支出主要内容如下：
1. “一般公共服务支出（类）财政事务（款）{item}（项）”{joiner}{amount}万元，主要用于财政事务。
2025年部门一般公共预算支出功能分类预算表
单位：元
功能分类科目编码 功能分类科目名称 合计 基本支出 项目支出
合计 1,000,000.00 600,000.00 400,000.00
201 一般公共服务支出 1,000,000.00 600,000.00 400,000.00
20106 财政事务 1,000,000.00 600,000.00 400,000.00
2010601 行政运行 600,000.00 600,000.00
2010602 一般行政管理事务 400,000.00 400,000.00
"""


def _run(tmp_path, book, item="一般行政管理事务", joiner="", amount="40.00"):
    path = tmp_path / "budget.txt"
    path.write_text(BUDGET_DOC.format(item=item, joiner=joiner, amount=amount), encoding="utf-8")
    return audit_file(str(path), book)


def _fa3(result):
    return sorted(f.rule for f in result.findings if f.rule.startswith("FA3"))


@pytest.mark.parametrize("joiner", ["", "科目", "支出预算为", "预算安排", "：", "科目预算数为"])
def test_chain_amount_is_read_whatever_joins_it(tmp_path, book, joiner):
    # 40.00万元 is 400,000.00元: the chain's amount agrees, and it was checked.
    result = _run(tmp_path, book, joiner=joiner)
    assert _fa3(result) == []
    # The chain is the document's only amount claim: a pass of FA301 is its check.
    assert any(e.rule == "FA301" and e.verdict == "pass" for e in result.evaluations), joiner


@pytest.mark.parametrize("joiner", ["", "科目"])
def test_chain_amount_that_differs_from_its_row(tmp_path, book, joiner):
    assert _fa3(_run(tmp_path, book, joiner=joiner, amount="41.00")) == ["FA301"]


def test_chain_name_the_table_does_not_have(tmp_path, book):
    # No 财务管理（项） under 财政事务: the one 项 under 201 with 40.00万元 is 一般行政管理事务.
    result = _run(tmp_path, book, item="财务管理", joiner="科目")
    assert _fa3(result) == ["FA310"]
    finding = next(f for f in result.findings if f.rule == "FA310")
    assert "一般行政管理事务（项）" in finding.message


def test_amount_of_another_figure_is_not_taken_for_the_chain(tmp_path, book):
    # A figure that is not the chain's own amount (a count, a year) is not read as it.
    path = tmp_path / "budget.txt"
    text = BUDGET_DOC.format(item="一般行政管理事务", joiner="", amount="40.00").replace(
        "”40.00万元，", "”科目，2024年执行数为38.00万元，")
    path.write_text(text, encoding="utf-8")
    result = audit_file(str(path), book)
    assert _fa3(result) == []


REASON = "比2024年预算执行数{direction}10.00%。主要原因是：{reason}。"


def _with_reason(tmp_path, book, direction, reason):
    path = tmp_path / "budget.txt"
    text = BUDGET_DOC.format(item="一般行政管理事务", joiner="", amount="40.00").replace(
        "主要用于财政事务。", "主要用于财政事务。" + REASON.format(direction=direction, reason=reason))
    path.write_text(text, encoding="utf-8")
    result = audit_file(str(path), book)
    checked = [e for e in result.evaluations if e.rule == "FA311" and e.verdict != "skip"]
    return [f for f in result.findings if f.rule == "FA311"], checked


@pytest.mark.parametrize("direction,reason", [
    ("减少", "财政事务一般行政管理事务经费增加"), ("增加", "一般行政管理事务经费减少"),
    ("下降", "一般行政管理事务支出增长")])
def test_reason_about_the_same_item_going_the_other_way(tmp_path, book, direction, reason):
    [finding], _ = _with_reason(tmp_path, book, direction, reason)
    assert reason in finding.message


@pytest.mark.parametrize("direction,reason", [
    ("减少", "财政事务一般行政管理事务经费减少"), ("增加", "一般行政管理事务经费增长")])
def test_reason_going_the_same_way(tmp_path, book, direction, reason):
    findings, checked = _with_reason(tmp_path, book, direction, reason)
    assert findings == [] and checked


@pytest.mark.parametrize("reason", ["退休人员增加", "项目调整", "行政运行经费增加",
                                    "一般行政管理事务经费增加，人员减少"])
def test_reason_about_something_else_is_not_compared(tmp_path, book, reason):
    # Another 科目, another thing, or more than one direction: nothing to compare.
    findings, checked = _with_reason(tmp_path, book, "减少", reason)
    assert findings == [] and checked == []


PROCUREMENT_DOC = """某厅2019年部门预算
第三部分 2019年部门预算编制说明
一、收支预算情况
（略）
十二、政府采购情况说明
2019年度政府采购支出预算总额{total}万元，其中：拟采购货物支出15.80万元、拟购买服务支出20.00万元。
十三、2019年政府采购预算表
单位：万元
采购品目大类\t专项名称\t经济科目\t采购物品名称\t采购组织形式\t总计
合计\t\t\t\t\t35.80
一、货物A\t\t\t\t\t15.80
\t办公设备购置费\t办公设备购置\t\t\t15.80
\t\t\t台式计算机\t分散自行组织\t10.80
\t\t\t复印机\t部门集中采购\t5.00
三、服务C\t\t\t\t\t20.00
\t会议经费\t会议费\t\t\t20.00
\t\t\t会议服务\t分散自行组织\t20.00
"""


def test_the_procurement_budget_in_the_notes_is_the_procurement_tables_total(tmp_path, book):
    """Its 其中 names 货物 and 服务 only (工程 may be nil and unsaid), so the parts cannot
    show a wrong total; the table's 合计 can."""
    def run(total):
        path = tmp_path / f"p{total}.txt"
        path.write_text(PROCUREMENT_DOC.format(total=total), encoding="utf-8")
        return audit_file(str(path), book)

    ok = run("35.80")
    assert any(e.rule == "FA301" and e.verdict == "pass" for e in ok.evaluations)
    assert _fa3(ok) == []
    [finding] = [f for f in run("45.80").findings if f.rule == "FA301"]
    assert (finding.reported, finding.expected) == ("45.80万元", "35.80万元")


LONE_ITEM_DOC = """某镇2024年部门预算公开
目  录
一、部门职责
二、部门预算收支情况说明
三、名词解释
二、部门预算收支情况说明
（三）主要项目支出情况。
1.城乡社区环境卫生（项）{clean}万元，主要用于农村生活垃圾收运。
2.行政运行（项）{running}万元，主要用于机关运转。
2024年一般公共预算支出预算表
单位：万元
科目编码\t科目名称\t合计\t基本支出\t项目支出
\t合计\t300.00\t100.00\t200.00
212\t城乡社区支出\t168.00\t\t168.00
21205\t城乡社区环境卫生\t168.00\t\t168.00
2120501\t城乡社区环境卫生\t168.00\t\t168.00
201\t一般公共服务支出\t132.00\t100.00\t32.00
20103\t政府办公厅（室）及相关机构事务\t132.00\t100.00\t32.00
2010301\t行政运行\t132.00\t100.00\t32.00
三、名词解释
1.基本支出：指为保障机构正常运转的支出。
"""


def test_a_lone_item_of_the_budget_notes_is_its_rows_even_after_a_table_of_contents(tmp_path, book):
    """部门预算收支情况说明 is the notes' part (its 目录 entry and 名词解释 before it do not end
    it); `城乡社区环境卫生（项）X万元` is the one 项 row of that name. 行政运行 has both 基本
    and 项目 支出, so its amount may be its project part only: not compared."""
    def run(clean, running="32.00"):
        path = tmp_path / f"lone{clean}.txt"
        path.write_text(LONE_ITEM_DOC.format(clean=clean, running=running), encoding="utf-8")
        return audit_file(str(path), book)

    ok = run("168.00")
    assert _fa3(ok) == []
    assert sum(1 for e in ok.evaluations if e.rule == "FA301" and e.verdict == "pass") == 1
    [finding] = [f for f in run("186.00").findings if f.rule == "FA301"]
    assert (finding.reported, finding.expected) == ("186.00万元", "168.00万元")
    assert _fa3(run("168.00", running="50.00")) == []
