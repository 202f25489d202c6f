"""The DOC reader: LibreOffice converts, the DOCX reader reads; missing or hanging LibreOffice is reported."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kehoach.extractors.errors import DocumentLoadError, MissingDependencyError
from kehoach.extractors.layout import Layout, sha256_of
from kehoach.extractors.readers import read_document
from kehoach.extractors.readers.doc_reader import DocSettings, read_doc
from layout_checks import assert_grounded

SAMPLES = Path(__file__).resolve().parents[3] / "samples"
TB_SAN_BANG = SAMPLES / "real" / "lao-cai-tb-sct-tham-dinh-duong-bai-thai-san-bang.doc"

@pytest.fixture(scope="module")
def san_bang() -> Layout:
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.fail("LibreOffice is missing: run `sh scripts/system-packages.sh`")
    return read_document(TB_SAN_BANG.read_bytes(), str(TB_SAN_BANG))


def test_doc_converts_and_keeps_its_source(san_bang: Layout) -> None:
    assert san_bang.source.format == "doc"
    assert san_bang.source.path == str(TB_SAN_BANG)
    assert san_bang.source.sha256 == sha256_of(TB_SAN_BANG.read_bytes())
    assert_grounded(san_bang)


def test_doc_amounts_and_header_table(san_bang: Layout) -> None:
    assert "14.631.302.504" in san_bang.text
    assert "- Trước thuế giá trị gia tăng: 14.631.302.504 đồng" in [b.text for b in san_bang.blocks]
    header = [b for b in san_bang.blocks if b.table == 0]
    assert all(r.style == "layout" for r in header)
    # The subject line (V/v) sits in the header layout table, as the README says.
    assert any(c.text.startswith("V/v thông báo kết quả thẩm định") for r in header for c in r.cells)


def test_doc_symbols_are_not_taken_for_legacy_text(san_bang: Layout) -> None:
    # "÷" is TCVN3's code for "ữ": a cell of figures "55 ÷ 100" is no legacy text.
    assert "Trọng tải xe\tTấn\t55 ÷ 100" in [b.text for b in san_bang.blocks]
    assert san_bang.notes == []


def test_doc_appendix_tables_are_data_tables(san_bang: Layout) -> None:
    data_tables = {b.table for b in san_bang.blocks if b.kind == "row" and b.style != "layout"}
    assert len(data_tables) >= 3


def test_missing_libreoffice_is_a_missing_dependency(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    with pytest.raises(MissingDependencyError) as caught:
        read_doc(TB_SAN_BANG.read_bytes(), str(TB_SAN_BANG))
    assert caught.value.what == "LibreOffice"
    assert "libreoffice-writer-nogui" in caught.value.install_hint


def test_conversion_timeout_is_a_load_error() -> None:
    with pytest.raises(DocumentLoadError, match="did not finish"):
        read_doc(TB_SAN_BANG.read_bytes(), str(TB_SAN_BANG), settings=DocSettings(timeout_seconds=0.05))


def test_empty_doc_is_a_load_error() -> None:
    with pytest.raises(DocumentLoadError, match="empty"):
        read_doc(b"", "empty.doc")


def test_timeout_setting_is_checked() -> None:
    with pytest.raises(ValueError, match="timeout_seconds"):
        DocSettings(timeout_seconds=0)
