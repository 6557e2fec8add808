"""The words of a rule pack's refusal, in Chinese or English, from the message catalogue.

A pack is refused before any book exists to ask for messages, so the refusals keep their
own small catalogue file beside the shipped packs (`rules/packs.yaml`), read once when a
first refusal is worded.
"""

from __future__ import annotations

import functools
from typing import Any


@functools.cache
def _catalogue() -> dict[str, dict[str, str]]:
    import yaml

    from .pack import builtin_packs

    text = (builtin_packs() / "packs.yaml").read_text(encoding="utf-8")
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return {str(k): v for k, v in (data.get("messages") or {}).items()}


def text(key: str, lang: str = "zh", /, **values: Any) -> str:
    """The refusal `key` in `lang` (Chinese when there is no translation)."""
    texts = _catalogue().get(key) or {}
    template = texts.get(lang) or texts.get("zh")
    if not template:
        return key + (": " + ", ".join(f"{k}={v}" for k, v in values.items()) if values else "")
    return template.format(**values)
