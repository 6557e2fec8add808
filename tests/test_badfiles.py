"""A deterministic part of the bad-file corpus through the whole pipeline, and fuzzing.

The whole corpus (≥ 1,000 files, some of them large) runs in benchmarks/badfiles.py; here
every bomb, entity attack, encrypted, empty and hand-made broken file, and every 15th of
the rest, so the run stays short.
"""

from __future__ import annotations

import hashlib
import re
import signal
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import badfiles
from auditor.numbers import parse_figure, scan_figures
from auditor.pipeline import audit_file
from auditor.readers import ReadError, read_document
from auditor.readers.numfmt import render

TECHNICAL = re.compile(r"Error\b|Exception|Traceback|CRC|Errno|line \d+, column|decompress|"
                       r"Calamine|Cfb|zlib|BadZip")
# Made only in the benchmark: a million rows are minutes of work, not a refusal.
_SLOW = {"huge-1m-rows.xlsx"}
_ALWAYS = ("bomb-", "entity-", "encrypted-", "empty-", "broken-", "huge-")


def chosen() -> list[str]:
    names = []
    for index, (name, _) in enumerate(badfiles.corpus()):
        if name in _SLOW:
            continue
        if name.startswith(_ALWAYS) or index % 15 == 0:
            names.append(name)
    return names


def test_the_corpus_holds_a_thousand_files_of_every_kind():
    names = [name for name, _ in badfiles.corpus()]
    assert len(names) >= 1000 and len(set(names)) == len(names)
    kinds = {name.split("-")[0] for name in names}
    assert kinds == {"bomb", "entity", "encrypted", "renamed", "encoding", "huge", "empty",
                     "broken", "truncated", "flipped"}


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang()


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bad")
    badfiles.write(folder, set(chosen()))
    return folder


@pytest.mark.parametrize("name", chosen())
def test_a_bad_file_gets_one_clear_line(corpus_dir, book, name):
    path = corpus_dir / name
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    # A guard against a hang, not a speed test: the benchmark measures time.
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(60)
    try:
        result = audit_file(str(path), book, "zh")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert result.status in ("ok", "error")
    if result.status == "error":
        assert result.error and "\n" not in result.error
        assert not TECHNICAL.search(result.error), result.error
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


# ---------------------------------------------------------------- fuzzing


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_the_figure_parser_takes_any_text(text):
    figure = parse_figure(text)
    if figure is not None and hasattr(figure, "value"):
        assert isinstance(figure.value, Decimal)
    for scanned in scan_figures(text):
        assert 0 <= scanned.start <= scanned.end <= len(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789,.-+%万元亿 　（）()", max_size=30))
def test_the_figure_parser_on_number_like_text(text):
    parse_figure(text)
    list(scan_figures(text))


@settings(max_examples=400, deadline=None)
@given(st.floats(allow_nan=False, allow_infinity=False), st.integers(0, 6),
       st.booleans(), st.booleans())
def test_a_fixed_format_shows_the_decimal_rounded_half_up(value, decimals, grouped, percent):
    fmt = ("#,##0" if grouped else "0") + ("." + "0" * decimals if decimals else "") + \
          ("%" if percent else "")
    number = Decimal(repr(value)) * (100 if percent else 1)
    expected = number.quantize(Decimal(1).scaleb(-decimals), rounding="ROUND_HALF_UP",
                               context=__import__("decimal").Context(prec=1000, Emax=10 ** 6))
    pattern = f",.{decimals}f" if grouped else f".{decimals}f"
    assert render(value, fmt) == format(expected, pattern) + ("%" if percent else "")


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=40), st.floats(allow_nan=False, allow_infinity=False))
def test_any_format_string_renders_without_error(fmt, value):
    assert isinstance(render(value, fmt), str)


SEED_XLSX = badfiles.sample("planted-errors-selfeval.xlsx")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from([".xlsx", ".docx", ".pdf", ".csv", ".txt", ".xls"]),
       st.binary(max_size=2048))
def test_random_bytes_are_refused_in_words_or_read(tmp_path, ext, data):
    path = tmp_path / f"random{ext}"
    path.write_bytes(data)
    try:
        read_document(str(path))
    except ReadError as exc:
        assert "\n" not in str(exc) and not TECHNICAL.search(str(exc))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, len(SEED_XLSX) - 1), st.integers(0, 255)),
                min_size=1, max_size=6))
def test_a_mutated_workbook_is_refused_in_words_or_read(tmp_path, flips):
    data = bytearray(SEED_XLSX)
    for where, byte in flips:
        data[where] = byte
    path = tmp_path / "mutated.xlsx"
    path.write_bytes(bytes(data))
    try:
        read_document(str(path))
    except ReadError as exc:
        assert "\n" not in str(exc) and not TECHNICAL.search(str(exc))
