"""The service's endpoints over the database of `kehoach ingest` (`pipeline/store/`):
`GET /plans`, `GET /plans/{id}`, `GET /tasks`, `GET /compare`, and `POST /plans`, which ingests an upload.

They answer with the store's own questions (`pipeline/store/queries.py`) and stored plans
(`pipeline/store/read.py`), as `kehoach query` and `kehoach compare --db` do. An upload is read by
the same worker pool as `POST /extract`, under the same limits, and written as `kehoach ingest`
writes a file; the database calls run in threads, never in the event loop.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from fastapi import APIRouter, Depends, File, Query, Request, UploadFile
from fastapi.responses import JSONResponse, Response
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from kehoach.pipeline.service.database import Database
from kehoach.pipeline.version import kehoach_version
from kehoach.pipeline.service.uploads import RESPONSES, FailedError, file_name, read_document, upload_bytes
from kehoach.pipeline.store.connect import failure_reason
from kehoach.pipeline.store.errors import StoreError
from kehoach.pipeline.store.queries import Filters, Rows
from kehoach.pipeline.store.read import UnknownPlanError, plan_ids, plan_of_file, stored_plans

T = TypeVar("T")
MAX_PAGE = 10_000
TOTAL_HEADER = "X-Total-Count"
DATABASE_KIND = "database"
_MEDIA = {"json": "application/json", "text": "text/plain; charset=utf-8", "markdown": "text/markdown; charset=utf-8",
          "csv": "text/csv; charset=utf-8"}
_DATABASE_RESPONSES: dict[int | str, dict[str, Any]] = {
    503: {"description": "The database cannot be used: `detail` says why"},
}

router = APIRouter()


def _database(request: Request) -> Database:
    database: Database = request.app.state.database
    return database


def _unusable(exc: Exception) -> FailedError:
    reason = str(exc) if isinstance(exc, StoreError) else failure_reason(exc)
    return FailedError(503, {"detail": reason, "kind": DATABASE_KIND})


async def _call(work: Callable[[], T]) -> T:
    """`work` in a thread; a database that fails is 503, an unknown plan id 404."""
    try:
        return await asyncio.to_thread(work)
    except UnknownPlanError as exc:
        raise FailedError(404, {"detail": str(exc), "kind": "not_found"}) from None
    except (StoreError, SQLAlchemyError) as exc:
        raise _unusable(exc) from None


async def _read(request: Request, question: Callable[[Connection], T]) -> T:
    """The answer to `question`, in one read-only transaction."""
    database = _database(request)

    def run() -> T:
        with database.reader().begin() as connection:
            return question(connection)

    return await _call(run)


def _records(rows: Rows) -> list[dict[str, Any]]:
    columns, values = rows
    return [dict(zip(columns, row)) for row in values]


@dataclass(frozen=True)
class Page:
    limit: int | None
    offset: int


def _page(rows: Rows, page: Page, response: Response) -> list[dict[str, Any]]:
    """The rows from `offset`, at most `limit` of them; every row's count in X-Total-Count."""
    columns, values = rows
    response.headers[TOTAL_HEADER] = str(len(values))
    end = None if page.limit is None else page.offset + page.limit
    return _records((columns, values[page.offset:end]))


def _paging(
    limit: int | None = Query(None, ge=1, le=MAX_PAGE, description=f"At most this many rows (1-{MAX_PAGE}); all when absent"),
    offset: int = Query(0, ge=0, description="Skip this many rows first (rows are in a stable order)"),
) -> Page:
    return Page(limit, offset)


@router.get("/plans", responses=_DATABASE_RESPONSES, summary="The current plans of the database, as kehoach query plans")
async def list_plans(
    request: Request,
    response: Response,
    province: str | None = Query(None, description="Plans of this province (any case and tone placement)"),
    level: Literal["central", "province", "commune"] | None = Query(None, description="Plans of this issuer level"),
    type: str | None = Query(None, description="Plans of this type code, e.g. KH, QĐ"),
    programme: str | None = Query(None, description="Plans whose legal bases or title name this"),
    year: int | None = Query(None, description="Plans issued this year"),
    page: Page = Depends(_paging),
) -> list[dict[str, Any]]:
    from kehoach.pipeline.store.queries import plans

    filters = Filters(province=province, level=level, type_code=type, programme=programme, year=year)
    return _page(await _read(request, lambda connection: plans(connection, filters)), page, response)


@router.get("/plans/{plan_id}", responses={404: {"description": "No plan with this id"}, **_DATABASE_RESPONSES},
            summary="The Plan JSON of one stored plan (any version)")
async def get_plan(request: Request, plan_id: int) -> Response:
    found = await _read(request, lambda connection: stored_plans(connection, [plan_id]))
    return JSONResponse(found[0])


@router.get("/tasks", responses=_DATABASE_RESPONSES,
            summary="Tasks of the current plans with their units, as kehoach query tasks")
async def list_tasks(
    request: Request,
    response: Response,
    unit: str | None = Query(None, description="Units whose name holds this, abbreviations expanded"),
    province: str | None = Query(None, description="Plans of this province"),
    role: Literal["lead", "coordinating"] | None = Query(None, description="This role only"),
    page: Page = Depends(_paging),
) -> list[dict[str, Any]]:
    from kehoach.pipeline.store.queries import tasks

    filters = Filters(unit=unit, province=province, role=role)
    return _page(await _read(request, lambda connection: tasks(connection, filters)), page, response)


@router.get("/compare", responses={404: {"description": "An id is not in the database"}, **_DATABASE_RESPONSES},
            summary="Stored plans side by side, as kehoach compare --db")
async def compare(
    request: Request,
    ids: list[str] = Query(..., description="Plan ids, comma-separated or repeated: ids=1,2 or ids=1&ids=2"),
    format: Literal["json", "text", "markdown", "csv"] = Query("json", description="As kehoach compare --format"),
) -> Response:
    from kehoach.pipeline.compare import compare_plans, load_programmes, render
    from kehoach.schemas import Plan

    try:
        wanted = plan_ids(ids)
    except StoreError as exc:
        raise FailedError(422, {"detail": str(exc), "kind": "bad_request"}) from None
    found = await _read(request, lambda connection: stored_plans(connection, wanted))

    def rendered() -> str:
        return render(compare_plans([Plan.model_validate(p) for p in found], load_programmes()), format)

    return Response(await asyncio.to_thread(rendered), media_type=_MEDIA[format])


@router.post("/plans", status_code=201, responses={
    200: {"description": "This kehoach version had ingested the same bytes already: nothing was done"},
    201: {"description": "Ingested: added, a new version of a stored plan, or re-extracted"},
    **RESPONSES, **_DATABASE_RESPONSES}, summary="Ingest one document into the database, as kehoach ingest")
async def ingest(request: Request, file: UploadFile = File(..., description="The document")) -> Response:
    """The ingest status (`added`, `new version`, `re-extracted` or `unchanged`) and the plan's id."""
    from kehoach.pipeline.store.write import UNCHANGED, store_plan, unchanged_files

    data = await upload_bytes(file, request.app.state.settings.max_upload_bytes)
    name, sha256, version = file_name(file), hashlib.sha256(data).hexdigest(), kehoach_version()
    database = _database(request)

    # Written through the writer (which creates the database), read through a reader: a read never
    # waits for another request's write.
    def stored_file() -> tuple[int, int] | None:
        with database.reader().connect() as connection:
            return plan_of_file(connection, sha256)

    def known() -> tuple[int, int] | None:
        database.writer()
        return stored_file() if unchanged_files(database.reader(), [sha256], version) else None

    def write(plan: dict[str, Any]) -> tuple[str, tuple[int, int] | None]:
        return store_plan(database.writer(), plan, version), stored_file()

    stored = await _call(known)
    status = UNCHANGED
    if stored is None:
        plan = await read_document(request, name, data)
        status, stored = await _call(lambda: write(plan))
    if stored is None:  # the file was stored and replaced by another request meanwhile
        raise _unusable(StoreError("the plan was replaced while it was written; send it again"))
    plan_id, plan_version = stored
    body = {"status": status, "plan_id": plan_id, "version": plan_version, "file": name}
    return Response(json.dumps(body, ensure_ascii=False), status_code=200 if status == UNCHANGED else 201,
                    media_type="application/json", headers={"Location": f"/plans/{plan_id}"})
