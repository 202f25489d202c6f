"""New, empty databases on the throwaway PostgreSQL server of the store tests (tests/store/conftest.py)."""

from __future__ import annotations

import itertools
import os

_names = itertools.count()


def fresh_postgresql_database(admin_url: str) -> str:
    """A new database on the server of `admin_url`; its --db URL."""
    import psycopg

    name = f"kehoach_test_{os.getpid()}_{next(_names)}"
    host = admin_url.split("host=", 1)[1]
    with psycopg.connect(dbname="postgres", user="kehoach", host=host, autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name}")
    return f"postgresql://kehoach@/{name}?host={host}"
