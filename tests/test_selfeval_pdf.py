"""项目支出绩效自评表 in PDFs: a form cut by a page break is one form again."""

from __future__ import annotations

from pdfs import ruled_table, write

from auditor.pipeline import audit_file

WIDTHS = [45, 70, 55, 115, 60, 60, 40, 40, 50]  # wide enough for every text at 10pt
HEADER = [
    ["项目名称", "示范项目", "", "", "", "", "", "", ""],
    ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", ""],
    ["", "年度资金总额", "73.41", "73.41", "72.4", "10", "98.62%", "9.86", ""],
    ["", "当年财政拨款", "73.41", "73.41", "72.4", "—", "98.62%", "—", ""],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"],
    ["", "产出指标", "数量指标", "完成巡查", "12次", "12次", "20", "20", ""],
    ["", "", "质量指标", "整改率", "95%", "97%", "15", "15", ""],
    ["", "", "时效指标", "按时完成", "按时", "按时", "5", "5", ""],
]
CONTINUED = [
    ["", "", "成本指标", "项目预算控制73.41万元", "73.41万元", "72.4万元", "10", "10", ""],
    ["", "效益指标", "社会效益", "市容改善", "改善", "改善", "30", "30", ""],
    ["", "满意度指标", "满意度", "群众满意度", "90%", "92%", "10", "10", ""],
    ["总分", "", "", "", "", "", "100", "99.86", ""],
]


def test_a_form_cut_by_a_page_break_is_read_whole(tmp_path, book):
    second = [row[:] for row in HEADER]
    second[0][1] = "第二个项目"
    path = write(tmp_path / "forms.pdf", [
        lambda c: ruled_table(c, 30, 60, WIDTHS, HEADER),
        lambda c: (ruled_table(c, 30, 60, WIDTHS, CONTINUED),
                   ruled_table(c, 30, 200, WIDTHS, second + CONTINUED)),
    ])
    result = audit_file(str(path), book)
    assert result.status == "ok"
    assert sorted(s.name for s in result.subjects if s.kind == "selfeval_form") == \
        ["示范项目", "第二个项目"]
    first = next(s for s in result.subjects if s.name == "示范项目")
    assert len(first.collections["指标"]) == 6
    assert first.facts["总分"].location.page == 2
    assert [(f.rule, f.message) for f in result.findings] == []


def test_a_form_without_its_total_row_is_not_summed(tmp_path, book):
    path = write(tmp_path / "cut.pdf", [lambda c: ruled_table(c, 30, 60, WIDTHS, HEADER)])
    result = audit_file(str(path), book)
    assert [s.name for s in result.subjects] == ["示范项目"]
    assert {f.rule for f in result.findings} & {"SE006", "SE009"} == set()
