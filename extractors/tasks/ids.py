"""Task ids as the contract prints them, and what a task inherits from its group."""

from __future__ import annotations

from collections import Counter

from kehoach.extractors.tasks.drafts import Draft
from kehoach.extractors.tasks.tables import APPENDIX_PREFIX, extends


def _siblings_key(draft: Draft) -> tuple[int, str]:
    return (id(draft.parent), "/".join(draft.context)) if draft.parent is None else (id(draft.parent), "")


def _in_appendix(draft: Draft) -> bool:
    return bool(draft.context) and draft.context[0].startswith(APPENDIX_PREFIX)


def _prefixed(draft: Draft | None) -> bool:
    """Whether a numbered group's id carries a prefix: its items then carry it too ("II.1" -> "II.1.1")."""
    return draft is not None and draft.number is not None and draft.id != draft.number


def assign_ids(drafts: list[Draft], outline_numbers: list[str] = ()) -> None:  # type: ignore[assignment]
    """Numbers as printed; where a number repeats in the plan, it and its siblings are prefixed
    (so one level reads alike: "II.1" ... "II.7"); unnumbered items are "<parent>#<n>". An
    appendix's items always carry its prefix ("PL.1", "PL.I.1"), so they never collide with the body;
    the items of a prefixed group are prefixed as well."""
    counts = Counter(d.number for d in drafts if d.number is not None)
    for number, n in Counter(outline_numbers).items():
        counts[number] = max(counts[number], n)
    clashing = {_siblings_key(d) for d in drafts if d.number is not None and counts[d.number] > 1}
    clashing |= {_siblings_key(d) for d in drafts if d.number is not None and _in_appendix(d)}
    unnumbered: Counter[str] = Counter()
    for draft in sorted(drafts, key=lambda d: (d.depth, d.start)):
        parent = draft.parent
        prefix = parent.id if parent is not None else ".".join(draft.context[-1:])
        if parent is None and _in_appendix(draft):
            prefix = draft.context[0]
        if draft.number is None:
            unnumbered[prefix] += 1
            draft.id = f"{prefix}#{unnumbered[prefix]}"
        elif not prefix or (_siblings_key(draft) not in clashing and not _prefixed(parent)):
            draft.id = draft.number
        elif parent is not None and parent.number and extends(draft.number, parent.number):
            stem = parent.id[: len(parent.id) - len(parent.number)]
            draft.id = stem + draft.number if stem else (
                f"{draft.context[-1]}.{draft.number}" if draft.context else draft.number
            )
        else:
            draft.id = f"{prefix}.{draft.number}"


def inherit(drafts: list[Draft]) -> None:
    """A group's units stand for its tasks that name none of their own. A period printed apart from the
    group's heading (a label line after its items) is its tasks': they take it, and the group keeps
    none (as with a heading's period, a group's period is its tasks')."""
    for draft in sorted(drafts, key=lambda d: d.depth):
        parent = draft.parent
        if parent is None:
            continue
        if not draft.leads and parent.leads:
            draft.take_units(parent, coordinating=not draft.coordinating)
        if draft.period is None and _stated_apart(parent):
            draft.period = parent.period  # "Thời gian thực hiện: Thường xuyên." under the group's items
    parents = {id(d.parent) for d in drafts if d.parent is not None}
    for draft in drafts:
        if draft.kind == "group" and id(draft) in parents and _stated_apart(draft):
            draft.period = None  # its tasks hold it now


def _stated_apart(draft: Draft) -> bool:
    source = draft.period.source if draft.period is not None else None
    return source is not None and source.start is not None and not draft.start <= source.start < draft.end
