"""ATX headings ("## Title ##"): the level and the text without its closing hashes.

The closing hashes are cut in Python: a pattern ending in "(.*?)\\s*#*\\s*$" backtracks cubically on
a heading followed by thousands of blanks, and one such line would hang the reader.
"""

from __future__ import annotations

import re

_ATX = re.compile(r"(#{1,6})(?:[ \t]+(\S.*)|[ \t]*)$")


def atx_heading(line: str) -> tuple[int, str] | None:
    """(level, text) of an ATX heading line, text "" for hashes alone; None for any other line."""
    if not line.startswith("#"):
        return None
    match = _ATX.match(line)
    if match is None:
        return None
    text = (match.group(2) or "").rstrip()
    stripped = text.rstrip("#")
    if stripped != text and (not stripped or stripped[-1] in " \t"):
        text = stripped.rstrip()
    return len(match.group(1)), text
