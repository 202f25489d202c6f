"""End to end: every sample goes through the whole pipeline; plans we vouch for match their golden JSON.

A golden file `samples/expected/<plan>.json` holds the contract fields of one plan (without spans,
which differ by format). Every rendering of that plan (txt, html, docx, pdf) must give exactly it.
`KEHOACH_REGEN=1 pytest tests/e2e` rewrites the golden files from the current output, and the
test below fails while the flag is set, so that a regeneration is never committed by accident.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from kehoach.pipeline.run import process_path

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
EXPECTED = SAMPLES / "expected"
PLAN_SUFFIXES = {".txt", ".md", ".html", ".docx", ".doc", ".pdf"}
REGEN = os.environ.get("KEHOACH_REGEN") == "1"

ALL_SAMPLES = sorted(
    p for p in SAMPLES.rglob("*") if p.suffix.lower() in PLAN_SUFFIXES and p.stem.upper() != "README"
)


def _golden_for(path: Path) -> Path | None:
    stem = path.name.rsplit(".", 1)[0]
    golden = EXPECTED / f"{stem}.json"
    return golden if golden.exists() or REGEN else None


def _strip_sources(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_sources(v) for k, v in value.items() if k not in ("source", "sources")}
    if isinstance(value, list):
        return [_strip_sources(v) for v in value]
    return value


def contract_projection(plan: dict[str, Any]) -> dict[str, Any]:
    """The contract fields that must not depend on the format a plan was published in."""
    return {
        "document": _strip_sources(plan["document"]),
        "units": [{"name": u["name"], "abbreviations": u["abbreviations"]} for u in plan["units"]],
        "tasks": _strip_sources(plan["tasks"]),
        "phases": _strip_sources(plan["phases"]),
        "targets": _strip_sources(plan["targets"]),
        "budget": _strip_sources(plan["budget"]),
        "findings": sorted({(f["code"], f["severity"]) for f in plan["findings"] if f["code"] != "TEXT_LAYER_UNREADABLE"}),
    }


@pytest.mark.parametrize("path", ALL_SAMPLES, ids=lambda p: p.relative_to(SAMPLES).as_posix())
def test_sample_extracts_without_error(path: Path) -> None:
    result = process_path(str(path))
    assert result.error is None, result.error
    assert result.rule_errors == []
    assert result.plan is not None and result.plan.source.sha256


VOUCHED = [p for p in ALL_SAMPLES if (EXPECTED / f"{p.name.rsplit('.', 1)[0]}.json").exists() or REGEN]


@pytest.mark.parametrize("path", VOUCHED, ids=lambda p: p.relative_to(SAMPLES).as_posix())
def test_sample_matches_golden(path: Path) -> None:
    result = process_path(str(path))
    assert result.plan is not None, result.error
    got = json.loads(json.dumps(contract_projection(result.plan.model_dump(mode="json")), ensure_ascii=False))
    golden = EXPECTED / f"{path.name.rsplit('.', 1)[0]}.json"
    if REGEN and path.suffix == ".txt" or (REGEN and not golden.exists()):
        EXPECTED.mkdir(exist_ok=True)
        golden.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    expected = json.loads(golden.read_text(encoding="utf-8"))
    assert got == expected


def test_regeneration_flag_is_off() -> None:
    assert not REGEN, "KEHOACH_REGEN=1 rewrites the golden files; unset it before committing"
