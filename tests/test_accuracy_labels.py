"""The hand labels hold: a finding labelled true is still given, one labelled false is not back.

Runs over every labelled document found (../shared, or the copies in tests/shared); the
accuracy figures themselves are printed by benchmarks/accuracy.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import accuracy  # noqa: E402


def labelled():
    for entry in accuracy.load_labels():
        if entry.get("verdicts"):
            yield pytest.param(entry, id=str(entry["path"]).split("/")[-1])


@pytest.mark.parametrize("entry", list(labelled()))
def test_labelled_findings_hold(entry, book):
    from auditor.pipeline import audit_file
    from auditor.report import Report

    path = accuracy.resolve(str(entry["path"]))
    if path is None:
        pytest.skip(f"{entry['path']} is not here")
    result = audit_file(str(path), book)
    report = Report([result], book, "zh", 0.0)
    given = [(f, accuracy.where_of(f, report)) for f in result.findings]
    for verdict in entry["verdicts"]:
        present = any(accuracy.matches(verdict, f, where) for f, where in given)
        what = f"{verdict['rule']} {verdict['where']} {verdict.get('reported', '')}"
        if verdict["verdict"] is True:
            assert present, f"a true finding disappeared: {what}"
        elif not verdict.get("open"):  # `open`: a false finding not fixed yet, counted as false
            assert not present, f"a false finding came back: {what} ({verdict.get('note', '')})"
        else:
            assert present, f"an open false finding is gone: drop `open` from its label ({what})"


def clean():
    for entry in accuracy.load_labels():
        if entry.get("clean"):
            yield pytest.param(entry, id=str(entry["path"]).split("/")[-1])


@pytest.mark.parametrize("entry", list(clean()))
def test_a_document_labelled_clean_gives_no_finding(entry, book):
    from auditor.pipeline import audit_file

    path = accuracy.resolve(str(entry["path"]))
    if path is None:
        pytest.skip(f"{entry['path']} is not here")
    result = audit_file(str(path), book)
    given = [f"{f.rule} {f.location.describe()} {f.reported or ''}" for f in result.findings
             if f.severity != "info"]
    assert given == [], "a finding on a document labelled clean (false by its label)"
    assert result.checks > 0, "nothing was checked on it"

