"""Closed intervals of Decimals: the range of exact values a rounded figure may stand for.

A published figure is rounded, so it stands for every value that rounds to it. Recomputing
a total or a rate from rounded inputs therefore gives a range, and a reported figure is
consistent with it when the two ranges meet (XBRL Calculations 1.1). Bounds are inclusive:
whether 0.125 rounds to 0.12 or 0.13 depends on the writer's rounding mode, and a boundary
case must never become a finding.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, localcontext

# Enough digits for 亿元 amounts carried to the fen and divided into rates.
_PRECISION = 40


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

    @property
    def mid(self) -> Decimal:
        with localcontext() as ctx:
            ctx.prec = _PRECISION
            return (self.lo + self.hi) / 2

    @property
    def width(self) -> Decimal:
        return self.hi - self.lo

    def meets(self, other: Interval) -> bool:
        return self.lo <= other.hi and other.lo <= self.hi

    def contains(self, value: Decimal) -> bool:
        return self.lo <= value <= self.hi

    def scaled(self, factor: Decimal) -> Interval:
        return self * Interval.exact(factor)

    def __add__(self, other: Interval) -> Interval:
        with localcontext() as ctx:
            ctx.prec = _PRECISION
            return Interval(self.lo + other.lo, self.hi + other.hi)

    def __sub__(self, other: Interval) -> Interval:
        with localcontext() as ctx:
            ctx.prec = _PRECISION
            return Interval(self.lo - other.hi, self.hi - other.lo)

    def __neg__(self) -> Interval:
        return Interval(-self.hi, -self.lo)

    def __mul__(self, other: Interval) -> Interval:
        with localcontext() as ctx:
            ctx.prec = _PRECISION
            products = (self.lo * other.lo, self.lo * other.hi,
                        self.hi * other.lo, self.hi * other.hi)
            return Interval(min(products), max(products))

    def __truediv__(self, other: Interval) -> Interval:
        if other.lo <= 0 <= other.hi:
            raise ZeroDivisionError("divisor interval contains zero")
        with localcontext() as ctx:
            ctx.prec = _PRECISION
            quotients = (self.lo / other.lo, self.lo / other.hi,
                         self.hi / other.lo, self.hi / other.hi)
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
