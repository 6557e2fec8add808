"""Comparing labels as people type them: `年初预\\n算数`, `其中：当年财政拨款`, `全年预算数（A）`."""

from __future__ import annotations

import functools
import re

from ..numbers import MONEY_UNITS, normalise

_SPACE = re.compile(r"\s+")
_LEAD = re.compile(r"^(?:其中|含|包括)[:：]?")
_TRAIL_NOTE = re.compile(r"[（(][^（）()]*[)）]$")
# Recognition asks for the same few hundred labels thousands of times per file (each
# header against each vocabulary group); the answers depend on the text alone. Bounded,
# so that a batch of many files keeps a flat memory.
_CACHED_LABELS = 1 << 16

_BULLET = re.compile(r"^(?:[0-9]+[.、．]|[一二三四五六七八九十]+[、.．]|[（(][0-9一二三四五六七八九十]+[)）])")


@functools.lru_cache(maxsize=_CACHED_LABELS)
def compact(text: str) -> str:
    """The label without any white space (line breaks inside headers included)."""
    return _SPACE.sub("", normalise(text or ""))


@functools.lru_cache(maxsize=_CACHED_LABELS)
def label_key(text: str) -> str:
    """The label a reader means: no spaces, no 其中, no trailing (A)/(B/A)/（万元）note."""
    key = compact(text)
    key = _LEAD.sub("", key)
    key = _BULLET.sub("", key)
    while True:
        stripped = _TRAIL_NOTE.sub("", key)
        if stripped == key:
            break
        key = stripped
    return key.rstrip(":：")


def unit_in(text: str) -> str | None:
    """A money unit named in a header such as `项目资金（万元）` or `单位：元`."""
    key = compact(text)
    for unit in sorted(MONEY_UNITS, key=len, reverse=True):
        if f"（{unit}）" in key or f"({unit})" in key or f"单位:{unit}" in key \
                or f"单位：{unit}" in key:
            return unit
    return None


def matches(text: str, *names: str) -> bool:
    key = label_key(text)
    return any(key == name for name in names)


def starts(text: str, *names: str) -> bool:
    key = label_key(text)
    return any(key.startswith(name) for name in names)
