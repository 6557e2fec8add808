"""The rule catalogue, generated from the rule packs themselves.

`audit-rules rules` prints it as a table, `--format json` as records and `--format
markdown` as the reference page `docs/rules.md` (a test keeps that page current).

A rule may carry an `example`: the values of its message's placeholders in one case,
which the catalogue fills into the message to show what a finding reads like:

    example:
      subject: 背街小巷环境精细化整治项目
      member: 年度资金总额
      reported: 85.42%
      expected: 80.42%
      全年执行数: 96.5万元
      全年预算数: 120万元

Without one, the catalogue shows the message template itself.
"""

from __future__ import annotations

import json

from .checks.pack import Rule, RuleBook


class _Keep(dict):
    """Placeholders the example does not give stay as `{name}`."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def example_text(rule: Rule, lang: str) -> str | None:
    """The rule's message filled with its example's values, or None without an example."""
    if not rule.example:
        return None
    template = rule.text("message", lang) or rule.text("title", lang)
    values = _Keep({str(k): str(v) for k, v in rule.example.items()})
    values.setdefault("title", rule.text("title", lang))
    try:
        return template.format_map(values)
    except (ValueError, IndexError):  # a malformed template: show it as it is
        return template


def rule_record(rule, lang: str) -> dict:
    return {
        "id": rule.id,
        "title": rule.text("title", lang),
        "title_en": rule.title_en,
        "severity": rule.severity,
        "applies_to": rule.applies_to,
        "each": rule.each,
        "when": rule.when.source if rule.when else None,
        "check": rule.check.source if rule.check else None,
        "builtin": rule.builtin,
        "pack": rule.pack,
        "source": rule.source,
        "description": rule.text("description", lang),
        "example": example_text(rule, lang),
        "replaces": rule.replaces,
    }


def retired_text(book: RuleBook, retired, lang: str) -> str:
    """`已由 BJ002（our.yaml）替换` / `disabled by our.yaml`."""
    key = "ui.catalogue.replaced" if retired.how == "replaced" else "ui.catalogue.disabled"
    template = book.message(key, lang) or key
    return template.format(by=retired.by, source=retired.source)


def retired_records(book: RuleBook, lang: str) -> list[dict]:
    return [{**rule_record(r.rule, lang), "status": r.how, "replaced_by": r.by or None,
             "changed_by": r.source} for r in book.retired]


def _md(text: str) -> str:
    """Markdown-safe inline text: no stray emphasis, tables or HTML from a pack's words."""
    out = text.replace("\\", "\\\\")
    for ch in "*_`<>|[]":
        out = out.replace(ch, "\\" + ch)
    return " ".join(out.split())


def _code(text: str) -> str:
    text = " ".join(text.split())
    fence = "``" if "`" in text else "`"
    pad = " " if "`" in text else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def render_markdown(book: RuleBook, lang: str = "zh") -> str:
    word = lambda key, **values: (book.message(key, lang) or key).format(**values)  # noqa: E731
    out = [f"# {word('ui.catalogue.title')}", "", word("ui.catalogue.intro"), ""]
    packs: dict[str, list[Rule]] = {}
    for rule in book.rules:
        packs.setdefault(rule.pack, []).append(rule)
    out.append("| id | " + " | ".join(word(f"ui.catalogue.{k}") for k in
                                      ("severity", "rule_title", "title_en")) + " |")
    out.append("|---|---|---|---|")
    for rule in book.rules:
        anchor = rule.id.lower()
        out.append(f"| [{rule.id}](#{anchor}) | {word('ui.' + rule.severity)} | "
                   f"{_md(rule.title)} | {_md(rule.title_en)} |")
    out.append("")
    for pack, rules in packs.items():
        sources = sorted({r.source for r in rules})
        out += [f"## {word('ui.catalogue.pack', pack=pack)}", "",
                word("ui.catalogue.source") + " " + ", ".join(f"`{s}`" for s in sources), ""]
        for rule in rules:
            out += _rule_markdown(book, rule, lang, word)
    if book.retired:
        out += [f"## {word('ui.catalogue.status')}", ""]
        out += [f"- {r.rule.id} {_md(r.rule.text('title', lang))}: "
                f"{_md(retired_text(book, r, lang))}" for r in book.retired]
    return "\n".join(out).rstrip() + "\n"


def _rule_markdown(book: RuleBook, rule: Rule, lang: str, word) -> list[str]:
    kind_words = book.message(f"kind.{rule.applies_to}", lang)
    applies = f"{_md(kind_words)} (`{rule.applies_to}`)" if kind_words else f"`{rule.applies_to}`"
    if rule.each:
        applies += " — " + word("ui.catalogue.each", each=rule.each)
    lines = [f"### {rule.id}", "", f"**{_md(rule.title)}**  ", f"*{_md(rule.title_en)}*"
             if rule.title_en else "", ""]
    items = [(word("ui.catalogue.severity"), f"{word('ui.' + rule.severity)} (`{rule.severity}`)"),
             (word("ui.catalogue.applies_to"), applies)]
    if rule.when is not None:
        items.append((word("ui.catalogue.when"), _code(rule.when.source)))
    if rule.check is not None:
        items.append((word("ui.catalogue.formula"), _code(rule.check.source)))
    else:
        items.append((word("ui.catalogue.formula"), word("ui.catalogue.builtin",
                                                         builtin=rule.builtin or "")))
    if rule.kind != "mismatch":
        items.append((word("ui.catalogue.kind"), f"`{rule.kind}`"))
    if rule.replaces:
        items.append((word("ui.catalogue.status"), word("ui.catalogue.replaces",
                                                         rule=rule.replaces)))
    lines += [f"- {label}: {value}" for label, value in items]
    for lang_key in ("zh", "en"):
        description = rule.text("description", lang_key) if lang_key == "zh" else rule.description_en
        if description:
            lines.append(f"- {word('ui.catalogue.description')} ({lang_key}): {_md(description)}")
    example = example_text(rule, lang)
    if example is not None:
        lines.append(f"- {word('ui.catalogue.example')}: {_md(example)}")
    else:
        template = rule.text("message", lang)
        if template:
            lines.append(f"- {word('ui.catalogue.template')}: {_md(template)}")
    lines.append("")
    return lines


def render_rules(book: RuleBook, fmt: str, lang: str = "zh") -> str:
    if fmt == "json":
        records = [{**rule_record(r, lang), "status": "active"} for r in book.rules]
        return json.dumps(records + retired_records(book, lang), ensure_ascii=False,
                          indent=2) + "\n"
    if fmt == "markdown":
        return render_markdown(book, lang)
    from tabulate import tabulate

    rows = [[r.id, book.message(f"ui.{r.severity}", lang) or r.severity, r.applies_to,
             _title_with_replaces(book, r, lang),
             (r.check.source if r.check else f"({r.builtin})")]
            for r in book.rules]
    rows += [[r.rule.id, retired_text(book, r, lang), r.rule.applies_to,
              r.rule.text("title", lang), ""] for r in book.retired]
    headers = ["id", book.message("ui.col.severity", lang), "applies_to",
               "title", "check"]
    return tabulate(rows, headers=headers, tablefmt="simple", maxcolwidths=[None, None, None, 30, 50]) + "\n"


def _title_with_replaces(book: RuleBook, rule: Rule, lang: str) -> str:
    title = rule.text("title", lang)
    if not rule.replaces:
        return title
    note = (book.message("ui.catalogue.replaces", lang) or "replaces {rule}").format(
        rule=rule.replaces)
    return f"{title} ({note})"
