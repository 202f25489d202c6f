"""Speed and memory of kehoach on born-digital PDFs, against pdfplumber on the same pages, in one run.

Run with `pytest -m benchmark tests/benchmarks/test_pdf_speed.py -s`. Each ratio is whole-pipeline
kehoach (reader, layout, extractors, validators: `pipeline.run.extract_plan`) over pdfplumber's own
`extract_text()` + `extract_tables()` on the same file, both in this process's CPU time (a shared
machine's other load does not stretch it). Every ratio is printed with the minimum and the median of
RUNS runs. Targets (issue 19): at most 0.25x on the seeds' PDFs, the born-digital real samples and a
plan of 55+ pages (real pages put together with pypdfium2); peak memory of `kehoach extract` on a
300-page PDF under 300 MB.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest
from raw_parsers import pdfplumber_text_and_tables

pytestmark = pytest.mark.benchmark

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
SEEDS = sorted(SAMPLES.glob("*.pdf"))
# Born-digital real PDFs: scans measure OCR, garbled fonts the repair (which reads with pdfminer).
REAL = sorted(
    p for p in (SAMPLES / "real").glob("*.pdf") if "scanned" not in p.name and "garbled" not in p.name
)
RUNS = 5
TARGET = 0.25
# Above the target by this much is a regression beyond a shared machine's noise; below is the goal.
LIMIT = 0.35
MEMORY_LIMIT_MB = 300


def _kehoach(data: bytes, path: str) -> None:
    from kehoach.pipeline.run import extract_plan

    assert extract_plan(data, path).plan is not None


def _cpu(fn: object, *args: object) -> float:
    start = time.process_time()
    fn(*args)  # type: ignore[operator]
    return time.process_time() - start


def _ratios(files: list[tuple[bytes, str]]) -> list[float]:
    """RUNS ratios, each of one run of kehoach over the files to one run of pdfplumber over them."""
    for data, path in files:  # imports and caches warmed once
        _kehoach(data, path)
        pdfplumber_text_and_tables(data)
    ratios = []
    for _ in range(RUNS):
        mine = sum(_cpu(_kehoach, data, path) for data, path in files)
        theirs = sum(_cpu(pdfplumber_text_and_tables, data) for data, _path in files)
        ratios.append(mine / theirs)
    return ratios


def _report(name: str, pages: int, ratios: list[float]) -> None:
    print(
        f"\n{name} ({pages} pages): kehoach / pdfplumber text+tables = "
        f"min {min(ratios):.2f}x, median {statistics.median(ratios):.2f}x over {len(ratios)} runs "
        f"(target <= {TARGET}x)"
    )


def _pages(paths: list[Path]) -> int:
    import pypdfium2

    return sum(len(pypdfium2.PdfDocument(p.read_bytes())) for p in paths)


def _long_plan(target: Path, pages: int) -> int:
    """A plan of `pages` pages: the born-digital samples' pages put together, in turn."""
    import pypdfium2

    sources = [pypdfium2.PdfDocument(p.read_bytes()) for p in [*SEEDS, *REAL]]
    out = pypdfium2.PdfDocument.new()
    while len(out) < pages:
        for source in sources:
            take = min(len(source), pages - len(out))
            if take > 0:
                out.import_pages(source, list(range(take)))
    out.save(str(target))
    return len(out)


@pytest.mark.parametrize(
    ("name", "paths"), [("seeds' PDFs", SEEDS), ("born-digital real samples", REAL)], ids=["seeds", "real"]
)
def test_whole_pipeline_against_pdfplumber(name: str, paths: list[Path]) -> None:
    assert paths, f"no PDF among the {name}"
    ratios = _ratios([(p.read_bytes(), str(p)) for p in paths])
    _report(name, _pages(paths), ratios)
    assert min(ratios) <= LIMIT, f"kehoach takes {min(ratios):.2f}x pdfplumber's time on the {name}"


def test_whole_pipeline_against_pdfplumber_on_a_long_plan(tmp_path: Path) -> None:
    long = tmp_path / "long.pdf"
    pages = _long_plan(long, 60)
    ratios = _ratios([(long.read_bytes(), str(long))])
    _report("a long plan", pages, ratios)
    assert min(ratios) <= LIMIT, f"kehoach takes {min(ratios):.2f}x pdfplumber's time on {pages} pages"


def test_peak_memory_on_a_300_page_pdf(tmp_path: Path) -> None:
    big = tmp_path / "long.pdf"
    assert _long_plan(big, 300) == 300
    probe = (
        "import resource, sys\n"
        "from kehoach.pipeline.run import extract_plan\n"
        "data = open(sys.argv[1], 'rb').read()\n"
        "assert extract_plan(data, sys.argv[1]).plan is not None\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, str(big)], capture_output=True, text=True, check=True, cwd=ROOT
    )
    peak_mb = int(out.stdout.split()[-1]) / (1024 * 1024 if sys.platform == "darwin" else 1024)
    print(f"\n300-page PDF: peak memory {peak_mb:.0f} MB (target < {MEMORY_LIMIT_MB} MB)")
    assert peak_mb < MEMORY_LIMIT_MB
