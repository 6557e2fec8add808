"""`--format json`: one JSON document for programs (schema version 1)."""

from __future__ import annotations

import json
from typing import IO, Any, Iterator, Sequence

from ..model import FileResult, Finding
from . import Report


def finding_record(result: FileResult, finding: Finding) -> dict[str, Any]:
    loc = finding.location
    return {
        "rule": finding.rule,
        "severity": finding.severity,
        "path": result.path,
        "sheet": loc.sheet,
        "cell": loc.cell,
        "line": loc.line,
        "message": finding.message,
        "reported": finding.reported,
        "expected": finding.expected,
        "page": loc.page,
        "title": finding.title,
        "subject": finding.subject,
        "subject_kind": finding.subject_kind,
        "kind": finding.kind,
        "related": [{"sheet": r.sheet, "cell": r.cell, "line": r.line, "page": r.page}
                    for r in finding.related],
        # The sentence a figure in prose stands in, and the figure's offsets in it.
        "context": finding.context,
        "span": list(finding.span) if finding.span else None,
        # The reported figures the recomputation used, so a reader can find each one.
        "figures": [{"label": f.label, "shown": f.shown, "sheet": f.location.sheet,
                     "cell": f.location.cell, "line": f.location.line, "page": f.location.page}
                    for f in finding.figures],
    }


def file_record(report: Report, result: FileResult) -> dict[str, Any]:
    kinds: dict[str, int] = {}
    for subject in result.subjects:
        kinds[subject.kind] = kinds.get(subject.kind, 0) + 1
    return {
        "path": result.path,
        "status": result.status,
        "error": result.error,
        "format": result.format,
        "recognised": kinds,
        "checks": result.checks,
        "not_checked": dict(result.not_checked),
        "findings": len(result.findings),
        # Only on request (`--timings`): the same inputs give the same bytes.
        **({"seconds": round(result.seconds, 4)} if report.timings else {}),
    }


def document(report: Report) -> dict[str, Any]:
    return {
        "version": 1,
        "files": [file_record(report, r) for r in report.results],
        "findings": [finding_record(r, f) for r in report.results for f in r.findings],
        "summary": report.summary(),
    }


def render(report: Report) -> str:
    return json.dumps(document(report), ensure_ascii=False, indent=2) + "\n"


def _items(records: Iterator[dict[str, Any]]) -> Iterator[str]:
    """A JSON array's items as `json.dumps(..., indent=2)` lays them out two levels down."""
    for number, record in enumerate(records):
        text = json.dumps(record, ensure_ascii=False, indent=2).replace("\n", "\n    ")
        yield ("" if number == 0 else ",\n") + "    " + text


def _with_findings(results: Sequence[FileResult]) -> Iterator[FileResult]:
    """The results that have findings: a spool knows which without reading the rest back."""
    pick = getattr(results, "with_findings", None)
    return pick() if pick is not None else (r for r in results if r.findings)


def write(report: Report, out: IO[str]) -> None:
    """The same bytes as `render`, written file by file: the results are read once for the
    files and once for the findings, and never held together."""
    out.write('{\n  "version": 1,\n')
    for name, records in (
            ("files", (file_record(report, r) for r in report.results)),
            ("findings", (finding_record(r, f) for r in _with_findings(report.results)
                          for f in r.findings))):
        out.write(f'  "{name}": [')
        empty = True
        for text in _items(records):
            if empty:
                out.write("\n")
                empty = False
            out.write(text)
        out.write("]" if empty else "\n  ]")
        out.write(",\n")
    summary = json.dumps(report.summary(), ensure_ascii=False, indent=2).replace("\n", "\n  ")
    out.write(f'  "summary": {summary}\n}}\n')
