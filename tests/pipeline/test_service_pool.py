"""The service's long-lived pool of the runner's workers: files submitted from many threads come back to
their own caller; a worker that dies or runs out of time loses only its file, and the pool goes on."""

from __future__ import annotations

import os
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from kehoach.pipeline.failures import CRASHED, TIMEOUT, UNSUPPORTED
from kehoach.pipeline.job import BatchSettings, Job, Outcome, run_job
from kehoach.pipeline.service.pool import PoolClosedError, WorkerPool

TEXT = Path(__file__).resolve().parents[2] / "samples" / "lang-son-129-KH-UBND-2019.txt"


def _troublesome_runner(job: Job, settings: BatchSettings) -> Outcome:
    """Dies on "die.txt", hangs on "hang.txt", reads anything else."""
    if job.name == "die.txt":
        os._exit(3)
    if job.name == "hang.txt":
        time.sleep(300)
    return run_job(job, settings)


def test_files_from_many_threads_come_back_to_their_callers_and_failures_stay_alone() -> None:
    data = TEXT.read_bytes()
    names = ["a.txt", "die.txt", "b.txt", "hang.txt", "noise.bin", "c.txt"]
    with WorkerPool(BatchSettings(jobs=2, timeout_s=20, max_memory_mb=None), runner=_troublesome_runner) as pool:
        with ThreadPoolExecutor(max_workers=len(names)) as callers:
            outcomes = list(callers.map(
                lambda item: pool.run(Job(item[0], item[1], data=b"\x00\xff" * 50 if item[1] == "noise.bin" else data)),
                enumerate(names)))
    assert [o.path for o in outcomes] == names
    by_name = {o.path: o for o in outcomes}
    for name in ("a.txt", "b.txt", "c.txt"):
        assert by_name[name].ok and by_name[name].plan["document"]["number"] == "129/KH-UBND"
    assert (by_name["die.txt"].failure, by_name["die.txt"].error) == (
        CRASHED, "the worker process exited unexpectedly (exit code 3)")
    assert (by_name["hang.txt"].failure, by_name["hang.txt"].error) == (TIMEOUT, "timed out after 20 s")
    assert by_name["noise.bin"].failure == UNSUPPORTED


def test_a_closed_pool_takes_no_more_files() -> None:
    pool = WorkerPool(BatchSettings(jobs=1))
    pool.close()
    with pytest.raises(PoolClosedError):
        pool.submit(Job(0, "a.txt", data=b"x"))
