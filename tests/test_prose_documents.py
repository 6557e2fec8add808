"""The seeds and the real 决算/预算 texts, as they are, end to end through the CLI.

Each expected finding below was recomputed by hand (see samples/README.md); each document
must report exactly these prose findings: the inconsistencies it really contains, and no
error on a figure that rounding explains.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from auditor.cli import main
from conftest import SAMPLES, shared_path

# (rule, line, reported) of every prose finding, per document
EXPECTED = {
    ("seeds", "000_110345ea8efaabfe.txt"): {
        ("PR021", 12, "35.57%"),  # 96.05/(270−168) = 94.17%: the rate used the original budget
        ("PR046", 25, "1500.83万元"),  # the nine projects' spending adds up to 1493.41万元
    },
    ("seeds", "001_6a4528b01108e78b.txt"): set(),
    ("seeds", "002_2110093e932e6a59.txt"): set(),  # 153.51, 96.85 and 36.91% are rounding
    ("seeds", "003_701c19d1405d5246.txt"): {
        ("PR010", 33, "4.90%"),  # 196.06/(3774.95−196.06) = 5.48%
        ("PR005", 36, "0.06%"),  # 1.82/2735.41 = 0.067%
        ("PR005", 47, "5.26%"),  # 187.73/3656.79 = 5.13%
        ("PR007", 47, "100.13%"),  # the four shares add up to 100.13%
        ("PR061", 68, "2020"),  # 2021年决算数 … 与2020年年初预算数
        ("PR043", 145, "79.08"),  # the form totals 84.08
        ("PR041", 147, "256.426万元"),  # the form has 256.4267
        ("PR044", 151, "8311195.2元"),  # one project in 元 among projects in 万元
        ("PR027", 219, "-2.94%"),  # (3656.79−3919.52)/3919.52 = −6.70%
        ("PR040", 2186, "50000万元"),  # the form's 万元 block holds 5万元 typed in 元
        ("PR041", 2187, "50000万元"),
    },
    ("realdocs", "putuo-commerce-commission-2025-budget.txt"): set(),
    ("realdocs", "putuo-finance-bureau-2024-final.txt"): {
        ("PR005", 409, "71.73%"),  # 2106.66/2940.05 = 71.65%
        ("PR007", 409, "100.07%"),
    },
    ("realdocs", "putuo-planning-resources-2024-final.txt"): {
        ("PR009", 490, "99.86%"),  # 9746.50/9759.38 = 99.868%
        ("PR063", 491, "13.95"),  # 增长 13.95 without %
        ("PR022", 502, "95.45%"),  # 9746.50/10210.34 = 95.457%
        ("PR062", 603, "下降（增长）"),
    },
    ("realdocs", "putuo-social-work-dept-2024-final.txt"): {
        ("PR011", 318, "100.00%"),  # the department was set up in 2024: no base year
        ("PR011", 328, "100.00%"),
        ("PR011", 335, "100.00%"),
        ("PR023", 343, "95.89%"),  # 年初预算 0: 95.89% is of the full-year budget
        ("PR012", 340, "9.55%"),  # 29.42/307.82 = 9.5575%: 9.55% makes the shares add up to 100
        # The template's instruction left under the two empty tables.
        ("PR062", 297, "仍保留该表格式，并在本表下方作下述说明"),
        ("PR062", 309, "仍保留该表格式，并在本表下方作下述说明"),
        ("PR011", 418, "100.00%"),
    },
}


def run_json(path) -> dict:
    result = CliRunner().invoke(main, ["run", "--format", "json", str(path)])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)


def prose_findings(document: dict) -> set[tuple]:
    return {(f["rule"], f["line"], f["reported"]) for f in document["findings"]
            if f["rule"].startswith("PR")}


@pytest.mark.parametrize("where", sorted(EXPECTED), ids=lambda w: w[1])
def test_documents_report_their_real_inconsistencies(where):
    document = run_json(shared_path(*where))
    assert prose_findings(document) == EXPECTED[where]
    assert document["files"][0]["checks"] > 0


def test_findings_in_text_point_at_the_line_of_the_number():
    path = shared_path("realdocs", "putuo-planning-resources-2024-final.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    document = run_json(path)
    for finding in document["findings"]:
        reported = finding["reported"]
        number = "".join(ch for ch in reported if ch.isdigit() or ch in ".-")
        if number:
            assert number.lstrip("-") in lines[finding["line"] - 1].replace(" ", ""), finding


def test_planted_errors_in_a_published_pdf_are_found():
    document = run_json(shared_path("realdocs", "putuo-finance-bureau-2024-final-with-planted-errors.pdf"))
    found = {(f["rule"], f["page"], f["reported"]) for f in document["findings"]
             if f["rule"].startswith("PR")}
    # Planted into the published report: a part heading of 2023, a 收入支出总计 of 0 beside
    # its change, 决算数大于/等于预算数 against the figures, 截至2023年12月31日, 上海市普陀区XX局.
    planted = {("PR064", 18, "2023"), ("PR010", 18, "-1.87%"), ("PR031", 19, "1511.89万元"),
               ("PR031", 20, "80.38万元"), ("PR033", 21, "60.99万元"), ("PR065", 24, "2023"),
               ("PR062", 7, "XX")}
    published = {("PR005", 19, "71.73%"), ("PR007", 19, "100.07%")}  # also in the original
    assert found == planted | published


def test_the_published_pdf_agrees_with_its_text_extract():
    pdf = run_json(shared_path("realdocs", "putuo-finance-bureau-2024-final.pdf"))
    found = {(f["rule"], f["reported"]) for f in pdf["findings"] if f["rule"].startswith("PR")}
    assert found == {("PR005", "71.73%"), ("PR007", "100.07%")}


def test_pdf_sample_made_from_a_word_sample():
    document = run_json(SAMPLES / "chenggong-2019-project-report.pdf")
    found = {(f["rule"], f["page"], f["reported"]) for f in document["findings"]}
    assert found == {("PR021", 1, "35.57%"), ("PR046", 2, "1500.83万元")}


def test_word_sample_of_the_2021_report_reads_like_its_text_export():
    docx = run_json(SAMPLES / "fengtai-2021-final-accounts-report.docx")
    text = run_json(shared_path("seeds", "003_701c19d1405d5246.txt"))
    assert docx["files"][0]["recognised"] == text["files"][0]["recognised"]
    key = lambda f: (f["rule"], f["reported"], f["expected"])  # noqa: E731
    assert sorted(map(key, docx["findings"])) == sorted(map(key, text["findings"]))
