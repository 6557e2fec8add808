"""The rule catalogue, generated from the rule packs themselves."""

from __future__ import annotations

import json

from .checks.pack import RuleBook


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
    }


def render_rules(book: RuleBook, fmt: str, lang: str = "zh") -> str:
    if fmt == "json":
        return json.dumps([rule_record(r, lang) for r in book.rules], ensure_ascii=False,
                          indent=2) + "\n"
    from tabulate import tabulate

    rows = [[r.id, book.message(f"ui.{r.severity}", lang) or r.severity, r.applies_to,
             r.text("title", lang), (r.check.source if r.check else f"({r.builtin})")]
            for r in book.rules]
    headers = ["id", book.message("ui.col.severity", lang), "applies_to",
               "title", "check"]
    return tabulate(rows, headers=headers, tablefmt="simple", maxcolwidths=[None, None, None, 30, 50]) + "\n"
