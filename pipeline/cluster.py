"""Running a batch on a Dask cluster (`--cluster ADDRESS`, or `--cluster local:N` for a LocalCluster of
N worker processes on this machine); `dask[distributed]` is the optional extra `[dask]`.

Each file is one Dask task, sent with its bytes, so that the workers need no shared storage. On a Dask
worker a task runs its file through the runner's own worker processes (`pipeline/service/pool.py`, one
per Dask thread, kept for the worker's life), so a file has the same time limit and memory bound as in
`--jobs N`, and a file that hangs or crashes a library fails alone, as it does there. Outcomes come
back in input order to the same writer, so the outputs are those of `--jobs N`, byte for byte.

A Dask worker that dies (its machine lost, the process killed) loses only the file it held: the
scheduler gives that file to another worker once (`ALLOWED_FAILURES`), and when that one dies too the
file is reported as failed. A scheduler started elsewhere must be told the same
(DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES=1; Dask's default retries three times).
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

from kehoach.pipeline.batch import in_input_order
from kehoach.pipeline.failures import CRASHED, failure_of
from kehoach.pipeline.inputs import read_input
from kehoach.pipeline.job import BatchSettings, Job, Outcome

LOCAL = "local:"
ALLOWED_FAILURES = 1
# Files in flight per Dask thread: enough to keep every worker busy while the next bytes travel, few
# enough that a national corpus is never all in memory at once.
_IN_FLIGHT_PER_THREAD = 2
DASK_HINT = "running on a Dask cluster needs its extra: pip install 'kehoach[dask]'"


def run_on_cluster(
    jobs: list[Job], settings: BatchSettings, address: str, on_done: Callable[[Outcome], None] | None = None,
) -> Iterator[Outcome]:
    """Every job as a task on the cluster at `address` ("local:N" starts one here), outcomes in input
    order."""
    client, cluster = connect(address)
    try:
        yield from in_input_order(_outcomes(client, jobs, settings), on_done)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def connect(address: str) -> tuple[Any, Any]:
    """A Dask client for `address`, and the LocalCluster it started (None for a remote scheduler)."""
    import dask
    from distributed import Client, LocalCluster

    dask.config.set({"distributed.scheduler.allowed-failures": ALLOWED_FAILURES})
    workers = local_workers(address)
    if workers is None:
        return Client(address), None
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                           dashboard_address=None)
    return Client(cluster), cluster


def local_workers(address: str) -> int | None:
    """N of "local:N", None for a scheduler's address; ValueError for a bad N."""
    if not address.startswith(LOCAL):
        return None
    try:
        workers = int(address[len(LOCAL):])
    except ValueError:
        raise ValueError(f"local:N needs a number of workers, not {address!r}") from None
    if workers < 1:
        raise ValueError(f"local:N needs at least one worker, not {workers}")
    return workers


def _outcomes(client: Any, jobs: list[Job], settings: BatchSettings) -> Iterator[Outcome]:
    """Outcomes as files finish, with a bounded number of files in flight."""
    from distributed import as_completed

    threads = sum(client.nthreads().values()) or 1
    pending = iter(jobs)
    finished = as_completed()
    by_key: dict[str, Job] = {}
    batch = uuid.uuid4().hex[:12]  # task keys unique on a scheduler other batches share

    def submit_next() -> bool:
        job = next(pending, None)
        if job is None:
            return False
        try:
            data = job.data if job.data is not None else read_input(job.path)
        except Exception as exc:  # noqa: BLE001 - an unreadable input fails here as it would on a worker
            failure = failure_of(exc, max_memory_mb=settings.max_memory_mb)
            finished.add(client.submit(_failed, job, failure.reason, failure.kind, pure=False))
        else:
            future = client.submit(run_on_worker, replace(job, data=data), settings, pure=False,
                                   key=f"kehoach-{batch}-{job.index}")
            by_key[future.key] = job
            finished.add(future)
        return True

    for _ in range(threads * _IN_FLIGHT_PER_THREAD):
        if not submit_next():
            break
    for future in finished:
        yield _outcome_of(future, by_key.get(future.key))
        future.release()
        submit_next()


def _outcome_of(future: Any, job: Job | None) -> Outcome:
    if future.status == "finished":
        outcome: Outcome = future.result()
        return outcome
    assert job is not None, "a local failure never errs"
    exc = future.exception()
    reason = (f"the Dask worker died twice while reading it ({type(exc).__name__})"
              if type(exc).__name__ == "KilledWorker" else f"the Dask task failed ({type(exc).__name__}: {exc})")
    return Outcome(job.index, job.name, error=reason, failure=CRASHED)


def _failed(job: Job, reason: str, kind: str) -> Outcome:
    return Outcome(job.index, job.name, error=reason, failure=kind)


# --- on a Dask worker -----------------------------------------------------------------------------

_pools: dict[BatchSettings, Any] = {}
_pools_lock = threading.Lock()


def run_on_worker(job: Job, settings: BatchSettings) -> Outcome:
    """The Dask task: one file through this Dask worker's pool of runner processes."""
    return _worker_pool(settings).run(job)


def _worker_pool(settings: BatchSettings) -> Any:
    import multiprocessing

    from distributed import get_worker

    from kehoach.pipeline.service.pool import WorkerPool

    with _pools_lock:
        if settings not in _pools:
            # A Nanny starts its worker as a daemonic process, which multiprocessing forbids to have
            # children; the runner's processes are daemonic themselves and die with this worker.
            multiprocessing.current_process().daemon = False
            _pools[settings] = WorkerPool(replace(settings, jobs=max(1, get_worker().state.nthreads)))
        return _pools[settings]
