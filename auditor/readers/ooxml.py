"""The parts of an .xlsx that calamine does not give: number formats and the used range.

calamine gives values fast but no formats, and a figure's shown precision is in its
format (0.9974 under `0.00%` is 99.74%). So the small parts (workbook, relationships,
styles) are parsed with expat directly, refusing entity tricks as defusedxml does (only the
start tags wanted are looked at; no element tree is built), and each worksheet's XML
is scanned once as it is unpacked, by regular expressions over its bytes: for every cell,
its reference and its style index; for the sheet, the cells that hold a value, their
bounding box (the used range, whatever `<dimension>` claims) and the merged ranges. A full
XML parse of a million-cell sheet costs seconds; the scan is linear and in C.
"""

from __future__ import annotations

import operator
import posixpath
import re
from array import array
from bisect import bisect_left
from itertools import compress, islice, repeat
from operator import itemgetter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Sequence

# openpyxl's table of the built-in formats (ECMA-376 §18.8.30), the ids Excel leaves out
# of styles.xml. An id in neither this table nor <numFmts> shows as General, as in openpyxl.
BUILTIN_FORMATS = {
    0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00",
    5: '"$"#,##0_);("$"#,##0)', 6: '"$"#,##0_);[Red]("$"#,##0)',
    7: '"$"#,##0.00_);("$"#,##0.00)', 8: '"$"#,##0.00_);[Red]("$"#,##0.00)',
    9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?", 13: "# ??/??",
    14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss", 22: "m/d/yy h:mm",
    37: "#,##0_);(#,##0)", 38: "#,##0_);[Red](#,##0)", 39: "#,##0.00_);(#,##0.00)",
    40: "#,##0.00_);[Red](#,##0.00)", 41: r'_(* #,##0_);_(* \(#,##0\);_(* "-"_);_(@_)',
    42: r'_("$"* #,##0_);_("$"* \(#,##0\);_("$"* "-"_);_(@_)',
    43: r'_(* #,##0.00_);_(* \(#,##0.00\);_(* "-"??_);_(@_)',
    44: r'_("$"* #,##0.00_)_("$"* \(#,##0.00\)_("$"* "-"??_)_(@_)',
    45: "mm:ss", 46: "[h]:mm:ss", 47: "mmss.0", 48: "##0.0E+0", 49: "@",
}
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


# expat reports a namespaced name as `uri}local` (the separator below), an attribute
# without a prefix by its bare name.
_NS_SEP = "}"
_REL_ID = _REL[1:] + "id"


def _refuse_entity(name, _is_parameter, value, base, system_id, public_id, notation) -> None:
    from defusedxml import EntitiesForbidden

    raise EntitiesForbidden(name, value, base, system_id, public_id, notation)


def _refuse_unparsed_entity(name, base, system_id, public_id, notation) -> None:
    from defusedxml import EntitiesForbidden

    raise EntitiesForbidden(name, None, base, system_id, public_id, notation)


def _refuse_external(context, base, system_id, public_id) -> None:
    from defusedxml import ExternalReferenceForbidden

    raise ExternalReferenceForbidden(context, base, system_id, public_id)


def _start_tags(data: bytes, start: Callable[[str, int, dict[str, str]], None]) -> None:
    """Calls `start(local name, depth, attributes)` for each element, the root at depth 1.

    A part with an entity declaration or an external reference is refused, as defusedxml
    refuses it (its exceptions, so the message is the same); a malformed one raises
    ElementTree's ParseError, as `fromstring` would."""
    from xml.parsers import expat

    parser = expat.ParserCreate(None, _NS_SEP)
    parser.EntityDeclHandler = _refuse_entity
    parser.UnparsedEntityDeclHandler = _refuse_unparsed_entity
    parser.ExternalEntityRefHandler = _refuse_external
    depth = 0

    def on_start(name: str, attributes: dict[str, str]) -> None:
        nonlocal depth
        depth += 1
        start(name.rsplit(_NS_SEP, 1)[-1], depth, attributes)

    def on_end(_name: str) -> None:
        nonlocal depth
        depth -= 1

    def on_skipped(name: str, _is_parameter: bool) -> None:
        # An entity a DTD elsewhere would declare: ElementTree refuses it, and so do we.
        from xml.etree.ElementTree import ParseError

        raise ParseError(f"undefined entity &{name};: line {parser.CurrentLineNumber}, "
                         f"column {parser.CurrentColumnNumber}")

    parser.SkippedEntityHandler = on_skipped
    parser.StartElementHandler = on_start
    parser.EndElementHandler = on_end
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        from xml.etree.ElementTree import ParseError

        raise ParseError(str(exc)) from None


# Workbooks made from one template carry the same styles.xml and workbook index byte for
# byte, and what is parsed from a part is a pure function of its bytes: so a batch parses
# each distinct part once. Only parts this small are kept, so the cache stays under a few
# megabytes however many files pass.
_CACHED_PART_BYTES = 128 << 10


@lru_cache(maxsize=32)
def _cell_formats(styles_xml: bytes) -> tuple[str, ...]:
    return tuple(_parse_cell_formats(styles_xml))


def cell_formats(styles_xml: bytes | None) -> Sequence[str]:
    """The number format of each cell style (`<cellXfs>` order), as openpyxl reports it."""
    if not styles_xml:
        return ("General",)
    if len(styles_xml) <= _CACHED_PART_BYTES:
        return _cell_formats(styles_xml)
    return _parse_cell_formats(styles_xml)


def _parse_cell_formats(styles_xml: bytes) -> list[str]:
    custom: dict[int, str] = {}
    formats: list[str] = []
    section = ""  # the root's child we are in: numFmts, cellXfs or another

    def start(name: str, depth: int, attributes: dict[str, str]) -> None:
        nonlocal section
        if depth == 2:
            section = name
        elif depth == 3 and section == "numFmts":
            try:
                custom[int(attributes.get("numFmtId", ""))] = \
                    attributes.get("formatCode") or "General"
            except ValueError:
                pass
        elif depth == 3 and section == "cellXfs":
            try:
                number = int(attributes.get("numFmtId") or 0)
            except ValueError:
                number = 0
            formats.append(custom.get(number) or BUILTIN_FORMATS.get(number, "General"))

    _start_tags(styles_xml, start)
    return formats or ["General"]


def worksheet_parts(workbook_xml: bytes,
                    rels_xml: bytes | None) -> tuple[list[tuple[str, str]], str]:
    """(sheet name, part path in the zip) of each worksheet in workbook order (chart and
    dialog sheets left out, as openpyxl's `worksheets` does), and the styles part."""
    if len(workbook_xml) + len(rels_xml or b"") <= _CACHED_PART_BYTES:
        sheets, styles = _worksheet_parts(workbook_xml, rels_xml)
        return list(sheets), styles
    return _parse_worksheet_parts(workbook_xml, rels_xml)


@lru_cache(maxsize=32)
def _worksheet_parts(workbook_xml: bytes,
                     rels_xml: bytes | None) -> tuple[tuple[tuple[str, str], ...], str]:
    sheets, styles = _parse_worksheet_parts(workbook_xml, rels_xml)
    return tuple(sheets), styles


def _parse_worksheet_parts(workbook_xml: bytes,
                           rels_xml: bytes | None) -> tuple[list[tuple[str, str]], str]:
    targets: dict[str, str] = {}
    styles = "xl/styles.xml"
    relationships: list[dict[str, str]] = []
    if rels_xml:
        _start_tags(rels_xml, lambda name, depth, attributes:
                    relationships.append(attributes) if depth == 2 else None)
    for rel in relationships:
        target = rel.get("Target") or ""
        if target.startswith("/"):
            path = target.lstrip("/")
        else:
            path = posixpath.normpath(posixpath.join("xl", target))
        kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
        if kind == "worksheet":
            targets[rel.get("Id") or ""] = path
        elif kind == "styles":
            styles = path
    listed: list[dict[str, str]] = []
    _start_tags(workbook_xml, lambda name, depth, attributes:
                listed.append(attributes) if name == "sheet" else None)
    sheets = []
    for element in listed:
        rid = element.get(_REL_ID) or element.get("id") or ""
        if rid in targets:
            sheets.append((element.get("name") or "", targets[rid]))
    return sheets, styles


def column_index(letters: bytes) -> int:
    """0-based column of A1 letters (b'A' → 0, b'AA' → 26)."""
    index = 0
    for byte in letters:
        index = index * 26 + (byte - 64)
    return index - 1


# A row or a cell start tag, with or without a namespace prefix; group 1 is the element,
# group 2 its attributes (a trailing '/' when it is empty).
_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(c|row|mergeCell)(?=[\s/>])([^>]*)>")
_REF = re.compile(rb'\br="\$?([A-Z]{1,3})\$?(\d{1,7})"')
_ROW = re.compile(rb'\br="(\d{1,7})"')
_STYLE = re.compile(rb'\bs="(\d{1,6})"')
_RANGE = re.compile(rb'\bref="\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?"')
# The form every writer we know uses (Excel, openpyxl, xlsxwriter, LibreOffice, WPS): no
# prefix, `r` first, `s` right after it. Chunks in this form are scanned by `findall`,
# which does the per-cell work in C; any other chunk takes the general path.
# Possessive quantifiers (`{1,3}+`, `*+`): what follows a run of letters, digits or
# attribute text can never start with more of it, so giving some back never finds a
# match, and not trying is what makes these faster.
# One pass finds every cell of that form: (letters, digits, style, end). `style` is what
# follows ` s="` right after `r` up to its closing quote (quote included; b"" when no `s`
# comes right after `r`), `end` is b">" for a cell with content and b"" for an empty one
# (`<c …/>`). Three passes (styled cells, any `s`, cells with content) scanned a 48 MB sheet
# in 1.18 CPU-s, this one in 1.07.
_FAST_CELL = re.compile(rb'<c r="([A-Z]{1,3}+)(\d{1,7}+)"(?: s="([^"<>]*+"?))?'
                        rb'(?:[^>]*+(?<!/)(>)|[^>]*+>)')
_FAST_STYLE = re.compile(rb'[1-9]\d{0,5}"')  # a style the fast path keeps: s="12"
# A mergeCell tag with the first range in it (`_RANGE` within the tag), in one pass.
_MERGE_RANGE = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?mergeCell\s[^>]*?\bref="\$?([A-Z]{1,3}+)\$?'
                          rb'(\d{1,7}+)(?::\$?([A-Z]{1,3}+)\$?(\d{1,7}+))?"[^>]*+>')


_ROW_SHIFT = 14  # a key is row << 14 | column: 16,384 columns, as in Excel


@dataclass
class SheetScan:
    """What the scan of one worksheet found."""

    rows: int = 0  # 1-based bottom row and right column of the cells with content:
    cols: int = 0  # the used range, whatever <dimension> says
    # The cells with a non-default style: keys (1-based row << 14 | column), ascending,
    # and their style indices. Two flat arrays cost 8 bytes a cell where a dict per row
    # would cost a hundred.
    keys: array = field(default_factory=lambda: array("Q"))
    styles: array = field(default_factory=lambda: array("I"))
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)

    def sort(self) -> None:
        keys = self.keys
        if any(map(operator.gt, keys, islice(keys, 1, None))):
            pairs = sorted(zip(keys, self.styles))
            self.keys = array("Q", (k for k, _ in pairs))
            self.styles = array("I", (s for _, s in pairs))

    def row(self, row: int) -> dict[int, int] | None:
        """Column → style index of the styled cells of a 0-based row."""
        base = (row + 1) << _ROW_SHIFT
        lo = bisect_left(self.keys, base)
        hi = bisect_left(self.keys, base + (1 << _ROW_SHIFT), lo)
        if lo == hi:
            return None
        return dict(zip([k - base for k in self.keys[lo:hi]], self.styles[lo:hi]))

    def style_map(self) -> dict[tuple[int, int], int]:
        mask = (1 << _ROW_SHIFT) - 1
        return {((k >> _ROW_SHIFT) - 1, k & mask): s for k, s in zip(self.keys, self.styles)}


class SheetScanner:
    """Fed a worksheet's XML in chunks; fills a `SheetScan`."""

    def __init__(self) -> None:
        self.scan = SheetScan()
        self._rest = b""
        self._row = 0  # current 1-based row (general path)
        self._col = -1  # last 0-based column in it
        self._columns: dict[bytes, int] = {}

    def feed(self, data: bytes) -> None:
        data = self._rest + data
        cut = data.rfind(b"<")  # a tag may be cut at the chunk's end: keep it for later
        if cut < 0:
            self._rest = b""
            return
        if data.find(b">", cut) >= 0:
            cut = len(data)
        self._rest = data[cut:]
        if len(self._rest) > 1 << 20:  # no tag is this long: the XML is not a worksheet
            self._rest = b""
        self._scan(data[:cut])

    def close(self) -> SheetScan:
        if self._rest:
            self._scan(self._rest)
            self._rest = b""
        self.scan.sort()
        return self.scan

    def _column(self, letters: bytes) -> int:
        index = self._columns.get(letters)
        if index is None:
            index = self._columns[letters] = column_index(letters)
        return index

    def _scan(self, data: bytes) -> None:
        cells = data.count(b"<c ") + data.count(b"<c>") + data.count(b"<c/>")
        prefixed = (b":c" in data and (b":c " in data or b":c>" in data)) or b":row" in data
        # A style written elsewhere than right after `r` (or on a row) is for the general
        # path too: every ` s="` must be one the fast pattern sees.
        if prefixed or (cells and data.count(b'<c r="') != cells):
            self._scan_general(data)
            return
        if cells:
            found = _FAST_CELL.findall(data)
            styles = list(map(itemgetter(2), found))
            if data.count(b' s="') != len(styles) - styles.count(b""):
                self._scan_general(data)
                return
            self._fast_used_range(found)
            self._fast_styles(found, styles)
        first = data.find(b"mergeCell")
        if first >= 0:
            # The merged ranges follow the cells: the pattern is tried from the tag of
            # the first mention on, not at every tag of the sheet.
            start = max(data.rfind(b"<", 0, first), 0)
            column = self._column
            self.scan.merged.extend(
                (int(first_row) - 1, column(first_col), int(last_row) - 1, column(last_col))
                for first_col, first_row, last_col, last_row
                in _MERGE_RANGE.findall(data, start) if last_col)

    def _fast_used_range(self, found: list[tuple[bytes, bytes, bytes, bytes]]) -> None:
        """The bottom row and right column of the cells with content (not `<c …/>`)."""
        valued = list(map(itemgetter(3), found))
        if valued.count(b"") == len(valued):
            return
        keep = list(map(b">".__eq__, valued))
        scan = self.scan
        scan.rows = max(scan.rows, max(map(int, set(compress(map(itemgetter(1), found), keep)))))
        right = max(map(self._column, set(compress(map(itemgetter(0), found), keep)))) + 1
        scan.cols = max(scan.cols, right)

    def _fast_styles(self, found: list[tuple[bytes, bytes, bytes, bytes]],
                     styles: list[bytes]) -> None:
        """Keys and style indices of the cells with a style other than 0, all in C: a sheet's
        cells use few distinct styles, so each is checked once, not once a cell."""
        kept = {style for style in set(styles) if _FAST_STYLE.fullmatch(style)}
        if not kept:
            return
        if len(kept) < len(set(styles)):
            found = list(compress(found, map(kept.__contains__, styles)))
        columns = self._columns
        for letters in set(map(itemgetter(0), found)):
            self._column(letters)
        rows = map(int, map(itemgetter(1), found))
        cols = map(columns.__getitem__, map(itemgetter(0), found))
        # row << 14 | col with the 1-based row, all in C
        scan = self.scan
        scan.keys.extend(map(operator.or_, map(operator.lshift, rows, repeat(_ROW_SHIFT)), cols))
        index = {style: int(style[:-1]) for style in kept}  # b'12"' → 12
        scan.styles.extend(map(index.__getitem__, map(itemgetter(2), found)))

    def _merge(self, tag: bytes) -> None:
        ref = _RANGE.search(tag)
        if ref is not None and ref.group(3):
            self.scan.merged.append((int(ref.group(2)) - 1, column_index(ref.group(1)),
                                     int(ref.group(4)) - 1, column_index(ref.group(3))))

    def _scan_general(self, data: bytes) -> None:
        """Any order of attributes, prefixed tags, cells without a reference."""
        scan = self.scan
        row_number, col = self._row, self._col
        for match in _TAG.finditer(data):
            kind, attributes = match.group(1), match.group(2)
            if kind == b"c":
                ref = _REF.search(attributes)
                if ref is not None:
                    col = self._column(ref.group(1))
                    row_number = int(ref.group(2))
                else:
                    col += 1
                style = _STYLE.search(attributes)
                if style is not None and style.group(1) != b"0" and col < 1 << _ROW_SHIFT:
                    scan.keys.append(row_number << _ROW_SHIFT | col)
                    scan.styles.append(int(style.group(1)))
                if not attributes.endswith(b"/"):  # an empty styled cell is no content
                    scan.rows = max(scan.rows, row_number)
                    scan.cols = max(scan.cols, col + 1)
            elif kind == b"row":
                number = _ROW.search(attributes)
                row_number = int(number.group(1)) if number else row_number + 1
                col = -1
            else:
                self._merge(match.group(0))
        self._row, self._col = row_number, col
