"""Amount rules: an amount in words says the amount in digits, and can be read.

"Dự kiến khoảng: 12.425.000.000 đồng (Bằng chữ: Mười hai tỷ bốn trăm hai mươi năm triệu đồng)":
the budget extractor reads both into the Plan (``total_vnd``, ``total_in_words_vnd``); these rules
only compare what the Plan carries.
"""

from __future__ import annotations

from kehoach.schemas import Finding, Plan
from kehoach.schemas.findings import finding

from kehoach.pipeline.validators import rule
from kehoach.pipeline.validators.budget import vnd


@rule("AMOUNT_WORDS_MISMATCH", description="the total in words equals the total in digits")
def words_match_digits(plan: Plan) -> list[Finding]:
    budget = plan.budget
    if budget is None or budget.total_vnd is None or budget.total_in_words_vnd is None:
        return []
    if budget.total_vnd == budget.total_in_words_vnd:
        return []
    return [
        finding(
            "AMOUNT_WORDS_MISMATCH",
            f"the total in digits is {vnd(budget.total_vnd)} but the words "
            f"{budget.total_in_words!r} say {vnd(budget.total_in_words_vnd)}",
            budget.source,
        )
    ]


@rule("AMOUNT_UNPARSEABLE", description="an amount in words that was printed can be read")
def words_are_readable(plan: Plan) -> list[Finding]:
    """Words printed but not read; skipped when the extractor already said so (it names the words)."""
    budget = plan.budget
    if budget is None or not budget.total_in_words or budget.total_in_words_vnd is not None:
        return []
    if any(f.code == "AMOUNT_UNPARSEABLE" and budget.total_in_words in f.message for f in plan.findings):
        return []
    return [
        finding(
            "AMOUNT_UNPARSEABLE",
            f"the total in words {budget.total_in_words!r} could not be read as an amount",
            budget.source,
        )
    ]
