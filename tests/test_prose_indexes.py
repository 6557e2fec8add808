"""The indexes that keep long prose linear answer exactly as the scans they replaced.

Each lookup is run on the real texts (and on a compendium of them) twice: through its
index and through a plain scan of every candidate written here as the reference, and the
answers must be the same objects.
"""

from __future__ import annotations

import pytest

from auditor.readers import read_document
from auditor.recognise.prose import grammar
from auditor.recognise.prose.grammar import _same_subject, labels_match
from conftest import SAMPLES, shared_path

TEXTS = [("seeds", "000_110345ea8efaabfe.txt"), ("seeds", "003_701c19d1405d5246.txt"),
         ("realdocs", "putuo-finance-bureau-2024-final.txt"),
         ("realdocs", "putuo-planning-resources-2024-final.txt")]


def _documents():
    for folder, name in TEXTS:
        yield read_document(str(shared_path(folder, name)))
    yield read_document(str(SAMPLES / "fengtai-2021-final-accounts-report.docx"))


def _scan_find(parser, label, passage, before):
    """`_Parser._find` as it was: every claim of the document, in order."""
    limit = (before.paragraph, before.start) if before is not None else None
    best = found = None
    for order, claim in enumerate(parser.prose.claims):
        if limit is not None and (claim.figure.paragraph, claim.figure.start) >= limit:
            continue
        score = labels_match(label, claim.label)
        if claim.passage is not passage and score < 3 and not _same_subject(label, claim):
            continue
        if score >= 2 and (best is None or (score, order) >= best):
            best, found = (score, order), claim
    return found


def test_find_through_the_index_is_the_scan(monkeypatch):
    indexed = grammar._Parser._find
    asked = []

    def both(self, label, passage, before):
        found = indexed(self, label, passage, before)
        assert found is _scan_find(self, label, passage, before), label
        asked.append(found)
        # Every other label of the document asked the same question, to try the index
        # on wanted labels it was not built around.
        for claim in self.prose.claims[-40:]:
            assert indexed(self, claim.label, passage, before) is \
                _scan_find(self, claim.label, passage, before), claim.label
        return found

    monkeypatch.setattr(grammar._Parser, "_find", both)
    for document in _documents():
        grammar.read_prose(document)
    assert asked and any(found is not None for found in asked)
