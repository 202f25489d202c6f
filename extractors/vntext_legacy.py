"""Vietnamese text in the 8-bit encodings that came before Unicode, converted to Unicode (NFC).

Older plans were typed in TCVN3 (the "ABC" fonts: .VnTime, .VnArial) or VNI (VNI-Times). Word and PDF
files keep such text as Latin-1 characters that only the legacy font draws as Vietnamese: "Hµ Néi" is
"Hà Nội" in .VnTime, "Haø Noäi" is "Hà Nội" in VNI-Times.

- TCVN3 puts each lower-case letter with its marks on one code; capitals with a tone exist only in the
  separate all-capital fonts (.VnTimeH, .VnArialH), which draw the same codes as capitals.
- VNI writes a base letter followed by a mark character ("a" + "ù" = "á"); a few letters have a code
  of their own ("ñ" = "đ", "ô" = "ơ", "ö" = "ư", "í" = "í", "æ" = "ỉ").
- Windows-1258 and "decomposed Unicode" write tones as combining marks; NFC composes them.

The tables are generated from the orthography below (vowel x tone), so they are complete by
construction; the golden tests pin every code.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from kehoach.extractors.vnsyllables import classify_word

# Tones in the order the tables below list them.
_TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")  # none, sắc, huyền, hỏi, ngã, nặng
_VOWELS = ("a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y")

# TCVN3 (TCVN 5712:1993 VN3): for each vowel, the codes of its six tone forms ("" where plain ASCII).
_TCVN3_LOWER = {
    "a": "a\u00b8\u00b5\u00b6\u00b7\u00b9",
    "ă": "\u00a8\u00be\u00bb\u00bc\u00bd\u00c6",
    "â": "\u00a9\u00ca\u00c7\u00c8\u00c9\u00cb",
    "e": "e\u00d0\u00cc\u00ce\u00cf\u00d1",
    "ê": "\u00aa\u00d5\u00d2\u00d3\u00d4\u00d6",
    "i": "i\u00dd\u00d7\u00d8\u00dc\u00de",
    "o": "o\u00e3\u00df\u00e1\u00e2\u00e4",
    "ô": "\u00ab\u00e8\u00e5\u00e6\u00e7\u00e9",
    "ơ": "\u00ac\u00ed\u00ea\u00eb\u00ec\u00ee",
    "u": "u\u00f3\u00ef\u00f1\u00f2\u00f4",
    "ư": "\u00ad\u00f8\u00f5\u00f6\u00f7\u00f9",
    "y": "y\u00fd\u00fa\u00fb\u00fc\u00fe",
}
# Capitals without a tone have codes in the normal fonts too.
_TCVN3_CAPITALS = {
    "\u00a1": "Ă", "\u00a2": "Â", "\u00a3": "Ê", "\u00a4": "Ô", "\u00a5": "Ơ", "\u00a6": "Ư", "\u00a7": "Đ",
}
_TCVN3_D = {"\u00ae": "đ"}

# VNI: the mark characters that follow a base vowel, lower and upper case, per tone.
_VNI_MARKS = {
    # (base, diacritic): the mark for each tone; the first is the diacritic alone, "" for no sequence.
    ("a", ""): ("", "ù", "ø", "û", "õ", "ï"),
    ("a", "\u0302"): ("â", "á", "à", "å", "ã", "ä"),
    ("a", "\u0306"): ("ê", "é", "è", "ú", "ü", "ë"),
    ("e", ""): ("", "ù", "ø", "û", "õ", "ï"),
    ("e", "\u0302"): ("â", "á", "à", "å", "ã", "ä"),
    ("o", ""): ("", "ù", "ø", "û", "õ", "ï"),
    ("o", "\u0302"): ("â", "á", "à", "å", "ã", "ä"),
    ("u", ""): ("", "ù", "ø", "û", "õ", "ï"),
    ("y", ""): ("", "ù", "ø", "û", "õ", ""),  # ỵ has a code of its own
}
# Letters with a code of their own, and the horn letters that take marks like a base letter.
_VNI_SINGLE = {"ñ": "đ", "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ"}
_VNI_HORN = {"ô": "ơ", "ö": "ư"}
_VNI_HORN_MARKS = ("", "ù", "ø", "û", "õ", "ï")


def _compose(base: str, *marks: str) -> str:
    return unicodedata.normalize("NFC", base + "".join(marks))


@lru_cache(maxsize=1)
def tcvn3_table() -> dict[str, str]:
    """Legacy character -> Unicode for the TCVN3 (ABC) normal fonts."""
    table: dict[str, str] = {}
    for vowel, codes in _TCVN3_LOWER.items():
        for code, tone in zip(codes, _TONES, strict=True):
            if code.isascii():
                continue
            table[code] = _compose(vowel, tone)
    table.update(_TCVN3_CAPITALS)
    table.update(_TCVN3_D)
    return table


@lru_cache(maxsize=1)
def vni_table() -> dict[str, str]:
    """Legacy sequence (one or two characters) -> Unicode for the VNI fonts."""
    table: dict[str, str] = {}
    for (base, diacritic), marks in _VNI_MARKS.items():
        for mark, tone in zip(marks, _TONES, strict=True):
            if not mark:
                continue
            for lower in (True, False):
                b = base if lower else base.upper()
                m = mark if lower else mark.upper()
                target = _compose(base, diacritic, tone)
                table[b + m] = target if lower else target.upper()
    for horn_code, letter in _VNI_HORN.items():
        for mark, tone in zip(_VNI_HORN_MARKS, _TONES, strict=True):
            target = _compose(letter, tone)
            table[horn_code + mark] = target
            table[(horn_code + mark).upper()] = target.upper()
    for code, letter in _VNI_SINGLE.items():
        table[code] = letter
        table[code.upper()] = letter.upper()
    return table


def _sequence_pattern(table: dict[str, str]) -> re.Pattern[str]:
    keys = sorted(table, key=len, reverse=True)
    return re.compile("|".join(re.escape(k) for k in keys))


@lru_cache(maxsize=1)
def _vni_pattern() -> re.Pattern[str]:
    return _sequence_pattern(vni_table())


def tcvn3_to_unicode(text: str, capitals: bool = False) -> str:
    """TCVN3 text as its Latin-1 characters -> Unicode. `capitals`: it was set in a .VnTimeH-style font."""
    table = tcvn3_table()
    converted = "".join(table.get(ch, ch) for ch in text)
    return converted.upper() if capitals else converted


def vni_to_unicode(text: str) -> str:
    """VNI text as its Latin-1 characters -> Unicode."""
    table = vni_table()
    return _vni_pattern().sub(lambda m: table[m.group(0)], text)


# Font names: "ABCDEF+.VnTimeH" -> family ".VnTimeH". TCVN3 fonts start with ".Vn" (some producers
# drop the dot: "VnTime"); their all-capital twins end in "H". VNI fonts start with "VNI-" or "VNI ".
_SUBSET_PREFIX = re.compile(r"^[A-Z]{6}\+")
_TCVN3_FONT = re.compile(r"^\.?Vn[A-Z][A-Za-z0-9]*", re.ASCII)
_VNI_FONT = re.compile(r"^VNI[- _]", re.ASCII | re.IGNORECASE)


def font_family(fontname: str) -> str:
    """The font's name without the subset prefix and style suffix: "ABCDEF+.VnTimeH,Bold" -> ".VnTimeH"."""
    name = _SUBSET_PREFIX.sub("", fontname)
    return re.split(r"[,-](?:Bold|Italic|BoldItalic|Regular)$", name)[0]


def legacy_font_converter(fontname: str) -> Callable[[str], str] | None:
    """The converter for text set in `fontname`, or None when the font is not a legacy Vietnamese one."""
    family = font_family(fontname)
    if _TCVN3_FONT.match(family):
        capitals = family.rstrip("0123456789").endswith("H")
        return lambda text: tcvn3_to_unicode(text, capitals=capitals)
    if _VNI_FONT.match(family):
        return vni_to_unicode
    return None


# Bytes -> text. Windows-1252 leaves five bytes undefined; they stand for themselves as in Latin-1.
_CP1252 = "".join(
    bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(256)
)
_DEFAULT_MIN_GAIN = 0.15


def _latin(data: bytes) -> str:
    return data.decode("latin-1").translate(dict(enumerate(_CP1252)))


def syllable_share(text: str) -> float:
    """Share of the judgeable letter runs in `text` that are Vietnamese syllables (0 when none)."""
    valid = invalid = 0
    for part in re.findall(r"[^\W\d_]+", text):
        kind = classify_word(part)
        valid += kind == "valid"
        invalid += kind == "invalid"
    return valid / (valid + invalid) if valid + invalid else 0.0


def fix_legacy_text(text: str, min_gain: float = _DEFAULT_MIN_GAIN) -> str:
    """NFC `text`, converted from TCVN3 or VNI when that makes clearly more of it Vietnamese."""
    text = unicodedata.normalize("NFC", text)
    if text.isascii():
        return text
    base = syllable_share(text)
    best, best_share = text, base
    for convert in (tcvn3_to_unicode, vni_to_unicode):
        candidate = convert(text)
        share = syllable_share(candidate)
        if share > best_share:
            best, best_share = candidate, share
    return best if best_share >= base + min_gain else text


def decode_legacy_text(data: bytes) -> str:
    """Bytes of a text file in UTF-8/16, Windows-1258, TCVN3 or VNI -> Unicode NFC text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return fix_legacy_text(data.decode("utf-16"))
    try:
        return fix_legacy_text(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        pass
    candidates = [
        unicodedata.normalize("NFC", data.decode("cp1258", errors="replace")),
        tcvn3_to_unicode(_latin(data)),
        vni_to_unicode(_latin(data)),
    ]
    return max(candidates, key=syllable_share)
