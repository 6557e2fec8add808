"""Which findings a run reports: `--select`, `--ignore` and `--severity CODE=LEVEL`.

Codes are rule ids or their prefixes (`SE009`, `PR0`, `FA`). A rule is reported when the
longest `select` prefix it matches is longer than the longest `ignore` prefix it matches
(no `select` selects everything), so `select = ["SE"]` with `ignore = ["SE009"]` drops
SE009 only, and `ignore = ["SE"]` with `select = ["SE001"]` keeps SE001 only. A severity
override applies through the longest matching code, and changes the exit status with it.

Selection is applied to each file's result after the rules ran: what a worker process, a
cache or another executor produced is selected the same way.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable

from .model import SEVERITIES, FileResult

if TYPE_CHECKING:
    from .checks.pack import RuleBook


class SelectionError(ValueError):
    """A code or a severity that cannot be used; the message names it."""


def _code(text: str) -> str:
    code = text.strip().upper()
    if not code or any(ch.isspace() for ch in code):
        raise SelectionError(f"{text!r} is not a rule code")
    return code


def parse_codes(values: Iterable[str]) -> tuple[str, ...]:
    """`["SE,PR0", "FA"]` → ("SE", "PR0", "FA")."""
    return tuple(_code(part) for value in values for part in str(value).split(",")
                 if part.strip())


def parse_severity(values: Iterable[str]) -> dict[str, str]:
    """`["SE009=info", "PR0=warning"]` → {"SE009": "info", "PR0": "warning"}."""
    out: dict[str, str] = {}
    for value in values:
        for part in str(value).split(","):
            if not part.strip():
                continue
            code, sep, level = part.partition("=")
            level = level.strip().lower()
            if not sep or level not in SEVERITIES:
                raise SelectionError(f"{part.strip()!r}: expected CODE=LEVEL with LEVEL one of "
                                     f"{', '.join(SEVERITIES)}")
            out[_code(code)] = level
    return out


def _longest(rule_id: str, codes: Iterable[str]) -> int:
    return max((len(c) for c in codes if rule_id.upper().startswith(c)), default=-1)


@dataclass(frozen=True)
class Selection:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, select: Iterable[str] = (), ignore: Iterable[str] = (),
              severity: Iterable[str] | dict[str, str] = ()) -> Selection:
        if isinstance(severity, dict):
            severity = [f"{k}={v}" for k, v in severity.items()]
        return cls(parse_codes(select), parse_codes(ignore), parse_severity(severity))

    @property
    def active(self) -> bool:
        return bool(self.select or self.ignore or self.severity)

    def keeps(self, rule_id: str) -> bool:
        chosen = _longest(rule_id, self.select) if self.select else 0
        return chosen >= 0 and chosen > _longest(rule_id, self.ignore)

    def severity_of(self, rule_id: str, severity: str) -> str:
        best = max((c for c in self.severity if rule_id.upper().startswith(c)), key=len,
                   default=None)
        return self.severity[best] if best is not None else severity

    def check_codes(self, book: RuleBook) -> None:
        """Refuses a code no rule has (a typo would otherwise select nothing, silently)."""
        ids = [rule.id.upper() for rule in book.rules]
        for option, codes in (("--select", self.select), ("--ignore", self.ignore),
                              ("--severity", tuple(self.severity))):
            for code in codes:
                if not any(rule_id.startswith(code) for rule_id in ids):
                    raise SelectionError(f"{option} {code}: no rule has this code or prefix")

    def apply_to_book(self, book: RuleBook) -> RuleBook:
        """The book with the overridden severities, for reporters that describe the rules."""
        if not self.severity:
            return book
        rules = [dataclasses.replace(r, severity=self.severity_of(r.id, r.severity))
                 for r in book.rules]
        return dataclasses.replace(book, rules=rules)

    def apply(self, result: FileResult) -> FileResult:
        """The file's findings and evaluations as this selection reports them (in place)."""
        if not self.active:
            return result
        kept = []
        for finding in result.findings:
            if not self.keeps(finding.rule):
                continue
            finding.severity = self.severity_of(finding.rule, finding.severity)
            kept.append(finding)
        result.findings = kept
        if self.select or self.ignore:
            result.evaluations = [e for e in result.evaluations if self.keeps(e.rule)]
            result.checks = sum(1 for e in result.evaluations if e.verdict != "skip")
        return result
