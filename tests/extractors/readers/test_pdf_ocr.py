"""OCR of scanned pages. These tests need Tesseract with Vietnamese data and fail (not skip) without it."""

import difflib
import io
import re
import time
from pathlib import Path

import pytest

from kehoach.extractors.layout import Layout
from kehoach.extractors.readers.pdf.ocr import (
    INSTALL_HINT,
    OcrSettings,
    ocr_pages,
    tesseract_languages,
    tesseract_version,
    tsv_to_words,
)
from kehoach.extractors.readers.pdf.reader import read_pdf_recovered
from kehoach.extractors.readers.pdf.scan_rules import detect_rules
from kehoach.extractors.readers.pdf.recovery import RecoveryReport, RecoverySettings

ROOT = Path(__file__).parents[3]
REAL = ROOT / "samples" / "real"
SEED = ROOT / "samples" / "an-giang-27-KH-SKHCN-2021.pdf"


@pytest.fixture(scope="session")
def tesseract() -> str:
    version = tesseract_version()
    if version is None or "vie" not in tesseract_languages():
        pytest.fail(f"these tests need Tesseract with Vietnamese data: {INSTALL_HINT}")
    return version


@pytest.fixture(scope="session")
def ocr_settings(tmp_path_factory: pytest.TempPathFactory) -> OcrSettings:
    return OcrSettings(cache_dir=str(tmp_path_factory.mktemp("ocr-cache")))


def _read(path: Path, settings: OcrSettings, report: RecoveryReport | None = None) -> Layout:
    return read_pdf_recovered(
        path.read_bytes(), str(path), recovery=RecoverySettings(ocr=settings), report=report
    )


def _flat(text: str) -> str:
    return " ".join(text.split())


TSV = (
    "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
    "1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t\n"
    "4\t1\t1\t1\t1\t0\t300\t600\t700\t60\t-1\t\n"
    "5\t1\t1\t1\t1\t1\t300\t610\t200\t50\t96.5\tLào\n"
    "5\t1\t1\t1\t1\t2\t520\t600\t180\t60\t95.1\tCai\n"
    "5\t1\t1\t1\t1\t3\t720\t600\t20\t60\t40.0\t|\n"
    "5\t1\t1\t1\t2\t1\t300\t700\t100\t50\t91.0\tngày\n"
)


def test_tsv_to_words_in_points() -> None:
    words = tsv_to_words(TSV, dpi=300)
    assert [w.text for w in words] == ["Lào", "Cai", "ngày"]
    lao, cai, _ = words
    assert lao.x0 == pytest.approx(300 * 72 / 300 + 1.0) and lao.x1 == pytest.approx(500 * 72 / 300 - 1.0)
    # Words of one OCR line share its band, so the layout stage sees one line.
    assert (lao.top, lao.bottom) == (cai.top, cai.bottom) == (pytest.approx(144.0), pytest.approx(158.4))
    assert lao.size == cai.size


def test_detect_rules_finds_a_grid_not_text() -> None:
    import cv2
    import numpy as np

    image = np.full((1200, 1000), 255, dtype=np.uint8)
    for y in (200, 400, 600):
        cv2.line(image, (100, y), (900, y), 0, 3)
    for x in (100, 500, 900):
        cv2.line(image, (x, 200), (x, 600), 0, 3)
    cv2.putText(image, "Lao Cai ngay 10 thang 3", (120, 320), cv2.FONT_HERSHEY_SIMPLEX, 1.5, 0, 3)
    rules = detect_rules(image, dpi=300)
    horizontal = [r for r in rules if r.top == r.bottom]
    vertical = [r for r in rules if r.x0 == r.x1]
    assert len(horizontal) == 3 and len(vertical) == 3
    assert horizontal[0].x0 == pytest.approx(100 * 72 / 300, abs=1) and horizontal[0].x1 == pytest.approx(216, abs=1)


def test_settings_are_checked() -> None:
    with pytest.raises(ValueError, match="dpi"):
        OcrSettings(dpi=10)


SCANS = {
    "lao-cai-qd-2338-ubnd-ctdt-kcn-phu-xuan-1-scanned.pdf": [
        r"QUY[ẾÉ]T ?ĐỊNH", "Lào Cai", r"2\.185\.000\.000\.000", "Phú Xuân", "Mục tiêu hoạt động",
    ],
    "lao-cai-gp-2507-ubnd-su-dung-vlncn-scanned.pdf": [
        "2507/GP-UBND", "Lào Cai, ngày 21 tháng 7 năm 2026", r"63\.000 kg/năm", "Thành Sinh",
    ],
    "bct-cv-2265-atmt-trien-khai-hhnh-scanned-signed.pdf": [
        "BỘ CÔNG THƯƠNG", "Ủy ban nhân dân các tỉnh", "hàng hóa nguy hiểm",
    ],
    "cuc-hoa-chat-qd-26-xpvphc-scanned-junk-ocr.pdf": [
        r"QUY[ẾÉ]T ?ĐỊNH", "XPVPHC", "Phạt tiền", r"16\.000\.000 đồng", "Hải Đăng",
    ],
}


@pytest.mark.parametrize("name", sorted(SCANS))
def test_scanned_pdfs_read_through_ocr(tesseract: str, ocr_settings: OcrSettings, name: str) -> None:
    report = RecoveryReport()
    layout = _read(REAL / name, ocr_settings, report)
    assert report.ocr_error is None
    assert set(report.paths.values()) == {"ocr"}, "signature-only and junk layers must not be trusted"
    assert all(p.origin == "ocr" and p.readable for p in layout.page_info)
    assert all(b.origin == "ocr" for b in layout.blocks)
    text = _flat(layout.text)
    for pattern in SCANS[name]:
        assert re.search(pattern, text), pattern
    for page in layout.page_info:
        if page.quality is not None:
            assert page.quality >= 0.9, (page.number, page.quality)


def test_qd_2338_objectives_table_is_ruled(tesseract: str, ocr_settings: OcrSettings) -> None:
    layout = _read(REAL / "lao-cai-qd-2338-ubnd-ctdt-kcn-phu-xuan-1-scanned.pdf", ocr_settings)
    rows = [b for b in layout.blocks if b.kind == "row" and b.style != "layout" and b.page == 2]
    assert len(rows) >= 5
    assert any("VSIC" in b.text or "Mã ngành" in b.text for b in rows)
    assert any(re.search(r"\b6810\b", b.text) for b in rows)


def test_cache_makes_a_second_run_instant(tesseract: str, ocr_settings: OcrSettings) -> None:
    path = REAL / "lao-cai-gp-2507-ubnd-su-dung-vlncn-scanned.pdf"
    first = _read(path, ocr_settings)
    start = time.perf_counter()
    report = RecoveryReport()
    second = _read(path, ocr_settings, report)
    elapsed = time.perf_counter() - start
    assert second.text == first.text
    assert elapsed < 1.5, f"cached run took {elapsed:.2f} s"


def test_without_tesseract_pages_are_marked_unreadable(tmp_path: Path) -> None:
    settings = OcrSettings(tesseract=str(tmp_path / "no-tesseract"), cache_dir=str(tmp_path))
    report = RecoveryReport()
    layout = _read(REAL / "lao-cai-gp-2507-ubnd-su-dung-vlncn-scanned.pdf", settings, report)
    assert [p.readable for p in layout.page_info] == [False, False]
    assert report.ocr_error is not None and "apt-get install tesseract-ocr tesseract-ocr-vie" in report.ocr_error


def test_missing_tesseract_raises_with_hint(tmp_path: Path) -> None:
    from kehoach.extractors.errors import MissingDependencyError

    with pytest.raises(MissingDependencyError, match="tesseract-ocr-vie"):
        ocr_pages(b"%PDF-1.4", [1], OcrSettings(tesseract=str(tmp_path / "none")))


def _image_pdf(data: bytes, dpi: int = 300) -> bytes:
    """The PDF's pages as images only (what a scanner would give), built with pypdfium2 and Pillow."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    try:
        images = [pdf[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in range(len(pdf))]
    finally:
        pdf.close()
    out = io.BytesIO()
    images[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return out.getvalue()


def _table_cells(layout: Layout) -> list[list[str]]:
    return [[_flat(c.text) for c in b.cells] for b in layout.blocks if b.kind == "row" and b.style != "layout"]


def test_ocr_of_a_rendered_born_digital_plan_rebuilds_its_task_table(
    tesseract: str, ocr_settings: OcrSettings, tmp_path: Path
) -> None:
    from kehoach.extractors.readers.pdf.reader import read_pdf

    data = SEED.read_bytes()
    original = _table_cells(read_pdf(data, str(SEED)))
    scanned = tmp_path / "an-giang-27-image-only.pdf"
    scanned.write_bytes(_image_pdf(data))
    report = RecoveryReport()
    layout = _read(scanned, ocr_settings, report)
    assert set(report.paths.values()) == {"ocr"}
    ocr = _table_cells(layout)
    assert len(ocr) == len(original)
    total = matched = 0
    for want, got in zip(original, ocr, strict=True):
        for i, cell in enumerate(want):
            total += 1
            other = got[i] if i < len(got) else ""
            matched += difflib.SequenceMatcher(None, cell, other).ratio() >= 0.9
    assert matched / total >= 0.9, f"{matched}/{total} cells match"
