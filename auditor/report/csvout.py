"""`--format csv`: one row per finding, written as each file finishes.

With `--output audit.csv` the second table, one row per file × rule × form/table with
passed / failed / not run, goes to `audit.checks.csv`. Files are UTF-8 with a byte-order
mark, so that Excel opens the Chinese text as it is; pandas and DuckDB read them as they are.
"""

from __future__ import annotations

import csv
from typing import IO, Any

from ..model import FileResult
from .rows import CHECK_COLUMNS, FINDING_COLUMNS, check_rows, checks_path, finding_rows

SUFFIX = ".csv"


def _cell(value: Any) -> Any:
    return "" if value is None else value


class Writer:
    def __init__(self, report, out: IO[str], checks: IO[str] | None = None):
        self.report = report
        self._findings = csv.writer(out, lineterminator="\n")
        self._findings.writerow(FINDING_COLUMNS)
        self._checks = None
        if checks is not None:
            self._checks = csv.writer(checks, lineterminator="\n")
            self._checks.writerow(CHECK_COLUMNS)

    def add(self, result: FileResult) -> None:
        for row in finding_rows(self.report, result):
            self._findings.writerow([_cell(row[c]) for c in FINDING_COLUMNS])
        if self._checks is not None:
            for row in check_rows(self.report, result):
                self._checks.writerow([_cell(row[c]) for c in CHECK_COLUMNS])

    def close(self) -> None:
        pass


def open_writer(report, output: str | None, stdout: IO[str]) -> tuple[Writer, list]:
    """The writer and the files it opened (closed by the caller)."""
    if output is None:
        return Writer(report, stdout), []
    out = open(output, "w", encoding="utf-8-sig", newline="")
    checks = open(checks_path(output, SUFFIX), "w", encoding="utf-8-sig", newline="")
    return Writer(report, out, checks), [out, checks]
