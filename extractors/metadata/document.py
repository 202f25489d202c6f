"""The extractor: the Document of a structured plan, and the findings about its metadata."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kehoach.extractors.grounding import span
from kehoach.extractors.metadata.carried import carried_by_title
from kehoach.extractors.metadata.closing import read_closing, read_signer, recipient_items
from kehoach.extractors.metadata.header import read_header
from kehoach.extractors.metadata.headless import attributed_number, authority_line, line_text
from kehoach.extractors.metadata.lines import Line, stretch
from kehoach.extractors.metadata.issuer import (
    issuer_from_header,
    issuer_from_suffix,
    with_province,
)
from kehoach.extractors.metadata.legal_bases import read_legal_bases
from kehoach.extractors.metadata.letterhead import relocate_letterhead
from kehoach.extractors.metadata.lookup import Lookup
from kehoach.extractors.metadata.number import LETTER_TYPE, cong_van_type, code_and_issuer, type_from_line
from kehoach.extractors.metadata.site_fields import read_site_fields
from kehoach.extractors.metadata.spelling import Speller
from kehoach.extractors.metadata.title import read_title
from kehoach.extractors.structure import StructuredDocument, is_letter
from kehoach.extractors.layout import Layout
from kehoach.schemas import Document, Finding

if TYPE_CHECKING:
    from kehoach.extractors.reference import ReferenceData


def extract_document(doc: StructuredDocument, reference: ReferenceData) -> tuple[Document, list[Finding]]:
    """The contract's `document`: number, type, issuer, province, place, date, title, bases, signer."""
    look = Lookup.of(reference)
    doc = relocate_letterhead(doc, look, reference.type_names())
    layout = doc.layout
    speller = Speller(layout, look)
    header = read_header(doc.header, look)

    type_code: str | None = None
    type_name: str | None = None
    suffix: str | None = None
    if header.number_tail:
        type_code, suffix = code_and_issuer(header.number_tail, look)
        type_name = look.type_name(type_code) if type_code else None
    if type_code is None and doc.type_line is not None:
        type_code, type_name = type_from_line(doc.type_line.text, look)
    if type_code is None and doc.type_line is None and (header.subject or is_letter(doc)):
        type_code, type_name = cong_van_type(look)

    number, issued = header.number, header.issued
    issuer_lines, issuer_at = header.issuer_lines, _lines_at(layout, header.issuer_at)
    authority = authority_line(doc, look)
    if header.number_line is None and not issuer_lines:
        number, issued = attributed_number(doc, type_name)
        issuer_lines = [line_text(authority)] if authority else []
        issuer_at = (authority.start, authority.end) if authority else None
        site = read_site_fields(layout)
        if number is None and site.number is not None:
            number = site.number
            if type_code is None:
                type_code, suffix = code_and_issuer(site.number.partition("/")[2], look)
                type_name = look.type_name(type_code) if type_code else None
        if type_code is None and doc.type_line is None and site.type_name:
            type_code, type_name = type_from_line(site.type_name, look)
            if type_code is None and type_name == LETTER_TYPE:
                type_code, type_name = cong_van_type(look)
        issued = issued or site.issued
        if not issuer_lines and site.issuer:
            issuer_lines = [site.issuer]
    issuer = issuer_from_header(issuer_lines, speller, look) if issuer_lines else None
    if issuer is None:
        issuer, issuer_at = issuer_from_suffix(suffix, speller, look), None  # inferred from the number
    province: str | None = None
    record = None
    if issuer is None or not issuer.central:
        printed = (issuer.locality if issuer else None) or header.place
        record = look.province(printed, header.date_range()) if printed else None
        if record is None and issuer is not None and issuer.locality and header.place:
            record = look.province(header.place, header.date_range())
        if record is not None:
            province = record.name
            if issuer is not None:
                issuer = with_province(issuer, record)
    if issuer is not None and issuer.locality is None and not issuer.central and not issuer_lines:
        issuer = None  # a local body inferred from the number, but no province to name it by

    title, title_at = read_title(doc, header, authority)
    recipient_lines, signature_lines = read_closing(doc)
    recipients = recipient_items(recipient_lines, layout.text)
    date_at = None
    if issued is not None and header.date_lines and header.issued == issued:
        whole = stretch(layout.text, header.date_lines)
        date_at = (whole[0] + header.date_offset, whole[1]) if whole else None
    located = {
        "issuer": issuer_at if issuer else None, "place": header.place_at if header.place else None,
        "issued_date": date_at, "title": title_at,
        **{f"recipients.{i}": at for i, (_, at) in enumerate(recipients)},
    }
    present = {"issuer": issuer, "place": header.place, "issued_date": issued, "title": title}
    source = (
        span(layout, header.number_line.start, header.number_line.end) if header.number_line else None
    )
    document = Document(
        number=number,
        type_code=type_code,
        type_name=type_name,
        carries=carried_by_title(title, type_code, look),
        issuer_level=issuer.level(look, record) if issuer else None,
        issuer=issuer.name if issuer else None,
        province=province,
        place=header.place,
        issued_date=issued.isoformat() if issued else None,
        title=title,
        legal_bases=read_legal_bases(doc, look),
        signer=read_signer(signature_lines, speller, layout),
        recipients=[name for name, _ in recipients],
        source=source,
        sources={
            key: span(layout, *at) if at else None for key, at in located.items()
            if present.get(key, True) is not None
        },
    )
    return document, []


def _lines_at(layout: Layout, lines: list[Line]) -> tuple[int, int] | None:
    """Where the issuer's lines are printed: all of them when they are one stretch of the text (one
    cell, or lines one under another), else the last (the issuing body itself)."""
    if not lines:
        return None
    return stretch(layout.text, lines) or (lines[-1].start, lines[-1].end)


def printed_year(doc: StructuredDocument, reference: ReferenceData) -> int | None:
    """The year of the place-and-date line, also where the day is left blank: a draft's "ngày
    tháng 12 năm 2025" has no issued_date, but its tasks' deadlines are read against 2025."""
    look = Lookup.of(reference)
    return read_header(relocate_letterhead(doc, look, reference.type_names()).header, look).year
