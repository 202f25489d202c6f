"""The public Python API: `import kehoach` and its five names, on the seed plan (facts read from the
printed plan: No. 129/KH-UBND of 23 July 2019, total budget 16,925 million đồng)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import kehoach

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
SEED = SAMPLES / "lang-son-129-KH-UBND-2019"


def test_extract_from_a_path() -> None:
    plan = kehoach.extract(SEED.with_suffix(".docx"))
    assert isinstance(plan, kehoach.Plan)
    assert plan.document.number == "129/KH-UBND"
    assert str(plan.document.issued_date) == "2019-07-23"
    assert plan.budget is not None and plan.budget.total_vnd == 16_925_000_000


def test_extract_from_bytes_with_and_without_a_format() -> None:
    data = SEED.with_suffix(".html").read_bytes()
    named = kehoach.extract(data, format="html")
    sniffed = kehoach.extract(data)
    assert named.document.number == sniffed.document.number == "129/KH-UBND"
    assert named.source.format == "html"
    assert [t.id for t in named.tasks] == [t.id for t in sniffed.tasks]


def test_unreadable_input_raises_one_error_naming_the_reason() -> None:
    with pytest.raises(kehoach.KehoachError, match="empty"):
        kehoach.extract(b"", format="txt")
    with pytest.raises(kehoach.KehoachError, match="not a PDF"):
        kehoach.extract(b"plain words, not a PDF", format="pdf")
    with pytest.raises(ValueError, match="unknown format"):
        kehoach.extract(b"x", format="xlsx")


def test_validate_reruns_the_rules_after_an_edit() -> None:
    plan = kehoach.extract(SEED.with_suffix(".txt"))
    assert not [f for f in kehoach.validate(plan) if f.code == "BUDGET_SUM_MISMATCH"]
    plan.budget.total_vnd += 1_000_000
    codes = {f.code for f in kehoach.validate(plan)}
    assert "BUDGET_SUM_MISMATCH" in codes
    assert all(isinstance(f, kehoach.Finding) for f in kehoach.validate(plan))


def test_compare_two_plans() -> None:
    seed = kehoach.extract(SEED.with_suffix(".txt"))
    other = kehoach.extract(SAMPLES / "an-giang-27-KH-SKHCN-2021.txt")
    comparison = kehoach.compare([seed, other], labels=["A", "B"])
    assert isinstance(comparison, kehoach.Comparison)
    assert [p.label for p in comparison.plans] == ["A", "B"]
    assert comparison.plans[0].budget_vnd == 16_925_000_000


def test_the_public_surface_and_a_light_import() -> None:
    assert dir(kehoach) == sorted(kehoach.__all__)
    assert kehoach.__version__.count(".") >= 2
    with pytest.raises(AttributeError):
        kehoach.pipeline_internals  # noqa: B018
    code = "import sys, kehoach; print(sorted(m for m in ('pydantic', 'pypdfium2', 'pdfplumber') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
