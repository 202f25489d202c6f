"""The plan's unit table: the abbreviations it defines, the known ones, and each distinct unit with
its mentions. Spelling variants share one entry through the comparison key, with known
abbreviations spelled out ("UBND tỉnh" and "Ủy ban nhân dân tỉnh" are one unit)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from kehoach.extractors.reference import per_reference
from kehoach.extractors.units.abbreviations import AbbreviationDefinition
from kehoach.extractors.units.lists import EDGE_PUNCT
from kehoach.extractors.units.words import DEFAULT_AGENCY_HEADS, comparison_key, is_caps_abbreviation
from kehoach.extractors.vntext import collapse_spaces

_CAPS_TOKEN = re.compile(r"[A-ZĐ][A-ZĐ&]*[A-ZĐ]")
_CAPS_WORD = re.compile(r"(?<![\w&])[A-ZĐ]{2,6}(?![\w&])")
_TRAILING_BRACKET = re.compile(r"\s*\(([^()]+)\)\s*$")


@per_reference
def _keyed(known: Mapping[str, str]) -> dict[str, str]:
    """Known abbreviations by their comparison keys, made once per mapping (the reference's is
    read-only and the same for every plan)."""
    return {comparison_key(k): v for k, v in known.items()}


@dataclass
class UnitEntry:
    name: str
    abbreviations: list[str] = field(default_factory=list)
    mentions: int = 0
    first: tuple[int, int] | None = None  # offsets of the first mention in the layout text


class UnitTable:
    """The plan's units: abbreviations it defines, known ones, and each distinct unit with its
    mentions. Spelling variants share one entry through the comparison key."""

    def __init__(
        self, definitions: Iterable[AbbreviationDefinition] = (),
        known: Mapping[str, str] | None = None, heads: Iterable[str] = DEFAULT_AGENCY_HEADS,
        names: Iterable[str] = (), terms: Iterable[AbbreviationDefinition] = (),
    ) -> None:
        self.heads = tuple(heads)
        self.names = tuple(names)  # full names known to be units (find_unit_mentions)
        self.defined: dict[str, str] = {}  # key of abbreviation -> full name
        self.defined_printed: dict[str, str] = {}
        for d in definitions:
            self.defined.setdefault(comparison_key(d.abbreviation), d.full)
            self.defined_printed.setdefault(comparison_key(d.abbreviation), d.abbreviation)
        # Terms the plan defines by their initials ("khám chữa bệnh (KCB)"), spelled out inside names;
        # not an abbreviation it defines for a unit.
        self.terms: dict[str, str] = {}
        for t in terms:
            if comparison_key(t.abbreviation) not in self.defined:
                self.terms.setdefault(t.abbreviation, t.full)
        self.known: dict[str, str] = _keyed(known) if known else {}
        self.known_printed: list[str] = list((known or {}).keys())
        self.abbreviations: tuple[str, ...] = (*self.defined_printed.values(), *self.known_printed)
        self._defined_tokens = {
            comparison_key(t) for a in self.defined_printed.values() for t in _CAPS_TOKEN.findall(a)
        } | {comparison_key(t) for t in self.terms}
        self.entries: dict[str, UnitEntry] = {}
        self.order: list[str] = []
        self._merge_keys: dict[str, str] = {}
        # Per plan, by the text as printed: what `add` reads from it (cells and sentences name the
        # same units over and over).
        self._readings: dict[str, tuple[str, str | None, str, str, str | None]] = {}

    def expand(self, printed: str) -> str:
        """The full name for a printed unit: a defined abbreviation expanded (whole name, or the name
        an abbreviation begins: "Văn phòng Sở KH&CN" stays), else the printed form cleaned."""
        cleaned = collapse_spaces(printed).strip(EDGE_PUNCT)
        full = self.defined.get(comparison_key(cleaned))
        if full is not None:
            return full
        if self.terms and _CAPS_TOKEN.search(cleaned):
            return _CAPS_WORD.sub(lambda m: self.terms.get(m.group(), m.group()), cleaned)
        return cleaned

    def _merge_key(self, name: str) -> str:
        """The comparison key with known abbreviations spelled out, so "UBND tỉnh" and
        "Ủy ban nhân dân tỉnh" are one unit."""
        key = self._merge_keys.get(name)
        if key is None:
            key = self._merge_keys[name] = self._spelled_out_key(name)
        return key

    def _abbreviated(self, name: str) -> bool:
        """Whether a name holds a known abbreviation ("UBND", "HĐND") where its words could be."""
        return any(is_caps_abbreviation(word) and self.known.get(comparison_key(word)) for word in name.split())

    def _spelled_out_key(self, name: str) -> str:
        words = []
        for word in name.split():
            full = self.known.get(comparison_key(word))  # "" for an ambiguous one
            words.append(full if full and is_caps_abbreviation(word) else word)
        return comparison_key(" ".join(words))

    def _strip_definition(self, cleaned: str) -> tuple[str, str | None]:
        """"Chi cục Tiêu chuẩn Đo lường Chất lượng (Chi cục TĐC)" -> the name and its abbreviation."""
        if not cleaned.endswith(")"):
            return cleaned, None
        match = _TRAILING_BRACKET.search(cleaned)
        if match is None or match.start() == 0:
            return cleaned, None
        # A remark after the name ("(CĐT)", "(vốn xây dựng)") is not part of it either.
        return cleaned[: match.start()].rstrip(), self.defined_printed.get(comparison_key(match.group(1)))

    def _reading(self, printed: str) -> tuple[str, str | None, str, str, str | None]:
        """(cleaned, abbreviation defined right after it, full name, merge key, its abbreviation)."""
        reading = self._readings.get(printed)
        if reading is None:
            cleaned, defined_here = self._strip_definition(collapse_spaces(printed).strip(EDGE_PUNCT))
            name = self.expand(cleaned)
            abbreviation = defined_here or self.defined_printed.get(comparison_key(cleaned))
            reading = self._readings[printed] = (cleaned, defined_here, name, self._merge_key(name), abbreviation)
        return reading

    def add(self, printed: str, start: int | None = None, end: int | None = None) -> str:
        """Record one mention; returns the unit's full name as the plan is to show it."""
        cleaned, defined_here, name, key, abbreviation = self._reading(printed)
        if defined_here is not None and start is not None:
            end = start + len(cleaned)
        entry = self.entries.get(key)
        if entry is None:
            entry = self.entries[key] = UnitEntry(name=name)
            self.order.append(key)
        elif name != entry.name and self._abbreviated(entry.name) and not self._abbreviated(name):
            entry.name = name  # the plan's units are named in full where it spells one out, and found there
            entry.first = (start, end) if start is not None and end is not None else entry.first
        entry.mentions += 1
        if entry.first is None and start is not None and end is not None:
            entry.first = (start, end)
        if abbreviation and abbreviation not in entry.abbreviations:
            entry.abbreviations.append(abbreviation)
        # Spelling variants take the first print; a name abbreviated in one place and spelled out in
        # another ("Văn phòng UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh") is shown as printed there.
        if name == entry.name or comparison_key(name) == comparison_key(entry.name):
            return entry.name
        return name

    def define(self, definition: AbbreviationDefinition) -> None:
        """Make sure a defined unit carries its abbreviation even before it is mentioned by it."""
        key = self._merge_key(definition.full)
        entry = self.entries.get(key)
        if entry is not None and definition.abbreviation not in entry.abbreviations:
            entry.abbreviations.append(definition.abbreviation)

    def undefined_abbreviations(self, printed: str) -> list[str]:
        """Capital tokens in a printed unit that the plan never defines and that are not known."""
        cleaned = self._reading(printed)[0]
        if comparison_key(cleaned) in self.defined:
            return []
        missing = []
        for token in _CAPS_TOKEN.findall(cleaned.replace(" &", "&").replace("& ", "&")):
            key = comparison_key(token)
            if key in self.known or key in self._defined_tokens or key in self.defined:
                continue
            missing.append(token)
        return missing
