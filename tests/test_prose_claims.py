"""The claim grammar: what each figure of a report's prose is, and how figures relate."""

from __future__ import annotations

from decimal import Decimal

from auditor.model import Document, Location, Paragraph
from auditor.readers.tablelines import mark
from auditor.readers.text import parse_text
from auditor.recognise.prose import extract_claims, read_prose


def prose(*paragraphs: str):
    document = Document("r.txt", "txt", [], mark([Paragraph(text, Location("r.txt", line=i + 1))
                                                  for i, text in enumerate(paragraphs)]))
    return read_prose(document)


def by_label(result):
    return {c.label: c for c in result.claims}


def test_value_change_growth_and_shares():
    result = prose("2021年度本年收入合计2735.41万元，比上年减少535.4万元，下降16.37%，其中："
                   "财政拨款收入2733.59万元，占收入合计的99.93%；其他收入1.82万元，占收入合计的0.06%。")
    claims = by_label(result)
    total = claims["本年收入合计"]
    assert total.year == 2021 and total.role == "收入"
    assert total.figure.quantity.value == Decimal("2735.41")
    assert total.change.sign == -1 and total.change.quantity.value == Decimal("535.4")
    assert total.growth.sign == -1 and total.compared_with == "上年"
    assert [p.label for p in total.parts] == ["财政拨款收入", "其他收入"]
    other = claims["其他收入"]
    assert other.parent is total and other.share.quantity.value == Decimal("0.06")
    assert other.share_base == "收入合计"


def test_nested_where_of_closes_at_the_sentence_end():
    result = prose("支出153.51万元，其中：项目支出56.65万元，基本支出96.85万元，其中：人员经费85.3万元，"
                   "公用经费11.56万元。另有结余2万元。")
    claims = by_label(result)
    assert [p.label for p in claims["支出"].parts] == ["项目支出", "基本支出"]
    assert [p.label for p in claims["基本支出"].parts] == ["人员经费", "公用经费"]
    assert claims["结余"].parent is None


def test_semicolon_closes_a_nested_list_that_listed_no_figures():
    result = prose("基本支出105.58万元。其中：人员经费95.36万元，主要包括：基本工资、津贴补贴；"
                   "公用经费10.23万元，主要包括：办公费。")
    claims = by_label(result)
    assert [p.label for p in claims["基本支出"].parts] == ["人员经费", "公用经费"]
    assert claims["人员经费"].parts == []


def test_main_items_list_and_a_closing_sum():
    result = prose("2025年度项目总预算1170.00万，其中支持企业规模化发展870.00万，支持企业创新化发展70.00万，"
                   "支持商销稳增长180.00万，支持企业国际化发展50.00万，合计1170.00万。")
    [group] = result.groups
    assert group.total.figure.quantity.unit == "万元"  # 万 in talk of money is 万元
    assert len(group.parts) == 4  # 稳增长 is part of a name, not a change
    assert group.closing.quantity.value == Decimal("1170.00") and group.exhaustive


def test_included_part_in_brackets():
    result = prose("经费预算：665.49万元，实际支付：665万元（含联合发文支付662.86万元），执行率99.93%。")
    claims = by_label(result)
    [included] = claims["实际支付"].parts
    assert included.figure.quantity.value == Decimal("662.86")
    assert included.group.listing == "含"
    [rate] = result.passages[0].rates
    assert rate.name == "执行率" and rate.subject == ""


def test_budget_spending_rate_and_adjustment():
    result = prose("· 呈贡区地理信息普查经费预算270万，10月调减168万元，实际当年执行96.05万元，执行率：35.57%。")
    [passage] = result.passages
    assert passage.subject == "呈贡区地理信息普查经费"
    assert [c.role for c in passage.claims] == ["预算", "执行数"]
    [adjustment] = passage.adjustments
    assert adjustment.sign == -1 and adjustment.signed().value == Decimal("-168")


def test_named_rates_and_completion_of_the_initial_budget():
    result = prose("一般公共预算财政拨款支出年初预算为2993.92万元，支出决算为2940.05万元，完成年初预算的98.20%。",
                   "2021年全年预算数3919.52万元，资金总体支出3656.79万元，年末结转结余115.41万元，结余率为2.94%。",
                   "预决算差异率为-2.94%。")
    names = [r.name for p in result.passages for r in p.rates]
    assert names == ["年初预算完成率", "结余率", "差异率"]
    roles = {c.role for c in result.passages[1].claims}
    assert roles == {"全年预算", "执行数", "结余"}


def test_counts_received_completed_and_channels():
    result = prose("全年受理群众诉求1200件，其中：热线受理800件、网络受理300件、来信受理100件；办结1140件，办结率95%。")
    claims = by_label(result)
    total = claims["全年受理群众诉求"]
    assert total.role == "受理" and [p.figure.quantity.value for p in total.parts] == [800, 300, 100]
    assert claims["办结"].group is None  # another kind of figure: not one of the channels
    [rate] = result.passages[0].rates
    assert rate.name == "办结率"


def test_score_composition():
    result = prose("该项目综合评价得分86分，其中：项目决策13分、项目管理24.00分、项目绩效49.00分，评价级别为“良好”。")
    [group] = result.groups
    assert group.total.role == "得分" and len(group.parts) == 3 and group.exhaustive


def test_of_clause_lists_the_parts_of_a_value_stated_before():
    result = prose("“三公”经费财政拨款支出年初预算为2.85万元，支出决算为0.39万元。",
                   "“三公”经费财政拨款支出决算中，因公出国（境）费支出决算0.00万元，占0.00%；"
                   "公务接待费支出决算0.39万元，占100.00%。")
    group = result.groups[-1]
    assert group.listing == "中" and group.total.figure.quantity.value == Decimal("0.39")
    assert [p.share.quantity.value for p in group.parts] == [Decimal("0.00"), Decimal("100.00")]


def test_numbered_enumeration_after_a_value():
    result = prose("2022年项目支出为56.65万元，占总支出的36.91%。1.全区网格化专项工作经费10.9万元；"
                   "2.手机通信续费11.97万元；3.设备维护费用2.48万元；4.临聘人员经费31.30万元。")
    [group] = result.groups
    assert group.listing == "列举" and len(group.parts) == 4
    assert group.parts[0].label == "全区网格化专项工作经费"


def test_paragraph_ending_in_where_of_and_numbered_items_role_by_role():
    result = prose("一般公共预算财政拨款支出年初预算为100.00万元，支出决算为90.00万元，完成年初预算的90.00%。"
                   "决算数小于预算数的主要原因：调减。其中：",
                   "1、一般公共服务支出（类）财政事务（款）行政运行（项）。年初预算为60.00万元，支出决算为55.00万元。",
                   "2、住房保障支出（类）住房改革支出（款）住房公积金（项）。年初预算为40.00万元，支出决算为35.00万元。")
    groups = {g.role: g for g in result.groups}
    assert [p.figure.quantity.value for p in groups["年初预算"].parts] == [60, 40]
    assert [p.figure.quantity.value for p in groups["执行数"].parts] == [55, 35]


def test_comparison_words_are_read():
    result = prose("年初预算为62.29万元，支出决算为60.99万元。决算数等于预算数的主要原因：预算按周全保障测算。")
    [comparison] = result.passages[0].comparisons
    assert comparison.relation == "等于" and comparison.budget == "预算"


def test_figures_that_are_not_amounts_are_left_alone():
    result = prose("根据《财政支出绩效评价管理暂行办法》（财预〔2011〕285号），负责12345热线和96005热线，"
                   "24小时运转，2021年10月完成，全年核查基础信息1万多条。")
    assert [c.figure.quantity.kind for c in result.claims] == ["count"] or result.claims == []
    assert all(c.figure.quantity.kind != "amount" for c in result.claims)


def test_percentage_without_its_sign_is_noted():
    result = prose("一般公共预算财政拨款支出增加1193.20万元，增长13.95。执行进度为0。")
    [(figure, unit, words)] = result.passages[0].bare
    assert figure.text == "13.95" and unit == "%"


def test_lines_of_a_wrapped_pdf_extract_locate_each_figure(tmp_path):
    text = ("=== page 17 ===\n"
            "中共上海市普陀区委社会工作部 2024 年度收入支出总计 307.82\n"
            "万元。与 2023 年度相比，收入支出总计增加 307.82 万元，增长\n"
            "100.00%。主要原因：单位于 2024 年成立。\n")
    document = parse_text(text, "x.txt")
    [claim] = extract_claims(document)
    assert claim.figure.location.line == 2 and claim.figure.location.page == 17
    assert claim.change.location.line == 3 and claim.growth.location.line == 4


def test_what_was_not_spent_is_no_spending():
    result = prose("项目实际支出205.00万元，预算执行率为95.00%。未支出的10.79万元为合同尾款，已收回财政。")
    roles = {c.figure.quantity.value: c.role for c in result.claims if c.kind == "amount"}
    assert roles == {Decimal("205.00"): "执行数", Decimal("10.79"): "结余"}
