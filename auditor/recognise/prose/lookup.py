"""The claims read so far, indexed by the words of their labels.

Finding "the latest value whose label names X" by scanning every claim of the document
costs a scan per question, and long documents ask many: the cost grew with the square of
their length. The indexes here give, for a wanted label, every claim that *could* answer
— a superset of those the caller's own test accepts, never fewer — so the caller keeps its
test and its order, and only asks it of the few. Nothing is widened or narrowed.

With `a` the wanted label and `b` a claim's label, both reduced by `key` (`comparable`,
as `labels_match` reduces them), `labels_match` scores
- 4 or 3 only when `b` equals `a`, or starts with it and `a` has three characters or more
  (`named`);
- 2 only when one ends with the other, the shorter having three characters or more
  (`named(..., endings=True)`).
`_same_subject` holds only when the first value of the claim's sentence has a label
sharing its first four characters with `a` (`same_subject`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

SHORTEST = 3  # the shortest label `labels_match` scores above 1 as a prefix or an ending
# Labels are indexed by their openings and endings of these lengths; a wanted label is
# looked up by the longest it has, so that a common opening (一般公共…) or ending (…支出)
# does not return half the document.
LENGTHS = (SHORTEST, 6, 10)
SUBJECT = 4  # characters `_same_subject` wants the sentence's first label to share


class ClaimLookup:
    """Incremental indexes over a growing list of claims (`Prose.claims`)."""

    def __init__(self, claims: list[Any], key: Callable[[str], str]):
        self.claims = claims
        self.key = key
        self.indexed = 0
        self.by_passage: dict[int, list[int]] = {}
        self.by_label: dict[str, list[int]] = {}
        self.by_opening: dict[tuple[int, str], list[int]] = {}
        self.by_ending: dict[tuple[int, str], list[int]] = {}
        self.by_subject: dict[str, list[int]] = {}
        # Per passage: how many of its claims were seen, and each sentence's first one.
        self.seen: dict[int, int] = {}
        self.heads: dict[tuple[int, int], Any] = {}

    def _head(self, claim: Any) -> Any:
        """The first value of the claim's sentence among its passage's claims (or itself),
        as `_same_subject` takes it. A passage's claims are only ever appended to, so the
        first of a sentence stays the first."""
        passage = claim.passage
        own = passage.claims
        for other in own[self.seen.get(id(passage), 0):]:
            self.heads.setdefault((id(passage), other.sentence), other)
        self.seen[id(passage)] = len(own)
        return self.heads.get((id(passage), claim.sentence), claim)

    def _update(self) -> None:
        for order in range(self.indexed, len(self.claims)):
            claim = self.claims[order]
            self.by_passage.setdefault(id(claim.passage), []).append(order)
            label = self.key(claim.label)
            if label:
                self.by_label.setdefault(label, []).append(order)
                for length in LENGTHS:
                    if len(label) >= length:
                        self.by_opening.setdefault((length, label[:length]), []).append(order)
                        self.by_ending.setdefault((length, label[-length:]), []).append(order)
            if claim.passage is not None:
                head = self.key(self._head(claim).label)
                if len(head) >= SUBJECT:
                    self.by_subject.setdefault(head[:SUBJECT], []).append(order)
        self.indexed = len(self.claims)

    def in_passage(self, passage: Any) -> list[int]:
        self._update()
        return self.by_passage.get(id(passage), [])

    def named(self, wanted: str, endings: bool = False) -> set[int]:
        """Claims `labels_match` may score 3 or more for `wanted` (2 or more: `endings`)."""
        self._update()
        a = self.key(wanted)
        found: set[int] = set()
        if len(a) < SHORTEST:
            found.update(self.by_label.get(a, ()) if a else ())
            return found
        length = max(n for n in LENGTHS if n <= len(a))
        found.update(self.by_opening.get((length, a[:length]), ()))
        if endings:
            found.update(self.by_ending.get((length, a[-length:]), ()))  # b ends with a
            for start in range(len(a) - SHORTEST + 1):  # a ends with b
                found.update(self.by_label.get(a[start:], ()))
        return found

    def same_subject(self, wanted: str) -> list[int]:
        """Claims whose sentence `_same_subject` may find about `wanted`."""
        self._update()
        a = self.key(wanted)
        return self.by_subject.get(a[:SUBJECT], []) if len(a) >= SUBJECT else []

    def candidates(self, wanted: str, passage: Any) -> list[tuple[int, Any]]:
        """(order, claim) of every claim `_find` may take for `wanted`, in reading order:
        those of the passage, those named by its words, those of a sentence about it."""
        orders = self.named(wanted)
        orders.update(self.in_passage(passage))
        orders.update(self.same_subject(wanted))
        return [(order, self.claims[order]) for order in sorted(orders)]
