"""Document metadata: short lines written from the rules, the two seeds in every format, real drafts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kehoach.extractors.metadata import extract_document, printed_year
from kehoach.extractors.normalize import normalize_layout
from kehoach.extractors.readers.text_reader import read_text
from kehoach.extractors.reference import ReferenceData
from kehoach.extractors.structure import StructuredDocument, build_structure
from kehoach.schemas import Document, Span

FORMATS = ["txt", "html", "docx", "pdf"]
AN_GIANG = "an-giang-27-KH-SKHCN-2021"
LANG_SON = "lang-son-129-KH-UBND-2019"
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nĐộc lập - Tự do - Hạnh phúc"
CLOSING = "Nơi nhận:\n\n- Như trên;\n\n- Lưu: VT.\n\nGIÁM ĐỐC\n\nNguyễn Văn A"


def _document(text: str, reference: ReferenceData) -> tuple[Document, StructuredDocument]:
    layout = normalize_layout(read_text(text.encode(), "x.txt"))
    doc = build_structure(layout, reference.type_names())
    document, findings = extract_document(doc, reference)
    assert findings == []
    return document, doc


def _plan(
    header: str = "ỦY BAN NHÂN DÂN\n\nTỈNH LẠNG SƠN",
    number: str = "Số: 129/KH-UBND",
    date_line: str = "Lạng Sơn, ngày 23 tháng 7 năm 2019",
    type_line: str = "KẾ HOẠCH",
    title: str = "Triển khai Đề án A",
    preamble: str = "Căn cứ Quyết định số 1/QĐ-TTg ngày 10/8/2018 của Thủ tướng Chính phủ;",
    closing: str = CLOSING,
) -> str:
    parts = [header, MOTTO, number, date_line, type_line, title, preamble, "I. MỤC TIÊU", "1. Chung", closing]
    return "\n\n".join(p for p in parts if p) + "\n"


def _assert_grounded(document: Document, doc: StructuredDocument) -> None:
    spans: list[Span] = [b.source for b in document.legal_bases if b.source is not None]
    spans += [s for s in (document.source, document.signer.source if document.signer else None) if s]
    for item in spans:
        assert item.start is not None and item.end is not None
        assert doc.layout.text[item.start : item.end] == item.text


# --- number and type ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number_line", "type_line", "number", "type_code", "type_name"),
    [
        ("Số: 129/KH-UBND", "KẾ HOẠCH", "129/KH-UBND", "KH", "Kế hoạch"),
        ("Số: 82/QĐ- BKHCN", "QUYẾT ĐỊNH", "82/QĐ-BKHCN", "QĐ", "Quyết định"),
        ("Số:      /KH-UBND", "KẾ HOẠCH", None, "KH", "Kế hoạch"),
        ("Số: 181/2024/NĐ-CP", "NGHỊ ĐỊNH", "181/2024/NĐ-CP", "NĐ", "Nghị định"),
        ("Số: 11-CT/TU", "CHỈ THỊ", "11-CT/TU", "CT", "Chỉ thị"),
        ("Số: 2265/BCT-ATMT", "", "2265/BCT-ATMT", None, None),
        ("Số: 2265/BCT-ATMT", "THÔNG BÁO", "2265/BCT-ATMT", "TB", "Thông báo"),
        # A Party document prints "Số" with no colon (tw-221-kl-tw, vptw-432-tb-vptw).
        ("Số 221-KL/TW", "KẾT LUẬN", "221-KL/TW", "KL", "Kết luận"),
        ("Số 432-TB/VPTW", "THÔNG BÁO KẾT LUẬN", "432-TB/VPTW", "TB", "Thông báo"),
    ],
    ids=["plan", "spaces-inside", "blank-draft", "year-in-number", "party-style", "cong-van", "cong-van-typed",
         "party-conclusions", "party-notice"],
)
def test_number_and_type(
    reference: ReferenceData, number_line: str, type_line: str, number: str | None,
    type_code: str | None, type_name: str | None,
) -> None:
    document, doc = _document(_plan(number=number_line, type_line=type_line), reference)
    assert (document.number, document.type_code, document.type_name) == (number, type_code, type_name)
    assert document.source is not None and document.source.text == " ".join(number_line.split())
    _assert_grounded(document, doc)


def test_cong_van_by_its_subject_line(reference: ReferenceData) -> None:
    """No type line, "V/v ..." under the number: a công văn, "CV" by convention (its number has no code)."""
    text = _plan(number="Số: 2265/BCT-ATMT\n\nV/v triển khai Nghị định số 113/2017/NĐ-CP", type_line="")
    document, _ = _document(text, reference)
    assert (document.number, document.type_code, document.type_name) == ("2265/BCT-ATMT", "CV", "Công văn")


# --- issuer, province, place, date -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "number", "date_line", "issuer", "province"),
    [
        ("ỦY BAN NHÂN DÂN\n\nTỈNH LẠNG SƠN", "Số: 129/KH-UBND", "Lạng Sơn, ngày 23 tháng 7 năm 2019",
         "Ủy ban nhân dân tỉnh Lạng Sơn", "Lạng Sơn"),
        ("UBND TỈNH AN GIANG\n\nSỞ KHOA HỌC VÀ CÔNG NGHỆ", "Số: 27/KH-SKHCN", "An Giang, ngày 02 tháng 4 năm 2021",
         "Sở Khoa học và Công nghệ tỉnh An Giang", "An Giang"),
        ("ỦY BAN NHÂN DÂN TỈNH LÀO CAI", "Số: /KH-UBND", "Lào Cai, ngày tháng năm 2026",
         "Ủy ban nhân dân tỉnh Lào Cai", "Lào Cai"),
        ("SỞ CÔNG THƯƠNG", "Số: /KH-SCT", "Lào Cai, ngày tháng 4 năm 2026",
         "Sở Công Thương tỉnh Lào Cai", "Lào Cai"),
        ("BỘ CÔNG THƯƠNG", "Số: 2265/BCT-ATMT", "Hà Nội, ngày 02 tháng 4 năm 2026", "Bộ Công Thương", None),
        ("BỘ CÔNG THƯƠNG\n\nCỤC HÓA CHẤT", "Số: 26/QĐ-XPVPHC", "Hà Nội, ngày 08 tháng 7 năm 2026",
         "Cục hóa chất", None),
        ("", "Số: 27/KH-SKHCN", "An Giang, ngày 02 tháng 4 năm 2021",
         "Sở Khoa học và Công nghệ tỉnh An Giang", "An Giang"),
        ("", "Số: 5/KH-TTg", "Hà Nội, ngày 02 tháng 4 năm 2021", "Thủ tướng Chính phủ", None),
        ("", "Số: 5/KH-XYZ", "An Giang, ngày 02 tháng 4 năm 2021", None, "An Giang"),
        ("", "Số: 5/KH-SKHCN", "Long Xuyên, ngày 02 tháng 4 năm 2021", None, None),
        # The Party's central organs are named for the Centre: no province from the place.
        ("BAN CHẤP HÀNH TRUNG ƯƠNG\n\nVĂN PHÒNG", "Số 432-TB/VPTW", "Hà Nội, ngày 26 tháng 11 năm 2025",
         "Văn phòng Ban chấp hành trung ương", None),
    ],
    ids=[
        "two-line-ubnd", "parent-and-department", "one-line-ubnd", "department-province-from-place",
        "ministry-central", "department-of-ministry", "no-header-suffix", "no-header-central-suffix",
        "no-header-unknown-suffix", "no-header-place-not-province", "party-centre",
    ],
)
def test_issuer_and_province(
    reference: ReferenceData, header: str, number: str, date_line: str, issuer: str | None, province: str | None
) -> None:
    document, _ = _document(_plan(header=header, number=number, date_line=date_line), reference)
    assert (document.issuer, document.province) == (issuer, province)


def test_issuer_takes_the_documents_own_spelling(reference: ReferenceData) -> None:
    text = _plan(header="UBND TỈNH AN GIANG\n\nSỞ KHOA HỌC VÀ CÔNG NGHỆ", preamble="Sở Khoa Học và Công Nghệ giao:")
    document, _ = _document(text, reference)
    assert document.issuer == "Sở Khoa Học và Công Nghệ tỉnh An Giang"


def test_generic_unit_is_named_with_its_parent(reference: ReferenceData) -> None:
    document, _ = _document(_plan(header="UBND TỈNH LÀO CAI\n\nVĂN PHÒNG", number="Số: 1/BC-VP"), reference)
    assert document.issuer == "Văn phòng Ủy ban nhân dân tỉnh Lào Cai"


@pytest.mark.parametrize(
    ("date_line", "issued", "province"),
    [
        ("Yên Bái, ngày 23 tháng 7 năm 2019", "2019-07-23", "Yên Bái"),
        ("Yên Bái, ngày 10 tháng 3 năm 2026", "2026-03-10", "Lào Cai"),
        ("Yên Bái, ngày    tháng 4 năm 2026", None, "Lào Cai"),
        ("Yên Bái, ngày 30 tháng 6 năm 2025", "2025-06-30", "Yên Bái"),
    ],
    ids=["before-merger-old-name", "after-merger-successor", "undated-draft-after", "day-before-merger"],
)
def test_merged_province_by_date(reference: ReferenceData, date_line: str, issued: str | None, province: str) -> None:
    """A province merged on 1 July 2025 is itself before the merger and its successor from then on;
    the issuer keeps the name it prints."""
    text = _plan(header="UBND TỈNH YÊN BÁI\n\nSỞ CÔNG THƯƠNG", number="Số: 5/KH-SCT", date_line=date_line)
    document, _ = _document(text, reference)
    assert (document.issued_date, document.province) == (issued, province)
    assert document.issuer == "Sở Công Thương tỉnh Yên Bái"


@pytest.mark.parametrize(
    ("date_line", "issued", "year"),
    [
        ("Lâm Đồng, ngày    tháng 12 năm 2025", None, 2025),
        ("Lâm Đồng, ngày 05 tháng 12 năm 2025", "2025-12-05", 2025),
        ("Lâm Đồng, ngày    tháng    năm 20", None, None),
    ],
    ids=["blank-day", "dated", "blank-year"],
)
def test_printed_year_of_a_draft(reference: ReferenceData, date_line: str, issued: str | None, year: int | None) -> None:
    """A draft's blank day leaves issued_date null, but its printed year still dates its deadlines."""
    document, doc = _document(_plan(date_line=date_line), reference)
    assert (document.issued_date, printed_year(doc, reference)) == (issued, year)


@pytest.mark.parametrize(
    ("date_line", "place", "issued"),
    [
        ("Lạng Sơn, ngày 23 tháng 7 năm 2019", "Lạng Sơn", "2019-07-23"),
        ("Lào Cai, ngày    tháng 4 năm 2026", "Lào Cai", None),
        ("TP. Hồ Chí Minh, ngày 5 tháng 1 năm 2024", "TP. Hồ Chí Minh", "2024-01-05"),
    ],
    ids=["spelled-out", "blank-day", "city-abbreviated"],
)
def test_place_and_date(reference: ReferenceData, date_line: str, place: str, issued: str | None) -> None:
    document, _ = _document(_plan(date_line=date_line), reference)
    assert (document.place, document.issued_date) == (place, issued)


def test_place_and_date_split_over_two_rows(reference: ReferenceData) -> None:
    text = "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH LẠNG SƠN\tĐộc lập - Tự do - Hạnh phúc\n" \
        "Số: 129/KH-UBND\tLạng Sơn, ngày 23\n\ttháng 7 năm 2019\n\nKẾ HOẠCH\n\nTriển khai A\n\nI. MỤC TIÊU\n"
    document, _ = _document(text, reference)
    assert (document.place, document.issued_date, document.issuer) == (
        "Lạng Sơn", "2019-07-23", "Ủy ban nhân dân tỉnh Lạng Sơn"
    )


# --- title ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("TRIỂN KHAI ĐỀ ÁN “TĂNG CƯỜNG”\n\nTRÊN ĐỊA BÀN TỈNH", "TRIỂN KHAI ĐỀ ÁN “TĂNG CƯỜNG” TRÊN ĐỊA BÀN TỈNH"),
        ("**Tổ chức thực hiện   Quyết định số 1/QĐ-UBND**", "Tổ chức thực hiện Quyết định số 1/QĐ-UBND"),
        ("Thực hiện Đề án số 08\n\n(Ban hành kèm theo Nghị quyết số 35-NQ/TU)", "Thực hiện Đề án số 08"),
    ],
    ids=["two-lines-capitals-kept", "markup-and-spaces", "attached-note-dropped"],
)
def test_title(reference: ReferenceData, title: str, expected: str) -> None:
    document, _ = _document(_plan(title=title), reference)
    assert document.title == expected


# --- legal bases ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("preamble", "expected"),
    [
        (
            "Căn cứ Quyết định số 996/QĐ-TTg ngày 10 tháng 8 năm 2018 của Thủ tướng Chính phủ về việc phê duyệt "
            "Đề án “Tăng cường; đổi mới hoạt động đo lường theo Quyết định số 5/QĐ-X”;",
            [("Quyết định", "996/QĐ-TTg", "2018-08-10", "Thủ tướng Chính phủ")],
        ),
        (
            "Thực hiện Quyết định số 996/QĐ-TTg ngày 10/8/2018 của Thủ tướng Chính phủ về việc phê duyệt Đề án "
            "“A”; Quyết định số 82/QĐ- BKHCN ngày 16/01/2019 của Bộ trưởng Bộ Khoa học và Công nghệ về việc "
            "phê duyệt Kế hoạch (Đề án), UBND tỉnh X xây dựng Kế hoạch với các nội dung sau:",
            [
                ("Quyết định", "996/QĐ-TTg", "2018-08-10", "Thủ tướng Chính phủ"),
                ("Quyết định", "82/QĐ-BKHCN", "2019-01-16", "Bộ trưởng Bộ Khoa học và Công nghệ"),
            ],
        ),
        (
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n\n"
            "Căn cứ Nghị định số 181/2024/NĐ-CP ngày 31/12/2024 của Chính phủ quy định chi tiết; Nghị định số "
            "146/2025/NĐ-CP ngày 12/6/2025 của Chính phủ quy định về phân quyền;\n\n"
            "Căn cứ Quyết định số 2338/QĐ-UBND ngày 05 tháng 10 năm 2020 của Ủy ban nhân dân tỉnh An Giang "
            "Phê duyệt Kế hoạch.",
            [
                ("Luật", None, "2015-06-19", None),
                ("Nghị định", "181/2024/NĐ-CP", "2024-12-31", "Chính phủ"),
                ("Nghị định", "146/2025/NĐ-CP", "2025-06-12", "Chính phủ"),
                ("Quyết định", "2338/QĐ-UBND", "2020-10-05", "Ủy ban nhân dân tỉnh An Giang"),
            ],
        ),
        (
            "Căn cứ Luật Xây dựng số 50/2014/QH13 đã được sửa đổi, bổ sung theo Luật số 03/2016/QH14;\n\n"
            "Căn cứ chức năng, nhiệm vụ được giao, Sở X xây dựng Kế hoạch như sau:\n\n"
            "Xét đề nghị của Công ty A tại Văn bản số 05/CV-A ngày 21/4/2026;",
            # The amending law is a cited document of its own (as the corpus facts of 1339/NQ-UBTVQH15 count).
            [("Luật", "50/2014/QH13", None, None), ("Luật", "03/2016/QH14", None, None)],
        ),
        (
            "Căn cứ Luật Công nghiệp công nghệ số số 71/2025/QH15 ngày 14/6/2025;",
            [("Luật", "71/2025/QH15", "2025-06-14", None)],
        ),
    ],
    ids=["quoted-programme-one-basis", "two-in-one-paragraph", "law-without-number-and-several",
         "amendments-and-non-bases", "repeated-so"],
)
def test_legal_bases(reference: ReferenceData, preamble: str, expected: list[tuple[Any, ...]]) -> None:
    document, doc = _document(_plan(preamble=preamble), reference)
    assert [(b.type_name, b.number, b.date, b.issuer) for b in document.legal_bases] == expected
    for basis in document.legal_bases:
        assert basis.source is not None and basis.text.startswith(basis.type_name or "")
    _assert_grounded(document, doc)


def test_basis_text_drops_the_introduction(reference: ReferenceData) -> None:
    preamble = "Thực hiện Chỉ thị số 11-CT/TU ngày 04/01/2026 của Ban Thường vụ Tỉnh ủy về khoáng sản " \
        "(viết tắt là Chỉ thị 11), Ủy ban nhân dân tỉnh ban hành Kế hoạch với các nội dung sau:"
    document, _ = _document(_plan(preamble=preamble), reference)
    (basis,) = document.legal_bases
    assert basis.text == "Chỉ thị số 11-CT/TU ngày 04/01/2026 của Ban Thường vụ Tỉnh ủy về khoáng sản " \
        "(viết tắt là Chỉ thị 11)"


# --- signer and recipients --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("signature", "expected"),
    [
        ("KT. CHỦ TỊCH\n\nPHÓ CHỦ TỊCH\n\nNguyễn Long Hải", ("Nguyễn Long Hải", "Phó Chủ tịch", "Chủ tịch")),
        ("GIÁM ĐỐC\n\nTàng Phú An", ("Tàng Phú An", "Giám đốc", None)),
        ("TM. ỦY BAN NHÂN DÂN\n\nCHỦ TỊCH\n\nNguyễn Văn A", ("Nguyễn Văn A", "Chủ tịch", "Ủy ban nhân dân")),
        ("TM. ỦY BAN NHÂN DÂN\n\nKT. CHỦ TỊCH\n\nPHÓ CHỦ TỊCH\n\nNguyễn Thành Sinh",
         ("Nguyễn Thành Sinh", "Phó Chủ tịch", "Chủ tịch")),
        ("KT. GIÁM ĐỐC\n\nPHÓ GIÁM ĐỐC", (None, "Phó Giám đốc", "Giám đốc")),
        ("TL. CHỦ TỊCH\n\nCHÁNH VĂN PHÒNG\n\n(Đã ký)\n\nLê Văn B", ("Lê Văn B", "Chánh Văn phòng", "Chủ tịch")),
        ("Q. GIÁM ĐỐC\n\nPhạm Thị D", ("Phạm Thị D", "Quyền Giám đốc", None)),
        ("THỦ TƯỚNG\n\nPhạm Minh Chính", ("Phạm Minh Chính", "Thủ tướng", None)),
        ("**KT. THỦ TƯỚNG**\n\n**PHÓ THỦ TƯỚNG**\n\n**Trần Hồng Hà**", ("Trần Hồng Hà", "Phó Thủ tướng", "Thủ tướng")),
    ],
    ids=["kt", "plain", "tm", "tm-and-kt", "no-name", "tl-with-stamp", "acting", "prime-minister", "emphasis"],
)
def test_signer(reference: ReferenceData, signature: str, expected: tuple[str | None, ...]) -> None:
    document, doc = _document(_plan(closing=f"Nơi nhận:\n\n- Như trên;\n\n- Lưu: VT.\n\n{signature}"), reference)
    assert document.signer is not None
    assert (document.signer.name, document.signer.position, document.signer.on_behalf_of) == expected
    assert document.signer.source is not None
    _assert_grounded(document, doc)


def test_signature_table_cells(reference: ReferenceData) -> None:
    closing = "Nơi nhận:\tKT. GIÁM ĐỐC\n- Sở A (b/c);\tPHÓ GIÁM ĐỐC\n- Tổng cục B\t\n(b/c);\t\n- Lưu: VT, (LTT).\tTrần Văn C"
    document, doc = _document(_plan(closing=closing), reference)
    assert document.recipients == ["Sở A (b/c)", "Tổng cục B (b/c)", "Lưu: VT, (LTT)"]
    assert document.signer is not None
    assert (document.signer.name, document.signer.position, document.signer.on_behalf_of) == (
        "Trần Văn C", "Phó Giám đốc", "Giám đốc"
    )
    _assert_grounded(document, doc)


def test_recipients_keep_the_archive_item(reference: ReferenceData) -> None:
    """"Lưu: VT" is part of the printed list: kept as printed, without "- " and the final ";" or "."."""
    closing = "Nơi nhận:\n\n- Bộ Khoa học và Công nghệ (b/c);\n\n- Phòng và đơn vị trực thuộc Sở;;\n\n" \
        "- Lưu: VT, (LTT).\n\nGIÁM ĐỐC\n\nTàng Phú An"
    document, _ = _document(_plan(closing=closing), reference)
    assert document.recipients == ["Bộ Khoa học và Công nghệ (b/c)", "Phòng và đơn vị trực thuộc Sở", "Lưu: VT, (LTT)"]


def test_nothing_printed_gives_nulls(reference: ReferenceData) -> None:
    document, _ = _document("Một đoạn văn bản không có tiêu đề.\n", reference)
    assert document.model_dump(exclude={"source"}) == Document().model_dump(exclude={"source"})


# --- the seeds in every format -------------------------------------------------------------------------------

SEEDS: dict[str, dict[str, Any]] = {
    AN_GIANG: {
        "number": "27/KH-SKHCN",
        "type_code": "KH",
        "type_name": "Kế hoạch",
        "issuer": "Sở Khoa học và Công nghệ tỉnh An Giang",
        "province": "An Giang",
        "place": "An Giang",
        "issued_date": "2021-04-02",
        "title": "Tổ chức thực hiện Quyết định số 2338/QĐ-UBND ngày 05 tháng 10 năm 2020 của Ủy ban nhân dân "
        "tỉnh An Giang Phê duyệt Kế hoạch triển khai Đề án “Tăng cường, đổi mới hoạt động đo lường hỗ trợ "
        "doanh nghiệp Việt Nam nâng cao năng lực cạnh tranh và hội nhập quốc tế giai đoạn đến năm 2025, "
        "định hướng đến năm 2030” trên địa bàn tỉnh An Giang",
        "legal_bases": [
            ("Quyết định", "996/QĐ-TTg", "2018-08-10", "Thủ tướng Chính phủ"),
            ("Quyết định", "82/QĐ-BKHCN", "2019-01-16", "Bộ trưởng Bộ Khoa học và Công nghệ"),
            ("Quyết định", "2338/QĐ-UBND", "2020-10-05", "Ủy ban nhân dân tỉnh An Giang"),
        ],
        "signer": ("Tàng Phú An", "Giám đốc", None),
        "recipients": ["UBND huyện, thị xã, thành phố", "Lãnh đạo Sở", "Phòng và đơn vị trực thuộc Sở", "Lưu: VT"],
    },
    LANG_SON: {
        "number": "129/KH-UBND",
        "type_code": "KH",
        "type_name": "Kế hoạch",
        "issuer": "Ủy ban nhân dân tỉnh Lạng Sơn",
        "province": "Lạng Sơn",
        "place": "Lạng Sơn",
        "issued_date": "2019-07-23",
        "title": "TRIỂN KHAI ĐỀ ÁN “TĂNG CƯỜNG, ĐỔI MỚI HOẠT ĐỘNG ĐO LƯỜNG HỖ TRỢ DOANH NGHIỆP VIỆT NAM NÂNG "
        "CAO NĂNG LỰC CẠNH TRANH VÀ HỘI NHẬP QUỐC TẾ GIAI ĐOẠN ĐẾN NĂM 2025, ĐỊNH HƯỚNG ĐẾN NĂM 2030” TRÊN "
        "ĐỊA BÀN TỈNH LẠNG SƠN",
        "legal_bases": [
            ("Quyết định", "996/QĐ-TTg", "2018-08-10", "Thủ tướng Chính phủ"),
            ("Quyết định", "82/QĐ-BKHCN", "2019-01-16", "Bộ trưởng Bộ Khoa học và Công nghệ"),
        ],
        "signer": ("Nguyễn Long Hải", "Phó Chủ tịch", "Chủ tịch"),
        "recipients": [
            "Bộ Khoa học và Công nghệ (b/c)",
            "Tổng cục Tiêu chuẩn Đo lường Chất lượng (b/c)",
            "Chủ tịch, các Phó Chủ tịch UBND tỉnh",
            "Các sở, ban, ngành tỉnh",
            "Hiệp hội Doanh nghiệp tỉnh",
            "UBND các huyện, thành phố",
            "C,PVP UBND tỉnh, các phòng: KGVX, TH, KTTH, KTCN, THCB",
            "Lưu: VT, (LTT)",
        ],
    },
}


def _contract_fields(document: Document) -> dict[str, Any]:
    signer = document.signer
    return {
        **document.model_dump(include={
            "number", "type_code", "type_name", "issuer", "province", "place", "issued_date", "title", "recipients",
        }),
        "legal_bases": [(b.type_name, b.number, b.date, b.issuer) for b in document.legal_bases],
        "signer": (signer.name, signer.position, signer.on_behalf_of) if signer else None,
    }


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("seed", [AN_GIANG, LANG_SON])
def test_seed(
    structured: Callable[[str], StructuredDocument], reference: ReferenceData, seed: str, fmt: str
) -> None:
    doc = structured(f"{seed}.{fmt}")
    document, findings = extract_document(doc, reference)
    assert findings == []
    assert _contract_fields(document) == SEEDS[seed]
    assert document.source is not None and document.source.text == f"Số: {SEEDS[seed]['number']}"
    assert all(b.source is not None for b in document.legal_bases)
    assert document.signer is not None and document.signer.source is not None
    _assert_grounded(document, doc)


@pytest.mark.parametrize("seed", [AN_GIANG, LANG_SON])
def test_seed_identical_across_formats(
    structured: Callable[[str], StructuredDocument], reference: ReferenceData, seed: str
) -> None:
    results = {fmt: _contract_fields(extract_document(structured(f"{seed}.{fmt}"), reference)[0]) for fmt in FORMATS}
    assert all(result == results["txt"] for result in results.values())
    texts = {
        fmt: [b.text for b in extract_document(structured(f"{seed}.{fmt}"), reference)[0].legal_bases]
        for fmt in FORMATS
    }
    assert all(t == texts["txt"] for t in texts.values())


def test_lang_son_pdf_spans_carry_pages(structured: Callable[[str], StructuredDocument], reference: ReferenceData) -> None:
    document, _ = extract_document(structured(f"{LANG_SON}.pdf"), reference)
    assert document.source is not None and document.source.page == 1
    assert [b.source.page for b in document.legal_bases if b.source] == [1, 1]
    assert document.signer is not None and document.signer.source is not None
    assert document.signer.source.text == "Nguyễn Long Hải"


# --- real drafts (samples/real) -------------------------------------------------------------------------------

REAL = Path("real")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("lao-cai-kh-ubnd-chi-thi-11-khoang-san.docx", {
            "type_code": "KH", "issuer": "Ủy ban nhân dân tỉnh Lào Cai", "province": "Lào Cai",
            "signer": ("Nguyễn Thành Sinh", "Phó Chủ tịch", "Chủ tịch"),
            "bases": [("Chỉ thị", "11-CT/TU", "2026-01-04", "Ban Thường vụ Tỉnh ủy")],
        }),
        ("lao-cai-kh-sct-de-an-08-cong-nghiep-xanh.docx", {
            "type_code": "KH", "issuer": "Sở Công Thương tỉnh Lào Cai", "province": "Lào Cai",
            "signer": ("Trịnh Văn Thành", "Phó Giám đốc", "Giám đốc"),
            "title": "Thực hiện Đề án số 08 về phát triển công nghiệp tỉnh Lào Cai theo hướng xanh, hiện đại "
            "giai đoạn 2026-2030",
        }),
        ("lao-cai-kh-sct-2242-kiem-tra-cap-gcn-vlncn.docx", {
            "type_code": "KH", "issuer": "Sở Công Thương tỉnh Lào Cai", "province": "Lào Cai",
            "signer": ("Hoàng Văn Thuân", "Phó Giám đốc", "Giám đốc"),
            "recipients": ["Ban Giám đốc Sở", "Lưu: VT, CN(M.Cường"],
        }),
        ("lao-cai-bc-vp-ubnd-trien-khai-cum-cong-nghiep.docx", {
            "type_code": "BC", "province": "Lào Cai", "signer": None,
        }),
    ],
    ids=["kh-ubnd-chi-thi-11", "kh-sct-de-an-08", "kh-sct-2242", "bc-vp-ubnd"],
)
def test_real_drafts(
    structured: Callable[[Path], StructuredDocument], reference: ReferenceData, name: str, expected: dict[str, Any]
) -> None:
    doc = structured(REAL / name)
    document, findings = extract_document(doc, reference)
    assert findings == []
    assert document.number is None  # "Số:      /KH-UBND": blank in a draft, never guessed
    assert document.issued_date is None  # "ngày    tháng 4 năm 2026"
    assert document.place == "Lào Cai"
    assert document.source is not None and document.source.text.startswith("Số:")
    fields = _contract_fields(document)
    for key in ("type_code", "issuer", "province", "signer", "title", "recipients"):
        if key in expected:
            assert fields[key] == expected[key], key
    if "bases" in expected:
        assert fields["legal_bases"] == expected["bases"]
    _assert_grounded(document, doc)


def test_real_draft_bases_skip_requests_and_keep_each_decree(
    structured: Callable[[Path], StructuredDocument], reference: ReferenceData
) -> None:
    """"Căn cứ Nghị định ...; Nghị định ..." gives two; "Xét đề nghị của 28 đơn vị ... Văn bản số ..." none."""
    document, _ = extract_document(structured(REAL / "lao-cai-kh-sct-2242-kiem-tra-cap-gcn-vlncn.docx"), reference)
    assert [b.number for b in document.legal_bases] == [
        None, "181/2024/NĐ-CP", "146/2025/NĐ-CP", "1883/QĐ-UBND", "05/2025/QĐ-UBND", "2797/QĐ-SCT", "564/QĐ-SCT",
    ]
    assert document.legal_bases[0].type_name == "Luật" and document.legal_bases[0].date == "2024-08-26"


def test_real_cong_van_doc_is_a_cong_van(
    structured: Callable[[Path], StructuredDocument], reference: ReferenceData
) -> None:
    """A thông báo sent as a công văn: "Số: /SCT-CN" has no type code, no type line; the subject is the title."""
    document, _ = extract_document(structured(REAL / "lao-cai-tb-sct-tham-dinh-duong-bai-thai-san-bang.doc"), reference)
    assert (document.number, document.type_code, document.type_name) == (None, "CV", "Công văn")
    assert document.issuer == "Sở Công Thương tỉnh Lào Cai"
    assert document.title is not None and document.title.startswith("thông báo kết quả thẩm định")
    assert document.signer is not None and document.signer.name == "Hoàng Văn Thuân"


# --- a crawled page in the site's other layout: the site's fields, no letterhead ------------------------

SITE_PAGE = "\n".join([
    "|", "|", "Đang tải văn bản...", "#", "**Số hiệu:**", "|", "512/BXD-VP", "|", "|",
    "**Loại văn bản:**", "|", "Công văn", "|", "**Nơi ban hành:**", "|", "Bộ Xây dựng", "|", "|",
    "**Người ký:**", "|", "Trần Văn B", "|", "**Ngày ban hành:**", "|", "03/12/2025", "|", "|",
    "**Tình trạng:**", "|", "Đã biết", "|",
    "**Kính gửi:** Thủ trưởng các đơn vị thuộc Bộ",
    "Thực hiện chỉ đạo của Lãnh đạo Bộ, Bộ trưởng giao:",
    "**1. Vụ Kế hoạch - Tài chính:** Chủ trì, phối hợp với các đơn vị liên quan rà soát kế hoạch vốn",
    "năm 2026, báo cáo Lãnh đạo Bộ trước ngày 20/12/2025.",
    "**2. Vụ Pháp chế:** Hướng dẫn các địa phương cập nhật giá vật liệu xây dựng hằng quý.",
    "|", "*Nơi nhận:*", "- Như trên;", "- Lưu: VT, VP.", "|", "**KT. BỘ TRƯỞNG**", "**THỨ TRƯỞNG**",
    "**Trần Văn B**", "|", "",
])


def test_a_page_without_its_letterhead_takes_the_site_fields() -> None:
    from kehoach.pipeline.run import extract_plan

    plan = extract_plan(SITE_PAGE.encode(), "page.md").plan
    document = plan.document
    assert (document.number, document.type_code, document.issuer) == ("512/BXD-VP", "CV", "Bộ Xây dựng")
    assert (document.issued_date, document.issuer_level, document.place) == ("2025-12-03", "central", None)
    # a letter ("Kính gửi") numbered from "1." assigns its work item by item
    assert [(t.id, t.lead_units) for t in plan.tasks] == [
        ("1", ["Vụ Kế hoạch - Tài chính"]), ("2", ["Vụ Pháp chế"])
    ]
    assert plan.tasks[0].coordinating_units == ["các đơn vị liên quan"]


def test_the_site_fields_never_override_a_letterhead() -> None:
    page = SITE_PAGE.replace(
        "**Kính gửi:**",
        "|\n**BỘ XÂY DỰNG**\n|\n**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\nĐộc lập - Tự do - Hạnh phúc\n|\n|\n"
        "Số: 600/BXD-KHTC\n|\nHà Nội, ngày 05 tháng 12 năm 2025\n|\n**Kính gửi:**",
    )
    from kehoach.pipeline.run import extract_plan

    document = extract_plan(page.encode(), "page.md").plan.document
    assert (document.number, document.issued_date, document.place) == ("600/BXD-KHTC", "2025-12-05", "Hà Nội")


def test_a_letter_without_a_subject_line_is_a_cong_van(reference: ReferenceData) -> None:
    text = (
        "ỦY BAN NHÂN DÂN\n\nTHÀNH PHỐ HÀ NỘI\n\n" + MOTTO + "\n\nSố: 6357/UBND-NC\n\nHà Nội, ngày 20 tháng 11 năm 2025\n\n"
        "Kính gửi: Sở Y tế\n\nỦy ban nhân dân Thành phố yêu cầu:\n\n1. Sở Y tế tăng cường kiểm tra.\n\n" + CLOSING
    )
    document, _ = _document(text, reference)
    assert (document.type_code, document.type_name) == ("CV", "Công văn")


def test_a_party_conclusion_crawled_with_the_site_fields_above_its_letterhead() -> None:
    # tests/unseen tw-221-kl-tw: the site's "Số hiệu" value (a number, in capitals) is no issuer line, and
    # the number's row was read with empty cells before it: the letterhead's left column names the issuer.
    from kehoach.pipeline.run import extract_plan

    path = Path(__file__).resolve().parents[2] / "tests" / "unseen" / "documents" / "tw-221-kl-tw.md"
    document = extract_plan(path.read_bytes(), str(path)).plan.document
    assert (document.number, document.type_code) == ("221-KL/TW", "KL")
    assert (document.issuer, document.issuer_level, document.province) == ("Ban Chấp hành Trung ương", "central", None)
