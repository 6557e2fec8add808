"""The default output: per file a summary line and a table of findings, for a person."""

from __future__ import annotations

from tabulate import tabulate

from . import Report

# Wide enough for a Chinese sentence on a normal terminal without breaking figures apart.
_MESSAGE_WIDTH = 60


def render(report: Report) -> str:
    out: list[str] = []
    for result in report.results:
        if result.status == "error":
            out.append(report.text("ui.file.error", path=result.path, error=result.error))
            out.append("")
            continue
        counts = {s: sum(1 for f in result.findings if f.severity == s)
                  for s in ("error", "warning", "info")}
        out.append(report.text("ui.file.summary", path=result.path, errors=counts["error"],
                               warnings=counts["warning"], infos=counts["info"],
                               subjects=report.subjects_text(result), checks=result.checks,
                               seconds=f"{result.seconds:.2f}"))
        if result.not_checked:
            out.append(report.not_checked_text(result))
        if not result.findings:
            out.append(report.text("ui.file.clean"))
            out.append("")
            continue
        rows = [[report.text(f"ui.{f.severity}"), f.rule, report.where(f.location), f.message,
                 f.reported or "", f.expected or ""] for f in result.findings]
        headers = [report.text(f"ui.col.{c}") for c in
                   ("severity", "rule", "location", "message", "reported", "expected")]
        out.append(tabulate(rows, headers=headers, tablefmt="simple",
                            maxcolwidths=[None, None, 24, _MESSAGE_WIDTH, 16, 16]))
        out.append("")
    if len(report.results) > 1:
        out.append(report.text("ui.total", **report.summary()))
    return "\n".join(out).rstrip() + "\n"
