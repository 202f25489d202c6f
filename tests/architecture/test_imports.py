"""Dependencies point one way (pipeline -> extractors -> schemas), and the CLI starts light."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "kehoach"  # the one installed package; its subpackages are these source folders
PACKAGES = ("schemas", "extractors", "pipeline")
# What each layer may import from the project's own packages.
# extractors/ has three levels: the text core (text, numbers, dates, the outline grammar, the Layout),
# the readers (which know nothing of plans), and the fields (structure and one module per field).
CORE = ("extractors.layout", "extractors.errors", "extractors.grounding", "extractors.vntext",
        "extractors.vntext_legacy", "extractors.vnsyllables", "extractors.vnnumbers", "extractors.vnwords",
        "extractors.vndates", "extractors.outline", "extractors.unvalidated")
ALLOWED = {
    "schemas": ("schemas",),
    "extractors": ("extractors", "schemas"),
    "extractors/readers": ("extractors.readers", *CORE),
    # Validators judge the Plan; of the extractors they use only the outline grammar's number order.
    "pipeline/validators": ("pipeline.validators", "schemas", "extractors.outline"),
    "pipeline": ("pipeline", "extractors", "schemas"),
}
HEAVY = ("pdfplumber", "pdfminer", "docx", "lxml", "pypdfium2", "cv2", "numpy")


def _project_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return [n.removeprefix(f"{PACKAGE}.") for n in names if n.startswith(f"{PACKAGE}.")]


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
        assert not name.startswith("extractors.readers"), f"{path.relative_to(ROOT)} imports {name}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_imports_point_down(path: Path) -> None:
    allowed = ALLOWED[_layer(path)]
    for name in _project_imports(path):
        assert name.startswith(allowed), f"{path.relative_to(ROOT)} imports {name}"


def test_cli_import_is_light() -> None:
    code = (
        "import sys, kehoach.pipeline.cli; "
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"importing the CLI imports {out.stdout.strip()}"


def test_field_extractors_import_no_reader_library() -> None:
    code = (
        "import sys, kehoach.extractors.tasks, kehoach.extractors.metadata, kehoach.extractors.budget, "
        "kehoach.extractors.targets, kehoach.extractors.units; "
        "print(','.join(m for m in ('pdfplumber', 'pypdfium2', 'cv2', 'docx') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"the field extractors import {out.stdout.strip()}"


@pytest.mark.parametrize("path", MODULES, ids=_id)
def test_modules_import_the_one_package(path: Path) -> None:
    """The source folders are installed as kehoach.pipeline, kehoach.extractors and kehoach.schemas: a
    module importing "pipeline" or "extractors" at the top level would load another distribution's
    package of that name, or this one's twice."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
            [node.module] if isinstance(node, ast.ImportFrom) and node.module and node.level == 0 else [])
        for name in names:
            assert name.split(".")[0] not in PACKAGES, f"{path.relative_to(ROOT)} imports {name}"
