"""Shared fixtures: the reference data and documents structured the way `pipeline.run` does it."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import pytest

from kehoach.extractors.reference import ReferenceData
from kehoach.extractors.structure import StructuredDocument

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def pytest_configure(config: pytest.Config) -> None:
    # A fresh machine has no OCR cache: the tests must not lean on what an earlier run left in the
    # home folder. Worker processes inherit the variable.
    os.environ["KEHOACH_CACHE_DIR"] = tempfile.mkdtemp(prefix="kehoach-test-ocr-")


@lru_cache(maxsize=None)
def _structured(path: str) -> StructuredDocument:
    from kehoach.extractors.normalize import normalize_layout
    from kehoach.extractors.readers import read_document
    from kehoach.extractors.structure import build_structure
    from kehoach.pipeline.reference import load_reference

    file = Path(path)
    layout = normalize_layout(read_document(file.read_bytes(), str(file)))
    return build_structure(layout, load_reference().type_names())


@pytest.fixture(scope="session")
def reference() -> ReferenceData:
    from kehoach.pipeline.reference import load_reference

    return load_reference()


@pytest.fixture(scope="session")
def structured() -> Callable[[Path | str], StructuredDocument]:
    """read_document -> normalize_layout -> build_structure(reference type names), cached per path."""

    def build(path: Path | str) -> StructuredDocument:
        file = Path(path)
        if not file.is_absolute():
            file = SAMPLES / file
        return _structured(str(file))

    return build
