"""Numbers as disclosures print them: value, unit, shown precision.

`parse_figure` reads a cell that holds one figure (`1,462,124.33`, `９９．７４％`, `126万元`, `—`);
`scan_figures` finds every figure inside a sentence or an indicator text. Both return
`Quantity` values that keep the digits as shown, so that the range of exact values a
figure may stand for (`Quantity.interval`) follows from what the reader saw.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Iterator

from .interval import Interval

# Base unit of each money unit, in 元.
MONEY_UNITS: dict[str, Decimal] = {
    "元": Decimal(1),
    "千元": Decimal(1000),
    "万元": Decimal(10_000),
    "百万元": Decimal(1_000_000),
    "亿元": Decimal(100_000_000),
}
COUNTERS = "件人次台辆个家条部项名户所座套批篇场期天类笔册张份本剂间处栋"
# Shown after a number but not part of it: "10余台", "300多人次".
_APPROX = "余多"

NOT_REPORTED_MARKS = frozenset({"", "—", "——", "-", "--", "－", "─", "无", "/", "／", "\\",
                                "N/A", "n/a", "NA", "—/—", "…"})


# Each quantity's interval, by the identity of the quantity (kept in the entry, so that an
# id is never reused while remembered): a cell's text is read into one shared quantity
# wherever it recurs (`facts.figure_as`), and every rule reading a figure asks for its
# range. By identity, not by equality: equal quantities may hold one value at different
# exponents (50 and 5E+1), whose intervals print differently. Bounded for long batches.
_INTERVALS: dict[int, tuple[Quantity, Interval]] = {}
_CACHED_INTERVALS = 1 << 14


@dataclass(frozen=True, slots=True)
class Quantity:
    """A figure as shown: `value` in `unit`, with `decimals` digits after the point."""

    value: Decimal
    decimals: int
    unit: str | None = None  # 元 千元 万元 亿元 % 分 or a counter such as 件
    kind: str = "number"  # amount | percent | score | count | number
    exact: bool = False  # counts and assigned scores are not rounded figures
    text: str = ""

    @property
    def scale(self) -> Decimal:
        if self.kind == "amount" and self.unit in MONEY_UNITS:
            return MONEY_UNITS[self.unit]
        if self.kind == "percent":
            return Decimal("0.01")
        if self.kind == "count" and self.unit and self.unit[0] in "万亿":
            return Decimal(10_000) if self.unit[0] == "万" else Decimal(100_000_000)
        return Decimal(1)

    @property
    def half_unit(self) -> Decimal:
        """Half of one unit in the last shown digit: the rounding uncertainty."""
        if self.exact:
            return Decimal(0)
        return _half_unit(self.decimals)

    @property
    def interval(self) -> Interval:
        """The exact values (in base units: 元, a fraction for %) this figure may round from."""
        entry = _INTERVALS.get(id(self))
        if entry is not None and entry[0] is self:
            return entry[1]
        interval = Interval.around_scaled(self.value, self.half_unit, self.scale)
        if len(_INTERVALS) >= _CACHED_INTERVALS:
            _INTERVALS.clear()
        _INTERVALS[id(self)] = (self, interval)
        return interval

    @property
    def base_value(self) -> Decimal:
        return self.value * self.scale

    def with_unit(self, unit: str | None) -> Quantity:
        """The same digits read in another unit (a table header's `单位：万元`)."""
        if unit in MONEY_UNITS:
            return replace(self, unit=unit, kind="amount")
        if unit == "%":
            return replace(self, unit=unit, kind="percent")
        if unit == "分":
            return replace(self, unit=unit, kind="score")
        return replace(self, unit=unit)

    def as_kind(self, kind: str, exact: bool | None = None) -> Quantity:
        return replace(self, kind=kind, exact=self.exact if exact is None else exact)

    def shown(self) -> str:
        return self.text or format_value(self.value, self.decimals, self.unit)


_HALF_UNITS = {decimals: Decimal(5).scaleb(-(decimals + 1)) for decimals in range(20)}


def _half_unit(decimals: int) -> Decimal:
    """5 in the digit after the last shown one (0.005 for two decimals)."""
    half = _HALF_UNITS.get(decimals)
    return half if half is not None else Decimal(5).scaleb(-(decimals + 1))


def format_value(value: Decimal, decimals: int, unit: str | None = None) -> str:
    # 四舍五入, as the documents round: 98.265 shows as 98.27 (Decimal's default would
    # give 98.26, and a reader recomputing by hand would doubt the finding).
    quantum = Decimal(1).scaleb(-decimals) if decimals > 0 else Decimal(1)
    digits = f"{value.quantize(quantum, ROUND_HALF_UP):f}" if decimals >= 0 else f"{value:f}"
    return digits + (unit or "")


# Full-width forms (ＦＦ01–ＦＦ5Ｅ) map to ASCII, except the punctuation that separates clauses in
# Chinese prose: turning "万元，实际" into "万元,实际" would make the comma look like a thousands
# separator.
_KEEP_FULL_WIDTH = set("，：；（）")
_FULL_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F) if chr(cp) not in _KEEP_FULL_WIDTH}
_FULL_WIDTH[0x3000] = 0x20  # ideographic space
_FULL_WIDTH[0x2212] = ord("-")  # minus sign


def normalise(text: str) -> str:
    """Full-width digits and signs to ASCII; the Chinese comma stays a clause separator."""
    return text.translate(_FULL_WIDTH)


_NUMBER = r"[+\-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_UNIT = r"千元|万元|百万元|亿元|元|万|亿|%|‰|分"
_FIGURE = re.compile(rf"^(?P<num>{_NUMBER})\s*(?P<unit>{_UNIT})?$")


def _decimal(digits: str) -> tuple[Decimal, int]:
    digits = digits.replace(",", "").replace("−", "-")
    value = Decimal(digits)
    decimals = len(digits.split(".", 1)[1]) if "." in digits else 0
    return value, decimals


def _quantity(digits: str, unit: str | None, counter: str | None, text: str) -> Quantity:
    value, decimals = _decimal(digits)
    if unit in ("万", "亿") and counter not in (None, "元"):
        # "65万件" is a count rounded to the 万: kept in 万件 so its precision stays.
        return Quantity(value, decimals, unit + counter, "count", False, text)
    if unit == "万":
        unit = "万元" if counter == "元" else "万"
    elif unit == "亿":
        unit = "亿元" if counter == "元" else "亿"
    if unit in MONEY_UNITS:
        return Quantity(value, decimals, unit, "amount", False, text)
    if unit == "%":
        return Quantity(value, decimals, "%", "percent", False, text)
    if unit == "‰":
        return Quantity(value / 10, decimals + 1, "%", "percent", False, text)
    if unit == "分":
        return Quantity(value, decimals, "分", "score", False, text)
    if counter:
        return Quantity(value, decimals, counter, "count", decimals == 0, text)
    return Quantity(value, decimals, unit, "number", False, text)


class NotReported:
    """A blank, `—` or `无` where a figure would stand: nothing to check, not zero."""

    _instance: NotReported | None = None

    def __new__(cls) -> NotReported:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "NOT_REPORTED"

    def __bool__(self) -> bool:
        return False


NOT_REPORTED = NotReported()


def parse_figure(text: str | None) -> Quantity | NotReported | None:
    """One cell's figure; NOT_REPORTED for a blank or dash; None when the cell is prose."""
    if text is None:
        return NOT_REPORTED
    raw = normalise(str(text)).strip()
    # Inside a cell holding only a number, a full-width comma can only be a digit group.
    compact = re.sub(r"\s+", "", raw).replace("，", ",")
    if compact in NOT_REPORTED_MARKS:
        return NOT_REPORTED
    match = _FIGURE.match(compact)
    if not match:
        return None
    unit = match.group("unit")
    return _quantity(match.group("num"), unit, "元" if unit in ("万", "亿") else None, raw)


_SCAN = re.compile(
    rf"(?<![\d.,A-Za-z])(?P<num>{_NUMBER})\s*(?P<approx>[{_APPROX}])?"
    rf"(?P<unit>{_UNIT})?(?P<counter>元|[{COUNTERS}])?"
)


_DATE_PARTS = frozenset("年月日号时季周")


@dataclass(frozen=True, slots=True)
class ScannedFigure:
    quantity: Quantity
    start: int
    end: int
    per: bool  # followed by "/": a unit price such as 8000元/人/年


def scan_figures(text: str) -> Iterator[ScannedFigure]:
    """Every figure in a piece of prose, with its unit and span (offsets in `text`)."""
    norm = normalise(text)
    for match in _SCAN.finditer(norm):
        digits = match.group("num")
        unit = match.group("unit")
        counter = match.group("counter")
        end = match.end()
        if unit is None and counter == "元":
            unit = "元"
            counter = None
        if unit == "分" and counter:
            # "分" here belongs to words such as 分项; not a score.
            unit = None
        following = norm[end:end + 1]
        if unit is None and counter is None and "." not in digits and (
                following in _DATE_PARTS or norm[match.start() - 1:match.start()] == "第"):
            # 2021年, 10月, 第3季度: dates and ordinals, not figures.
            continue
        quantity = _quantity(digits, unit, counter, norm[match.start():end])
        if match.group("approx"):
            quantity = replace(quantity, exact=False)  # "10余台" is more than ten
        per = following in ("/", "每")
        yield ScannedFigure(quantity, match.start(), end, per)


_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")


def years_in(text: str) -> list[tuple[int, int, int]]:
    """Calendar years written as `2021年`, with their spans."""
    return [(int(m.group(1)), m.start(), m.end()) for m in _YEAR.finditer(normalise(text))]
