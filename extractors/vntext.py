"""Vietnamese text helpers shared by readers and extractors: Unicode form, spaces, comparison keys."""

from __future__ import annotations

import re
from functools import lru_cache
import unicodedata

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_SPACE_LIKE = re.compile("[\u00a0\u2000-\u200a\u202f\u3000]")
# C0/C1 controls except tab and newline, plus zero-width and soft-hyphen characters.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u200b\u200c\u200d\u2060\ufeff]")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def clean_text(text: str) -> str:
    """NFC; line ends unified and form feeds made line breaks; non-breaking and other odd spaces
    made plain; control, zero-width and soft-hyphen characters dropped (tab and newline kept)."""
    if text.isprintable() and unicodedata.is_normalized("NFC", text):
        return text  # no line break, control, format or odd space character: nothing to change
    if text.replace("\n", "").replace("\t", "").isprintable():
        return nfc(text)  # line breaks and tabs only: nothing to replace or drop (all the rest prints)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = _SPACE_LIKE.sub(" ", text)
    return nfc(_CONTROLS.sub("", text))


def collapse_spaces(text: str) -> str:
    """All runs of whitespace (line breaks included) to one space, trimmed."""
    return " ".join(text.split())


def collapse_inline_spaces(text: str) -> str:
    return _SPACES.sub(" ", text)



# --- comparison keys ------------------------------------------------------------------------------
# Tone placement differs between the old and new styles only in open syllables ending in "oa", "oe"
# or "uy": "hoà"/"hòa", "khoẻ"/"khỏe", "thuỷ"/"thủy". In NFD the tone mark follows its vowel; the key
# moves it onto the first vowel ("hòa", "khỏe", "thủy"). "qu" + "y" ("quý") is not such a pair.
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
_SECOND_VOWEL_TONE = re.compile(
    rf"(?<!q)(o(?=[ae])|u(?=y))([aey])([{_TONE_MARKS}])(?![\w\u0300-\u036f])"
)
_DASHES = re.compile(r"[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")
_JOINER_SPACING = re.compile(r"\s*([-&])\s*")


def _tone_to_first_vowel(text: str) -> str:
    """"hoà" -> "hòa", "thuỷ" -> "thủy"; other syllables unchanged. Returns NFC."""
    decomposed = unicodedata.normalize("NFD", text)
    return nfc(_SECOND_VOWEL_TONE.sub(r"\1\3\2", decomposed))


_FIRST_VOWEL_TONE = re.compile(
    rf"(?<!q)(?:(o)([{_TONE_MARKS}])([ae])|(u)([{_TONE_MARKS}])(y))(?![\w\u0300-\u036f])"
)


def _tone_to_second_vowel(text: str) -> str:
    """The old style of a folded key: "hòa" -> "hoà", "thủy" -> "thuỷ". Returns NFC."""
    def move(match: re.Match[str]) -> str:
        first, tone, second = match.group(1, 2, 3) if match.group(1) else match.group(4, 5, 6)
        return first + second + tone

    return nfc(_FIRST_VOWEL_TONE.sub(move, unicodedata.normalize("NFD", text)))


@lru_cache(maxsize=1 << 14)
def key_pattern(word: str, *, capitalized: bool = False) -> str:
    """A regular expression for every spelling of one word that has the word's comparison key, in
    any case: "Hòa" gives a pattern matching "HÒA", "hoà" and "Hòa". With `capitalized` the first
    letter must be a capital ("Hoà", "HÒA"; not "hòa"), which also lets a search skip ahead fast."""
    key = comparison_key(word)
    spellings = sorted({key, _tone_to_second_vowel(key)}, key=len, reverse=True)
    if capitalized:
        return "(?:" + "|".join(re.escape(s[:1].upper()) + "(?i:" + re.escape(s[1:]) + ")" for s in spellings) + ")"
    return "(?i:" + "|".join(re.escape(s) for s in spellings) + ")"


@lru_cache(maxsize=1 << 16)
def comparison_key(text: str) -> str:
    """A key for comparing names as people spell them: NFC, casefolded, "oà/uỷ" tone placement
    folded to "òa/ủy", dashes unified and the spaces around "-" and "&" dropped, whitespace
    collapsed. "đ" stays "đ" and other diacritics stay: "Bà Rịa - Vũng Tàu" and "bà rịa-vũng tàu"
    match, "Hoà Bình" and "Hòa Bình" match, "Đà Nẵng" and "Da Nang" do not."""
    key = _tone_to_first_vowel(nfc(text).casefold())
    key = _DASHES.sub("-", key)
    key = _JOINER_SPACING.sub(r"\1", key)
    return collapse_spaces(key)
