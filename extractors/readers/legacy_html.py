"""Legacy Vietnamese text in an HTML page, converted in the parsed tree before the page is walked.

Two ways a page shows it: an element whose font is a TCVN3 or VNI font (CSS `font-family`, inline or
from a class rule, or `<font face>`), inherited by what it holds; and text in no such font that reads
as TCVN3 or VNI anyway (a page saved from a legacy editor, or decoded with the wrong charset), found by
its content as in text files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING

from kehoach.extractors.layout import TextNote
from kehoach.extractors.readers.legacy_text import FontConversions, converter_for_font, notes_for
from kehoach.extractors.readers.unicode_text import convert_unicode_text

if TYPE_CHECKING:
    from lxml.html import HtmlElement

_NOT_TEXT = frozenset({"script", "style", "template", "head", "title", "noscript"})


def _first_family(families: str | None) -> str | None:
    if not families:
        return None
    return families.split(",")[0].strip().strip("'\"") or None


class _Fonts:
    """Each element's own font: `<font face>`, else the `font-family` its class and style attributes
    give (worked out once per distinct pair: a page repeats a few of them on every element)."""

    def __init__(self, style_of: Callable[[HtmlElement], Mapping[str, str]]) -> None:
        self._style_of = style_of
        self._by_attributes: dict[tuple[str | None, str | None], str | None] = {}

    def own(self, element: HtmlElement) -> str | None:
        face = element.get("face") if element.tag == "font" else None
        if face:
            return _first_family(face)
        key = (element.get("class"), element.get("style"))
        if key == (None, None):
            return None
        if key not in self._by_attributes:
            self._by_attributes[key] = _first_family(self._style_of(element).get("font-family"))
        return self._by_attributes[key]


# Where a font can be named: the style sheets, style attributes and `<font face>`. A legacy family
# ("VNI-Times", ".VnTime") always holds "vn".
_FONT_SOURCES = "//style//text() | //@style | //font/@face"


def convert_page(root: HtmlElement, style_of: Callable[[HtmlElement], Mapping[str, str]]) -> list[TextNote]:
    """Convert the page's legacy text in place; the notes say what was converted or stays unreadable."""
    if not any("vn" in source.lower() for source in _xpath(_FONT_SOURCES)(root)):
        # No legacy font: all the text is judged by its content, and is most often left as it is.
        values = [text for text in _page_texts(root) if not text.isascii()]
        if not values:
            return []
        result = convert_unicode_text("\n".join(values))
        if result.encoding is None:
            return notes_for(result, "the page text")
    fonts = FontConversions()
    plain: list[tuple[HtmlElement, str]] = []
    legacy_fonts: dict[str | None, bool] = {None: False}
    for element, slot, font in _slots(root, style_of):
        value = element.text if slot == "text" else element.tail
        if value is None:
            continue
        legacy = legacy_fonts.get(font)
        if legacy is None:
            legacy = legacy_fonts[font] = converter_for_font(font) is not None
        if legacy:
            converted = fonts.convert(value, font)
            if slot == "text":
                element.text = converted
            else:
                element.tail = converted
        elif not value.isascii():
            plain.append((element, slot))
    notes = fonts.notes("text")
    if plain:
        values = [(e.text if slot == "text" else e.tail) or "" for e, slot in plain]
        result = convert_unicode_text("\n".join(values))
        if result.encoding is not None:
            lines = result.text.split("\n")
            at = 0
            for (element, slot), value in zip(plain, values):
                count = value.count("\n") + 1
                converted = "\n".join(lines[at : at + count])
                at += count
                if slot == "text":
                    element.text = converted
                else:
                    element.tail = converted
        notes += notes_for(result, "the page text")
    return notes


def _slots(
    root: HtmlElement, style_of: Callable[[HtmlElement], Mapping[str, str]]
) -> Iterator[tuple[HtmlElement, str, str | None]]:
    """(element, "text" or "tail", font) for every piece of text in document order, without recursion:
    an element's text is in its own font, its tail in its parent's."""
    fonts = _Fonts(style_of)
    stack: list[tuple[str, HtmlElement, str | None]] = [("enter", root, None)]
    while stack:
        action, element, font = stack.pop()
        if action == "tail":
            yield element, "tail", font
            continue
        if not isinstance(element.tag, str) or element.tag in _NOT_TEXT:
            continue
        own = fonts.own(element) or font
        if element.text:
            yield element, "text", own
        for child in reversed(element):
            if child.tail:
                stack.append(("tail", child, own))
            stack.append(("enter", child, own))


def _page_texts(root: HtmlElement) -> list[str]:
    """Every piece of text `_slots` gives, in the same (document) order: libxml2 gives the text of a
    part of the page holding no element of `_NOT_TEXT` (most of it), the rest is walked here."""
    if root.tag in _NOT_TEXT:
        return []
    around = set()  # the elements that hold one of `_NOT_TEXT`
    for hidden in root.iter(*_NOT_TEXT):
        around.update(hidden.iterancestors())
    texts: list[str] = []
    stack: list[HtmlElement | str] = [root]
    while stack:
        item = stack.pop()
        if item.__class__ is str:
            texts.append(item)  # type: ignore[arg-type]
        elif item in around:
            if item.text:
                texts.append(item.text)
            for child in reversed(item):
                if child.tail:
                    stack.append(child.tail)
                if not isinstance(child.tag, str) or child.tag not in _NOT_TEXT:
                    stack.append(child)
        else:
            texts.extend(_xpath("descendant::text()")(item))  # type: ignore[arg-type]
    return texts


@lru_cache(maxsize=2)
def _xpath(path: str) -> Callable[[HtmlElement], list[str]]:
    """`path` compiled once, giving plain strings (not strings remembering their element)."""
    from lxml import etree

    return etree.XPath(path, smart_strings=False)  # type: ignore[return-value]
