from pathlib import Path

import pytest

from kehoach.extractors.readers.pdf.page import PageWord
from kehoach.extractors.readers.pdf.quality import (
    QualitySettings,
    TextQuality,
    decide,
    image_cover,
    measure_texts,
    measure_words,
    vertical_coverage,
)

REAL = Path(__file__).parents[3] / "samples" / "real"
SEEDS = Path(__file__).parents[3] / "samples"


def _words(line: str, top: float = 100.0) -> list[PageWord]:
    return [PageWord(text=t, x0=10.0 * i, x1=10.0 * i + 8, top=top, bottom=top + 12) for i, t in enumerate(line.split())]


@pytest.mark.parametrize(
    ("line", "share"),
    [
        ("Lào Cai, ngày 10 tháng 3 năm 2026", 1.0),
        ("Số: 1105/KH-ĐKT của UBND tỉnh", 1.0),
        ("CVC H6A CHAT QUYET DINH", 0.25),
        ("(cid:54)(cid:1250) CÔNG", 0.5),
    ],
    ids=["date-line", "number-line-acronyms", "junk-ocr", "garbled"],
)
def test_measure_texts(line: str, share: float) -> None:
    assert measure_texts(line.split()).share == pytest.approx(share)


def test_glyph_codes_counted() -> None:
    assert measure_texts(["(cid:54)(cid:1250)", "CÔNG"]).glyph_codes == 2


def test_vertical_coverage_merges_overlaps() -> None:
    assert vertical_coverage([(0, 10), (5, 20), (50, 60)], 100) == pytest.approx(0.3)
    assert vertical_coverage([], 100) == 0.0


def test_image_cover_takes_largest_clipped_box() -> None:
    assert image_cover([(-5, -5, 605, 850), (0, 0, 10, 10)], 600, 840) == pytest.approx(1.0)
    assert image_cover([(0, 0, 300, 420)], 600, 840) == pytest.approx(0.25)


@pytest.mark.parametrize(
    ("quality", "images", "decision"),
    [
        (TextQuality(valid=90, invalid=2, coverage=0.6), 0.0, "use"),
        (TextQuality(valid=90, invalid=2, coverage=0.6), 1.0, "use"),
        (TextQuality(valid=10, invalid=0, coverage=0.03), 1.0, "ocr"),  # signature stamp on a scan
        (TextQuality(valid=40, invalid=60, coverage=0.6), 1.0, "ocr"),  # junk OCR layer
        (TextQuality(valid=40, invalid=60, coverage=0.6), 0.0, "ocr"),
        (TextQuality(valid=10, invalid=50, glyph_codes=300, coverage=0.6), 0.0, "repair"),
        (TextQuality(), 1.0, "ocr"),  # a scan without text
        (TextQuality(), 0.0, "empty"),  # a blank page
        (TextQuality(valid=2, coverage=0.02), 0.0, "use"),  # a short last page
    ],
    ids=["clean", "clean-over-background", "signature-only", "junk-on-scan", "junk", "garbled", "scan",
         "blank", "short-page"],
)
def test_decide(quality: TextQuality, images: float, decision: str) -> None:
    assert decide(quality, images) == decision


def test_settings_are_checked() -> None:
    with pytest.raises(ValueError, match="min_valid_share"):
        QualitySettings(min_valid_share=1.5)


def _page_decisions(path: Path) -> list[str]:
    import pdfplumber

    decisions = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            words = [
                PageWord(w["text"], w["x0"], w["x1"], w["top"], w["bottom"]) for w in page.extract_words()
            ]
            boxes = [(i["x0"], i["top"], i["x1"], i["bottom"]) for i in page.images]
            decisions.append(decide(measure_words(words, page.height), image_cover(boxes, page.width, page.height)))
    return decisions


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("real/lao-cai-qd-2338-ubnd-ctdt-kcn-phu-xuan-1-scanned.pdf", "ocr"),
        ("real/lao-cai-gp-2507-ubnd-su-dung-vlncn-scanned.pdf", "ocr"),
        ("real/bct-cv-2265-atmt-trien-khai-hhnh-scanned-signed.pdf", "ocr"),
        ("real/cuc-hoa-chat-qd-26-xpvphc-scanned-junk-ocr.pdf", "ocr"),
        ("real/lao-cai-kh-1105-dkt-kiem-tra-vlncn-garbled.pdf", "repair"),
        ("real/lao-cai-qd-1050-sct-doan-kiem-tra-vlncn-garbled.pdf", "repair"),
        ("real/lao-cai-gcn-dkdt-kcn-ban-qua.pdf", "use"),
        ("an-giang-27-KH-SKHCN-2021.pdf", "use"),
        ("lang-son-129-KH-UBND-2019.pdf", "use"),
    ],
)
def test_real_text_layers_classified(name: str, expected: str) -> None:
    assert set(_page_decisions(SEEDS / name)) == {expected}
