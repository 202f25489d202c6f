"""Real office files through the whole pipeline: garbled text layers repaired, scans read by OCR."""

from __future__ import annotations

from pathlib import Path

import pytest

from kehoach.pipeline.run import process_path

REAL = Path(__file__).resolve().parents[2] / "samples" / "real"


@pytest.mark.parametrize(
    ("name", "number", "date", "province", "type_code"),
    [
        ("lao-cai-kh-1105-dkt-kiem-tra-vlncn-garbled.pdf", "1105/KH-ĐKT", "2026-03-10", "Lào Cai", "KH"),
        ("lao-cai-qd-1050-sct-doan-kiem-tra-vlncn-garbled.pdf", "1050/QĐ-SCT", "2026-03-06", "Lào Cai", "QĐ"),
        # Scans: the number and day of QĐ 2338 are handwritten, so they stay null; "/QĐ-UBND" is printed.
        ("lao-cai-gp-2507-ubnd-su-dung-vlncn-scanned.pdf", "2507/GP-UBND", "2026-07-21", "Lào Cai", "GP"),
        ("lao-cai-qd-2338-ubnd-ctdt-kcn-phu-xuan-1-scanned.pdf", None, None, "Lào Cai", "QĐ"),
    ],
    ids=lambda v: str(v)[:24],
)
def test_metadata_of_repaired_and_scanned_pdfs(
    name: str, number: str | None, date: str | None, province: str, type_code: str | None
) -> None:
    result = process_path(str(REAL / name))
    assert result.plan is not None, result.error
    document = result.plan.document
    assert (document.number, document.issued_date, document.province, document.type_code) == (
        number, date, province, type_code
    )
    assert not [f for f in result.plan.findings if f.code == "TEXT_LAYER_UNREADABLE"]


def test_repaired_text_says_so_in_its_spans() -> None:
    result = process_path(str(REAL / "lao-cai-kh-1105-dkt-kiem-tra-vlncn-garbled.pdf"))
    assert result.plan is not None and result.plan.document.source is not None
    source = result.plan.document.source
    assert source.origin == "repaired" and source.quality is not None and source.quality >= 0.95


def test_ocr_text_says_so_in_its_spans() -> None:
    result = process_path(str(REAL / "lao-cai-gp-2507-ubnd-su-dung-vlncn-scanned.pdf"))
    assert result.plan is not None and result.plan.document.source is not None
    assert result.plan.document.source.origin == "ocr"


def test_scanned_permit_keeps_its_issuer_and_legal_bases() -> None:
    """The permit prints its type and title on one line ("GIẤY PHÉP SỬ DỤNG VẬT LIỆU NỔ CÔNG NGHIỆP") and
    ends its preamble with "QUYẾT ĐỊNH:", which is no type line. Bases as printed on the page image."""
    result = process_path(str(REAL / "lao-cai-gp-2507-ubnd-su-dung-vlncn-scanned.pdf"))
    assert result.plan is not None, result.error
    document = result.plan.document
    assert document.issuer == "Ủy ban nhân dân tỉnh Lào Cai"
    assert [b.number for b in document.legal_bases] == [
        None, None, "181/2024/NĐ-CP", "146/2025/NĐ-CP", "23/2024/TT-BCT", "38/2025/TT-BCT", "26/2026/TT-BCT",
    ]
