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
from decimal import ROUND_HALF_UP, Decimal

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


def render(value: float | int | Decimal, number_format: str | None) -> str:
    """The text Excel displays for `value` under `number_format`."""
    number = value if isinstance(value, Decimal) else Decimal(repr(value)) \
        if isinstance(value, float) else Decimal(value)
    fmt = (number_format or "General").strip()
    if fmt.lower() in ("general", "@", ""):
        return _general(number)
    section = _QUOTED.sub("", _section(fmt, number))
    if not re.search(r"[0#?]", section):
        return _general(number)
    percent = "%" in section
    if percent:
        number = number * 100
    body = section.split("%")[0] if percent else section
    decimals_part = body.split(".", 1)[1] if "." in body else ""
    required = decimals_part.count("0")
    decimals = len(re.findall(r"[0#?]", decimals_part))
    quantum = Decimal(1).scaleb(-decimals)
    rounded = number.quantize(quantum, rounding=ROUND_HALF_UP)
    own_negative = number < 0 and len(fmt.split(";")) > 1 and fmt.split(";")[1].strip()
    if own_negative:
        rounded = abs(rounded)  # the negative section prints its own sign or brackets
    grouped = "," in body.split(".")[0]
    text = f"{rounded:,.{decimals}f}" if grouped else f"{rounded:.{decimals}f}"
    if decimals > required:  # '#' places show only digits that are not trailing zeros
        head, _, tail = text.partition(".")
        tail = tail.rstrip("0").ljust(required, "0")
        text = f"{head}.{tail}" if tail else head
    if own_negative:
        text = f"({text})" if "(" in section else f"-{text}"
    return text + ("%" if percent else "")
