"""How a line a layout wrapped joins the line before it, for every reader of text.

Wrapped CJK text joins without a space; two Latin words or figures keep one apart; and a
number the wrap cut after Chinese words (`年初预算为5` / `08.00万元`) is one number again:
Chinese text wraps at any character, so digits on both sides of the cut are one figure.
"""

from __future__ import annotations

import re

# Digits ending the line, right after a character that is not Latin (年初预算为5).
_CUT_NUMBER = re.compile(r"(?<![\x00-\x7f])[\d,.]+$")


def joiner(before: str, after: str) -> str:
    """What goes between a wrapped line's text and the next line's: "" or " "."""
    if not before or not after:
        return ""
    if _CUT_NUMBER.search(before) and (after[0].isdigit() or after[0] in ".,"):
        return ""  # a figure cut in two by the wrap
    if before[-1].isascii() and before[-1].isalnum() and after[0].isascii() and after[0].isalnum():
        return " "
    return ""
