"""What a rule pack must keep to before it is loaded: sizes, depths and message templates.

A pack may come from anyone (`--rules their.yaml`), so it is measured before it is used:
a file too large, YAML nested too deeply or built from aliases, a formula too deep or too
long (auditor.checks.expr), a literal of a thousand digits, or a message template that
reaches into Python objects (`{x.__class__}`, `{0}`, `{x!r}`) or pads to a million
characters is refused in one line naming the file and the rule, in the user's language.
"""

from __future__ import annotations

import string
from pathlib import Path
from typing import Any, Callable

from . import refusals

MAX_PACK_BYTES = 1_000_000  # the shipped packs are 10–30 kB each
MAX_YAML_DEPTH = 32  # the shipped packs nest 6 levels
MAX_YAML_NODES = 100_000  # the shipped packs hold about 15,000 nodes in all
MAX_TEXT_CHARS = 4_000  # a title, a message or a description

TEXT_KEYS = ("id", "title", "title_en", "message", "message_en", "description",
             "description_en", "kind", "at", "each", "applies_to")
TEMPLATE_KEYS = ("message", "message_en")

# The fields a message template may name besides the facts of the rule's subject: those
# the engine fills for every finding and for a unit slip (auditor.checks.engine), and
# those each built-in rule is given by the pipeline.
FINDING_FIELDS = frozenset({"subject", "member", "title", "reported", "expected", "label",
                            "intended", "other", "factor", "hint", "hint_en"})
BUILTIN_FIELDS = {
    "unrecognised": frozenset({"title", "sheet", "reason"}),
    "unread": frozenset({"title", "table", "count", "labels"}),
    "one_cause": frozenset({"title", "table", "count", "rules", "cause"}),
}

class RulePackError(Exception):
    """A rule pack that cannot be used; the message names the file and the rule.

    A refusal worded from the catalogue (rules/packs.yaml) keeps its key, so that `text`
    can say it in English too; `str()` is the Chinese.
    """

    def __init__(self, message: str, code: str | None = None, where: str = "",
                 values: dict[str, Any] | None = None):
        super().__init__(message)
        self.code = code
        self.where = where
        self.values = values or {}

    def text(self, lang: str = "zh") -> str:
        if self.code is None:
            return str(self)
        return f"{self.where}: {refusals.text(self.code, lang, **self.values)}"


def refuse(where: str, code: str, /, **values: Any) -> RulePackError:
    """A refusal of `where` (`file: rule X`) in the catalogue's words for `code`."""
    return RulePackError(f"{where}: {refusals.text(code, 'zh', **values)}", code, where, values)


def read_pack_file(file: Path) -> str:
    """A pack file's text; a special file, a huge file or one not in UTF-8 is refused."""
    try:
        if not file.is_file():
            raise refuse(str(file), "pack.file.special")
        size = file.stat().st_size
        if size > MAX_PACK_BYTES:
            raise refuse(str(file), "pack.file.large", size=_size(size), limit=_size(MAX_PACK_BYTES))
        with file.open("rb") as handle:
            data = handle.read(MAX_PACK_BYTES + 1)
        if len(data) > MAX_PACK_BYTES:  # grown since stat()
            raise refuse(str(file), "pack.file.large", size=f"> {_size(MAX_PACK_BYTES)}",
                         limit=_size(MAX_PACK_BYTES))
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise refuse(str(file), "pack.file.encoding", offset=exc.start) from None
    except OSError as exc:
        raise RulePackError(f"{file}: cannot read ({exc.strerror or exc})") from None


def _size(count: int) -> str:
    return f"{count / 1_000_000:.1f} MB" if count >= 100_000 else f"{count / 1000:.0f} kB"


def check_yaml_shape(text: str, source: str) -> None:
    """Refuses YAML too large or too deep, before it is built into objects.

    The parser's events come one at a time, without recursion, so a hundred thousand
    nested `[` cost a refusal, never the process (the constructor that builds objects
    recurses). Nodes are counted as the aliases expand them: nine aliases of nine aliases
    … (the "billion laughs") stand for a tree no report could walk.
    """
    import yaml

    if len(text) > MAX_PACK_BYTES:
        raise refuse(source, "pack.file.large", size=_size(len(text.encode("utf-8"))),
                     limit=_size(MAX_PACK_BYTES))
    opening = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
    closing = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    anchored: dict[str, int] = {}  # anchor → nodes it stands for
    # Per open collection: (its anchor, nodes inside it so far); the bottom one is the file.
    open_nodes: list[tuple[str | None, int]] = [(None, 0)]
    total = 0
    try:
        for event in yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            if isinstance(event, opening):
                open_nodes.append((event.anchor, 0))
                if len(open_nodes) - 1 > MAX_YAML_DEPTH:
                    raise refuse(source, "pack.yaml.deep", limit=MAX_YAML_DEPTH)
                continue
            if isinstance(event, closing):
                anchor, inside = open_nodes.pop()
                size, new = inside + 1, 1  # its contents were counted as they came
            elif isinstance(event, yaml.ScalarEvent):
                anchor, size, new = event.anchor, 1, 1
            elif isinstance(event, yaml.AliasEvent):
                anchor, size = None, anchored.get(event.anchor, 1)
                new = size
            else:
                continue
            if anchor is not None:
                anchored[anchor] = size
            parent_anchor, inside = open_nodes[-1]
            open_nodes[-1] = (parent_anchor, inside + size)
            total += new
            if total > MAX_YAML_NODES:
                raise refuse(source, "pack.yaml.nodes", limit=MAX_YAML_NODES)
    except yaml.YAMLError:
        return  # the loader says what is wrong, with its line
    except RecursionError:
        raise refuse(source, "pack.yaml.deep", limit=MAX_YAML_DEPTH) from None


def check_texts(raw: dict[str, Any], where: str) -> None:
    """A rule's words are texts of a sensible length, and its templates name fields only."""
    for key in TEXT_KEYS:
        value = raw.get(key)
        if value is None:
            continue
        if isinstance(value, (dict, list, bool)):
            raise refuse(where, "pack.value.text", key=key)
        if len(str(value)) > MAX_TEXT_CHARS:
            raise refuse(where, "pack.value.long", key=key, chars=len(str(value)),
                         limit=MAX_TEXT_CHARS)
    for key in TEMPLATE_KEYS:
        if raw.get(key) is not None:
            template_fields(str(raw[key]), where, key)
    example = raw.get("example")
    if example is not None and (not isinstance(example, dict) or not all(
            isinstance(v, (str, int, float)) and len(str(v)) <= MAX_TEXT_CHARS
            for v in example.values())):
        raise refuse(where, "pack.value.text", key="example")


def template_fields(template: str, where: str, key: str) -> set[str]:
    """The names a message template fills; a positional, indexed, attribute, converted or
    formatted field is refused (`{0}`, `{x[0]}`, `{x.__class__}`, `{x!r}`, `{x:>999999}`)."""
    names: set[str] = set()
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError:
        raise refuse(where, "pack.template.braces", key=key) from None
    for _, field, spec, conversion in parsed:
        if field is None:
            continue
        plain = field and not field.isdigit() and not any(c in field for c in ".[]{}")
        if not plain or conversion is not None or spec:
            shown = field + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
            raise refuse(where, "pack.template.field", key=key, field=shown[:40])
        names.add(field)
    return names


def check_template_fields(rule: Any, where: str, declared: Callable[[str], bool]) -> None:
    """Each field of the rule's templates is one the engine fills or a fact of its subject."""
    if rule.builtin and rule.builtin not in BUILTIN_FIELDS:
        return  # a built-in rule whose fields the pipeline names: its templates are plain
    known = BUILTIN_FIELDS[rule.builtin] if rule.builtin else FINDING_FIELDS
    for key in TEMPLATE_KEYS:
        for name in sorted(template_fields(getattr(rule, key), where, key)):
            if name not in known and (rule.builtin or not declared(name)):
                raise refuse(where, "pack.template.unknown", key=key, field=name)


def check_messages(raw: Any, source: str) -> dict[str, dict[str, str]]:
    """A pack's `messages:` (key → {zh, en}), each a text whose fields are names only."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise refuse(source, "pack.value.mapping", key="messages")
    messages: dict[str, dict[str, str]] = {}
    for key, value in raw.items():
        texts = value if isinstance(value, dict) else {"zh": value}
        where = f"{source}: messages {key}"
        for lang, text in texts.items():
            if text is None:
                # `{zh: 甲, en: a, b}` reads `b` as a key without a text: nothing to check.
                continue
            if isinstance(text, (dict, list, bool)):
                raise refuse(where, "pack.value.text", key=str(lang))
            if len(str(text)) > MAX_TEXT_CHARS:
                raise refuse(where, "pack.value.long", key=str(lang), chars=len(str(text)),
                             limit=MAX_TEXT_CHARS)
            template_fields(str(text), where, str(lang))
        messages[str(key)] = {str(lang): (None if text is None else str(text))  # type: ignore[misc]
                              for lang, text in texts.items()}
    return messages
