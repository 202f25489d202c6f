"""`kehoach extract --cluster`: a batch on Dask gives the outputs of `--jobs 2` byte for byte, and a
Dask worker killed in the middle of a batch loses nothing: its file is run again elsewhere."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
QUICK = [SAMPLES / f"{stem}.{ext}" for stem in ("lang-son-129-KH-UBND-2019", "an-giang-27-KH-SKHCN-2021")
         for ext in ("txt", "html")]


def _kehoach(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run([sys.executable, "-m", "kehoach.pipeline.cli", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=900)


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _failure_lines(stderr: str) -> list[str]:
    return sorted(line for line in stderr.splitlines() if "error:" in line or "failed:" in line)


def test_a_local_cluster_of_two_gives_the_outputs_of_two_jobs_byte_for_byte(tmp_path: Path) -> None:
    noise = tmp_path / "in" / "noise.pdf"
    noise.parent.mkdir()
    noise.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 8)
    inputs = [str(p) for p in QUICK] + [str(noise)]
    on_cluster = _kehoach("extract", *inputs, "-o", str(tmp_path / "cluster"), "--cluster", "local:2")
    with_jobs = _kehoach("extract", *inputs, "-o", str(tmp_path / "jobs"), "--jobs", "2")
    assert on_cluster.returncode == with_jobs.returncode == 2  # the corrupt PDF fails in both
    assert _tree(tmp_path / "cluster") == _tree(tmp_path / "jobs")
    assert len(_tree(tmp_path / "jobs")) == len(QUICK)
    assert _failure_lines(on_cluster.stderr) == _failure_lines(with_jobs.stderr) != []
    assert on_cluster.stderr.splitlines()[-3].startswith("kehoach: 5 files: 4 extracted, 1 failed;")
    lines = _kehoach("extract", *map(str, QUICK), "--format", "jsonl", "-q", "--cluster", "local:2")
    assert lines.stdout == _kehoach("extract", *map(str, QUICK), "--format", "jsonl", "-q", "-j", "2").stdout


def test_a_bad_local_cluster_size_is_a_usage_error() -> None:
    done = _kehoach("extract", str(QUICK[0]), "--cluster", "local:none")
    assert done.returncode == 2 and "local:N needs a number of workers" in done.stderr


def test_a_worker_killed_in_the_middle_loses_no_file(tmp_path: Path) -> None:
    import dask
    from distributed import Client, LocalCluster

    files = []
    for n in range(8):
        source = QUICK[n % len(QUICK)]
        files.append(tmp_path / f"{n}-{source.name}")
        files[-1].write_bytes(source.read_bytes())
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}), \
            LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                         dashboard_address=None) as cluster, Client(cluster) as client:
        batch = subprocess.Popen(
            [sys.executable, "-m", "kehoach.pipeline.cli", "extract", *map(str, files), "--format", "jsonl",
             "--cluster", cluster.scheduler_address],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        deadline = time.monotonic() + 300
        busy: list[str] = []
        while not busy and time.monotonic() < deadline and batch.poll() is None:
            busy = [worker for worker, keys in client.processing().items()
                    if any(str(key).startswith("kehoach-") for key in keys)]
            time.sleep(0.05)
        assert busy, "no worker ever held a file"
        pids = client.run(os.getpid)
        os.kill(pids[busy[0]], signal.SIGKILL)
        stdout, stderr = batch.communicate(timeout=900)
    assert batch.returncode == 0, stderr
    plans = [json.loads(line) for line in stdout.splitlines()]
    assert [p["source"]["path"] for p in plans] == [str(f) for f in files]
    assert [p["source"]["sha256"] for p in plans] == [hashlib.sha256(f.read_bytes()).hexdigest() for f in files]
    assert {p["document"]["number"] for p in plans} == {"129/KH-UBND", "27/KH-SKHCN"}
    assert "8 files: 8 extracted, 0 failed" in stderr


def test_a_file_whose_worker_died_twice_is_reported_failed() -> None:
    """After its retry (ALLOWED_FAILURES), the scheduler gives up a file with KilledWorker: the file
    fails with a reason, as a file whose worker died does in --jobs N, and the batch goes on."""
    from distributed.scheduler import KilledWorker

    from kehoach.pipeline.cluster import ALLOWED_FAILURES, _outcome_of
    from kehoach.pipeline.job import Job

    class _LostFuture:
        status = "error"

        def exception(self) -> BaseException:
            return KilledWorker("kehoach-x-3", "tcp://127.0.0.1:40000", ALLOWED_FAILURES)

    outcome = _outcome_of(_LostFuture(), Job(3, "corpus/a.pdf"))
    assert (outcome.index, outcome.path, outcome.plan, outcome.failure) == (3, "corpus/a.pdf", None, "crashed")
    assert outcome.error == "the Dask worker died twice while reading it (KilledWorker)"
