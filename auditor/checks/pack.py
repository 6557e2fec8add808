"""Rule packs: YAML files of declarative checks, validated when they are loaded.

    pack: selfeval
    applies_to: selfeval_form        # default for the pack's rules
    rules:
      - id: SE001
        title: 执行率 = 全年执行数 ÷ 全年预算数
        title_en: Execution rate = full-year spending ÷ full-year budget
        severity: error              # error | warning | info
        each: 资金行                  # optional: check every member of a collection
        when: filled(执行率)          # optional condition
        check: 执行率 == 全年执行数 / 全年预算数
        message: "{member}执行率报告为 {reported}，按执行数÷预算数应为 {expected}"

A malformed file or formula raises `RulePackError` naming the file and the rule.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from ..model import SEVERITIES
from ..vocabulary import Vocabulary, VocabularyError
from . import bookcache
from .expr import FUNCTIONS, Formula, FormulaError, compile_formula
from .limits import (MAX_YAML_DEPTH, RulePackError, check_messages, check_template_fields, check_texts,
                     check_yaml_shape, read_pack_file, refuse)


RULE_KEYS = {"id", "title", "title_en", "severity", "applies_to", "each", "when", "check", "at",
             "message", "message_en", "description", "description_en", "kind", "builtin",
             "example", "replaces"}
PACK_KEYS = {"pack", "title", "title_en", "applies_to", "rules", "messages", "description",
             "vocabulary", "subjects", "disable"}
BUILTINS = {"unrecognised", "unread", "one_cause", "nothing_checked"}


@dataclass
class Rule:
    id: str
    title: str
    severity: str
    applies_to: str
    source: str
    pack: str
    title_en: str = ""
    check: Formula | None = None
    each: str | None = None
    when: Formula | None = None
    message: str = ""
    message_en: str = ""
    description: str = ""
    description_en: str = ""
    kind: str = "mismatch"
    builtin: str | None = None
    at: str | None = None  # the fact to point at when no single figure is to blame
    example: dict[str, Any] = field(default_factory=dict)
    replaces: str | None = None  # the id of a shipped rule this one stands in for

    def text(self, field_name: str, lang: str) -> str:
        """A text field in `lang`, falling back to Chinese."""
        if lang == "en":
            return getattr(self, f"{field_name}_en", "") or getattr(self, field_name)
        return getattr(self, field_name)


@dataclass(frozen=True)
class Retired:
    """A rule a later pack took out: `how` is replaced (by rule `by`) or disabled."""

    rule: Rule
    how: str
    by: str
    source: str


@dataclass
class RuleBook:
    rules: list[Rule] = field(default_factory=list)
    messages: dict[str, dict[str, str]] = field(default_factory=dict)  # key → {zh, en}
    sources: list[str] = field(default_factory=list)
    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    # Rules a pack took out (`replaces:`, `disable:`), for the catalogue to say so.
    retired: list[Retired] = field(default_factory=list)

    def by_id(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    def builtin(self, name: str) -> Rule | None:
        return next((r for r in self.rules if r.builtin == name), None)

    def message(self, key: str, lang: str = "zh") -> str:
        texts = self.messages.get(key, {})
        return texts.get(lang) or texts.get("zh", "")


def _formula(source: str, rule_id: str, key: str, value: Any) -> Formula | None:
    if value is None:
        return None
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise refuse(f"{source}: rule {rule_id}", "pack.value.text", key=key)
    try:
        return compile_formula(str(value))
    except FormulaError as exc:
        if exc.code is not None:
            raise refuse(f"{source}: rule {rule_id}: {key}", exc.code, **exc.values) from None
        raise RulePackError(f"{source}: rule {rule_id}: {key}: {exc}") from None


def _rule(source: str, pack: dict[str, Any], raw: Any, index: int) -> Rule:
    if not isinstance(raw, dict):
        raise RulePackError(f"{source}: rule #{index + 1} is not a mapping")
    given_id = raw.get("id")
    rule_id = str(given_id) if isinstance(given_id, (str, int)) and given_id else f"#{index + 1}"
    unknown = set(raw) - RULE_KEYS
    if unknown:
        raise RulePackError(f"{source}: rule {rule_id}: unknown key(s) {', '.join(sorted(unknown))}")
    for key in ("id", "title", "severity"):
        if not raw.get(key):
            raise RulePackError(f"{source}: rule {rule_id}: missing '{key}'")
    if raw["severity"] not in SEVERITIES:
        raise RulePackError(f"{source}: rule {rule_id}: severity must be one of "
                            f"{', '.join(SEVERITIES)}, not {raw['severity']!r}")
    applies_to = raw.get("applies_to") or pack.get("applies_to")
    if not applies_to:
        raise RulePackError(f"{source}: rule {rule_id}: missing 'applies_to'")
    builtin = raw.get("builtin")
    if builtin is not None and builtin not in BUILTINS:
        raise RulePackError(f"{source}: rule {rule_id}: unknown builtin {builtin!r}")
    if builtin is None and not raw.get("check"):
        raise RulePackError(f"{source}: rule {rule_id}: missing 'check'")
    check_texts(raw, f"{source}: rule {rule_id}")
    return Rule(
        id=rule_id, title=str(raw["title"]), severity=raw["severity"],
        applies_to=str(applies_to), source=source, pack=str(pack.get("pack", Path(source).stem)),
        title_en=str(raw.get("title_en", "")),
        check=_formula(source, rule_id, "check", raw.get("check")),
        each=raw.get("each"), when=_formula(source, rule_id, "when", raw.get("when")),
        message=str(raw.get("message", "")), message_en=str(raw.get("message_en", "")),
        description=str(raw.get("description", "")),
        description_en=str(raw.get("description_en", "")),
        kind=str(raw.get("kind", "mismatch")), builtin=builtin, at=raw.get("at"),
        example=dict(raw.get("example") or {}),
        replaces=_replaces(source, rule_id, raw.get("replaces")),
    )


def _replaces(source: str, rule_id: str, value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise RulePackError(f"{source}: rule {rule_id}: replaces must be one rule id")
    return value.strip()


def load_pack(text: str, source: str) -> tuple[list[Rule], dict[str, dict[str, str]]]:
    rules, messages, _ = parse_pack(text, source)
    return rules, messages


def parse_pack(text: str, source: str, shipped: bool = False
               ) -> tuple[list[Rule], dict[str, dict[str, str]], dict]:
    """A pack's rules, its messages, and its raw `vocabulary`/`subjects` sections.

    A pack from anyone but the shipped folder is first measured (size, depth, aliases).
    """
    import yaml

    if not shipped:
        check_yaml_shape(text, source)
    try:
        # The C loader, where PyYAML was built with it, parses the shipped packs ≈ 8× faster.
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        problem = " ".join(str(getattr(exc, "problem", None) or exc).split())[:160]
        raise RulePackError(f"{source}:{where} not valid YAML ({problem})") from None
    except RecursionError:  # the pure-Python loader, where PyYAML has no C loader
        raise refuse(source, "pack.yaml.deep", limit=MAX_YAML_DEPTH) from None
    if not isinstance(data, dict) or not isinstance(data.get("rules", []), list):
        raise RulePackError(f"{source}: a rule pack is a mapping with a 'rules' list")
    unknown = set(data) - PACK_KEYS
    if unknown:
        raise RulePackError(f"{source}: unknown key(s) {', '.join(sorted(unknown))}")
    rules = [_rule(source, data, raw, i) for i, raw in enumerate(data.get("rules") or [])]
    messages = check_messages(data.get("messages"), source)
    sections = {key: data[key] for key in ("vocabulary", "subjects", "disable")
                if data.get(key) is not None}
    return rules, messages, sections


def _pack_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml"))
    return [path]


def builtin_packs() -> Any:
    """The folder of built-in packs: inside an installed package, or `rules/` of a checkout."""
    try:
        return resources.files("auditor.rulepacks")
    except ModuleNotFoundError:
        # An editable install maps `auditor` only; the packs are then in the source tree.
        return Path(__file__).resolve().parents[2] / "rules"


def _builtin_texts() -> list[tuple[str, str, bool]]:
    """The shipped packs: the vocabulary folder first (rules name what it declares)."""
    root = builtin_packs()
    texts = []
    folder = root / "vocabulary"
    if folder.is_dir():
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.name.endswith((".yaml", ".yml")):
                texts.append((f"rules/vocabulary/{entry.name}", entry.read_text(encoding="utf-8"), True))
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name.endswith((".yaml", ".yml")):
            texts.append((f"rules/{entry.name}", entry.read_text(encoding="utf-8"), True))
    return texts


def load_rulebook(extra: list[str] | tuple[str, ...] = (), builtin: bool = True) -> RuleBook:
    book = RuleBook()
    texts: list[tuple[str, str, bool]] = _builtin_texts() if builtin else []
    for given in extra:
        path = Path(given)
        if not path.exists():
            raise RulePackError(f"{given}: rule pack not found")
        for file in _pack_files(path):
            texts.append((str(file), read_pack_file(file), False))
    key = bookcache.book_key(texts)
    cached = bookcache.recall(key, RuleBook)
    if cached is not None:
        return cached
    if builtin and extra:
        # A user's packs on top of the shipped book, itself built once and remembered:
        # a pack refused (or edited) costs its own checks, not the shipped packs' again.
        base = load_rulebook(builtin=True)
        base.vocabulary = copy.deepcopy(base.vocabulary)  # the user's aliases are its own
        book = _build_book(base, [entry for entry in texts if not entry[2]])
    else:
        book = _build_book(book, texts)
    bookcache.keep(key, book)
    return book


def _build_book(book: RuleBook, texts: list[tuple[str, str, bool]]) -> RuleBook:
    seen: dict[str, str] = {rule.id: rule.source for rule in book.rules}
    for source, text, shipped in texts:
        rules, messages, sections = parse_pack(text, source, shipped)
        try:
            if "subjects" in sections:
                if not shipped:
                    raise VocabularyError(f"{source}: 'subjects' are declared by the recognisers' "
                                          "own packs; a pack may add vocabulary aliases only")
                book.vocabulary.add_subjects(sections["subjects"], source)
            if "vocabulary" in sections:
                book.vocabulary.add_groups(sections["vocabulary"], source, shipped=shipped)
        except VocabularyError as exc:
            raise RulePackError(str(exc)) from None
        _retire(book, seen, rules, sections.get("disable"), source)
        for rule in rules:
            if rule.id in seen:
                raise RulePackError(f"{source}: rule {rule.id}: id already used in {seen[rule.id]}")
            seen[rule.id] = source
        book.rules.extend(rules)
        book.messages.update(messages)
        book.sources.append(source)
    if book.vocabulary.subjects:
        for rule in book.rules:
            check_names(rule, book.vocabulary)
    return book


def _retire(book: RuleBook, seen: dict[str, str], rules: list[Rule], disable: Any,
            source: str) -> None:
    """A pack's `disable: [SE009]` and its rules' `replaces: SE002`: the rules loaded before
    are taken out, and the book remembers by whom (a region's own version of a rule)."""
    if disable is not None:
        if not isinstance(disable, list) or not all(isinstance(d, str) for d in disable):
            raise RulePackError(f"{source}: disable must be a list of rule ids, e.g. [SE009]")
        for rule_id in disable:
            _take_out(book, seen, rule_id, Retired(book.by_id(rule_id), "disabled", "", source),
                      f"{source}: disable {rule_id}")
    for rule in rules:
        if rule.replaces:
            _take_out(book, seen, rule.replaces,
                      Retired(book.by_id(rule.replaces), "replaced", rule.id, source),
                      f"{source}: rule {rule.id}: replaces {rule.replaces}")


def _take_out(book: RuleBook, seen: dict[str, str], rule_id: str, retired: Retired,
              where: str) -> None:
    if retired.rule is None:
        gone = next((r for r in book.retired if r.rule.id == rule_id), None)
        detail = f" (already {gone.how} by {gone.source})" if gone else ""
        raise RulePackError(f"{where}: no such rule{detail}")
    book.rules.remove(retired.rule)
    seen.pop(rule_id, None)
    book.retired.append(retired)


# Names a formula may use without any subject declaring them.
_ALWAYS = {"True", "False", "None"}


def _scope_kinds(vocabulary: Vocabulary, kind: str) -> list[str]:
    """A kind and the kinds whose names it sees (its declared parents), nearest first."""
    chain: list[str] = []
    current: str | None = kind
    while current and current not in chain:
        chain.append(current)
        current = vocabulary.parent_of(current)
    if "document" not in chain:
        chain.append("document")
    return chain


def _declared(vocabulary: Vocabulary, kinds: list[str], name: str) -> bool:
    return any(vocabulary.type_of(kind, name) is not None
               or vocabulary.collection(kind, name) is not None for kind in kinds)


def _member_kind(vocabulary: Vocabulary, kinds: list[str], collection: str) -> str | None:
    return next((found for kind in kinds
                 if (found := vocabulary.collection(kind, collection)) is not None), None)


def check_names(rule: Rule, vocabulary: Vocabulary) -> None:
    """Refuses a rule that names a kind, a collection or a fact nobody declares.

    A misspelt fact would otherwise make a rule that never runs: every evaluation would
    find the name missing and be skipped, and the rule would look like one that passes.
    """
    where = f"{rule.source}: rule {rule.id}"
    if rule.applies_to not in vocabulary.subjects:
        raise RulePackError(f"{where}: applies_to {rule.applies_to!r} is not a kind of form or "
                            f"table; known kinds: {', '.join(sorted(vocabulary.subjects))}")
    outer = _scope_kinds(vocabulary, rule.applies_to)
    kinds = outer
    if rule.each:
        member = _member_kind(vocabulary, outer, rule.each)
        if member is None:
            raise RulePackError(f"{where}: each {rule.each!r} is not a collection of "
                                f"{rule.applies_to}")
        kinds = [*_scope_kinds(vocabulary, member), *outer]
    check_template_fields(rule, where, lambda name: _declared(vocabulary, kinds, name))
    for formula in (rule.check, rule.when):
        if formula is None:
            continue
        for name in sorted(formula_names(formula)):
            head, _, rest = name.partition(".")
            if name in _ALWAYS or _declared(vocabulary, kinds, name):
                continue
            if rest:
                member = _member_kind(vocabulary, kinds, head)
                if member is not None and _declared(vocabulary, _scope_kinds(vocabulary, member), rest):
                    continue
            raise RulePackError(f"{where}: {name!r} is not a declared fact of "
                                f"{rule.each or rule.applies_to}")


def formula_names(formula: Formula) -> set[str]:
    """The names a formula reads, dotted where it reads a member's fact (`指标.分值`)."""
    import ast

    names: set[str] = set()
    attribute_parts: set[int] = set()
    for node in ast.walk(formula.tree):
        if isinstance(node, ast.Attribute) and id(node) not in attribute_parts:
            parts, current = [], node
            while isinstance(current, ast.Attribute):
                attribute_parts.add(id(current))
                parts.append(formula.quoted.get(current.attr, current.attr))
                current = current.value
            if isinstance(current, ast.Name):
                attribute_parts.add(id(current))
                parts.append(formula.quoted.get(current.id, current.id))
                names.add(".".join(reversed(parts)))
        elif isinstance(node, ast.Name) and id(node) not in attribute_parts \
                and node.id not in FUNCTIONS:
            names.add(formula.quoted.get(node.id, node.id))
    return names
