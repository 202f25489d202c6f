"""The runner's bounds hold for any file in any mode: a file that loops inside a library is stopped by
its time limit even when it is the only one, what its work started dies with it, its temporary files
go, and the memory bound counts what a file adds, not the libraries kehoach loads."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from kehoach.pipeline import batch
from kehoach.pipeline.batch import in_input_order, run_batch
from kehoach.pipeline.cli import main
from kehoach.pipeline.job import BatchSettings, Job, Outcome

ROOT = Path(__file__).resolve().parents[2]
TEXT = ROOT / "samples" / "lang-son-129-KH-UBND-2019.txt"
PDF = ROOT / "samples" / "lang-son-129-KH-UBND-2019.pdf"


def _pdf(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _media_box_cycle() -> bytes:
    """A page whose /MediaBox is an indirect-reference cycle (6 0 R -> 7 0 R -> 6 0 R): pdfminer loops on it.

    pdfium reads such a page; its text is drawn in a CID font without a Unicode map, so the glyph
    repair must read the page's character codes with pdfminer, and there the reading loops.
    """
    content = b"BT /F1 12 Tf 72 700 Td <00360037> Tj ET"
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox 6 0 R /Contents 4 0 R /Resources << /Font << /F1 8 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< >>",
        b"7 0 R",
        b"6 0 R",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Test /Encoding /Identity-H /DescendantFonts [9 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Test /FontDescriptor 10 0 R"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>",
        b"<< /Type /FontDescriptor /FontName /Test /Flags 4 /FontBBox [0 -200 1000 800] /ItalicAngle 0"
        b" /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>",
    ])


def test_a_pdf_that_loops_in_pdfminer_is_stopped_by_the_timeout_when_it_is_the_only_file(tmp_path: Path) -> None:
    path = tmp_path / "cycle.pdf"
    path.write_bytes(_media_box_cycle())
    assert len(path.read_bytes()) < 1200
    start = time.monotonic()
    result = CliRunner().invoke(main, ["extract", str(path), "--timeout", "3"], catch_exceptions=False)
    assert time.monotonic() - start < 20
    assert result.exit_code == 2
    assert result.stderr.strip() == f"kehoach: error: {path}: timed out after 3 s"


def _spawning_runner(job: Job, settings: BatchSettings) -> Outcome:
    """Starts a helper program in a session of its own (as the .doc reader starts LibreOffice), writes a
    temporary file, and hangs."""
    marker = Path(job.path).with_suffix(".pid")
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)"], start_new_session=True)
    handle, scratch = tempfile.mkstemp(prefix="kehoach-doc-")
    os.close(handle)
    marker.write_text(f"{child.pid}\n{scratch}", encoding="utf-8")
    time.sleep(300)
    return Outcome(job.index, job.name)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_timeout_kills_what_the_file_started_and_removes_its_temporary_files(tmp_path: Path, jobs: int) -> None:
    job = Job(0, str(tmp_path / "slow.doc"))
    start = time.monotonic()
    (outcome,) = in_input_order(run_batch([job], BatchSettings(jobs=jobs, timeout_s=2, max_memory_mb=None),
                                          _spawning_runner))
    assert time.monotonic() - start < 15
    assert outcome.error == "timed out after 2 s"
    pid_text, scratch = (tmp_path / "slow.pid").read_text(encoding="utf-8").splitlines()
    deadline = time.monotonic() + 5
    while _alive(int(pid_text)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(int(pid_text))
    assert not Path(scratch).exists()
    assert not Path(scratch).parent.exists()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_small_memory_bound_still_reads_a_good_file(tmp_path: Path, jobs: str) -> None:
    other = tmp_path / "other.pdf"
    other.write_bytes(PDF.read_bytes())
    result = CliRunner().invoke(
        main, ["extract", str(TEXT), str(other), "--jobs", jobs, "--max-memory", "200", "--format", "jsonl"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) == 2


def test_a_bound_too_small_to_read_anything_is_refused_up_front() -> None:
    result = CliRunner().invoke(main, ["extract", str(TEXT), "--max-memory", "5"], catch_exceptions=False)
    assert result.exit_code == 2
    assert "5 MB is too little to read any file; give at least 64 (or 0 for no limit)" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_file_over_a_small_bound_gives_the_documented_message_and_no_traceback(jobs: str, tmp_path: Path) -> None:
    hog = tmp_path / "hog.txt"
    plan = TEXT.read_text(encoding="utf-8")
    hog.write_text(plan * (4_500_000 // len(plan)), encoding="utf-8")  # under the 5 M character limit
    run = subprocess.run(
        [sys.executable, "-m", "kehoach.pipeline.cli", "extract", str(hog), str(TEXT), "--jobs", jobs,
         "--max-memory", "64", "--format", "jsonl"],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
    )
    assert "Traceback" not in run.stderr and "Fatal Python error" not in run.stderr
    errors = [line for line in run.stderr.splitlines() if line.startswith("kehoach: error: ")]
    assert errors == [f"kehoach: error: {hog}: exceeded the memory limit of 64 MB"], run.stderr
    assert len(run.stdout.splitlines()) == 1  # the small text still gives its plan
    assert run.returncode == 2


def test_workers_leave_no_temporary_folder_behind() -> None:
    before = {p.name for p in Path(tempfile.gettempdir()).glob("kehoach-worker-*")}
    list(run_batch([Job(0, str(TEXT))], BatchSettings(jobs=1)))
    after = {p.name for p in Path(tempfile.gettempdir()).glob("kehoach-worker-*")}
    assert after <= before


def test_the_runner_has_no_in_process_path() -> None:
    assert not hasattr(batch, "_run_here")
