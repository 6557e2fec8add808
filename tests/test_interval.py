from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditor.interval import Interval

D = Decimal
values = st.decimals(min_value=-1000, max_value=1000, places=3, allow_nan=False,
                     allow_infinity=False)


def test_seed_examples_are_consistent():
    # DOMAIN.md §3: differences that rounding explains.
    a, b = Interval.around(D("56.65"), D("0.005")), Interval.around(D("96.85"), D("0.005"))
    assert (a + b).meets(Interval.around(D("153.51"), D("0.005")))
    c, d = Interval.around(D("85.3"), D("0.05")), Interval.around(D("11.56"), D("0.005"))
    assert (c + d).meets(Interval.around(D("96.85"), D("0.005")))
    share = a / Interval.around(D("153.51"), D("0.005"))
    assert share.meets(Interval.around(D("0.3691"), D("0.00005")))


def test_real_difference_is_not_absorbed():
    a, b = Interval.around(D("56.65"), D("0.005")), Interval.around(D("96.85"), D("0.005"))
    assert not (a + b).meets(Interval.around(D("153.53"), D("0.005")))


def test_division_by_interval_containing_zero():
    with pytest.raises(ZeroDivisionError):
        Interval.exact(1) / Interval(D(-1), D(1))


@given(values, values, values, values)
def test_operations_contain_every_result(a, b, x, y):
    ia = Interval(min(a, x), max(a, x))
    ib = Interval(min(b, y), max(b, y))
    for p in (a, x):
        for q in (b, y):
            assert (ia + ib).contains(p + q)
            assert (ia - ib).contains(p - q)
            assert (ia * ib).contains(p * q)
            if ib.lo > 0 or ib.hi < 0:
                quotient = (ia / ib)
                assert quotient.lo - D("1e-30") <= p / q <= quotient.hi + D("1e-30")


def test_scaling_gives_the_bounds_of_the_full_product_to_the_last_digit():
    # scaled() multiplies two bounds instead of four; the bounds (and how they are written:
    # 73.410 is not 73.41 on a report) must be those of the product with an exact interval.
    values = [Decimal(v) for v in ("0", "-0", "0.00", "1.0", "1.00", "-2.5", "73.405", "5E-3",
                                   "123456789012345678901234567890.123456789")]
    factors = [Decimal(f) for f in ("10000", "0.01", "-1", "0", "1E-8", "-0.00")] + [10000]
    for lo in values:
        for hi in values:
            if lo > hi:
                continue
            iv = Interval(lo, hi)
            for factor in factors:
                fast, full = iv.scaled(factor), iv * Interval.exact(factor)
                assert (str(fast.lo), str(fast.hi)) == (str(full.lo), str(full.hi)), (lo, hi, factor)


@given(value=values, decimals=st.integers(min_value=0, max_value=6),
       factor=st.sampled_from([D(1), D("0.01"), D(10_000), D(100_000_000), D(-3)]))
def test_around_scaled_is_around_then_scaled_to_the_last_digit(value, decimals, factor):
    half = D(5).scaleb(-(decimals + 1))
    expected = Interval.around(value, half).scaled(factor)
    got = Interval.around_scaled(value, half, factor)
    assert (str(got.lo), str(got.hi)) == (str(expected.lo), str(expected.hi))
