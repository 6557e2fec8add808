"""One input file through the stages: read → recognise → rules → a `FileResult`."""

from __future__ import annotations

import time
from dataclasses import dataclass

from .checks.causes import MIN_EXPLAINED, Cause, Failure, find_causes, grouped, summary
from .checks.engine import Engine, RunStats, builtin_finding
from .checks.pack import RuleBook
from .coverage import NotChecked, collecting, counts
from .model import Document, FileResult, Finding, Grid, Location, Subject
from .readers import ReadError, read_document
from .recognise import Recognition, recognise
from .vocabulary import Unread, using


def _order(sheets: dict[str, int]):
    """Findings in reading order: sheet by sheet as in the workbook, then row, column."""
    def key(finding: Finding) -> tuple:
        loc = finding.location
        cell = loc.cell or ""
        letters = "".join(ch for ch in cell if ch.isalpha())
        digits = "".join(ch for ch in cell if ch.isdigit())
        return (sheets.get(loc.sheet or "", -1), loc.page or 0, loc.line or 0, int(digits or 0),
                len(letters), letters, finding.rule)
    return key


def _one_per_slip(findings: list[Finding]) -> list[Finding]:
    """A figure typed in the wrong unit breaks every rule that reads it: say so once."""
    seen: set[tuple] = set()
    kept = []
    for finding in findings:
        if finding.kind == "unit_slip":
            key = (finding.location, finding.reported)
            if key in seen:
                continue
            seen.add(key)
        kept.append(finding)
    return kept


def unread_findings(book: RuleBook, unread: list[Unread], lang: str = "zh") -> list[Finding]:
    """One info finding per table naming the labels whose rows or columns were not read."""
    by_table: dict[str, list[Unread]] = {}
    for entry in unread:
        by_table.setdefault(entry.table, []).append(entry)
    findings = []
    for table, entries in by_table.items():
        quote = "“{}”（{}）" if lang == "zh" else "'{}' ({})"
        labels = ("、" if lang == "zh" else ", ").join(
            quote.format(e.label, e.location.describe() or e.location.sheet or "") for e in entries)
        finding = builtin_finding(book, "unread", entries[0].location, lang, table=table,
                                  count=str(len(entries)), labels=labels)
        if finding:
            finding.subject = table
            finding.related = [e.location for e in entries[1:]]
            findings.append(finding)
    return findings


def _cause_finding(book: RuleBook, cause: Cause, lang: str) -> Finding | None:
    words = dict(cause.detail)
    if cause.kind == "shift":
        words["direction"] = book.message(f"cause.{cause.detail['direction']}", lang)
    text = book.message(f"cause.{cause.kind}", lang).format(**words)
    finding = builtin_finding(book, "one_cause", cause.table.location, lang,
                              table=cause.table.name, count=str(len(cause.explained)),
                              rules=summary(cause, lang), cause=text)
    if finding is not None:
        finding.subject = cause.table.name
        finding.subject_kind = cause.table.kind
    return finding


def one_cause_findings(book: RuleBook, root: Subject, engine: Engine, findings: list[Finding],
                       lang: str = "zh") -> list[Finding]:
    """The findings, a table's failures that one misreading explains grouped under it."""
    if book.builtin("one_cause") is None or len(engine.failures) < MIN_EXPLAINED:
        return findings

    def rerun(subject: Subject) -> tuple[list[Failure], set[tuple[str, str, str]]]:
        again = Engine(book, lang)
        again.run([subject])
        return again.failures, again.held

    kept = {id(f) for f in findings}
    failures = [f for f in engine.failures if id(f.finding) in kept]
    causes = []
    for bundle in root.collections.get("final_accounts", []):
        causes.extend(find_causes(bundle, failures, rerun))
    if not causes:
        return findings
    return grouped(causes, findings, lambda cause: _cause_finding(book, cause, lang))


@dataclass
class Recognised:
    """What the recognisers made of one input, before any rule runs."""

    document: Document
    root: Subject  # the document, its forms and tables in `collections`
    recognition: Recognition
    unread: list[Unread]  # labels outside the vocabulary: their rows or columns were not read
    not_checked: list[NotChecked]  # claims read but left unchecked rather than guessed

    def unclaimed(self) -> list[Grid]:
        """Grids with text that no recogniser took for a known form or table."""
        return [grid for index, grid in enumerate(self.document.grids)
                if index not in self.recognition.claimed
                and any(cell.text.strip() for row in grid.rows for cell in row)]


def _nothing_checked(book: RuleBook, path: str, subjects: list[Subject],
                     lang: str) -> list[Finding]:
    """AR004: a file on which no check ran is not a pass, whatever else it says."""
    from collections import Counter

    def word(key: str) -> str:
        return book.message(key, lang) or key

    kinds = Counter(s.kind for s in subjects)
    if kinds:
        names = "、".join(f"{word('kind.' + kind)} {n}" for kind, n in sorted(kinds.items()))
        reason = word("ui.not_checked.unreported").format(subjects=names)
    else:
        reason = word("ui.not_checked.unrecognised")
    finding = builtin_finding(book, "nothing_checked", Location(path), lang, reason=reason)
    return [finding] if finding else []


def recognise_file(path: str, book: RuleBook) -> Recognised:
    """Reads and recognises one input with the book's vocabulary; raises `ReadError`."""
    with using(book.vocabulary) as unread, collecting() as abstained:
        # Inside the collection: a reader may leave rows it cannot place not checked.
        document = read_document(path)
        root, recognition = recognise(document)
    return Recognised(document, root, recognition, unread, abstained)


def _cause(exc: ReadError) -> str | None:
    """The library error behind a read failure, for `--verbose`."""
    cause = exc.__cause__
    return f"{type(cause).__name__}: {cause}" if cause is not None else None


def audit_file(path: str, book: RuleBook, lang: str = "zh") -> FileResult:
    started = time.perf_counter()
    result = FileResult(path=path)
    try:
        recognised = recognise_file(path, book)
    except ReadError as exc:
        if isinstance(exc.__cause__, MemoryError):  # the memory budget, not the file's fault
            raise exc.__cause__
        result.status = "error"
        result.error = exc.message(book, lang)
        result.detail = getattr(exc, "detail", None) or _cause(exc)
        result.seconds = time.perf_counter() - started
        return result
    document, root, recognition = recognised.document, recognised.root, recognised.recognition
    result.format = document.format
    result.subjects = recognition.subjects
    result.not_checked = counts(recognised.not_checked)
    findings: list[Finding] = []
    for grid in recognised.unclaimed():
        finding = builtin_finding(book, "unrecognised", grid.location, lang, sheet=grid.name,
                                  reason="找不到“项目名称”等表头" if lang == "zh" else "no known headers")
        if finding:
            findings.append(finding)
    for location, note in recognition.notes:
        finding = builtin_finding(book, "unrecognised", location, lang,
                                  sheet=location.sheet or "", reason=note)
        if finding:
            findings.append(finding)
    findings.extend(unread_findings(book, recognised.unread, lang))
    stats = RunStats()
    engine = Engine(book, lang, document.paragraphs)
    checked = _one_per_slip(engine.run([root], stats))
    findings.extend(one_cause_findings(book, root, engine, checked, lang))
    if stats.checks == 0:
        findings.extend(_nothing_checked(book, path, recognition.subjects, lang))
    sheets = {grid.name: index for index, grid in enumerate(document.grids)}
    result.findings = sorted(findings, key=_order(sheets))
    result.checks = stats.checks
    result.evaluations = stats.evaluations
    result.seconds = time.perf_counter() - started
    return result
