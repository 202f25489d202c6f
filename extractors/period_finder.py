"""The period of a task written in its running text, not in a column of its own.

Plans put the time inside the sentence that assigns the work: "..., hoàn thành trước ngày 25 tháng
11 năm 2025", "báo cáo trước ngày 20 tháng 11 năm 2025 và hàng tháng", "Định kỳ hằng quý, hằng năm
công bố kết quả", "thực hiện thường xuyên", or after a label: "Thời gian thực hiện: Quý II/2026".
A label wins; otherwise every time phrase of the text is read together (a deadline and a
recurrence make one period). A time phrase is a date, month, quarter or year after a word that
bounds it ("trước", "chậm nhất", "trong", "từ", "đến hết", "kể từ"), a month or quarter with its
year on its own ("tháng 12/2025", "Quý III/2026"), or a recurrence ("hằng năm", "định kỳ hằng quý",
"thường xuyên", "6 tháng một lần"). Years in a bracket closing the text are a label too ("... thí
điểm (2025 - 2026)."). A bare year elsewhere is not one: "Tổng kết công tác năm 2025" names
the work, not its time; nor is "đến năm 2030" alone, which in running text is most often the name
of a programme ("Chương trình ... đến năm 2030"), nor a vision ("tầm nhìn đến năm 2050"); "liên
tục" alone describes a thing ("quan trắc tự động, liên tục"), not when the work is done, and "chi
thường xuyên" is a kind of spending.

A recurrence with no date beside it is the task's period only where it governs the task: at the head
of the text or of a clause after ";" ("Thường xuyên rà soát ...", "...; hằng năm, tham mưu ..."),
after "định kỳ", or as a short closing clause ("...; nhiệm vụ thường xuyên."). Elsewhere it qualifies a
noun or one step among others: "xếp loại cán bộ hằng năm", "dự toán ngân sách nhà nước hàng năm", "là
nhiệm vụ thường xuyên, cấp bách", "thực hiện quyết liệt, đồng bộ, thường xuyên, liên tục", a later
sentence's "Thường xuyên cập nhật ...". Dates of cited documents ("theo Quyết định số 1441/QĐ-UBND ngày 25/9/2025")
are never read (``parse_period`` skips them).
"""

from __future__ import annotations

import re

from kehoach.extractors.periods import blank_citations, blank_lowered, case_blind, lowered, parse_period
from kehoach.extractors.unvalidated import replaced
from kehoach.extractors.vntext import collapse_spaces
from kehoach.schemas.plan import Period

__all__ = ["find_period", "find_period_at"]

_LABEL = re.compile(
    r"(?:thời\s+(?:gian|hạn)(?:\s+(?:thực\s+hiện|hoàn\s+thành|triển\s+khai))?|tiến\s+độ)\s*:\s*(?P<p>[^;.\n]+)",
    re.IGNORECASE,
)
_YEAR = r"(?:19|20|21)[0-9]{2}(?![0-9])"
_WHEN = (
    rf"(?:ngày\s+[0-9]{{1,2}}(?:\s*/\s*[0-9]{{1,2}}(?:\s*/\s*{_YEAR})?|\s+tháng\s+[0-9]{{1,2}}(?:\s+năm\s+{_YEAR})?)"
    rf"|[0-9]{{1,2}}\s*/\s*[0-9]{{1,2}}\s*/\s*{_YEAR}"
    rf"|tháng\s+[0-9]{{1,2}}(?:\s*[-–]\s*[0-9]{{1,2}})?(?:\s*/\s*|\s+năm\s+){_YEAR}"
    rf"|quý\s+(?:iv|i{{1,3}}|[1-4])(?:\s*/\s*|\s+năm\s+){_YEAR}"
    rf"|(?:năm\s+|giai\s+đoạn\s+)?{_YEAR}(?:\s*[-–]\s*{_YEAR})?)"
)
_BOUNDED = re.compile(
    rf"\b(?:(?:hoàn\s+thành|xong)\s+)?(?:trước|chậm\s+nhất(?:\s+là)?|trong|từ|đến\s+hết|kể\s+từ|bắt\s+đầu\s+từ)"
    rf"\s+(?:(?:[0-9]{{1,2}}\s*giờ(?:\s*[0-9]{{1,2}})?\s*(?:phút)?\s*)?){_WHEN}"
    rf"(?:\s*(?:[-–]|đến)\s*(?:ngày\s+)?{_WHEN})?",
    re.IGNORECASE,
)
_UNIT_ALONE = re.compile(
    rf"\b(?:tháng\s+[0-9]{{1,2}}(?:\s*/\s*|\s+năm\s+){_YEAR}|quý\s+(?:iv|i{{1,3}}|[1-4])(?:\s*/\s*|\s+năm\s+){_YEAR})",
    re.IGNORECASE,
)
# Years in a bracket that closes the text: "... tiến tới thí điểm (2025 - 2026).", "(2026 trở đi)";
# not "(giai đoạn 2021-2025)", which most often closes the name of a programme.
_CLOSING_YEARS = re.compile(
    rf"\((?P<p>(?:(?:từ\s+)?năm\s+|xuyên\s+suốt\s+)?{_YEAR}(?:\s*[-–]\s*{_YEAR}|\s+trở\s+đi)?)\)[\s.;]*$",
    re.IGNORECASE,
)
_VISION_BEFORE = re.compile(r"\b(?:tầm\s+nhìn|định\s+hướng)\s*$", re.IGNORECASE)
_RECURRING = re.compile(
    r"\b(?:(?:định\s+kỳ\s+)?(?:hàng|hằng|mỗi)\s+(?:năm|quý|tháng)|(?<!chi\s)thường\s+xuyên"
    r"|(?:0?6|sáu)\s+tháng\s*(?:/|một|1)\s*lần|định\s+kỳ\s+(?:0?6|sáu)\s+tháng)\b",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"[0-9]")
# The phrase patterns (dated ones first, then recurrences, then a vision before a phrase), and the
# same patterns case-sensitive for text in lower case (periods.lowered), which run faster.
_PATTERNS = (_BOUNDED, _UNIT_ALONE, _RECURRING, _VISION_BEFORE)
_PATTERNS_LOWER = tuple(map(case_blind, _PATTERNS))
_LABEL_LOWER = case_blind(_LABEL)
# Words that every match of _BOUNDED, _UNIT_ALONE and _RECURRING holds, in lower case: where a
# lowered text holds none of a pattern's, the pattern is not run.
_WORDS = (("trước", "chậm", "trong", "từ", "đến"), ("tháng", "quý"), ("hàng", "hằng", "mỗi", "thường", "tháng"))


def _phrases(text: str, lower: bool) -> list[tuple[int, int]]:
    """The time phrases of `text` (`lower`: lowered by periods.lowered)."""
    *patterns, vision = _PATTERNS_LOWER if lower else _PATTERNS
    digits = bool(_DIGIT.search(text))  # a date or a year holds digits; a recurrence may not
    found: list[tuple[int, int]] = []
    for pattern, words, dated in zip(patterns, _WORDS, (True, True, False)):
        if (dated and not digits) or (lower and not any(w in text for w in words)):
            continue
        for match in pattern.finditer(text):
            if vision.search(text[max(0, match.start() - 20) : match.start()]):
                continue
            if not any(match.start() < end and start < match.end() for start, end in found):
                found.append(match.span())
    return sorted(found)


_STILL_WHEN = re.compile(r"^(?:\s*,?\s*liên\s+tục)+", re.IGNORECASE)  # "thường xuyên, liên tục"
_CLAUSE_BREAK = re.compile(r"[;,:.]")
_CLOSING_CLAUSE_WORDS = 3  # "nhiệm vụ thường xuyên", "Thực hiện thường xuyên": a clause of its own
_JOINED = 5  # " và ", ", ": the gap between two time phrases read together


def _governs(text: str, start: int, end: int) -> bool:
    """Whether the recurrence at text[start:end] is the task's own time (see the module)."""
    if text[start:end].lower().startswith("định kỳ"):
        return True
    before = text[:start].rstrip()
    if not before.strip("-–+*•· ") or before.endswith(";"):
        return True
    after = _STILL_WHEN.sub("", text[end:]).strip(" .;,")
    clause = _CLAUSE_BREAK.split(before)[-1].split()
    return not after and len(clause) <= _CLOSING_CLAUSE_WORDS and not before.endswith(",")


def _beside(phrase: tuple[int, int], kept: list[tuple[int, int]]) -> bool:
    """A recurrence joined to a kept time phrase ("trước ngày 20 tháng 11 năm 2025 và hàng tháng")."""
    return any(abs(phrase[0] - end) <= _JOINED or abs(start - phrase[1]) <= _JOINED for start, end in kept)


def _dated(text: str, start: int, end: int) -> bool:
    return _RECURRING.fullmatch(text[start:end]) is None


def find_period(text: str) -> Period | None:
    """The period a task's running text states, or None; its ``text`` is the stretch of the
    sentence from the first time phrase to the last."""
    found = find_period_at(text)
    return found[0] if found else None


def find_period_at(text: str, low: str | None | bool = False) -> tuple[Period, tuple[int, int]] | None:
    """`find_period`, with where in ``text`` the period is printed ([start, end)); `low`: the text as
    periods.lowered returns it, where the caller has it already."""
    if not isinstance(text, str) or not text.strip():
        return None
    if low is False:
        low = lowered(text)
    label = None
    if ":" in text:  # every label ends in a colon
        label = _LABEL_LOWER.search(low) if low is not None else _LABEL.search(text)
    if label is None and text.rstrip(" .;").endswith(")"):
        label = _CLOSING_YEARS.search(text)
    if label:
        period = parse_period(text[label.start("p") : label.end("p")].strip(" ,"))
        if period is not None:
            return period, label.span("p")
    phrases = _phrases(blank_lowered(low), True) if low is not None else _phrases(blank_citations(text), False)
    kept = [p for p in phrases if _dated(text, *p) or _governs(text, *p)]
    for phrase in phrases:  # and the recurrences joined to those: "Định kỳ hằng quý, hằng năm"
        if phrase not in kept and _beside(phrase, kept):
            kept.append(phrase)
    phrases = sorted(kept)
    if not phrases:
        return None
    period = parse_period("; ".join(text[start:end] for start, end in phrases))
    if period is None:
        return None
    stretch = (phrases[0][0], phrases[-1][1])
    return replaced(period, text=collapse_spaces(text[stretch[0] : stretch[1]])), stretch
