"""The outline grammar of Vietnamese official documents (Decree 30/2020/NĐ-CP): the one place that
knows outline markers, their rank and order, the lines that open the legal bases and the closing, and
page-number lines.

Markers rank Điều > I. > 1. > 1.1 > 1.1.1 > a) > - > + > *; an item belongs to the nearest open item of
a higher rank. Letters follow the Vietnamese order of legal drafting (a b c d đ e g h i k l m n o p q r
s t u v x y); some plans use the Latin order, which is accepted too. Sub-numbers have one or two
digits: "1.250.000.000" at a line's start is an amount, not item 1.250.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

RANKS = {"article": 0, "roman": 1, "arabic": 2, "decimal": 3, "alpha": 4, "paren": 4.5, "dash": 5, "plus": 6, "star": 7}
LETTERS = "abcdđeghiklmnopqrstuvxy"
_LATIN = "abcdefghijklmnopqrstuvwxyz"
_LATIN_ONLY = frozenset("fjwz")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}

_ROMAN = re.compile(r"^(?P<num>[IVXLC]{1,6})[.)]\s*(?P<rest>.*)$", re.S)
_DECIMAL = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2})+)\.?\)?\s+(?P<rest>.*)$", re.S)
# Up to four digits (long lists and appendices pass 100), but never a year ("2025. ...").
_ARABIC = re.compile(r"^(?P<num>(?!(?:19|20)\d\d[.)])\d{1,4})[.)]\s*(?P<rest>\S.*)$", re.S)
_ALPHA = re.compile(r"^(?P<num>[a-zđ])[)]\s*(?P<rest>.*)$", re.S)
# "(1)", "(2)" or "(i)", "(ii)": the points of a conclusion under "2." or "b)" (notices of the Government Office).
_PAREN = re.compile(r"^\((?P<num>\d{1,2}|[ivx]{1,4})\)\s+(?P<rest>\S.*)$", re.S)
_ARTICLE = re.compile(r"^(?P<num>Điều\s+\d{1,3})[.:]?\s*(?P<rest>.*)$", re.S)
_BULLET = re.compile(r"^(?P<num>[-–—−+*•])\s*(?P<rest>\S.*)$", re.S)
# The first characters of the markers below ("\d" aside): "Điều", a Roman or Latin letter, a bullet.
_MARKER_FIRST = frozenset("Đ" "IVXLC" "abcdefghijklmnopqrstuvwxyzđ" "-–—−+*•" "(")
_ROMAN_NUMBER = re.compile(r"^[IVXLC]+$")
# A table's number cell: "I", "1", "1.2", "a", with or without its "." or ")".
_NUMBER_CELL = re.compile(r"^\s*(?P<num>[IVXLC]+(?:\.\d{1,3})*|\d{1,3}(?:\.\d{1,3})*|[a-zđ])\s*[.)]?\s*$")

# Where a wrapped line may or may not start a paragraph. A strong marker (I., II.1., 1., 1.2., a))
# opens one wherever it starts a line; a weak one (-, +, *, 1.2 without the final dot, Căn cứ, Nơi nhận)
# only after a line that ends a sentence or stops short, since a wrapped line may begin with "- 3°C".
_STRONG_LINE_START = re.compile(r"^(?:[IVXLC]+\.(?:\d{1,2}\.)*|\d+(?:\.\d{1,2})*\.|[a-zđ]\))\s")
_WEAK_LINE_START = re.compile(r"^(?:\d+(?:\.\d{1,2})+(?![\d.])|[-+*•–—]|\((?:\d{1,2}|[ivx]{1,4})\)\s|Căn cứ|Nơi nhận)")

# In plain text, where no indent or font shows: a line that opens a paragraph whatever the line before.
_PLAIN_LINE_START = re.compile(
    r"^(?:"
    r"[IVXLC]+\.\s"  # I. II.
    r"|\d+(?:\.\d{1,2})*[.)]\s"  # 1. 1.1. 2)
    r"|\d+\.\d{1,2}(?:\.\d{1,2})*\s"  # 1.1 (no trailing dot)
    r"|[a-zđ]\)\s"  # a) đ)
    r"|\((?:\d{1,2}|[ivx]{1,4})\)\s"  # (1) (ii)
    r"|[-–+*•]\s"  # bullets
    r"|Căn cứ\b|Nơi nhận\b|Số:|KT\.|TM\.|TL\.|Q\.|Điều\s+\d"
    r")"
)
_NUMBER_START = re.compile(r"^(?:[IVXLC]+|\d+(?:\.\d+)*)[.)]\s")

BASIS_OPENER = re.compile(r"^\s*(?:Căn cứ|Thực hiện|Triển khai|Theo đề nghị|Xét đề nghị)\b", re.I)
CLOSING_OPENER = re.compile(r"^\s*(?:Nơi\s*nhận|KT\.|TM\.|TL\.|Q\.\s)", re.I)
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–—]\s*)?(?:Trang\s+)?\d{1,4}(?:\s*/\s*\d{1,4})?(?:\s*[-–—])?\s*$", re.I
)


@dataclass
class Marker:
    style: str  # one of RANKS
    number: str  # as printed without its punctuation: "II", "1", "1.2", "a", "-"
    printed: str  # the marker as printed: "II.", "1.", "a)", "-"
    rest: str  # the text after the marker, stripped
    start: int = 0  # where the marker begins in the text it was read from
    rest_start: int = 0  # where `rest` begins in that text

    @property
    def rank(self) -> float:
        base = RANKS[self.style]
        if self.style == "decimal":
            return base + (self.number.count(".") - 1) * 0.1
        return base


def parse_marker(text: str) -> Marker | None:
    """The outline marker a paragraph starts with, if any."""
    lead = len(text) - len(text.lstrip())
    text = text.lstrip()
    if not text or not (text[0] in _MARKER_FIRST or text[0].isdecimal()):
        return None  # most paragraphs: no marker can start with their first character
    for style, pattern in (
        ("article", _ARTICLE),
        ("decimal", _DECIMAL),
        ("roman", _ROMAN),
        ("arabic", _ARABIC),
        ("alpha", _ALPHA),
        ("paren", _PAREN),
    ):
        match = pattern.match(text)
        if match:
            number = match.group("num")
            rest = match.group("rest")
            if style == "roman" and not rest.strip():
                return None
            if style == "arabic" and re.match(r"^\d", rest):
                return None  # a date or an amount, not a marker
            printed = text[: match.start("rest")].strip()
            rest_start = lead + match.start("rest") + (len(rest) - len(rest.lstrip()))
            return Marker(style, number, printed, rest.strip(), lead, rest_start)
    match = _BULLET.match(text)
    if match and any(c.isalnum() for c in match.group("rest")):  # "-----" under a title is a rule
        char = match.group("num")
        style = {"+": "plus", "*": "star", "•": "star"}.get(char, "dash")
        return Marker(style, char, char, match.group("rest").strip(), lead, lead + match.start("rest"))
    return None


def starts_paragraph(line: str) -> bool:
    """A line that opens a paragraph whatever the line before it ("1.", "a)", "II.")."""
    return bool(_STRONG_LINE_START.match(line))


def may_start_paragraph(line: str) -> bool:
    """A line that opens a paragraph after a finished or short line ("-", "1.2", "Căn cứ")."""
    return bool(_WEAK_LINE_START.match(line))


def opens_plain_paragraph(line: str) -> bool:
    """A line of plain text that opens a paragraph whatever the line before it (a marker, "Căn cứ")."""
    return bool(_PLAIN_LINE_START.match(line))


def starts_with_number(line: str) -> bool:
    """A line that begins with a roman or arabic item number ("II. ", "1.2) ")."""
    return bool(_NUMBER_START.match(line))


def is_page_number(text: str) -> bool:
    """A page-number line: "5", "- 5 -", "Trang 5", "5/12"."""
    return bool(_PAGE_NUMBER.match(text))


# --- numbers as printed in a number cell or a task's number --------------------------------------
def number_cell(text: str) -> str | None:
    """The number a table's number cell holds ("II", "1.2", "a"), or None."""
    match = _NUMBER_CELL.match(text)
    return match.group("num") if match else None


def is_roman(number: str) -> bool:
    return bool(_ROMAN_NUMBER.match(number))


def number_rank(number: str) -> float:
    """The rank of a printed number alone: roman above arabic above decimal above letters."""
    head, _, rest = number.partition(".")
    if is_roman(head):
        return RANKS["roman"] + (rest.count(".") + 1) * 0.1 if rest else RANKS["roman"]  # "III.1" under "III"
    if number[:1].isdigit():
        return RANKS["arabic"] + number.count(".") * 0.1
    return RANKS["alpha"]


def paren_value(number: str) -> int:
    """The value of a parenthesised item's number: "3" -> 3, "iv" -> 4."""
    return int(number) if number.isdigit() else roman_value(number.upper())


def roman_value(text: str) -> int:
    total = 0
    for a, b in zip(text, text[1:] + " "):
        value = _ROMAN_VALUES[a]
        total += -value if b != " " and _ROMAN_VALUES.get(b, 0) > value else value
    return total


def roman_numeral(number: int) -> str:
    """A counter in capital roman numerals, as Word numbers a list (0 and below as digits)."""
    if number <= 0:
        return str(number)
    numerals = (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
        (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    )
    out: list[str] = []
    for value, letters in numerals:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def _last_part(number: str) -> str:
    """A printed number's last part: "1.3" -> "3", "d)" -> "d"."""
    return number.strip().rstrip(".)").split(".")[-1].strip()


def ordinal(number: str) -> tuple[str, int] | None:
    """("arabic" | "letter" | "roman", position) of a printed number's last part: "1.3" -> 3, "đ" -> 5."""
    last = _last_part(number)
    if last.isdigit():
        return "arabic", int(last)
    if is_roman(last):
        return "roman", roman_value(last)
    low = last.lower()
    if len(low) == 1 and low in LETTERS:
        return "letter", LETTERS.index(low) + 1
    return None


def letter_follows(previous: str, current: str) -> bool:
    """Whether `current` follows `previous` in the Latin order ("e", "f"), which some plans use."""
    p, c = _last_part(previous).lower(), _last_part(current).lower()
    return len(p) == len(c) == 1 and p in _LATIN and c in _LATIN and _LATIN.index(c) == _LATIN.index(p) + 1


def in_latin_order(numbers: list[str]) -> bool:
    """Items lettered in the Latin order print a letter the Vietnamese order lacks (f, j, w, z)."""
    return any(_last_part(n).lower() in _LATIN_ONLY for n in numbers)
