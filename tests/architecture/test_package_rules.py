"""How the code is put together: small modules everywhere, one door from the pipeline to the readers,
and a command line that starts without the pipeline (import cycles: test_import_cycles)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PIPELINE = ROOT / "pipeline"
MAX_LINES = 500
READERS_DOOR = "kehoach.pipeline.reading"


def _module_name(path: Path) -> str:
    name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    return name.removesuffix(".__init__")


MODULES = {_module_name(p): p for p in sorted(PIPELINE.rglob("*.py"))}


def _imports(path: Path) -> set[str]:
    """Every module a file imports, at its top or inside a function ("from a import b" counts b when
    it is a module)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


CODE = sorted(p for package in ("pipeline", "extractors", "schemas") for p in (ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("path", CODE, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_module_is_over_500_lines(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(ROOT)} has {lines} lines"


def test_only_the_runner_reaches_into_the_readers() -> None:
    reaching = sorted(
        name for name, path in MODULES.items()
        if any(i == "kehoach.extractors.readers" or i.startswith("kehoach.extractors.readers.") for i in _imports(path))
    )
    assert reaching == [READERS_DOOR]


def test_the_command_line_starts_without_the_pipeline() -> None:
    code = (
        "import sys, pipeline.cli; "
        "print(','.join(sorted(m for m in sys.modules if m.startswith(('kehoach.pipeline.run', 'kehoach.pipeline.batch', "
        "'kehoach.pipeline.reading', 'kehoach.pipeline.compare', 'kehoach.pipeline.report', 'kehoach.extractors.readers', 'schemas', 'pydantic')))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == ""

