"""audit-rules: recompute every total, rate and score in a budget disclosure.

    >>> import auditor
    >>> report = auditor.audit(["samples/fengtai-2021-selfeval.xlsx"])
    >>> report.findings[["rule", "severity", "sheet", "cell", "message"]]

`audit` returns an `AuditReport` whose `findings` is a pandas DataFrame checked against
`auditor.schema.FINDINGS` (pandera); pandas is imported only when it is asked for.
"""

from __future__ import annotations

from typing import Iterable

__all__ = ["audit", "AuditReport"]
__version__ = "0.1.0"


class AuditReport:
    """Results of one audit: per-file results, findings as a DataFrame, a summary."""

    def __init__(self, report):
        self._report = report

    @property
    def results(self):
        return self._report.results

    @property
    def summary(self) -> dict[str, int]:
        return self._report.summary()

    @property
    def findings(self):
        from .schema import findings_frame

        return findings_frame(self._report)

    @property
    def files(self):
        from .schema import files_frame

        return files_frame(self._report)

    def to_json(self) -> str:
        from .report import render

        return render(self._report, "json")


def audit(paths: str | Iterable[str], rules: str | Iterable[str] | None = None,
          lang: str = "zh", jobs: int = 1) -> AuditReport:
    """Audit files (folders are searched); `rules` adds rule packs to the built-in ones."""
    import time

    from .batch import audit_paths, expand
    from .checks.pack import load_rulebook
    from .report import Report

    path_list = [paths] if isinstance(paths, str) else list(paths)
    extra = () if rules is None else ((rules,) if isinstance(rules, str) else tuple(rules))
    book = load_rulebook(extra)
    started = time.perf_counter()
    results = list(audit_paths(expand(path_list), book, lang, jobs, extra))
    return AuditReport(Report(results, book, lang, time.perf_counter() - started))
