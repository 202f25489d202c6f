"""Speed and memory of kehoach on the samples, in one run and on the same files.

Run with `pytest -m benchmark tests/benchmarks -s`. The figures are printed as a table, each timing as
the minimum and median of REPEATS runs. Absolute speeds differ between machines, so every figure is
also printed as a ratio to what the raw parser of the format takes on the same files, in the same run
(python-docx, lxml.html, a plain read; pdfplumber and pypdfium2 for PDF). Targets, for the reader
(issue 19):

- DOCX, HTML, text: at least 200 seed-sized documents per second per core, whole pipeline, in a process
  that has loaded the pipeline as a worker does (also printed: reading + layout alone);
- 1,000 small text files through `kehoach extract` with one job: 200 documents per second; the runner
  adds little to the pipeline's own time, and two jobs burn hardly more CPU than one;
- PDF reading (reader + layout) at most 1.2x pdfplumber's own extract_text() + extract_tables();
- `kehoach --help` under 0.3 s;
- peak memory of `kehoach extract` on a 100-page PDF under 300 MB;
- a batch of 200 files with --jobs 2 faster than with --jobs 1.

Room for a shared machine: in-process work is timed in CPU time, which other processes do not stretch
much, but do a little (shared caches and cores): on the 2-core machine these were written on, shared by
several sessions, the same work took up to 1.5x the CPU time it takes on a quiet one (CPU_ROOM). Targets
in documents per second are asserted at their value divided by CPU_ROOM; wall times are printed only.
"""

from __future__ import annotations

import gc
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

import pytest
from raw_parsers import pdfplumber_text_and_tables

pytestmark = pytest.mark.benchmark

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
# Born-digital PDFs only: scanned and garbled ones measure OCR and repair, not reading.
PDFS = sorted(
    p for p in [*SAMPLES.glob("*.pdf"), *(SAMPLES / "real").glob("*.pdf")]
    if "scanned" not in p.name and "garbled" not in p.name
)
SEEDS = {fmt: sorted(SAMPLES.glob(f"*.{fmt}")) for fmt in ("docx", "html", "txt")}
REPEATS = 5
CPU_ROOM = 1.5
DOCS_PER_SECOND = 200
ROWS: list[tuple[str, str, str]] = []  # (measure, value, target) for the closing table


def _timings(
    fn: Callable[[], object], repeats: int = REPEATS, clock: Callable[[], float] = time.process_time
) -> tuple[float, float]:
    """(minimum, median) of `repeats` timings. In-process work is timed in this process's CPU time,
    which is the per-core figure and which a shared machine's other load stretches least."""
    times = []
    for _ in range(repeats):
        start = clock()
        fn()
        times.append(clock() - start)
    return min(times), statistics.median(times)


def _best(
    fn: Callable[[], object], repeats: int = REPEATS, clock: Callable[[], float] = time.process_time
) -> float:
    """The minimum of `_timings`: the run least disturbed by the rest of the machine."""
    return _timings(fn, repeats, clock)[0]


def _pair(low: float, mid: float, fmt: str) -> str:
    """A figure as 'min / median'."""
    return f"{fmt.format(low)} / {fmt.format(mid)}"


def _as_worker() -> None:
    """This process as a worker runs files: the pipeline loaded, the garbage collector frozen after."""
    from kehoach.pipeline.run import warm_up

    warm_up()
    gc.freeze()


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


def _forget_document_text() -> None:
    """Clear the caches keyed by a paragraph's text, so that a file run again gets no help a new plan
    would not get. The caches of words and names (syllables, unit names' comparison keys) stay warm, as
    in a worker that has read a few plans: they hold a language's vocabulary, not a document."""
    from kehoach.extractors.units.mentions import forget_paragraphs

    forget_paragraphs()


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
        pdfplumber_text_and_tables(data)
        _pdfium_raw(data)
    plumber_min, plumber_mid = (t / pages for t in _timings(lambda: [pdfplumber_text_and_tables(d) for d, _ in files]))
    pdfium_min, pdfium_mid = (t / pages for t in _timings(lambda: [_pdfium_raw(d) for d, _ in files]))
    reading_min, reading_mid = (t / pages for t in _timings(lambda: [_kehoach_read(d, p) for d, p in files]))
    whole_min, whole_mid = (t / pages for t in _timings(lambda: [_kehoach_pipeline(d, p) for d, p in files]))
    plumber, reading = plumber_min, reading_min
    _row(f"PDF: {len(files)} files, {pages} pages (min / median)", "", "")
    _row("  pdfplumber text+tables per page", _pair(plumber_min * 1000, plumber_mid * 1000, "{:.1f}") + " ms", "")
    _row("  pypdfium2 raw text per page", _pair(pdfium_min * 1000, pdfium_mid * 1000, "{:.1f}") + " ms", "")
    _row("  kehoach reading + layout per page", _pair(reading_min * 1000, reading_mid * 1000, "{:.1f}") + " ms", "")
    _row("  kehoach whole pipeline per page", _pair(whole_min * 1000, whole_mid * 1000, "{:.1f}") + " ms", "")
    _row("  reading / pdfplumber", _pair(reading_min / plumber_min, reading_mid / plumber_mid, "{:.2f}x"), "<= 1.2x")
    _row("  whole pipeline / pdfplumber", _pair(whole_min / plumber_min, whole_mid / plumber_mid, "{:.2f}x"), "")
    _row("  reading / pypdfium2", _pair(reading_min / pdfium_min, reading_mid / pdfium_mid, "{:.1f}x"), "")
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
    _as_worker()
    first = []
    for data, path in files:
        first.append(_kehoach_pipeline(data, path))
        raw(data)
    rounds = 10
    n = rounds * len(files)
    def whole_pipeline(data: bytes, path: str) -> None:
        _forget_document_text()
        extract_plan(data, path).plan.model_dump(mode="json")

    whole = _timings(lambda: [whole_pipeline(d, p) for _ in range(rounds) for d, p in files])
    reading = _timings(lambda: [_kehoach_read(d, p) for _ in range(rounds) for d, p in files])
    parser = _timings(lambda: [raw(d) for _ in range(rounds) for d, _ in files])
    _row(f"{fmt.upper()}: whole pipeline, one core (min / median)", _pair(n / whole[0], n / whole[1], "{:.0f}") + " docs/s",
         f">= {DOCS_PER_SECOND} docs/s")
    _row(f"{fmt.upper()}: reading + layout, one core", _pair(n / reading[0], n / reading[1], "{:.0f}") + " docs/s", "")
    _row(f"  {raw_name} raw reading, one core", _pair(n / parser[0], n / parser[1], "{:.0f}") + " docs/s", "")
    _row(f"  reading / {raw_name}", _pair(reading[0] / parser[0], reading[1] / parser[1], "{:.2f}x"), "")
    _row(f"  whole pipeline / {raw_name}", _pair(whole[0] / parser[0], whole[1] / parser[1], "{:.2f}x"), "")
    # Warm caches change the speed, never the output.
    assert [_kehoach_pipeline(d, p) for d, p in files] == first
    # Structure, extractors and validators cost 1.2x (DOCX) to 3.3x (text) the reading + layout since
    # reading got faster (issue 19); 6x the reading would mean one of them went superlinear.
    assert whole[0] / reading[0] <= 6, f"the whole pipeline takes {whole[0] / reading[0]:.1f}x the reading + layout"
    floor = DOCS_PER_SECOND / CPU_ROOM
    assert n / whole[0] >= floor, f"{fmt}: {n / whole[0]:.0f} documents/s on one core, under {floor:.0f}"


# --- the runner: many small files through the command line ---------------------------------------


def _small_text_files(folder: Path, count: int) -> list[Path]:
    """`count` small text files: runs of consecutive lines of the seed text plans (a letterhead, a
    few tasks, a table's rows), each a short real text the whole pipeline runs on."""
    pieces: list[str] = []
    for seed in SEEDS["txt"]:
        lines = [line for line in seed.read_text(encoding="utf-8").splitlines() if line.strip()]
        pieces += ["\n".join(lines[i:i + 12]) + "\n" for i in range(0, len(lines), 12)]
    folder.mkdir()
    paths = []
    for n in range(count):
        path = folder / f"{n:04d}.txt"
        path.write_text(pieces[n % len(pieces)], encoding="utf-8")
        paths.append(path)
    return paths


def _cli_run(folder: Path, out: Path, jobs: int) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the command and its workers) of one `kehoach extract` run."""
    shutil.rmtree(out, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    run = subprocess.run([*_kehoach_command(), "extract", str(folder), "-o", str(out), "--jobs", str(jobs), "-q"],
                         capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert run.returncode == 0, run.stderr[-2000:]
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def test_runner_on_1000_small_text_files(tmp_path: Path) -> None:
    from kehoach.pipeline.export import plan_to_json
    from kehoach.pipeline.run import extract_plan

    count = 1000
    folder = tmp_path / "small"
    paths = _small_text_files(folder, count)
    _as_worker()
    data = [(p.read_bytes(), p.name) for p in paths]
    # The same files in this process: the pipeline's own time, and the JSON a command writes.
    inside = _timings(lambda: [(_forget_document_text(), plan_to_json(extract_plan(d, p).plan.model_dump(mode="json")))
                               for d, p in data], repeats=3)
    one = tmp_path / "one"
    one.mkdir()
    shutil.copy(paths[0], one / paths[0].name)
    start_up = min(_cli_run(one, tmp_path / "out-one", 1)[1] for _ in range(3))
    runs = {jobs: [_cli_run(folder, tmp_path / f"out{jobs}", jobs) for _ in range(REPEATS if jobs == 1 else 3)]
            for jobs in (1, 2)}
    wall = sorted(w for w, _ in runs[1])
    cpu = {jobs: min(c for _, c in measured) for jobs, measured in runs.items()}
    per_file = (cpu[1] - start_up) / (count - 1)
    _row(f"{count} small text files, kehoach extract -j 1 (min / median)",
         _pair(count / wall[0], count / statistics.median(wall), "{:.0f}") + " docs/s", f">= {DOCS_PER_SECOND} docs/s")
    _row("  CPU of the command and its worker", f"{cpu[1]:.2f} s ({count / cpu[1]:.0f} docs per CPU second)", "")
    _row("  of which start-up (one file)", f"{start_up:.2f} s", "")
    _row("  the same files in this process, per core", f"{count / inside[0]:.0f} docs/s", "")
    _row("  CPU per file through the command / in this process", f"{per_file / (inside[0] / count):.2f}x", "")
    _row("  CPU with -j 2 / with -j 1", f"{cpu[2] / cpu[1]:.2f}x", "")
    for name in sorted(p.name for p in (tmp_path / "out1").iterdir()):
        assert (tmp_path / "out1" / name).read_bytes() == (tmp_path / "out2" / name).read_bytes()
    # Workers are forked from the command, which loaded the pipeline once: a file costs the pipeline's
    # own time plus reading it, pickling its plan both ways and writing its JSON (1.6x measured on a
    # small file, where these weigh most, 1.6x to 2x on a loaded machine); a worker that loaded the
    # pipeline itself every MAX_FILES_PER_WORKER files added about 4x.
    assert per_file / (inside[0] / count) <= 2.5, (
        f"a file through the command takes {per_file / (inside[0] / count):.2f}x its CPU time in-process")
    # A second worker (and every replacement) shares what the command loaded: it adds hardly any CPU
    # (0.8x to 1.2x measured on a loaded machine; 1.16x to 1.35x when each worker loaded its own).
    assert cpu[2] / cpu[1] <= 1.25, f"-j 2 burns {cpu[2] / cpu[1]:.2f}x the CPU of -j 1"
    floor = DOCS_PER_SECOND / CPU_ROOM
    assert count / cpu[1] >= floor, f"{count / cpu[1]:.0f} documents per CPU second through the CLI, under {floor:.0f}"


# --- start-up ------------------------------------------------------------------------------------


def test_help_wall_time() -> None:
    command = [*_kehoach_command(), "--help"]
    subprocess.run(command, capture_output=True, check=True)  # warm the file cache
    seconds, median = _timings(
        lambda: subprocess.run(command, capture_output=True, check=True), clock=time.perf_counter
    )
    _row("kehoach --help wall time (min / median)", _pair(seconds * 1000, median * 1000, "{:.0f}") + " ms", "< 300 ms")
    # The help must not load the readers' stack: it takes a fraction of importing those libraries alone.
    stack = "import pdfplumber, pypdfium2, cv2, docx, lxml.html"
    readers = _best(
        lambda: subprocess.run([sys.executable, "-c", stack], capture_output=True, check=True),
        clock=time.perf_counter,
    )
    _row(f"  / python -c '{stack}'", f"{seconds / readers:.2f}x", "")
    assert seconds / readers <= 0.5, f"kehoach --help takes {seconds / readers:.2f}x an import of the readers' libraries"


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
