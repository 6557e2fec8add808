"""`--executor dask --scheduler ADDRESS`: the batch's files in chunks on a dask.distributed
cluster.

Each chunk is one task, retried when it raises. On a worker that may start processes
(`distributed.worker.daemon: false`), a chunk runs under the same per-file isolation as a
local run (`--timeout`, `--max-memory-mb`); on a daemonic worker it runs in the worker's own
process, where the nanny's memory limit is the budget. A chunk whose worker dies (a file that
takes it down) is split into single files; a single file that kills its workers until the
scheduler gives up on it (`distributed.scheduler.allowed-failures`) is marked bad, with the
reason, and never submitted again. Results are the local run's results: the same
`FileAudit`, the same light `FileResult`s, yielded back in the order of the inputs by
`batch.audit_paths`.

The workers must see the input files and any `--rules` packs at the same paths (a shared
file system), and have audit-rules installed in the same version.
"""

from __future__ import annotations

import multiprocessing
from typing import Iterable, Iterator

from ..batch import FileAudit
from ..isolation import Budget, Task, supervise
from ..model import FileResult

# Files per task: enough to amortise a task's round trip to the scheduler, few enough that a
# file that kills its worker costs little work done again.
CHUNK = 20
RETRIES = 2

# The rule book per worker process, loaded by the first chunk that needs it.
_books: dict[tuple[str, tuple[str, ...]], FileAudit] = {}


def _audit_for(job: FileAudit) -> FileAudit:
    key = (job.lang, job.extra_rules)
    if key not in _books:
        _books[key] = job
    return _books[key]


def run_chunk(job: FileAudit, chunk: list[Task], budget: Budget) -> list[tuple[int, FileResult, bool]]:
    """One task on a Dask worker: the chunk's files, each isolated where the worker allows."""
    job = _audit_for(job)
    if budget.on and not multiprocessing.current_process().daemon:
        return list(supervise(chunk, 1, job, job.say, budget))
    return [(index, job.guarded(path), False) for index, path in chunk]


class DaskExecutor:
    """A callable with the signature of `isolation.supervise`, for `batch.audit_paths`."""

    def __init__(self, scheduler: str | object, chunk: int = CHUNK, retries: int = RETRIES):
        self.scheduler = scheduler
        self.chunk = chunk
        self.retries = retries

    def _client(self):
        from distributed import Client

        # An address, or a cluster object (a LocalCluster in the tests or a notebook).
        return Client(self.scheduler, timeout="30s")

    def __call__(self, tasks: Iterable[Task], jobs: int, job: FileAudit, say,
                 budget: Budget) -> Iterator[tuple[int, FileResult, bool]]:
        from distributed import as_completed

        tasks = list(tasks)
        if not tasks:
            return
        client = self._client()
        try:
            chunks: dict = {}
            for start in range(0, len(tasks), self.chunk):
                chunk = tasks[start:start + self.chunk]
                chunks[client.submit(run_chunk, job, chunk, budget, retries=self.retries,
                                     pure=False)] = chunk
            stream = as_completed(list(chunks))
            for future in stream:
                chunk = chunks.pop(future)
                try:
                    done = future.result()
                except Exception as exc:  # noqa: BLE001 — its worker died, or it raised
                    if len(chunk) > 1:  # find the file to blame: one task each
                        for single in chunk:
                            again = client.submit(run_chunk, job, [single], budget,
                                                  retries=0, pure=False)
                            chunks[again] = [single]
                            stream.add(again)
                        continue
                    [(index, path)] = chunk
                    done = [(index, FileResult(path=path, status="error", error=say(
                        "ui.batch.bad.worker", how=type(exc).__name__)), True)]
                finally:
                    future.release()
                yield from done
        finally:
            client.close()
