"""The style sheet: names, inheritance, numbering, outline levels, bold and table borders of styles."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from kehoach.extractors.readers.docx.elements import (
    W_PPR,
    W_RPR,
    W_TBLPR,
    W_VAL,
    child_of,
    int_or,
    on_off,
    val_of,
    w,
)
from kehoach.extractors.readers.docx.sheet import LazySheet, ParsedSheet

if TYPE_CHECKING:
    from lxml.etree import _Element

MAX_STYLE_CHAIN = 32
_INVISIBLE_BORDERS = frozenset({"nil", "none"})
_HEADING_NAME = re.compile(r"^heading\s*([1-9])$", re.IGNORECASE)


@dataclass(frozen=True)
class _Style:
    style_id: str
    name: str
    based_on: str | None
    num_id: str | None
    num_level: int | None
    outline_level: int | None
    bold: bool | None
    font: str | None
    borders: dict[str, bool]


def borders_of(properties: _Element | None, tag: str) -> dict[str, bool]:
    """Edge name → visible, for a tblBorders or tcBorders element under `properties`."""
    borders = child_of(properties, tag)
    return {} if borders is None else edges_of(borders)


def edges_of(borders: _Element) -> dict[str, bool]:
    """Edge name → visible, for a tblBorders or tcBorders element."""
    edges: dict[str, bool] = {}
    for edge in borders:
        if not isinstance(edge.tag, str):
            continue
        value = (edge.get(W_VAL) or "nil").lower()
        edges[edge.tag.rpartition("}")[2]] = value not in _INVISIBLE_BORDERS
    return edges


_FONT_ATTRIBUTES = (w("hAnsi"), w("ascii"))


def run_font(rpr: _Element | None) -> str | None:
    """The font a run's properties name for Latin text (see `fonts_font`)."""
    fonts = child_of(rpr, w("rFonts"))
    return None if fonts is None else fonts_font(fonts)


def fonts_font(fonts: _Element) -> str | None:
    """The font a `w:rFonts` names for Latin text: high-ANSI first, the range legacy Vietnamese fonts
    draw their letters in, then ASCII (theme fonts are never legacy ones: not read)."""
    return fonts.get(_FONT_ATTRIBUTES[0]) or fonts.get(_FONT_ATTRIBUTES[1]) or None


def _style_from_element(element: _Element) -> _Style:
    ppr = child_of(element, W_PPR)
    num_pr = child_of(ppr, w("numPr"))
    outline = val_of(child_of(ppr, w("outlineLvl")))
    ilvl = val_of(child_of(num_pr, w("ilvl")))
    return _Style(
        style_id=element.get(w("styleId")) or "",
        name=val_of(child_of(element, w("name"))) or "",
        based_on=val_of(child_of(element, w("basedOn"))),
        num_id=val_of(child_of(num_pr, w("numId"))),
        num_level=int_or(ilvl, 0) if ilvl is not None else None,
        outline_level=int_or(outline, 9) if outline is not None else None,
        bold=on_off(child_of(child_of(element, W_RPR), w("b"))),
        font=run_font(child_of(element, W_RPR)),
        borders=borders_of(child_of(element, W_TBLPR), w("tblBorders")),
    )


class Inherited(NamedTuple):
    """What a style and the styles it is based on decide, the nearest first."""

    bold: bool | None
    font: str | None
    numbering: tuple[str, int | None] | None
    heading_level: int | None


def _heading_level(chain: list[_Style]) -> int | None:
    for style in chain:
        match = _HEADING_NAME.match(style.name.strip())
        if match:
            return int(match.group(1))
        if style.outline_level is not None:
            return style.outline_level + 1 if style.outline_level < 9 else None
    return None


class Styles:
    """The style sheet: names, inheritance, numbering, outline levels, bold, table borders. A style is
    read when a paragraph or table first uses it (sheets hold hundreds that no paragraph uses)."""

    def __init__(self, sheet: ParsedSheet | LazySheet) -> None:
        self._sheet = sheet
        self._parsed: dict[str, _Style | None] = {}
        self._chains: dict[str | None, list[_Style]] = {}
        self._names: dict[str | None, str | None] = {}
        self._answers: dict[str | None, Inherited] = {}
        self.default_paragraph = sheet.default_paragraph
        self.default_table = sheet.default_table
        self.default_bold = bool(on_off(child_of(sheet.run_defaults, w("b"))))
        self.default_font = run_font(sheet.run_defaults)

    def _style(self, style_id: str) -> _Style | None:
        if style_id not in self._parsed:
            element = self._sheet.element(style_id)
            self._parsed[style_id] = _style_from_element(element) if element is not None else None
        return self._parsed[style_id]

    def chain(self, style_id: str | None) -> list[_Style]:
        """The style and the styles it is based on, nearest first (cycles and runaway chains cut)."""
        if style_id in self._chains:
            return self._chains[style_id]
        chain: list[_Style] = []
        seen: set[str] = set()
        current = style_id
        while current and current not in seen and len(chain) < MAX_STYLE_CHAIN:
            seen.add(current)
            style = self._style(current)
            if style is None:
                break
            chain.append(style)
            current = style.based_on
        self._chains[style_id] = chain
        return chain

    def name(self, style_id: str | None) -> str | None:
        """The name Word shows ("Heading 4"), not the stored built-in name ("heading 4")."""
        if style_id not in self._names:
            style = self._style(style_id or "")
            if style is None or not style.name:
                self._names[style_id] = None
            else:
                from docx.styles import BabelFish

                self._names[style_id] = str(BabelFish.internal2ui(style.name))
        return self._names[style_id]

    def inherited(self, style_id: str | None) -> Inherited:
        """What a style's chain decides, nearest style first, worked out once per style."""
        found = self._answers.get(style_id)
        if found is None:
            chain = self.chain(style_id)
            found = self._answers[style_id] = Inherited(
                bold=next((style.bold for style in chain if style.bold is not None), None),
                font=next((style.font for style in chain if style.font is not None), None),
                numbering=next(((style.num_id, style.num_level) for style in chain if style.num_id is not None), None),
                heading_level=_heading_level(chain),
            )
        return found

    def borders(self, style_id: str | None) -> dict[str, bool]:
        merged: dict[str, bool] = {}
        for style in reversed(self.chain(style_id)):
            merged.update(style.borders)
        return merged
