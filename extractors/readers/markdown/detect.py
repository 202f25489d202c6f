"""Recognising a crawled page by its content: tables flattened into lines holding a lone `|` (two in a
row where a row ends), or bold and italic markers that open on one line and close on another."""

from __future__ import annotations

from kehoach.extractors.readers.markdown.flat_tables import is_bar

MIN_SPANNING_MARKERS = 3


def _spans_lines(line: str) -> bool:
    """A line with an odd number of `**` markers: a bold span opens or closes across its break."""
    return line.count("**") % 2 == 1


def is_crawled_markdown(lines: list[str]) -> bool:
    row_ends = sum(1 for a, b in zip(lines, lines[1:]) if is_bar(a) and is_bar(b))
    if row_ends:
        return True
    return sum(1 for line in lines if _spans_lines(line)) >= MIN_SPANNING_MARKERS
