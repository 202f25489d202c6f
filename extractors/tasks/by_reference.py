"""Leads given by reference in "Tổ chức thực hiện":

    "Bộ Xây dựng chủ trì thực hiện các nhiệm vụ tại mục 1-6 Phần III"
    "Giao Sở Y tế chủ trì các nhiệm vụ nêu tại mục 2, 3 và 5 Phần II"
    "Sở Nội vụ chủ trì triển khai các nhiệm vụ tại Phụ lục kèm theo"

The units named before "chủ trì" become the lead of the tasks referred to (the items numbered so under
that Roman part, or every task of the appendix) that name no lead of their own. A reference without
its part ("tại mục 1-6") is left alone: the same numbers recur under every part.
"""

from __future__ import annotations

import re

from kehoach.extractors.outline import is_roman
from kehoach.extractors.structure import Section
from kehoach.extractors.tasks.drafts import Context, Draft
from kehoach.extractors.units import find_unit_mentions

_REFERENCE = re.compile(
    r"chủ trì(?:\s*,?\s*(?:thực hiện|triển khai|tổ chức thực hiện|tổ chức triển khai))?\s+(?:các\s+)?"
    r"(?:nhiệm vụ|nội dung|hoạt động)\s+(?:được giao\s+)?(?:nêu\s+)?(?:tại|ở|thuộc)\s+"
    r"(?:(?:mục|điểm|khoản)\s+(?P<items>[\dIVX.,\s\-–]+?(?:\s*(?:và|đến)\s*[\dIVX.]+)?)\s*"
    r"(?:phần|mục|của phần)\s+(?P<part>[IVX]+)\b"
    r"|(?P<appendix>phụ lục)(?:\s+(?:số\s+)?(?P<annex>[IVX]+|\d+)\b)?)",
    re.I,
)
_RANGE = re.compile(r"(?P<a>\d+)\s*(?:-|–|đến)\s*(?P<b>\d+)")
_PLAIN = re.compile(r"[\dIVX]+(?:\.\d+)*")
_MAX_GAP = 12  # characters between the last unit and "chủ trì"


def _numbers(items: str) -> set[str]:
    numbers: set[str] = set()
    for match in _RANGE.finditer(items):
        numbers.update(str(n) for n in range(int(match["a"]), int(match["b"]) + 1))
    numbers.update(_PLAIN.findall(_RANGE.sub(" ", items)))
    return numbers


def _targets(drafts: list[Draft], match: re.Match[str]) -> list[Draft]:
    if match["appendix"]:
        label = "PL" + (match["annex"] or "")
        return [d for d in drafts if d.context and d.context[0].startswith("PL") and (
            not match["annex"] or d.context[0] in (label, "PL" + match["annex"].lstrip("0"))
        )]
    numbers = _numbers(match["items"] or "")
    part = (match["part"] or "").upper()
    out = []
    for draft in drafts:
        if draft.number not in numbers or (draft.context and draft.context[0].startswith("PL")):
            continue
        if part and draft.context and draft.context[0] == part and draft.parent is None:
            out.append(draft)
    return out


def assign_by_reference(ctx: Context, sections: list[Section], drafts: list[Draft]) -> None:
    """Sets the lead of the tasks that a sentence assigns by their numbers or their appendix
    (`sections`: every section of the plan, in order)."""
    for section in sections:
        blocks = [b for b in section.blocks if b.kind != "row"]
        if section.block is not None:
            blocks.insert(0, section.block)
        for block in blocks:
            text = block.text
            # Every reference begins at "chủ trì" (in any case: "ủ" or "Ủ", "ì" or "Ì" are printed first).
            if not (("ủ" in text or "Ủ" in text) and ("ì" in text or "Ì" in text)) or "chủ trì" not in text.lower():
                continue
            offset = block.start
            for match in _REFERENCE.finditer(text):
                if match["part"] and not is_roman(match["part"].upper()):
                    continue
                mentions = [m for m in find_unit_mentions(text[: match.start()], ctx.units.heads, ctx.units.names)]
                if not mentions or match.start() - mentions[-1].end > _MAX_GAP:
                    continue
                run = [mentions[-1]]
                for m in reversed(mentions[:-1]):
                    if re.fullmatch(r"\s*(?:,|và|,\s*và)\s*", text[m.end : run[0].start]):
                        run.insert(0, m)
                    else:
                        break
                leads = [(ctx.unit(m.text, offset + m.start, offset + m.end), offset + m.start, offset + m.end) for m in run]
                for draft in _targets(drafts, match):
                    if not draft.leads:
                        for name, start, end in leads:
                            draft.keep_unit(draft.leads, name, start, end)
