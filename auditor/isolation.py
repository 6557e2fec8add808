"""Per-file isolation: each file is audited in a supervised worker process under a time and
a memory budget, so a file that hangs, blows up or crashes its worker costs that file only.

The supervisor hands each worker a few files at a time over a pipe (one message for the
chunk, one back for each file as it is done: a round trip per file cost as much as a small
file's audit); the time budget is each file's, counted from the answer for the file before.
A worker that runs past the time budget is killed; one that dies (a signal, a C library's
abort, the memory limit) is noticed through its process sentinel. Either way the file it
was on gets `status: error` with the reason in plain words, the rest of its chunk goes back
to the queue, a fresh worker takes its place and the run goes on. Nothing here can raise
`BrokenProcessPool`: there is no pool to break, only processes the supervisor owns.
"""

from __future__ import annotations

import os
import signal
import time
import traceback
from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from .model import FileResult

if TYPE_CHECKING:  # multiprocessing is imported when a worker starts: a run in process
    # (budgets off) never needs it
    from multiprocessing.connection import Connection

# Work is handed out as (index, path); results come back as (index, FileResult).
Task = tuple[int, str]


@dataclass(frozen=True)
class Budget:
    """Limits for one file; 0 switches a limit off."""

    seconds: float = 60.0
    memory_mb: int = 2048

    @property
    def on(self) -> bool:
        return bool(self.seconds) or bool(self.memory_mb)


# A file's audit as the worker runs it: path → result. Set before the workers start, so a
# forked worker inherits it (with the rule book already loaded) instead of loading again.
AuditOne = Callable[[str], FileResult]
Say = Callable[..., str]  # (message key, **values) → text in the report's language


def _memory_in_use() -> int:
    """This process's address space now, in bytes (0 where /proc is not there)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _resident(pid: int) -> int:
    """A process's own memory in bytes: its resident anonymous pages (the heap; not the
    shared libraries, which a forked child maps again only as it touches them). 0 where
    /proc is not there or the process is gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("RssAnon:"):
                    return int(line.split()[1]) * 1024
        with open(f"/proc/{pid}/statm", encoding="ascii") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


# A fresh worker's first file also pays for importing the libraries its format needs (a
# PDF or Excel library can take a second to import on a busy machine): it gets this much more.
WARMUP_SECONDS = 5.0

# How often the supervisor looks at its workers' resident memory.
_MEMORY_POLL = 0.1


def _limit_memory(memory_mb: int) -> None:
    """A backstop under the supervisor's watch on resident memory: the address space may grow
    by twice the budget (libraries reserve address space they never touch) and an allocation
    past that fails as a `MemoryError` instead of taking the machine's memory."""
    try:
        import resource
    except ImportError:  # Windows: no address-space limit; the time budget still holds
        return
    limit = _memory_in_use() + max(2 * memory_mb, memory_mb + 512) * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):
        pass


def internal_error(path: str, say: Say, exc: BaseException) -> FileResult:
    """A bug of the tool met on this file: one line for the report, the traceback kept for
    `--verbose`."""
    result = FileResult(path=path, status="error", error=say("ui.batch.internal"))
    result.detail = "".join(traceback.format_exception(exc)).rstrip()
    result.internal = True
    return result


# Files handed to a worker at once: at most this many, and fewer as the queue runs low so
# that every worker has work to the end.
CHUNK = 16


def _chunk_size(pending: int, jobs: int) -> int:
    return max(1, min(CHUNK, pending // (4 * max(jobs, 1))))


def _serve(conn: Connection, audit_one: AuditOne, say: Say, budget: Budget) -> None:
    """A worker: audits the chunks of paths it is sent, answering file by file, until it is
    sent None or its pipe closes."""
    # The supervisor handles Ctrl-C for everyone: a worker must not die of it mid-file.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # One file at a time: a BLAS thread pool would only reserve memory (numpy reads it at import).
    for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(variable, "1")
    if budget.memory_mb:
        _limit_memory(budget.memory_mb)
    while True:
        try:
            chunk = conn.recv()
        except (EOFError, OSError):
            return
        if chunk is None:
            return
        for index, path in chunk:
            if not _answer(conn, index, path, audit_one, say, budget):
                return  # the rest of the chunk goes to the worker that replaces this one


def _answer(conn: Connection, index: int, path: str, audit_one: AuditOne, say: Say,
            budget: Budget) -> bool:
    """One file audited and its result sent; False when this worker must end."""
    fatal = False
    try:
        result = audit_one(path)
    except MemoryError:
        result = FileResult(path=path, status="error",
                            error=say("ui.batch.memory", limit=budget.memory_mb))
        fatal = True  # a worker that ran out of memory is replaced, whatever it holds now
    except Exception as exc:  # noqa: BLE001 — a bug on one file must not end the batch
        result = internal_error(path, say, exc)
    try:
        conn.send((index, result, fatal))
    except MemoryError:
        conn.send((index, FileResult(path=path, status="error",
                                     error=say("ui.batch.memory", limit=budget.memory_mb)),
                   True))
        fatal = True
    return not fatal


def _context():
    # fork: the worker starts with the parent's rule book in memory (no reload, no pickling);
    # elsewhere spawn, and the rule book is loaded again in the worker.
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


class _Worker:
    def __init__(self, audit_one: AuditOne, say: Say, budget: Budget):
        context = _context()
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, audit_one, say, budget),
                                       daemon=True)
        self.process.start()
        child.close()
        self.tasks: deque[Task] = deque()  # its chunk's files not answered yet, the first begun
        self.started = 0.0  # when the file it is on was begun (or its answer awaited)
        self.files = 0  # files begun so far
        # What the worker holds before any file: a forked worker shares its parent's pages.
        self.baseline = _resident(os.getpid()) if context.get_start_method() == "fork" else 0

    @property
    def task(self) -> Task | None:
        """The file it is on."""
        return self.tasks[0] if self.tasks else None

    def give(self, chunk: list[Task]) -> None:
        self.tasks.extend(chunk)
        self.started = time.monotonic()
        self.files += 1
        self.conn.send(chunk)

    def answered(self) -> None:
        """The file it was on is done: the clock starts for the next of its chunk."""
        self.tasks.popleft()
        if self.tasks:
            self.started = time.monotonic()
            self.files += 1

    def deadline(self, budget: Budget) -> float:
        return self.started + budget.seconds + (WARMUP_SECONDS if self.files == 1 else 0.0)

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except (OSError, ValueError):
            pass
        self.process.join(timeout=1)
        if self.process.is_alive():
            self.kill()

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.conn.close()


def _death(exitcode: int | None) -> str:
    """A worker's end in words a user can act on: the signal's name, or the exit code."""
    if exitcode is not None and exitcode < 0:
        try:
            return signal.Signals(-exitcode).name
        except ValueError:
            return f"signal {-exitcode}"
    return f"exit {exitcode}"


def supervise(tasks: Iterable[Task], jobs: int, audit_one: AuditOne, say: Say,
              budget: Budget) -> Iterator[tuple[int, FileResult, bool]]:
    """(index, result, lost) as files finish (not in order), each file under `budget`, in
    `jobs` workers; `lost` when the worker was killed or died on the file (its result then
    says why, and depends on the budget rather than on the file alone)."""
    from multiprocessing.connection import wait

    pending = deque(tasks)
    if not pending:
        return
    workers = [_Worker(audit_one, say, budget) for _ in range(max(1, min(jobs, len(pending))))]
    try:
        while pending or any(w.task for w in workers):
            for index, worker in enumerate(workers):
                if worker.task is None and pending:
                    if not worker.process.is_alive():  # ended itself after a MemoryError
                        worker.kill()
                        workers[index] = worker = _Worker(audit_one, say, budget)
                    size = _chunk_size(len(pending), len(workers))
                    worker.give([pending.popleft() for _ in range(min(size, len(pending)))])
            busy = [w for w in workers if w.task is not None]
            timeout = _MEMORY_POLL if budget.memory_mb else None
            if budget.seconds:
                now = time.monotonic()
                left = max(0.0, min(w.deadline(budget) - now for w in busy))
                timeout = left if timeout is None else min(timeout, left)
            ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy],
                             timeout))
            for index, worker in enumerate(workers):
                if worker.task is None:
                    continue
                outcome = _collect(worker, ready, budget, say)
                if outcome is None:
                    continue
                worker.answered()
                done, lost = outcome
                if lost:  # killed or dead: the rest of its chunk to a fresh worker
                    pending.extendleft(reversed(worker.tasks))
                    worker.tasks.clear()
                    worker.kill()
                    workers[index] = _Worker(audit_one, say, budget) if pending else worker
                yield done[0], done[1], lost
    finally:
        for worker in workers:
            if worker.task is None and worker.process.is_alive():
                worker.stop()
            else:
                worker.kill()


def _collect(worker: _Worker, ready: set, budget: Budget,
             say: Say) -> tuple[tuple[int, FileResult], bool] | None:
    """The worker's result, or a timeout or death result, and whether the worker is lost;
    None while it is still working within its budget."""
    index, path = worker.task  # type: ignore[misc]
    if worker.conn in ready:
        try:
            index, result, fatal = worker.conn.recv()
            return (index, result), fatal
        except Exception:  # noqa: BLE001 — died while answering, or an answer cut short
            pass
    if worker.conn in ready or worker.process.sentinel in ready:
        worker.process.join(timeout=5)
        how = _death(worker.process.exitcode)
        return (index, FileResult(path=path, status="error",
                                  error=say("ui.batch.crashed", how=how))), True
    if budget.memory_mb and (_resident(worker.process.pid) - worker.baseline
                             > budget.memory_mb * 1024 * 1024):
        worker.kill()
        return (index, FileResult(path=path, status="error",
                                  error=say("ui.batch.memory", limit=budget.memory_mb))), True
    if budget.seconds and time.monotonic() >= worker.deadline(budget):
        worker.kill()
        return (index, FileResult(path=path, status="error",
                                  error=say("ui.batch.timeout", seconds=f"{budget.seconds:g}"))), True
    return None
