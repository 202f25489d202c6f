"""Running inputs: a small process pool with a per-file time limit and a memory bound per worker.

Why a pool of our own rather than concurrent.futures: a file that hangs inside a C library (pdfium,
libxml2, a pdfminer loop) cannot be cancelled from Python; the only remedy is to kill its worker, and a
ProcessPoolExecutor whose worker is killed breaks every pending future. Here each worker takes one
file at a time over its own pipe, so a worker that times out or dies is killed and replaced while the
others go on. One job is one worker too: a timer signal in this process could not stop a loop inside
a library, nor the clean-up that follows it.

A worker loads the pipeline first and only then bounds the growth of its address space, so that the
bound is what a file may add, not the libraries' size. Where workers are forked, the starting process
loads the pipeline once, before the first worker, and freezes the garbage collector: every worker, and
every replacement, then starts with it in milliseconds and shares its memory (a loaded pipeline is
about a second of CPU and tens of MB; workers are replaced every MAX_FILES_PER_WORKER files). A worker
has its own temporary folder, and when it is killed everything it started (LibreOffice, Tesseract) dies
with it and the folder is removed.

Every command runs its inputs through here (`run_in_order`); what one input gives is an `Outcome`
(`pipeline/job.py`). Whatever the number of jobs, `in_input_order` hands outcomes back in the order
the inputs were given, so the output is the same.
"""

from __future__ import annotations

import gc
import logging
import os
import shutil
import signal
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import Connection, wait
from typing import Any

from kehoach.pipeline.failures import CRASHED, MEMORY, TIMEOUT, death_reason, memory_reason, timeout_reason
from kehoach.pipeline.job import BatchSettings, Job, Outcome, run_job

# A worker is replaced after this many files so that whatever a library caches or leaks stays bounded.
MAX_FILES_PER_WORKER = 200
# How often an idle worker checks that the process that started it is still alive.
_PARENT_CHECK_S = 1.0

Runner = Callable[[Job, BatchSettings], Outcome]


# --- in worker processes --------------------------------------------------------------------------


# A worker that hits its memory bound outside a file's own work (receiving a job, sending an outcome)
# exits with this code, which the parent reports as the memory bound.
_EXIT_OUT_OF_MEMORY = 75
# A worker says so once it has loaded the pipeline; a file's time is counted from then.
_READY = "ready"
_START_LIMIT_S = 120.0


def _address_space_bytes() -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def _limit_memory(megabytes: int | None) -> None:
    """Bound the growth of this process's address space from here on by `megabytes`."""
    if megabytes is None:
        return
    try:
        import resource
    except ImportError:
        return
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = (_address_space_bytes() or 0) + megabytes * 1024 * 1024
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


class _FileLog(logging.Handler):
    """kehoach's own warnings as one line naming the file being read; libraries' messages (pdfminer
    warns dozens of times on an ordinary PDF) stay at debug level, unseen."""

    current = ""
    OWN = ("extractors.", "pipeline.", "schemas.")

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno < logging.WARNING or not record.name.startswith(self.OWN):
            return
        from kehoach.pipeline.inputs import printable

        message = " ".join(printable(record.getMessage()).split())[:200]
        try:
            sys.stderr.write(f"kehoach: warning: {self.current}: {message}\n")
        except (OSError, ValueError):
            pass


def _log_per_file() -> None:
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    root.addHandler(_FileLog())
    root.setLevel(logging.WARNING)


def _use_temp_folder(folder: str) -> None:
    os.environ["TMPDIR"] = folder
    tempfile.tempdir = folder


def _worker_main(
    conn: Connection, parent_end: Connection, settings: BatchSettings, runner: Runner, parent_pid: int,
    temp_folder: str,
) -> None:
    parent_end.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops the workers
    _quiet_stdout()
    _log_per_file()
    _use_temp_folder(temp_folder)
    from kehoach.pipeline.reading import share_ocr_cores
    from kehoach.pipeline.run import warm_up

    share_ocr_cores(settings.jobs)

    try:
        warm_up()
    except Exception:  # noqa: BLE001 - a file that needs the same stage reports the problem itself
        pass
    gc.freeze()  # what is loaded stays: collections walk only what files make
    _limit_memory(settings.max_memory_mb)
    try:
        conn.send(_READY)
        _serve(conn, settings, runner, parent_pid)
    except MemoryError:
        os._exit(_EXIT_OUT_OF_MEMORY)


def _serve(conn: Connection, settings: BatchSettings, runner: Runner, parent_pid: int) -> None:
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
            _FileLog.current = job.name
            outcome = runner(job, settings)
        except MemoryError:
            outcome = Outcome(job.index, job.name, error=memory_reason(settings.max_memory_mb), failure=MEMORY,
                              retire_worker=True)
        try:
            conn.send(outcome)
        except (BrokenPipeError, EOFError, OSError):
            return
        except MemoryError:
            conn.send(Outcome(job.index, job.name, error=memory_reason(settings.max_memory_mb), failure=MEMORY,
                              retire_worker=True))
        except Exception as exc:  # an outcome that cannot be pickled is a bug
            conn.send(Outcome(job.index, job.name, error=f"internal error ({type(exc).__name__}: {exc})"))


_parent_loaded = False


def _load_before_forking(ctx: Any) -> None:
    """Load the pipeline in this process once, so that forked workers inherit it (see the module's
    docstring); spawned workers load their own."""
    global _parent_loaded
    if _parent_loaded or ctx.get_start_method() != "fork":
        return
    _parent_loaded = True
    from kehoach.pipeline.run import warm_up

    try:
        warm_up()
    except Exception:  # noqa: BLE001 - each worker tries again, and a file that needs it reports it
        return
    gc.freeze()


def mp_context() -> Any:
    import multiprocessing

    # fork starts a worker in milliseconds and the CLI process is single-threaded and light; spawn
    # where fork does not exist.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _descendants(pid: int) -> list[int]:
    """Every living process below `pid` (Linux /proc; empty elsewhere), found before any is killed so
    that none is re-parented out of reach."""
    children: dict[int, list[int]] = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return []
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                stat = handle.read()
            parent = int(stat[stat.rindex(")") + 2:].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(parent, []).append(int(entry))
    found: list[int] = []
    stack = [pid]
    while stack:
        for child in children.get(stack.pop(), []):
            found.append(child)
            stack.append(child)
    return found


class Worker:
    def __init__(self, ctx: Any, settings: BatchSettings, runner: Runner) -> None:
        _load_before_forking(ctx)
        self.conn, child = ctx.Pipe()
        self.temp_folder = tempfile.mkdtemp(prefix="kehoach-worker-")
        self.process = ctx.Process(
            target=_worker_main, args=(child, self.conn, settings, runner, os.getpid(), self.temp_folder),
            daemon=True,
        )
        self.process.start()
        child.close()
        self.job: Job | None = None
        self.ready = False
        self.started = time.monotonic()
        self.files = 0

    def give(self, job: Job) -> None:
        self.job = job
        if self.ready:
            self.started = time.monotonic()
        self.files += 1
        self.conn.send(job)

    def deadline(self, timeout_s: float | None) -> float | None:
        """When the file it holds runs out of time (or, before it is ready, when it failed to start)."""
        if not self.ready:
            return self.started + max(_START_LIMIT_S, timeout_s or 0.0)
        return None if timeout_s is None else self.started + timeout_s

    def stop(self) -> None:
        """Ask an idle worker to finish; kill it if it does not."""
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.process.join(timeout=2)
        self.kill()

    def kill(self) -> None:
        """Kill the worker and everything it started, and remove its temporary folder."""
        if self.process.is_alive() and self.process.pid is not None:
            for pid in [self.process.pid, *_descendants(self.process.pid)]:
                try:
                    os.kill(pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
        self.process.join()
        self.conn.close()
        shutil.rmtree(self.temp_folder, ignore_errors=True)


def check_worker(worker: Worker, readable: bool, now: float, settings: BatchSettings) -> tuple[Outcome | None, str | None]:
    """What a busy worker has to say: the outcome of its file (None while it works, or when what it
    sent was its ready signal), and whether it must now be replaced ("kill" or "stop") or not (None).
    `readable`: its pipe has something to read."""
    job = worker.job
    assert job is not None
    if readable:
        try:
            outcome: Outcome = worker.conn.recv()
        except (EOFError, OSError):
            worker.process.join(timeout=5)
            code = worker.process.exitcode
            reason, kind = ((memory_reason(settings.max_memory_mb), MEMORY) if code == _EXIT_OUT_OF_MEMORY
                            else (death_reason(code), CRASHED))
            seconds = round(now - worker.started, 6)
            return Outcome(job.index, job.name, error=reason, failure=kind, seconds=seconds), "kill"
        if not worker.ready:  # the ready signal: the file's time starts now
            worker.ready, worker.started = True, now
            return None, None
        worker.job = None
        retire = outcome.retire_worker or worker.files >= MAX_FILES_PER_WORKER
        return outcome, "stop" if retire else None
    deadline = worker.deadline(settings.timeout_s)
    if deadline is None or now < deadline:
        return None, None
    if worker.ready and settings.timeout_s is not None:
        reason, kind = timeout_reason(settings.timeout_s), TIMEOUT
    else:
        reason, kind = f"the worker process did not start within {now - worker.started:.0f} s", CRASHED
    return Outcome(job.index, job.name, error=reason, failure=kind, seconds=round(now - worker.started, 6)), "kill"


def next_deadline(workers: Iterable[Worker], settings: BatchSettings) -> float | None:
    """How long to wait for the busy workers before one of them runs out of time (None: no limit)."""
    deadlines = [d for d in (w.deadline(settings.timeout_s) for w in workers if w.job is not None) if d is not None]
    return max(0.0, min(deadlines) - time.monotonic()) if deadlines else None


def _run_pool(jobs: Iterable[Job], settings: BatchSettings, runner: Runner) -> Iterator[Outcome]:
    pending = deque(jobs)
    if not pending:
        return
    ctx = mp_context()
    workers: list[Worker] = []

    def replace(worker: Worker, *, kill: bool) -> None:
        if kill:
            worker.kill()
        else:
            worker.stop()
        workers.remove(worker)
        if pending:
            workers.append(Worker(ctx, settings, runner))

    def give_idle() -> None:
        for worker in workers:
            if worker.job is None and pending:
                worker.give(pending.popleft())

    try:
        for _ in range(min(settings.jobs, len(pending))):
            workers.append(Worker(ctx, settings, runner))
        while True:
            give_idle()
            busy = [w for w in workers if w.job is not None]
            if not busy:
                return
            ready = set(wait([w.conn for w in busy], timeout=next_deadline(busy, settings)))
            now = time.monotonic()
            finished: list[Outcome] = []
            for worker in busy:
                outcome, action = check_worker(worker, worker.conn in ready, now, settings)
                if outcome is not None:
                    finished.append(outcome)
                if action is not None:
                    replace(worker, kill=action == "kill")
            # Workers take their next files before the caller writes these outcomes: with one job, the
            # worker reads the next file while this process encodes and writes the last one.
            give_idle()
            yield from finished
    finally:
        for worker in workers:
            if worker.job is not None:
                worker.kill()
            else:
                worker.stop()


def run_batch(jobs: Iterable[Job], settings: BatchSettings, runner: Runner | None = None) -> Iterator[Outcome]:
    """Outcomes as files finish (not in input order: see `in_input_order`). `runner` runs one file
    (default `run_job`, looked up when called so that tests can stand in for it)."""
    return _run_pool(jobs, settings, runner or run_job)


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
