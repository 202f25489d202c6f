"""Serialization of plans: JSON, JSON Lines, and output file naming."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from schemas import Plan


def plan_to_dict(plan: Plan) -> dict[str, object]:
    return plan.model_dump(mode="json")


def plan_to_json(plan: Plan, *, indent: int | None = 2) -> str:
    return json.dumps(plan_to_dict(plan), ensure_ascii=False, indent=indent)


def plan_to_jsonl(plan: Plan) -> str:
    return json.dumps(plan_to_dict(plan), ensure_ascii=False, separators=(",", ":"))


def output_name(path: str, root: str | None) -> Path:
    """Where a plan read from `path` goes below the output folder: its path below `root`, plus .json.

    The extension is kept ("plan.pdf.json") so that renderings of one plan in several formats do
    not overwrite each other.
    """
    file = Path(path)
    if root is not None:
        try:
            relative = file.resolve().relative_to(Path(root).resolve())
            return relative.with_name(relative.name + ".json")
        except ValueError:
            pass
    return Path(file.name + ".json")


def write_atomic(target: Path, text: str) -> None:
    """Write a file so that a reader never sees half of it: a temporary file, then a rename."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.write("\n")
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
