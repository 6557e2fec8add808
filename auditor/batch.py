"""Many files in one run: expanding folders, isolating each file, streaming the results.

`audit_paths` yields one `FileResult` per input, in the order of the inputs whatever the
number of workers, as soon as it and all before it are done: a caller that writes each
result out and keeps only counts runs in memory flat in the number of files.
"""

from __future__ import annotations

import contextlib
import gc
import os
import re
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

from .isolation import Budget, internal_error, supervise
from .model import FileResult, Subject

if TYPE_CHECKING:
    from .cache import ResultCache
    from .checks.pack import RuleBook

# Copies written by --annotate-dir: auditing them again would repeat every finding.
ANNOTATED_MARK = ".annotated."
# A folder's own notes (README.md, CHANGELOG.txt) are not disclosures; named on the command
# line they are audited like any text.
_PROJECT_NOTE = re.compile(r"^(?:README|CHANGELOG|CHANGES|LICENSE|CONTRIBUTING)(?:\.[A-Za-z]+)?$",
                           re.IGNORECASE)
# Budgets off: the whole batch in this process, as fast as it goes.
UNLIMITED = Budget(seconds=0, memory_mb=0)


def expand(paths: Iterable[str]) -> list[str]:
    """Files as given; a folder stands for the supported files under it, sorted."""
    from .readers import supported_extensions

    extensions = set(supported_extensions())
    files: list[str] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files.extend(str(p) for p in sorted(path.rglob("*"))
                         if p.is_file() and p.suffix.lower() in extensions
                         and not p.name.startswith("~$")  # Office lock files
                         and ANNOTATED_MARK not in p.name
                         and not _PROJECT_NOTE.match(p.name))
        else:
            files.append(given)
    return files


# What a report needs of a form or table once the rules have run: its kind, name and place,
# and the few labels a data export names it by (year, reporting unit, money unit).
_KEPT_META = ("year", "unit")
_ORGANISATION = ("实施单位", "主管部门")


def _light_subject(subject: Subject) -> Subject:
    meta = {key: subject.meta[key] for key in _KEPT_META
            if isinstance(subject.meta.get(key), (int, str))}
    if "year" not in meta and subject.parent is not None \
            and isinstance(subject.parent.meta.get("year"), int):
        meta["year"] = subject.parent.meta["year"]
    organisation = next((subject.texts[k].text for k in _ORGANISATION
                         if k in subject.texts and subject.texts[k].text.strip()), None)
    if organisation:
        meta["organisation"] = organisation.strip()
    return Subject(subject.kind, subject.name, subject.location, meta=meta)


def light(result: FileResult) -> FileResult:
    """The result without the facts behind it: what crosses from a worker, goes into the
    cache and is kept until the report is written. The same in every executor, so that the
    reports do not depend on `--jobs`."""
    result.subjects = [_light_subject(s) for s in result.subjects]
    return result


class FileAudit:
    """One file's audit as a worker runs it: the rule book, the language, the words for
    failures. A forked worker inherits the loaded book; anywhere else (spawn, a Dask
    worker) it is loaded again from the same packs."""

    def __init__(self, book: RuleBook | None, lang: str, extra_rules: tuple[str, ...] = ()):
        self._book = book
        self.lang = lang
        self.extra_rules = tuple(extra_rules)

    def __getstate__(self) -> dict:
        return {"lang": self.lang, "extra_rules": self.extra_rules}

    def __setstate__(self, state: dict) -> None:
        self._book = None
        self.lang = state["lang"]
        self.extra_rules = state["extra_rules"]

    @property
    def book(self) -> RuleBook:
        if self._book is None:
            from .checks.pack import load_rulebook

            self._book = load_rulebook(self.extra_rules)
        return self._book

    def __call__(self, path: str) -> FileResult:
        from .pipeline import audit_file

        return light(audit_file(path, self.book, self.lang))

    def preload(self, paths: Iterable[str]) -> None:
        """Imports the pipeline and the readers these files need, before workers are forked:
        each worker then starts with them (a budget of seconds is for the file, not for
        importing a PDF library), and so does every worker that replaces one."""
        import importlib

        from . import pipeline  # noqa: F401
        from .readers import READERS

        for name in sorted({READERS.get(Path(p).suffix.lower()) for p in paths} - {None}):
            try:
                importlib.import_module(f".readers.{name}", __package__)
            except ImportError:
                pass  # the reader says so when its file comes

    def say(self, key: str, **values: object) -> str:
        template = self.book.message(key, self.lang) or key
        return template.format(**values) if values else template

    def guarded(self, path: str) -> FileResult:
        """The audit in this process; a bug on one file is that file's error, not the run's."""
        try:
            return self(path)
        except Exception as exc:  # noqa: BLE001
            return internal_error(path, self.say, exc)


def audit_paths(files: list[str], book: RuleBook, lang: str = "zh", jobs: int = 1,
                extra_rules: tuple[str, ...] = (), budget: Budget | None = None,
                cache: ResultCache | None = None, executor=None) -> Iterator[FileResult]:
    """Results in the order of `files`.

    With a budget that is on (the command's default) every file runs in a supervised worker
    process, also at jobs 1; with no budget and jobs 1 everything runs in this process.
    `cache` answers unchanged files without auditing them (a timeout or a lost worker is not
    cached: another run may succeed); `executor` (a callable with the signature of
    `isolation.supervise`) runs the rest elsewhere, e.g. on a Dask cluster.
    """
    with batch_collection():
        yield from _audit_paths(files, book, lang, jobs, extra_rules, budget, cache, executor)


def _audit_paths(files: list[str], book: RuleBook, lang: str, jobs: int,
                 extra_rules: tuple[str, ...], budget: Budget | None, cache: ResultCache | None,
                 executor) -> Iterator[FileResult]:
    budget = budget or UNLIMITED
    job = FileAudit(book, lang, extra_rules)
    done: dict[int, FileResult] = {}
    keys: dict[int, str] = {}
    tasks: list[tuple[int, str]] = []
    for index, path in enumerate(files):
        key = cache.key(path) if cache is not None else None
        hit = cache.load(key) if key is not None else None
        if hit is not None:
            done[index] = hit
            continue
        if key is not None:
            keys[index] = key
        tasks.append((index, path))
    if executor is not None:
        finished: Iterable[tuple[int, FileResult, bool]] = executor(tasks, jobs, job, job.say, budget)
    elif budget.on or jobs > 1:
        job.preload(path for _index, path in tasks)
        finished = supervise(tasks, jobs, job, job.say, budget)
    else:
        finished = ((index, job.guarded(path), False) for index, path in tasks)
    following = 0
    for index, result, lost in finished:
        if cache is not None and index in keys and not lost and not result.internal:
            cache.store(keys.pop(index), result)
        done[index] = result
        while following in done:
            yield done.pop(following)
            following += 1
    while following in done:  # the cache answered the last files
        yield done.pop(following)
        following += 1


# A file's audit makes some ten thousand short-lived objects, nearly all freed by their
# reference counts; at the collector's default threshold (700) the youngest generation is
# walked every few hundred of them, and each older collection walks the rule book, its
# vocabularies and every module loaded. During a batch the youngest generation is walked
# less often, and what stood before the first file (the loaded book) is left out of every
# collection (`gc.freeze`): a forked worker then also leaves its parent's pages unwritten.
_BATCH_THRESHOLD = 20_000


_batches = [0]  # batches running in this process (a server may run several at once)
_batches_lock = threading.Lock()


@contextlib.contextmanager
def batch_collection() -> Iterator[None]:
    """The cycle collector tuned for a batch, and as it was once the last batch is done."""
    with _batches_lock:
        _batches[0] += 1
        if _batches[0] == 1:
            _saved[:] = gc.get_threshold()
            gc.freeze()
            gc.set_threshold(max(_saved[0], _BATCH_THRESHOLD), *_saved[1:])
    try:
        yield
    finally:
        with _batches_lock:
            _batches[0] -= 1
            if _batches[0] == 0:
                gc.set_threshold(*_saved)
                gc.unfreeze()


_saved: list[int] = []


def default_jobs() -> int:
    return max(1, (os.cpu_count() or 1))
