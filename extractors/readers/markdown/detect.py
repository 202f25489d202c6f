"""Recognising a crawled page by its content: tables flattened into lines holding a lone `|` (two in a
row where a row ends), pipe table rows broken over lines (a row's line followed by a line that opens
with `|` and does not close), bold and italic markers that open on one line and close on another, or
paragraphs between blank lines whose first line is cut short and goes on in lower case ("Thiệt hại" /
"do đợt mưa lũ ...": the page's markup took the rest of the source line)."""

from __future__ import annotations

from kehoach.extractors.readers.markdown.flat_tables import is_bar
from kehoach.extractors.readers.markdown.pipe_tables import is_pipe_row

MIN_SPANNING_MARKERS = 3
MIN_SHORT_FIRST_LINES = 3
_SHORT_FIRST_LINE = 30


def _spans_lines(line: str) -> bool:
    """A line with an odd number of `**` markers: a bold span opens or closes across its break."""
    return line.count("**") % 2 == 1


def _opens_broken_row(line: str) -> bool:
    text = line.strip()
    return text.startswith("|") and not text.endswith("|")


def _starts_lower(text: str) -> bool:
    first = text.lstrip("“\"'(«")
    return first[:1].isalpha() and first[:1].islower()


def _short_first_lines(lines: list[str]) -> int:
    """Paragraphs after a blank line whose first line stops short and the next goes on in lower case."""
    return sum(
        1 for blank, first, second in zip(["", *lines], lines, lines[1:])
        if not blank.strip() and 0 < len(first.strip()) <= _SHORT_FIRST_LINE
        and not first.rstrip().endswith((".", ";", ":")) and _starts_lower(second.strip())
    )


def is_crawled_markdown(lines: list[str]) -> bool:
    # Only the lines holding a "|" can be bars or rows: found first, most files have few of them.
    piped = [i for i, line in enumerate(lines) if "|" in line]
    if any(is_bar(lines[i]) and i + 1 < len(lines) and is_bar(lines[i + 1]) for i in piped):
        return True
    if any(i + 1 < len(lines) and is_pipe_row(lines[i]) and _opens_broken_row(lines[i + 1]) for i in piped):
        return True
    if "**" in "\n".join(lines) and sum(1 for line in lines if _spans_lines(line)) >= MIN_SPANNING_MARKERS:
        return True
    return _short_first_lines(lines) >= MIN_SHORT_FIRST_LINES
