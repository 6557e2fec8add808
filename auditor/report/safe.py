"""Text from documents made safe for the places the tool writes it.

Documents are written by anyone: a form name can carry bidi overrides that reorder a
terminal line (so a figure seems to belong to another row), escape sequences that move the
cursor, or a leading `=`/`+`/`-`/`@` that a spreadsheet turns into a formula when the cell
is edited or exported. The reporters pass document text through these helpers; they never
change what the text says, only how it can be (mis)interpreted.
"""

from __future__ import annotations

import codecs
import re
import sys
import unicodedata

# C0 and C1 controls (tab, newline and carriage return included: a table cell is one line),
# DEL, and the bidi embedding, override and isolate marks (U+202A–202E, U+2066–2069,
# U+200E/F, U+061C).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_LINE_BREAKS = re.compile("[\r\n\t\v\f\x1c-\x1e\x85\u2028\u2029]+")


def terminal_text(value: object) -> str:
    """One line for a terminal: line breaks become spaces, controls and bidi marks go."""
    text = "" if value is None else str(value)
    return _UNSAFE.sub("", _LINE_BREAKS.sub(" ", text))


def terminal_block(value: object) -> str:
    """Several lines for a terminal: each line cleaned as `terminal_text`."""
    text = "" if value is None else str(value)
    return "\n".join(terminal_text(line) for line in text.split("\n"))


# What a spreadsheet takes as the start of a formula when a cell is typed into or a sheet is
# exported and opened again (the full-width forms are converted by CJK input methods).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
# A signed figure such as -5万元 or +3.2% is data, not a formula.
_SIGNED_FIGURE = re.compile(r"[+\-－＋][\d.,，]+[%％\w]*")


def could_be_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS) and not _SIGNED_FIGURE.fullmatch(text)


def put_cell_text(cell, value: object) -> None:
    """Writes `value` into an openpyxl cell as text that no spreadsheet evaluates.

    openpyxl makes any str starting with `=` a formula, so the type is set back to text;
    text that a spreadsheet would read as a formula when the cell is edited gets Excel's
    own quote prefix (the `'` a user types before such text), which keeps the text exactly
    as written and shown.
    """
    text = "" if value is None else str(value)
    cell.value = text
    if cell.data_type != "s":
        cell.data_type = "s"
    if could_be_formula(text):
        cell.quotePrefix = True


# --- the console's encoding -----------------------------------------------------------

# Readable stand-ins where the console's encoding lacks a character: 10⁴ stays 10^4, and a
# minus stays a minus; anything else becomes "?".
_STAND_INS = {"\u2212": "-", "\u2013": "-", "\u2014": "--", "\u00b7": ".", "\u2022": "*",
              **{sup: "^" + digit for sup, digit in zip("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")},
              "\u207a": "^+", "\u207b": "^-"}
ERRORS = "audit-rules-replace"


def _stand_in(error: UnicodeError):
    if not isinstance(error, UnicodeEncodeError):
        raise error
    out = []
    for char in error.object[error.start:error.end]:
        candidate = _STAND_INS.get(char) or unicodedata.normalize("NFKC", char)
        try:
            candidate.encode(error.encoding)
        except (UnicodeEncodeError, LookupError):
            candidate = "?"
        out.append(candidate)
    return "".join(out), error.end


codecs.register_error(ERRORS, _stand_in)


def never_fail_on_encoding(*streams) -> None:
    """Makes the standard streams replace what their encoding cannot hold (a GBK console or
    redirect on Chinese Windows) instead of stopping the run with UnicodeEncodeError."""
    for stream in streams or (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
        if encoding.startswith("utf") or not hasattr(stream, "reconfigure"):
            continue
        try:
            stream.reconfigure(errors=ERRORS)
        except (ValueError, OSError):  # a closed or detached stream: nothing to print to
            pass
