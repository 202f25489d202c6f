"""Tests for extractors.vndates: long and short dates, blanks, the place-and-date line."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kehoach.extractors.vndates import DateReading, find_dates, parse_date, parse_place_date, read_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("ngày 23 tháng 7 năm 2019", date(2019, 7, 23), id="long"),
        pytest.param("ngày 05 tháng 10 năm 2020", date(2020, 10, 5), id="long-zero-padded"),
        pytest.param("Ngày 23 tháng 7 năm 2019", date(2019, 7, 23), id="long-capital"),
        pytest.param("ngày 23  tháng  7\nnăm 2019", date(2019, 7, 23), id="long-wrapped"),
        pytest.param("ngày 02/4/2021", date(2021, 4, 2), id="short-with-ngay"),
        pytest.param("10/8/2018", date(2018, 8, 10), id="short"),
        pytest.param("16/01/2019", date(2019, 1, 16), id="short-zero-padded"),
        pytest.param("16-01-2019", date(2019, 1, 16), id="short-dashes"),
        pytest.param("16.01.2019", date(2019, 1, 16), id="short-dots"),
        pytest.param(
            "Quyết định số 996/QĐ-TTg ngày 10/8/2018 của Thủ tướng Chính phủ", date(2018, 8, 10), id="in-basis"
        ),
        pytest.param("29/02/2024", date(2024, 2, 29), id="leap-day"),
    ],
)
def test_parse_date(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        pytest.param("ngày    tháng 4 năm 2026", "day left blank", id="blank-day"),
        pytest.param("ngày ... tháng ... năm 2026", "day and month left blank", id="blank-day-month-dots"),
        pytest.param("ngày …. tháng 4 năm 2026", "day left blank", id="blank-day-ellipsis"),
        pytest.param("ngày 5 tháng    năm 2026", "month left blank", id="blank-month"),
        pytest.param("ngày ..../..../2026", "day and month left blank", id="short-blank"),
        pytest.param("ngày    /4/2026", "day left blank", id="short-blank-day"),
        pytest.param("31/02/2020", "impossible date 31/2/2020", id="impossible"),
        pytest.param("29/02/2023", "impossible date 29/2/2023", id="not-leap"),
        pytest.param("ngày 12 tháng 13 năm 2020", "impossible date 12/13/2020", id="month-13"),
        pytest.param("10/8/1800", "year 1800 out of range", id="old-year"),
    ],
)
def test_unreadable_dates_have_reasons(text: str, reason: str) -> None:
    reading = read_date(text)
    assert reading is not None
    assert reading.date is None
    assert reading.reason == reason
    assert parse_date(text) is None


def test_blank_day_keeps_month_and_year() -> None:
    reading = read_date("Hà Nội, ngày    tháng 4 năm 2026")
    assert reading is not None
    assert (reading.day, reading.month, reading.year) == (None, 4, 2026)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param("Kế hoạch số 129/KH-UBND", id="number-not-date"),
        pytest.param("16.925.000.000 đồng", id="amount"),
        pytest.param("năm 2025", id="year-only"),
        pytest.param("03/2025", id="month-year"),
        pytest.param("ngày 10/8-2018", id="mixed-separators"),
        pytest.param("ngày 10-8/2018", id="mixed-separators-reversed"),
    ],
)
def test_no_date(text: str) -> None:
    assert read_date(text) is None


def test_a_date_with_mixed_separators_is_not_read() -> None:
    # Lạng Sơn's basis with one slash typed as a dash: "10/8-2018" could be a slip or two things
    # (10/8 and 8-2018), so no date is read rather than a guess.
    text = "Thực hiện Quyết định số 996/QĐ-TTg ngày 10/8-2018 của Thủ tướng Chính phủ"
    assert find_dates(text) == []
    assert parse_date(text) is None


def test_find_dates_spans() -> None:
    text = (
        "Căn cứ Quyết định số 996/QĐ-TTg ngày 10/8/2018; Kế hoạch số 50/KH-UBND "
        "ngày 23 tháng 7 năm 2019 và ngày    tháng 4 năm 2026."
    )
    readings = find_dates(text)
    assert [r.date for r in readings] == [date(2018, 8, 10), date(2019, 7, 23), None]
    for reading in readings:
        assert text[reading.start : reading.end] == reading.text


@pytest.mark.parametrize(
    ("line", "place", "issued"),
    [
        pytest.param("Lạng Sơn, ngày 23 tháng 7 năm 2019", "Lạng Sơn", date(2019, 7, 23), id="province"),
        pytest.param(
            "TP. Hồ Chí Minh, ngày 05 tháng 10 năm 2020", "TP. Hồ Chí Minh", date(2020, 10, 5), id="hcmc"
        ),
        pytest.param("Hà Nội, ngày 02/4/2021", "Hà Nội", date(2021, 4, 2), id="short-date"),
        pytest.param("ngày 23 tháng 7 năm 2019", None, date(2019, 7, 23), id="no-place"),
        pytest.param("  Thừa Thiên Huế ,  ngày 16 tháng 01 năm 2019", "Thừa Thiên Huế", date(2019, 1, 16), id="spaces"),
        pytest.param(
            "Số: 129/KH-UBND Lạng Sơn, ngày 23 tháng 7 năm 2019", "Lạng Sơn", date(2019, 7, 23), id="number-same-line"
        ),
        pytest.param("Hà Nội, ngày    tháng 4 năm 2026", "Hà Nội", None, id="blank-day"),
        pytest.param("LẠNG SƠN, ngày 23 tháng 7 năm 2019", "LẠNG SƠN", date(2019, 7, 23), id="capitals-kept"),
        pytest.param(
            "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN Lạng Sơn, ngày 23 tháng 7 năm 2019",
            "Lạng Sơn",
            date(2019, 7, 23),
            id="flattened-issuer",
        ),
        pytest.param(
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc TP. Hồ Chí Minh, ngày 02/4/2021",
            "TP. Hồ Chí Minh",
            date(2021, 4, 2),
            id="flattened-motto",
        ),
        pytest.param("Kế hoạch thực hiện Đề án", None, None, id="not-a-date-line"),
    ],
)
def test_parse_place_date(line: str, place: str | None, issued: date | None) -> None:
    assert parse_place_date(line) == (place, issued)


@given(st.text())
def test_date_parsers_never_raise(text: str) -> None:
    for reading in find_dates(text):
        assert isinstance(reading, DateReading)
        assert text[reading.start : reading.end] == reading.text
    parse_date(text)
    parse_place_date(text)


@given(st.dates(min_value=date(1945, 1, 1), max_value=date(2100, 12, 31)), st.booleans())
def test_any_real_date_round_trips(day: date, long_form: bool) -> None:
    if long_form:
        text = f"ngày {day.day} tháng {day.month} năm {day.year}"
    else:
        text = f"ngày {day.day:02d}/{day.month}/{day.year}"
    assert parse_date(text) == day
