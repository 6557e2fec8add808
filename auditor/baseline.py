"""Baselines: today's findings recorded, so that a later run reports only new ones.

`audit-rules baseline -o audit-baseline.json reports/` writes one entry per finding;
`audit-rules run --baseline audit-baseline.json reports/` then reports and counts only the
findings the file does not hold, and sums up the known ones in one line. An entry may be
given a `说明` (why the finding stands, the 提示性审核 practice of closing a finding with a
written explanation) and `accepted_by`; recording the baseline again keeps them.

A finding is known by its file and its fingerprint: a hash of the rule, the kind of
finding, the form or table it is about and the figures (reported, expected, the labels of
the figures the recomputation read) — never its
row, cell, line or page, so inserting a row or a paragraph above it does not make it new,
and not its message, so a baseline recorded in Chinese serves a run in English. Identical
fingerprints in one file are counted: two known, three found is one new.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .model import FileResult, Finding

VERSION = 1
REASON = "说明"


class BaselineError(Exception):
    """A baseline file that cannot be used; the message names the file and the problem."""


def fingerprint(finding: Finding) -> str:
    """The finding's identity across runs: what it says, not where it stands."""
    # The labels of the figures the recomputation read (row and column labels, the words
    # before a figure in prose) tell apart two findings of one rule on one form; their
    # places are left out.
    labels = sorted({figure.label for figure in getattr(finding, "figures", ()) if figure.label})
    parts = (finding.rule, finding.kind, finding.subject_kind or "", finding.subject or "",
             finding.reported or "", finding.expected or "", *labels)
    digest = hashlib.sha256("\x1f".join(("v1", *parts)).encode("utf-8")).hexdigest()
    return digest[:32]


def _relative(path: str, folder: Path) -> str:
    """A file's path as the baseline records it: relative to the baseline's folder."""
    resolved = Path(path).resolve()
    try:
        return resolved.relative_to(folder).as_posix()
    except ValueError:
        return Path(os.path.relpath(resolved, folder)).as_posix()


@dataclass
class Entry:
    path: str
    fingerprint: str
    record: dict[str, Any]

    @property
    def reason(self) -> str:
        return str(self.record.get(REASON) or "")


def entry_record(result: FileResult, finding: Finding, folder: Path, where: str) -> dict[str, Any]:
    return {
        "path": _relative(result.path, folder),
        "fingerprint": fingerprint(finding),
        "rule": finding.rule,
        "severity": finding.severity,
        "subject": finding.subject,
        "reported": finding.reported,
        "expected": finding.expected,
        "location": where,  # for a person reading the file; not used to match
        "message": finding.message,
        REASON: "",
        "accepted_by": "",
    }


def write_baseline(target: Path, results: Iterable[FileResult], where=lambda loc: "") -> int:
    """Records the findings of `results` in `target`; keeps the reasons of entries that
    are still found. Returns the number of entries written."""
    folder = target.resolve().parent
    previous: dict[tuple[str, str], list[dict[str, Any]]] = {}
    if target.exists():
        try:
            for entry in read_baseline(target).entries:
                previous.setdefault((entry.path, entry.fingerprint), []).append(entry.record)
        except BaselineError:
            previous = {}  # an unreadable old baseline is replaced, not merged
    records = []
    for result in results:
        for finding in result.findings:
            record = entry_record(result, finding, folder, where(finding.location))
            kept = previous.get((record["path"], record["fingerprint"]))
            if kept:
                old = kept.pop(0)
                record[REASON] = old.get(REASON, "")
                record["accepted_by"] = old.get("accepted_by", "")
            records.append(record)
    document = {"version": VERSION, "tool": "audit-rules", "findings": records}
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, target)
    return len(records)


@dataclass
class Baseline:
    path: Path
    entries: list[Entry]
    # What matching found: known findings by rule, how many known ones carry a reason.
    known: Counter = field(default_factory=Counter)
    with_reason: int = 0
    _left: dict[str, Counter] | None = None
    _reasons: dict[tuple[str, str], list[str]] | None = None

    def _index(self) -> None:
        self._left = {}
        self._reasons = {}
        for entry in self.entries:
            self._left.setdefault(entry.path, Counter())[entry.fingerprint] += 1
            self._reasons.setdefault((entry.path, entry.fingerprint), []).append(entry.reason)

    def apply(self, result: FileResult) -> FileResult:
        """Drops the findings the baseline knows from `result` (in place), counting them."""
        if self._left is None:
            self._index()
        assert self._left is not None and self._reasons is not None
        path = _relative(result.path, self.path.resolve().parent)
        left = self._left.setdefault(path, Counter())
        new = []
        for finding in result.findings:
            key = fingerprint(finding)
            if left[key] > 0:
                left[key] -= 1
                self.known[finding.rule] += 1
                reasons = self._reasons.get((path, key)) or [""]
                if reasons.pop(0):
                    self.with_reason += 1
                continue
            new.append(finding)
        result.findings = new
        return result

    @property
    def known_total(self) -> int:
        return sum(self.known.values())

    def gone(self, audited: Iterable[str]) -> int:
        """Entries of the audited files that no finding matched (fixed since)."""
        if self._left is None:
            return 0
        folder = self.path.resolve().parent
        paths = {_relative(p, folder) for p in audited}
        return sum(n for path, left in self._left.items() if path in paths
                   for n in left.values() if n > 0)

    def summary(self, text, audited: Iterable[str]) -> str:
        """One line: how many known findings were not shown, by rule."""
        rules = "、".join(f"{rule} ×{n}" for rule, n in sorted(self.known.items()))
        return text("ui.baseline.summary", path=self.path, known=self.known_total,
                    rules=rules or "-", reasons=self.with_reason, gone=self.gone(audited))


def read_baseline(path: Path) -> Baseline:
    """A baseline file, or a BaselineError naming it."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: cannot read the baseline ({exc})") from None
    try:
        if path.suffix.lower() in (".yaml", ".yml"):
            import yaml

            data = yaml.safe_load(text)
        else:
            data = json.loads(text)
    except Exception as exc:  # JSON and YAML errors alike: one line naming the file
        raise BaselineError(f"{path}: not a baseline file ({type(exc).__name__}: "
                            f"{str(exc).splitlines()[0] if str(exc) else ''})") from None
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{path}: not a baseline file (no 'findings' list)")
    if data.get("version") != VERSION:
        raise BaselineError(f"{path}: baseline version {data.get('version')!r}; "
                            f"this audit-rules reads version {VERSION}")
    entries = []
    for index, record in enumerate(data["findings"]):
        if not isinstance(record, dict) or not isinstance(record.get("path"), str) \
                or not isinstance(record.get("fingerprint"), str):
            raise BaselineError(f"{path}: entry #{index + 1} has no 'path' and 'fingerprint'")
        entries.append(Entry(record["path"], record["fingerprint"], record))
    return Baseline(path, entries)
