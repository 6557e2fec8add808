"""Reporters: the same findings, written for a person, a program or a CI system.

Every reporter reads a `Report` and returns text; words around the findings come from the
rule packs' `messages` (key `ui.*`), so a reporter holds no user-facing strings itself.
"""

from __future__ import annotations

import importlib
from collections import Counter
from dataclasses import dataclass, field

from ..checks.pack import RuleBook
from ..model import FileResult

FORMATS = {"table": "table", "json": "jsonout"}


@dataclass
class Report:
    results: list[FileResult]
    book: RuleBook
    lang: str = "zh"
    seconds: float = 0.0
    _counts: Counter | None = field(default=None, repr=False)

    def counts(self) -> Counter:
        if self._counts is None:
            self._counts = Counter(f.severity for r in self.results for f in r.findings)
        return self._counts

    def summary(self) -> dict[str, int]:
        counts = self.counts()
        return {"files": len(self.results), "errors": counts["error"],
                "warnings": counts["warning"], "infos": counts["info"]}

    def text(self, key: str, **values: object) -> str:
        template = self.book.message(key, self.lang) or key
        return template.format(**values) if values else template

    def subjects_text(self, result: FileResult) -> str:
        kinds = Counter(s.kind for s in result.subjects)
        if not kinds:
            return self.text("ui.subjects.none")
        return "、".join(f"{self.text('kind.' + kind)} {n}" for kind, n in sorted(kinds.items()))


def render(report: Report, fmt: str) -> str:
    module = importlib.import_module(f".{FORMATS[fmt]}", __name__)
    return module.render(report)
