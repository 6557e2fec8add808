"""Reporters: the same findings, written for a person, a program or a CI system.

Every reporter reads a `Report` and returns text; words around the findings come from the
rule packs' `messages` (key `ui.*`), so a reporter holds no user-facing strings itself.
"""

from __future__ import annotations

import importlib
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the pack loader pulls in the recognisers, the model Decimal and the
    # interval arithmetic: none of it is needed for --version
    from ..checks.pack import RuleBook
    from ..model import FileResult, Finding

FORMATS = {"table": "table", "json": "jsonout", "html": "html", "sarif": "sarif",
           "junit": "junit", "csv": "csvout"}
# Formats that are not text: written to a file (`--output`) only.
BINARY_FORMATS = {"parquet": "parquetout"}
# A finding's severity, most serious first.
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass
class Report:
    results: list[FileResult]
    book: RuleBook
    lang: str = "zh"
    seconds: float = 0.0
    # Severities that fail the run (`--fail-on`): CI formats report these as failures.
    failing: tuple[str, ...] = ("error",)
    # Options of one format or another (`sarif_root`, the `baseline` in force).
    options: dict = field(default_factory=dict)
    # The table goes to an interactive terminal: fitted to its width and coloured.
    terminal: bool = False
    # Per-file timings in data formats (`--timings`): off, so that the same inputs give the
    # same bytes.
    timings: bool = False
    _counts: Counter | None = field(default=None, repr=False)

    def counts(self) -> Counter:
        if self._counts is None and hasattr(self.results, "counts"):  # a spool counted them
            self._counts = self.results.counts
        if self._counts is None:
            self._counts = Counter(f.severity for r in self.results for f in r.findings)
        return self._counts

    def summary(self) -> dict[str, int]:
        counts = self.counts()
        return {"files": len(self.results), "errors": counts["error"],
                "warnings": counts["warning"], "infos": counts["info"],
                "unreadable": self.unreadable()}

    def unreadable(self) -> int:
        """Inputs that could not be audited (status error): these fail the run too."""
        counted = getattr(self.results, "unreadable", None)
        if counted is not None:
            return counted
        return sum(1 for r in self.results if r.status == "error")

    def text(self, key: str, **values: object) -> str:
        template = self.book.message(key, self.lang) or key
        return template.format(**values) if values else template

    def where(self, location) -> str:
        """A location in the report's language: `表1!H19`, `第3页 第20行` / `page 3 line 20`."""
        return location.describe(self.text("ui.loc.page"), self.text("ui.loc.line"))

    def severity(self, severity: str) -> str:
        return self.text(f"ui.{severity}")

    def kind_name(self, kind: str | None) -> str:
        """A form or table kind in words (`kind.selfeval_form` → 项目支出绩效自评表)."""
        if not kind:
            return ""
        words = self.book.message(f"kind.{kind}", self.lang)
        return words or kind

    def rule_title(self, rule_id: str) -> str:
        rule = self.book.by_id(rule_id)
        return rule.text("title", self.lang) if rule else rule_id

    def subjects_text(self, result: FileResult) -> str:
        kinds = Counter(s.kind for s in result.subjects)
        if not kinds:
            return self.text("ui.subjects.none")
        return "、".join(f"{self.text('kind.' + kind)} {n}" for kind, n in sorted(kinds.items()))

    def not_checked_text(self, result: FileResult) -> str:
        """One line: how many claims were read but left unchecked, and why."""
        separator = "、" if self.lang == "zh" else ", "
        reasons = separator.join(f"{self.text('coverage.' + reason)} {n}"
                                 for reason, n in result.not_checked.items())
        return self.text("ui.file.not_checked", count=sum(result.not_checked.values()),
                         reasons=reasons)


def _cell_position(cell: str | None) -> tuple[int, int]:
    """`H19` → (19, 8): rows first, so a sheet reads top to bottom."""
    letters = "".join(ch for ch in (cell or "") if ch.isalpha()).upper()
    digits = "".join(ch for ch in (cell or "") if ch.isdigit())
    column = 0
    for ch in letters:
        column = column * 26 + ord(ch) - 64
    return int(digits or 0), column


def by_severity(findings: list[Finding]) -> list[Finding]:
    """Errors first, then warnings, then notes; within each, in the document's order (page,
    sheet as first met, row, column, line)."""
    sheets: dict[str | None, int] = {}
    for finding in findings:
        sheets.setdefault(finding.location.sheet, len(sheets))

    def key(finding: Finding):
        loc = finding.location
        return (SEVERITY_ORDER.get(finding.severity, 9), loc.page or 0, sheets[loc.sheet],
                *_cell_position(loc.cell), loc.line or 0)

    return sorted(findings, key=key)


def render(report: Report, fmt: str) -> str:
    module = importlib.import_module(f".{FORMATS[fmt]}", __name__)
    return module.render(report)


@dataclass
class Checked:
    """One rule on one form or table: how many of its evaluations passed, failed, were skipped."""

    rule: str
    subject: str
    subject_kind: str
    verdicts: Counter = field(default_factory=Counter)

    @property
    def verdict(self) -> str:
        """fail if any evaluation failed, else pass if any ran, else skip."""
        if self.verdicts["fail"]:
            return "fail"
        return "pass" if self.verdicts["pass"] else "skip"


def checked(result: FileResult) -> list[Checked]:
    """The file's evaluations gathered per rule × form/table, in the order they ran."""
    out: dict[tuple[str, str, str], Checked] = {}
    for evaluation in result.evaluations:
        key = (evaluation.rule, evaluation.subject, evaluation.subject_kind)
        if key not in out:
            out[key] = Checked(*key)
        out[key].verdicts[evaluation.verdict] += 1
    return list(out.values())
