"""Vietnamese numbers and amounts of money in digits (the words are in vnwords).

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
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

__all__ = [
    "AmountReading",
    "ForeignAmount",
    "NumberFormatError",
    "find_amounts",
    "find_foreign_amounts",
    "parse_amount",
    "parse_number",
    "unit_multiplier",
]

MAX_DIGITS = 30

# --- digits -----------------------------------------------------------------------------------
_PLAIN_INT = re.compile(r"[0-9]+")
_VN_INT = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+")
_VN_DEC = re.compile(r"(?P<int>[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+),(?P<frac>[0-9]+)")
_EN_INT = re.compile(r"[0-9]{1,3}(?:,[0-9]{3}){2,}")
_EN_DEC = re.compile(r"(?P<int>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)\.(?P<frac>[0-9]+)")

# A number inside running text; alternatives longest-first, the lookarounds force whole numbers.
# The first digit comes first and the lookbehind after it: a pattern that begins with a character
# class lets a search skip non-digits at once (a leading lookahead does not, and is twice as slow).
_NUMBER_IN_TEXT = (
    r"[0-9](?<![0-9.,][0-9])"
    r"(?:[0-9]{0,2}(?:,[0-9]{3})+\.[0-9]+"
    r"|[0-9]{0,2}(?:,[0-9]{3}){2,}"
    r"|[0-9]{0,2}(?:\.[0-9]{3})+(?:,[0-9]+)?"
    r"|[0-9]*(?:[.,][0-9]+)?)"
    r"(?![0-9]|[.,][0-9])"
)

_ANY_DIGIT = re.compile(r"[0-9]")  # every amount has one: most text can be passed over at once
# Every amount of find_amounts has a digit, then spacing, then the first two letters of a unit of
# _UNIT ("tr", "tỷ", "tỉ", "ng", "đ", "vn"; no other character matches these case-insensitively): text
# without one is passed over at once.
_UNIT_AFTER_DIGIT = re.compile(r"[0-9]\s*(?:[tT][rRỷỉỶỈ]|[nN][gG]|[đĐ]|[vV][nN])")

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
_UNIT_FULL = re.compile(rf"\s*+{_UNIT}\s*+(?:[.:]\s*+)?", re.IGNORECASE)
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
# Mixed notation: "2 tỷ 500 triệu đồng", "1 tỷ 250 triệu", "3 triệu 500 nghìn đồng" (scales decreasing).
_COMPOUND_PART = rf"(?P<num>{_NUMBER_IN_TEXT})\s*(?P<scale>{_SCALE})"
_COMPOUND_PART_RE = re.compile(_COMPOUND_PART, re.IGNORECASE)
_COMPOUND = re.compile(
    rf"{_NUMBER_IN_TEXT}\s*{_SCALE}(?:\s+{_NUMBER_IN_TEXT}\s*{_SCALE})+(?:\s*{_CURRENCY})?(?!\w)",
    re.IGNORECASE,
)
_CURRENCY_AT_END = re.compile(rf"{_CURRENCY}$", re.IGNORECASE)
# A scale word with no currency counts as money in running text only before punctuation or the end.
_BARE_SCALE_END = re.compile(r"\s*(?:$|[^\w\s])")

# Other currencies, kept as printed and never read into đồng: "150 nghìn USD", "2 triệu EUR",
# "1,5 triệu đô la Mỹ", "3 tỷ yên".
_FOREIGN_CURRENCY = (
    r"(?:USD|US\$|EUR|EURO|JPY|GBP|CNY|RMB|KRW|AUD|CAD|CHF|SGD|THB|LAK|KHR"
    r"|đô\s*la(?:\s+Mỹ|\s+Úc|\s+Singapore)?|euro|yên(?:\s+Nhật)?|nhân\s+dân\s+tệ|bảng\s+Anh|won)"
)
_FOREIGN_AMOUNT = re.compile(
    rf"(?P<num>{_NUMBER_IN_TEXT})(?:\s*{_SCALE})?(?:\s+{_NUMBER_IN_TEXT}\s*{_SCALE})*\s*"
    rf"(?P<cur>{_FOREIGN_CURRENCY})(?!\w)",
    re.IGNORECASE,
)

_SCALE_VALUES: dict[str, int] = {
    "nghìn": 10**3,
    "ngàn": 10**3,
    "triệu": 10**6,
    "tỷ": 10**9,
    "tỉ": 10**9,
}

@dataclass(frozen=True, slots=True)
class ForeignAmount:
    """An amount in another currency as printed ("150 nghìn USD"); ``start``/``end`` as AmountReading's."""

    currency: str  # as printed: "USD", "đô la Mỹ"
    start: int
    end: int
    text: str


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
    text = text.strip()
    if text.isascii() and text.isdigit() and len(text) <= MAX_DIGITS:
        return int(text)  # the common case, rule 1, without a Decimal
    value, fractional = _digits_to_decimal(text)
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
    the end follows, so "1,5 triệu lượt người" is not money. Mixed notation with decreasing scales
    is one amount ("2 tỷ 500 triệu đồng" -> 2_500_000_000). Other currencies ("150 nghìn USD") are
    not read. Numbers that are not whole đồng are skipped.
    """
    if not _UNIT_AFTER_DIGIT.search(text):
        return []
    readings = _compound_amounts(text)
    for match in _AMOUNT_IN_TEXT.finditer(text):
        if any(r.start < match.end() and match.start() < r.end for r in readings):
            continue
        if match.group("scale") and not match.group("cur"):
            if not _BARE_SCALE_END.match(text, match.end()):
                continue
        try:
            readings.append(_reading_from_match(text, match, None))
        except NumberFormatError:
            continue
    return sorted(readings, key=lambda r: r.start)


def _compound_amounts(text: str) -> list[AmountReading]:
    """Amounts in mixed notation ("2 tỷ 500 triệu đồng" -> 2_500_000_000), scales decreasing."""
    readings: list[AmountReading] = []
    for match in _COMPOUND.finditer(text):
        if not _CURRENCY_AT_END.search(match.group()) and not _BARE_SCALE_END.match(
            text, match.end()
        ):
            continue
        total = Decimal(0)
        last_scale: int | None = None
        valid = True
        for part in _COMPOUND_PART_RE.finditer(match.group()):
            scale = 1
            for word in part["scale"].casefold().split():
                scale *= _SCALE_VALUES[word]
            try:
                value, _fractional = _digits_to_decimal(part["num"])
            except NumberFormatError:
                valid = False
                break
            if last_scale is not None and scale >= last_scale:
                valid = False
                break
            total += value * scale
            last_scale = scale
        if not valid or total != total.to_integral_value():
            continue
        readings.append(
            AmountReading(
                vnd=int(total), number=int(total), multiplier=1, unit=match.group(), unit_source="written",
                start=match.start(), end=match.end(), text=match.group(),
            )
        )
    return readings


def find_foreign_amounts(text: str) -> list[ForeignAmount]:
    """Every amount in a currency other than the đồng, in order: "150 nghìn USD", "2 triệu EUR".
    ``find_amounts`` never reads these; they are found here so that no one adds them into đồng."""
    if not _ANY_DIGIT.search(text):
        return []
    return [
        ForeignAmount(currency=m.group("cur"), start=m.start(), end=m.end(), text=m.group())
        for m in _FOREIGN_AMOUNT.finditer(text)
    ]
