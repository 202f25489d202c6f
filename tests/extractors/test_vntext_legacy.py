import unicodedata

import pytest

from kehoach.extractors.vntext_legacy import (
    decode_legacy_text,
    fix_legacy_text,
    font_family,
    legacy_font_converter,
    tcvn3_table,
    tcvn3_to_unicode,
    vni_table,
    vni_to_unicode,
)

SENTENCE = "Lào Cai, ngày 10 tháng 3 năm 2026. Cộng hòa xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc"

# Every TCVN3 code (as bytes) and what it stands for, checked against glibc's TCVN5712-1 (VN3 subset).
TCVN3_CODES = bytes.fromhex(
    "a1a2a3a4a5a6a7a8a9aaabacadaeb5b6b7b8b9bbbcbdbec6c7c8c9cacbcccecfd0d1d2d3d4d5d6d7d8dcdddedfe1e2e3e4"
    "e5e6e7e8e9eaebecedeeeff1f2f3f4f5f6f7f8f9fafbfcfdfe"
)
TCVN3_LETTERS = (
    "ĂÂÊÔƠƯĐăâêôơưđàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
)
ALL_LOWER = (
    "aáàảãạăắằẳẵặâấầẩẫậeéèẻẽẹêếềểễệiíìỉĩịoóòỏõọôốồổỗộơớờởỡợuúùủũụưứừửữựyýỳỷỹỵđ"
)


def test_tcvn3_golden_table() -> None:
    assert "".join(tcvn3_table()[chr(b)] for b in TCVN3_CODES) == TCVN3_LETTERS
    assert len(tcvn3_table()) == len(TCVN3_CODES)


def test_vni_table_covers_every_letter_once() -> None:
    values = list(vni_table().values())
    expected = set(ALL_LOWER + ALL_LOWER.upper()) - set("aeiouyAEIOUY")
    assert set(values) == expected
    assert len(values) == len(expected)


@pytest.mark.parametrize(
    ("legacy", "unicode"),
    [
        ("ubnd tØnh Lµo Cai", "ubnd tỉnh Lào Cai"),
        ("Ch\u00ad¬ng II: ThiÕt kÕ thi c«ng", "Chương II: Thiết kế thi công"),
        ("Sè: 1105/KH-§KT", "Số: 1105/KH-ĐKT"),
        ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
    ],
    ids=["metadata-title-qd-1050", "metadata-title-panm", "number-line", "motto"],
)
def test_tcvn3_to_unicode(legacy: str, unicode: str) -> None:
    assert tcvn3_to_unicode(legacy) == unicode


def test_tcvn3_capitals_font() -> None:
    assert tcvn3_to_unicode("uû ban nh©n d©n tØnh", capitals=True) == "UỶ BAN NHÂN DÂN TỈNH"


@pytest.mark.parametrize(
    ("legacy", "unicode"),
    [
        ("Laøo Cai, ngaøy 10 thaùng 3 naêm 2026", "Lào Cai, ngày 10 tháng 3 năm 2026"),
        ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
        ("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        ("tröôøng, kyû thuaät, ngöôøi, quyeát ñònh", "trường, kỷ thuật, người, quyết định"),
        ("Kinh phí, chæ tieâu, hieäu quaû, yù kieán", "Kinh phí, chỉ tiêu, hiệu quả, ý kiến"),
    ],
)
def test_vni_to_unicode(legacy: str, unicode: str) -> None:
    assert vni_to_unicode(legacy) == unicode


@pytest.mark.parametrize(
    ("fontname", "family", "sample", "expected"),
    [
        ("IEMIUK+VnTime", "VnTime", "Lµo", "Lào"),
        ("ABCDEF+.VnTimeH", ".VnTimeH", "Lµo", "LÀO"),
        (".VnArial,Bold", ".VnArial", "§«ng", "Đông"),
        ("VNI-Times", "VNI-Times", "Laøo", "Lào"),
    ],
)
def test_legacy_font_converter(fontname: str, family: str, sample: str, expected: str) -> None:
    assert font_family(fontname) == family
    convert = legacy_font_converter(fontname)
    assert convert is not None and convert(sample) == expected


@pytest.mark.parametrize("fontname", ["BKGTFV+TimesNewRomanPSMT", "Arial", "Helvetica"])
def test_not_legacy_fonts(fontname: str) -> None:
    assert legacy_font_converter(fontname) is None


def _cp1258(text: str) -> bytes:
    """Windows-1258 bytes: precomposed base letters, tones as combining marks."""
    out = b""
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", ch)
            tone = [m for m in marks if m in "\u0300\u0301\u0303\u0309\u0323"]
            rest = [m for m in marks if m not in tone]
            out += unicodedata.normalize("NFC", base + "".join(rest)).encode("cp1258")
            out += "".join(tone).encode("cp1258")
    return out


def _tcvn3(text: str) -> bytes:
    reverse = {v: k for k, v in tcvn3_table().items()}
    return "".join(reverse.get(ch, ch) for ch in text.lower()).encode("latin-1")


def _vni(text: str) -> bytes:
    reverse = {v: k for k, v in vni_table().items()}
    return "".join(reverse.get(ch, ch) for ch in text).encode("cp1252")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (SENTENCE.encode("utf-8"), SENTENCE),
        (b"\xef\xbb\xbf" + SENTENCE.encode("utf-8"), SENTENCE),
        (SENTENCE.encode("utf-16"), SENTENCE),
        (unicodedata.normalize("NFD", SENTENCE).encode("utf-8"), SENTENCE),
        (_cp1258(SENTENCE), SENTENCE),
        (_tcvn3(SENTENCE), SENTENCE.lower()),
        (_vni(SENTENCE), SENTENCE),
    ],
    ids=["utf8", "utf8-bom", "utf16", "decomposed", "cp1258", "tcvn3", "vni"],
)
def test_decode_legacy_text(data: bytes, expected: str) -> None:
    assert decode_legacy_text(data) == expected


def test_fix_legacy_text_leaves_unicode_alone() -> None:
    assert fix_legacy_text(SENTENCE) == SENTENCE
    assert fix_legacy_text("Ch\u00ad¬ng II: ThiÕt kÕ thi c«ng") == "Chương II: Thiết kế thi công"
