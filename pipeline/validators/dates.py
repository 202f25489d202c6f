"""Date rules: a plan is not dated before the documents it cites as its basis.

"Cao Bằng, ngày 23 tháng 7 năm 2019" issues a plan that carries out "Quyết định số 996/QĐ-TTg ngày
10/8/2018": the metadata extractor puts both as ISO dates in the Plan; a basis dated after the plan
is a typing error in one of them.
"""

from __future__ import annotations

from datetime import date

from kehoach.schemas import Finding, Plan
from kehoach.schemas.findings import finding

from kehoach.pipeline.validators import rule


def _iso(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


@rule("DATE_BEFORE_BASIS", description="the plan is dated on or after every legal basis it cites")
def dated_after_its_bases(plan: Plan) -> list[Finding]:
    issued = _iso(plan.document.issued_date)
    if issued is None:
        return []
    findings: list[Finding] = []
    for basis in plan.document.legal_bases:
        cited = _iso(basis.date)
        if cited is not None and cited > issued:
            name = " ".join(p for p in (basis.type_name, basis.number) if p) or basis.text[:60]
            findings.append(
                finding(
                    "DATE_BEFORE_BASIS",
                    f"the plan is dated {issued.isoformat()} but cites {name} dated {cited.isoformat()}",
                    basis.source or plan.document.source,
                )
            )
    return findings
