"""What a recogniser saw and would not check: claims left "not checked" rather than guessed.

A share whose base two sentences could answer, a rate whose operands are not in its clause,
a list whose members do not add up: checking any of them would mean guessing, and a guess
that is wrong becomes a false finding. They are counted instead, so that a file's coverage
shows what was read but not checked, and why.

Recognisers call `not_checked(what, reason, location)`; the pipeline collects the entries
of one file with `collecting()`. Outside a collection the calls do nothing, so recognisers
and tests can run alone.
"""

from __future__ import annotations

import contextvars
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

from .model import Location

# The reasons, as keys of the message catalogue (`coverage.<reason>` in rules/core.yaml).
REASONS = ("share_base", "rate_operands", "comparison_operands", "not_additive",
           "table_claim", "table_row_ambiguous", "list_parent")


@dataclass(frozen=True)
class NotChecked:
    what: str  # the claim as written: its label or wording
    reason: str  # one of REASONS
    location: Location


_COLLECTED: contextvars.ContextVar[list[NotChecked] | None] = contextvars.ContextVar(
    "not_checked", default=None)


def not_checked(what: str, reason: str, location: Location) -> None:
    """Record a claim that was read but is not checked, and why."""
    assert reason in REASONS, reason
    collected = _COLLECTED.get()
    if collected is not None:
        collected.append(NotChecked(what, reason, location))


@contextmanager
def collecting() -> Iterator[list[NotChecked]]:
    collected: list[NotChecked] = []
    token = _COLLECTED.set(collected)
    try:
        yield collected
    finally:
        _COLLECTED.reset(token)


def counts(entries: list[NotChecked]) -> dict[str, int]:
    """Entries per reason, in the order of REASONS, leaving out reasons with none."""
    tally = Counter(entry.reason for entry in entries)
    return {reason: tally[reason] for reason in REASONS if tally[reason]}
