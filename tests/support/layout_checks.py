"""The grounding invariant of every Layout, asserted by every reader test."""

from __future__ import annotations

from kehoach.extractors.layout import Layout


def assert_grounded(layout: Layout) -> None:
    """The text at every block's and every cell's offsets is that block's or cell's text."""
    for block in layout.blocks:
        assert layout.text[block.start : block.end] == block.text
        for loc in block.locations:
            assert layout.text[loc.start : loc.end] == block.text
        for cell in block.cells:
            assert cell.location is not None
            assert layout.text[cell.location.start : cell.location.end] == cell.text
