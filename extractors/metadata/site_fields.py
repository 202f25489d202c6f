"""The catalogue fields a legal-document website prints above the text it publishes.

Sites that publish Vietnamese official documents (and the pages crawled from them) head each one with
a table of labelled fields: "Số hiệu: 6316/BVHTTDL-VP | Loại văn bản: Công văn | Nơi ban hành: Bộ ...
| Người ký: ... | Ngày ban hành: 21/11/2025". Some pages keep only the body of the document below it,
without its letterhead, number line or place-and-date line. The fields are then the only record of
the number, type, issuer and date, and are read only in that case (the document's own header is
nearer to the truth whenever it was kept).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from kehoach.extractors.layout import Layout
from kehoach.extractors.metadata.number import normalize_number
from kehoach.extractors.vndates import parse_date
from kehoach.extractors.vntext import comparison_key

_LABELS = {
    "số hiệu": "number", "loại văn bản": "type", "nơi ban hành": "issuer", "cơ quan ban hành": "issuer",
    "ngày ban hành": "issued",
}
_LABEL = re.compile(r"^\W*(?P<label>[^\W\d_][^:]{3,20}?)\s*:\s*(?P<value>.*)$")
_NUMBER = re.compile(r"^\d+[^\s/]*/\S+$")
_SCAN_BLOCKS = 40  # the fields stand at the top of the page


@dataclass(frozen=True)
class SiteFields:
    number: str | None = None
    type_name: str | None = None
    issuer: str | None = None
    issued: date | None = None


def read_site_fields(layout: Layout) -> SiteFields:
    """The site's fields above the document, or empty fields where the page prints none."""
    pieces = []
    for block in layout.blocks[:_SCAN_BLOCKS]:
        texts = [cell.text for cell in block.cells] if block.kind == "row" else [block.text]
        pieces.extend(line.strip(" *_") for text in texts for line in text.split("\n"))
    values: dict[str, str] = {}
    for i, piece in enumerate(pieces):
        match = _LABEL.match(piece)
        field = _LABELS.get(comparison_key(match.group("label"))) if match else None
        if field is None or field in values:
            continue
        value = match.group("value").strip() or next((p for p in pieces[i + 1 : i + 3] if p), "")
        if value and not _LABEL.match(value):
            values[field] = value
    number = values.get("number", "")
    return SiteFields(
        number=normalize_number(number) if _NUMBER.match(number) else None,
        type_name=values.get("type"),
        issuer=values.get("issuer"),
        issued=parse_date(values["issued"]) if "issued" in values else None,
    )
