"""`--cache DIR`: one file's result kept under a key of what decides it.

The key is a hash of the file's content and the path it was given by (findings name it),
the tool's version, the rule packs' content (the built-in ones and any `--rules`) and the
report's language. An unchanged archive audited again costs only hashing; a run that was
interrupted resumes, since every result is stored the moment it is done. An entry is written
to a temporary name and renamed into place, so a crash never leaves half an entry; an entry
that does not load (truncated, from another Python, tampered with) is ignored and replaced.

Entries are pickles of `FileResult`: every field travels, whatever fields it gains. Like any
pickle they must come from a folder only you can write to.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path

from .model import FileResult

# Bumped when the layout of an entry changes.
_FORMAT = b"audit-rules cache 1"


def _tool_version() -> str:
    from . import __version__

    return __version__


def packs_fingerprint(extra_rules: tuple[str, ...] = ()) -> str:
    """A hash of every rule pack's text, in the order the rule book reads them."""
    from .checks.pack import _builtin_texts, _pack_files

    digest = hashlib.sha256()
    for source, text, _shipped in _builtin_texts():
        digest.update(source.encode() + b"\0" + text.encode("utf-8") + b"\0")
    for given in extra_rules:
        for file in _pack_files(Path(given)):
            digest.update(str(file).encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()


class ResultCache:
    def __init__(self, folder: str | Path, extra_rules: tuple[str, ...] = (), lang: str = "zh"):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self._salt = hashlib.sha256(b"\0".join(
            [_FORMAT, _tool_version().encode(), packs_fingerprint(extra_rules).encode(),
             lang.encode()])).digest()
        self.hits = 0
        self.misses = 0

    def key(self, path: str) -> str | None:
        """The entry's name for this file as it is now; None when it cannot be read (the
        audit then says why)."""
        digest = hashlib.sha256(self._salt)
        digest.update(os.fsencode(path) + b"\0")
        try:
            if not Path(path).is_file():  # a FIFO or a device is the reader's to refuse
                return None
            with open(path, "rb") as handle:
                digest.update(hashlib.file_digest(handle, "sha256").digest())
        except OSError:
            return None
        return digest.hexdigest()

    def _entry(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def load(self, key: str) -> FileResult | None:
        try:
            with open(self._entry(key), "rb") as handle:
                result = pickle.load(handle)
        except FileNotFoundError:
            self.misses += 1
            return None
        except Exception:  # noqa: BLE001 — a corrupt entry is a miss, recomputed and replaced
            self.misses += 1
            return None
        if not isinstance(result, FileResult):
            self.misses += 1
            return None
        self.hits += 1
        return result

    def store(self, key: str, result: FileResult) -> None:
        entry = self._entry(key)
        try:
            entry.parent.mkdir(exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=entry.parent, suffix=".part")
            with os.fdopen(handle, "wb") as out:
                pickle.dump(result, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, entry)
        except OSError:
            pass  # a full or read-only cache slows the next run down; it never fails this one
