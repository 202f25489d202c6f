"""The service's database (`--db`, SQLite `kehoach.db` by default), opened on the first request that
needs it: a service that only extracts never creates one.

Readers and the writer have engines of their own, as `kehoach query` and `kehoach ingest` do: a read
never waits for an ingest's write transaction. Every call here blocks; the endpoints run them in
threads, never in the event loop.
"""

from __future__ import annotations

import threading

from sqlalchemy.engine import Engine

from kehoach.pipeline.store.connect import open_store
from kehoach.pipeline.store.errors import StoreError


class Database:
    def __init__(self, db: str | None) -> None:
        self.db = db
        self._engines: dict[bool, Engine] = {}
        self._lock = threading.Lock()

    def writer(self) -> Engine:
        """The engine that ingests; the schema is created or migrated on first use."""
        return self._engine(writable=True)

    def reader(self) -> Engine:
        """A read-only engine; a database that does not exist yet, or has no schema yet, is created
        empty first (when it can be written)."""
        try:
            return self._engine(writable=False)
        except StoreError as exc:
            try:
                self.writer()
            except StoreError:
                raise exc from None
            return self._engine(writable=False)

    def _engine(self, *, writable: bool) -> Engine:
        with self._lock:
            if writable not in self._engines:
                self._engines[writable] = open_store(self.db, writable=writable)
            return self._engines[writable]

    def close(self) -> None:
        with self._lock:
            for engine in self._engines.values():
                engine.dispose()
            self._engines.clear()
