"""Legal bases in the "Thực hiện ..." paragraph of the bases part (Decree 30/2020/NĐ-CP puts the bases
between the title and the body): a Party "Thông tri" and guidance given in a Công văn. Expected values
are read off the corpus documents."""

from __future__ import annotations

from task_cases import corpus_plan


def test_thuc_hien_paragraph_after_the_can_cu_lines() -> None:
    bases = corpus_plan("ho-chi-minh-174-kh-ubnd.md").document.legal_bases
    assert [(b.type_name, b.number) for b in bases[-2:]] == [
        ("Thông tri", "02-TT/TU"), ("Công văn", "8935/BNV-CTTN&BĐG"),
    ]
    assert len(bases) == 8
    assert bases[-1].date == "2025-10-03"


def test_thuc_hien_paragraph_alone_is_the_basis() -> None:
    bases = corpus_plan("nghe-an-980-kh-ubnd.md").document.legal_bases
    assert [(b.type_name, b.number, b.date) for b in bases] == [("Quyết định", "1899/QĐ-TTg", "2025-09-04")]


def test_a_law_cited_by_its_name_alone() -> None:
    """Laws are cited by name, often with the year only ("Luật ... năm 2015"): still a basis; a
    programme named by its title alone is not."""
    from kehoach.pipeline.run import extract_plan

    text = (
        "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN\nSố: 12/KH-UBND\nLạng Sơn, ngày 3 tháng 2 năm 2020\nKẾ HOẠCH\n"
        "Phát triển lâm nghiệp\nCăn cứ Luật Tổ chức chính quyền địa phương năm 2015;\n"
        "Căn cứ Luật Lâm nghiệp;\nCăn cứ Chương trình phát triển lâm nghiệp bền vững;\n"
        "Căn cứ Quyết định số 886/QĐ-TTg ngày 16/6/2017 của Thủ tướng Chính phủ;\nI. MỤC ĐÍCH\n"
    )
    bases = extract_plan(text.encode(), "x.txt").plan.document.legal_bases
    assert [(b.type_name, b.number) for b in bases] == [("Luật", None), ("Luật", None), ("Quyết định", "886/QĐ-TTg")]
    assert bases[0].text == "Luật Tổ chức chính quyền địa phương năm 2015"


def test_bases_listed_under_a_part_of_their_own() -> None:
    """"I. CĂN CỨ PHÁP LÝ XÂY DỰNG KẾ HOẠCH" with the documents as its items, no "Căn cứ" before each."""
    from kehoach.pipeline.run import extract_plan

    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH HẢI DƯƠNG\nSố: 3298/KH-UBND\nHải Dương, ngày 25 tháng 9 năm 2018\nKẾ HOẠCH\n"
        "Triển khai thực hiện Đề án\n\nI. CĂN CỨ PHÁP LÝ XÂY DỰNG KẾ HOẠCH\n\n- Luật Dược số 105/2016/QH13;\n\n"
        "- Thông tư số 52/2017/TT-BYT ngày 29/12/2017 của Bộ Y tế quy định về đơn thuốc; Thông tư số "
        "18/2018/TT-BYT ngày 22/8/2018 sửa đổi Thông tư số 52/2017/TT-BYT;\n\n"
        "II. MỤC ĐÍCH, YÊU CẦU\n\n1. Mục đích\n\nTăng cường kiểm soát kê đơn thuốc theo Quyết định số 4041/QĐ-BYT.\n"
    )
    bases = extract_plan(text.encode(), "x.txt").plan.document.legal_bases
    assert [(b.type_name, b.number) for b in bases] == [
        ("Luật", "105/2016/QH13"), ("Thông tư", "52/2017/TT-BYT"), ("Thông tư", "18/2018/TT-BYT"),
    ]
    assert bases[1].date == "2017-12-29"


def test_de_tiep_tuc_thuc_hien_opens_the_bases_of_a_directive() -> None:
    """A directive's bases follow its background: "Để tiếp tục thực hiện nghiêm Chỉ thị số ..."
    (quang-tri-06-ct-ubnd, tests/unseen)."""
    from kehoach.pipeline.run import extract_plan

    text = (
        "ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ\nSố: 06/CT-UBND\nQuảng Trị, ngày 26 tháng 11 năm 2025\nCHỈ THỊ\n"
        "Về tăng cường xử lý chồng lấn rừng\nThời gian qua, các địa phương đã tích cực triển khai.\n"
        "Để tiếp tục thực hiện nghiêm Chỉ thị số 05/CT-TTg ngày 18/5/2022 của Thủ tướng Chính phủ; "
        "Chỉ thị số 31-CT/TU ngày 06/6/2023, Kế hoạch số 134-KH/TU ngày 29/12/2023 của Ban Thường vụ Tỉnh ủy, "
        "Ủy ban nhân dân tỉnh yêu cầu:\n1. Ủy ban nhân dân các xã thực hiện đầy đủ trách nhiệm.\n"
    )
    bases = extract_plan(text.encode(), "x.txt").plan.document.legal_bases
    assert [b.number for b in bases] == ["05/CT-TTg", "31-CT/TU", "134-KH/TU"]
