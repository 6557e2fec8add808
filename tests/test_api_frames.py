"""The Python API for analysts: numeric figures, an ordered severity, the checks table,
selection, baselines and a progress callback."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

import auditor
from auditor.schema import figures
from forms import consistent_spec, write_form

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.fixture(scope="module")
def report():
    return auditor.audit([str(SAMPLES / "planted-errors-selfeval.xlsx"),
                          str(SAMPLES / "fengtai-2021-selfeval.xlsx")])


def test_figures_are_numbers_with_their_unit(report):
    frame = report.findings
    slip = frame[frame["kind"] == "unit_slip"].iloc[0]
    assert slip["unit"] == "万元"
    assert slip["reported_value"] == float(slip["reported"].removesuffix("万元"))
    rate = frame[(frame["rule"] == "SE001") & (frame["reported"] == "85.42%")].iloc[0]
    assert (rate["reported_value"], rate["expected_value"], rate["unit"]) == (85.42, 80.42, "%")
    assert rate["difference"] == pytest.approx(5.0)
    assert str(frame["reported_value"].dtype) == "Float64"


@pytest.mark.parametrize("reported, expected, values", [
    ("50000万元", "5万元", (50000.0, 5.0, 49995.0, "万元")),
    ("2020", "≥2021", (2020.0, 2021.0, None, None)),
    ("1,462,124.33", "1,462,124.30", (1462124.33, 1462124.3, pytest.approx(0.03), None)),
    ("下降（增长）", None, (None, None, None, None)),
    ("85%", "8.5万元", (85.0, 8.5, None, "%")),
])
def test_figure_columns(reported, expected, values):
    row = figures(reported, expected)
    assert (row["reported_value"], row["expected_value"], row["difference"], row["unit"]) \
        == values


def test_severity_is_ordered(report):
    frame = report.findings
    assert frame["severity"].cat.ordered
    assert list(frame["severity"].cat.categories) == ["info", "warning", "error"]
    serious = frame[frame["severity"] >= "warning"]
    assert set(serious["severity"]) <= {"warning", "error"} and len(serious) > 0
    assert frame.sort_values("severity", ascending=False)["severity"].iloc[0] == "error"


def test_checks_list_passed_failed_and_not_run(report):
    checks = report.checks
    assert set(checks["verdict"]) == {"pass", "fail", "skip"}
    for result in report.results:
        mine = checks[checks["path"] == result.path]
        counted = Counter(e.verdict for e in result.evaluations)
        assert int(mine["passed"].sum()) == counted["pass"]
        assert int(mine["failed"].sum()) == counted["fail"]
        assert int(mine["not_run"].sum()) == counted["skip"]
    # a rule × form fails when one of its evaluations did, and is skipped when none ran
    assert ((checks["verdict"] == "fail") == (checks["failed"] > 0)).all()
    ran = (checks["passed"] + checks["failed"]) > 0
    assert ((checks["verdict"] == "skip") == ~ran).all()


def test_progress_callback_and_selection(tmp_path):
    spec = consistent_spec()
    spec.total_score = Decimal("97.86")
    wb = Workbook()
    write_form(wb.active, spec)
    path = tmp_path / "f.xlsx"
    wb.save(path)
    calls = []
    report = auditor.audit([str(path), str(path)], progress=lambda *a: calls.append(a))
    assert [(done, total) for done, total, _ in calls] == [(1, 2), (2, 2)]
    assert calls[0][2].path == str(path)
    assert "SE008" in set(report.findings["rule"])
    assert "SE008" not in set(auditor.audit(str(path), ignore=["SE008"]).findings["rule"])
    quiet = auditor.audit(str(path), severity={"SE008": "info"}).findings
    assert set(quiet[quiet["rule"] == "SE008"]["severity"]) == {"info"}


def test_baseline_through_the_api(tmp_path):
    from click.testing import CliRunner

    from auditor.cli import main

    sample = str(SAMPLES / "planted-errors-selfeval.xlsx")
    base = tmp_path / "b.json"
    assert CliRunner().invoke(main, ["baseline", "-o", str(base), sample]).exit_code == 0
    report = auditor.audit(sample, baseline=str(base))
    assert report.findings.empty and report.known > 0
