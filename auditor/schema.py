"""The findings table as the Python API returns it, with its columns checked by pandera."""

from __future__ import annotations

from functools import lru_cache

FINDING_COLUMNS = ["path", "rule", "severity", "sheet", "cell", "line", "page", "message",
                   "reported", "expected", "title", "subject", "subject_kind", "kind"]


@lru_cache(maxsize=1)
def findings_schema():
    import pandera.pandas as pa

    text = pa.Column(str, nullable=False)
    optional_text = pa.Column(str, nullable=True)
    optional_int = pa.Column("Int64", nullable=True)
    return pa.DataFrameSchema(
        {
            "path": text,
            "rule": pa.Column(str, pa.Check.str_matches(r"^[A-Z]{2,}\d{3}$")),
            "severity": pa.Column(str, pa.Check.isin(["error", "warning", "info"])),
            "sheet": optional_text,
            "cell": pa.Column(str, pa.Check.str_matches(r"^[A-Z]{1,3}[1-9]\d*$"), nullable=True),
            "line": pa.Column("Int64", pa.Check.ge(1), nullable=True),
            "page": optional_int,
            "message": text,
            "reported": optional_text,
            "expected": optional_text,
            "title": text,
            "subject": optional_text,
            "subject_kind": optional_text,
            "kind": text,
        },
        strict=True,
        ordered=True,
    )


@lru_cache(maxsize=1)
def files_schema():
    import pandera.pandas as pa

    return pa.DataFrameSchema(
        {
            "path": pa.Column(str),
            "status": pa.Column(str, pa.Check.isin(["ok", "error"])),
            "error": pa.Column(str, nullable=True),
            "format": pa.Column(str, nullable=True),
            "checks": pa.Column("Int64", pa.Check.ge(0)),
            "findings": pa.Column("Int64", pa.Check.ge(0)),
            "seconds": pa.Column(float, pa.Check.ge(0)),
        },
        strict=True,
        ordered=True,
    )


def findings_frame(report):
    import pandas as pd

    records = []
    for result in report.results:
        for f in result.findings:
            loc = f.location
            records.append({
                "path": result.path, "rule": f.rule, "severity": f.severity,
                "sheet": loc.sheet, "cell": loc.cell, "line": loc.line, "page": loc.page,
                "message": f.message, "reported": f.reported, "expected": f.expected,
                "title": f.title, "subject": f.subject, "subject_kind": f.subject_kind,
                "kind": f.kind,
            })
    frame = pd.DataFrame.from_records(records, columns=FINDING_COLUMNS)
    text_columns = [c for c in FINDING_COLUMNS if c not in ("line", "page")]
    frame = frame.astype({"line": "Int64", "page": "Int64", **{c: "str" for c in text_columns}})
    return findings_schema().validate(frame)


def files_frame(report):
    import pandas as pd

    frame = pd.DataFrame.from_records(
        [{"path": r.path, "status": r.status, "error": r.error, "format": r.format,
          "checks": r.checks, "findings": len(r.findings), "seconds": float(r.seconds)}
         for r in report.results],
        columns=["path", "status", "error", "format", "checks", "findings", "seconds"])
    frame = frame.astype({"checks": "Int64", "findings": "Int64", "seconds": float,
                          "path": "str", "status": "str", "error": "str", "format": "str"})
    return files_schema().validate(frame)
