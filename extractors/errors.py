"""One hierarchy of errors, by whose fault: the input's, the machine's, or ours."""

from __future__ import annotations


class KehoachError(Exception):
    """Root of every error kehoach raises on purpose."""


class InputError(KehoachError):
    """The input cannot be read as a plan document."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class UnsupportedFormatError(InputError):
    """No reader handles this kind of file."""


class DocumentLoadError(InputError):
    """The file is of a known kind but corrupt, encrypted, empty or has no readable text."""


class MissingDependencyError(KehoachError):
    """An optional system tool or package is needed and not installed."""

    def __init__(self, what: str, install_hint: str) -> None:
        super().__init__(f"{what} is not installed: {install_hint}")
        self.what = what
        self.install_hint = install_hint


class ReferenceDataError(KehoachError):
    """A reference data file is missing or malformed."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"reference data {name}: {reason}")


class InternalError(KehoachError):
    """A broken invariant: a bug in kehoach."""
