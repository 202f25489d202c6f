"""The distribution installs one import package, `kehoach`, and it works from the wheel alone.

`pipeline`, `extractors` and `schemas` are names other distributions use: installed at the top level
they would replace, or be replaced by, those packages. The source folders keep their place at the top of
the repository and are installed as kehoach.pipeline, kehoach.extractors and kehoach.schemas."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "an-giang-27-KH-SKHCN-2021.txt"
SOURCES = ("pyproject.toml", "README.md", "kehoach", "pipeline", "extractors", "schemas")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Built from a copy, so that the build leaves nothing in the repository.
    tree = tmp_path_factory.mktemp("tree")
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tree / name, symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, tree / name)
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", dist,
                    tree], check=True, capture_output=True)
    (built,) = dist.glob("kehoach-*.whl")
    return built


def test_the_wheel_holds_one_top_level_package(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        top_level = next(n for n in names if n.endswith(".dist-info/top_level.txt"))
        assert archive.read(top_level).decode().split() == ["kehoach"]
    assert {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")} == {"kehoach"}
    # the package data travels with it
    assert "kehoach/pipeline/data/provinces.json" in names
    assert "kehoach/schemas/plan.schema.json" in names
    assert "kehoach/pipeline/store/migrations/versions/0001_initial.py" in names


def test_the_installed_wheel_extracts_a_plan(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", target, wheel],
                   check=True, capture_output=True)
    assert sorted(p.name for p in target.iterdir() if not p.name.endswith(".dist-info")) == ["bin", "kehoach"]
    # -S: this environment's site-packages without its .pth files, so that only the wheel's kehoach is
    # importable (the dependencies come from this environment).
    code = (
        f"import sys; sys.path[:0] = [{str(target)!r}, {sysconfig.get_paths()['purelib']!r}]; "
        "import kehoach; "
        f"plan = kehoach.extract({str(SAMPLE)!r}); "
        "print(kehoach.__file__); print(plan.document.number); print(len(plan.tasks) > 0)"
    )
    out = subprocess.run([sys.executable, "-S", "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    module_file, number, has_tasks = out.stdout.split()
    assert module_file.startswith(str(target))
    assert number == "27/KH-SKHCN"
    assert has_tasks == "True"
