"""The one place where a failure becomes its one-line reason."""

from __future__ import annotations

import pytest

from kehoach.extractors.errors import (
    DocumentLoadError, InputError, MissingDependencyError, ReferenceDataError, UnsupportedFormatError,
)
from kehoach.pipeline.failures import Failure, death_reason, failure_of, memory_reason, timeout_reason


def _load_error_from_memory() -> DocumentLoadError:
    try:
        try:
            raise MemoryError
        except MemoryError as exc:
            raise DocumentLoadError("a.pdf", "corrupt or unreadable PDF") from exc
    except DocumentLoadError as error:
        return error


@pytest.mark.parametrize(("exc", "failure"), [
    (InputError("a.pdf", "no such file"), Failure("no such file")),
    (DocumentLoadError("a.pdf", "the file is empty"), Failure("the file is empty")),
    (MissingDependencyError("tesseract", "apt-get install tesseract-ocr"),
     Failure("tesseract is not installed: apt-get install tesseract-ocr", kind="missing_dependency")),
    (ReferenceDataError("provinces.json", "is not valid JSON"),
     Failure("reference data provinces.json: is not valid JSON", kind="internal")),
    (MemoryError(), Failure("exceeded the memory limit of 256 MB", out_of_memory=True, kind="memory")),
    (_load_error_from_memory(), Failure("exceeded the memory limit of 256 MB", out_of_memory=True, kind="memory")),
    (RecursionError(), Failure("nested too deeply to read")),
    (UnsupportedFormatError("a.bin", "unsupported file type"), Failure("unsupported file type", kind="unsupported")),
    (KeyError("x"), Failure("internal error (KeyError: 'x'); please report it", kind="internal")),
], ids=["input", "load", "missing-dependency", "reference-data", "memory", "load-from-memory", "recursion", "unsupported", "bug"])
def test_failure_of(exc: Exception, failure: Failure) -> None:
    assert failure_of(exc, max_memory_mb=256) == failure


def test_reasons_of_the_runner() -> None:
    assert timeout_reason(300.0) == "timed out after 300 s"
    assert timeout_reason(1.5) == "timed out after 1.5 s"
    assert memory_reason(None) == "ran out of memory"
    assert memory_reason(2048) == "exceeded the memory limit of 2048 MB"
    assert death_reason(-9) == "the worker process died (SIGKILL)"
    assert death_reason(3) == "the worker process exited unexpectedly (exit code 3)"
