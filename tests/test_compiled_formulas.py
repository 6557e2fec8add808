"""The compiled formulas give exactly what the tree walker they replaced gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.checks.expr import FormulaError, compile_formula, evaluate, holds
from auditor.checks.pack import load_rulebook
from auditor.checks.walk import walk
from auditor.pipeline import recognise_file

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
FILES = ["planted-errors-selfeval.xlsx", "putuo-finance-bureau-2024-final-planted.xlsx",
         "fengtai-2021-final-accounts-report.docx"]


@pytest.fixture(scope="module")
def book():
    return load_rulebook()


@pytest.fixture(scope="module")
def scopes(book):
    """(rule, scope) for every evaluation the engine would make on the sample files."""
    found = []
    for name in FILES:
        root = recognise_file(str(SAMPLES / name), book).root
        by_kind: dict[str, list] = {}
        for node in root.walk():
            by_kind.setdefault(node.kind, []).append(node)
        for rule in book.rules:
            if rule.check is None:
                continue
            for target in by_kind.get(rule.applies_to, []):
                for scope in (target.collections.get(rule.each, []) if rule.each else [target]):
                    found.append((rule, scope))
    return found


def outcome(evaluator, formula, scope):
    try:
        result = evaluator(formula, scope)
    except Exception as exc:  # noqa: BLE001 — both must fail alike
        return ("raised", type(exc).__name__, str(exc))
    return (result.truth, result.op, result.left, result.right, result.slip, result.where)


def held(evaluator, formula, scope):
    """Whether a `when` holds, as `holds` answers it and as the walker's outcome says."""
    try:
        result = evaluator(formula, scope)
    except Exception as exc:  # noqa: BLE001 — both must fail alike
        return ("raised", type(exc).__name__, str(exc))
    return result if isinstance(result, bool) else result.truth.holds


def test_every_shipped_rule_on_the_samples_agrees(scopes):
    assert len(scopes) > 500
    verdicts = set()
    for rule, scope in scopes:
        for formula in (rule.when, rule.check):
            if formula is not None:
                compiled = outcome(evaluate, formula, scope)
                assert compiled == outcome(walk, formula, scope), (rule.id, scope.name)
                verdicts.add(compiled[0])
                assert held(holds, formula, scope) == held(walk, formula, scope), rule.id
    assert len(verdicts) >= 3  # passes, failures and skips were all compared


NAMES = ["执行率", "全年预算数", "全年执行数", "得分", "分值", "总分", "资金分值", "不存在",
         "指标.分值", "资金行.全年预算数", "项目名称"]
LEAVES = st.one_of(st.sampled_from(NAMES),
                   st.decimals(min_value=-1000, max_value=1000, places=2,
                               allow_nan=False, allow_infinity=False).map(str),
                   st.sampled_from(["0", "100%", "0.5", "'产出指标'"]))


def _formulas():
    value = st.recursive(
        LEAVES,
        lambda inner: st.one_of(
            st.tuples(inner, st.sampled_from(["+", "-", "*", "/"]), inner).map(
                lambda t: f"({t[0]} {t[1]} {t[2]})"),
            inner.map(lambda x: f"-{x}"),
            inner.map(lambda x: f"abs({x})"),
            st.sampled_from(["sum(指标.分值)", "count(指标.分值)", "sum(资金行.全年预算数)",
                             '''total(指标.分值, 一级指标="产出指标")'''])),
        max_leaves=6)
    comparison = st.tuples(value, st.sampled_from(["==", "!=", "<", "<=", ">", ">="]), value
                           ).map(lambda t: f"{t[0]} {t[1]} {t[2]}")
    ops = st.sampled_from(["==", "!=", "<", "<=", ">", ">="])
    chained = st.tuples(value, ops, value, ops, value).map(" ".join)  # 0 <= 得分 <= 分值
    condition = st.recursive(
        st.one_of(comparison, chained, st.sampled_from(["filled(执行率)", "filled(项目名称)",
                                               "nonzero(全年预算数)", "absent(不存在)",
                                               "absent(执行率)",
                                               # conditions a `when` may leave out
                                               "mentions(项目名称, '项目')",
                                               "项目名称 == '产出指标'", "不存在 != '产出指标'",
                                               # and ones it may not: they raise
                                               "项目名称 < 1", "项目名称 + 1 == 0"])),
        lambda inner: st.one_of(
            st.tuples(inner, st.sampled_from(["and", "or"]), inner).map(
                lambda t: f"({t[0]} {t[1]} {t[2]})"),
            inner.map(lambda x: f"not ({x})")),
        max_leaves=4)
    return condition


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(source=_formulas(), index=st.integers(min_value=0, max_value=10_000))
def test_random_formulas_agree(scopes, source, index):
    try:
        formula = compile_formula(source)
    except FormulaError:
        return
    _, scope = scopes[index % len(scopes)]
    assert outcome(evaluate, formula, scope) == outcome(walk, formula, scope), source
    assert held(holds, formula, scope) == held(walk, formula, scope), source


BOUNDS = st.decimals(min_value=-5, max_value=5, places=1, allow_nan=False, allow_infinity=False)


@given(a=st.tuples(BOUNDS, BOUNDS), b=st.tuples(BOUNDS, BOUNDS),
       op=st.sampled_from(["==", "!=", "<", "<=", ">", ">="]))
def test_each_comparison_test_gives_what_compare_intervals_gives(a, b, op):
    from auditor.checks.expr import _INTERVAL_TESTS, _compare_intervals
    from auditor.interval import Interval

    x, y = Interval(*sorted(a)), Interval(*sorted(b))
    assert _INTERVAL_TESTS[op](x, y) is _compare_intervals(x, y, op)


def test_absent_is_a_column_the_subject_does_not_have_never_a_blank_one():
    from auditor.checks.expr import Truth
    from auditor.model import Fact, Location, Subject
    from auditor.numbers import NOT_REPORTED

    side = Subject("fa_side", "预算数", Location("x.txt"))
    side.add(Fact("合计", NOT_REPORTED, Location("x.txt", line=3), "合计"))
    assert evaluate(compile_formula("absent(公务用车购置费)"), side).truth is Truth.TRUE
    assert evaluate(compile_formula("absent(合计)"), side).truth is Truth.FALSE  # there, blank
    assert evaluate(compile_formula("not absent(合计)"), side).truth is Truth.TRUE
