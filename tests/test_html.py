"""`--format html`: one self-contained page, checked as a browser shows it.

The browser tests render the report in headless Chromium (`.ci/run` installs it from the
system packages) and read the DOM after the page's script ran. They are skipped, with the
reason, only where no Chromium binary exists.
"""

from __future__ import annotations

import os
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import main
from browser import chromium_binary
from reporting_inputs import HOSTILE_NAME, broken_spec, markdown_form, mixed_workbook


def html_report(tmp_path, *args) -> Path:
    target = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["run", "--format", "html", "--output", str(target),
                                       *map(str, args)])
    assert result.exit_code == 1, result.output
    return target


@pytest.fixture
def report(tmp_path):
    workbook = mixed_workbook(tmp_path / "mixed.xlsx", name=HOSTILE_NAME)
    text = markdown_form(tmp_path / "form.md", broken_spec())
    return html_report(tmp_path, workbook, text, tmp_path / "missing.xlsx")


def test_self_contained(report):
    page = report.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", page)
    assert "<link" not in page and "@import" not in page and "url(" not in page
    assert page.count("<script>") == 1 and "<script src" not in page


def test_document_strings_are_escaped(report):
    page = report.read_text(encoding="utf-8")
    assert HOSTILE_NAME not in page
    assert "&lt;img src=x onerror=&quot;document.title=&#x27;pwned&#x27;&quot;&gt;&amp;" in page


# --- in a browser ---------------------------------------------------------------------

def dump_dom(tmp_path: Path, url: str) -> str:
    profile = tmp_path / "chromium-profile"
    # Without the networking switches Chromium waits on services a closed network lacks.
    command = [chromium_binary(), "--headless", "--no-sandbox", "--disable-gpu",
               "--disable-quic",
               "--no-first-run", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--disable-extensions",
               f"--user-data-dir={profile}", "--virtual-time-budget=2000", "--dump-dom", url]
    done = subprocess.run(command, capture_output=True, text=True, timeout=90,
                          env={**os.environ, "HOME": str(tmp_path)})
    assert done.returncode == 0, done.stderr[-2000:]
    assert "</html>" in done.stdout, done.stderr[-2000:]
    return done.stdout


class Page(HTMLParser):
    """What a reader sees: finding rows (hidden or not), groups, texts by id, elements."""

    def __init__(self, dom: str):
        super().__init__()
        self.rows: list[dict] = []
        self.groups: list[dict] = []
        self.tags: list[str] = []
        self.by_id: dict[str, str] = {}
        self.title = ""
        self.headings: list[str] = []
        self.body: dict = {}
        self._capture: list[list] = []
        self.feed(dom)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        classes = (attrs.get("class") or "").split()
        if tag == "body":
            self.body = attrs
        if tag == "tr" and "finding" in classes:
            self.rows.append({"severity": attrs.get("data-severity"),
                              "rule": attrs.get("data-rule"), "hidden": "hidden" in attrs})
        if tag == "section" and "group" in classes:
            self.groups.append({"hidden": "hidden" in attrs})
        for name in ("id",):
            if attrs.get(name):
                self._capture.append([tag, attrs[name], ""])
        if tag in ("title", "h3"):
            self._capture.append([tag, f"<{tag}>", ""])

    def handle_endtag(self, tag):
        if self._capture and self._capture[-1][0] == tag:
            _, key, text = self._capture.pop()
            if key == "<title>":
                self.title = text
            elif key == "<h3>":
                self.headings.append(text)
            else:
                self.by_id[key] = text

    def handle_data(self, data):
        for item in self._capture:
            item[2] += data

    def visible(self) -> list[tuple[str, str]]:
        return [(r["severity"], r["rule"]) for r in self.rows if not r["hidden"]]


def test_browser_shows_every_finding_and_runs_no_document_text(report, tmp_path):
    page = Page(dump_dom(tmp_path, report.as_uri()))
    assert page.body.get("data-filtered") == "yes"  # the filter script ran
    assert sorted(page.visible()) == [("error", "SE008"), ("error", "SE008"), ("info", "AR001"),
                                      ("warning", "SE010"), ("warning", "SE010")]
    assert page.by_id["shown"] == "5"
    # The hostile form name is text on the page, not an element, and ran nothing.
    assert "img" not in page.tags
    assert page.title == "预决算公开审核报告"
    assert any(h.startswith(HOSTILE_NAME) for h in page.headings)
    dom = dump_dom(tmp_path, report.as_uri())
    assert "无法读取" in dom and "missing.xlsx" in dom


def test_browser_filters_by_severity_and_rule(report, tmp_path):
    errors = Page(dump_dom(tmp_path, report.as_uri() + "#severity=error"))
    assert errors.visible() == [("error", "SE008"), ("error", "SE008")]
    assert errors.by_id["shown"] == "2"
    # The group of the unrecognised sheet has no error left: it is hidden as a whole.
    assert any(g["hidden"] for g in errors.groups)
    one_rule = Page(dump_dom(tmp_path, report.as_uri() + "#severity=error,warning,info&rule=SE010"))
    assert one_rule.visible() == [("warning", "SE010"), ("warning", "SE010")]
    assert one_rule.by_id["shown"] == "2"


def test_readable_at_phone_width_without_sideways_scrolling(tmp_path):
    from browser import browser_page, overflows

    root = Path(__file__).resolve().parents[1] / "samples"
    target = html_report(tmp_path, root / "planted-errors-selfeval.xlsx",
                         root / "chenggong-2019-project-report.docx",
                         root / "putuo-finance-bureau-2024-final-planted.xlsx",
                         mixed_workbook(tmp_path / "mixed.xlsx", name=HOSTILE_NAME))
    with browser_page(375, 800) as page:
        page.goto(target.as_uri())
        assert page.evaluate("innerWidth") == 375
        assert overflows(page) == []
        # each finding is a card that names its columns
        first = page.locator("tr.finding").first
        assert first.locator("td[data-label]").count() == 4
        assert page.evaluate("getComputedStyle(document.querySelector('tr.finding')).display") == "block"
    with browser_page(1280, 800) as page:  # on a desk the findings stay a table
        page.goto(target.as_uri())
        assert page.evaluate("getComputedStyle(document.querySelector('tr.finding')).display") == "table-row"
