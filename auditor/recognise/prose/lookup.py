"""The claims read so far, indexed by the words of their labels.

Finding "the latest value whose label names X" by scanning every claim of the document
costs a scan per question, and long documents ask many: the cost grew with the square of
their length. The indexes here give, for a wanted label, every claim that *could* answer
— a superset of those the caller's own test accepts, never fewer — so the caller keeps its
test and its order, and only asks it of the few. Nothing is widened or narrowed.

A claim can answer a wanted label `a` (both reduced by `key`, i.e. `comparable`) when
- it stands in the same passage (any label: the caller scores it), or
- its label `b` equals `a`, or starts with it (which needs `a` of three characters or more:
  `labels_match` scores a shorter prefix below 3), or
- the first value of its sentence has a label sharing its first four characters with `a`
  (`_same_subject`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

PREFIX = 3  # the shortest wanted label `labels_match` scores 3 as a prefix
# Labels are indexed by prefixes of these lengths; a wanted label is looked up by the
# longest it has, so that a common opening (一般公共…) does not return half the document.
PREFIXES = (PREFIX, 6, 10)
SUBJECT = 4  # characters `_same_subject` wants the sentence's first label to share


class ClaimLookup:
    """Incremental indexes over a growing list of claims (`Prose.claims`)."""

    def __init__(self, claims: list[Any], key: Callable[[str], str]):
        self.claims = claims
        self.key = key
        self.indexed = 0
        self.by_passage: dict[int, list[int]] = {}
        self.by_label: dict[str, list[int]] = {}
        self.by_prefix: dict[tuple[int, str], list[int]] = {}
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
                for length in PREFIXES:
                    if len(label) >= length:
                        self.by_prefix.setdefault((length, label[:length]), []).append(order)
            if claim.passage is not None:
                head = self.key(self._head(claim).label)
                if len(head) >= SUBJECT:
                    self.by_subject.setdefault(head[:SUBJECT], []).append(order)
        self.indexed = len(self.claims)

    def candidates(self, wanted: str, passage: Any) -> Iterator[tuple[int, Any]]:
        """(order, claim) of every claim that may name `wanted`, in reading order."""
        self._update()
        a = self.key(wanted)
        orders = set(self.by_passage.get(id(passage), ()))
        if len(a) >= PREFIX:
            length = max(n for n in PREFIXES if n <= len(a))
            orders.update(self.by_prefix.get((length, a[:length]), ()))
        elif a:
            orders.update(self.by_label.get(a, ()))
        if len(a) >= SUBJECT:
            orders.update(self.by_subject.get(a[:SUBJECT], ()))
        for order in sorted(orders):
            yield order, self.claims[order]
