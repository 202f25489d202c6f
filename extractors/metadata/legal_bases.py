"""Legal bases: the documents the preamble cites ("Căn cứ ...", "Thực hiện ...")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from extractors.grounding import span
from extractors.layout import Block, Layout
from extractors.metadata.lookup import Lookup
from extractors.metadata.number import normalize_number
from extractors.structure import StructuredDocument
from extractors.vndates import find_dates
from extractors.vntext import collapse_spaces
from schemas import LegalBasis

_BASIS_NUMBER = re.compile(
    r"(?<![\w/.-])\d+[a-zđ]?(?:\s*[/\-–]\s*[^\W_][\w&]*(?:\.[^\W_][\w&]*)*)+"
)
_BASIS_LEAD = re.compile(r"^\s*(?:Căn\s+cứ|Thực\s+hiện)\b", re.I)
_CLAUSE_LEAD = re.compile(r"(?:\s*(?:Căn\s+cứ|Thực\s+hiện|và|các|theo)\b)*\s*", re.I)
_BASIS_STOP = re.compile(r"“|\"|«|\s(?:về|về việc)\s", re.I)
_ISSUER_AFTER = re.compile(
    r"\s*,?\s*của\s+(?P<issuer>.+?)(?=\s+(?:về|phê\s+duyệt|quy\s+định|ban\s+hành|hướng\s+dẫn|thực\s+hiện|"
    r"triển\s+khai|sửa\s+đổi|bổ\s+sung|giao|tại|đến|do|trên|với|ủy\s+quyền)\b|\s*[,;:(“\"«]|\s*$)",
    re.I,
)
_INTRO_CUT = re.compile(r",\s+(?=[A-ZĐÀ-Ỹ])")


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
    number = normalize_number(number_match.group()) if number_match else None
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


def read_legal_bases(doc: StructuredDocument, look: Lookup) -> list[LegalBasis]:
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
