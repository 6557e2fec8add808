"""What the recognisers produce is what the vocabulary declares: no fact, kind or collection
appears on a real document that the rule packs could not name (a label fragment guessed into a
fact would show up here as an undeclared name)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SAMPLES, SHARED

DOCUMENTS = sorted(
    [p for p in SAMPLES.iterdir() if p.suffix in (".xlsx", ".docx", ".pdf", ".txt")]
    + [p for folder in ("seeds", "realdocs", "realdocs2") if (SHARED / folder).is_dir()
       for p in sorted((SHARED / folder).iterdir()) if p.suffix in (".pdf", ".txt")])


def undeclared(path: Path, book) -> list[str]:
    from auditor.pipeline import recognise_file

    vocabulary = book.vocabulary
    problems = []
    for subject in recognise_file(str(path), book).root.walk():
        if subject.kind not in vocabulary.subjects:
            problems.append(f"kind {subject.kind}")
            continue
        for name in [*subject.facts, *subject.texts]:
            if vocabulary.type_of(subject.kind, name) is None:
                problems.append(f"{subject.kind}.{name}")
        for name in subject.collections:
            if vocabulary.collection(subject.kind, name) is None:
                problems.append(f"{subject.kind} collection {name}")
    return sorted(set(problems))


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_every_recognised_name_is_declared(path, book):
    assert undeclared(path, book) == []
