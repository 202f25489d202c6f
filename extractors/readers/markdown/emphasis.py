"""Markdown emphasis as crawlers write it: `**bold**` and `*italic*` markers that open on one line and
close on another ("**CỘNG HÒA XÃ HỘI" / "CHỦ NGHĨA VIỆT NAM**"), stacked ("**** **") or empty ("** **").

Markers are dropped; each line remembers how much of it was bold and whether a span is still open at
its end (the line break then falls inside one bold or italic phrase, so the lines belong together).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MARKER_RUN = re.compile(r"\*+")
# An unbalanced marker must not turn a whole page bold: a span carried over this many lines is closed.
MAX_SPAN_LINES = 8


@dataclass(frozen=True)
class StyledLine:
    """One source line without markers, with the emphasis it had."""

    text: str
    bold_chars: int = 0
    plain_chars: int = 0
    starts_bold: bool = False  # the first visible character is bold
    ends_bold: bool = False  # the last visible character is bold
    open_at_end: bool = False  # a bold or italic span continues on the next line

    @property
    def visible(self) -> bool:
        return bool(self.text.strip())


@dataclass
class EmphasisState:
    bold: bool = False
    italic: bool = False
    carried: int = 0  # lines a span has been open for

    def reset(self) -> None:
        self.bold = self.italic = False
        self.carried = 0


def _counts(piece: str) -> int:
    return sum(1 for c in piece if c.isalnum())


def style_line(line: str, state: EmphasisState) -> StyledLine:
    """`line` without its markers, reading and updating the emphasis carried from the lines above."""
    if state.carried >= MAX_SPAN_LINES:
        state.reset()
    parts: list[str] = []
    bold_chars = plain_chars = 0
    first_bold: bool | None = None
    last_bold = False
    position = 0
    for match in [*_MARKER_RUN.finditer(line), None]:
        end = match.start() if match else len(line)
        piece = line[position:end]
        if piece:
            parts.append(piece)
            visible = _counts(piece)
            if visible:
                if first_bold is None:
                    first_bold = state.bold
                last_bold = state.bold
                if state.bold:
                    bold_chars += visible
                else:
                    plain_chars += visible
        if match is None:
            break
        run = len(match.group(0))
        if (run // 2) % 2:
            state.bold = not state.bold
        if run % 2:
            state.italic = not state.italic
        position = match.end()
    open_at_end = state.bold or state.italic
    state.carried = state.carried + 1 if open_at_end else 0
    return StyledLine(
        text="".join(parts), bold_chars=bold_chars, plain_chars=plain_chars,
        starts_bold=bool(first_bold), ends_bold=last_bold, open_at_end=open_at_end,
    )


def is_bold(lines: list[StyledLine]) -> bool:
    """Whether every letter and digit of the lines is bold (and there is at least one)."""
    bold = sum(line.bold_chars for line in lines)
    plain = sum(line.plain_chars for line in lines)
    return bold > 0 and plain == 0
