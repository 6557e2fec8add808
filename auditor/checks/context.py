"""The sentence around a figure that stands in prose, for reports that show it in place.

A finding about a figure read from a paragraph (a 绩效自评报告's prose, a PDF's 情况说明)
is easier to judge in its sentence than as a bare number. Readers keep each paragraph with
its location; this finds the paragraph at a finding's line, the figure in it, and cuts
the sentence out around it.
"""

from __future__ import annotations

from ..model import Location, Paragraph
from ..numbers import normalise

_SENTENCE_END = "。！？；!?;\n"
# A paragraph with no sentence end near the figure is shown up to this many characters on
# either side, so that a whole page of text without full stops never becomes the "sentence".
_REACH = 120


class ProseIndex:
    """Paragraphs by the (page, line) of each source line they cover."""

    def __init__(self, paragraphs: list[Paragraph]):
        self._at: dict[tuple[int | None, int], Paragraph] = {}
        for paragraph in paragraphs:
            page = paragraph.location.page
            if paragraph.location.line is not None:
                self._at.setdefault((page, paragraph.location.line), paragraph)
            for offset, line in paragraph.line_starts:
                # A paragraph running over a page break has lines on the next page too.
                self._at.setdefault((paragraph.location_at(offset).page, line), paragraph)

    def __bool__(self) -> bool:
        return bool(self._at)

    def sentence(self, location: Location, figure: str | None
                 ) -> tuple[str, tuple[int, int] | None] | None:
        """(sentence, span of `figure` in it) for a figure at `location`; None if not prose."""
        if location.cell is not None or location.line is None:
            return None
        paragraph = self._at.get((location.page, location.line))
        if paragraph is None:
            return None
        text = paragraph.text
        plain = normalise(text) if len(normalise(text)) == len(text) else text
        start = _find(plain, paragraph, location, normalise(figure).strip() if figure else "")
        if start is None:
            if len(text) > 2 * _REACH:
                return None
            return text.strip(), None
        end = start + len(normalise(figure or "").strip())
        first = max((text.rfind(ch, 0, start) for ch in _SENTENCE_END), default=-1) + 1
        first = max(first, start - _REACH)
        last = min((i for i in (text.find(ch, end) for ch in _SENTENCE_END) if i >= 0),
                   default=len(text) - 1) + 1
        last = min(last, end + _REACH)
        sentence = text[first:last]
        lead = len(sentence) - len(sentence.lstrip())
        sentence = sentence.strip()
        return sentence, (start - first - lead, end - first - lead)


def _find(plain: str, paragraph: Paragraph, location: Location, figure: str) -> int | None:
    if not figure:
        return None
    first: int | None = None
    at = plain.find(figure)
    while at >= 0:
        if not _inside_number(plain, at, at + len(figure)):
            if paragraph.location_at(at).line == location.line:
                return at
            first = at if first is None else first
        at = plain.find(figure, at + 1)
    return first


def _inside_number(text: str, start: int, end: int) -> bool:
    """`5` found inside `15` or `5.2` is not the figure `5`."""
    before = text[start - 1:start]
    after = text[end:end + 1]
    return (before.isdigit() or before == ".") or (after.isdigit() or
                                                  (after == "." and text[end + 1:end + 2].isdigit()))
