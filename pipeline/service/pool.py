"""A long-lived pool of the runner's workers (`pipeline/batch.py`) for callers that submit files one at
a time from many threads: the HTTP service, and a Dask worker running its share of a batch.

The CLI's pool lives as long as one batch; a server cannot pay a worker's start (loading the pipeline,
a second or two) on every request. Here the workers stay, and one dispatcher thread hands each
submitted job to an idle worker and answers it through a Future. A file runs under the same limits as
in the CLI: past its time its worker is killed and replaced, and a worker that dies loses only its file.
"""

from __future__ import annotations

import os
import threading
import time
from collections import deque
from concurrent.futures import Future
from multiprocessing.connection import wait
from typing import Any

from kehoach.pipeline.batch import Runner, Worker, check_worker, mp_context, next_deadline
from kehoach.pipeline.failures import INTERNAL
from kehoach.pipeline.job import BatchSettings, Job, Outcome, run_job


class PoolClosedError(RuntimeError):
    """A job was submitted to a pool that is closed."""


class WorkerPool:
    """`settings.jobs` worker processes, fed by `submit` from any thread until `close`."""

    def __init__(self, settings: BatchSettings, runner: Runner | None = None) -> None:
        self.settings = settings
        self._runner = runner or run_job
        self._queue: deque[tuple[Job, Future[Outcome]]] = deque()
        self._lock = threading.Lock()
        self._closed = False
        self._wake_read, self._wake_write = os.pipe()
        os.set_blocking(self._wake_read, False)
        self._thread = threading.Thread(target=self._dispatch, name="kehoach-pool", daemon=True)
        self._thread.start()

    def submit(self, job: Job) -> Future[Outcome]:
        """The outcome of `job`, as a Future; it never fails for the file's sake (see Outcome.error)."""
        future: Future[Outcome] = Future()
        with self._lock:
            if self._closed:
                raise PoolClosedError("the worker pool is closed")
            self._queue.append((job, future))
        self._wake()
        return future

    def run(self, job: Job) -> Outcome:
        """`submit` and wait."""
        return self.submit(job).result()

    def close(self) -> None:
        """Stop the workers; jobs still waiting are answered as failed."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
        self._wake()
        self._thread.join(timeout=30)
        for fd in (self._wake_read, self._wake_write):
            try:
                os.close(fd)
            except OSError:
                pass

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # --- the dispatcher thread ----------------------------------------------------------------------

    def _wake(self) -> None:
        try:
            os.write(self._wake_write, b"x")
        except (BlockingIOError, OSError):  # a full pipe already wakes the dispatcher
            pass

    def _drain_wake(self) -> None:
        try:
            while os.read(self._wake_read, 4096):
                pass
        except (BlockingIOError, OSError):
            pass

    def _next_job(self) -> tuple[Job, Future[Outcome]] | None:
        with self._lock:
            while self._queue:
                job, future = self._queue.popleft()
                if future.set_running_or_notify_cancel():
                    return job, future
        return None

    def _dispatch(self) -> None:
        ctx = mp_context()
        workers = [Worker(ctx, self.settings, self._runner) for _ in range(self.settings.jobs)]
        waiting: dict[int, Future[Outcome]] = {}  # id(worker) -> the future of the file it holds
        try:
            while not self._closed:
                for index, worker in enumerate(workers):
                    if worker.job is None and (item := self._next_job()) is not None:
                        workers[index] = worker = self._give(ctx, worker, *item)
                        waiting[id(worker)] = item[1]
                busy = [w for w in workers if w.job is not None]
                objects: list[Any] = [w.conn for w in busy] + [self._wake_read]
                ready = set(wait(objects, timeout=next_deadline(busy, self.settings)))
                if self._wake_read in ready:
                    self._drain_wake()
                now = time.monotonic()
                for worker in busy:
                    outcome, action = check_worker(worker, worker.conn in ready, now, self.settings)
                    if outcome is not None:
                        waiting.pop(id(worker)).set_result(outcome)
                    if action is not None:
                        worker.kill() if action == "kill" else worker.stop()
                        workers[workers.index(worker)] = Worker(ctx, self.settings, self._runner)
        finally:
            for worker in workers:
                worker.kill() if worker.job is not None else worker.stop()
                if (future := waiting.pop(id(worker), None)) is not None:
                    future.set_result(_stopped(worker.job))
            with self._lock:
                self._closed = True
                left = list(self._queue)
                self._queue.clear()
            for job, future in left:
                if future.set_running_or_notify_cancel():
                    future.set_result(_stopped(job))

    def _give(self, ctx: Any, worker: Worker, job: Job, future: Future[Outcome]) -> Worker:
        """Hand `job` to `worker`, or to a new worker when that one has died while it was idle."""
        try:
            worker.give(job)
            return worker
        except OSError:
            worker.kill()
            fresh = Worker(ctx, self.settings, self._runner)
            fresh.give(job)
            return fresh


def _stopped(job: Job | None) -> Outcome:
    index, name = (job.index, job.name) if job is not None else (0, "")
    return Outcome(index, name, error="the service stopped before the file was read", failure=INTERNAL)
