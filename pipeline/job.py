"""One input's unit of work for the runner: what to make of it, the limits it runs under, and what it
gave. `run_job` runs one job in whichever process the runner chose (`pipeline/batch.py`); every
failure comes back as `Outcome.error`, its one-line reason from `pipeline/failures.py`.

Outcomes carry plain data (the plan as its JSON dump, the layout's text), cheap to pickle from a
worker process; `plan_of` turns the dump back into a Plan for commands that work on Plans.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

from kehoach.pipeline.failures import failure_of
from kehoach.pipeline.inputs import STDIN, input_name, read_input

if TYPE_CHECKING:
    from kehoach.schemas import Plan

DEFAULT_TIMEOUT_S = 300.0
DEFAULT_MAX_MEMORY_MB = 2048
# Below this, even a one-page text file cannot be read, and the interpreter itself may abort on
# MemoryError instead of reporting it: such a bound is refused up front.
MIN_MAX_MEMORY_MB = 64

# What a job makes of its input: the plan (extract, validate, compare); the plan and the normalized
# text it was found in (report); the layout and outline (layout); a plan saved as JSON (compare).
Work = Literal["plan", "review", "layout", "saved_plan"]


@dataclass(frozen=True)
class Job:
    """One input: its position among the inputs, its path ("-" for standard input), what to make of
    it, and its bytes when they were read up front (standard input)."""

    index: int
    path: str
    data: bytes | None = None
    work: Work = "plan"

    @property
    def name(self) -> str:
        return input_name(self.path)


def jobs_for(paths: list[str], work: Work | Callable[[str], Work] = "plan") -> list[Job]:
    """A job per input, in order, making `work` of it (or `work(path)`); standard input is read here,
    before any worker starts."""
    return [
        Job(index, path, data=read_input(path) if path == STDIN else None,
            work=work(path) if callable(work) else work)
        for index, path in enumerate(paths)
    ]


@dataclass
class Outcome:
    """What one input gave: the plan as JSON data (and for a review its text, for the layout command
    its layout), or the one-line reason it failed."""

    index: int
    path: str
    plan: dict[str, Any] | None = None
    error: str | None = None
    # The kind of failure (`pipeline.failures`: "unsupported", "timeout", ...) when error is set.
    failure: str | None = None
    rule_errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    text: str | None = None
    layout: dict[str, Any] | None = None
    # The worker that produced it should not take another file (it ran out of memory).
    retire_worker: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None


def plan_of(outcome: Outcome) -> Plan:
    """The outcome's plan as a Plan (outcomes carry its JSON dump)."""
    from kehoach.schemas import Plan

    if outcome.plan is None:
        raise ValueError(f"{outcome.path} has no plan: {outcome.error}")
    return Plan.model_validate(outcome.plan)


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


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

    @classmethod
    def for_inputs(
        cls, count: int, *, jobs: int | None = None, timeout_s: float = DEFAULT_TIMEOUT_S,
        max_memory_mb: int = DEFAULT_MAX_MEMORY_MB,
    ) -> BatchSettings:
        """Settings from the command line's options for `count` inputs: jobs default to the number of
        cores and never exceed the inputs; a limit of 0 is no limit."""
        return cls(
            jobs=max(1, min(jobs or default_jobs(), count)),
            timeout_s=timeout_s or None,
            max_memory_mb=max_memory_mb or None,
        )


def run_job(job: Job, settings: BatchSettings) -> Outcome:
    """Run the pipeline on one input; every failure becomes Outcome.error, never an exception."""
    start = time.perf_counter()
    outcome = Outcome(index=job.index, path=job.name)
    try:
        _make(job, outcome)
    except Exception as exc:  # noqa: BLE001 - input problems, limits and bugs alike: the batch goes on
        failure = failure_of(exc, max_memory_mb=settings.max_memory_mb)
        outcome.error, outcome.retire_worker = failure.reason, failure.out_of_memory
        outcome.failure = failure.kind
        outcome.plan = outcome.text = outcome.layout = None
    outcome.seconds = round(time.perf_counter() - start, 6)
    return outcome


def _make(job: Job, outcome: Outcome) -> None:
    from kehoach.pipeline.run import extract_plan, layout_view, read_saved_plan

    data = job.data if job.data is not None else read_input(job.path)
    if job.work == "layout":
        outcome.layout = layout_view(data, job.name)
    elif job.work == "saved_plan":
        outcome.plan = read_saved_plan(data, job.name).model_dump(mode="json")
    else:
        result = extract_plan(data, job.name, keep_layout=job.work == "review")
        assert result.plan is not None
        outcome.plan = result.plan.model_dump(mode="json")
        outcome.rule_errors = list(result.rule_errors)
        if job.work == "review":
            assert result.layout is not None
            outcome.text = result.layout.text
