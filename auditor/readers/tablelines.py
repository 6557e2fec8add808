"""Whether a paragraph a reader gives out is table text, decided once, by the readers.

A reader rebuilds what tables it can as grids; the lines of a table it could not rebuild
stay paragraphs (a row of a table a text extract flattened, whose figures cannot all be
placed; a table's header row in a text export; the `单位：万元` line above a table). Those
are not sentences: the prose stage must neither join them into one nor read them as a
heading. The reader says so on the paragraph (`Paragraph.table_text`, and `table_end` for
its last line), with `mark`; nothing after the readers tests the text for it again.

Table text is, after the page numbers printed mid-line (`— 6 —`) are blanked:
- a unit line: `单位：万元`, `金额单位：元`;
- a row: a figure apart from its label by spaces (`合计 100.00 80.00`), and no clause
  punctuation (item markers such as `四、` and the commas of digit groups aside); a year
  or a date spaced so (`某某局 2030 年度部门预算`, as a PDF extract prints it) is no figure
  of a row: that line is a heading;
- a header row: three or more fields apart by tabs, runs of spaces or pipes
  (`科目编码  科目名称  2025年预算数`), a row framed by pipes, or two years' columns
  spaced by one (`项目 2021年预算数 2022年预算数`), and no clause punctuation either;
- a row of a table drawn with pipes: two or more pipes, whatever stands between them.

A line that holds a sentence is prose even when its figures stand apart by spaces.
"""

from __future__ import annotations

import re

from ..model import Paragraph
from ..numbers import normalise

# A page's number printed in the middle of a line (`增— 6 —加`): page furniture, not text.
INLINE_PAGE_NUMBER = re.compile(r"(?<![\d—－\-–])[—－\-–]+\s*\d{1,3}\s*[—－\-–]+(?![\d—－\-–])")

_UNIT = re.compile(r"^(?:金额)?单位\s*[:：]\s*(?:千元|万元|亿元|元)\s*$")
_ITEM_MARK = re.compile(r"(?:^|\s)(?:[一二三四五六七八九十]+、|\d+[.．](?!\d))")
DIGIT_GROUP = re.compile(r"(?<=\d),(?=\d{3})")  # the comma of 2,940.05: no clause
_SPACED_FIGURE = re.compile(r"(?:^|\s)[-+]?\d[\d,]*(?:\.\d+)?%?(?=\s|$)(?!\s*[年月日])")
_CLAUSE = re.compile(r"[，,；;。：:！？、]")
_FIELDS = re.compile(r"^[^\t|｜]*?\S(?:\t+| {2,}|\s*[|｜]\s*)\S.*?(?:\t+| {2,}|\s*[|｜]\s*)\S"
                     r"|^\s*[|｜].*[|｜].*[|｜]"
                     r"|(?:(?:19|20)\d{2}\s*年度?(?:预算|决算|执行)数.*?){2}")
_PIPE = re.compile(r"[|｜]")


def _blanked(text: str) -> str:
    return INLINE_PAGE_NUMBER.sub(lambda m: " " * len(m.group(0)), text)


def is_unit_line(text: str) -> bool:
    return bool(_UNIT.match(normalise(_blanked(text)).strip()))


def is_row(text: str) -> bool:
    """Figures apart from their label by spaces, and no sentence around them."""
    body = DIGIT_GROUP.sub("", _ITEM_MARK.sub(" ", normalise(_blanked(text)).strip()))
    return bool(_SPACED_FIGURE.search(body)) and not _CLAUSE.search(body)


def is_header_row(text: str) -> bool:
    """Fields apart by tabs, runs of spaces or pipes, or two years' columns."""
    text = _blanked(text).strip()
    return bool(_FIELDS.search(text)) and not _CLAUSE.search(DIGIT_GROUP.sub("", normalise(text)))


def is_pipe_row(text: str) -> bool:
    return len(_PIPE.findall(text)) >= 2


def is_table_text(text: str) -> bool:
    """Whether `text` (a paragraph or one of its lines) is table text (see the module)."""
    return is_unit_line(text) or is_row(text) or is_header_row(text) or is_pipe_row(text)


def mark(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """The paragraphs, each told whether it, and its last line, is table text."""
    for paragraph in paragraphs:
        paragraph.table_text = is_table_text(paragraph.text)
        last = paragraph.text.rstrip().rsplit("\n", 1)[-1]
        paragraph.table_end = paragraph.table_text if last == paragraph.text \
            else is_table_text(last)
    return paragraphs
