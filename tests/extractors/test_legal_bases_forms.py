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
