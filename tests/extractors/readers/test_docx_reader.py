"""The DOCX reader on the two seed plans, the real Word drafts, and hand-built hostile files."""

from __future__ import annotations

import time
import zipfile
from io import BytesIO
from pathlib import Path

import pytest

from kehoach.extractors.errors import DocumentLoadError
from kehoach.extractors.layout import Block, Layout
from kehoach.extractors.readers import read_document
from kehoach.extractors.readers.docx.numbering import format_number
from kehoach.extractors.readers.docx.package import DocxSettings
from kehoach.extractors.readers.docx.reader import read_docx
from layout_checks import assert_grounded
from zip_headers import CRC32, with_header_field

SAMPLES = Path(__file__).resolve().parents[3] / "samples"
REAL = SAMPLES / "real"
AN_GIANG = SAMPLES / "an-giang-27-KH-SKHCN-2021.docx"
LANG_SON = SAMPLES / "lang-son-129-KH-UBND-2019.docx"
KH_2242 = REAL / "lao-cai-kh-sct-2242-kiem-tra-cap-gcn-vlncn.docx"
BC_CCN = REAL / "lao-cai-bc-vp-ubnd-trien-khai-cum-cong-nghiep.docx"
CHI_THI_11 = REAL / "lao-cai-kh-ubnd-chi-thi-11-khoang-san.docx"
DE_AN_08 = REAL / "lao-cai-kh-sct-de-an-08-cong-nghiep-xanh.docx"
ALL_DOCX = [AN_GIANG, LANG_SON, KH_2242, BC_CCN, CHI_THI_11, DE_AN_08]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def read(path: Path) -> Layout:
    return read_document(path.read_bytes(), str(path))


def rows(layout: Layout, table: int) -> list[Block]:
    return [b for b in layout.blocks if b.kind == "row" and b.table == table]


def tables(layout: Layout) -> list[int]:
    return sorted({b.table for b in layout.blocks if b.table is not None})


def first_cells(layout: Layout, table: int) -> list[str]:
    return [r.cells[0].text for r in rows(layout, table)]


# --- building small DOCX files ----------------------------------------------------------------------

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'wordprocessingml.numbering+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'wordprocessingml.styles+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)
_DOC_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'numbering" Target="numbering.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'styles" Target="styles.xml"/></Relationships>'
)
_EMPTY_STYLES = f'<w:styles xmlns:w="{W_NS}"/>'
_EMPTY_NUMBERING = f'<w:numbering xmlns:w="{W_NS}"/>'


def make_docx(
    body: str,
    *,
    numbering: str = _EMPTY_NUMBERING,
    styles: str = _EMPTY_STYLES,
    doctype: str = "",
    extra: dict[str, bytes] | None = None,
) -> bytes:
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{doctype}'
        f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'
    )
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("word/_rels/document.xml.rels", _DOC_RELS)
        archive.writestr("word/document.xml", document)
        archive.writestr("word/numbering.xml", numbering)
        archive.writestr("word/styles.xml", styles)
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return buffer.getvalue()


def p(text: str, *, num: tuple[int, int] | None = None, style: str | None = None, bold: bool = False) -> str:
    ppr = ""
    if num or style:
        parts = f'<w:pStyle w:val="{style}"/>' if style else ""
        if num:
            parts += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
        ppr = f"<w:pPr>{parts}</w:pPr>"
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    run = f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>' if text else ""
    return f"<w:p>{ppr}{run}</w:p>"


def lvl(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>'
    )


def numbering_xml(abstracts: dict[int, str], nums: dict[int, str]) -> str:
    body = "".join(f'<w:abstractNum w:abstractNumId="{i}">{levels}</w:abstractNum>' for i, levels in abstracts.items())
    body += "".join(f'<w:num w:numId="{i}">{inner}</w:num>' for i, inner in nums.items())
    return f'<w:numbering xmlns:w="{W_NS}">{body}</w:numbering>'


def tc(text: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{p(text)}</w:tc>"


def table(rows_xml: str, props: str = "") -> str:
    return f"<w:tbl><w:tblPr>{props}</w:tblPr>{rows_xml}</w:tbl>"


GRID_BORDERS = (
    '<w:tblBorders><w:top w:val="single"/><w:left w:val="single"/><w:bottom w:val="single"/>'
    '<w:right w:val="single"/><w:insideH w:val="single"/><w:insideV w:val="single"/></w:tblBorders>'
)


# --- real documents ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ALL_DOCX, ids=lambda p: p.stem)
def test_every_block_and_cell_is_grounded(path: Path) -> None:
    layout = read(path)
    assert layout.source.format == "docx"
    assert layout.blocks
    assert_grounded(layout)


@pytest.mark.parametrize("path", ALL_DOCX, ids=lambda p: p.stem)
def test_text_is_clean(path: Path) -> None:
    text = read(path).text
    assert "\u00a0" not in text
    assert not any(ord(ch) < 32 and ch not in "\n\t" for ch in text)
    assert "PAGE" not in text and "MERGEFORMAT" not in text


def test_lang_son_header_block_is_a_layout_table() -> None:
    layout = read(LANG_SON)
    header = rows(layout, 0)
    assert [c.text for c in header[0].cells] == [
        "ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
    ]
    assert [c.text for c in header[1].cells] == ["Số: 129/KH-UBND", "Lạng Sơn, ngày 23 tháng 7 năm 2019"]
    assert all(r.style == "layout" for r in header)
    assert layout.blocks[0].table == 0  # the header comes first, in body order


def test_lang_son_signature_block_is_a_layout_table_after_the_body() -> None:
    layout = read(LANG_SON)
    last = layout.blocks[-1]
    assert last.kind == "row" and last.style == "layout"
    assert last.cells[0].text.startswith("Nơi nhận:\n- Bộ Khoa học và Công nghệ")
    assert last.cells[1].text.startswith("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n")


def test_an_giang_header_cells() -> None:
    layout = read(AN_GIANG)
    header = rows(layout, 0)
    assert header[0].cells[0].text == "UBND TỈNH AN GIANG\nSỞ KHOA HỌC VÀ CÔNG NGHỆ"
    assert [c.text for c in header[1].cells] == ["Số: 27/KH-SKHCN", "An Giang, ngày 02 tháng 4 năm 2021"]


def test_an_giang_task_table_sits_between_its_paragraphs() -> None:
    layout = read(AN_GIANG)
    texts = [b.text for b in layout.blocks]
    heading = texts.index("I. PHÂN CÔNG NHIỆM VỤ:")
    assert layout.blocks[heading + 1].kind == "row" and layout.blocks[heading + 1].table == 1
    assert layout.blocks[heading + 1].style is None  # a bordered grid, not a layout table


def test_an_giang_task_table_first_column() -> None:
    layout = read(AN_GIANG)
    assert first_cells(layout, 1) == [
        "TT", "1", "1.1", "1.2", "2", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7", "3", "3.1", "3.2",
        "3.3", "3.4", "4", "", "5", "5.1", "5.2", "6", "6.1", "6.2",
    ]


def test_an_giang_header_row_and_group_rows() -> None:
    task_rows = rows(read(AN_GIANG), 1)
    assert all(c.header for c in task_rows[0].cells)
    assert [c.text for c in task_rows[0].cells] == [
        "TT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian thực hiện",
    ]
    group = task_rows[1]
    assert [(c.column, c.colspan) for c in group.cells] == [(0, 1), (1, 4)]
    assert not any(c.header for c in group.cells)


def test_2242_auto_numbered_tt_cells_read_as_word_shows_them() -> None:
    layout = read(KH_2242)
    task_table = tables(layout)[-1]
    tt = first_cells(layout, task_table)
    # numbering.xml level 0 of this list: numFmt decimal, lvlText "%1." → Word shows "1.", "2.", ...
    assert tt == ["TT"] + [f"{n}." for n in range(1, 10)]


def test_2242_assignees_are_one_cell_with_line_breaks() -> None:
    layout = read(KH_2242)
    task_rows = rows(layout, tables(layout)[-1])
    assert task_rows[1].cells[2].text.split("\n") == ["Đỗ Mạnh Cường", "Vũ Việt Linh", "Nguyễn Thị Loan"]


def test_bc_ccn_group_rows_are_one_merged_cell() -> None:
    layout = read(BC_CCN)
    group_rows = [
        r for r in layout.blocks if r.kind == "row" and r.cells and r.cells[0].text.startswith(("I. ", "II. ", "III. "))
    ]
    assert group_rows
    for row in group_rows:
        assert len(row.cells) == 1
        assert row.cells[0].colspan >= 6
        assert row.text == row.cells[0].text  # the group title once, not once per grid column
    total = next(r for r in layout.blocks if r.kind == "row" and r.cells[0].text == "Tổng cộng")
    assert total.cells[0].colspan == 3
    assert total.text.count("Tổng cộng") == 1


def test_bc_ccn_appendix_headers_are_marked() -> None:
    layout = read(BC_CCN)
    header_rows = [r for r in layout.blocks if r.kind == "row" and r.cells and all(c.header for c in r.cells)]
    assert [r.cells[0].text for r in header_rows] == ["TT", "TT", "TT"]


def test_chi_thi_11_heading_4_bullets_and_appendix() -> None:
    layout = read(CHI_THI_11)
    headings = [b for b in layout.blocks if b.kind == "heading"]
    assert headings and all(b.level == 4 and b.style == "Heading 4" for b in headings)
    assert headings[0].text == "1. Công tác tuyên truyền, phổ biến pháp luật về khoáng sản"
    appendix = rows(layout, tables(layout)[-1])
    assert [c.text for c in appendix[1].cells] == ["", "(1)", "(2)", "(3)", "(4)", "(5)"]
    assert [r.cells[0].text for r in appendix[2:]] == [str(n) for n in range(1, 15)]


def test_chi_thi_11_header_page_field_is_not_body_text() -> None:
    layout = read(CHI_THI_11)
    assert "15" not in [b.text for b in layout.blocks]


def test_de_an_08_leading_tab_and_empty_templates() -> None:
    layout = read(DE_AN_08)
    templates = [t for t in tables(layout) if rows(layout, t)[0].style != "layout"]
    assert len(templates) == 2
    for t in templates:
        assert rows(layout, t)[0].cells[0].text == "TT"
        assert all(c.text == "" for r in rows(layout, t)[1:] for c in r.cells)


def test_bold_titles() -> None:
    layout = read(LANG_SON)
    title = next(b for b in layout.blocks if b.text == "KẾ HOẠCH")
    assert title.bold
    body = next(b for b in layout.blocks if b.text.startswith("Thực hiện Quyết định số 996"))
    assert not body.bold


def test_seed_docx_reads_fast() -> None:
    for path in (AN_GIANG, LANG_SON):
        data = path.read_bytes()
        read_docx(data, str(path))  # warm the imports
        start = time.perf_counter()
        read_docx(data, str(path))
        assert time.perf_counter() - start < 1.0


# --- numbering ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "fmt", "expected"),
    [
        (4, "decimal", "4"), (4, "upperRoman", "IV"), (9, "lowerRoman", "ix"), (2, "lowerLetter", "b"),
        (27, "lowerLetter", "aa"), (3, "upperLetter", "C"), (5, "decimalZero", "05"), (7, "none", ""),
        (3, "vietnameseCounting", "3"),
    ],
    ids=["decimal", "upper-roman", "lower-roman", "letter", "letter-after-z", "upper-letter", "zero",
         "none", "unknown-as-decimal"],
)
def test_format_number(number: int, fmt: str, expected: str) -> None:
    assert format_number(number, fmt) == expected


def _outline_numbering() -> str:
    return numbering_xml(
        {
            0: lvl(0, "upperRoman", "%1.") + lvl(1, "decimal", "%2.") + lvl(2, "lowerLetter", "%3)"),
            1: lvl(0, "bullet", "\uf0b7") + lvl(1, "bullet", "+"),
            2: lvl(0, "decimal", "%1.%2.") + lvl(1, "decimal", "%1.%2."),
        },
        {1: '<w:abstractNumId w:val="0"/>', 2: '<w:abstractNumId w:val="1"/>', 3: '<w:abstractNumId w:val="2"/>'},
    )


def test_numbering_labels_levels_and_restart() -> None:
    body = "".join(
        [
            p("MỤC TIÊU", num=(1, 0)), p("Mục tiêu chung", num=(1, 1)), p("Một", num=(1, 2)),
            p("Hai", num=(1, 2)), p("Mục tiêu cụ thể", num=(1, 1)), p("Ba", num=(1, 2)),
            p("NHIỆM VỤ", num=(1, 0)), p("Nhiệm vụ một", num=(1, 1)),
        ]
    )
    layout = read_docx(make_docx(body, numbering=_outline_numbering()), "outline.docx")
    assert [b.text for b in layout.blocks] == [
        "I. MỤC TIÊU", "1. Mục tiêu chung", "a) Một", "b) Hai", "2. Mục tiêu cụ thể", "a) Ba",
        "II. NHIỆM VỤ", "1. Nhiệm vụ một",
    ]
    assert_grounded(layout)


def test_numbering_bullets_and_multilevel_text() -> None:
    body = p("gạch", num=(2, 0)) + p("cộng", num=(2, 1)) + p("x", num=(3, 1)) + p("y", num=(3, 1))
    layout = read_docx(make_docx(body, numbering=_outline_numbering()), "bullets.docx")
    assert [b.text for b in layout.blocks] == ["- gạch", "+ cộng", "1.1. x", "1.2. y"]


def test_numbering_start_override_gives_a_new_list() -> None:
    numbering = numbering_xml(
        {0: lvl(0, "decimal", "%1.")},
        {
            1: '<w:abstractNumId w:val="0"/>',
            2: '<w:abstractNumId w:val="0"/>',
            3: '<w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>',
        },
    )
    body = p("a", num=(1, 0)) + p("b", num=(2, 0)) + p("c", num=(3, 0)) + p("d", num=(3, 0))
    layout = read_docx(make_docx(body, numbering=numbering), "override.docx")
    # Two nums on one abstract list continue it, as in Word; a start override restarts.
    assert [b.text for b in layout.blocks] == ["1. a", "2. b", "1. c", "2. d"]


def test_style_linked_numbering_and_heading_style() -> None:
    styles = (
        f'<w:styles xmlns:w="{W_NS}">'
        '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/>'
        '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr>'
        "<w:rPr><w:b/></w:rPr></w:style>"
        '<w:style w:type="paragraph" w:styleId="Muc"><w:name w:val="Muc"/><w:basedOn w:val="Heading2"/></w:style>'
        "</w:styles>"
    )
    numbering = numbering_xml({0: lvl(0, "decimal", "%1.")}, {1: '<w:abstractNumId w:val="0"/>'})
    body = p("Một", style="Heading2") + p("Hai", style="Muc") + p("Thường")
    layout = read_docx(make_docx(body, numbering=numbering, styles=styles), "styles.docx")
    one, two, plain = layout.blocks
    assert (one.text, one.kind, one.level, one.bold, one.style) == ("1. Một", "heading", 2, True, "Heading 2")
    assert (two.text, two.kind, two.level, two.bold) == ("2. Hai", "heading", 2, True)
    assert (plain.kind, plain.level, plain.bold) == ("paragraph", None, False)


def test_numbered_empty_cells_show_only_the_label() -> None:
    numbering = numbering_xml({0: lvl(0, "decimal", "%1")}, {7: '<w:abstractNumId w:val="0"/>'})
    num_cell = '<w:tc><w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="7"/></w:numPr></w:pPr></w:p></w:tc>'
    body = table("".join(f"<w:tr>{num_cell}{tc(name)}</w:tr>" for name in ("A", "B", "C")), GRID_BORDERS)
    layout = read_docx(make_docx(body, numbering=numbering), "tt.docx")
    assert [b.cells[0].text for b in layout.blocks] == ["1", "2", "3"]


# --- tables ------------------------------------------------------------------------------------------


def test_vertical_merge_text_in_every_row_it_covers() -> None:
    restart, cont = '<w:vMerge w:val="restart"/>', "<w:vMerge/>"
    rows_xml = (
        f'<w:tr>{tc("Công ty A", restart)}{tc("Gói 1")}</w:tr>'
        f'<w:tr>{tc("", cont)}{tc("Gói 2")}</w:tr>'
        f'<w:tr>{tc("Công ty B")}{tc("Gói 3")}</w:tr>'
    )
    layout = read_docx(make_docx(table(rows_xml, GRID_BORDERS)), "vmerge.docx")
    cells = [[(c.text, c.column, c.rowspan, c.continued) for c in b.cells] for b in layout.blocks]
    assert cells == [
        [("Công ty A", 0, 2, False), ("Gói 1", 1, 1, False)],
        [("Công ty A", 0, 1, True), ("Gói 2", 1, 1, False)],
        [("Công ty B", 0, 1, False), ("Gói 3", 1, 1, False)],
    ]
    # Written once: the covered row's cell points at the first row's text.
    assert layout.text.count("Công ty A") == 1
    assert layout.blocks[1].cells[0].location == layout.blocks[0].cells[0].location
    assert layout.blocks[1].text == "\tGói 2"
    assert_grounded(layout)


def test_grid_before_and_header_rows() -> None:
    rows_xml = (
        f'<w:tr><w:trPr><w:tblHeader/></w:trPr>{tc("TT")}{tc("Nội dung")}</w:tr>'
        f'<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>{tc("chỉ cột hai")}</w:tr>'
    )
    layout = read_docx(make_docx(table(rows_xml, GRID_BORDERS)), "grid.docx")
    head, second = layout.blocks
    assert all(c.header for c in head.cells)
    assert [(c.text, c.column, c.header) for c in second.cells] == [("chỉ cột hai", 1, False)]


def test_nested_table_is_flattened_into_its_cell() -> None:
    inner = table(f"<w:tr>{tc('x')}{tc('y')}</w:tr><w:tr>{tc('z')}</w:tr>")
    outer = table(f"<w:tr><w:tc>{p('trên')}{inner}</w:tc>{tc('b')}</w:tr>", GRID_BORDERS)
    layout = read_docx(make_docx(outer), "nested.docx")
    assert [b.kind for b in layout.blocks] == ["row"]
    assert layout.blocks[0].cells[0].text == "trên\nx y\nz"


def test_layout_rule_borders() -> None:
    horizontal_only = '<w:tblBorders><w:bottom w:val="single"/><w:insideH w:val="single"/></w:tblBorders>'
    none = '<w:tblBorders><w:left w:val="none"/><w:insideV w:val="nil"/></w:tblBorders>'
    cell_left = '<w:tcBorders><w:left w:val="single"/></w:tcBorders>'
    body = (
        table(f"<w:tr>{tc('a')}</w:tr>", GRID_BORDERS)
        + table(f"<w:tr>{tc('b')}</w:tr>", horizontal_only)
        + table(f"<w:tr>{tc('c')}</w:tr>", none)
        + table(f"<w:tr>{tc('d', cell_left)}</w:tr>")
    )
    layout = read_docx(make_docx(body), "borders.docx")
    assert [(b.table, b.style) for b in layout.blocks] == [(0, None), (1, "layout"), (2, "layout"), (3, None)]


def test_table_style_borders_count() -> None:
    styles = (
        f'<w:styles xmlns:w="{W_NS}"><w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/>'
        f"<w:tblPr>{GRID_BORDERS}</w:tblPr></w:style></w:styles>"
    )
    body = table(f"<w:tr>{tc('a')}</w:tr>", '<w:tblStyle w:val="TableGrid"/>')
    layout = read_docx(make_docx(body, styles=styles), "style.docx")
    assert layout.blocks[0].style == "Table Grid"


# --- paragraphs: body order, fields, revisions, content controls ------------------------------------


def test_fields_revisions_and_content_controls() -> None:
    body = (
        "<w:sdt><w:sdtPr><w:alias w:val=\"x\"/></w:sdtPr><w:sdtContent>"
        + p("trong sdt")
        + "</w:sdtContent></w:sdt>"
        + "<w:p><w:r><w:t>Trang </w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE \\* MERGEFORMAT </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        '<w:p><w:fldSimple w:instr=" DATE "><w:r><w:t>01/01/2026</w:t></w:r></w:fldSimple></w:p>'
        "<w:p><w:r><w:t>giữ </w:t></w:r><w:del><w:r><w:delText>bỏ </w:delText></w:r></w:del>"
        "<w:ins><w:r><w:t>thêm</w:t></w:r></w:ins></w:p>"
        "<w:p><w:r><w:t>dòng một</w:t><w:br/><w:t>dòng\u00a0hai</w:t></w:r></w:p>"
        "<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>ẩn</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>Đe\u0300</w:t></w:r></w:p>"
    )
    layout = read_docx(make_docx(body), "fields.docx")
    assert [b.text for b in layout.blocks] == [
        "trong sdt", "Trang 3", "01/01/2026", "giữ thêm", "dòng một\ndòng hai", "Đè",
    ]


# --- hostile files -----------------------------------------------------------------------------------


def test_corrupt_docx_is_a_load_error() -> None:
    data = AN_GIANG.read_bytes()
    with pytest.raises(DocumentLoadError, match="corrupt ZIP"):
        read_docx(data[: len(data) // 2], "half.docx")


def test_zip_without_word_parts_is_a_load_error() -> None:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a document")
    with pytest.raises(DocumentLoadError, match="cannot open the Word document"):
        read_docx(buffer.getvalue(), "other.docx")


def test_broken_xml_is_a_load_error() -> None:
    data = make_docx("<w:p><w:r><w:t>unclosed</w:r></w:p>")
    with pytest.raises(DocumentLoadError, match="cannot open the Word document"):
        read_docx(data, "broken.docx")


def test_zip_bomb_is_refused_before_inflating() -> None:
    bomb = b" " * (64 * 1024 * 1024)
    data = make_docx(p("x"), extra={"word/media/bomb.bin": bomb})
    assert len(data) < 1024 * 1024
    with pytest.raises(DocumentLoadError, match="zip bomb"):
        read_docx(data, "bomb.docx")


def _with_bad_checksum(data: bytes, member: str) -> bytes:
    """The archive with `member`'s stored CRC-32 (local header and directory) changed."""
    return with_header_field(data, member, CRC32, 0xDEADBEEF)


def test_only_the_parts_read_are_inflated_and_checked() -> None:
    data = make_docx(p("Kế hoạch"), extra={"word/media/image1.png": b"\x89PNG" + bytes(5000)})
    assert read_docx(_with_bad_checksum(data, "word/media/image1.png"), "unused.docx").text == "Kế hoạch"
    with pytest.raises(DocumentLoadError, match="corrupt ZIP container.*word/document.xml"):
        read_docx(_with_bad_checksum(data, "word/document.xml"), "bad.docx")


def test_total_size_limit_is_a_setting() -> None:
    data = make_docx(p("x"))
    with pytest.raises(DocumentLoadError, match="would inflate"):
        read_docx(data, "small.docx", settings=DocxSettings(max_uncompressed_bytes=100))
    with pytest.raises(ValueError, match="max_entries"):
        DocxSettings(max_entries=0)


def test_external_entity_is_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("BÍ MẬT-42", encoding="utf-8")
    doctype = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
    data = make_docx("<w:p><w:r><w:t>trước &xxe; sau</w:t></w:r></w:p>", doctype=doctype)
    try:
        layout = read_docx(data, "xxe.docx")
    except DocumentLoadError:
        return
    assert "BÍ MẬT" not in layout.text
    assert_grounded(layout)


def test_entity_expansion_bomb_is_not_expanded() -> None:
    doctype = (
        '<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
    )
    data = make_docx("<w:p><w:r><w:t>&d;&d;&d;&d;</w:t></w:r></w:p>", doctype=doctype)
    try:
        layout = read_docx(data, "laughs.docx")
    except DocumentLoadError:
        return
    assert len(layout.text) < 1000


def test_legacy_fonts_from_styles_and_defaults() -> None:
    styles = (
        f'<w:styles xmlns:w="{W_NS}"><w:docDefaults><w:rPrDefault><w:rPr>'
        '<w:rFonts w:ascii="VNI-Times" w:hAnsi="VNI-Times"/></w:rPr></w:rPrDefault></w:docDefaults>'
        '<w:style w:type="paragraph" w:styleId="Head"><w:name w:val="Head"/>'
        '<w:rPr><w:rFonts w:ascii=".VnTimeH" w:hAnsi=".VnTimeH"/></w:rPr></w:style>'
        '<w:style w:type="character" w:styleId="Plain"><w:name w:val="Plain"/>'
        '<w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/></w:rPr></w:style></w:styles>'
    )
    body = (
        p("KÕ ho¹ch", style="Head")  # TCVN3 small-letter codes in the capitals font
        + p("Haø Noäi")  # VNI by the document default font
        + '<w:p><w:r><w:rPr><w:rStyle w:val="Plain"/></w:rPr><w:t>Hà Nội Haø</w:t></w:r></w:p>'
    )
    layout = read_docx(make_docx(body, styles=styles), "legacy-styles.docx")
    assert [b.text for b in layout.blocks] == ["KẾ HOẠCH", "Hà Nội", "Hà Nội Haø"]
    assert {(n.kind, n.encoding) for n in layout.notes} == {("legacy_converted", "TCVN3"), ("legacy_converted", "VNI")}


# --- the styles part, read where it is used (tests/extractors/readers/test_docx_style_sheet.py) ------

_HEADING = (
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
    '<w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>'
)


def test_a_used_style_that_does_not_parse_refuses_the_document_as_before() -> None:
    styles = f'<w:styles xmlns:w="{W_NS}">{_HEADING.replace("<w:b/>", "<w:b>")}</w:styles>'
    with pytest.raises(DocumentLoadError, match="cannot open the Word document"):
        read_docx(make_docx(p("Tiêu đề", style="Heading1"), styles=styles), "broken-style.docx")


def test_a_document_reads_its_styles_lazily() -> None:
    styles = f'<w:styles xmlns:w="{W_NS}">{_HEADING}</w:styles>'
    layout = read_docx(make_docx(p("Tiêu đề", style="Heading1"), styles=styles), "sheet.docx")
    assert [(b.kind, b.level, b.bold) for b in layout.blocks] == [("heading", 1, True)]
