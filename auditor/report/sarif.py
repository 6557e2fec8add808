"""`--format sarif`: SARIF 2.1.0 for code-scanning dashboards and editors.

One run. The rules are `tool.driver.rules`, titled in the report's language with both
languages' titles and descriptions in their properties. Each finding is a result with its
level, message and a physical location: the file, and for text inputs the line; a workbook
cell (which SARIF's text regions cannot address) is a logical location `sheet!cell`.
Files that could not be read are tool execution notifications.
"""

from __future__ import annotations

import json
import mimetypes
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

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


def artifact_uri(path: str) -> str:
    """A relative path stays a relative URI reference (what code scanning expects)."""
    given = Path(path)
    if given.is_absolute():
        return given.as_uri()
    return quote(PurePosixPath(*given.parts).as_posix())


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
    if description:
        descriptor["fullDescription"] = {"text": description}
    if rule.description:
        descriptor["properties"]["description_zh"] = rule.description
    if rule.description_en:
        descriptor["properties"]["description_en"] = rule.description_en
    if rule.check is not None:
        descriptor["properties"]["formula"] = rule.check.source
    if rule.each:
        descriptor["properties"]["each"] = rule.each
    return descriptor


def _location(location: Location, index: int, uri: str) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri, "index": index}}
    # A text region's line counts in the file itself; a PDF's lines count per page and a
    # viewer cannot go to them, so a PDF location gives page and line as properties.
    if location.line is not None and location.page is None:
        physical["region"] = {"startLine": location.line}
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
            uri: str) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "level": LEVELS.get(finding.severity, "none"),
        "kind": "fail",
        "message": {"text": finding.message},
        "locations": [_location(finding.location, index, uri)],
    }
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
    region = result["locations"][0]["physicalLocation"].get("region")
    if finding.context is not None and region is not None:
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
    rules = report.book.rules
    rule_index = {rule.id: i for i, rule in enumerate(rules)}
    artifacts: list[dict[str, Any]] = []
    results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for file_result in report.results:
        uri = artifact_uri(file_result.path)
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
        results.extend(_result(report, f, rule_index, index, uri) for f in file_result.findings)
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "audit-rules", "version": tool_version(),
                            "rules": [_descriptor(report, rule) for rule in rules]}},
        "language": "zh-CN" if report.lang == "zh" else "en-US",
        "artifacts": artifacts,
        "invocations": [{"executionSuccessful": not notifications or any(
            r.status == "ok" for r in report.results),
            "toolExecutionNotifications": notifications}],
        "results": results,
        "properties": {"summary": report.summary(),
                       "checks": sum(r.checks for r in report.results)},
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(report: Report) -> str:
    return json.dumps(document(report), ensure_ascii=False, indent=2) + "\n"
