"""Closed intervals of Decimals: the range of exact values a rounded figure may stand for.

A published figure is rounded, so it stands for every value that rounds to it. Recomputing
a total or a rate from rounded inputs therefore gives a range, and a reported figure is
consistent with it when the two ranges meet (XBRL Calculations 1.1). Bounds are inclusive:
whether 0.125 rounds to 0.12 or 0.13 depends on the writer's rounding mode, and a boundary
case must never become a finding.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Context, Decimal

# Enough digits for 亿元 amounts carried to the fen and divided into rates.
_PRECISION = 40
# The arithmetic of every bound: the default context (half-even, the usual traps) at that
# precision. Its methods are called directly: entering a `localcontext` for each operation
# cost more than the operation (a figure's interval is worked out by every rule reading it).
ARITHMETIC = Context(prec=_PRECISION)
_add, _subtract = ARITHMETIC.add, ARITHMETIC.subtract
_multiply, _divide = ARITHMETIC.multiply, ARITHMETIC.divide


@dataclass(frozen=True, slots=True)
class Interval:
    lo: Decimal
    hi: Decimal

    def __post_init__(self) -> None:
        if self.lo > self.hi:
            raise ValueError(f"empty interval [{self.lo}, {self.hi}]")

    @classmethod
    def exact(cls, value: Decimal | int | str) -> Interval:
        v = Decimal(value)
        return cls(v, v)

    @classmethod
    def around(cls, value: Decimal, half_width: Decimal) -> Interval:
        return cls(value - half_width, value + half_width)

    @classmethod
    def around_scaled(cls, value: Decimal, half_width: Decimal, factor: Decimal) -> Interval:
        """`Interval.around(value, half_width).scaled(factor)` to the last digit, without the
        interval in between: a reported figure's range in base units (Quantity.interval)."""
        factor = Decimal(factor)
        low = _multiply(value - half_width, factor)
        high = _multiply(value + half_width, factor)
        if high < low:
            low, high = high, low
        elif high == low:
            high = low
        return cls(low, high)

    @property
    def mid(self) -> Decimal:
        return _divide(_add(self.lo, self.hi), 2)

    @property
    def width(self) -> Decimal:
        return self.hi - self.lo

    def meets(self, other: Interval) -> bool:
        return self.lo <= other.hi and other.lo <= self.hi

    def contains(self, value: Decimal) -> bool:
        return self.lo <= value <= self.hi

    def scaled(self, factor: Decimal) -> Interval:
        """`self * Interval.exact(factor)`, with the same bounds to the last digit: two
        products instead of four, and no interval built for the factor."""
        factor = Decimal(factor)
        low, high = _multiply(self.lo, factor), _multiply(self.hi, factor)
        if high < low:
            low, high = high, low
        elif high == low:
            high = low  # as min() and max() of equal products both give the first
        return Interval(low, high)

    def __add__(self, other: Interval) -> Interval:
        return Interval(_add(self.lo, other.lo), _add(self.hi, other.hi))

    def __sub__(self, other: Interval) -> Interval:
        return Interval(_subtract(self.lo, other.hi), _subtract(self.hi, other.lo))

    def __neg__(self) -> Interval:
        return Interval(-self.hi, -self.lo)

    def __mul__(self, other: Interval) -> Interval:
        products = (_multiply(self.lo, other.lo), _multiply(self.lo, other.hi),
                    _multiply(self.hi, other.lo), _multiply(self.hi, other.hi))
        return Interval(min(products), max(products))

    def __truediv__(self, other: Interval) -> Interval:
        if other.lo <= 0 <= other.hi:
            raise ZeroDivisionError("divisor interval contains zero")
        quotients = (_divide(self.lo, other.lo), _divide(self.lo, other.hi),
                     _divide(self.hi, other.lo), _divide(self.hi, other.hi))
        return Interval(min(quotients), max(quotients))

    def __abs__(self) -> Interval:
        if self.lo >= 0:
            return self
        if self.hi <= 0:
            return -self
        return Interval(Decimal(0), max(-self.lo, self.hi))

    def min(self, other: Interval) -> Interval:
        return Interval(min(self.lo, other.lo), min(self.hi, other.hi))

    def max(self, other: Interval) -> Interval:
        return Interval(max(self.lo, other.lo), max(self.hi, other.hi))

    def __str__(self) -> str:
        if self.lo == self.hi:
            return str(self.lo)
        return f"[{self.lo}, {self.hi}]"


ZERO = Interval.exact(0)
