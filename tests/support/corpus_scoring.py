"""Scoring kehoach's output against the hand-written facts of the corpus suite (tests/corpus).

Everything is compared after the normalisation a reader makes without thinking: Unicode NFC, case,
the place of the tone mark ("hoà" = "hòa"), spacing, and edge punctuation. Nothing else is forgiven.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kehoach.pipeline.run import extract_plan

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_MARKUP = re.compile(r"[*_`#]+")
_SPACES = re.compile(r"\s+")
_EDGE = " \t\n.,;:-–—()[]\"'“”‘’"


def _syllable_key(syllable: str) -> str:
    """The syllable with its tone mark moved after its last letter ("vụ," keys as "vụ" then ",")."""
    decomposed = unicodedata.normalize("NFD", syllable)
    tones = [c for c in decomposed if c in _TONES]
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    core = bare.rstrip(_EDGE)
    return core + "".join(tones) + bare[len(core):]


def norm(text: str | None) -> str:
    """Comparison key of a printed string."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", _MARKUP.sub("", text)).casefold()
    text = text.replace("đ", "đ")
    words = _SPACES.sub(" ", text).strip(_EDGE).split(" ")
    return " ".join(_syllable_key(w) for w in words if w)


def names(values: Iterable[str] | None) -> set[str]:
    return {norm(v) for v in values or [] if norm(v)}


@dataclass
class Ratio:
    hit: int = 0
    total: int = 0

    def add(self, ok: bool, weight: int = 1) -> None:
        self.total += weight
        self.hit += weight if ok else 0

    def merge(self, other: Ratio) -> None:
        self.hit += other.hit
        self.total += other.total

    @property
    def value(self) -> float | None:
        return self.hit / self.total if self.total else None

    def __str__(self) -> str:
        return "-" if self.total == 0 else f"{self.hit}/{self.total}"


FIELDS = (
    "task_recall", "task_precision", "ids", "lead", "coordinating", "period",
    "number", "type", "issuer", "province", "date", "signer", "legal_bases", "issuer_level", "carries",
    "target_recall", "target_precision", "target_year", "phases", "budget_total",
)


@dataclass
class Score:
    document: str
    ratios: dict[str, Ratio] = field(default_factory=lambda: {f: Ratio() for f in FIELDS})
    output_tasks: int = 0
    expected_tasks: int = 0


def _title_matches(expected: str, got: str) -> bool:
    if not expected or not got:
        return False
    return got.startswith(expected) or (expected.startswith(got) and len(got) >= 20)


def _match_tasks(expected: list[dict[str, Any]], tasks: list[dict[str, Any]]) -> list[tuple[dict, dict | None]]:
    """Each expected task with the first unused output task whose title it begins (in document order)."""
    keys = [norm(t.get("title")) for t in tasks]
    used: set[int] = set()
    pairs: list[tuple[dict, dict | None]] = []
    cursor = 0
    for item in expected:
        want = norm(item.get("title"))
        found = None
        # Prefer the next match after the previous one, so repeated titles pair in order.
        for index in [*range(cursor, len(tasks)), *range(0, cursor)]:
            if index not in used and _title_matches(want, keys[index]):
                found = index
                break
        if found is None:
            pairs.append((item, None))
            continue
        used.add(found)
        cursor = found + 1
        pairs.append((item, tasks[found]))
    return pairs


def _says_no_time(period: dict[str, Any] | None) -> bool:
    """A period that names no year, date or recurrence ("Theo kế hoạch") says no more than none."""
    return not period or all(_scalar(period.get(k)) is None for k in _PERIOD_VALUES)


_PERIOD_VALUES = ("start_year", "end_year", "recurrence", "start_date", "end_date")


def _period_equal(expected: dict[str, Any] | None, got: dict[str, Any] | None) -> bool:
    if _says_no_time(expected):
        return _says_no_time(got)
    if not got:
        return False
    keys = ["start_year", "end_year", "recurrence"]
    keys += [k for k in ("start_date", "end_date") if k in got]
    return all(_scalar(expected.get(k)) == _scalar(got.get(k)) for k in keys)


def _scalar(value: Any) -> Any:
    return None if value in ("", None) else str(value)


def _score_tasks(facts: dict[str, Any], plan: dict[str, Any], score: Score) -> None:
    block = facts.get("tasks") or {}
    expected = block.get("items") or []
    tasks = plan.get("tasks") or []
    r = score.ratios
    score.output_tasks = len(tasks)
    score.expected_tasks = block.get("total") or len(expected)
    if not facts.get("assigns_work", True):
        r["task_precision"].add(not tasks)
        return
    pairs = _match_tasks(expected, tasks)
    matched = [(e, g) for e, g in pairs if g is not None]
    for item, got in pairs:
        r["task_recall"].add(got is not None)
    if block.get("complete", True):
        r["task_precision"].add(True, len(matched))
        r["task_precision"].total += max(len(tasks) - len(matched), 0)
    else:
        # Only the first items are written down: judge the output up to the last one matched.
        last = max((tasks.index(g) for _, g in matched), default=-1)
        r["task_precision"].add(True, len(matched))
        r["task_precision"].total += max(last + 1 - len(matched), 0)
    for item, got in matched:
        r["ids"].add(norm(str(item.get("id"))) == norm(str(got.get("id"))))
        r["lead"].add(names(item.get("lead")) == names(got.get("lead_units")))
        r["coordinating"].add(names(item.get("coordinating")) == names(got.get("coordinating_units")))
        r["period"].add(_period_equal(item.get("period"), got.get("period")))


def _score_metadata(facts: dict[str, Any], plan: dict[str, Any], score: Score) -> None:
    meta = facts.get("metadata") or {}
    doc = plan.get("document") or {}
    r = score.ratios
    r["number"].add(norm(meta.get("number")) == norm(doc.get("number")))
    r["type"].add(norm(meta.get("type_code")) == norm(doc.get("type_code")))
    r["issuer"].add(norm(meta.get("issuer")) == norm(doc.get("issuer")))
    r["province"].add(norm(meta.get("province")) == norm(doc.get("province")))
    r["date"].add(_scalar(meta.get("issued_date")) == _scalar(doc.get("issued_date")))
    signer = meta.get("signer") or {}
    got_signer = doc.get("signer") or {}
    r["signer"].add(norm(signer.get("name")) == norm(got_signer.get("name")))
    r["legal_bases"].add(meta.get("legal_bases", 0) == len(doc.get("legal_bases") or []))
    if "issuer_level" in meta:
        r["issuer_level"].add(meta["issuer_level"] == doc.get("issuer_level"))
    if "carries" in meta:
        r["carries"].add(norm(meta["carries"]) == norm((doc.get("carries") or {}).get("type_code")))


def _quantity(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _score_targets(facts: dict[str, Any], plan: dict[str, Any], score: Score) -> None:
    block = facts.get("targets") or {}
    expected = block.get("items") or []
    targets = list(plan.get("targets") or [])
    r = score.ratios
    free = list(range(len(targets)))
    matched = 0
    for item in expected:
        want_q, want_u = _quantity(item.get("quantity")), norm(item.get("unit"))
        hit = next(
            (i for i in free if _quantity(targets[i].get("quantity")) == want_q
             and norm(targets[i].get("unit")) == want_u),
            None,
        )
        r["target_recall"].add(hit is not None)
        if hit is not None:
            free.remove(hit)
            matched += 1
            r["target_year"].add(item.get("year") == targets[hit].get("year"))
    if block.get("complete", True):
        r["target_precision"].add(True, matched)
        r["target_precision"].total += len(free)


def _score_phases(facts: dict[str, Any], plan: dict[str, Any], score: Score) -> None:
    """One point per document: the plan's phases, as (start year, end year), are exactly the facts'."""
    if "phases" not in facts:
        return
    want = {(p.get("start_year"), p.get("end_year")) for p in facts.get("phases") or []}
    got = {(p.get("start_year"), p.get("end_year")) for p in plan.get("phases") or []}
    score.ratios["phases"].add(want == got)


def _score_budget(facts: dict[str, Any], plan: dict[str, Any], score: Score) -> None:
    budget = facts.get("budget") or {}
    want = budget.get("total_vnd")
    got = (plan.get("budget") or {}).get("total_vnd")
    if want is not None:
        score.ratios["budget_total"].add(want == got)
    elif got is not None:
        score.ratios["budget_total"].add(False)


def score_document(facts: dict[str, Any], plan: dict[str, Any]) -> Score:
    score = Score(document=facts["document"])
    _score_tasks(facts, plan, score)
    _score_metadata(facts, plan, score)
    _score_targets(facts, plan, score)
    _score_phases(facts, plan, score)
    _score_budget(facts, plan, score)
    return score


def read_facts(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def score_file(facts: dict[str, Any], document: Path) -> Score:
    """kehoach run on `document`, scored against `facts`."""
    result = extract_plan(document.read_bytes(), str(document))
    assert result.plan is not None, f"{document.name}: {result.error}"
    return score_document(facts, result.plan.model_dump(mode="json"))


def floor_failure(scores: list[Score], name: str, floor: float) -> str | None:
    """Why the suite's `name` field is under `floor`, or None when it is not."""
    value = total(scores)[name].value
    return None if value is not None and value >= floor else f"{name}: {value} < floor {floor}"


def total(scores: list[Score], only_work: list[bool] | None = None) -> dict[str, Ratio]:
    out = {f: Ratio() for f in FIELDS}
    for score in scores:
        for name, ratio in score.ratios.items():
            out[name].merge(ratio)
    return out


def table(scores: list[Score]) -> str:
    short = {
        "task_recall": "t.rec", "task_precision": "t.prec", "ids": "ids", "lead": "lead",
        "coordinating": "coord", "period": "period", "number": "no", "type": "type", "issuer": "issuer",
        "province": "prov", "date": "date", "signer": "signer", "legal_bases": "bases",
        "issuer_level": "level", "carries": "carries",
        "target_recall": "g.rec", "target_precision": "g.prec", "target_year": "g.year",
        "phases": "phases", "budget_total": "budget",
    }
    header = ["document", "out/exp", *short.values()]
    rows = [header]
    for s in scores:
        rows.append([s.document[:34], f"{s.output_tasks}/{s.expected_tasks}", *(str(s.ratios[f]) for f in FIELDS)])
    sums = total(scores)
    rows.append(["ALL", "", *(str(sums[f]) for f in FIELDS)])
    rows.append(["", "", *(f"{sums[f].value:.2f}" if sums[f].value is not None else "-" for f in FIELDS)])
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths)) for row in rows)
