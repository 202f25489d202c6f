"""The databases the store tests run on: an SQLite file, and a throwaway PostgreSQL server that the
session starts itself (initdb into a temporary folder, pg_ctl on a unix socket in it), with a fresh
database per test. PostgreSQL comes from `scripts/system-packages.sh` (Debian's `postgresql`)."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from store_databases import fresh_postgresql_database


def _postgresql_bin(name: str) -> str:
    found = shutil.which(name) or next(iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None)
    if found is None:
        pytest.fail(f"PostgreSQL's {name} is not installed: run sh scripts/system-packages.sh")
    return found


def _as_server_user(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: then it runs as the postgres user."""
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


@pytest.fixture(scope="session")
def postgresql_server() -> Iterator[str]:
    """A running server; its admin URL (user kehoach, trust authentication, unix socket only)."""
    folder = tempfile.mkdtemp(prefix="kehoach-pg-")
    data = os.path.join(folder, "data")
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    subprocess.run(_as_server_user([_postgresql_bin("initdb"), "-D", data, "-A", "trust", "-U", "kehoach",
                                    "--no-sync", "-E", "UTF8"]), check=True, capture_output=True)
    options = f"-k {folder} -c listen_addresses='' -F"
    subprocess.run(_as_server_user([_postgresql_bin("pg_ctl"), "-D", data, "-o", options, "-w", "-l",
                                    os.path.join(folder, "log"), "start"]), check=True, capture_output=True)
    try:
        yield f"postgresql://kehoach@/postgres?host={folder}"
    finally:
        subprocess.run(_as_server_user([_postgresql_bin("pg_ctl"), "-D", data, "-m", "immediate", "stop"]),
                       capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The --db of one test: a new SQLite file, or a new database on the PostgreSQL server."""
    if request.param == "sqlite":
        return str(tmp_path / "kehoach.db")
    return fresh_postgresql_database(request.getfixturevalue("postgresql_server"))


@lru_cache(maxsize=None)
def _extracted(path: Path) -> dict[str, Any]:
    from kehoach.pipeline.run import extract_plan

    result = extract_plan(path.read_bytes(), path.name)
    assert result.plan is not None
    return result.plan.model_dump(mode="json")


@pytest.fixture(scope="session")
def extracted() -> Any:
    """A sample's plan as JSON data, extracted once per session."""
    return _extracted
