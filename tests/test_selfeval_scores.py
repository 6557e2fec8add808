"""Scores a person assigned are exact as shown, at any decimals; only the funds score, worked
out from the 执行率, carries rounding; 总分 is the sum of the scores as shown."""

from __future__ import annotations

from decimal import Decimal

from forms import Indicator, consistent_spec
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.facts import cell_fact
from auditor.model import Cell, Location


def by_rule(result, rule):
    return [f for f in result.findings if f.rule == rule]


def score(text, assigned):
    return cell_fact("得分", Cell(text, 0, 0, Location("x")), kind="score", assigned=assigned).quantity


def test_assigned_scores_are_exact_at_any_decimals():
    for text in ("10", "12.5", "0.5", "9.75"):
        quantity = score(text, assigned=True)
        assert quantity.exact and quantity.interval.lo == quantity.interval.hi == Decimal(text)
    computed = score("9.86", assigned=False)
    assert not computed.exact and computed.interval.hi - computed.interval.lo == Decimal("0.01")


def test_full_marks_with_decimals_need_no_reason(audit_forms):
    spec = consistent_spec()
    for indicator, weight in zip(spec.indicators[:4], ("19.5", "14.5", "0.5", "15.5")):
        indicator.weight = indicator.score = Decimal(weight)
    result, _ = audit_forms(spec)
    assert by_rule(result, "SE010") == []
    assert result.findings == []


def test_half_a_point_below_full_marks_needs_a_reason(audit_forms):
    spec = consistent_spec()
    spec.indicators[0].weight, spec.indicators[0].score = Decimal("12.5"), Decimal("12")
    spec.indicators[1].weight = spec.indicators[1].score = Decimal("22.5")
    spec.total_score = Decimal("99.36")
    result, [(_, where)] = audit_forms(spec)
    [finding] = by_rule(result, "SE010")
    # On the empty 偏差原因 cell of that indicator's row.
    assert finding.location.cell[1:] == where[("ind", 0, "得分")][1:]
    assert [f.rule for f in result.findings] == ["SE010"]


def _rate_95(spec):
    """The funds block at 95.00%: a funds score of 9.5, shown with one decimal."""
    for row in ("年度资金总额", "当年财政拨款"):
        spec.funds[row].update({"年初预算数": 80, "全年预算数": 80, "全年执行数": 76,
                                "执行率": Decimal("95.00")})
    spec.funds["年度资金总额"]["得分"] = Decimal("9.5")
    spec.indicators[3] = Indicator("产出指标", "成本指标", "项目预算控制80万元", "80万元", "760000元",
                                   10, 10)
    return spec


def test_total_half_a_point_off_the_shown_scores_is_found(audit_forms):
    spec = _rate_95(consistent_spec())
    spec.total_score = Decimal("99.5")  # 9.5 + 90
    result, _ = audit_forms(spec)
    assert result.findings == []
    spec.total_score = 100  # typed whole, half a point above the scores it sums
    result, [(_, where)] = audit_forms(spec)
    [finding] = by_rule(result, "SE008")
    assert finding.location.cell == where[("total", "得分")]
    assert (finding.reported, finding.expected) == ("100", "99.5")


def test_total_of_half_point_scores_is_exact(audit_forms):
    spec = consistent_spec()
    spec.indicators[1].score = Decimal("14.5")
    spec.indicators[1].reason = "个别问题整改滞后"
    spec.total_score = Decimal("99.36")
    result, _ = audit_forms(spec)
    assert result.findings == []
    spec.total_score = Decimal("99.86")  # the 14.5 left out of the sum: 0.5 off
    result, _ = audit_forms(spec)
    assert [f.rule for f in result.findings] == ["SE008"]


def test_weights_half_a_point_short_of_100_are_found(audit_forms):
    spec = consistent_spec()
    spec.indicators[0].weight = spec.indicators[0].score = Decimal("19.5")
    spec.total_score = Decimal("99.36")
    result, _ = audit_forms(spec)
    [finding] = by_rule(result, "SE006")
    assert finding.reported == "99.5"


def test_the_computed_funds_score_keeps_its_rounding(audit_forms):
    spec = consistent_spec()
    spec.funds["年度资金总额"]["得分"] = Decimal("9.9")  # 10 × 98.62% = 9.862, shown 9.9
    spec.total_score = Decimal("99.9")  # the sum of the scores as shown
    result, _ = audit_forms(spec)
    assert result.findings == []
    spec.funds["年度资金总额"]["得分"] = Decimal("9.8")
    spec.total_score = Decimal("99.8")
    result, _ = audit_forms(spec)
    assert [f.rule for f in result.findings] == ["SE002"]


halves = st.integers(min_value=1, max_value=39).map(lambda n: Decimal(n) / 2)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(a=halves, b=halves, short=st.sampled_from([Decimal(0), Decimal("0.5"), Decimal("0.25")]),
       offset=st.sampled_from([Decimal("0.5"), Decimal("-0.5"), Decimal("0.25"), Decimal("-0.01")]))
def test_weights_and_scores_with_fractions(audit_forms, a, b, short, offset):
    spec = consistent_spec()
    weights = (a, b, 40 - a - b)  # 产出 50 with the cost indicator's 10
    for indicator, weight in zip(spec.indicators[:3], weights):
        indicator.weight = indicator.score = weight
    scored = spec.indicators[1]
    scored.score = max(scored.weight - short, Decimal(0))
    if scored.score < scored.weight:
        scored.reason = "个别问题整改滞后"
    spec.total_score = Decimal("9.86") + sum(i.score for i in spec.indicators)
    result, _ = audit_forms(spec)
    assert [(f.rule, f.message) for f in result.findings] == []
    spec.total_score += offset
    result, [(_, where)] = audit_forms(spec)
    assert [(f.rule, f.location.cell) for f in result.findings] == [("SE008", where[("total", "得分")])]
