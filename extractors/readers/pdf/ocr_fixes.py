"""Repairs of OCR slips that the way official Vietnamese is printed makes certain.

- A section heading starts with a Roman numeral ("III. PHẠM VI, ...") in capitals; OCR reads its
  strokes as "H" (two I's run together), "l", "1" or "|" ("HI.", "Il.", "1V."). A line that starts with
  such a token and goes on in capitals gets the numeral back.
- An amount is printed in thousands groups without spaces ("12.345.000.000"); OCR sometimes splits it
  after a dot ("12.345.000." + "000"). Two words of one line that are a grouped number ending in a
  dot and a group of exactly three digits are one number.
"""

from __future__ import annotations

import re

_ROMAN = re.compile(r"^(?:X{0,3})(?:IX|IV|V?I{0,3})$")
_ROMAN_SLIP = re.compile(r"^([IVXHl1|]{1,5})([.)])$")
_SLIP_STROKES = {"H": "II", "l": "I", "1": "I", "|": "I"}
_GROUPED_THEN_DOT = re.compile(r"^\d{1,3}(?:\.\d{3})+\.$")
_THREE_DIGITS = re.compile(r"^\d{3}(?=[,;:.)]?$)")


def roman_heading(first: str, rest: list[str]) -> str:
    """The first word of a line with a misread Roman numeral repaired, when the line reads as a heading."""
    match = _ROMAN_SLIP.match(first)
    if match is None or not rest or not any(ch in "Hl|" for ch in match.group(1)) and "1" not in match.group(1):
        return first
    letters = [ch for ch in rest[0] if ch.isalpha()]
    if not letters or not all(ch.isupper() for ch in letters):
        return first
    numeral = "".join(_SLIP_STROKES.get(ch, ch) for ch in match.group(1))
    if match.group(1).isdigit() or not numeral or not _ROMAN.match(numeral):
        return first
    return numeral + match.group(2)


def joins_number(left: str, right: str) -> bool:
    """True when `left` + `right` are one amount split after a thousands dot ("12.345.000." "000")."""
    return bool(_GROUPED_THEN_DOT.match(left) and _THREE_DIGITS.match(right))
