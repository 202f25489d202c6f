"""Items numbered inside a paragraph, as notices of conclusions and directives print them after a
heading or a unit:

    "3. Khẩn trương xây dựng và ban hành chiến lược dữ liệu: (1) Thanh tra Chính phủ ban hành trước
    ngày 25 tháng 11 năm 2025; (2) Bộ Công an chủ trì, phối hợp ..."
    "a) Bộ Khoa học và Công nghệ: (1) trình Thủ tướng Chính phủ ...; (2) chủ trì, phối hợp ..."

The list opens after a colon with "(1)" and goes on with "(2)", "(3)" ..., each after a ";" or a
full stop; roman "(i)", "(ii)" inside an item stay part of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MARK = re.compile(r"(?:(?<=[:;.])|^)\s*\((\d{1,2})\)\s*")
_TRAILING = " ;.,"


@dataclass(frozen=True)
class InlineItem:
    number: str
    start: int  # offsets into the text given, end exclusive, trailing separators left out
    end: int


def inline_items(text: str) -> tuple[int, list[InlineItem]] | None:
    """Where the heading before the list ends, and the list's items; None when the text holds no
    list of at least two items numbered in order from (1) after a colon."""
    if "(" not in text:
        return None
    marks = []
    expected = 1
    for match in _MARK.finditer(text):
        if int(match.group(1)) != expected:
            continue
        if expected == 1 and not text[: match.start(1) - 1].rstrip().endswith(":"):
            continue
        marks.append(match)
        expected += 1
    if len(marks) < 2:
        return None
    items = []
    for match, after in zip(marks, [*marks[1:], None]):
        start = match.end()
        end = after.start() if after is not None else len(text)
        while end > start and text[end - 1] in _TRAILING + "\n":
            end -= 1
        if end > start:
            items.append(InlineItem(match.group(1), start, end))
    return (marks[0].start(), items) if len(items) >= 2 else None
