"""The installed kehoach version, looked up only when asked for (importlib.metadata is slow to load)."""

from __future__ import annotations


def kehoach_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("kehoach")
    except PackageNotFoundError:
        return "0+unknown"
