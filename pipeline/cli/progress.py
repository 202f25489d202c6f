"""The progress bar of a batch: one line on stderr, drawn only on a terminal."""

from __future__ import annotations

import sys
import time

import click


class Progress:
    """A one-line progress bar on stderr, drawn only when enabled; messages print above it."""

    WIDTH = 28

    def __init__(self, total: int, enabled: bool) -> None:
        self.total = total
        self.done = 0
        self.enabled = enabled
        self.start = time.monotonic()

    def _draw(self) -> None:
        filled = self.WIDTH * self.done // max(self.total, 1)
        elapsed = time.monotonic() - self.start
        eta = elapsed / self.done * (self.total - self.done) if self.done else 0.0
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        sys.stderr.write(f"\r[{bar}] {self.done}/{self.total} files  {elapsed:.0f} s  eta {eta:.0f} s\x1b[K")
        sys.stderr.flush()

    def advance(self, _outcome: object = None) -> None:
        self.done += 1
        if self.enabled:
            self._draw()

    def message(self, line: str) -> None:
        if self.enabled:
            sys.stderr.write("\r\x1b[K")
        click.echo(line, err=True)
        if self.enabled and self.done:
            self._draw()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()
