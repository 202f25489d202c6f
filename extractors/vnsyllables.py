"""Is a word a well-formed Vietnamese syllable? A compact rule, not a dictionary.

A Vietnamese syllable is (initial consonant) + rhyme, written with at most one tone mark. The rhyme
list below is the orthography's closed set (with medial o/u folded in: "oa", "uyê"), so the check
rejects text that only looks Vietnamese: words stripped of their diacritics ("viet", "chat", "quyet"
need "việt", "chát", "quyết"), OCR confusions ("h6a", "cqng") and undecoded glyph codes. It accepts
some syllables that are well-formed but unused; that is the point of a rule over a list.

Rules applied beyond the two lists:
- a stop final (c, ch, p, t) takes only the sắc or nặng tone ("tác", "tạc", never "tac" or "tàc");
- k, gh, ngh come before i, y, e, ê only, and c, g, ng never do ("kê", "ghi", "nghĩ"; not "ce", "ngi");
- q is always followed by u, the medial ("qua", "quyết", "quân");
- "gi" before a vowel is one initial ("giá", "giường"), alone it is g + i ("gì").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Literal

# Combining tone marks (NFD): huyền, sắc, hỏi, ngã, nặng. Circumflex, breve and horn stay.
_TONES = {"\u0300": "huyen", "\u0301": "sac", "\u0309": "hoi", "\u0303": "nga", "\u0323": "nang"}

INITIALS = frozenset(
    "b c ch d đ g gh gi h k kh l m n ng ngh nh p ph qu r s t th tr v x".split()
)

# Rhymes without their tone, medial included. Open and semivowel-final rhymes are listed whole;
# consonant-final rhymes are a nucleus times the finals it allows.
_OPEN_RHYMES = """
a e ê i y o ô ơ u ư ia ya ua ưa oa oe uê uy uơ uya
ai ao au ay âu ây eo êu iu oi ôi ơi ui ưi ưu ươi ươu uôi iêu yêu oai oay oao oeo uây uyu uai uao
""".split()

_FINALS_BY_NUCLEUS = {
    "a": "c ch m n ng nh p t",
    "ă": "c m n ng p t",
    "â": "c m n ng p t",
    "e": "c m n ng p t",
    "ê": "ch m n nh p t",
    "i": "ch m n nh p t",
    "o": "c m n ng p t",
    "oo": "c ng",
    "ô": "c m n ng p t",
    "ơ": "m n p t",
    "u": "c m n ng p t",
    "ư": "c m n ng t",
    "iê": "c m n ng p t",
    "yê": "m n ng t",
    "uô": "c m n ng t",
    "ươ": "c m n ng p t",
    "oa": "c ch m n ng nh p t",
    "oă": "c m n ng t",
    "oe": "n t",
    "uâ": "n ng t",
    "uê": "ch nh",
    "uy": "ch n nh p t",
    "uyê": "n t",
}

_STOP_FINALS = ("c", "ch", "p", "t")
_FRONT_VOWELS = ("i", "y", "e", "ê")


def _build_rhymes() -> frozenset[str]:
    rhymes = set(_OPEN_RHYMES)
    for nucleus, finals in _FINALS_BY_NUCLEUS.items():
        rhymes.update(nucleus + final for final in finals.split())
    return frozenset(rhymes)


RHYMES = _build_rhymes()

_INITIALS_LONGEST_FIRST = sorted(INITIALS | {"q"}, key=len, reverse=True)
_LETTERS = re.compile(r"^[a-zđăâêôơư]+$")


def split_tone(word: str) -> tuple[str, str | None, int]:
    """(word without tone marks, its tone or None, how many tone marks it had), lower-cased NFC."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [_TONES[ch] for ch in decomposed if ch in _TONES]
    bare = "".join(ch for ch in decomposed if ch not in _TONES)
    return unicodedata.normalize("NFC", bare), (tones[0] if tones else None), len(tones)


def _split_initial(bare: str) -> tuple[str, str]:
    for initial in _INITIALS_LONGEST_FIRST:
        if bare.startswith(initial) and len(bare) > len(initial):
            rest = bare[len(initial) :]
            if initial == "gi" and rest[0] in "aăâeêoôơuư":
                return initial, rest
            if initial == "gi":
                # "gì", "gìn": the i belongs to the rhyme.
                return "g", "i" + rest
            return initial, rest
    return "", bare


@lru_cache(maxsize=65536)
def is_syllable(word: str) -> bool:
    """True when `word` (any case, NFC or NFD) is a well-formed Vietnamese syllable."""
    if not word:
        return False
    bare, tone, marks = split_tone(word)
    if marks > 1 or not _LETTERS.match(bare):
        return False
    initial, rhyme = _split_initial(bare)
    if initial == "gi" and rhyme not in RHYMES and "i" + rhyme in RHYMES:
        rhyme = "i" + rhyme  # "giếng" is gi + iêng, written with one i
    elif initial == "qu" and rhyme not in RHYMES and "u" + rhyme in RHYMES:
        rhyme = "u" + rhyme  # "quýt" is qu + uyt
    if rhyme not in RHYMES or initial == "q":
        return False
    first = rhyme[0]
    if initial in ("k", "gh", "ngh") and first not in _FRONT_VOWELS:
        return False
    if initial in ("c", "g", "ng") and first in ("e", "ê") or initial in ("c", "ng") and first in ("i", "y"):
        return False
    if rhyme.endswith(_STOP_FINALS) and tone not in ("sac", "nang"):
        return False
    return True


def fold(word: str) -> str:
    """Lower case without any diacritic, đ as d: what a layer that lost its diacritics shows."""
    decomposed = unicodedata.normalize("NFD", word.lower().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _fold_set(items: frozenset[str]) -> frozenset[str]:
    return frozenset(fold(item) for item in items)


_FOLDED_RHYMES = _fold_set(RHYMES)
_FOLDED_INITIALS = sorted(_fold_set(INITIALS) | {"q"}, key=len, reverse=True)


@lru_cache(maxsize=65536)
def is_folded_syllable(word: str) -> bool:
    """True when some choice of diacritics would make `word` a syllable ("viet", "chat", "quyet")."""
    bare = fold(word)
    if not bare.isascii() or not bare.isalpha():
        return False
    for initial in [*_FOLDED_INITIALS, ""]:
        if bare.startswith(initial):
            rest = bare[len(initial) :]
            if rest in _FOLDED_RHYMES or initial in ("gi", "qu") and rest and (
                initial[-1] + rest in _FOLDED_RHYMES
            ):
                return True
    return False


WordClass = Literal["valid", "invalid", "neutral"]
_VOWELS = set("aăâeêioôơuưy")


@lru_cache(maxsize=65536)
def classify_word(part: str) -> WordClass:
    """How a run of letters counts towards a text's quality.

    valid: a syllable. neutral: cannot be judged as Vietnamese at all (one letter such as a list marker
    "a", an acronym "UBND", a unit "kg"). invalid: everything else, notably a syllable that lost its
    diacritics ("QUYET", "chat"), which is what an untrusted OCR layer looks like.
    """
    if is_syllable(part):
        return "valid"
    if len(part) == 1:
        return "neutral"
    if is_folded_syllable(part):
        return "invalid"
    bare = fold(part)
    if part.isupper() or not any(ch in _VOWELS for ch in bare) and len(part) <= 4:
        return "neutral"
    return "invalid"
