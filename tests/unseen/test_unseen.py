"""kehoach on twenty-six real documents collected after the corpus, to measure how it does on documents
it was not tuned on (see README.md). Scored like the corpus suite; `pytest tests/unseen -s` prints the
table. The floors are what kehoach reaches on them today: raise one when a change lifts its field.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus_scoring import Score, floor_failure, read_facts, score_file, table

HERE = Path(__file__).resolve().parent
FACTS = sorted((HERE / "facts").glob("*.yaml"))

FLOORS: dict[str, float] = {
    "task_recall": 0.96,
    "task_precision": 0.97,
    "ids": 0.98,
    "lead": 0.87,
    "coordinating": 0.90,
    "period": 0.91,
    "number": 0.96,
    "issuer": 0.88,
    "date": 0.96,
}


@pytest.fixture(scope="module")
def scores() -> list[Score]:
    out = []
    for path in FACTS:
        facts = read_facts(path)
        out.append(score_file(facts, HERE / "documents" / facts["document"]))
    print("\n\nUnseen documents: kehoach against the hand-written facts\n" + table(out))
    return out


def test_every_document_has_facts() -> None:
    documents = {p.name for p in (HERE / "documents").iterdir()}
    assert documents == {read_facts(p)["document"] for p in FACTS}


@pytest.mark.parametrize("name", list(FLOORS))
def test_field_stays_above_its_floor(name: str, scores: list[Score]) -> None:
    failure = floor_failure(scores, name, FLOORS[name])
    assert failure is None, failure
