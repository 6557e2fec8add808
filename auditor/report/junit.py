"""`--format junit`: JUnit XML, the test report Jenkins, GitLab and most CI systems show.

A test suite per input file; a test case per rule × form/table it was checked on. A case
fails when its rule found something at a failing severity (`--fail-on`, errors by default);
findings below that level are written to the case's `system-out`. A case whose rule could
not be evaluated (every operand not reported) is skipped, and so is a table the tool did not
recognise. A file that could not be read is a suite with one erroring case.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict

from ..model import FileResult, Finding
from . import Report, checked

# Characters XML 1.0 cannot carry (workbooks hold vertical tabs and other controls).
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: object) -> str:
    return _ILLEGAL_XML.sub("", str(text))


def _finding_line(report: Report, finding: Finding) -> str:
    line = f"[{report.severity(finding.severity)}] {report.where(finding.location)}: {finding.message}"
    if finding.reported or finding.expected:
        line += " " + report.text("ui.recomputation", reported=finding.reported or "—",
                                  expected=finding.expected or "—")
    return line


class _Suite:
    def __init__(self, report: Report, result: FileResult):
        self.report = report
        self.result = result
        self.element = ET.Element("testsuite", name=_clean(result.path),
                                  time=f"{result.seconds:.3f}", file=_clean(result.path))
        self.tests = self.failures = self.errors = self.skipped = 0

    def case(self, name: str, classname: str) -> ET.Element:
        self.tests += 1
        return ET.SubElement(self.element, "testcase", name=_clean(name),
                             classname=_clean(classname))

    def close(self) -> ET.Element:
        for key in ("tests", "failures", "errors", "skipped"):
            self.element.set(key, str(getattr(self, key)))
        return self.element


def _suite(report: Report, result: FileResult) -> ET.Element:
    suite = _Suite(report, result)
    if result.status == "error":
        case = suite.case(report.text("ui.junit.read"), result.path)
        ET.SubElement(case, "error", type="ReadError", message=_clean(result.error or ""))
        suite.errors += 1
        return suite.close()
    found: dict[tuple, list[Finding]] = defaultdict(list)
    for finding in result.findings:
        found[(finding.rule, finding.subject, finding.subject_kind)].append(finding)
    for item in checked(result):
        key = (item.rule, item.subject, item.subject_kind)
        findings = found.pop(key, [])
        name = f"{item.rule} {report.rule_title(item.rule)}"
        classname = item.subject or report.kind_name(item.subject_kind)
        case = suite.case(name, classname)
        failing = [f for f in findings if f.severity in report.failing]
        if failing:
            suite.failures += 1
            failure = ET.SubElement(case, "failure", type=item.rule,
                                    message=_clean(failing[0].message))
            failure.text = _clean("\n".join(_finding_line(report, f) for f in failing))
        elif item.verdict == "skip":
            suite.skipped += 1
            ET.SubElement(case, "skipped", message=_clean(report.text("ui.verdict.skip")))
        rest = [f for f in findings if f.severity not in report.failing]
        if rest:
            ET.SubElement(case, "system-out").text = _clean(
                "\n".join(_finding_line(report, f) for f in rest))
    # Findings no rule evaluation stands for: tables not recognised, notes of the readers.
    for (rule, subject, kind), findings in found.items():
        for finding in findings:
            where = finding.location.sheet or report.where(finding.location)
            case = suite.case(f"{rule} {report.rule_title(rule)}",
                              subject or where or report.kind_name(kind))
            if finding.severity in report.failing:
                suite.failures += 1
                ET.SubElement(case, "failure", type=rule,
                              message=_clean(finding.message)).text = _clean(
                    _finding_line(report, finding))
            else:
                suite.skipped += 1
                ET.SubElement(case, "skipped", message=_clean(finding.message))
    return suite.close()


def render(report: Report) -> str:
    root = ET.Element("testsuites", name="audit-rules", time=f"{report.seconds:.3f}")
    totals = dict.fromkeys(("tests", "failures", "errors"), 0)
    for result in report.results:
        suite = _suite(report, result)
        root.append(suite)
        for key in totals:
            totals[key] += int(suite.get(key))
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
