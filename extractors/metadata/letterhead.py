"""Finding the letterhead when something precedes it: a web page's furniture before the document."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable

from kehoach.extractors.layout import Block, Layout
from kehoach.extractors.metadata.lines import block_to_lines
from kehoach.extractors.metadata.lookup import Lookup
from kehoach.extractors.metadata.spelling import is_caps
from kehoach.extractors.structure import StructuredDocument, build_structure

MAX_LETTERHEAD_SEARCH = 200  # blocks from the top
MAX_ISSUER_BLOCKS = 4  # blocks of the issuer's capitals above the motto
MAX_ISSUER_LINE = 80


def _has_motto(block: Block, look: Lookup) -> bool:
    # A line is a stretch of its block's (or cell's) text: text with no motto has no line with one.
    texts = [c.text for c in block.cells] if block.kind == "row" else [block.text]
    if not any(look.may_hold_motto(text) and look.motto_start.search(text) for text in texts):
        return False
    return any(look.motto_start.search(line.text) for line in block_to_lines(block, 0))


def _is_issuer_block(block: Block) -> bool:
    lines = block_to_lines(block, 0)
    return block.kind != "row" and bool(lines) and all(
        is_caps(line.text) and len(line.text) <= MAX_ISSUER_LINE for line in lines
    )


def _motto_word_test(layout: Layout, look: Lookup) -> Callable[[Block], bool]:
    """A test passing only blocks whose text holds a motto word (see Lookup.may_hold_motto), from one
    search of the whole text: a block's lines (a row's: of the cells written in it) are stretches of the
    text between its start and end."""
    text = layout.text
    lowered = text.lower()
    if not look.motto_words or len(lowered) != len(text):  # offsets in `lowered` are not the text's
        return lambda block: True
    found: list[int] = []
    for word in look.motto_words:
        at = lowered.find(word)
        while at >= 0:
            found.append(at)
            at = lowered.find(word, at + 1)
    found.sort()

    def may_hold(block: Block) -> bool:
        i = bisect_left(found, block.start)
        return i < len(found) and found[i] < block.end

    return may_hold


def relocate_letterhead(doc: StructuredDocument, look: Lookup, type_names: frozenset[str]) -> StructuredDocument:
    """The document read again from its letterhead when the header found by the structure holds no
    national motto but a block further down does (the page around a document crawled from the web)."""
    if any(_has_motto(block, look) for block in doc.header):
        return doc
    blocks = doc.layout.body()
    may_hold = _motto_word_test(doc.layout, look)
    at = next(
        (i for i, b in enumerate(blocks[:MAX_LETTERHEAD_SEARCH]) if may_hold(b) and _has_motto(b, look)), None
    )
    if at is None or at == 0:
        return doc
    start = at
    while start > 0 and at - start < MAX_ISSUER_BLOCKS and _is_issuer_block(blocks[start - 1]):
        start -= 1
    if start == 0:
        return doc
    layout = doc.layout
    first = blocks[start]
    kept = [b for b in layout.blocks if b.layer != "body" or b.start >= first.start]
    trimmed = Layout(source=layout.source, text=layout.text, blocks=kept, page_info=layout.page_info)
    return build_structure(trimmed, type_names)
