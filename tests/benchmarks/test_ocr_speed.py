"""OCR time per page on the scanner-like renderings of the seed plans (issue 19: at most 1.5 s a page).

Run with `pytest -m benchmark tests/benchmarks/test_ocr_speed.py -s`. Each seed PDF is rendered as a
scanner would make it (`tests/support/scans.py`) and read by `ocr_pages` with the default settings,
the cache off, five times. Printed: wall seconds per page (minimum and median), CPU seconds per page
(this process and its Tesseracts) and the load average, since the machine may be shared.

Asserted: the CPU time a page costs divided by the pages read at once (the default parallel
Tesseracts, at most the usable cores), which is the wall time per page on a machine with those cores
free; the wall time itself is only as good as the machine's load allows. Accuracy is asserted too, so
that speed is never bought with text: at least 0.95 character similarity to the born-digital text layer
(0.955-0.999 measured; the lowest is a table page, whose words OCR gives in a different order).
"""

from __future__ import annotations

import difflib
import io
import os
import resource
import statistics
import time
from pathlib import Path

import pytest
from scans import scanner_like

from kehoach.extractors.readers.pdf.ocr import DEFAULT_WORKERS, OcrSettings, ocr_pages, usable_cores

pytestmark = pytest.mark.benchmark

ROOT = Path(__file__).resolve().parents[2]
SEEDS = [ROOT / "samples" / "lang-son-129-KH-UBND-2019.pdf", ROOT / "samples" / "an-giang-27-KH-SKHCN-2021.pdf"]
RUNS = 5
MAX_SECONDS_PER_PAGE = 1.5
MIN_SIMILARITY = 0.95


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _layer_text(data: bytes) -> list[str]:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [" ".join(w["text"] for w in page.extract_words()) for page in pdf.pages]


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_ocr_seconds_per_page(seed: Path) -> None:
    data = seed.read_bytes()
    scan = scanner_like(data)
    truth = _layer_text(data)
    numbers = list(range(1, len(truth) + 1))
    settings = OcrSettings(use_cache=False)
    walls: list[float] = []
    cpus: list[float] = []
    pages = {}
    for _ in range(RUNS):
        cpu, start = _cpu(), time.perf_counter()
        pages = ocr_pages(scan, numbers, settings)
        walls.append((time.perf_counter() - start) / len(numbers))
        cpus.append((_cpu() - cpu) / len(numbers))
    similarity = [
        difflib.SequenceMatcher(None, truth[n - 1], " ".join(w.text for w in pages[n].words)).ratio()  # type: ignore[union-attr]
        for n in numbers
    ]
    parallel = min(DEFAULT_WORKERS, usable_cores())
    print(
        f"\n{seed.name}: {len(numbers)} pages; wall s/page min {min(walls):.2f} median {statistics.median(walls):.2f}; "
        f"CPU s/page min {min(cpus):.2f} median {statistics.median(cpus):.2f}; {parallel} in parallel -> "
        f"{min(cpus) / parallel:.2f} s/page on free cores; load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; "
        f"similarity min {min(similarity):.4f}"
    )
    assert min(similarity) >= MIN_SIMILARITY, similarity
    assert min(cpus) / parallel <= MAX_SECONDS_PER_PAGE
