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
    parts = []
    for block in doc.title:
        if block is authority:
            continue
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
