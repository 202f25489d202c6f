"""Tests for extractors.periods: how plans write when a task runs."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kehoach.extractors.periods import parse_period, parse_year_range
from kehoach.schemas.plan import Period


@pytest.mark.parametrize(
    ("text", "start", "end", "recurrence", "years"),
    [
        pytest.param("Hàng năm 2021-2030", 2021, 2030, "annual", [], id="annual-range"),
        pytest.param("Hằng năm (2021-2030)", 2021, 2030, "annual", [], id="hang-nam-variant"),
        pytest.param("2021- 2030", 2021, 2030, None, [], id="range-odd-spacing"),
        pytest.param("2026 - 2030", 2026, 2030, None, [], id="range-spaced"),
        pytest.param("2025 – 2030", 2025, 2030, None, [], id="range-en-dash"),
        pytest.param("Các năm 2021, 2025, 2030", 2021, 2030, None, [2021, 2025, 2030], id="years-list"),
        pytest.param("Các năm 2021 và 2025", 2021, 2025, None, [2021, 2025], id="two-years-list"),
        pytest.param("Năm 2025", 2025, 2025, "once", [], id="one-year"),
        pytest.param("Quý II/2026", 2026, 2026, "once", [], id="quarter"),
        pytest.param("Tháng 10/2025", 2025, 2025, "once", [], id="month"),
        pytest.param("03/2025", 2025, 2025, "once", [], id="month-short"),
        pytest.param("6 tháng đầu năm 2025", 2025, 2025, "once", [], id="half-year"),
        pytest.param("trước ngày 01/01/2030", None, 2030, "once", [], id="deadline"),
        pytest.param("Hoàn thành trước ngày 01/01/2030", None, 2030, "once", [], id="deadline-hoan-thanh"),
        pytest.param("Xong trong Quý II/2026", 2026, 2026, "once", [], id="xong-trong-quy"),
        pytest.param("Giai đoạn 2021-2025", 2021, 2025, None, [], id="phase-range"),
        pytest.param("Giai đoạn 1: Từ năm 2019 đến 2025", 2019, 2025, None, [], id="phase-tu-den"),
        pytest.param("Từ năm 2021 đến năm 2025", 2021, 2025, None, [], id="tu-nam-den-nam"),
        pytest.param("Từ ngày 01/01/2021 đến ngày 31/12/2025", 2021, 2025, None, [], id="date-range"),
        pytest.param("Quý I/2026 - Quý IV/2027", 2026, 2027, None, [], id="quarter-range"),
        pytest.param("đến năm 2025, định hướng đến năm 2030", None, 2025, None, [], id="vision-ignored"),
        pytest.param("2021-2025, định hướng 2030", 2021, 2025, None, [], id="vision-plain-year-ignored"),
        pytest.param("giai đoạn 2021-2025, định hướng đến năm 2030", 2021, 2025, None, [], id="vision-after-range"),
        pytest.param("Từ năm 2026", 2026, None, None, [], id="open-start"),
        pytest.param("Năm 2025 và các năm tiếp theo", 2025, None, "ongoing", [], id="and-following-years"),
        pytest.param(  # bac-ninh-141 (tests/unseen)
            "Giai đoạn 2026-2030 và những năm tiếp theo.", 2026, None, "ongoing", [], id="range-and-following-years"
        ),
        pytest.param(  # quang-ngai-1627 (tests/unseen)
            "Từ tháng 11/2025 đến khi kết thúc Tổng kiểm kê", 2025, None, "ongoing", [], id="until-an-event"
        ),
        pytest.param("Thường xuyên", None, None, "ongoing", [], id="ongoing"),
        pytest.param("Hàng năm", None, None, "annual", [], id="annual-alone"),
        pytest.param("Hàng năm, sơ kết 5 năm và tổng kết", None, None, "annual", [], id="five-years-not-a-year"),
        pytest.param("Quý IV hằng năm", None, None, "annual", [], id="quarter-every-year"),
    ],
)
def test_parse_period(
    text: str, start: int | None, end: int | None, recurrence: str | None, years: list[int]
) -> None:
    period = parse_period(text)
    assert period is not None
    assert (period.start_year, period.end_year, period.recurrence, period.years) == (
        start,
        end,
        recurrence,
        years,
    )
    assert period.text == " ".join(text.split())


def test_text_kept_as_printed_with_spaces_collapsed() -> None:
    period = parse_period("  Hàng năm\n 2021 -  2030 ")
    assert period is not None
    assert period.text == "Hàng năm 2021 - 2030"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param("Theo tiến độ", id="no-time"),
        pytest.param("Theo Kế hoạch số 2021/KH-UBND", id="document-number"),
        pytest.param("Sở Khoa học và Công nghệ", id="unit"),
        pytest.param("Năm 1800", id="year-out-of-range"),
        pytest.param("5 năm", id="duration"),
        pytest.param("16.925.000.000 đồng", id="amount"),
    ],
)
def test_parse_period_none(text: str) -> None:
    assert parse_period(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Giai đoạn 1: Từ năm 2019 đến 2025", (2019, 2025), id="phase-1"),
        pytest.param("Giai đoạn 2 (2026-2030)", (2026, 2030), id="phase-2"),
        pytest.param("đến năm 2025", (None, 2025), id="horizon"),
        pytest.param("từ năm 2026", (2026, None), id="from"),
        pytest.param("Giai đoạn 1", None, id="no-year"),
    ],
)
def test_parse_year_range(text: str, expected: tuple[int | None, int | None] | None) -> None:
    assert parse_year_range(text) == expected


@given(st.text())
def test_any_string_gives_period_or_none(text: str) -> None:
    period = parse_period(text)
    assert period is None or isinstance(period, Period)
    parse_year_range(text)


_PERIODISH = st.lists(
    st.sampled_from(
        ["Hàng năm", "năm", "2021", "2025", "1800", "-", "đến", "từ", "trước ngày", "01/01/", "Quý II/",
         ",", "định hướng", "Thường xuyên", "5", "các năm tiếp theo"]
    ),
    max_size=10,
).map(" ".join)


@given(_PERIODISH)
def test_years_come_from_the_text(text: str) -> None:
    period = parse_period(text)
    if period is None:
        return
    for year in [period.start_year, period.end_year, *period.years]:
        assert year is None or (str(year) in text and 1945 <= year <= 2100)


@given(st.integers(1945, 2100), st.integers(1945, 2100), st.sampled_from(["-", " - ", "–", " đến "]))
def test_ranges(a: int, b: int, dash: str) -> None:
    period = parse_period(f"Giai đoạn {a}{dash}{b}")
    assert period is not None
    assert (period.start_year, period.end_year) == (a, b)
