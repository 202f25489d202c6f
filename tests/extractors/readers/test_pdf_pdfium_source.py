"""The PDF page source through pdfium: words, spaces, rulings and unmapped fonts on the sample PDFs.

pdfplumber serves here as an independent oracle: on every born-digital sample page, the words built
from pdfium's characters are pdfplumber's words (same text, same place to a point).
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from kehoach.extractors.readers.pdf.lines import line_text, words_to_lines
from kehoach.extractors.readers.pdf.pdfium_source import PageSource, _View, open_document, read_page
from kehoach.extractors.readers.pdf.settings import PdfSettings
from kehoach.extractors.readers.pdf.text_layer import dedupe_overprinted, read_text_layer

SAMPLES = Path(__file__).resolve().parents[3] / "samples"
LANG_SON = SAMPLES / "lang-son-129-KH-UBND-2019.pdf"
AN_GIANG = SAMPLES / "an-giang-27-KH-SKHCN-2021.pdf"
BAN_QUA = SAMPLES / "real" / "lao-cai-gcn-dkdt-kcn-ban-qua.pdf"
PANM = SAMPLES / "real" / "lao-cai-phuong-an-no-min-duy-hieu-xuan-hoa.pdf"
GARBLED = SAMPLES / "real" / "lao-cai-kh-1105-dkt-kiem-tra-vlncn-garbled.pdf"
PROGRAMME = Path(__file__).resolve().parents[2] / "corpus" / "documents" / "bca-chuongtrinh-hoinghi-ctmtqg.pdf"
S = PdfSettings()


@cache
def _source(path: Path, page: int) -> PageSource:
    return read_page(open_document(path.read_bytes()), page - 1, S)


def _lines(path: Path, page: int) -> list[str]:
    content = read_text_layer(_source(path, page), S)
    return [line_text(line, S) for line in words_to_lines(content.words, S)]


def _plumber_words(path: Path, page: int) -> list[tuple[str, float, float]]:
    import pdfplumber
    from pdfplumber.utils.text import WordExtractor

    with pdfplumber.open(path) as pdf:
        chars = dedupe_overprinted([c for c in pdf.pages[page - 1].chars if c["upright"]])
    extractor = WordExtractor(x_tolerance=3, y_tolerance=3, extra_attrs=["fontname", "size"])
    return [(w["text"], w["x0"], w["x1"]) for w in extractor.extract_words(chars)]


@pytest.mark.parametrize(
    ("path", "page"),
    [
        (LANG_SON, 1), (LANG_SON, 4), (AN_GIANG, 1), (AN_GIANG, 3), (BAN_QUA, 1), (BAN_QUA, 9),
        (PROGRAMME, 1), (PANM, 1), (PANM, 2), (PANM, 3), (PANM, 16), (PANM, 19),
    ],
    ids=lambda v: v.stem[:20] if isinstance(v, Path) else str(v),
)
def test_words_are_pdfplumbers_words(path: Path, page: int) -> None:
    words = read_text_layer(_source(path, page), S).words
    theirs = _plumber_words(path, page)
    assert Counter((w.text, round(w.x0)) for w in words) == Counter((text, round(x0)) for text, x0, _ in theirs)
    # A word ends where the next char on its line starts (kerning may pull it in), or at a line's
    # end where its ink ends (the marks over "í" may reach past the advance): never 2 pt off.
    ends = {(text, round(x0)): x1 for text, x0, x1 in theirs}
    assert all(abs(w.x1 - ends[(w.text, round(w.x0))]) <= 2.0 for w in words)


def test_a_page_has_its_size_chars_and_no_unmapped_font() -> None:
    source = _source(LANG_SON, 1)
    assert (source.width, source.height) == (595.304, 841.8898)
    assert source.unmapped == 0
    words = read_text_layer(source, S).words
    assert [(w.text, round(w.x0, 1), round(w.x1, 1), w.bold) for w in words[:4]] == [
        ("ỦY", 142.1, 159.4, True), ("BAN", 162.4, 187.7, True), ("NHÂN", 190.7, 226.0, True),
        ("DÂN", 229.0, 255.0, True),
    ]


def test_a_space_drawn_as_its_own_text_object_still_parts_words() -> None:
    # pdfium's text page leaves out text objects that draw only a space; "Luật" and "số" are 2.2 pt apart.
    assert "- Luật số 42/2024/QH15 ngày 29 tháng 6 năm 2024; Luật quản lý, sử dụng vũ khí," in _lines(PANM, 2)


def test_ink_beyond_a_glyphs_advance_does_not_close_a_word_gap() -> None:
    # The marks of "ỗ" and the italic "p" reach past their advance into the gap before the next word.
    assert "q : Chỉ tiêu thuốc nổ trung bình cho lỗ khoan Φ76mm, q = 0,35 kg/m3;" in _lines(PANM, 19)
    assert any("hệ số phụ thuộc vào tính chất đất nền" in line for line in _lines(PANM, 16))


def test_a_line_end_hyphen_stays_a_hyphen() -> None:
    # pdfium marks a hyphen it takes for a hyphenation with U+FFFE.
    assert any(line.endswith("Nghị định số 165/2024/NĐ-") for line in _lines(PANM, 3))


def test_ruled_table_pages_give_ruling_segments() -> None:
    source = _source(PROGRAMME, 1)
    horizontal = [r for r in source.rules if abs(r.bottom - r.top) <= S.rule_thickness]
    vertical = [r for r in source.rules if abs(r.x1 - r.x0) <= S.rule_thickness]
    assert horizontal and vertical
    assert all(0 <= r.x0 <= r.x1 <= source.width and 0 <= r.top <= r.bottom <= source.height for r in source.rules)


def test_a_font_without_unicode_map_is_reported_not_guessed() -> None:
    source = _source(GARBLED, 1)
    assert source.unmapped > 100
    assert any(c["text"] == "\ufffd" for c in source.chars)


def test_page_rotation_turns_points_clockwise() -> None:
    view = _View(0, 0, 600, 800, 90)
    assert (view.width, view.height) == (800, 600)
    assert view.point(0, 800) == (800, 0)  # the unrotated top-left corner goes to the top right
    assert view.point(600, 800) == (800, 600)
    assert view.point(0, 0) == (0, 0)
    assert view.upright(0, 1, -1, 0)  # text running up the unrotated page reads left to right
    assert not view.upright(1, 0, 0, 1)
