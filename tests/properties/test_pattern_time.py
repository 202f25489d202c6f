"""Every regular expression kehoach compiles at module level runs in time linear in its input on the
inputs that make backtracking patterns explode: long runs of blanks, digits, dots, markers and
letters, with and without a line end or a closing character. A pattern with nested or adjacent
unbounded quantifiers takes minutes on a 2,000-character run, and a file holding one hangs the batch.
(The bound is loose, for shared machines: it catches the explosive cases, not quadratic ones.)"""

from __future__ import annotations

import importlib
import pkgutil
import re
import time

import pytest

PACKAGES = ("extractors", "pipeline", "schemas")
LENGTH = 2_000
BOUND_S = 2.0


def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    found: dict[tuple[str, int], tuple[str, re.Pattern[str]]] = {}
    for package_name in PACKAGES:
        package = importlib.import_module(f"kehoach.{package_name}")
        for info in pkgutil.walk_packages(package.__path__, prefix=f"kehoach.{package_name}."):
            if ".cli" in info.name or ".migrations" in info.name:  # migration scripts run when imported
                continue
            module = importlib.import_module(info.name)
            for name, value in vars(module).items():
                if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                    found.setdefault((value.pattern, value.flags), (f"{info.name}.{name}", value))
    return sorted(found.values(), key=lambda item: item[0])


PATTERNS = _patterns()

_RUNS = [" ", "\t", "1", "1.", ". ", "-", "*", "#", "|", "a", "A ", "đ", "I.", "1.1.", "(", "a)", "- ", "**", "_",
         " \n", "0", ", ", "Sở ", "năm ", "ngày 1 ", "/", "+ "]


def _hostile_inputs() -> list[str]:
    inputs = []
    for run in _RUNS:
        body = run * (LENGTH // len(run))
        inputs += [body, body + "!", "# x" + body + "y", "1. " + body + "\n", body + ")", "x" + body + "y",
                   body + "x" + body]
    return inputs


HOSTILE = _hostile_inputs()


def test_patterns_were_found() -> None:
    assert len(PATTERNS) > 50


@pytest.mark.parametrize("name,pattern", PATTERNS, ids=[name for name, _ in PATTERNS])
def test_pattern_runs_in_linear_time_on_hostile_runs(name: str, pattern: re.Pattern[str]) -> None:
    for text in HOSTILE:
        start = time.perf_counter()
        pattern.search(text)
        took = time.perf_counter() - start
        assert took < BOUND_S, f"{name} /{pattern.pattern}/ backtracks: {took:.1f} s on {text[:12]!r}..."
