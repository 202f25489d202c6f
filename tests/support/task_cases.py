"""What the task tests share: a small plan text through the tasks extractor, and corpus documents
through the whole pipeline (each read once per session)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from kehoach.extractors.normalize import normalize_layout
from kehoach.extractors.readers.text_reader import read_text
from kehoach.extractors.structure import build_structure
from kehoach.extractors.tasks import extract_tasks
from kehoach.pipeline.reference import load_reference
from kehoach.pipeline.run import extract_plan
from kehoach.schemas import Plan, Task

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "documents"
TYPES = frozenset({"KẾ HOẠCH", "QUYẾT ĐỊNH", "THÔNG BÁO", "KẾT LUẬN"})


def run(text: str, type_line: str = "KẾ HOẠCH") -> dict[str, Task]:
    """The tasks of `text` under a type line and a title, by id."""
    layout = normalize_layout(read_text(f"{type_line}\nThực hiện nhiệm vụ năm 2026\n{text}".encode(), "x.txt"))
    doc = build_structure(layout, TYPES)
    tasks, _, _ = extract_tasks(doc, load_reference())
    return {t.id: t for t in tasks}


@lru_cache(maxsize=None)
def corpus_plan(name: str) -> Plan:
    path = CORPUS / name
    result = extract_plan(path.read_bytes(), str(path))
    assert result.plan is not None, result.error
    return result.plan
