"""Word auto-numbering: the labels ("1.", "a)", "-", "I.") Word shows but the paragraph text lacks."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kehoach.extractors.outline import roman_numeral
from kehoach.extractors.readers.docx.elements import W_VAL, child_of, int_or, on_off, val_of, w
from kehoach.extractors.readers.docx.styles import Styles

if TYPE_CHECKING:
    from lxml.etree import _Element

_BULLET_KEEP = frozenset({"-", "+"})


@dataclass(frozen=True)
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    legal: bool = False
    suffix: str = "tab"
    style_id: str | None = None


def _level_from_element(element: _Element, base: _Level | None = None) -> _Level:
    base = base or _Level(text="")
    start = val_of(child_of(element, w("start")))
    fmt = val_of(child_of(element, w("numFmt")))
    text = child_of(element, w("lvlText"))
    return _Level(
        fmt=fmt if fmt is not None else base.fmt,
        text=(text.get(W_VAL) or "") if text is not None else base.text,
        start=int_or(start, base.start),
        legal=bool(on_off(child_of(element, w("isLgl")))),
        suffix=val_of(child_of(element, w("suff"))) or "tab",
        style_id=val_of(child_of(element, w("pStyle"))),
    )


def _levels_of(abstract: _Element) -> dict[int, _Level]:
    return {
        int_or(lvl.get(w("ilvl")), 0): _level_from_element(lvl) for lvl in abstract.iterchildren(w("lvl"))
    }


def _to_letters(number: int) -> str:
    """Word's letter numbering: a..z, then aa, bb, ... (the letter repeated, not base 26)."""
    if number <= 0:
        return str(number)
    repeat, index = divmod(number - 1, 26)
    return chr(ord("a") + index) * (repeat + 1)


def format_number(number: int, fmt: str) -> str:
    """One level's counter as Word shows it for a `w:numFmt` value (unknown formats as decimal)."""
    if fmt in ("lowerLetter",):
        return _to_letters(number)
    if fmt == "upperLetter":
        return _to_letters(number).upper()
    if fmt == "lowerRoman":
        return roman_numeral(number).lower()
    if fmt == "upperRoman":
        return roman_numeral(number)
    if fmt == "decimalZero":
        return f"{number:02d}"
    if fmt == "none":
        return ""
    return str(number)


class Numbering:
    """Word list numbering: level definitions and the running counters, advanced in document order.

    Counters are kept per list: a `w:num` with level overrides is its own list; `w:num`s that merely
    point at the same abstract definition continue one list, as Word does.
    """

    def __init__(self, root: _Element | None, styles: Styles) -> None:
        self._styles = styles
        self._abstract_elements: dict[str, _Element] = {}
        self._abstract: dict[str, dict[int, _Level]] = {}  # levels read when a list first uses them
        self._levels: dict[str, dict[int, _Level]] = {}
        self._style_links: dict[str, str] = {}
        self._nums: dict[str, tuple[str, dict[int, _Level], bool]] = {}
        self._counters: dict[str, list[int | None]] = {}
        if root is None:
            return
        for abstract in root.iterchildren(w("abstractNum")):
            abstract_id = abstract.get(w("abstractNumId")) or ""
            self._abstract_elements[abstract_id] = abstract
            link = val_of(child_of(abstract, w("numStyleLink")))
            if link:
                self._style_links[abstract_id] = link
        for num in root.iterchildren(w("num")):
            num_id = num.get(w("numId")) or ""
            abstract_id = val_of(child_of(num, w("abstractNumId"))) or ""
            overrides: dict[int, _Level] = {}
            has_override = False
            for override in num.iterchildren(w("lvlOverride")):
                has_override = True
                ilvl = int_or(override.get(w("ilvl")), 0)
                lvl = child_of(override, w("lvl"))
                start = val_of(child_of(override, w("startOverride")))
                level = _level_from_element(lvl) if lvl is not None else None
                if start is not None:
                    base = level or self._abstract_levels(abstract_id).get(ilvl) or _Level()
                    level = _Level(base.fmt, base.text, int_or(start, 1), base.legal, base.suffix, base.style_id)
                if level is not None:
                    overrides[ilvl] = level
            self._nums[num_id] = (abstract_id, overrides, has_override)

    def _abstract_levels(self, abstract_id: str, depth: int = 0) -> dict[int, _Level]:
        link = self._style_links.get(abstract_id)
        if link and depth < 4:
            linked = self._styles.inherited(link).numbering
            if linked and linked[0] in self._nums:
                return self._abstract_levels(self._nums[linked[0]][0], depth + 1)
        if abstract_id not in self._abstract:
            element = self._abstract_elements.get(abstract_id)
            self._abstract[abstract_id] = _levels_of(element) if element is not None else {}
        return self._abstract[abstract_id]

    def levels(self, num_id: str) -> dict[int, _Level]:
        if num_id not in self._levels:
            abstract_id, overrides, _ = self._nums[num_id]
            self._levels[num_id] = {**self._abstract_levels(abstract_id), **overrides}
        return self._levels[num_id]

    def level_for_style(self, num_id: str, style_id: str | None) -> int | None:
        if num_id not in self._nums or not style_id:
            return None
        for ilvl, level in self.levels(num_id).items():
            if level.style_id == style_id:
                return ilvl
        return None

    def next_label(self, num_id: str, ilvl: int) -> tuple[str, str] | None:
        """Advance the list's counter at `ilvl` and return (label, suffix), or None if undefined."""
        if num_id not in self._nums:
            return None
        levels = self.levels(num_id)
        level = levels.get(ilvl)
        if level is None:
            return None
        abstract_id, _, has_override = self._nums[num_id]
        key = f"num:{num_id}" if has_override else f"abstract:{abstract_id}"
        counters = self._counters.setdefault(key, [None] * 10)
        ilvl = max(0, min(ilvl, 9))
        current = counters[ilvl]
        counters[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, len(counters)):
            counters[deeper] = None
        if level.fmt == "bullet":
            text = level.text.strip()
            return (text if text in _BULLET_KEEP else "-"), level.suffix
        return _expand_level_text(level, levels, counters), level.suffix


def _expand_level_text(level: _Level, levels: dict[int, _Level], counters: list[int | None]) -> str:
    """Replace %1..%9 in a level text by the counters of those levels, formatted as each level says."""

    def replace(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        ref = levels.get(index, _Level())
        value = counters[index] if index < len(counters) and counters[index] is not None else ref.start
        fmt = "decimal" if level.legal and ref.fmt != "none" else ref.fmt
        return format_number(value or 0, fmt)

    return re.sub(r"%([1-9])", replace, level.text)
