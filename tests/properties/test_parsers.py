"""Never crash: every parser either reads its input or raises its documented error, for any input.

The parsers' owners test what they read; these properties test what they must survive: arbitrary
Unicode, Vietnamese text with digits and punctuation, huge numbers, control characters. Where a parser
has an inverse (numbers to words, dates, markers), the round trip is checked on generated values.
"""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kehoach.extractors.errors import InputError
from kehoach.extractors.outline import RANKS, Marker, parse_marker
from kehoach.extractors.periods import parse_period, parse_year_range
from kehoach.extractors.readers import READERS, detect_format
from kehoach.extractors.units import find_abbreviation_definitions, split_unit_list, starts_unit
from kehoach.extractors.vndates import find_dates, parse_date, parse_place_date, read_date
from kehoach.extractors.vnnumbers import (
    AmountReading,
    NumberFormatError,
    find_amounts,
    parse_amount,
    parse_number,
    unit_multiplier,
)
from kehoach.extractors.vnwords import WordsReading, number_to_words, words_to_number
from kehoach.schemas import Period

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text that looks like plans: Vietnamese letters, digits, the punctuation numbers and dates use.
_VIET = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
_ALPHABET = _VIET + _VIET.upper() + "0123456789" + " .,;:/-–()%+*\t\n" + "IVXLC"
plan_text = st.text(alphabet=_ALPHABET, max_size=80)
any_text = st.text(max_size=80)
texts = st.one_of(plan_text, any_text)

_WORDS = [
    "không", "một", "mốt", "hai", "ba", "bốn", "tư", "năm", "lăm", "sáu", "bảy", "tám", "chín", "mười",
    "mươi", "trăm", "nghìn", "ngàn", "triệu", "tỷ", "tỉ", "linh", "lẻ", "đồng", "chẵn", "và", "Bằng chữ:",
]
number_words = st.lists(st.sampled_from(_WORDS), max_size=14).map(" ".join)

_UNITS = ["đồng", "đ", "VNĐ", "triệu đồng", "tỷ đồng", "tr.đ", "nghìn đồng", "triệu", "tỷ", "lượt", ""]
amount_like = st.builds(
    lambda digits, sep, unit: f"{digits}{sep}{unit}",
    st.from_regex(r"\A[0-9]{1,4}([.,][0-9]{1,4}){0,5}\Z"),
    st.sampled_from(["", " ", "  "]),
    st.sampled_from(_UNITS),
)


def _vn_grouped(n: int) -> str:
    return f"{n:,}".replace(",", ".")


# --- numbers and amounts ----------------------------------------------------------------------------


@SETTINGS
@given(st.one_of(texts, amount_like, st.from_regex(r"\A[0-9.,]{1,40}\Z")))
@example("9" * 10_000)
@example("1." * 5_000 + "1")
def test_parse_number_reads_or_raises_number_format_error(text: str) -> None:
    try:
        value = parse_number(text)
    except NumberFormatError:
        return
    assert isinstance(value, (int, float)) and not isinstance(value, bool)


@SETTINGS
@given(st.integers(min_value=0, max_value=10**17))
def test_parse_number_reads_thousands_dots(n: int) -> None:
    assert parse_number(_vn_grouped(n)) == n


@SETTINGS
@given(st.one_of(texts, amount_like), st.sampled_from([None, "đồng", "Triệu đồng", "Tỷ VNĐ", "lượt", ""]))
def test_parse_amount_reads_or_raises_number_format_error(text: str, default_unit: str | None) -> None:
    try:
        reading = parse_amount(text, default_unit)
    except NumberFormatError:
        return
    assert isinstance(reading, AmountReading)
    assert isinstance(reading.vnd, int) and reading.vnd >= 0
    assert text[reading.start : reading.end] == reading.text


@SETTINGS
@given(st.lists(st.one_of(plan_text, amount_like), max_size=6).map(" ".join))
def test_find_amounts_never_raises_and_grounds_each_reading(text: str) -> None:
    readings = find_amounts(text)
    for reading in readings:
        assert text[reading.start : reading.end] == reading.text
        assert isinstance(reading.vnd, int)
    assert [r.start for r in readings] == sorted(r.start for r in readings)


@SETTINGS
@given(texts)
def test_unit_multiplier_never_raises(text: str) -> None:
    value = unit_multiplier(text)
    assert value is None or (isinstance(value, int) and value > 0)


@SETTINGS
@given(st.one_of(number_words, texts))
def test_words_to_number_never_raises(text: str) -> None:
    reading = words_to_number(text)
    assert isinstance(reading, WordsReading)
    assert reading.value is None or (isinstance(reading.value, int) and reading.value >= 0)
    assert (reading.value is None) == (reading.error is not None)


@SETTINGS
@given(st.integers(min_value=0, max_value=10**18 - 1))
def test_number_to_words_reads_back(n: int) -> None:
    assert words_to_number(number_to_words(n)).value == n


@SETTINGS
@given(st.one_of(st.integers(max_value=-1), st.floats(allow_nan=True), st.booleans(), st.text(max_size=5)))
def test_number_to_words_refuses_what_is_not_a_count(value: object) -> None:
    with pytest.raises(ValueError):
        number_to_words(value)  # type: ignore[arg-type]


# --- periods and dates ------------------------------------------------------------------------------

period_like = st.builds(
    lambda a, y1, sep, y2: f"{a}{y1}{sep}{y2}",
    st.sampled_from(["", "Năm ", "Hàng năm ", "Từ năm ", "trước ngày 01/01/", "Quý II/", "Các năm ", "đến năm "]),
    st.integers(min_value=0, max_value=99999),
    st.sampled_from(["", "-", " – ", " đến ", ", ", "/"]),
    st.one_of(st.integers(min_value=0, max_value=99999).map(str), st.just("")),
)


@SETTINGS
@given(st.one_of(texts, period_like))
def test_parse_period_never_raises(text: str) -> None:
    period = parse_period(text)
    assert period is None or isinstance(period, Period)
    if period is not None:
        for year in [period.start_year, period.end_year, *period.years]:
            assert year is None or 1000 <= year <= 9999
    span = parse_year_range(text)
    assert span is None or (isinstance(span, tuple) and len(span) == 2)


@SETTINGS
@given(st.one_of(texts, period_like))
def test_date_readers_never_raise(text: str) -> None:
    readings = find_dates(text)
    assert [r.start for r in readings] == sorted(r.start for r in readings)
    first = read_date(text)
    assert (first is None) == (not readings)
    value = parse_date(text)
    assert value is None or isinstance(value, dt.date)
    place, when = parse_place_date(text)
    assert place is None or isinstance(place, str)
    assert when is None or isinstance(when, dt.date)


@SETTINGS
@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2099, 12, 31)), st.booleans())
def test_dates_read_back(day: dt.date, long_form: bool) -> None:
    text = f"ngày {day.day} tháng {day.month} năm {day.year}" if long_form else f"{day.day:02d}/{day.month}/{day.year}"
    assert parse_date(f"Lạng Sơn, {text}") == day


# --- outline markers --------------------------------------------------------------------------------

marker_like = st.builds(
    lambda marker, gap, rest: f"{marker}{gap}{rest}",
    st.sampled_from(["I.", "IV.", "1.", "2)", "1.1", "1.2.3.", "a)", "đ)", "-", "+", "*", "•", "Điều 3.", "XIII.", "99."]),
    st.sampled_from(["", " ", "\t"]),
    plan_text,
)


@SETTINGS
@given(st.one_of(texts, marker_like))
def test_parse_marker_never_raises(text: str) -> None:
    marker = parse_marker(text)
    assert marker is None or isinstance(marker, Marker)
    if marker is not None:
        assert marker.style in RANKS
        assert isinstance(marker.rank, (int, float))
        assert text.lstrip().startswith(marker.printed)


@SETTINGS
@given(st.sampled_from(["II.", "3.", "1.2", "b)", "-", "+"]), st.text(alphabet=_VIET + " ", min_size=1, max_size=30).map(str.strip).filter(bool))
def test_parse_marker_reads_back_its_marker(marker: str, rest: str) -> None:
    parsed = parse_marker(f"{marker} {rest}")
    assert parsed is not None
    assert parsed.printed == marker
    assert parsed.rest == rest


# --- unit lists -------------------------------------------------------------------------------------

unit_list_like = st.lists(
    st.sampled_from([
        "Sở Khoa học và Công nghệ", "Sở Văn hóa, Thể thao và Du lịch", "UBND các huyện, thành phố",
        "Chi cục TĐC", "các tổ chức, cá nhân có liên quan", "Phòng Kế hoạch - Tài chính", "và", ",", ";",
    ]),
    max_size=8,
).map(" ".join)


@SETTINGS
@given(st.one_of(texts, unit_list_like), st.lists(st.sampled_from(["Chi cục TĐC", "TT", "", "KH&CN"]), max_size=3))
def test_split_unit_list_gives_spans_inside_the_text(text: str, abbreviations: list[str]) -> None:
    spans = split_unit_list(text, abbreviations=abbreviations)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        previous_end = end
    assert isinstance(starts_unit(text), bool)


@SETTINGS
@given(st.one_of(texts, unit_list_like.map(lambda s: s + " (Sở KH&CN)")))
def test_find_abbreviation_definitions_never_raises(text: str) -> None:
    assert isinstance(find_abbreviation_definitions(text), list)


# --- format detection -------------------------------------------------------------------------------


@SETTINGS
@given(
    st.one_of(st.binary(max_size=2048), st.sampled_from([b"%PDF-1.7", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"<html>"]).flatmap(
        lambda head: st.binary(max_size=512).map(lambda tail: head + tail))),
    st.sampled_from(["x.pdf", "x.docx", "x.doc", "x.html", "x.txt", "x.md", "x.bin", "noext"]),
)
def test_detect_format_names_a_reader_or_raises_an_input_error(data: bytes, name: str) -> None:
    try:
        fmt = detect_format(data, name)
    except InputError as exc:
        assert exc.reason and "\n" not in exc.reason
        return
    assert fmt in READERS


def test_every_property_target_is_importable() -> None:
    # A renamed parser should fail here, by name, rather than silently lose its property.
    for module, name in [("kehoach.extractors.vnnumbers", "parse_amount"), ("kehoach.extractors.periods", "parse_period"),
                         ("kehoach.extractors.vndates", "parse_date"), ("kehoach.extractors.structure", "parse_marker"),
                         ("kehoach.extractors.units", "split_unit_list"), ("kehoach.extractors.units", "find_abbreviation_definitions")]:
        assert callable(getattr(importlib.import_module(module), name))
