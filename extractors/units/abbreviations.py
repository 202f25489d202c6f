"""Abbreviations a plan defines inline, right after the full name:
"Chi cục Tiêu chuẩn Đo lường Chất lượng (Chi cục TĐC)"."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from kehoach.extractors.units.words import DEFAULT_AGENCY_HEADS, comparison_key, head_at, head_phrases, is_title
from kehoach.extractors.vntext import collapse_spaces

MAX_ABBREVIATION_LENGTH = 40

_ABBREVIATION_DEF = re.compile(r"\(([^()]{2,40})\)")
_UPPER_RUN = re.compile(r"[A-ZĐ]{2,}")
_WORD = re.compile(r"\S+")


@dataclass
class AbbreviationDefinition:
    abbreviation: str
    full: str
    start: int  # offsets of the full name in the searched text
    end: int


def find_abbreviation_definitions(
    text: str, heads: Iterable[str] = DEFAULT_AGENCY_HEADS
) -> list[AbbreviationDefinition]:
    """"<full name> (<abbreviation>)" where the full name starts with a head word and the bracket
    holds capitals: "Chi cục Tiêu chuẩn Đo lường Chất lượng (Chi cục TĐC)"."""
    if "(" not in text:
        return []
    phrases = head_phrases(heads)
    found: list[AbbreviationDefinition] = []
    for match in _ABBREVIATION_DEF.finditer(text):
        abbreviation = collapse_spaces(match.group(1))
        if not _UPPER_RUN.search(abbreviation) or len(abbreviation) > MAX_ABBREVIATION_LENGTH:
            continue
        lower = any(w[0].islower() and w.lower() not in {"và", "tỉnh"} for w in abbreviation.split() if w[0].isalpha())
        if lower and not head_at([w.lower() for w in abbreviation.split()], 0, phrases):
            continue
        before = text[: match.start()].rstrip()
        cut = max(before.rfind(c) for c in ";:\t\n(") + 1
        cut = max(cut, before.rfind(", ") + 2 if ", " in before else 0)
        segment = before[cut:]
        words = [(m.start() + cut, m.group()) for m in _WORD.finditer(segment)]
        lows = [w.lower() for _, w in words]
        for i, (offset, word) in enumerate(words):
            if is_title(word) and head_at(lows, i, phrases):
                full = before[offset:].strip()
                if comparison_key(full) != comparison_key(abbreviation):
                    found.append(AbbreviationDefinition(abbreviation, full, offset, offset + len(full)))
                break
    return found
