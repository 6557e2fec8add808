"""The indexes that keep long prose linear answer exactly as the scans they replaced.

Each lookup is run on the real texts (and on a compendium of them) twice: through its
index and through a plain scan of every candidate written here as the reference, and the
answers must be the same objects.
"""

from __future__ import annotations

import re
from decimal import Decimal

from auditor.readers import read_document
from auditor.recognise import recognise
from auditor.recognise.prose import grammar, lexicon, link, subjects
from auditor.recognise.prose.grammar import _same_subject, comparable, labels_match
from auditor.recognise.prose.lookup import ClaimLookup
from conftest import SAMPLES, shared_path

TEXTS = [("seeds", "000_110345ea8efaabfe.txt"), ("seeds", "001_6a4528b01108e78b.txt"),
         ("seeds", "003_701c19d1405d5246.txt"),
         ("realdocs", "putuo-finance-bureau-2024-final.txt"),
         ("realdocs", "putuo-planning-resources-2024-final.txt")]


def _documents():
    for folder, name in TEXTS:
        yield read_document(str(shared_path(folder, name)))
    yield read_document(str(SAMPLES / "fengtai-2021-final-accounts-report.docx"))


def _scan_find(parser, label, passage, before):
    """`_Parser._find` as it was: every claim of the document, in order."""
    limit = (before.paragraph, before.start) if before is not None else None
    best = found = None
    for order, claim in enumerate(parser.prose.claims):
        if limit is not None and (claim.figure.paragraph, claim.figure.start) >= limit:
            continue
        score = labels_match(label, claim.label)
        if claim.passage is not passage and score < 3 and not _same_subject(label, claim):
            continue
        if score >= 2 and (best is None or (score, order) >= best):
            best, found = (score, order), claim
    return found


def test_find_through_the_index_is_the_scan(monkeypatch):
    indexed = grammar._Parser._find
    asked = []

    def both(self, label, passage, before):
        found = indexed(self, label, passage, before)
        assert found is _scan_find(self, label, passage, before), label
        asked.append(found)
        # Every other label of the document asked the same question, to try the index
        # on wanted labels it was not built around.
        for claim in self.prose.claims[-40:]:
            assert indexed(self, claim.label, passage, before) is \
                _scan_find(self, claim.label, passage, before), claim.label
        return found

    monkeypatch.setattr(grammar._Parser, "_find", both)
    for document in _documents():
        grammar.read_prose(document)
    assert asked and any(found is not None for found in asked)


def _scan_base_for(claim, prose):
    """`subjects._base_for` as it was: every claim of the document, in order."""
    if claim.share_base is None:
        return None
    base = comparable(claim.share_base)
    short = base.lstrip("总")
    core = re.sub(r"(?:预算|决算)(?:数|额)?$", "", base)
    scored = []
    for other in prose.claims:
        if other is claim or subjects._order(other.figure) >= subjects._order(claim.figure):
            continue
        if other.kind != claim.kind or other.reference:
            continue
        named = max(labels_match(base, other.label), labels_match(short, other.label),
                    labels_match(core, other.label) if len(core) >= 2 else 0)
        if named < 4 and subjects._siblings(claim.label, other.label):
            continue
        outermost = bool(other.opens) and other.group is None
        if other.passage is not claim.passage and named < 2 \
                and not (len(short) <= 3 and outermost):
            continue
        score = named + (1 if other.opens else 0) + (1 if other.opens and other.group is None
                                                     else 0)
        if score >= 3 or (score >= 2 and len(short) <= 3 and other.opens):
            scored.append((score, other))
    if not scored:
        return None
    top = max(score for score, _ in scored)
    best = [other for score, other in scored if score == top]
    if len({o.figure.quantity.interval for o in best}) > 1 \
            and not subjects._nearest_is_clear(best, claim):
        return None
    return best[-1]


def test_share_bases_through_the_index_are_the_scan():
    shares = found = 0
    for document in _documents():
        prose = grammar.read_prose(document)
        lookup = ClaimLookup(prose.claims, comparable)
        totals = [i for i, c in enumerate(prose.claims) if c.opens and c.group is None]
        step = max(1, len(prose.claims) // 25)
        for position, claim in enumerate(prose.claims):
            bases = [claim.share_base] if claim.share is not None else []
            if position % step == 0:
                # Other labels of the document as bases too, short and long.
                bases += [c.label for c in prose.claims[::step]] + ["支出", "收入", "总额"]
            for base in bases:
                if not base:
                    continue
                claim.share_base, kept = base, claim.share_base
                expected = _scan_base_for(claim, prose)
                assert subjects._base_for(claim, lookup, totals) is expected, base
                claim.share_base = kept
                shares += 1
                found += expected is not None
    assert shares and found


def _scan_match_form(project, forms):
    """`link.match_form` as it was: the longest common run with every form's name."""
    scored = []
    if project.meta.get("named"):
        name = link._key(project.name)
        for form in forms:
            other = link._key(form.name)
            common = link._common(name, other)
            shorter = min(len(name), len(other))
            if common >= 4 and shorter and common / shorter >= 0.9:
                scored.append((common / shorter, common, form))
    else:
        first = re.split(r"[。！？]", str(project.meta.get("text", "")), maxsplit=1)[0]
        for form in forms:
            common = link._common(first, link._key(form.name))
            if common >= 6 and link._agrees(project, form):
                scored.append((1.0, common, form))
        if not scored and len(forms) == 1 and link._agrees(project, forms[0]):
            return forms[0]  # the one form of a report on one project
    if not scored:
        return None
    scored.sort(key=lambda s: (s[0], s[1]), reverse=True)
    if len(scored) > 1 and scored[0][:2] == scored[1][:2]:
        return None
    return scored[0][2]


def test_forms_matched_through_their_names_runs_are_the_scan():
    projects = matched = 0
    for document in _documents():
        root, _ = recognise(document)
        forms = root.collections.get("selfeval_form", [])
        names = link.FormNames(forms)
        for holder in root.collections.get("prose_list", []):
            for project in holder.collections.get("项目", []):
                for named in (True, False):  # each passage read both ways
                    project.meta["named"], kept = named, project.meta.get("named")
                    expected = _scan_match_form(project, forms)
                    assert link.match_form(project, names) is expected, project.name
                    project.meta["named"] = kept
                    projects += 1
                    matched += expected is not None
    assert projects and matched


def _scan_stated_total(prose, low, high, own):
    """`subjects._summary`'s search as it was: every passage, in order."""
    for passage in prose.passages:
        if id(passage) in own:
            continue
        values = [c for c in passage.claims if not c.reference]
        for first, second in zip(values, values[1:]):
            if first.kind != "amount" or second.kind != "amount" or second.role != "执行数" \
                    or lexicon.ROLE_FAMILY.get(first.role or "") != "预算" \
                    or first.sentence != second.sentence or second.group is not None:
                continue
            interval = first.figure.quantity.interval
            if interval.lo <= high and low <= interval.hi:
                return first, second
    return None


def test_list_totals_through_the_bisection_are_the_scan():
    asked = found = 0
    for document in _documents():
        prose = grammar.read_prose(document)
        totals = subjects._StatedTotals(prose)
        amounts = [c for c in prose.claims if c.kind == "amount"]
        for claim in amounts:
            interval = claim.figure.quantity.interval
            for low, high in ((interval.lo, interval.hi), (interval.lo - 1, interval.lo),
                              (interval.hi, interval.hi + Decimal("0.01")),
                              (interval.lo / 2, interval.hi * 2)):
                own = {id(claim.passage)} if found % 2 else set()
                expected = _scan_stated_total(prose, low, high, own)
                assert totals.first_meeting(low, high, own) == expected
                asked += 1
                found += expected is not None
    assert asked and found
