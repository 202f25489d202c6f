"""Repairs of OCR slips that the way official Vietnamese is printed makes certain.

- A section heading starts with a Roman numeral ("III. PHẠM VI, ...") in capitals; OCR reads its
  strokes as "H" (two I's run together), "l", "1" or "|" ("HI.", "Il.", "1V."). A line that starts with
  such a token and goes on in capitals gets the numeral back.
- An item's number is followed by a dot ("7. Sở Giao thông vận tải"); OCR sometimes reads the dot as a
  comma ("7, Sở ..."). A line that starts with a number and a comma and goes on with a capital gets
  the dot back.
- An amount is printed in thousands groups without spaces ("12.345.000.000"); OCR sometimes splits it
  after a dot ("12.345.000." + "000"). Two words of one line that are a grouped number ending in a
  dot and a group of exactly three digits are one number.
- A letter's mark is small, and OCR misreads one now and then: the circumflex of "QUYẾT" read as an
  acute ("QUYÉT"), which no Vietnamese syllable can be. A word that is no syllable, but becomes one by
  changing one vowel's mark (a/ă/â, e/ê, o/ô/ơ, u/ư) or its tone, in exactly one way, gets that
  syllable. A word with two or more ways ("câp": "cấp" or "cập") or none (a name, an acronym) is left.
- A people's council or committee ("Ủy ban nhân dân", "UBND", "HĐND") is named with its level, one of
  a closed set (tỉnh, huyện, xã, quận, phường); OCR misreads the small hook of a bold "TỈNH" as "TINH"
  or "TĨNH", both real syllables. After "NHÂN DÂN" or the acronyms, a word that is one of those
  levels but for its marks is that level.
- Print never puts a colon between two capitals; "QUYẾT:ĐỊNH" is a speck read as a colon, so it is
  two words. Print has no fraction slash either: "143/⁄2025" is one slash read twice.
"""

from __future__ import annotations

import re
import unicodedata

from kehoach.extractors.vnsyllables import fold, is_folded_syllable, is_syllable

_ROMAN = re.compile(r"^(?:X{0,3})(?:IX|IV|V?I{0,3})$")
_ROMAN_SLIP = re.compile(r"^([IVXHl1|]{1,5})([.)])$")
_SLIP_STROKES = {"H": "II", "l": "I", "1": "I", "|": "I"}
_GROUPED_THEN_DOT = re.compile(r"^\d{1,3}(?:\.\d{3})+\.$")
_THREE_DIGITS = re.compile(r"^\d{3}(?=[,;:.)]?$)")
_COMMA_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})*,$")


def roman_heading(first: str, rest: list[str]) -> str:
    """The first word of a line with a misread Roman numeral repaired, when the line reads as a heading."""
    match = _ROMAN_SLIP.match(first)
    if match is None or not rest or not any(ch in "Hl|" for ch in match.group(1)) and "1" not in match.group(1):
        return first
    letters = [ch for ch in rest[0] if ch.isalpha()]
    if not letters or not all(ch.isupper() for ch in letters):
        return first
    numeral = "".join(_SLIP_STROKES.get(ch, ch) for ch in match.group(1))
    if match.group(1).isdigit() or not numeral or not _ROMAN.match(numeral):
        return first
    return numeral + match.group(2)


def numbered_heading(first: str, rest: list[str]) -> str:
    """The first word of a line with its number's dot restored: "7," before a capital is "7." (a
    point read as a comma: print never opens a line with a number and a comma before a capital)."""
    if _COMMA_NUMBER.match(first) and rest and rest[0][:1].isupper():
        return first[:-1] + "."
    return first


def joins_number(left: str, right: str) -> bool:
    """True when `left` + `right` are one amount split after a thousands dot ("12.345.000." "000")."""
    return bool(_GROUPED_THEN_DOT.match(left) and _THREE_DIGITS.match(right))


# The marks a vowel may carry besides its tone (NFD): breve, circumflex, horn.
_VOWEL_MARKS = {"a": ("", "\u0306", "\u0302"), "e": ("", "\u0302"), "o": ("", "\u0302", "\u031b"), "u": ("", "\u031b")}
_TONE_MARKS = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
_CORE = re.compile(r"^(\W*)([^\W\d_]{2,})(\W*)$")
_FRACTION_SLASH = re.compile(r"/?\u2044/?")
_CAPS_COLON = re.compile(r"(?<=[A-ZĐÀ-Ỹ]):(?=[A-ZĐÀ-Ỹ])")


def _letters(word: str) -> list[list[str]]:
    """[base letter, vowel mark, tone mark] of each letter of a lower-case word."""
    out: list[list[str]] = []
    for ch in unicodedata.normalize("NFD", word):
        if not unicodedata.combining(ch) or not out:
            out.append([ch, "", ""])
        elif ch in _TONE_MARKS:
            out[-1][2] = ch
        else:
            out[-1][1] = ch
    return out


def _one_mark_away(word: str) -> set[str]:
    letters = _letters(word)
    found: set[str] = set()
    for k, (base, mark, tone) in enumerate(letters):
        changes = [(m, tone) for m in _VOWEL_MARKS.get(base, ()) if m != mark]
        if tone:
            changes += [(mark, t) for t in _TONE_MARKS if t != tone]
        for new_mark, new_tone in changes:
            candidate = letters[:k] + [[base, new_mark, new_tone]] + letters[k + 1:]
            text = unicodedata.normalize("NFC", "".join("".join(letter) for letter in candidate))
            if is_syllable(text):
                found.add(text)
    return found


def restored_syllable(word: str) -> str:
    """`word` with a misread mark put right where exactly one syllable fits ("QUYÉT" -> "QUYẾT")."""
    match = _CORE.match(word)
    if match is None:
        return word
    core = match.group(2)
    if is_syllable(core) or not is_folded_syllable(core):
        return word
    found = _one_mark_away(core.lower())
    if len(found) != 1:
        return word
    fixed = found.pop()
    if core.isupper():
        fixed = fixed.upper()
    elif core[0].isupper():
        fixed = fixed[0].upper() + fixed[1:]
    return match.group(1) + fixed + match.group(3)


def repaired_word(text: str) -> str:
    """One OCR word with the slips above put right (a colon between capitals becomes a space)."""
    text = _FRACTION_SLASH.sub("/", text)
    return " ".join(restored_syllable(part) for part in _CAPS_COLON.sub(" ", text).split(" "))


# The levels of local government, as "Ủy ban nhân dân <level> ..." names them (Law on Local Government).
_LEVELS = {fold(level): level for level in ("tỉnh", "huyện", "xã", "quận", "phường")}
_COUNCIL_ACRONYMS = frozenset({"ubnd", "hdnd"})


def council_level(word: str, before: list[str]) -> str:
    """`word` as the level of the council or committee named by the words `before` it, else unchanged."""
    match = _CORE.match(word)
    level = _LEVELS.get(fold(match.group(2))) if match else None
    if match is None or level is None or not before:
        return word
    folded = [fold(w.strip(",.;:")) for w in before[-2:]]
    if folded[-1] not in _COUNCIL_ACRONYMS and folded != ["nhan", "dan"]:
        return word
    core = match.group(2)
    fixed = level.upper() if core.isupper() else level.capitalize() if core[0].isupper() else level
    return match.group(1) + fixed + match.group(3)
