"""What the commands share: the exit codes, the one error line, the runner's options and running
inputs through the runner (`pipeline/batch.py`), so that every command has the same limits.

Light on purpose: the runner and the pipeline are imported when a command runs.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import click

from kehoach.pipeline.store import DATABASE_ENVVAR
from kehoach.pipeline.job import DEFAULT_MAX_MEMORY_MB, DEFAULT_TIMEOUT_S, MIN_MAX_MEMORY_MB, BatchSettings

if TYPE_CHECKING:
    from kehoach.pipeline.job import Outcome, Work

EXIT_FINDING_ERRORS = 1
EXIT_INPUT_FAILED = 2

_Command = TypeVar("_Command", bound=Callable[..., Any])


# A reason is one short line: a library's message can quote a whole PDF dictionary.
MAX_REASON_CHARS = 200


def error_line(path: str, reason: str | None) -> str:
    """The one line an input that failed gives on stderr: printable, short."""
    from kehoach.pipeline.inputs import printable

    text = " ".join(printable(reason or "unknown error").split())
    if len(text) > MAX_REASON_CHARS:
        text = text[: MAX_REASON_CHARS - 1].rstrip() + "…"
    return f"kehoach: error: {printable(path)}: {text}"


def write_failure(target: object, exc: OSError) -> str:
    """Why an output could not be written, as the reason of an error line."""
    return f"cannot write {target} ({exc.strerror or type(exc).__name__})"


def report_failure(path: str, reason: str | None) -> None:
    click.echo(error_line(path, reason), err=True)


@dataclass(frozen=True)
class RunOptions:
    """The runner's options as given on the command line (0: no limit; jobs None: one per core)."""

    jobs: int | None = None
    timeout_s: float = DEFAULT_TIMEOUT_S
    max_memory_mb: int = DEFAULT_MAX_MEMORY_MB
    # A Dask scheduler's address, or "local:N" (pipeline/cluster.py); None runs on this machine.
    cluster: str | None = None

    def settings(self, inputs: int) -> BatchSettings:
        return BatchSettings.for_inputs(
            inputs, jobs=self.jobs, timeout_s=self.timeout_s, max_memory_mb=self.max_memory_mb
        )


def db_option(help_text: str) -> Callable[[_Command], _Command]:
    """--db, for every command that reads or writes the database, with its environment variable."""
    return click.option("--db", default=None, envvar=DATABASE_ENVVAR, show_envvar=True, help=help_text)


def _memory_bound(_ctx: click.Context, _param: click.Parameter, value: int) -> int:
    if 0 < value < MIN_MAX_MEMORY_MB:
        raise click.BadParameter(f"{value} MB is too little to read any file; give at least {MIN_MAX_MEMORY_MB} (or 0 for no limit)")
    return value


def runner_options(*, jobs: bool = True) -> Callable[[_Command], _Command]:
    """Add --jobs and --cluster (unless the command takes one input), --timeout and --max-memory; the
    command receives them as one `run: RunOptions` argument."""

    def decorate(command: _Command) -> _Command:
        @functools.wraps(command)
        def with_run_options(*args: Any, jobs: int | None = None, timeout_s: float, max_memory_mb: int,
                             cluster: str | None = None, **kwargs: Any) -> Any:
            return command(*args, run=RunOptions(jobs, timeout_s, max_memory_mb, cluster), **kwargs)

        options = [
            click.option("--timeout", "timeout_s", type=click.FloatRange(min=0), default=DEFAULT_TIMEOUT_S,
                         show_default=True, help="Seconds per file before it is given up as failed; 0 for no limit."),
            click.option("--max-memory", "max_memory_mb", type=click.IntRange(min=0),
                         default=DEFAULT_MAX_MEMORY_MB, show_default=True, callback=_memory_bound,
                         help="Memory a file may add to its worker, in MB (address space, beyond the loaded program); 0 for no limit."),
        ]
        if jobs:
            options.insert(0, click.option(
                "-j", "--jobs", type=click.IntRange(min=1), default=None,
                help="Worker processes (default: the number of cores)."))
            options.insert(1, click.option(
                "--cluster", metavar="ADDRESS", default=None,
                help="Run the files on a Dask cluster: a scheduler's address (tcp://host:8786), or local:N "
                     "for N worker processes here. Needs pip install 'kehoach[dask]'."))
        decorated: Any = with_run_options
        for option in reversed(options):
            decorated = option(decorated)
        return decorated  # type: ignore[no-any-return]

    return decorate


def run_inputs(
    paths: list[str], work: Work | Callable[[str], Work], run: RunOptions,
    on_done: Callable[[Outcome], None] | None = None,
) -> Iterator[Outcome]:
    """Every input through the runner, outcomes in input order."""
    from kehoach.pipeline.batch import run_in_order
    from kehoach.pipeline.job import jobs_for

    if run.cluster is None:
        return run_in_order(jobs_for(paths, work), run.settings(len(paths)), on_done)
    try:
        import distributed  # noqa: F401 - checked here, so that a missing extra is one line
    except ImportError:
        from kehoach.pipeline.cluster import DASK_HINT

        raise click.ClickException(DASK_HINT) from None
    from kehoach.pipeline.cluster import local_workers, run_on_cluster

    try:
        local_workers(run.cluster)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--cluster") from None
    return run_on_cluster(jobs_for(paths, work), run.settings(len(paths)), run.cluster, on_done)


def run_one(path: str, work: Work, run: RunOptions) -> Outcome:
    """One input through the runner; when it fails, its error line and exit 2."""
    (outcome,) = run_inputs([path], work, run)
    if not outcome.ok:
        report_failure(outcome.path, outcome.error)
        sys.exit(EXIT_INPUT_FAILED)
    return outcome
