"""Speed and memory of kehoach on the samples, in one run and on the same files.

Run with `pytest -m benchmark tests/benchmarks -s`. The figures are printed as a table. Absolute speeds
differ between machines, so the tests fail on what does not: ratios of two timings taken on the same
machine in the same run (with room for a shared machine's noise), memory, and outputs that must be
equal however often or however parallel they are computed. Targets, for the reader:

- PDF reading (reader + layout) at most 1.2x pdfplumber's own extract_text() + extract_tables();
- DOCX, HTML, text: at least 100 seed-sized documents per second per core, whole pipeline (also
  printed: reading + layout alone, and both against the raw parser on the same files);
- `kehoach --help` under 0.3 s;
- peak memory of `kehoach extract` on a 100-page PDF under 300 MB;
- a batch of 200 files with --jobs 2 faster than with --jobs 1.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

import pytest

pytestmark = pytest.mark.benchmark

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
# Born-digital PDFs only: scanned and garbled ones measure OCR and repair, not reading.
PDFS = sorted(
    p for p in [*SAMPLES.glob("*.pdf"), *(SAMPLES / "real").glob("*.pdf")]
    if "scanned" not in p.name and "garbled" not in p.name
)
SEEDS = {fmt: sorted(SAMPLES.glob(f"*.{fmt}")) for fmt in ("docx", "html", "txt")}
REPEATS = 3
ROWS: list[tuple[str, str, str]] = []  # (measure, value, target) for the closing table


def _best(
    fn: Callable[[], object], repeats: int = REPEATS, clock: Callable[[], float] = time.process_time
) -> float:
    """The best of a few timings: the least disturbed by the rest of the machine. In-process work is
    timed in this process's CPU time, which is the per-core figure and which a shared machine's
    other load does not stretch (wall times here varied by half between runs; CPU times by 3%)."""
    times = []
    for _ in range(repeats):
        start = clock()
        fn()
        times.append(clock() - start)
    return min(times)


def _row(measure: str, value: str, target: str = "") -> None:
    ROWS.append((measure, value, target))


def _kehoach_command() -> list[str]:
    script = Path(sys.executable).with_name("kehoach")
    return [str(script)] if script.exists() else [sys.executable, "-m", "kehoach.pipeline.cli"]


@pytest.fixture(scope="module", autouse=True)
def _print_table() -> object:
    yield
    width = max(len(m) for m, _v, _t in ROWS) if ROWS else 10
    print(f"\n\nkehoach benchmarks on {os.cpu_count()} cores ({sys.platform}, Python {sys.version.split()[0]})")
    print(f"{'measure':<{width}}  {'value':>22}  target")
    for measure, value, target in ROWS:
        print(f"{measure:<{width}}  {value:>22}  {target}")


# --- PDF: kehoach against the libraries it reads with ---------------------------------------------


def _pdfplumber_raw(data: bytes) -> None:
    import pdfplumber

    with pdfplumber.open(BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()
            page.close()


def _pdfium_raw(data: bytes) -> None:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
    finally:
        pdf.close()


def _kehoach_read(data: bytes, path: str) -> None:
    from kehoach.extractors.normalize import normalize_layout
    from kehoach.extractors.readers import read_document

    normalize_layout(read_document(data, path))


def _kehoach_pipeline(data: bytes, path: str) -> str:
    """The Plan as JSON: runs of the same file must give the same text."""
    from kehoach.pipeline.run import extract_plan

    plan = extract_plan(data, path).plan
    assert plan is not None
    return plan.model_dump_json()


def test_pdf_per_page() -> None:
    import pypdfium2

    assert PDFS, "no born-digital PDF in samples/"
    files = [(p.read_bytes(), str(p)) for p in PDFS]
    pages = sum(len(pypdfium2.PdfDocument(data)) for data, _ in files)
    first = []
    for data, path in files:  # warm up imports and caches once
        first.append(_kehoach_pipeline(data, path))
        _pdfplumber_raw(data)
        _pdfium_raw(data)
    plumber = _best(lambda: [_pdfplumber_raw(d) for d, _ in files]) / pages
    pdfium = _best(lambda: [_pdfium_raw(d) for d, _ in files]) / pages
    reading = _best(lambda: [_kehoach_read(d, p) for d, p in files]) / pages
    whole = _best(lambda: [_kehoach_pipeline(d, p) for d, p in files]) / pages
    _row(f"PDF: {len(files)} files, {pages} pages", "", "")
    _row("  pdfplumber text+tables per page", f"{plumber * 1000:.1f} ms", "")
    _row("  pypdfium2 raw text per page", f"{pdfium * 1000:.1f} ms", "")
    _row("  kehoach reading + layout per page", f"{reading * 1000:.1f} ms", "")
    _row("  kehoach whole pipeline per page", f"{whole * 1000:.1f} ms", "")
    _row("  reading / pdfplumber", f"{reading / plumber:.2f}x", "<= 1.2x")
    _row("  whole pipeline / pdfplumber", f"{whole / plumber:.2f}x", "")
    _row("  reading / pypdfium2", f"{reading / pdfium:.1f}x", "")
    # Warm caches change the speed, never the output.
    assert [_kehoach_pipeline(d, p) for d, p in files] == first
    # The target is 1.2x; 1.5x is a regression beyond a shared machine's noise (CPU times, best of 3).
    assert reading / plumber <= 1.5, f"kehoach reads PDFs {reading / plumber:.2f}x as slowly as pdfplumber"


# --- DOCX, HTML, text: documents per second per core ---------------------------------------------


def _raw_docx(data: bytes) -> None:
    """python-docx's own reading: open, then every paragraph's and every cell's text."""
    import docx

    document = docx.Document(BytesIO(data))
    for paragraph in document.paragraphs:
        paragraph.text
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                cell.text


def _raw_html(data: bytes) -> None:
    """lxml's own reading: parse, then all the text."""
    import lxml.html

    "".join(lxml.html.document_fromstring(data).itertext())


def _raw_text(data: bytes) -> None:
    """Python's own reading: decode and split into lines."""
    data.decode("utf-8").splitlines()


RAW = {"docx": ("python-docx", _raw_docx), "html": ("lxml.html", _raw_html), "txt": ("str", _raw_text)}


@pytest.mark.parametrize("fmt", sorted(SEEDS))
def test_documents_per_second(fmt: str) -> None:
    from kehoach.pipeline.run import extract_plan

    files = [(p.read_bytes(), str(p)) for p in SEEDS[fmt]]
    assert files, f"no .{fmt} seed in samples/"
    raw_name, raw = RAW[fmt]
    first = []
    for data, path in files:
        first.append(_kehoach_pipeline(data, path))
        raw(data)
    rounds = 10
    n = rounds * len(files)
    whole = _best(lambda: [extract_plan(d, p) for _ in range(rounds) for d, p in files])
    reading = _best(lambda: [_kehoach_read(d, p) for _ in range(rounds) for d, p in files])
    parser = _best(lambda: [raw(d) for _ in range(rounds) for d, _ in files])
    _row(f"{fmt.upper()}: whole pipeline, one core", f"{n / whole:.0f} docs/s", ">= 100 docs/s")
    _row(f"{fmt.upper()}: reading + layout, one core", f"{n / reading:.0f} docs/s", "")
    _row(f"  {raw_name} raw reading, one core", f"{n / parser:.0f} docs/s", "")
    _row(f"  reading / {raw_name}", f"{reading / parser:.2f}x", "")
    _row(f"  whole pipeline / {raw_name}", f"{whole / parser:.2f}x", "")
    # Warm caches change the speed, never the output.
    assert [_kehoach_pipeline(d, p) for d, p in files] == first
    # Structure, extractors and validators cost 0.4x (DOCX) to 1.5x (text) the reading; 3x more than
    # the reading means one of them went superlinear.
    assert whole / reading <= 4, f"the whole pipeline takes {whole / reading:.1f}x the reading + layout"


# --- start-up ------------------------------------------------------------------------------------


def test_help_wall_time() -> None:
    command = [*_kehoach_command(), "--help"]
    subprocess.run(command, capture_output=True, check=True)  # warm the file cache
    seconds = _best(
        lambda: subprocess.run(command, capture_output=True, check=True), repeats=5, clock=time.perf_counter
    )
    _row("kehoach --help wall time", f"{seconds * 1000:.0f} ms", "< 300 ms")
    # The help must not load the NLP and PDF stack: it takes a fraction of importing spaCy alone.
    spacy = _best(
        lambda: subprocess.run([sys.executable, "-c", "import spacy"], capture_output=True, check=True),
        clock=time.perf_counter,
    )
    _row("  / python -c 'import spacy'", f"{seconds / spacy:.2f}x", "")
    assert seconds / spacy <= 0.5, f"kehoach --help takes {seconds / spacy:.2f}x an import of spaCy"


# --- memory on a 100-page PDF --------------------------------------------------------------------


def _hundred_pages(target: Path) -> int:
    import pypdfium2

    sources = [pypdfium2.PdfDocument(p.read_bytes()) for p in SAMPLES.glob("*.pdf")]
    out = pypdfium2.PdfDocument.new()
    while len(out) < 100:
        for source in sources:
            take = min(len(source), 100 - len(out))
            if take <= 0:
                break
            out.import_pages(source, list(range(take)))
    out.save(str(target))
    return len(out)


def test_peak_memory_on_a_100_page_pdf(tmp_path: Path) -> None:
    big = tmp_path / "hundred.pdf"
    assert _hundred_pages(big) == 100
    # A fresh interpreter runs kehoach as a child and reports the child's peak RSS (KB on Linux).
    probe = (
        "import resource, subprocess, sys\n"
        "run = subprocess.run(sys.argv[1:], capture_output=True)\n"
        "print(run.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    command = [*_kehoach_command(), "extract", str(big), "-o", str(tmp_path / "out"), "--jobs", "1", "-q"]
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", probe, *command], capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - start
    code, peak_kb = (int(v) for v in out.stdout.split())
    assert code == 0, f"kehoach failed on the 100-page PDF (exit {code})"
    peak_mb = peak_kb / 1024 if sys.platform != "darwin" else peak_kb / 1024 / 1024
    _row("100-page PDF: peak RSS", f"{peak_mb:.0f} MB", "< 300 MB")
    _row("100-page PDF: wall time", f"{seconds:.1f} s", "")
    assert peak_mb < 300, f"kehoach peaked at {peak_mb:.0f} MB on a 100-page PDF"


# --- scaling -------------------------------------------------------------------------------------


def test_scaling_200_files(tmp_path: Path) -> None:
    originals = [p for fmt in ("docx", "html", "txt", "pdf") for p in sorted(SAMPLES.glob(f"*.{fmt}"))]
    folder = tmp_path / "batch"
    folder.mkdir()
    for n in range(200):
        source = originals[n % len(originals)]
        shutil.copy(source, folder / f"{n:03d}-{source.name}")
    walls = {}
    for jobs in (1, 2):
        out = tmp_path / f"out{jobs}"
        start = time.perf_counter()
        run = subprocess.run([*_kehoach_command(), "extract", str(folder), "-o", str(out), "--jobs", str(jobs), "-q"],
                             capture_output=True, text=True)
        walls[jobs] = time.perf_counter() - start
        assert run.returncode == 0, run.stderr[-2000:]
        assert len(list(out.iterdir())) == 200
        _row(f"200 files, --jobs {jobs}", f"{walls[jobs]:.1f} s ({200 / walls[jobs]:.0f} files/s)", "")
    _row("  speed-up with 2 jobs", f"{walls[1] / walls[2]:.2f}x", "")
    for name in sorted(p.name for p in (tmp_path / "out1").iterdir()):
        assert (tmp_path / "out1" / name).read_bytes() == (tmp_path / "out2" / name).read_bytes()
