"""Vietnamese numbers and amounts of money, in digits and in words.

How plans write them:

- Digits use the dot for thousands and the comma for decimals: "12.425.000.000 đồng",
  "2.989,5" (a table cell under "Kinh phí (triệu đồng)"), "13,5 tỷ", "05" (five, zero-padded).
- Amounts carry a unit after the number, or the unit sits in a table header:
  "500 triệu đồng", "6 tỷ đồng", "12.425 triệu đồng", header "Tỷ VNĐ", "ĐVT: nghìn đồng".
- The total is repeated in words after "Bằng chữ":
  "Tổng kinh phí: 12.425.000.000 đồng (Bằng chữ: Mười hai tỷ bốn trăm hai mươi lăm triệu đồng)".
  Spoken variants occur: "lăm/năm/nhăm" for 5 after a ten, "mốt/một" for 1 and "tư/bốn" for 4 after
  a ten, "linh/lẻ" for an empty tens place, "nghìn/ngàn", "tỷ/tỉ", "mười/mươi" confused, and tails
  such as "đồng chẵn" or "./.".

Rules for digit strings (``parse_number``), tried in this order on the whole string:

1. ``[0-9]+``: an integer, leading zeros allowed ("05" -> 5).
2. Vietnamese grouping ``1.234.567``: dots between groups of exactly three digits -> integer
   ("1.500" is one thousand five hundred).
3. Vietnamese decimal ``2.989,5`` / ``13,5``: one comma, optionally after Vietnamese grouping ->
   float. A single comma is always the decimal comma, so "1,500" reads 1.5, never 1500.
4. English grouping, accepted only where it cannot be Vietnamese: two or more comma groups
   ("1,500,000" -> 1500000) or comma groups followed by a decimal dot ("1,500.25").
5. A decimal dot that is not a Vietnamese thousands separator ("1.5", "12.3456") -> float.

Anything else (signs, spaces inside the number, letters, more than ``MAX_DIGITS`` digits) raises
``NumberFormatError``, a ``ValueError``. ``parse_amount`` raises the same error.

Digit and amount parsers expect NFC text (the pipeline normalizes before extractors run) so that
spans index the text given; ``words_to_number`` normalizes by itself.

``words_to_number`` never raises: it returns a ``WordsReading`` whose ``value`` is None when a word
is unknown (listed in ``unknown_words``) or the words break the grammar (``error``). It never skips
a word silently.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

__all__ = [
    "AmountReading",
    "NumberFormatError",
    "WordsReading",
    "find_amounts",
    "number_to_words",
    "parse_amount",
    "parse_number",
    "unit_multiplier",
    "words_to_number",
]

MAX_DIGITS = 30

# --- digits -----------------------------------------------------------------------------------
_PLAIN_INT = re.compile(r"[0-9]+")
_VN_INT = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+")
_VN_DEC = re.compile(r"(?P<int>[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+),(?P<frac>[0-9]+)")
_EN_INT = re.compile(r"[0-9]{1,3}(?:,[0-9]{3}){2,}")
_EN_DEC = re.compile(r"(?P<int>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)\.(?P<frac>[0-9]+)")

# A number inside running text; alternatives longest-first, the lookarounds force whole numbers.
# The leading "(?=[0-9])" lets a search skip non-digits at once (4x faster on running text).
_NUMBER_IN_TEXT = (
    r"(?=[0-9])(?<![0-9.,])"
    r"(?:[0-9]{1,3}(?:,[0-9]{3})+\.[0-9]+"
    r"|[0-9]{1,3}(?:,[0-9]{3}){2,}"
    r"|[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?"
    r"|[0-9]+(?:[.,][0-9]+)?)"
    r"(?![0-9]|[.,][0-9])"
)

# --- units --------------------------------------------------------------------------------------
_CURRENCY = r"(?:đồng|vnđ|vnd|đ)"
_SCALE = r"(?:(?:nghìn|ngàn)\s+t[ỷỉ]|triệu|t[ỷỉ]|nghìn|ngàn)"
_TR_ABBREVIATION = r"(?:tr\.?\s*(?:đồng|đ))"  # "tr.đ", "trđ", "tr.đồng" in table headers
_UNIT = (
    rf"(?:(?P<tr>{_TR_ABBREVIATION})"
    rf"|(?P<scale>{_SCALE})(?:\s*(?P<cur>{_CURRENCY}))?"
    rf"|(?P<only>{_CURRENCY}))(?!\w)"
)
_UNIT_RE = re.compile(_UNIT, re.IGNORECASE)
_UNIT_FULL = re.compile(rf"\s*{_UNIT}\s*[.:]?\s*", re.IGNORECASE)
_UNIT_LABEL = r"(?:đvt|đơn\s+vị(?:\s+tính)?)"
_UNIT_LABELLED = re.compile(
    rf"(?:\(\s*(?:{_UNIT_LABEL}\s*:?\s*)?|(?<!\w){_UNIT_LABEL}\s*:\s*){_UNIT}", re.IGNORECASE
)
_SCALE_WITH_CURRENCY = re.compile(
    rf"(?<!\w)(?:(?P<tr>{_TR_ABBREVIATION})|(?P<scale>{_SCALE})\s*(?P<cur>{_CURRENCY})"
    rf"|(?P<only>vnđ|vnd))(?!\w)",
    re.IGNORECASE,
)
_AMOUNT_FULL = re.compile(
    rf"\s*(?P<num>{_NUMBER_IN_TEXT})(?:\s*{_UNIT})?(?P<tail>\s*[.,;)]*\s*)", re.IGNORECASE
)
_AMOUNT_IN_TEXT = re.compile(rf"(?P<num>{_NUMBER_IN_TEXT})\s*{_UNIT}", re.IGNORECASE)
# A scale word with no currency counts as money in running text only before punctuation or the end.
_BARE_SCALE_END = re.compile(r"\s*(?:$|[^\w\s])")

_SCALE_VALUES: dict[str, int] = {
    "nghìn": 10**3,
    "ngàn": 10**3,
    "triệu": 10**6,
    "tỷ": 10**9,
    "tỉ": 10**9,
}

# --- words --------------------------------------------------------------------------------------
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


class NumberFormatError(ValueError):
    """The text is not a number (or amount) written in one of the accepted ways."""


@dataclass(frozen=True, slots=True)
class AmountReading:
    """An amount of money as written, read into whole đồng.

    ``start``/``end`` delimit the number and its unit in the text given (end exclusive), so
    ``text_given[start:end] == text``. ``unit_source`` says where the unit came from: written after
    the number, the ``default_unit`` (a table header), or nowhere (read as đồng).
    """

    vnd: int
    number: int | float
    multiplier: int
    unit: str | None
    unit_source: Literal["written", "default", "none"]
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class WordsReading:
    """An amount written in words; ``value`` is None when any word is unknown or misplaced."""

    text: str
    value: int | None
    unknown_words: list[str] = field(default_factory=list)
    error: str | None = None


# --- digits: helpers ----------------------------------------------------------------------------
def _digits_to_decimal(text: str) -> tuple[Decimal, bool]:
    """The number a digit string stands for, and whether a fractional part was written."""
    if len(text) > MAX_DIGITS and sum(ch.isdigit() for ch in text) > MAX_DIGITS:
        raise NumberFormatError(f"too many digits in {text!r}")
    if _PLAIN_INT.fullmatch(text):
        return Decimal(text), False
    if _VN_INT.fullmatch(text):
        return Decimal(text.replace(".", "")), False
    match = _VN_DEC.fullmatch(text)
    if match:
        return Decimal(f"{match['int'].replace('.', '')}.{match['frac']}"), True
    if _EN_INT.fullmatch(text):
        return Decimal(text.replace(",", "")), False
    match = _EN_DEC.fullmatch(text)
    if match:
        return Decimal(f"{match['int'].replace(',', '')}.{match['frac']}"), True
    raise NumberFormatError(f"not a number as Vietnamese documents write it: {text!r}")


def _decimal_to_python(value: Decimal, fractional: bool) -> int | float:
    return float(value) if fractional else int(value)


def parse_number(text: str) -> int | float:
    """Read a digit string: "12.425.000.000" -> 12425000000, "2.989,5" -> 2989.5, "05" -> 5.

    Surrounding whitespace is ignored; see the module docstring for the accepted forms. Returns an
    int unless a fractional part is written. Raises ``NumberFormatError`` otherwise.
    """
    if not isinstance(text, str):
        raise NumberFormatError(f"not a string: {text!r}")
    value, fractional = _digits_to_decimal(text.strip())
    return _decimal_to_python(value, fractional)


# --- units: helpers -----------------------------------------------------------------------------
def _unit_match_to_multiplier(match: re.Match[str]) -> int:
    """The multiplier of a unit matched by ``_UNIT``: currency alone 1, "triệu đồng" 10**6, ..."""
    groups = match.groupdict()
    if groups.get("tr"):
        return 10**6
    scale = groups.get("scale")
    if scale:
        words = scale.casefold().split()
        multiplier = 1
        for word in words:
            multiplier *= _SCALE_VALUES[word]
        return multiplier
    return 1


def _unit_span(match: re.Match[str]) -> tuple[int, int] | None:
    spans = [match.span(name) for name in ("tr", "scale", "cur", "only") if match.group(name)]
    if not spans:
        return None
    return min(s for s, _ in spans), max(e for _, e in spans)


def _single_multiplier(matches: list[re.Match[str]]) -> int | None:
    """The one multiplier all matches agree on, or None when there is none or they disagree."""
    values = {_unit_match_to_multiplier(m) for m in matches}
    return values.pop() if len(values) == 1 else None


def unit_multiplier(text: str) -> int | None:
    """The multiplier to đồng of a unit as table headers write it, or None if there is none.

    "Tỷ VNĐ" -> 10**9, "Kinh phí (triệu đồng)" -> 10**6, "ĐVT: nghìn đồng" -> 1000, "Đồng" -> 1.
    Bare "đồng" counts only as the whole text, in parentheses or after "ĐVT:"/"Đơn vị tính:", so
    "Hội đồng" and "cộng đồng" are not units. Units that disagree give None.
    """
    if not isinstance(text, str):
        return None
    full = _UNIT_FULL.fullmatch(text)
    if full:
        return _unit_match_to_multiplier(full)
    labelled = list(_UNIT_LABELLED.finditer(text))
    if labelled:
        return _single_multiplier(labelled)
    return _single_multiplier(list(_SCALE_WITH_CURRENCY.finditer(text)))


def _reading_from_match(
    source: str,
    match: re.Match[str],
    default_unit: str | None,
) -> AmountReading:
    value, fractional = _digits_to_decimal(match["num"])
    unit_span = _unit_span(match)
    if unit_span is not None:
        multiplier = _unit_match_to_multiplier(match)
        unit: str | None = source[unit_span[0] : unit_span[1]]
        unit_source: Literal["written", "default", "none"] = "written"
        end = unit_span[1]
    elif default_unit is not None:
        found = unit_multiplier(default_unit)
        if found is None:
            raise NumberFormatError(f"no unit of money in {default_unit!r}")
        multiplier, unit, unit_source = found, default_unit, "default"
        end = match.end("num")
    else:
        multiplier, unit, unit_source = 1, None, "none"
        end = match.end("num")
    vnd = value * multiplier
    if vnd != vnd.to_integral_value():
        raise NumberFormatError(f"{match['num']!r} x {multiplier} is not a whole number of đồng")
    start = match.start("num")
    return AmountReading(
        vnd=int(vnd),
        number=_decimal_to_python(value, fractional),
        multiplier=multiplier,
        unit=unit,
        unit_source=unit_source,
        start=start,
        end=end,
        text=source[start:end],
    )


def parse_amount(text: str, default_unit: str | None = None) -> AmountReading:
    """Read a whole string as an amount: "12.425 triệu đồng" -> 12_425_000_000 đồng.

    The unit written after the number wins; else ``default_unit`` (a header such as "Tỷ VNĐ") is
    used; with neither the number is read as đồng and ``unit_source`` is "none". Surrounding
    whitespace and trailing ".,;)" are allowed. Raises ``NumberFormatError`` when the text is not
    an amount or the amount is not a whole number of đồng.
    """
    if not isinstance(text, str):
        raise NumberFormatError(f"not a string: {text!r}")
    match = _AMOUNT_FULL.fullmatch(text)
    if match is None:
        raise NumberFormatError(f"not an amount: {text!r}")
    return _reading_from_match(text, match, default_unit)


def find_amounts(text: str) -> list[AmountReading]:
    """Every amount of money with a written unit in running text, in order.

    A number counts only with a unit after it: currency ("đồng", "đ", "VNĐ"), a scale with currency
    ("triệu đồng", "tỷ VNĐ", "tr.đ"), or a scale alone ("500 triệu", "13,5 tỷ") when punctuation or
    the end follows, so "1,5 triệu lượt người" is not money. Numbers that are not whole đồng are
    skipped.
    """
    readings: list[AmountReading] = []
    for match in _AMOUNT_IN_TEXT.finditer(text):
        if match.group("scale") and not match.group("cur"):
            if not _BARE_SCALE_END.match(text, match.end()):
                continue
        try:
            readings.append(_reading_from_match(text, match, None))
        except NumberFormatError:
            continue
    return readings


# --- words: helpers -----------------------------------------------------------------------------
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
