"""A database kehoach cannot use is one clear line and exit 2, and nothing is written: a file that
is not a database, a read-only folder or file, a PostgreSQL server that does not answer, a schema
from a newer kehoach. The migrations build exactly the tables `pipeline/store/tables.py` declares."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from click.testing import CliRunner
from sqlalchemy import create_engine, text

from kehoach.pipeline.cli import main
from kehoach.pipeline.store.connect import database_url, open_store
from kehoach.pipeline.store.tables import metadata
from store_samples import AN_GIANG


def _one_error_line(result: Any, *words: str) -> None:
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kehoach: error:"), result.output
    for word in words:
        assert word in lines[0], lines[0]


def _ingest(db: str, *paths: object) -> Any:
    return CliRunner().invoke(main, ["ingest", "--db", db, "-j", "1", *map(str, paths)])


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    db = tmp_path / "notes.db"
    db.write_text("Kế hoạch số 129/KH-UBND\n", encoding="utf-8")
    _one_error_line(_ingest(str(db), AN_GIANG), "not an SQLite database")
    _one_error_line(CliRunner().invoke(main, ["query", "--db", str(db), "plans"]), "not an SQLite database")
    assert db.read_text(encoding="utf-8") == "Kế hoạch số 129/KH-UBND\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]


def test_a_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        _one_error_line(_ingest(str(folder / "kehoach.db"), AN_GIANG), "read-only")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_a_read_only_database_file(tmp_path: Path) -> None:
    db = tmp_path / "kehoach.db"
    assert _ingest(str(db), AN_GIANG).exit_code == 0
    before = db.read_bytes()
    db.chmod(0o444)
    try:
        _one_error_line(_ingest(str(db), AN_GIANG), "read-only")
        assert db.read_bytes() == before
        result = CliRunner().invoke(main, ["query", "--db", str(db), "--format", "csv", "plans"])
        assert result.exit_code == 0 and "27/KH-SKHCN" in result.output  # reading it is fine
    finally:
        db.chmod(0o644)


def test_a_missing_database_is_not_created_by_a_query(tmp_path: Path) -> None:
    _one_error_line(CliRunner().invoke(main, ["query", "--db", str(tmp_path / "none.db"), "plans"]),
                    "no such database")
    assert list(tmp_path.iterdir()) == []


def test_a_postgresql_server_that_does_not_answer(tmp_path: Path) -> None:
    with socket.socket() as listener:  # a port nobody listens on once this closes
        listener.bind(("127.0.0.1", 0))
        port = listener.getsockname()[1]
    result = _ingest(f"postgresql://kehoach@127.0.0.1:{port}/kehoach", AN_GIANG)
    _one_error_line(result, f"127.0.0.1:{port}")
    _one_error_line(CliRunner().invoke(main, ["query", "--db", f"postgresql://kehoach@127.0.0.1:{port}/x", "plans"]))


def test_a_schema_from_a_newer_kehoach(db: str) -> None:
    assert _ingest(db, AN_GIANG).exit_code == 0
    engine = create_engine(database_url(db))
    try:
        with engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
        result = _ingest(db, AN_GIANG, AN_GIANG.with_suffix(".html"))
        _one_error_line(result, "newer kehoach")
        _one_error_line(CliRunner().invoke(main, ["query", "--db", db, "plans"]), "newer kehoach")
        with engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM documents")).scalar_one() == 1
            assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == "9999_from_the_future"
    finally:
        engine.dispose()


def test_a_database_of_other_tables_is_left_alone(tmp_path: Path) -> None:
    db = tmp_path / "theirs.db"
    engine = create_engine(f"sqlite:///{db}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE invoices (id integer)"))
    engine.dispose()
    _one_error_line(_ingest(str(db), AN_GIANG), "other tables")


def test_the_migrations_build_the_declared_tables(db: str) -> None:
    open_store(db).dispose()
    engine = create_engine(database_url(db))
    try:
        with engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), metadata)
    finally:
        engine.dispose()
    assert differences == []


def test_the_known_revisions_are_the_migrations() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from kehoach.pipeline.store.migrate import HEAD, MIGRATIONS, REVISIONS

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    scripts = ScriptDirectory.from_config(config)
    assert scripts.get_current_head() == HEAD
    assert [script.revision for script in scripts.walk_revisions()][::-1] == list(REVISIONS)
