"""Running many inputs: a small process pool with a per-file time limit and a memory bound per worker.

Why a pool of our own rather than concurrent.futures: a file that hangs inside a C library (pdfium,
libxml2) cannot be cancelled from Python; the only remedy is to kill its worker, and a
ProcessPoolExecutor whose worker is killed breaks every pending future. Here each worker takes one
file at a time over its own pipe, so a worker that times out or dies is killed and replaced while the
others go on. With one job the files run in this process: a timer signal bounds the time (a call
inside a C library is interrupted only when it returns) and the memory bound limits the growth of the
address space while a file is read.

Outcomes carry the plan as its JSON dump (plain data, cheap to pickle); whatever the number of jobs,
`in_input_order` hands them back in the order the inputs were given, so the output is the same.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

STDIN = "-"
STDIN_NAME = "<stdin>"
DEFAULT_TIMEOUT_S = 300.0
DEFAULT_MAX_MEMORY_MB = 2048
# A worker is replaced after this many files so that whatever a library caches or leaks stays bounded.
MAX_FILES_PER_WORKER = 200
# How often an idle worker checks that the process that started it is still alive.
_PARENT_CHECK_S = 1.0


@dataclass(frozen=True)
class Job:
    """One input: its position among the inputs, its path ("-" for standard input) and its bytes
    when they were read up front (standard input)."""

    index: int
    path: str
    data: bytes | None = None

    @property
    def name(self) -> str:
        return STDIN_NAME if self.path == STDIN else self.path


@dataclass
class Outcome:
    """What one input gave: the plan as JSON data, or the one-line reason it failed."""

    index: int
    path: str
    plan: dict[str, Any] | None = None
    error: str | None = None
    rule_errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    # The worker that produced it should not take another file (it ran out of memory).
    retire_worker: bool = False

    @property
    def ok(self) -> bool:
        return self.plan is not None


@dataclass(frozen=True)
class BatchSettings:
    """How a batch runs; None (or 0 on the command line) switches a limit off."""

    jobs: int = 1
    timeout_s: float | None = DEFAULT_TIMEOUT_S
    max_memory_mb: int | None = DEFAULT_MAX_MEMORY_MB

    def __post_init__(self) -> None:
        if self.jobs < 1:
            raise ValueError(f"jobs must be at least 1, not {self.jobs}")
        if self.timeout_s is not None and self.timeout_s <= 0:
            raise ValueError(f"timeout_s must be positive or None, not {self.timeout_s}")
        if self.max_memory_mb is not None and self.max_memory_mb <= 0:
            raise ValueError(f"max_memory_mb must be positive or None, not {self.max_memory_mb}")


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def timeout_reason(seconds: float) -> str:
    return f"timed out after {seconds:g} s"


def memory_reason(megabytes: int | None) -> str:
    if megabytes is None:
        return "ran out of memory"
    return f"exceeded the memory limit of {megabytes} MB"


Runner = Callable[[Job, "BatchSettings"], Outcome]


# --- one file -------------------------------------------------------------------------------------


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, kind):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


def run_job(job: Job, settings: BatchSettings) -> Outcome:
    """Run the whole pipeline on one input; every failure becomes Outcome.error, never an exception."""
    from extractors.errors import InputError, KehoachError
    from pipeline.run import extract_plan, read_input

    start = time.perf_counter()
    outcome = Outcome(index=job.index, path=job.name)
    try:
        data = job.data if job.data is not None else read_input(job.path)
        result = extract_plan(data, job.name)
        assert result.plan is not None
        outcome.plan = result.plan.model_dump(mode="json")
        outcome.rule_errors = list(result.rule_errors)
    except MemoryError:
        outcome.error, outcome.retire_worker = memory_reason(settings.max_memory_mb), True
    except RecursionError:
        outcome.error = "nested too deeply to read"
    except KehoachError as exc:
        if _caused_by(exc, MemoryError):
            outcome.error, outcome.retire_worker = memory_reason(settings.max_memory_mb), True
        else:
            outcome.error = exc.reason if isinstance(exc, InputError) else str(exc)
    except Exception as exc:  # a bug in kehoach: the batch goes on and says so
        outcome.error = f"internal error ({type(exc).__name__}: {exc}); please report it"
    outcome.seconds = round(time.perf_counter() - start, 6)
    return outcome


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


def _death_reason(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        return f"the worker process died ({name})"
    return f"the worker process exited unexpectedly (exit code {exitcode})"


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
                        reason = _death_reason(worker.process.exitcode)
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


# --- the summary ----------------------------------------------------------------------------------


@dataclass
class Summary:
    """What a batch did, for the closing lines on stderr."""

    files: int = 0
    extracted: int = 0
    pages: int = 0
    tasks: int = 0
    findings: dict[str, int] = field(default_factory=lambda: {"error": 0, "warning": 0, "info": 0})
    failures: dict[str, int] = field(default_factory=dict)

    def add(self, outcome: Outcome) -> None:
        self.files += 1
        if outcome.plan is None:
            reason = outcome.error or "unknown error"
            self.failures[reason] = self.failures.get(reason, 0) + 1
            return
        self.extracted += 1
        pages = (outcome.plan.get("source") or {}).get("pages")
        self.pages += pages if isinstance(pages, int) else 0
        self.tasks += len(outcome.plan.get("tasks") or [])
        for item in outcome.plan.get("findings") or []:
            severity = item.get("severity", "info")
            self.findings[severity] = self.findings.get(severity, 0) + 1

    @property
    def failed(self) -> int:
        return self.files - self.extracted

    def lines(self, seconds: float, jobs: int) -> list[str]:
        findings = ", ".join(f"{n} {severity}" for severity, n in self.findings.items())
        head = (
            f"{self.files} file{'s' if self.files != 1 else ''}: {self.extracted} extracted, {self.failed} failed; "
            f"{self.pages} pages, {self.tasks} tasks; findings: {findings}; "
            f"{seconds:.1f} s with {jobs} job{'s' if jobs != 1 else ''}"
        )
        lines = [head]
        for reason, count in sorted(self.failures.items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"  {count} failed: {reason}")
        return lines
