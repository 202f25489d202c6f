"""Two `kehoach ingest` runs at once on one database, SQLite and PostgreSQL: nothing lost, nothing
written twice, the versions of each plan numbered once with one current, no half-written plan."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from kehoach.pipeline.store import tables as t
from kehoach.pipeline.store.connect import open_store
from store_samples import AN_GIANG, AN_GIANG_HTML, LANG_SON, LANG_SON_HTML

ROOT = Path(__file__).resolve().parents[2]
FILES = [AN_GIANG, LANG_SON, AN_GIANG_HTML, LANG_SON_HTML]


def _start(db: str, files: list[Path]) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.Popen([sys.executable, "-m", "kehoach.pipeline.cli", "ingest", "--db", db, "-j", "1",
                             *map(str, files)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env=env, cwd=ROOT)


def _counts(output: str) -> dict[str, int]:
    line = next(line for line in output.splitlines() if line.startswith("kehoach: database "))
    counts = {}
    for part in line.split(": ", 2)[2].split(", "):
        number, status = part.split(" ", 1)
        counts[status] = int(number)
    return counts


def test_two_ingest_runs_at_once(db: str) -> None:
    runs = [_start(db, FILES), _start(db, FILES[::-1])]
    outputs = [run.communicate(timeout=600)[0] for run in runs]
    for run, output in zip(runs, outputs):
        assert run.returncode == 0, output
    counts = [_counts(output) for output in outputs]
    total = {status: sum(c.get(status, 0) for c in counts) for status in ("added", "new version", "unchanged")}
    assert total == {"added": 2, "new version": 2, "unchanged": 4}, outputs

    engine = open_store(db)
    try:
        with engine.connect() as connection:
            documents = connection.execute(select(t.documents.c.sha256)).scalars().all()
            assert len(documents) == len(set(documents)) == 4
            versions = connection.execute(
                select(t.plans.c.plan_key, t.plans.c.version, t.plans.c.is_current, t.plans.c.plan_json)).all()
            by_key: dict[str, list[tuple[int, bool]]] = {}
            for key, version, current, _json in versions:
                by_key.setdefault(key, []).append((version, current))
            assert len(by_key) == 2
            for rows in by_key.values():
                assert sorted(v for v, _c in rows) == [1, 2]
                assert [v for v, c in rows if c] == [2]
            tasks = connection.execute(select(func.count()).select_from(t.tasks)).scalar_one()
            assert tasks == sum(len(json.loads(row.plan_json)["tasks"]) for row in versions)
            orphans = connection.execute(select(func.count()).select_from(t.task_units).where(
                t.task_units.c.task_id.not_in(select(t.tasks.c.id)))).scalar_one()
            assert orphans == 0
            keys = connection.execute(select(t.units.c.unit_key)).scalars().all()
            assert len(keys) == len(set(keys))
    finally:
        engine.dispose()
