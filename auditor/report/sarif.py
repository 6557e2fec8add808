"""`--format sarif`: SARIF 2.1.0 for code-scanning dashboards (GitHub) and editors.

One run. The rules are `tool.driver.rules`: a short and a full description, help as text
and markdown (the formula, the notes, an example finding) and a `helpUri` to the rule's
entry in docs/rules.md, titled in the report's language with both languages' titles and
descriptions in their properties. Each finding is a result with its level, message, a
`partialFingerprints` entry (the baseline fingerprint, which ignores positions) and a
physical location whose artifact URI is relative to `--sarif-root` (never `file://`):
every result has a region — the line for text and PDF inputs (a PDF's line counts on its
page, given as a property), and for a workbook cell its row and column, the cell itself
(which a text region cannot name) being in the message and a logical location
`sheet!cell`. Files that could not be read are tool execution notifications.
"""

from __future__ import annotations

import json
import mimetypes
import os
import re
from collections import Counter
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from ..baseline import fingerprint as fingerprint_of
from ..model import FileResult, Finding, Location
from . import Report

SCHEMA_URI = ("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
              "sarif-schema-2.1.0.json")
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
_MIME = {".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def tool_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("audit-rules")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "0"


# Where the catalogue lives in the audit-rules repository; `--rules-url` points helpUri
# at a published copy of it (a rule's anchor is its id in lower case).
RULES_DOC = "docs/rules.md"
FINGERPRINT_KEY = "auditRulesFinding/v1"


def artifact_uri(path: str, root: str = ".") -> str:
    """The file as a URI reference relative to `root` (what code scanning expects)."""
    given = Path(path)
    if given.is_absolute() or Path(root) != Path("."):
        relative = os.path.relpath(given.resolve(), Path(root).resolve())
        given = Path(relative)
    return quote(PurePosixPath(*given.parts).as_posix())


def rules_url(report: Report) -> str | None:
    """The published catalogue: `--rules-url`, else the package's `Rules` project URL.

    SARIF wants an absolute helpUri, and where audit-rules is published is the user's to
    say; without an address the rules carry their help inline only."""
    given = report.options.get("rules_url")
    if given:
        return given
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        urls = metadata("audit-rules").get_all("Project-URL") or []
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return None
    for entry in urls:
        label, _, url = entry.partition(",")
        if label.strip().lower() == "rules" and url.strip():
            return url.strip()
    return None


def help_uri(rule_id: str, base: str) -> str:
    return f"{base.split('#')[0]}#{rule_id.lower()}"


def _help(report: Report, rule) -> dict[str, str]:
    from ..catalogue import example_text

    lang = report.lang
    word = report.text
    title = rule.text("title", lang)
    lines_text = [title]
    lines_md = [f"**{rule.id} {_md(title)}**"]
    if rule.check is not None:
        lines_text.append(f"{word('ui.catalogue.formula')}: {rule.check.source}")
        lines_md.append(f"{word('ui.catalogue.formula')}: `{' '.join(rule.check.source.split())}`")
    else:
        builtin = word("ui.catalogue.builtin", builtin=rule.builtin or "")
        lines_text.append(f"{word('ui.catalogue.formula')}: {builtin}")
        lines_md.append(f"{word('ui.catalogue.formula')}: {_md(builtin)}")
    if rule.when is not None:
        lines_text.append(f"{word('ui.catalogue.when')}: {rule.when.source}")
        lines_md.append(f"{word('ui.catalogue.when')}: `{' '.join(rule.when.source.split())}`")
    description = rule.text("description", lang)
    if description:
        lines_text.append(description)
        lines_md.append(_md(description))
    example = example_text(rule, lang) or rule.text("message", lang)
    if example:
        label = word("ui.catalogue.example") if rule.example else word("ui.catalogue.template")
        lines_text.append(f"{label}: {example}")
        lines_md.append(f"{label}: {_md(example)}")
    base = report.options.get("_rules_url")
    if base:
        lines_md.append(f"[{RULES_DOC}#{rule.id.lower()}]({help_uri(rule.id, base)})")
    else:
        lines_md.append(f"{RULES_DOC}#{rule.id.lower()}")
    return {"text": "\n".join(lines_text), "markdown": "\n\n".join(lines_md)}


def _md(text: str) -> str:
    out = " ".join(text.split())
    for ch in "\\*_`<>[]|":
        out = out.replace(ch, "\\" + ch)
    return out


def _descriptor(report: Report, rule) -> dict[str, Any]:
    lang = report.lang
    descriptor: dict[str, Any] = {
        "id": rule.id,
        "shortDescription": {"text": rule.text("title", lang)},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {
            "title_zh": rule.title,
            "title_en": rule.title_en or rule.title,
            "appliesTo": rule.applies_to,
            "pack": rule.pack,
            "tags": [rule.pack, rule.applies_to],
        },
    }
    description = rule.text("description", lang)
    if not description:
        kind = report.kind_name(rule.applies_to) or rule.applies_to
        description = report.text("ui.sarif.fallback", title=rule.text("title", lang),
                                  applies=kind)
    descriptor["fullDescription"] = {"text": description}
    descriptor["help"] = _help(report, rule)
    if report.options.get("_rules_url"):
        descriptor["helpUri"] = help_uri(rule.id, report.options["_rules_url"])
    if rule.description:
        descriptor["properties"]["description_zh"] = rule.description
    if rule.description_en:
        descriptor["properties"]["description_en"] = rule.description_en
    if rule.check is not None:
        descriptor["properties"]["formula"] = rule.check.source
    if rule.each:
        descriptor["properties"]["each"] = rule.each
    return descriptor


def _cell_position(cell: str | None) -> tuple[int, int] | None:
    """`H19` → (19, 8): the row and column of an A1 reference."""
    match = re.fullmatch(r"([A-Z]{1,3})([1-9][0-9]*)", cell or "")
    if not match:
        return None
    column = 0
    for letter in match.group(1):
        column = column * 26 + ord(letter) - ord("A") + 1
    return int(match.group(2)), column


def _region(location: Location) -> dict[str, Any]:
    # Code scanning shows a result only with a region. A text line is the line of the file;
    # a PDF's line counts on its page (the page is a property); a workbook cell is its row
    # and column in its sheet (the sheet is in the message and the logical location); a
    # finding about the whole file or table stands at its start.
    if location.line is not None:
        return {"startLine": location.line}
    position = _cell_position(location.cell)
    if position is not None:
        return {"startLine": position[0], "startColumn": position[1]}
    return {"startLine": 1}


def _location(location: Location, index: int, uri: str) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri, "index": index},
                                "region": _region(location)}
    out: dict[str, Any] = {"physicalLocation": physical}
    if location.sheet or location.cell:
        name = location.cell or location.sheet
        qualified = "!".join(p for p in (location.sheet, location.cell) if p)
        out["logicalLocations"] = [{"name": name, "fullyQualifiedName": qualified,
                                    "kind": "element" if location.cell else "object"}]
    if location.page is not None:
        out["properties"] = {"page": location.page}
        if location.line is not None:
            out["properties"]["line"] = location.line
    return out


def _result(report: Report, finding: Finding, rule_index: dict[str, int], index: int,
            uri: str, fingerprint: str) -> dict[str, Any]:
    message = finding.message
    if finding.location.cell:
        message = report.text("ui.sarif.at", message=message, where=report.where(finding.location))
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "level": LEVELS.get(finding.severity, "none"),
        "kind": "fail",
        "message": {"text": message},
        "locations": [_location(finding.location, index, uri)],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
    }
    if report.options.get("baseline") is not None:
        result["baselineState"] = "new"
    if finding.rule in rule_index:
        result["ruleIndex"] = rule_index[finding.rule]
    if finding.related:
        result["relatedLocations"] = [
            {"id": i + 1, **_location(loc, index, uri)} for i, loc in enumerate(finding.related)]
    properties: dict[str, Any] = {"findingKind": finding.kind}
    for key, value in (("reported", finding.reported), ("expected", finding.expected),
                       ("subject", finding.subject), ("subjectKind", finding.subject_kind),
                       ("context", finding.context)):
        if value is not None:
            properties[key] = value
    result["properties"] = properties
    region = result["locations"][0]["physicalLocation"]["region"]
    if finding.context is not None and finding.location.line is not None:
        region["snippet"] = {"text": finding.context}
    return result


def _artifact(result: FileResult, uri: str) -> dict[str, Any]:
    suffix = Path(result.path).suffix.lower()
    artifact: dict[str, Any] = {"location": {"uri": uri}}
    mime = _MIME.get(suffix) or mimetypes.guess_type(result.path)[0]
    if mime:
        artifact["mimeType"] = mime
    return artifact


def document(report: Report) -> dict[str, Any]:
    report.options["_rules_url"] = rules_url(report)
    rules = report.book.rules
    rule_index = {rule.id: i for i, rule in enumerate(rules)}
    artifacts: list[dict[str, Any]] = []
    results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    root = report.options.get("sarif_root") or "."
    for file_result in report.results:
        uri = artifact_uri(file_result.path, root)
        index = len(artifacts)
        artifacts.append(_artifact(file_result, uri))
        if file_result.status == "error":
            notifications.append({
                "level": "error",
                "message": {"text": report.text("ui.file.error", path=file_result.path,
                                                error=file_result.error)},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri,
                                                                         "index": index}}}],
            })
            continue
        seen: Counter = Counter()
        for finding in file_result.findings:
            key = fingerprint_of(finding)
            seen[key] += 1  # the same finding twice in a file: two alerts, told apart
            results.append(_result(report, finding, rule_index, index, uri,
                                   f"{key}:{seen[key]}"))
    driver: dict[str, Any] = {"name": "audit-rules", "version": tool_version(),
                              "rules": [_descriptor(report, rule) for rule in rules]}
    if report.options.get("_rules_url"):
        driver["informationUri"] = report.options["_rules_url"].split("#")[0]
    run: dict[str, Any] = {
        "tool": {"driver": driver},
        "language": "zh-CN" if report.lang == "zh" else "en-US",
        "artifacts": artifacts,
        "invocations": [{"executionSuccessful": not notifications or any(
            r.status == "ok" for r in report.results),
            "toolExecutionNotifications": notifications}],
        "results": results,
        "properties": {"summary": report.summary(),
                       "checks": sum(r.checks for r in report.results)},
    }
    baseline = report.options.get("baseline")
    if baseline is not None:
        run["properties"]["baseline"] = {"file": str(baseline.path),
                                         "known": baseline.known_total}
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(report: Report) -> str:
    return json.dumps(document(report), ensure_ascii=False, indent=2) + "\n"
