"""The document's title, one line, no markup."""

from __future__ import annotations

import re

from kehoach.extractors.layout import Block
from kehoach.extractors.metadata.header import Header
from kehoach.extractors.structure import StructuredDocument
from kehoach.extractors.vntext import collapse_spaces, comparison_key

_TAGS = re.compile(r"<[^>]+>|\*\*|__")


def title_text(doc: StructuredDocument, header: Header, authority: Block | None = None) -> str | None:
    """The title blocks' text, without the authority line ("THỦ TƯỚNG CHÍNH PHỦ") printed under them."""
    return read_title(doc, header, authority)[0]


def read_title(
    doc: StructuredDocument, header: Header, authority: Block | None = None
) -> tuple[str | None, tuple[int, int] | None]:
    """The title, and where it is printed (None when it is not one stretch of the text: a subject
    line "V/v ..." stands in, or other text sits between its blocks)."""
    parts: list[tuple[str, Block]] = []
    for block in doc.title:
        if block is authority:
            continue
        text = collapse_spaces(_TAGS.sub("", block.text))
        if text.startswith("(") and text.endswith(")"):
            continue  # "(Ban hành kèm theo Nghị quyết số ...)" describes another document
        parts.append((text, block))
    title = collapse_spaces(" ".join(text for text, _ in parts))
    if doc.type_line is not None:
        type_text = collapse_spaces(doc.type_line.text)
        if comparison_key(title[: len(type_text)]) == comparison_key(type_text):
            title = title[len(type_text) :].lstrip(" :.-")
            if parts and comparison_key(parts[0][0]) == comparison_key(type_text):
                parts = parts[1:]
    if not title and header.subject:
        line = header.subject_line
        subject = collapse_spaces(header.subject)
        located = (line.end - len(header.subject), line.end) if line is not None else None
        return subject or None, located
    return title or None, _located(doc, title, [block for _, block in parts])


def _located(doc: StructuredDocument, title: str, blocks: list[Block]) -> tuple[int, int] | None:
    if not title or not blocks:
        return None
    start, end = blocks[0].start, blocks[-1].end
    printed = collapse_spaces(_TAGS.sub("", doc.layout.text[start:end]))
    return (start, end) if printed == title else None
