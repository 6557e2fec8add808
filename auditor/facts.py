"""From a recognised cell to a `Fact`: the figure read with the unit and kind its place gives it.

A recogniser knows what a cell means (the 全年预算数 of 年度资金总额 in a block headed
`项目资金（万元）`); this module turns the cell's text into a value with that unit and kind,
keeping the precision the reader saw.
"""

from __future__ import annotations

import functools
from dataclasses import replace
from decimal import Decimal

from .model import Cell, Fact, Location
from .numbers import NOT_REPORTED, NotReported, Quantity, parse_figure

# A rate typed as a bare number: at most this much is read as a fraction (0.9974 → 99.74%),
# above it as percent points (99.74 → 99.74%). Execution rates above 150% do not occur.
_FRACTION_LIMIT = Decimal("1.5")


def as_percent(quantity: Quantity) -> Quantity:
    if quantity.kind == "percent":
        return quantity
    if abs(quantity.value) <= _FRACTION_LIMIT:
        return Quantity(quantity.value * 100, max(quantity.decimals - 2, 0), "%", "percent",
                        False, quantity.text)
    return replace(quantity, unit="%", kind="percent")


def cell_fact(name: str, cell: Cell | None, *, unit: str | None = None,
              kind: str | None = None, assigned: bool = False, label: str = "",
              where: Location | None = None) -> Fact | None:
    """The fact a cell holds, or None when the cell holds prose instead of a figure.

    `unit` is the unit of the block or column (a figure with its own unit keeps it).
    `assigned` marks a figure a person set rather than worked out: a score so assigned
    (an indicator's 分值 and 得分, a 总分 as typed) is exact at whatever decimals it is
    shown with, since 0.5 of 0.5 is full marks and nothing was rounded to get it; an
    assigned count is exact when shown whole. A computed score (资金得分 = 分值 × 执行率)
    is not assigned: it carries the rounding of its shown digits.
    """
    if cell is None:
        return Fact(name, NOT_REPORTED, where or Location(""), label)
    quantity = figure_as(cell.text, unit, kind, assigned)
    if quantity is None:
        return None
    return Fact(name, quantity, cell.location, label)


# Forms repeat the same few figures (scores of 10 and 20, `—`, 100%) file after file; the
# quantity a text reads as in a place is a function of the text and the place alone.
# Bounded, so that a batch of many files keeps a flat memory.
_CACHED_FIGURES = 1 << 14


@functools.lru_cache(maxsize=_CACHED_FIGURES)
def figure_as(text: str, unit: str | None, kind: str | None,
              assigned: bool) -> Quantity | NotReported | None:
    """What a cell's text reads as where it stands (see `cell_fact`): its quantity,
    NOT_REPORTED for a blank or dash, None for prose."""
    quantity = parse_figure(text)
    if quantity is None or quantity is NOT_REPORTED:
        return quantity
    assert isinstance(quantity, Quantity)
    if kind == "percent":
        return as_percent(quantity)
    if kind == "amount":
        return quantity if quantity.kind == "amount" else quantity.with_unit(unit or "元")
    if kind == "score":
        return replace(quantity, kind=kind, unit="分", exact=assigned)
    if kind == "count":
        return replace(quantity, kind=kind, exact=assigned and quantity.decimals == 0)
    if unit and quantity.unit is None:
        return quantity.with_unit(unit)
    return quantity


def derived_fact(name: str, value: Decimal, location: Location, *, kind: str = "number",
                 unit: str | None = None, label: str = "") -> Fact:
    """A figure the recogniser worked out (a group's total weight): exact by construction."""
    decimals = max(-value.as_tuple().exponent, 0) if isinstance(value.as_tuple().exponent, int) else 0
    return Fact(name, Quantity(value, decimals, unit, kind, True, ""), location, label)
