"""Speed of the PDF reader against pdfplumber's own extract_text() + extract_tables() (run with -m benchmark)."""

from __future__ import annotations

import time
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

import pytest

from kehoach.extractors.readers.pdf.reader import read_pdf

SAMPLES = Path(__file__).resolve().parents[3] / "samples"
MAX_RATIO = 1.2
RUNS = 5


def _best(*runs: Callable[[], None]) -> list[float]:
    """Best time of each function, run in turns so that load on a shared machine hits both alike."""
    best = [float("inf")] * len(runs)
    for _ in range(RUNS):
        for k, run in enumerate(runs):
            start = time.perf_counter()
            run()
            best[k] = min(best[k], time.perf_counter() - start)
    return best


@pytest.mark.benchmark
@pytest.mark.parametrize("name", ["an-giang-27-KH-SKHCN-2021.pdf", "lang-son-129-KH-UBND-2019.pdf"])
def test_reader_is_not_much_slower_than_pdfplumber(name: str) -> None:
    import pdfplumber

    data = (SAMPLES / name).read_bytes()

    def plumber() -> None:
        with pdfplumber.open(BytesIO(data)) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.extract_tables()
                page.close()

    def ours() -> None:
        read_pdf(data, name)

    with pdfplumber.open(BytesIO(data)) as pdf:
        pages = len(pdf.pages)
    base, mine = _best(plumber, ours)
    print(f"{name}: pdfplumber {1000 * base / pages:.0f} ms/page, read_pdf {1000 * mine / pages:.0f} ms/page")
    assert mine <= MAX_RATIO * base
