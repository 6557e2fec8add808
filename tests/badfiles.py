"""A corpus of malformed and hostile inputs, made from the real samples and from scratch.

`corpus()` lists (name, maker) pairs in a fixed order; `write(folder, names)` writes the
chosen ones. Everything is deterministic (seeded), so a failure names a file that can be
made again. Categories, in the file names' first word:
truncated, flipped (byte-flipped copies of samples), bomb (zip parts that unpack to
gigabytes, honest or lying about their size), entity (XML entity attacks), encrypted,
renamed (one format under another's extension), encoding (odd text encodings), huge
(sheets and texts past the limits), empty, broken (hand-made damaged containers).

`python -m tests.badfiles DIR` writes the whole corpus (≥ 1,000 files) into DIR.
"""

from __future__ import annotations

import io
import random
import struct
import sys
import zipfile
import zlib
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterator

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from auditor.readers import column_letter  # noqa: E402
SAMPLES = ROOT / "samples"
Maker = Callable[[], bytes]

_SEEDS = ["planted-errors-selfeval.xlsx", "fengtai-2021-selfeval.xlsx",
          "putuo-finance-bureau-2024-final.xlsx", "chenggong-2019-project-report.docx",
          "lusong-2022-department-report.docx", "chenggong-2019-project-report.pdf"]

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@lru_cache(maxsize=None)
def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def _seed_text() -> bytes:
    return ("一、部门基本情况\n2021年度收入合计 1,234.56 万元，支出合计 1,200.00 万元。\n"
            "\t项目名称\n\t金额\n\n\t行政运行\n\t100.00\n").encode("utf-8")


def _seed_csv() -> bytes:
    return "项目名称,年初预算数,全年执行数,执行率\n行政运行,100.00,95.00,95.00%\n".encode("gb18030")


# ---------------------------------------------------------------- zip by hand


def raw_zip(entries: list[tuple[str, bytes, int, int, int, int]]) -> bytes:
    """A zip of (name, stored bytes, method, crc, declared size, flags): sizes and checksums
    as given, so an entry may lie about what it holds."""
    out = io.BytesIO()
    central = []
    for name, data, method, crc, size, flags in entries:
        offset = out.tell()
        encoded = name.encode()
        out.write(struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, flags, method, 0, 0, crc,
                              len(data), size, len(encoded), 0))
        out.write(encoded)
        out.write(data)
        central.append(struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, flags, method,
                                   0, 0, crc, len(data), size, len(encoded), 0, 0, 0, 0, 0,
                                   offset) + encoded)
    start = out.tell()
    for record in central:
        out.write(record)
    out.write(struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(central), len(central),
                          out.tell() - start, start, 0))
    return out.getvalue()


def deflated(data: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


@lru_cache(maxsize=None)
def deflated_repeat(chunk: bytes, times: int, prefix: bytes = b"", suffix: bytes = b"") -> bytes:
    """prefix + `chunk` × `times` + suffix, deflated without compressing every copy: after
    a full flush the compressor forgets its history, so each copy's output is the same."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = packer.compress(prefix) + packer.flush(zlib.Z_FULL_FLUSH)
    first = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    again = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    return head + first + again * (times - 1) + packer.compress(suffix) + packer.flush()


def entry(name: str, data: bytes) -> tuple[str, bytes, int, int, int, int]:
    return (name, deflated(data), 8, zlib.crc32(data), len(data), 0)


_CT = (b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
       b'content-types"><Default Extension="xml" ContentType="application/xml"/>'
       b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
       b'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
       b'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
       b'worksheet+xml"/></Types>')
_RELS = (b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
         b'2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
         b'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
         b'</Relationships>')
_WB = (b'<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
       b'2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
       b'<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WB_RELS = (b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
            b'openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/'
            b'sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/'
            b'officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>')
_SHEET_HEAD = (b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
               b'spreadsheetml/2006/main"><sheetData>')
_SHEET_TAIL = b"</sheetData></worksheet>"
_STYLES = (b'<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/'
           b'spreadsheetml/2006/main"><cellXfs count="1"><xf numFmtId="0"/></cellXfs></styleSheet>')


def workbook(sheet: bytes | None = None, **parts: tuple) -> bytes:
    """A minimal .xlsx; `parts` replace or add entries (part name → entry tuple)."""
    sheet = sheet if sheet is not None else (
        _SHEET_HEAD + b'<row r="1"><c r="A1"><v>1</v></c></row>' + _SHEET_TAIL)
    base = {"[Content_Types].xml": entry("[Content_Types].xml", _CT),
            "_rels/.rels": entry("_rels/.rels", _RELS),
            "xl/workbook.xml": entry("xl/workbook.xml", _WB),
            "xl/_rels/workbook.xml.rels": entry("xl/_rels/workbook.xml.rels", _WB_RELS),
            "xl/styles.xml": entry("xl/styles.xml", _STYLES),
            "xl/worksheets/sheet1.xml": entry("xl/worksheets/sheet1.xml", sheet)}
    for name, value in parts.items():
        base[name.replace("__", "/")] = value
    return raw_zip(list(base.values()))


def _docx(document_xml: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(sample("lusong-2022-department-report.docx"))) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = document_xml if item.filename == "word/document.xml" else source.read(item)
            target.writestr(item.filename, data)
    return out.getvalue()


def bomb_entry(name: str, fill: bytes, gigabytes: float, lie: bool, prefix: bytes = b"",
               suffix: bytes = b"") -> tuple:
    """A part of `gigabytes` unpacked; when `lie`, declaring 1 KB. Under 0.5 GB it carries
    its true checksum, so that with the limits raised it reads as a valid part."""
    chunk = fill * ((1 << 20) // len(fill))
    times = max(1, int(gigabytes * 1024 ** 3 / len(chunk)))
    data = deflated_repeat(chunk, times, prefix, suffix)
    size = len(prefix) + len(chunk) * times + len(suffix)
    crc = 0
    if gigabytes <= 0.5 and not lie:
        crc = zlib.crc32(prefix)
        for _ in range(times):
            crc = zlib.crc32(chunk, crc)
        crc = zlib.crc32(suffix, crc)
    return (name, data, 8, crc, 1024 if lie else size & 0xFFFFFFFF, 0)


_ROW = b'<row><c t="n"><v>1</v></c></row>'
_STRING = b"<si><t>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</t></si>"
_XF = b'<xf numFmtId="0"/>'
_PARA = b"<w:p><w:r><w:t>aaaaaaaaaaaaaaaaaaaaaaaaa</w:t></w:r></w:p>"


def _bombs() -> Iterator[tuple[str, Maker]]:
    for gigabytes in (0.3, 2.0):
        for lie in (False, True):
            how = "lying" if lie else "honest"
            tag = f"{gigabytes:g}gb-{how}"
            yield f"bomb-sheet-{tag}.xlsx", lambda g=gigabytes, l=lie: workbook(
                **{"xl__worksheets__sheet1.xml": bomb_entry("xl/worksheets/sheet1.xml", _ROW, g, l)})
            yield f"bomb-strings-{tag}.xlsx", lambda g=gigabytes, l=lie: workbook(
                **{"xl__sharedStrings.xml": bomb_entry("xl/sharedStrings.xml", _STRING, g, l)})
            yield f"bomb-styles-{tag}.xlsx", lambda g=gigabytes, l=lie: workbook(
                **{"xl__styles.xml": bomb_entry("xl/styles.xml", _XF, g, l)})
            yield f"bomb-document-{tag}.docx", lambda g=gigabytes, l=lie: _docx_bomb(g, l)
    # Many parts each under the part limit, together far beyond the total.
    yield "bomb-total.xlsx", lambda: workbook(**{f"xl__media__image{i}.xml": bomb_entry(
        f"xl/media/image{i}.xml", b"a", 0.15, False) for i in range(8)})
    # A moderate ratio on a large part: refused by --max-ratio, not by size.
    yield "bomb-ratio.xlsx", lambda: workbook(**{"xl__worksheets__sheet1.xml": bomb_entry(
        "xl/worksheets/sheet1.xml", _ROW, 0.005, False, _SHEET_HEAD, _SHEET_TAIL)})


def _docx_bomb(gigabytes: float, lie: bool) -> bytes:
    base = zipfile.ZipFile(io.BytesIO(sample("lusong-2022-department-report.docx")))
    entries = []
    for item in base.infolist():
        if item.filename == "word/document.xml":
            entries.append(bomb_entry("word/document.xml", _PARA, gigabytes, lie))
        else:
            entries.append(entry(item.filename, base.read(item)))
    return raw_zip(entries)


_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
           + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                      for i in range(1, 10)) + b"]>")
_EXTERNAL = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def _entities() -> Iterator[tuple[str, Maker]]:
    for attack, prolog in (("laughs", _LAUGHS), ("external", _EXTERNAL)):
        reference = b"&lol9;" if attack == "laughs" else b"&xxe;"
        yield f"entity-{attack}-strings.xlsx", lambda p=prolog, r=reference: workbook(
            **{"xl__sharedStrings.xml": entry("xl/sharedStrings.xml", p + b'<sst xmlns="http://'
               b'schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>' + r + b"</t></si></sst>")},
            **{"xl__worksheets__sheet1.xml": entry("xl/worksheets/sheet1.xml", _SHEET_HEAD +
               b'<row r="1"><c r="A1" t="s"><v>0</v></c></row>' + _SHEET_TAIL)})
        yield f"entity-{attack}-styles.xlsx", lambda p=prolog, r=reference: workbook(
            **{"xl__styles.xml": entry("xl/styles.xml", p + b'<styleSheet xmlns="http://schemas.'
               b'openxmlformats.org/spreadsheetml/2006/main"><numFmts><numFmt numFmtId="164" '
               b'formatCode="' + r + b'"/></numFmts><cellXfs><xf numFmtId="164"/></cellXfs>'
               b"</styleSheet>")})
        yield f"entity-{attack}-workbook.xlsx", lambda p=prolog, r=reference: workbook(
            **{"xl__workbook.xml": entry("xl/workbook.xml", p + _WB.split(b"?>", 1)[1].replace(
                b'name="Sheet1"', b'name="' + r + b'"'))})
        yield f"entity-{attack}-sheet.xlsx", lambda p=prolog, r=reference: workbook(
            p + _SHEET_HEAD.split(b"?>", 1)[1] + b'<row r="1"><c r="A1" t="inlineStr"><is><t>' + r
            + b"</t></is></c></row>" + _SHEET_TAIL)
        yield f"entity-{attack}-document.docx", lambda p=prolog, r=reference: _docx(
            p + b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            b"<w:body><w:p><w:r><w:t>" + r + b"</w:t></w:r></w:p></w:body></w:document>")


def _ole(names: list[str]) -> bytes:
    """An OLE2 header and a directory sector naming `names`: enough for a sniffer."""
    header = _OLE2 + bytes(504)
    directory = b"".join(name.encode("utf-16-le").ljust(64, b"\0") + bytes(64) for name in names)
    return header + directory.ljust(512 * 4, b"\0")


def _encrypted_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out, encrypt="secret")
    page.drawString(72, 720, "2021 budget 1234.56")
    page.save()
    return out.getvalue()


def _encrypted() -> Iterator[tuple[str, Maker]]:
    ole = _ole(["Root Entry", "EncryptionInfo", "EncryptedPackage", "\x06DataSpaces"])
    for ext in (".xlsx", ".xlsm", ".docx", ".xls"):
        yield f"encrypted-ole{ext}", lambda: ole
    yield "encrypted-pdf.pdf", _encrypted_pdf
    yield "encrypted-zipflag.xlsx", lambda: workbook(**{"xl__worksheets__sheet1.xml": (
        "xl/worksheets/sheet1.xml", b"\x00" * 64, 8, 0, 64, 1)})


_HTML = "<html><body><table><tr><td>项目名称</td><td>100</td></tr></table></body></html>".encode()
_PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)


def _renamed() -> Iterator[tuple[str, Maker]]:
    contents = {"xlsx": lambda: sample("planted-errors-selfeval.xlsx"),
                "docx": lambda: sample("lusong-2022-department-report.docx"),
                "pdf": lambda: sample("chenggong-2019-project-report.pdf"),
                "html": lambda: _HTML, "png": lambda: _PNG, "txt": _seed_text,
                "ole": lambda: _ole(["Root Entry", "WordDocument"]),
                "xls": lambda: _ole(["Root Entry", "Workbook"]) + bytes(1024),
                "gzip": lambda: b"\x1f\x8b\x08" + bytes(64), "zip": lambda: raw_zip(
                    [entry("readme.txt", b"hello")])}
    for real, maker in contents.items():
        for ext in (".xlsx", ".xls", ".docx", ".pdf", ".csv", ".txt", ".xlsb", ".ods"):
            if ext.lstrip(".") != real:
                yield f"renamed-{real}-as{ext}", maker


def _encodings() -> Iterator[tuple[str, Maker]]:
    text = _seed_text().decode("utf-8")
    rng = random.Random(7)
    variants = {
        "utf16-nobom": lambda: text.encode("utf-16-le"), "utf16-bom": lambda: text.encode("utf-16"),
        "utf32": lambda: text.encode("utf-32"), "big5": lambda: text.encode("big5", "replace"),
        "shiftjis": lambda: text.encode("shift_jis", "replace"), "gbk": lambda: text.encode("gbk"),
        "latin1": lambda: "Gesamt 1.234,56 £ é".encode("latin-1"),
        "bom-only": lambda: b"\xef\xbb\xbf", "nul": lambda: b"\x00" * 100,
        "mixed": lambda: text.encode("utf-8") + text.encode("gbk"),
        "random": lambda: bytes(rng.randrange(256) for _ in range(4096)),
        "bad-utf16": lambda: b"\xff\xfe" + b"\x00\xd8" * 50,
        "controls": lambda: bytes(range(1, 32)) * 20,
        "bidi": lambda: "项目\u202e名称 100\u202c".encode("utf-8"),
        "whitespace": lambda: b" \n\t\r\n" * 100,
    }
    for name, maker in variants.items():
        for ext in (".txt", ".csv", ".md"):
            yield f"encoding-{name}{ext}", maker


def _sheet_rows(rows: int, row: Callable[[int], bytes]) -> bytes:
    return _SHEET_HEAD + b"".join(row(r) for r in range(1, rows + 1)) + _SHEET_TAIL


def _huge() -> Iterator[tuple[str, Maker]]:
    yield "huge-corners.xlsx", lambda: workbook(_SHEET_HEAD + b'<row r="1"><c r="A1"><v>1</v></c>'
                                                b'</row><row r="1048576"><c r="XFD1048576"><v>2</v>'
                                                b"</c></row>" + _SHEET_TAIL)
    yield "huge-dimension-lie.xlsx", lambda: workbook(
        _SHEET_HEAD.replace(b"<sheetData>", b'<dimension ref="A1:XFD1048576"/><sheetData>')
        + b'<row r="1"><c r="A1"><v>1</v></c></row>' + _SHEET_TAIL)
    yield "huge-styled-empties.xlsx", lambda: workbook(
        _SHEET_HEAD + b'<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576">'
        b'<c r="XFD1048576" s="0"/></row>' + _SHEET_TAIL)
    yield "huge-wide.xlsx", lambda: workbook(_sheet_rows(200, lambda r: b'<row r="%d">' % r + b"".join(
        b'<c r="%s%d"><v>1</v></c>' % (column_letter(c).encode(), r) for c in range(0, 16384, 7))
        + b"</row>"))
    yield "huge-1m-rows.xlsx", lambda: workbook(_sheet_rows(
        1_000_000, lambda r: b'<row r="%d"><c r="A%d"><v>%d</v></c><c r="B%d"><v>1</v></c>'
                             b'<c r="C%d"><v>2</v></c></row>' % (r, r, r, r, r)))
    yield "huge-1m-rows.csv", lambda: b"a,b,c\n" * 1_000_000
    yield "huge-1m-lines.txt", lambda: "第一行 1.5 万元\n".encode() * 1_000_000
    yield "huge-10mb-line.txt", lambda: b"a" * (10 * 1024 * 1024)
    yield "huge-figures-line.txt", lambda: b" ".join(b"%d" % i for i in range(200_000))
    yield "huge-figures-line.csv", lambda: b",".join(b"%d" % i for i in range(200_000))
    yield "huge-50k-paragraphs.docx", lambda: _docx(
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body>" + _PARA * 50_000 + b"</w:body></w:document>")
    yield "huge-long-paragraph.docx", lambda: _docx(
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>" + b"1 " * 300_000 + b"</w:t></w:r></w:p></w:body></w:document>")


def _empty() -> Iterator[tuple[str, Maker]]:
    for ext in (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".docx", ".pdf", ".csv", ".txt", ".md"):
        yield f"empty-zero{ext}", lambda: b""
    yield "empty-zip.xlsx", lambda: raw_zip([])
    yield "empty-zip.docx", lambda: raw_zip([])
    yield "empty-nosheets.xlsx", lambda: workbook(**{"xl__workbook.xml": entry(
        "xl/workbook.xml", _WB.replace(b'<sheet name="Sheet1" sheetId="1" r:id="rId1"/>', b""))})
    yield "empty-sheet.xlsx", lambda: workbook(_SHEET_HEAD + _SHEET_TAIL)
    yield "empty-body.docx", lambda: _docx(
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body></w:body></w:document>")
    yield "empty-header.pdf", lambda: b"%PDF-1.4\n%%EOF\n"


def _broken() -> Iterator[tuple[str, Maker]]:
    yield "broken-bad-crc.xlsx", lambda: workbook(**{"xl__worksheets__sheet1.xml": (
        "xl/worksheets/sheet1.xml", deflated(_SHEET_HEAD + _SHEET_TAIL), 8, 12345,
        len(_SHEET_HEAD + _SHEET_TAIL), 0)})
    yield "broken-bad-deflate.xlsx", lambda: workbook(**{"xl__worksheets__sheet1.xml": (
        "xl/worksheets/sheet1.xml", b"\xff" * 100, 8, 0, 1000, 0)})
    yield "broken-no-workbook.xlsx", lambda: raw_zip([entry("[Content_Types].xml", _CT)])
    yield "broken-sheet-xml.xlsx", lambda: workbook(_SHEET_HEAD + b"<row><c r=")
    yield "broken-styles-xml.xlsx", lambda: workbook(**{"xl__styles.xml": entry(
        "xl/styles.xml", b"<styleSheet><cellXfs><xf numFmtId=")})
    yield "broken-workbook-xml.xlsx", lambda: workbook(**{"xl__workbook.xml": entry(
        "xl/workbook.xml", b"<workbook><sheets><sheet")})
    yield "broken-bad-ref.xlsx", lambda: workbook(
        _SHEET_HEAD + b'<row r="0"><c r="ZZZZ99999999"><v>x</v></c></row>' + _SHEET_TAIL)
    yield "broken-bad-style.xlsx", lambda: workbook(
        _SHEET_HEAD + b'<row r="1"><c r="A1" s="999999"><v>1.5</v></c></row>' + _SHEET_TAIL)
    yield "broken-method.xlsx", lambda: workbook(**{"xl__worksheets__sheet1.xml": (
        "xl/worksheets/sheet1.xml", b"abc", 99, 0, 3, 0)})
    yield "broken-pdf-header.pdf", lambda: b"%PDF-1.4 this is not a pdf"
    yield "broken-pdf-xref.pdf", lambda: sample("chenggong-2019-project-report.pdf")[:200] + b"\nxref\n"


def _mutations() -> Iterator[tuple[str, Maker]]:
    seeds: list[tuple[str, Callable[[], bytes]]] = [(n, lambda n=n: sample(n)) for n in _SEEDS]
    seeds += [("seed.txt", _seed_text), ("seed.csv", _seed_csv)]
    for name, maker in seeds:
        stem, ext = name.rsplit(".", 1)
        for cut in range(1, 41):
            yield f"truncated-{stem}-{cut:02d}.{ext}", lambda m=maker, c=cut: m()[
                :max(1, len(m()) * c // 41)]
        for flip in range(70):
            yield f"flipped-{stem}-{flip:02d}.{ext}", lambda m=maker, f=flip, n=name: _flip(m(), f, n)


def _flip(data: bytes, number: int, name: str) -> bytes:
    rng = random.Random(f"{name}:{number}")
    mutated = bytearray(data)
    for _ in range(1 + number % 8):
        where = rng.randrange(len(mutated))
        if number % 3 == 0:  # a run of bytes overwritten
            run = rng.randrange(1, 64)
            mutated[where:where + run] = bytes(rng.randrange(256) for _ in range(run))
        else:
            mutated[where] ^= 1 << rng.randrange(8)
    return bytes(mutated)


def corpus() -> list[tuple[str, Maker]]:
    """Every bad file of the corpus, (file name, maker), in a fixed order."""
    items: list[tuple[str, Maker]] = []
    for group in (_bombs, _entities, _encrypted, _renamed, _encodings, _huge, _empty, _broken,
                  _mutations):
        items.extend(group())
    return items


def write(folder: Path, names: set[str] | None = None) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, maker in corpus():
        if names is not None and name not in names:
            continue
        path = folder / name
        path.write_bytes(maker())
        written.append(path)
    return written


if __name__ == "__main__":
    paths = write(Path(sys.argv[1] if len(sys.argv) > 1 else "badfiles"))
    print(f"{len(paths)} files")
