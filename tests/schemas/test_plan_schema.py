"""The checked-in JSON Schema is the one the model generates, and the model holds the contract's fields."""

from __future__ import annotations

import json
from pathlib import Path

from kehoach.schemas import Plan, plan_json_schema
from kehoach.schemas.findings import FINDING_CODES, finding

ROOT = Path(__file__).resolve().parents[2]

CONTRACT_CODES = {
    "BUDGET_SUM_MISMATCH", "AMOUNT_WORDS_MISMATCH", "AMOUNT_UNPARSEABLE", "PERIOD_INVALID",
    "TASK_PERIOD_OUTSIDE_PLAN", "PHASE_GAP_OR_OVERLAP", "DUPLICATE_TASK_ID", "NUMBERING_GAP",
    "TASK_WITHOUT_LEAD_UNIT", "DATE_BEFORE_BASIS", "UNDEFINED_ABBREVIATION", "TEXT_LAYER_UNREADABLE",
    "NOT_A_PLAN", "DOCUMENT_NUMBER_MISSING", "DATE_MISSING", "LEGACY_ENCODING_CONVERTED", "OCR_TEXT_DOUBTFUL",
    "AMOUNT_FOREIGN_CURRENCY",
}


def test_checked_in_schema_is_current() -> None:
    checked_in = json.loads((ROOT / "schemas" / "plan.schema.json").read_text(encoding="utf-8"))
    assert checked_in == plan_json_schema(), "run `kehoach schema > schemas/plan.schema.json`"


def test_contract_fields_are_present() -> None:
    schema = plan_json_schema()
    defs = schema["$defs"]
    assert set(schema["properties"]) >= {
        "schema_version", "source", "document", "units", "tasks", "phases", "targets", "budget", "findings"
    }
    assert set(defs["Document"]["properties"]) >= {
        "number", "type_code", "type_name", "issuer", "province", "place", "issued_date", "title",
        "legal_bases", "signer", "recipients", "carries", "issuer_level", "sources",
    }
    assert set(defs["Task"]["properties"]) >= {
        "id", "number", "parent_id", "kind", "title", "lead_units", "coordinating_units", "period",
        "budget_vnd", "source", "product", "sources",
    }
    assert set(defs["Period"]["properties"]) >= {
        "text", "start_year", "end_year", "recurrence", "years", "start_date", "end_date", "granularity", "source",
    }
    assert set(defs["Target"]["properties"]) >= {
        "year", "quantity", "comparator", "unit", "per_year", "text", "task_id",
        "quantity_max", "approximate", "direction",
    }
    assert set(defs["Budget"]["properties"]) >= {
        "total_vnd", "total_in_words", "total_in_words_vnd", "items", "source"
    }
    assert set(defs["Span"]["properties"]) >= {"page", "text"}


def test_contract_finding_codes_are_all_registered() -> None:
    assert CONTRACT_CODES <= set(FINDING_CODES)


def test_finding_takes_its_code_severity() -> None:
    assert finding("BUDGET_SUM_MISMATCH", "x").severity == "error"
    assert finding("TASK_WITHOUT_LEAD_UNIT", "x").severity == "info"


def test_minimal_plan_dumps_contract_defaults() -> None:
    plan = Plan.model_validate({"source": {"path": "a.txt", "format": "txt", "sha256": "0" * 64}})
    dumped = plan.model_dump(mode="json")
    assert dumped["schema_version"] == "1.1"
    assert dumped["document"]["legal_bases"] == [] and dumped["document"]["number"] is None
    assert dumped["budget"] is None and dumped["tasks"] == []
