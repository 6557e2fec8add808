"""Prose about a project matched to the project's 自评表 in the same document.

A report names its projects as people do (`接诉即办工作经费项目` for the form's
`接诉即办工作经费`, `96005热线运行费用项目` for `城指中心96005热线运行费用`), or not at
all (`完成了网格化城市服务管理系统平台安全稳定运行的运维保障工作，项目预算115.551万元…`).

- A named passage matches the form whose name shares the longest run of characters with
  it, covering at least nine tenths of the shorter name (after 项目/经费 endings and
  quotes are set aside). Its figures are then compared, whatever they say.
- An unnamed passage matches a form only when its first sentence shares a run of at least
  six characters with the form's name *and* one of its amounts is the form's (budget or
  spending, within rounding), or when the document holds that one form only (a report on
  one project) and one of its amounts is the form's: among several forms, a passage is
  never tied to one by its figures alone.

The matched form's figures are copied onto the passage's subject as 自评表年初预算数,
自评表全年预算数, 自评表全年执行数, 自评表执行率 and 自评表总分 (with the form's locations),
so that the rules of `rules/prose.yaml` compare them like any other facts.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from ...model import Fact, Subject, Text
from ...numbers import Quantity, normalise

FORM_FACTS = {"年初预算数": "自评表年初预算数", "全年预算数": "自评表全年预算数",
              "全年执行数": "自评表全年执行数", "执行率": "自评表执行率", "总分": "自评表总分"}


def _key(name: str) -> str:
    text = re.sub(r"[\s“”\"'‘’「」『』]", "", normalise(name))
    return re.sub(r"(?:项目|工作)$", "", text)


def _common(a: str, b: str) -> int:
    match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return match.size


def _agrees(project: Subject, form: Subject) -> bool:
    pairs = (("预算", "全年预算数"), ("预算", "年初预算数"), ("执行数", "全年执行数"))
    for mine, theirs in pairs:
        a, b = project.facts.get(mine), form.facts.get(theirs)
        if a is None or b is None or not a.reported or not b.reported:
            continue
        assert isinstance(a.quantity, Quantity) and isinstance(b.quantity, Quantity)
        if a.quantity.kind == b.quantity.kind == "amount" and a.interval.meets(b.interval):
            return True
    return False


NAMED_RUN = 4  # characters a named passage must share with a form's name, at least
UNNAMED_RUN = 6  # …and an unnamed passage's first sentence


class FormNames:
    """The forms of a document by the runs of characters in their names.

    A passage can only match a form with which it shares a run of NAMED_RUN (or
    UNNAMED_RUN) characters, so it shares at least one run of that length: the longest
    common run is measured only for the forms the passage's own runs find, in the
    forms' order, instead of for every form.
    """

    def __init__(self, forms: list[Subject]):
        self.forms = forms
        self.keys = [_key(form.name) for form in forms]
        self.runs: dict[int, dict[str, set[int]]] = {}
        for length in (NAMED_RUN, UNNAMED_RUN):
            runs: dict[str, set[int]] = {}
            for index, key in enumerate(self.keys):
                for start in range(len(key) - length + 1):
                    runs.setdefault(key[start:start + length], set()).add(index)
            self.runs[length] = runs

    def sharing(self, text: str, length: int) -> list[tuple[Subject, str]]:
        """(form, its name's key) of the forms sharing a run of `length` with `text`."""
        runs = self.runs[length]
        found: set[int] = set()
        for start in range(len(text) - length + 1):
            found.update(runs.get(text[start:start + length], ()))
        return [(self.forms[index], self.keys[index]) for index in sorted(found)]


def match_form(project: Subject, forms: FormNames) -> Subject | None:
    scored: list[tuple[float, int, Subject]] = []
    if project.meta.get("named"):
        name = _key(project.name)
        for form, other in forms.sharing(name, NAMED_RUN):
            common = _common(name, other)
            shorter = min(len(name), len(other))
            if common >= NAMED_RUN and shorter and common / shorter >= 0.9:
                scored.append((common / shorter, common, form))
    elif project.meta.get("score_only"):
        # 该项目自评得分96.19分, no name and no money: the project of a report on one project.
        return forms.forms[0] if len(forms.forms) == 1 else None
    else:
        text = str(project.meta.get("text", ""))
        first = re.split(r"[。！？]", text, maxsplit=1)[0]
        for form, other in forms.sharing(first, UNNAMED_RUN):
            common = _common(first, other)
            if common >= UNNAMED_RUN and _agrees(project, form):
                scored.append((1.0, common, form))
        if not scored and len(forms.forms) == 1 and _agrees(project, forms.forms[0]):
            # The one project of a report on one project (项目支出绩效自评报告 with its form):
            # its unnamed passage is that project's when one of its amounts is the form's.
            return forms.forms[0]
    if not scored:
        return None
    scored.sort(key=lambda s: (s[0], s[1]), reverse=True)
    if len(scored) > 1 and scored[0][:2] == scored[1][:2]:
        return None  # two forms fit equally well: say nothing rather than guess
    return scored[0][2]


def link_forms(root: Subject) -> None:
    _link_department(root)
    found = root.collections.get("selfeval_form", [])
    if not found:
        return
    forms = FormNames(found)
    for holder in root.collections.get("prose_list", []):
        for project in holder.collections.get("项目", []):
            if project.meta.get("department"):
                continue  # a department's score is its score table's, not a project's form's
            form = match_form(project, forms)
            if form is None:
                continue
            project.meta["form"] = form
            project.texts["自评表"] = Text(form.name, form.location)
            for name, alias in FORM_FACTS.items():
                fact = form.facts.get(name)
                if fact is not None:
                    project.add(Fact(alias, fact.quantity, fact.location, f"自评表{name}"))


def _link_department(root: Subject) -> None:
    """A 部门整体 report's own score (本部门…自评得分95.93分) against the total of its one
    score table (指标得分表 合计); with no such table, or several, it is compared with none.

    A score naming neither the department nor a project (经自评，…综合自评得分93.64分) is
    compared only in a document of one such score, one score table and no 自评表: it can
    then be of nothing else.
    """
    tables = [t for t in root.collections.get("score_table", [])
              if t.facts.get("合计得分") is not None and t.facts["合计得分"].reported]
    if len(tables) != 1:
        return
    table = tables[0]
    scored = [project for holder in root.collections.get("prose_list", [])
              for project in holder.collections.get("项目", []) if project.meta.get("department")]
    unnamed = [project for project in scored if project.meta.get("unnamed")]
    for project in scored:
        if project.meta.get("unnamed") and (len(unnamed) > 1 or root.collections.get("selfeval_form")):
            continue
        project.texts["自评表"] = Text(table.name, table.location)
        total = table.facts["合计得分"]
        project.add(Fact("自评表总分", total.quantity, total.location, "指标得分表合计"))
