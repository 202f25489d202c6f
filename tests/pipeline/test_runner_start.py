"""Workers start with the pipeline loaded: they are forked (Linux), and the process that runs the batch
loads it once, so every worker (the replacements too) inherits it instead of importing it again."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from kehoach.pipeline import batch
from kehoach.pipeline.batch import in_input_order, run_batch
from kehoach.pipeline.job import BatchSettings, Job, Outcome, run_job

SEED = Path(__file__).resolve().parents[2] / "samples" / "an-giang-27-KH-SKHCN-2021.txt"


def _cpu_before_first_file(job: Job, settings: BatchSettings) -> Outcome:
    """Reports the CPU time this worker process has used so far, and its process id."""
    return Outcome(job.index, job.name, seconds=time.process_time(), text=str(os.getpid()))


def test_every_worker_starts_with_what_the_batch_process_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "MAX_FILES_PER_WORKER", 1)  # a new worker for every file
    jobs = [Job(i, f"file-{i}.txt") for i in range(3)]
    outcomes = list(in_input_order(run_batch(jobs, BatchSettings(jobs=1), _cpu_before_first_file)))
    assert len({outcome.text for outcome in outcomes}) == 3
    # Loading the pipeline (spaCy, the readers, the reference data) takes about a second of CPU; a
    # worker that inherits it has used a few milliseconds when its first file arrives.
    assert [outcome.seconds < 0.3 for outcome in outcomes] == [True, True, True], [o.seconds for o in outcomes]


def test_a_forked_worker_reads_a_plan_as_in_process() -> None:
    from kehoach.pipeline.run import extract_plan

    expected = extract_plan(SEED.read_bytes(), Job(0, str(SEED)).name).plan
    assert expected is not None
    (outcome,) = in_input_order(run_batch([Job(0, str(SEED))], BatchSettings(jobs=1), run_job))
    assert outcome.ok
    assert outcome.plan == expected.model_dump(mode="json")


def test_a_batch_worker_reads_only_its_share_of_the_cores_by_ocr(monkeypatch: pytest.MonkeyPatch) -> None:
    """`-j N` workers side by side each run at most their share of the cores' Tesseracts (at least one)."""
    import kehoach.pipeline.reading as reading
    from kehoach.extractors.readers.pdf.ocr import DEFAULT_WORKERS, usable_cores

    monkeypatch.setattr(reading, "_ocr_pages_at_once", None)
    assert reading.reader_settings()["pdf"].recovery.ocr.workers == DEFAULT_WORKERS  # alone: the default
    reading.share_ocr_cores(usable_cores() * 2)
    assert reading.reader_settings()["pdf"].recovery.ocr.workers == 1
    reading.share_ocr_cores(1)
    assert reading.reader_settings()["pdf"].recovery.ocr.workers == min(DEFAULT_WORKERS, usable_cores())
    assert reading.reader_settings(ocr=False)["pdf"].recovery.ocr is None
