"""The rule book, remembered: built once per set of pack files, then read back.

Every start (and every worker of a batch) would otherwise parse and check the shipped
packs again. A built book is kept in this process and pickled into the user's cache
folder (`platformdirs.user_cache_dir("audit-rules")`, or `$AUDIT_RULES_CACHE_DIR`; set
it to `off` to keep nothing on disk), under a key made of every pack file's name and
bytes, the tool's version and its own code. Another version, an edited pack or an edited
module gives another key, so a stale book is never used; a cache file that cannot be read
back as a book is ignored and written again. Files are written under a temporary name and
renamed, so processes starting together never read half a file.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Any

_FORMAT = 1  # raise when what a cache file holds changes shape
_KEEP = 16  # cache files kept (one per combination of packs); the least recently used go first
_memo: dict[str, Any] = {}


def _code_stamp() -> str:
    """The modules whose objects a cached book holds, by size and time of change."""
    root = Path(__file__).resolve().parents[1]
    files = sorted([*(root / "checks").glob("*.py"), root / "vocabulary.py", root / "model.py",
                    root / "interval.py", root / "numbers.py", root / "recognise" / "labels.py"])
    parts = []
    for file in files:
        try:
            stat = file.stat()
        except OSError:
            continue
        parts.append(f"{file.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return ";".join(parts)


def book_key(texts: list[tuple[str, str, bool]]) -> str:
    from .. import __version__

    digest = hashlib.sha256()
    for part in (f"audit-rules {__version__}", f"format {_FORMAT}", sys.version,
                 f"pickle {pickle.HIGHEST_PROTOCOL}", _code_stamp()):
        digest.update(part.encode() + b"\0")
    for source, text, shipped in texts:
        digest.update(f"{source}\0{int(shipped)}\0".encode())
        digest.update(text.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


def cache_dir() -> Path | None:
    configured = os.environ.get("AUDIT_RULES_CACHE_DIR")
    if configured is not None:
        return None if configured.strip().lower() in ("", "off", "0", "none") else Path(configured)
    try:
        import platformdirs
    except ImportError:
        return None
    return Path(platformdirs.user_cache_dir("audit-rules"))


def _file(folder: Path, key: str) -> Path:
    return folder / f"rulebook-{key[:40]}.pickle"


def recall(key: str, kind: type) -> Any | None:
    """A copy of the book built under `key`, from this process or the cache folder."""
    book = _memo.get(key)
    if book is None:
        book = _read(key, kind)
        if book is None:
            return None
        _memo[key] = book
    return fresh_copy(book)


def keep(key: str, book: Any) -> None:
    _memo[key] = fresh_copy(book)
    folder = cache_dir()
    if folder is not None:
        _write(folder, key, book)


def _read(key: str, kind: type) -> Any | None:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        with open(_file(folder, key), "rb") as handle:
            stored_key, book = pickle.load(handle)
    except Exception:  # noqa: BLE001 — missing, truncated, garbled: built again
        return None
    if stored_key != key or not isinstance(book, kind):
        return None
    _touch(_file(folder, key))
    return book


def _touch(file: Path) -> None:
    """Marks a book as just used: `_prune` keeps the newest files, so without this the book
    every start reads would go as soon as _KEEP other books (tests' packs, other checkouts)
    had been written after it, and each start would build it again (about 60 ms)."""
    try:
        os.utime(file)
    except OSError:  # a read-only cache: the book is still used
        pass


def _write(folder: Path, key: str, book: Any) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle = tempfile.NamedTemporaryFile("wb", dir=folder, prefix=".rulebook-",
                                             suffix=".tmp", delete=False)
        try:
            with handle:
                pickle.dump((key, book), handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(handle.name, _file(folder, key))
        except BaseException:
            os.unlink(handle.name)
            raise
        _prune(folder)
    except Exception:  # noqa: BLE001 — a read-only or full disk: the book is still built
        return


def _prune(folder: Path) -> None:
    files = sorted(folder.glob("rulebook-*.pickle"), key=lambda f: f.stat().st_mtime_ns,
                   reverse=True)
    for stale in files[_KEEP:]:
        try:
            stale.unlink()
        except OSError:
            pass


def fresh_copy(book: Any) -> Any:
    """A book whose lists, dicts and rules a caller may change without touching the memo
    (formulas and the vocabulary are only read after loading, and are shared)."""
    copied = copy.copy(book)
    for field in dataclasses.fields(book):
        value = getattr(book, field.name)
        if isinstance(value, list):
            setattr(copied, field.name, [copy.copy(item) if dataclasses.is_dataclass(item)
                                         else item for item in value])
        elif isinstance(value, (dict, set)):
            setattr(copied, field.name, copy.copy(value))
    return copied
