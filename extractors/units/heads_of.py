"""The head of a body printed before its name: part of the unit as the plan writes it.

Decisions of the Prime Minister, dispatches and conclusions address people by office: "Bộ trưởng Bộ
Tài chính chủ trì ...", "Chủ tịch Ủy ban nhân dân các tỉnh ...", "Thủ trưởng các sở, ban, ngành",
"Trưởng Ban Chỉ đạo". The lead is the office as printed; an honorific before it ("Đồng chí") is not.
"""

from __future__ import annotations

import re

from kehoach.extractors.units.mentions import UnitMention

# An office that heads a body, right before the body's name. "trưởng" alone only in capitals
# ("Trưởng Ban Chỉ đạo"), not the "tăng trưởng" (growth) of a sentence.
_HEAD_OF = re.compile(
    r"(?<!\w)(?:[Pp]hó\s+)?(?:[Bb]ộ|[Tt]hứ|[Tt]hủ|[Cc]ục|[Vv]ụ|[Vv]iện|[Hh]iệu|[Cc]hánh)\s+trưởng\s+$"
    r"|(?<!\w)(?:[Pp]hó\s+)?Trưởng\s+$"
    r"|(?<!\w)(?:[Pp]hó\s+)?(?:[Tt]ổng\s+)?[Gg]iám\s+đốc\s+$"
    r"|(?<!\w)(?:[Pp]hó\s+)?[Cc]hủ\s+(?:tịch|nhiệm)\s+$"
)
_HONORIFIC = re.compile(r"\s*(?:[Đđ]ồng\s+chí|[Đđ]/c)\s*")
_LOOK_BACK = 24


def with_heads_of(text: str, mentions: list[UnitMention]) -> list[UnitMention]:
    """`mentions` of `text`, each taking the office printed right before it, if one is."""
    out = []
    for m in mentions:
        found = _HEAD_OF.search(text, max(0, m.start - _LOOK_BACK), m.start)
        if found is not None:
            start = found.start()
            m = UnitMention(text[start : m.end], start, m.end)
        out.append(m)
    return out


def only_honorific(text: str) -> bool:
    """Whether `text` (what precedes a subject) is an honorific only: "Đồng chí "."""
    return bool(_HONORIFIC.fullmatch(text))
