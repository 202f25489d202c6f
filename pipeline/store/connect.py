"""Opening the database: where it is, the engine for SQLite or PostgreSQL, the schema brought up to
date by the migrations on first use, and every way this can fail as one `StoreError` line.

Writers are serialized: on SQLite every write transaction is `BEGIN IMMEDIATE` (WAL, with a busy
timeout, so readers never wait and a second writer waits its turn); on PostgreSQL each transaction
that writes takes one advisory lock first. Two ingest runs on one database then never interleave
half-written plans, and version numbers and merged units are computed on a database nobody else is
changing. Readers (`kehoach query`) open the database read-only.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from kehoach.pipeline.store.errors import StoreError

DEFAULT_DB = "kehoach.db"
BUSY_TIMEOUT_S = 120
CONNECT_TIMEOUT_S = 10
# The advisory lock PostgreSQL writers take: any fixed number; "kehoach" in ASCII.
WRITER_LOCK = 0x6B65686F616368
_SQLITE_HEADER = b"SQLite format 3\x00"


def database_url(db: str | None) -> str:
    """The SQLAlchemy URL of --db: a file path (default kehoach.db here) or a postgresql:// URL."""
    db = db or DEFAULT_DB
    if db.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + db.split("://", 1)[1]
    if "://" in db:
        if db.startswith(("sqlite://", "postgresql+psycopg://")):
            return db
        raise StoreError(f"{db.split('://', 1)[0]}: unsupported database (give a file path or postgresql://...)")
    return "sqlite:///" + os.path.abspath(db)


def display_url(url: str) -> str:
    """The URL without its password, for messages."""
    from sqlalchemy.engine import make_url

    shown = make_url(url).render_as_string(hide_password=True)
    return "postgresql://" + shown.split("://", 1)[1] if shown.startswith("postgresql+psycopg://") else shown


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite:")


def _sqlite_path(url: str) -> Path | None:
    path = url.removeprefix("sqlite:///")
    return None if path in ("", ":memory:") or path.startswith("file:") else Path(path)


def _read_only(path: Path) -> bool:
    """Not writable by us, or marked read-only for everyone (which root, who could write, respects)."""
    return not os.access(path, os.W_OK) or not path.stat().st_mode & 0o222


def _check_sqlite_file(path: Path, *, writable: bool) -> None:
    """A file that is not an SQLite database, a folder that cannot be written: said before SQLite
    would create or touch anything."""
    if path.is_dir():
        raise StoreError(f"{path}: is a folder, not a database file")
    if path.exists():
        try:
            with path.open("rb") as handle:
                head = handle.read(len(_SQLITE_HEADER))
        except OSError as exc:
            raise StoreError(f"{path}: cannot read ({exc.strerror})") from None
        if head and head != _SQLITE_HEADER:
            raise StoreError(f"{path}: not an SQLite database")
        if writable and _read_only(path):
            raise StoreError(f"{path}: the database is read-only")
    elif not writable:
        raise StoreError(f"{path}: no such database (run kehoach ingest first)")
    elif not path.parent.is_dir():
        raise StoreError(f"{path.parent}: no such folder")
    if writable and _read_only(path.parent):
        # SQLite writes its journal beside the database.
        raise StoreError(f"{path.parent}: the folder is read-only")


def _switch_to_wal(cursor: Any) -> None:
    """Switching the journal to WAL needs the database to itself for a moment, and SQLite answers
    "database is locked" at once, without its busy timeout, while another ingest opens it (two
    ingests started together on a new database): try again until the busy timeout."""
    import sqlite3

    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _sqlite_engine(url: str, *, writable: bool) -> Engine:
    path = _sqlite_path(url)
    if path is not None:
        _check_sqlite_file(path, writable=writable)
        if not writable:
            url = f"sqlite:///file:{path}?mode=ro&uri=true"
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # transactions are begun below, not by the driver
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
        if writable:
            # WAL with synchronous NORMAL never corrupts the database; a power cut may lose the last
            # transactions, which the next ingest then writes again.
            _switch_to_wal(cursor)
            cursor.execute("PRAGMA synchronous = NORMAL")
        else:
            cursor.execute("PRAGMA query_only = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writable else "BEGIN")

    return engine


def _postgresql_engine(url: str, *, writable: bool) -> Engine:
    engine = create_engine(url, connect_args={"connect_timeout": CONNECT_TIMEOUT_S})
    if writable:
        @event.listens_for(engine, "begin")
        def _on_begin(connection: Connection) -> None:
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITER_LOCK})")
    else:
        engine = engine.execution_options(postgresql_readonly=True)
    return engine


def _engine(url: str, *, writable: bool) -> Engine:
    if is_sqlite(url):
        return _sqlite_engine(url, writable=writable)
    if url.startswith("postgresql+psycopg://"):
        return _postgresql_engine(url, writable=writable)
    raise StoreError(f"{display_url(url)}: unsupported database")


def failure_reason(exc: BaseException) -> str:
    """A database library's error as one short line."""
    original = getattr(exc, "orig", None) or exc
    lines = [line.strip() for line in str(original).splitlines() if line.strip()]
    return lines[0] if lines else type(original).__name__


def open_store(db: str | None, *, writable: bool = True) -> Engine:
    """The engine of --db, its schema migrated to this kehoach's (writers) or checked (readers)."""
    from kehoach.pipeline.store.migrate import check_schema, migrate

    url = database_url(db)
    where = display_url(url)
    engine = _engine(url, writable=writable)
    try:
        with engine.begin() as connection:
            if writable:
                migrate(connection)
            else:
                check_schema(connection)
    except StoreError as exc:
        engine.dispose()
        raise StoreError(f"{where}: {exc}") from None
    except SQLAlchemyError as exc:
        engine.dispose()
        raise StoreError(f"{where}: {failure_reason(exc)}") from None
    return engine
