"""The rule catalogue: generated from the packs, and docs/rules.md kept current."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from auditor.catalogue import example_text, render_markdown
from auditor.checks.pack import RuleBook, load_pack
from auditor.cli import main

DOCS = Path(__file__).resolve().parents[1] / "docs" / "rules.md"


def test_docs_rules_md_is_the_generated_catalogue():
    result = CliRunner().invoke(main, ["rules", "--format", "markdown"])
    assert result.exit_code == 0
    assert DOCS.read_text(encoding="utf-8") == result.output, (
        "docs/rules.md is out of date: run `audit-rules rules --format markdown -o docs/rules.md`")


def test_every_rule_is_documented(book):
    page = render_markdown(book)
    for rule in book.rules:
        assert f"### {rule.id}\n" in page
        assert rule.title_en in page
        if rule.check is not None:
            assert " ".join(rule.check.source.split()) in page


def test_example_fills_the_message(book):
    rules, messages = load_pack("""
pack: demo
applies_to: selfeval_form
rules:
  - id: DM001
    title: 执行率 = 执行数 ÷ 预算数
    title_en: Rate = spent ÷ budget
    severity: error
    check: 执行率 == 全年执行数 / 全年预算数
    message: "“{subject}”执行率报告为 {reported}，按 {全年执行数} ÷ {全年预算数} 应为 {expected}"
    message_en: "'{subject}': rate {reported}; {全年执行数} / {全年预算数} gives {expected}"
    example: {subject: 示范项目, reported: 85.42%, expected: 80.42%, 全年执行数: 96.5万元, 全年预算数: 120万元}
""", "demo.yaml")
    [rule] = rules
    assert example_text(rule, "zh") == "“示范项目”执行率报告为 85.42%，按 96.5万元 ÷ 120万元 应为 80.42%"
    assert example_text(rule, "en") == "'示范项目': rate 85.42%; 96.5万元 / 120万元 gives 80.42%"
    page = render_markdown(RuleBook(rules=rules, messages=book.messages), "en")
    assert "- Example: '示范项目': rate 85.42%" in page
    assert "- Formula: `执行率 == 全年执行数 / 全年预算数`" in page


def test_markdown_in_a_pack_text_cannot_break_the_page(book):
    rules, _ = load_pack("""
pack: demo
applies_to: x
rules:
  - id: DM002
    title: "a | b <script> *c*"
    severity: info
    check: 1 == 1
""", "demo.yaml")
    page = render_markdown(RuleBook(rules=rules, messages=book.messages))
    assert "a \\| b \\<script\\> \\*c\\*" in page and "<script>" not in page
