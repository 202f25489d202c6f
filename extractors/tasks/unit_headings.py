"""Headings over duties by unit, read as one unit however its name runs on.

Under "Tổ chức thực hiện" (or "Trách nhiệm của các cơ quan"), plans print one numbered heading per
body and its duties under it: "1. Sở Tài chính", "2. Sở Xây dựng", ... A heading of that list may name
a body no capitals mark ("5. Các chủ đầu tư xây dựng và kinh doanh hạ tầng Khu công nghiệp",
"1.5. Trách nhiệm của đối tượng thực hiện kiểm kê:", "6. Đề nghị các tổ chức cung cấp dịch vụ chi
trả"): among the others it still names one body, all of it, as long as it assigns nothing.
"""

from __future__ import annotations

import re

from kehoach.extractors.units import UnitMention, split_unit_list, starts_unit

_WHOLE_HEADING_WORDS = 24
# What may open a heading over duties by unit: an asking word, or "Trách nhiệm của" (the owner).
_ASKING_OR_OWNER = re.compile(r"\s*(?:(?:đề nghị|yêu cầu)\s+|(?P<owner>trách nhiệm của)\s+)?", re.I)
# Words that make a heading a sentence that assigns work, not a name.
_ASSIGNING = re.compile(
    r"\b(?:chủ trì|phối hợp|có trách nhiệm|chịu trách nhiệm|giao|đề nghị|yêu cầu|chỉ đạo|như sau|gồm)\b", re.I,
)
# "Các chủ rừng là tổ chức": any plural body; "Sở, ban, ngành liên quan": generic nouns without "các".
_PLURAL_OR_GENERIC = re.compile(r"^(?:Các\s|(?:Sở|Ban|Ngành|Cơ quan|Đơn vị|Địa phương)\s*,)")


def whole_heading(text: str, heads: tuple[str, ...]) -> tuple[str, list[UnitMention]] | None:
    """Among duties by unit ("1. Sở Tài chính", "2. Sở Xây dựng", ...), a heading that begins with a
    unit and assigns nothing names one unit, all of it: "Các chủ đầu tư xây dựng và kinh doanh hạ tầng
    Khu công nghiệp", "Trách nhiệm của đối tượng thực hiện kiểm kê:", "Đề nghị các tổ chức cung cấp
    dịch vụ chi trả", "Các chủ rừng là tổ chức (các Ban quản lý rừng ...)" (the bracket explains it)."""
    head = text.split(":", 1)[0]
    match = _ASKING_OR_OWNER.match(head)
    start = match.end()
    bracket = head.find("(", start)
    if bracket >= 0:
        closing = head.find(")", bracket)
        if closing >= 0 and head[closing + 1 :].strip(" \t\n."):
            return None  # words after the bracket
    name = head[start : bracket if bracket >= 0 else len(head)].rstrip(" \t\n.")
    end = start + len(name)
    if (
        not name.strip() or any(c in name for c in "();.\n")
        or len(name.split()) > _WHOLE_HEADING_WORDS or _ASSIGNING.search(name)
        or not (match["owner"] or starts_unit(name, heads) or _PLURAL_OR_GENERIC.match(name))
        or len(split_unit_list(name, heads)) > 1  # a list of units, each named as the rules read it
    ):
        return None
    return head, [UnitMention(name, start, end)]
