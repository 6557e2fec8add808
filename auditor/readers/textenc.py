"""Decoding text files without being told their encoding."""

from __future__ import annotations

from . import ReadError


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) first, then the GB18030 family, then a guess."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ReadError("read.encoding", detail=str(exc)) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        # GB18030 is a superset of GBK and GB2312 and decodes any of them.
        return data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    # A byte or two damaged in transit should not cost the whole text: a decoding that
    # fails only here and there (under 0.5% of the characters) is kept, the bad bytes
    # shown as U+FFFD.
    for encoding in ("utf-8", "gb18030"):
        text = data.decode(encoding, errors="replace")
        if text.count("\ufffd") <= max(2, len(text) // 200):
            return text
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ReadError("read.encoding")
    return str(best)
