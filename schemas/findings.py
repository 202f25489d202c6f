"""The finding codes of the contract: stable UPPER_SNAKE names, their default severity and meaning.

Other systems filter on these codes: more may be added, none renamed (a test pins this list).
"""

from __future__ import annotations

import re

from kehoach.schemas.plan import Finding, Severity, Span

FINDING_CODES: dict[str, tuple[Severity, str]] = {
    "BUDGET_SUM_MISMATCH": ("error", "the parts of a budget node (or per-task budgets) do not add up to the stated total"),
    "AMOUNT_WORDS_MISMATCH": ("error", 'an amount written in words ("Bằng chữ: ...") is not the amount in digits'),
    "AMOUNT_UNPARSEABLE": ("warning", "an amount in digits or words could not be read"),
    "PERIOD_INVALID": ("error", "a period starts after it ends, or names an impossible year"),
    "TASK_PERIOD_OUTSIDE_PLAN": ("warning", "a task's period lies outside the plan's own span (its phases or stated horizon)"),
    "PHASE_GAP_OR_OVERLAP": ("warning", "consecutive phases leave years uncovered or overlap"),
    "DUPLICATE_TASK_ID": ("error", "two tasks carry the same number at the same level"),
    "NUMBERING_GAP": ("warning", "task numbering skips (1.1, 1.3)"),
    "TASK_WITHOUT_LEAD_UNIT": ("info", "a task names no lead unit"),
    "DATE_BEFORE_BASIS": ("warning", "the plan is dated before a document it cites as its basis"),
    "UNDEFINED_ABBREVIATION": ("info", "a unit abbreviation is used that the plan never defines and that is not a known one"),
    "TEXT_LAYER_UNREADABLE": ("error", "a page's text is missing or garbled and could not be recovered"),
    "NOT_A_PLAN": ("warning", "the document does not look like a plan (no tasks, targets or budget found)"),
    "DOCUMENT_NUMBER_MISSING": ("info", 'the number after "Số:" is blank (a draft) or unreadable (handwritten)'),
    "DATE_MISSING": ("info", "the day or month of the issue date is blank or unreadable; issued_date stays null"),
    "LEGACY_ENCODING_CONVERTED": ("info", "text in TCVN3 (ABC) or VNI was converted to Unicode (which encoding, where)"),
    "OCR_TEXT_DOUBTFUL": ("warning", "a page read by OCR whose text fails the quality check: values from it may be wrong"),
    "AMOUNT_FOREIGN_CURRENCY": ("info", "an amount in another currency (USD, EUR ...): kept as printed, never converted or added into đồng"),
}

_CODE = re.compile(r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$")


def is_valid_code(code: str) -> bool:
    return bool(_CODE.match(code))


def finding(code: str, message: str, source: Span | None = None, severity: Severity | None = None) -> Finding:
    """A Finding with a registered code; the severity defaults to the code's own."""
    if code not in FINDING_CODES:
        raise ValueError(f"unregistered finding code {code!r}")
    return Finding(code=code, severity=severity or FINDING_CODES[code][0], message=message, source=source)
