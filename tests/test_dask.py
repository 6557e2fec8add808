"""The Dask executor on a LocalCluster of two workers on loopback, and the same findings from
every way of running a batch: --jobs 1, --jobs 2, the cache and Dask, on the samples and the
shared reference documents."""

from __future__ import annotations

import csv

import pytest
from click.testing import CliRunner

from auditor.batch import audit_paths, expand
from auditor.cache import ResultCache
from auditor.cli import main
from auditor.isolation import Budget
from conftest import SAMPLES, SHARED

distributed = pytest.importorskip("distributed")
dask = pytest.importorskip("dask")

from auditor.executors.dask import DaskExecutor  # noqa: E402


def shared_inputs() -> list[str]:
    if not (SHARED / "seeds").is_dir():
        return []
    return expand([str(SHARED / part) for part in ("seeds", "realdocs", "realdocs2")
                   if (SHARED / part).is_dir()])


def local_cluster(memory_limit: str):
    return distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                    host="127.0.0.1", dashboard_address=":0",
                                    memory_limit=memory_limit)


@pytest.fixture(scope="module")
def cluster():
    with local_cluster("3GB") as local:
        yield local


def findings_of(results) -> list:
    return [(r.path, r.status, r.error, r.checks, list(r.evaluations),
             [(f.rule, f.severity, f.message, f.location, f.reported, f.expected, f.related)
              for f in r.findings])
            for r in results]


def test_every_way_of_running_gives_the_same_findings(cluster, book, tmp_path):
    # One pass per way (the PDFs of ../shared take minutes): --jobs 1 in this process, --jobs
    # 2 in supervised workers filling a cache, the cache alone, and Dask. The command line's
    # byte-identical JSON across budgets on and off is in test_batch.py.
    files = expand([str(SAMPLES)]) + shared_inputs()
    local = findings_of(audit_paths(files, book))
    folder = tmp_path / "cache"
    assert findings_of(audit_paths(files, book, jobs=2, budget=Budget(),
                                   cache=ResultCache(folder))) == local
    cache = ResultCache(folder)
    assert findings_of(audit_paths(files, book, cache=cache)) == local
    assert cache.hits == len(files)
    executor = DaskExecutor(cluster.scheduler_address, chunk=4)
    assert findings_of(audit_paths(files, book, executor=executor, budget=Budget())) == local


def test_dask_from_the_command_line_is_byte_identical_to_a_local_run(cluster):
    inputs = [str(SAMPLES)]
    local = CliRunner().invoke(main, ["run", "--format", "json", *inputs])
    remote = CliRunner().invoke(main, ["run", "--format", "json", "--executor", "dask",
                                       "--scheduler", cluster.scheduler_address, *inputs])
    assert remote.exit_code == local.exit_code == 1
    assert remote.stdout == local.stdout


def test_a_file_that_kills_its_workers_is_marked_bad_not_retried_forever(book, tmp_path,
                                                                       monkeypatch):
    import json

    # The reader's own size limits would refuse the file first: raised here (the workers
    # inherit them from the environment), since this is about workers dying.
    monkeypatch.setenv("AUDIT_RULES_LIMITS", json.dumps({"max_text_mb": 1000,
                                                         "max_lines": 10_000_000}))
    big = tmp_path / "huge.csv"  # read whole, it takes more than the workers' 350 MB
    with open(big, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        for i in range(250_000):
            writer.writerow([f"项目{i}", i, i * 2, "备注文字" * 3])
    planted = str(SAMPLES / "planted-errors-selfeval.xlsx")
    # The nanny restarts a worker over its memory limit; the scheduler gives up on the task
    # after one such death. The file's chunk is split, and the file alone is marked bad.
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}), \
            local_cluster("350MB") as small:
        executor = DaskExecutor(small.scheduler_address, chunk=2)
        results = list(audit_paths([str(big), planted], book, executor=executor,
                                   budget=Budget()))
    assert [r.path for r in results] == [str(big), planted]
    assert results[0].status == "error"
    assert results[0].error.startswith("处理时多次导致计算节点退出，已放弃")
    assert results[1].status == "ok" and results[1].findings


def test_dask_needs_a_scheduler_address():
    result = CliRunner().invoke(main, ["run", "--executor", "dask", str(SAMPLES)])
    assert result.exit_code == 2 and "--scheduler" in result.output
