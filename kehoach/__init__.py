"""kehoach reads Vietnamese official plan documents into structured, validated data.

    import kehoach

    plan = kehoach.extract("plan.pdf")            # a path, or bytes: kehoach.extract(data, format="pdf")
    plan.document.number, plan.tasks[0].lead_units
    findings = kehoach.validate(plan)              # the validators' findings, list[kehoach.Finding]
    comparison = kehoach.compare([plan, other])    # coverage, targets, budgets and leads side by side

The public surface is what `__all__` names. `kehoach.pipeline`, `kehoach.extractors` and
`kehoach.schemas` hold the implementation: they are private and may change between versions.

The names are loaded on first use, so that `import kehoach` (and the `kehoach` command's start-up, which
imports this package first) stays cheap.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kehoach.api import Comparison, Finding, KehoachError, Plan, compare, extract, validate

__all__ = ["Comparison", "Finding", "KehoachError", "Plan", "__version__", "compare", "extract", "validate"]

_API = frozenset(__all__) - {"__version__"}


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from kehoach.pipeline.version import kehoach_version

        return kehoach_version()
    if name in _API:
        value = getattr(import_module("kehoach.api"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'kehoach' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
