"""Baselines: a run over the samples against their own baseline reports nothing new; one
changed figure brings exactly one new finding; moved rows and lines change nothing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook

from auditor.cli import main
from auditor.pipeline import recognise_file
from auditor.checks.pack import load_rulebook
from forms import consistent_spec, write_form

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def invoke(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def findings(*args) -> tuple[int, list[dict], str]:
    code, out, err = invoke("run", "--format", "json", *args)
    assert code in (0, 1), err
    return code, json.loads(out)["findings"], err


@pytest.fixture
def samples(tmp_path):
    folder = tmp_path / "samples"
    folder.mkdir()
    for path in SAMPLES.iterdir():
        if path.suffix in (".xlsx", ".docx", ".pdf"):
            shutil.copy(path, folder / path.name)
    return folder


def test_samples_against_their_baseline_then_one_changed_figure(samples, tmp_path):
    base = tmp_path / "baseline.json"
    code, _, err = invoke("baseline", "-o", base, samples)
    assert code == 0, err
    recorded = json.loads(base.read_text(encoding="utf-8"))["findings"]
    code, before, _ = findings(samples)
    assert len(recorded) == len(before) > 0

    code, new, err = findings("--fail-on", "warning", "--baseline", base, samples)
    assert code == 0 and new == []
    assert f"{len(recorded)} 个已知问题" in err

    # One figure changed: the 总分 of the first form of a sample, one point up.
    changed = samples / "fengtai-2021-selfeval.xlsx"
    book = load_rulebook()
    form = recognise_file(str(changed), book).recognition.subjects[0]
    total = form.facts["总分"]
    wb = load_workbook(changed)
    cell = wb[total.location.sheet][total.location.cell]
    cell.value = float(cell.value) + 1
    wb.save(changed)
    code, new, err = findings("--baseline", base, samples)
    assert len(new) == 1, new
    assert new[0]["cell"] == total.location.cell and new[0]["path"] == str(changed)
    assert code == 1


def _form_workbook(path: Path, top: int) -> Path:
    spec = consistent_spec()
    spec.indicators[3].weight = spec.indicators[3].score = 15
    spec.indicators[4].weight = spec.indicators[4].score = 25
    wb = Workbook()
    ws = wb.active
    ws.title = "表1"
    if top > 1:
        ws.cell(row=1, column=1, value="附：填表说明见后")
    write_form(ws, spec, top=top)
    wb.save(path)
    return path


def test_findings_survive_moved_rows(tmp_path):
    form = _form_workbook(tmp_path / "form.xlsx", top=1)
    base = tmp_path / "b.json"
    assert invoke("baseline", "-o", base, form)[0] == 0
    code, known, _ = findings(form)
    assert known, "the form has findings to baseline"
    moved = _form_workbook(tmp_path / "form.xlsx", top=6)
    code, moved_findings, _ = findings(moved)
    assert {f["cell"] for f in moved_findings} != {f["cell"] for f in known}
    code, new, _ = findings("--baseline", base, "--fail-on", "warning", moved)
    assert new == [] and code == 0


def test_findings_survive_moved_lines_and_another_language(tmp_path):
    text = tmp_path / "report.txt"
    body = ("2023年度，本部门一般公共预算财政拨款支出合计1200万元，其中：基本支出800万元，"
            "项目支出500万元。\n")
    text.write_text(body, encoding="utf-8")
    code, known, _ = findings(text)
    assert known, "the text has a finding"
    base = tmp_path / "b.json"
    assert invoke("baseline", "-o", base, text)[0] == 0
    text.write_text("一、部门概况\n\n本部门职责见附件。\n\n" + body, encoding="utf-8")
    code, moved, _ = findings(text)
    assert [f["line"] for f in moved] != [f["line"] for f in known]
    code, new, err = findings("--lang", "en", "--baseline", base, text)
    assert new == [] and "known findings not shown" in err


def test_reasons_are_kept_and_counted(tmp_path):
    form = _form_workbook(tmp_path / "form.xlsx", top=1)
    base = tmp_path / "b.json"
    invoke("baseline", "-o", base, form)
    document = json.loads(base.read_text(encoding="utf-8"))
    document["findings"][0]["说明"] = "本单位权重经财政局批准调整"
    document["findings"][0]["accepted_by"] = "张三"
    base.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    code, new, err = findings("--baseline", base, form)
    assert "其中 1 个附有说明" in err
    invoke("baseline", "-o", base, form)  # recorded again: the reason stays
    again = json.loads(base.read_text(encoding="utf-8"))["findings"]
    assert again[0]["说明"] == "本单位权重经财政局批准调整" and again[0]["accepted_by"] == "张三"


def test_a_new_copy_of_a_known_finding_is_new(tmp_path):
    """Fingerprints are counted: the same finding twice in a file is two entries."""
    one = _form_workbook(tmp_path / "one.xlsx", top=1)
    base = tmp_path / "b.json"
    invoke("baseline", "-o", base, one)
    spec = consistent_spec()
    spec.indicators[3].weight = spec.indicators[3].score = 15
    spec.indicators[4].weight = spec.indicators[4].score = 25
    wb = load_workbook(one)
    write_form(wb.create_sheet("表2"), spec)
    wb.save(one)
    code, all_findings, _ = findings(one)
    code, new, _ = findings("--baseline", base, one)
    assert 0 < len(new) < len(all_findings)


@pytest.mark.parametrize("text", ["not json", '{"version": 1}', '{"version": 9, "findings": []}',
                                  '{"version": 1, "findings": [{"rule": "SE001"}]}'])
def test_a_bad_baseline_is_one_line(tmp_path, text):
    form = _form_workbook(tmp_path / "form.xlsx", top=1)
    base = tmp_path / "b.json"
    base.write_text(text, encoding="utf-8")
    code, _, err = invoke("run", "--baseline", base, form)
    assert code == 2 and "b.json" in err and "Traceback" not in err
