"""Unit names merged across plans: one key for the spellings of one unit.

Plans write one unit in many ways: "Sở KH&CN", "Sở Khoa học và Công nghệ", "Sở Khoa học và công
nghệ", "UBND tỉnh", "Ủy ban nhân dân tỉnh", "Uỷ ban nhân dân Tỉnh". The key expands the plan's own
abbreviations (defined inline, in `Plan.units`) and the common official ones of the reference data
that have one expansion, then compares as `comparison_key` does (case, tone placement, dashes,
spaces). The unit's display name is the first full spelling seen.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from kehoach.extractors.vntext import comparison_key
from kehoach.pipeline.reference import load_reference

_WORD = re.compile(r"[\w&]+(?:[-&][\w&]+)*")
_EDGE = " \t.,;:-–()"
_JOINER = re.compile(r"\s*&\s*")


@lru_cache(maxsize=1)
def _common_abbreviations() -> dict[str, str]:
    """The reference abbreviations that need no context, by their key and their variants' keys."""
    table: dict[str, str] = {}
    for entry in load_reference().abbreviations:
        if entry.ambiguous or entry.context:
            continue
        for spelling in (entry.abbreviation, *entry.variants):
            table[comparison_key(spelling)] = entry.expansions[0]
    return table


def plan_abbreviations(units: Iterable[dict[str, object]]) -> dict[str, str]:
    """A plan's own abbreviations (`Plan.units[].abbreviations`), by key, to the unit's full name."""
    table: dict[str, str] = {}
    for unit in units:
        name = str(unit.get("name") or "")
        for abbreviation in unit.get("abbreviations") or []:  # type: ignore[union-attr]
            table[comparison_key(str(abbreviation))] = name
    return table


def unit_key(name: str, abbreviations: dict[str, str]) -> str:
    """The merge key of a unit name, given the plan's abbreviations."""
    name = _JOINER.sub("&", name.strip(_EDGE))
    whole = abbreviations.get(comparison_key(name))
    if whole is not None:
        name = whole
    common = _common_abbreviations()

    def expand(match: re.Match[str]) -> str:
        word = match.group(0)
        if not any(c.isupper() for c in word[1:]) and "&" not in word:
            return word  # an ordinary word, not an abbreviation
        key = comparison_key(word)
        return abbreviations.get(key) or common.get(key) or word

    return comparison_key(_WORD.sub(expand, name))
