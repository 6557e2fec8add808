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

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from ..model import SEVERITIES
from .expr import Formula, FormulaError, compile_formula


class RulePackError(Exception):
    """A rule pack that cannot be used; the message names the file and the rule."""


RULE_KEYS = {"id", "title", "title_en", "severity", "applies_to", "each", "when", "check", "at",
             "message", "message_en", "description", "description_en", "kind", "builtin",
             "example"}
PACK_KEYS = {"pack", "title", "title_en", "applies_to", "rules", "messages", "description"}
BUILTINS = {"unrecognised", "unread"}


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

    def text(self, field_name: str, lang: str) -> str:
        """A text field in `lang`, falling back to Chinese."""
        if lang == "en":
            return getattr(self, f"{field_name}_en", "") or getattr(self, field_name)
        return getattr(self, field_name)


@dataclass
class RuleBook:
    rules: list[Rule] = field(default_factory=list)
    messages: dict[str, dict[str, str]] = field(default_factory=dict)  # key → {zh, en}
    sources: list[str] = field(default_factory=list)

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
    try:
        return compile_formula(str(value))
    except FormulaError as exc:
        raise RulePackError(f"{source}: rule {rule_id}: {key}: {exc}") from None


def _rule(source: str, pack: dict[str, Any], raw: Any, index: int) -> Rule:
    if not isinstance(raw, dict):
        raise RulePackError(f"{source}: rule #{index + 1} is not a mapping")
    rule_id = str(raw.get("id") or f"#{index + 1}")
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
    )


def load_pack(text: str, source: str) -> tuple[list[Rule], dict[str, dict[str, str]]]:
    import yaml

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        raise RulePackError(f"{source}:{where} not valid YAML ({getattr(exc, 'problem', exc)})") from None
    if not isinstance(data, dict) or not isinstance(data.get("rules", []), list):
        raise RulePackError(f"{source}: a rule pack is a mapping with a 'rules' list")
    unknown = set(data) - PACK_KEYS
    if unknown:
        raise RulePackError(f"{source}: unknown key(s) {', '.join(sorted(unknown))}")
    rules = [_rule(source, data, raw, i) for i, raw in enumerate(data.get("rules") or [])]
    messages = {str(k): (v if isinstance(v, dict) else {"zh": str(v)})
                for k, v in (data.get("messages") or {}).items()}
    return rules, messages


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


def load_rulebook(extra: list[str] | tuple[str, ...] = (), builtin: bool = True) -> RuleBook:
    book = RuleBook()
    texts: list[tuple[str, str]] = []
    if builtin:
        for entry in sorted(builtin_packs().iterdir(), key=lambda e: e.name):
            if entry.name.endswith((".yaml", ".yml")):
                texts.append((f"rules/{entry.name}", entry.read_text(encoding="utf-8")))
    for given in extra:
        path = Path(given)
        if not path.exists():
            raise RulePackError(f"{given}: rule pack not found")
        for file in _pack_files(path):
            try:
                texts.append((str(file), file.read_text(encoding="utf-8")))
            except (OSError, UnicodeDecodeError) as exc:
                raise RulePackError(f"{file}: cannot read ({exc})") from None
    seen: dict[str, str] = {}
    for source, text in texts:
        rules, messages = load_pack(text, source)
        for rule in rules:
            if rule.id in seen:
                raise RulePackError(f"{source}: rule {rule.id}: id already used in {seen[rule.id]}")
            seen[rule.id] = source
        book.rules.extend(rules)
        book.messages.update(messages)
        book.sources.append(source)
    return book
