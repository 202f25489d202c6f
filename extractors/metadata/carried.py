"""What a decision or resolution issues or approves: "QUYẾT ĐỊNH Ban hành Kế hoạch ..." carries a Kế hoạch."""

from __future__ import annotations

import re

from kehoach.extractors.metadata.lookup import Lookup
from kehoach.extractors.metadata.spelling import is_caps, sentence_case
from kehoach.extractors.vntext import collapse_spaces
from kehoach.schemas.plan import Carried

# Decree 30/2020/NĐ-CP: the plan-like types a document issues or approves (plan, programme, scheme,
# project, option).
CARRIED_CODES = ("KH", "CTr", "ĐA", "DA", "PA")
_ISSUING = re.compile(r"^\s*(?:về\s+việc\s+)?(?:ban\s+hành|phê\s+duyệt)\s+(?:kèm\s+theo\s+)?", re.I)


def carried_by_title(title: str | None, own_code: str | None, look: Lookup) -> Carried | None:
    """"Ban hành Kế hoạch triển khai ..." -> Carried(KH, "Kế hoạch", "Kế hoạch triển khai ..."); None
    for a title that issues nothing, or for a plan that is itself the document."""
    if not title:
        return None
    title = collapse_spaces(title)
    verb = _ISSUING.match(title)
    if verb is None:
        return None
    rest = title[verb.end() :]
    lower = rest.lower()
    for code in CARRIED_CODES:
        found = look.reference.document_type_by_code(code)
        if found is None or code == own_code:
            continue
        name = found.name.lower()
        if lower.startswith(name) and (len(lower) == len(name) or not lower[len(name)].isalpha()):
            carried_title = sentence_case(rest) if is_caps(rest) else rest
            carried_title = found.name + carried_title[len(name) :]
            return Carried(type_code=code, type_name=found.name, title=carried_title.rstrip(" ."))
    return None
