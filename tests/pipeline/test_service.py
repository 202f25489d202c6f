"""`kehoach serve` for real: the server started on the loopback as a user starts it, and talked to over
HTTP with httpx. Every good answer is the CLI's plan for the same file (its source path aside); bad
uploads get their status and one-line reason, and the server goes on."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from collections.abc import Iterator

import httpx
import pytest

from service_load import ROOT, bad_uploads, cli_plans, run_load, running_server, without_path

SAMPLES = ROOT / "samples"
# The seed samples that are quick to read (the PDFs take seconds each on a loaded machine).
QUICK = [f"{stem}.{ext}" for stem in ("lang-son-129-KH-UBND-2019", "an-giang-27-KH-SKHCN-2021")
         for ext in ("txt", "html", "docx")]
PDF = "lang-son-129-KH-UBND-2019.pdf"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("service") / "kehoach.db"
    with running_server("--jobs", "2", "--max-upload", "1", "--db", str(db)) as base:
        yield base


@pytest.fixture(scope="module")
def plans() -> dict[str, dict]:
    return cli_plans([*QUICK, PDF])


def _upload(base: str, name: str, data: bytes | None = None, path: str = "/extract", **params: str) -> httpx.Response:
    body = data if data is not None else (SAMPLES / name).read_bytes()
    return httpx.post(f"{base}{path}", files={"file": (name, body)}, params=params, timeout=600)


def test_health_tells_the_version_and_the_tools(server: str) -> None:
    answer = httpx.get(f"{server}/health", timeout=30).json()
    assert answer["status"] == "ok"
    assert answer["version"]
    assert answer["libreoffice"] == bool(shutil.which("soffice") or shutil.which("libreoffice"))
    assert answer["ocr"] == ("vie" in answer["ocr_languages"])
    assert answer["workers"] == 2
    assert answer["limits"]["max_upload_mb"] == 1


def test_the_openapi_document_describes_the_endpoints(server: str) -> None:
    paths = httpx.get(f"{server}/openapi.json", timeout=30).json()["paths"]
    assert {"/extract", "/validate", "/health", "/plans", "/plans/{plan_id}", "/tasks", "/compare"} <= set(paths)
    assert {"get", "post"} <= set(paths["/plans"])
    assert "413" in paths["/extract"]["post"]["responses"]


def test_a_pdf_upload_gives_the_plan_the_cli_gives(server: str, plans: dict[str, dict]) -> None:
    answer = _upload(server, PDF)
    assert answer.status_code == 200
    plan = answer.json()
    assert plan["document"]["number"] == "129/KH-UBND"
    assert plan["document"]["province"] == "Lạng Sơn"
    assert plan["source"] == {**plans[PDF]["source"], "path": PDF}
    assert without_path(plan) == without_path(plans[PDF])


def test_jsonl_and_csv_as_the_cli_writes_them(server: str, plans: dict[str, dict]) -> None:
    name = "an-giang-27-KH-SKHCN-2021.html"
    lines = _upload(server, name, format="jsonl").text.splitlines()
    assert len(lines) == 1 and without_path(json.loads(lines[0])) == without_path(plans[name])
    archive = zipfile.ZipFile(io.BytesIO(_upload(server, name, format="csv").content))
    assert sorted(archive.namelist()) == ["budget.csv", "documents.csv", "targets.csv", "tasks.csv"]
    tasks = archive.read("tasks.csv").decode("utf-8-sig").splitlines()
    assert len(tasks) == 1 + len(plans[name]["tasks"])
    table = _upload(server, name, format="csv", table="tasks")
    assert table.headers["content-type"].startswith("text/csv")
    assert table.content == archive.read("tasks.csv")


def test_validate_gives_the_findings_and_the_exit_semantics(server: str, plans: dict[str, dict]) -> None:
    name = "lang-son-129-KH-UBND-2019.docx"
    answer = _upload(server, name, path="/validate").json()
    assert answer["findings"] == plans[name]["findings"]
    errors = sum(f["severity"] == "error" for f in plans[name]["findings"])
    assert answer["counts"]["error"] == errors
    assert answer["exit_code"] == (1 if errors else 0) and answer["has_errors"] == bool(errors)


@pytest.mark.parametrize(("name", "data", "status", "reason"), [
    ("noise.bin", b"\x00\x01\x02\xff" * 100, 415, "unsupported file type"),
    ("cut.pdf", (SAMPLES / PDF).read_bytes()[:1500], 422, "corrupt or unreadable PDF"),
    ("empty.txt", b"", 422, "the file is empty"),
    ("cut.docx", (SAMPLES / "lang-son-129-KH-UBND-2019.docx").read_bytes()[:3000], 422, "corrupt ZIP container"),
], ids=["unsupported", "corrupt-pdf", "empty", "corrupt-docx"])
def test_a_bad_upload_gets_its_status_and_one_line_reason(server: str, name: str, data: bytes, status: int,
                                                          reason: str) -> None:
    for path in ("/extract", "/validate"):
        answer = _upload(server, name, data, path=path)
        assert answer.status_code == status
        assert answer.json()["detail"].startswith(reason) and "\n" not in answer.json()["detail"]
        assert answer.json()["file"] == name


def test_an_upload_over_the_limit_is_413_and_the_server_goes_on(server: str) -> None:
    answer = _upload(server, "big.txt", b"K" * (1024 * 1024 + 10))
    assert answer.status_code == 413
    assert "larger than the limit of 1 MB" in answer.json()["detail"]
    # Without a Content-Length the body is counted as it comes.
    def chunks() -> Iterator[bytes]:
        yield b'--zzz\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\n\r\n'
        for _ in range(40):
            yield b"x" * 65536
        yield b"\r\n--zzz--\r\n"

    streamed = httpx.post(f"{server}/extract", content=chunks(), timeout=60,
                          headers={"content-type": "multipart/form-data; boundary=zzz"})
    assert streamed.status_code == 413
    assert httpx.get(f"{server}/health", timeout=30).status_code == 200


def test_a_small_load_with_bad_uploads_mixed_in(server: str, plans: dict[str, dict]) -> None:
    bad = dict(list(bad_uploads().items())[:4])
    # The first four sample files go to POST /plans: each is a file new to the database.
    result = run_load(server, {name: plans[name] for name in QUICK}, bad, uploads=12, clients=4, ingests=4)
    print("\nservice load (default run):", result.figures())
    assert not result.unexpected
    assert not result.mismatches
    assert not any(status >= 500 for status in result.statuses)
    assert (result.statuses[200], result.statuses[201]) == (8, 4)


def test_a_document_over_the_time_limit_is_504_and_the_server_goes_on() -> None:
    # Configured by the environment alone, as in a container.
    # 0.1 s: no machine reads the seed PDF's pages that fast, however idle (its worker has loaded every
    # library before its clock starts).
    with running_server(environment={"KEHOACH_JOBS": "1", "KEHOACH_TIMEOUT": "0.1"}) as base:
        health = httpx.get(f"{base}/health", timeout=30).json()
        assert health["workers"] == 1 and health["limits"]["timeout_s"] == 0.1
        for _ in range(2):  # the second one runs on the worker that replaced the killed one
            answer = _upload(base, PDF)
            assert answer.status_code == 504
            assert answer.json() == {"detail": "timed out after 0.1 s", "kind": "timeout", "file": PDF}
        assert httpx.get(f"{base}/health", timeout=30).json()["status"] == "ok"


def test_a_database_url_of_another_kind_is_refused_before_the_server_starts() -> None:
    from click.testing import CliRunner

    from kehoach.pipeline.cli import main

    result = CliRunner().invoke(main, ["serve", "--db", "mysql://me@dbhost/plans"])
    assert result.exit_code == 2
    assert "Invalid value for --db: mysql: unsupported database (give a file path or postgresql://...)" in result.output
