from decimal import Decimal

import pytest

from auditor.checks.expr import FormulaError, Truth, compile_formula, evaluate
from auditor.model import Fact, Location, Subject, Text
from auditor.numbers import NOT_REPORTED, parse_figure


def subject(**figures):
    s = Subject("form", "t", Location("x"))
    for name, text in figures.items():
        if isinstance(text, Text):
            s.texts[name] = text
        else:
            s.add(Fact(name, parse_figure(text) if text is not None else NOT_REPORTED,
                       Location("x", "s", "A1")))
    return s


def truth(formula, **figures):
    return evaluate(compile_formula(formula), subject(**figures)).truth


def test_equality_is_three_valued():
    assert truth("a == b / c", a="50%", b="1", c="2") is Truth.MAYBE
    assert truth("a == b / c", a="51%", b="1.00", c="2.00") is Truth.FALSE
    assert truth("a == 100", a="100") is Truth.MAYBE  # 100 shown may be 99.5..100.5


def test_missing_and_not_reported_give_no_verdict():
    assert truth("a == b", a="1") is Truth.NA
    assert truth("a == b", a="1", b=None) is Truth.NA


def test_sum_counts_blank_parts_as_nothing():
    assert truth("t == sum(a, b, c)", t="5", a="5", b=None) is Truth.MAYBE
    assert truth("t == sum(a, b)", t="5", a=None, b=None) is Truth.NA


def test_percent_literals_and_chinese_operators():
    assert truth("得分 == 分值 × min(执行率, 100%)", 得分="10", 分值="10", 执行率="102%") is Truth.MAYBE
    assert truth("a ≤ b", a="3.0", b="2.0") is Truth.FALSE
    assert truth("a ≤ b", a="3", b="2") is Truth.MAYBE  # 2.5 rounds to either


def test_backquoted_names():
    s = subject()
    s.add(Fact("因公出国（境）费", parse_figure("3"), Location("x")))
    assert evaluate(compile_formula("`因公出国（境）费` == 3"), s).truth is Truth.MAYBE


def test_decimal_literals_are_exact():
    assert truth("a == 0.1 + 0.2", a="0.3") is Truth.MAYBE
    assert evaluate(compile_formula("0.1 + 0.2 == 0.3"), subject()).truth is Truth.TRUE


def test_text_comparison_ignores_spacing():
    assert truth('二级指标 == "成本指标"', 二级指标=Text("成本\n指标", Location("x"))) is Truth.TRUE


def test_unit_slip_detected_on_failed_equality():
    s = subject()
    s.add(Fact("a", parse_figure("50000").with_unit("万元"), Location("x", "s", "B2")))
    s.add(Fact("b", parse_figure("5万元"), Location("x", "s", "C9")))
    outcome = evaluate(compile_formula("b == a"), s)
    assert outcome.truth is Truth.FALSE
    assert outcome.slip is not None and outcome.slip.factor == 10_000
    assert outcome.slip.wrong.where.cell == "B2"


@pytest.mark.parametrize("source", [
    "__import__('os').system('true')", "a.__class__", "(lambda: 1)()", "a[0]",
    "open('x')", "[x for x in a]", "a if b else c", "a = 1", "f'{a}'", "a ** 2",
])
def test_unsafe_or_unknown_constructs_are_refused(source):
    with pytest.raises(FormulaError):
        compile_formula(source)


@pytest.mark.parametrize("source", ["", "a ==", "a == (b", "1 +* 2"])
def test_malformed_formulas(source):
    with pytest.raises(FormulaError):
        compile_formula(source)


def located(**figures):
    """Like `subject`, each figure in a cell of its own (a slip is told apart by its cell)."""
    s = Subject("form", "t", Location("x"))
    for index, (name, text) in enumerate(figures.items()):
        s.add(Fact(name, parse_figure(text), Location("x", "s", f"A{index + 1}")))
    return s


def test_one_part_in_another_unit_is_the_slip():
    # 81.004万元 typed as 810040 (元) among 万元 amounts: Σ fails, and holds with it ÷ 10⁴.
    outcome = evaluate(compile_formula("t == sum(a, b)"),
                       located(t="96.06万元", a="810040万元", b="15.05万元"))
    assert outcome.truth is Truth.FALSE
    assert outcome.slip is not None and outcome.slip.factor == 10_000
    assert outcome.slip.wrong.where.cell == "A2"
    rate = evaluate(compile_formula("r == s / b"), located(r="94.96%", s="810040万元", b="85.30万元"))
    assert rate.slip is not None and rate.slip.wrong.where.cell == "A2"


def test_an_ordinary_wrong_part_is_not_called_a_slip():
    # 15.05 is not out of scale with 81: however it is rescaled, it is just wrong.
    outcome = evaluate(compile_formula("t == sum(a, b)"),
                       located(t="81.00万元", a="81.00万元", b="15.05万元"))
    assert outcome.truth is Truth.FALSE and outcome.slip is None
    # Out of scale, but no factor makes the sum hold: no slip either.
    outcome = evaluate(compile_formula("t == sum(a, b)"),
                       located(t="96.06万元", a="123456万元", b="15.05万元"))
    assert outcome.truth is Truth.FALSE and outcome.slip is None


def test_one_figure_printed_in_two_places_is_printed_alike():
    # 326.71 and 326.72 touch at 326.715: `==` cannot tell them apart, same_figure can.
    assert truth("a == b", a="326.71万元", b="326.72万元") is Truth.MAYBE
    assert truth("same_figure(a, b)", a="326.71万元", b="326.72万元") is Truth.FALSE
    assert truth("same_figure(a, b)", a="326.72万元", b="326.72万元") is Truth.TRUE
    # Different precision or unit: compared as ranges.
    assert truth("same_figure(a, b)", a="326.7万元", b="326.72万元") is Truth.MAYBE
    assert truth("same_figure(a, b)", a="3267200元", b="326.72万元") is Truth.MAYBE
    assert truth("same_figure(a, b)", a="326.7万元", b="326.9万元") is Truth.FALSE
