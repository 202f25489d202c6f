"""Legacy Vietnamese encodings found by their content, converted, and told: one place for every reader.

Before Unicode, Vietnamese was typed in TCVN3 (the ABC fonts: .VnTime, .VnTimeH) or VNI (VNI-Times).
Such text reaches a reader in three forms:

- bytes of a one-byte file (TCVN3, VNI or Windows-1258): UTF-8 fails, so each one-byte reading is tried
  and the one whose words are Vietnamese syllables wins; Windows-1258 writes tones as combining marks,
  which NFC composes;
- text already decoded as Latin-1 or Windows-1252 and saved again (UTF-8 mojibake, or runs and HTML text
  in a legacy font): "Hµ Néi" for "Hà Nội" in TCVN3, "Haø Noäi" in VNI;
- text whose font says it is legacy (DOCX runs, HTML `font-family`): `converter_for_font`.

Detection is by content: a conversion is kept when it makes clearly more of the words Vietnamese
syllables (`extractors.vnsyllables`). A document in which only some paragraphs are legacy is converted
line by line. What was converted, and text that stays unreadable, is recorded as a `TextNote` on the
Layout, which the pipeline reports as findings (LEGACY_ENCODING_CONVERTED, TEXT_LAYER_UNREADABLE).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from kehoach.extractors.layout import TextNote
from kehoach.extractors.vnsyllables import classify_word
from kehoach.extractors.vntext_legacy import font_family, tcvn3_to_unicode, vni_to_unicode

TCVN3, VNI = "TCVN3", "VNI"
# A conversion must raise the share of Vietnamese syllables by this much to be kept.
MIN_GAIN = 0.15
# ... and make at least this many more words syllables ("55 ÷ 100" is not TCVN3 for "55 ữ 100").
MIN_NEW_SYLLABLES = 2
# A line converted on its own (in a document partly in Unicode) needs this many judged words.
MIN_LINE_WORDS = 2
# Text with this many judged words of which fewer than this share are syllables is unreadable.
UNREADABLE_MIN_WORDS = 40
UNREADABLE_MAX_SHARE = 0.5

_WORD = re.compile(r"[^\W\d_]+")


def _capitals_restored(word: re.Match[str]) -> str:
    """A word typed in capitals in TCVN3 keeps its toned letters small (the normal fonts have no such
    capitals; a .VnTimeH font draws them): with two or more capitals and no plain small letter, or
    a plain capital after a small letter, the word is in capitals ("CHủ" -> "CHỦ", "ủY" -> "ỦY"; "Sở",
    "Hà" are left alone)."""
    text = word.group()
    plain = [c for c in text if c.isascii()]
    if any(c.islower() for c in plain):
        return text
    capitals = sum(c.isupper() for c in text)
    if capitals >= 2 or capitals and not text[0].isupper():
        return text.upper()
    return text


def _is_capital_word(word: str) -> bool:
    """A word in capitals holding a Vietnamese letter ("HOẠCH"), not an abbreviation ("KH")."""
    return len(word) >= 2 and word.isupper() and not word.isascii()


def _line_capitals(line: str) -> str:
    words = list(_WORD.finditer(line))
    texts = [m.group() for m in words]
    for _ in range(2):  # a run of small-toned capitals between capital words ("NHIỆM Vụ Và GIẢI")
        for i, word in enumerate(texts):
            if word.isupper() or any(c.islower() for c in word if c.isascii()) or not word[0].isupper():
                continue
            if any(0 <= j < len(texts) and _is_capital_word(texts[j]) for j in (i - 1, i + 1)):
                texts[i] = word.upper()
    out, last = [], 0
    for match, text in zip(words, texts):
        out.append(line[last : match.start()] + text)
        last = match.end()
    return "".join(out) + line[last:]


def _paragraph_capital(text: str) -> str:
    """A paragraph starts with a capital; one with a tone was typed as its small letter ("áp dụng")."""
    for match in _WORD.finditer(text):
        word = match.group()
        if len(word) == 1 and text[match.end() : match.end() + 1] in ").":
            continue  # a list marker "a)", "d."
        if word[0].islower() and not word[0].isascii():
            return text[: match.start()] + word[0].upper() + text[match.start() + 1 :]
        break
    return text


def restore_capitals(text: str, *, paragraph: bool = False) -> str:
    """Converted TCVN3 text without its fonts: words typed in capitals made capitals again, and with
    `paragraph` (the text is one paragraph, not hard-wrapped lines) its first capital."""
    text = "\n".join(_line_capitals(line) for line in _WORD.sub(_capitals_restored, text).split("\n"))
    return _paragraph_capital(text) if paragraph else text


def tcvn3_text_to_unicode(text: str) -> str:
    """TCVN3 text without its fonts (a file, a page): converted, words in capitals made capitals."""
    return restore_capitals(tcvn3_to_unicode(text))


_CONVERTERS: tuple[tuple[str, Callable[[str], str]], ...] = ((TCVN3, tcvn3_text_to_unicode), (VNI, vni_to_unicode))
# Letters only Unicode Vietnamese has (beyond Latin-1): a line holding one is not legacy text.
_UNICODE_VIETNAMESE = re.compile("[\u0100-\u024f\u1ea0-\u1ef9\u0300-\u0323]")
_LEGACY_RANGE = re.compile("[\u00a0-\u00ff]")
# Windows-1252 leaves five bytes undefined; they stand for themselves as in Latin-1.
_CP1252 = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(256))


@dataclass(frozen=True)
class Judged:
    """How many words of a text are Vietnamese syllables, of those that can be judged."""

    valid: int
    judged: int

    @property
    def share(self) -> float:
        return self.valid / self.judged if self.judged else 0.0


# A token's judgement packed into one int, so that a text's is one C-level `sum` over its tokens:
# syllables in the low 32 bits, judged words above them.
_VALID_WEIGHT, _INVALID_WEIGHT = 1 + (1 << 32), 1 << 32


@lru_cache(maxsize=16384)
def _token_weight(token: str) -> int:
    """The packed judgement of a token without white space: of its words (`_WORD`; one, the token
    itself, when it is all letters)."""
    weight = 0
    for word in _WORD.findall(token):
        kind = classify_word(word)
        if kind == "valid":
            weight += _VALID_WEIGHT
        elif kind == "invalid":
            weight += _INVALID_WEIGHT
    return weight


def judge(text: str) -> Judged:
    """Words never cross white space: the text's judgement is the sum of its tokens' (each distinct
    token judged once, and a text repeats its words)."""
    total = sum(map(_token_weight, text.split()))
    return Judged(total & 0xFFFFFFFF, total >> 32)


@dataclass(frozen=True)
class Converted:
    """Text after detection: the text, the legacy encoding found (or None) and how many lines it took."""

    text: str
    encoding: str | None = None
    lines: int = 0
    unreadable: bool = False


def _best_conversion(text: str) -> tuple[str, str | None, Judged, Judged]:
    """The best reading of `text`: (text, encoding or None, judgement before, judgement after)."""
    before = judge(text)
    if before.judged and before.valid == before.judged:
        return text, None, before, before  # every word a syllable: no reading can be better
    best, encoding, after = text, None, before
    for name, convert in _CONVERTERS:
        candidate = convert(text)
        judged = judge(candidate)
        if judged.share > after.share:
            best, encoding, after = candidate, name, judged
    if encoding is None or after.share < before.share + MIN_GAIN or after.valid < before.valid + MIN_NEW_SYLLABLES:
        return text, None, before, before
    return best, encoding, before, after


def _may_be_legacy(line: str) -> bool:
    return bool(_LEGACY_RANGE.search(line)) and not _UNICODE_VIETNAMESE.search(line)


def convert_text(text: str) -> Converted:
    """`text` (NFC) with TCVN3 or VNI found by content and converted: the whole text when none of it is
    Unicode Vietnamese and converting reads clearly better; else each line that reads clearly better
    converted (a document where only some paragraphs are legacy)."""
    text = unicodedata.normalize("NFC", text)
    if text.isascii():
        return Converted(text)
    lines = text.split("\n")
    legacy_at = [i for i, line in enumerate(lines) if _may_be_legacy(line)]
    legacy = [lines[i] for i in legacy_at]
    if not legacy:
        return Converted(text, unreadable=unreadable_text(text))
    if not any(_UNICODE_VIETNAMESE.search(line) for line in lines):
        _, encoding, _, _ = _best_conversion("\n".join(legacy))
        if encoding is None:
            return Converted(text, unreadable=unreadable_text(text))
        converted = dict(_CONVERTERS)[encoding](text)
        return Converted(converted, encoding, len(legacy), unreadable_text(converted))
    out = list(lines)
    counts: dict[str, int] = {}
    for i in legacy_at:
        new, found, _, judged = _best_conversion(lines[i])
        if found is not None and judged.judged >= MIN_LINE_WORDS:
            out[i] = new
            counts[found] = counts.get(found, 0) + 1
    result = "\n".join(out) if counts else text
    encoding = max(counts, key=lambda name: counts[name]) if counts else None
    return Converted(result, encoding, sum(counts.values()), unreadable_text(result))


def _unreadable(judged: Judged) -> bool:
    return judged.judged >= UNREADABLE_MIN_WORDS and judged.share < UNREADABLE_MAX_SHARE


def _one_byte_text(data: bytes) -> str:
    """Bytes as the Latin-1 characters a legacy font draws (Windows-1252 where it defines a byte)."""
    return data.decode("latin-1").translate(dict(enumerate(_CP1252)))


def one_byte_reading(data: bytes) -> str:
    """Bytes that are not UTF-8, read one byte a character: Windows-1258 (tones composed) when that reads
    as Vietnamese at least as well as TCVN3 or VNI would, else the Latin-1 characters those take."""
    cp1258 = unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))
    latin = _one_byte_text(data)
    return cp1258 if judge(cp1258).share >= judge(convert_text(latin).text).share else latin


def decode_bytes(data: bytes) -> Converted:
    """A text file's bytes as Unicode NFC: UTF-8 or UTF-16 (with mojibake of legacy text converted),
    else the best one-byte reading of Windows-1258, TCVN3 and VNI."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return convert_text(data.decode("utf-16", errors="replace"))
    try:
        return convert_text(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return convert_text(one_byte_reading(data))


_TCVN3_FAMILY = re.compile(r"^\.?vn(?!i[- _])[a-z]")
_VNI_FAMILY = re.compile(r"^vni[- _]")


def _family(font: str) -> str:
    return font_family(font.strip().strip("'\"")).strip().lower()


def capitals_font(font: str | None) -> bool:
    """A TCVN3 all-capital font (.VnTimeH, .VnArialH): it draws the small letters' codes as capitals."""
    return bool(font) and converter_for_font(font) is not None and _family(font or "").rstrip(
        "0123456789").endswith("h") and not _VNI_FAMILY.match(_family(font or ""))


@lru_cache(maxsize=256)
def converter_for_font(font: str | None) -> tuple[str, Callable[[str], str]] | None:
    """(encoding, converter) for text set in a legacy Vietnamese font (any letter case, as CSS writes
    it), else None."""
    if not font:
        return None
    family = _family(font)
    if _VNI_FAMILY.match(family):
        return VNI, vni_to_unicode
    if _TCVN3_FAMILY.match(family):
        capitals = family.rstrip("0123456789").endswith("h")
        return TCVN3, lambda text: tcvn3_to_unicode(text, capitals=capitals)
    return None


def is_unicode_vietnamese(text: str) -> bool:
    """Whether `text` holds letters only Unicode can write (it was typed in Unicode, whatever its font)."""
    return bool(_UNICODE_VIETNAMESE.search(text))


def notes_for(converted: Converted, where: str) -> list[TextNote]:
    """The notes a reader records for text it decoded: the conversion made, and unreadable text."""
    notes: list[TextNote] = []
    if converted.encoding is not None:
        place = where if converted.lines <= 1 else f"{where} ({converted.lines} lines)"
        notes.append(TextNote(kind="legacy_converted", encoding=converted.encoding, where=place,
                              chars=len(converted.text)))
    if converted.unreadable:
        notes.append(TextNote(kind="unreadable", where=where, chars=len(converted.text)))
    return notes


class FontConversions:
    """Counts what a reader converted piece by piece (DOCX runs and paragraphs, HTML elements): by the
    piece's font, or by its content where no font said so, per encoding."""

    def __init__(self) -> None:
        self._chars: dict[tuple[str, str], int] = {}
        self.total = 0

    def _count(self, encoding: str, family: str, chars: int) -> None:
        self._chars[(encoding, family)] = self._chars.get((encoding, family), 0) + chars
        self.total += chars

    def convert(self, text: str, font: str | None) -> str:
        """`text` converted when its font is a legacy one and it is not already Unicode Vietnamese."""
        found = converter_for_font(font)
        if found is None or not text or is_unicode_vietnamese(text):
            return text
        if text.isascii() and not capitals_font(font):
            return text  # the same in Unicode
        encoding, converter = found
        self._count(encoding, font_family(font or ""), len(text))
        return converter(text)

    def convert_as(self, text: str, found: tuple[str, Callable[[str], str]]) -> str:
        """`text` in no legacy font, in a document whose content was found to be in `found`'s encoding."""
        if text.isascii() or is_unicode_vietnamese(text):
            return text
        encoding, converter = found
        self._count(encoding, "", len(text))
        return converter(text)

    def convert_by_content(self, text: str) -> str:
        """`text` in no legacy font, converted where its content reads clearly better as TCVN3 or VNI."""
        if text.isascii() or is_unicode_vietnamese(text):
            return text
        result = convert_text(text)
        if result.encoding is None:
            return text
        self._count(result.encoding, "", len(text))
        return result.text

    def notes(self, what: str) -> list[TextNote]:
        by_encoding: dict[str, list[tuple[str, int]]] = {}
        for (encoding, family), chars in self._chars.items():
            by_encoding.setdefault(encoding, []).append((family, chars))
        notes = []
        for encoding, fonts in by_encoding.items():
            named = [f for f, _ in fonts if f]
            places = [f"{what} in font{'s' if len(named) > 1 else ''} " + ", ".join(named)] if named else []
            if len(named) < len(fonts):
                places.append(f"{what} in no legacy font, found by their content")
            notes.append(TextNote(
                kind="legacy_converted", encoding=encoding, where="; ".join(places),
                chars=sum(c for _, c in fonts),
            ))
        return notes


def document_encoding(text: str) -> tuple[str, Callable[[str], str]] | None:
    """(encoding, converter) when `text`, all of a document's text, holds no Unicode Vietnamese letter and
    reads clearly better as TCVN3 or VNI; None otherwise (Unicode, or a mix decided piece by piece)."""
    if text.isascii() or is_unicode_vietnamese(text):
        return None
    legacy = [line for line in text.split("\n") if _may_be_legacy(line)]
    _, encoding, _, _ = _best_conversion("\n".join(legacy))
    return None if encoding is None else (encoding, dict(_CONVERTERS)[encoding])


def unreadable_text(text: str) -> bool:
    """Whether `text` is long enough to judge and mostly not Vietnamese syllables."""
    return _unreadable(judge(text))
