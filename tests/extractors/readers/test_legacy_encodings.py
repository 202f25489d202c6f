"""Legacy Vietnamese encodings in every format: made from the Unicode samples with the converter's
inverse tables (tests/support/legacy_encode.py), read back to the same plan, with the conversion told.

TCVN3's normal fonts have no capital with a tone: in a one-byte TCVN3 file such a capital is written as
its small letter (a typist sets it in .VnTimeH, which a text file does not keep), so those plans are
compared without letter case. In DOCX the .VnTimeH runs keep it, and VNI has every capital."""

from __future__ import annotations

import json
import re
import unicodedata
from io import BytesIO
from pathlib import Path

import pytest

from kehoach.extractors.readers import read_document
from kehoach.extractors.readers.legacy_text import convert_text, decode_bytes, restore_capitals
from layout_checks import assert_grounded
from legacy_encode import legacy_docx, one_byte, to_tcvn3, to_vni
from kehoach.pipeline.run import extract_plan
from kehoach.schemas import Plan

SAMPLES = Path(__file__).resolve().parents[3] / "samples"
LANG_SON = "lang-son-129-KH-UBND-2019"
AN_GIANG = "an-giang-27-KH-SKHCN-2021"


def _plan(data: bytes, name: str) -> Plan:
    plan = extract_plan(data, name).plan
    assert plan is not None
    return plan


def _content(plan: Plan, *, casefold: bool = False) -> str:
    """What the reader's text decides: metadata, tasks, targets, budget (not the source or findings)."""
    data = plan.model_dump(mode="json", include={"document", "tasks", "units", "targets", "phases", "budget"})
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.casefold() if casefold else text


def _codes(plan: Plan, code: str) -> list[str]:
    return [f.message for f in plan.findings if f.code == code]


@pytest.fixture(scope="module")
def originals() -> dict[str, Plan]:
    return {
        f"{stem}.{ext}": _plan((SAMPLES / f"{stem}.{ext}").read_bytes(), f"{stem}.{ext}")
        for stem in (LANG_SON, AN_GIANG) for ext in ("txt", "docx", "html")
    }


def test_unicode_samples_are_not_converted(originals: dict[str, Plan]) -> None:
    for plan in originals.values():
        assert not _codes(plan, "LEGACY_ENCODING_CONVERTED")
        assert not _codes(plan, "TEXT_LAYER_UNREADABLE")
    assert originals[f"{LANG_SON}.txt"].document.issuer == "Ủy ban nhân dân tỉnh Lạng Sơn"
    assert len(originals[f"{LANG_SON}.txt"].tasks) > 10


# --- text files ------------------------------------------------------------------------------------

@pytest.mark.parametrize("stem", [LANG_SON, AN_GIANG])
def test_one_byte_tcvn3_text_file(originals: dict[str, Plan], stem: str) -> None:
    text = (SAMPLES / f"{stem}.txt").read_text(encoding="utf-8")
    data = one_byte(to_tcvn3(text))
    assert b"L\xb9ng S\xacn" in data or b"An Giang" in data  # "Lạng Sơn" in TCVN3 bytes
    plan = _plan(data, f"{stem}.txt")
    assert _content(plan, casefold=True) == _content(originals[f"{stem}.txt"], casefold=True)
    assert _codes(plan, "LEGACY_ENCODING_CONVERTED") and "TCVN3" in _codes(plan, "LEGACY_ENCODING_CONVERTED")[0]


@pytest.mark.parametrize("stem", [LANG_SON, AN_GIANG])
def test_one_byte_vni_text_file(originals: dict[str, Plan], stem: str) -> None:
    text = (SAMPLES / f"{stem}.txt").read_text(encoding="utf-8")
    plan = _plan(one_byte(to_vni(text)), f"{stem}.txt")
    assert _content(plan) == _content(originals[f"{stem}.txt"])
    assert "VNI" in _codes(plan, "LEGACY_ENCODING_CONVERTED")[0]


def test_utf8_mojibake_of_tcvn3_and_vni(originals: dict[str, Plan]) -> None:
    """A legacy file opened as Windows-1252 and saved as UTF-8: the legacy characters, in UTF-8."""
    text = (SAMPLES / f"{LANG_SON}.txt").read_text(encoding="utf-8")
    tcvn3 = _plan(to_tcvn3(text).encode("utf-8"), "mojibake.txt")
    vni = _plan(to_vni(text).encode("utf-8"), "mojibake.txt")
    assert tcvn3.document.issuer is not None
    assert tcvn3.document.issuer.casefold() == "ủy ban nhân dân tỉnh lạng sơn"
    assert _content(tcvn3, casefold=True) == _content(originals[f"{LANG_SON}.txt"], casefold=True)
    assert _content(vni) == _content(originals[f"{LANG_SON}.txt"])
    assert "TCVN3" in _codes(tcvn3, "LEGACY_ENCODING_CONVERTED")[0]


_TONES = "\u0300\u0301\u0303\u0309\u0323"


def _cp1258(text: str) -> bytes:
    """Windows-1258 as Word wrote it: precomposed letters where the code page has them, else the letter
    without its tone followed by the tone as a combining mark."""
    out = b""
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
            out += (base + "".join(c for c in parts if c in _TONES)).encode("cp1258")
    return out


def test_windows_1258_with_combining_tones_is_nfc() -> None:
    text = "Kế hoạch triển khai Đề án tăng cường hoạt động đo lường tỉnh Lạng Sơn"
    data = _cp1258(text)
    assert "\u0301" in data.decode("cp1258")  # tones really written as combining marks
    decoded = decode_bytes(data)
    assert decoded.text == text and unicodedata.is_normalized("NFC", decoded.text)
    assert decoded.encoding is None  # Windows-1258 is not a legacy font encoding: no conversion told


def test_capitals_of_tcvn3_without_its_fonts() -> None:
    assert restore_capitals("Kế HOẠCH\nNHIỆM Vụ Và GIẢI PHÁP\nSở KH&CN chủ trì") == (
        "KẾ HOẠCH\nNHIỆM VỤ VÀ GIẢI PHÁP\nSở KH&CN chủ trì"
    )
    assert restore_capitals("d) áp dụng hiệu quả", paragraph=True) == "d) Áp dụng hiệu quả"
    assert restore_capitals("áp dụng hiệu quả") == "áp dụng hiệu quả"  # a wrapped line may go on a sentence


def test_mixed_text_converts_only_the_legacy_lines() -> None:
    unicode_line = "Ủy ban nhân dân tỉnh Lạng Sơn ban hành Kế hoạch tổng kết công tác năm 2019"
    legacy_line = to_tcvn3("Sở Khoa học và Công nghệ chủ trì, phối hợp với các sở, ban, ngành liên quan")
    result = convert_text(f"{unicode_line}\n{legacy_line}\nTài chính")
    assert result.text.split("\n") == [
        unicode_line, "Sở Khoa học và Công nghệ chủ trì, phối hợp với các sở, ban, ngành liên quan", "Tài chính",
    ]
    assert (result.encoding, result.lines) == ("TCVN3", 1)


def test_unreadable_text_is_told() -> None:
    text = (SAMPLES / f"{LANG_SON}.txt").read_text(encoding="utf-8")
    scrambled = re.sub(r"[a-zA-Z]", lambda m: chr((ord(m.group()) - 97 + 13) % 26 + 97) if m.group().islower()
                       else chr((ord(m.group()) - 65 + 13) % 26 + 65), text)
    plan = _plan(scrambled.encode("utf-8"), "scrambled.txt")
    assert _codes(plan, "TEXT_LAYER_UNREADABLE")
    assert not _codes(plan, "LEGACY_ENCODING_CONVERTED")


# --- Word ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["TCVN3", "VNI"])
@pytest.mark.parametrize("stem", [LANG_SON, AN_GIANG])
def test_docx_runs_in_legacy_fonts(originals: dict[str, Plan], stem: str, encoding: str) -> None:
    data = legacy_docx((SAMPLES / f"{stem}.docx").read_bytes(), encoding)
    layout = read_document(data, f"{stem}.docx")
    assert_grounded(layout)
    plan = _plan(data, f"{stem}.docx")
    assert _content(plan) == _content(originals[f"{stem}.docx"])
    (message,) = _codes(plan, "LEGACY_ENCODING_CONVERTED")
    assert encoding in message and (".VnTime" in message if encoding == "TCVN3" else "VNI-Times" in message)


def test_docx_mixed_legacy_and_unicode_runs(originals: dict[str, Plan]) -> None:
    source = (SAMPLES / f"{LANG_SON}.docx").read_bytes()
    data = legacy_docx(source, "TCVN3", paragraphs=slice(0, None, 2))
    assert read_document(data, "mixed.docx").text == read_document(source, "original.docx").text
    plan = _plan(data, "mixed.docx")
    assert plan.document.issuer == "Ủy ban nhân dân tỉnh Lạng Sơn"
    assert _content(plan) == _content(originals[f"{LANG_SON}.docx"])


def test_docx_unicode_text_in_a_legacy_font_is_left_alone() -> None:
    source = (SAMPLES / f"{LANG_SON}.docx").read_bytes()
    import zipfile
    from io import BytesIO

    archive = zipfile.ZipFile(BytesIO(source))
    xml = archive.read("word/document.xml").decode("utf-8")
    assert 'w:rFonts w:ascii="Times New Roman"' in xml or "<w:rPr>" in xml
    relabelled = xml.replace("<w:rPr>", '<w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/>')
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in archive.infolist():
            target.writestr(item, relabelled if item.filename == "word/document.xml" else archive.read(item))
    layout = read_document(out.getvalue(), "unicode-in-vntime.docx")
    assert layout.text == read_document(source, "original.docx").text


# --- HTML ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("stem", [LANG_SON, AN_GIANG])
def test_html_in_a_legacy_font(originals: dict[str, Plan], stem: str) -> None:
    page = (SAMPLES / f"{stem}.html").read_text(encoding="utf-8")
    legacy = to_vni(page.replace("font-family:'Times New Roman'", "font-family:'VNI-Times'"))
    plan = _plan(legacy.encode("utf-8"), f"{stem}.html")
    assert _content(plan) == _content(originals[f"{stem}.html"])
    (message,) = _codes(plan, "LEGACY_ENCODING_CONVERTED")
    assert "VNI" in message and "vni-times" in message


def test_html_one_byte_tcvn3_without_a_charset(originals: dict[str, Plan]) -> None:
    page = (SAMPLES / f"{LANG_SON}.html").read_text(encoding="utf-8")
    page = re.sub(r'<meta[^>]*charset[^>]*>|encoding="UTF-8"', "", page, flags=re.IGNORECASE)
    plan = _plan(one_byte(to_tcvn3(page)), f"{LANG_SON}.html")
    assert _content(plan, casefold=True) == _content(originals[f"{LANG_SON}.html"], casefold=True)
    assert "TCVN3" in _codes(plan, "LEGACY_ENCODING_CONVERTED")[0]


def test_docx_legacy_text_in_a_unicode_font_is_found_by_content(originals: dict[str, Plan]) -> None:
    """TCVN3 codes left in Times New Roman (the font changed, the text not): garbage on screen, and
    still the plan once converted."""
    import zipfile
    from io import BytesIO

    legacy = legacy_docx((SAMPLES / f"{LANG_SON}.docx").read_bytes(), "TCVN3")
    archive = zipfile.ZipFile(BytesIO(legacy))
    xml = archive.read("word/document.xml").decode("utf-8")
    xml = xml.replace('".VnTimeH"', '"Times New Roman"').replace('".VnTime"', '"Times New Roman"')
    assert ".VnTime" not in xml and "L¹ng S¬n" in xml
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in archive.infolist():
            target.writestr(item, xml if item.filename == "word/document.xml" else archive.read(item))
    plan = _plan(out.getvalue(), "garbled.docx")
    # Words in capitals and paragraph starts get their capitals back (what .VnTimeH had drawn).
    assert _content(plan) == _content(originals[f"{LANG_SON}.docx"])
    (message,) = _codes(plan, "LEGACY_ENCODING_CONVERTED")
    assert "TCVN3" in message and "by their content" in message


def test_docx_unreadable_text_is_told() -> None:
    import docx

    document = docx.Document()
    for _ in range(8):
        document.add_paragraph("Xr ubnpu gevra xunv pbat gnp qb yhbat ubi gueb qbnau atuvrc gval Ynat Fba")
    buffer = BytesIO()
    document.save(buffer)
    layout = read_document(buffer.getvalue(), "rot13.docx")
    assert [(n.kind, n.where) for n in layout.notes] == [("unreadable", "the document's text")]


def _texts_to_judge() -> list[str]:
    samples = [path.read_text(encoding="utf-8") for path in sorted(SAMPLES.glob("*.txt"))]
    garbled = [to_tcvn3(text) for text in samples] + [to_vni(text) for text in samples]
    english = "The quick brown fox jumps over the lazy dog near the river bank. " * 8
    half = " ".join(f"{a} qwrt" for a in "một hai ba bốn năm sáu bảy tám chín mười".split() * 6)
    odd = "m² ½ Ⅻ x_y a1b2 UBND-TỈNH “Kế hoạch”, 2021; ngày\u00a0mới\tđiều\u2003khoản ٣٤ abc٣def"
    return [*samples, *garbled, english, half, half + " qwrt", "quá ít chữ", "", odd]


@pytest.mark.parametrize("text", _texts_to_judge(), ids=lambda text: text[:20])
def test_judge_sums_its_tokens_as_the_words_of_the_whole_text(text: str) -> None:
    from collections import Counter

    from kehoach.extractors.readers.legacy_text import (
        _WORD, UNREADABLE_MAX_SHARE, UNREADABLE_MIN_WORDS, judge, unreadable_text)
    from kehoach.extractors.vnsyllables import classify_word

    kinds = Counter()
    for word, count in Counter(_WORD.findall(text)).items():
        kinds[classify_word(word)] += count
    judged = judge(text)
    assert (judged.valid, judged.judged) == (kinds["valid"], kinds["valid"] + kinds["invalid"])
    assert unreadable_text(text) == (judged.judged >= UNREADABLE_MIN_WORDS and judged.share < UNREADABLE_MAX_SHARE)
