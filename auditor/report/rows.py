"""Findings and checks as flat rows for data tools (pandas, DuckDB, a spreadsheet).

One row per finding: the file, the reporting unit and year it is about, the kind of
document, the rule, severity and place, and the reported and recomputed figures as numbers
with their unit and the difference. One row per file × rule × form/table: how many of its
evaluations passed, failed or could not run — the denominators of any rate of findings.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Iterator

from ..model import FileResult, Finding, Subject
from ..numbers import Quantity, parse_figure
from . import checked

FINDING_COLUMNS = (
    "file", "format", "organisation", "year", "document_kind", "rule", "severity", "kind",
    "subject", "subject_kind", "sheet", "cell", "page", "line", "location", "message",
    "reported", "expected", "reported_value", "expected_value", "difference", "value_unit",
)
CHECK_COLUMNS = (
    "file", "organisation", "year", "document_kind", "rule", "subject", "subject_kind",
    "verdict", "passed", "failed", "not_run",
)
# Columns holding whole numbers (may be empty) and exact decimals (may be empty).
INTEGER_COLUMNS = {"year", "page", "line", "passed", "failed", "not_run"}
DECIMAL_COLUMNS = {"reported_value", "expected_value", "difference"}


def figure(text: str | None) -> Quantity | None:
    """A shown figure (`85.42%`, `50000万元`, `97.86`) as a number with its unit."""
    if not text:
        return None
    quantity = parse_figure(text)
    return quantity if isinstance(quantity, Quantity) else None


def _subject_for(result: FileResult, finding: Finding) -> Subject | None:
    for subject in result.subjects:
        if subject.name == finding.subject and (finding.subject_kind in (None, subject.kind)):
            return subject
    return None


def document_kind(result: FileResult) -> str:
    """What the file holds: the kinds of form or table recognised in it (`selfeval_form`,
    `final_accounts`) and `prose` for claims in its text, sorted and joined with `+`
    (`prose+selfeval_form`); empty when nothing was recognised."""
    return "+".join(sorted({"prose" if s.kind.startswith("prose_") else s.kind
                            for s in result.subjects}))


def _about(result: FileResult, subject: Subject | None) -> tuple[str | None, int | None]:
    """The reporting unit and year: the form's own, else the first the file states."""
    candidates = ([subject] if subject else []) + list(result.subjects)
    organisation = next((s.meta["organisation"] for s in candidates
                         if s.meta.get("organisation")), None)
    year = next((s.meta["year"] for s in candidates if isinstance(s.meta.get("year"), int)), None)
    return organisation, year


def finding_rows(report, result: FileResult) -> Iterator[dict[str, Any]]:
    kind = document_kind(result)
    for finding in result.findings:
        organisation, year = _about(result, _subject_for(result, finding))
        reported, expected = figure(finding.reported), figure(finding.expected)
        unit = next((q.unit for q in (reported, expected) if q is not None and q.unit), None)
        difference: Decimal | None = None
        if reported is not None and expected is not None and reported.unit == expected.unit:
            difference = reported.value - expected.value
        loc = finding.location
        yield {
            "file": result.path, "format": result.format, "organisation": organisation,
            "year": year, "document_kind": kind, "rule": finding.rule,
            "severity": finding.severity, "kind": finding.kind, "subject": finding.subject,
            "subject_kind": finding.subject_kind, "sheet": loc.sheet, "cell": loc.cell,
            "page": loc.page, "line": loc.line, "location": report.where(loc),
            "message": finding.message, "reported": finding.reported,
            "expected": finding.expected,
            "reported_value": reported.value if reported is not None else None,
            "expected_value": expected.value if expected is not None else None,
            "difference": difference, "value_unit": unit,
        }


def check_rows(report, result: FileResult) -> Iterator[dict[str, Any]]:
    kind = document_kind(result)
    by_name = {(s.name, s.kind): s for s in result.subjects}
    for case in checked(result):
        organisation, year = _about(result, by_name.get((case.subject, case.subject_kind)))
        yield {
            "file": result.path, "organisation": organisation, "year": year,
            "document_kind": kind, "rule": case.rule, "subject": case.subject,
            "subject_kind": case.subject_kind,
            "verdict": {"pass": "passed", "fail": "failed", "skip": "not_run"}[case.verdict],
            "passed": case.verdicts["pass"], "failed": case.verdicts["fail"],
            "not_run": case.verdicts["skip"],
        }


def checks_path(output: str, suffix: str) -> str:
    """Where the second table goes: `audit.csv` → `audit.checks.csv`."""
    from pathlib import Path

    path = Path(output)
    stem = path.name[:-len(suffix)] if path.name.lower().endswith(suffix) else path.name
    return str(path.with_name(f"{stem}.checks{suffix}"))
