"""The ASGI application: `POST /extract`, `POST /validate`, `GET /health` (and FastAPI's
`/openapi.json` and `/docs`), and the database's endpoints (`database_routes.py`).

A document is read by the runner's worker processes (`pipeline/service/pool.py`), never in the event
loop: a request awaits its file's Future. A failed document is an answer, never a crash: its one-line
reason with a status by the kind of failure (`uploads.STATUS`). Uploads over the size limit are refused with
413 before their body is read when they say their length, and as soon as they pass it otherwise.
"""

from __future__ import annotations

import asyncio
import io
import zipfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, Literal

from fastapi import FastAPI, File, HTTPException, Query, Request, UploadFile
from fastapi.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kehoach.pipeline.export import CSV_COLUMNS, CSV_ENCODING, CsvTables, csv_text, plan_to_json, plan_to_jsonl
from kehoach.pipeline.service.database import Database
from kehoach.pipeline.service.database_routes import router
from kehoach.pipeline.service.health import Tools, find_tools
from kehoach.pipeline.service.pool import WorkerPool
from kehoach.pipeline.service.settings import ServiceSettings
from kehoach.pipeline.service.uploads import RESPONSES, FailedError, file_name, read_document, too_large, upload_bytes

# What a multipart body may hold beyond the file itself (boundaries, part headers, other fields).
_MULTIPART_SLACK = 64 * 1024


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
            await JSONResponse(too_large(self.limit), status_code=413)(scope, receive, send)
            return
        received = 0

        async def counting() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.limit:
                raise HTTPException(413, too_large(self.limit)["detail"])
            return message

        await self.app(scope, counting, send)


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
            await asyncio.to_thread(app.state.database.close)
            if own:
                await asyncio.to_thread(app.state.pool.close)

    from kehoach.pipeline.version import kehoach_version

    app = FastAPI(title="kehoach", version=kehoach_version(), lifespan=lifespan,
                  description="Read Vietnamese official plans (Kế hoạch) into structured, validated JSON.")
    app.state.settings = settings
    app.state.database = Database(settings.db)
    app.include_router(router)
    app.add_middleware(_BodyLimit, limit=settings.max_upload_bytes + _MULTIPART_SLACK)

    async def outcome_of(request: Request, upload: UploadFile) -> tuple[str, dict[str, Any]]:
        data = await upload_bytes(upload, settings.max_upload_bytes)
        name = file_name(upload)
        return name, await read_document(request, name, data)

    @app.exception_handler(HTTPException)
    async def http_error(_request: Request, exc: HTTPException) -> JSONResponse:
        kind = "too_large" if exc.status_code == 413 else None
        return JSONResponse({"detail": exc.detail, "kind": kind}, status_code=exc.status_code)

    @app.exception_handler(FailedError)
    async def failed(_request: Request, exc: FailedError) -> JSONResponse:
        return JSONResponse(exc.body, status_code=exc.status)

    @app.post("/extract", responses=RESPONSES,
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

    @app.post("/validate", responses=RESPONSES, summary="The findings of one document")
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


def _csv_zip(tables: CsvTables) -> bytes:
    """The four CSV tables as `kehoach extract --format csv -o DIR` writes them, in one ZIP archive."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for table in CSV_COLUMNS:
            archive.writestr(f"{table}.csv", csv_text(table, tables.rows[table]).encode(CSV_ENCODING))
    return buffer.getvalue()
