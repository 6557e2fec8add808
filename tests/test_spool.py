"""The result spool reads back what was appended, also when reads and appends interleave."""

from auditor.model import FileResult
from auditor.spool import ResultSpool


def test_reads_between_appends_see_every_result_in_order():
    spool = ResultSpool()
    for i in range(5):
        spool.append(FileResult(f"p{i}"))
    assert spool[2].path == "p2"
    spool.append(FileResult("p5"))  # after a read moved the file away from its end
    results = iter(spool)
    next(results)
    spool.append(FileResult("p6"))  # while an iteration is under way
    assert [r.path for r in results] == ["p1", "p2", "p3", "p4", "p5", "p6"]
    assert [r.path for r in spool] == [f"p{i}" for i in range(7)]
    assert spool[-1].path == "p6" and len(spool) == 7
    spool.close()


def test_results_with_findings_are_read_back_alone_and_in_order():
    from auditor.model import Finding, Location

    spool = ResultSpool()
    finding = Finding("R1", "error", "m", Location("p"))
    for i in range(6):
        spool.append(FileResult(f"p{i}", findings=[finding] if i in (1, 4) else []))
    assert [r.path for r in spool.with_findings()] == ["p1", "p4"]
    assert [r.path for r in spool] == [f"p{i}" for i in range(6)]
    spool.close()
