"""The period a section heading gives the tasks under it: "I. NHỮNG NHIỆM VỤ CẦN TRIỂN KHAI NGAY
TRONG THÁNG 12/2025", "III. MỘT SỐ HOẠT ĐỘNG TUYÊN TRUYỀN TRỌNG TÂM TRONG NĂM 2026". A task that
states no time of its own runs in its heading's; one that states its own keeps it, and a group's
period stays its tasks'. Only a heading that holds other sections or tables counts (a leaf item's
"Thời gian thực hiện: ..." is its own), only a short one (a heading, not a sentence), and only a
dated period: a heading's "thường xuyên" describes the kind of work more often than it schedules it.
"""

from __future__ import annotations

import re

from kehoach.extractors.grounding import span
from kehoach.extractors.layout import Layout
from kehoach.extractors.period_finder import find_period_at
from kehoach.extractors.structure import Section
from kehoach.extractors.tasks.drafts import Draft
from kehoach.extractors.unvalidated import replaced
from kehoach.schemas import Period

MAX_HEADING_WORDS = 20
_DIGIT = re.compile(r"[0-9]")


def _heading_period(layout: Layout, section: Section) -> Period | None:
    block = section.block
    if block is None or not (section.children or section.tables):
        return None
    title = section.title
    if not _DIGIT.search(title) or len(title.split()) > MAX_HEADING_WORDS:
        return None
    found = find_period_at(title)
    if found is None or (found[0].start_year is None and found[0].end_year is None):
        return None
    period, (start, end) = found
    at = block.text.find(title)
    if at >= 0 and layout.text[block.start + at : block.start + at + len(title)] == title:
        period = replaced(period, source=span(layout, block.start + at + start, block.start + at + end))
    return period


def give_heading_periods(layout: Layout, sections: list[Section], drafts: list[Draft]) -> None:
    """Tasks without a period take the period of the nearest heading above them that states one."""
    order = [s for s in sections if s.block is not None]
    starts = [s.block.start for s in order]  # document order within the body, then each appendix
    spans: list[tuple[int, int | None, Period]] = []
    for k, section in enumerate(order):
        period = _heading_period(layout, section)
        if period is None:
            continue
        after = k + 1 + len(section.walk())
        end = starts[after] if after < len(starts) and starts[after] > starts[k] else None
        spans.append((starts[k], end, period))
    if not spans:
        return
    for draft in drafts:
        if draft.kind != "task" or draft.period is not None:
            continue
        inside = [(start, period) for start, end, period in spans if start < draft.start and (end is None or draft.start < end)]
        if inside:
            draft.period = max(inside, key=lambda item: item[0])[1]
