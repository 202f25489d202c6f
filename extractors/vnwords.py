"""Vietnamese numbers in words, as plans repeat a total after "Bằng chữ", and the other way round.

  "Mười hai tỷ bốn trăm hai mươi lăm triệu đồng" -> 12.425.000.000. Spoken variants occur: "lăm/năm/nhăm"
  for 5 after a ten, "mốt/một" for 1 and "tư/bốn" for 4 after a ten, "linh/lẻ" for an empty tens place,
  "nghìn/ngàn", "tỷ/tỉ", "mười/mươi" confused, and tails such as "đồng chẵn" or "./.".

``words_to_number`` never raises: it returns a ``WordsReading`` whose ``value`` is None when a word
is unknown (listed in ``unknown_words``) or the words break the grammar (``error``). It never skips
a word silently. It normalizes its text by itself.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

__all__ = ["WordsReading", "number_to_words", "words_to_number"]

DEFAULT_TAIL_WORDS = frozenset({"đồng", "chẵn"})
_DIGIT_WORDS: dict[str, int] = {
    "không": 0,
    "một": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "năm": 5,
    "sáu": 6,
    "bảy": 7,
    "bẩy": 7,
    "tám": 8,
    "chín": 9,
}
# Ones words allowed only after a ten ("hai mươi mốt", "mười lăm", "hai mươi tư") or "linh" ("linh tư").
_ONES_AFTER_TEN: dict[str, int] = {"mốt": 1, "tư": 4, "lăm": 5, "nhăm": 5}
_NOT_AFTER_MUOI = frozenset({"mốt", "nhăm"})  # "mười một", "mười lăm", never "mười mốt"
_TEN_WORDS = frozenset({"mười", "mươi"})
_ZERO_TENS_WORDS = frozenset({"linh", "lẻ"})
_HUNDRED = "trăm"
_WORD_SCALES: dict[str, int] = {"nghìn": 10**3, "ngàn": 10**3, "triệu": 10**6, "tỷ": 10**9, "tỉ": 10**9}
_KNOWN_WORDS = (
    set(_DIGIT_WORDS)
    | set(_ONES_AFTER_TEN)
    | _TEN_WORDS
    | _ZERO_TENS_WORDS
    | {_HUNDRED}
    | set(_WORD_SCALES)
    | DEFAULT_TAIL_WORDS
)
_WORD_SPLIT = re.compile(r"[\s,;:()\[\]\"“”'‘’\-–—]+")
_END_MARK = re.compile(r"\.?/\.?\s*$")  # "./." closing an amount in words
_EDGE_PUNCT = "./!?"

_CANONICAL_ONES = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]


@dataclass(frozen=True, slots=True)
class WordsReading:
    """An amount written in words; ``value`` is None when any word is unknown or misplaced."""

    text: str
    value: int | None
    unknown_words: list[str] = field(default_factory=list)
    error: str | None = None


def _text_to_words(text: str) -> list[str]:
    """NFC, casefolded words; punctuation between words dropped, "./." at the end dropped."""
    text = unicodedata.normalize("NFC", text).casefold()
    text = _END_MARK.sub("", text.strip())
    words = []
    for raw in _WORD_SPLIT.split(text):
        word = raw.strip(_EDGE_PUNCT)
        if word:
            words.append(word)
    return words


def _strip_tail_words(words: list[str]) -> list[str]:
    """Drop the closing "đồng", "chẵn", "đồng chẵn", "chẵn đồng"."""
    end = len(words)
    seen: set[str] = set()
    while end > 0 and words[end - 1] in DEFAULT_TAIL_WORDS and words[end - 1] not in seen:
        seen.add(words[end - 1])
        end -= 1
    return words[:end]


class _GrammarError(Exception):
    pass


def _ones_word_value(word: str, after_ten: bool) -> int:
    if word in _DIGIT_WORDS and word != "không":
        return _DIGIT_WORDS[word]
    if after_ten and word in _ONES_AFTER_TEN:
        return _ONES_AFTER_TEN[word]
    raise _GrammarError(f"{word!r} is not a units digit here")


def _group_words_to_number(words: list[str], follows_higher: bool) -> int:
    """Read a group below one thousand: "chín trăm hai mươi lăm" -> 925.

    ``follows_higher`` allows "linh năm" (5) without hundreds after a higher scale.
    """
    i = 0
    value = 0
    has_hundreds = False
    n = len(words)
    if n == 1 and words[0] == "không":
        return 0
    if i + 1 < n and words[i] in _DIGIT_WORDS and words[i + 1] == _HUNDRED:
        value = _DIGIT_WORDS[words[i]] * 100
        has_hundreds = True
        i += 2
    if i == n:
        if not has_hundreds:
            raise _GrammarError("empty group")
        return value
    word = words[i]
    if word in _ZERO_TENS_WORDS:
        if not (has_hundreds or follows_higher):
            raise _GrammarError(f"{word!r} without hundreds")
        if i + 2 != n:
            raise _GrammarError(f"{word!r} must be followed by exactly one digit")
        return value + _ones_word_value(words[i + 1], after_ten=words[i + 1] == "tư")
    if word in _TEN_WORDS:
        value += 10
        i += 1
        if i < n:
            if words[i] in _NOT_AFTER_MUOI:
                raise _GrammarError(f"{words[i]!r} after 'mười'")
            value += _ones_word_value(words[i], after_ten=True)
            i += 1
    elif i + 1 < n and words[i] in _DIGIT_WORDS and words[i + 1] in _TEN_WORDS:
        tens = _DIGIT_WORDS[words[i]]
        if tens < 2:
            raise _GrammarError(f"{words[i]!r} {words[i + 1]!r}")
        value += tens * 10
        i += 2
        if i < n:
            value += _ones_word_value(words[i], after_ten=True)
            i += 1
    elif word in _DIGIT_WORDS:
        if has_hundreds:
            raise _GrammarError(f"{word!r} after hundreds needs 'linh' or a ten")
        if word == "không":
            raise _GrammarError("'không' inside a number")
        value += _DIGIT_WORDS[word]
        i += 1
    else:
        raise _GrammarError(f"{word!r} out of place")
    if i != n:
        raise _GrammarError(f"{words[i]!r} out of place")
    return value


def _is_bare_units(group: list[str]) -> bool:
    return len(group) == 1 and group[0] in _DIGIT_WORDS


def _words_to_value(words: list[str]) -> int:
    """Combine groups and scales.

    A scale multiplies the current group and the smaller-scaled terms before it, so "một nghìn hai
    trăm tỷ" is 1200 x 10**9 and "một tỷ tỷ" is 10**18; the terms must then fall in scale. A lone
    units digit closing a number after a higher scale ("một nghìn năm", "một triệu hai") is
    rejected: speech uses it for 1500 and 1200000, documents write "một nghìn không trăm linh năm".
    """
    terms: list[tuple[int, int]] = []  # (value, scale of its highest place)
    group: list[str] = []
    for word in words:
        if word not in _WORD_SCALES:
            if word in DEFAULT_TAIL_WORDS:
                raise _GrammarError(f"{word!r} inside the number")
            group.append(word)
            continue
        scale = _WORD_SCALES[word]

        def absorbs(term_scale: int) -> bool:
            return term_scale < scale or (not group and term_scale == scale)

        if group and terms and absorbs(terms[-1][1]) and _is_bare_units(group):
            raise _GrammarError(f"ambiguous lone {group[0]!r} before {word!r}")
        amount = _group_words_to_number(group, bool(terms)) if group else 0
        inner_scale = 1
        while terms and absorbs(terms[-1][1]):
            value, term_scale = terms.pop()
            amount += value
            inner_scale = max(inner_scale, term_scale)
        if not group and inner_scale == 1:
            raise _GrammarError(f"{word!r} without a number before it")
        new_scale = scale * inner_scale
        if terms and terms[-1][1] <= new_scale:
            raise _GrammarError(f"{word!r} out of order")
        terms.append((amount * scale, new_scale))
        group = []
    if group:
        if terms and _is_bare_units(group):
            raise _GrammarError(f"ambiguous lone {group[0]!r} at the end")
        terms.append((_group_words_to_number(group, bool(terms)), 1))
    if not terms:
        raise _GrammarError("no number words")
    return sum(value for value, _ in terms)


def words_to_number(text: str) -> WordsReading:
    """Read an amount in words, strictly.

    "Mười hai tỷ bốn trăm hai mươi năm triệu đồng" -> 12_425_000_000 (any case, across line
    breaks). Unknown words are listed in ``unknown_words`` and a grammar violation is described in
    ``error``; either makes ``value`` None. Never raises for a string.
    """
    if not isinstance(text, str):
        return WordsReading(text=repr(text), value=None, error="not a string")
    words = _text_to_words(text)
    unknown = [w for w in words if w not in _KNOWN_WORDS]
    if unknown:
        return WordsReading(
            text=text, value=None, unknown_words=unknown, error=f"unknown words: {', '.join(unknown)}"
        )
    core = _strip_tail_words(words)
    try:
        value = _words_to_value(core)
    except _GrammarError as exc:
        return WordsReading(text=text, value=None, error=str(exc))
    return WordsReading(text=text, value=value)


# --- number to words ------------------------------------------------------------------------------
def _group_to_words(n: int, full: bool) -> list[str]:
    """Words for 0 < n < 1000; ``full`` reads all three places ("không trăm linh năm")."""
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    words: list[str] = []
    if hundreds or full:
        words += [_CANONICAL_ONES[hundreds], "trăm"]
    if tens == 0:
        if ones:
            if words:
                words.append("linh")
            words.append(_CANONICAL_ONES[ones])
        return words
    if tens == 1:
        words.append("mười")
    else:
        words += [_CANONICAL_ONES[tens], "mươi"]
    if ones == 1:
        words.append("mốt" if tens > 1 else "một")
    elif ones == 4:
        words.append("tư" if tens > 1 else "bốn")
    elif ones == 5:
        words.append("lăm")
    elif ones:
        words.append(_CANONICAL_ONES[ones])
    return words


def _below_billion_to_words(n: int, leading: bool) -> list[str]:
    words: list[str] = []
    for scale_word, scale in (("triệu", 10**6), ("nghìn", 10**3), ("", 1)):
        group, n = divmod(n, scale)
        if group:
            words += _group_to_words(group, full=not leading)
            if scale_word:
                words.append(scale_word)
            leading = False
    return words


def _number_to_word_list(n: int, leading: bool) -> list[str]:
    billions, rest = divmod(n, 10**9)
    words: list[str] = []
    if billions:
        words += _number_to_word_list(billions, leading) + ["tỷ"]
        leading = False
    return words + _below_billion_to_words(rest, leading)


def number_to_words(n: int) -> str:
    """The canonical Vietnamese reading, lowercase: 12425000000 -> "mười hai tỷ bốn trăm hai
    mươi lăm triệu"; 1005 -> "một nghìn không trăm linh năm"; 10**12 -> "một nghìn tỷ".

    Scales above tỷ are read as a number of tỷ ("một triệu tỷ" = 10**15). ``words_to_number``
    reads the result back for every n below 10**18."""
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise ValueError(f"a non-negative integer is needed, not {n!r}")
    if n == 0:
        return "không"
    return " ".join(_number_to_word_list(n, leading=True))
