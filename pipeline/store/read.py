"""Stored plans read back: the Plan JSON of a plan id (any version, current or not), and the plan a
stored file became.

`kehoach compare --db` and the service's `GET /plans/{id}` and `GET /compare` read plans here.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from kehoach.pipeline.store import tables as t
from kehoach.pipeline.store.errors import StoreError


class UnknownPlanError(StoreError):
    """A plan id that is not in the database."""


def plan_ids(texts: Sequence[str]) -> list[int]:
    """Plan ids as typed ("3", "3,7"); StoreError names the first that is not one."""
    ids = []
    for text in texts:
        for part in text.split(","):
            part = part.strip()
            if not part.isdigit() or not part.isascii():
                raise StoreError(f"{part or text!r}: not a plan id (a number, as kehoach query plans shows)")
            ids.append(int(part))
    return ids


def stored_plans(connection: Connection, ids: Sequence[int]) -> list[dict[str, Any]]:
    """The Plan JSON data of each id, in the order given; UnknownPlanError names the ids not found."""
    wanted = sorted(set(ids))
    found: dict[int, str] = {}
    for start in range(0, len(wanted), 500):
        query = select(t.plans.c.id, t.plans.c.plan_json).where(t.plans.c.id.in_(wanted[start:start + 500]))
        found.update((row.id, row.plan_json) for row in connection.execute(query))
    missing = [str(plan_id) for plan_id in wanted if plan_id not in found]
    if missing:
        raise UnknownPlanError(f"no plan with id {', '.join(missing)} in the database")
    return [json.loads(found[plan_id]) for plan_id in ids]


def plan_of_file(connection: Connection, sha256: str) -> tuple[int, int] | None:
    """The id and version of the plan a stored file (by its sha256) became, or None."""
    row = connection.execute(
        select(t.plans.c.id, t.plans.c.version).join(t.documents, t.documents.c.id == t.plans.c.document_id)
        .where(t.documents.c.sha256 == sha256)).first()
    return (row.id, row.version) if row is not None else None
