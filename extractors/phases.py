"""The phases of a plan, from its own time section.

How plans write them, usually under "Thời gian thực hiện" (or "Tiến độ", "Phân kỳ", "Lộ trình"):

    2. Thời gian thực hiện
    - Giai đoạn 1: Từ năm 2019 đến 2025.
    - Giai đoạn 2: Từ năm 2026 đến 2030.

and also "Giai đoạn I (2021 - 2025)", "giai đoạn 2021-2025", "Từ năm 2021 đến năm 2025", "Năm 2021",
"đến năm 2025, định hướng đến năm 2030".

Rules (decided here, documented for the validators that read the phases):
- Phases are read from the plan's time section first: every outline section whose title names the
  time ("Thời gian thực hiện", "Tiến độ thực hiện", ...), its paragraphs and items, and a top-level
  paragraph that starts with "Thời gian thực hiện". Table rows are never read: a phase in a task's
  cell ("Giai đoạn 1: Từ năm 2020 đến 2025" inside task 2.2) belongs to that task, not to the plan.
- In the time section: named phases ("Giai đoạn 1: ..."), ranges ("giai đoạn 2021-2025", "Từ năm
  2021 đến năm 2025"), a single year ("Năm 2021"), and a horizon. A horizon "đến năm 2025" becomes a
  phase with no start year; "đến năm 2025, định hướng (tầm nhìn) đến năm 2030" becomes two phases,
  "Đến năm 2025" (start unknown) and "Định hướng đến năm 2030" (from 2026): the plan commits to a
  milestone and to an orientation after it, and tasks up to the second year are within the plan.
- Failing the time section, named phases ("Giai đoạn 1: từ năm ... đến ...") anywhere in the outline
  outside tables and outside the task and organisation sections; failing those, headings that are a
  range alone ("- Giai đoạn 2025-2027" over the objectives of that phase), there too; failing those,
  a range "giai đoạn 2021-2025" in the plan's own title.
- Text in quotation marks is a cited programme's name ("Đề án “... giai đoạn đến năm 2025, định
  hướng đến năm 2030”"): never a phase of this plan.
- Years are read as printed, even reversed or impossible ("Từ năm 2026 đến 2019"); the validators
  report PERIOD_INVALID and PHASE_GAP_OR_OVERLAP. The extractor itself emits no findings.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from kehoach.extractors.grounding import span
from kehoach.extractors.layout import Block, Layout
from kehoach.extractors.structure import Section, StructuredDocument
from kehoach.extractors.vntext import collapse_spaces
from kehoach.schemas import Finding, Phase

log = logging.getLogger(__name__)

_YEAR = r"(?<!\d)\d{4}(?!\d)"
_TO = r"(?:-|–|—|đến(?:\s+hết)?(?:\s+năm)?|tới(?:\s+năm)?)"
_NAMED = re.compile(
    rf"(?P<name>giai\s+đoạn\s+(?P<label>\d{{1,2}}|[IVX]{{1,4}})\b)\s*[:：(,\-–—]?\s*"
    rf"(?:\(\s*)?(?:từ\s+)?(?:năm\s+)?(?P<start>{_YEAR})\s*{_TO}\s*(?:năm\s+)?(?P<end>{_YEAR})",
    re.I,
)
_RANGE = re.compile(
    rf"(?P<name>giai\s+đoạn)\s+(?:từ\s+)?(?:năm\s+)?(?P<start>{_YEAR})\s*{_TO}\s*(?:năm\s+)?(?P<end>{_YEAR})",
    re.I,
)
_FROM_TO = re.compile(
    rf"(?:từ\s+)?năm\s+(?P<start>{_YEAR})\s*{_TO}\s*(?:năm\s+)?(?P<end>{_YEAR})", re.I
)
_HORIZON = re.compile(
    rf"(?<!\w)(?:đến|tới)\s+(?:hết\s+)?năm\s+(?P<end>{_YEAR})"
    rf"(?:\s*[,;]?\s*(?:và\s+)?(?P<vision_word>định\s+hướng|tầm\s+nhìn)\s+(?:đến\s+)?(?:năm\s+)?(?P<vision>{_YEAR}))?",
    re.I,
)
# A heading that is a range alone ("- Giai đoạn 2025-2027", "**Giai đoạn 2028-2030**"): the plan's
# objectives or tasks grouped by phase.
_RANGE_HEADING = re.compile(
    rf"^\W*giai\s+đoạn\s+(?:từ\s+)?(?:năm\s+)?(?P<start>{_YEAR})\s*{_TO}\s*(?:năm\s+)?(?P<end>{_YEAR})\W*$",
    re.I,
)
_SINGLE_YEAR = re.compile(rf"^\W*(?:trong\s+)?năm\s+(?P<year>{_YEAR})\W*$", re.I)
_TIME_HEADING = re.compile(
    r"^\s*(?:thời\s+gian|tiến\s+độ|phân\s+kỳ|lộ\s+trình|các\s+giai\s+đoạn)", re.I
)
_TIME_PARAGRAPH = re.compile(r"^\s*thời\s+gian\s+(?:thực\s+hiện|triển\s+khai)\s*[:：]?\s*", re.I)
_NOT_PLAN_LEVEL = re.compile(r"^\s*(?:nhiệm\s+vụ|giải\s+pháp|tổ\s+chức\s+thực\s+hiện|phân\s+công)", re.I)
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|‘[^’]*’")

DEFAULT_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}


@dataclass(frozen=True)
class _Found:
    name: str
    start_year: int | None
    end_year: int | None
    start: int  # layout offsets of the words it came from
    end: int


# --- small pure helpers ---------------------------------------------------------------------------
def _mask_quotes(text: str) -> str:
    """The text with quoted passages blanked (same length), so offsets still hold."""
    return _QUOTED.sub(lambda m: " " * len(m.group(0)), text)


def _free(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    return all(end <= s or start >= e for s, e in taken)


def _phase_name(match: re.Match[str]) -> str:
    label = match.group("label")
    return f"Giai đoạn {label.upper() if not label.isdigit() else int(label)}"


def _phases_in_line(text: str, offset: int, *, time_section: bool) -> list[_Found]:
    """Phases written in one line of text; `offset` is the layout offset of text[0]."""
    # The letter of "đoạn" that _NAMED and _RANGE need, looked for before they scan (most lines lack it).
    named = "ạ" in text or "Ạ" in text
    if not named and not time_section:
        return []
    masked = _mask_quotes(text)
    found: list[_Found] = []
    taken: list[tuple[int, int]] = []

    def keep(name: str, start_year: int | None, end_year: int | None, s: int, e: int) -> None:
        taken.append((s, e))
        found.append(_Found(name, start_year, end_year, offset + s, offset + e))

    for m in _NAMED.finditer(masked) if named else ():
        keep(_phase_name(m), int(m["start"]), int(m["end"]), m.start(), m.end())
    if not time_section:
        return found
    for m in _RANGE.finditer(masked) if named else ():
        if _free(taken, m.start(), m.end()):
            keep(f"Giai đoạn {m['start']}-{m['end']}", int(m["start"]), int(m["end"]), m.start(), m.end())
    for m in _FROM_TO.finditer(masked):
        if _free(taken, m.start(), m.end()):
            keep(collapse_spaces(text[m.start() : m.end()]), int(m["start"]), int(m["end"]), m.start(), m.end())
    for m in _HORIZON.finditer(masked):
        if not _free(taken, m.start(), m.end()):
            continue
        end = int(m["end"])
        keep(f"Đến năm {end}", None, end, m.start(), m.end("end"))
        if m["vision"]:
            word = collapse_spaces(m["vision_word"]).capitalize()
            keep(f"{word} đến năm {m['vision']}", end + 1, int(m["vision"]), m.start("vision_word"), m.end())
    if not found:
        rest = _TIME_PARAGRAPH.sub("", masked, count=1)
        single = _SINGLE_YEAR.match(rest)
        if single:
            s = len(masked) - len(rest) + single.start("year")
            year = int(single["year"])
            begin = masked.lower().rfind("năm", 0, s)
            keep(f"Năm {year}", year, year, begin if begin >= 0 else s, s + 4)
    return found


def _line_text(section: Section) -> tuple[str, int] | None:
    if section.block is None:
        return None
    return section.block.text, section.block.start


def _subtree_blocks(section: Section) -> list[Block]:
    blocks: list[Block] = [section.block] if section.block is not None else []
    blocks += [b for b in section.blocks if b.kind != "row"]
    for child in section.children:
        blocks += _subtree_blocks(child)
    return blocks


def _top(section: Section) -> Section:
    while section.parent is not None and section.parent.block is not None:
        section = section.parent
    return section


def _time_blocks(doc: StructuredDocument) -> list[Block]:
    """Blocks of the plan's own time section, in document order, without table rows."""
    seen: dict[int, Block] = {}
    for section in doc.body.walk():
        if section.marker is not None and _TIME_HEADING.match(section.title):
            if _NOT_PLAN_LEVEL.match(_top(section).title) and _top(section) is not section:
                continue
            for block in _subtree_blocks(section):
                seen.setdefault(block.start, block)
    top_level = [doc.body, *doc.body.children]
    for block in [*doc.preamble, *(b for s in top_level for b in s.blocks)]:
        if block.kind != "row" and _TIME_PARAGRAPH.match(block.text):
            seen.setdefault(block.start, block)
    return [seen[k] for k in sorted(seen)]


def _outline_blocks(doc: StructuredDocument) -> list[Block]:
    """Every outline block outside tables and outside the task and organisation sections."""
    out: list[Block] = [b for b in doc.body.blocks if b.kind != "row"]
    for section in doc.body.children:
        if _NOT_PLAN_LEVEL.match(section.title):
            continue
        out += _subtree_blocks(section)
    return sorted(out, key=lambda b: b.start)


def _to_phases(found: list[_Found], layout: Layout) -> list[Phase]:
    phases: list[Phase] = []
    seen: set[tuple[str, int | None, int | None]] = set()
    for item in sorted(found, key=lambda f: f.start):
        key = (item.name, item.start_year, item.end_year)
        if key in seen:
            continue
        seen.add(key)
        phases.append(
            Phase(
                name=item.name, start_year=item.start_year, end_year=item.end_year,
                source=span(layout, item.start, item.end),
            )
        )
    return phases


def extract_phases(doc: StructuredDocument) -> tuple[list[Phase], list[Finding]]:
    """The plan's phases in document order (see the module docstring for what counts)."""
    layout = doc.layout
    found: list[_Found] = []
    for block in _time_blocks(doc):
        found += _phases_in_line(block.text, block.start, time_section=True)
    outline = _outline_blocks(doc) if not found else []
    if not found:
        for block in outline:
            found += _phases_in_line(block.text, block.start, time_section=False)
    if not found:
        for block in outline:
            m = _RANGE_HEADING.match(block.text)
            if m:
                found.append(
                    _Found(
                        f"Giai đoạn {m['start']}-{m['end']}", int(m["start"]), int(m["end"]),
                        block.start + m.start("start"), block.start + m.end("end"),
                    )
                )
    if not found:
        for block in doc.title:
            masked = _mask_quotes(block.text)
            for m in _RANGE.finditer(masked):
                found.append(
                    _Found(
                        f"Giai đoạn {m['start']}-{m['end']}", int(m["start"]), int(m["end"]),
                        block.start + m.start(), block.start + m.end(),
                    )
                )
    phases = _to_phases(found, layout)
    log.debug("phases: %s", [(p.name, p.start_year, p.end_year) for p in phases])
    return phases, []
