"""`--format parquet -o audit.parquet`: the csv format's two tables as Parquet files
(`audit.parquet` and `audit.checks.parquet`), typed: years and counts as integers, the
figures as exact decimals (decimal128(38, 10)), the rest as text. Rows are written in row
groups as files finish, so a large batch is never held in memory. Needs pyarrow (the
`parquet` extra).
"""

from __future__ import annotations

from decimal import Decimal
from typing import IO, Any

from ..model import FileResult
from .rows import (CHECK_COLUMNS, DECIMAL_COLUMNS, FINDING_COLUMNS, INTEGER_COLUMNS,
                   check_rows, checks_path, finding_rows)

SUFFIX = ".parquet"
_SCALE = Decimal(10) ** -10
_ROWS_PER_GROUP = 20_000


def _schema(columns: tuple[str, ...]):
    import pyarrow as pa

    def kind(name: str):
        if name in INTEGER_COLUMNS:
            return pa.int64()
        if name in DECIMAL_COLUMNS:
            return pa.decimal128(38, 10)
        return pa.string()

    return pa.schema([(name, kind(name)) for name in columns])


class _Table:
    def __init__(self, path: str, columns: tuple[str, ...]):
        import pyarrow.parquet as pq

        self.columns = columns
        self.schema = _schema(columns)
        self.writer = pq.ParquetWriter(path, self.schema)
        self.rows: list[dict[str, Any]] = []

    def add(self, row: dict[str, Any]) -> None:
        for name in DECIMAL_COLUMNS & set(row):
            if row[name] is not None:
                row[name] = Decimal(row[name]).quantize(_SCALE)
        self.rows.append(row)
        if len(self.rows) >= _ROWS_PER_GROUP:
            self.flush()

    def flush(self) -> None:
        import pyarrow as pa

        if self.rows:
            self.writer.write_table(pa.Table.from_pylist(self.rows, schema=self.schema))
            self.rows = []

    def close(self) -> None:
        self.flush()
        self.writer.close()


class Writer:
    def __init__(self, report, output: str):
        self.report = report
        self._findings = _Table(output, FINDING_COLUMNS)
        self._checks = _Table(checks_path(output, SUFFIX), CHECK_COLUMNS)

    def add(self, result: FileResult) -> None:
        for row in finding_rows(self.report, result):
            self._findings.add(row)
        for row in check_rows(self.report, result):
            self._checks.add(row)

    def close(self) -> None:
        self._findings.close()
        self._checks.close()


def available() -> bool:
    import importlib.util

    return importlib.util.find_spec("pyarrow") is not None


def open_writer(report, output: str | None, stdout: IO[str]) -> tuple[Writer, list]:
    assert output is not None  # the command asks for --output first
    return Writer(report, output), []
