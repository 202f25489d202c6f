"""The budget tree: seeds in every format, and short budget sections as plans write them."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from kehoach.extractors.budget import extract_budget
from kehoach.extractors.normalize import normalize_layout
from kehoach.extractors.readers import read_document
from kehoach.extractors.structure import StructuredDocument, build_structure
from kehoach.schemas import Budget

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
TYPES = frozenset({"KẾ HOẠCH", "QUYẾT ĐỊNH"})
FORMATS = ["txt", "html", "docx", "pdf"]


@lru_cache(maxsize=None)
def sample(name: str) -> StructuredDocument:
    path = SAMPLES / name
    return build_structure(normalize_layout(read_document(path.read_bytes(), str(path))), TYPES)


def doc_from_text(text: str) -> StructuredDocument:
    body = "KẾ HOẠCH\nThử nghiệm\n" + text
    return build_structure(normalize_layout(read_document(body.encode(), "plan.txt")), TYPES)


def budget_of(text: str) -> tuple[Budget | None, list[str]]:
    budget, findings = extract_budget(doc_from_text(text), [])
    return budget, [f.code for f in findings]


def assert_grounded(doc: StructuredDocument, budget: Budget) -> None:
    spans = [budget.source] + [i.source for i in budget.items] + [c.source for i in budget.items for c in i.items]
    for span in spans:
        assert span is not None and span.start is not None and span.end is not None
        assert doc.layout.text[span.start : span.end] == span.text


@pytest.mark.parametrize("fmt", FORMATS)
def test_lang_son_budget_tree(fmt: str) -> None:
    doc = sample(f"lang-son-129-KH-UBND-2019.{fmt}")
    budget, findings = extract_budget(doc, [])
    assert findings == []
    assert budget is not None
    assert budget.total_vnd == 16_925_000_000
    assert budget.total_in_words == "Mười sáu tỷ chín trăm hai mươi năm triệu đồng"
    assert budget.total_in_words_vnd == 16_925_000_000
    assert [(i.label, i.amount_vnd) for i in budget.items] == [
        ("Ngân sách nhà nước", 13_500_000_000),
        ("Huy động từ các doanh nghiệp và các nguồn hợp pháp khác", 3_425_000_000),
    ]
    state = budget.items[0]
    assert [c.amount_vnd for c in state.items] == [6_000_000_000, 7_500_000_000]
    assert state.items[0].label.startswith("Nguồn kinh phí sự nghiệp khoa học (đổi mới")
    assert state.items[1].label.startswith("Nguồn kinh phí chi đầu tư phát triển")
    assert budget.items[1].items == []
    assert budget.source is not None and budget.source.text == "16.925.000.000 đồng"
    assert_grounded(doc, budget)


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_giang_sources_without_figures(fmt: str) -> None:
    doc = sample(f"an-giang-27-KH-SKHCN-2021.{fmt}")
    budget, findings = extract_budget(doc, [])
    assert findings == []
    assert budget is not None
    assert budget.total_vnd is None
    assert budget.total_in_words is None and budget.total_in_words_vnd is None
    assert [i.amount_vnd for i in budget.items] == [None, None, None]
    labels = [i.label for i in budget.items]
    assert labels[0].startswith("Kinh phí thực hiện Kế hoạch gồm kinh phí từ ngân sách nhà nước")
    assert labels[1].startswith("Nguồn kinh phí chi thường xuyên ngân sách nhà nước")
    assert labels[2].startswith("Nguồn kinh phí chi đầu tư phát triển từ ngân sách nhà nước")
    assert budget.source is not None and budget.source.text.endswith("KINH PHÍ THỰC HIỆN")


def test_no_budget_section_is_none() -> None:
    assert budget_of("I. MỤC TIÊU\n1. Mục tiêu chung\nNâng cao năng lực.\nII. TỔ CHỨC THỰC HIỆN\nGiao các sở.") == (None, [])


def test_quan_ly_kinh_phi_is_not_the_budget_heading() -> None:
    budget, _ = budget_of("I. NHIỆM VỤ\n1. Quản lý kinh phí theo quy định.\n2. Bố trí kinh phí hằng năm.")
    assert budget is None


def test_total_in_the_heading_line() -> None:
    budget, codes = budget_of("IV. KINH PHÍ THỰC HIỆN\nTổng kinh phí thực hiện: 500 triệu đồng.")
    assert budget is not None and budget.total_vnd == 500_000_000 and codes == []


def test_total_in_budget_heading_without_tong() -> None:
    budget, _ = budget_of("IV. KINH PHÍ THỰC HIỆN: 1.200.000.000 đồng\nV. TỔ CHỨC THỰC HIỆN\nGiao các sở.")
    assert budget is not None and budget.total_vnd == 1_200_000_000


def test_words_across_lines_and_unreadable_words() -> None:
    text = (
        "IV. KINH PHÍ\n1. Tổng kinh phí: 2.500.000.000 đồng (Bằng chữ: Hai tỷ năm trăm\n"
        "triệu đồng chẵn)."
    )
    budget, codes = budget_of(text)
    assert budget is not None
    assert budget.total_in_words == "Hai tỷ năm trăm triệu đồng chẵn"
    assert budget.total_in_words_vnd == 2_500_000_000 and codes == []
    budget, codes = budget_of(text.replace("năm trăm", "năm tram"))
    assert budget is not None and budget.total_in_words_vnd is None
    assert codes == ["AMOUNT_UNPARSEABLE"]


def test_unparseable_words_name_the_unknown_words() -> None:
    doc = doc_from_text("IV. KINH PHÍ\nTổng kinh phí: 2.000.000.000 đồng (Bằng chữ: Hai tỷ đô la).")
    _budget, findings = extract_budget(doc, [])
    assert [f.code for f in findings] == ["AMOUNT_UNPARSEABLE"]
    assert "đô" in findings[0].message and "la" in findings[0].message
    assert findings[0].source is not None and findings[0].source.text == "Hai tỷ đô la"


def test_sources_with_millions_and_nested_items() -> None:
    text = (
        "V. KINH PHÍ\n1. Tổng kinh phí: 800 triệu đồng\n2. Nguồn kinh phí\n"
        "a) Ngân sách tỉnh là 500 triệu đồng, gồm:\n- Sự nghiệp khoa học: 300 triệu đồng;\n"
        "- Sự nghiệp kinh tế: 200 triệu đồng.\nb) Xã hội hóa: 300 triệu đồng."
    )
    budget, codes = budget_of(text)
    assert budget is not None and codes == []
    assert budget.total_vnd == 800_000_000
    assert [(i.label, i.amount_vnd, [(c.label, c.amount_vnd) for c in i.items]) for i in budget.items] == [
        ("Ngân sách tỉnh", 500_000_000, [("Sự nghiệp khoa học", 300_000_000), ("Sự nghiệp kinh tế", 200_000_000)]),
        ("Xã hội hóa", 300_000_000, []),
    ]


def test_breakdown_in_running_text() -> None:
    budget, _ = budget_of(
        "IV. KINH PHÍ\nTổng kinh phí: 500 triệu đồng, trong đó: ngân sách tỉnh 300 triệu đồng; "
        "xã hội hóa 200 triệu đồng."
    )
    assert budget is not None
    assert [(i.label, i.amount_vnd) for i in budget.items] == [("ngân sách tỉnh", 300_000_000), ("xã hội hóa", 200_000_000)]
    assert budget.items[0].source is not None and budget.items[0].source.text == "ngân sách tỉnh 300 triệu đồng"


def test_items_without_a_sources_heading() -> None:
    budget, _ = budget_of(
        "IV. KINH PHÍ\n1. Tổng kinh phí: 1 tỷ đồng\n2. Ngân sách nhà nước: 600 triệu đồng\n"
        "3. Nguồn xã hội hóa: 400 triệu đồng\n4. Quản lý, sử dụng kinh phí theo quy định."
    )
    assert budget is not None and budget.total_vnd == 1_000_000_000
    assert [(i.label, i.amount_vnd) for i in budget.items] == [
        ("Ngân sách nhà nước", 600_000_000), ("Nguồn xã hội hóa", 400_000_000)
    ]


def test_unreadable_figure_is_flagged_and_left_null() -> None:
    budget, codes = budget_of(
        "IV. KINH PHÍ\n1. Tổng kinh phí: 900 triệu đồng\n2. Nguồn kinh phí\na) Ngân sách: 5.00.000 đồng\nb) Khác: 900 triệu đồng"
    )
    assert budget is not None
    assert [i.amount_vnd for i in budget.items] == [None, 900_000_000]
    assert codes == ["AMOUNT_UNPARSEABLE"]


def test_budget_section_in_an_appendix_when_the_body_has_none() -> None:
    budget, _ = budget_of(
        "I. NHIỆM VỤ\n1. Tuyên truyền.\nNơi nhận:\n- Như trên.\nPHỤ LỤC\nI. KINH PHÍ\nTổng kinh phí: 50 triệu đồng."
    )
    assert budget is not None and budget.total_vnd == 50_000_000


def test_plan_total_in_a_footnote() -> None:
    # ttg-2530-qd-ttg.md: section "V. NGUỒN LỰC THỰC HIỆN" names sources only; the total is in a footnote.
    budget, codes = budget_of(
        "V. NGUỒN LỰC THỰC HIỆN\n1. Nguồn lực thực hiện Kế hoạch bao gồm: (i) Nguồn ngân sách nhà nước; "
        "(ii) Nguồn hỗ trợ quốc tế.\n"
        "[2] Nguồn lực dự kiến bao gồm: (I) Nguồn ngân sách nhà nước. Tổng nguồn lực của các dự án ưu tiên "
        "và toàn bộ Kế hoạch hành động này ước tính khoảng 140.000 tỷ đồng (Một trăm bốn mươi nghìn tỷ đồng).\n"
    )
    assert budget is not None and codes == []
    assert budget.total_vnd == 140_000_000_000_000
    assert budget.source is not None and budget.source.text == "140.000 tỷ đồng"


def test_mixed_notation_total() -> None:
    budget, codes = budget_of(
        "IV. KINH PHÍ THỰC HIỆN\nTổng kinh phí thực hiện Kế hoạch: 2 tỷ 500 triệu đồng, trong đó: "
        "ngân sách tỉnh 1 tỷ 250 triệu đồng; xã hội hóa 1.250 triệu đồng.\n"
    )
    assert budget is not None and codes == []
    assert budget.total_vnd == 2_500_000_000
    assert [(i.label, i.amount_vnd) for i in budget.items] == [
        ("ngân sách tỉnh", 1_250_000_000), ("xã hội hóa", 1_250_000_000),
    ]


def test_forecast_of_the_economy_is_not_the_total() -> None:
    budget, _ = budget_of(
        "IV. KINH PHÍ THỰC HIỆN\n1. Tổng vốn đầu tư toàn xã hội giai đoạn 2026-2030 khoảng 500.000 tỷ đồng.\n"
        "2. Tổng kinh phí thực hiện Kế hoạch: 12.425 triệu đồng.\n"
    )
    assert budget is not None and budget.total_vnd == 12_425_000_000
