"""The schema's version: migrations (Alembic scripts in `pipeline/store/migrations/`, shipped inside
the package) bring a database up to this kehoach's schema on first use; a database whose schema is
newer than this kehoach knows is refused, untouched."""

from __future__ import annotations

from pathlib import Path

from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from pipeline.store.errors import StoreError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def _revisions(connection: Connection) -> tuple[str | None, str]:
    """The database's schema revision (None: no kehoach schema yet) and this kehoach's latest."""
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    current = MigrationContext.configure(connection).get_current_revision()
    if current is not None:
        known = {script.revision for script in ScriptDirectory.from_config(_config()).walk_revisions()}
        if current not in known:
            raise StoreError(f"the database's schema ({current}) is from a newer kehoach: upgrade kehoach")
    return current, head


def migrate(connection: Connection) -> None:
    """Bring the schema up to date, inside the caller's (write-locked) transaction."""
    from alembic import command

    current, head = _revisions(connection)
    if current == head:
        return
    if current is None and inspect(connection).get_table_names():
        raise StoreError("the database holds other tables than kehoach's: give kehoach a database of its own")
    command.upgrade(_config(connection), "head")


def check_schema(connection: Connection) -> None:
    """For readers: a kehoach database at this kehoach's schema."""
    current, head = _revisions(connection)
    if current is None:
        raise StoreError("not a kehoach database (run kehoach ingest first)")
    if current != head:
        raise StoreError(f"the database's schema ({current}) is older than this kehoach's: run kehoach ingest to upgrade it")
