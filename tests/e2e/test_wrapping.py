"""The same plan printed with another font or page width gives the same data.

Each seed's DOCX is rendered to PDF by LibreOffice with three serif fonts (Liberation Serif, the metric
twin of Times New Roman; DejaVu Serif, wider; FreeSerif, narrower) at two page widths (A4, and a
narrower page), so that lines wrap at other words: an amount moves to the next line after its label's
colon, a sentence breaks over a page. Every rendering must give the facts the DOCX itself gives.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest

from kehoach.pipeline.run import extract_plan
from kehoach.schemas import Plan

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
SEEDS = ["lang-son-129-KH-UBND-2019", "an-giang-27-KH-SKHCN-2021"]
FONTS = {"liberation": "Liberation Serif", "dejavu": "DejaVu Serif", "freeserif": "FreeSerif"}
# Page widths in twentieths of a point: A4 (the seeds' own), and 2 cm narrower.
WIDTHS = {"a4": 11906, "narrow": 10772}
_PAGE_WIDTH = re.compile(r'(<w:pgSz\b[^>]*\bw:w=")(\d+)(")')
_BREAK_AFTER_JOINER = re.compile(r"(?<=\w)([-/]) (?=\w)")


def _restyle(source: Path, font: str, width: int, out: Path) -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename.startswith("word/") and info.filename.endswith(".xml"):
                xml = data.decode("utf-8").replace("Times New Roman", font)
                if info.filename == "word/document.xml":
                    xml, count = _PAGE_WIDTH.subn(lambda m: f"{m.group(1)}{width}{m.group(3)}", xml)
                    assert count >= 1, "the page size must be set in the document"
                data = xml.encode("utf-8")
            zout.writestr(info, data)
    return out


@pytest.fixture(scope="module")
def renderings(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str, str], Path]:
    folder = tmp_path_factory.mktemp("wrapping")
    docx: dict[tuple[str, str, str], Path] = {}
    for seed in SEEDS:
        for font_key, font in FONTS.items():
            for width_key, width in WIDTHS.items():
                name = f"{seed}--{font_key}--{width_key}"
                docx[(seed, font_key, width_key)] = _restyle(
                    SAMPLES / f"{seed}.docx", font, width, folder / f"{name}.docx"
                )
    installed = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, check=True)
    for font in FONTS.values():
        assert font in installed.stdout, f"font {font!r} must be installed by scripts/system-packages.sh"
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice must be installed by scripts/system-packages.sh"
    pdf_dir = folder / "pdf"
    subprocess.run(
        [
            soffice, f"-env:UserInstallation=file://{folder / 'lo-profile'}", "--headless",
            "--convert-to", "pdf", "--outdir", str(pdf_dir), *map(str, docx.values()),
        ],
        check=True, capture_output=True, timeout=600,
    )
    out = {key: pdf_dir / f"{path.stem}.pdf" for key, path in docx.items()}
    assert all(p.exists() for p in out.values())
    return out


def _plan(path: Path) -> Plan:
    result = extract_plan(path.read_bytes(), str(path))
    assert result.plan is not None, result.error
    return result.plan


def _facts(path: Path) -> dict[str, Any]:
    """What a user takes from the plan: everything but where it sits on which page."""
    plan = _plan(path).model_dump(mode="json")

    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in ("source", "sources")}
        if isinstance(value, list):
            return [strip(v) for v in value]
        if isinstance(value, str):
            # A line that ends in "2021-" cannot show whether "2021- 2030" had a space: the page
            # breaks there either way. Everything else about the text must be equal.
            return _BREAK_AFTER_JOINER.sub(r"\1", value)
        return value

    return {
        "tasks": strip(plan["tasks"]),
        "units": strip(plan["units"]),
        "targets": strip(plan["targets"]),
        "phases": strip(plan["phases"]),
        "budget": strip(plan["budget"]),
        "findings": sorted((f["code"], f["severity"], f["message"]) for f in plan["findings"]),
    }


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("font", list(FONTS))
@pytest.mark.parametrize("seed", SEEDS)
def test_wrapping_does_not_change_the_facts(
    seed: str, font: str, width: str, renderings: dict[tuple[str, str, str], Path]
) -> None:
    expected = _facts(SAMPLES / f"{seed}.docx")
    got = _facts(renderings[(seed, font, width)])
    for field, value in expected.items():
        assert got[field] == value, f"{seed} in {font} at {width} width: {field} differ"


def test_budget_item_keeps_an_amount_wrapped_after_its_colon(
    renderings: dict[tuple[str, str, str], Path],
) -> None:
    """DejaVu Serif pushes Lạng Sơn's "3.425.000.000 đồng." to the line after "...khác:"."""
    budget = _plan(renderings[(SEEDS[0], "dejavu", "a4")]).budget
    assert budget is not None
    labels = {item.label: item.amount_vnd for item in budget.items}
    assert labels["Huy động từ các doanh nghiệp và các nguồn hợp pháp khác"] == 3_425_000_000
