"""Legal bases: the documents the preamble cites ("Căn cứ ...", "Thực hiện ...")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from kehoach.extractors.grounding import span
from kehoach.extractors.layout import Block, Layout
from kehoach.extractors.metadata.lookup import Lookup
from kehoach.extractors.metadata.number import normalize_number
from kehoach.extractors.metadata.spelling import is_caps
from kehoach.extractors.outline import CLOSING_OPENER, RANKS, parse_marker
from kehoach.extractors.structure import StructuredDocument
from kehoach.extractors.vndates import find_dates
from kehoach.extractors.vntext import collapse_spaces, comparison_key
from kehoach.schemas import LegalBasis

_BASIS_NUMBER = re.compile(
    r"(?=\d)(?<![\w/.-])\d+(?:\.\d+)?[a-zđ]?(?:\s*[/\-–]\s*[^\W_][\w&]*(?:\.[^\W_][\w&]*)*)+"
)
_BASIS_LEAD = re.compile(r"^\s*(?:Căn\s+cứ|(?:Để\s+)?(?:Tiếp\s+tục\s+)?(?:Thực\s+hiện|Triển\s+khai))\b", re.I)
_CAN_CU = re.compile(r"^\s*Căn\s+cứ\b", re.I)
# "Bộ tiêu chí ... ban hành kèm theo Quyết định số ...", "kiến nghị của Ủy ban ... tại Báo cáo số ..."
_ATTACHED = re.compile(
    r"\bkèm\s+theo\s+|^(?:ý\s+kiến|kiến\s+nghị|đề\s+nghị|đề\s+xuất|hướng\s+dẫn|chỉ\s+đạo)\b[^;]*?\btại\s+", re.I
)
_NUMBER_ONLY = re.compile(r"^số\s*\d", re.I)
_HAS_LETTER = re.compile(r"[^\W\d_]")
# The enacting formula that ends a decision's or resolution's preamble ("QUYẾT ĐỊNH:", "QUYẾT NGHỊ:").
_ENACTING = re.compile(r"^\s*[A-ZĐÀ-Ỹ ]{4,30}:\s*$")
_LEADING_MARKUP = re.compile(r"^[\s*_]*(?:[-–+•]\s+)?")
_MARKUP = re.compile(r"[*_]")
_SENTENCE_END = (";", ".", ":")
# A paragraph that goes on with the list of the one above ("Hướng dẫn số 7886/HD-BNV ...;").
_CITES = re.compile(r"^[A-ZĐÀ-Ỹ][\w ]{1,30}?\s+số\s*\d")
MAX_PREAMBLE_BLOCKS = 80
_CLAUSE_LEAD = re.compile(
    r"(?:\s*(?:Căn\s+cứ|Để|Tiếp\s+tục|Thực\s+hiện|Triển\s+khai|nghiêm|và|các|theo)\b)*\s*", re.I
)
_BASIS_STOP = re.compile(r"“|\"|«|\s(?:về|về việc)\s", re.I)
_ISSUER_AFTER = re.compile(
    r"\s*+(?:,\s*+)?của\s+(?P<issuer>\S.*?)(?=\s++(?:về|phê\s+duyệt|quy\s+định|ban\s+hành|hướng\s+dẫn|thực\s+hiện|"
    r"triển\s+khai|sửa\s+đổi|bổ\s+sung|giao|tại|đến|do|trên|với|ủy\s+quyền)\b|\s*+[,;:(“\"«]|\s*+$)",
    re.I,
)
# "I. CĂN CỨ XÂY DỰNG KẾ HOẠCH", "1. Căn cứ pháp lý": a part that lists the bases as its items.
_BASIS_HEADING = re.compile(r"^căn cứ(?: pháp lý)?(?: (?:xây dựng|ban hành) (?:kế hoạch|chương trình|đề án))?\W*$")
_NAMED_TYPES = frozenset({"Hiến pháp", "Bộ luật", "Luật", "Pháp lệnh"})
_INTRO_CUT = re.compile(r",\s+(?=[A-ZĐÀ-Ỹ])")


_CLAUSE_CHARS = re.compile(r'[“«”»"();]')  # the only characters _split_clauses looks at


def _split_clauses(text: str) -> Iterator[tuple[int, int]]:
    """[start, end) of the ";"-separated clauses of `text`, ignoring ";" inside quotes or brackets."""
    depth = 0
    quote = False
    start = 0
    for found in _CLAUSE_CHARS.finditer(text):
        i, char = found.start(), found.group()
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


class _Depth:
    """How many brackets or quotes are open before a place in `text`, counted on from the place asked
    before (a paragraph is asked in order), so that a long paragraph is read once, not once a clause."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._at = 0
        self._brackets = 0  # opened minus closed before _at
        self._quotes = 0  # '"' before _at

    def at(self, end: int) -> int:
        text, start = self._text, self._at
        if end < start:
            start, self._brackets, self._quotes = 0, 0, 0
        self._brackets += sum(text.count(c, start, end) for c in "(“«") - sum(text.count(c, start, end) for c in ")”»")
        self._quotes += text.count('"', start, end)
        self._at = max(start, end)
        return self._brackets + self._quotes % 2


@lru_cache(maxsize=8)
def _list_joint(names: tuple[str, ...]) -> re.Pattern[str]:
    """", Nghị quyết số ...", " và Quyết định số ...", "...: Quyết định số ...", "... theo Luật số ..." (an
    amending law), ", số ..." (one more of the same type), or " và hướng dẫn của Bộ X tại Công văn số ..."
    (guidance given in a document): the next document of a list in one clause."""
    alternatives = "|".join(re.escape(name) for name in names)
    given = rf"(?:hướng\s+dẫn|chỉ\s+đạo|ý\s+kiến)\s+của\s[^;]{{0,80}}?\btại\s+(?:{alternatives})\s+số\b"
    # Every joint begins with one of ",", ":" or a space, matched first (the lookbehinds then tell which)
    # so that a scan passes over other characters at once. After "," or "và" any document may follow;
    # after ":" or "theo" one of the listed types.
    return re.compile(
        rf"[,:\s](?:(?:(?<=,)|(?<=\s)\s*và)\s+(?=(?:{alternatives})\s+số\b|số\s*\d|{given})"
        rf"|(?:(?<=:)|(?<=\s)\s*theo)\s+(?=(?:{alternatives})\s+số\b))"
    )


def _split_lists(
    text: str, start: int, end: int, names: tuple[str, ...], depth: _Depth
) -> Iterator[tuple[int, int]]:
    """A clause cut where another cited document begins after a comma or "và", outside brackets.
    `depth` counts the brackets of `text`."""
    level = None
    for joint in _list_joint(names).finditer(text, start, end):
        if level is None:
            level = depth.at(start)
        if depth.at(joint.start()) == level:
            yield start, joint.start()
            start = joint.end()
            level = depth.at(start)
    yield start, end


def _basis_type(clause: str, by_head: dict[str, list[tuple[str, str]]]) -> str | None:
    """The document type a clause starts with ("Quyết định số ..." -> "Quyết định"), longest first:
    printed with its capital, or followed by "số" ("quy định chi tiết ..." cites nothing).
    `by_head`: (lowercase, name) of the types by their first letter, longest first."""
    lower = clause.lower()
    for key, name in by_head.get(lower[:1], ()):
        if lower.startswith(key) and (len(lower) == len(key) or not lower[len(key)].isalpha()):
            if clause[:1].isupper() or re.match(r"\s+số\b", clause[len(key) :], re.I):
                return name
            return None
    return None


def _trim_introduction(clause: str, last: bool, introduces: bool) -> str:
    """The last clause of "..., UBND tỉnh X xây dựng Kế hoạch ... như sau:" (a paragraph that
    `introduces` what follows, ending with a colon) loses the introduction."""
    if not last or not introduces:
        return clause
    for match in _INTRO_CUT.finditer(clause):
        rest = clause[match.end() :]
        if not re.search(r"[“”\"]|\bsố\s*\d", rest):
            return clause[: match.start()]
    return clause


@dataclass
class _Paragraph:
    """One preamble paragraph that the reader may have cut over several blocks (a wrapped line of a
    crawled page), its markup blanked out so offsets still point into the layout's text."""

    text: str = ""
    pieces: list[tuple[int, Block]] = field(default_factory=list)

    def add(self, block: Block) -> None:
        if self.text:
            self.text += " "
        self.pieces.append((len(self.text), block))
        self.text += _MARKUP.sub(" ", block.text)

    def to_layout(self, offset: int) -> int:
        at, block = next((at, b) for at, b in reversed(self.pieces) if at <= offset)
        return block.start + min(offset - at, len(block.text))


def _clause_to_basis(
    clause: str, offset: int, type_name: str, skip: int, paragraph: _Paragraph, layout: Layout
) -> LegalBasis:
    """`skip`: where the clause's text after its type name begins (0 when the type is the list's)."""
    head_end = len(clause)
    stop = _BASIS_STOP.search(clause, skip)
    if stop:
        head_end = stop.start()
    head = clause[:head_end]
    number_match = next(
        (m for m in _BASIS_NUMBER.finditer(head, skip) if _HAS_LETTER.search(m.group())), None
    )  # "ngày 15/6/2022" is a date, not a number
    number = normalize_number(number_match.group()) if number_match else None
    cursor = number_match.end() if number_match else skip
    found_date: str | None = None
    for reading in find_dates(head):
        if reading.start < (number_match.end() if number_match else skip):
            continue
        before = head[: reading.start]
        if reading.text.lower().startswith("ngày") or before.rstrip().lower().endswith("ngày"):
            found_date = reading.date.isoformat() if reading.date else None
            cursor = max(cursor, reading.end)
            break
    issuer_match = _ISSUER_AFTER.match(clause, cursor)
    if issuer_match is None:
        # "của X" may come before the date: "Quyết định số 1/QĐ-UBND của UBND tỉnh ngày ..."
        issuer_match = _ISSUER_AFTER.match(clause, number_match.end() if number_match else skip)
    issuer = collapse_spaces(issuer_match.group("issuer")) if issuer_match else None
    if issuer and issuer_match is not None and issuer_match.start("issuer") > head_end:
        issuer = None
    start, end = paragraph.to_layout(offset), paragraph.to_layout(offset + len(clause))
    return LegalBasis(
        type_name=type_name, number=number, date=found_date, issuer=issuer or None,
        text=collapse_spaces(clause), source=span(layout, start, end),
    )


def _stripped(block: Block) -> str:
    return _LEADING_MARKUP.sub("", _MARKUP.sub(" ", block.text)).strip()


def _ends_preamble(text: str) -> bool:
    marker = parse_marker(text)
    return bool(
        (marker is not None and marker.rank < RANKS["dash"]) or _ENACTING.match(text) or CLOSING_OPENER.match(text)
    )


def _preamble_blocks(doc: StructuredDocument) -> list[tuple[Block, str]]:
    """The blocks between the type line (or the header) and the first outline item: the structure's
    title and preamble, and what it took for an outline item ("*Căn cứ ...*" in emphasis); each with
    its text _stripped."""
    blocks = doc.layout.body()
    after = doc.type_line if doc.type_line is not None else (doc.header[-1] if doc.header else None)
    start = next((i + 1 for i, b in enumerate(blocks) if b is after), 0)
    title = {id(b) for b in doc.title}
    out: list[tuple[Block, str]] = []
    for block in blocks[start : start + MAX_PREAMBLE_BLOCKS]:
        if block.kind == "row":
            continue
        text = _stripped(block)
        if _ends_preamble(text):
            break
        if is_caps(text) or (id(block) in title and not _CAN_CU.match(text) and not text.endswith(_SENTENCE_END)):
            continue  # the title, even one opening with "Thực hiện ...": no "Căn cứ", no final stop
        out.append((block, text))
    return out


def _ends_sentence(text: str) -> bool:
    """Whether `text`, trailing spaces aside, ends with one of _SENTENCE_END (without copying it)."""
    end = len(text)
    while end and text[end - 1].isspace():
        end -= 1
    return end > 0 and text[end - 1] in _SENTENCE_END


def _paragraphs(blocks: list[tuple[Block, str]]) -> list[_Paragraph]:
    """Basis paragraphs, each with the blocks that continue its unfinished sentence."""
    out: list[_Paragraph] = []
    open_paragraph: _Paragraph | None = None
    for block, text in blocks:
        if _BASIS_LEAD.match(text) or (open_paragraph is not None and _CITES.match(text)):
            open_paragraph = _Paragraph()
            open_paragraph.add(block)
            out.append(open_paragraph)
        elif open_paragraph is not None and not _ends_sentence(open_paragraph.text):
            open_paragraph.add(block)
        else:
            open_paragraph = None
    return out


def read_legal_bases(doc: StructuredDocument, look: Lookup) -> list[LegalBasis]:
    bases: list[LegalBasis] = []
    for paragraph in _paragraphs(_preamble_blocks(doc)):
        lead_at = len(paragraph.text) - len(_LEADING_MARKUP.sub("", paragraph.text, count=1))
        bases += _paragraph_bases(paragraph, lead_at, look, doc.layout)
    for paragraph, lead_at in _basis_section_items(doc):
        bases += _paragraph_bases(paragraph, lead_at, look, doc.layout)
    return bases


def _basis_section_items(doc: StructuredDocument) -> Iterator[tuple[_Paragraph, int]]:
    """The items of a part headed "CĂN CỨ (PHÁP LÝ) XÂY DỰNG KẾ HOẠCH" among the first parts of the
    outline: each cites documents as a "Căn cứ" line would ("1. Quyết định số ...", "- Luật ...;"),
    with where its text begins after the item's marker."""
    for section in doc.body.children[:2]:
        if section.block is None or not _BASIS_HEADING.match(comparison_key(section.title)):
            continue
        for item in [section, *section.walk()]:
            if item is not section and item.block is not None:
                paragraph = _Paragraph()
                paragraph.add(item.block)
                yield paragraph, item.marker.rest_start if item.marker is not None else 0
            for block in item.blocks:
                if block.kind != "row":
                    paragraph = _Paragraph()
                    paragraph.add(block)
                    yield paragraph, len(block.text) - len(_LEADING_MARKUP.sub("", block.text, count=1))


def _paragraph_bases(paragraph: _Paragraph, lead_at: int, look: Lookup, layout: Layout) -> list[LegalBasis]:
    """The documents one basis paragraph cites; `lead_at`: where its text begins after any marker."""
    ordered = look.basis_types_by_head
    names = look.basis_type_names
    bases: list[LegalBasis] = []
    text = paragraph.text
    last_type: str | None = None
    depth = _Depth(text)
    clauses = [
        part for start, end in _split_clauses(text) for part in _split_lists(text, start, end, names, depth)
    ]
    introduces = text.rstrip().endswith(":")
    for index, (start, end) in enumerate(clauses):
        lead = _CLAUSE_LEAD.match(text, max(start, lead_at) if index == 0 else start)
        begin = lead.end() if lead else start
        clause = text[begin:end]
        clause = _trim_introduction(clause, index == len(clauses) - 1, introduces)
        clause = clause.rstrip(" .;,:\n")
        type_name = _basis_type(clause, ordered)
        skip = len(type_name) if type_name else 0
        if type_name is None and _NUMBER_ONLY.match(clause) and last_type is not None:
            type_name = last_type  # "Các Công điện: số 007/..., số 008/... và số 009/..."
        # "hướng dẫn của Bộ Nội vụ tại Công văn số ...": the guidance is given in the Công văn.
        attached = _ATTACHED.search(clause) if type_name is None or _ATTACHED.match(clause) else None
        if attached is not None and _basis_type(clause[attached.end() :], ordered):
            begin, clause = begin + attached.end(), clause[attached.end() :]
            type_name = _basis_type(clause, ordered)
            skip = len(type_name or "")
        if type_name is None:
            continue
        last_type = type_name
        basis = _clause_to_basis(clause, begin, type_name, skip, paragraph, layout)
        # A programme named by its title alone cites no document; a law is cited by its name
        # ("Căn cứ Luật Tổ chức chính quyền địa phương năm 2015").
        if basis.number is not None or basis.date is not None or type_name in _NAMED_TYPES:
            bases.append(basis)
    return bases
