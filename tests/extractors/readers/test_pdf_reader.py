"""The born-digital PDF reader on the sample documents, on hand-made broken PDFs and on PageContent."""

from __future__ import annotations

import hashlib
import os
import re
import struct
from functools import cache
from pathlib import Path

import pytest

from kehoach.extractors.errors import DocumentLoadError
from kehoach.extractors.layout import Block, Layout, LayoutBuilder
from kehoach.extractors.readers.pdf.layout import layout_pages
from kehoach.extractors.readers.pdf.page import PageContent, PageRule, PageWord
from kehoach.extractors.readers.pdf.reader import read_pdf
from kehoach.extractors.readers.pdf.settings import PdfSettings
from layout_checks import assert_grounded

SAMPLES = Path(__file__).resolve().parents[3] / "samples"
AN_GIANG = SAMPLES / "an-giang-27-KH-SKHCN-2021.pdf"
LANG_SON = SAMPLES / "lang-son-129-KH-UBND-2019.pdf"
BAN_QUA = SAMPLES / "real" / "lao-cai-gcn-dkdt-kcn-ban-qua.pdf"
PANM = SAMPLES / "real" / "lao-cai-phuong-an-no-min-duy-hieu-xuan-hoa.pdf"
ALL_PDFS = sorted(SAMPLES.glob("*.pdf")) + sorted((SAMPLES / "real").glob("*.pdf"))


@cache
def _read(path: Path) -> Layout:
    return read_pdf(path.read_bytes(), str(path))


def _rows(layout: Layout, *, layout_rows: bool, page: int | None = None) -> list[Block]:
    return [
        b for b in layout.blocks
        if b.kind == "row" and (b.style == "layout") == layout_rows and (page is None or b.page == page)
    ]


def _column(rows: list[Block], column: int) -> list[str]:
    return [c.text for b in rows for c in b.cells if c.column == column]


# --- every sample ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ALL_PDFS, ids=lambda p: p.name)
def test_every_block_and_cell_slices_back_to_its_text(path: Path) -> None:
    layout = _read(path)
    assert_grounded(layout)
    assert layout.source.format == "pdf"
    assert layout.source.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert [p.number for p in layout.page_info] == list(range(1, layout.source.pages + 1))


@pytest.mark.parametrize(
    "name", ["lao-cai-qd-2338-ubnd-ctdt-kcn-phu-xuan-1-scanned.pdf", "lao-cai-gp-2507-ubnd-su-dung-vlncn-scanned.pdf"]
)
def test_a_scanned_pdf_reads_as_unreadable_pages_not_an_error(name: str) -> None:
    layout = _read(SAMPLES / "real" / name)
    assert layout.page_info and not any(p.readable for p in layout.page_info)
    assert layout.blocks == []


# --- An Giang 27/KH-SKHCN: header, task table over four pages, signature -------------------------


def test_an_giang_header_block_is_two_columns() -> None:
    rows = _rows(_read(AN_GIANG), layout_rows=True, page=1)
    left, right = "\n".join(_column(rows, 0)), "\n".join(_column(rows, 1))
    assert "UBND TỈNH AN GIANG" in left and "SỞ KHOA HỌC VÀ CÔNG NGHỆ" in left
    assert "Số: 27/KH-SKHCN" in _column(rows, 0)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA" in right and "Độc lập - Tự do - Hạnh phúc" in right
    assert "An Giang, ngày 02 tháng 4 năm 2021" in _column(rows, 1)
    assert "CỘNG HÒA" not in left and "UBND" not in right
    assert len({b.table for b in rows}) == 1


EXPECTED_FIRST_CELLS = {
    1: ["TT", "1", "1.1", "1.2"],
    2: ["TT", "", "2", "2.1", "2.2", "2.3", "2.4", "2.5"],
    3: ["TT", "", "2.6", "2.7", "3", "3.1", "3.2", "3.3", "3.4"],
    4: ["TT", "", "4", "", "5", "5.1", "5.2", "6", "6.1", "6.2"],
}


@pytest.mark.parametrize("page", sorted(EXPECTED_FIRST_CELLS))
def test_an_giang_task_table_rows_page_by_page(page: int) -> None:
    rows = _rows(_read(AN_GIANG), layout_rows=False, page=page)
    assert [b.cells[0].text for b in rows] == EXPECTED_FIRST_CELLS[page]
    header = rows[0]
    assert [c.text for c in header.cells] == [
        "TT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian thực hiện"
    ]
    assert all(c.header for c in header.cells)
    assert not any(c.header for b in rows[1:] for c in b.cells)


def test_an_giang_task_table_is_one_table_with_grid_columns() -> None:
    layout = _read(AN_GIANG)
    rows = _rows(layout, layout_rows=False)
    assert len({b.table for b in rows}) == 1
    group = next(b for b in rows if b.cells[0].text == "1")
    assert [(c.column, c.colspan) for c in group.cells] == [(0, 1), (1, 4)]
    assert group.cells[1].text == "Áp dụng cơ chế, chính sách tạo thuận lợi hoạt động đo lường hỗ trợ doanh nghiệp"
    task = next(b for b in rows if b.cells[0].text == "1.1")
    assert [c.column for c in task.cells] == [0, 1, 2, 3, 4]
    assert task.cells[2].text == "Chi cục Tiêu chuẩn Đo lường Chất lượng (Chi cục TĐC)"
    assert task.cells[4].text == "Hàng năm 2021-2030"
    continuation = rows[len(EXPECTED_FIRST_CELLS[1]) + 1]
    assert continuation.page == 2
    assert [c.text for c in continuation.cells] == ["", "", "", "có liên quan", ""]


def test_an_giang_table_words_are_not_paragraphs_too() -> None:
    paragraphs = [b.text for b in _read(AN_GIANG).blocks if b.kind != "row"]
    assert not any("(Chi cục TĐC)" in t or "Hàng năm 2021-2030" in t for t in paragraphs)
    assert "I. PHÂN CÔNG NHIỆM VỤ:" in paragraphs
    assert "II. KINH PHÍ THỰC HIỆN" in paragraphs


def test_an_giang_paragraphs_join_wrapped_lines_and_split_on_markers() -> None:
    blocks = [b for b in _read(AN_GIANG).blocks if b.kind == "paragraph"]
    bases = [b for b in blocks if b.text.startswith("Căn cứ Quyết định")]
    assert len(bases) == 3
    assert bases[0].text.endswith("định hướng đến năm 2030”;")
    heading = next(b for b in blocks if b.text == "I. PHÂN CÔNG NHIỆM VỤ:")
    assert heading.bold
    assert not bases[0].bold
    bullets = [b.text for b in blocks if b.page == 5 and b.text.startswith("- ")]
    assert bullets[0] == (
        "- Kinh phí thực hiện Kế hoạch gồm kinh phí từ ngân sách nhà nước, đóng góp của doanh nghiệp "
        "và các nguồn hợp pháp khác;"
    )


def test_an_giang_signature_and_recipients_do_not_interleave() -> None:
    rows = _rows(_read(AN_GIANG), layout_rows=True, page=5)
    left, right = _column(rows, 0), _column(rows, 1)
    assert left[0] == "Nơi nhận:" and "- Lưu: VT." in left
    assert "GIÁM ĐỐC" in right and "Tàng Phú An" in right
    assert not any("Nơi nhận" in t or t.startswith("-") for t in right)


# --- Lạng Sơn 129/KH-UBND: prose, signature over two pages ---------------------------------------


def test_lang_son_header_block() -> None:
    rows = _rows(_read(LANG_SON), layout_rows=True, page=1)
    left, right = _column(rows, 0), _column(rows, 1)
    assert left[0] == "ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN"
    assert right[0] == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA\nVIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    assert (left[1], right[1]) == ("Số: 129/KH-UBND", "Lạng Sơn, ngày 23 tháng 7 năm 2019")
    assert "KẾ HOẠCH" in [b.text for b in _read(LANG_SON).blocks if b.kind == "paragraph"]


def test_lang_son_signature_block_continues_on_the_next_page() -> None:
    rows = _rows(_read(LANG_SON), layout_rows=True)
    signature = [b for b in rows if b.page in (5, 6)]
    assert {b.page for b in signature} == {5, 6}
    assert len({b.table for b in signature}) == 1
    right = [t for t in _column(signature, 1) if t]
    assert right == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Long Hải"]
    name_row = next(b for b in signature if b.cells[1].text == "Nguyễn Long Hải")
    assert name_row.page == 6
    left = _column(signature, 0)
    assert left[0] == "Nơi nhận:"
    assert left[-1] == "- Lưu: VT, (LTT)."
    assert "- Chủ tịch, các Phó Chủ tịch UBND tỉnh;" in left
    assert not [b for b in _read(LANG_SON).blocks if b.page == 6 and b.kind != "row"]


def test_lang_son_outline_paragraphs() -> None:
    texts = [b.text for b in _read(LANG_SON).blocks if b.kind == "paragraph"]
    assert "1. Mục tiêu chung" in texts
    assert any(t.startswith("a) Phát triển cơ sở vật chất") and t.endswith("kinh tế, xã hội của tỉnh.") for t in texts)
    assert "Dự kiến khoảng: 16.925.000.000 đồng (Bằng chữ: Mười sáu tỷ chín trăm hai mươi năm triệu đồng)." in texts


# --- real files --------------------------------------------------------------------------------


def test_page_numbers_are_furniture() -> None:
    layout = _read(PANM)
    furniture = [b for b in layout.blocks if b.layer == "furniture"]
    assert len(furniture) >= 30
    for block in furniture:
        assert re.fullmatch(r"- \d+ -", block.text)
    assert any(b.text == "- 17 -" and b.page == 18 for b in furniture)
    assert not any(re.fullmatch(r"- \d+ -", b.text) for b in layout.body())


def test_ban_qua_ruled_tables_and_signature() -> None:
    layout = _read(BAN_QUA)
    objectives = [b for b in _rows(layout, layout_rows=False, page=2)]
    assert [c.text for c in objectives[0].cells] == ["TT", "Mục tiêu hoạt động", "Mã ngành theo VSIC"]
    assert [b.cells[-1].text for b in objectives[1:4]] == ["6810", "6820", "7020"]
    signature = _rows(layout, layout_rows=True, page=4)
    assert "Nơi nhận:" in _column(signature, 0)[0]
    assert [t for t in _column(signature, 1) if t] == ["TRƯỞNG BAN", "Vương Trinh Quốc"]
    assert [b.text for b in layout.blocks if b.layer == "furniture"][:4] == ["1", "2", "3", "4"]


# --- errors ------------------------------------------------------------------------------------


def test_truncated_pdf_is_a_load_error() -> None:
    data = AN_GIANG.read_bytes()
    with pytest.raises(DocumentLoadError, match="corrupt") as info:
        read_pdf(data[: len(data) // 2], "cut.pdf")
    assert info.value.path == "cut.pdf"
    assert info.value.__cause__ is not None


def test_random_bytes_are_a_load_error() -> None:
    with pytest.raises(DocumentLoadError, match="corrupt"):
        read_pdf(b"%PDF-1.7\n" + os.urandom(4000), "noise.pdf")


def test_pdf_without_pages_is_a_load_error() -> None:
    # pdfium refuses a page tree without pages when opening the file ("Data format error").
    with pytest.raises(DocumentLoadError, match="no pages|corrupt or unreadable PDF"):
        read_pdf(_minimal_pdf(page_count=0), "empty.pdf")


def test_encrypted_pdf_is_a_load_error() -> None:
    import pdfplumber
    from io import BytesIO

    data = _encrypted_pdf(user_password=b"secret", text=b"Hello")
    with pdfplumber.open(BytesIO(data), password="secret") as pdf:  # the file itself is sound
        assert pdf.pages[0].extract_text() == "Hello"
    with pytest.raises(DocumentLoadError, match=r"encrypted PDF \(password required\)"):
        read_pdf(data, "locked.pdf")


# --- the layout stage on PageContent alone (the OCR and repair path) ------------------------------


def _word(text: str, x0: float, top: float, size: float = 10.0, bold: bool = False) -> PageWord:
    return PageWord(text, x0, x0 + 6 * len(text), top, top + size, "Times" + ("-Bold" if bold else ""), size, bold)


def test_layout_pages_builds_a_ruled_table_from_rules_only() -> None:
    # Two columns, three rows; the last row is one merged cell.
    rules = [PageRule(50, y, 350, y) for y in (100, 130, 160, 190)]
    rules += [PageRule(50, 100, 50, 190), PageRule(350, 100, 350, 190), PageRule(150, 100, 150, 160)]
    words = [
        _word("TT", 60, 110, bold=True), _word("Nội", 160, 110, bold=True), _word("dung", 184, 110, bold=True),
        _word("1", 60, 140), _word("Việc", 160, 140), _word("Cả", 60, 170), _word("hàng", 80, 170),
        _word("Sau", 50, 220), _word("bảng.", 74, 220),
    ]
    page = PageContent(1, 400, 300, words, rules, origin="ocr", quality=0.9)
    builder = LayoutBuilder("x.png", "pdf", "0" * 64, pages=1)
    layout_pages([page], builder)
    layout = builder.build()
    assert_grounded(layout)
    rows = [b for b in layout.blocks if b.kind == "row"]
    assert [[(c.text, c.column, c.colspan) for c in b.cells] for b in rows] == [
        [("TT", 0, 1), ("Nội dung", 1, 1)], [("1", 0, 1), ("Việc", 1, 1)], [("Cả hàng", 0, 2)]
    ]
    assert all(c.header for c in rows[0].cells) and rows[0].origin == "ocr"
    assert [b.text for b in layout.blocks if b.kind == "paragraph"] == ["Sau bảng."]
    assert layout.page_info[0].origin == "ocr" and layout.page_info[0].quality == 0.9


def test_layout_pages_keeps_an_empty_page() -> None:
    builder = LayoutBuilder("x.pdf", "pdf", "0" * 64, pages=1)
    layout_pages([PageContent(1, 595, 842, readable=False)], builder)
    layout = builder.build()
    assert layout.blocks == [] and layout.page_info[0].readable is False


def test_read_pdf_uses_the_page_content_seam() -> None:
    seen: list[int] = []

    def fake(page: object, settings: PdfSettings) -> PageContent:
        number = page.page_number  # type: ignore[attr-defined]
        seen.append(number)
        return PageContent(number, 595, 842, [_word("Trang", 100, 400), _word("thay", 140, 400)], [])

    layout = read_pdf(LANG_SON.read_bytes(), str(LANG_SON), page_content=fake)
    assert seen == [1, 2, 3, 4, 5, 6]
    assert [b.text for b in layout.blocks] == ["Trang thay"] * 6


def test_settings_resolve_and_validate() -> None:
    assert PdfSettings.resolve({"indent": 12.0}).indent == 12.0
    assert PdfSettings.resolve(None) == PdfSettings()
    with pytest.raises(ValueError, match="line_overlap"):
        PdfSettings(line_overlap=-1)


# --- hand-made PDFs ----------------------------------------------------------------------------

_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def _assemble(objects: list[bytes], trailer: bytes) -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d " % (len(objects) + 1) + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _minimal_pdf(page_count: int) -> bytes:
    return _assemble(
        [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count %d >>" % page_count],
        b"/Root 1 0 R",
    )


def _encrypted_pdf(user_password: bytes, text: bytes) -> bytes:
    """A one-page PDF under the standard security handler, revision 2 (40-bit RC4), PDF 1.7 §7.6.3."""
    file_id = hashlib.md5(b"kehoach test").digest()
    permissions = -4
    owner_key = hashlib.md5((b"owner" + _PAD)[:32]).digest()[:5]
    o_entry = _rc4(owner_key, (user_password + _PAD)[:32])
    key = hashlib.md5(
        (user_password + _PAD)[:32] + o_entry + struct.pack("<i", permissions) + file_id
    ).digest()[:5]
    u_entry = _rc4(key, _PAD)

    def encrypt(number: int, data: bytes) -> bytes:
        object_key = hashlib.md5(key + number.to_bytes(3, "little") + b"\x00\x00").digest()[:10]
        return _rc4(object_key, data)

    content = encrypt(4, b"BT /F1 12 Tf 20 100 Td (" + text + b") Tj ET")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <" + o_entry.hex().encode() + b"> /U <"
        + u_entry.hex().encode() + b"> /P %d >>" % permissions,
    ]
    id_hex = file_id.hex().encode()
    return _assemble(objects, b"/Root 1 0 R /Encrypt 6 0 R /ID [<" + id_hex + b"> <" + id_hex + b">]")


def _line(text: str, x0: float, top: float, *, bold: bool = False, gap: float = 4.0) -> list[PageWord]:
    words, x = [], x0
    for piece in text.split():
        words.append(_word(piece, x, top, bold=bold))
        x += 6 * len(piece) + gap
    return words


def _layout(*pages: PageContent) -> Layout:
    builder = LayoutBuilder("x.pdf", "pdf", "0" * 64, pages=len(pages))
    layout_pages(list(pages), builder)
    layout = builder.build()
    assert_grounded(layout)
    return layout


def test_the_title_under_a_type_line_in_capitals_is_its_own_paragraph() -> None:
    # Word and LibreOffice print "KẾ HOẠCH" and the title centred, bold, same size, one line apart.
    words = _line("KẾ HOẠCH", 270, 100, bold=True) + _line("Cải cách hành chính năm 2026", 215, 114, bold=True)
    words += _line("TT UDTB", 60, 200) + _line("KH&CN; Phòng Kế hoạch.", 60, 214)
    layout = _layout(PageContent(1, 595, 842, words, []))
    assert [b.text for b in layout.blocks] == [
        "KẾ HOẠCH", "Cải cách hành chính năm 2026", "TT UDTB KH&CN; Phòng Kế hoạch."  # abbreviations wrap on
    ]


def test_a_letterhead_line_with_a_narrow_gap_opens_the_region_below() -> None:
    # The motto's long line leaves a narrow gap between "ỦY BAN NHÂN DÂN" and "CỘNG HÒA ...".
    words = _line("ỦY BAN NHÂN DÂN", 60, 50) + _line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 168, 50)
    words += _line("TỈNH LÂM ĐỒNG", 66, 64) + _line("Độc lập - Tự do - Hạnh phúc", 230, 64)
    words += _line("Số: 12/KH-UBND", 60, 90) + _line("Lâm Đồng, ngày 2 tháng 1 năm 2026", 230, 90)
    layout = _layout(PageContent(1, 595, 842, words, []))
    rows = [b for b in layout.blocks if b.kind == "row"]
    assert [c.text for c in rows[0].cells] == ["ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"]


def test_a_signature_region_is_not_carried_onto_a_page_turned_the_other_way() -> None:
    # The signature ends a portrait page; the appendix starts on a landscape page.
    first = _line("Nơi nhận:", 60, 700) + _line("KT. CHỦ TỊCH", 360, 700)
    first += _line("- Như trên;", 60, 714) + _line("PHÓ CHỦ TỊCH", 360, 714)
    first += _line("- Lưu: VT.", 60, 728) + _line("Nguyễn Văn A", 360, 742)
    second = _line("PHỤ LỤC", 375, 60, bold=True) + _line("DANH MỤC NHIỆM VỤ", 350, 74, bold=True)
    layout = _layout(PageContent(1, 595, 842, first, []), PageContent(2, 842, 595, second, []))
    signature = next(b for b in layout.blocks if b.kind == "row" and "KT. CHỦ TỊCH" in b.text)
    assert signature.cells[-1].text == "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn A"
    assert [b.text for b in layout.blocks if b.page == 2] == ["PHỤ LỤC DANH MỤC NHIỆM VỤ"]
