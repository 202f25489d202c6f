"""Recognising a crawled page by its content: tables flattened into lines holding a lone `|` (two in a
row where a row ends), pipe table rows broken over lines (a row's line followed by a line that opens
with `|` and does not close), or bold and italic markers that open on one line and close on another."""

from __future__ import annotations

from kehoach.extractors.readers.markdown.flat_tables import is_bar
from kehoach.extractors.readers.markdown.pipe_tables import is_pipe_row

MIN_SPANNING_MARKERS = 3


def _spans_lines(line: str) -> bool:
    """A line with an odd number of `**` markers: a bold span opens or closes across its break."""
    return line.count("**") % 2 == 1


def _opens_broken_row(line: str) -> bool:
    text = line.strip()
    return text.startswith("|") and not text.endswith("|")


def is_crawled_markdown(lines: list[str]) -> bool:
    row_ends = sum(1 for a, b in zip(lines, lines[1:]) if is_bar(a) and is_bar(b))
    if row_ends:
        return True
    if any(is_pipe_row(a) and _opens_broken_row(b) for a, b in zip(lines, lines[1:])):
        return True
    return sum(1 for line in lines if _spans_lines(line)) >= MIN_SPANNING_MARKERS
