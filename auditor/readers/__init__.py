"""Readers: a file in, a `Document` of grids and paragraphs out, each with its location.

A reader is chosen by the file's extension; `read_document` turns every failure into a
`ReadError` whose message names the problem in one line, so a batch can go on.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from ..model import Document


class ReadError(Exception):
    """The file cannot be read; the message says why in one line."""


# extension → module with a `read(path: str) -> Document` function
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


def read_document(path: str) -> Document:
    file = Path(path)
    if not file.exists():
        raise ReadError("文件不存在 (file not found)")
    if file.is_dir():
        raise ReadError("这是一个目录，不是文件 (is a directory)")
    module_name = READERS.get(file.suffix.lower())
    if module_name is None:
        raise ReadError(f"不支持的文件类型 {file.suffix or '(无扩展名)'}；支持：{'、'.join(supported_extensions())}")
    module = importlib.import_module(f".{module_name}", __name__)
    try:
        return module.read(path)
    except ReadError:
        raise
    except Exception as exc:  # a reader library's own error: name it, don't trace it
        raise ReadError(f"无法读取文件：{type(exc).__name__}: {exc}".splitlines()[0]) from exc
