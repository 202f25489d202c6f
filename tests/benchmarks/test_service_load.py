"""The HTTP service under a bounded load: 200 uploads of the eight seed samples (PDF, DOCX, HTML, text)
from 16 concurrent clients, with 20 bad uploads mixed in, on the loopback. Prints requests per second,
p50 and p95 latency; fails on any 5xx, any bad upload not refused with its status, and any good answer
that is not the CLI's plan for the same file. Run with `pytest -m benchmark tests/benchmarks -s`."""

from __future__ import annotations

import pytest

from service_load import ROOT, bad_uploads, cli_plans, run_load, running_server

pytestmark = pytest.mark.benchmark

SEEDS = sorted(p.name for p in (ROOT / "samples").iterdir() if p.suffix in (".pdf", ".docx", ".html", ".txt"))


def test_two_hundred_uploads_from_sixteen_clients() -> None:
    plans = cli_plans(SEEDS)
    bad = bad_uploads()
    assert len(SEEDS) == 8 and len(bad) == 20
    with running_server() as base:
        result = run_load(base, plans, bad, uploads=200, clients=16)
    print("\nservice load:", result.figures())
    assert not result.unexpected, result.unexpected[:5]
    assert not result.mismatches
    assert not any(status >= 500 for status in result.statuses)
    assert result.statuses[200] == 200
