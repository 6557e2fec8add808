"""The label vocabulary: every label a recogniser understands, kept as data in one place.

Rule packs carry it (`rules/vocabulary/*.yaml` ship the built-in words; a user's pack may
add aliases). A recogniser never holds its own list of labels: it asks a *group* of terms
("the 项目资金 block's columns", "T1's rows") to name a label, and a label the group does
not know is not read and is recorded as unread, never guessed into a default:

    vocabulary:
      selfeval.fund_columns:            # group: what a recogniser asks for
        match: prefix                   # exact (default) | prefix | contains | suffix
        facts_of: 资金行                 # optional: every term is a declared fact of this kind
        terms:
          全年预算数: [全年预算数, 全年预算, 调整后预算数]
          执行率: [执行率, "re:^预算执行率"]     # `re:` marks a regular expression

Labels are compared by `label_key` (no spaces, no 其中, no numbering, no trailing （A）
or （万元） note), aliases likewise. Exact aliases win over the group's looser match mode;
within one mode the longest alias wins, so `公务用车购置费` is not taken for `公务用车`.

The vocabulary in force is set per run (`using`), so that recognisers deep in the pipeline
reach it without every function passing it on; `unread` collects the labels a recogniser
could not name while it is in force.
"""

from __future__ import annotations

import contextlib
import contextvars
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator, TypeVar

from .model import Location

MATCH_MODES = ("exact", "prefix", "contains", "suffix")
# Labels whose name each group remembers. The memo lives on the group, so a vocabulary
# a user's pack extended answers from its own terms, never from the shipped one's memo.
_CACHED_NAMES = 4096


class VocabularyError(ValueError):
    """A vocabulary entry that cannot be used (the pack loader adds the file's name)."""


# A label made of these characters alone is a figure as a reader shows it (12,345.60,
# 99.74%, (1,234)); its key is made of them too, so a group none of whose aliases is
# made of them, and that has no pattern, names no such label.
_FIGURE_CHARS = re.compile(r"[0-9.,%()+\-]+")
_label_key = None
_UNKNOWN = object()  # not in a group's memo (None is an answer: the group does not know it)
T = TypeVar("T")


def shows_figure(label: str) -> bool:
    """True when a label is made of a figure's characters alone: a group whose
    `names_no_figures` holds names no such label."""
    return _FIGURE_CHARS.fullmatch(label) is not None


def _key(text: str) -> str:
    global _label_key
    if _label_key is None:  # imported late: auditor.recognise imports this module
        from .recognise.labels import label_key

        _label_key = label_key
    return _label_key(text)


@dataclass
class Group:
    name: str
    match: str = "exact"
    facts_of: str | None = None
    terms: dict[str, list[str]] = field(default_factory=dict)  # canonical → aliases as given
    _exact: dict[str, str] = field(default_factory=dict, repr=False)
    _loose: list[tuple[str, str]] = field(default_factory=list, repr=False)  # (alias key, term)
    _patterns: list[tuple[re.Pattern[str], str]] = field(default_factory=list, repr=False)
    _cache: dict[str, str | None] = field(default_factory=dict, repr=False)
    # No alias and no pattern can name a figure: `name_of` answers None at once for a
    # cell showing a number, however many distinct numbers a sheet holds.
    names_no_figures: bool = field(default=True, repr=False)
    # Counts the additions: what was found with this group's answers holds while it is
    # unchanged (a scan's memo keys on it).
    revision: int = field(default=0, repr=False)

    def add(self, term: str, aliases: list[str]) -> None:
        known = self.terms.setdefault(term, [])
        for alias in [term, *aliases]:
            if alias in known:
                continue
            known.append(alias)
            if alias.startswith("re:"):
                try:
                    self._patterns.append((re.compile(alias[3:]), term))
                except re.error as exc:
                    raise VocabularyError(f"{self.name}: {term}: bad pattern {alias!r} ({exc})") from None
                self.names_no_figures = False
                continue
            key = _key(alias)
            if key and _FIGURE_CHARS.fullmatch(key):
                self.names_no_figures = False
            if key:
                self._exact.setdefault(key, term)
                self._loose.append((key, term))
        self._loose.sort(key=lambda pair: len(pair[0]), reverse=True)
        self._cache.clear()
        self.revision += 1

    def name_of(self, label: str) -> str | None:
        """The canonical term a label means, or None when this group does not know it."""
        found = self._cache.get(label, _UNKNOWN)
        if found is not _UNKNOWN:
            return found
        if self.cannot_name(label):
            return None  # not cached: a sheet of figures would crowd the labels out
        key = _key(label)
        found = self._find(key) if key else None
        if len(self._cache) >= _CACHED_NAMES:
            self._cache.clear()  # memory stays flat over a batch of many files
        self._cache[label] = found
        return found

    def cannot_name(self, label: str) -> bool:
        """True when this group names no such label whatever it is: a figure, for a group
        no alias or pattern of which is a figure. Cheap, so that a scan can skip it."""
        return self.names_no_figures and _FIGURE_CHARS.fullmatch(label) is not None

    def _find(self, key: str) -> str | None:
        if key in self._exact:
            return self._exact[key]
        for pattern, term in self._patterns:
            if pattern.search(key):
                return term
        if self.match == "exact":
            return None
        for alias, term in self._loose:
            if len(alias) < 2:
                continue
            if (self.match == "prefix" and key.startswith(alias)) \
                    or (self.match == "suffix" and key.endswith(alias)) \
                    or (self.match == "contains" and alias in key):
                return term
        return None

    def aliases(self, term: str) -> list[str]:
        return list(self.terms.get(term, []))


@dataclass
class Declaration:
    """What a kind of subject holds: its facts and their types, texts and collections."""

    kind: str
    facts: dict[str, str] = field(default_factory=dict)  # name → amount|rate|score|count|number|text
    patterns: list[tuple[re.Pattern[str], str]] = field(default_factory=list)
    collections: dict[str, str] = field(default_factory=dict)  # name → member kind
    parent: str | None = None  # the kind whose names this kind also sees
    extends: list[str] = field(default_factory=list)  # kinds whose declarations this one shares

    def type_of(self, name: str) -> str | None:
        if name in self.facts:
            return self.facts[name]
        for pattern, kind in self.patterns:
            if pattern.fullmatch(name):
                return kind
        return None


FACT_TYPES = ("amount", "rate", "score", "count", "number", "text")


@dataclass
class Vocabulary:
    groups: dict[str, Group] = field(default_factory=dict)
    subjects: dict[str, Declaration] = field(default_factory=dict)
    # A recogniser's memos of what groups of this vocabulary make of labels (`memo`).
    _memos: dict[str, tuple[tuple[int, ...], Any]] = field(default_factory=dict, repr=False,
                                                          compare=False)

    def group(self, name: str) -> Group:
        try:
            return self.groups[name]
        except KeyError:
            raise KeyError(f"no vocabulary group {name!r}") from None

    def memo(self, name: str, groups: tuple[str, ...], make: Callable[[Vocabulary], T]) -> T:
        """A recogniser's memo of what `groups` make of labels, kept with this vocabulary:
        `make(self)` when first asked for, and again once one of the groups has changed
        (a pack's aliases added), so that it never answers from terms no longer in force."""
        revisions = tuple(self.group(group).revision for group in groups)
        kept = self._memos.get(name)
        if kept is None or kept[0] != revisions:
            kept = self._memos[name] = (revisions, make(self))
        return kept[1]

    def name_of(self, group: str, label: str) -> str | None:
        return self.group(group).name_of(label)

    # -- building from packs

    def add_groups(self, raw: Any, source: str, *, shipped: bool) -> None:
        if not isinstance(raw, dict):
            raise VocabularyError(f"{source}: 'vocabulary' is a mapping of groups")
        for name, body in raw.items():
            if not isinstance(body, dict) or not isinstance(body.get("terms", {}), dict):
                raise VocabularyError(f"{source}: vocabulary group {name}: a mapping with 'terms'")
            unknown = set(body) - {"match", "facts_of", "terms", "description"}
            if unknown:
                raise VocabularyError(f"{source}: vocabulary group {name}: unknown key(s) "
                                      f"{', '.join(sorted(map(str, unknown)))}")
            group = self.groups.get(str(name))
            if group is None:
                if not shipped:
                    raise VocabularyError(
                        f"{source}: vocabulary group {name} is not one the recognisers read; "
                        f"known groups: {', '.join(sorted(self.groups))}")
                match = str(body.get("match", "exact"))
                if match not in MATCH_MODES:
                    raise VocabularyError(f"{source}: vocabulary group {name}: match must be "
                                          f"one of {', '.join(MATCH_MODES)}")
                group = Group(str(name), match, body.get("facts_of"))
                self.groups[group.name] = group
            for term, aliases in (body.get("terms") or {}).items():
                if aliases is None:
                    aliases = []
                if isinstance(aliases, str):
                    aliases = [aliases]
                if not isinstance(aliases, list) or not all(isinstance(a, (str, int)) for a in aliases):
                    raise VocabularyError(f"{source}: vocabulary {name}.{term}: a list of labels")
                if not shipped and any(str(a).startswith("re:") for a in aliases):
                    # A regular expression from a file nobody reviewed can take minutes on
                    # one label (catastrophic backtracking): a pack adds labels as written.
                    raise VocabularyError(f"{source}: vocabulary {name}.{term}: a pack adds "
                                          "labels as written, not `re:` patterns")
                if not shipped and str(term) not in group.terms:
                    raise VocabularyError(
                        f"{source}: vocabulary {name}: {term} is not a term of this group; "
                        f"a pack adds aliases to the terms {', '.join(group.terms)}")
                try:
                    group.add(str(term), [str(a) for a in aliases])
                except VocabularyError as exc:
                    raise VocabularyError(f"{source}: vocabulary {exc}") from None

    def add_subjects(self, raw: Any, source: str) -> None:
        if not isinstance(raw, dict):
            raise VocabularyError(f"{source}: 'subjects' is a mapping of kinds")
        for kind, body in raw.items():
            if not isinstance(body, dict):
                raise VocabularyError(f"{source}: subject {kind}: a mapping")
            unknown = set(body) - {"facts", "collections", "parent", "extends", "description"}
            if unknown:
                raise VocabularyError(f"{source}: subject {kind}: unknown key(s) "
                                      f"{', '.join(sorted(map(str, unknown)))}")
            declaration = self.subjects.setdefault(str(kind), Declaration(str(kind)))
            for name, fact_type in (body.get("facts") or {}).items():
                if fact_type not in FACT_TYPES:
                    raise VocabularyError(f"{source}: subject {kind}: fact {name}: type must be "
                                          f"one of {', '.join(FACT_TYPES)}, not {fact_type!r}")
                name = str(name)
                if name.startswith("re:"):
                    try:
                        declaration.patterns.append((re.compile(name[3:]), fact_type))
                    except re.error as exc:
                        raise VocabularyError(f"{source}: subject {kind}: bad pattern {name!r} ({exc})") from None
                else:
                    declaration.facts[name] = fact_type
            for name, member in (body.get("collections") or {}).items():
                declaration.collections[str(name)] = str(member)
            if body.get("parent"):
                declaration.parent = str(body["parent"])
            extends = body.get("extends") or []
            declaration.extends.extend([extends] if isinstance(extends, str) else map(str, extends))

    def declarations(self, kind: str) -> list[Declaration]:
        """A kind's declaration and those it extends."""
        found, pending, seen = [], [kind], set()
        while pending:
            name = pending.pop(0)
            if name in seen or name not in self.subjects:
                continue
            seen.add(name)
            found.append(self.subjects[name])
            pending.extend(self.subjects[name].extends)
        return found

    def parent_of(self, kind: str) -> str | None:
        return next((d.parent for d in self.declarations(kind) if d.parent), None)

    def type_of(self, kind: str, name: str) -> str | None:
        """The declared type of fact `name` on `kind` (or on what it extends)."""
        for declaration in self.declarations(kind):
            found = declaration.type_of(name)
            if found is not None:
                return found
        return None

    def collection(self, kind: str, name: str) -> str | None:
        """The kind of the members of collection `name` on `kind`."""
        for declaration in self.declarations(kind):
            if name in declaration.collections:
                return declaration.collections[name]
        return None

    def check_groups(self) -> list[str]:
        """Problems in the shipped data: a group whose terms are not its kind's facts."""
        problems = []
        for group in self.groups.values():
            if group.facts_of is None:
                continue
            if group.facts_of not in self.subjects:
                problems.append(f"vocabulary group {group.name}: facts_of {group.facts_of} is not declared")
                continue
            for term in group.terms:
                if self.type_of(group.facts_of, term) is None:
                    problems.append(f"vocabulary group {group.name}: term {term} is not a declared "
                                    f"fact of {group.facts_of}")
        return problems


# ---------------------------------------------------------------- the vocabulary in force

_CURRENT: contextvars.ContextVar[Vocabulary | None] = contextvars.ContextVar("vocabulary", default=None)


@dataclass(frozen=True)
class Unread:
    """A label a recogniser met and could not name: its row or column was not read."""

    table: str  # the form or table it stands in
    label: str
    location: Location
    what: str = "row"  # row | column


_UNREAD: contextvars.ContextVar[list[Unread] | None] = contextvars.ContextVar("unread", default=None)


def current() -> Vocabulary:
    vocabulary = _CURRENT.get()
    if vocabulary is None:
        from .checks.pack import load_rulebook

        vocabulary = load_rulebook().vocabulary
        _CURRENT.set(vocabulary)
    return vocabulary


def group(name: str) -> Group:
    """A group of the vocabulary in force."""
    return current().group(name)


def name_of(group_name: str, label: str) -> str | None:
    # Asked hundreds of times a form: the group straight from the vocabulary in force,
    # and a label the group has named before answered from its memo without a call.
    vocabulary = _CURRENT.get() or current()
    found = vocabulary.groups.get(group_name) or vocabulary.group(group_name)
    name = found._cache.get(label, _UNKNOWN)
    return found.name_of(label) if name is _UNKNOWN else name


@contextlib.contextmanager
def using(vocabulary: Vocabulary) -> Iterator[list[Unread]]:
    """Recognise with `vocabulary`; yields the list the unread labels are collected in."""
    collected: list[Unread] = []
    token = _CURRENT.set(vocabulary)
    unread_token = _UNREAD.set(collected)
    try:
        yield collected
    finally:
        _CURRENT.reset(token)
        _UNREAD.reset(unread_token)


def unread(table: str, label: str, location: Location, what: str = "row") -> None:
    """Record that a row or column was not read because its label is not in the vocabulary."""
    collected = _UNREAD.get()
    if collected is None:
        return
    entry = Unread(table, label.strip(), location, what)
    if entry not in collected:
        collected.append(entry)
