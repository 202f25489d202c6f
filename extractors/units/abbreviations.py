"""Abbreviations a plan defines inline, right after the full name:
"Chi cục Tiêu chuẩn Đo lường Chất lượng (Chi cục TĐC)"; and terms defined by their initials, which
unit names then carry: "khám chữa bệnh (KCB)", "các Khu công nghiệp (viết tắt KCN)" ("Các cơ sở KCB
BHYT" are "Các cơ sở khám chữa bệnh bảo hiểm y tế")."""

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
# "(KCB)", "(viết tắt KCN)", "(sau đây viết tắt là BHYT)": capitals only, each the initial of a word.
_TERM_DEF = re.compile(r"\((?:[^()]{0,20}viết tắt(?: là)?\s+)?([A-ZĐ]{2,6})\)")
_LETTERS = re.compile(r"[^\W\d_]+")


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


def find_term_definitions(text: str) -> list[AbbreviationDefinition]:
    """"<words> (<their initials>)": "bảo hiểm y tế (BHYT)", "nuôi trồng thủy sản (NTTS)"."""
    found: list[AbbreviationDefinition] = []
    for match in _TERM_DEF.finditer(text):
        abbreviation = match.group(1)
        words = list(_LETTERS.finditer(text, max(0, match.start() - 80), match.start()))[-len(abbreviation) :]
        if len(words) < len(abbreviation) or text[words[0].start() : match.start()].count(",") or any(
            w.group()[0].upper() != letter for w, letter in zip(words, abbreviation)
        ):
            continue
        found.append(AbbreviationDefinition(abbreviation, text[words[0].start() : words[-1].end()], words[0].start(), words[-1].end()))
    return found
