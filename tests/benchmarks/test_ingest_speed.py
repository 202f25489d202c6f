"""Ingest throughput against extract to files, on the same files in one run (issue 16: the database
may add at most 10 %).

Run with `pytest -m benchmark tests/benchmarks/test_ingest_speed.py -s`. The two commands as a user
runs them, on the same files with the same runner: `kehoach extract FILES -o DIR` and `kehoach ingest
FILES --db NEW.db` (SQLite, in-process, so its cost is counted). Each is timed in CPU time of the
command and its workers, best of three (the database created beforehand, as it is once), which keeps a shared machine's other load out of the ratio.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.benchmark

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
# Every sample but the scanned and garbled PDFs (those measure OCR and repair, minutes of them).
FILES = sorted(
    p for fmt in ("docx", "html", "txt", "pdf") for p in [*SAMPLES.glob(f"*.{fmt}"), *(SAMPLES / "real").glob(f"*.{fmt}")]
    if "scanned" not in p.name and "garbled" not in p.name
)
REPEATS = 3
MAX_RATIO = 1.10


def _child_cpu(command: list[str]) -> float:
    """CPU time of one kehoach run, its worker processes included."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT,
                   env={**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")})
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def test_ingest_adds_at_most_ten_percent_to_extract(tmp_path: Path) -> None:
    from kehoach.pipeline.store.connect import open_store

    assert len(FILES) >= 8
    kehoach = [sys.executable, "-m", "kehoach.pipeline.cli"]
    files = [str(path) for path in FILES]
    extract_s, ingest_s = [], []
    for run in range(REPEATS):
        extract_s.append(_child_cpu([*kehoach, "extract", *files, "-o", str(tmp_path / f"out-{run}"), "-q"]))
        # A new database each run, so that every file is extracted and written (none is "unchanged"),
        # created beforehand: creating a database is done once, not per batch.
        db = str(tmp_path / f"k-{run}.db")
        open_store(db).dispose()
        ingest_s.append(_child_cpu([*kehoach, "ingest", *files, "--db", db, "-q"]))
    ratio = min(ingest_s) / min(extract_s)
    # Whatever the batch, ingest also loads SQLAlchemy and hashes the files (about 0.2 s of CPU here): on
    # a few small text files that alone is 10 %; on a real batch it is lost in the extraction.
    print(f"\n{len(FILES)} files: kehoach extract -o {min(extract_s):.2f} s, kehoach ingest {min(ingest_s):.2f} s "
          f"(CPU, best of {REPEATS}); ratio {ratio:.3f} (target at most {MAX_RATIO})")
    assert ratio <= MAX_RATIO
