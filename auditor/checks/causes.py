"""Many failures, one cause: a table whose identities fail together because of one misreading.

A column read under the wrong header (two columns swapped, every figure one column to the
side) or a table in another unit than it says (元 under `单位：万元`) breaks dozens of
identities at once; listing each would bury the one thing to fix. After the engine has
run, for each table with several failed identities, this module tries the few causes
that could explain them all, each as a change to the figures read:

- two of the table's value columns exchanged;
- every figure one column to the left or right (the header read against the wrong row);
- the whole table in another money unit.

Each change is applied to a copy of the recognised subjects and the rules are run again.
A cause is reported when its change makes at least `MIN_EXPLAINED` of the table's failed
identities hold (not merely unable to run) and makes no identity fail that held before; the failures it explains
are then listed under that one finding (message and `related`), not reported one by
one. A single wrong figure is explained by none of these changes, so it is still
reported on its own cell.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from ..model import Fact, Finding, Location, Subject
from ..numbers import MONEY_UNITS, Quantity

MIN_EXPLAINED = 3  # fewer failures are as likely a wrong figure or two as one misreading


@dataclass(frozen=True)
class Failure:
    """A failed check, named so that the same check can be found in another run."""

    key: tuple[str, str, str]  # rule, subject, member
    finding: Finding


@dataclass(frozen=True)
class Cause:
    table: Subject
    kind: str  # swap | shift | unit
    detail: dict[str, str]
    explained: list[Failure]


# The rules run again on a changed copy: the checks that failed, and the names of those that held.
Rerun = Callable[[Subject], tuple[list[Failure], set[tuple[str, str, str]]]]


# ---------------------------------------------------------------- copies with changed figures


def _copy(subject: Subject, quantities: dict[Location, Quantity | None],
          memo: dict[int, Subject], parent: Subject | None = None) -> Subject:
    """The subject tree again, each figure at a location in `quantities` replaced."""
    if id(subject) in memo:
        return memo[id(subject)]
    facts = {}
    for name, fact in subject.facts.items():
        if fact.location in quantities:
            quantity = quantities[fact.location]
            if quantity is None:
                continue  # no figure belongs here under the change
            fact = Fact(fact.name, quantity, fact.location, fact.label)
        facts[name] = fact
    copy = Subject(subject.kind, subject.name, subject.location, facts, dict(subject.texts),
                   {}, parent, dict(subject.meta))
    memo[id(subject)] = copy
    for name, members in subject.collections.items():
        copy.collections[name] = [_copy(m, quantities, memo, copy) for m in members]
    return copy


def _table_facts(table: Subject) -> Iterable[Fact]:
    for node in table.walk():
        yield from node.facts.values()


def _locations(table: Subject) -> set[Location]:
    return {fact.location for fact in _table_facts(table)}


# ---------------------------------------------------------------- the causes tried


def _rows(table: Subject) -> list[Subject]:
    return list(table.collections.get("栏", [])) + list(table.collections.get("行", []))


def _swaps(table: Subject) -> Iterable[tuple[dict[str, str], dict[Location, Quantity | None]]]:
    columns = table.meta.get("columns") or []
    if len(set(columns)) != len(columns):
        return  # two halves with the same columns (T1, T6): nothing to exchange
    for i, a in enumerate(columns):
        for b in columns[i + 1:]:
            change: dict[Location, Quantity | None] = {}
            for row in _rows(table):
                fa, fb = _cell(row, a), _cell(row, b)
                if fa is not None and fb is not None and fa.location != fb.location:
                    change[fa.location] = fb.quantity  # type: ignore[assignment]
                    change[fb.location] = fa.quantity  # type: ignore[assignment]
            if change:
                yield {"a": a, "b": b}, change


def _shifts(table: Subject) -> Iterable[tuple[dict[str, str], dict[Location, Quantity | None]]]:
    columns = table.meta.get("columns") or []
    if len(set(columns)) != len(columns) or len(columns) < 3:
        return
    for step, direction in ((1, "left"), (-1, "right")):
        change: dict[Location, Quantity | None] = {}
        for row in _rows(table):
            for i, name in enumerate(columns):
                here = _cell(row, name)
                if here is None:
                    continue
                j = i + step
                there = _cell(row, columns[j]) if 0 <= j < len(columns) else None
                change[here.location] = there.quantity if there is not None else None  # type: ignore[assignment]
        if change:
            yield {"direction": direction}, change


def _cell(row: Subject, column: str) -> Fact | None:
    """A row's figure in a column (a 三公 side's items are its columns: 预算数.合计 → 合计)."""
    if row.kind == "fa_side":
        side, _, item = column.partition(".")
        return row.facts.get(item) if side == row.name else None
    fact = row.facts.get(column)
    return fact if fact is not None and isinstance(fact.quantity, Quantity) else None


def _units(table: Subject) -> Iterable[tuple[dict[str, str], dict[Location, Quantity | None]]]:
    stated = table.meta.get("unit")
    if stated not in MONEY_UNITS:
        return
    amounts = [f for f in _table_facts(table)
               if isinstance(f.quantity, Quantity) and f.quantity.kind == "amount"]
    for unit in MONEY_UNITS:
        if unit == stated:
            continue
        change: dict[Location, Quantity | None] = {
            f.location: f.quantity.with_unit(unit) for f in amounts}  # type: ignore[union-attr]
        if change:
            yield {"stated": stated, "unit": unit}, change


# On a tie the first wins: a unit changes no figure's place, a shift moves all of them
# alike, a swap only two columns (and leaves a shifted table's blank column unexplained).
_CAUSES = (("unit", _units), ("shift", _shifts), ("swap", _swaps))


# ---------------------------------------------------------------- finding the cause


def _touches(failure: Failure, cells: set[Location]) -> bool:
    finding = failure.finding
    return finding.location in cells or any(loc in cells for loc in finding.related)


def _tables(root: Subject) -> list[Subject]:
    """The tables under `root` (a 决算/预算 table carries its slot, T1 … T9)."""
    return [node for node in root.walk() if node.meta.get("slot")]


def find_causes(root: Subject, failures: list[Failure], rerun: Rerun) -> list[Cause]:
    """For each table with several failures, the one change that explains them, if any."""
    before = {f.key for f in failures}
    causes: list[Cause] = []
    claimed: set[tuple[str, str, str]] = set()
    for table in _tables(root):
        cells = _locations(table)
        own = [f for f in failures if f.key not in claimed and _touches(f, cells)]
        if len(own) < MIN_EXPLAINED:
            continue
        best: Cause | None = None
        for kind, changes in _CAUSES:
            for detail, change in changes(table):
                failed, held = rerun(_copy(root, change, {}))
                if {f.key for f in failed} - before:
                    continue  # the change breaks something that held: not the cause
                # Explained: the check holds after the change (not merely cannot run).
                explained = [f for f in own if f.key in held]
                if len(explained) >= MIN_EXPLAINED and (
                        best is None or len(explained) > len(best.explained)):
                    best = Cause(table, kind, detail, explained)
        if best is not None:
            causes.append(best)
            claimed |= {f.key for f in best.explained}
    return causes


def grouped(causes: list[Cause], findings: list[Finding],
            finding_for: Callable[[Cause], Finding | None]) -> list[Finding]:
    """The findings with each cause's explained failures replaced by the cause's finding."""
    absorbed = {id(f.finding) for cause in causes for f in cause.explained}
    kept = [f for f in findings if id(f) not in absorbed]
    for cause in causes:
        finding = finding_for(cause)
        if finding is not None:
            finding.related = [f.finding.location for f in cause.explained]
            kept.append(finding)
        else:
            kept.extend(f.finding for f in cause.explained)
    return kept


def summary(cause: Cause, lang: str = "zh") -> str:
    """The failed identities a cause explains: `FA021 ×8、FA001 ×4`."""
    counts: dict[str, int] = {}
    for failure in cause.explained:
        counts[failure.finding.rule] = counts.get(failure.finding.rule, 0) + 1
    joiner = "、" if lang == "zh" else ", "
    return joiner.join(f"{rule} ×{n}" for rule, n in sorted(counts.items()))
