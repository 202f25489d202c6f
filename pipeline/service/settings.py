"""The service's settings: where it listens, the runner's limits per document, the upload limit, and
the database.

Each comes from a `kehoach serve` option or its environment variable (the option wins), so that a
container can be configured by its environment alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from kehoach.pipeline.store import DATABASE_ENVVAR
from kehoach.pipeline.job import DEFAULT_MAX_MEMORY_MB, DEFAULT_TIMEOUT_S, BatchSettings, default_jobs

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_MAX_UPLOAD_MB = 50.0

# The environment variable of each setting (also shown by `kehoach serve --help`).
ENVIRONMENT = {
    "host": "KEHOACH_HOST",
    "port": "KEHOACH_PORT",
    "jobs": "KEHOACH_JOBS",
    "timeout_s": "KEHOACH_TIMEOUT",
    "max_memory_mb": "KEHOACH_MAX_MEMORY",
    "max_upload_mb": "KEHOACH_MAX_UPLOAD_MB",
    "db": DATABASE_ENVVAR,
}


@dataclass(frozen=True)
class ServiceSettings:
    """How the service runs; a limit of None is no limit (0 on the command line)."""

    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    jobs: int | None = None
    timeout_s: float | None = DEFAULT_TIMEOUT_S
    max_memory_mb: int | None = DEFAULT_MAX_MEMORY_MB
    max_upload_mb: float = DEFAULT_MAX_UPLOAD_MB
    db: str | None = None  # the database of the /plans, /tasks and /compare endpoints; None: kehoach.db here

    def __post_init__(self) -> None:
        if self.max_upload_mb <= 0:
            raise ValueError(f"max_upload_mb must be positive, not {self.max_upload_mb}")
        if not 0 <= self.port <= 65535:
            raise ValueError(f"port must be between 0 and 65535, not {self.port}")

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * 1024 * 1024)

    def batch(self) -> BatchSettings:
        """The runner's settings: one worker per core unless told, the same limits as the CLI."""
        return BatchSettings(jobs=self.jobs or default_jobs(), timeout_s=self.timeout_s,
                             max_memory_mb=self.max_memory_mb)
