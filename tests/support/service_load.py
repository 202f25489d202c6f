"""Helpers for the HTTP service's tests: start the real `kehoach serve` on the loopback, and a bounded
load of uploads (to POST /extract, and some to POST /plans) from concurrent clients with its figures
(requests per second, p50, p95)."""

from __future__ import annotations

import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
LOOPBACK = "127.0.0.1"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_server(*options: str, environment: dict[str, str] | None = None,
                   start_limit_s: float = 180.0) -> Iterator[str]:
    """`kehoach serve` on a free loopback port with `options` and `environment` variables; yields its
    base URL, and stops it."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
           **(environment or {})}
    # The server's stderr goes to a file: a pipe nobody reads would block it once full.
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(
        [sys.executable, "-m", "kehoach.pipeline.cli", "serve", "--host", LOOPBACK, "--port", str(port),
         "--log-level", "info", *options],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log, start_new_session=True,
    )
    base = f"http://{LOOPBACK}:{port}"

    def logged() -> str:
        log.seek(0)
        return log.read().decode("utf-8", "replace")[-2000:]

    try:
        deadline = time.monotonic() + start_limit_s
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"kehoach serve ended: {logged()}")
            try:
                if httpx.get(f"{base}/health", timeout=5, trust_env=False).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"kehoach serve did not start within {start_limit_s:g} s: {logged()}")
            time.sleep(0.3)
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


def without_path(plan: dict) -> dict:
    """A plan compared between the service and the CLI: its source path is how each named the file."""
    return {**plan, "source": {**plan["source"], "path": None}}


@dataclass
class LoadResult:
    seconds: float
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    mismatches: list[str] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]

    def figures(self) -> str:
        return (f"{len(self.latencies)} requests in {self.seconds:.1f} s: {len(self.latencies) / self.seconds:.2f} req/s, "
                f"p50 {self.percentile(50):.2f} s, p95 {self.percentile(95):.2f} s, statuses {dict(sorted(self.statuses.items()))}")


INGEST_STATUSES = {"added": 201, "new version": 201, "re-extracted": 201, "unchanged": 200}


def run_load(base: str, good: dict[str, dict], bad: dict[str, tuple[bytes, int]], uploads: int, clients: int,
             seed: int = 17, ingests: int = 0) -> LoadResult:
    """`uploads` uploads of the `good` files (name -> the CLI's plan) in random order with every `bad`
    upload (name -> (bytes, expected status)) mixed in, from `clients` concurrent clients. `ingests` of
    the good uploads go to POST /plans (the server needs a database) instead of POST /extract: each must
    answer an ingest status and a plan id whose stored plan is the CLI's."""
    rng = random.Random(seed)
    names = sorted(good)
    work: list[tuple[str, str, bytes, int | None]] = [
        ("/plans" if i < ingests else "/extract", name, (ROOT / "samples" / name).read_bytes(), None)
        for i, name in enumerate(names[i % len(names)] for i in range(uploads))
    ] + [("/extract", name, data, status) for name, (data, status) in bad.items()]
    rng.shuffle(work)
    result = LoadResult(seconds=0.0)

    def one(item: tuple[str, str, bytes, int | None]) -> None:
        path, name, data, status = item
        start = time.monotonic()
        with httpx.Client(timeout=600) as client:
            answer = client.post(f"{base}{path}", files={"file": (name, data)})
            result.latencies.append(time.monotonic() - start)
            result.statuses[answer.status_code] = result.statuses.get(answer.status_code, 0) + 1
            if status is not None:
                if answer.status_code != status:
                    result.unexpected.append(f"{name}: {answer.status_code} instead of {status}: {answer.text[:200]}")
            elif path == "/plans":
                ingested = answer.json() if answer.headers.get("content-type") == "application/json" else {}
                if INGEST_STATUSES.get(ingested.get("status")) != answer.status_code:
                    result.unexpected.append(f"{name}: POST /plans {answer.status_code} {answer.text[:200]}")
                elif without_path(client.get(f"{base}/plans/{ingested['plan_id']}").json()) != without_path(good[name]):
                    result.mismatches.append(f"{name} (stored)")
            elif answer.status_code != 200:
                result.unexpected.append(f"{name}: {answer.status_code} {answer.text[:200]}")
            elif without_path(json.loads(answer.text)) != without_path(good[name]):
                result.mismatches.append(name)

    start = time.monotonic()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(one, work))
    result.seconds = time.monotonic() - start
    return result


def cli_plans(names: list[str]) -> dict[str, dict]:
    """The CLI's plan of each sample, by name (one `kehoach extract --format jsonl` run)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run(
        [sys.executable, "-m", "kehoach.pipeline.cli", "extract", "--format", "jsonl", "-q", "-j", "2",
         *[str(ROOT / "samples" / name) for name in names]],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True, timeout=900,
    )
    lines = done.stdout.splitlines()
    assert len(lines) == len(names), done.stderr
    return {name: json.loads(line) for name, line in zip(names, lines)}


def bad_uploads(seed: int = 5) -> dict[str, tuple[bytes, int]]:
    """Twenty uploads that must be refused: unsupported bytes (415), and empty or corrupt files of
    known formats (422)."""
    rng = random.Random(seed)
    pdf = (ROOT / "samples" / "lang-son-129-KH-UBND-2019.pdf").read_bytes()
    docx = (ROOT / "samples" / "lang-son-129-KH-UBND-2019.docx").read_bytes()
    bad: dict[str, tuple[bytes, int]] = {}
    for n in range(5):
        bad[f"noise-{n}.bin"] = (bytes(rng.randrange(256) for _ in range(2000)) + b"\x00", 415)
        bad[f"truncated-{n}.pdf"] = (pdf[: 1000 + 500 * n], 422)
        bad[f"empty-{n}.docx"] = (b"" if n % 2 else b"  \n", 422)
        bad[f"broken-{n}.docx"] = (docx[: 2000 + 1000 * n], 422)
    return bad
