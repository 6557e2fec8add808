"""audit-rules: recompute every total, rate and score in a budget disclosure.

    >>> import auditor
    >>> report = auditor.audit(["samples/fengtai-2021-selfeval.xlsx"])
    >>> report.findings[["rule", "severity", "sheet", "cell", "message"]]
    >>> report.findings.groupby("rule")["difference"].describe()
    >>> report.checks.query("verdict == 'skip'")          # checks that could not run

`audit` returns an `AuditReport`: `findings` (one row per finding, with numeric figures and
an ordered severity), `checks` (one row per rule × form or table: passed, failed, not run)
and `files` are pandas DataFrames checked against the pandera schemas in `auditor.schema`;
pandas is imported only when one of them is asked for.
"""

from __future__ import annotations

from typing import Callable, Iterable, Mapping

__all__ = ["audit", "AuditReport"]
__version__ = "0.1.0"


class AuditReport:
    """The results of one audit.

    `results` are the per-file `FileResult`s (findings, evaluations, timings); `summary`
    counts files and findings by severity; `findings`, `checks` and `files` are DataFrames.
    With a baseline, `known` is how many findings it held (and are not in `findings`).
    """

    def __init__(self, report, baseline=None):
        self._report = report
        self._baseline = baseline

    @property
    def results(self):
        """The `auditor.model.FileResult` of each input, in the order given."""
        return self._report.results

    @property
    def summary(self) -> dict[str, int]:
        """{"files": …, "errors": …, "warnings": …, "infos": …}."""
        return self._report.summary()

    @property
    def known(self) -> int:
        """Findings the baseline held, not reported (0 without a baseline)."""
        return self._baseline.known_total if self._baseline is not None else 0

    @property
    def findings(self):
        """One row per finding: where (path, sheet, cell, line, page), which rule and
        severity (ordered categorical info < warning < error), the message, the figures as
        shown (`reported`, `expected`) and as numbers (`reported_value`, `expected_value`,
        `difference` = reported − expected, in `unit`)."""
        from .schema import findings_frame

        return findings_frame(self._report)

    @property
    def checks(self):
        """One row per rule × form or table: `verdict` (pass, fail, skip = could not run
        because a figure it needs is not reported) and the counts `passed`, `failed`,
        `not_run` of its evaluations (an `each` rule runs once per row)."""
        from .schema import checks_frame

        return checks_frame(self._report)

    @property
    def files(self):
        """One row per input: status (ok, error), the read error, format, checks run,
        findings and seconds."""
        from .schema import files_frame

        return files_frame(self._report)

    def to_json(self) -> str:
        """The report as `audit-rules run --format json` writes it."""
        from .report import render

        return render(self._report, "json")


def audit(paths: str | Iterable[str], rules: str | Iterable[str] | None = None,
          lang: str = "zh", jobs: int = 1, *, select: Iterable[str] = (),
          ignore: Iterable[str] = (), severity: Mapping[str, str] | None = None,
          baseline: str | None = None,
          progress: Callable[[int, int, object], None] | None = None) -> AuditReport:
    """Audit files (folders are searched for supported files) and return an `AuditReport`.

    rules: extra rule packs (.yaml files or folders) beside the built-in ones.
    lang: "zh" or "en", the language of messages.
    jobs: worker processes for large batches.
    select, ignore: rule codes or prefixes to report or leave out (`["SE009", "PR0"]`).
    severity: levels to report rules at instead of their own (`{"SE009": "info"}`).
    baseline: a file written by `audit-rules baseline`; its findings are left out.
    progress: called after each file as `progress(done, total, result)`.

    Raises `auditor.checks.pack.RulePackError` for a pack that cannot be used,
    `auditor.selection.SelectionError` for an unknown code and
    `auditor.baseline.BaselineError` for a baseline that cannot be read. A file that
    cannot be read is not an exception: its result has status "error".
    """
    import time
    from pathlib import Path

    from .baseline import read_baseline
    from .batch import audit_paths, expand
    from .checks.pack import load_rulebook
    from .report import Report
    from .selection import Selection

    path_list = [paths] if isinstance(paths, str) else list(paths)
    extra = () if rules is None else ((rules,) if isinstance(rules, str) else tuple(rules))
    book = load_rulebook(extra)
    selection = Selection.parse(select, ignore, dict(severity or {}))
    selection.check_codes(book)
    known = read_baseline(Path(baseline)) if baseline else None
    files = expand(path_list)
    started = time.perf_counter()
    results = []
    for result in audit_paths(files, book, lang, jobs, extra):
        selection.apply(result)
        if known is not None:
            known.apply(result)
        results.append(result)
        if progress is not None:
            progress(len(results), len(files), result)
    report = Report(results, selection.apply_to_book(book), lang, time.perf_counter() - started)
    return AuditReport(report, known)
