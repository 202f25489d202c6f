"""An uploaded document read by the worker pool: its bytes under the size limit, its outcome awaited
(never run in the event loop), and a failed document turned into its answer (`STATUS`)."""

from __future__ import annotations

import asyncio
import itertools
from pathlib import PurePosixPath
from typing import Any

from fastapi import HTTPException, Request, UploadFile

from kehoach.pipeline import failures
from kehoach.pipeline.inputs import printable
from kehoach.pipeline.job import Job, Outcome

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
# What an endpoint that reads documents may answer besides 200 (in the OpenAPI document).
RESPONSES: dict[int | str, dict[str, Any]] = {
    413: {"description": "The upload is over the size limit"},
    415: {"description": "Not a format kehoach reads"},
    422: {"description": "Corrupt, empty, encrypted or unreadable: `detail` is the one-line reason"},
    504: {"description": "The document took longer than the time limit"},
}
_UPLOAD_NAME = "upload"
_index = itertools.count()


class FailedError(Exception):
    """A request answered with `status` and `body` (a document that could not be read, a database
    that cannot be used)."""

    def __init__(self, status: int, body: dict[str, Any]) -> None:
        super().__init__(body.get("detail"))
        self.status, self.body = status, body


def too_large(limit: int) -> dict[str, str]:
    return {"detail": f"the upload is larger than the limit of {limit / 1024 / 1024:g} MB", "kind": "too_large"}


def file_name(upload: UploadFile) -> str:
    """The uploaded file's own name (no folders): the reader uses its extension, the Plan its name."""
    name = PurePosixPath((upload.filename or "").replace("\\", "/")).name
    return printable(name) if name not in ("", ".", "..") else _UPLOAD_NAME


async def upload_bytes(upload: UploadFile, limit: int) -> bytes:
    """The upload's bytes; 413 past `limit`."""
    data = await upload.read(limit + 1)
    if len(data) > limit:
        raise HTTPException(413, too_large(limit)["detail"])
    return data


async def read_document(request: Request, name: str, data: bytes) -> dict[str, Any]:
    """The Plan JSON data of the document, read by the app's worker pool; FailedError when it fails."""
    future = request.app.state.pool.submit(Job(next(_index), name, data=data))
    outcome: Outcome = await asyncio.wrap_future(future)
    if outcome.plan is None:
        kind = outcome.failure or failures.INTERNAL
        raise FailedError(STATUS.get(kind, 500), {"detail": outcome.error, "kind": kind, "file": name})
    return outcome.plan
