"""The 自评表 is read through the vocabulary: a label it knows is read, one it does not is
listed as unread (AR002) and its row or column is left out, never guessed; a user's pack
can teach it a label."""

from __future__ import annotations

import functools
import os
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from auditor import vocabulary
from auditor.checks.pack import load_rulebook
from auditor.pipeline import audit_file
from forms import consistent_spec, write_form

GROUPS = ("selfeval.form_fields", "selfeval.fund_block", "selfeval.fund_columns",
          "selfeval.fund_rows", "selfeval.sections", "selfeval.indicator_columns",
          "selfeval.other_columns", "selfeval.total_row", "selfeval.subtotal_row",
          "selfeval.funds_score_row")


def write(tmp_path, spec, renames=None, name="form.xlsx"):
    """The form in a workbook, with some labels typed otherwise (old text → new text)."""
    workbook = Workbook()
    ws = workbook.active
    ws.title = "表"
    where = write_form(ws, spec)
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value in (renames or {}):
                cell.value = renames[cell.value]
    path = tmp_path / name
    workbook.save(path)
    return path, where


def rules_of(result, severities=("error", "warning")):
    return sorted(f.rule for f in result.findings if f.severity in severities)


def unread_note(result):
    notes = [f for f in result.findings if f.rule == "AR002"]
    assert len(notes) <= 1  # said once per form
    return notes[0] if notes else None


def test_every_group_the_recogniser_reads_is_declared(book):
    for name in GROUPS:
        assert book.vocabulary.group(name).terms, name
    assert book.vocabulary.check_groups() == []


def test_labels_are_named_exactly_not_by_prefix():
    fund_rows = vocabulary.group("selfeval.fund_rows")
    assert fund_rows.name_of("其中：当年财政\n拨款") == "当年财政拨款"
    assert fund_rows.name_of("  上年结转资金（万元）") == "上年结转资金"
    # Starts like a known label, means something else: not read as 当年财政拨款.
    assert fund_rows.name_of("财政拨款结转资金") is None
    columns = vocabulary.group("selfeval.fund_columns")
    assert columns.name_of("执行率\n（B/A）") == "执行率"
    assert columns.name_of("全年预算数调减") is None


def test_unknown_source_row_is_unread_and_its_sums_not_checked(tmp_path, book):
    spec = consistent_spec()
    spec.funds["其他资金"] = {"全年预算数": Decimal("5"), "全年执行数": Decimal("5")}
    path, _ = write(tmp_path, spec)
    assert "SE003" in rules_of(audit_file(str(path), book))  # read: 73.41 ≠ 73.41 + 5
    path, where = write(tmp_path, spec, {"  其他资金": "社会捐赠资金"}, "renamed.xlsx")
    result = audit_file(str(path), book)
    assert rules_of(result) == []  # not read, so Σ sources is not checked: no guess
    note = unread_note(result)
    assert note.severity == "info" and "社会捐赠资金" in note.message
    assert note.location.cell == "B9"  # the label's own cell
    [form] = result.subjects
    assert sorted(m.name for m in form.collections["资金行"]) == ["上年结转资金", "年度资金总额",
                                                                "当年财政拨款"]


def test_a_label_that_only_starts_like_a_known_one_is_not_taken_for_it(tmp_path, book):
    spec = consistent_spec()
    spec.funds["上年结转资金"] = {"全年预算数": Decimal("5")}
    path, _ = write(tmp_path, spec, {"      上年结转资金": "财政拨款结转资金"})
    result = audit_file(str(path), book)
    [form] = result.subjects
    rows = {m.name: m for m in form.collections["资金行"]}
    assert "上年结转资金" not in rows
    assert rows["当年财政拨款"].facts["全年预算数"].quantity.value == Decimal("73.41")
    assert "财政拨款结转资金" in unread_note(result).message
    assert rules_of(result) == []


def test_unknown_column_is_unread_and_the_others_still_checked(tmp_path, book):
    spec = consistent_spec()
    spec.funds["年度资金总额"]["执行率"] = Decimal("90")  # a wrong rate, to show it is read
    path, where = write(tmp_path, spec, {"年初预\n算数": "预算调\n整数"})
    result = audit_file(str(path), book)
    note = unread_note(result)
    assert "预算调整数" in note.message.replace("\n", "")
    [form] = result.subjects
    assert "年初预算数" not in form.facts or not form.facts["年初预算数"].reported
    [rate] = [f for f in result.findings if f.rule == "SE001"]
    assert rate.location.cell == where[("funds", "年度资金总额", "执行率")]


def test_unknown_indicator_column_is_unread(tmp_path, book):
    path, _ = write(tmp_path, consistent_spec(), {"偏差原因分析及改进措施": "分析意见"})
    result = audit_file(str(path), book)
    assert "分析意见" in unread_note(result).message
    [form] = result.subjects
    assert len(form.collections["指标"]) == 6
    assert rules_of(result) == []


def test_a_users_pack_alias_makes_a_renamed_label_readable(tmp_path):
    spec = consistent_spec()
    spec.funds["当年财政拨款"]["全年预算数"] = Decimal("70")  # Σ sources 70 ≠ 73.41
    path, where = write(tmp_path, spec, {"其中：当年财政\n拨款": "本级财政资金"})
    shipped = load_rulebook()
    result = audit_file(str(path), shipped)
    assert "本级财政资金" in unread_note(result).message
    assert rules_of(result) == []  # the row was not read: nothing to compare
    pack = tmp_path / "ours.yaml"
    pack.write_text("pack: ours\nrules: []\nvocabulary:\n  selfeval.fund_rows:\n    terms:\n"
                    "      当年财政拨款: [本级财政资金]\n", encoding="utf-8")
    result = audit_file(str(path), load_rulebook([str(pack)]))
    assert unread_note(result) is None
    [total] = [f for f in result.findings if f.rule == "SE003"]
    assert total.location.cell == where[("funds", "年度资金总额", "全年预算数")]
    assert total.expected == "70万元"


def test_合计_as_the_funds_total_and_as_the_total_row(tmp_path, book):
    spec = consistent_spec()
    spec.total_score = Decimal("98.86")  # one point off, to show the total row is read
    path, where = write(tmp_path, spec, {"年度资金总额": "合计", "总分": "合计"})
    result = audit_file(str(path), book)
    [form] = result.subjects
    assert form.facts["全年预算数"].quantity.value == Decimal("73.41")
    [finding] = [f for f in result.findings if f.severity != "info"]
    assert (finding.rule, finding.location.cell) == ("SE008", where[("total", "得分")])
    assert unread_note(result) is None


def test_a_subtotal_row_is_not_an_indicator(tmp_path, book):
    path, where = write(tmp_path, consistent_spec())
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    ws = workbook.active
    row = int(where[("ind", 3, "得分")][1:])
    ws.insert_rows(row + 1)
    ws.cell(row=row + 1, column=4, value="小计")
    ws.cell(row=row + 1, column=7, value=50)
    ws.cell(row=row + 1, column=8, value=50)
    workbook.save(path)
    result = audit_file(str(path), book)
    [form] = result.subjects
    assert len(form.collections["指标"]) == 6
    assert [f.rule for f in result.findings] == []


def test_two_rows_of_one_name_are_not_guessed_between(tmp_path, book):
    spec = consistent_spec()
    spec.funds["上年结转资金"] = {"全年预算数": Decimal("2")}
    spec.funds["其他资金"] = {"全年预算数": Decimal("3")}
    # Both sources typed as 其他资金: which is which is unknown, so Σ sources is not checked.
    path, _ = write(tmp_path, spec, {"      上年结转资金": "其他资金"})
    result = audit_file(str(path), book)
    assert "其他资金" in unread_note(result).message
    assert rules_of(result) == []


WORDS = ["项目名称", "项目名称：某项目", "项目资金（万元）", "年初预算数", "全年预算数（A）", "全年执行数",
         "分值", "执行率", "得分", "年度资金总额", "合计", "其中：当年财政拨款", "上年结转资金", "其他资金",
         "社会资金", "年度总体目标", "绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值",
         "实际完成值", "偏差原因分析及改进措施", "产出指标（50分）", "预算执行率", "小计", "总分", "序号",
         "中期指标值", "—", "", "", "", "12.5", "100", "98.62%", "0.9862", "73.41", "50000", "无",
         "2023年12月底前完成", "项目预算控制73.41万元", "724000元", "（2023年度）"]


@functools.cache
def shipped_book():
    return load_rulebook()


@settings(max_examples=int(os.environ.get("FUZZ", "200")), deadline=None)
@given(st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=9), min_size=1, max_size=24),
       st.booleans())
def test_any_arrangement_of_labels_is_read_without_a_traceback(rows, aligned):
    from auditor.checks.engine import Engine
    from auditor.model import Cell, Grid, Location, Subject
    from auditor.recognise import selfeval

    cells = [[Cell(text, r, c, Location("x", "s", f"{chr(65 + c)}{r + 1}"))
              for c, text in enumerate(row)] for r, row in enumerate(rows)]
    grid = Grid("s", cells, Location("x", "s"), aligned=aligned)
    book = shipped_book()
    with vocabulary.using(book.vocabulary):
        forms, notes = selfeval.recognise(grid, 2023)
    root = Subject("document", "x", Location("x"))
    for form in forms:
        assert form.kind == "selfeval_form"
        form.parent = root
        root.collections.setdefault("selfeval_form", []).append(form)
    for finding in Engine(book).run([root]):  # and the rules check whatever was read
        assert finding.rule.startswith("SE")
