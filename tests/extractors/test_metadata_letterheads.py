"""Metadata of real documents in every letterhead form: Markdown crawled from the web (flattened cells,
emphasis, web furniture before the letterhead), DOCX layout tables, a letterhead as a row of cells built
with LayoutBuilder, pages without a letterhead. Expected values are read in the documents
(tests/corpus/documents) themselves."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kehoach.extractors.layout import CellSpec, LayoutBuilder
from kehoach.extractors.metadata import extract_document
from kehoach.extractors.normalize import normalize_layout
from kehoach.extractors.readers.text_reader import read_text
from kehoach.extractors.reference import ReferenceData
from kehoach.extractors.structure import StructuredDocument, build_structure
from kehoach.pipeline.run import extract_plan
from kehoach.schemas import Document

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "documents"


def _corpus(structured: Callable[[Path], StructuredDocument], reference: ReferenceData, name: str) -> Document:
    document, _ = extract_document(structured(CORPUS / name), reference)
    return document


def _text(text: str, reference: ReferenceData) -> Document:
    layout = normalize_layout(read_text(text.encode(), "x.txt"))
    document, _ = extract_document(build_structure(layout, reference.type_names()), reference)
    return document


# --- the issuer is the left column, never the motto ------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "number", "issuer", "province", "issued"),
    [
        # "**ỦY BAN NHÂN" / "DÂN**" / "THÀNH PHỐ CẦN THƠ" / "**CỘNG HÒA XÃ" / "HỘI CHỦ NGHĨA VIỆT NAM**"
        ("can-tho-153-kh-ubnd.md", "153/KH-UBND", "Ủy ban nhân dân thành phố Cần Thơ", "Cần Thơ", "2025-11-17"),
        ("dak-lak-0125-kh-ubnd.md", "0125/KH-UBND", "Ủy ban nhân dân tỉnh Đắk Lắk", "Đắk Lắk", "2025-11-18"),
        # "**ỦY BAN NHÂN DÂN" / "**" / "THÀNH PHỐ HỒ CHÍ MINH"
        ("ho-chi-minh-172-kh-ubnd.md", "172/KH-UBND", "Ủy ban nhân dân thành phố Hồ Chí Minh", "Hồ Chí Minh",
         "2025-11-18"),
    ],
)
def test_markdown_letterhead_gives_issuer_and_province(
    structured: Callable[[Path], StructuredDocument], reference: ReferenceData, name: str, number: str,
    issuer: str, province: str, issued: str,
) -> None:
    document = _corpus(structured, reference, name)
    assert (document.number, document.issuer, document.province, document.issued_date) == (
        number, issuer, province, issued
    )
    assert document.issuer_level == "province"
    assert document.type_code == "KH" and document.carries is None


def test_letterhead_after_web_furniture_of_a_central_body(
    structured: Callable[[Path], StructuredDocument], reference: ReferenceData
) -> None:
    """The page opens with the site's table ("Số hiệu:", "Loại văn bản:"); the letterhead "VĂN" /
    "PHÒNG CHÍNH PHỦ" follows. "Hà Nội, ngày 16 ..." is the place, not the province of a central body."""
    document = _corpus(structured, reference, "vpcp-624-tb-vpcp.md")
    assert (document.number, document.type_code, document.issuer) == ("624/TB-VPCP", "TB", "Văn phòng Chính phủ")
    assert (document.issuer_level, document.province, document.place) == ("central", None, "Hà Nội")
    assert document.issued_date == "2025-11-16"


def test_decision_of_the_prime_minister(
    structured: Callable[[Path], StructuredDocument], reference: ReferenceData
) -> None:
    """"KT. THỦ TƯỚNG / PHÓ THỦ TƯỚNG / Nguyễn Chí Dũng" in emphasis; "VỀ VIỆC PHÊ DUYỆT CHƯƠNG TRÌNH ..."."""
    document = _corpus(structured, reference, "ttg-2629-qd-ttg.md")
    assert (document.number, document.type_code, document.issuer) == ("2629/QĐ-TTg", "QĐ", "Thủ tướng Chính phủ")
    assert (document.issuer_level, document.province, document.issued_date) == ("central", None, "2025-12-01")
    assert document.signer is not None
    assert (document.signer.name, document.signer.position, document.signer.on_behalf_of) == (
        "Nguyễn Chí Dũng", "Phó Thủ tướng", "Thủ tướng"
    )
    assert document.carries is not None and document.carries.type_code == "CTr"
    # The crawl's wrapped lines join the authority line "THỦ TƯỚNG CHÍNH PHỦ" to the title's last line.
    assert document.carries.title is not None
    assert document.carries.title.startswith("Chương trình phát triển chính phủ số")


def test_number_below_its_label_and_a_decision_issuing_a_plan(
    structured: Callable[[Path], StructuredDocument], reference: ReferenceData
) -> None:
    """"Số:" / "2820/QĐ-UBND" on two lines; 21 "Căn cứ" lines, one listing three decisions after a colon."""
    document = _corpus(structured, reference, "ho-chi-minh-2820-qd-ubnd.md")
    assert (document.number, document.type_code, document.issued_date) == ("2820/QĐ-UBND", "QĐ", "2025-11-19")
    assert document.carries is not None and document.carries.type_code == "KH"
    numbers = [basis.number for basis in document.legal_bases]
    assert len(numbers) == 23
    at = numbers.index("66.2/2025/NQ-CP")
    assert numbers[at : at + 5] == ["66.2/2025/NQ-CP", "1629/QĐ-TTg", "790/QĐ-TTg", "1711/QĐ-TTg", "3103/QĐ-BTC"]


def test_signer_under_tm_wrapped_over_two_lines(
    structured: Callable[[Path], StructuredDocument], reference: ReferenceData
) -> None:
    """"*Nơi nhận:*" in emphasis, then "**TM. ỦY BAN" / "NHÂN DÂN**" / "CHỦ TỊCH" / "**Trương Cảnh Tuyên**"."""
    document = _corpus(structured, reference, "can-tho-153-kh-ubnd.md")
    assert document.signer is not None
    assert (document.signer.name, document.signer.position, document.signer.on_behalf_of) == (
        "Trương Cảnh Tuyên", "Chủ tịch", "Ủy ban nhân dân"
    )
    assert document.recipients[0] == "Văn phòng Chính phủ (để báo cáo)"


def test_signer_name_printed_under_the_signature_table(
    structured: Callable[[Path], StructuredDocument], reference: ReferenceData
) -> None:
    document = _corpus(structured, reference, "ld-kh-tongket-chienluoc-pcmt.doc")
    assert document.signer is not None
    assert (document.signer.name, document.signer.position, document.signer.on_behalf_of) == (
        "Nguyễn Minh", "Phó Chủ tịch", "Chủ tịch"
    )


def test_resolution_without_letterhead(structured: Callable[[Path], StructuredDocument], reference: ReferenceData) -> None:
    """The crawled page kept no letterhead: the authority line "ỦY BAN THƯỜNG VỤ QUỐC HỘI" names the issuer and
    the annex's "(Ban hành kèm theo Nghị quyết số 1339/NQ-UBTVQH15 ngày 28 tháng 12 năm 2024 ...)" the number."""
    document = _corpus(structured, reference, "ubtvqh-1339-nq-ubtvqh15.md")
    assert (document.number, document.type_code, document.issued_date) == ("1339/NQ-UBTVQH15", "NQ", "2024-12-28")
    assert (document.issuer, document.issuer_level, document.province) == ("Ủy ban Thường vụ Quốc hội", "central", None)
    assert document.carries is not None and document.carries.type_code == "KH"


# --- DOCX layout tables and rows of cells ------------------------------------------------------------------


def test_docx_draft_with_blank_number_and_day() -> None:
    """"Số: /KH-UBND" and "Lâm Đồng, ngày tháng 12 năm 2025": both null, each with its finding."""
    path = CORPUS / "ld-kh-cchc-2026-final.docx"
    plan = extract_plan(path.read_bytes(), str(path)).plan
    assert plan is not None
    document = plan.document
    assert (document.number, document.issued_date, document.type_code) == (None, None, "KH")
    assert (document.issuer, document.province, document.issuer_level) == (
        "Ủy ban nhân dân tỉnh Lâm Đồng", "Lâm Đồng", "province"
    )
    codes = {finding.code for finding in plan.findings}
    assert {"DOCUMENT_NUMBER_MISSING", "DATE_MISSING"} <= codes


def test_cong_van_docx(structured: Callable[[Path], StructuredDocument], reference: ReferenceData) -> None:
    """No type line, "V/v tập trung thực hiện ..." under "Số: /UBND-NC"; the basis is the Quyết định the
    criteria were issued with ("Bộ tiêu chí ... ban hành kèm theo Quyết định số 1187/QĐ-BNV")."""
    document = _corpus(structured, reference, "ld-vb-chidao-caithien-chiso-2025.docx")
    assert (document.type_code, document.type_name, document.number) == ("CV", "Công văn", None)
    assert [basis.number for basis in document.legal_bases] == ["1187/QĐ-BNV"]


def test_letterhead_as_a_row_of_cells(reference: ReferenceData) -> None:
    """The form a Markdown or PDF reader gives when it rebuilds the letterhead table: issuer | motto cells."""
    builder = LayoutBuilder("x.md", "md", "0" * 64)
    builder.add_row([
        CellSpec(text="**ỦY BAN NHÂN\nDÂN**\n**THÀNH PHỐ CẦN THƠ**\n--------", column=0),
        CellSpec(text="**CỘNG HÒA XÃ\nHỘI CHỦ NGHĨA VIỆT NAM**\nĐộc lập - Tự do - Hạnh phúc", column=1),
    ], table=0, style="layout")
    builder.add_row([
        CellSpec(text="Số:\n153/KH-UBND", column=0),
        CellSpec(text="*Cần Thơ, ngày\n17 tháng 11 năm 2025*", column=1),
    ], table=0, style="layout")
    for text in ("KẾ HOẠCH", "Triển khai thực hiện Chương trình", "I. MỤC ĐÍCH", "1. Mục đích"):
        builder.add("paragraph", text)
    builder.add_row([
        CellSpec(text="*Nơi nhận:*\n- Văn phòng Chính phủ (để báo cáo);\n- Lưu: VT, M.", column=0),
        CellSpec(text="**TM. ỦY BAN\nNHÂN DÂN**\nCHỦ TỊCH\n**Trương Cảnh Tuyên**", column=1),
    ], table=1, style="layout")
    layout = normalize_layout(builder.build())
    document, _ = extract_document(build_structure(layout, reference.type_names()), reference)
    assert (document.number, document.issuer, document.province) == (
        "153/KH-UBND", "Ủy ban nhân dân thành phố Cần Thơ", "Cần Thơ"
    )
    assert (document.place, document.issued_date) == ("Cần Thơ", "2025-11-17")
    assert document.signer is not None
    assert (document.signer.name, document.signer.position, document.signer.on_behalf_of) == (
        "Trương Cảnh Tuyên", "Chủ tịch", "Ủy ban nhân dân"
    )
    assert document.recipients == ["Văn phòng Chính phủ (để báo cáo)", "Lưu: VT, M"]


def test_letterhead_side_by_side_on_one_line(reference: ReferenceData) -> None:
    """Text extracted from a PDF without columns: each issuer line followed by the motto line beside it."""
    document = _text(
        "UBND TỈNH ĐỒNG THÁP CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\n"
        "SỞ KHOA HỌC VÀ CÔNG NGHỆ Độc lập - Tự do - Hạnh phúc\n\n"
        "Số: 27/KH-SKHCN Đồng Tháp, ngày 02 tháng 4 năm 2021\n\nKẾ HOẠCH\n\nTriển khai Đề án\n\nI. MỤC TIÊU\n",
        reference,
    )
    assert (document.issuer, document.province, document.issuer_level) == (
        "Sở Khoa học và Công nghệ tỉnh Đồng Tháp", "Đồng Tháp", "province"
    )


@pytest.mark.parametrize(
    "header",
    [
        # Rows flattened without their opening bar, as some law sites print them.
        "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 130/KH-UBND | Thanh Hoá, ngày 27 tháng 6 năm 2025 |\n",
        # Each cell on its own line, closed by a bar.
        "ỦY BAN NHÂN DÂN |\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 130/KH-UBND |\nThanh Hoá, ngày 27 tháng 6 năm 2025 |\n",
    ],
    ids=["open-rows", "closed-cells"],
)
def test_letterhead_cells_closed_by_bars(header: str, reference: ReferenceData) -> None:
    """The bar closing a crawled cell is not text: the place is "Thanh Hoá", which gives the province,
    and the issuer named by its body alone takes the province."""
    document = _text(header + "KẾ HOẠCH\nTriển khai phong trào thi đua\nI. MỤC ĐÍCH, YÊU CẦU\n", reference)
    assert (document.number, document.place, document.issued_date) == ("130/KH-UBND", "Thanh Hoá", "2025-06-27")
    assert (document.issuer, document.province) == ("Ủy ban nhân dân tỉnh Thanh Hóa", "Thanh Hóa")


@pytest.mark.parametrize(
    ("cell", "place"),
    [("Mỹ\nTho, ngày 24 tháng 12 năm 2009", "Mỹ Tho"), ("Sơn\nLa, ngày 11 tháng 3\nnăm 2020", "Sơn La")],
    ids=["one-line", "date-wrapped-too"],
)
def test_place_wrapped_in_a_narrow_cell(cell: str, place: str, reference: ReferenceData) -> None:
    """A crawled cell keeps the wrapping of a narrow column: the place's first word on its own line."""
    document = _text(
        "ỦY BAN NHÂN DÂN\nTỈNH TIỀN GIANG\n|\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n|\nSố:\n33/2009/QĐ-UBND\n|\n"
        f"{cell}\n|\nQUYẾT ĐỊNH\nVề việc ban hành quy chế\n",
        reference,
    )
    assert document.place == place and document.issued_date is not None


def test_letterhead_that_lost_its_first_letter(reference: ReferenceData) -> None:
    """"Y BAN NHÂN DÂN": a crawl that dropped the "Ủ", printed as a glyph of its own on the page."""
    document = _text(
        "Y BAN NHÂN DÂN\nTỈNH KON TUM\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
        "Số: 2516/KH-UBND\n\nKon Tum, ngày 03 tháng 10 năm 2014\n\nKẾ HOẠCH\n\nTriển khai thực hiện\n",
        reference,
    )
    assert (document.issuer, document.issuer_level) == ("Ủy ban nhân dân tỉnh Kon Tum", "province")


def test_unreadable_sequence_keeps_the_type_code(reference: ReferenceData) -> None:
    """A scan's "Số: 5Ø /KH-BCA-C04": the number is null, the type still KH."""
    document = _text(
        "BỘ CÔNG AN\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nĐộc lập - Tự do - Hạnh phúc\n\n"
        "Số: 5Ø /KH-BCA-C04\n\nHà Nội, ngày 02 tháng 10 năm 2025\n\nTổ chức Hội nghị\n\nI. MỤC ĐÍCH\n",
        reference,
    )
    assert (document.number, document.type_code, document.issuer, document.issuer_level) == (
        None, "KH", "Bộ Công an", "central"
    )


def test_commune_level(reference: ReferenceData) -> None:
    document = _text(
        "ỦY BAN NHÂN DÂN\n\nXÃ XUÂN HÒA\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nĐộc lập - Tự do - Hạnh phúc\n\n"
        "Số: 12/KH-UBND\n\nXuân Hòa, ngày 02 tháng 10 năm 2025\n\nKẾ HOẠCH\n\nTriển khai\n\nI. MỤC ĐÍCH\n",
        reference,
    )
    assert (document.issuer_level, document.province) == ("commune", None)


# --- legal bases ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "numbers"),
    [
        # "Căn cứ Nghị định số" / "200/2023/NĐ-CP ..." cut over two blocks by the crawl.
        ("dak-lak-0129-kh-ubnd.md", ["200/2023/NĐ-CP", "98/2021/NĐ-CP", "02600/PA-UBND", "02110/QĐ-UBND",
                                     "223/CĐ-TTg"]),
        # "Thực hiện Nghị quyết số 163/2024/QH15 ..., Nghị quyết số 50/NQ-CP ... và Quyết định số 7619/QĐ-BCA"
        ("dong-nai-182-kh-ubnd.md", ["163/2024/QH15", "50/NQ-CP", "7619/QĐ-BCA"]),
        # "Triển khai thực hiện Nghị quyết số 57-NQ/TW ..."
        ("ha-noi-310-kh-ubnd.md", ["57-NQ/TW", "03/NQ-CP", "1132/QĐ-TTg", "1569/QĐ-TTg", "912/QĐ-BKHCN",
                                    "139/KH-UBND"]),
        # "*Căn cứ Chỉ thị 42-CT/TW ngày*" / "*24 tháng 3 năm 2020 ...*": emphasis, wrapped
        ("ho-chi-minh-2853-qd-ubnd.md", [None, None, None, None, "42-CT/TW", "66/2021/NĐ-CP", "78/2021/NĐ-CP"]),
    ],
)
def test_wrapped_legal_bases(
    structured: Callable[[Path], StructuredDocument], reference: ReferenceData, name: str, numbers: list[str | None]
) -> None:
    document = _corpus(structured, reference, name)
    assert [basis.number for basis in document.legal_bases][: len(numbers)] == numbers


def test_a_law_dated_is_not_numbered(structured: Callable[[Path], StructuredDocument], reference: ReferenceData) -> None:
    """"Căn cứ Luật Thi đua, khen thưởng ngày 15/6/2022;" has a date, no number; "quy định chi tiết ..." after
    a ";" cites nothing."""
    document = _corpus(structured, reference, "ld-kh-thidua-cchc-2026.docx")
    assert [(b.type_name, b.number, b.date) for b in document.legal_bases] == [
        ("Luật", None, "2022-06-15"),
        ("Nghị quyết", "76/NQ-CP", "2021-07-15"),
        ("Nghị định", "152/2025/NĐ-CP", "2025-06-14"),
        ("Quyết định", "58/QĐ-UBND", "2026-01-08"),
        ("Kế hoạch", "9669/KH-UBND", "2025-12-24"),
    ]


def test_incoming_mail_stamp_is_not_the_number(reference: ReferenceData) -> None:
    """A scan's stamp "CÔNG VĂN ĐẾN / Số: 4512 / Ngày: 20/12/2021" read above the letterhead's own number."""
    document = _text(
        "ỦY BAN NHÂN DÂN\n\nTỈNH QUẢNG NGÃI\n\nCÔNG VĂN ĐẾN\n\nSố: 4512\n\nNgày: 20/12/2021\n\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nĐộc lập - Tự do - Hạnh phúc\n\n"
        "Số: 16/CT-UBND\n\nQuảng Ngãi, ngày 14 tháng 12 năm 2021\n\nCHỈ THỊ\n\nVề việc đón Tết\n\nI. MỤC ĐÍCH\n",
        reference,
    )
    assert (document.number, document.type_code, document.issued_date) == ("16/CT-UBND", "CT", "2021-12-14")
    assert (document.issuer, document.province) == ("Ủy ban nhân dân tỉnh Quảng Ngãi", "Quảng Ngãi")


def test_a_birth_date_is_not_the_issue_date(
    structured: Callable[[Path], StructuredDocument], reference: ReferenceData
) -> None:
    """An investment certificate: no place-and-date line; "Ngày sinh: 08/12/1994" is its investor's birth."""
    document, _ = extract_document(structured(Path("real") / "lao-cai-gcn-dkdt-kcn-ban-qua.pdf"), reference)
    assert document.issued_date is None
    assert document.issuer == "Ban Quản lý Khu kinh tế tỉnh Lào Cai"
