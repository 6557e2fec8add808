"""What Excel shows for a numeric cell, from its number format.

The shown text is what the reader of the workbook saw, so its digits set the figure's
precision: 0.9974 formatted `0.00%` is 99.74% with two decimals. Only the parts of the
format language that decide digits are read (decimal places, percent, grouping);
colours, literal text and conditions are dropped. openpyxl and calamine do not render
formats, and no maintained library does this small job without pulling in a spreadsheet
engine.
"""

from __future__ import annotations

import re
from functools import lru_cache
from decimal import ROUND_HALF_UP, Context, Decimal

_WIDE = Context(prec=800, Emax=10 ** 6, Emin=-10 ** 6)
_QUOTED = re.compile(r'"[^"]*"|\\.|_.|\*.|\[[^\]]*\]')


def _section(number_format: str, value: Decimal) -> str:
    sections = number_format.split(";")
    if value < 0 and len(sections) > 1 and sections[1].strip():
        return sections[1]
    if value == 0 and len(sections) > 2 and sections[2].strip():
        return sections[2]
    return sections[0]


def _general(value: Decimal) -> str:
    # Excel's General shows at most 15 significant digits; a double such as
    # 0.30000000000000004 appears as 0.3.
    if value == 0:
        return "0"
    text = f"{value.normalize():f}"
    digits = len(value.normalize().as_tuple().digits)
    if digits > 15:
        exponent = value.adjusted() - 14
        text = f"{value.quantize(Decimal(1).scaleb(exponent), ROUND_HALF_UP).normalize():f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


class _Section:
    """One section of a format, read once: how many decimals, percent, grouping, brackets."""

    __slots__ = ("digits", "percent", "decimals", "required", "quantum", "grouped", "paren",
                 "pattern")

    def __init__(self, raw: str):
        section = _QUOTED.sub("", raw)
        self.digits = bool(re.search(r"[0#?]", section))
        self.percent = "%" in section
        body = section.split("%")[0] if self.percent else section
        decimals_part = body.split(".", 1)[1] if "." in body else ""
        self.required = decimals_part.count("0")
        self.decimals = len(re.findall(r"[0#?]", decimals_part))
        self.quantum = Decimal(1).scaleb(-self.decimals)
        self.grouped = "," in body.split(".")[0]
        self.paren = "(" in section
        self.pattern = f",.{self.decimals}f" if self.grouped else f".{self.decimals}f"


class _Format:
    __slots__ = ("general", "sections", "own_negative")

    def __init__(self, number_format: str | None):
        fmt = (number_format or "General").strip()
        self.general = fmt.lower() in ("general", "@", "")
        raw = fmt.split(";")
        self.sections = [_Section(part) for part in raw[:3]]
        # A second section prints its own sign or brackets.
        self.own_negative = len(raw) > 1 and bool(raw[1].strip())
        self._blank(raw)

    def _blank(self, raw: list[str]) -> None:
        # An empty negative or zero section falls back to the first one.
        for index in (1, 2):
            if index < len(raw) and not raw[index].strip():
                self.sections[index] = self.sections[0]

    def section(self, value: Decimal | float | int) -> _Section:
        sections = self.sections
        if value < 0 and len(sections) > 1:
            return sections[1]
        if value == 0 and len(sections) > 2:
            return sections[2]
        return sections[0]


def _fast(value: object, section: _Section, own_negative: bool) -> str | None:
    """`_fixed` for an int or a float without Decimal arithmetic, or None.

    Decimal arithmetic is exact but slow; a float formats as fast as C, and gives the
    same digits except on a tie: float formatting rounds the binary value, Excel rounds
    the shortest decimal (the repr) half up. A repr with exactly one digit more than kept,
    and that digit a 5, is a tie; anything else rounds alike (the repr is the shortest
    string naming the float, so no midpoint as short lies between it and the float). A
    repr with no more digits than kept is padded with zeros, digit for digit.
    """
    if section.percent:
        return None
    if type(value) is int:
        return format(-value if own_negative else value, section.pattern)
    if type(value) is not float:
        return None
    text = repr(value)
    point = text.find(".")
    if point < 0 or "e" in text:
        return None
    extra = len(text) - point - 1 - section.decimals
    if extra > 0:
        if extra == 1 and text[-1] == "5":
            return None  # a tie: half up on the decimal digits
        return format(-value if own_negative else value, section.pattern)
    # The repr's own digits, padded with zeros: exact.
    negative = text[0] == "-"
    whole = text[1 if negative else 0:point]
    if section.grouped:
        whole = f"{int(whole):,}"
    if section.decimals:
        whole += "." + text[point + 1:].ljust(section.decimals, "0")
    return "-" + whole if negative and not own_negative else whole


def _fixed(number: Decimal, section: _Section, own_negative: bool) -> str:
    """`number` rounded half up to the section's decimals, without a sign when the
    negative section prints its own."""
    # A double reaches 1e308: wide enough a context that quantizing never overflows.
    rounded = number.quantize(section.quantum, rounding=ROUND_HALF_UP, context=_WIDE)
    if own_negative:
        rounded = abs(rounded)  # the negative section prints its own sign or brackets
    return format(rounded, section.pattern)


@lru_cache(maxsize=4096)
def _format(number_format: str | None) -> _Format:
    return _Format(number_format)


def render(value: float | int | Decimal, number_format: str | None) -> str:
    """The text Excel displays for `value` under `number_format`."""
    spec = _format(number_format)
    text = None
    if not spec.general and type(value) in (float, int):
        # The common case, a plain amount, without building a Decimal at all.
        section = spec.section(value)
        if not section.digits:
            return _general(Decimal(repr(value)) if type(value) is float else Decimal(value))
        own_negative = spec.own_negative and value < 0
        text = _fast(value, section, own_negative)
    if text is None:
        number = value if isinstance(value, Decimal) else Decimal(repr(value)) \
            if isinstance(value, float) else Decimal(value)
        if spec.general:
            return _general(number)
        section = spec.section(number)
        if not section.digits:
            return _general(number)
        if section.percent:
            number = number * 100
        own_negative = spec.own_negative and number < 0
        text = _fixed(number, section, own_negative)
    if section.decimals > section.required:  # '#' places show only digits that are not trailing zeros
        head, _, tail = text.partition(".")
        tail = tail.rstrip("0").ljust(section.required, "0")
        text = f"{head}.{tail}" if tail else head
    if own_negative:
        text = f"({text})" if section.paren else f"-{text}"
    return text + ("%" if section.percent else "")
