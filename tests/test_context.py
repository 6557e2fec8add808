"""Findings about figures in prose carry the sentence, and reports show the figure in it."""

from __future__ import annotations

from auditor.checks.context import ProseIndex
from auditor.checks.engine import Engine
from auditor.checks.pack import RuleBook, load_pack
from auditor.model import Fact, FileResult, Location, Paragraph, Subject
from auditor.numbers import scan_figures
from auditor.report import Report, render

PACK = """
pack: prose-test
applies_to: claim
rules:
  - id: PT001
    title: 执行率 = 执行数 ÷ 预算数
    severity: error
    check: 执行率 == 执行数 / 预算数
    message: "执行率报告为 {reported}，应为 {expected}"
"""


def prose_subject(paragraph: Paragraph, names: list[str]) -> Subject:
    """A claim whose facts are the paragraph's figures, in order, under `names`."""
    subject = Subject("claim", "项目情况", paragraph.location)
    for name, figure in zip(names, scan_figures(paragraph.text)):
        subject.add(Fact(name, figure.quantity, paragraph.location_at(figure.start)))
    return subject


def run(paragraphs: list[Paragraph], subject: Subject, book) -> list:
    rules, messages = load_pack(PACK, "prose-test.yaml")
    pack = RuleBook(rules=rules, messages={**book.messages, **messages})
    return Engine(pack, "zh", paragraphs).run([subject])


def test_sentence_and_span_of_a_prose_figure(book):
    text = "一、概况。项目预算5.00万元，实际支出6.00万元，执行率为100%。其他说明。"
    paragraph = Paragraph(text, Location("r.txt", None, None, 7))
    [finding] = run([paragraph], prose_subject(paragraph, ["预算数", "执行数", "执行率"]), book)
    assert finding.location.line == 7
    assert finding.context == "项目预算5.00万元，实际支出6.00万元，执行率为100%。"
    start, end = finding.span
    assert finding.context[start:end] == "100%"


def test_the_figure_on_a_wrapped_line(book):
    # A paragraph joined from two source lines: the figure stands on the second (line 11).
    text = "项目预算5.00万元，实际支出6.00万元，执行率为100%；另一项执行率为100%。"
    second_line = text.index("另一项")
    paragraph = Paragraph(text, Location("r.txt", None, None, 10), [(second_line, 11)])
    subject = Subject("claim", "项目情况", paragraph.location)
    figures = list(scan_figures(text))
    for name, figure in zip(["预算数", "执行数"], figures):
        subject.add(Fact(name, figure.quantity, paragraph.location_at(figure.start)))
    last = figures[-1]
    subject.add(Fact("执行率", last.quantity, paragraph.location_at(last.start)))
    [finding] = run([paragraph], subject, book)
    assert finding.location.line == 11
    assert finding.context == "另一项执行率为100%。"
    assert finding.context[slice(*finding.span)] == "100%"


def test_no_context_for_table_cells(book):
    index = ProseIndex([Paragraph("预算5万元。", Location("r.txt", None, None, 3))])
    assert index.sentence(Location("r.xlsx", "表1", "B3", None), "5万元") is None
    assert index.sentence(Location("r.txt", None, None, 4), "5万元") is None
    assert index.sentence(Location("r.txt", None, None, 3), "5万元") == ("预算5万元。", (2, 5))
    # "5" inside "15" is not the figure 5.
    index = ProseIndex([Paragraph("共15个，其中5个完成。", Location("r.txt", None, None, 1))])
    assert index.sentence(Location("r.txt", None, None, 1), "5") == ("共15个，其中5个完成。", (7, 8))


def test_html_marks_the_figure_and_escapes_the_sentence(book):
    text = "<b>项目</b>预算5.00万元，实际支出6.00万元，执行率为100%。"
    paragraph = Paragraph(text, Location("r.txt", None, None, 2))
    findings = run([paragraph], prose_subject(paragraph, ["预算数", "执行数", "执行率"]), book)
    page = render(Report([FileResult("r.txt", findings=findings)], book), "html")
    assert ("&lt;b&gt;项目&lt;/b&gt;预算5.00万元，实际支出6.00万元，执行率为<mark>100%</mark>。"
            in page)


def test_sarif_carries_the_sentence_as_the_region_snippet(book):
    import json

    text = "项目预算5.00万元，实际支出6.00万元，执行率为100%。"
    paragraph = Paragraph(text, Location("r.txt", None, None, 4))
    findings = run([paragraph], prose_subject(paragraph, ["预算数", "执行数", "执行率"]), book)
    log = json.loads(render(Report([FileResult("r.txt", findings=findings)], book), "sarif"))
    [result] = log["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 4, "snippet": {"text": text}}
