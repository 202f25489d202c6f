"""A document printed without its letterhead (a crawled page that kept only the body): the issuing
authority's line above the preamble, and an annex's line naming the document it is attached to."""

from __future__ import annotations

import re
from datetime import date

from kehoach.extractors.layout import Block
from kehoach.extractors.metadata.lines import block_to_lines
from kehoach.extractors.metadata.lookup import Lookup
from kehoach.extractors.metadata.number import normalize_number
from kehoach.extractors.metadata.spelling import is_caps
from kehoach.extractors.structure import StructuredDocument
from kehoach.extractors.vndates import read_date
from kehoach.extractors.vntext import comparison_key

# "(Ban hành kèm theo Nghị quyết số 1339/NQ-UBTVQH15 ngày 28 tháng 12 năm 2024 của ...)"
_ATTRIBUTION = re.compile(
    r"\(\s*(?:Ban\s+hành\s+)?kèm\s+theo\s+(?P<type>[^\d()]+?)\s+số\s+(?P<number>[^\s,()]+)\s+(?P<date>ngày[^()]*?)"
    r"(?:\s+của\s+[^()]*)?\)",
    re.I,
)
# A collective that enacts: "ỦY BAN NHÂN DÂN TỈNH X", "HỘI ĐỒNG NHÂN DÂN ...", or a name the data knows.
_ENACTING_BODY = re.compile(
    r"^(?:Ủ|U)Y\s+BAN\s+NHÂN\s+DÂN\b|^UỶ\s+BAN\s+NHÂN\s+DÂN\b|^HỘI\s+ĐỒNG\s+NHÂN\s+DÂN\b"
    # the head of the issuing body, who decides: "GIÁM ĐỐC SỞ ...", "CHỦ TỊCH ỦY BAN ...", "CỤC TRƯỞNG CỤC ..."
    r"|^(?:CHỦ\s+TỊCH|(?:TỔNG\s+)?GIÁM\s+ĐỐC|THỐNG\s+ĐỐC|(?:BỘ|TỔNG\s+CỤC|CỤC|VỤ|VIỆN|HIỆU|THỦ)\s+TRƯỞNG"
    r"|TRƯỞNG\s+BAN|CHÁNH\s+(?:ÁN|THANH\s+TRA|VĂN\s+PHÒNG)|TỔNG\s+KIỂM\s+TOÁN)\s+\S",
    re.I,
)
_PREAMBLE_OPENER = re.compile(r"^\s*(?:Căn\s+cứ|Thực\s+hiện|Theo\s+đề\s+nghị|Xét\s+đề\s+nghị)\b", re.I)


def attributed_number(doc: StructuredDocument, type_name: str | None) -> tuple[str | None, date | None]:
    """The number and date an annex attributes to the document itself (same type), else (None, None)."""
    if type_name is None:
        return None, None
    for block in doc.layout.body():
        for match in _ATTRIBUTION.finditer(block.text):
            if comparison_key(match.group("type").strip(" *_")) == comparison_key(type_name):
                reading = read_date(match.group("date"))
                return normalize_number(match.group("number")), reading.date if reading else None
    return None, None


def authority_line(doc: StructuredDocument, look: Lookup) -> Block | None:
    """The competent authority printed in capitals between the title and the preamble of a decision or
    resolution ("ỦY BAN THƯỜNG VỤ QUỐC HỘI", "THỦ TƯỚNG CHÍNH PHỦ")."""
    for index, block in enumerate([*doc.title, *doc.preamble]):
        text = line_text(block)
        if _PREAMBLE_OPENER.match(text):
            break
        if index and is_caps(text) and (comparison_key(text) in look.names_by_key or _ENACTING_BODY.match(text)):
            return block
    return None


def line_text(block: Block) -> str:
    return " ".join(line.text for line in block_to_lines(block, 0))
