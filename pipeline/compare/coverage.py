"""Coverage of a national programme: each task of a plan assigned to a task group of the programme it
carries out.

A plan carries out the programmes it cites among its legal bases ("Căn cứ Quyết định số 996/QĐ-TTg
...", or a document the programme's data lists as related, such as the ministry's plan carrying it
out): each of its tasks is scored against each task group of that programme and assigned to the best
one. A group's vocabulary is its keyword phrases (from the programme's data file) plus every
two-syllable window of its name and of the variant names provinces use. A term found in a text scores
its syllable count divided by the number of the programme's groups whose vocabulary holds it, so
"truyền thông" counts fully for the communication group while "đo lường", in every name, counts a
sixth. A task's score for a group is that sum over its own title, plus CONTEXT_WEIGHT times the sum
over the title of the plan group that encloses it (provinces usually copy the programme's outline, so
the heading is good evidence but not the only one). Matching is on comparison keys (casefolded, tone
placement folded, punctuation as spaces, whole syllables). The best group wins; the assignment is
marked low-confidence when the best score is under LOW_SCORE, when the runner-up reaches
RUNNER_UP_SHARE of it, or when the task's own title gives the winner nothing (the heading alone
decided). A task scoring zero everywhere stays unassigned (the "other" row).

The programmes are the typed reference data (`extractors.reference.Programme`, loaded by
`pipeline.reference`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from kehoach.extractors.reference import Programme, TaskGroup
from kehoach.extractors.vntext import comparison_key
from kehoach.pipeline.compare.keys import padded_key
from kehoach.schemas import Plan

CONTEXT_WEIGHT = 0.5
LOW_SCORE = 5.0
RUNNER_UP_SHARE = 0.75
OTHER_GROUP = "other"


# --- programmes -----------------------------------------------------------------------------------


def load_programmes() -> list[Programme]:
    """The national programmes in the reference data (`pipeline/data/programmes/`)."""
    from kehoach.pipeline.reference import load_reference

    return list(load_reference().programmes.values())


def group_label(group: TaskGroup) -> str:
    """ "1. Áp dụng cơ chế, chính sách ..." """
    return f"{group.number}. {group.name}"


def _number_key(number: str) -> str:
    """"996/QĐ-TTg", "996/QD-TTg" and "996 / QĐ - TTg" give one key."""
    return re.sub(r"\s+", "", comparison_key(number)).replace("đ", "d")


def cited_programme(plan: Plan, programmes: Sequence[Programme]) -> Programme | None:
    """The first programme the plan cites among its legal bases, by its number or a related one's."""
    by_number = {_number_key(n): p for p in programmes for n in (p.number, *p.related) if n}
    for basis in plan.document.legal_bases:
        if basis.number and (programme := by_number.get(_number_key(basis.number))):
            return programme
    return None


# --- scoring tasks against groups -----------------------------------------------------------------


def _title_bigrams(title: str) -> set[str]:
    words = padded_key(title).split()
    return {f"{a} {b}" for a, b in zip(words, words[1:])}


@dataclass(frozen=True)
class _Vocabulary:
    terms: dict[str, dict[str, float]]  # group id -> term -> weight

    @classmethod
    def of(cls, programme: Programme) -> _Vocabulary:
        raw: dict[str, set[str]] = {}
        for group in programme.task_groups:
            keywords = {padded_key(k).strip() for k in group.keywords}
            bigrams = set().union(*(_title_bigrams(t) for t in (group.name, *group.name_variants)))
            raw[group.id] = {t for t in keywords | bigrams if t}
        spread = Counter(term for terms in raw.values() for term in terms)
        return cls({gid: {t: len(t.split()) / spread[t] for t in terms} for gid, terms in raw.items()})

    def scores(self, text: str) -> dict[str, float]:
        padded = padded_key(text)
        return {
            gid: sum(w for t, w in terms.items() if f" {t} " in padded) for gid, terms in self.terms.items()
        }


@dataclass
class Assignment:
    task_id: str
    group_id: str  # OTHER_GROUP when nothing matched
    score: float
    low_confidence: bool


def assign_tasks(plan: Plan, programme: Programme) -> list[Assignment]:
    """Each task of the plan (groups excluded) with its programme group and score."""
    vocabulary = _Vocabulary.of(programme)
    titles = {t.id: t.title for t in plan.tasks}
    out = []
    for task in plan.tasks:
        if task.kind != "task":
            continue
        own = vocabulary.scores(task.title)
        context_title = titles.get(task.parent_id or "", "")
        context = vocabulary.scores(context_title) if context_title else {}
        totals = {gid: own[gid] + CONTEXT_WEIGHT * context.get(gid, 0.0) for gid in own}
        ranked = sorted(totals.items(), key=lambda item: -item[1])
        if not ranked or ranked[0][1] <= 0:
            out.append(Assignment(task.id, OTHER_GROUP, 0.0, True))
            continue
        (best_id, best), runner_up = ranked[0], (ranked[1][1] if len(ranked) > 1 else 0.0)
        low = best < LOW_SCORE or runner_up >= RUNNER_UP_SHARE * best or own[best_id] <= 0
        out.append(Assignment(task.id, best_id, round(best, 2), low))
    return out


# --- the coverage rows ----------------------------------------------------------------------------


@dataclass
class CoverageCell:
    tasks: int = 0
    low_confidence: int = 0
    task_ids: list[str] = field(default_factory=list)


@dataclass
class CoverageRow:
    programme: str
    group_id: str
    title: str
    cells: list[CoverageCell | None]  # None: the plan does not cite this programme


def coverage_rows(cited: list[Programme | None], assignments: list[list[Assignment]]) -> list[CoverageRow]:
    """A row per group of each programme some plan cites (and its "other" row when a task fell there),
    a cell per plan."""
    rows: list[CoverageRow] = []
    programmes: list[Programme] = []
    for programme in cited:
        if programme and programme not in programmes:
            programmes.append(programme)
    for programme in programmes:
        groups = [(g.id, group_label(g)) for g in programme.task_groups] + [(OTHER_GROUP, "(no group matched)")]
        for gid, title in groups:
            cells: list[CoverageCell | None] = []
            for plan_programme, plan_assignments in zip(cited, assignments):
                if plan_programme != programme:
                    cells.append(None)
                    continue
                mine = [a for a in plan_assignments if a.group_id == gid]
                cells.append(CoverageCell(len(mine), sum(a.low_confidence for a in mine), [a.task_id for a in mine]))
            if gid == OTHER_GROUP and not any(c and c.tasks for c in cells):
                continue
            rows.append(CoverageRow(programme.number, gid, title, cells))
    return rows
