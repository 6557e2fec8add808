"""From a recognised cell to a `Fact`: the figure read with the unit and kind its place gives it.

A recogniser knows what a cell means (the 全年预算数 of 年度资金总额 in a block headed
`项目资金（万元）`); this module turns the cell's text into a value with that unit and kind,
keeping the precision the reader saw.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from .model import Cell, Fact, Location
from .numbers import NOT_REPORTED, Quantity, parse_figure

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
    quantity = parse_figure(cell.text)
    if quantity is None:
        return None
    if quantity is NOT_REPORTED:
        return Fact(name, NOT_REPORTED, cell.location, label)
    assert isinstance(quantity, Quantity)
    if kind == "percent":
        quantity = as_percent(quantity)
    elif kind == "amount":
        if quantity.kind != "amount":
            quantity = quantity.with_unit(unit or "元")
    elif kind == "score":
        quantity = replace(quantity, kind=kind, unit="分", exact=assigned)
    elif kind == "count":
        quantity = replace(quantity, kind=kind, exact=assigned and quantity.decimals == 0)
    elif unit and quantity.unit is None:
        quantity = quantity.with_unit(unit)
    return Fact(name, quantity, cell.location, label)


def derived_fact(name: str, value: Decimal, location: Location, *, kind: str = "number",
                 unit: str | None = None, label: str = "") -> Fact:
    """A figure the recogniser worked out (a group's total weight): exact by construction."""
    decimals = max(-value.as_tuple().exponent, 0) if isinstance(value.as_tuple().exponent, int) else 0
    return Fact(name, Quantity(value, decimals, unit, kind, True, ""), location, label)
