"""WordprocessingML tag names and small helpers reading elements (python-docx hands us lxml elements)."""

from __future__ import annotations

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
    elements hold a few, and `find` or `iterchildren(tag)` cost more to set up than that (and
    `getchildren` less than an iterator)."""
    return None if element is None else first_among(element.getchildren(), tag)


def val_of(element: _Element | None) -> str | None:
    return None if element is None else element.get(W_VAL)


def first_among(children: list[_Element], tag: str) -> _Element | None:
    """`child_of` the element whose children these are (read once by the caller)."""
    for child in children:
        if child.tag == tag:
            return child
    return None


def first_of_two(element: _Element, tag_a: str, tag_b: str) -> tuple[_Element | None, _Element | None]:
    """`child_of` the element for two tags, in one pass over its children."""
    a = b = None
    for child in element.getchildren():
        tag = child.tag
        if tag == tag_a:
            if a is None:
                a = child
        elif tag == tag_b and b is None:
            b = child
    return a, b


def on_off(element: _Element | None) -> bool | None:
    """A Word on/off property: absent → None, `<w:b/>` → True, `w:val="0"` → False."""
    if element is None:
        return None
    if not element.values():  # no attribute at all (`<w:b/>`): far cheaper to ask than `get`
        return True
    value = element.get(W_VAL)
    return value is None or value.lower() not in _FALSE_VALUES


def int_or(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def block_children(container: _Element) -> list[_Element]:
    """Paragraphs and tables of a body or cell, in order, looking through sdt and customXml wrappers."""
    found: list[_Element] = []
    _add_blocks(container.getchildren(), found)
    return found


def blocks_among(children: list[_Element]) -> list[_Element]:
    """`block_children` of the container whose children these are (read once by the caller)."""
    found: list[_Element] = []
    _add_blocks(children, found)
    return found


def _add_blocks(children: list[_Element], found: list[_Element]) -> None:
    for child in children:
        tag = child.tag
        if tag == W_P or tag == W_TBL:
            found.append(child)
        elif tag == _SDT:
            content = child_of(child, _SDT_CONTENT)
            if content is not None:
                _add_blocks(content.getchildren(), found)
        elif tag == _CUSTOM_XML:
            _add_blocks(child.getchildren(), found)


def wrapped_children(container: _Element, wanted: str) -> list[_Element]:
    """Rows of a table or cells of a row, looking through sdt and customXml wrappers."""
    found: list[_Element] = []
    _add_wrapped(container.getchildren(), wanted, found)
    return found


def wrapped_among(children: list[_Element], wanted: str) -> list[_Element]:
    """`wrapped_children` of the container whose children these are (read once by the caller)."""
    found: list[_Element] = []
    _add_wrapped(children, wanted, found)
    return found


def _add_wrapped(children: list[_Element], wanted: str, found: list[_Element]) -> None:
    for child in children:
        tag = child.tag
        if tag == wanted:
            found.append(child)
        elif tag == _SDT:
            content = child_of(child, _SDT_CONTENT)
            if content is not None:
                _add_wrapped(content.getchildren(), wanted, found)
        elif tag == _CUSTOM_XML:
            _add_wrapped(child.getchildren(), wanted, found)
