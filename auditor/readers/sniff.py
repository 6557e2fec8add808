"""What a file really is, by its first bytes, and a reader library's failure in plain words.

People rename files: a web system's "Excel export" is often an HTML table named .xls, an
encrypted .xlsx is an OLE2 container (EncryptionInfo + EncryptedPackage) and not a zip.
`sniff` names the content so the message can say what the file is instead of "damaged".
"""

from __future__ import annotations

import mmap
import zipfile
import zlib

from . import ReadError, Term, kind_term

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_IMAGES = (b"\x89PNG", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*")
_ARCHIVES = (b"\x1f\x8b", b"7z\xbc\xaf\x27\x1c", b"Rar!", b"BZh")


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def _ole_kind(path: str) -> str:
    """An OLE2 compound file: an encrypted Office 2007+ file, a .xls, a .doc, or other."""
    with open(path, "rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        # Directory entries hold their stream names in UTF-16; a linear search finds them.
        if data.find(_utf16("EncryptionInfo")) >= 0 or data.find(_utf16("EncryptedPackage")) >= 0:
            return "encrypted"
        if data.find(_utf16("Workbook")) >= 0 or data.find(_utf16("Book")) >= 0:
            return "xls"
        if data.find(_utf16("WordDocument")) >= 0:
            return "doc"
    return "ole"


def _zip_kind(path: str) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return "xlsx?"  # a zip whose directory is damaged: the reader says "damaged"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "xl/workbook.bin" in names:
        return "xlsb"
    if "word/document.xml" in names:
        return "docx"
    if "content.xml" in names and "mimetype" in names:
        return "ods"
    if any(name.startswith("xl/") for name in names):
        return "xlsx"
    if any(name.startswith("word/") for name in names):
        return "docx"
    return "zip"


def sniff(path: str) -> str:
    """xlsx, xlsb, ods, docx, zip, xls, doc, ole, encrypted, pdf, html, xml, image, gzip,
    binary or text."""
    with open(path, "rb") as handle:
        head = handle.read(4096)
    if head.startswith(_ZIP):
        kind = _zip_kind(path)
        return kind if kind != "xlsx?" else "zip-damaged"
    if head.startswith(_OLE2):
        return _ole_kind(path)
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(_IMAGES):
        return "image"
    if head.startswith(_ARCHIVES):
        return "gzip"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<!doctype html", b"<html", b"<table", b"<head", b"<body", b"<meta")):
        return "html"
    if text.startswith(b"<?xml"):
        return "html" if b"<html" in text else "xml"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "text"  # UTF-16 with its byte-order mark
    if b"\x00" in head:
        return "binary"
    return "text"


# Words in a library's error that mean the file is encrypted rather than broken.
_PASSWORD = ("password", "encrypt", "decrypt")


def describe_failure(exc: BaseException, kind: str) -> ReadError:
    """A `ReadError` in plain words for an exception a reader library raised."""
    detail = f"{type(exc).__name__}: {exc}".splitlines()[0][:500]
    lowered = detail.lower()
    if any(word in lowered for word in _PASSWORD):
        return ReadError("read.encrypted", detail=detail)
    if isinstance(exc, MemoryError):
        return ReadError("read.failed", detail=detail, kind=kind_term(kind))
    if isinstance(exc, (zipfile.BadZipFile, zlib.error, EOFError, KeyError, UnicodeDecodeError)):
        return ReadError("read.corrupt", detail=detail, kind=kind_term(kind))
    return ReadError("read.corrupt", detail=detail, kind=kind_term(kind))


__all__ = ["sniff", "describe_failure", "Term"]
