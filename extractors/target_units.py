"""The counted noun after a number in a target ("300 lượt người", "03 chi nhánh", "80%", "2.989,5 MW"):
the noun phrase as Vietnamese ends one. The rules are in ``extractors.target_phrases``."""

from __future__ import annotations

import re
from collections.abc import Iterator

_TOKEN = re.compile(r"[^\W_]+", re.U)
_PERCENT = re.compile(r"^\s*%")
# Measurement symbols, written in their own case: "2.989,5 MW", "50 kWh", "12 km2", "40 μg/m3".
_SYMBOL_UNIT = re.compile(
    r"^\s*(?P<unit>[μµm]g/m[3³]|[kMGT]?W[hp]?|km2?|m[23²³]?|ha|kg|MVA|kV)(?![\w])"
)

# Words that end a noun phrase wherever they stand: prepositions, conjunctions, auxiliaries,
# copulas, quantifiers and classifiers of time.
DEFAULT_PHRASE_ENDERS = frozenset({
    "được", "bị", "đã", "sẽ", "đang", "có", "là", "đạt", "gồm", "cho", "của", "tại", "trên", "dưới",
    "về", "với", "theo", "trong", "từ", "đến", "tới", "vào", "ra", "qua", "bằng", "để", "nhằm", "so",
    "như", "ở", "thuộc", "và", "hoặc", "hay", "nhưng", "mà", "thì", "các", "những", "mỗi", "hàng",
    "hằng", "một", "mới", "đủ", "khoảng", "năm", "chưa", "không", "còn", "trở", "trước", "sau", "nữa",
    "thêm", "lên", "xuống", "cả", "đều", "phải", "cần", "tăng", "giảm", "nhu", "kể", "gấp",
    "tương", "nay", "này", "đó", "khi", "nếu", "do", "vì", "bởi", "đi", "làm", "chiếm",
})
# Verbs that end a noun phrase ("03 chi nhánh cung cấp dịch vụ"); those that are also nouns
# ("03 tổ chức", "01 ứng dụng") only after the head word.
DEFAULT_VERBS = frozenset({"tham mưu", "chủ trì", "phối hợp", "thực hiện", "triển khai", "tham gia"})
# Two-syllable words that end a noun phrase: adverbs of time, "bao gồm".
DEFAULT_PAIR_ENDERS = frozenset({"hiện nay", "hiện tại", "hiện có", "bao gồm", "bao nhiêu"})
# Words whose second syllable alone would end the phrase ("trực thuộc": "thuộc"); after "trực thuộc"
# the name it governs belongs to the phrase too ("thành phố trực thuộc Trung ương").
DEFAULT_COMPOUNDS = frozenset({"trực thuộc"})
DEFAULT_GOVERNS_NAME = frozenset({"trực thuộc"})
DEFAULT_VERBS_AFTER_HEAD = frozenset({
    "tham gia", "cung cấp", "thực hiện", "triển khai", "nâng cao", "hỗ trợ", "bảo đảm", "đảm bảo",
    "phục vụ", "đáp ứng", "hoàn thành", "sử dụng", "tổ chức", "ứng dụng", "áp dụng", "kết nối",
    "tiếp cận", "tiếp nhận", "đăng ký", "giải quyết", "hoạt động", "tiếp tục", "đưa vào", "xử lý",
    "phát hiện", "thành lập",
})
# Verbs that are nouns as well, so may head a counted noun ("03 tổ chức", "01 ứng dụng").
DEFAULT_VERBAL_NOUNS = frozenset({"tổ chức", "ứng dụng", "hoạt động", "đăng ký", "hỗ trợ", "sáng kiến"})
# What ends the population a rate is counted over ("trẻ sinh ra còn sống" | "vào năm 2025").
DEFAULT_RATE_ENDERS = frozenset({
    "vào", "đến", "tới", "năm", "trong", "theo", "tại", "của", "và", "hoặc", "xuống", "lên", "so", "trở",
    "từ", "với", "trên", "dưới", "đạt",
})
DEFAULT_MAX_RATE_WORDS = 8
DEFAULT_MAX_UNIT_WORDS = 6
DEFAULT_MAX_PAIR_WORDS = 2  # syllables of each noun in a comma-joined pair ("cán bộ, công chức")
_PAIR_COMMA = re.compile(r",[ \t]*(?=[^\W\d_])")


def _is_acronym(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and (len(letters) >= 2 or any(c.isdigit() for c in token))


def unit_after(text: str) -> tuple[str | None, int]:
    """The unit written right after a number and where it ends in `text` (0 when there is none)."""
    percent = _PERCENT.match(text)
    if percent:
        return "%", percent.end()
    symbol = _SYMBOL_UNIT.match(text)
    if symbol:
        return symbol["unit"], symbol.end()
    words, end = _noun_phrase(text, 0)
    if words and len(words) <= DEFAULT_MAX_PAIR_WORDS:
        # "04 tin, bài", "02 cán bộ, công chức": two nouns of the same length joined by a comma.
        comma = _PAIR_COMMA.match(text, end)
        if comma:
            other, other_end = _noun_phrase(text, comma.end())
            if len(other) == len(words) and _phrase_ends(text, other_end):
                return f"{' '.join(words)}, {' '.join(other)}", other_end
    return (" ".join(words), end) if words else (None, 0)


def _spaced_words(text: str, pos: int) -> Iterator[tuple[re.Match[str], re.Match[str] | None]]:
    """The words from `pos` on while only spaces part them, each with the one after it (or None); read
    lazily, since a noun phrase ends within a few words."""
    cursor = pos
    previous: re.Match[str] | None = None
    for match in _TOKEN.finditer(text, pos):
        if text[cursor : match.start()].strip():
            break
        if previous is not None:
            yield previous, match
        previous = match
        cursor = match.end()
    if previous is not None:
        yield previous, None


def _noun_phrase(text: str, pos: int) -> tuple[list[str], int]:
    """The words of the noun phrase starting at `pos` and where it ends."""
    words: list[str] = []
    end = pos
    name_allowed = False
    for match, next_match in _spaced_words(text, pos):
        token = match.group()
        lowered = token.casefold()
        previous = f"{words[-1].casefold()} {lowered}" if words else ""
        if previous in DEFAULT_COMPOUNDS:
            words.append(token)
            end = match.end()
            name_allowed = previous in DEFAULT_GOVERNS_NAME
            continue
        if token.isdigit() or len(words) >= DEFAULT_MAX_UNIT_WORDS:
            break
        if name_allowed and token[0].isupper():
            words.append(token)
            end = match.end()
            continue
        name_allowed = False
        following = next_match.group().casefold() if next_match is not None else ""
        pair = f"{lowered} {following}"
        if lowered in DEFAULT_PHRASE_ENDERS and pair not in DEFAULT_COMPOUNDS:
            break
        if not (token[0].islower() or _is_acronym(token)):
            break
        if pair in DEFAULT_VERBS or pair in DEFAULT_PAIR_ENDERS or (words and pair in DEFAULT_VERBS_AFTER_HEAD):
            break
        if not words and pair in DEFAULT_VERBS_AFTER_HEAD and pair not in DEFAULT_VERBAL_NOUNS:
            break  # a verb right after the number: nothing is counted ("Tổng đài 112 phục vụ ...")
        words.append(token)
        end = match.end()
    return words, end


def population_after(text: str, pos: int) -> tuple[str, int]:
    """The population a rate counts over, up to a preposition or a milestone, and where it ends."""
    words: list[str] = []
    end = pos
    for match in _TOKEN.finditer(text, pos):
        token = match.group()
        if text[end : match.start()].strip() or not token[0].islower() or token.casefold() in DEFAULT_RATE_ENDERS:
            break
        if len(words) >= DEFAULT_MAX_RATE_WORDS:
            break
        words.append(token)
        end = match.end()
    return " ".join(words), end


def _phrase_ends(text: str, end: int) -> bool:
    """True when nothing of the phrase goes on after `end`: punctuation, the end, or a word that ends it."""
    rest = text[end:].lstrip()
    if not rest or not rest[0].isalnum():
        return True
    word = _TOKEN.match(rest)
    return word is not None and word.group().casefold() in DEFAULT_PHRASE_ENDERS
