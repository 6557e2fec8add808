from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditor.interval import Interval
from auditor.numbers import NOT_REPORTED, parse_figure, scan_figures, years_in
from auditor.readers.numfmt import render


@pytest.mark.parametrize("text,value,decimals,unit,kind", [
    ("1,462,124.33", "1462124.33", 2, None, "number"),
    ("１２．５", "12.5", 1, None, "number"),
    ("９９．７４％", "99.74", 2, "%", "percent"),
    ("-2.94%", "-2.94", 2, "%", "percent"),
    ("126万元", "126", 0, "万元", "amount"),
    ("430420.2元", "430420.2", 1, "元", "amount"),
    ("85.30", "85.30", 2, None, "number"),
    ("12万", "12", 0, "万元", "amount"),
    (" 16 ", "16", 0, None, "number"),
    ("\u300016", "16", 0, None, "number"),
    ("1，462，124.33", "1462124.33", 2, None, "number"),
])
def test_parse_figure(text, value, decimals, unit, kind):
    q = parse_figure(text)
    assert q.value == Decimal(value)
    assert q.decimals == decimals
    assert q.unit == unit
    assert q.kind == kind


@pytest.mark.parametrize("text", ["", "—", "-", "－", "无", "——", None, "  "])
def test_not_reported(text):
    assert parse_figure(text) is NOT_REPORTED


@pytest.mark.parametrize("text", ["满意度90%", "达到预期指标", "2020年10月前完成", "1-2个"])
def test_prose_is_not_a_figure(text):
    assert parse_figure(text) is None


def test_trailing_zeros_keep_precision():
    assert parse_figure("85.30").interval == Interval(Decimal("85.295"), Decimal("85.305"))
    assert parse_figure("85.3").interval == Interval(Decimal("85.25"), Decimal("85.35"))


def test_percent_interval_is_a_fraction():
    assert parse_figure("99.93%").interval == Interval(Decimal("0.99925"), Decimal("0.99935"))
    assert parse_figure("98%").interval == Interval(Decimal("0.975"), Decimal("0.985"))


def test_units_convert_to_yuan():
    wan = parse_figure("43.04202万元").interval
    yuan = parse_figure("430420.2元").interval
    assert wan.meets(yuan)


def test_scan_figures_in_prose():
    found = [(f.quantity.value, f.quantity.unit, f.per) for f in scan_figures(
        "项目预算8311195.2元，实际支出8244638.58元，管理费用8000元/人/年，约65万件，2021年10月完成，执行率99.93%")]
    assert found == [
        (Decimal("8311195.2"), "元", False),
        (Decimal("8244638.58"), "元", False),
        (Decimal("8000"), "元", True),
        (Decimal("65"), "万件", False),
        (Decimal("99.93"), "%", False),
    ]


def test_years_in():
    assert [y for y, _, _ in years_in("2020年10月前完成，２０２１年底")] == [2020, 2021]


@given(st.decimals(min_value=-10**9, max_value=10**9, places=4, allow_nan=False,
                   allow_infinity=False), st.integers(min_value=0, max_value=4))
def test_a_rounded_figure_covers_the_exact_value(exact, places):
    shown = exact.quantize(Decimal(1).scaleb(-places))
    text = f"{shown:f}"
    assert parse_figure(text).interval.contains(exact)


@pytest.mark.parametrize("value,fmt,shown", [
    (0.9974, "0.00%", "99.74%"), (1, "0%", "100%"), (0.644, "0.0%", "64.4%"),
    (21.96, "General", "21.96"), (0.1 + 0.2, "General", "0.3"), (532.28278, "0.000000", "532.282780"),
    (1462124.33, "#,##0.00", "1,462,124.33"), (-5.5, "#,##0.00;[Red]-#,##0.00", "-5.50"),
    (-5.5, "0.00_);(0.00)", "(5.50)"), (3.14159, "0.0#", "3.14"), (0.5, "0.0#", "0.5"),
    (126.0, "General", "126"), (7, '0"分"', "7"),
])
def test_number_format_rendering(value, fmt, shown):
    assert render(value, fmt) == shown


@pytest.mark.parametrize("value, decimals, shown", [
    ("98.265", 2, "98.27"),   # 四舍五入: a half rounds up, as the documents round
    ("98.275", 2, "98.28"),
    ("-2.5", 0, "-3"),
    ("12.344", 2, "12.34"),
])
def test_an_expected_value_is_shown_rounded_half_up(value, decimals, shown):
    from auditor.numbers import format_value

    assert format_value(Decimal(value), decimals) == shown
