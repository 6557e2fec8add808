"""How much one input may hold before the readers refuse it, checked before the work starts.

A disclosure is small: tens of sheets, tens of thousands of cells, a hundred pages. A file
far beyond that is a mistake or an attack (a zip bomb, a sheet padded to XFD1048576, a text
of one 10 MB line), and reading it would hang a batch or exhaust its memory. Each limit is
an option of `run` and `facts` (`--max-part-mb` …) with the same name as a configuration
key, so a user whose real files are larger raises it there.
"""

from __future__ import annotations

import functools
import os
from dataclasses import asdict, dataclass, fields, replace

import click

# Workers started by a process pool (fork or spawn) inherit the environment: the limits a
# user set reach every worker without each caller passing them along.
_ENVIRONMENT = "AUDIT_RULES_LIMITS"


@dataclass(frozen=True)
class Limits:
    max_part_mb: int = 200  # one part of a zip container (a worksheet, sharedStrings.xml)
    max_total_mb: int = 1000  # all parts of a container together, unpacked
    max_ratio: int = 200  # unpacked ÷ packed size of a part larger than 1 MB
    max_cells: int = 2_000_000  # used range of one sheet or table (rows × columns)
    max_pages: int = 2000  # pages of a PDF
    max_text_mb: int = 10  # text of a .txt/.csv/.docx, or a PDF's text layer
    max_lines: int = 30_000  # lines of a text, paragraphs of a document
    max_line_chars: int = 200_000  # characters on one line
    max_figures_per_line: int = 20_000  # numbers on one line

    @property
    def part_bytes(self) -> int:
        return self.max_part_mb * 1024 * 1024

    @property
    def total_bytes(self) -> int:
        return self.max_total_mb * 1024 * 1024

    @property
    def text_chars(self) -> int:
        return self.max_text_mb * 1024 * 1024


DEFAULT = Limits()
_current: Limits | None = None


def current() -> Limits:
    """The limits in force: those configured in this process, else from the environment."""
    if _current is not None:
        return _current
    given = os.environ.get(_ENVIRONMENT)
    if given:
        import json

        try:
            values = json.loads(given)
            return replace(DEFAULT, **{f.name: int(values[f.name]) for f in fields(Limits)
                                        if f.name in values})
        except (ValueError, TypeError):
            pass
    return DEFAULT


def configure(limits: Limits) -> None:
    global _current
    _current = limits
    if limits == DEFAULT:
        os.environ.pop(_ENVIRONMENT, None)
    else:
        import json

        os.environ[_ENVIRONMENT] = json.dumps(asdict(limits))


_HELP = {
    "max_part_mb": "Largest unpacked part of an .xlsx/.docx (a worksheet, the shared strings), MB.",
    "max_total_mb": "Largest unpacked .xlsx/.docx, all parts together, MB.",
    "max_ratio": "Highest compression ratio of a part (unpacked ÷ packed) before it counts as a zip bomb.",
    "max_cells": "Most cells in the used range of one sheet or table (rows × columns).",
    "max_pages": "Most pages of a PDF.",
    "max_text_mb": "Largest text of a document, MB.",
    "max_lines": "Most lines of a text (paragraphs of a Word document).",
    "max_line_chars": "Most characters on one line.",
    "max_figures_per_line": "Most numbers on one line.",
}


def limit_options(command):
    """Adds one `--max-…` option per limit to a click command and puts them in force."""
    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        given = {f.name: kwargs.pop(f.name) for f in fields(Limits)}
        configure(Limits(**given))
        return command(*args, **kwargs)

    for field in reversed(fields(Limits)):
        wrapper = click.option(f"--{field.name.replace('_', '-')}", field.name,
                               type=click.IntRange(min=1), default=field.default,
                               show_default=True, help=_HELP[field.name])(wrapper)
    return wrapper


def megabytes(size: int) -> str:
    """A size for a person: 2.1 GB, 250 MB, 12 KB."""
    if size >= 1024 ** 3:
        return f"{size / 1024 ** 3:.1f} GB"
    if size >= 1024 ** 2:
        return f"{size / 1024 ** 2:.0f} MB"
    return f"{max(1, round(size / 1024))} KB"
