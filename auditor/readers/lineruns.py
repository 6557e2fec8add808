"""Runs of consecutive lines of one kind in a text (a table's rows), with their page."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

PAGE_MARK = re.compile(r"^=+\s*page\s+(\d+)\s*=+$", re.IGNORECASE)  # a page break


def line_runs(lines: list[str], accepts: Callable[[int], bool]) -> Iterator[tuple[int, int, int | None]]:
    """(start, stop, page) of each run of lines whose index `accepts` takes; the page is
    the one the `=== page N ===` markers above the run name (None before any)."""
    page: int | None = None
    i = 0
    while i < len(lines):
        match = PAGE_MARK.match(lines[i].strip())
        if match:
            page = int(match.group(1))
        if not accepts(i):
            i += 1
            continue
        j = i
        while j < len(lines) and accepts(j):
            j += 1
        yield i, j, page
        i = j
