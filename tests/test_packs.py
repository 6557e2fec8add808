import pytest

from auditor.checks.pack import RulePackError, load_pack, load_rulebook


def test_builtin_packs_load_with_unique_ids():
    book = load_rulebook()
    ids = [r.id for r in book.rules]
    assert len(ids) == len(set(ids))
    assert {"SE001", "SE003", "SE008", "AR001"} <= set(ids)
    for rule in book.rules:
        assert rule.title and rule.title_en, rule.id
        assert rule.severity in ("error", "warning", "info")


def write(tmp_path, text, name="mine.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_user_pack_adds_rules(tmp_path):
    path = write(tmp_path, """
pack: mine
applies_to: selfeval_form
rules:
  - id: MY001
    title: 执行率不低于60%
    title_en: Execution rate at least 60%
    severity: warning
    check: 执行率 >= 60%
""")
    book = load_rulebook([path])
    assert book.by_id("MY001").check.source == "执行率 >= 60%"


@pytest.mark.parametrize("body,needle", [
    ("rules:\n  - id: X1\n    title: t\n    severity: fatal\n    applies_to: a\n    check: a == b\n",
     "severity"),
    ("rules:\n  - id: X2\n    title: t\n    severity: error\n    applies_to: a\n    check: a ==\n",
     "X2"),
    ("rules:\n  - id: X3\n    title: t\n    severity: error\n    applies_to: a\n"
     "    check: __import__('os')\n", "X3"),
    ("rules:\n  - id: X4\n    severity: error\n    applies_to: a\n    check: a == b\n", "title"),
    ("rules:\n  - id: X5\n    title: t\n    severity: error\n    check: a == b\n", "applies_to"),
    ("rules: [\n", "not valid YAML"),
    ("rules:\n  - id: X6\n    title: t\n    severity: error\n    applies_to: a\n"
     "    check: a == b\n    chekc: typo\n", "chekc"),
])
def test_malformed_pack_names_file_and_rule(tmp_path, body, needle):
    path = write(tmp_path, body)
    with pytest.raises(RulePackError) as excinfo:
        load_rulebook([path])
    message = str(excinfo.value)
    assert path in message
    assert needle in message


def test_duplicate_id_is_refused(tmp_path):
    path = write(tmp_path, "rules:\n  - id: SE001\n    title: t\n    severity: error\n"
                           "    applies_to: a\n    check: a == b\n")
    with pytest.raises(RulePackError, match="SE001.*already used"):
        load_rulebook([path])


def test_load_pack_returns_messages():
    rules, messages = load_pack("messages:\n  hello: {zh: 你好, en: hi}\nrules: []\n", "x.yaml")
    assert rules == [] and messages["hello"]["en"] == "hi"
