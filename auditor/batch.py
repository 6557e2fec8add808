"""Many files in one run: expanding folders, and spreading files over processes."""

from __future__ import annotations

import os
import re
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Iterable, Iterator

from .checks.pack import RuleBook, load_rulebook
from .model import FileResult, Subject
from .pipeline import audit_file
from .readers import supported_extensions

# Copies written by --annotate-dir: auditing them again would repeat every finding.
ANNOTATED_MARK = ".annotated."
# A folder's own notes (README.md, CHANGELOG.txt) are not disclosures; named on the command
# line they are audited like any text.
_PROJECT_NOTE = re.compile(r"^(?:README|CHANGELOG|CHANGES|LICENSE|CONTRIBUTING)(?:\.[A-Za-z]+)?$",
                           re.IGNORECASE)
# Files per task: large enough to amortise the hand-over between processes.
_CHUNK = 50


def expand(paths: Iterable[str]) -> list[str]:
    """Files as given; a folder stands for the supported files under it, sorted."""
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


def _light(result: FileResult) -> FileResult:
    # Only what the reports print crosses back from a worker process.
    result.subjects = [Subject(s.kind, s.name, s.location) for s in result.subjects]
    return result


_worker_book: RuleBook | None = None


def _init_worker(extra_rules: tuple[str, ...]) -> None:
    global _worker_book
    _worker_book = load_rulebook(extra_rules)


def _run_chunk(args: tuple[list[str], str]) -> list[FileResult]:
    paths, lang = args
    assert _worker_book is not None
    return [_light(audit_file(p, _worker_book, lang)) for p in paths]


def audit_paths(files: list[str], book: RuleBook, lang: str = "zh", jobs: int = 1,
                extra_rules: tuple[str, ...] = ()) -> Iterator[FileResult]:
    """Results in the order of `files`; with jobs > 1, chunks of files run in parallel."""
    if jobs <= 1 or len(files) < 2 * _CHUNK:
        for path in files:
            yield audit_file(path, book, lang)
        return
    chunks = [files[i:i + _CHUNK] for i in range(0, len(files), _CHUNK)]
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker,
                             initargs=(tuple(extra_rules),)) as pool:
        for results in pool.map(_run_chunk, [(c, lang) for c in chunks]):
            yield from results


def default_jobs() -> int:
    return max(1, (os.cpu_count() or 1))
