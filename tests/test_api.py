from decimal import Decimal

import pandera.errors
import pytest
from openpyxl import Workbook

import auditor
from auditor.schema import findings_schema
from forms import consistent_spec, write_form


def test_audit_returns_validated_frames(tmp_path):
    spec = consistent_spec()
    spec.funds["年度资金总额"]["执行率"] = Decimal("90")
    wb = Workbook()
    write_form(wb.active, spec)
    path = tmp_path / "f.xlsx"
    wb.save(path)
    (tmp_path / "bad.xlsx").write_bytes(b"nope")
    report = auditor.audit([str(path), str(tmp_path / "bad.xlsx")])
    frame = report.findings
    assert list(frame.columns)[:5] == ["path", "rule", "severity", "sheet", "cell"]
    assert "SE001" in set(frame["rule"])
    assert report.summary["files"] == 2
    files = report.files
    assert list(files["status"]) == ["ok", "error"]
    assert report.results[0].subjects[0].name == "示范项目"


def test_empty_report_still_has_the_columns(tmp_path):
    wb = Workbook()
    write_form(wb.active, consistent_spec())
    path = tmp_path / "ok.xlsx"
    wb.save(path)
    frame = auditor.audit(str(path)).findings
    assert frame.empty and "message" in frame.columns


def test_schema_rejects_a_bad_severity():
    import pandas as pd

    frame = pd.DataFrame([{"path": "x", "rule": "SE001", "severity": "fatal", "sheet": None,
                           "cell": "A1", "line": None, "page": None, "message": "m",
                           "reported": None, "expected": None, "title": "t", "subject": None,
                           "subject_kind": None, "kind": "mismatch", "reported_value": None,
                           "expected_value": None, "difference": None, "unit": None}])
    frame = frame.astype({"line": "Int64", "page": "Int64", "reported_value": "Float64",
                          "expected_value": "Float64", "difference": "Float64"})
    with pytest.raises(pandera.errors.SchemaError):
        findings_schema().validate(frame)
