"""Items of a task section that are not work: bullets that describe a work item rather than list
its work, the parts a plan restates from its master plan, a conclusion's weighing of a matter, the
addressees a dispatch is sent to.

A plan often prints one piece of work and, under it, bullets that say where, how much and how often:

    1.2. Ngao
    - Điểm quan trắc: Thực hiện quan trắc ... tại bãi nuôi ngao Hải Châu ...
    - Thông số, tần suất, thời gian và số lượng mẫu quan trắc: ...
    2. Thông tin tuyên truyền ...
    - Nội dung: ...  - Hình thức: In tài liệu ...  - Số lượng: 5.000 cuốn.
    - Triển khai cáp quang ...: + Lắp đặt mới trạm 3G/4G: 58 trạm ...; + Đầu tư mới trạm 5G: 35 trạm ...

Such a list is the item's particulars (its place, figures, parameters, form), not items of work: the
item is one task. A list is read so when one of its bullets names a particular ("Địa điểm ...:",
"Số lượng:", "Tần suất ...:", a programme's "Dự án 1: ...") or gives a figure as its value ("...: 58
trạm"), and none assigns work to a unit. Label lines (who, when, what it yields) are read elsewhere
and decide nothing here.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from kehoach.extractors.layout import Block
from kehoach.extractors.structure import Section
from kehoach.extractors.tasks.labels import is_label_line
from kehoach.extractors.vntext import comparison_key

_PARTICULAR = re.compile(
    r"^(?:(?:số lượng|số điểm|thông số|tần suất|địa điểm|vị trí|điểm|quy mô|hình thức|phương thức|thành phần"
    r"|đối tượng|phạm vi|thời lượng|(?:dự kiến )?kinh phí|(?:tiểu )?dự án \d+)\b[^:]{0,60}:"
    r"|[^:]{1,60}:\s*(?:khoảng\s+)?\d)"
)
_BULLETS = ("dash", "plus", "star")
# "... các nội dung này được cụ thể hóa bằng các chỉ tiêu cụ thể như sau:" over "(1) 100% số người ...".
_INDICATORS_NEXT = re.compile(r"\bchỉ tiêu\b[^.;:]{0,40}:\s*$", re.I)
# "1. Nội dung thi đua" over the one paragraph that states the work: a label, the paragraph is the task.
_CONTENT_LABEL = re.compile(r"^nội dung(?: [^\W\d]+){0,3}$")
_ADDRESSED = re.compile(r"(?:\bđiện|\bkính gửi)\s*:\s*$", re.I)
# The parts a plan implementing a master plan (quy hoạch) restates from it, as the Law on Planning lists
# them: its projects, its land use, its resources ("Các chương trình, dự án triển khai thực hiện quy
# hoạch", "Kế hoạch sử dụng đất", "Nguồn lực và việc sử dụng nguồn lực ..."): what is planned, not work.
_PLANNING_PART = re.compile(
    r"^(?:kế hoạch sử dụng đất|nguồn lực|nguồn vốn|danh mục (?:các )?dự án"
    r"|(?:các )?(?:chương trình, )?dự án\b[^.:;]{0,30}\bthực hiện quy hoạch)"
)
# The weight a conclusion gives a matter ("Việc hợp nhất 03 Chương trình có ý nghĩa hết sức quan trọng,
# ..." and its reasons "Thứ nhất, ..."), where none of its lines assigns work to a unit.
_WEIGHING = re.compile(r"^việc\b[^.;:]{0,150}\bcó ý nghĩa\b")


def describes(section: Section, assigns: Callable[[str], bool]) -> bool:
    """Whether the bullets under `section` are its particulars; `assigns` tells whether a text
    assigns work to a unit."""
    bullets = [c for c in section.children if not is_label_line(c.title)]
    if not bullets or any(c.marker is None or c.marker.style not in _BULLETS for c in bullets):
        return False
    if not any(_PARTICULAR.match(comparison_key(c.title)) for c in bullets):
        return False
    return not any(assigns(c.title) for c in bullets)


def text_end(section: Section) -> int:
    """Where the text of `section` and of everything under it ends: a task described by its bullets
    spans them, so that their figures ("240 mẫu/năm", "5.000 cuốn") are its targets."""
    ends = [b.end for s in [section, *section.walk()] for b in ([s.block] if s.block else []) + s.blocks]
    return max(ends)


def restates_or_weighs(key: str, section: Section, assigns: Callable[[str], bool]) -> bool:
    """Whether an item (its heading's comparison key `key`) is a part restated from a master plan or
    a conclusion's weighing of a matter; `assigns` tells whether a text assigns work to a unit."""
    if _PLANNING_PART.match(key):
        return bool(section.children or section.blocks)
    if _WEIGHING.match(key) and not section.children:
        return not any(assigns(t) for t in [section.title] + [b.text for b in section.blocks])
    return False


def without_addressees(opening: list[Block], body: Section) -> Section:
    """The body of a dispatch without the bullets that name whom it is sent to ("THỦ TƯỚNG CHÍNH PHỦ
    điện:" / "- Bộ trưởng, Thủ trưởng cơ quan ngang Bộ ...;" / "- Chủ tịch Ủy ban nhân dân ..."): those
    before its first numbered item, after a line ending "điện:" or "Kính gửi:"."""
    if not opening or not _ADDRESSED.search(opening[-1].text):
        return body
    count = 0
    for child in body.children:
        if child.marker is None or child.marker.style not in _BULLETS:
            break
        count += 1
    if not count:
        return body
    return Section(body.block, body.marker, body.children[count:], body.blocks, body.tables)


def lists_indicators(section: Section) -> bool:
    """Whether the items under `section` are the indicators (chỉ tiêu) its last paragraph announces:
    targets of its work, not pieces of it."""
    return bool(section.blocks) and bool(_INDICATORS_NEXT.search(section.blocks[-1].text))


def is_content_label(key: str) -> bool:
    """Whether a heading's comparison key is a bare label of content ("nội dung thi đua")."""
    return bool(_CONTENT_LABEL.match(key))
