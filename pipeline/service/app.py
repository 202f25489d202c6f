"""The ASGI application: `POST /extract`, `POST /validate`, `GET /health` (and FastAPI's
`/openapi.json` and `/docs`).

A document is read by the runner's worker processes (`pipeline/service/pool.py`), never in the event
loop: a request awaits its file's Future. A failed document is an answer, never a crash: its one-line
reason with a status by the kind of failure (`STATUS`). Uploads over the size limit are refused with
413 before their body is read when they say their length, and as soon as they pass it otherwise.
"""

from __future__ import annotations

import asyncio
import io
import itertools
import zipfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import PurePosixPath
from typing import Any, Literal

from fastapi import FastAPI, File, HTTPException, Query, Request, UploadFile
from fastapi.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kehoach.pipeline import failures
from kehoach.pipeline.export import CSV_COLUMNS, CSV_ENCODING, CsvTables, csv_text, plan_to_json, plan_to_jsonl
from kehoach.pipeline.inputs import printable
from kehoach.pipeline.job import Job, Outcome
from kehoach.pipeline.service.health import Tools, find_tools
from kehoach.pipeline.service.pool import WorkerPool
from kehoach.pipeline.service.settings import ServiceSettings

# The HTTP status of each kind of failure (`pipeline/failures.py`).
STATUS = {
    failures.UNSUPPORTED: 415,
    failures.UNREADABLE: 422,
    failures.MEMORY: 422,
    failures.TIMEOUT: 504,
    failures.MISSING_DEPENDENCY: 503,
    failures.CRASHED: 500,
    failures.INTERNAL: 500,
}
# What a multipart body may hold beyond the file itself (boundaries, part headers, other fields).
_MULTIPART_SLACK = 64 * 1024
_UPLOAD_NAME = "upload"
_index = itertools.count()


class _BodyLimit:
    """Refuse a request body larger than `limit` bytes with 413, from its Content-Length when it gives
    one, else as soon as the bytes received pass the limit."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.limit:
            await JSONResponse(_too_large(self.limit), status_code=413)(scope, receive, send)
            return
        received = 0

        async def counting() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.limit:
                raise HTTPException(413, _too_large(self.limit)["detail"])
            return message

        await self.app(scope, counting, send)


def _too_large(limit: int) -> dict[str, str]:
    return {"detail": f"the upload is larger than the limit of {limit / 1024 / 1024:g} MB", "kind": "too_large"}


def _file_name(upload: UploadFile) -> str:
    """The uploaded file's own name (no folders): the reader uses its extension, the Plan its name."""
    name = PurePosixPath((upload.filename or "").replace("\\", "/")).name
    return printable(name) if name not in ("", ".", "..") else _UPLOAD_NAME


def create_app(settings: ServiceSettings | None = None, pool: WorkerPool | None = None) -> FastAPI:
    """The application; it starts its own worker pool (and stops it at shutdown) unless given one."""
    settings = settings or ServiceSettings()
    tools: dict[str, Tools] = {}

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        own = pool is None
        # The tools are probed before the pool forks its first worker: a worker forked while a probe
        # runs would inherit the probe's pipe and keep it open, and the probe would wait for it forever.
        tools["found"] = await asyncio.to_thread(find_tools)
        app.state.pool = pool or WorkerPool(settings.batch())
        try:
            yield
        finally:
            if own:
                await asyncio.to_thread(app.state.pool.close)

    from kehoach.pipeline.service.health import kehoach_version

    app = FastAPI(title="kehoach", version=kehoach_version(), lifespan=lifespan,
                  description="Read Vietnamese official plans (Kế hoạch) into structured, validated JSON.")
    app.add_middleware(_BodyLimit, limit=settings.max_upload_bytes + _MULTIPART_SLACK)

    async def outcome_of(request: Request, upload: UploadFile) -> tuple[str, dict[str, Any]]:
        data = await upload.read(settings.max_upload_bytes + 1)
        if len(data) > settings.max_upload_bytes:
            raise HTTPException(413, _too_large(settings.max_upload_bytes)["detail"])
        name = _file_name(upload)
        future = request.app.state.pool.submit(Job(next(_index), name, data=data))
        outcome: Outcome = await asyncio.wrap_future(future)
        if outcome.plan is None:
            kind = outcome.failure or failures.INTERNAL
            raise _Failed(STATUS.get(kind, 500), {"detail": outcome.error, "kind": kind, "file": name})
        return name, outcome.plan

    @app.exception_handler(HTTPException)
    async def http_error(_request: Request, exc: HTTPException) -> JSONResponse:
        kind = "too_large" if exc.status_code == 413 else None
        return JSONResponse({"detail": exc.detail, "kind": kind}, status_code=exc.status_code)

    @app.exception_handler(_Failed)
    async def failed(_request: Request, exc: _Failed) -> JSONResponse:
        return JSONResponse(exc.body, status_code=exc.status)

    responses: dict[int | str, dict[str, Any]] = {
        413: {"description": "The upload is over the size limit"},
        415: {"description": "Not a format kehoach reads"},
        422: {"description": "Corrupt, empty, encrypted or unreadable: `detail` is the one-line reason"},
        504: {"description": "The document took longer than the time limit"},
    }

    @app.post("/extract", responses=responses,
              summary="The Plan of one document (PDF, DOCX, DOC, HTML, text, Markdown)")
    async def extract(
        request: Request,
        file: UploadFile = File(..., description="The document"),
        format: Literal["json", "jsonl", "csv"] = Query("json", description="As `kehoach extract --format`"),
        table: Literal["documents", "tasks", "targets", "budget"] | None = Query(
            None, description="With format=csv: this one table as text/csv instead of a ZIP of the four"),
    ) -> Response:
        _name, plan = await outcome_of(request, file)
        if format == "json":
            return Response(plan_to_json(plan) + "\n", media_type="application/json")
        if format == "jsonl":
            return Response(plan_to_jsonl(plan) + "\n", media_type="application/x-ndjson")
        tables = CsvTables()
        tables.add(plan)
        if table is not None:
            return Response(csv_text(table, tables.rows[table]).encode(CSV_ENCODING),
                            media_type="text/csv; charset=utf-8")
        return Response(_csv_zip(tables), media_type="application/zip",
                        headers={"Content-Disposition": 'attachment; filename="plan-csv.zip"'})

    @app.post("/validate", responses=responses, summary="The findings of one document")
    async def validate(request: Request, file: UploadFile = File(..., description="The document")) -> dict[str, Any]:
        """The findings, and the verdict of `kehoach validate`: `exit_code` 1 when any finding is an
        error, else 0 (an unreadable document is a 4xx answer, as the CLI's exit 2)."""
        name, plan = await outcome_of(request, file)
        found = plan.get("findings") or []
        counts = {severity: sum(f.get("severity") == severity for f in found) for severity in ("error", "warning", "info")}
        return {"file": name, "findings": found, "counts": counts, "has_errors": counts["error"] > 0,
                "exit_code": 1 if counts["error"] else 0}

    @app.get("/health", summary="The version, and what this machine can read")
    async def health(request: Request) -> dict[str, Any]:
        found = tools.get("found")
        return {
            "status": "ok",
            **(found.as_dict() if found else {}),
            "workers": request.app.state.pool.settings.jobs,
            "limits": {"timeout_s": settings.timeout_s, "max_memory_mb": settings.max_memory_mb,
                       "max_upload_mb": settings.max_upload_mb},
        }

    return app


class _Failed(Exception):
    """A document that could not be read, answered with `status` and `body`."""

    def __init__(self, status: int, body: dict[str, Any]) -> None:
        super().__init__(body.get("detail"))
        self.status, self.body = status, body


def _csv_zip(tables: CsvTables) -> bytes:
    """The four CSV tables as `kehoach extract --format csv -o DIR` writes them, in one ZIP archive."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for table in CSV_COLUMNS:
            archive.writestr(f"{table}.csv", csv_text(table, tables.rows[table]).encode(CSV_ENCODING))
    return buffer.getvalue()
