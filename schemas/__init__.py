"""The normalized model of a plan (kehoach's output contract)."""

from schemas.plan import (
    SCHEMA_VERSION,
    Budget,
    BudgetItem,
    Document,
    Finding,
    LegalBasis,
    Period,
    Phase,
    Plan,
    Signer,
    Source,
    Span,
    Target,
    Task,
    Unit,
    plan_json_schema,
)

__all__ = [
    "SCHEMA_VERSION",
    "Budget",
    "BudgetItem",
    "Document",
    "Finding",
    "LegalBasis",
    "Period",
    "Phase",
    "Plan",
    "Signer",
    "Source",
    "Span",
    "Target",
    "Task",
    "Unit",
    "plan_json_schema",
]
