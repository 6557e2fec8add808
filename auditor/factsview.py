"""`audit-rules facts`: what the recognisers read, form by form and table by table.

This is what the rules see: each fact's name, value, unit, shown precision and place, the
members of each collection (a form's 资金行, a table's rows), and what was *not* read —
labels outside the vocabulary, grids no recogniser took, notes on forms that could not be
completed. A user finds here the label to add to a pack's vocabulary; a rule author finds
the fact names a formula may use.
"""

from __future__ import annotations

import json
from typing import Any

from .checks.pack import RuleBook
from .model import Fact, Location, Subject, Text
from .numbers import Quantity, format_value
from .pipeline import Recognised

# A prose claim's sentence can be long; the table shows its start.
_TEXT_WIDTH = 40


def _where(location: Location) -> str:
    return location.describe()


def _fact_row(fact: Fact, book: RuleBook, kind: str) -> dict[str, Any]:
    declared = book.vocabulary.type_of(kind, fact.name)
    row: dict[str, Any] = {"name": fact.name, "type": declared, "location": _where(fact.location),
                           "label": fact.label}
    quantity = fact.quantity
    if isinstance(quantity, Quantity):
        row.update(value=str(quantity.value), text=quantity.text,
                   shown=format_value(quantity.value, quantity.decimals), unit=quantity.unit,
                   decimals=quantity.decimals, exact=quantity.exact, kind=quantity.kind)
    else:
        row.update(value=None, text="", shown="—", unit=None, decimals=None, exact=None, kind=None)
    return row


def _text_row(name: str, text: Text) -> dict[str, Any]:
    return {"name": name, "type": "text", "value": text.text, "shown": text.text,
            "location": _where(text.location)}


def subject_data(subject: Subject, book: RuleBook) -> dict[str, Any]:
    return {
        "kind": subject.kind,
        "name": subject.name,
        "location": _where(subject.location),
        "facts": [_fact_row(f, book, subject.kind) for f in subject.facts.values()],
        "texts": [_text_row(n, t) for n, t in subject.texts.items()],
        "collections": {name: [subject_data(m, book) for m in members]
                        for name, members in subject.collections.items()},
    }


def _of_kinds(subjects: list[Subject], kinds: tuple[str, ...]) -> list[Subject]:
    """The subjects of the kinds asked for, wherever they hang (T7 inside the 决算 set)."""
    found = []
    for subject in subjects:
        if any(subject.kind.startswith(k) for k in kinds):
            found.append(subject)
            continue
        for members in subject.collections.values():
            found.extend(_of_kinds(members, kinds))
    return found


def facts_data(recognised: Recognised, book: RuleBook, kinds: tuple[str, ...] = ()) -> dict[str, Any]:
    """One input's recognition as plain data (the `--format json` output)."""
    subjects = recognised.recognition.subjects
    if kinds:
        subjects = _of_kinds(subjects, kinds)
    return {
        "path": recognised.document.path,
        "format": recognised.document.format,
        "subjects": [subject_data(s, book) for s in subjects],
        "unread": [{"table": u.table, "label": u.label, "what": u.what,
                    "location": _where(u.location)} for u in recognised.unread],
        "not_checked": [{"what": n.what, "reason": n.reason, "location": _where(n.location)}
                        for n in recognised.not_checked],
        "unrecognised": [{"name": g.name, "location": _where(g.location)}
                         for g in recognised.unclaimed()],
        "notes": [{"location": _where(loc), "note": note} for loc, note in recognised.recognition.notes],
    }


def render_json(items: list[dict[str, Any]]) -> str:
    return json.dumps({"version": 1, "files": items}, ensure_ascii=False, indent=1) + "\n"


def _short(text: str, width: int = _TEXT_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


def _facts_table(data: dict[str, Any], words) -> str:
    from tabulate import tabulate

    rows = []
    for fact in data["facts"]:
        precision = "" if fact["decimals"] is None else (
            words("ui.facts.exact") if fact["exact"] else str(fact["decimals"]))
        rows.append([fact["name"], fact["shown"], fact["unit"] or "", precision,
                     fact["location"], fact.get("type") or words("ui.facts.undeclared")])
    for text in data["texts"]:
        if text["value"].strip():
            rows.append([text["name"], _short(text["value"]), "", "", text["location"], "text"])
    if not rows:
        return ""
    headers = [words(f"ui.facts.col.{c}") for c in ("name", "value", "unit", "decimals",
                                                    "location", "type")]
    return tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True)


def _members_table(members: list[dict[str, Any]], words) -> str:
    """A collection whose members hold only figures and short texts, one member a line."""
    from tabulate import tabulate

    columns: list[str] = []
    for member in members:
        for item in [*member["facts"], *member["texts"]]:
            if item["name"] not in columns:
                columns.append(item["name"])
    rows = []
    for member in members:
        values = {item["name"]: item["shown"] for item in [*member["facts"], *member["texts"]]}
        rows.append([member["name"], member["location"],
                     *(_short(values.get(c, ""), _TEXT_WIDTH // 2) for c in columns)])
    headers = [words("ui.facts.col.name"), words("ui.facts.col.location"), *columns]
    return tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True)


def _render_subject(data: dict[str, Any], words, depth: int, out: list[str]) -> None:
    indent = "  " * depth
    title = words(f"kind.{data['kind']}") if depth == 0 else data["kind"]
    if title.startswith("kind."):
        title = data["kind"]
    out.append(f"{indent}{'==' if depth == 0 else '--'} {title}「{data['name']}」 "
               f"{data['location']}".rstrip())
    table = _facts_table(data, words)
    if table:
        out.extend(indent + line for line in table.splitlines())
    for name, members in data["collections"].items():
        if not members:
            continue
        out.append(f"{indent}  [{name}] × {len(members)}")
        if not any(m["collections"] for m in members):
            out.extend(indent + "  " + line for line in _members_table(members, words).splitlines())
            continue
        for member in members:
            _render_subject(member, words, depth + 1, out)
    if depth == 0:
        out.append("")


def render_table(items: list[dict[str, Any]], book: RuleBook, lang: str) -> str:
    def words(key: str, **values: Any) -> str:
        template = book.message(key, lang) or key
        return template.format(**values) if values else template

    out: list[str] = []
    for data in items:
        out.append(words("ui.facts.file", path=data["path"], subjects=len(data["subjects"])))
        out.append("")
        for subject in data["subjects"]:
            _render_subject(subject, words, 0, out)
        if data["unread"]:
            out.append(words("ui.facts.unread"))
            for entry in data["unread"]:
                out.append(f"  {entry['table']}：“{entry['label']}” {entry['location']}")
        if data["not_checked"]:
            out.append(words("ui.facts.not_checked"))
            for entry in data["not_checked"]:
                out.append(f"  “{entry['what']}” {entry['location']}："
                           f"{words('coverage.' + entry['reason'])}")
        if data["unrecognised"]:
            out.append(words("ui.facts.unrecognised"))
            for grid in data["unrecognised"]:
                out.append(f"  {grid['name']} {grid['location']}".rstrip())
        for note in data["notes"]:
            out.append(f"  {note['note']}")
        out.append("")
    from .report.safe import terminal_block

    # Names and labels come from documents: no control or bidi character reaches a terminal.
    return terminal_block("\n".join(out).rstrip()) + "\n"
