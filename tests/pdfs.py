"""Writes small PDFs for reader tests with reportlab (CJK through its built-in CID font)."""

from __future__ import annotations

from pathlib import Path


def _canvas(path: Path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return canvas.Canvas(str(path), pagesize=(595, 842))


def text_at(c, x: float, y_from_top: float, text: str, size: float = 12) -> None:
    c.setFont("STSong-Light", size)
    c.drawString(x, 842 - y_from_top, text)


def ruled_table(c, left: float, top: float, widths: list[float], rows: list[list[str]],
                height: float = 20) -> None:
    """Draws a ruled table: every cell boxed, text at the cell's left."""
    right = left + sum(widths)
    for r in range(len(rows) + 1):
        y = 842 - (top + r * height)
        c.line(left, y, right, y)
    x = left
    for w in [0] + widths:
        x += w
        c.line(x, 842 - top, x, 842 - (top + len(rows) * height))
    c.line(left, 842 - top, left, 842 - (top + len(rows) * height))
    for r, row in enumerate(rows):
        x = left
        for w, text in zip(widths, row):
            if text:
                text_at(c, x + 3, top + r * height + 14, text, 10)
            x += w


def write(path: Path, pages: list) -> Path:
    """`pages`: one drawing function per page, each taking the canvas."""
    c = _canvas(path)
    for draw in pages:
        draw(c)
        c.showPage()
    c.save()
    return path


def blank_pdf(path: Path) -> Path:
    """A PDF whose page has no text layer, as a scan without OCR has."""
    c = _canvas(path)
    c.rect(100, 100, 200, 200, fill=1)
    c.showPage()
    c.save()
    return path
