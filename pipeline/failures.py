"""Why an input failed, in one line: the one place where failures become their reason.

Every command reports a failed input as `kehoach: error: PATH: reason`; the reason comes from here,
whether the input could not be read (`InputError.reason`: "no such file", "the file is empty", ...),
ran out of time or memory under the runner's limits, killed its worker, or hit a bug in kehoach.
"""

from __future__ import annotations

import signal
from dataclasses import dataclass

from kehoach.extractors.errors import InputError, KehoachError, MissingDependencyError, UnsupportedFormatError

TOO_DEEP = "nested too deeply to read"

# What kind of failure an input met, for callers that answer differently by kind (the HTTP service's
# status codes): the input is of no format kehoach reads, cannot be read, hit the time or memory
# limit, killed its worker, needs a tool that is not installed, or hit a bug in kehoach.
UNSUPPORTED = "unsupported"
UNREADABLE = "unreadable"
TIMEOUT = "timeout"
MEMORY = "memory"
CRASHED = "crashed"
MISSING_DEPENDENCY = "missing_dependency"
INTERNAL = "internal"


@dataclass(frozen=True)
class Failure:
    """The one-line reason an input failed and its kind; `out_of_memory` tells the runner to retire
    its worker."""

    reason: str
    out_of_memory: bool = False
    kind: str = UNREADABLE


def timeout_reason(seconds: float) -> str:
    return f"timed out after {seconds:g} s"


def memory_reason(megabytes: int | None) -> str:
    if megabytes is None:
        return "ran out of memory"
    return f"exceeded the memory limit of {megabytes} MB"


def death_reason(exitcode: int | None) -> str:
    """A worker process that ended while it held a file: killed by a signal, or exited."""
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        return f"the worker process died ({name})"
    return f"the worker process exited unexpectedly (exit code {exitcode})"


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, kind):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


def failure_of(exc: Exception, *, max_memory_mb: int | None = None) -> Failure:
    """The reason an exception raised while running one input gives; anything that is not a
    KehoachError, a MemoryError or a RecursionError is a bug in kehoach and says so."""
    if isinstance(exc, MemoryError) or (isinstance(exc, KehoachError) and _caused_by(exc, MemoryError)):
        return Failure(memory_reason(max_memory_mb), out_of_memory=True, kind=MEMORY)
    if isinstance(exc, RecursionError):
        return Failure(TOO_DEEP)
    if isinstance(exc, UnsupportedFormatError):
        return Failure(exc.reason, kind=UNSUPPORTED)
    if isinstance(exc, InputError):
        return Failure(exc.reason)
    if isinstance(exc, MissingDependencyError):
        return Failure(str(exc), kind=MISSING_DEPENDENCY)
    if isinstance(exc, KehoachError):
        return Failure(str(exc), kind=INTERNAL)
    return Failure(f"internal error ({type(exc).__name__}: {exc}); please report it", kind=INTERNAL)
