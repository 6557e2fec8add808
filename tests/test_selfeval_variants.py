"""Every generated layout of the 自评表: clean copies raise nothing, and each copy with one
injected error is found, on the cell that was changed.

The layouts and errors are in `selfeval_variants.py`. The figures (clean workbooks with a
finding, injected errors found, found on their cell) are printed and asserted over all
layouts × errors.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.pipeline import audit_file
from selfeval_variants import ERRORS, SHEET, VARIANTS, Layout, clean_form, with_error, write_workbook


def forms_for(layout: Layout):
    if layout.side_by_side:
        return [clean_form("左边的项目"), clean_form("右边的项目")]
    return [clean_form()]


def raised(result):
    return [f for f in result.findings if f.severity in ("error", "warning")]


def sheet_of(layout: Layout, path: Path) -> str:
    return path.stem if layout.fmt == "csv" else SHEET


def audit_clean(layout: Layout, folder: Path, book):
    forms = forms_for(layout)
    path, _ = write_workbook(layout, forms, folder, "clean")
    return audit_file(str(path), book), len(forms)


def audit_injected(layout: Layout, error: str, folder: Path, book):
    """The layout's form(s) with `error` in the last one; the result and the changed cell."""
    forms = forms_for(layout)
    wrong, key = with_error(forms[-1], error)
    path, addresses = write_workbook(layout, [*forms[:-1], wrong], folder, "injected")
    return audit_file(str(path), book), (sheet_of(layout, path), addresses[-1][key])


@pytest.mark.parametrize("layout", VARIANTS, ids=[v.name for v in VARIANTS])
def test_clean_layout_is_read_whole_and_raises_nothing(layout, tmp_path, book):
    result, count = audit_clean(layout, tmp_path, book)
    assert result.status == "ok", result.error
    assert len(result.subjects) == count
    # Nothing at all: no error, no warning, and no label left unread (AR002).
    assert [(f.rule, f.location.cell, f.message) for f in result.findings] == []
    [form, *_] = result.subjects
    assert form.facts["全年预算数"].reported and form.facts["资金得分"].reported
    assert len(form.collections["指标"]) == 6


@pytest.mark.parametrize("layout", VARIANTS, ids=[v.name for v in VARIANTS])
@pytest.mark.parametrize("error", sorted(ERRORS))
def test_injected_error_is_found_on_its_cell(layout, error, tmp_path, book):
    result, (sheet, cell) = audit_injected(layout, error, tmp_path, book)
    findings = raised(result)
    assert findings, f"{layout.name}: {error} not found"
    assert any((f.location.sheet, f.location.cell) == (sheet, cell) for f in findings), \
        (cell, [(f.rule, f.location.cell, f.message) for f in findings])


def test_figures_over_all_layouts_and_errors(tmp_path, book, capsys):
    clean_with_findings, injected, found, on_cell = 0, 0, 0, 0
    for index, layout in enumerate(VARIANTS):
        folder = tmp_path / str(index)
        folder.mkdir()
        result, _ = audit_clean(layout, folder, book)
        clean_with_findings += bool(raised(result))
        for error in ERRORS:
            result, place = audit_injected(layout, error, folder, book)
            findings = raised(result)
            injected += 1
            found += bool(findings)
            on_cell += any((f.location.sheet, f.location.cell) == place for f in findings)
    with capsys.disabled():
        print(f"\n自评表 variants: {len(VARIANTS)} layouts, {len(VARIANTS)} clean workbooks with a "
              f"finding: {clean_with_findings}; {injected} injected errors, found {found} "
              f"({found / injected:.0%}), on the changed cell {on_cell} ({on_cell / injected:.0%})")
    assert clean_with_findings == 0
    assert found == injected
    assert on_cell >= 0.95 * injected


def test_points_a_first_level_indicator_states_are_its_weights_sum(tmp_path, book):
    layout = next(v for v in VARIANTS if v.points_in_first)
    result, _ = audit_clean(layout, tmp_path, book)
    [form] = result.subjects
    groups = {g.name: g for g in form.collections["指标组"]}
    assert sorted(groups) == sorted(["产出指标", "效益指标", "满意度指标"])
    assert groups["产出指标"].facts["标注分值"].quantity.value == 50
    assert groups["产出指标"].facts["分值合计"].quantity.value == 50
    wrong = clean_form()
    wrong.overrides[("points", "产出指标")] = 55
    path, [where] = write_workbook(layout, [wrong], tmp_path, "points")
    result = audit_file(str(path), book)
    [finding] = raised(result)
    assert (finding.rule, finding.location.cell) == ("SE016", where[("points", "产出指标")])
    assert (finding.reported, finding.expected) == ("55", "50")


# Layouts mixed at random. More on demand: COMBOS=400 python -m pytest -k combined (400 pass).
COMBINATIONS = int(os.environ.get("COMBOS", "30"))
layouts = st.builds(
    Layout, name=st.just("combined"), suffixes=st.booleans(),
    score_word=st.sampled_from(["得分", "自评得分"]), weight_word=st.sampled_from(["分值", "权重"]),
    points_in_first=st.booleans(), rate_in_indicators=st.booleans(),
    total_word=st.sampled_from(["年度资金总额", "资金总额"]),
    rate_style=st.sampled_from(["percent", "fraction", "text"]), unit=st.sampled_from(["万元", "元"]),
    column_units=st.sampled_from([(), (("全年预算数", "元"),), (("全年执行数", "元"),)]),
    serial=st.booleans(), transposed=st.booleans(), side_by_side=st.booleans(),
    midterm=st.booleans(), fmt=st.sampled_from(["xlsx", "xls", "csv"]))


@settings(max_examples=COMBINATIONS, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(layout=layouts, error=st.sampled_from(sorted(ERRORS)))
def test_layouts_combined(layout, error, tmp_path_factory, book):
    folder = tmp_path_factory.mktemp("combined")
    result, count = audit_clean(layout, folder, book)
    assert len(result.subjects) == count
    assert [(f.rule, f.location.cell, f.message) for f in result.findings] == []
    result, place = audit_injected(layout, error, folder, book)
    assert any((f.location.sheet, f.location.cell) == place for f in raised(result)), \
        (place, [(f.rule, f.location.cell, f.message) for f in raised(result)])
