"""Dependencies point one way (pipeline -> extractors -> schemas), and the CLI starts light."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("schemas", "extractors", "pipeline")
# What each layer may import from the project's own packages.
# extractors/ has three levels: the text core (text, numbers, dates, the outline grammar, the Layout),
# the readers (which know nothing of plans), and the fields (structure and one module per field).
CORE = ("kehoach.extractors.layout", "kehoach.extractors.errors", "kehoach.extractors.grounding", "kehoach.extractors.vntext",
        "kehoach.extractors.vntext_legacy", "kehoach.extractors.vnsyllables", "kehoach.extractors.vnnumbers", "kehoach.extractors.vnwords",
        "kehoach.extractors.vndates", "kehoach.extractors.outline")
ALLOWED = {
    "schemas": ("schemas",),
    "extractors": ("extractors", "schemas"),
    "extractors/readers": ("kehoach.extractors.readers", *CORE),
    # Validators judge the Plan; of the extractors they use only the outline grammar's number order.
    "pipeline/validators": ("kehoach.pipeline.validators", "schemas", "kehoach.extractors.outline"),
    "pipeline": ("pipeline", "extractors", "schemas"),
}
HEAVY = ("pdfplumber", "pdfminer", "docx", "spacy", "lxml", "pypdfium2", "cv2", "numpy")


def _project_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return [n for n in names if n.split(".")[0] in PACKAGES]


def _layer(path: Path) -> str:
    relative = path.relative_to(ROOT).parent.as_posix()
    for layer in sorted(ALLOWED, key=len, reverse=True):
        if relative == layer or relative.startswith(layer + "/"):
            return layer
    raise AssertionError(f"{path} is in no layer")


MODULES = sorted(p for package in PACKAGES for p in (ROOT / package).rglob("*.py"))


def _module(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def _id(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


@pytest.mark.parametrize("path", [p for p in MODULES if _module(p) in CORE], ids=_id)
def test_text_core_stands_on_itself(path: Path) -> None:
    for name in _project_imports(path):
        assert name.startswith(CORE) or name.startswith("schemas"), f"{path.relative_to(ROOT)} imports {name}"


@pytest.mark.parametrize("path", [p for p in MODULES if _layer(p) == "extractors"], ids=_id)
def test_fields_never_reach_into_the_readers(path: Path) -> None:
    for name in _project_imports(path):
        assert not name.startswith("kehoach.extractors.readers"), f"{path.relative_to(ROOT)} imports {name}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_imports_point_down(path: Path) -> None:
    allowed = ALLOWED[_layer(path)]
    for name in _project_imports(path):
        assert name.startswith(allowed), f"{path.relative_to(ROOT)} imports {name}"


def test_cli_import_is_light() -> None:
    code = (
        "import sys, pipeline.cli; "
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"importing the CLI imports {out.stdout.strip()}"


def test_extractor_modules_do_not_import_spacy_at_import_time() -> None:
    code = (
        "import sys, extractors.tasks, extractors.metadata, extractors.budget, extractors.targets; "
        "print('spacy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
