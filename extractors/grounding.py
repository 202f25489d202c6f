"""The contract's Span, made in one place from Layout offsets, never from text an extractor assembled.

Every extracted value is grounded: `span(layout, start, end)` gives the page and the exact normalized
source text at those offsets. A value that cannot be located gets no span (None), not a near miss.
"""

from __future__ import annotations

from kehoach.extractors.layout import Block, Layout
from kehoach.extractors.unvalidated import construct
from kehoach.schemas import Span

# Spans are made by the hundred per plan. Validation is kept for what it could change (a page or
# offset of another type, a repaired or OCR page's quality); text-layer spans of int offsets are valid
# as they are, and built directly (a third of the cost).
_validate_span = Span.__pydantic_validator__.validate_python
# One set for all: every field is set, so nothing can be added to it.
_SPAN_FIELDS = set(Span.model_fields)


def span(layout: Layout, start: int, end: int) -> Span:
    """The Span of layout.text[start:end], with the page and text origin of the block holding it."""
    text = layout.text
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"offsets {start}:{end} outside the text (length {len(text)})")
    block = layout.block_at(start)
    page = block.page_at(start) if block is not None else None
    origin = block.origin if block is not None else "text"
    if origin == "text" and type(start) is int and type(end) is int and (page is None or type(page) is int):
        values = {"page": page, "text": text[start:end], "start": start, "end": end, "origin": "text", "quality": None}
        return construct(Span, values, _SPAN_FIELDS)
    quality = None
    if page is not None and origin != "text":
        quality = next((p.quality for p in layout.page_info if p.number == page), None)
    return _validate_span(
        {"page": page, "text": text[start:end], "start": start, "end": end, "origin": origin, "quality": quality}
    )


def block_span(layout: Layout, block: Block) -> Span:
    return span(layout, block.start, block.end)


def find_span(layout: Layout, needle: str, within: Block | None = None, after: int = 0) -> Span | None:
    """The Span of the first occurrence of `needle` (inside `within` when given, from offset `after`)."""
    if not needle:
        return None
    lo, hi = (within.start, within.end) if within is not None else (0, len(layout.text))
    index = layout.text.find(needle, max(lo, after), hi)
    if index < 0:
        return None
    return span(layout, index, index + len(needle))
