"""Owner cells and lines that point elsewhere instead of naming a unit.

"Theo phân công tại Quyết định số 1441/QĐ-UBND ..." or "Các cơ quan theo chức năng, nhiệm vụ" in a
lead or partner cell says where the owners are written, not who they are: such a text is no unit.
"""

from __future__ import annotations

import re

from kehoach.extractors.vntext import comparison_key

_REFERS_ELSEWHERE = re.compile(
    r"^(?:theo (?:sự )?(?:phân công|chức năng|quy định|nhiệm vụ|thẩm quyền|kế hoạch|quyết định|văn bản|phương án"
    r"|đề án|chương trình|danh mục|phụ lục)"
    r"|(?:các |những )?(?:cơ quan|đơn vị)[^;]{0,20}? theo (?:chức năng|nhiệm vụ|thẩm quyền|phân công)[^;]{0,40}$"
    r"|như (?:trên|mục|tại))"
)


def refers_elsewhere(text: str) -> bool:
    """Whether an owner text points to another document or rule rather than naming a unit."""
    return bool(_REFERS_ELSEWHERE.match(comparison_key(text).strip(" :.-–")))
