"""Each 自评表 rule: a form where it holds (no finding) and one where it fails (a finding
of that rule on the cell that is wrong)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from forms import FormSpec, Indicator, consistent_spec, standard_indicators


def by_rule(result, rule):
    return [f for f in result.findings if f.rule == rule]


def test_consistent_form_has_no_finding(audit_forms):
    result, _ = audit_forms(consistent_spec())
    assert result.status == "ok"
    assert len(result.subjects) == 1
    assert result.findings == []
    assert result.checks > 20


def test_rate_as_text_is_read_like_a_percent_number(audit_forms):
    spec = consistent_spec()
    spec.rate_as_text = True
    result, _ = audit_forms(spec)
    assert result.findings == []


def test_se001_wrong_rate(audit_forms):
    spec = consistent_spec()
    spec.funds["年度资金总额"]["执行率"] = Decimal("98.82")
    result, [(sheet, where)] = audit_forms(spec)
    [finding] = by_rule(result, "SE001")
    assert finding.location.sheet == sheet
    assert finding.location.cell == where[("funds", "年度资金总额", "执行率")]
    assert finding.reported == "98.82%"
    assert finding.expected == "98.62%"
    assert finding.severity == "error"


def test_se001_rate_uses_full_year_budget_not_initial(audit_forms):
    spec = consistent_spec()
    # 年初预算数 differs; the rate is still 执行数 ÷ 全年预算数.
    spec.funds["年度资金总额"]["年初预算数"] = Decimal("80")
    spec.funds["当年财政拨款"]["年初预算数"] = Decimal("80")
    result, _ = audit_forms(spec)
    assert by_rule(result, "SE001") == []


def test_se001_rounding_is_not_a_finding(audit_forms):
    spec = consistent_spec()
    spec.funds["年度资金总额"]["执行率"] = Decimal("99")  # 98.62% shown without decimals is 99%
    spec.funds["年度资金总额"]["得分"] = Decimal("9.9")
    spec.total_score = Decimal("99.9")
    result, _ = audit_forms(spec)
    assert by_rule(result, "SE001") == []
    assert by_rule(result, "SE002") == []


def test_se002_wrong_funds_score(audit_forms):
    spec = consistent_spec()
    spec.funds["年度资金总额"]["得分"] = Decimal("9.5")
    spec.total_score = Decimal("99.5")
    result, [(_, where)] = audit_forms(spec)
    [finding] = by_rule(result, "SE002")
    assert finding.location.cell == where[("funds", "年度资金总额", "得分")]
    assert finding.expected == "9.9"  # shown at the reported figure's precision


def test_se002_a_score_that_follows_the_recomputed_rate_is_not_a_finding(audit_forms):
    spec = consistent_spec()
    # The printed rate is the slip (98.62% recomputed); the score 9.86 follows the true
    # rate, not 10 × 99.62%: SE001 reports the rate, SE002 stays silent.
    spec.funds["年度资金总额"]["执行率"] = Decimal("99.62")
    result, _ = audit_forms(spec)
    assert [f.reported for f in by_rule(result, "SE001")] == ["99.62%"]
    assert by_rule(result, "SE002") == []


def test_se002_rate_above_100_percent_scores_full(audit_forms):
    spec = consistent_spec()
    total = spec.funds["年度资金总额"]
    total.update({"全年执行数": Decimal("75"), "执行率": Decimal("102.17"), "得分": 10})
    spec.funds["当年财政拨款"].update({"全年执行数": Decimal("75"), "执行率": Decimal("102.17")})
    spec.indicators[3].actual = "75万元"
    spec.total_score = 100
    result, _ = audit_forms(spec)
    assert result.findings == []


def test_se003_total_against_sources(audit_forms):
    spec = consistent_spec()
    spec.funds["上年结转资金"] = {"全年预算数": Decimal("5")}
    result, [(_, where)] = audit_forms(spec)
    [finding] = by_rule(result, "SE003")
    assert finding.location.cell == where[("funds", "年度资金总额", "全年预算数")]
    assert finding.expected == "78.41万元"


def test_se003_holds_with_sources_adding_up(audit_forms):
    spec = consistent_spec()
    spec.funds["当年财政拨款"]["全年预算数"] = Decimal("70")
    spec.funds["上年结转资金"] = {"全年预算数": Decimal("3.41")}
    result, _ = audit_forms(spec)
    assert by_rule(result, "SE003") == []


def test_se004_score_above_weight(audit_forms):
    spec = consistent_spec()
    spec.indicators[0].score = 22
    spec.total_score = Decimal("101.86")
    result, [(_, where)] = audit_forms(spec)
    [finding] = by_rule(result, "SE004")
    assert finding.location.cell == where[("ind", 0, "得分")]
    assert finding.reported == "22"


def test_se005_funds_score_above_weight(audit_forms):
    spec = consistent_spec()
    spec.funds["年度资金总额"]["分值"] = 5
    spec.indicators[4].weight = 35
    spec.indicators[4].score = 35
    result, [(_, where)] = audit_forms(spec)
    [finding] = by_rule(result, "SE005")
    assert finding.location.cell == where[("funds", "年度资金总额", "得分")]


def test_se006_weights_not_100(audit_forms):
    spec = consistent_spec()
    spec.indicators[0].weight = 25
    spec.indicators[0].score = 25
    spec.total_score = Decimal("104.86")
    result, _ = audit_forms(spec)
    [finding] = by_rule(result, "SE006")
    assert finding.reported == "105"


def test_se007_total_weight_not_100(audit_forms):
    spec = consistent_spec()
    spec.total_weight = 90
    result, [(_, where)] = audit_forms(spec)
    [finding] = by_rule(result, "SE007")
    assert finding.location.cell == where[("total", "分值")]


def test_se008_total_score(audit_forms):
    spec = consistent_spec()
    spec.total_score = Decimal("98.86")
    result, [(_, where)] = audit_forms(spec)
    [finding] = by_rule(result, "SE008")
    assert finding.location.cell == where[("total", "得分")]
    assert finding.expected == "99.86"


def test_se008_rounded_funds_score_is_not_a_finding(audit_forms):
    spec = consistent_spec()
    spec.funds["年度资金总额"]["得分"] = Decimal("9.9")  # 9.862 shown with one decimal
    spec.total_score = Decimal("99.86")  # total of the unrounded scores
    result, _ = audit_forms(spec)
    assert by_rule(result, "SE008") == []


def test_se009_nonstandard_weights(audit_forms):
    spec = consistent_spec()
    spec.indicators[0].weight = 15
    spec.indicators[0].score = 15
    spec.indicators[4].weight = 35
    spec.indicators[4].score = 35
    result, _ = audit_forms(spec)
    [finding] = by_rule(result, "SE009")
    assert finding.severity == "warning"
    assert by_rule(result, "SE006") == []


def test_se009_a_form_of_a_year_before_the_standard_is_not_held_to_it(audit_forms):
    spec = consistent_spec()
    spec.year = 2018  # weighed as its year's rules had it (10/40/40/10, say)
    spec.indicators[0].weight = 15
    spec.indicators[0].score = 15
    spec.indicators[4].weight = 35
    spec.indicators[4].score = 35
    result, _ = audit_forms(spec)
    assert by_rule(result, "SE009") == []


def test_se010_missing_reason(audit_forms):
    spec = consistent_spec()
    spec.indicators[1].score = 12
    spec.total_score = Decimal("96.86")
    result, [(_, where)] = audit_forms(spec)
    [finding] = by_rule(result, "SE010")
    assert finding.severity == "warning"
    spec.indicators[1].reason = "整改周期较长"
    result, _ = audit_forms(spec)
    assert by_rule(result, "SE010") == []


def test_se011_se012_cost_budget_statements(audit_forms):
    spec = consistent_spec()
    spec.indicators[3].third = "项目预算控制75万元"
    spec.indicators[3].target = "75万元"
    result, [(_, where)] = audit_forms(spec)
    [stated] = by_rule(result, "SE011")
    [target] = by_rule(result, "SE012")
    assert stated.location.cell == where[("ind", 3, "三级指标")]
    assert target.location.cell == where[("ind", 3, "年度指标值")]
    assert target.expected == "73.41万元"


def test_se013_cost_actual_in_yuan_converted(audit_forms):
    result, _ = audit_forms(consistent_spec())  # 724000元 = 72.4万元
    assert by_rule(result, "SE013") == []
    spec = consistent_spec()
    spec.indicators[3].actual = "734100元"
    result, [(_, where)] = audit_forms(spec)
    [finding] = by_rule(result, "SE013")
    assert finding.location.cell == where[("ind", 3, "实际完成值")]
    assert finding.expected == "724000元"


def test_unit_slip_in_funds_block_against_cost_indicator(audit_forms):
    spec = consistent_spec()
    spec.indicators[3].third = "项目预算控制5万元"
    spec.indicators[3].target = "5万元"
    spec.indicators[3].actual = "5万元"
    for row in ("年度资金总额", "当年财政拨款"):
        spec.funds[row].update({"年初预算数": 50000, "全年预算数": 50000, "全年执行数": 50000,
                                "执行率": 100})
    spec.funds["年度资金总额"]["得分"] = 10
    spec.total_score = 100
    result, [(_, where)] = audit_forms(spec)
    slips = [f for f in result.findings if f.kind == "unit_slip"]
    assert slips, result.findings
    cells = {f.location.cell for f in slips}
    assert where[("funds", "年度资金总额", "全年预算数")] in cells or \
        where[("funds", "年度资金总额", "年初预算数")] in cells
    assert all("10⁴" in f.message for f in slips)
    assert any(f.expected == "5万元" for f in slips)
    assert not [f for f in result.findings if f.kind == "mismatch" and f.rule in ("SE011", "SE012")]


def test_se014_timeliness_year_from_an_earlier_form(audit_forms):
    spec = consistent_spec()
    spec.indicators[2].third = "2022年12月底前完成"
    result, [(_, where)] = audit_forms(spec)
    [finding] = by_rule(result, "SE014")
    assert finding.location.cell == where[("ind", 2, "三级指标")]
    assert finding.severity == "warning"


def test_se015_scale_outlier_among_forms(audit_forms):
    specs = [consistent_spec(f"项目{i}") for i in range(4)]
    slip = specs[2]
    for row in ("年度资金总额", "当年财政拨款"):
        slip.funds[row].update({"年初预算数": 734100, "全年预算数": 734100, "全年执行数": 724000})
    slip.indicators[3].third = "项目成本控制"
    slip.indicators[3].target = "符合标准"
    result, addresses = audit_forms(*specs)
    [finding] = by_rule(result, "SE015")
    sheet, where = addresses[2]
    assert (finding.location.sheet, finding.location.cell) == \
        (sheet, where[("funds", "年度资金总额", "全年预算数")])
    assert finding.expected == "73.41万元"
    assert finding.subject == "项目2"


def test_forms_side_by_side_and_stacked(audit_forms):
    a = consistent_spec("左边的项目")
    b = consistent_spec("右边的项目")
    b.funds["年度资金总额"]["执行率"] = Decimal("90")
    c = consistent_spec("下面的项目")
    c.total_score = 90
    result, addresses = audit_forms(a, b, c, placements=[("表", 1, 1), ("表", 3, 12), ("表", 40, 2)])
    assert sorted(s.name for s in result.subjects) == ["下面的项目", "右边的项目", "左边的项目"]
    rate = by_rule(result, "SE001")
    assert [f.subject for f in rate] == ["右边的项目"]
    assert rate[0].location.cell == addresses[1][1][("funds", "年度资金总额", "执行率")]
    total = by_rule(result, "SE008")
    assert [f.subject for f in total] == ["下面的项目"]


@pytest.mark.parametrize("blank", [None, "—", "-", "无"])
def test_blank_and_dash_sources_are_not_reported(audit_forms, blank):
    spec = consistent_spec()
    spec.funds["上年结转资金"] = {c: blank for c in ("年初预算数", "全年预算数", "全年执行数")}
    result, _ = audit_forms(spec)
    assert result.findings == []


def test_se015_forms_on_one_scale_pass(audit_forms):
    specs = [consistent_spec(f"项目{i}") for i in range(4)]
    for i, spec in enumerate(specs):  # 73.41, 146.82, 220.23, 293.64 万元: one scale
        for row in spec.funds.values():
            for column in ("年初预算数", "全年预算数", "全年执行数"):
                if column in row:
                    row[column] = row[column] * (i + 1)
        spec.indicators[3].third = "项目成本控制"
        spec.indicators[3].target = "符合标准"
    result, _ = audit_forms(*specs)
    assert by_rule(result, "SE015") == []
    assert result.checks > 60


@pytest.mark.parametrize("third,target,actual", [
    ("设备购置50万元", "50万元", "48万元"),  # the price of a part, not the project's budget
    ("项目预算控制73.41万元", "73.41万元", "不超过73.41万元"),  # a bound, not spending
    ("人员经费标准", "8000元/人/年", "8000元/人/年"),  # unit prices
])
def test_cost_indicator_amounts_that_are_not_the_budget(audit_forms, third, target, actual):
    spec = consistent_spec()
    spec.indicators[3].third = third
    spec.indicators[3].target = target
    spec.indicators[3].actual = actual
    result, _ = audit_forms(spec)
    assert [f.rule for f in result.findings] == []
