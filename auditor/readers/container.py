"""Zip containers (.xlsx, .docx) checked before any library unpacks them.

A zip bomb is small on disk and huge unpacked. Every part's declared size, the total, and
the compression ratio are checked against the limits from the central directory alone;
then each part is inflated here, in bounded chunks, and counted: a part that unpacks to
more than it declares (a lie the libraries behind calamine and python-docx might believe)
is stopped at its declared size. Whoever needs a part's bytes (the worksheet scanner)
gets them from this same pass, so nothing is inflated twice for the checks.

The container may be given as a path or as an open binary file (a reader that opens the
file once and hands the same handle, or its bytes, to every step).
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from contextlib import nullcontext
from typing import IO, Callable, ContextManager, Union

from ..limits import Limits, megabytes
from . import ReadError, Term

_CHUNK = 1 << 20
_RATIO_FLOOR = 1 << 20  # a part under 1 MB unpacked may compress as well as it likes
_LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")
_ZIPFILE_REFUSES = 0x20 | 0x40  # patched data, strong encryption: flags zipfile does not read

Consumer = Callable[[bytes], None]
Source = Union[str, IO[bytes]]  # a path, or a seekable binary file the caller closes


def _opened(source: Source) -> ContextManager[IO[bytes]]:
    """The source as a binary file: a path opened (and closed after), a file as it is."""
    return open(source, "rb") if isinstance(source, str) else nullcontext(source)


def part_term(name: str, sheets: dict[str, str] | None = None) -> Term:
    """A part of the container as a person knows it: a worksheet by its name."""
    if sheets and name in sheets:
        return Term("read.part.sheet", name=sheets[name])
    lowered = name.lower()
    if lowered.endswith("sharedstrings.xml"):
        return Term("read.part.strings")
    if lowered.endswith("styles.xml"):
        return Term("read.part.styles")
    if lowered == "word/document.xml":
        return Term("read.part.document")
    return Term("read.part.other", name=name)


def open_zip(source: Source, kind: Term) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise ReadError("read.corrupt", detail=f"{type(exc).__name__}: {exc}", kind=kind) from None


def _check_local_header(handle, info: zipfile.ZipInfo, kind: Term) -> None:
    """The entry's own header must agree with the directory: a damaged directory (a flipped
    byte in a size or a name's length) would otherwise pass for a huge part."""
    handle.seek(info.header_offset)
    header = handle.read(_LOCAL_HEADER.size)
    problem = ""
    if len(header) < _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
        problem = "no local header"
    else:
        fields = _LOCAL_HEADER.unpack(header)
        name = handle.read(fields[9])
        if name.decode("utf-8" if info.flag_bits & 0x800 else "cp437", "replace") != \
                info.orig_filename:
            problem = "local name differs"
        elif not fields[2] & 0x8 and fields[7] and (fields[7], fields[8]) != (
                info.compress_size, info.file_size):
            problem = "local sizes differ"
    if problem or not info.filename.isprintable():
        raise ReadError("read.corrupt", kind=kind,
                        detail=f"zip entry {info.filename!r}: {problem or 'unprintable name'}")


def check_declared(archive: zipfile.ZipFile, limits: Limits, kind: Term,
                   sheets: dict[str, str] | None = None, only: set[str] | None = None,
                   source: Source | None = None) -> None:
    """Sizes and ratios from the central directory, before a byte is unpacked (of the
    parts named in `only`, when given: the index a reader needs to name the others).
    The local headers are read from `source`, or else from the archive's file by name."""
    total = 0
    infos = [i for i in archive.infolist() if only is None or i.filename in only]
    with _opened(source if source is not None else archive.filename) as handle:
        for info in infos:
            _check_local_header(handle, info, kind)
    for info in infos:
        if info.flag_bits & 0x1:
            raise ReadError("read.encrypted", detail=f"zip entry {info.filename} is encrypted")
        size = info.file_size
        if size > limits.part_bytes:
            raise ReadError("read.part_too_large", part=part_term(info.filename, sheets),
                            size=megabytes(size), limit=megabytes(limits.part_bytes))
        if size > _RATIO_FLOOR and size > limits.max_ratio * max(info.compress_size, 1):
            raise ReadError("read.ratio_too_high", part=part_term(info.filename, sheets),
                            ratio=size // max(info.compress_size, 1), limit=limits.max_ratio)
        total += size
        if total > limits.total_bytes:
            raise ReadError("read.total_too_large", size=megabytes(total),
                            limit=megabytes(limits.total_bytes))


def _inflate(handle, info: zipfile.ZipInfo, consumer: Consumer | None) -> tuple[int, int]:
    """Unpacks one part from the raw file, never beyond its declared size plus a chunk;
    returns (bytes out, crc)."""
    handle.seek(info.header_offset)
    header = handle.read(_LOCAL_HEADER.size)
    if len(header) < _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
        raise zipfile.BadZipFile(f"bad local header for {info.filename}")
    fields = _LOCAL_HEADER.unpack(header)
    handle.seek(info.header_offset + _LOCAL_HEADER.size + fields[9] + fields[10])
    left = info.compress_size
    size = 0
    crc = 0
    inflater = zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
    cap = info.file_size  # output allowed; one byte more is a lie
    while left > 0 or (inflater is not None and inflater.unconsumed_tail):
        if inflater is not None and inflater.unconsumed_tail:
            raw = inflater.unconsumed_tail
        else:
            raw = handle.read(min(_CHUNK, left))
            if not raw:
                raise zipfile.BadZipFile(f"{info.filename} is truncated")
            left -= len(raw)
        if inflater is None:
            data = raw
        else:
            data = inflater.decompress(raw, _CHUNK)
        size += len(data)
        if size > cap:
            return size, crc
        crc = zlib.crc32(data, crc)
        if consumer is not None and data:
            consumer(data)
        if inflater is not None and inflater.eof:
            break
    if inflater is not None:
        tail = inflater.flush()
        size += len(tail)
        if size <= cap:
            crc = zlib.crc32(tail, crc)
            if consumer is not None and tail:
                consumer(tail)
    return size, crc


def read_part(source: Source, archive: zipfile.ZipFile, name: str, kind: Term) -> bytes:
    """One part's bytes, checked as `zipfile` checks a read (size and CRC-32), for a part
    of the index that is needed before `verify` (`check_declared` has passed it). Any
    damage is the container's, as `zipfile`'s own error would be reported."""
    info = archive.getinfo(name)
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) or \
            info.flag_bits & _ZIPFILE_REFUSES:
        return archive.read(name)  # what Office never writes: zipfile's own answer
    chunks: list[bytes] = []
    try:
        with _opened(source) as handle:
            size, crc = _inflate(handle, info, chunks.append)
    except (zlib.error, zipfile.BadZipFile, OSError) as exc:
        raise ReadError("read.corrupt", detail=f"{name}: {exc}", kind=kind) from None
    if size != info.file_size or crc != info.CRC:
        raise ReadError("read.corrupt", kind=kind,
                        detail=f"{name}: size or CRC-32 does not match")
    return b"".join(chunks)


def verify(source: Source, archive: zipfile.ZipFile, limits: Limits, kind: Term,
           consumers: dict[str, Consumer] | None = None,
           sheets: dict[str, str] | None = None) -> None:
    """Unpacks every part once, in bounded chunks, checking its real size and checksum;
    the bytes of the parts named in `consumers` are handed to them as they come."""
    consumers = consumers or {}
    with _opened(source) as handle:
        for info in archive.infolist():
            if info.is_dir():
                continue
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                continue  # bzip2/lzma parts: Office never writes them; the library decides
            try:
                size, crc = _inflate(handle, info, consumers.get(info.filename))
            except (zlib.error, zipfile.BadZipFile, OSError) as exc:
                raise ReadError("read.corrupt", detail=f"{info.filename}: {exc}", kind=kind) from None
            if size > info.file_size:
                raise ReadError("read.size_lie", part=part_term(info.filename, sheets),
                                detail=f"{info.filename}: more than {info.file_size} bytes")
            if size != info.file_size or crc != info.CRC:
                raise ReadError("read.corrupt", kind=kind,
                                detail=f"{info.filename}: size or CRC-32 does not match")
