"""Validators: rules that read a Plan and return findings. A finding never changes what was extracted.

A rule is a plain function Plan -> list[Finding], registered with the codes it may emit. The rule
modules are imported below; a new rule is one function in one module plus its contract row.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from kehoach.schemas import Finding, Plan
from kehoach.schemas.findings import FINDING_CODES, is_valid_code

log = logging.getLogger(__name__)

Rule = Callable[[Plan], list[Finding]]


@dataclass(frozen=True)
class RegisteredRule:
    name: str
    codes: tuple[str, ...]
    description: str
    func: Rule


RULES: dict[str, RegisteredRule] = {}


def rule(*codes: str, description: str) -> Callable[[Rule], Rule]:
    """Register a rule under its function name with the finding codes it may emit."""

    def register(func: Rule) -> Rule:
        name = f"{func.__module__.rsplit('.', 1)[-1]}.{func.__name__}"
        if name in RULES:
            raise ValueError(f"rule {name} registered twice")
        for code in codes:
            if not is_valid_code(code) or code not in FINDING_CODES:
                raise ValueError(f"rule {name}: unknown or malformed finding code {code!r}")
        RULES[name] = RegisteredRule(name, codes, description, func)
        return func

    return register


@dataclass
class ValidationResult:
    findings: list[Finding]
    errors: list[str]  # rules that raised: bugs, reported apart so the other findings survive


def validate(plan: Plan) -> ValidationResult:
    """Run every registered rule on the plan."""
    _load_rules()
    findings: list[Finding] = []
    errors: list[str] = []
    for registered in RULES.values():
        try:
            produced = registered.func(plan)
        except Exception as exc:  # a rule that raises is a bug; keep the other rules' findings
            log.exception("validator %s failed", registered.name)
            errors.append(f"{registered.name}: {type(exc).__name__}: {exc}")
            continue
        for item in produced:
            if item.code not in registered.codes:
                errors.append(f"{registered.name} emitted unregistered code {item.code}")
        findings.extend(produced)
    return ValidationResult(findings, errors)


@lru_cache(maxsize=1)
def _load_rules() -> None:
    import importlib
    import pkgutil

    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
