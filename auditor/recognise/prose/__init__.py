"""Claims in report prose (决算说明, 绩效自评报告): read, recomputed, matched to forms.

Interface for other recognisers and tools:

    from auditor.recognise.prose import extract_claims, read_prose
    claims = extract_claims(document)   # list[Claim]: every value stated in the prose,
                                        # in reading order
    prose = read_prose(document)        # .claims, .groups (totals with their parts),
                                        # .passages (with named rates, project names)

A `Claim` has `label` (what the value is: 本年收入合计), `figure` (its `Quantity`, text and
`Location`: the line where the number stands), `kind` (amount/count/score), `role`
(预算, 年初预算, 全年预算, 执行数, 结余, 收入, 受理, 办结, 得分 …), `year`, `change` and
`growth` (signed by 增加/减少, 增长/下降; `compared_with` says against what), `share` with
`share_base` (the base named after 占, or None for the total it is listed under),
`parts`/`parent` (其中, 主要包括, 含, numbered items) and `passage`.

`recognise(document, year)` turns them into subjects for `rules/prose.yaml`
(`subjects.py`); `link_forms(root)` matches project passages to the 自评表 in the same
document (`link.py`).
"""

from __future__ import annotations

from ...model import Document, Subject
from .grammar import Claim, Figure, Group, Passage, Prose, Rate, extract_claims, read_prose
from .link import link_forms
from .subjects import build_subjects


def recognise(document: Document, year: int | None) -> list[Subject]:
    if not document.paragraphs:
        return []
    return build_subjects(document, read_prose(document, year), year)


__all__ = ["Claim", "Figure", "Group", "Passage", "Prose", "Rate", "extract_claims",
           "read_prose", "recognise", "link_forms"]
