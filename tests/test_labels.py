"""The hand labels the accuracy benchmark reads are well formed (benchmarks/accuracy.py)."""

from __future__ import annotations

from pathlib import Path

import yaml

LABELS = Path(__file__).resolve().parent / "labels"


def documents():
    for file in sorted(LABELS.glob("*.yaml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        for entry in data["documents"]:
            yield file.name, entry


def test_there_are_development_and_held_out_labels():
    splits = {entry["split"] for _, entry in documents()}
    assert splits == {"dev", "holdout"}


def test_every_entry_is_well_formed():
    seen_paths = set()
    for source, entry in documents():
        where = f"{source}: {entry.get('path')}"
        assert entry["path"] not in seen_paths, f"{where}: labelled twice"
        seen_paths.add(entry["path"])
        ids = [str(i["id"]) for i in entry.get("inconsistencies") or []]
        if entry.get("clean"):
            assert not ids and not entry.get("verdicts"), f"{where}: clean, yet labelled"
            assert entry.get("checked_by_hand"), f"{where}: clean needs what was recomputed"

        assert len(ids) == len(set(ids)), f"{where}: an inconsistency id is used twice"
        for item in entry.get("inconsistencies") or []:
            assert item.get("what"), f"{where}: {item['id']} says nothing"
        for verdict in entry.get("verdicts") or []:
            assert verdict["verdict"] in (True, False), f"{where}: {verdict}"
            assert verdict.get("rule") and "where" in verdict, f"{where}: {verdict}"
            if verdict.get("finds"):
                assert verdict["verdict"] is True, f"{where}: a false finding finds nothing"
                assert str(verdict["finds"]) in ids, f"{where}: finds unknown {verdict['finds']}"
