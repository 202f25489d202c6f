"""Garbled PDF text repaired without OCR: glyph ids decoded through a table, legacy fonts converted.

PDFs that Ghostscript re-wrote after signing embed Times New Roman as Identity-H CID fonts whose codes
are the font's glyph ids, with no usable ToUnicode map: pdfplumber gives "(cid:54)(cid:1250)" for "SỞ".
Glyph ids of a font family are stable across producers, so a table learnt from born-digital PDFs (whose
ToUnicode maps pair the same ids with their characters) decodes them. Per font, in this order:

1. the font's own ToUnicode map (pdfplumber has already applied it; its entries also tell whether the
   font's codes are glyph ids at all: if they disagree with the table, the table is not used);
2. pairs learnt from the other fonts of the same document with the same base font;
3. the shipped (or user-extended) `GlyphTable` for the base font.

A code none of them knows stays "(cid:N)"; the page's quality check then sends the page to OCR.
Text in legacy TCVN3 (.VnTime) or VNI fonts is converted here too, before words are grouped.

This module reads no files: the table comes in through `GlyphTable.from_dict` from the caller.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from io import BytesIO
from typing import Any

from kehoach.extractors.vntext_legacy import legacy_font_converter, vni_table, vni_to_unicode

# In the standard TrueType glyph order, ASCII character c has glyph id ord(c) - 29 ("0" is 19).
ASCII_GLYPH_OFFSET = 29
DEFAULT_MIN_ASCII_ENTRIES = 8

_GLYPH_CODE = re.compile(r"^\(cid:(\d+)\)$")
_SUBSET_PREFIX = re.compile(r"^[A-Z]{6}\+")

Char = dict[str, Any]


def base_font(fontname: str) -> str:
    """The font name without its subset prefix: "KERPTY+TimesNewRomanPSMT" -> "TimesNewRomanPSMT"."""
    return _SUBSET_PREFIX.sub("", fontname)


def _family_style(name: str) -> tuple[str, bool, bool]:
    """("timesnewroman", bold, italic) for "TimesNewRomanPS-BoldMT", "TimesNewRoman,BoldItalic", ..."""
    low = re.sub(r"[^a-z]", "", name.lower())
    bold = "bold" in low
    italic = "italic" in low or "oblique" in low
    family = re.sub(r"(bolditalic|bold|italic|oblique|regular|psmt|mt|ps)", "", low)
    return family, bold, italic


@dataclass(frozen=True)
class GlyphTable:
    """Glyph id -> character, per base font name; `source` and `as_of` say where the pairs came from."""

    fonts: Mapping[str, Mapping[int, str]] = field(default_factory=dict)
    source: str = ""
    as_of: str = ""

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> GlyphTable:
        """From `{"source", "as_of", "fonts": {font: {gid: char}}}` (or the bare `fonts` mapping)."""
        fonts_data = data.get("fonts", data)
        if not isinstance(fonts_data, Mapping):
            raise ValueError("a glyph table needs a 'fonts' mapping of font name -> {glyph id: char}")
        fonts: dict[str, dict[int, str]] = {}
        for name, pairs in fonts_data.items():
            if name in ("source", "as_of") or not isinstance(pairs, Mapping):
                continue
            fonts[str(name)] = {
                int(gid): str(ch) for gid, ch in pairs.items() if _usable_char(str(ch))
            }
        return cls(fonts=fonts, source=str(data.get("source", "")), as_of=str(data.get("as_of", "")))

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "as_of": self.as_of,
            "fonts": {
                name: {str(gid): ch for gid, ch in sorted(pairs.items())}
                for name, pairs in sorted(self.fonts.items())
            },
        }

    def merged(self, other: GlyphTable) -> GlyphTable:
        """This table extended by `other`; where both know a glyph id, `other` wins."""
        fonts = {name: dict(pairs) for name, pairs in self.fonts.items()}
        for name, pairs in other.fonts.items():
            fonts.setdefault(name, {}).update(pairs)
        source = "; ".join(s for s in (self.source, other.source) if s)
        return GlyphTable(fonts=fonts, source=source, as_of=max(self.as_of, other.as_of))

    def for_font(self, fontname: str) -> Mapping[int, str] | None:
        """The pairs for a font, found by base name, else by family and style."""
        base = base_font(fontname)
        if base in self.fonts:
            return self.fonts[base]
        wanted = _family_style(base)
        for name, pairs in self.fonts.items():
            if _family_style(name) == wanted:
                return pairs
        return None


def _usable_char(ch: str) -> bool:
    return bool(ch) and ch not in ("\uffff", "\ufffd") and all(c >= " " for c in ch)


# --- the fonts of a document, read from pdfminer objects ----------------------------------------


@dataclass(frozen=True, slots=True)
class FontInfo:
    """What a page resource says about one font: its name, whether it is a CID font, its maps."""

    name: str
    cid: bool
    to_unicode: Mapping[int, str]
    cid_to_gid: Mapping[int, int] | None = None  # None: Identity

    def gid(self, cid: int) -> int:
        return cid if self.cid_to_gid is None else self.cid_to_gid.get(cid, cid)

    def glyph_pairs(self) -> dict[int, str]:
        """ToUnicode entries keyed by glyph id."""
        return {self.gid(code): ch for code, ch in self.to_unicode.items() if _usable_char(ch)}

    def codes_are_glyph_ids(self, min_ascii: int = DEFAULT_MIN_ASCII_ENTRIES) -> bool:
        """True when its ToUnicode pairs ASCII as glyph id = code point - 29 (no renumbering)."""
        ascii_pairs = [(gid, ch) for gid, ch in self.glyph_pairs().items() if len(ch) == 1 and " " < ch < "\x7f"]
        if len(ascii_pairs) < min_ascii:
            return False
        return all(gid == ord(ch) - ASCII_GLYPH_OFFSET for gid, ch in ascii_pairs)


def _resolve(obj: Any) -> Any:
    from pdfminer.pdftypes import resolve1

    return resolve1(obj)


def _name(obj: Any) -> str:
    from pdfminer.psparser import literal_name

    value = literal_name(_resolve(obj))
    return value.decode("latin-1") if isinstance(value, bytes) else str(value)


def _unicode_map(stream: Any) -> dict[int, str]:
    from pdfminer.cmapdb import CMapParser, FileUnicodeMap

    cmap = FileUnicodeMap()
    try:
        CMapParser(cmap, BytesIO(stream.get_data())).run()
    except Exception:  # a broken ToUnicode stream is treated as absent
        return {}
    return {int(code): str(ch) for code, ch in cmap.cid2unichr.items()}


def _cid_to_gid(obj: Any) -> dict[int, int] | None:
    value = _resolve(obj)
    if value is None or not hasattr(value, "get_data"):
        return None  # Identity, or absent (which means Identity for CIDFontType2)
    data = value.get_data()
    return {i // 2: (data[i] << 8) | data[i + 1] for i in range(0, len(data) - 1, 2)}


def font_info(font: Mapping[str, Any]) -> FontInfo:
    """Read one font dictionary (pdfminer objects) into a FontInfo."""
    name = _name(font.get("BaseFont", "")) if font.get("BaseFont") is not None else ""
    tounicode = _resolve(font.get("ToUnicode"))
    to_unicode = _unicode_map(tounicode) if tounicode is not None and hasattr(tounicode, "get_data") else {}
    subtype = _name(font.get("Subtype", "")) if font.get("Subtype") is not None else ""
    if subtype != "Type0":
        return FontInfo(name=name, cid=False, to_unicode=to_unicode)
    descendants = _resolve(font.get("DescendantFonts")) or []
    descendant = _resolve(descendants[0]) if descendants else {}
    cid_to_gid = _cid_to_gid(descendant.get("CIDToGIDMap")) if isinstance(descendant, Mapping) else None
    return FontInfo(name=name, cid=True, to_unicode=to_unicode, cid_to_gid=cid_to_gid)


def _iter_font_dicts(resources: Any, seen: set[int]) -> Iterator[Mapping[str, Any]]:
    resources = _resolve(resources)
    if not isinstance(resources, Mapping) or id(resources) in seen:
        return
    seen.add(id(resources))
    fonts = _resolve(resources.get("Font")) or {}
    if isinstance(fonts, Mapping):
        for font in fonts.values():
            font = _resolve(font)
            if isinstance(font, Mapping):
                yield font
    xobjects = _resolve(resources.get("XObject")) or {}
    if isinstance(xobjects, Mapping):
        for xobject in xobjects.values():
            xobject = _resolve(xobject)
            attrs = getattr(xobject, "attrs", None)
            if attrs is not None and _name(attrs.get("Subtype", "")) == "Form":
                yield from _iter_font_dicts(attrs.get("Resources"), seen)


def page_fonts(page_obj: Any) -> dict[str, FontInfo]:
    """The fonts a pdfminer page (pdfplumber's `page.page_obj`) uses, by name as pdfplumber reports it."""
    fonts: dict[str, FontInfo] = {}
    for font in _iter_font_dicts(page_obj.resources, set()):
        info = font_info(font)
        if info.name:
            fonts.setdefault(info.name, info)
    return fonts


# --- decoding ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FontDecoder:
    """Glyph id -> character for one font of one document, after checking the table fits it."""

    font: FontInfo
    pairs: Mapping[int, str]

    def decode(self, cid: int) -> str | None:
        return self.pairs.get(self.font.gid(cid))


def learnt_pairs(fonts: Iterable[FontInfo], min_ascii: int = DEFAULT_MIN_ASCII_ENTRIES) -> dict[str, dict[int, str]]:
    """Glyph id -> char per base font, from the CID fonts whose ToUnicode codes are glyph ids."""
    votes: dict[str, dict[int, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    for font in fonts:
        if font.cid and font.codes_are_glyph_ids(min_ascii):
            for gid, ch in font.glyph_pairs().items():
                votes[base_font(font.name)][gid][ch] += 1
    return {
        base: {gid: counter.most_common(1)[0][0] for gid, counter in by_gid.items()}
        for base, by_gid in votes.items()
    }


def font_decoders(
    fonts: Mapping[str, FontInfo], table: GlyphTable | None, document_pairs: Mapping[str, Mapping[int, str]] | None = None
) -> dict[str, FontDecoder]:
    """A decoder for each CID font whose codes the document's maps and the table can decode."""
    decoders: dict[str, FontDecoder] = {}
    document_pairs = document_pairs or {}
    for name, font in fonts.items():
        if not font.cid:
            continue
        pairs: dict[int, str] = dict(table.for_font(name) or {}) if table else {}
        pairs.update(document_pairs.get(base_font(name), {}))
        if not pairs or not _fits(font, pairs):
            continue
        pairs.update(font.glyph_pairs())
        decoders[name] = FontDecoder(font=font, pairs=pairs)
    return decoders


def _fits(font: FontInfo, pairs: Mapping[int, str]) -> bool:
    """False when the font's own ToUnicode entries mostly disagree with the pairs (codes not glyph ids)."""
    agree = disagree = 0
    for gid, ch in font.glyph_pairs().items():
        known = pairs.get(gid)
        if known is not None:
            agree += known == ch
            disagree += known != ch
    return disagree <= agree


@dataclass(slots=True)
class RepairStats:
    """How many characters a repair saw undecoded, decoded, and converted from a legacy font."""

    codes: int = 0
    decoded: int = 0
    legacy: int = 0

    @property
    def undecoded(self) -> int:
        return self.codes - self.decoded


def repair_chars(
    chars: list[Char], decoders: Mapping[str, FontDecoder], stats: RepairStats | None = None
) -> list[Char]:
    """pdfplumber chars with glyph codes decoded and legacy-font text in Unicode (new dicts where changed).

    A VNI base letter and the mark after it become one character spanning both boxes.
    """
    stats = stats if stats is not None else RepairStats()
    converters: dict[str, Callable[[str], str] | None] = {}
    vni = vni_table()
    out: list[Char] = []
    i = 0
    while i < len(chars):
        char = chars[i]
        text = char.get("text", "")
        fontname = char.get("fontname", "")
        match = _GLYPH_CODE.match(text)
        if match:
            stats.codes += 1
            decoder = decoders.get(fontname)
            decoded = decoder.decode(int(match.group(1))) if decoder else None
            if decoded is not None:
                stats.decoded += 1
                char = {**char, "text": decoded}
            out.append(char)
            i += 1
            continue
        if fontname not in converters:
            converters[fontname] = legacy_font_converter(fontname)
        convert = converters[fontname]
        if convert is None:
            out.append(char)
            i += 1
            continue
        following = chars[i + 1] if i + 1 < len(chars) else None
        if (
            following is not None
            and following.get("fontname") == fontname
            and text + following.get("text", "") in vni
            and convert is vni_to_unicode
        ):
            merged = vni[text + following.get("text", "")]
            char = {**char, "text": merged, "x1": following["x1"], "width": following["x1"] - char["x0"]}
            i += 2
        else:
            converted = convert(text)
            if converted != text:
                char = {**char, "text": converted}
            i += 1
        stats.legacy += 1
        out.append(char)
    return out


def glyph_code_share(chars: Iterable[Char]) -> float:
    """Share of a page's characters that are undecoded glyph codes."""
    total = codes = 0
    for char in chars:
        total += 1
        codes += bool(_GLYPH_CODE.match(char.get("text", "")))
    return codes / total if total else 0.0


def document_fonts(page_objs: Iterable[Any]) -> dict[str, FontInfo]:
    """The fonts of every page of a document (pdfminer page objects), by name."""
    fonts: dict[str, FontInfo] = {}
    for page_obj in page_objs:
        for name, info in page_fonts(page_obj).items():
            fonts.setdefault(name, info)
    return fonts


def document_decoders(page_objs: Iterable[Any], table: GlyphTable | None) -> dict[str, FontDecoder]:
    """Decoders for the CID fonts of a document: its own maps first, then `table`."""
    fonts = document_fonts(page_objs)
    return font_decoders(fonts, table, learnt_pairs(fonts.values()))


def learn_glyph_table(
    documents: Iterable[bytes], *, source: str = "", as_of: str = "", min_ascii: int = DEFAULT_MIN_ASCII_ENTRIES
) -> GlyphTable:
    """A glyph table learnt from born-digital PDFs whose ToUnicode codes are glyph ids.

    Each glyph id takes the character most font instances give it. Merge the result into the shipped
    table with `GlyphTable.merged`.
    """
    import pdfplumber

    votes: dict[str, dict[int, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    for data in documents:
        with pdfplumber.open(BytesIO(data)) as pdf:
            fonts = document_fonts(page.page_obj for page in pdf.pages)
        for font in fonts.values():
            if font.cid and font.codes_are_glyph_ids(min_ascii):
                for gid, ch in font.glyph_pairs().items():
                    votes[base_font(font.name)][gid][ch] += 1
    fonts_table = {
        base: {gid: counter.most_common(1)[0][0] for gid, counter in by_gid.items()}
        for base, by_gid in votes.items()
    }
    return GlyphTable(fonts=fonts_table, source=source, as_of=as_of)
