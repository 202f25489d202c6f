"""Reading the database made by `kehoach ingest`, for the commands that ask it (query, compare)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import click

from kehoach.pipeline.cli.common import EXIT_INPUT_FAILED

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

T = TypeVar("T")


def read_store(db: str | None, read: Callable[[Connection], T]) -> T:
    """`read` run on a read-only connection to `db`; a database that cannot be used (or a question it
    cannot answer) ends the command with one error line and exit 2."""
    from sqlalchemy.exc import SQLAlchemyError

    from kehoach.pipeline.store.connect import failure_reason, open_store
    from kehoach.pipeline.store.errors import StoreError

    try:
        engine = open_store(db, writable=False)
        try:
            with engine.begin() as connection:
                return read(connection)
        finally:
            engine.dispose()
    except StoreError as exc:
        click.echo(f"kehoach: error: {exc}", err=True)
    except SQLAlchemyError as exc:
        click.echo(f"kehoach: error: {failure_reason(exc)}", err=True)
    sys.exit(EXIT_INPUT_FAILED)
