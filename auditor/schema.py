"""The tables the Python API returns (findings, checks, files), checked by pandera.

The findings carry the figures as the document shows them (`reported`, `expected`) and,
for analysis, as numbers: `reported_value`, `expected_value` and `difference` (reported −
expected, worked out in Decimal) in `unit`, float64 for pandas; a bound (`≤50`) or a text
has no difference. `severity` is an ordered categorical (info < warning < error).
"""

from __future__ import annotations

from functools import lru_cache

FINDING_COLUMNS = ["path", "rule", "severity", "sheet", "cell", "line", "page", "message",
                   "reported", "expected", "title", "subject", "subject_kind", "kind",
                   "reported_value", "expected_value", "difference", "unit"]
CHECK_COLUMNS = ["path", "rule", "subject", "subject_kind", "verdict", "passed", "failed",
                 "not_run"]
# Least serious first, so that `frame[frame.severity >= "warning"]` reads as it says.
SEVERITY_LEVELS = ["info", "warning", "error"]
_BOUND = "<>≤≥=≈"


def figure(text: str | None):
    """A shown figure as (Decimal value, unit, is a bound), or None for text."""
    from .numbers import parse_figure, Quantity

    if not text:
        return None
    stripped = text.strip()
    bound = stripped[:1] in _BOUND
    quantity = parse_figure(stripped.lstrip(_BOUND).strip())
    if not isinstance(quantity, Quantity):
        return None
    return quantity.value, quantity.unit or "", bound


def figures(reported: str | None, expected: str | None) -> dict:
    """The numeric columns of one finding."""
    left, right = figure(reported), figure(expected)
    unit = (left or right or (None, None, False))[1] or None
    difference = None
    if left and right and not left[2] and not right[2] and left[1] == right[1]:
        difference = float(left[0] - right[0])
    return {"reported_value": float(left[0]) if left else None,
            "expected_value": float(right[0]) if right else None,
            "difference": difference, "unit": unit}


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
            "severity": pa.Column(pd_severity(), pa.Check.isin(SEVERITY_LEVELS)),
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
            "reported_value": pa.Column("Float64", nullable=True),
            "expected_value": pa.Column("Float64", nullable=True),
            "difference": pa.Column("Float64", nullable=True),
            "unit": optional_text,
        },
        strict=True,
        ordered=True,
    )


@lru_cache(maxsize=1)
def checks_schema():
    import pandera.pandas as pa

    count = pa.Column("Int64", pa.Check.ge(0))
    return pa.DataFrameSchema(
        {
            "path": pa.Column(str),
            "rule": pa.Column(str),
            "subject": pa.Column(str),
            "subject_kind": pa.Column(str),
            "verdict": pa.Column(str, pa.Check.isin(["pass", "fail", "skip"])),
            "passed": count,
            "failed": count,
            "not_run": count,
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
                "kind": f.kind, **figures(f.reported, f.expected),
            })
    frame = pd.DataFrame.from_records(records, columns=FINDING_COLUMNS)
    numeric = ("line", "page", "reported_value", "expected_value", "difference", "severity")
    text_columns = [c for c in FINDING_COLUMNS if c not in numeric]
    frame = frame.astype({"line": "Int64", "page": "Int64", "reported_value": "Float64",
                          "expected_value": "Float64", "difference": "Float64",
                          "severity": pd_severity(), **{c: "str" for c in text_columns}})
    return findings_schema().validate(frame)


def pd_severity():
    import pandas as pd

    return pd.CategoricalDtype(SEVERITY_LEVELS, ordered=True)


def checks_frame(report):
    """One row per rule × form or table: its verdict and how many evaluations passed,
    failed or could not run (an operand not reported)."""
    import pandas as pd

    from .report import checked

    records = [{"path": result.path, "rule": c.rule, "subject": c.subject,
                "subject_kind": c.subject_kind, "verdict": c.verdict,
                "passed": c.verdicts["pass"], "failed": c.verdicts["fail"],
                "not_run": c.verdicts["skip"]}
               for result in report.results for c in checked(result)]
    frame = pd.DataFrame.from_records(records, columns=CHECK_COLUMNS)
    frame = frame.astype({"passed": "Int64", "failed": "Int64", "not_run": "Int64",
                          **{c: "str" for c in CHECK_COLUMNS[:5]}})
    return checks_schema().validate(frame)


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
