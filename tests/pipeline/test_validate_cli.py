"""`kehoach validate` on seed 001 in four formats, and on variants with one figure changed.

Variants are generated here from the samples: txt and html by editing the text, docx by editing the
text in word/document.xml inside the zip, pdf by converting the edited DOCX with LibreOffice
(`soffice --headless --convert-to pdf`), all variants in one conversion.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from kehoach.pipeline.cli import main
from kehoach.pipeline.run import extract_plan
from kehoach.pipeline.validators import validate

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
SEED = "lang-son-129-KH-UBND-2019"
FORMATS = ["txt", "html", "docx", "pdf"]
# The codes these variants are about; other rules (lead units, abbreviations) may add info lines.
WATCHED = {
    "BUDGET_SUM_MISMATCH", "AMOUNT_WORDS_MISMATCH", "AMOUNT_UNPARSEABLE", "PERIOD_INVALID",
    "PHASE_GAP_OR_OVERLAP",
}

# name: (printed text, replacement, the watched codes expected, sorted)
VARIANTS: dict[str, tuple[str, str, list[str]]] = {
    "total": ("16.925.000.000", "16.935.000.000", ["AMOUNT_WORDS_MISMATCH", "BUDGET_SUM_MISMATCH"]),
    "state": ("13.500.000.000", "13.600.000.000", ["BUDGET_SUM_MISMATCH", "BUDGET_SUM_MISMATCH"]),
    "science": ("6.000.000.000", "6.100.000.000", ["BUDGET_SUM_MISMATCH"]),
    "investment": ("7.500.000.000", "7.400.000.000", ["BUDGET_SUM_MISMATCH"]),
    "enterprises": ("3.425.000.000", "3.525.000.000", ["BUDGET_SUM_MISMATCH"]),
    "words": ("hai mươi năm triệu", "hai mươi sáu triệu", ["AMOUNT_WORDS_MISMATCH"]),
    "words-unreadable": ("hai mươi năm triệu", "hai mươi nam triệu", ["AMOUNT_UNPARSEABLE"]),
    "reversed-period": ("Từ năm 2019 đến 2025", "Từ năm 2026 đến 2019", ["PERIOD_INVALID"]),
    "phase-gap": ("Từ năm 2019 đến 2025", "Từ năm 2019 đến 2024", ["PHASE_GAP_OR_OVERLAP"]),
}


def _edit_text(path: Path, old: str, new: str, out: Path) -> Path:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {path.name}"
    out.write_text(text.replace(old, new), encoding="utf-8")
    return out


def _edit_docx(path: Path, old: str, new: str, out: Path) -> Path:
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                xml = data.decode("utf-8")
                assert xml.count(old) == 1, f"{old!r} must occur once in the DOCX text"
                data = xml.replace(old, new).encode("utf-8")
            target.writestr(info, data)
    return out


@pytest.fixture(scope="session")
def variant_files(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """(variant, format) -> file; "seed" is the unchanged sample."""
    folder = tmp_path_factory.mktemp("variants")
    files: dict[tuple[str, str], Path] = {}
    for fmt in FORMATS:
        files[("seed", fmt)] = SAMPLES / f"{SEED}.{fmt}"
    docx_for_pdf: list[Path] = []
    for name, (old, new, _codes) in VARIANTS.items():
        for fmt in ("txt", "html"):
            files[(name, fmt)] = _edit_text(SAMPLES / f"{SEED}.{fmt}", old, new, folder / f"{name}.{fmt}")
        files[(name, "docx")] = _edit_docx(SAMPLES / f"{SEED}.docx", old, new, folder / f"{name}.docx")
        docx_for_pdf.append(files[(name, "docx")])
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail("LibreOffice (soffice) is needed to render the PDF variants")
    pdf_dir = folder / "pdf"
    subprocess.run(
        [
            soffice, f"-env:UserInstallation=file://{folder / 'lo-profile'}", "--headless",
            "--convert-to", "pdf", "--outdir", str(pdf_dir), *map(str, docx_for_pdf),
        ],
        check=True, capture_output=True, timeout=600,
    )
    for name in VARIANTS:
        files[(name, "pdf")] = pdf_dir / f"{name}.pdf"
        assert files[(name, "pdf")].exists()
    return files


def _validate_json(path: Path) -> tuple[int, list[dict[str, object]]]:
    result = CliRunner().invoke(main, ["validate", "--json", str(path)])
    records = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return result.exit_code, records


@pytest.mark.parametrize("fmt", FORMATS)
def test_seed_has_no_error_findings(fmt: str, variant_files: dict[tuple[str, str], Path]) -> None:
    code, records = _validate_json(variant_files[("seed", fmt)])
    assert [r for r in records if r["severity"] == "error"] == []
    assert [r["code"] for r in records if r["code"] in WATCHED] == []
    assert code == 0


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", list(VARIANTS))
def test_variant_is_flagged(name: str, fmt: str, variant_files: dict[tuple[str, str], Path]) -> None:
    code, records = _validate_json(variant_files[(name, fmt)])
    expected = VARIANTS[name][2]
    assert sorted(str(r["code"]) for r in records if r["code"] in WATCHED) == expected
    flagged = [r for r in records if r["code"] in WATCHED]
    assert all(r["source"] is not None for r in flagged)
    errors = any(r["severity"] == "error" for r in records)
    assert code == (1 if errors else 0)


def test_lines_output_and_exit_code(variant_files: dict[tuple[str, str], Path]) -> None:
    result = CliRunner().invoke(main, ["validate", str(variant_files[("total", "txt")])])
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if "BUDGET_SUM_MISMATCH" in line]
    assert len(lines) == 1
    assert ": error: BUDGET_SUM_MISMATCH: the budget total is 16.935.000.000 đồng" in lines[0]


def test_unreadable_input_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "missing.pdf")])
    assert result.exit_code == 2


@pytest.mark.parametrize("fmt", FORMATS)
def test_seed_plan_values_through_the_pipeline(fmt: str) -> None:
    path = SAMPLES / f"{SEED}.{fmt}"
    plan = extract_plan(path.read_bytes(), str(path)).plan
    assert plan is not None and plan.budget is not None
    assert (plan.budget.total_vnd, plan.budget.total_in_words_vnd) == (16_925_000_000, 16_925_000_000)
    assert [(i.amount_vnd, [c.amount_vnd for c in i.items]) for i in plan.budget.items] == [
        (13_500_000_000, [6_000_000_000, 7_500_000_000]),
        (3_425_000_000, []),
    ]
    assert [(p.start_year, p.end_year) for p in plan.phases] == [(2019, 2025), (2026, 2030)]
    own = [(t.year, t.quantity, t.comparator, t.unit, t.per_year) for t in plan.targets if t.task_id is None]
    assert own == [
        (2025, 5, "at_least", "chuẩn đo lường", False), (2025, 300, "at_least", "lượt người", False),
        (2025, 60, "exactly", "lượt người", True), (2025, 10, "at_least", "lượt doanh nghiệp", False),
        (2025, 1, "at_least", "phòng thí nghiệm", False), (2030, 10, "at_least", "loại", False),
        (2030, 300, "at_least", "lượt người", False), (2030, 60, "exactly", "lượt người", True),
        (2030, 20, "at_least", "lượt doanh nghiệp", False), (2030, 2, "at_least", "phòng thí nghiệm", False),
    ]
    assert [f for f in plan.findings if f.severity == "error"] == []


def test_validation_does_not_change_the_plan() -> None:
    path = SAMPLES / f"{SEED}.txt"
    plan = extract_plan(path.read_bytes(), str(path)).plan
    assert plan is not None
    before = plan.model_dump()
    result = validate(plan)
    assert result.errors == []
    assert plan.model_dump() == before
