"""Content rules: a plan says what will be done (tasks), towards what (targets) or with what (budget).

A document with none of them (a report, a decision, a letter read as "Kế hoạch") is not a plan.
"""

from __future__ import annotations

from kehoach.schemas import Finding, Plan
from kehoach.schemas.findings import finding

from kehoach.pipeline.validators import rule


@rule("NOT_A_PLAN", description="the document has tasks, targets or a budget")
def looks_like_a_plan(plan: Plan) -> list[Finding]:
    if plan.tasks or plan.targets or plan.budget is not None:
        return []
    kind = plan.document.type_name or "the document"
    return [
        finding(
            "NOT_A_PLAN",
            f"no tasks, targets or budget were found in {kind}; it does not look like a plan",
            plan.document.source,
        )
    ]


@rule("DOCUMENT_NUMBER_MISSING", description="the document's number after \"Số:\" was read")
def has_a_number(plan: Plan) -> list[Finding]:
    if plan.document.number is not None:
        return []
    printed = plan.document.source is not None
    why = (
        "the number after \"Số:\" is blank (a draft) or could not be read (written by hand)"
        if printed
        else "no \"Số:\" line with a number was found"
    )
    return [finding("DOCUMENT_NUMBER_MISSING", f"the document has no readable number: {why}", plan.document.source)]


@rule("DATE_MISSING", description="the document's issue date was read")
def has_a_date(plan: Plan) -> list[Finding]:
    if plan.document.issued_date is not None:
        return []
    return [
        finding(
            "DATE_MISSING",
            "the issue date has no readable day, month and year (blank in a draft, or not printed); issued_date is null",
            plan.document.source,
        )
    ]
