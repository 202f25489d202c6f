"""What a batch did, for the closing lines of `kehoach extract` on stderr: files, pages, tasks,
findings by severity, and the failures grouped by reason."""

from __future__ import annotations

from dataclasses import dataclass, field

from kehoach.pipeline.job import Outcome


@dataclass
class Summary:
    """What a batch did, for the closing lines on stderr."""

    files: int = 0
    extracted: int = 0
    pages: int = 0
    tasks: int = 0
    findings: dict[str, int] = field(default_factory=lambda: {"error": 0, "warning": 0, "info": 0})
    failures: dict[str, int] = field(default_factory=dict)

    def add(self, outcome: Outcome) -> None:
        self.files += 1
        if outcome.plan is None:
            reason = outcome.error or "unknown error"
            self.failures[reason] = self.failures.get(reason, 0) + 1
            return
        self.extracted += 1
        pages = (outcome.plan.get("source") or {}).get("pages")
        self.pages += pages if isinstance(pages, int) else 0
        self.tasks += len(outcome.plan.get("tasks") or [])
        for item in outcome.plan.get("findings") or []:
            severity = item.get("severity", "info")
            self.findings[severity] = self.findings.get(severity, 0) + 1

    @property
    def failed(self) -> int:
        return self.files - self.extracted

    def lines(self, seconds: float, jobs: int) -> list[str]:
        findings = ", ".join(f"{n} {severity}" for severity, n in self.findings.items())
        head = (
            f"{self.files} file{'s' if self.files != 1 else ''}: {self.extracted} extracted, {self.failed} failed; "
            f"{self.pages} pages, {self.tasks} tasks; findings: {findings}; "
            f"{seconds:.1f} s with {jobs} job{'s' if jobs != 1 else ''}"
        )
        lines = [head]
        for reason, count in sorted(self.failures.items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"  {count} failed: {reason}")
        return lines
