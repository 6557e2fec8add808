"""Text checked against the limits before any line of it is parsed.

The text parsers and the prose recognisers look at every line, some more than once; a
text of a million lines, one line of 10 MB or 200,000 figures on a line would keep them
busy for minutes. Each check here is one linear pass.
"""

from __future__ import annotations

import re

from ..limits import Limits, megabytes
from . import ReadError

_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")


def check_size(size: int, limits: Limits) -> None:
    """A file's size in bytes, before it is read at all."""
    if size > limits.text_chars:
        raise ReadError("read.text_too_large", size=megabytes(size),
                        limit=megabytes(limits.text_chars))


def check_line(number: int, line: str, limits: Limits) -> None:
    """One line's length, and its figures when it is long enough to hold too many: a
    figure and its separator take two characters, so short lines are not searched."""
    length = len(line)
    if length > limits.max_line_chars:
        raise ReadError("read.line_too_long", line=number, chars=f"{length:,}",
                        limit=f"{limits.max_line_chars:,}")
    if length >= 2 * limits.max_figures_per_line - 1:
        figures = sum(1 for _ in _FIGURE.finditer(line))
        if figures > limits.max_figures_per_line:
            raise ReadError("read.too_many_figures", line=number, figures=f"{figures:,}",
                            limit=f"{limits.max_figures_per_line:,}")


def check_lines(lines: list[str], limits: Limits) -> None:
    """Line count, each line's length and figures, the total."""
    if len(lines) > limits.max_lines:
        raise ReadError("read.too_many_lines", lines=f"{len(lines):,}", limit=f"{limits.max_lines:,}")
    total = 0
    for number, line in enumerate(lines, start=1):
        total += len(line)
        check_line(number, line, limits)
    if total > limits.text_chars:
        raise ReadError("read.text_too_large", size=megabytes(total),
                        limit=megabytes(limits.text_chars))


def check_text(text: str, limits: Limits) -> list[str]:
    """The text's lines, once they pass."""
    check_size(len(text), limits)
    lines = text.splitlines()
    check_lines(lines, limits)
    return lines


def check_cells(name: str, rows: int, cols: int, limits: Limits) -> None:
    if rows * cols > limits.max_cells:
        from . import column_letter

        raise ReadError("read.too_many_cells", sheet=name, rows=rows, cols=cols,
                        area=f"A1:{column_letter(max(cols - 1, 0))}{rows}",
                        cells=f"{rows * cols:,}", limit=f"{limits.max_cells:,}")
