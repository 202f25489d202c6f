"""Document metadata: number, type, issuer, province, place, date, title, legal bases, signer, recipients.

Decree 30/2020/NĐ-CP fixes how an official document introduces itself. The header is a two-column
block: the issuing body on the left (its parent above it), the national motto on the right, then the
number and the place-and-date line:

    UBND TỈNH ĐỒNG THÁP                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
    SỞ KHOA HỌC VÀ CÔNG NGHỆ           Độc lập - Tự do - Hạnh phúc
    Số: 27/KH-SKHCN                    Đồng Tháp, ngày 02 tháng 4 năm 2021

The number is "sequence/[year/]TYPE-ISSUER" ("129/KH-UBND", "181/2024/NĐ-CP"); a công văn has no type
code ("2265/BCT-ATMT"), a Party document puts the code first ("11-CT/TU"). Drafts leave the sequence
and the day blank ("Số:      /KH-UBND", "ngày    tháng 4 năm 2026"): those stay null, never guessed,
but the type code and issuer suffix still count. The type line ("KẾ HOẠCH") and the title follow; the
preamble cites the legal bases ("Căn cứ Quyết định số 996/QĐ-TTg ngày 10/8/2018 của Thủ tướng Chính
phủ ...;", several per paragraph after "Thực hiện"); the closing holds the recipients ("Nơi nhận:" and
"- ...;" items) beside the signature ("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Nguyễn Văn A").

Rules chosen here:
- issuer: the lowest body of the header with its locality ("Sở Khoa học và Công nghệ tỉnh An
  Giang"); a generic unit ("VĂN PHÒNG") is named with its parent. Capitals take the document's own
  mixed-case spelling of the same name (found by comparison key), else the reference data's, else
  sentence case. Without a header, the number's issuer suffix (SKHCN) and the province give it.
- province: from the issuer's locality, else the place; null for central bodies (Bộ, Chính phủ...).
  A province merged on 1 July 2025 maps to itself for documents dated before the merger and to its
  successor for documents dated on or after it (a 2026 "Hà Giang" is the new Tuyên Quang: after the
  merger the old province has no government, its name survives only as a place or a stale template).
  An undated draft uses its printed year and month.
- legal bases: every clause of a preamble paragraph opened by "Căn cứ" or "Thực hiện" that starts
  with a document type name; clauses split at ";" outside quotes, so a quoted programme name never
  makes a basis. The basis issuer is kept as printed ("UBND tỉnh Cao Bằng" is not expanded).
- signer: KT./TL./TUQ. name the principal signed for (on_behalf_of, as a position: "Chủ tịch");
  TM. names the collective ("Ủy ban nhân dân") unless a KT. line follows it, which is nearer.
- recipients: as printed without "- " and the closing ";"/"."; the archive item "Lưu: VT, ..." is
  kept, since it is part of the printed distribution list (consumers drop it by its "Lưu" prefix).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from extractors.grounding import span
from extractors.layout import Block, Layout
from extractors.reference import per_reference
from extractors.structure import StructuredDocument
from extractors.vndates import find_dates, parse_place_date, read_date
from extractors.vnsyllables import is_syllable
from extractors.vntext import collapse_spaces, comparison_key, key_pattern
from schemas import Document, Finding, LegalBasis, Signer, Span

if TYPE_CHECKING:
    from extractors.reference import Province, ReferenceData

logger = logging.getLogger(__name__)

# Words that open a cited document besides the document types of the reference data.
DEFAULT_BASIS_TYPES = ("Văn bản", "Kết luận", "Nghị quyết liên tịch")
MAX_HEADER_ISSUER_LINES = 4

_NUMBER_LABEL = re.compile(r"\bSố\s*:\s*", re.I)
# "129/KH-UBND", "82/QĐ- BKHCN", "11-CT/TU", "/KH-UBND" (blank draft sequence).
_PRINTED_NUMBER = re.compile(
    r"(?P<seq>\d+[a-zđ]?)?(?P<tail>(?:\s*[/\-–]\s*[^\W_][\w&]*(?:\.[^\W_][\w&]*)*)+)"
)
_BASIS_NUMBER = re.compile(
    r"(?<![\w/.-])\d+[a-zđ]?(?:\s*[/\-–]\s*[^\W_][\w&]*(?:\.[^\W_][\w&]*)*)+"
)
_DASH = re.compile(r"[\u2010-\u2015\u2212]")
_RULE = re.compile(r"^[\s\-–—_=.*|~]*$")
_PLACE_DATE_START = re.compile(r"(?:^|,)\s*ngày(?:\b|(?=\d))", re.I)
_YEAR = re.compile(r"\b\d{4}\b")
_SUBJECT = re.compile(r"^\s*V/v\s*", re.I)
_ADDRESSEE = re.compile(r"^\s*Kính\s+gửi\b", re.I)
_TAGS = re.compile(r"<[^>]+>|\*\*|__")
_BASIS_LEAD = re.compile(r"^\s*(?:Căn\s+cứ|Thực\s+hiện)\b", re.I)
_CLAUSE_LEAD = re.compile(r"(?:\s*(?:Căn\s+cứ|Thực\s+hiện|và|các|theo)\b)*\s*", re.I)
_BASIS_STOP = re.compile(r"“|\"|«|\s(?:về|về việc)\s", re.I)
_ISSUER_AFTER = re.compile(
    r"\s*,?\s*của\s+(?P<issuer>.+?)(?=\s+(?:về|phê\s+duyệt|quy\s+định|ban\s+hành|hướng\s+dẫn|thực\s+hiện|"
    r"triển\s+khai|sửa\s+đổi|bổ\s+sung|giao|tại|đến|do|trên|với|ủy\s+quyền)\b|\s*[,;:(“\"«]|\s*$)",
    re.I,
)
_INTRO_CUT = re.compile(r",\s+(?=[A-ZĐÀ-Ỹ])")
_RECIPIENTS_LABEL = re.compile(r"^\s*Nơi\s+nhận\s*:?\s*", re.I)
_BULLET = re.compile(r"^\s*[-–—+•*]\s*")
_AUTHORITY = re.compile(r"^\s*(?P<kind>TM|KT|TL|TUQ|Q)\s*\.\s*(?P<rest>.+)$")
_STAMP = re.compile(r"^\s*[(\[]|^\s*(?:Ký\s+bởi|Thời\s+gian\s+ký|Đã\s+ký)\b", re.I)
_PERSON = re.compile(r"^(?:[A-ZĐÀ-Ỹ][a-zđà-ỹ]*\.?\s+){1,5}[A-ZĐÀ-Ỹ][a-zđà-ỹ]*$")
_WORD = re.compile(r"[^\W_]+")
_LOCALITY_LINE = re.compile(r"^(?:TỈNH|THÀNH\s+PHỐ|TP\.?|HUYỆN|QUẬN|THỊ\s+XÃ|XÃ|PHƯỜNG|THỊ\s+TRẤN)\s+(?!ỦY\b)\S", re.I)
_LOCALITY_TAIL = re.compile(
    r"\s(?P<loc>(?P<kind>TỈNH|THÀNH\s+PHỐ|TP\.?|HUYỆN|QUẬN|THỊ\s+XÃ|THỊ\s+TRẤN)\s+(?P<name>\S.*))$", re.I
)
_BODY_HEAD = re.compile(
    r"^(?:ỦY\s+BAN|UỶ\s+BAN|UBND|HĐND|HỘI\s+ĐỒNG|SỞ|BỘ|BAN|CỤC|CHI\s+CỤC|TỔNG\s+CỤC|VĂN\s+PHÒNG|"
    r"TRUNG\s+TÂM|PHÒNG|TỈNH\s+ỦY|THÀNH\s+ỦY|HUYỆN\s+ỦY|ĐẢNG\s+ỦY|ĐOÀN|THANH\s+TRA|CÔNG\s+AN|"
    r"CHÍNH\s+PHỦ|THỦ\s+TƯỚNG|QUỐC\s+HỘI|KIỂM\s+TOÁN|NGÂN\s+HÀNG|VIỆN|TÒA\s+ÁN|TRƯỜNG|BỆNH\s+VIỆN|"
    r"CƠ\s+QUAN|TỔ|HỘI|LIÊN\s+ĐOÀN|MẶT\s+TRẬN|BỘ\s+CHỈ\s+HUY|BQL)\b",
    re.I,
)
_MINISTRY = re.compile(r"^bộ\s")
_GENERIC_UNITS = ("văn phòng", "thanh tra")
_TITLE_PREFIXES = ("phó", "chánh", "quyền")
_LOCALITY_WORDS = {"tp": "thành phố", "tp.": "thành phố"}


# --- lines with their offsets ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Line:
    """One printed line of a block or cell, stripped, with its [start, end) in Layout.text."""

    text: str
    start: int
    end: int
    block: int  # index of the block in the list it came from
    column: int | None  # the cell's column for table rows, None for paragraphs
    row_table: int | None = None


def _text_to_lines(text: str, base: int, block: int, column: int | None, table: int | None) -> list[_Line]:
    lines: list[_Line] = []
    offset = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            start = base + offset + lead
            lines.append(_Line(stripped, start, start + len(stripped), block, column, table))
        offset += len(raw) + 1
    return lines


def _block_to_lines(block: Block, index: int) -> list[_Line]:
    if block.kind != "row":
        return _text_to_lines(block.text, block.start, index, None, None)
    lines: list[_Line] = []
    for cell in block.cells:
        if cell.location is not None:
            lines += _text_to_lines(cell.text, cell.start, index, cell.column, block.table)
    return lines


# --- reference data -----------------------------------------------------------------------------------


@dataclass
class _Lookup:
    """What metadata asks of ReferenceData, prepared once per reference data set."""

    reference: ReferenceData
    names_by_key: dict[str, str] = field(default_factory=dict)  # proper spellings of known names
    central_keys: set[str] = field(default_factory=set)  # central bodies, by comparison key
    motto_keys: tuple[str, ...] = ()
    basis_types: list[tuple[str, str]] = field(default_factory=list)  # (lowercase, name), longest first

    @staticmethod
    @per_reference
    def of(reference: ReferenceData) -> _Lookup:
        look = _Lookup(reference)
        for issuer in reference.issuers:
            look.names_by_key.setdefault(comparison_key(issuer.name), issuer.name)
            if issuer.level == "central":
                look.central_keys.add(comparison_key(issuer.name))
        for entry in reference.abbreviations:
            if not entry.ambiguous:
                look.names_by_key.setdefault(comparison_key(entry.expansions[0]), entry.expansions[0])
        for province in reference.provinces:
            look.names_by_key.setdefault(comparison_key(province.name), province.name)
        names = {t.name.lower(): t.name for t in reference.document_types}
        for name in DEFAULT_BASIS_TYPES:
            names.setdefault(name.lower(), name)
        look.basis_types = sorted(names.items(), key=lambda kv: -len(kv[0]))
        motto = reference.national_motto
        look.motto_keys = (comparison_key(motto.country), comparison_key(motto.motto))
        return look

    def type_name(self, code: str) -> str | None:
        found = self.reference.document_type_by_code(code)
        return found.name if found is not None and found.in_number else None

    def expansion(self, token: str) -> str | None:
        """"UBND" -> "Ủy ban nhân dân": an abbreviation with one meaning, or an issuer's."""
        entry = self.reference.abbreviation(token)
        if entry is not None and not entry.ambiguous:
            return entry.expansions[0]
        issuer = self.reference.issuer_by_abbreviation(token)
        return issuer.name if issuer is not None and token.isupper() else None

    def province(self, name: str, header: _Header | None = None) -> Province | None:
        """The province a printed name stands for on the document's date (see the module docstring)."""
        day_range = _date_range(header) if header is not None else None
        if day_range is None:
            return self.reference.province_by_name(name)
        found = [self.reference.province_by_name(name, on=day) for day in day_range]
        if all(f is not None for f in found) and len({f.name for f in found if f}) == 1:
            return found[0]
        if all(f is None for f in found):
            # Printed after it ceased to exist: the unit it became.
            successor = self.reference.province_by_name(name, successor=True)
            if successor is not None and successor.valid_to is None:
                return successor
        return self.reference.province_by_name(name)

    def is_motto(self, text: str) -> bool:
        key = comparison_key(text)
        return len(key) > 3 and any(key in motto or motto in key for motto in self.motto_keys)


def _date_range(header: _Header) -> tuple[date, ...] | None:
    """The day the document is dated, or the first and last day its printed month or year allows."""
    if header.issued is not None:
        return (header.issued,)
    if header.year is None:
        return None
    if header.month is not None:
        first = date(header.year, header.month, 1)
        last = date(header.year + header.month // 12, header.month % 12 + 1, 1)
        return (first, date.fromordinal(last.toordinal() - 1))
    return (date(header.year, 1, 1), date(header.year, 12, 31))


# --- case: capitals to the document's own spelling ----------------------------------------------------


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _sentence_case(text: str) -> str:
    """"SỞ CÔNG THƯƠNG" -> "Sở công thương"; a token that is no Vietnamese syllable ("DUBND", "KH&CN")
    is an abbreviation and keeps its capitals."""
    words = [w if _WORD.fullmatch(w) and not is_syllable(w.lower()) and _is_caps(w) else w.lower()
             for w in collapse_spaces(text).split(" ")]
    lower = " ".join(words)
    return lower[:1].upper() + lower[1:]


class _Speller:
    """Finds how the document itself writes a name printed in capitals ("SỞ KHOA HỌC VÀ CÔNG NGHỆ")."""

    def __init__(self, layout: Layout, look: _Lookup) -> None:
        self._text = layout.text
        self._look = look

    def in_text(self, phrase: str) -> str | None:
        """The first mixed-case spelling of `phrase` in the document, compared by key."""
        words = list(_WORD.finditer(phrase))
        if not words:
            return None
        pattern = key_pattern(words[0].group(), capitalized=True)
        for before, word in zip(words, words[1:]):
            gap = phrase[before.end() : word.start()].strip()
            pattern += (r"\s*" + re.escape(gap) + r"\s*" if gap else r"\s+") + key_pattern(word.group())
        text = self._text
        for match in re.finditer(pattern + r"(?![^\W_])", text):
            start = match.start()
            if start and (text[start - 1].isalnum()):
                continue  # inside a word
            found = match.group()
            if not _is_caps(found):
                return found
        return None

    def spell(self, phrase: str) -> str:
        phrase = collapse_spaces(phrase)
        if not _is_caps(phrase):
            return phrase
        return (
            self.in_text(phrase)
            or self._look.names_by_key.get(comparison_key(phrase))
            or _sentence_case(phrase)
        )


def _position_case(text: str) -> str:
    """"PHÓ GIÁM ĐỐC" -> "Phó Giám đốc", "CHÁNH VĂN PHÒNG" -> "Chánh Văn phòng"."""
    words = collapse_spaces(text).lower().split(" ")
    out: list[str] = []
    capitalize = True
    for word in words:
        out.append(word[:1].upper() + word[1:] if capitalize else word)
        capitalize = word in _TITLE_PREFIXES
    return " ".join(out)


def _place_case(text: str) -> str:
    return " ".join(w[:1].upper() + w[1:].lower() for w in collapse_spaces(text).split(" "))


# --- number and type -------------------------------------------------------------------------------


def _normalize_number(printed: str) -> str:
    number = _DASH.sub("-", printed)
    number = re.sub(r"\s+", "", number)
    return number.rstrip(".,;:")


def _number_tokens(tail: str) -> list[str]:
    return [t for t in re.split(r"[/-]", _normalize_number(tail)) if t and not t.isdigit()]


def _code_and_issuer(tail: str, look: _Lookup) -> tuple[str | None, str | None]:
    """"/KH-UBND" -> ("KH", "UBND"); "-CT/TU" -> ("CT", "TU"); "/BCT-ATMT" (công văn) -> (None, "BCT").
    The type code, when there is one, is the first part after the sequence and the year."""
    tokens = _number_tokens(tail)
    if not tokens:
        return None, None
    if look.type_name(tokens[0]) is not None:
        return tokens[0], tokens[1] if len(tokens) > 1 else None
    return None, tokens[0]


def _type_from_line(text: str, look: _Lookup) -> tuple[str | None, str | None]:
    """"KẾ HOẠCH" -> ("KH", "Kế hoạch"); a type the data does not know keeps its words, no code."""
    found = look.reference.document_type_by_name(collapse_spaces(text).rstrip(".:"))
    if found is not None:
        return (found.code if found.in_number else None), found.name
    return None, _sentence_case(text) if text.strip() else None


# --- header ----------------------------------------------------------------------------------------


@dataclass
class _Header:
    number_line: _Line | None = None
    number: str | None = None
    number_tail: str | None = None
    issuer_lines: list[str] = field(default_factory=list)
    place: str | None = None
    issued: date | None = None
    year: int | None = None
    month: int | None = None
    subject: str | None = None


def _place_date_text(lines: list[_Line], i: int) -> str:
    """The place-and-date line at `i`, joined with the next lines while its year is missing."""
    text = lines[i].text
    j = i
    while not _YEAR.search(text) and j + 1 < len(lines) and j < i + 2:
        j += 1
        text = f"{text} {lines[j].text}"
    if i > 0 and lines[i].text.lower().startswith("ngày") and lines[i - 1].text.rstrip().endswith(","):
        text = f"{lines[i - 1].text} {text}"
    return text


def _read_header(blocks: list[Block], look: _Lookup) -> _Header:
    header = _Header()
    lines = [line for i, b in enumerate(blocks) for line in _block_to_lines(b, i)]
    lines = [line for line in lines if not _RULE.match(line.text)]
    number_at: int | None = None
    for i, line in enumerate(lines):
        label = _NUMBER_LABEL.search(line.text)
        if label and number_at is None:
            number_at = i
            header.number_line = line
            match = _PRINTED_NUMBER.match(line.text, label.end())
            if match and re.search(r"[^\W\d_]", match.group("tail")):
                header.number_tail = match.group("tail")
                if match.group("seq"):
                    header.number = _normalize_number(match.group(0))
    for i, line in enumerate(lines):
        if _PLACE_DATE_START.search(line.text) or (
            line.text.endswith(",") and i + 1 < len(lines) and lines[i + 1].text.lower().startswith("ngày")
        ):
            joined = _place_date_text(lines, i)
            place, issued = parse_place_date(joined)
            reading = read_date(joined)
            if reading is None:
                continue
            header.place = place.rstrip(",") if place else None
            header.issued, header.year, header.month = issued, reading.year, reading.month
            break
    for line in lines:
        if _SUBJECT.match(line.text):
            header.subject = _SUBJECT.sub("", line.text)
            break
    header.issuer_lines = _issuer_lines(lines, number_at, look)
    return header


def _issuer_lines(lines: list[_Line], number_at: int | None, look: _Lookup) -> list[str]:
    """The left column's lines above the number: the issuing body and its parent."""
    candidates = lines[:number_at] if number_at is not None else lines
    if number_at is not None:
        column = lines[number_at].column
        candidates = [line for line in candidates if line.column is None or line.column == column]
    else:
        columns = [line.column for line in candidates if line.column is not None]
        first = min(columns) if columns else None
        candidates = [line for line in candidates if line.column is None or line.column == first]
    out: list[str] = []
    for line in candidates:
        text = line.text
        if look.is_motto(text) or _SUBJECT.match(text) or _ADDRESSEE.match(text) or _PLACE_DATE_START.search(text):
            continue
        if not _is_caps(text):
            continue
        out.append(text)
    return out[-MAX_HEADER_ISSUER_LINES:]


# --- issuer and province -----------------------------------------------------------------------------


@dataclass
class _Body:
    name: str  # as printed, without its locality
    locality_kind: str | None = None  # "TỈNH", "THÀNH PHỐ", ...
    locality_name: str | None = None


def _lines_to_bodies(lines: list[str]) -> list[_Body]:
    """["UBND TỈNH ĐỒNG THÁP", "SỞ KHOA HỌC VÀ CÔNG NGHỆ"] -> two bodies; a locality line or a wrapped
    name ("ĐO LƯỜNG CHẤT LƯỢNG") continues the body above it."""
    joined: list[str] = []
    for line in lines:
        text = collapse_spaces(line)
        if joined and (_LOCALITY_LINE.match(text) or not _BODY_HEAD.match(text)):
            joined[-1] = f"{joined[-1]} {text}"
        else:
            joined.append(text)
    bodies: list[_Body] = []
    for text in joined:
        match = _LOCALITY_TAIL.search(text)
        if match and text[: match.start()].strip():
            kind = collapse_spaces(match.group("kind")).upper()
            bodies.append(_Body(text[: match.start()].strip(), kind, match.group("name").strip()))
        else:
            bodies.append(_Body(text))
    return bodies


def _expand_abbreviations(name: str, look: _Lookup) -> str:
    """"UBND TỈNH ĐỒNG THÁP" -> "ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP" for whole tokens the data knows."""
    out = []
    for token in name.split(" "):
        full = look.expansion(token) if token.isupper() and len(token) > 1 else None
        out.append((full.upper() if _is_caps(name) else full) if full else token)
    return " ".join(out)


def _locality_text(kind: str | None, name: str, look: _Lookup) -> str:
    """"TỈNH", "CAO BẰNG" -> "tỉnh Cao Bằng" (the name as the province data spells it)."""
    province = look.reference.province_by_name(name)
    spelled = province.name if province is not None else _place_case(name)
    word = (kind or "tỉnh").lower()
    return f"{_LOCALITY_WORDS.get(word, word)} {spelled}"


def _is_central(name: str, look: _Lookup, has_locality: bool) -> bool:
    """A body of the State's centre: a central issuer of the data ("Bộ Công Thương", "Thủ tướng
    Chính phủ"), or a ministry ("Bộ ...") that names no locality ("Bộ Chỉ huy Quân sự tỉnh" is local)."""
    key = comparison_key(name)
    return key in look.central_keys or (not has_locality and bool(_MINISTRY.match(key)))


@dataclass
class _Issuer:
    name: str | None
    locality: str | None  # the province as printed in the header or the place, not yet canonical
    central: bool


def _issuer_from_header(lines: list[str], speller: _Speller, look: _Lookup) -> _Issuer | None:
    """["UBND TỈNH ĐỒNG THÁP", "SỞ KHOA HỌC VÀ CÔNG NGHỆ"] -> "Sở Khoa học và Công nghệ tỉnh Đồng Tháp"."""
    bodies = _lines_to_bodies(lines)
    if not bodies:
        return None
    locality = next(((b.locality_kind, b.locality_name) for b in reversed(bodies) if b.locality_name), None)
    top = speller.spell(_expand_abbreviations(bodies[0].name, look))
    central = _is_central(top, look, locality is not None)
    lowest = bodies[-1]
    name = speller.spell(_expand_abbreviations(lowest.name, look))
    if len(bodies) > 1 and comparison_key(lowest.name) in _GENERIC_UNITS and not lowest.locality_name:
        parent = bodies[-2]
        parent_name = speller.spell(_expand_abbreviations(parent.name, look))
        if parent.locality_name:
            parent_name = f"{parent_name} {_locality_text(parent.locality_kind, parent.locality_name, look)}"
        return _Issuer(f"{name} {parent_name}", locality[1] if locality else None, central)
    if locality is not None and not central:
        name = f"{name} {_locality_text(locality[0], locality[1], look)}"
    return _Issuer(name, locality[1] if locality else None, central)


def _issuer_from_suffix(suffix: str | None, speller: _Speller, look: _Lookup) -> _Issuer | None:
    """No header block: "27/KH-SKHCN" -> "Sở Khoa học và Công nghệ" (the province is added later)."""
    issuer = look.reference.issuer_by_abbreviation(suffix) if suffix else None
    if issuer is None:
        return None
    spelled = speller.in_text(issuer.name) or issuer.name
    return _Issuer(spelled, None, issuer.level == "central")


def _with_province(issuer: _Issuer, province: Province) -> _Issuer:
    """A local body whose header (or number) does not name its province takes the place's."""
    if issuer.central or issuer.name is None or issuer.locality is not None:
        return issuer
    if comparison_key(province.name) in comparison_key(issuer.name):
        return issuer
    return _Issuer(f"{issuer.name} {province.kind} {province.name}", province.name, False)


# --- title ------------------------------------------------------------------------------------------


def _title_text(doc: StructuredDocument, header: _Header) -> str | None:
    parts = []
    for block in doc.title:
        text = collapse_spaces(_TAGS.sub("", block.text))
        if text.startswith("(") and text.endswith(")"):
            continue  # "(Ban hành kèm theo Nghị quyết số ...)" describes another document
        parts.append(text)
    title = collapse_spaces(" ".join(parts))
    if doc.type_line is not None:
        type_text = collapse_spaces(doc.type_line.text)
        if comparison_key(title[: len(type_text)]) == comparison_key(type_text):
            title = title[len(type_text) :].lstrip(" :.-")
    if not title and header.subject:
        title = collapse_spaces(header.subject)
    return title or None


# --- legal bases ------------------------------------------------------------------------------------


def _split_clauses(text: str) -> Iterator[tuple[int, int]]:
    """[start, end) of the ";"-separated clauses of `text`, ignoring ";" inside quotes or brackets."""
    depth = 0
    quote = False
    start = 0
    for i, char in enumerate(text):
        if char in "“«":
            depth += 1
        elif char in "”»" and depth:
            depth -= 1
        elif char == '"':
            quote = not quote
        elif char == "(":
            depth += 1
        elif char == ")" and depth:
            depth -= 1
        elif char == ";" and not depth and not quote:
            yield start, i
            start = i + 1
    yield start, len(text)


def _basis_type(clause: str, names: list[tuple[str, str]]) -> str | None:
    """The document type a clause starts with ("Quyết định số ..." -> "Quyết định"), longest first."""
    lower = clause.lower()
    for key, name in names:
        if lower.startswith(key) and (len(lower) == len(key) or not lower[len(key)].isalpha()):
            return name
    return None


def _trim_introduction(clause: str, last: bool, paragraph: str) -> str:
    """The last clause of "..., UBND tỉnh X xây dựng Kế hoạch ... như sau:" loses the introduction."""
    if not last or not paragraph.rstrip().endswith(":"):
        return clause
    for match in _INTRO_CUT.finditer(clause):
        rest = clause[match.end() :]
        if not re.search(r"[“”\"]|\bsố\s*\d", rest):
            return clause[: match.start()]
    return clause


def _clause_to_basis(
    clause: str, offset: int, type_name: str, block: Block, layout: Layout
) -> LegalBasis:
    head_end = len(clause)
    stop = _BASIS_STOP.search(clause, len(type_name))
    if stop:
        head_end = stop.start()
    head = clause[:head_end]
    number_match = _BASIS_NUMBER.search(head, len(type_name))
    number = _normalize_number(number_match.group()) if number_match else None
    cursor = number_match.end() if number_match else len(type_name)
    found_date: str | None = None
    for reading in find_dates(head):
        if reading.start < (number_match.end() if number_match else len(type_name)):
            continue
        before = head[: reading.start]
        if reading.text.lower().startswith("ngày") or before.rstrip().lower().endswith("ngày"):
            found_date = reading.date.isoformat() if reading.date else None
            cursor = max(cursor, reading.end)
            break
    issuer_match = _ISSUER_AFTER.match(clause, cursor)
    if issuer_match is None:
        # "của X" may come before the date: "Quyết định số 1/QĐ-UBND của UBND tỉnh ngày ..."
        issuer_match = _ISSUER_AFTER.match(clause, number_match.end() if number_match else len(type_name))
    issuer = collapse_spaces(issuer_match.group("issuer")) if issuer_match else None
    if issuer and issuer_match is not None and issuer_match.start("issuer") > head_end:
        issuer = None
    start = block.start + offset
    return LegalBasis(
        type_name=type_name, number=number, date=found_date, issuer=issuer or None,
        text=collapse_spaces(clause), source=span(layout, start, start + len(clause)),
    )


def _legal_bases(doc: StructuredDocument, look: _Lookup) -> list[LegalBasis]:
    ordered = look.basis_types
    bases: list[LegalBasis] = []
    for block in doc.preamble:
        if block.kind == "row" or not _BASIS_LEAD.match(block.text):
            continue
        text = block.text
        clauses = list(_split_clauses(text))
        for index, (start, end) in enumerate(clauses):
            lead = _CLAUSE_LEAD.match(text, start)
            begin = lead.end() if lead else start
            clause = text[begin:end]
            clause = _trim_introduction(clause, index == len(clauses) - 1, text)
            clause = clause.rstrip(" .;,:\n")
            type_name = _basis_type(clause, ordered)
            if type_name is None:
                continue
            bases.append(_clause_to_basis(clause, begin, type_name, block, doc.layout))
    return bases


# --- closing: recipients and signature -------------------------------------------------------------------


def _closing_lines(closing: list[Block]) -> tuple[list[_Line], list[_Line]]:
    """Split the closing into recipient lines and signature lines, stopping where an annex begins."""
    recipients: list[_Line] = []
    signature: list[_Line] = []
    table: int | None = None
    recipient_column: int | None = None
    in_recipients = False
    for index, block in enumerate(closing):
        if block.kind == "row":
            if table is None:
                table = block.table
            elif block.table != table:
                break
            if block.style not in (None, "layout") and (recipients or signature):
                break
            lines = _block_to_lines(block, index)
            for line in lines:
                if _RECIPIENTS_LABEL.match(line.text):
                    recipient_column = line.column
            for line in lines:
                if recipient_column is not None and line.column == recipient_column:
                    recipients.append(line)
                else:
                    signature.append(line)
            continue
        if table is not None:
            break  # a paragraph after a signature table: an annex
        for line in _block_to_lines(block, index):
            if _RECIPIENTS_LABEL.match(line.text):
                in_recipients = True
                recipients.append(line)
            elif in_recipients and (_BULLET.match(line.text) or _continues_item(recipients, line.text)):
                recipients.append(line)
            else:
                in_recipients = False
                if _signer_name(signature) is not None:
                    return recipients, signature
                signature.append(line)
    return recipients, signature


def _continues_item(lines: list[_Line], text: str) -> bool:
    if not lines or _RECIPIENTS_LABEL.match(lines[-1].text):
        return False
    previous = lines[-1].text.rstrip()
    return not previous.endswith((";", ".")) and (text[:1].islower() or text.startswith("("))


def _recipient_items(lines: list[_Line]) -> list[str]:
    items: list[str] = []
    for line in lines:
        text = line.text
        label = _RECIPIENTS_LABEL.match(text)
        if label:
            text = text[label.end() :]
            if not text.strip():
                continue
        bullet = _BULLET.match(text)
        if bullet:
            items.append(text[bullet.end() :])
        elif items and not items[-1].rstrip().endswith((";", ".")):
            items[-1] = f"{items[-1]} {text}"
        else:
            items.append(text)
    cleaned = [collapse_spaces(item).rstrip(" ;.,") for item in items]
    return [item for item in cleaned if item]


def _signer_name(lines: list[_Line]) -> _Line | None:
    for line in reversed(lines):
        if _PERSON.match(line.text) and not _is_caps(line.text):
            return line
    return None


def _signer(lines: list[_Line], speller: _Speller, layout: Layout) -> Signer | None:
    lines = [line for line in lines if not _STAMP.match(line.text)]
    if not lines:
        return None
    name_line = _signer_name(lines)
    upto = lines.index(name_line) if name_line is not None else len(lines)
    position: str | None = None
    on_behalf_of: str | None = None
    position_line: _Line | None = None
    first: _Line | None = None
    for line in lines[:upto]:
        if not _is_caps(line.text):
            continue
        authority = _AUTHORITY.match(line.text)
        first = first or line
        if authority:
            kind, rest = authority.group("kind").upper(), authority.group("rest")
            if kind == "TM":
                if on_behalf_of is None:
                    on_behalf_of = speller.spell(rest)
            elif kind == "Q":
                position, position_line = _position_case(f"QUYỀN {rest}"), line  # "Q. GIÁM ĐỐC": acting
            else:
                on_behalf_of = _position_case(rest)
        else:
            position, position_line = _position_case(line.text), line
    if first is None and name_line is None:
        return None
    name = collapse_spaces(name_line.text) if name_line is not None else None
    return Signer(name=name, position=position, on_behalf_of=on_behalf_of, source=_signer_span(layout, lines, first, name_line or position_line))


def _signer_span(layout: Layout, lines: list[_Line], first: _Line | None, last: _Line | None) -> Span | None:
    """The signature block when it is one stretch of text (one cell, or paragraphs one under another),
    else its last line (the name, or the position)."""
    if last is None:
        return None
    first = first or last
    block = lines[lines.index(first) : lines.index(last) + 1]
    stretch = layout.text[first.start : last.end]
    if collapse_spaces(stretch) == collapse_spaces(" ".join(line.text for line in block)):
        return span(layout, first.start, last.end)
    return span(layout, last.start, last.end)


# --- the extractor -------------------------------------------------------------------------------------


def extract_document(doc: StructuredDocument, reference: ReferenceData) -> tuple[Document, list[Finding]]:
    """The contract's `document`: number, type, issuer, province, place, date, title, bases, signer."""
    look = _Lookup.of(reference)
    layout = doc.layout
    speller = _Speller(layout, look)
    header = _read_header(doc.header, look)

    type_code: str | None = None
    type_name: str | None = None
    suffix: str | None = None
    if header.number_tail:
        type_code, suffix = _code_and_issuer(header.number_tail, look)
        type_name = look.type_name(type_code) if type_code else None
    if type_code is None and doc.type_line is not None:
        type_code, type_name = _type_from_line(doc.type_line.text, look)

    issuer = _issuer_from_header(header.issuer_lines, speller, look) if header.issuer_lines else None
    if issuer is None:
        issuer = _issuer_from_suffix(suffix, speller, look)
    province: str | None = None
    if issuer is None or not issuer.central:
        printed = (issuer.locality if issuer else None) or header.place
        record = look.province(printed, header) if printed else None
        if record is None and issuer is not None and issuer.locality and header.place:
            record = look.province(header.place, header)
        if record is not None:
            province = record.name
            if issuer is not None:
                issuer = _with_province(issuer, record)
    if issuer is not None and issuer.locality is None and not issuer.central and not header.issuer_lines:
        issuer = None  # a local body inferred from the number, but no province to name it by

    recipient_lines, signature_lines = _closing_lines(doc.closing)
    source = (
        span(layout, header.number_line.start, header.number_line.end) if header.number_line else None
    )
    document = Document(
        number=header.number,
        type_code=type_code,
        type_name=type_name,
        issuer=issuer.name if issuer else None,
        province=province,
        place=header.place,
        issued_date=header.issued.isoformat() if header.issued else None,
        title=_title_text(doc, header),
        legal_bases=_legal_bases(doc, look),
        signer=_signer(signature_lines, speller, layout),
        recipients=_recipient_items(recipient_lines),
        source=source,
    )
    return document, []
