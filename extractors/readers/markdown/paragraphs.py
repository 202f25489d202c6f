"""Joining crawled lines back into paragraphs.

Crawled pages keep the line breaks of the page's HTML source, wrapped near 80 characters whatever the
sentence: "Căn cứ Nghị định số" / "200/2023/NĐ-CP ngày 28/12/2023 của Chính phủ ...". The first line of a
paragraph is often short (the markup took the rest of the source line). Two ways of separating
paragraphs occur:

- blank lines between paragraphs: every line of a blank-separated run is one paragraph, unless a line
  opens an outline item ("2. ...", "- ...") right after a line that ends a sentence or clause, or a
  title in capitals is followed by text in ordinary case. A number that the wrap put first ("ưu tiên
  các địa bàn cấp độ" / "1. Cấp ngay ...") stays inside;
- no blank lines at all (and inside table cells): a line continues the one above when a bold or italic
  span runs across the break, when it starts in lower case, or when the line above is as long as a
  wrapped line gets (the page's width, less the markup of a paragraph's first line); it opens a
  paragraph when it opens an outline item, when the emphasis changes at the break ("**KẾ HOẠCH**" /
  "THỰC HIỆN ..."), when a title in capitals gives way to ordinary case, or after a short line or one
  that ends a sentence. A line well short of the lines inside paragraphs that the next line continues
  in lower case is the first line of its own paragraph, not the second of the one above: a heading line
  cut short ("1. Bộ trưởng các Bộ, Thủ trưởng cơ quan ngang bộ" / "Tập trung chỉ đạo ..., bổ" /
  "sung 485 văn bản ...") is not continued by its paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass

from kehoach.extractors.outline import opens_plain_paragraph, starts_with_number
from kehoach.extractors.readers.markdown.emphasis import StyledLine, is_bold
from kehoach.extractors.vntext import collapse_spaces

_TERMINAL = (".", ";", ":", "!", "?")
_FULL_LINE_SHARE = 0.85
_WRAPPED_SAMPLE_MIN = 10
_LABEL_CHARS = 20
_CAPS_LINE_SHARE = 0.5
DEFAULT_WRAP = 80


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold: bool


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _starts_lower(text: str) -> bool:
    for char in text:
        if char.isalpha():
            return char.islower()
        if char in "“\"'(«":
            continue
        return False
    return False


def _opens_item(text: str) -> bool:
    return opens_plain_paragraph(text.lstrip())


def _continues_blank_separated(previous: StyledLine, line: StyledLine) -> bool:
    if previous.open_at_end:
        return True
    if _ends_capitals(previous.text, line.text):
        return False
    if not _opens_item(line.text):
        return True
    return not previous.text.rstrip().endswith(_TERMINAL)


def _ends_capitals(previous: str, text: str) -> bool:
    """A title in capitals ends where text in ordinary case begins ("... VÀ ĐỀ ÁN 06" / "Ngày 15 tháng
    11 năm 2025, tại ..."): no sentence of a plan wraps a whole line in capitals."""
    return _is_upper(previous) and len(previous.strip()) > _LABEL_CHARS and not _is_upper(text) \
        and not _starts_lower(text.strip())


def _continues_wrapped(previous: StyledLine, line: StyledLine, wrap: int, *, in_cell: bool) -> bool:
    prev = previous.text.strip()
    text = line.text.strip()
    if previous.open_at_end:
        return not _opens_item(text) or not prev.endswith(_TERMINAL)
    if _opens_item(text):
        return False
    if _starts_lower(text) and not in_cell:
        return True  # "... giảm tối đa giấy tờ" / "**trong năm 2025** (Phụ lục II kèm theo)."
    if previous.ends_bold != line.starts_bold:
        return False
    if _starts_lower(text):
        return True
    if in_cell and prev.endswith(":") and len(prev) <= _LABEL_CHARS:
        return True  # a label and its value: "Số:" / "2820/QĐ-UBND"
    if prev.endswith(_TERMINAL):
        return False
    if in_cell:
        # Cells are narrow: a line continues unless stacked titles ("KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH" /
        # the signer's name) stand one per line.
        if _is_upper(prev):
            return _is_upper(text) and (starts_with_number(prev) or len(prev) >= _CAPS_LINE_SHARE * wrap)
        return True
    if _is_upper(prev) and _is_upper(text):
        return True  # a heading in capitals wrapped over lines
    if _ends_capitals(prev, text):
        return False
    return len(prev) >= _FULL_LINE_SHARE * wrap


def wrapped_width(lines: list[str]) -> int | None:
    """How long the first line of a wrapped paragraph is at least (the page source wrapped it early,
    its markup taking the rest): the median length of lines that follow the end of a sentence and are
    continued in lower case, or None with too few such lines to tell."""
    lengths = sorted(
        len(line.strip()) for before, line, after in zip(lines, lines[1:], lines[2:])
        if before.strip().endswith(_TERMINAL) and line.strip() and _starts_lower(after.strip())
    )
    if len(lengths) < _WRAPPED_SAMPLE_MIN:
        return None
    return lengths[len(lengths) // 2]


def middle_width(lines: list[str]) -> int | None:
    """How long a line inside a wrapped paragraph is (one continued in lower case and continuing
    the line above in lower case): their median length, or None with too few to tell."""
    lengths = sorted(
        len(line.strip()) for line, after in zip(lines, lines[1:])
        if _starts_lower(line.strip()) and _starts_lower(after.strip())
    )
    if len(lengths) < _WRAPPED_SAMPLE_MIN:
        return None
    return lengths[len(lengths) // 2]


def _opens_own(previous: StyledLine, line: StyledLine, after: StyledLine | None, middle: int) -> bool:
    """Whether `line`, too short to be inside a paragraph and continued by `after`, opens one."""
    text = line.text.strip()
    prev = previous.text.rstrip()
    return (
        after is not None and _starts_lower(after.text.strip()) and not _opens_item(after.text.strip())
        and not previous.open_at_end and text[:1].isupper() and not prev.endswith((",", *_TERMINAL))
        and len(text) < _FULL_LINE_SHARE * middle
    )


def _paragraph(lines: list[StyledLine]) -> Paragraph:
    return Paragraph(collapse_spaces(" ".join(line.text for line in lines)), is_bold(lines))


def join_lines(
    lines: list[StyledLine], *, blank_separated: bool, wrap: int | None, in_cell: bool = False,
    middle: int | None = None,
) -> list[Paragraph]:
    """The paragraphs that `lines` (one run between blank lines, or one cell) hold."""
    width = wrap or DEFAULT_WRAP
    groups: list[list[StyledLine]] = []
    visible = [line for line in lines if line.visible]  # "** **": markers around nothing
    for k, line in enumerate(visible):
        if groups:
            previous = groups[-1][-1]
            after = visible[k + 1] if k + 1 < len(visible) else None
            if blank_separated:
                joined = _continues_blank_separated(previous, line)
            elif middle is not None and not in_cell and _opens_own(previous, line, after, middle):
                joined = False
            else:
                joined = _continues_wrapped(previous, line, width, in_cell=in_cell)
            if joined:
                groups[-1].append(line)
                continue
        groups.append([line])
    paragraphs = [_paragraph(group) for group in groups]
    return [p for p in paragraphs if p.text]
