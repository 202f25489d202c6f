"""Capitals to the document's own spelling: a name printed in capitals takes its mixed-case form."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from kehoach.extractors.layout import Layout
from kehoach.extractors.metadata.lookup import Lookup
from kehoach.extractors.vnsyllables import is_syllable
from kehoach.extractors.vntext import collapse_spaces, comparison_key, key_pattern

_WORD = re.compile(r"[^\W_]+")
_TITLE_PREFIXES = ("phó", "chánh", "quyền")


def is_caps(text: str) -> bool:
    letters = False
    for char in text:
        if char.isalpha():
            if not char.isupper():
                return False  # most text shows a small letter at once
            letters = True
    return letters


def sentence_case(text: str) -> str:
    """"SỞ CÔNG THƯƠNG" -> "Sở công thương"; a token that is no Vietnamese syllable ("DUBND", "KH&CN")
    is an abbreviation and keeps its capitals."""
    words = [w if _WORD.fullmatch(w) and not is_syllable(w.lower()) and is_caps(w) else w.lower()
             for w in collapse_spaces(text).split(" ")]
    lower = " ".join(words)
    return lower[:1].upper() + lower[1:]


@lru_cache(maxsize=256)
def _phrase_pattern(phrase: str) -> tuple[re.Pattern[str], tuple[str, ...]] | None:
    """Every spelling of `phrase` with a capital first letter (key_pattern), and the characters its
    matches can begin with: the first letter of its key, in capitals, with or without the tone mark
    that key_pattern may move ("Ủy"/"Uỷ"). A search for those characters with str.find is many times
    faster than the regex's scan of the whole text, which is tried only where one stands."""
    words = list(_WORD.finditer(phrase))
    if not words:
        return None
    pattern = key_pattern(words[0].group(), capitalized=True)
    for before, word in zip(words, words[1:]):
        gap = phrase[before.end() : word.start()].strip()
        pattern += (r"\s*" + re.escape(gap) + r"\s*" if gap else r"\s+") + key_pattern(word.group())
    first = comparison_key(words[0].group())[:1]
    heads = {first.upper()[:1], unicodedata.normalize("NFD", first)[:1].upper()[:1]}
    return re.compile(pattern + r"(?![^\W_])"), tuple(sorted(heads))


def _positions(text: str, heads: tuple[str, ...]) -> Iterator[int]:
    """Where any of the characters `heads` stands in `text`, in order."""
    if len(heads) == 1:
        head = heads[0]
        at = text.find(head)
        while at >= 0:
            yield at
            at = text.find(head, at + 1)
        return
    ahead = {head: text.find(head) for head in heads}
    while True:
        live = [at for at in ahead.values() if at >= 0]
        if not live:
            return
        at = min(live)
        yield at
        for head, where in ahead.items():
            if where == at:
                ahead[head] = text.find(head, at + 1)


class Speller:
    """Finds how the document itself writes a name printed in capitals ("SỞ KHOA HỌC VÀ CÔNG NGHỆ")."""

    def __init__(self, layout: Layout, look: Lookup) -> None:
        self._text = layout.text
        self._look = look
        self._spelled: dict[str, str | None] = {}  # in_text's answers: a name is often asked twice

    def in_text(self, phrase: str) -> str | None:
        """The first mixed-case spelling of `phrase` in the document, compared by key."""
        if phrase not in self._spelled:
            self._spelled[phrase] = self._find(phrase)
        return self._spelled[phrase]

    def _find(self, phrase: str) -> str | None:
        found = _phrase_pattern(phrase)
        if found is None:
            return None
        pattern, heads = found
        text = self._text
        after = 0  # where the last match ended: matches do not overlap, as re.finditer's
        for start in _positions(text, heads):
            if start < after:
                continue
            match = pattern.match(text, start)
            if match is None:
                continue
            after = match.end()
            if start and (text[start - 1].isalnum()):
                continue  # inside a word
            found_text = match.group()
            if not is_caps(found_text):
                return found_text
        return None

    def known_keys(self) -> dict[str, str]:
        """The comparison keys of the names the reference data knows."""
        return self._look.names_by_key

    def spell(self, phrase: str) -> str:
        phrase = collapse_spaces(phrase)
        if not is_caps(phrase):
            return phrase
        return (
            self.in_text(phrase)
            or self._look.names_by_key.get(comparison_key(phrase))
            or sentence_case(phrase)
        )


def position_case(text: str) -> str:
    """"PHÓ GIÁM ĐỐC" -> "Phó Giám đốc", "CHÁNH VĂN PHÒNG" -> "Chánh Văn phòng"."""
    words = collapse_spaces(text).lower().split(" ")
    out: list[str] = []
    capitalize = True
    for word in words:
        out.append(word[:1].upper() + word[1:] if capitalize else word)
        capitalize = word in _TITLE_PREFIXES
    return " ".join(out)


def place_case(text: str) -> str:
    return " ".join(w[:1].upper() + w[1:].lower() for w in collapse_spaces(text).split(" "))
