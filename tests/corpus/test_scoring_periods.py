"""The corpus scorer's reading of periods: a period that names no time equals none."""

from __future__ import annotations

from corpus_scoring import _period_equal

NO_TIME = {"text": "Theo kế hoạch", "start_year": None, "end_year": None, "recurrence": None,
           "start_date": None, "end_date": None}
QUARTER = {"text": "Quý II/2026", "start_year": 2026, "end_year": 2026, "recurrence": "once",
           "start_date": "2026-04-01", "end_date": "2026-06-30"}


def test_a_period_naming_no_time_equals_none_both_ways() -> None:
    assert _period_equal(NO_TIME, None)
    assert _period_equal(None, NO_TIME)
    assert _period_equal(NO_TIME, {**NO_TIME, "text": "Theo lộ trình"})


def test_a_period_with_values_must_be_found() -> None:
    assert not _period_equal(QUARTER, None)
    assert not _period_equal(None, QUARTER)
    assert not _period_equal(QUARTER, {**QUARTER, "end_date": None})
    assert _period_equal(QUARTER, dict(QUARTER))
