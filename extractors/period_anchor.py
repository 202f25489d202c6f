"""Task periods read against the plan's own year, once the document's title and date are known.

A plan's cells often leave out what the plan itself says: "ngày 23 tháng 1", "từ ngày 15/11 đến
ngày 15/12" and "Thường xuyên trong năm" mean the year the plan is for, which its title names
("Kế hoạch Tuyên truyền cải cách hành chính năm 2026") or, failing that, the year it is issued.
A deadline in the year the plan is issued ("trước ngày 25/12/2025" in a plan of 18/11/2025) starts
and ends in that year: the work cannot start before the plan; so does a deadline in the year the plan
is for ("chậm nhất là ngày 15/01/2026" in a plan for 2026 issued in December 2025). A deadline in
another year keeps an open start ("trước ngày 10/01/2025" in a plan of 28/12/2024). A draft that
leaves its day blank ("ngày    tháng 12 năm 2025") still prints the year it is issued in.
"""

from __future__ import annotations

import re

from kehoach.extractors.periods import parse_period, years_in_title
from kehoach.extractors.unvalidated import replaced
from kehoach.schemas import Document, Period, Task

__all__ = ["anchor_periods", "plan_year"]

_ISO_YEAR = re.compile(r"^([0-9]{4})-")


def _issue_year(document: Document) -> int | None:
    match = _ISO_YEAR.match(document.issued_date or "")
    return int(match.group(1)) if match else None


def plan_year(document: Document, dated_year: int | None = None) -> int | None:
    """The one year the title names ("... năm 2026"), else the year of issue, else None."""
    years = years_in_title(document.title or "")
    return years[0] if len(years) == 1 else (_issue_year(document) or dated_year)


def _anchored(period: Period, year: int | None, issued: int | None, completions: dict[str, Period | None]) -> Period:
    if year is not None and period.start_year is None and period.end_year is None:
        if period.text not in completions:
            completions[period.text] = parse_period(period.text, year)
        completed = completions[period.text]
        if completed is not None and (completed.start_year is not None or completed.end_year is not None):
            return replaced(completed, source=period.source)
    one_off_deadline = period.recurrence == "once" and period.start_year is None
    if one_off_deadline and period.end_year is not None and period.end_year in (issued, year):
        return replaced(period, start_year=period.end_year)
    return period


def anchor_periods(tasks: list[Task], document: Document, dated_year: int | None = None) -> list[Task]:
    """``tasks`` with their periods completed by the plan's year and issue date (see the module).
    `dated_year` is the year of a date line whose day is blank (a draft), which has no issued_date."""
    year = plan_year(document, dated_year)
    issued = _issue_year(document) or dated_year or year
    completions: dict[str, Period | None] = {}  # the plan's period texts read with its year
    out: list[Task] = []
    for task in tasks:
        period = task.period if task.period is None else _anchored(task.period, year, issued, completions)
        out.append(task if period is task.period else replaced(task, period=period))
    return out
