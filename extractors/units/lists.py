"""Lists of units in a lead or partner cell, and whether a piece of text begins a unit name.

";" always separates; "," "và" "cùng" and line breaks only where a new unit begins
("Sở Công Thương, Sở Xây dựng"), never inside "tổ chức, cá nhân có liên quan",
"Sở Văn hóa, Thể thao và Du lịch" or "UBND các huyện, thành phố"; "-" never separates
("Phòng Kế hoạch - Tài chính").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from kehoach.extractors.vnsyllables import is_syllable
from kehoach.extractors.units.words import (
    DEFAULT_AGENCY_HEADS,
    DEFAULT_GENERIC_NOUNS,
    comparison_key,
    head_at,
    head_phrases,
    is_caps_abbreviation,
    is_title,
    longest_head,
    plural_ministries,
    syllables,
)

EDGE_PUNCT = " \t.,;:-–"

_ALWAYS_SPLIT = re.compile(r"\s*;\s*")
_ALWAYS_SPLIT_LINES = re.compile(r"\s*(?:;|\n)\s*")
_SOFT_SPLIT = re.compile(r"\s*,\s*|\s+và\s+|\s+cùng\s+|\s*\n\s*", re.IGNORECASE)  # "VÀ" in capitals too
_SOFT_HINT = re.compile(r",|\n|và|cùng|VÀ|CÙNG")  # where _SOFT_SPLIT can match


_TOKENS_PER_WORD = 3  # printed tokens a word of a key may take: "KH & CN" is "kh&cn"


# The keys of the abbreviations last asked for, by identity: a plan asks with one tuple, over and over.
_LAST_KEYS: list = [None, None]


def _abbreviation_keys(abbreviations: tuple[str, ...]) -> tuple[frozenset[str], int]:
    if abbreviations is not _LAST_KEYS[0]:
        _LAST_KEYS[:] = [abbreviations, _keys_of(abbreviations)]
    return _LAST_KEYS[1]


@lru_cache(maxsize=64)
def _keys_of(abbreviations: tuple[str, ...]) -> tuple[frozenset[str], int]:
    """The abbreviations' comparison keys, and the most words one of them has."""
    keys = frozenset(k for k in map(comparison_key, abbreviations) if k)
    return keys, max((k.count(" ") + 1 for k in keys), default=0)


def _leading_key_words(text: str, count: int) -> list[str]:
    """The first `count` words of comparison_key(text) (or all of them), keyed from the text's first
    tokens only: the key joins words only around "-" and "&", so every word of a prefix's key but
    its last is a word of the whole text's key."""
    limit = _TOKENS_PER_WORD * count + 2
    tokens = text.split(None, limit)
    if len(tokens) > limit:
        words = comparison_key(" ".join(tokens[:limit])).split(" ")
        if len(words) > count:
            return words[:count]
    return comparison_key(text).split(" ", count)[:count]


def starts_unit(text: str, heads: Iterable[str] = DEFAULT_AGENCY_HEADS, abbreviations: Iterable[str] = ()) -> bool:
    """Whether `text` begins with a unit name: a capitalised head word, "các" + a generic noun, or an
    abbreviation (capitals such as "UBND", "TT ƯDCN KH&CN")."""
    stripped = text.lstrip()
    if not stripped:
        return False
    keys, longest = _abbreviation_keys(tuple(abbreviations))
    if keys:
        parts = _leading_key_words(stripped, longest)
        if any(" ".join(parts[:n]) in keys for n in range(1, len(parts) + 1)):
            return True
    heads = tuple(heads)
    words = stripped.split(None, longest_head(heads))  # the words a head phrase may take, and the rest
    if words[0].lower() == "các" and len(words) > 1:
        rest = " ".join(stripped.split()[1:]).lower()
        if rest.startswith("bộ ") and not plural_ministries(syllables(rest)[1:], 0):
            return False
        return any(rest == n or rest.startswith(n + " ") or rest.startswith(n + ",") for n in DEFAULT_GENERIC_NOUNS)
    if not is_title(words[0]):
        return False
    if is_caps_abbreviation(words[0]) and not is_syllable(words[0]):
        return True  # "UBND", "VNPT"; not "THỂ" of "BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH", a name in capitals
    return head_at([w.lower() for w in words], 0, head_phrases(heads)) > 0


def split_unit_list(
    text: str, heads: Iterable[str] = DEFAULT_AGENCY_HEADS, abbreviations: Iterable[str] = (),
    *, hard_newlines: bool = False,
) -> list[tuple[int, int]]:
    """The [start, end) offsets of each unit in a list such as a lead or partner cell.

    ";" always separates; "," "và" "cùng" and line breaks only where a new unit begins (a line break
    in a cell is mostly wrapping); with `hard_newlines` every line is one item (persons).
    """
    heads = tuple(heads)
    abbreviations = tuple(abbreviations)
    pieces: list[tuple[int, int]] = []
    position = 0
    always = _ALWAYS_SPLIT_LINES if hard_newlines else _ALWAYS_SPLIT
    hard = ";" in text or (hard_newlines and "\n" in text)  # where `always` can match
    for match in [*(always.finditer(text) if hard else ()), None]:
        end = match.start() if match else len(text)
        _split_soft(text, position, end, heads, abbreviations, pieces)
        if match:
            position = match.end()
    return [p for p in (_trim(text, s, e) for s, e in pieces) if p[1] > p[0]]


def _split_soft(
    text: str, start: int, end: int, heads: tuple[str, ...], abbreviations: tuple[str, ...],
    out: list[tuple[int, int]],
) -> None:
    piece_start = start
    for match in _SOFT_SPLIT.finditer(text, start, end) if _SOFT_HINT.search(text, start, end) else ():
        if starts_unit(text[match.end() : end], heads, abbreviations):
            out.append((piece_start, match.start()))
            piece_start = match.end()
    out.append((piece_start, end))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in EDGE_PUNCT:
        start += 1
    while end > start and text[end - 1] in EDGE_PUNCT:
        end -= 1
    return start, end


_LOCALITY_WORD = re.compile(r"\b(?:tỉnh|thành\s+phố|huyện|quận|thị\s+xã)\s+(?=\w)", re.IGNORECASE)
_BETWEEN_PLACES = re.compile(r"\s*(?:,|và)\s*", re.IGNORECASE)


def distributed_places(text: str) -> list[tuple[str, int, int]] | None:
    """One body of several places: "UBND thành phố Hà Nội, Thành phố Hồ Chí Minh" is the committee of
    each city. Returns (name, start, end) of each ("UBND Thành phố Hồ Chí Minh" printed at "Thành
    phố Hồ Chí Minh"), or None when `text` is not a head followed by two or more named places."""
    if "," not in text and "và" not in text and "VÀ" not in text:
        return None
    places = []
    for match in _LOCALITY_WORD.finditer(text):
        end = match.end()
        for word in re.finditer(r"\S+", text[end:]):
            if not word.group()[0].isupper():
                break
            end = match.end() + word.start() + len(word.group().rstrip(",;."))
            if word.group()[-1] in ",;.":
                break
        if end > match.end():
            places.append((match.start(), end))
    if len(places) < 2 or places[0][0] == 0 or places[-1][1] != len(text.rstrip(" .;")):
        return None
    if not all(_BETWEEN_PLACES.fullmatch(text, a[1], b[0]) for a, b in zip(places, places[1:])):
        return None
    head = text[: places[0][0]]
    first_end = places[0][1]
    return [(text[:first_end], 0, first_end)] + [(head + text[start:end], start, end) for start, end in places[1:]]
