"""The schema's version: migrations (Alembic scripts in `pipeline/store/migrations/`, shipped inside
the package) bring a database up to this kehoach's schema on first use; a database whose schema is
newer than this kehoach knows is refused, untouched.

A database already at `HEAD` is told by one query, without loading Alembic (a tenth of a second at
every start); tests check that `HEAD` is the migrations' head and `REVISIONS` all their revisions.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

from kehoach.pipeline.store.errors import StoreError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
REVISIONS = ("0001",)  # oldest first; the last is the head
HEAD = REVISIONS[-1]
VERSION_TABLE = "alembic_version"


def current_revision(connection: Connection) -> str | None:
    """The database's schema revision; None when it has no kehoach schema yet."""
    if not inspect(connection).has_table(VERSION_TABLE):
        return None
    return connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()


def _known(current: str | None) -> str | None:
    if current is not None and current not in REVISIONS:
        raise StoreError(f"the database's schema ({current}) is from a newer kehoach: upgrade kehoach")
    return current


def migrate(connection: Connection) -> None:
    """Bring the schema up to date, inside the caller's (write-locked) transaction."""
    current = _known(current_revision(connection))
    if current == HEAD:
        return
    if current is None and inspect(connection).get_table_names():
        raise StoreError("the database holds other tables than kehoach's: give kehoach a database of its own")
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    command.upgrade(config, HEAD)


def check_schema(connection: Connection) -> None:
    """For readers: a kehoach database at this kehoach's schema."""
    current = _known(current_revision(connection))
    if current is None:
        raise StoreError("not a kehoach database (run kehoach ingest first)")
    if current != HEAD:
        raise StoreError(f"the database's schema ({current}) is older than this kehoach's: run kehoach ingest to upgrade it")
