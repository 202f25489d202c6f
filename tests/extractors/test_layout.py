"""The Layout builder: offsets slice back to the text, and text beyond any plan's length is refused."""

from __future__ import annotations

import pytest

from kehoach.extractors.errors import DocumentLoadError
from kehoach.extractors.layout import CellSpec, LayoutBuilder


def test_offsets_of_blocks_and_cells_slice_back_to_their_text() -> None:
    builder = LayoutBuilder("plan.txt", "txt", "0" * 64)
    builder.add("heading", "KẾ HOẠCH")
    builder.add_row([CellSpec(text="1", column=0), CellSpec(text="Sở Tài chính", column=1)], table=0)
    layout = builder.build()
    assert layout.text == "KẾ HOẠCH\n1\tSở Tài chính"
    for block in layout.blocks:
        assert layout.text[block.start : block.end] == block.text
    assert [layout.text[c.start : c.end] for c in layout.blocks[1].cells] == ["1", "Sở Tài chính"]


def test_a_paragraph_past_the_limit_is_refused_naming_the_file() -> None:
    builder = LayoutBuilder("dump.txt", "txt", "0" * 64, max_chars=20)
    builder.add("paragraph", "a" * 10)
    with pytest.raises(DocumentLoadError) as raised:
        builder.add("paragraph", "b" * 10)  # 10 + newline + 10 = 21 characters
    assert str(raised.value) == "dump.txt: refused: more than 20 characters of text, too long for one plan"


def test_a_row_past_the_limit_is_refused_and_text_up_to_it_is_not() -> None:
    builder = LayoutBuilder("dump.txt", "txt", "0" * 64, max_chars=21)
    builder.add("paragraph", "a" * 10)
    builder.add_row([CellSpec(text="b" * 10, column=0)], table=0)  # exactly 21
    with pytest.raises(DocumentLoadError, match="more than 21 characters"):
        builder.add_row([CellSpec(text="c", column=0)], table=0)
