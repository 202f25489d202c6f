"""WordprocessingML tag names and small helpers reading elements (python-docx hands us lxml elements)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.etree import _Element

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@lru_cache(maxsize=None)
def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


W_P, W_TBL = w("p"), w("tbl")
W_PPR, W_RPR, W_TBLPR = w("pPr"), w("rPr"), w("tblPr")
_SDT, _SDT_CONTENT, _CUSTOM_XML = w("sdt"), w("sdtContent"), w("customXml")
W_VAL = w("val")
_FALSE_VALUES = frozenset({"0", "false", "off", "none"})


def child_of(element: _Element | None, tag: str) -> _Element | None:
    """The first child with that tag, as `find` answers it. A loop over the children: properties
    elements hold a few, and `find` or `iterchildren(tag)` cost more to set up than that."""
    if element is not None:
        for child in element:
            if child.tag == tag:
                return child
    return None


def val_of(element: _Element | None) -> str | None:
    return None if element is None else element.get(W_VAL)


def on_off(element: _Element | None) -> bool | None:
    """A Word on/off property: absent → None, `<w:b/>` → True, `w:val="0"` → False."""
    if element is None:
        return None
    value = element.get(W_VAL)
    return value is None or value.lower() not in _FALSE_VALUES


def int_or(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def block_children(container: _Element) -> Iterator[_Element]:
    """Paragraphs and tables of a body or cell, in order, looking through sdt and customXml wrappers."""
    for child in container:
        tag = child.tag
        if tag == W_P or tag == W_TBL:
            yield child
        elif tag == _SDT:
            content = child_of(child, _SDT_CONTENT)
            if content is not None:
                yield from block_children(content)
        elif tag == _CUSTOM_XML:
            yield from block_children(child)


def wrapped_children(container: _Element, wanted: str) -> Iterator[_Element]:
    """Rows of a table or cells of a row, looking through sdt and customXml wrappers."""
    for child in container:
        if child.tag == wanted:
            yield child
        elif child.tag == _SDT:
            content = child_of(child, _SDT_CONTENT)
            if content is not None:
                yield from wrapped_children(content, wanted)
        elif child.tag == _CUSTOM_XML:
            yield from wrapped_children(child, wanted)
