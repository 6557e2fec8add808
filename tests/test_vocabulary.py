"""The vocabulary and the declared facts: labels as data, rules checked against declarations."""

from __future__ import annotations

import pytest

from auditor import vocabulary
from auditor.checks.pack import RulePackError, formula_names, load_rulebook
from auditor.checks.expr import compile_formula
from auditor.model import Location
from auditor.pipeline import unread_findings
from auditor.vocabulary import Group, Vocabulary, VocabularyError


def write(tmp_path, text, name="mine.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


# ---------------------------------------------------------------- matching labels


def group(match="exact", **terms):
    found = Group("test.group", match)
    for term, aliases in terms.items():
        found.add(term, aliases)
    return found


def test_labels_are_compared_as_people_type_them():
    columns = group(全年预算数=["全年预算", "调整后预算数"])
    assert columns.name_of("全年预\n算数（A）") == "全年预算数"
    assert columns.name_of("其中：调整后预算数") == "全年预算数"
    assert columns.name_of("全年执行数") is None


def test_exact_mode_never_takes_a_longer_label_for_a_term():
    rows = group(其他资金=["其他资金"])
    assert rows.name_of("其他资金") == "其他资金"
    assert rows.name_of("其他资金来源说明") is None


def test_the_longest_alias_wins_in_loose_modes():
    columns = group("contains", 公务用车=["公务用车"], 公务用车购置费=["购置费"],
                    公务用车购置及运行维护费=["公务用车购置及运行维护"])
    assert columns.name_of("公务用车购置及运行维护费小计") == "公务用车购置及运行维护费"
    assert columns.name_of("其中：购置费") == "公务用车购置费"


def test_patterns_are_regular_expressions_on_the_label_key():
    rows = group(年初结转和结余=["re:^年初.*结转.*结余$"])
    assert rows.name_of("年初财政拨款结转和结余") == "年初结转和结余"
    assert rows.name_of("年末财政拨款结转和结余") is None


def test_a_bad_pattern_is_refused():
    with pytest.raises(VocabularyError, match="bad pattern"):
        group(年初=["re:(unclosed"])


def test_shipped_vocabulary_is_consistent():
    book = load_rulebook()
    assert book.vocabulary.check_groups() == []
    assert {"document", "selfeval_form", "指标", "final_accounts", "prose_rate"} \
        <= set(book.vocabulary.subjects)


# ---------------------------------------------------------------- a user's pack adds aliases


SHIPPED_GROUP = """
pack: shipped-test
vocabulary:
  test.rows:
    terms:
      其他资金: [其他资金]
"""


def test_a_pack_adds_an_alias_to_a_known_term():
    vocab = Vocabulary()
    vocab.add_groups({"test.rows": {"terms": {"其他资金": ["其他资金"]}}}, "shipped", shipped=True)
    vocab.add_groups({"test.rows": {"terms": {"其他资金": ["自筹资金"]}}}, "mine.yaml", shipped=False)
    assert vocab.name_of("test.rows", "自筹资金") == "其他资金"


def test_a_pack_cannot_invent_groups_or_terms():
    vocab = Vocabulary()
    vocab.add_groups({"test.rows": {"terms": {"其他资金": []}}}, "shipped", shipped=True)
    with pytest.raises(VocabularyError, match="mine.yaml.*not one the recognisers read"):
        vocab.add_groups({"test.nothing": {"terms": {"x": []}}}, "mine.yaml", shipped=False)
    with pytest.raises(VocabularyError, match="mine.yaml.*not `re:` patterns"):
        vocab.add_groups({"test.rows": {"terms": {"其他资金": ["re:(a+)+$"]}}}, "mine.yaml",
                         shipped=False)
    with pytest.raises(VocabularyError, match="mine.yaml.*自筹 is not a term"):
        vocab.add_groups({"test.rows": {"terms": {"自筹": ["自筹资金"]}}}, "mine.yaml",
                         shipped=False)


def test_a_user_pack_with_vocabulary_loads_and_one_with_subjects_is_refused(tmp_path):
    assert load_rulebook().vocabulary.name_of("selfeval.fund_columns", "调整预算数") is None
    path = write(tmp_path, "pack: mine\nvocabulary:\n  selfeval.fund_columns:\n    terms:\n"
                           "      全年预算数: [调整预算数]\n")
    assert load_rulebook([path]).vocabulary.name_of("selfeval.fund_columns", "调整预算数") \
        == "全年预算数"
    path = write(tmp_path, "pack: mine\nsubjects:\n  selfeval_form:\n    facts: {新数: amount}\n",
                 "subjects.yaml")
    with pytest.raises(RulePackError, match="subjects.yaml.*vocabulary aliases only"):
        load_rulebook([path])


# ---------------------------------------------------------------- rules name declared facts


def rule_pack(check: str, applies_to: str = "selfeval_form", each: str | None = None,
              when: str | None = None) -> str:
    lines = ["pack: mine", "rules:", "  - id: MY100", "    title: t", "    severity: error",
             f"    applies_to: {applies_to}", f"    check: \"{check}\""]
    if each:
        lines.append(f"    each: {each}")
    if when:
        lines.append(f"    when: \"{when}\"")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("check,applies_to,each,when", [
    ("总分 == 资金得分 + sum(指标.得分)", "selfeval_form", None, None),
    ("执行率 == 全年执行数 / 全年预算数", "selfeval_form", "资金行", None),
    ("filled(偏差原因)", "selfeval_form", "指标", "得分 < 分值"),
    ("年度 >= 2020", "selfeval_form", "指标", None),  # a member sees its form's facts
    ("T2.合计 == T1.本年收入合计", "final_accounts", None, None),
    ("`T6.30212` <= `T7.当年.因公出国（境）费`", "final_accounts", None, None),
    ("数据个数 >= 0", "final_accounts", "表", None),
])
def test_rules_naming_declared_facts_load(tmp_path, check, applies_to, each, when):
    book = load_rulebook([write(tmp_path, rule_pack(check, applies_to, each, when))])
    assert book.by_id("MY100") is not None


@pytest.mark.parametrize("check,applies_to,each,needle", [
    ("执行律 == 全年执行数 / 全年预算数", "selfeval_form", None, "'执行律' is not a declared fact"),
    ("总分 == sum(指标.得份)", "selfeval_form", None, "'指标.得份' is not a declared fact"),
    ("得分 <= 分值", "selfeval_from", None, "applies_to 'selfeval_from' is not a kind"),
    ("得分 <= 分值", "selfeval_form", "指票", "each '指票' is not a collection"),
])
def test_rules_naming_undeclared_names_are_refused(tmp_path, check, applies_to, each, needle):
    path = write(tmp_path, rule_pack(check, applies_to, each))
    with pytest.raises(RulePackError) as refused:
        load_rulebook([path])
    message = str(refused.value)
    assert "mine.yaml" in message and "MY100" in message and needle in message


def test_every_shipped_rule_names_only_declared_facts():
    from auditor.checks.pack import check_names

    book = load_rulebook()
    assert len(book.rules) > 50
    for rule in book.rules:
        check_names(rule, book.vocabulary)  # raises on the first undeclared name


def test_formula_names_are_dotted_for_members():
    formula = compile_formula("总分 == 资金得分 + sum(指标.得分) and `T7.当年.公务接待费` > 0")
    assert formula_names(formula) == {"总分", "资金得分", "指标.得分", "T7.当年.公务接待费"}


# ---------------------------------------------------------------- unread labels


def test_unread_labels_are_reported_once_per_table():
    book = load_rulebook()
    where = Location("a.xlsx", "表1", "A12")
    with vocabulary.using(book.vocabulary) as unread:
        vocabulary.unread("收入支出决算总表", "其他调入资金", where)
        vocabulary.unread("收入支出决算总表", "其他调入资金", where)  # the same cell twice
        vocabulary.unread("收入支出决算总表", "动用储备", Location("a.xlsx", "表1", "A13"))
        vocabulary.unread("支出决算表", "某栏", Location("a.xlsx", "表3", "F4"), "column")
    findings = unread_findings(book, unread)
    assert [f.rule for f in findings] == ["AR002", "AR002"]
    assert all(f.severity == "info" for f in findings)
    first = findings[0]
    assert "收入支出决算总表" in first.message and "2个标签" in first.message
    assert "其他调入资金" in first.message and "表1!A12" in first.message
    assert first.location == where


def test_unread_outside_a_run_is_ignored():
    vocabulary.unread("表", "标签", Location("x"))  # no run in force: nothing to collect
