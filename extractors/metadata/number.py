"""The document number ("129/KH-UBND") and the type code it carries."""

from __future__ import annotations

import re

from kehoach.extractors.metadata.lookup import Lookup
from kehoach.extractors.metadata.spelling import sentence_case
from kehoach.extractors.vntext import collapse_spaces

_DASH = re.compile(r"[\u2010-\u2015\u2212]")
_SPACES = re.compile(r"\s+")


def normalize_number(printed: str) -> str:
    number = _DASH.sub("-", printed)
    number = _SPACES.sub("", number)
    return number.rstrip(".,;:")


def _number_tokens(tail: str) -> list[str]:
    return [t for t in re.split(r"[/-]", normalize_number(tail)) if t and not t.isdigit()]


def code_and_issuer(tail: str, look: Lookup) -> tuple[str | None, str | None]:
    """"/KH-UBND" -> ("KH", "UBND"); "-CT/TU" -> ("CT", "TU"); "/BCT-ATMT" (công văn) -> (None, "BCT").
    The type code, when there is one, is the first part after the sequence and the year."""
    tokens = _number_tokens(tail)
    if not tokens:
        return None, None
    if look.type_name(tokens[0]) is not None:
        return tokens[0], tokens[1] if len(tokens) > 1 else None
    return None, tokens[0]


def type_from_line(text: str, look: Lookup) -> tuple[str | None, str | None]:
    """"KẾ HOẠCH" -> ("KH", "Kế hoạch"); a type the data does not know keeps its words, no code."""
    found = look.reference.document_type_by_name(collapse_spaces(text).rstrip(".:"))
    if found is not None:
        return (found.code if found.in_number else None), found.name
    return None, sentence_case(text) if text.strip() else None


LETTER_TYPE = "Công văn"  # Decree 30/2020/NĐ-CP: the letter with no type line, its subject after "V/v"


def cong_van_type(look: Lookup) -> tuple[str | None, str | None]:
    """("CV", "Công văn"): a công văn's numbers carry no type code, so its conventional one."""
    found = look.reference.document_type_by_name(LETTER_TYPE)
    if found is None:
        return None, None
    return (found.code or next(iter(found.other_codes), None)), found.name
