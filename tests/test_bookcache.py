"""The built rule book is kept in the user's cache, keyed on the packs, and never trusted
when it is stale, damaged or from another version."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

import auditor
from auditor.checks import bookcache
from auditor.checks.pack import RuleBook, load_rulebook
from auditor.pipeline import audit_file

SAMPLE = str(Path(__file__).resolve().parents[1] / "samples" / "planted-errors-selfeval.xlsx")


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("AUDIT_RULES_CACHE_DIR", str(folder))
    bookcache._memo.clear()
    yield folder
    bookcache._memo.clear()


def cached_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("rulebook-*.pickle"))


def summary(book: RuleBook) -> list:
    return [(r.id, r.severity, r.check.source if r.check else None,
             r.when.source if r.when else None, r.message) for r in book.rules]


def findings(book: RuleBook) -> list:
    return [(f.rule, f.location, f.message, f.reported, f.expected)
            for f in audit_file(SAMPLE, book).findings]


def test_a_book_read_back_is_the_book_built(cache):
    built = load_rulebook()
    assert len(cached_files(cache)) == 1
    bookcache._memo.clear()
    read_back = load_rulebook()
    assert summary(read_back) == summary(built)
    assert read_back.messages == built.messages
    assert findings(read_back) == findings(built) != []


@pytest.mark.parametrize("damage", [b"", b"garbage", b"\x80\x05\x95 truncated",
                                    pickle.dumps(("other key", RuleBook())),
                                    pickle.dumps(["not", "a", "book"]),
                                    pickle.dumps(42)])
def test_a_damaged_cache_file_is_ignored_and_written_again(cache, damage):
    built = load_rulebook()
    (stored,) = cached_files(cache)
    stored.write_bytes(damage)
    bookcache._memo.clear()
    again = load_rulebook()
    assert summary(again) == summary(built)
    key, book = pickle.loads(stored.read_bytes())
    assert isinstance(book, RuleBook) and key.startswith(stored.stem.split("-")[1])


def test_another_version_or_an_edited_pack_is_another_book(cache, tmp_path, monkeypatch):
    load_rulebook()
    pack = tmp_path / "mine.yaml"
    pack.write_text("pack: mine\napplies_to: selfeval_form\nrules:\n  - id: MY001\n"
                    "    title: t\n    severity: warning\n    check: 执行率 >= 60%\n",
                    encoding="utf-8")
    assert load_rulebook([str(pack)]).by_id("MY001").severity == "warning"
    pack.write_text(pack.read_text(encoding="utf-8").replace("warning", "error"), encoding="utf-8")
    assert load_rulebook([str(pack)]).by_id("MY001").severity == "error"
    assert len(cached_files(cache)) == 3
    monkeypatch.setattr(auditor, "__version__", "99.0")
    bookcache._memo.clear()
    load_rulebook()
    assert len(cached_files(cache)) == 4


def test_a_changed_book_does_not_change_the_next(cache):
    first = load_rulebook()
    first.rules[0].severity = "info"
    first.rules.clear()
    first.messages.clear()
    second = load_rulebook()
    assert second.rules and second.rules[0].severity != "info" and second.messages


def test_no_cache_folder_when_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv("AUDIT_RULES_CACHE_DIR", "off")
    monkeypatch.chdir(tmp_path)
    bookcache._memo.clear()
    assert load_rulebook().rules
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_cache_folder_is_no_failure(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("AUDIT_RULES_CACHE_DIR", str(blocked / "cache"))
    bookcache._memo.clear()
    assert load_rulebook().rules


def test_processes_starting_together_share_one_cache(cache):
    code = "from auditor.checks.pack import load_rulebook; print(len(load_rulebook().rules))"
    env = {**os.environ, "AUDIT_RULES_CACHE_DIR": str(cache)}
    processes = [subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True, env=env) for _ in range(4)]
    outputs = [p.communicate(timeout=120) for p in processes]
    assert all(p.returncode == 0 for p in processes), outputs
    counts = {out.strip() for out, _ in outputs}
    assert len(counts) == 1 and int(counts.pop()) == len(load_rulebook().rules)
    assert len(cached_files(cache)) == 1
    assert not list(cache.glob(".rulebook-*"))  # no temporary file left behind
    key, book = pickle.loads(cached_files(cache)[0].read_bytes())
    assert isinstance(book, RuleBook)


def test_the_cache_keeps_a_bounded_number_of_books(cache, tmp_path):
    for i in range(bookcache._KEEP + 4):
        pack = tmp_path / f"p{i}.yaml"
        pack.write_text(f"pack: p{i}\nrules: []\n", encoding="utf-8")
        load_rulebook([str(pack)])
    assert len(cached_files(cache)) <= bookcache._KEEP
