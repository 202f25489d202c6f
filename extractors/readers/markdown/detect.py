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
    # Only the lines holding a "|" can be bars or rows: found first, most files have few of them.
    piped = [i for i, line in enumerate(lines) if "|" in line]
    if any(is_bar(lines[i]) and i + 1 < len(lines) and is_bar(lines[i + 1]) for i in piped):
        return True
    if any(i + 1 < len(lines) and is_pipe_row(lines[i]) and _opens_broken_row(lines[i + 1]) for i in piped):
        return True
    if "**" not in "\n".join(lines):
        return False
    return sum(1 for line in lines if _spans_lines(line)) >= MIN_SPANNING_MARKERS
