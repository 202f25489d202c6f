"""The issuing body and its province, from the header lines or the number's suffix."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kehoach.extractors.metadata.lookup import Lookup
from kehoach.extractors.metadata.spelling import Speller, is_caps, place_case
from kehoach.extractors.vntext import collapse_spaces, comparison_key

if TYPE_CHECKING:
    from kehoach.extractors.reference import Province


_LOCALITY_KINDS = r"TỈNH|THÀNH\s+PHỐ|TP\.?|HUYỆN|QUẬN|THỊ\s+XÃ|THỊ\s+TRẤN|XÃ(?!\s+HỘI\b)|PHƯỜNG|ĐẶC\s+KHU"
_LOCALITY_LINE = re.compile(rf"^(?:{_LOCALITY_KINDS})\s+(?!ỦY\b)\S", re.I)
_LOCALITY_TAIL = re.compile(rf"\s(?P<loc>(?P<kind>{_LOCALITY_KINDS})\s+(?P<name>\S.*))$", re.I)
# The communes of the two-level local government (from 1 July 2025), and before it.
_COMMUNE_KINDS = ("XÃ", "PHƯỜNG", "THỊ TRẤN", "ĐẶC KHU")
_BODY_HEAD = re.compile(
    r"^(?:ỦY\s+BAN|UỶ\s+BAN|UBND|HĐND|HỘI\s+ĐỒNG|SỞ|BỘ|BAN|CỤC|CHI\s+CỤC|TỔNG\s+CỤC|VĂN\s+PHÒNG|"
    r"TRUNG\s+TÂM|PHÒNG|TỈNH\s+ỦY|THÀNH\s+ỦY|HUYỆN\s+ỦY|ĐẢNG\s+ỦY|ĐOÀN|THANH\s+TRA|CÔNG\s+AN|"
    r"CHÍNH\s+PHỦ|THỦ\s+TƯỚNG|QUỐC\s+HỘI|KIỂM\s+TOÁN|NGÂN\s+HÀNG|VIỆN|TÒA\s+ÁN|TRƯỜNG|BỆNH\s+VIỆN|"
    r"CƠ\s+QUAN|TỔ|HỘI|LIÊN\s+ĐOÀN|MẶT\s+TRẬN|BỘ\s+CHỈ\s+HUY|BQL)\b",
    re.I,
)
_MINISTRY = re.compile(r"^bộ\s")
# The Party's central organs, named for the Centre: "Ban Chấp hành Trung ương", "Văn phòng Trung ương
# Đảng", "Ban Tổ chức Trung ương" (not "... các tỉnh, thành phố trực thuộc Trung ương").
_OF_THE_CENTRE = re.compile(r"(?<!trực thuộc )\btrung ương(?: đảng)?$")
_GENERIC_UNITS = ("văn phòng", "thanh tra")
_LOCALITY_WORDS = {"tp": "thành phố", "tp.": "thành phố"}


@dataclass
class _Body:
    name: str  # as printed, without its locality
    locality_kind: str | None = None  # "TỈNH", "THÀNH PHỐ", ...
    locality_name: str | None = None


# "Y BAN NHÂN DÂN": a crawl that lost the "Ủ" of the letterhead (a glyph of its own on some pages).
_LOST_U = re.compile(r"^Y(?=\s+BAN\s+NHÂN\s+DÂN\b)")


def _wraps(previous: str, text: str, look: Lookup) -> bool:
    """"VĂN" / "PHÒNG CHÍNH PHỦ": one name wrapped after a word, not a body under another."""
    return " " not in previous or comparison_key(f"{previous} {text}") in look.names_by_key


def _lines_to_bodies(lines: list[str], look: Lookup) -> list[_Body]:
    """["UBND TỈNH ĐỒNG THÁP", "SỞ KHOA HỌC VÀ CÔNG NGHỆ"] -> two bodies; a locality line or a wrapped
    name ("ĐO LƯỜNG CHẤT LƯỢNG") continues the body above it."""
    joined: list[str] = []
    for line in lines:
        text = _LOST_U.sub("ỦY", collapse_spaces(line))
        if joined and (_LOCALITY_LINE.match(text) or not _BODY_HEAD.match(text) or _wraps(joined[-1], text, look)):
            joined[-1] = f"{joined[-1]} {text}"
        else:
            joined.append(text)
    bodies: list[_Body] = []
    for text in joined:
        match = _LOCALITY_TAIL.search(text)
        if match and text[: match.start()].strip():
            kind = collapse_spaces(match.group("kind")).upper()
            bodies.append(_Body(text[: match.start()].strip(), kind, match.group("name").strip()))
        else:
            bodies.append(_Body(text))
    return bodies


def _expand_abbreviations(name: str, look: Lookup) -> str:
    """"UBND TỈNH ĐỒNG THÁP" -> "ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP" for whole tokens the data knows."""
    out = []
    caps: bool | None = None  # whether the name is in capitals, asked once a token expands
    for token in name.split(" "):
        full = look.expansion(token) if token.isupper() and len(token) > 1 else None
        if full and caps is None:
            caps = is_caps(name)
        out.append((full.upper() if caps else full) if full else token)
    return " ".join(out)


def _locality_text(kind: str | None, name: str, look: Lookup) -> str:
    """"TỈNH", "CAO BẰNG" -> "tỉnh Cao Bằng" (the name as the province data spells it)."""
    province = look.reference.province_by_name(name)
    spelled = province.name if province is not None else place_case(name)
    word = (kind or "tỉnh").lower()
    return f"{_LOCALITY_WORDS.get(word, word)} {spelled}"


def _is_central(name: str, look: Lookup, has_locality: bool) -> bool:
    """A body of the State's centre: a central issuer of the data ("Bộ Công Thương", "Thủ tướng
    Chính phủ"), or a ministry ("Bộ ...") that names no locality ("Bộ Chỉ huy Quân sự tỉnh" is local)."""
    key = comparison_key(name)
    return key in look.central_keys or (
        not has_locality and bool(_MINISTRY.match(key) or _OF_THE_CENTRE.search(key))
    )


@dataclass
class _Issuer:
    name: str | None
    locality: str | None  # the province as printed in the header or the place, not yet canonical
    central: bool
    locality_kind: str | None = None  # "TỈNH", "XÃ", ... as printed in the header

    def level(self, look: Lookup, province: Province | None) -> str | None:
        """The contract's issuer_level: central, province (a province's council, committee or their
        departments) or commune; None for a level between them (a district before 2025) or unknown."""
        if self.central:
            return "central"
        if self.name is None or not _BODY_HEAD.match(self.name):
            return None  # a company or association is no level of the State
        kind = self.locality_kind
        if kind in _COMMUNE_KINDS:
            return "commune"
        if kind is None or self.locality is None:
            return "province" if province is not None else None
        named = look.reference.province_by_name(self.locality)
        word = _LOCALITY_WORDS.get(kind.lower(), kind.lower())
        return "province" if named is not None and named.kind == word else None


def issuer_from_header(lines: list[str], speller: Speller, look: Lookup) -> _Issuer | None:
    """["UBND TỈNH ĐỒNG THÁP", "SỞ KHOA HỌC VÀ CÔNG NGHỆ"] -> "Sở Khoa học và Công nghệ tỉnh Đồng Tháp"."""
    bodies = _lines_to_bodies(lines, look)
    if not bodies:
        return None
    locality = next(((b.locality_kind, b.locality_name) for b in reversed(bodies) if b.locality_name), None)
    top = speller.spell(_expand_abbreviations(bodies[0].name, look))
    central = _is_central(top, look, locality is not None)
    lowest = bodies[-1]
    name = speller.spell(_expand_abbreviations(lowest.name, look))
    if len(bodies) > 1 and comparison_key(lowest.name) in _GENERIC_UNITS and not lowest.locality_name:
        parent = bodies[-2]
        parent_name = speller.spell(_expand_abbreviations(parent.name, look))
        if parent.locality_name:
            parent_name = f"{parent_name} {_locality_text(parent.locality_kind, parent.locality_name, look)}"
        return _Issuer(f"{name} {parent_name}", locality[1] if locality else None, central,
                       locality[0] if locality else None)
    if locality is not None and not central:
        name = f"{name} {_locality_text(locality[0], locality[1], look)}"
    return _Issuer(name, locality[1] if locality else None, central, locality[0] if locality else None)


def issuer_from_suffix(suffix: str | None, speller: Speller, look: Lookup) -> _Issuer | None:
    """No header block: "27/KH-SKHCN" -> "Sở Khoa học và Công nghệ" (the province is added later)."""
    issuer = look.reference.issuer_by_abbreviation(suffix) if suffix else None
    if issuer is None:
        return None
    spelled = speller.in_text(issuer.name) or issuer.name
    return _Issuer(spelled, None, issuer.level == "central")


def with_province(issuer: _Issuer, province: Province) -> _Issuer:
    """A local body whose header (or number) does not name its province takes the place's."""
    if issuer.central or issuer.name is None or issuer.locality is not None:
        return issuer
    if comparison_key(province.name) in comparison_key(issuer.name):
        return issuer
    return _Issuer(f"{issuer.name} {province.kind} {province.name}", province.name, False, province.kind.upper())
