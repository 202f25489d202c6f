"""Crawled Markdown (legal-document sites through Trafilatura) read as the page a person sees.

Expected values are read off the documents in `samples/crawled/` and `tests/corpus/documents/`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kehoach.extractors.layout import Block, Layout
from kehoach.extractors.readers import read_document
from kehoach.extractors.readers.markdown.detect import is_crawled_markdown
from kehoach.extractors.readers.markdown.emphasis import EmphasisState, style_line
from kehoach.extractors.readers.markdown.flat_tables import read_flat_table
from layout_checks import assert_grounded

ROOT = Path(__file__).resolve().parents[3]
CRAWLED = ROOT / "samples" / "crawled"
CORPUS = ROOT / "tests" / "corpus" / "documents"
HA_NOI_310 = CRAWLED / "ha-noi-310-kh-ubnd.md"  # blank lines between paragraphs
NGHE_AN_980 = CRAWLED / "nghe-an-980-kh-ubnd.md"  # no blank line at all, page chrome around it
DAK_LAK_0129 = CRAWLED / "dak-lak-0129-kh-ubnd.md"


def _read(path: Path) -> Layout:
    return read_document(path.read_bytes(), str(path))


def _rows(layout: Layout, table: int | None = None) -> list[Block]:
    return [b for b in layout.blocks if b.kind == "row" and (table is None or b.table == table)]


def _cells(row: Block) -> list[tuple[int, str]]:
    return [(c.column, c.text) for c in row.cells]


@pytest.mark.parametrize("path", sorted(CRAWLED.glob("*.md")), ids=lambda p: p.name)
def test_crawled_sample_is_grounded_and_has_no_markers(path: Path) -> None:
    layout = _read(path)
    assert_grounded(layout)
    assert "**" not in layout.text
    assert not [b.text for b in layout.blocks if b.text.strip() == "|"]


def test_letterhead_is_a_layout_table_split_issuer_motto_number_date() -> None:
    rows = _rows(_read(HA_NOI_310), table=0)
    assert [_cells(r) for r in rows] == [
        [(0, "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI"),
         (1, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc")],
        [(0, "Số: 310/KH-UBND"), (1, "Hà Nội, ngày 24 tháng 11 năm 2025")],
    ]
    assert {r.style for r in rows} == {"layout"}


def test_recipients_and_signature_are_one_layout_row() -> None:
    layout = _read(HA_NOI_310)
    closing = [r for r in _rows(layout) if r.cells[0].text.startswith("Nơi nhận:")]
    assert len(closing) == 1 and closing[0].style == "layout"
    recipients, signature = (c.text for c in closing[0].cells)
    assert recipients.split("\n")[:3] == ["Nơi nhận:", "- Bộ Khoa học và Công nghệ;", "- Thường trực Thành ủy;"]
    assert "- VPUBTP: CVP, các PCVP, các phòng, đơn vị: ĐMPT, TH, TTDL&CNS;" in recipients.split("\n")
    assert signature.split("\n") == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trương Việt Dũng"]


def test_appendix_task_table_has_its_header_and_rows() -> None:
    layout = _read(HA_NOI_310)
    rows = _rows(layout, table=2)
    assert len(rows) == 7
    header = rows[0]
    assert [c.text for c in header.cells] == [
        "TT", "Nội dung/nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện",
    ]
    assert all(c.header for c in header.cells) and header.style is None
    assert _cells(rows[2]) == [
        (0, "2"),
        (1, "Khảo sát, đánh giá thực trạng hạ tầng viễn thông, nhu cầu chuyển đổi số doanh nghiệp trong các "
            "khu công nghệ cao, khu công nghiệp, cụm công nghiệp"),
        (2, "Ban Quản lý các khu công nghệ cao và khu công nghiệp"),
        (3, "Sở Khoa học và Công nghệ, Sở Công Thương, Các doanh nghiệp viễn thông"),
        (4, "Quý IV/2025- Quý II/2026"),
    ]
    # A unit name wrapped inside a cell is one name again.
    assert rows[5].cells[3].text == (
        "Ban Quản lý các khu công nghệ cao và khu công nghiệp, Sở Khoa học và Công nghệ, Sở Công Thương"
    )
    assert not any(c.header for r in rows[1:] for c in r.cells)


def test_wrapped_bold_headings_are_joined_and_bold() -> None:
    layout = _read(HA_NOI_310)
    bold = [b.text for b in layout.blocks if b.kind == "paragraph" and b.bold]
    assert bold[:6] == ["KẾ HOẠCH", "I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "2. Yêu cầu", "II. MỤC TIÊU",
                        "1. Mục tiêu đến hết năm 2026"]


def test_hard_wrapped_paragraphs_are_joined() -> None:
    texts = [b.text for b in _read(HA_NOI_310).blocks]
    assert (
        "- Thí điểm đầu tư ứng dụng 5G, IoT cho quản lý nhà máy thông minh cho tối thiểu 2 dự án trong các khu "
        "công nghệ cao, khu công nghiệp, cụm công nghiệp: tự động hóa, giám sát, tối ưu hóa quy trình sản xuất "
        "và quản lý nhà máy theo thời gian thực (bao gồm quản lý vật liệu, thiết bị, chất lượng, sản xuất và "
        "phân tích dữ liệu…)."
    ) in texts


def test_italic_label_broken_inside_its_markers_is_one_label() -> None:
    texts = [b.text for b in _read(DAK_LAK_0129).blocks]
    assert any(t.startswith("- Giai đoạn khẩn cấp (0-48 giờ): Tổ chức lực lượng, phương tiện") for t in texts)
    # "cấp độ" / "1. Cấp ngay ...": a number the wrap put first stays in its sentence.
    assert not any(t.startswith("1. Cấp ngay mì tôm") for t in texts)


def test_header_cell_broken_mid_word_is_rejoined() -> None:
    layout = _read(CORPUS / "dong-nai-179-kh-ubnd.md")
    headers = [r for r in _rows(layout) if r.cells and all(c.header for c in r.cells)]
    assert [c.text for c in headers[0].cells] == [
        "STT", "Nhiệm vụ, giải pháp", "Đơn vị thực hiện", "Đơn vị phối hợp", "Thời gian thực hiện",
        "Sản phẩm đầu ra",
    ]


def test_page_without_blank_lines_keeps_tables_and_paragraphs_apart() -> None:
    layout = _read(NGHE_AN_980)
    letterhead = [r for r in _rows(layout) if r.cells[0].text.startswith("Số:")]
    assert _cells(letterhead[0]) == [(0, "Số: 980/KH-UBND"), (1, "Nghệ An, ngày 18 tháng 11 năm 2025")]
    texts = [b.text for b in layout.blocks]
    start = texts.index("KẾ HOẠCH")
    assert texts[start + 1].startswith("THỰC HIỆN QUYẾT ĐỊNH SỐ 1899/QĐ-TTG NGÀY 04/9/2025")
    assert texts[start + 3] == "Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:"
    assert "8. Duy trì hoạt động phòng thủ dân sự thường xuyên." in texts
    signature = [r for r in _rows(layout) if r.cells[0].text.startswith("Nơi nhận:")]
    assert signature[0].cells[1].text.split("\n") == [
        "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn Đệ",
    ]
    assert texts[texts.index(signature[0].text) + 1] == "PHỤ LỤC"


def test_group_rows_span_the_table_and_cells_keep_their_lines_joined() -> None:
    layout = _read(NGHE_AN_980)
    rows = [r for r in _rows(layout) if r.style is None and r.cells[0].text in ("I", "1")]
    group, task = rows[0], rows[1]
    assert _cells(group) == [(0, "I"), (1, "KIỆN TOÀN VÀ HOÀN THIỆN CƠ CHẾ CHỈ ĐẠO, ĐIỀU HÀNH PHÒNG THỦ DÂN SỰ")]
    assert group.cells[1].colspan == 5
    assert [c.text for c in task.cells][2:] == [
        "Bộ CHQS tỉnh; UBND cấp xã", "Văn phòng Ban Chỉ huy; các sở, ban, ngành", "Trước ngày 30/11/2025",
        "Quyết định của Chủ tịch UBND cấp tỉnh, cấp xã",
    ]


def test_cells_merged_down_leave_empty_cells_and_a_rowspan() -> None:
    layout = _read(CORPUS / "ttg-2530-qd-ttg.md")
    rows = _rows(layout)
    first = next(i for i, r in enumerate(rows) if r.cells[0].text == "1" and len(r.cells) == 7)
    task, sub = rows[first], rows[first + 1]
    assert task.cells[1].text == "Bộ Nông nghiệp và Môi trường" and task.cells[1].rowspan == 5
    assert [c.text for c in sub.cells[:4]] == ["", "", "", ""]
    assert sub.cells[4].column == 4
    assert sub.cells[4].text.startswith("- Rà soát, cập nhật các hướng dẫn kỹ thuật về hệ số phát thải")
    assert sub.cells[6].text.startswith("Giai đoạn 2026 - 2027.")


def test_flat_table_rows_and_empty_cells() -> None:
    # | a | b | c |, then | 1 | 2 |  | (an empty last cell), then |  | y | z | (an empty first cell).
    lines = ["|", "a", "|", "b", "|", "c", "|", "|", "1", "|", "2", "|", "|", "|", "|", "y", "|", "z", "|", "",
             "after"]
    table = read_flat_table(lines, 0, blank_separated=True)
    assert table.rows == [[["a"], ["b"], ["c"]], [["1"], ["2"], []], [[], ["y"], ["z"]]]
    assert table.end == 19


def test_emphasis_spanning_lines() -> None:
    state = EmphasisState()
    first = style_line("**CỘNG HÒA XÃ HỘI", state)
    second = style_line("CHỦ NGHĨA VIỆT NAM**", state)
    third = style_line("Độc lập - Tự do - Hạnh phúc", state)
    assert (first.text, first.open_at_end, first.ends_bold) == ("CỘNG HÒA XÃ HỘI", True, True)
    assert (second.text, second.open_at_end, second.starts_bold) == ("CHỦ NGHĨA VIỆT NAM", False, True)
    assert (third.bold_chars, third.starts_bold) == (0, False)
    stacked = style_line("**1. Phạm vi:**** **Toàn bộ", EmphasisState())
    assert stacked.text == "1. Phạm vi: Toàn bộ" and stacked.plain_chars == len("Toànbộ")


def test_only_crawled_pages_take_this_reader() -> None:
    seed = (ROOT / "samples" / "lang-son-129-KH-UBND-2019.txt").read_text(encoding="utf-8").split("\n")
    assert not is_crawled_markdown(seed)
    assert is_crawled_markdown(HA_NOI_310.read_text(encoding="utf-8").split("\n"))
    news = (CORPUS / "chinh-phu-74-nq-cp.md").read_text(encoding="utf-8").split("\n")
    assert not is_crawled_markdown(news)


def test_label_and_its_value_on_the_next_line_of_a_cell_are_one_line() -> None:
    rows = _rows(_read(CORPUS / "ho-chi-minh-2820-qd-ubnd.md"), table=0)
    assert _cells(rows[1]) == [(0, "Số: 2820/QĐ-UBND"), (1, "Thành phố Hồ Chí Minh, ngày 19 tháng 11 năm 2025")]


def test_a_crawled_page_without_tables_or_bold_is_known_by_its_short_first_lines() -> None:
    # A notice crawled without its letterhead table: each paragraph's first line is cut short by the
    # page's markup, and "2. Bộ trưởng" / "Bộ Giáo dục ..." is one item, not a heading and a paragraph.
    text = (
        "Thiệt hại\ndo đợt mưa lũ vừa qua là rất lớn.\n\n"
        "Thay mặt\nlãnh đạo Đảng, Nhà nước gửi lời thăm hỏi.\n\n"
        "1. Các địa\nphương phát động chiến dịch hỗ trợ Nhân dân.\n\n"
        "2. Bộ trưởng\nBộ Giáo dục và Đào tạo chỉ đạo ngành giáo dục sửa chữa trường lớp.\n"
    )
    assert is_crawled_markdown(text.split("\n"))
    layout = read_document(text.encode(), "x.md")
    assert_grounded(layout)
    assert [b.text for b in layout.blocks][-1] == (
        "2. Bộ trưởng Bộ Giáo dục và Đào tạo chỉ đạo ngành giáo dục sửa chữa trường lớp."
    )


def test_a_page_body_after_the_site_fields_is_not_a_cell() -> None:
    # A page in the site's other layout: its field table is not closed before the body, which runs on
    # as one "cell" far longer than any cell of a table.
    body = [f"{n}. Đơn vị thứ {n} chủ trì thực hiện nhiệm vụ số {n}." for n in range(1, 70)]
    lines = ["|", "**Tình trạng:**", "|", "Đã biết", "|", "**Kính gửi:** Các đơn vị thuộc Bộ", *body, "|",
             "*Nơi nhận:*", "- Như trên;", "|"]
    table = read_flat_table(lines, 0, blank_separated=False)
    assert table.rows == [[["**Tình trạng:**"], ["Đã biết"]]]
    assert lines[table.end].startswith("**Kính gửi:**")


def test_the_addressees_table_ends_after_their_list() -> None:
    # "Kính gửi:" | the addressees, then the letter's body after a closing bar: not a third cell.
    lines = ["|", "** **", "|", "**Kính gửi:**", "|", "- Sở Y tế;", "- UBND các phường, xã.", "|",
             "Thời gian qua, Ủy ban nhân dân thành phố đã có nhiều văn bản chỉ đạo.", "|", "*Nơi nhận:*", "|"]
    table = read_flat_table(lines, 0, blank_separated=False)
    assert table.rows == [[["** **"], ["**Kính gửi:**"], ["- Sở Y tế;", "- UBND các phường, xã."]]]
    assert lines[table.end].startswith("Thời gian qua")


def test_a_letter_body_after_its_addressees_is_not_a_cell() -> None:
    # "Kính gửi:" | the addressees, then the letter's body closed by the bar that opens the signature
    # table: the body is not a second cell of the addressees' table.
    lines = ["**Kính gửi:**", "|", "- Các cơ quan chuyên môn thuộc Ủy ban nhân dân Thành phố;",
             "- Ủy ban nhân dân các xã, phường.", "|", "Ngày 28 tháng 10 năm 2025, Chủ", "tịch Ủy ban nhân dân",
             "**1. Giao Sở Nội vụ**", "- Hướng dẫn, theo dõi tiến độ.", "|", "Nơi nhận:", "- Như trên;", "|",
             "**KT. CHỦ TỊCH**", "|"]
    table = read_flat_table(lines, 1, blank_separated=False)
    assert table.rows == [[lines[2:4]]]
    assert lines[table.end].startswith("Ngày 28")


def test_a_short_line_its_successor_continues_opens_its_own_paragraph() -> None:
    # A unit heading cut short, then the first line of its duty (cut short by the page's markup) that
    # the next line continues in lower case: two paragraphs, not one.
    paragraph = [
        "Thực hiện Nghị quyết số 66/NQ-CP ngày 26 tháng 3",
        "năm 2025 của Chính phủ về chương trình cắt giảm, đơn giản hóa thủ tục hành chính",
        "liên quan đến hoạt động sản xuất, kinh doanh năm 2025 và 2026, các bộ, cơ quan",
        "ngang bộ đã tập trung triển khai.",
    ]
    text = "\n".join([
        "|", "Số: 220/CĐ-TTg", "|", "|",  # the letterhead's table, flattened
        *paragraph * 12,
        "1. Bộ trưởng các Bộ, Thủ trưởng cơ quan ngang bộ",
        "Tập trung chỉ đạo quyết liệt hoàn thành sửa đổi, bổ",
        "sung 485 văn bản quy phạm pháp luật để thực thi các phương án cắt giảm, đơn",
        "giản hóa 2.163 TTHC.",
    ])
    layout = read_document(text.encode(), "x.md")
    assert [b.text for b in layout.blocks][-2:] == [
        "1. Bộ trưởng các Bộ, Thủ trưởng cơ quan ngang bộ",
        "Tập trung chỉ đạo quyết liệt hoàn thành sửa đổi, bổ sung 485 văn bản quy phạm pháp luật để thực thi"
        " các phương án cắt giảm, đơn giản hóa 2.163 TTHC.",
    ]


def test_a_line_in_lower_case_continues_though_it_opens_in_bold() -> None:
    # ttg-220-cd-ttg II.1.b: the deadline printed in bold on the next line is part of the item.
    text = "\n".join([
        "|", "Số: 220/CĐ-TTg", "|", "|",
        "b) Hoàn thành 100% TTHC liên quan đến doanh nghiệp được thực hiện trực tuyến, giảm tối đa giấy tờ",
        "**trong năm 2025** *(Phụ lục II kèm theo).*",
    ])
    layout = read_document(text.encode(), "x.md")
    assert [b.text for b in layout.blocks][-1] == (
        "b) Hoàn thành 100% TTHC liên quan đến doanh nghiệp được thực hiện trực tuyến, giảm tối đa giấy tờ"
        " trong năm 2025 (Phụ lục II kèm theo)."
    )
