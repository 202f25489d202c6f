"""The words unit names are built from: head words of public bodies, localities, generic plural
nouns, and the syllable tokens of a text.

Vietnamese is written syllable by syllable, so a name is read over syllable tokens: letters and
digits (with "&", "'" or "." between them: "KH&CN" is one token) and single punctuation marks.
A head phrase is found by one dictionary lookup per token ("Chi cục" is two tokens); the index is
built once per head list.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from kehoach.extractors.vntext import comparison_key as _comparison_key

# Head words of public bodies, as they begin a unit name (matched case-insensitively, then checked).
DEFAULT_AGENCY_HEADS: tuple[str, ...] = (
    "Sở", "Ban", "Bộ", "Cục", "Tổng cục", "Chi cục", "Trung tâm", "Phòng", "Văn phòng", "Thanh tra",
    "Ủy ban nhân dân", "Uỷ ban nhân dân", "UBND", "Hội đồng nhân dân", "HĐND", "Ủy ban", "Uỷ ban",
    "Công an", "Bộ Chỉ huy", "Bộ đội", "Hiệp hội", "Hội", "Liên minh", "Liên đoàn", "Mặt trận",
    "Đoàn", "Tỉnh đoàn", "Viện", "Trường", "Đài", "Báo", "Kho bạc", "Thuế", "Ngân hàng", "Quỹ",
    "Công ty", "Tổng công ty", "Điện lực", "Tòa án", "Viện kiểm sát", "Đội", "Tổ", "Hạt",
    "Vườn quốc gia", "Khu", "Cảng vụ", "Bảo hiểm xã hội", "Tỉnh ủy", "Thành ủy", "Huyện ủy", "Vụ",
    "Tập đoàn", "Đảng ủy", "Đảng uỷ",
)
# Nouns of generic, plural units: "các sở, ban, ngành", "các cơ quan, đơn vị liên quan".
DEFAULT_GENERIC_NOUNS: tuple[str, ...] = (
    "sở", "ban", "ngành", "cơ quan", "đơn vị", "địa phương", "tổ chức", "cá nhân", "doanh nghiệp",
    "hội", "hiệp hội", "phòng", "đoàn thể", "huyện", "xã", "phường", "thành phố", "thị xã", "cấp",
    "chủ đầu tư", "cơ sở", "trường", "tổ chức chính trị", "bộ", "cơ quan ngang bộ", "cơ quan thuộc chính phủ",
)
DEFAULT_LOCALITIES: tuple[str, ...] = (
    "tỉnh", "thành phố", "huyện", "thị xã", "quận", "xã", "phường", "thị trấn", "đặc khu", "cấp tỉnh",
    "cấp huyện", "cấp xã", "các cấp", "trung ương", "khu vực", "các tỉnh", "các huyện", "các xã", "các phường",
    "các quận", "các thị xã", "các thành phố", "các địa phương", "các đặc khu",
)
# Lowercase words that end a name in prose: verbs and function words of assignment sentences.
DEFAULT_NAME_STOPS: frozenset[str] = frozenset({
    "chủ", "phối", "có", "chịu", "là", "và", "với", "để", "về", "theo", "trong", "tại", "của", "cho",
    "thực", "tổ", "tham", "xây", "căn", "báo", "hướng", "triển", "kiểm", "rà", "đôn", "giao", "được",
    "trên", "thuộc", "trực", "đề", "nghiên", "hỗ", "gửi", "tiếp", "cập", "công", "thẩm", "lập", "cần", "phải",
    "tổng", "hoàn", "giải", "lãnh", "chỉ", "đẩy",
})

# "các bộ" are ministries only before a list, a verb or an end ("các bộ, ngành", "các bộ chủ trì"),
# not "các bộ tiêu chí", "các bộ phận", "các bộ công cụ" (sets, parts, kits).
_AFTER_MINISTRIES = (DEFAULT_NAME_STOPS - {"công"}) | {"khác", "liên", "trung"}


def plural_ministries(lows: list[str], j: int) -> bool:
    """Whether "các bộ" ending before lows[j] names ministries (`lows`: words lowercased)."""
    if j >= len(lows) or not lows[j].isalnum():
        return j >= len(lows) or lows[j] != ":"  # not "các Bộ: Công an, Quốc phòng" (each a ministry)
    return lows[j] in _AFTER_MINISTRIES or lows[j] in ("ngành", "cơ", "địa", "đơn", "sở", "ban")


_TOKEN = re.compile(r"[^\W_]+(?:[&'’.][^\W_]+)*|\S")
_UPPER_RUN = re.compile(r"[A-ZĐ]{2,}")

HeadIndex = dict[str, tuple[tuple[str, ...], ...]]


@lru_cache(maxsize=8192)
def comparison_key(text: str) -> str:
    """vntext.comparison_key, cached: unit names and abbreviations are compared over and over."""
    return _comparison_key(text)


def syllables(text: str) -> list[str]:
    """The syllable tokens of `text`; only white space stands between two of them."""
    found: list[str] = []
    for chunk in text.split():
        if chunk.isalnum():  # most chunks are one syllable: the regex only where punctuation is
            found.append(chunk)
        else:
            found += _TOKEN.findall(chunk)
    return found


def is_title(word: str) -> bool:
    return bool(word) and word[0].isupper()


def is_caps_abbreviation(word: str) -> bool:
    return bool(_UPPER_RUN.search(word)) and not any(c.islower() for c in word.replace("&", ""))


@lru_cache(maxsize=16)
def _head_index(heads: tuple[str, ...]) -> HeadIndex:
    """Head phrases by their first word, longest first: a lookup per word instead of a scan."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for head in sorted({h.lower() for h in heads}, key=lambda h: -len(h.split())):
        parts = tuple(head.split())
        index.setdefault(parts[0], []).append(parts)
    return {first: tuple(phrases) for first, phrases in index.items()}


def head_phrases(heads: Iterable[str]) -> HeadIndex:
    if heads is DEFAULT_AGENCY_HEADS:
        return _AGENCY_INDEX  # the heads of nearly every call: no tuple to hash
    return _head_index(tuple(heads))


def longest_head(heads: tuple[str, ...]) -> int:
    """How many words the longest head phrase has."""
    return _AGENCY_LONGEST if heads is DEFAULT_AGENCY_HEADS else _longest_head(heads)


@lru_cache(maxsize=16)
def _longest_head(heads: tuple[str, ...]) -> int:
    return max((len(h.split()) for h in heads), default=0)


def head_lengths(lows: list[str], i: int, heads: HeadIndex) -> list[int]:
    """The lengths in words of every head phrase at lows[i], longest first (`lows`: words lowercased)."""
    phrases = heads.get(lows[i]) if i < len(lows) else None
    if not phrases:
        return []
    return [len(parts) for parts in phrases if len(parts) == 1 or tuple(lows[i : i + len(parts)]) == parts]


def head_at(lows: list[str], i: int, heads: HeadIndex) -> int:
    """How many words the longest head phrase at lows[i] takes (0 if none; `lows`: words lowercased)."""
    phrases = heads.get(lows[i]) if i < len(lows) else None
    if phrases:
        for parts in phrases:
            n = len(parts)
            # The first word is matched by the lookup: a phrase of two words is matched by its second.
            if n == 1 or (
                i + 1 < len(lows) and lows[i + 1] == parts[1] if n == 2 else tuple(lows[i : i + n]) == parts
            ):
                return n
    return 0


_AGENCY_INDEX = _head_index(DEFAULT_AGENCY_HEADS)
_AGENCY_LONGEST = _longest_head(DEFAULT_AGENCY_HEADS)
LOCALITIES: HeadIndex = _head_index(DEFAULT_LOCALITIES)
GENERIC_PHRASES: HeadIndex = _head_index(tuple(f"các {noun}" for noun in DEFAULT_GENERIC_NOUNS))


def locality_at(lows: list[str], i: int) -> int:
    return head_at(lows, i, LOCALITIES)
