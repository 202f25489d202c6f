"""What the headings of a plan's parts say they hold: its tasks ("NHIỆM VỤ", "Nội dung thực hiện",
"Giải pháp"), who does them ("Tổ chức thực hiện"), or what is not work (objectives, the situation, a
meeting's programme, what a conclusion praises)."""

from __future__ import annotations

import re

from kehoach.extractors.structure import Section
from kehoach.extractors.vntext import comparison_key

# "NỘI DUNG", "Nội dung thực hiện": the work; not what an inspection looks at or what a project is.
_CONTENT = r"nội dung\b(?! (?:giám sát|đánh giá|kiểm tra|theo dõi|báo cáo|dự án|chương trình|đề án|quyết định))"
# "chức năng, nhiệm vụ" (a body's remit) names no work: "1. Về tổ chức thực hiện chức năng, nhiệm vụ được
# phân cấp" is a field of a dispatch, not its task part.
_TASK_HEADING = re.compile(
    rf"(?<!chức năng, )(?<!chức năng và )\bnhiệm vụ\b|^{_CONTENT}|^phân công|^(?:một số |các )?hoạt động\b|^tiến độ thực hiện$"
)
# "III. GIẢI PHÁP", "CÁC GIẢI PHÁP CHỦ YẾU": the work of a plan that prints no part named for its tasks.
SOLUTION_HEADING = re.compile(r"^(?:các |những |một số )?(?:nhóm )?giải pháp\b")
# The situation a plan starts from ("Hiện trạng", "Thực trạng"), an emulation's theme and how it is
# judged ("Chủ đề thi đua", "Tiêu chí đánh giá, xếp loại", "Cách thức xếp hạng"): not work either.
NOT_TASK_HEADING = re.compile(
    r"^(?:mục tiêu|mục đích|yêu cầu|kinh phí|chế độ báo cáo|phạm vi|đối tượng|thời gian|tầm nhìn"
    r"|hiện trạng|thực trạng|chủ đề|tiêu chí|chỉ tiêu|cách thức (?:xếp|đánh giá|chấm))"
)
# The time an objective heading runs to ("Mục tiêu phát triển và tầm nhìn đến năm 2045") is not counted
# in its length.
_TRAILING_TIME = re.compile(r"\s*(?:(?:đến|trong)\s+)?(?:năm|giai đoạn)\s+\d{4}(?:\s*[-–]\s*\d{4})?$")
# "MỤC TIÊU, NHIỆM VỤ", "ĐỐI TƯỢNG, NỘI DUNG VÀ HÌNH THỨC": parts that are not work (skipped) and
# parts that are, under one heading.
_MIXED_HEADING = re.compile(
    rf"^(?!.*\b(?:kiểm tra|giám sát|thanh tra)$)[^.;:]*(?<!chức năng)(?:,|\s+và)\s*(?:các\s+)?(?:{_CONTENT}|nhiệm vụ\b|hoạt động\b|tiến độ\b)"
)
_OBJECTIVE_HEADING_WORDS = 8
# "b) Để làm tốt các nhiệm vụ sắp tới, đề nghị:", "3. Trong thời gian tới, yêu cầu các bộ, ngành tập trung
# thực hiện một số nhiệm vụ như sau:" (the key has lost its colon).
# A meeting's programme (who speaks when), not work: "Nội dung, chương trình Hội nghị" (not "Xây dựng
# chương trình hội nghị", a task).
# What a conclusion praises or agrees with, not work: "Ghi nhận, đánh giá cao sự nỗ lực của ...", "Thay
# mặt Thủ tướng Chính phủ, ghi nhận ...", "Cơ bản thống nhất với Báo cáo của ...".
APPRAISAL = re.compile(
    r"^(?:thay mặt [^,]{1,80}, )?(?:ghi nhận|đánh giá cao|hoan nghênh|(?:cơ bản )?(?:thống nhất|nhất trí) với)\b"
)
AGENDA = re.compile(r"^(?:nội dung,? (?:và )?)?chương trình (?:hội nghị|hội thảo|làm việc|buổi)")
_ASKING = re.compile(r"^để |, (?:đề nghị|yêu cầu)\b|(?:đề nghị|yêu cầu|như sau)$")
_ORG_HEADING = re.compile(r"^tổ chức thực hiện|trách nhiệm (?:của|thực hiện)|^phân công trách nhiệm")


def heading_key(section: Section) -> str:
    return comparison_key(section.title).strip(" :.")


def is_task_section(section: Section) -> bool:
    key = heading_key(section)
    if not (_TASK_HEADING.search(key) or _MIXED_HEADING.match(key)) or _ORG_HEADING.search(key):
        return False
    if ":" in key:
        return False  # "Nội dung: Triển khai ..." is a label and its value, not a heading
    if _ASKING.search(key):
        return False  # a sentence that opens the points it asks for, not a part of the plan
    if AGENDA.match(key):
        return False  # who speaks when at a meeting: "Nội dung, chương trình Hội nghị"
    return not NOT_TASK_HEADING.match(key) or bool(_MIXED_HEADING.match(key))


def is_objective_heading(section: Section) -> bool:
    """"a) Mục tiêu" / "Yêu cầu" inside a task section: a short heading over what is not work."""
    key = heading_key(section)
    return (
        bool(NOT_TASK_HEADING.match(key)) and not _MIXED_HEADING.match(key)
        and len(_TRAILING_TIME.sub("", key).split()) <= _OBJECTIVE_HEADING_WORDS
        and bool(section.children or section.blocks)
    )


def is_org_section(section: Section) -> bool:
    return bool(_ORG_HEADING.search(heading_key(section)))


def has_task_section(section: Section) -> bool:
    for child in section.children:
        if child.marker is None or child.marker.style in ("dash", "plus", "star"):
            continue
        if (is_task_section(child) and child.children) or (
            not is_org_section(child) and not NOT_TASK_HEADING.match(heading_key(child)) and has_task_section(child)
        ):
            return True
    return False
