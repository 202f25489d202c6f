"""Label lines of a task: who leads, who takes part, when, and what it yields.

    Đơn vị chủ trì thực hiện: Sở Nội vụ; Đơn vị phối hợp: Sở Tài chính, Văn phòng UBND tỉnh.
    Cơ quan chủ trì: ... / Chủ trì thực hiện: ... / Trách nhiệm thực hiện: ... / Phối hợp thực hiện: ...
    Thời gian thực hiện: Quý II/2026 / Thời gian hoàn thành: ... / Tiến độ: ...
    Sản phẩm: Kế hoạch của UBND tỉnh / Kết quả: ...

A label is on its own line or inline after ".", ";" or "(", in any of these wordings; its value may
be printed on the next line. Label lines belong to the task above them and are never tasks.
"""

from __future__ import annotations

import re

from kehoach.extractors.periods import lowered
from kehoach.extractors.tasks.drafts import Context, Draft, read_period
from kehoach.extractors.tasks.references import refers_elsewhere
from kehoach.extractors.units import find_unit_mentions, split_unit_list
from kehoach.extractors.units.words import DEFAULT_NAME_STOPS
from kehoach.extractors.vntext import collapse_spaces

_BODY = r"(?:đơn vị|cơ quan|bộ phận)"
_ROLE = r"(?:chủ trì|phối hợp|thực hiện|thường trực|phụ trách|tham mưu)"
_AFTER = r"(?:\s+(?:thực hiện|tham mưu|chính))?(?:\s*/\s*(?:thực hiện|tham mưu))?(?:\s*\([^():]{0,40}\))?"
# Who: "Đơn vị chủ trì (thực hiện / tham mưu):", "Chủ trì:", "Phối hợp thực hiện:", "Trách nhiệm thực hiện:".
LABEL = re.compile(
    r"(?:(?<=^)|(?<=[(;.\-–]\s)|(?<=[(;.]))\s*"
    rf"(?P<label>{_BODY}\s+{_ROLE}{_AFTER}|(?:chủ trì|phối hợp){_AFTER}|trách nhiệm (?:thực hiện|chính)"
    r"|lãnh đạo phụ trách|người (?:thực hiện|phụ trách)|phụ trách)\s*:\s*",
    re.I,
)
# When and what: "Thời gian thực hiện:", "Thời hạn hoàn thành:", "Thời hạn ban hành:" (of a decree to
# draft), "Tiến độ:", "Sản phẩm:", "Kết quả:".
ATTRIBUTE = re.compile(
    r"(?:(?<=^)|(?<=[(;.\-–]\s)|(?<=[(;.]))\s*"
    r"(?P<label>thời (?:gian|hạn)(?:\s+(?:thực hiện|hoàn thành|triển khai|ban hành|trình))?|tiến độ(?:\s+(?:thực hiện|hoàn thành))?"
    r"|sản phẩm(?:\s+(?:đầu ra|dự kiến|chủ yếu))?|kết quả(?:\s+(?:đầu ra|dự kiến))?)\s*:\s*",
    re.I,
)


# Words that every match of LABEL, and of ATTRIBUTE, holds as printed in lower case: where a text holds
# none, the pattern (slow to scan) is not run.
_LABEL_WORDS = ("chủ trì", "phối hợp", "thực hiện", "thường trực", "phụ trách", "tham mưu", "trách nhiệm")
_ATTRIBUTE_WORDS = ("thời", "tiến độ", "sản phẩm", "kết quả")
_RUNS_ON = re.compile(r"\s+([a-zđà-ỹ]+)\s+[a-zđà-ỹ]")
# Verbs and "theo" that begin what a unit does; not the words a name may go on with ("Ban QLDA ĐTXD
# công trình giao thông tỉnh", "... thuộc Sở", "... của tỉnh").
_PREDICATE_STARTS = (DEFAULT_NAME_STOPS - {"công", "của", "cho", "trong", "tại", "trên", "thuộc", "trực", "về", "với", "và", "để", "tổng"}) | {"tiến"}
_PARTNERS = re.compile(r"[\s,]*(?:chủ trì[\s,]*)?phối hợp(?:\s+(?:chặt chẽ\s+)?(?:với|cùng))?\s+", re.I)


def _segments(text: str) -> list[tuple[str, int, int]]:
    """(role, start, end) for each "Label: value" segment of a line; roles "lead", "coordinating",
    "ignore" (persons), "period", "product"."""
    if ":" not in text:
        return []  # every label ends in a colon
    low = lowered(text)
    found = [(m, "unit") for m in LABEL.finditer(text)] if low is None or any(w in low for w in _LABEL_WORDS) else []
    if low is None or any(w in low for w in _ATTRIBUTE_WORDS):
        found += [(m, "attribute") for m in ATTRIBUTE.finditer(text)]
    found.sort(key=lambda item: item[0].start())
    out = []
    for i, (match, kind) in enumerate(found):
        end = found[i + 1][0].start() if i + 1 < len(found) else len(text)
        label = match.group("label").lower()
        if kind == "attribute":
            role = "product" if label.startswith(("sản phẩm", "kết quả")) else "period"
        elif "phối hợp" in label:
            role = "coordinating"
        elif label.startswith(("lãnh đạo", "người")):
            role = "ignore"
        else:
            role = "lead"
        out.append((role, match.end(), end))
    return out


def is_label_line(text: str) -> bool:
    """Whether a line opens with a label (who, when or what) rather than with work."""
    if ":" not in text:
        return False
    for pattern in (LABEL, ATTRIBUTE):
        match = pattern.match(text)
        if match is not None and not text[: match.start()].strip():
            return True
    return False


def is_bare_label(text: str) -> bool:
    """A label whose value is printed on the next line ("Đơn vị chủ trì:")."""
    segments = _segments(text)
    return len(segments) == 1 and is_label_line(text) and not text[segments[0][1] :].strip()


def before_attributes(text: str) -> str | None:
    """The text before the labels of a line whose labels say only when or what, not who ("Sở Tài
    chính chủ trì, ... Thời gian: Quý I/2026"): its units are read from that sentence. None when a
    label names who does the work, or the line has no label."""
    segments = _segments(text)
    if not segments or any(role not in ("period", "product") for role, _, _ in segments):
        return None
    first = ATTRIBUTE.search(text)
    return text[: first.start()] if first is not None else None


def apply_labels(ctx: Context, draft: Draft, text: str, offset: int, *, attributes: bool = True) -> bool:
    """Reads every label of `text` into the draft; whether any was found."""
    segments = _segments(text)
    for role, start, end in segments:
        if attributes or role not in ("period", "product"):
            _apply(ctx, draft, role, text, start, end, offset)
    return bool(segments)


def apply_next_line(ctx: Context, draft: Draft, label: str, text: str, offset: int) -> None:
    """The value of a bare label line ("Đơn vị chủ trì:") printed on the next line."""
    segments = _segments(label)
    if segments:
        _apply(ctx, draft, segments[0][0], text, 0, len(text), offset)


def _apply(ctx: Context, draft: Draft, role: str, text: str, start: int, end: int, offset: int) -> None:
    value = text[start:end]
    if role == "ignore" or refers_elsewhere(value):
        return
    if role in ("period", "product"):
        value = collapse_spaces(value).strip(" .;,()")
        if not value:
            return
        if role == "product":
            draft.product = draft.product or value
        elif draft.period is None:
            draft.period = read_period(ctx, value, (offset + start, offset + end))
        return
    partners = _PARTNERS.search(value) if role == "lead" else None
    if partners is not None:
        # "Cơ quan thực hiện: Sở Nội vụ chủ trì, phối hợp với các sở, ban, ngành ... thực hiện"
        for target, part_start, part_end in (
            (draft.leads, start, start + partners.start()), (draft.coordinating, start + partners.end(), end)
        ):
            part = text[part_start:part_end]
            spans = [(m.start, m.end) for m in find_unit_mentions(part, ctx.units.heads, ctx.units.names)]
            for s, e in spans or split_unit_list(part, ctx.units.heads, ctx.units.abbreviations):
                ctx.assign(draft, target, part[s:e], offset + part_start + s, offset + part_start + e)
        return
    target = draft.leads if role == "lead" else draft.coordinating
    for s, e in split_unit_list(value, ctx.units.heads, ctx.units.abbreviations):
        e = s + _name_before_predicate(ctx, value[s:e])
        ctx.assign(draft, target, text[start + s : start + e], offset + start + s, offset + start + e)


def _name_before_predicate(ctx: Context, piece: str) -> int:
    """Where the unit of a label's piece ends: a value may be a sentence ("Cơ quan thực hiện: Bộ Công
    an tiến hành rà soát ...", "Các sở, ngành có liên quan theo chức năng, nhiệm vụ được giao"), its
    unit the name that opens it, before the lowercase words that go on."""
    mentions = find_unit_mentions(piece, ctx.units.heads, ctx.units.names)
    if not mentions or mentions[0].start != 0:
        return len(piece)
    runs_on = _RUNS_ON.match(piece, mentions[0].end)
    return mentions[0].end if runs_on and runs_on[1].lower() in _PREDICATE_STARTS else len(piece)
