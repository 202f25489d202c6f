"""The HTML reader on the two seed pages (LibreOffice XHTML exports) and on small hand-written pages."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from kehoach.extractors.errors import DocumentLoadError
from kehoach.extractors.layout import Block, Layout
from kehoach.extractors.readers import read_document
from kehoach.extractors.readers.html_reader import decode_html, declared_charset, read_html
from layout_checks import assert_grounded

SAMPLES = Path(__file__).resolve().parents[3] / "samples"
AN_GIANG = SAMPLES / "an-giang-27-KH-SKHCN-2021.html"
LANG_SON = SAMPLES / "lang-son-129-KH-UBND-2019.html"


def read(path: Path) -> Layout:
    return read_document(path.read_bytes(), str(path))


def page(body: str, head: str = "") -> bytes:
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>".encode()


def rows(layout: Layout, table: int) -> list[Block]:
    return [b for b in layout.blocks if b.kind == "row" and b.table == table]


@pytest.mark.parametrize("path", [AN_GIANG, LANG_SON], ids=["an-giang", "lang-son"])
def test_seed_is_grounded(path: Path) -> None:
    layout = read(path)
    assert layout.source.format == "html"
    assert_grounded(layout)


def test_lang_son_header_and_signature_layout_tables() -> None:
    layout = read(LANG_SON)
    header = rows(layout, 0)
    assert [c.text for c in header[0].cells] == [
        "ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
    ]
    assert [c.text for c in header[1].cells] == ["Số: 129/KH-UBND", "Lạng Sơn, ngày 23 tháng 7 năm 2019"]
    signature = rows(layout, 1)
    assert signature[0].cells[0].text.startswith("Nơi nhận:\n")
    assert signature[0].cells[1].text.startswith("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n")
    assert all(r.style == "layout" for r in header + signature)
    assert layout.blocks[0].table == 0 and layout.blocks[-1].table == 1


def test_lang_son_prose_in_order_with_bold_titles() -> None:
    layout = read(LANG_SON)
    texts = [b.text for b in layout.blocks]
    assert texts.index("I. MỤC TIÊU KẾ HOẠCH") < texts.index("1. Mục tiêu chung") < texts.index(
        "II. NHIỆM VỤ VÀ GIẢI PHÁP THỰC HIỆN"
    )
    title = next(b for b in layout.blocks if b.text == "KẾ HOẠCH")
    assert title.bold  # bold through a LibreOffice CSS class
    assert not next(b for b in layout.blocks if b.text.startswith("a) Phát triển cơ sở")).bold


def test_an_giang_header_cells() -> None:
    header = rows(read(AN_GIANG), 0)
    assert header[0].cells[0].text == "UBND TỈNH AN GIANG\nSỞ KHOA HỌC VÀ CÔNG NGHỆ"
    assert [c.text for c in header[1].cells] == ["Số: 27/KH-SKHCN", "An Giang, ngày 02 tháng 4 năm 2021"]


def test_an_giang_task_table() -> None:
    task_rows = rows(read(AN_GIANG), 1)
    assert [r.cells[0].text for r in task_rows] == [
        "TT", "1", "1.1", "1.2", "2", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7", "3", "3.1", "3.2",
        "3.3", "3.4", "4", "", "5", "5.1", "5.2", "6", "6.1", "6.2",
    ]
    assert all(r.style is None for r in task_rows)  # bordered: a data table
    group = task_rows[1]
    assert [(c.column, c.colspan) for c in group.cells] == [(0, 1), (1, 4)]


def test_html_and_docx_agree_on_the_seeds() -> None:
    for stem in ("an-giang-27-KH-SKHCN-2021", "lang-son-129-KH-UBND-2019"):
        html = read(SAMPLES / f"{stem}.html")
        docx = read(SAMPLES / f"{stem}.docx")
        assert [b.text for b in html.blocks] == [b.text for b in docx.blocks]


def test_seed_html_reads_fast() -> None:
    for path in (AN_GIANG, LANG_SON):
        data = path.read_bytes()
        read_html(data, str(path))
        start = time.perf_counter()
        read_html(data, str(path))
        assert time.perf_counter() - start < 1.0


# --- markup rules ------------------------------------------------------------------------------------


def test_blocks_breaks_whitespace_entities_and_ignored_parts() -> None:
    body = (
        "<h2>II.  NHIỆM&nbsp;VỤ</h2>"
        "<script>var x = '<p>không</p>';</script><style>p{}</style><!-- chú thích -->"
        "<p>  Dòng\n   một  <b>đậm</b>&amp; nhạt </p>"
        "<div>trước<br>sau<br/></div>"
        "<ul><li>mục một</li><li>mục <i>hai</i></li></ul>"
        "chữ rời"
    )
    layout = read_html(page(body, "<title>Tiêu đề</title>"), "p.html")
    assert [(b.kind, b.level, b.text) for b in layout.blocks] == [
        ("heading", 2, "II. NHIỆM VỤ"),
        ("paragraph", None, "Dòng một đậm& nhạt"),
        ("paragraph", None, "trước"),
        ("paragraph", None, "sau"),
        ("paragraph", None, "mục một"),
        ("paragraph", None, "mục hai"),
        ("paragraph", None, "chữ rời"),
    ]
    assert layout.blocks[0].bold
    assert_grounded(layout)


def test_colspan_and_rowspan_text_written_once_repeated_below() -> None:
    body = (
        "<table border='1'>"
        "<thead><tr><th>TT</th><th>Đơn vị</th><th>Gói</th></tr></thead>"
        "<tr><td rowspan='2'>1</td><td rowspan='2'>Công ty A</td><td>Gói 1</td></tr>"
        "<tr><td>Gói 2</td></tr>"
        "<tr><td colspan='3'>Tổng cộng</td></tr>"
        "</table>"
    )
    layout = read_html(page(body), "t.html")
    cells = [[(c.text, c.column, c.colspan, c.rowspan, c.header) for c in b.cells] for b in layout.blocks]
    assert cells == [
        [("TT", 0, 1, 1, True), ("Đơn vị", 1, 1, 1, True), ("Gói", 2, 1, 1, True)],
        [("1", 0, 1, 2, False), ("Công ty A", 1, 1, 2, False), ("Gói 1", 2, 1, 1, False)],
        [("1", 0, 1, 1, False), ("Công ty A", 1, 1, 1, False), ("Gói 2", 2, 1, 1, False)],
        [("Tổng cộng", 0, 3, 1, False)],
    ]
    covered = layout.blocks[2].cells[1]
    assert covered.continued and covered.location == layout.blocks[1].cells[1].location
    assert layout.text.count("Công ty A") == 1
    assert all(b.style is None for b in layout.blocks)
    assert_grounded(layout)


def test_cell_lines_and_nested_tables() -> None:
    body = (
        "<table><tr><td><p>KT. CHỦ TỊCH</p><p>PHÓ CHỦ TỊCH</p><p></p>Nguyễn Văn A<br>ký</td>"
        "<td>ngoài<table><tr><td>x</td><td>y</td></tr></table></td></tr></table>"
    )
    layout = read_html(page(body), "n.html")
    (row,) = layout.blocks
    assert [c.text for c in row.cells] == ["KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn A\nký", "ngoài\nx y"]
    assert row.style == "layout"


@pytest.mark.parametrize(
    ("head", "cell_style", "layout_style"),
    [
        ("", "border: 1px solid black", None),
        ("<style>.g { border-left-style: solid; }</style>", "", None),
        ("<style>.g { border-bottom: 1px solid; }</style>", "", "layout"),
        ("<style>.g { border: none; }</style>", "", "layout"),
    ],
    ids=["inline-border", "class-left-border", "horizontal-rule-only", "no-border"],
)
def test_layout_table_rule(head: str, cell_style: str, layout_style: str | None) -> None:
    body = f"<table><tr><td class='g' style='{cell_style}'>a</td></tr></table>"
    assert read_html(page(body, head), "b.html").blocks[0].style == layout_style


# --- decoding ----------------------------------------------------------------------------------------


def test_declared_charset() -> None:
    assert declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">') == "cp1258"
    assert declared_charset(b"<?xml version='1.0' encoding='UTF-8'?>") == "utf-8"
    assert declared_charset(b"<meta charset=nonsense-xyz>") is None


def test_windows_1258_fallback_and_nfc() -> None:
    # Windows-1258 writes Vietnamese as a base letter plus a combining tone mark.
    data = "<html><body><p>K\u00ea\u0301 hoa\u0323ch s\u00f4\u0301 27</p></body></html>".encode("cp1258")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    layout = read_html(data, "legacy.html")
    assert layout.blocks[0].text == "Kế hoạch số 27"  # composed (NFC) after decoding


def test_bom_wins() -> None:
    data = "\ufeff<html><body><p>Lạng Sơn</p></body></html>".encode("utf-16")
    assert decode_html(data).endswith("</html>")
    assert read_html(data, "bom.html").blocks[0].text == "Lạng Sơn"


def test_control_characters_are_stripped() -> None:
    layout = read_html(page("<p>a\x01b\u200bc\u00add</p>"), "c.html")
    assert layout.blocks[0].text == "abcd"


# --- hostile pages -----------------------------------------------------------------------------------


def test_ten_thousand_levels_deep_is_a_clear_error() -> None:
    data = b"<html><body>" + b"<div>" * 10_000 + b"deep" + b"</div>" * 10_000 + b"<p>sau</p></body></html>"
    with pytest.raises(DocumentLoadError, match="depth"):
        read_html(data, "deep.html")


def test_deep_but_legal_nesting_is_read() -> None:
    data = page("<div>" * 200 + "sâu" + "</div>" * 200 + "<p>sau</p>")
    layout = read_html(data, "ok.html")
    assert [b.text for b in layout.blocks] == ["sâu", "sau"]


def test_huge_spans_are_clamped() -> None:
    body = "<table border=1><tr><td colspan='99999999' rowspan='99999999'>x</td></tr><tr><td>y</td></tr></table>"
    layout = read_html(page(body), "span.html")
    first, second = layout.blocks
    assert first.cells[0].colspan == 1000 and first.cells[0].rowspan == 2
    assert [(c.text, c.column, c.continued) for c in second.cells] == [("x", 0, True), ("y", 1000, False)]


OFFICE_HTML = Path(__file__).resolve().parents[3] / "samples" / "office-html" / "ld-kh-cchc-2026-final.html"
OFFICE_DOCX = Path(__file__).resolve().parents[3] / "tests" / "corpus" / "documents" / "ld-kh-cchc-2026-final.docx"


def _merged(layout: Layout) -> list[tuple[int, list[tuple[int, str]]]]:
    """Per row of the task table (by its index), the cells repeated from a merge above."""
    rows = [b for b in layout.blocks if b.kind == "row" and b.style != "layout"]
    return [
        (i, [(c.column, c.text) for c in b.cells if c.continued])
        for i, b in enumerate(rows) if any(c.continued for c in b.cells)
    ]


def test_rowspan_of_an_office_html_export_repeats_as_the_docx_merge() -> None:
    """LibreOffice's HTML export of a real plan: its six rowspans ("2 | Tham mưu ban hành Kế hoạch kiểm
    tra ..." over two product rows) read as the Word file's vertical merges do."""
    layout = read_html(OFFICE_HTML.read_bytes(), str(OFFICE_HTML))
    rows = [b for b in layout.blocks if b.kind == "row" and any(c.continued for c in b.cells)]
    assert len(rows) == 3
    second = rows[0]
    assert [c.column for c in second.cells if c.continued] == [0, 1]
    assert second.cells[0].text == "2"
    assert second.cells[1].text == "Tham mưu ban hành Kế hoạch kiểm tra công tác cải cách hành chính trên địa bàn tỉnh năm 2026"
    assert second.cells[2].text.startswith("Kế hoạch tự kiểm tra cải cách hành chính")
    docx = read_document(OFFICE_DOCX.read_bytes(), str(OFFICE_DOCX))
    assert _merged(layout) == _merged(docx)
    assert_grounded(layout)
