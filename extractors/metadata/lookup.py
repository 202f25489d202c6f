"""The reference data as metadata looks it up: issuers, abbreviations, provinces, type names."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from kehoach.extractors.reference import per_reference
from kehoach.extractors.vntext import comparison_key, key_pattern

if TYPE_CHECKING:
    from kehoach.extractors.reference import Province, ReferenceData


# Words that open a cited document besides the document types of the reference data; "Kết luận" and
# "Thông tri" are Party documents (numbers such as "02-TT/TU").
DEFAULT_BASIS_TYPES = ("Văn bản", "Kết luận", "Thông tri", "Nghị quyết liên tịch")


def _first_letters(words: list[str]) -> str | None:
    """The letters these words begin with in every spelling key_pattern allows, escaped for a class;
    None when one begins with a vowel (the tone mark may move onto it: "ủy"/"uỷ")."""
    heads = {comparison_key(word)[:1] for word in words}
    if not all(head.isalpha() and unicodedata.normalize("NFD", head)[0] not in "aeiouy" for head in heads):
        return None
    return "".join(re.escape(head) for head in sorted(heads))


def _plain_words(words: list[str]) -> tuple[str, ...]:
    """These words in lower case when a case-insensitive search for key_pattern(word) can match only
    where the lowered text holds them: one spelling (no "oa", "oe", "uy" whose tone mark may move) and
    no letter that re.IGNORECASE also matches to other characters (i, k, s: "ı", "K", "ſ"); else ()."""
    keys = [comparison_key(word) for word in words]
    for key in keys:
        base = "".join(c for c in unicodedata.normalize("NFD", key) if not unicodedata.combining(c))
        if not key.isalpha() or any(pair in base for pair in ("oa", "oe", "uy")) or set(base) & set("iks"):
            return ()
    return tuple(keys)


@dataclass
class Lookup:
    """What metadata asks of ReferenceData, prepared once per reference data set."""

    reference: ReferenceData
    names_by_key: dict[str, str] = field(default_factory=dict)  # proper spellings of known names
    central_keys: set[str] = field(default_factory=set)  # central bodies, by comparison key
    motto_keys: tuple[str, ...] = ()
    motto_start: re.Pattern[str] = re.compile(r"(?!)")  # where a motto line begins inside a line
    motto_words: tuple[str, ...] = ()  # the first word of each motto line, lower case, for may_hold_motto
    basis_types: list[tuple[str, str]] = field(default_factory=list)  # (lowercase, name), longest first
    basis_types_by_head: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # by first letter
    basis_type_names: tuple[str, ...] = ()  # the names of basis_types, in its order

    @staticmethod
    @per_reference
    def of(reference: ReferenceData) -> Lookup:
        look = Lookup(reference)
        for issuer in reference.issuers:
            look.names_by_key.setdefault(comparison_key(issuer.name), issuer.name)
            if issuer.level == "central":
                look.central_keys.add(comparison_key(issuer.name))
        for entry in reference.abbreviations:
            if not entry.ambiguous:
                look.names_by_key.setdefault(comparison_key(entry.expansions[0]), entry.expansions[0])
        for province in reference.provinces:
            look.names_by_key.setdefault(comparison_key(province.name), province.name)
        names = {t.name.lower(): t.name for t in reference.document_types}
        for name in DEFAULT_BASIS_TYPES:
            names.setdefault(name.lower(), name)
        look.basis_types = sorted(names.items(), key=lambda kv: -len(kv[0]))
        look.basis_type_names = tuple(name for _, name in look.basis_types)
        for lower, name in look.basis_types:
            look.basis_types_by_head.setdefault(lower[:1], []).append((lower, name))
        motto = reference.national_motto
        look.motto_keys = (comparison_key(motto.country), comparison_key(motto.motto))
        # The first two words of each motto line ("CỘNG HÒA", "Độc lập") mark where it begins.
        openings = [line.split()[:2] for line in (motto.country, motto.motto)]
        starts = "|".join(
            r"(?<![^\W_])" + r"\s+".join(key_pattern(word) for word in words) + r"(?![^\W_])" for words in openings
        )
        heads = _first_letters([words[0] for words in openings])
        # The lookahead on the letters a line can begin with lets a search skip the rest at once.
        look.motto_start = re.compile(f"(?i:(?=[{heads}]))(?:{starts})" if heads else starts)
        look.motto_words = _plain_words([words[0] for words in openings])
        return look

    def type_name(self, code: str) -> str | None:
        found = self.reference.document_type_by_code(code)
        return found.name if found is not None and found.in_number else None

    def expansion(self, token: str) -> str | None:
        """"UBND" -> "Ủy ban nhân dân": an abbreviation with one meaning, or an issuer's."""
        entry = self.reference.abbreviation(token)
        if entry is not None and not entry.ambiguous:
            return entry.expansions[0]
        issuer = self.reference.issuer_by_abbreviation(token)
        return issuer.name if issuer is not None and token.isupper() else None

    def province(self, name: str, day_range: tuple[date, ...] | None = None) -> Province | None:
        """The province a printed name stands for on the days the document may be dated."""
        if day_range is None:
            return self.reference.province_by_name(name)
        found = [self.reference.province_by_name(name, on=day) for day in day_range]
        if all(f is not None for f in found) and len({f.name for f in found if f}) == 1:
            return found[0]
        if all(f is None for f in found):
            # Printed after it ceased to exist: the unit it became.
            successor = self.reference.province_by_name(name, successor=True)
            if successor is not None and successor.valid_to is None:
                return successor
        return self.reference.province_by_name(name)

    def is_motto(self, text: str) -> bool:
        """A motto line or a piece of one wrapped over lines ("CHỦ NGHĨA VIỆT NAM")."""
        key = comparison_key(text)
        return len(key) > 3 and any(key in motto or motto in key for motto in self.motto_keys)

    def may_hold_motto(self, text: str) -> bool:
        """False when `text` cannot hold where a motto line begins: a test many times faster than
        motto_start, for the many lines that hold no motto."""
        if not self.motto_words:
            return True
        lowered = text.lower()
        return any(word in lowered for word in self.motto_words)

    def before_motto(self, text: str) -> str:
        """The part of a line before a motto printed beside it on the same line ("UBND TỈNH X CỘNG HÒA
        XÃ HỘI ..." -> "UBND TỈNH X"); the whole line when it holds no motto."""
        found = self.motto_start.search(text) if self.may_hold_motto(text) else None
        return text[: found.start()].rstrip(" -–|\t") if found else text
