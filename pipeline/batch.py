"""Running many inputs: a small process pool with a per-file time limit and a memory bound per worker.

Why a pool of our own rather than concurrent.futures: a file that hangs inside a C library (pdfium,
libxml2) cannot be cancelled from Python; the only remedy is to kill its worker, and a
ProcessPoolExecutor whose worker is killed breaks every pending future. Here each worker takes one
file at a time over its own pipe, so a worker that times out or dies is killed and replaced while the
others go on. With one job the files run in this process: a timer signal bounds the time (a call
inside a C library is interrupted only when it returns) and the memory bound limits the growth of the
address space while a file is read.

Every command runs its inputs through here (`run_in_order`); what one input gives is an `Outcome`
(`pipeline/job.py`). Whatever the number of jobs, `in_input_order` hands outcomes back in the order
the inputs were given, so the output is the same.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection, wait
from typing import Any

from pipeline.failures import death_reason, memory_reason, timeout_reason
from pipeline.job import BatchSettings, Job, Outcome, run_job

# A worker is replaced after this many files so that whatever a library caches or leaks stays bounded.
MAX_FILES_PER_WORKER = 200
# How often an idle worker checks that the process that started it is still alive.
_PARENT_CHECK_S = 1.0

Runner = Callable[[Job, BatchSettings], Outcome]


# --- in this process (one job) --------------------------------------------------------------------


class _FileTimeout(BaseException):
    """Raised by the timer signal; a BaseException so that no `except Exception` in a reader eats it."""


def _address_space_bytes() -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


@contextmanager
def _memory_bound_here(megabytes: int | None) -> Iterator[None]:
    """Bound the growth of this process's address space by `megabytes` (what it holds already, such as
    a test runner, does not count), and restore the previous limit afterwards."""
    try:
        import resource
    except ImportError:  # not on Unix: no bound
        yield
        return
    current = _address_space_bytes()
    if megabytes is None or current is None:
        yield
        return
    old_soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = current + megabytes * 1024 * 1024
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):
        yield
        return
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (old_soft, hard))


def _run_with_timer(job: Job, settings: BatchSettings, runner: Runner) -> Outcome:
    import threading

    timeout = settings.timeout_s
    if timeout is None or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        return runner(job, settings)

    def _alarm(signum: int, frame: object) -> None:
        raise _FileTimeout

    previous = signal.signal(signal.SIGALRM, _alarm)
    start = time.perf_counter()
    try:
        signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            return runner(job, settings)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except _FileTimeout:
        return Outcome(job.index, job.name, error=timeout_reason(timeout), seconds=time.perf_counter() - start)
    finally:
        signal.signal(signal.SIGALRM, previous)


def _run_here(jobs: Iterable[Job], settings: BatchSettings, runner: Runner) -> Iterator[Outcome]:
    for job in jobs:
        with _memory_bound_here(settings.max_memory_mb):
            outcome = _run_with_timer(job, settings, runner)
        yield outcome


# --- in worker processes --------------------------------------------------------------------------


def _limit_memory(megabytes: int | None) -> None:
    if megabytes is None:
        return
    try:
        import resource
    except ImportError:
        return
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = megabytes * 1024 * 1024
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):
        pass


def _quiet_stdout() -> None:
    # Standard output belongs to the parent's JSON Lines: a library printing there must not break them.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the worker
    except OSError:
        pass


def _worker_main(conn: Connection, parent_end: Connection, settings: BatchSettings, runner: Runner, parent_pid: int) -> None:
    parent_end.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops the workers
    _quiet_stdout()
    _limit_memory(settings.max_memory_mb)
    while True:
        try:
            while not conn.poll(_PARENT_CHECK_S):
                if os.getppid() != parent_pid:
                    return
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            outcome = runner(job, settings)
        except MemoryError:
            outcome = Outcome(job.index, job.name, error=memory_reason(settings.max_memory_mb), retire_worker=True)
        try:
            conn.send(outcome)
        except (BrokenPipeError, EOFError, OSError):
            return
        except MemoryError:
            conn.send(Outcome(job.index, job.name, error=memory_reason(settings.max_memory_mb), retire_worker=True))
        except Exception as exc:  # an outcome that cannot be pickled is a bug
            conn.send(Outcome(job.index, job.name, error=f"internal error ({type(exc).__name__}: {exc})"))


def _mp_context() -> Any:
    import multiprocessing

    # fork starts a worker in milliseconds and the CLI process is single-threaded and light; spawn
    # where fork does not exist.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


class _Worker:
    def __init__(self, ctx: Any, settings: BatchSettings, runner: Runner) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(
            target=_worker_main, args=(child, self.conn, settings, runner, os.getpid()), daemon=True
        )
        self.process.start()
        child.close()
        self.job: Job | None = None
        self.started = 0.0
        self.files = 0

    def give(self, job: Job) -> None:
        self.job = job
        self.started = time.monotonic()
        self.files += 1
        self.conn.send(job)

    def stop(self) -> None:
        """Ask an idle worker to finish; kill it if it does not."""
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.process.join(timeout=2)
        self.kill()

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.conn.close()


def _run_pool(jobs: Iterable[Job], settings: BatchSettings, runner: Runner) -> Iterator[Outcome]:
    pending = deque(jobs)
    if not pending:
        return
    ctx = _mp_context()
    workers: list[_Worker] = []

    def replace(worker: _Worker, *, kill: bool) -> None:
        if kill:
            worker.kill()
        else:
            worker.stop()
        workers.remove(worker)
        if pending:
            workers.append(_Worker(ctx, settings, runner))

    try:
        for _ in range(min(settings.jobs, len(pending))):
            workers.append(_Worker(ctx, settings, runner))
        while True:
            for worker in workers:
                if worker.job is None and pending:
                    worker.give(pending.popleft())
            busy = [w for w in workers if w.job is not None]
            if not busy:
                return
            wait_s = None
            if settings.timeout_s is not None:
                wait_s = max(0.0, min(w.started for w in busy) + settings.timeout_s - time.monotonic())
            ready = set(wait([w.conn for w in busy], timeout=wait_s))
            now = time.monotonic()
            for worker in busy:
                job = worker.job
                assert job is not None
                if worker.conn in ready:
                    try:
                        outcome: Outcome = worker.conn.recv()
                    except (EOFError, OSError):
                        worker.process.join(timeout=5)
                        reason = death_reason(worker.process.exitcode)
                        yield Outcome(job.index, job.name, error=reason, seconds=round(now - worker.started, 6))
                        replace(worker, kill=True)
                        continue
                    worker.job = None
                    yield outcome
                    if outcome.retire_worker or worker.files >= MAX_FILES_PER_WORKER:
                        replace(worker, kill=False)
                elif settings.timeout_s is not None and now - worker.started >= settings.timeout_s:
                    yield Outcome(job.index, job.name, error=timeout_reason(settings.timeout_s),
                                  seconds=round(now - worker.started, 6))
                    replace(worker, kill=True)
    finally:
        for worker in workers:
            if worker.job is not None:
                worker.kill()
            else:
                worker.stop()


def run_batch(jobs: Iterable[Job], settings: BatchSettings, runner: Runner | None = None) -> Iterator[Outcome]:
    """Outcomes as files finish (not in input order: see `in_input_order`). `runner` runs one file
    (default `run_job`, looked up when called so that tests can stand in for it)."""
    runner = runner or run_job
    if settings.jobs == 1:
        return _run_here(jobs, settings, runner)
    return _run_pool(jobs, settings, runner)


def in_input_order(
    outcomes: Iterable[Outcome], on_done: Callable[[Outcome], None] | None = None
) -> Iterator[Outcome]:
    """Hand outcomes back in input order (by Job.index, counted from 0); `on_done` sees each one as it
    finishes, for a progress bar."""
    waiting: dict[int, Outcome] = {}
    next_index = 0
    for outcome in outcomes:
        if on_done is not None:
            on_done(outcome)
        waiting[outcome.index] = outcome
        while next_index in waiting:
            yield waiting.pop(next_index)
            next_index += 1
    for index in sorted(waiting):
        yield waiting.pop(index)


def run_in_order(
    jobs: Iterable[Job], settings: BatchSettings, on_done: Callable[[Outcome], None] | None = None
) -> Iterator[Outcome]:
    """Every job through the runner, outcomes in input order: what the commands call."""
    return in_input_order(run_batch(jobs, settings), on_done)
