"""PDF documents through pdfplumber: text lines by page, ruled tables, and unruled tables
rebuilt from the positions of their words.

What a reader of the page sees is what comes out:
- every text line of a page is numbered from the top (`Location.line`, 1-based, with
  `Location.page`); lines outside tables become `Paragraph`s, wrapped lines of one
  paragraph joined (each source line's offset and number kept in `line_starts`);
- a ruled table (pdfplumber's finder) becomes an aligned `Grid`, blank cells kept as ''
  and merged cells recorded as merged ranges;
- rows of amounts without ruling become a `Grid` too: each amount keeps its column by its
  x-position, blank cells are '' (so "16.19 10.00 6.19" stays under the right headers).

Latin digits in these documents often sit a few points below the Chinese text of their
line (another font's baseline): words are grouped into lines by how much they overlap a
line's first word vertically, not by equal tops, so "年初预算为 1560.05 万元" stays one line.
A PDF without any text (a scan) is refused with one clear line.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from ..model import Cell, Document, Grid, Location, Paragraph
from ..limits import DEFAULT, Limits, megabytes
from . import ReadError, column_letter
from .tablelines import mark
from .wrapping import joiner

# A word that is a figure in a table cell: 1,234.56, -3.2, 0.00, 12%, or a dash for "none".
_FIGURE_WORD = re.compile(r"^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$")
_CODE_WORD = re.compile(r"^\d{2,7}$")
# Lines that start a new paragraph whatever the line before them looks like.
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|"
                      r"第[一二三四五六七八九十\d]+(?:部分|条|章)|\d+[、.．](?!\d)|注[:：]|"
                      r"[①②③④⑤⑥⑦⑧⑨⑩])")
_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")


@dataclass
class _Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class _Line:
    words: list[_Word] = field(default_factory=list)
    number: int = 0  # 1-based on its page
    in_table: bool = False

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def size(self) -> float:
        sizes = sorted(w.size for w in self.words)
        return sizes[len(sizes) // 2] if sizes else 10.0

    def text(self) -> str:
        return _join_words(self.words)


def _join_words(words: list[_Word]) -> str:
    out = ""
    previous: _Word | None = None
    for word in sorted(words, key=lambda w: w.x0):
        if previous is not None:
            gap = word.x0 - previous.x1
            cjk_both = bool(_CJK.search(previous.text[-1]) and _CJK.search(word.text[0]))
            # Between Chinese characters only a wide gap is a column break; next to Latin
            # text or digits any visible gap is a space.
            if gap > (word.size * 0.9 if cjk_both else 1.0):
                out += " "
        out += word.text
        previous = word
    return out


def _overlap(a_top: float, a_bottom: float, b_top: float, b_bottom: float) -> float:
    return max(0.0, min(a_bottom, b_bottom) - max(a_top, b_top))


def group_lines(words: list[_Word]) -> list[_Line]:
    """Words into lines: a word joins the line whose first word it overlaps most (≥ 40%)."""
    lines: list[tuple[_Word, _Line]] = []  # (anchor word, line)
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        height = max(word.bottom - word.top, 0.1)
        best: _Line | None = None
        best_share = 0.4
        for anchor, line in lines[-6:]:
            share = _overlap(word.top, word.bottom, anchor.top, anchor.bottom) / min(
                height, max(anchor.bottom - anchor.top, 0.1))
            if share > best_share:
                best, best_share = line, share
        if best is None:
            best = _Line()
            lines.append((word, best))
        best.words.append(word)
    ordered = sorted((line for _, line in lines), key=lambda line: line.top)
    for number, line in enumerate(ordered, start=1):
        line.number = number
    return ordered


def _words(page) -> list[_Word]:
    raw = page.extract_words(x_tolerance=1.5, y_tolerance=2, keep_blank_chars=False,
                             extra_attrs=["size"])
    return [_Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"], float(w.get("size") or 10))
            for w in raw if w["text"].strip()]


def _words_pdfium(page, height: float) -> list[_Word]:
    """Words of a page without ruling, from pdfium's text layer (≈ 10× faster).

    Each character stands on its baseline (pdfium's origin), so a box of the font size is
    laid on it: digits of another font keep the baseline of their line.
    """
    import ctypes

    import pypdfium2.raw as pdfium_c

    textpage = page.get_textpage()
    count = textpage.count_chars()
    text = textpage.get_text_range(0, count) if count else ""
    x, y = ctypes.c_double(), ctypes.c_double()
    words: list[_Word] = []
    current: list[tuple[str, float, float, float, float]] = []  # char, x0, x1, baseline, size

    def flush() -> None:
        if current:
            size = max(c[4] for c in current)
            baseline = current[0][3]
            words.append(_Word("".join(c[0] for c in current), current[0][1], current[-1][2],
                               baseline - 0.85 * size, baseline + 0.15 * size, size))
            current.clear()

    for index in range(min(count, len(text))):
        char = text[index]
        if char == "\ufffe":
            # pdfium marks a hyphen that ends a line as a soft hyphen. Chinese text is not
            # hyphenated, so it is a real one: the minus of "-\n2.94%" wrapped at the sign.
            char = "-"
        if char.isspace():
            flush()
            continue
        pdfium_c.FPDFText_GetCharOrigin(textpage, index, ctypes.byref(x), ctypes.byref(y))
        left, low, right, high = textpage.get_charbox(index, loose=True)
        # The font size pdfium reports ignores the text matrix: a 300pt font scaled to
        # 15pt says 300, and a 1pt font scaled to 16pt says 1. The character's loose box
        # is the size the page shows.
        size = pdfium_c.FPDFText_GetFontSize(textpage, index) or 10.0
        if high > low and not (high - low) / 1.5 <= size <= 1.5 * (high - low):
            size = high - low
        baseline = height - y.value
        x0, x1 = min(x.value, left), max(right, x.value + 0.1)
        if current:
            previous = current[-1]
            if abs(baseline - previous[3]) > 1.0 or x0 - previous[2] > 1.5 or x0 < previous[1] - 0.5:
                flush()
        current.append((char, x0, x1, baseline, float(size)))
    flush()
    textpage.close()
    return words


def _has_ruling(page) -> bool:
    import pypdfium2.raw as pdfium_c

    return any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=3))


# ---------------------------------------------------------------- ruled tables


class _LineSpans:
    """A page's lines by their vertical extent, for the line each cell of a table is on.

    The lines come ordered by their tops; a line a box overlaps starts below the box's
    top less the tallest line and above its bottom, so only that window is measured (a
    table of a thousand cells no longer measures every line of the page a thousand times).
    """

    def __init__(self, lines: list[_Line]):
        self.spans = [(line.top, line.bottom, line.number) for line in lines]
        self.tops = [top for top, _, _ in self.spans]
        self.tallest = max((bottom - top for top, bottom, _ in self.spans), default=0.0)

    def line_at(self, top: float, bottom: float) -> int | None:
        """The number of the text line a cell's box overlaps most (the first of equals)."""
        best, best_overlap = None, 0.0
        start = bisect_left(self.tops, top - self.tallest)
        for line_top, line_bottom, number in self.spans[start:bisect_right(self.tops, bottom)]:
            share = _overlap(top, bottom, line_top, line_bottom)
            if share > best_overlap:
                best, best_overlap = number, share
        return best


_LATIN_END = re.compile(r"[A-Za-z]$")
_LATIN_START = re.compile(r"^[A-Za-z]")


def unwrap(text: str) -> str:
    """A cell's text without the line breaks its column width forced.

    A narrow column wraps "430420.2元" into "43042" and "0.2元", "年初预算数" into "年初预"
    and "算数": the page shows one cell, so its lines join without a gap; only Latin
    words keep a space between them.
    """
    lines = [line.strip() for line in text.split("\n")]
    out = ""
    for line in lines:
        if out and line and _LATIN_END.search(out) and _LATIN_START.search(line):
            out += " "
        out += line
    return out


def _ruled_grid(table, lines: _LineSpans, path: str, page_number: int, index: int) -> Grid | None:
    texts = table.extract()
    # Cells are named like a worksheet's (第3页表1!E8): two figures on one line of a page
    # are two places.
    name = f"第{page_number}页表{index}"
    if len(texts) < 2 or max((len(r) for r in texts), default=0) < 2:
        return None
    columns = [c.bbox for c in table.columns]
    rows: list[list[Cell]] = []
    merged: list[tuple[int, int, int, int]] = []
    row_boxes = [r.bbox for r in table.rows]
    for r, (row, row_obj) in enumerate(zip(texts, table.rows)):
        cells = []
        for c, text in enumerate(row):
            box = row_obj.cells[c] if c < len(row_obj.cells) else None
            top, bottom = (box[1], box[3]) if box else (row_boxes[r][1], row_boxes[r][3])
            line = lines.line_at(top, bottom)
            cells.append(Cell(unwrap(text or "").strip(), r, c,
                              Location(path, name, f"{column_letter(c)}{r + 1}", line,
                                       page_number)))
            if box is not None:
                last_col = max((j for j, col in enumerate(columns)
                                if col[0] >= box[0] - 0.5 and col[2] <= box[2] + 0.5), default=c)
                last_row = max((i for i, rb in enumerate(row_boxes)
                                if rb[1] >= box[1] - 0.5 and rb[3] <= box[3] + 0.5), default=r)
                if last_col > c or last_row > r:
                    merged.append((r, c, last_row, last_col))
        rows.append(cells)
    if not any(cell.text for row in rows for cell in row):
        return None
    first_line = next((cell.location.line for row in rows for cell in row
                       if cell.location.line is not None), None)
    return Grid(name, rows, Location(path, None, None, first_line, page_number), merged)


# ---------------------------------------------------------------- unruled tables


_AMOUNT_WORD = re.compile(r"^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d+%?$|^[-−]?\d{1,3}(?:,\d{3})+$")


def _is_figure(word: _Word) -> bool:
    return bool(_FIGURE_WORD.match(word.text.replace("，", ",")))


def _figures(line: _Line) -> list[_Word]:
    """A line's amounts: figures with decimals or digit groups anywhere (a table's halves
    stand side by side), and whole numbers right of all its text; codes are labels."""
    words = sorted(line.words, key=lambda w: w.x0)
    last_text = max((i for i, w in enumerate(words) if not _is_figure(w)), default=-1)
    return [w for i, w in enumerate(words)
            if _AMOUNT_WORD.match(w.text) or (i > last_text and _is_figure(w)
                                                and not _CODE_WORD.match(w.text))]


_PROSE_MARK = re.compile(r"[。，；]|万元|说明|情况")


def _tabular(line: _Line) -> bool:
    if _PROSE_MARK.search(line.text()):
        return False  # a sentence with amounts in it, not a row
    figures = _figures(line)
    if len(figures) >= 2:
        return True
    # One amount standing far right of its label, with no unit after it.
    if len(figures) == 1:
        words = sorted(line.words, key=lambda w: w.x0)
        before = [w for w in words if w.x1 <= figures[0].x0]
        after = [w for w in words if w.x0 >= figures[0].x1]
        return bool(before) and not after and figures[0].x0 - before[-1].x1 > 4 * line.size
    return False


def _slots(rows: list[_Line]) -> list[tuple[float, float]]:
    """Column ranges: the x-extents of amounts, merged where they overlap."""
    spans = sorted((w.x0, w.x1) for line in rows for w in _figures(line))
    slots: list[list[float]] = []
    for x0, x1 in spans:
        if slots and x0 <= slots[-1][1] - 0.5:
            slots[-1][1] = max(slots[-1][1], x1)
            slots[-1][0] = min(slots[-1][0], x0)
        else:
            slots.append([x0, x1])
    return [(a, b) for a, b in slots]


def _slot_of(word: _Word, slots: list[tuple[float, float]]) -> int | None:
    best, best_overlap = None, 0.0
    for i, (x0, x1) in enumerate(slots):
        share = _overlap(word.x0, word.x1, x0, x1)
        if share > best_overlap:
            best, best_overlap = i, share
    return best


def _unruled_grid(block: list[_Line], headers: list[_Line], path: str, page_number: int,
                  index: int) -> Grid:
    """Rows of words as cells: each amount under the column its x-range overlaps; the
    text between two amount columns (the label of a second half) a column of its own."""
    slots = _slots(block)

    def group(word: _Word) -> int:  # label columns: 0 before the first slot, k after slot k-1
        return sum(1 for x0, x1 in slots if x1 <= word.x0 + 0.5)

    def nearest(word: _Word) -> int | None:
        """A header word over no amount: the column whose centre is nearest, when the word
        stands right of where the labels end."""
        if not slots or word.x1 <= slots[0][0]:
            return None
        middle = (word.x0 + word.x1) / 2
        distances = [abs(middle - (x0 + x1) / 2) for x0, x1 in slots]
        best = min(range(len(slots)), key=distances.__getitem__)
        width = max(x1 - x0 for x0, x1 in slots)
        return best if distances[best] <= 1.5 * width + word.size else None

    placed: list[tuple[list[tuple[str, int]], _Line]] = []
    used_groups: set[int] = set()
    for line in headers + block:
        amounts = {id(w) for w in _figures(line)} if line in block else set()
        places = []
        for word in sorted(line.words, key=lambda w: w.x0):
            slot = _slot_of(word, slots) if (id(word) in amounts or line not in block) else None
            if slot is None and line not in block:
                slot = nearest(word)
            if slot is not None:
                places.append(("slot", slot))
            else:
                k = group(word)
                used_groups.add(k)
                places.append(("label", k))
        placed.append((places, line))
    columns: list[tuple[str, int]] = []
    for k in range(len(slots) + 1):
        if k in used_groups:
            columns.append(("label", k))
        if k < len(slots):
            columns.append(("slot", k))
    position = {column: i for i, column in enumerate(columns)}
    rows: list[list[Cell]] = []
    name = f"第{page_number}页表{index}"
    for r, (places, line) in enumerate(placed):
        buckets: dict[int, list[_Word]] = {}
        for word, place in zip(sorted(line.words, key=lambda w: w.x0), places):
            buckets.setdefault(position[place], []).append(word)
        rows.append([Cell(_join_words(buckets.get(c, [])), r, c,
                          Location(path, name, f"{column_letter(c)}{r + 1}", line.number,
                                   page_number))
                     for c in range(len(columns))])
    return Grid(name, rows,
                Location(path, None, None, (headers + block)[0].number, page_number))


_ROW_CODE = re.compile(r"^(?:[1-9]\d{2}(?:\d{2}){0,2})$")
_ROW_LABEL = re.compile(r"^(?:[一二三四五六七八九十]+、|合计|总计|本年收入合计|本年支出合计|"
                        r"人员经费合计|公用经费合计|年初|年末|使用非财政拨款结余|结余分配)")


def _row_like(line: _Line) -> bool:
    """A line of a table body: amounts, or a 科目 code first, or a short row label."""
    if _tabular(line):
        return True
    if _PROSE_MARK.search(line.text()):
        return False
    words = sorted(line.words, key=lambda w: w.x0)
    if _ROW_CODE.match(words[0].text) and len(words) > 1 and (
            _CODE_WORD.match(words[1].text) or not _is_figure(words[1])):
        return True
    text = line.text()
    return bool(_ROW_LABEL.match(text)) and len(text) <= 40


def _unruled_tables(lines: list[_Line], path: str, page_number: int,
                    start_index: int) -> list[Grid]:
    """Runs of table-body lines (two or more with amounts), with their header lines.

    A run goes on over lines without amounts (blank cells) while they look like rows: a
    科目 code first, or a short label such as 十、节能环保支出 or 合计.
    """
    grids: list[Grid] = []
    free = [line for line in lines if not line.in_table]
    i = 0
    while i < len(free):
        if not _tabular(free[i]) and not _row_like(free[i]):
            i += 1
            continue
        j = i
        while j < len(free) and _row_like(free[j]):
            j += 1
        block = free[i:j]
        if sum(1 for line in block if _tabular(line)) >= 2 and len(block) >= 3:
            # Header lines: the short lines just above, up to the unit line or a title.
            headers: list[_Line] = []
            k = i - 1
            while k >= 0 and len(headers) < 4 and not free[k].in_table:
                text = free[k].text()
                if re.search(r"单位[:：]", text) or len(text) > 60 or _HEADING.match(text):
                    break
                headers.insert(0, free[k])
                k -= 1
            for line in headers + block:
                line.in_table = True
            grids.append(_unruled_grid(block, headers, path, page_number,
                                       start_index + len(grids)))
        i = max(j, i + 1)
    return grids


# ---------------------------------------------------------------- paragraphs


def _paragraphs(lines: list[_Line], path: str, page_number: int) -> list[Paragraph]:
    free = [line for line in lines if not line.in_table]
    if not free:
        return []
    right = sorted(line.x1 for line in free)[int(len(free) * 0.9)]
    left = min(line.x0 for line in free)
    paragraphs: list[Paragraph] = []
    current: Paragraph | None = None
    previous: _Line | None = None
    for line in free:
        text = line.text().strip()
        if not text:
            continue
        continues = (
            current is not None and previous is not None
            and previous.x1 >= right - 2.5 * previous.size  # the line before ran to the margin
            and line.x0 <= left + 1.0 * line.size  # this one is not indented
            and not _HEADING.match(text)
            and line.top - previous.bottom < 1.2 * line.size
        )
        if continues:
            assert current is not None
            gap = joiner(current.text, text)
            current.line_starts.append((len(current.text) + len(gap), line.number))
            current.text += gap + text
        else:
            current = Paragraph(text, Location(path, None, None, line.number, page_number),
                                [(0, line.number)])
            paragraphs.append(current)
        previous = line
    return mark(paragraphs)


# ---------------------------------------------------------------- the reader


def read(path: str, limits: Limits = DEFAULT) -> Document:
    import pdfplumber  # imported here: a run on workbooks should not pay for it
    import pypdfium2

    from .sniff import describe_failure

    try:
        fast = pypdfium2.PdfDocument(path)
    except pypdfium2.PdfiumError as exc:
        # pdfium names the cause: "Incorrect password" for an encrypted file.
        raise describe_failure(exc, "pdf") from exc
    pages = len(fast)
    if pages > limits.max_pages:
        fast.close()
        raise ReadError("read.too_many_pages", pages=f"{pages:,}", limit=f"{limits.max_pages:,}")
    try:
        pdf = pdfplumber.open(path)
    except Exception as exc:
        fast.close()
        raise describe_failure(exc, "pdf") from exc
    document = Document(path=path, format="pdf")
    has_text = False
    chars = 0
    with pdf:
        for page_number, page in enumerate(pdf.pages, start=1):
            fast_page = fast[page_number - 1]
            ruled = _has_ruling(fast_page)
            # Pages with ruling go through pdfplumber (its table finder needs its words);
            # prose pages through pdfium's text layer.
            words = _words(page) if ruled else _words_pdfium(fast_page, fast_page.get_height())
            fast_page.close()
            if not words:
                continue
            has_text = True
            lines = group_lines(words)
            index = 1
            page_grids: list[Grid] = []
            if ruled and (page.lines or page.rects):
                spans = _LineSpans(lines)
                for table in page.find_tables():
                    x0, top, x1, bottom = table.bbox
                    grid = _ruled_grid(table, spans, path, page_number, index)
                    if grid is None:
                        continue
                    index += 1
                    page_grids.append(grid)
                    for line in lines:
                        middle = (line.top + line.bottom) / 2
                        if top <= middle <= bottom and line.x0 >= x0 - 2 and line.x1 <= x1 + 2:
                            line.in_table = True
            page_grids.extend(_unruled_tables(lines, path, page_number, index))
            document.grids.extend(sorted(page_grids, key=lambda g: g.location.line or 0))
            document.paragraphs.extend(_paragraphs(lines, path, page_number))
            chars += sum(len(w.text) for w in words)
            if chars > limits.text_chars:
                raise ReadError("read.text_too_large", size=megabytes(chars),
                                limit=megabytes(limits.text_chars))
    fast.close()
    if not has_text:
        raise ReadError("read.scanned")
    return document
