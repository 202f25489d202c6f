"""The HTTP service under a bounded load: 200 uploads of the eight seed samples (PDF, DOCX, HTML, text)
from 16 concurrent clients, 16 of them ingested into an SQLite database through POST /plans, with 20 bad
uploads mixed in, on the loopback. Prints requests per second,
p50 and p95 latency; fails on any 5xx, any bad upload not refused with its status, and any good answer
that is not the CLI's plan for the same file. Run with `pytest -m benchmark tests/benchmarks -s`."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from service_load import ROOT, bad_uploads, cli_plans, run_load, running_server

pytestmark = pytest.mark.benchmark

SEEDS = sorted(p.name for p in (ROOT / "samples").iterdir() if p.suffix in (".pdf", ".docx", ".html", ".txt"))


def test_two_hundred_uploads_from_sixteen_clients(tmp_path: Path) -> None:
    plans = cli_plans(SEEDS)
    bad = bad_uploads()
    assert len(SEEDS) == 8 and len(bad) == 20
    with running_server("--db", str(tmp_path / "kehoach.db")) as base:
        result = run_load(base, plans, bad, uploads=200, clients=16, ingests=16)
        stored = httpx.get(f"{base}/plans", timeout=60).json()
    print("\nservice load:", result.figures())
    assert not result.unexpected, result.unexpected[:5]
    assert not result.mismatches
    assert not any(status >= 500 for status in result.statuses)
    # Each seed ingested twice: once stored (the first of a plan's four files added, the others new
    # versions of it), once unchanged.
    assert result.statuses[201] == 8 and result.statuses[200] == 200 - 8
    assert sorted(p["number"] for p in stored) == ["129/KH-UBND", "27/KH-SKHCN"]
    assert {p["version"] for p in stored} == {4}
