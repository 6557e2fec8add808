"""`--format html`: one self-contained page to read, filter, print and forward.

No external assets: the style and the small filter script are inline, so the page works
offline and as an e-mail attachment. Every string that comes from a document (paths, form
names, messages that quote labels) is escaped; the script reads only the page's own
`data-` attributes, never document text. Filters by severity and by rule are kept in the
address's fragment (`#severity=error&rule=SE001`), so a filtered view can be linked.
"""

from __future__ import annotations

from collections import Counter
from html import escape

from ..model import FileResult, Finding
from . import SEVERITY_ORDER, Report, checked


def e(value: object) -> str:
    return escape("" if value is None else str(value), quote=True)


_STYLE = """
:root { --error: #c62828; --error-bg: #ffc7ce; --warning: #9c6500; --warning-bg: #ffeb9c;
        --info: #1f5f99; --info-bg: #ddebf7; --line: #d0d7de; --muted: #57606a; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei",
       "Noto Sans CJK SC", sans-serif; margin: 0; color: #1f2328; line-height: 1.5; }
header { background: #f6f8fa; border-bottom: 1px solid var(--line); padding: 1rem 2rem;
         position: sticky; top: 0; z-index: 1; }
h1 { font-size: 1.4rem; margin: 0 0 .3rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .5rem; word-break: break-all; }
h3 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
main { padding: 0 2rem 2rem; }
.totals { margin: .2rem 0 .6rem; }
#filters { display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; align-items: center; }
#filters label { white-space: nowrap; }
#rule-filter { max-width: 28rem; }
table { border-collapse: collapse; width: 100%; margin: .3rem 0 1rem; font-size: .92rem; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left;
         vertical-align: top; }
th { background: #f6f8fa; font-weight: 600; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
table.summary { width: auto; }
.badge { display: inline-block; padding: 0 .45rem; border-radius: .7rem; font-size: .85rem;
         white-space: nowrap; }
.badge.error { background: var(--error-bg); color: var(--error); }
.badge.warning { background: var(--warning-bg); color: var(--warning); }
.badge.info { background: var(--info-bg); color: var(--info); }
tr.error td:first-child { border-left: 4px solid var(--error); }
tr.warning td:first-child { border-left: 4px solid var(--warning); }
tr.info td:first-child { border-left: 4px solid var(--info); }
.where { white-space: nowrap; }
.rule-title, .related, .formula, .kind { color: var(--muted); font-size: .85rem; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
       font-size: .85rem; background: #f6f8fa; padding: 0 .2rem; }
blockquote.context { margin: .4rem 0 0; padding: .2rem .6rem; border-left: 3px solid var(--line);
                     background: #fafbfc; }
mark { background: var(--warning-bg); color: inherit; font-weight: 600; padding: 0 .1rem; }
.clean { color: #1a7f37; }
.file-error { color: var(--error); }
details { margin: .3rem 0 1rem; }
summary { cursor: pointer; color: var(--muted); }
.verdict-fail { color: var(--error); }
.verdict-skip { color: var(--muted); }
footer { color: var(--muted); font-size: .85rem; padding: 1rem 2rem; border-top: 1px solid var(--line); }
@media print { header { position: static; } #filters { display: none; } }
/* A phone: no sideways scrolling. Each finding becomes a card whose cells carry their
   column's name; the wide summary tables scroll inside themselves. */
@media (max-width: 640px) {
  header { position: static; padding: .6rem .8rem; }
  main { padding: 0 .8rem 1rem; }
  footer { padding: .8rem; }
  h1 { font-size: 1.15rem; }
  #rule-filter { max-width: 100%; }
  #filters label:last-of-type { white-space: normal; max-width: 100%; }
  table.summary, table.overview, details table, nav.serve table {
    display: block; overflow-x: auto; max-width: 100%; }
  table.findings, table.findings tbody, table.findings tr, table.findings td { display: block; }
  table.findings { border: 0; }
  table.findings tr.head { display: none; }
  table.findings tr.finding { border: 1px solid var(--line); margin: 0 0 .6rem;
                              padding: .3rem .5rem; }
  table.findings td { border: 0; padding: .15rem 0; text-align: left; white-space: normal; }
  table.findings td[data-label]::before { content: attr(data-label) "："; color: var(--muted);
                                          font-size: .85rem; }
  tr.error td:first-child, tr.warning td:first-child, tr.info td:first-child { border-left: 0; }
  tr.finding.error { border-left: 4px solid var(--error); }
  tr.finding.warning { border-left: 4px solid var(--warning); }
  tr.finding.info { border-left: 4px solid var(--info); }
  .where, td.num { white-space: normal; }
  h2, td, blockquote.context { overflow-wrap: anywhere; }
}
"""

# Reads the filter controls and data-severity / data-rule of each finding row; no text of
# the document is ever handled here.
_SCRIPT = """
(function () {
  var boxes = Array.prototype.slice.call(document.querySelectorAll('#filters input[name=severity]'));
  var select = document.getElementById('rule-filter');
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr.finding'));
  var groups = Array.prototype.slice.call(document.querySelectorAll('.group'));
  var shown = document.getElementById('shown');
  function fromHash() {
    var state = {};
    location.hash.replace(/^#/, '').split('&').forEach(function (part) {
      var kv = part.split('=');
      if (kv[0]) state[decodeURIComponent(kv[0])] = decodeURIComponent(kv[1] || '');
    });
    if (state.severity !== undefined) {
      var wanted = state.severity.split(',');
      boxes.forEach(function (b) { b.checked = wanted.indexOf(b.value) >= 0; });
    }
    if (state.rule !== undefined) {
      var known = Array.prototype.some.call(select.options, function (o) { return o.value === state.rule; });
      select.value = known ? state.rule : '';
    }
  }
  function apply(save) {
    var severities = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
    var rule = select.value;
    var count = 0;
    rows.forEach(function (row) {
      var visible = severities.indexOf(row.dataset.severity) >= 0 && (!rule || row.dataset.rule === rule);
      row.hidden = !visible;
      if (visible) count += 1;
    });
    groups.forEach(function (group) {
      group.hidden = !group.querySelector('tr.finding:not([hidden])');
    });
    shown.textContent = String(count);
    document.body.dataset.filtered = 'yes';
    if (save && history.replaceState) {
      history.replaceState(null, '', '#severity=' + severities.join(',') + (rule ? '&rule=' + encodeURIComponent(rule) : ''));
    }
  }
  boxes.forEach(function (b) { b.addEventListener('change', function () { apply(true); }); });
  select.addEventListener('change', function () { apply(true); });
  window.addEventListener('hashchange', function () { fromHash(); apply(false); });
  fromHash();
  apply(false);
})();
"""


def _counts(result: FileResult) -> Counter:
    return Counter(f.severity for f in result.findings)


def _filters(report: Report) -> str:
    counts = report.counts()
    boxes = "".join(
        f'<label><input type="checkbox" name="severity" value="{s}" checked> '
        f'<span class="badge {s}">{e(report.severity(s))}</span> {counts[s]}</label>'
        for s in SEVERITY_ORDER)
    by_rule = Counter(f.rule for r in report.results for f in r.findings)
    options = "".join(
        f'<option value="{e(rule.id)}">{e(rule.id)} {e(rule.text("title", report.lang))} '
        f'({by_rule[rule.id]})</option>'
        for rule in report.book.rules if by_rule[rule.id])
    total = sum(counts.values())
    # The count is marked up after escaping the sentence around it.
    shown = e(report.text("ui.html.shown", shown="\x00", total=total)).replace(
        "\x00", f'<b id="shown">{total}</b>')
    return (f'<form id="filters" onsubmit="return false">'
            f'<span>{e(report.text("ui.html.filter.severity"))}</span>{boxes}'
            f'<label>{e(report.text("ui.col.rule"))} <select id="rule-filter">'
            f'<option value="">{e(report.text("ui.html.filter.all"))}</option>{options}'
            f'</select></label>'
            f'<span>{shown}</span></form>')


def _overview(report: Report) -> str:
    if len(report.results) < 2:
        return ""
    head = "".join(f"<th>{e(report.text(k))}</th>" for k in (
        "ui.html.file", "ui.error", "ui.warning", "ui.info", "ui.html.recognised",
        "ui.html.checks"))
    rows = []
    for index, result in enumerate(report.results, 1):
        counts = _counts(result)
        recognised = (report.subjects_text(result) if result.status == "ok"
                      else report.text("ui.html.unread"))
        rows.append(f'<tr><td><a href="#file-{index}">{e(result.path)}</a></td>'
                    + "".join(f'<td class="num">{counts[s]}</td>' for s in SEVERITY_ORDER)
                    + f"<td>{e(recognised)}</td><td class=\"num\">{result.checks}</td></tr>")
    return f'<table class="overview"><tr>{head}</tr>{"".join(rows)}</table>'


def _summary(report: Report, result: FileResult) -> str:
    counts = _counts(result)
    cases = checked(result)
    verdicts = Counter(c.verdict for c in cases)
    cells = [
        (report.text("ui.error"), counts["error"]),
        (report.text("ui.warning"), counts["warning"]),
        (report.text("ui.info"), counts["info"]),
        (report.text("ui.html.recognised"), report.subjects_text(result)),
        (report.text("ui.html.checks"), report.text(
            "ui.html.checks.detail", checks=result.checks, cases=len(cases),
            failed=verdicts["fail"], skipped=verdicts["skip"])),
        (report.text("ui.html.seconds"), f"{result.seconds:.2f}"),
    ]
    head = "".join(f"<th>{e(label)}</th>" for label, _ in cells)
    body = "".join(f"<td>{e(value)}</td>" for _, value in cells)
    return f'<table class="summary"><tr>{head}</tr><tr>{body}</tr></table>'


# Past this many files the per-file list of rule × form verdicts is left out: a batch
# report stays a page a browser opens (the counts stay in each file's summary).
_CHECK_LISTS_UP_TO = 50


def _checks_run(report: Report, result: FileResult) -> str:
    cases = checked(result)
    if not cases or len(report.results) > _CHECK_LISTS_UP_TO:
        return ""
    head = "".join(f"<th>{e(report.text(k))}</th>" for k in (
        "ui.col.rule", "ui.col.subject", "ui.verdict.pass", "ui.verdict.fail",
        "ui.verdict.skip"))
    rows = "".join(
        f'<tr class="verdict-{c.verdict}"><td>{e(c.rule)} '
        f'<span class="rule-title">{e(report.rule_title(c.rule))}</span></td>'
        f'<td>{e(c.subject)}</td><td class="num">{c.verdicts["pass"]}</td>'
        f'<td class="num">{c.verdicts["fail"]}</td><td class="num">{c.verdicts["skip"]}</td></tr>'
        for c in cases)
    return (f'<details class="checks-run"><summary>{e(report.text("ui.html.checks.list", cases=len(cases)))}'
            f'</summary><table><tr>{head}</tr>{rows}</table></details>')


def context_html(finding: Finding) -> str:
    """The sentence a prose figure stands in, the figure marked."""
    if not finding.context:
        return ""
    text = finding.context
    if finding.span and 0 <= finding.span[0] < finding.span[1] <= len(text):
        start, end = finding.span
        quoted = f"{e(text[:start])}<mark>{e(text[start:end])}</mark>{e(text[end:])}"
    else:
        quoted = e(text)
    return f'<blockquote class="context">{quoted}</blockquote>'


def _label(report: Report, column: str) -> str:
    return f' data-label="{e(report.text("ui.col." + column))}"'


def _finding_row(report: Report, finding: Finding) -> str:
    rule = report.book.by_id(finding.rule)
    formula = (f'<div class="formula">{e(report.text("ui.html.formula"))} '
               f'<code>{e(rule.check.source)}</code></div>'
               if rule is not None and rule.check is not None else "")
    related = ""
    if finding.related:
        places = " · ".join(e(report.where(loc)) for loc in finding.related)
        related = f'<div class="related">{e(report.text("ui.html.related"))} {places}</div>'
    kind = ""
    if finding.kind == "unit_slip":
        kind = f'<div class="kind">{e(report.text("ui.html.kind.unit_slip"))}</div>'
    return (
        f'<tr class="finding {e(finding.severity)}" data-severity="{e(finding.severity)}" '
        f'data-rule="{e(finding.rule)}">'
        f'<td><span class="badge {e(finding.severity)}">{e(report.severity(finding.severity))}'
        f'</span></td>'
        f'<td{_label(report, "rule")}>{e(finding.rule)}<div class="rule-title">{e(finding.title)}</div></td>'
        f'<td{_label(report, "location")}><span class="where">{e(report.where(finding.location))}</span>{related}</td>'
        f'<td>{e(finding.message)}{kind}{context_html(finding)}{formula}</td>'
        f'<td class="num"{_label(report, "reported")}>{e(finding.reported or "")}</td>'
        f'<td class="num"{_label(report, "expected")}>{e(finding.expected or "")}</td></tr>')


def _groups(report: Report, result: FileResult) -> str:
    groups: dict[tuple, list[Finding]] = {}
    for finding in result.findings:
        groups.setdefault((finding.subject_kind or "", finding.subject or ""), []).append(finding)
    head = "".join(f"<th>{e(report.text('ui.col.' + c))}</th>" for c in (
        "severity", "rule", "location", "message", "reported", "expected"))
    out = []
    # Findings about no form or table (unrecognised sheets) come after the forms'.
    for (kind, subject), findings in sorted(groups.items(), key=lambda item: not item[0][1]):
        title = (f'{e(subject)} <span class="rule-title">{e(report.kind_name(kind))}</span>'
                 if subject else e(report.text("ui.html.other")))
        findings = sorted(findings, key=lambda f: SEVERITY_ORDER.get(f.severity, 9))
        rows = "".join(_finding_row(report, f) for f in findings)
        out.append(f'<section class="group"><h3>{title}</h3>'
                   f'<table class="findings"><tr class="head">{head}</tr>{rows}</table></section>')
    return "".join(out)


def _file(report: Report, result: FileResult, index: int) -> str:
    parts = [f'<section class="file" id="file-{index}"><h2>{e(result.path)}</h2>']
    if result.status == "error":
        parts.append(f'<p class="file-error">{e(report.text("ui.file.error", path=result.path, error=result.error))}</p>')
    else:
        parts.append(_summary(report, result))
        parts.append(_checks_run(report, result))
        if result.findings:
            parts.append(_groups(report, result))
        else:
            parts.append(f'<p class="clean">{e(report.text("ui.file.clean"))}</p>')
    parts.append("</section>")
    return "".join(parts)


def render(report: Report) -> str:
    return render_page(report)


def render_page(report: Report, top: str = "") -> str:
    """The page; `top` is markup put above the report (the web page's download links)."""
    from .sarif import tool_version

    title = report.text("ui.html.title")
    lang = "zh-CN" if report.lang == "zh" else "en"
    files = "".join(_file(report, r, i) for i, r in enumerate(report.results, 1))
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{e(title)}</title><style>{_STYLE}</style></head><body>{top}'
        f'<header><h1>{e(title)}</h1>'
        f'<p class="totals">{e(report.text("ui.total", **report.summary()))}</p>'
        f'{_filters(report)}</header>'
        f'<main>{_overview(report)}{files}</main>'
        f'<footer>{e(report.text("ui.html.footer", version=tool_version(), seconds=f"{report.seconds:.2f}"))}'
        f'</footer><script>{_SCRIPT}</script></body></html>\n')
