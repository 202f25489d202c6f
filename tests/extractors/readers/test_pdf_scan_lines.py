"""Scans: the page turned straight, coloured ink masked, lines kept as Tesseract segmented them, and
doubtful OCR text said so."""

from __future__ import annotations

from pathlib import Path

import pytest

from kehoach.extractors.layout import Layout, LayoutSource, PageInfo
from kehoach.extractors.readers.pdf.lines import line_text, words_to_lines
from kehoach.extractors.readers.pdf.ocr import OcrSettings, ocr_pages, tsv_to_words
from kehoach.extractors.readers.pdf.ocr_doubts import (
    garbled_numbers,
    longest_invalid_run,
    page_doubt,
)
from kehoach.extractors.readers.pdf.ocr_fixes import (
    council_level,
    joins_number,
    numbered_heading,
    repaired_word,
    roman_heading,
)
from kehoach.extractors.readers.pdf.page import PageWord
from kehoach.extractors.readers.pdf.scan_image import estimate_skew, mask_coloured_ink, rotate
from kehoach.extractors.readers.pdf.settings import PdfSettings
from kehoach.pipeline.run import _doubtful_pages

ROOT = Path(__file__).parents[3]
SEED = ROOT / "samples" / "lang-son-129-KH-UBND-2019.pdf"
TSV_HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
QNG_SCAN = ROOT / "tests" / "corpus" / "documents" / "qng-ct-tet2022-scan.pdf"


def _seed_page(dpi: int = 150):
    import pypdfium2

    pdf = pypdfium2.PdfDocument(SEED.read_bytes())
    try:
        return pdf[0].render(scale=dpi / 72).to_numpy()[:, :, :3].copy()
    finally:
        pdf.close()


@pytest.mark.parametrize("angle", [1.2, -0.7, 0.4])
def test_skew_is_measured_and_turned_back(angle: float) -> None:
    import cv2

    gray = cv2.cvtColor(_seed_page(), cv2.COLOR_BGR2GRAY)
    assert estimate_skew(gray, 150) == 0.0
    skewed = rotate(gray, angle)
    assert estimate_skew(skewed, 150) == pytest.approx(-angle, abs=0.1)


def test_coloured_ink_is_masked_black_print_kept() -> None:
    import cv2

    page = _seed_page()
    gray = cv2.cvtColor(page, cv2.COLOR_BGR2GRAY)
    stamped = page.copy()
    cv2.circle(stamped, (400, 900), 120, (40, 40, 210), 12)  # a red seal (BGR)
    cv2.putText(stamped, "CONG VAN DEN", (300, 910), cv2.FONT_HERSHEY_SIMPLEX, 1.2, (200, 60, 30), 3)  # blue
    drawn = (stamped != page).any(axis=2)
    assert drawn.sum() > 1000
    masked = mask_coloured_ink(stamped)
    on_paper = drawn & (page.min(axis=2) == 255)
    assert (masked[on_paper] >= 190).mean() > 0.99  # only faint edges of the ink stay, near paper white
    assert (masked[drawn] == 255).mean() > 0.9
    assert (masked[~drawn] == gray[~drawn]).all()  # black print untouched


def _word(text: str, x0: float, top: float, line: int, height: float = 12.0) -> PageWord:
    return PageWord(text=text, x0=x0, x1=x0 + 7 * len(text), top=top, bottom=top + height, size=12.0, line=line)


def test_engine_lines_do_not_interleave_on_a_slant() -> None:
    # Two lines of one column on a slant: their right ends sit lower, overlapping the next line's band.
    first = "Chính phủ ban hành Nghị định quy định chi tiết".split()
    second = "Căn cứ Quyết định số 163/2024/QH15 của Quốc hội".split()
    words = [_word(t, 40 + 100 * i, 100 + 1.6 * i, line=0) for i, t in enumerate(first)]
    words += [_word(t, 40 + 100 * i, 112 + 1.6 * i, line=1) for i, t in enumerate(second)]
    lines = words_to_lines(words, PdfSettings())
    assert [line_text(ln, PdfSettings()) for ln in lines] == [" ".join(first), " ".join(second)]


def test_engine_lines_side_by_side_are_one_visual_line() -> None:
    words = [_word("UBND", 40, 60, line=0), _word("TỈNH", 80, 60, line=0)]
    words += [_word("CỘNG", 300, 61, line=1), _word("HÒA", 340, 61, line=1)]
    lines = words_to_lines(words, PdfSettings())
    assert [[w.text for w in ln.words] for ln in lines] == [["UBND", "TỈNH", "CỘNG", "HÒA"]]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Tổng kinh phí: 3.A25. 000.HH đồng", ["3.A25.", "000.HH"]),
        ("tổng số 16.925.000. 000 đồng", ["16.925.000. 000"]),
        ("kinh phí 1.75.000 đồng", ["1.75.000"]),
        ("tổng số 16.925.000.000 đồng, năm 2021. 100 người", []),
        ("Điều 1.2. Mục 3.a) Số 163/2024/QH15 và 1.200,5 tỷ", []),
    ],
)
def test_garbled_numbers(text: str, found: list[str]) -> None:
    assert garbled_numbers(text) == found


def test_interleaved_words_make_a_run_of_non_syllables() -> None:
    assert longest_invalid_run("về việc nhâmtăng cườngdằn nămcác biện phápđầm ấm") >= 3
    assert longest_invalid_run("về việc tăng cường các biện pháp UBND tỉnh 10 kg") == 0


def _page(lines: list[str]) -> list[PageWord]:
    return [_word(t, 40 + 100 * i, 100 + 20 * k, line=k) for k, line in enumerate(lines) for i, t in enumerate(line.split())]


def test_page_doubt_names_its_reasons() -> None:
    clean = ["Kinh phí thực hiện là 16.925.000.000 đồng"] * 10
    assert page_doubt(_page(clean), 0.98) is None
    amount = page_doubt(_page(["Tổng kinh phí: 3.A25. 000.HH đồng", *clean]), 0.97)
    assert amount is not None and '"3.A25."' in amount
    mixed = ["Chính Cănphủ quycứ Nghịđịnh số 12 về"] * 3 + clean
    assert "3 of 13 lines garbled" in (page_doubt(_page(mixed), 0.9) or "")
    assert "only 70%" in (page_doubt(_page(clean), 0.7) or "")


def test_doubtful_page_is_a_warning_finding() -> None:
    layout = Layout(
        source=LayoutSource(path="x.pdf", format="pdf", sha256="0"), text="", blocks=[],
        page_info=[
            PageInfo(number=1, origin="ocr", quality=0.98),
            PageInfo(number=2, origin="ocr", quality=0.97, doubt='garbled numbers "3.A25."'),
        ],
    )
    found = _doubtful_pages(layout)
    assert [(f.code, f.severity) for f in found] == [("OCR_TEXT_DOUBTFUL", "warning")]
    assert "page 2" in found[0].message and "3.A25." in found[0].message


def test_real_scan_lines_read_as_tesseract_reads_them(tmp_path: Path) -> None:
    """Page 1 of a real, slightly skewed scan: these lines came out interleaved with their neighbours
    ("về việc nhâmtăng cườngdằn nămcác biện2022 ...") when lines were rebuilt from word boxes."""
    page = ocr_pages(QNG_SCAN.read_bytes(), [1], OcrSettings(cache_dir=str(tmp_path)))[1]
    assert not isinstance(page, Exception)
    assert page.skew != 0.0
    texts = [line_text(ln, PdfSettings()) for ln in words_to_lines(page.words, PdfSettings())]
    assert "việc tổ chức Tết Nhâm Dần năm 2022, Công điện số 1725/CĐ-TTg ngày" in texts
    assert any(t.startswith("13/12/2021 của Thủ tướng Chính phủ về bảo đảm trật tự, an toàn giao thông") for t in texts)
    assert page_doubt(page.words, None) is None


@pytest.mark.parametrize(
    ("first", "rest", "fixed"),
    [
        ("HI.", ["PHẠM", "VI,"], "III."),
        ("Il.", ["NHIỆM", "VỤ"], "II."),
        ("1V.", ["TỔ", "CHỨC"], "IV."),
        ("1.", ["Tổ", "chức"], "1."),
        ("HI.", ["Phạm", "vi"], "HI."),
        ("V.", ["KINH", "PHÍ"], "V."),
    ],
)
def test_roman_numeral_of_a_heading_is_repaired(first: str, rest: list[str], fixed: str) -> None:
    assert roman_heading(first, rest) == fixed


@pytest.mark.parametrize(
    ("first", "rest", "fixed"),
    [
        ("7,", ["Sở", "Giao"], "7."),  # qng-ct-tet2022-scan, page 6
        ("2.1,", ["Tổ", "chức"], "2.1."),
        ("7,", ["8", "và"], "7,"),
        ("7,", ["các", "xã"], "7,"),
        ("2021,", ["Ủy", "ban"], "2021,"),
    ],
)
def test_a_number_s_dot_read_as_a_comma_is_repaired(first: str, rest: list[str], fixed: str) -> None:
    assert numbered_heading(first, rest) == fixed


def test_amount_split_after_a_dot_is_one_word() -> None:
    tsv = TSV_HEADER + "".join(
        f"5\t1\t1\t1\t1\t{i + 1}\t{left}\t600\t{width}\t50\t90\t{text}\n"
        for i, (left, width, text) in enumerate([(300, 120, "tổng"), (440, 330, "16.925.000."), (790, 110, "000"), (920, 120, "đồng")])
    )
    assert [w.text for w in tsv_to_words(tsv, 300)] == ["tổng", "16.925.000.000", "đồng"]
    assert joins_number("16.925.000.", "000;") and not joins_number("2021.", "100")


@pytest.mark.parametrize(
    ("word", "fixed"),
    [
        ("QUYÉT", "QUYẾT"),  # "uyet" takes a circumflex: only "QUYẾT" fits
        ("QUYÉT:ĐỊNH", "QUYẾT ĐỊNH"),
        ("câp", "câp"),  # "cấp" or "cập": two fit, left as read
        ("TĨNH", "TĨNH"),  # a syllable already
        ("UBND", "UBND"),
        ("Covid-19,", "Covid-19,"),
        ("Email:", "Email:"),
        ("143/\u20442025/QH15", "143/2025/QH15"),
        ("38/2025\u2044TT-BCT", "38/2025/TT-BCT"),
    ],
)
def test_a_misread_mark_is_put_right_only_where_one_syllable_fits(word: str, fixed: str) -> None:
    assert repaired_word(word) == fixed


@pytest.mark.parametrize(
    ("word", "before", "fixed"),
    [
        ("TĨNH", ["NHÂN", "DÂN"], "TỈNH"),
        ("TINH", ["UBND"], "TỈNH"),
        ("tĩnh", ["nhân", "dân"], "tỉnh"),
        ("XA", ["NHÂN", "DÂN"], "XÃ"),
        ("tính", ["việc"], "tính"),
        ("TINH", [], "TINH"),
    ],
)
def test_the_level_of_a_council_is_read_with_its_marks(word: str, before: list[str], fixed: str) -> None:
    assert council_level(word, before) == fixed


def test_letterhead_level_under_the_committee_line_on_a_real_scan(tmp_path: Path) -> None:
    """The letterhead of a real scanned permit: "ỦY BAN NHÂN DÂN" over "TỈNH LÀO CAI" (Tesseract reads
    the bold "TỈNH" as "TĨNH" and the line next to it in the other column as part of its line)."""
    scan = ROOT / "samples" / "real" / "lao-cai-gp-2507-ubnd-su-dung-vlncn-scanned.pdf"
    page = ocr_pages(scan.read_bytes(), [1], OcrSettings(cache_dir=str(tmp_path)))[1]
    assert not isinstance(page, Exception)
    texts = [line_text(ln, PdfSettings()) for ln in words_to_lines(page.words, PdfSettings())]
    assert any(t.startswith("TỈNH LÀO CAI") for t in texts), texts[:4]
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÀO CAI" in texts


def test_a_speck_alone_on_its_line_is_dropped_a_dash_is_kept() -> None:
    """Under a signature Tesseract reads a speck of ink as "~" on a line of its own (a real signed scan);
    a table prints "-" alone in an empty cell."""
    lines = [(1, 300, "KT."), (1, 420, "BỘ"), (1, 520, "TRƯỞNG"), (2, 700, "~"), (3, 300, "-"), (4, 300, "Trương")]
    tsv = TSV_HEADER + "".join(
        f"5\t1\t1\t1\t{line}\t1\t{left}\t{600 + 60 * line}\t90\t50\t90\t{text}\n" for line, left, text in lines
    )
    assert [w.text for w in tsv_to_words(tsv, 300)] == ["KT.", "BỘ", "TRƯỞNG", "-", "Trương"]
