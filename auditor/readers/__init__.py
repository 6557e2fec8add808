"""Readers: a file in, a `Document` of grids and paragraphs out, each with its location.

A reader is chosen by the file's content, checked against its extension (a .xlsx that is
really a .xls is read as one; a .pdf that is a web page is refused, saying so);
`read_document` turns every failure into a `ReadError` whose message names the problem in
one line of plain words, so a batch can go on. The exception behind it stays in
`ReadError.detail` for a verbose log.
"""

from __future__ import annotations

import importlib
import os
import stat
from functools import lru_cache
from pathlib import Path

from ..limits import Limits, current
from ..model import Document


class Term:
    """A word of a message that is itself a catalogue entry (`read.kind.xlsx`)."""

    __slots__ = ("key", "fields")

    def __init__(self, key: str, **fields: object):
        self.key = key
        self.fields = fields

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Term) and (self.key, self.fields) == (other.key, other.fields)

    def __repr__(self) -> str:
        return f"Term({self.key!r})"


class ReadError(Exception):
    """The file cannot be read. `key` names the message (`read.*` in rules/read.yaml),
    `fields` fill it, `detail` keeps the technical cause for --verbose."""

    def __init__(self, key: str, detail: str = "", **fields: object):
        super().__init__(key)
        self.key = key
        self.fields = fields
        self.detail = detail

    def message(self, book=None, lang: str = "zh") -> str:
        """The one-line message in `lang`, from the book's catalogue (or the shipped one)."""
        def lookup(key: str) -> str:
            text = book.message(key, lang) if book is not None else ""
            return text or _shipped(key, lang) or key

        def fill(key: str, fields: dict) -> str:
            words = {name: fill(value.key, value.fields) if isinstance(value, Term) else value
                     for name, value in fields.items()}
            try:
                return lookup(key).format(**words)
            except (KeyError, IndexError, ValueError):
                return lookup(key)
        return " ".join(fill(self.key, self.fields).split())

    def __str__(self) -> str:
        return self.message()


@lru_cache(maxsize=1)
def _catalogue() -> dict[str, dict[str, str]]:
    from ..checks.pack import builtin_packs, parse_pack

    pack = builtin_packs() / "read.yaml"
    return parse_pack(pack.read_text(encoding="utf-8"), "rules/read.yaml")[1]


def _shipped(key: str, lang: str) -> str:
    texts = _catalogue().get(key, {})
    return texts.get(lang) or texts.get("zh", "")


# extension → module with a `read(path: str, limits: Limits) -> Document` function
READERS: dict[str, str] = {
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".xls": "calamine",
    ".xlsb": "calamine",
    ".ods": "calamine",
    ".csv": "csv",
    ".docx": "docx",
    ".txt": "text",
    ".md": "text",
    ".pdf": "pdf",
}

# The kind of content each extension promises (see `sniff`), and its name in messages.
_EXPECTED = {".xlsx": "xlsx", ".xlsm": "xlsx", ".xls": "xls", ".xlsb": "xlsb", ".ods": "ods",
             ".csv": "text", ".docx": "docx", ".txt": "text", ".md": "text", ".pdf": "pdf"}
KIND_OF = {".xlsx": "xlsx", ".xlsm": "xlsx", ".xls": "xls", ".xlsb": "xlsb", ".ods": "ods",
           ".csv": "csv", ".docx": "docx", ".txt": "txt", ".md": "txt", ".pdf": "pdf"}
# Content read by another reader than the extension's: Excel opens these without a word.
_READ_AS = {(".xlsx", "xls"): "calamine", (".xlsm", "xls"): "calamine",
            (".xls", "xlsx"): "xlsx", (".xls", "xlsb"): "calamine", (".xlsb", "xlsx"): "xlsx"}


def column_letter(index: int) -> str:
    """The A1-style letters of a 0-based column (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def supported_extensions() -> list[str]:
    return sorted(READERS)


def kind_term(kind: str) -> Term:
    return Term(f"read.kind.{kind}")


def regular_file(path: str) -> os.stat_result:
    """The file's status, or a `ReadError` for anything but a readable regular file.

    A FIFO would block the reader for ever and /dev/zero never ends: only regular files
    (a symlink counts as what it points to) are opened at all.
    """
    try:
        status = os.stat(path)
    except FileNotFoundError:
        raise ReadError("read.not_found") from None
    except PermissionError as exc:
        raise ReadError("read.no_access", detail=str(exc)) from None
    except OSError as exc:
        raise ReadError("read.not_found", detail=str(exc)) from None
    mode = status.st_mode
    if stat.S_ISDIR(mode):
        raise ReadError("read.directory")
    if not stat.S_ISREG(mode):
        what = ("fifo" if stat.S_ISFIFO(mode) else "socket" if stat.S_ISSOCK(mode)
                else "device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "other")
        raise ReadError("read.not_regular", what=Term(f"read.what.{what}"))
    if not os.access(path, os.R_OK):
        raise ReadError("read.no_access")
    return status


def read_document(path: str, limits: Limits | None = None) -> Document:
    from .sniff import describe_failure, sniff

    limits = limits or current()
    file = Path(path)
    suffix = file.suffix.lower()
    status = regular_file(path)
    module_name = READERS.get(suffix)
    if module_name is None:
        raise ReadError("read.unsupported", ext=file.suffix or "(无扩展名)",
                        supported="、".join(supported_extensions()))
    if status.st_size == 0:
        raise ReadError("read.empty")
    actual = sniff(path)
    expected = _EXPECTED[suffix]
    if actual == "encrypted":
        raise ReadError("read.encrypted", detail="OLE2 container with EncryptionInfo")
    if actual == "zip-damaged":
        if expected in ("xlsx", "xlsb", "ods", "docx"):
            raise ReadError("read.corrupt", kind=kind_term(KIND_OF[suffix]),
                            detail="zip central directory unreadable")
        actual = "zip"
    if actual != expected:
        module_name = _READ_AS.get((suffix, actual))
        if module_name is None:
            raise ReadError("read.wrong_format", kind=kind_term(KIND_OF[suffix]),
                            actual=kind_term(actual), detail=f"content sniffed as {actual}")
    module = importlib.import_module(f".{module_name}", __name__)
    try:
        return module.read(path, limits)
    except ReadError:
        raise
    except Exception as exc:  # a reader library's own error: say it in words, keep the cause
        raise describe_failure(exc, KIND_OF[suffix]) from exc
