"""The default output: per file a summary line and a table of findings, for a person.

On a terminal (`Report.terminal`) the table is drawn by rich: it fits the terminal's width
(the message column wraps), and severities are coloured unless `NO_COLOR` is set. Anywhere
else (a pipe, a file, CI logs) it is plain text without escape codes, laid out by tabulate
as before so that scripts reading it keep working; an explicit `COLUMNS` narrows it.
Either way errors come first, then warnings, then notes, each in the document's order, and
text from documents is stripped of control and bidi characters.
"""

from __future__ import annotations

import io
import os
import shutil
import sys

from . import Report, by_severity
from .safe import terminal_text

# Wide enough for a Chinese sentence on a normal terminal without breaking figures apart.
_MESSAGE_WIDTH = 60
_NARROWEST_MESSAGE = 12
_COLUMNS = ("severity", "rule", "location", "message", "reported", "expected")
_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _rows(report: Report, findings) -> list[list[str]]:
    return [[report.severity(f.severity), f.rule, terminal_text(report.where(f.location)),
             terminal_text(f.message), terminal_text(f.reported or ""),
             terminal_text(f.expected or "")] for f in findings]


def _headers(report: Report) -> list[str]:
    return [report.text(f"ui.col.{c}") for c in _COLUMNS]


def _summary_line(report: Report, result) -> str:
    counts = {s: sum(1 for f in result.findings if f.severity == s)
              for s in ("error", "warning", "info")}
    return terminal_text(report.text(
        "ui.file.summary", path=result.path, errors=counts["error"],
        warnings=counts["warning"], infos=counts["info"],
        subjects=report.subjects_text(result), checks=result.checks,
        seconds=f"{result.seconds:.2f}"))


def _error_line(report: Report, result) -> str:
    return terminal_text(report.text("ui.file.error", path=result.path, error=result.error))


# --- plain ----------------------------------------------------------------------------

def _explicit_width() -> int | None:
    try:
        width = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        return None
    return width if width >= 40 else None


def _wrap(text: str, width: int | None) -> str:
    """A long line broken to `width` display columns (a CJK character takes two)."""
    if width is None:
        return text
    from wcwidth import wcwidth

    lines, line, used = [], "", 0
    for char in text:
        size = max(wcwidth(char), 0)
        if used + size > width and line:
            lines.append(line.rstrip())
            line, used = "", 0
        line += char
        used += size
    lines.append(line)
    return "\n".join(lines)


def _widest(text: str) -> int:
    from wcwidth import wcswidth

    return max((max(wcswidth(line), len(line)) for line in text.splitlines()), default=0)


def _plain_table(rows: list[list[str]], headers: list[str], width: int | None) -> str:
    # Imported for a file with findings only: tabulate brings wcwidth and importlib.metadata
    # (≈ 60 ms), which a clean file's report does not need.
    from tabulate import tabulate

    message_width = _MESSAGE_WIDTH
    while True:
        side = 16 if message_width >= 30 else 10
        text = tabulate(rows, headers=headers, tablefmt="simple",
                        maxcolwidths=[None, None, min(24, side + 8), message_width, side, side])
        if width is None or _widest(text) <= width or message_width <= _NARROWEST_MESSAGE:
            return text
        message_width = max(_NARROWEST_MESSAGE, message_width - max(2, _widest(text) - width))


def _render_plain(report: Report) -> str:
    width = _explicit_width()
    out: list[str] = []
    for result in report.results:
        if result.status == "error":
            out.extend([_wrap(_error_line(report, result), width), ""])
            continue
        out.append(_wrap(_summary_line(report, result), width))
        if result.not_checked:
            out.append(_wrap(terminal_text(report.not_checked_text(result)), width))
        if not result.findings:
            out.extend([report.text("ui.file.clean"), ""])
            continue
        out.append(_plain_table(_rows(report, by_severity(result.findings)), _headers(report),
                                width))
        out.append("")
    if len(report.results) > 1:
        out.append(_wrap(report.text("ui.total", **report.summary()), width))
    return "\n".join(out).rstrip() + "\n"


# --- terminal -------------------------------------------------------------------------

def _console(buffer: io.StringIO):
    from rich.console import Console

    # The terminal's width (COLUMNS when set, as shells export it); force_terminal because
    # the text is captured here and then written to the terminal. rich itself reads
    # NO_COLOR (and FORCE_COLOR) from the environment.
    width = max(shutil.get_terminal_size((100, 24)).columns, 40)
    colours = {} if _escape_codes_shown() else {"color_system": None}
    return Console(file=buffer, force_terminal=True, width=width, highlight=False,
                   emoji=False, markup=False, soft_wrap=False, **colours)


def _escape_codes_shown() -> bool:
    """True but on a Windows console that cannot be switched to reading escape codes
    (before Windows 10): there the table is drawn without colour rather than with junk."""
    if sys.platform != "win32":
        return True
    try:
        import ctypes

        kernel = ctypes.windll.kernel32
        handle = kernel.GetStdHandle(-11)  # standard output
        mode = ctypes.c_uint32()
        if not kernel.GetConsoleMode(handle, ctypes.byref(mode)):
            return False
        return bool(kernel.SetConsoleMode(handle, mode.value | 0x0004))  # VT processing
    except (AttributeError, OSError):
        return False


def _findings_table(report: Report, findings):
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False,
                  header_style="bold")
    for key in _COLUMNS:
        if key == "message":
            table.add_column(report.text(f"ui.col.{key}"), ratio=1, min_width=10,
                             overflow="fold")
        elif key in ("severity", "rule"):
            table.add_column(report.text(f"ui.col.{key}"), no_wrap=True)
        else:
            table.add_column(report.text(f"ui.col.{key}"), overflow="fold", max_width=24)
    for finding, row in zip(findings, _rows(report, findings)):
        style = _STYLES.get(finding.severity, "")
        table.add_row(Text(row[0], style=style), Text(row[1], style=style),
                      *(Text(cell) for cell in row[2:]))
    return table


def _render_terminal(report: Report) -> str:
    from rich.text import Text

    buffer = io.StringIO()
    console = _console(buffer)
    for index, result in enumerate(report.results):
        if index:
            console.print()
        if result.status == "error":
            console.print(Text(_error_line(report, result), style="red"))
            continue
        console.print(Text(_summary_line(report, result), style="bold"))
        if result.not_checked:
            console.print(Text(terminal_text(report.not_checked_text(result))))
        if not result.findings:
            console.print(Text(report.text("ui.file.clean"), style="green"))
            continue
        console.print(_findings_table(report, by_severity(result.findings)))
    if len(report.results) > 1:
        console.print()
        console.print(Text(report.text("ui.total", **report.summary()), style="bold"))
    return buffer.getvalue()


def render(report: Report) -> str:
    return _render_terminal(report) if report.terminal else _render_plain(report)
